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
from translate.errors import LockError

TRANSLATION = "translation"
SUMMARIZATION = "summarization"
LOCK_ENV = settings.MODELS_LOCK
_FULL_SHA = re.compile(r"[0-9a-f]{40}")
_ENTRY_KEYS = {"repo", "revision", "license", "files", "settings", "role"}
# Generation settings a pin may carry, by role; the options classes use the same names.
SETTINGS_KEYS = {
    SUMMARIZATION: {"num_beams", "min_length", "max_length", "length_penalty", "no_repeat_ngram_size"},
    TRANSLATION: {"num_beams"},
}


@dataclass(frozen=True)
class ModelPin:
    role: str
    repo: str
    revision: str
    license: str = ""
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256 (where known)
    settings: dict[str, object] = field(default_factory=dict)
    name: str = ""  # the lock's key: the role for the default models, else what users type (tc-big)

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.role)

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
        """The default model of a role (the entry named after it)."""
        try:
            return self.models[role]
        except KeyError:
            raise LockError(f"{self.path} pins no model for '{role}'.") from None

    def named(self, name: str, role: str | None = None) -> ModelPin | None:
        """The pin a user names (``--mt-model tc-big``), if the lock has it (for ``role``, if given)."""
        pin = self.models.get(name)
        return pin if pin is not None and (role is None or pin.role == role) else None

    def names(self, role: str) -> list[str]:
        return [name for name, pin in self.models.items() if pin.role == role]


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
    for name, entry in data.get("models", {}).items():
        unknown = sorted(set(entry) - _ENTRY_KEYS)
        if unknown:
            raise LockError(f"{path}: [models.{name}] has unknown key '{unknown[0]}' (known: {', '.join(sorted(_ENTRY_KEYS))}).")
        role = entry.get("role", name)
        if role not in SETTINGS_KEYS:
            raise LockError(f"{path}: [models.{name}] has role '{role}'; roles are {', '.join(SETTINGS_KEYS)}.")
        allowed = SETTINGS_KEYS[role]
        unknown = sorted(set(entry.get("settings", {})) - allowed)
        if unknown:
            raise LockError(f"{path}: [models.{name}.settings] has unknown key '{unknown[0]}' "
                            f"(known: {', '.join(sorted(allowed)) or 'none'}).")
        try:
            models[name] = ModelPin(
                name=name,
                role=role,
                repo=entry["repo"],
                revision=entry["revision"],
                license=entry.get("license", ""),
                files=dict(entry.get("files", {})),
                settings=dict(entry.get("settings", {})),
            )
        except KeyError as exc:
            raise LockError(f"{path}: [models.{name}] lacks {exc}.") from None
    return Lock(path, models)


def dump_lock(lock: Lock) -> str:
    body = {
        "models": {
            name: {
                **({"role": pin.role} if pin.role != name else {}),
                "repo": pin.repo,
                "revision": pin.revision,
                "license": pin.license,
                "files": pin.files,
                **({"settings": pin.settings} if pin.settings else {}),
            }
            for name, pin in lock.models.items()
        }
    }
    header = "# Pinned models. Rewritten by `translate models lock` (needs the network).\n\n"
    return header + tomli_w.dumps(body)


def save_lock(lock: Lock) -> None:
    write_text_atomic(lock.path, dump_lock(lock))
