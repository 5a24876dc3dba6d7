"""Which files a run briefs, and the output name of each.

An article's output name is its path relative to the common folder of the inputs, whole name
kept (``a/report.2019.txt`` -> ``a/report.2019.txt.md`` and ``.json``). Different input files
have different paths, so two articles can never share an output file. Symbolic links to folders
are followed, once each (loops are reported); FIFOs, sockets, devices and broken links whose
names look like articles are reported as failed, never read. Every other file is named in the
left-out list with the reason (a format the tool does not read, a hidden file or folder), and a
run that finds no article at all is an error of its own (``NoArticles``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import UsageError, unreadable
from translate.reader import FORMATS
from translate.render import Failure

INPUT_SUFFIXES = tuple(FORMATS)


LEFT_OUT_SHOWN = 10  # files left out named in a message; the briefing lists them all
SUPPORTED = ", ".join(INPUT_SUFFIXES)


def unsupported(path: Path) -> str:
    suffix = path.suffix or "no extension"
    return f"not a format this tool reads ({suffix}); it reads {SUPPORTED}"


@dataclass(frozen=True)
class InputFile:
    path: Path
    output: str  # relative output name without .md / .json, POSIX separators


def file_state(path: str) -> tuple[int, int] | None:
    """A file's size and modification time (None if it cannot be seen): what tells that it changed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


@dataclass
class Collected:
    """What a walk of the inputs found: the articles to read, the entries that failed, those left out."""

    files: list[InputFile] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    left_out: list[Failure] = field(default_factory=list)

    def state(self) -> dict[str, tuple[int, int] | None]:
        """Size and modification time of every entry named, to tell whether anything changed since."""
        return {path: file_state(path) for path in [str(f.path) for f in self.files] + [f.path for f in self.failures + self.left_out]}

    def no_articles_message(self, paths: Sequence[Path]) -> str:
        where = ", ".join(str(p) for p in paths)
        if not self.left_out:
            return f"no article found in {where}: it holds no file ({SUPPORTED})."
        named = "; ".join(f"{f.path} ({f.reason})" for f in self.left_out[:LEFT_OUT_SHOWN])
        more = f"; and {len(self.left_out) - LEFT_OUT_SHOWN} more" if len(self.left_out) > LEFT_OUT_SHOWN else ""
        return f"no article found in {where}; left out: {named}{more}."


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


def _real(path: Path) -> Path:
    """The path with links followed; never raises (``Path.resolve`` raises on a link loop)."""
    return Path(os.path.realpath(path))


def _walk(root: Path, out: Path, failures: list[Failure], left_out: list[Failure]) -> list[Path]:
    """Article files under ``root``, following symbolic links to folders without going round in loops."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            info = folder.stat()
        except OSError as exc:
            failures.append(Failure(str(folder), unreadable(exc)))
            return
        if (info.st_dev, info.st_ino) in seen:
            failures.append(Failure(str(folder), "a symbolic link loop (this folder was already read); skipped"))
            return
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            failures.append(Failure(str(folder), unreadable(exc)))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                hidden = "folder" if entry.is_dir() else "file"
                left_out.append(Failure(str(path), f"a hidden {hidden} (its name starts with a dot); not read"))
                continue
            try:
                info = path.stat()
            except OSError as exc:
                if path.is_symlink():
                    reason = "a symbolic link loop" if exc.errno == 40 else "a broken symbolic link"
                    failures.append(Failure(str(path), f"{reason}; skipped"))
                continue
            if stat.S_ISDIR(info.st_mode):
                if not _is_within(_real(path), out):
                    visit(path)
            elif path.suffix.lower() in INPUT_SUFFIXES:
                if stat.S_ISREG(info.st_mode):
                    found.append(path)
                else:
                    failures.append(Failure(str(path), f"{_kind(info.st_mode)}, not a file; skipped"))
            elif not _is_within(_real(path), out):
                left_out.append(Failure(str(path), unsupported(path)))

    visit(root)
    return found


def collect_inputs(paths: Sequence[Path], out_dir: Path) -> Collected:
    """Files as given and, recursively, the article files of folders (never the output folder).

    Raises UsageError for a path that does not exist, or an output folder that holds an input.
    """
    out = _real(out_dir)
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    for root in paths:
        if _is_within(_real(root), out):
            raise UsageError(f"the output folder {out_dir} holds the input {root}; choose another output folder (-o).")
    failures: list[Failure] = []
    left_out: list[Failure] = []
    files: list[Path] = []
    for root in paths:
        if root.is_dir():
            files.extend(_walk(root, out, failures, left_out))
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
        real = _real(path)
        if real in seen:  # the same file reached twice (overlapping inputs, links): one article
            continue
        seen.add(real)
        found.append(InputFile(path, path.absolute().relative_to(base).as_posix()))
    return Collected(found, failures, left_out)
