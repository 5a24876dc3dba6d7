"""Every environment variable the tool reads, in one place (the README lists the same)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

MODELS_LOCK = "TRANSLATE_MODELS_LOCK"  # another models.lock instead of the packaged one
MT_MODEL = "TRANSLATE_MT_MODEL"  # default of --mt-model
SUM_MODEL = "TRANSLATE_SUM_MODEL"  # default of --sum-model
CACHE = "TRANSLATE_CACHE"  # the tool's own cache (CTranslate2 conversions)
XDG_CACHE_HOME = "XDG_CACHE_HOME"  # its parent when TRANSLATE_CACHE is unset
HF_HUB_OFFLINE = "HF_HUB_OFFLINE"  # read by huggingface_hub too: no network at all
HF_HUB_CACHE = "HF_HUB_CACHE"  # the Hugging Face cache folder
HF_HOME = "HF_HOME"  # its parent when HF_HUB_CACHE is unset
HF_ENDPOINT = "HF_ENDPOINT"  # the Hub's address (mirrors)
MKL_ENABLE_INSTRUCTIONS = "MKL_ENABLE_INSTRUCTIONS"  # oneMKL's instruction cap; set to AVX512_E1 unless given
RAY_ADDRESS = "RAY_ADDRESS"  # with --ray and no address: the cluster to join (else a local Ray instance)

ALL = (MODELS_LOCK, MT_MODEL, SUM_MODEL, CACHE, XDG_CACHE_HOME, HF_HUB_OFFLINE, HF_HUB_CACHE, HF_HOME, HF_ENDPOINT,
       MKL_ENABLE_INSTRUCTIONS, RAY_ADDRESS)
_TRUE = {"1", "ON", "YES", "TRUE"}


def get(name: str) -> str | None:
    return os.environ.get(name) or None


def flag(name: str) -> bool:
    return (os.environ.get(name) or "").upper() in _TRUE


def tool_cache() -> Path:
    if env := get(CACHE):
        return Path(env)
    return Path(get(XDG_CACHE_HOME) or Path.home() / ".cache") / "translate-briefing"


def command(arguments: str) -> str:
    """How a person runs ``translate ARGUMENTS`` from where they are: ``translate`` when that name on their
    PATH is this install's, else the path of this install's own script (``.venv/bin/translate ...``)."""
    script = Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin") / "translate"
    on_path = shutil.which("translate")
    if on_path and script.exists() and os.path.samefile(on_path, script):
        name = "translate"
    elif script.exists():
        try:
            name = str(script.relative_to(Path.cwd()))
        except ValueError:
            name = str(script)
    else:
        name = f"{sys.executable} -m translate"
    return f"{name} {arguments}"
