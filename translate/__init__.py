"""Arabic-to-English news briefings: translate articles with MarianMT and brief them in English."""

from translate.translator import TranslationOptions, Translator  # noqa: E402
from translate.version import __version__

__all__ = ["Translator", "TranslationOptions", "__version__"]
