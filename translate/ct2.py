"""CTranslate2 engine: the same Marian and BART models, converted once (int8 on CPU) and cached.

Conversion uses ctranslate2's own TransformersConverter on the pinned snapshot or local folder.
The converted model is cached by (repo@revision or folder content hash, compute type) and is
written to a temp folder first, then renamed, so an interrupted conversion is never used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from translate.engines import Decoding, pick_device
from translate.hub import folder_digest

CACHE_ENV = "TRANSLATE_CACHE"
_TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "merges.txt", "tokenizer.json",
                    "tokenizer_config.json", "special_tokens_map.json", "generation_config.json")


def tool_cache() -> Path:
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "translate-briefing"


def default_compute_type(device: str) -> str:
    return "int8_float16" if device == "cuda" else "int8"


def model_identity(folder: Path) -> str:
    """repo@revision for a Hugging Face cache snapshot; a content hash for any other folder."""
    if folder.parent.name == "snapshots" and folder.parent.parent.name.startswith("models--"):
        repo = folder.parent.parent.name.removeprefix("models--").replace("--", "/")
        return f"{repo}@{folder.name}"
    return f"sha256:{folder_digest(folder)}"


def _converter(folder: Path, copy_files: list[str]):
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        """ctranslate2's converter, fed what transformers 5 no longer puts on BartConfig."""

        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            if model.config.model_type == "bart" and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False  # BART is post-norm
            return model

    return Converter(str(folder), copy_files=copy_files)


def converted(folder: Path, compute_type: str) -> Path:
    """The CTranslate2 conversion of ``folder`` at ``compute_type``, converting on first use."""
    identity = model_identity(folder)
    key = hashlib.sha256(f"{identity}|{compute_type}".encode()).hexdigest()[:24]
    target = tool_cache() / "ct2" / key
    if (target / "model.bin").is_file():
        return target
    from translate.engines import quiet_transformers

    quiet_transformers()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=target.parent))
    try:
        copy = [name for name in _TOKENIZER_FILES if (folder / name).is_file()]
        _converter(folder, copy).convert(str(staging / "model"), quantization=compute_type, force=True)
        (staging / "model" / "translate-source.json").write_text(
            json.dumps({"source": identity, "compute_type": compute_type}), encoding="utf-8"
        )
        try:
            os.replace(staging / "model", target)
        except OSError:  # another process finished first
            if not (target / "model.bin").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


MKL_ISA = ("MKL_ENABLE_INSTRUCTIONS", "AVX512_E1")


def prefer_vnni() -> None:
    """Cap oneMKL at AVX-512 VNNI, unless the user chose: on the 2-core Xeon we measure on, its
    AMX int8 kernels decode these models about 15% slower. Both are exact int32 GEMMs, so the
    outputs are identical; on CPUs without AMX the cap changes nothing. Read by MKL when it
    first runs, so set before ctranslate2 computes anything."""
    os.environ.setdefault(*MKL_ISA)


def thread_split(threads: int, parallel: int) -> tuple[int, int]:
    """(inter, intra): ``parallel`` batches at once, sharing ``threads`` cores (0: all of them)."""
    threads = threads or os.cpu_count() or 1
    inter = max(1, min(parallel, threads))
    return inter, max(1, threads // inter)


class CTranslate2Engine:
    name = "ctranslate2"

    def __init__(self, folder: Path, tokenizer, *, device: str = "auto", compute_type: str = "auto", threads: int = 0,
                 parallel: int = 1) -> None:
        prefer_vnni()
        import ctranslate2

        self.device = pick_device(device)
        self.compute_type = default_compute_type(self.device) if compute_type in ("auto", "default") else compute_type
        self.path = converted(folder, self.compute_type)
        inter, intra = thread_split(threads, parallel) if self.device == "cpu" else (1, 0)
        # Small decoders keep one core busier than two: two batches side by side, a core each.
        self.translator = ctranslate2.Translator(
            str(self.path), device=self.device, compute_type=self.compute_type, intra_threads=intra, inter_threads=inter,
        )
        self.special = set(tokenizer.all_special_tokens)
        generation_file = folder / "generation_config.json"
        generation = json.loads(generation_file.read_text()) if generation_file.is_file() else {}
        self.default_beams = generation.get("num_beams", 1)
        forced_bos = generation.get("forced_bos_token_id")
        # transformers forces BART's first token to <s>; ctranslate2 takes it as a target prefix.
        self.prefix = [tokenizer.convert_ids_to_tokens(forced_bos)] if forced_bos is not None else []

    def generate(self, batch: Sequence[list[str]], decoding: Decoding) -> list[list[str]]:
        return self.generate_many([(batch, decoding)])[0]

    def generate_many(self, jobs: Sequence[tuple[Sequence[list[str]], Decoding]]) -> list[list[list[str]]]:
        """All jobs queued at once; ctranslate2 runs ``inter_threads`` of them side by side."""
        pending = [self.translator.translate_batch(list(batch), asynchronous=True, **self._options(batch, decoding))
                   for batch, decoding in jobs]
        return [[self._tokens(result.result()) for result in batch] for batch in pending]

    def _tokens(self, result) -> list[str]:
        return [t for t in result.hypotheses[0] if t not in self.special]

    def _options(self, batch: Sequence[list[str]], decoding: Decoding) -> dict[str, object]:
        options: dict[str, object] = {
            "beam_size": decoding.beams or self.default_beams,
            "max_decoding_length": decoding.max_new_tokens - 1,  # transformers counts the end token
            "min_decoding_length": decoding.min_new_tokens,
        }
        if decoding.length_penalty is not None:
            options["length_penalty"] = decoding.length_penalty
        if decoding.no_repeat_ngram_size is not None:
            options["no_repeat_ngram_size"] = decoding.no_repeat_ngram_size
        if self.prefix:
            options["target_prefix"] = [self.prefix] * len(batch)
        return options
