"""Arabic-to-English news briefings: translate articles with MarianMT and brief them in English."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("translate-briefing")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+source"

from translate.translator import TranslationOptions, Translator  # noqa: E402

__all__ = ["Translator", "TranslationOptions", "__version__"]
