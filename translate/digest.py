"""sha256 of files and folders, each file hashed at most once per process while it is unchanged."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


def sha256_file(path: Path) -> str:
    path = Path(path)
    info = path.stat()
    return _sha256(path.resolve(), info.st_size, info.st_mtime_ns, info.st_ino)


@lru_cache(maxsize=256)
def _sha256(path: Path, size: int, mtime_ns: int, inode: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def files_digest(folder: Path, names: list[str]) -> str:
    """One sha256 over the names and contents of ``names`` in ``folder``."""
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(f"{name}\0{sha256_file(folder / name)}\n".encode())
    return digest.hexdigest()


def folder_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def folder_digest(folder: Path) -> str:
    """One sha256 over the names and contents of every file in ``folder`` (local models)."""
    return files_digest(folder, folder_files(folder))
