"""Where model files come from: a local folder, or the Hugging Face cache at the pinned revision.

Downloads, the cache's layout and reading it are huggingface_hub's (``snapshot_download``,
``scan_cache_dir``); this module decides which revision and files, checks hashes, and turns every
failure into one clear paragraph that names every missing model at once. Hand-written, because the
library has no such thing: matching a short commit against the cache, and a bounded probe of the
Hub's reachability (remembered for a minute, so a watched folder tries again later).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import huggingface_hub
from huggingface_hub import HfApi, snapshot_download

from translate import settings
from translate.digest import folder_digest, sha256_file
from translate.errors import HashMismatch, ModelUnavailable, NotCached
from translate.lock import SUMMARIZATION, TRANSLATION, Lock, ModelPin, load_lock

# Files a model needs, in every format the two families ship; weights are chosen per repo.
_NEEDED = ("config.json", "generation_config.json", "tokenizer_config.json", "special_tokens_map.json",
           "tokenizer.json", "vocab.json", "merges.txt", "source.spm", "target.spm")
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")
REACH_TIMEOUT_S = 4.0
OPTIONS = {TRANSLATION: "--mt-model", SUMMARIZATION: "--sum-model"}


_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX40 = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class ModelSource:
    """A model resolved to a folder on disk, with what to stamp on results."""

    role: str
    path: Path
    repo: str | None = None  # hub repo id; None for a local folder
    revision: str | None = None  # full commit; None for a local folder
    verified_files: int = 0  # files checked against models.lock hashes
    settings: tuple[tuple[str, object], ...] = ()  # the lock's generation settings for this pinned model
    name: str = ""  # the lock's name for it (translation, tc-big, ...)

    @property
    def pinned_settings(self) -> dict[str, object]:
        return dict(self.settings)

    @property
    def unverified(self) -> bool:
        """A Hub model whose files models.lock records no hashes for."""
        return self.repo is not None and self.verified_files == 0

    def provenance(self) -> dict[str, str]:
        if self.repo:
            return {"repo": self.repo, "revision": self.revision or "", **({"name": self.name} if self.name else {})}
        return {"path": str(self.path), "content_sha256": folder_digest(self.path)}


def quiet_hub() -> None:
    """No retry chatter or progress bars from huggingface_hub: failures are reported once, by us."""
    huggingface_hub.utils.logging.set_verbosity_error()


def offline() -> bool:
    return huggingface_hub.is_offline_mode() or settings.flag(settings.HF_HUB_OFFLINE)


def cache_dir() -> Path:
    """The hub cache, honouring HF_HUB_CACHE and HF_HOME as read now."""
    if env := settings.get(settings.HF_HUB_CACHE):
        return Path(env)
    if home := settings.get(settings.HF_HOME):
        return Path(home) / "hub"
    return Path(huggingface_hub.constants.HF_HUB_CACHE)


def endpoint() -> str:
    return settings.get(settings.HF_ENDPOINT) or "https://huggingface.co"


REACH_MEMORY_S = 60.0  # a probe's answer is reused this long (a watched folder asks again later)
_probes: dict[tuple[str, float], tuple[float, bool]] = {}


def _reachable(url: str, timeout: float) -> bool:
    """Whether the Hub answers, asked at most once a minute (huggingface_hub has no offline probe of its own)."""
    now = time.monotonic()
    known = _probes.get((url, timeout))
    if known is not None and now - known[0] < REACH_MEMORY_S:
        return known[1]
    _probes[(url, timeout)] = (now, answer := _probe(url, timeout))
    return answer


def _probe(url: str, timeout: float) -> bool:
    parsed = urlparse(url)
    host, port = parsed.hostname or "", parsed.port or (443 if parsed.scheme == "https" else 80)
    answer: list[bool] = []

    def probe() -> None:  # name lookup has no timeout of its own: the thread bounds it
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            answer.append(True)
        except OSError:
            answer.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(answer and answer[0])


def require_hub() -> None:
    """Raise NotCached at once when the Hub is offline or unreachable (a few seconds at most)."""
    if offline():
        raise NotCached("not in the local cache, and HF_HUB_OFFLINE is set")
    if not _reachable(endpoint(), REACH_TIMEOUT_S):
        raise NotCached(f"not in the local cache, and the Hugging Face Hub ({endpoint()}) could not be reached "
                        f"within {REACH_TIMEOUT_S:.0f} s")


def _cached_revision(repo: str, revision: str):
    """The one cached revision of ``repo`` that ``revision`` names (a commit, a ref such as main, or a short
    commit), read through huggingface_hub's own cache scan; None if none or several. Short commits are
    matched by prefix here: the library resolves full commits and refs only."""
    try:
        info = huggingface_hub.scan_cache_dir(cache_dir())
    except (huggingface_hub.CacheNotFound, OSError):
        return None
    found = [rev for cached in info.repos if cached.repo_id == repo and cached.repo_type == "model"
             for rev in cached.revisions if rev.commit_hash.startswith(revision) or revision in rev.refs]
    return found[0] if len(found) == 1 else None


def cached_snapshot(repo: str, revision: str) -> Path | None:
    """The cached snapshot folder of a commit, a short commit or a ref, if there is exactly one."""
    cached = _cached_revision(repo, revision)
    return Path(cached.snapshot_path) if cached is not None else None


def full_revision(pin: ModelPin) -> str:
    """The pin's full commit: as written, from the cache (refs, short hashes), or from the Hub."""
    if pin.revision_is_full:
        return pin.revision
    if (cached := _cached_revision(pin.repo, pin.revision)) is not None:
        return cached.commit_hash
    is_short_hash = all(c in "0123456789abcdef" for c in pin.revision)
    require_hub()
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
    cached = _cached_revision(pin.repo, pin.revision)  # one scan of the cache: the commit and its snapshot
    revision = cached.commit_hash if cached is not None else full_revision(pin)
    if cached is not None and (snapshot := Path(cached.snapshot_path)).is_dir():
        if not pin.files or all((snapshot / name).is_file() for name in pin.files):
            verify(pin, snapshot)
            return snapshot
    if not download:
        raise NotCached("not in the local cache")
    require_hub()
    folder = Path(snapshot_download(pin.repo, revision=revision, cache_dir=cache_dir(),
                                    allow_patterns=files_to_fetch(pin, revision)))
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


@dataclass(frozen=True)
class CacheCheck:
    """What `translate models verify` checked in one cached snapshot."""

    by_lock: tuple[str, ...]  # files whose sha256 matched models.lock
    by_blob: tuple[str, ...]  # files whose content matched the hash their cache blob is named by
    unchecked: tuple[str, ...]  # files with neither (a blob not named by a hash)


def check_cached(pin: ModelPin, snapshot: Path) -> CacheCheck:
    """Check every file of a cached snapshot: against models.lock's sha256 where it records one, else
    against the hash the Hugging Face cache names its blob by (the Hub's sha256 for LFS files, the git
    blob hash for the others, both given by the Hub at download). Raises HashMismatch on any difference."""
    from huggingface_hub.utils.sha import git_hash, sha_fileobj

    by_lock, by_blob, unchecked, problems = [], [], [], []
    for name in sorted(pin.files):
        if not (snapshot / name).is_file():
            problems.append(f"{name}: missing")
    for path in sorted(p for p in snapshot.rglob("*") if p.is_file()):
        name = path.relative_to(snapshot).as_posix()
        blob = path.resolve().name
        if expected := pin.files.get(name):
            actual, kind, bucket = sha256_file(path), "models.lock says", by_lock
        elif _HEX64.fullmatch(blob):
            with open(path, "rb") as handle:
                actual, expected, kind, bucket = sha_fileobj(handle).hex(), blob, "its cache blob is named", by_blob
        elif _HEX40.fullmatch(blob):
            actual, expected, kind, bucket = git_hash(path.read_bytes()), blob, "its cache blob is named", by_blob
        else:
            unchecked.append(name)
            continue
        if actual != expected:
            problems.append(f"{name}: {'sha256' if len(expected) == 64 else 'git hash'} {actual}, {kind} {expected}")
        else:
            bucket.append(name)
    if problems:
        raise HashMismatch(f"{pin.repo}@{pin.revision} in {snapshot}: " + "; ".join(problems))
    return CacheCheck(tuple(by_lock), tuple(by_blob), tuple(unchecked))


def _describe(pin: ModelPin) -> str:
    return f"the {pin.role} model {pin.repo} at revision {pin.revision}"


class _Missing(Exception):
    """One model is not to be had; resolve_all gathers these into one message."""


def resolve(pin: ModelPin, override: str | None, *, option: str | None = None, brief: bool = False) -> ModelSource:
    """A local folder (``override`` path), another repo (``override`` id), or the pinned model."""
    try:
        return _resolve(pin, override, option or OPTIONS.get(pin.role, "--model"), _named(override, pin.role))
    except _Missing as exc:
        raise ModelUnavailable(missing_message([str(exc)], [pin.role], brief=brief)) from None


def _named(override: str | None, role: str, lock: Lock | None = None) -> ModelPin | None:
    """A model the lock pins under the name given (``--mt-model tc-big``)."""
    if not override or "/" in override:
        return None
    try:
        return (lock or load_lock()).named(override, role)
    except Exception:  # noqa: BLE001 - no lock: the name is then a folder or nothing
        return None


def _resolve(pin: ModelPin, override: str | None, option: str, named: ModelPin | None = None) -> ModelSource:
    if override and named is not None:
        pin, override = named, None
    if override:
        candidate = Path(override).expanduser()
        if candidate.is_dir():
            return ModelSource(pin.role, candidate.resolve())
        if override.startswith((".", "/", "~")) or override.count("/") != 1:
            raise ModelUnavailable(f"{option} {override}: no such folder, no model of that name in models.lock, "
                                   f"and not a Hub repo id (owner/name).")
        pin = ModelPin(role=pin.role, repo=override, revision="main", settings=pin.settings)
    quiet_hub()
    try:
        folder = fetch(pin)
    except HashMismatch as exc:
        raise ModelUnavailable(f"Refusing {_describe(pin)}: {exc}. Delete it and run `{settings.command('models pull')}`.") from None
    except Exception as exc:  # noqa: BLE001 - offline, DNS, HTTP, missing files: all mean "not available"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _Missing(f"{_describe(pin)} ({reason})") from None
    pinned = tuple(sorted(pin.settings.items())) if not override else ()
    return ModelSource(pin.role, folder, repo=pin.repo, revision=folder.name, verified_files=len(pin.files), settings=pinned,
                       name=pin.name if not override else "")


def resolve_all(needs: dict[str, str | None], lock: Lock | None = None, *, brief: bool = False) -> dict[str, ModelSource]:
    """Every model a command needs (role -> override), before any work; one message names all missing."""
    lock = lock or load_lock()
    found: dict[str, ModelSource] = {}
    missing: list[str] = []
    for role, override in needs.items():
        pin = lock.pin(role)
        try:
            found[role] = _resolve(pin, override, OPTIONS.get(role, "--model"), _named(override, role, lock))
        except _Missing as exc:
            missing.append(str(exc))
    if missing:
        raise ModelUnavailable(missing_message(missing, list(needs), brief=brief))
    return found


def missing_message(missing: list[str], roles: list[str], *, brief: bool = False) -> str:
    """One paragraph: every missing model, why, and how to fix it."""
    options = " / ".join(OPTIONS[role] for role in roles if role in OPTIONS) or "--mt-model"
    message = (
        f"Not available: {'; '.join(missing)}. To fix it, run `{settings.command('models pull')}` on a machine that reaches "
        f"the Hugging Face Hub, copy its cache ({cache_dir()}) to the same place here and set HF_HUB_OFFLINE=1 "
        f"to use it without the network; or pass {options} PATH with a local folder saved by save_pretrained."
    )
    if brief and SUMMARIZATION in roles:
        message += " To brief without a summarization model: --summarizer extractive."
    return message


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
