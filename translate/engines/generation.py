"""A model's own generation settings: generation_config.json if the folder has one, else config.json.

Both engines take them from here, so they decode alike whichever file a repo ships
(distilbart-cnn-12-6 and opus-mt-tc-big-ar-en have only config.json).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModelGeneration:
    source: str  # the file the settings came from
    num_beams: int = 1
    max_length: int = 512
    min_length: int = 0
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    early_stopping: bool = False
    eos_token_id: int | None = None
    pad_token_id: int | None = None
    decoder_start_token_id: int | None = None
    forced_bos_token_id: int | None = None
    forced_eos_token_id: int | None = None
    bad_words_ids: tuple[tuple[int, ...], ...] = ()


def read_generation(folder: Path) -> ModelGeneration:
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    generation_file = folder / "generation_config.json"
    if generation_file.is_file():
        source, settings = "generation_config.json", json.loads(generation_file.read_text(encoding="utf-8"))
        for key in ("eos_token_id", "pad_token_id", "decoder_start_token_id"):  # token ids: the model's, if not here
            settings.setdefault(key, config.get(key))
    else:
        source, settings = "config.json", config

    def get(key: str, default):
        value = settings.get(key)
        return default if value is None else value

    eos = get("eos_token_id", None)
    return ModelGeneration(
        source=source,
        num_beams=int(get("num_beams", 1)),
        max_length=int(get("max_length", 512)),
        min_length=int(get("min_length", 0)),
        length_penalty=float(get("length_penalty", 1.0)),
        no_repeat_ngram_size=int(get("no_repeat_ngram_size", 0)),
        early_stopping=bool(get("early_stopping", False)),
        eos_token_id=eos[0] if isinstance(eos, list) else eos,
        pad_token_id=get("pad_token_id", None),
        decoder_start_token_id=get("decoder_start_token_id", None),
        forced_bos_token_id=get("forced_bos_token_id", None),
        forced_eos_token_id=get("forced_eos_token_id", None),
        bad_words_ids=tuple(tuple(ids) for ids in get("bad_words_ids", ())),
    )
