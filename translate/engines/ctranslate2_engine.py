"""CTranslate2: the same Marian and BART models, converted once (int8 on CPU) and cached.

A conversion is keyed by the sha256 of the files it was made from, the compute type and the
ctranslate2 version, so changed weights never reuse an old conversion. It is written to a temp
folder and renamed; its own files' sha256 are recorded beside it and checked before each use,
and an entry that fails that check or fails to load is discarded and converted once more.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from translate import settings
from translate.digest import files_digest, folder_files, sha256_file
from translate.engines import (
    Decoding,
    EngineOptions,
    Hypothesis,
    Job,
    pick_device,
    quiet_transformers,
    resolve_compute_type,
)
from translate.engines.generation import ModelGeneration
from translate.errors import ConversionError

MANIFEST = "translate-conversion.json"
_SOURCE_FILES = ("config.json", "generation_config.json", "model.safetensors", "pytorch_model.bin", "source.spm",
                 "target.spm", "vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json")
_COPIED = ("source.spm", "target.spm", "vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json",
           "special_tokens_map.json", "generation_config.json")


def conversion_key(folder: Path, compute_type: str) -> tuple[str, str]:
    """(cache key, source digest): the content of the files converted, compute type, ctranslate2 version."""
    import ctranslate2

    names = [name for name in _SOURCE_FILES if (folder / name).is_file()]
    source = files_digest(folder, names)
    key = files_digest_key(source, compute_type, ctranslate2.__version__)
    return key, source


def files_digest_key(source: str, compute_type: str, version: str) -> str:
    import hashlib

    return hashlib.sha256(f"{source}|{compute_type}|ctranslate2 {version}".encode()).hexdigest()[:32]


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


def _intact(target: Path) -> bool:
    """The entry's files are the ones its manifest recorded when it was converted."""
    try:
        recorded = json.loads((target / MANIFEST).read_text(encoding="utf-8"))["files"]
        return bool(recorded) and all(sha256_file(target / name) == digest for name, digest in recorded.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def discard(target: Path) -> None:
    """Move a bad entry aside first (rename is atomic), then delete it."""
    if target.exists():
        trash = target.with_name(f".{target.name}.discarded.{os.getpid()}")
        os.replace(target, trash)
        shutil.rmtree(trash, ignore_errors=True)


def _writable_parent(target: Path) -> tuple[Path, str | None]:
    """``target``, or, when the cache cannot be written there, a place of this process's own (removed at
    exit) and why: a read-only or broken cache costs a conversion per run, never the run."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        probe = Path(tempfile.mkdtemp(prefix=".probe.", dir=target.parent))
        probe.rmdir()
        return target, None
    except OSError as exc:
        private = Path(tempfile.mkdtemp(prefix="translate-ct2-"))
        atexit.register(shutil.rmtree, private, True)
        return private / target.name, f"{target.parent} cannot be written ({exc.strerror or exc})"


def converted(folder: Path, compute_type: str, *, on_convert=None) -> Path:
    """The verified CTranslate2 conversion of ``folder`` at ``compute_type``, converting when needed.

    ``on_convert(folder, problem)`` is told before a conversion; ``problem`` says why it will not be
    kept for later runs (None when it will be)."""
    key, source = conversion_key(folder, compute_type)
    target = settings.tool_cache() / "ct2" / key
    if target.exists():
        if _intact(target):
            return target
        discard(target)
    target, problem = _writable_parent(target)
    if on_convert:
        on_convert(folder, problem)
    quiet_transformers()
    staging = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=target.parent))
    try:
        copy = [name for name in _COPIED if (folder / name).is_file()]
        out = staging / "model"
        _converter(folder, copy).convert(str(out), quantization=compute_type, force=True)
        files = {name: sha256_file(out / name) for name in folder_files(out)}
        manifest = {"source": str(folder), "source_sha256": source, "compute_type": compute_type, "files": files}
        (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        try:
            os.replace(out, target)
        except OSError:  # another process finished first
            if not _intact(target):
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


MKL_ISA = (settings.MKL_ENABLE_INSTRUCTIONS, "AVX512_E1")


def prefer_vnni() -> None:
    """Cap oneMKL at AVX-512 VNNI, unless the user chose: on the 2-core Xeon we measure on, its
    AMX int8 kernels decode these models about 15% slower. Both are exact int32 GEMMs, so the
    outputs are identical; on CPUs without AMX the cap changes nothing. Read by MKL when it
    first runs, so set before ctranslate2 computes anything."""
    os.environ.setdefault(*MKL_ISA)


POLL_S = 0.05  # at most this long between looks at a pending batch


def _wait(result):
    """An asynchronous result, waited for in Python: a wait inside ctranslate2 would hold off SIGTERM and
    Ctrl-C until the whole batch is decoded (half a minute for a long summary)."""
    delay = 0.0005
    while not result.done():
        time.sleep(delay)
        delay = min(2 * delay, POLL_S)
    return result.result()


def thread_split(threads: int, parallel: int) -> tuple[int, int]:
    """(inter, intra): ``parallel`` batches at once, sharing ``threads`` cores (0: all of them)."""
    threads = threads or os.cpu_count() or 1
    inter = max(1, min(parallel, threads))
    return inter, max(1, threads // inter)


class CTranslate2Engine:
    name = "ctranslate2"

    def __init__(self, folder: Path, tokenizer, generation: ModelGeneration, options: EngineOptions,
                 on_convert=None) -> None:
        prefer_vnni()
        import ctranslate2

        self.device = pick_device(options.device, options.engine)
        self.compute_type = resolve_compute_type(options.engine, self.device, options.compute_type)
        inter, intra = thread_split(options.threads, options.parallel) if self.device == "cpu" else (1, 0)
        for attempt in (1, 2):
            self.path = converted(folder, self.compute_type, on_convert=on_convert)
            try:
                # Small decoders keep one core busier than two: two batches side by side, a core each.
                self.translator = ctranslate2.Translator(str(self.path), device=self.device, compute_type=self.compute_type,
                                                         intra_threads=intra, inter_threads=inter)
                break
            except (RuntimeError, ValueError, OSError) as exc:
                discard(self.path)
                if attempt == 2:
                    raise ConversionError(f"the CTranslate2 conversion in {self.path} could not be loaded even after "
                                          f"converting again ({exc}); delete {self.path.parent} and retry") from None
        self.special = set(tokenizer.all_special_tokens)
        self.end = tokenizer.convert_ids_to_tokens(generation.eos_token_id) if generation.eos_token_id is not None \
            else tokenizer.eos_token
        self.generation = generation
        forced = generation.forced_bos_token_id
        # transformers forces BART's first token to <s>; ctranslate2 takes it as a target prefix.
        self.prefix = [tokenizer.convert_ids_to_tokens(forced)] if forced is not None else []

    def generate(self, batch: Sequence[list[str]], decoding: Decoding) -> list[list[str]]:
        return [h.tokens for h in next(iter(self.generate_many([(batch, decoding)])))]

    def generate_many(self, jobs: Sequence[Job]) -> Iterator[list[Hypothesis]]:
        """All jobs queued at once; ctranslate2 runs ``inter_threads`` of them side by side."""
        pending = [self.translator.translate_batch(list(batch), asynchronous=True, **self._options(batch, decoding))
                   for batch, decoding in jobs]
        for batch in pending:
            yield [self._hypothesis(_wait(result)) for result in batch]

    def _hypothesis(self, result) -> Hypothesis:
        raw = result.hypotheses[0]
        finished = bool(raw) and raw[-1] == self.end
        score = result.scores[0] / max(1, len(raw) - len(self.prefix)) if result.scores else 0.0
        return Hypothesis([t for t in raw if t not in self.special], score, finished)

    def _options(self, batch: Sequence[list[str]], decoding: Decoding) -> dict[str, object]:
        g = self.generation
        options: dict[str, object] = {
            "beam_size": decoding.num_beams,
            "max_decoding_length": decoding.max_new_tokens - 1,  # transformers counts the end token
            "min_decoding_length": decoding.min_new_tokens,
            "length_penalty": g.length_penalty if decoding.length_penalty is None else decoding.length_penalty,
            "return_scores": True,
            "return_end_token": True,
        }
        if decoding.no_repeat_ngram_size:
            options["no_repeat_ngram_size"] = decoding.no_repeat_ngram_size
        if self.prefix:
            options["target_prefix"] = [self.prefix] * len(batch)
        return options
