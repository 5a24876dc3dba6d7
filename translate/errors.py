"""Every error the tool reports, each with its exit code, in one place (huggingface_hub's errors.py
with its CLI mapping is the model). The CLI turns any ``TranslateError`` into one paragraph on stderr
and its ``exit_code``; the library raises them and never prints."""

from __future__ import annotations

from typing import ClassVar

EXIT_OK = 0
EXIT_FAILED = 1  # some file failed, or a write, a conversion or an input could not be done
EXIT_USAGE = 2  # the command cannot run as asked: a path, an option, a glossary, models.lock, a missing model
EXIT_NO_ARTICLES = 3  # the inputs hold no file in a format the tool reads
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt so that cleanup runs."""


def interruption(exc: BaseException) -> type[BaseException] | None:
    """KeyboardInterrupt or Terminated when ``exc`` is, or wraps, a Ctrl-C or a SIGTERM (a library that
    calls our signal handler from native code, as Ray's waits do, hands it back wrapped in its own error)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, (KeyboardInterrupt, Terminated)):
            return type(current) if isinstance(current, Terminated) else KeyboardInterrupt
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def unreadable(exc: OSError) -> str:
    """Why a file or folder could not be read, in the words every message uses."""
    return f"cannot be read ({exc.strerror or exc})"


class TranslateError(Exception):
    """Base of the tool's errors: the message is the whole explanation, for a person."""

    exit_code: ClassVar[int] = EXIT_FAILED


class UsageError(TranslateError):
    """The command cannot run as asked; the message says why."""

    exit_code = EXIT_USAGE


class NoArticles(UsageError):
    """The inputs hold no file in a format the tool reads; the message names what was left out."""

    exit_code = EXIT_NO_ARTICLES


class GlossaryError(UsageError, ValueError):
    """The glossary file cannot be used; the message names the file and the place."""


class LockError(UsageError):
    """models.lock is missing, malformed or lacks a role."""


class ModelUnavailable(TranslateError):
    """A model cannot be had: which model, which revision, how to fix it."""

    exit_code = EXIT_USAGE


class HashMismatch(TranslateError):
    """A cached file differs from the sha256 in models.lock, or from the hash its cache blob is named by."""


class NotCached(LookupError):
    """The pinned revision is not in the local cache, and cannot be downloaded now (internal: becomes
    ModelUnavailable)."""


class WorkerError(TranslateError):
    """A Ray worker could not start (a missing model on its node, other model files): names the node."""

    exit_code = EXIT_USAGE
    prefix: ClassVar[str] = "a Ray worker could not start"


class ConversionError(TranslateError):
    """A CTranslate2 conversion cannot be made or used; the message names the cache folder."""


class InputError(TranslateError):
    """An input that cannot be translated; the message names the source and says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}.")
        self.name, self.reason = name, reason


class FormatError(TranslateError):
    """The file is not what its name says, or cannot be parsed (internal: becomes InputError)."""


class OutputError(TranslateError, OSError):
    """A write failed; the message names the file or folder."""

    def __str__(self) -> str:
        return self.strerror or OSError.__str__(self)
