"""The tool's version, from the installed distribution."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("translate-briefing")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+source"
