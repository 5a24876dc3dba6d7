"""Where model files come from: a local folder, or the Hugging Face cache at the pinned revision.

Downloads and cache layout are huggingface_hub's; this module only decides which revision and
files, checks hashes against models.lock, and turns every failure into one clear paragraph.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import huggingface_hub
from huggingface_hub import HfApi, snapshot_download
from huggingface_hub.errors import LocalEntryNotFoundError

from translate.lock import ModelPin

_TRUE = {"1", "ON", "YES", "TRUE"}
# Files a model needs, in every format the two families ship; weights are chosen per repo.
_NEEDED = (
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "vocab.json",
    "merges.txt",
    "source.spm",
    "target.spm",
)
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


class ModelUnavailable(Exception):
    """A model cannot be had: the message is the whole explanation, for a person."""


class HashMismatch(Exception):
    """A cached file differs from the sha256 in models.lock."""


@dataclass(frozen=True)
class ModelSource:
    """A model resolved to a folder on disk, with what to stamp on results."""

    role: str
    path: Path
    repo: str | None = None  # hub repo id; None for a local folder
    revision: str | None = None  # full commit; None for a local folder

    def provenance(self) -> dict[str, str]:
        if self.repo:
            return {"repo": self.repo, "revision": self.revision or ""}
        return {"path": str(self.path), "content_sha256": folder_digest(self.path)}


def quiet_hub() -> None:
    """No retry chatter or progress bars from huggingface_hub: failures are reported once, by us."""
    huggingface_hub.utils.logging.set_verbosity_error()


def offline() -> bool:
    return huggingface_hub.is_offline_mode() or os.environ.get("HF_HUB_OFFLINE", "").upper() in _TRUE


def cache_dir() -> Path:
    """The hub cache, honouring HF_HUB_CACHE and HF_HOME as read now."""
    if env := os.environ.get("HF_HUB_CACHE"):
        return Path(env)
    if home := os.environ.get("HF_HOME"):
        return Path(home) / "hub"
    return Path(huggingface_hub.constants.HF_HUB_CACHE)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """One sha256 over the names and contents of a folder's files (for local models).

    Remembered per process for as long as no file's size or modification time changes.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    signature = tuple((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _digest(folder, signature)


@lru_cache(maxsize=32)
def _digest(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in signature:
        digest.update(name.encode())
        digest.update(sha256_file(folder / name).encode())
    return digest.hexdigest()


def _repo_folder(repo: str) -> Path:
    return cache_dir() / ("models--" + repo.replace("/", "--"))


def cached_snapshot(repo: str, revision: str) -> Path | None:
    """The cached snapshot folder for a full or short commit, if there is exactly one."""
    snapshots = _repo_folder(repo) / "snapshots"
    if not snapshots.is_dir():
        return None
    found = [p for p in snapshots.iterdir() if p.is_dir() and p.name.startswith(revision)]
    return found[0] if len(found) == 1 else None


def missing_model_message(pin: ModelPin, reason: str, option: str, alternative: str = "") -> str:
    return (
        f"The {pin.role} model {pin.repo} at revision {pin.revision} is not available: {reason}. "
        f"To fix it, run `translate models pull` on a machine with network access "
        f"(then copy its Hugging Face cache, {cache_dir()}, here if this machine is offline), "
        f"or pass {option} PATH with a local folder saved by save_pretrained."
        + (f" {alternative}" if alternative else "")
    )


def full_revision(pin: ModelPin) -> str:
    """The pin's full commit: as written, from the cache (refs, short hashes), or from the Hub."""
    if pin.revision_is_full:
        return pin.revision
    ref = _repo_folder(pin.repo) / "refs" / pin.revision
    if ref.is_file():
        return ref.read_text().strip()
    is_short_hash = all(c in "0123456789abcdef" for c in pin.revision)
    if is_short_hash and (snapshot := cached_snapshot(pin.repo, pin.revision)):
        return snapshot.name
    if offline():
        raise LookupError(f"revision {pin.revision} is not in the local cache and the Hub is offline")
    if not is_short_hash:
        return HfApi().model_info(pin.repo, revision=pin.revision).sha
    commits = [c.commit_id for c in HfApi().list_repo_commits(pin.repo) if c.commit_id.startswith(pin.revision)]
    if len(commits) != 1:
        raise LookupError(f"{len(commits)} commits of {pin.repo} start with {pin.revision}")
    return commits[0]


def files_to_fetch(pin: ModelPin, revision: str) -> list[str]:
    """The lock's file list, or (online) the needed files the repo has, one weights format."""
    if pin.files:
        return sorted(pin.files)
    present = set(HfApi().list_repo_files(pin.repo, revision=revision))
    weights = next((w for w in _WEIGHTS if w in present), None)
    return sorted(f for f in (*_NEEDED, weights) if f in present)


def fetch(pin: ModelPin, *, download: bool = True) -> Path:
    """The local snapshot of the pinned revision, downloading it if allowed and online."""
    revision = full_revision(pin)
    if snapshot := cached_snapshot(pin.repo, revision):
        if not pin.files or all((snapshot / name).is_file() for name in pin.files):
            verify(pin, snapshot)
            return snapshot
    if not download or offline():
        raise LocalEntryNotFoundError("not in the local cache, and the Hub is offline")
    folder = Path(
        snapshot_download(
            pin.repo,
            revision=revision,
            cache_dir=cache_dir(),
            allow_patterns=files_to_fetch(pin, revision),
        )
    )
    verify(pin, folder)
    return folder


def verify(pin: ModelPin, folder: Path) -> list[str]:
    """Check every hashed file of the pin in ``folder``; raise HashMismatch on any difference."""
    problems = []
    for name, expected in sorted(pin.files.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif expected and (actual := sha256_file(path)) != expected:
            problems.append(f"{name}: sha256 {actual}, lock says {expected}")
    if problems:
        raise HashMismatch(f"{pin.repo}@{pin.revision} in {folder}: " + "; ".join(problems))
    return sorted(pin.files)


def resolve(pin: ModelPin, override: str | None, *, option: str, alternative: str = "") -> ModelSource:
    """A local folder (``override`` path), another repo (``override`` id), or the pinned model."""
    if override:
        candidate = Path(override).expanduser()
        if candidate.is_dir():
            return ModelSource(pin.role, candidate.resolve())
        if override.startswith((".", "/", "~")) or override.count("/") != 1:
            raise ModelUnavailable(f"{option} {override}: no such folder, and not a Hub repo id (owner/name).")
        pin = ModelPin(role=pin.role, repo=override, revision="main", settings=pin.settings)
    quiet_hub()
    try:
        folder = fetch(pin)
    except HashMismatch as exc:
        raise ModelUnavailable(f"Refusing the {pin.role} model: {exc}. Delete it and run `translate models pull`.") from None
    except Exception as exc:  # noqa: BLE001 - offline, DNS, HTTP, missing files: all mean "not available"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelUnavailable(missing_model_message(pin, reason, option, alternative)) from None
    return ModelSource(pin.role, folder, repo=pin.repo, revision=folder.name)


def lock_pin(pin: ModelPin) -> ModelPin:
    """Online: the pin with its full revision and the sha256 of each file the tool needs."""
    from huggingface_hub import hf_hub_download

    revision = full_revision(pin)
    info = HfApi().model_info(pin.repo, revision=revision, files_metadata=True)
    lfs = {s.rfilename: s.lfs.sha256 for s in info.siblings or [] if s.lfs}
    names = files_to_fetch(ModelPin(pin.role, pin.repo, revision), revision)
    files = {}
    for name in names:
        if name in lfs:
            files[name] = lfs[name]
        else:
            files[name] = sha256_file(Path(hf_hub_download(pin.repo, name, revision=revision, cache_dir=cache_dir())))
    return pin.with_resolution(revision, files)
