"""PyTorch inference through transformers' generate(), in the model's own precision."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from translate.engines import Decoding, EngineOptions, Hypothesis, Job, pick_device
from translate.engines.generation import ModelGeneration


class TransformersEngine:
    name = "transformers"

    def __init__(self, folder: Path, tokenizer, generation: ModelGeneration, options: EngineOptions, **_hooks) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM

        if options.threads > 0:
            torch.set_num_threads(options.threads)
        self.device = pick_device(options.device)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(folder).to(self.device).eval()
        self.tokenizer = tokenizer
        self.generation = generation
        self.compute_type = str(self.model.dtype).removeprefix("torch.")
        self.pad_id = generation.pad_token_id if generation.pad_token_id is not None else self.model.config.pad_token_id

    def _kwargs(self, decoding: Decoding) -> dict[str, object]:
        g = self.generation
        kwargs: dict[str, object] = {
            "do_sample": False, "num_beams": decoding.num_beams, "max_new_tokens": decoding.max_new_tokens,
            "min_new_tokens": decoding.min_new_tokens, "early_stopping": g.early_stopping,
            "length_penalty": g.length_penalty if decoding.length_penalty is None else decoding.length_penalty,
            "no_repeat_ngram_size": decoding.no_repeat_ngram_size or 0,
            "eos_token_id": g.eos_token_id, "pad_token_id": self.pad_id, "decoder_start_token_id": g.decoder_start_token_id,
            "forced_bos_token_id": g.forced_bos_token_id, "forced_eos_token_id": g.forced_eos_token_id,
            "max_length": None, "min_length": None,
        }
        if g.bad_words_ids:
            kwargs["bad_words_ids"] = [list(ids) for ids in g.bad_words_ids]
        return {k: v for k, v in kwargs.items() if v is not None}

    def generate(self, batch: Sequence[list[str]], decoding: Decoding) -> list[list[str]]:
        return [h.tokens for h in self.hypotheses(batch, decoding)]

    def hypotheses(self, batch: Sequence[list[str]], decoding: Decoding) -> list[Hypothesis]:
        import torch

        ids = [self.tokenizer.convert_tokens_to_ids(tokens) for tokens in batch]
        width = max(map(len, ids))
        input_ids = torch.full((len(ids), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.long)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = torch.tensor(seq)
            mask[row, : len(seq)] = 1
        with torch.inference_mode():
            out = self.model.generate(input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device),
                                      output_scores=True, return_dict_in_generate=True, **self._kwargs(decoding))
            steps = self.model.compute_transition_scores(out.sequences, out.scores, getattr(out, "beam_indices", None),
                                                         normalize_logits=decoding.num_beams == 1)
        special = set(self.tokenizer.all_special_ids)
        eos = self.generation.eos_token_id
        generated = out.sequences[:, -steps.shape[1]:]
        results = []
        for row, step_row, new in zip(out.sequences.tolist(), steps.tolist(), generated.tolist()):
            length = new.index(eos) + 1 if eos in new else len(new)
            kept = [s for s, t in zip(step_row[:length], new[:length]) if t != self.pad_id or t == eos]
            score = sum(kept) / max(1, len(kept))
            tokens = self.tokenizer.convert_ids_to_tokens([i for i in row if i not in special])
            # With forced_eos_token_id, generate() puts the end token in the last slot itself: that is a cut.
            forced = self.generation.forced_eos_token_id is not None and length >= decoding.max_new_tokens
            results.append(Hypothesis(tokens, float(score), eos in new and not forced))
        return results

    def generate_many(self, jobs: Sequence[Job]) -> Iterator[list[Hypothesis]]:
        for batch, decoding in jobs:  # torch parallelizes within a batch
            yield self.hypotheses(batch, decoding)
