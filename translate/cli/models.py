"""`translate models ...`: the pinned models in models.lock and the local cache."""

from __future__ import annotations

from typing import Annotated

import typer

from translate import hub, settings
from translate.cli._common import EXIT_FAILED, EXIT_USAGE, die, error, friendly_errors, say, write_stdout
from translate.errors import HashMismatch
from translate.lock import Lock, load_lock, save_lock

app = typer.Typer(help="The pinned models: list, pull, verify, lock.", no_args_is_help=True)

Name = Annotated[str | None, typer.Argument(help="Only this model: a name in models.lock (translation, summarization, "
                                                "tc-big) or a role (all its models).", show_default=False)]


def _pins(lock: Lock, name: str | None):
    if name is None:
        return list(lock.models.values())
    if name in lock.models:
        return [lock.models[name]]
    pins = [pin for pin in lock.models.values() if pin.role == name]
    if not pins:
        die(f"models.lock has no model or role named '{name}' (names: {', '.join(lock.models)}).", EXIT_USAGE)
    return pins


@app.command("list")
def list_models() -> None:
    """The lock, and whether each pinned model is in the local Hugging Face cache."""
    with friendly_errors():
        lock = load_lock()
    write_stdout(f"lock: {lock.path}\ncache: {hub.cache_dir()}")
    for pin in lock.models.values():
        snapshot = hub.cached_snapshot(pin.repo, pin.revision)
        label = pin.name if pin.name == pin.role else f"{pin.name} ({pin.role}; --mt-model {pin.name})"
        write_stdout(f"{label}: {pin.repo}@{pin.revision} ({pin.license}), {len(pin.files)} hashed files, "
                     f"cached: {snapshot or 'no'}")


@app.command()
def pull(name: Name = None) -> None:
    """Download exactly the pinned revisions into the Hugging Face cache and check their hashes."""
    with friendly_errors():
        lock = load_lock()
        for pin in _pins(lock, name):
            source = hub.resolve(pin, None)
            say(f"{pin.name}: {pin.repo}@{source.revision} -> {source.path}")


@app.command()
def verify(name: Name = None) -> None:
    """Re-check the cached files of each pulled model: against models.lock's sha256 where it records
    them, else against the hashes the Hugging Face cache names them by. A difference fails loudly."""
    with friendly_errors():
        lock = load_lock()
    failed = False
    for pin in _pins(lock, name):
        snapshot = hub.cached_snapshot(pin.repo, pin.revision)
        if snapshot is None:
            say(f"{pin.name}: not pulled ({pin.repo}@{pin.revision} is not in {hub.cache_dir()}); nothing to check. "
                f"Pull it with `{settings.command('models pull ' + pin.name)}`.")
            continue
        try:
            result = hub.check_cached(pin, snapshot)
        except HashMismatch as exc:
            error(f"{pin.name}: HASH MISMATCH, do not use this model. {exc}")
            failed = True
            continue
        parts = []
        if result.by_lock:
            parts.append(f"{len(result.by_lock)} match the sha256 in models.lock")
        if result.by_blob:
            parts.append(f"{len(result.by_blob)} match the hash their cache blob is named by (given by the Hub at "
                         f"download{'' if pin.files else '; models.lock records no hashes for this model'})")
        if result.unchecked:
            parts.append(f"not checked: {', '.join(result.unchecked)} (no hash recorded anywhere)")
        say(f"{pin.name}: {snapshot}: " + "; ".join(parts or ["no files"]))
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command("lock")
def lock_models(name: Name = None) -> None:
    """Online: resolve each pinned revision to its full commit and record the files' sha256."""
    with friendly_errors():
        lock = load_lock()
    if hub.offline():
        die(f"`{settings.command('models lock')}` needs the Hugging Face Hub, and HF_HUB_OFFLINE is set.", EXIT_USAGE)
    models = dict(lock.models)
    for pin in _pins(lock, name):
        try:
            models[pin.name] = hub.lock_pin(pin)
        except Exception as exc:  # network and Hub errors of every kind: report and stop
            die(f"could not lock {pin.repo}@{pin.revision}: {exc}", EXIT_USAGE)
        say(f"{pin.name}: {pin.repo}@{models[pin.name].revision}, {len(models[pin.name].files)} files")
    save_lock(Lock(lock.path, models))
