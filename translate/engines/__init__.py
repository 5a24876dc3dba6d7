"""Inference engines for sequence-to-sequence models: tokens in, tokens out.

The contract every backend implements (``Engine``, ``Decoding``) and the registry of engine
names. Backends are loaded by name on first use, so that torch or ctranslate2 is imported only
when its engine is chosen.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol


class EngineName(str, Enum):
    ctranslate2 = "ctranslate2"
    transformers = "transformers"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class ComputeType(str, Enum):
    """CTranslate2 compute types; ``auto`` is int8 on CPU and int8_float16 on CUDA."""

    auto = "auto"
    int8 = "int8"
    int8_float32 = "int8_float32"
    int8_float16 = "int8_float16"
    int8_bfloat16 = "int8_bfloat16"
    int16 = "int16"
    float16 = "float16"
    bfloat16 = "bfloat16"
    float32 = "float32"


BATCH_SENTENCES = 16  # ctranslate2 is as fast as with more, and two such batches in flight stay small
PARALLEL_BATCHES = 2  # ctranslate2 on CPU: batches decoded side by side, threads split between them


@dataclass(frozen=True)
class Decoding:
    """Generation settings for one call, fully resolved: engines apply them as they are."""

    num_beams: int
    max_new_tokens: int
    min_new_tokens: int = 0
    length_penalty: float | None = None
    no_repeat_ngram_size: int | None = None


@dataclass(frozen=True)
class EngineOptions:
    """Where and how a model runs; shared by translation and summaries, declared once. Plain strings
    are coerced to the enums here, once."""

    engine: EngineName = EngineName.ctranslate2
    device: Device = Device.auto
    compute_type: ComputeType = ComputeType.auto
    threads: int = 0  # CPU threads; 0: all cores
    parallel: int = PARALLEL_BATCHES  # ctranslate2 on CPU: batches decoded side by side

    def __post_init__(self) -> None:
        object.__setattr__(self, "engine", EngineName(self.engine))
        object.__setattr__(self, "device", Device(self.device))
        object.__setattr__(self, "compute_type", ComputeType(self.compute_type))

    def describe(self) -> dict[str, str]:
        """The engine and the compute type it resolves to here, for provenance."""
        device = pick_device(self.device, self.engine)
        return {"engine": self.engine.value, "compute_type": resolve_compute_type(self.engine, device, self.compute_type)}


Job = tuple[Sequence[list[str]], Decoding]


@dataclass(frozen=True)
class Hypothesis:
    """One output: its tokens (special tokens removed), mean token log-probability, and whether it
    ended with the end token (False: it hit its length bound)."""

    tokens: list[str]
    score: float
    finished: bool


class Engine(Protocol):
    name: str
    device: str
    compute_type: str

    def generate_many(self, jobs: Sequence[Job]) -> Iterator[list[Hypothesis]]:
        """Each (batch, decoding) job's outputs, yielded in job order as each is done."""
        ...


# name -> "module:class"; backends import this module, never the other way round.
REGISTRY = {
    EngineName.transformers: "translate.engines.transformers_engine:TransformersEngine",
    EngineName.ctranslate2: "translate.engines.ctranslate2_engine:CTranslate2Engine",
}


def load_engine(folder: Path, tokenizer, generation, options: EngineOptions, **hooks) -> Engine:
    module, _, cls = REGISTRY[options.engine].partition(":")
    return getattr(importlib.import_module(module), cls)(folder, tokenizer, generation, options, **hooks)


def quiet_transformers() -> None:
    """No progress bars or advisory warnings from transformers on our users' terminals."""
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def pick_device(device: Device | str, engine: EngineName | str = EngineName.transformers) -> str:
    if Device(device) is not Device.auto:
        return Device(device).value
    if EngineName(engine) is EngineName.ctranslate2:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def resolve_compute_type(engine: EngineName | str, device: str, compute_type: ComputeType | str) -> str:
    """What will run: ctranslate2's ``auto`` made concrete; transformers runs the weights' own float32."""
    if EngineName(engine) is EngineName.transformers:
        return "float32"
    if ComputeType(compute_type) is ComputeType.auto:
        return "int8_float16" if device == "cuda" else "int8"
    return ComputeType(compute_type).value
