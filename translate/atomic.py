"""Atomic writes: a temp file of the tool's own in the destination folder, then a rename.

Temp files are named ``.<name>.<pid>.<random>.translate-tmp``: a later run deletes only those
whose process is gone, never a file of anyone else's.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from translate.errors import OutputError

TEMP_SUFFIX = ".translate-tmp"
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[^.]+" + re.escape(TEMP_SUFFIX) + "$")


def refuse_special_file(path: Path | str) -> None:
    """Raise ValueError where ``path`` exists and is not a regular file: a database there (SQLite writes its
    journal beside a link's target) would be written somewhere else than the folder says."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise ValueError(f"it is {'a symbolic link' if stat.S_ISLNK(mode) else 'not a regular file'}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str | Iterable[str]) -> None:
    """``text``, or its pieces in order (a large record is written as it is encoded, never held whole)."""
    write_bytes_atomic(path, text.encode("utf-8") if isinstance(text, str) else (piece.encode("utf-8") for piece in text))


def write_bytes_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` whole or not at all, with the mode a plain write gets under the umask."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(exc.errno or errno.EIO, f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp_files(folder: Path) -> int:
    """Delete the tool's temp files in ``folder`` whose writing process is gone (kill -9 leaves them)."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob(f".*{TEMP_SUFFIX}"):
        match = _TEMP_NAME.match(path.name)
        if match and path.is_file() and not path.is_symlink() and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
