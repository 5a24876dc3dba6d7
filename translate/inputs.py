"""Which files a run briefs, and the output name of each.

An article's output name is its path relative to the common folder of the inputs, whole name
kept (``a/report.2019.txt`` -> ``a/report.2019.txt.md`` and ``.json``). Different input files
have different paths, so two articles can never share an output file. Symbolic links to folders
are followed, once each (loops are reported); FIFOs, sockets, devices and broken links whose
names look like articles are reported as failed, never read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.reader import FORMATS
from translate.render import Failure

INPUT_SUFFIXES = tuple(FORMATS)


class UsageError(Exception):
    """The command cannot run as asked; the message says why."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    output: str  # relative output name without .md / .json, POSIX separators


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _walk(root: Path, out: Path, failures: list[Failure]) -> list[Path]:
    """Article files under ``root``, following symbolic links to folders without going round in loops."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            info = folder.stat()
        except OSError as exc:
            failures.append(Failure(str(folder), f"cannot be read ({exc.strerror or exc})"))
            return
        if (info.st_dev, info.st_ino) in seen:
            failures.append(Failure(str(folder), "a symbolic link loop (this folder was already read); skipped"))
            return
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            failures.append(Failure(str(folder), f"cannot be read ({exc.strerror or exc})"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                info = path.stat()
            except OSError as exc:
                if path.is_symlink():
                    reason = "a symbolic link loop" if exc.errno == 40 else "a broken symbolic link"
                    failures.append(Failure(str(path), f"{reason}; skipped"))
                continue
            if stat.S_ISDIR(info.st_mode):
                if not _is_within(path.resolve(), out):
                    visit(path)
            elif path.suffix.lower() in INPUT_SUFFIXES:
                if stat.S_ISREG(info.st_mode):
                    found.append(path)
                else:
                    failures.append(Failure(str(path), f"{_kind(info.st_mode)}, not a file; skipped"))

    visit(root)
    return found


def collect_inputs(paths: Sequence[Path], out_dir: Path) -> tuple[list[InputFile], list[Failure]]:
    """Files as given and, recursively, the .txt and .md files of folders (never the output folder).

    Raises UsageError for a path that does not exist, or an output folder that holds an input.
    """
    out = out_dir.resolve()
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    for root in paths:
        if _is_within(root.resolve(), out):
            raise UsageError(f"the output folder {out_dir} holds the input {root}; choose another output folder (-o).")
    failures: list[Failure] = []
    files: list[Path] = []
    for root in paths:
        if root.is_dir():
            files.extend(_walk(root, out, failures))
        elif root.is_file():
            files.append(root)
        else:
            try:
                kind = _kind(root.stat().st_mode)
            except OSError:
                kind = "a broken symbolic link"
            failures.append(Failure(str(root), f"{kind}, not a file; skipped"))
    bases = [root.absolute() if root.is_dir() else root.absolute().parent for root in paths]
    base = Path(os.path.commonpath(bases)) if bases else Path.cwd()
    found: list[InputFile] = []
    seen: set[Path] = set()
    for path in files:
        real = path.resolve()
        if real in seen:  # the same file reached twice (overlapping inputs, links): one article
            continue
        seen.add(real)
        found.append(InputFile(path, path.absolute().relative_to(base).as_posix()))
    return found, failures
