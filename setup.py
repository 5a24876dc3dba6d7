"""Only what pyproject.toml cannot say: the wheel carries a copy of the top-level models.lock."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithLock(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "translate" / "models.lock"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Path(__file__).with_name("models.lock").read_bytes())


setup(cmdclass={"build_py": BuildPyWithLock})
