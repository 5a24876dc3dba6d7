import os

os.environ["HF_HUB_OFFLINE"] = "1"  # no test touches the network
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
import functools  # noqa: E402
import inspect  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402

os.environ["TRANSLATE_CACHE"] = tempfile.mkdtemp(prefix="translate-test-cache-")  # converted models

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
TINY_MAX_LENGTH = 48  # the tiny models' own output limit: retries of random noise stay short
ENGLISH = (Path(__file__).parent / "data" / "english_news.txt").read_text(encoding="utf-8").splitlines()


MODEL_FIXTURES = {"tiny_marian", "tiny_bart", "translator"}
_BUILDS = re.compile(r"\bbuild_(?:marian|bart)\(")


@functools.lru_cache(maxsize=None)
def _builds_a_model(function) -> bool:
    try:
        return bool(_BUILDS.search(inspect.getsource(function)))
    except (OSError, TypeError):
        return False


def pytest_collection_modifyitems(items):
    """Tests that load a model are marked ``models``: `make test-fast` runs the others. A test loads
    one when it uses a model fixture, or a fixture or test whose code builds a tiny model (cut_marian,
    tiny_tc_big)."""
    for item in items:
        definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        functions = [d.func for defs in definitions.values() for d in defs] + [getattr(item, "function", None)]
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())) or any(_builds_a_model(f) for f in functions if f):
            item.add_marker(pytest.mark.models)


def brief_cli(args, tiny_marian=None, *extra, env=None):
    """`translate brief ARGS --summarizer extractive` in-process, with the tiny translation model."""
    from typer.testing import CliRunner

    from translate import settings
    from translate.cli import app

    env = dict(env or {})
    if tiny_marian is not None:
        env[settings.MT_MODEL] = str(tiny_marian)
    return CliRunner(env=env).invoke(app, ["brief", *map(str, args), "--summarizer", "extractive", *extra])


def record(out: Path, name: str) -> dict:
    """An article's JSON record in an output folder."""
    import json

    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))


def wait_for(condition, timeout=90) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def ntrex_documents(side: str = "newstest2019-src.eng.txt") -> list[list[str]]:
    """The 123 NTREX-128 articles as lists of lines (English originals by default, or the Arabic side)."""
    folder = SHARED / "data" / "ar-en" / "ntrex128"
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (folder / side).read_text(encoding="utf-8").splitlines()
    documents: dict[str, list[str]] = {}
    for doc, line in zip(ids, lines):
        documents.setdefault(doc, []).append(line)
    return list(documents.values())


def seed_copies(folder: Path, copies: int) -> Path:
    """``copies`` copies of the five seeds in ``folder`` (named N_<seed>), for runs long enough to interrupt."""
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for path in sorted(SEEDS.glob("*.txt")):
            (folder / f"{copy}_{path.name}").write_bytes(path.read_bytes())
    return folder


def cache_model(cache: Path, repo: str, revision: str, files: dict[str, bytes]) -> Path:
    """Lay out files the way huggingface_hub does: blobs by sha256, a snapshot of relative symlinks, refs/main."""
    import hashlib

    root = cache / ("models--" + repo.replace("/", "--"))
    (root / "blobs").mkdir(parents=True, exist_ok=True)
    (root / "refs").mkdir(exist_ok=True)
    (root / "refs" / "main").write_text(revision)
    snapshot = root / "snapshots" / revision
    snapshot.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        blob = root / "blobs" / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        (snapshot / name).symlink_to(os.path.relpath(blob, snapshot))
    return snapshot


def seed_lines() -> list[str]:
    return [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    """A random-weight MarianMT with SentencePiece tokenizers trained on the seeds and English news."""
    from tests.tiny_models import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "tiny-marian", seed_lines(), ENGLISH, max_length=TINY_MAX_LENGTH)


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory) -> Path:
    """A random-weight BART summarizer with a byte-level BPE tokenizer trained on English news."""
    from tests.tiny_models import build_bart

    return build_bart(tmp_path_factory.mktemp("models") / "tiny-bart", ENGLISH)


@pytest.fixture(scope="session")
def translator(tiny_marian):
    from translate.hub import ModelSource
    from translate.translator import TranslationOptions, Translator

    return Translator(ModelSource("translation", tiny_marian), TranslationOptions(num_beams=1))


@pytest.fixture()
def hf_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    return cache
