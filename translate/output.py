"""The output folder: one run at a time (a file lock), the tool's own leftovers swept, and the one
place that writes and reads articles' files.

An article is complete when its .md and .json both exist and carry the same cache key: the .md
is written first, the .json (the record) last. A .md of ours whose .json is missing or older is
a leftover of a killed run and is removed when the next run starts.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from translate.article import Article
from translate.atomic import remove_stale_temp_files, write_text_atomic
from translate.errors import OutputError
from translate.render import article_html, article_markdown, marker_key

LOCK_NAME = ".translate-briefing.lock"
BRIEFING = "briefing.md"
BRIEFING_HTML = "briefing.html"
PAGES = (".md", ".html")  # written before the record; each carries the cache key on its first line


class OutputFolder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def md_path(self, output: str) -> Path:
        return self.root / f"{output}.md"

    def page_paths(self, output: str) -> list[Path]:
        return [self.root / f"{output}{suffix}" for suffix in PAGES]

    def json_path(self, output: str) -> Path:
        return self.root / f"{output}.json"

    @contextmanager
    def locked(self, on_wait: Callable[[str], None] | None = None) -> Iterator[OutputFolder]:
        """Hold the folder for this run; a second run waits for the first (saying so). The folder is
        created here, when there is work to write, and the lock file goes when the run ends."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(exc.errno or errno.EACCES, f"cannot write to the output folder {self.root}: "
                                                         f"{exc.strerror or exc}") from None
        path = self.root / LOCK_NAME
        if path.is_symlink() or (path.exists() and not path.is_file()):
            kind = "a symbolic link" if path.is_symlink() else "not a regular file"
            raise OutputError(errno.EEXIST, f"the lock file {path} is {kind}, and is not followed (it could make this "
                                            f"run write elsewhere); remove it and run again")
        lock = FileLock(path)
        try:
            try:
                lock.acquire(timeout=0)
            except Timeout:
                if on_wait:
                    on_wait(f"another translate run is writing to {self.root}; waiting for it to finish (Ctrl-C to stop)")
                lock.acquire()
        except OSError as exc:
            raise OutputError(exc.errno or errno.EACCES, f"cannot take the lock file {path}: "
                                                         f"{exc.strerror or exc}") from None
        try:
            self._check_writable()
            remove_stale_temp_files(self.root)
            self._remove_incomplete()
            yield self
        finally:
            # Unlinked while still held: a run waiting on this file finds it unlinked and opens a new one
            # (filelock checks for that), so no two runs ever hold the folder.
            with suppress(OSError):
                path.unlink()
            lock.release()

    def _check_writable(self) -> None:
        probe = self.root / f".write-probe.{os.getpid()}.translate-tmp"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise OutputError(exc.errno or errno.EACCES, f"cannot write to the output folder {self.root}: "
                                                         f"{exc.strerror or exc}") from None

    def _remove_incomplete(self) -> None:
        for suffix in PAGES:
            for page in self.root.rglob(f"*{suffix}"):
                key = self._md_key(page)
                if key is not None and self._json_key(page.with_suffix(".json")) != key:
                    page.unlink(missing_ok=True)

    @staticmethod
    def _md_key(path: Path) -> str | None:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                return marker_key(handle.readline())
        except OSError:
            return None

    @staticmethod
    def _json_key(path: Path) -> str | None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))["provenance"]["cache_key"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def complete(self, output: str, key: str) -> bool:
        return all(self._md_key(page) == key for page in self.page_paths(output)) and self._json_key(self.json_path(output)) == key

    def read(self, output: str) -> Article:
        return Article.from_dict(json.loads(self.json_path(output).read_text(encoding="utf-8")))

    def write(self, article: Article, stamp: str) -> None:
        write_text_atomic(self.md_path(article.output), article_markdown(article))
        write_text_atomic(self.root / f"{article.output}.html", article_html(article, stamp))
        self.write_record(article)  # last: marks it done

    def write_record(self, article: Article) -> None:
        """The JSON alone again (its copies changed; the pages are the same)."""
        pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(article.to_dict())
        write_text_atomic(self.json_path(article.output), itertools.chain(pieces, ["\n"]))

    def write_briefing(self, markdown: str, html: str) -> Path:
        write_text_atomic(self.root / BRIEFING_HTML, html)
        path = self.root / BRIEFING
        write_text_atomic(path, markdown)
        return path
