"""models.lock: the pinned models (repo, revision, licence, file hashes), read with tomllib."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import tomli_w

from translate import settings
from translate.atomic import write_text_atomic

TRANSLATION = "translation"
SUMMARIZATION = "summarization"
LOCK_ENV = settings.MODELS_LOCK
_FULL_SHA = re.compile(r"[0-9a-f]{40}")
_ENTRY_KEYS = {"repo", "revision", "license", "files", "settings"}
# Generation settings a pin may carry, by role; the options classes use the same names.
SETTINGS_KEYS = {
    SUMMARIZATION: {"num_beams", "min_length", "max_length", "length_penalty", "no_repeat_ngram_size"},
    TRANSLATION: {"num_beams"},
}


class LockError(Exception):
    """models.lock is missing, malformed or lacks a role."""


@dataclass(frozen=True)
class ModelPin:
    role: str
    repo: str
    revision: str
    license: str = ""
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256 (where known)
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def revision_is_full(self) -> bool:
        return bool(_FULL_SHA.fullmatch(self.revision))

    def with_resolution(self, revision: str, files: dict[str, str]) -> ModelPin:
        return replace(self, revision=revision, files=dict(sorted(files.items())))


@dataclass(frozen=True)
class Lock:
    path: Path
    models: dict[str, ModelPin]

    def pin(self, role: str) -> ModelPin:
        try:
            return self.models[role]
        except KeyError:
            raise LockError(f"{self.path} pins no model for '{role}'.") from None


def default_lock_path() -> Path:
    """$TRANSLATE_MODELS_LOCK, else the checkout's top-level models.lock (a source tree or an editable
    install), else the copy inside the installed package (a wheel carries one)."""
    if env := settings.get(LOCK_ENV):
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "models.lock").is_file():
        return checkout / "models.lock"
    return Path(str(resources.files("translate") / "models.lock"))


def load_lock(path: Path | None = None) -> Lock:
    path = path or default_lock_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LockError(f"No models.lock at {path} (set {LOCK_ENV} to point at one).") from None
    except tomllib.TOMLDecodeError as exc:
        raise LockError(f"{path} is not valid TOML: {exc}") from None
    models = {}
    for role, entry in data.get("models", {}).items():
        unknown = sorted(set(entry) - _ENTRY_KEYS)
        if unknown:
            raise LockError(f"{path}: [models.{role}] has unknown key '{unknown[0]}' (known: {', '.join(sorted(_ENTRY_KEYS))}).")
        allowed = SETTINGS_KEYS.get(role, set())
        unknown = sorted(set(entry.get("settings", {})) - allowed)
        if unknown:
            raise LockError(f"{path}: [models.{role}.settings] has unknown key '{unknown[0]}' "
                            f"(known: {', '.join(sorted(allowed)) or 'none'}).")
        try:
            models[role] = ModelPin(
                role=role,
                repo=entry["repo"],
                revision=entry["revision"],
                license=entry.get("license", ""),
                files=dict(entry.get("files", {})),
                settings=dict(entry.get("settings", {})),
            )
        except KeyError as exc:
            raise LockError(f"{path}: [models.{role}] lacks {exc}.") from None
    return Lock(path, models)


def dump_lock(lock: Lock) -> str:
    body = {
        "models": {
            role: {
                "repo": pin.repo,
                "revision": pin.revision,
                "license": pin.license,
                "files": pin.files,
                **({"settings": pin.settings} if pin.settings else {}),
            }
            for role, pin in lock.models.items()
        }
    }
    header = "# Pinned models. Rewritten by `translate models lock` (needs the network).\n\n"
    return header + tomli_w.dumps(body)


def save_lock(lock: Lock) -> None:
    write_text_atomic(lock.path, dump_lock(lock))
