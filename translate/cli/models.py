"""`translate models ...`: the pinned models in models.lock and the local cache."""

from __future__ import annotations

from typing import Annotated

import typer

from translate import hub
from translate.cli._common import EXIT_FAILED, EXIT_USAGE, console, die, error, friendly_errors, write_stdout
from translate.lock import Lock, load_lock, save_lock

app = typer.Typer(help="The pinned models: list, pull, verify, lock.", no_args_is_help=True)

Role = Annotated[str | None, typer.Option(help="Only this role (translation or summarization).")]


def _pins(lock: Lock, role: str | None):
    if role is None:
        return list(lock.models.values())
    return [lock.pin(role)]


@app.command("list")
def list_models() -> None:
    """The lock, and whether each pinned model is in the local Hugging Face cache."""
    with friendly_errors():
        lock = load_lock()
    write_stdout(f"lock: {lock.path}\ncache: {hub.cache_dir()}")
    for pin in lock.models.values():
        snapshot = hub.cached_snapshot(pin.repo, pin.revision)
        write_stdout(
            f"{pin.role}: {pin.repo}@{pin.revision} ({pin.license}), {len(pin.files)} hashed files, "
            f"cached: {snapshot or 'no'}"
        )


@app.command()
def pull(role: Role = None) -> None:
    """Download exactly the pinned revisions into the Hugging Face cache and check their hashes."""
    with friendly_errors():
        lock = load_lock()
        for pin in _pins(lock, role):
            source = hub.resolve(pin, None, option="--mt-model" if pin.role == "translation" else "--sum-model")
            console.print(f"{pin.role}: {pin.repo}@{source.revision} -> {source.path}")


@app.command()
def verify(role: Role = None) -> None:
    """Re-check cached files against the sha256 in models.lock; any difference fails loudly."""
    with friendly_errors():
        lock = load_lock()
    failed = False
    for pin in _pins(lock, role):
        snapshot = hub.cached_snapshot(pin.repo, pin.revision)
        if snapshot is None:
            error(f"{pin.role}: {pin.repo}@{pin.revision} is not in the cache ({hub.cache_dir()}).")
            failed = True
        elif not pin.files:
            error(f"{pin.role}: models.lock records no file hashes for {pin.repo}; run `translate models lock`.")
            failed = True
        else:
            try:
                names = hub.verify(pin, snapshot)
            except hub.HashMismatch as exc:
                error(f"{pin.role}: HASH MISMATCH, do not use this model. {exc}")
                failed = True
            else:
                console.print(f"{pin.role}: {len(names)} files match models.lock ({snapshot})")
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command("lock")
def lock_models(role: Role = None) -> None:
    """Online: resolve each pinned revision to its full commit and record the files' sha256."""
    with friendly_errors():
        lock = load_lock()
    if hub.offline():
        die("`translate models lock` needs the Hugging Face Hub, and HF_HUB_OFFLINE is set.", EXIT_USAGE)
    models = dict(lock.models)
    for pin in _pins(lock, role):
        try:
            models[pin.role] = hub.lock_pin(pin)
        except Exception as exc:  # network and Hub errors of every kind: report and stop
            die(f"could not lock {pin.repo}@{pin.revision}: {exc}", EXIT_USAGE)
        console.print(f"{pin.role}: {pin.repo}@{models[pin.role].revision}, {len(models[pin.role].files)} files")
    save_lock(Lock(lock.path, models))
