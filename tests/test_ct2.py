import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ENGLISH, SEEDS
from translate.cli import app
from translate.engines import Decoding, EngineOptions
from translate.engines import ctranslate2_engine as ct2
from translate.hub import ModelSource
from translate.summarizer import AbstractiveSummarizer, SummaryOptions
from translate.translator import TranslationOptions, Translator


def pair(cls, options_cls, folder, **options):
    return [cls(ModelSource("m", folder), options_cls(num_beams=1, runtime=EngineOptions(engine=engine, compute_type="float32"),
                                                      **options))
            for engine in ("transformers", "ctranslate2")]


def test_translation_parity_greedy_float32(tiny_marian):
    torch_side, ct2_side = pair(Translator, TranslationOptions, tiny_marian)
    sentences = [s.ar for p in torch_side.prepare((SEEDS / "001_b2e0ecc695aa0088.txt").read_text()) for s in p.sentences]
    batch = [list(torch_side.model.tokens(s)) for s in sentences[:8]]
    decoding = Decoding(num_beams=1, max_new_tokens=40)
    expected = torch_side.engine.generate(batch, decoding)
    assert len({tuple(t) for t in expected}) > 1, "outputs should depend on the input"
    assert ct2_side.engine.generate(batch, decoding) == expected
    assert ct2_side.translate_chunks(sentences[:8]) == torch_side.translate_chunks(sentences[:8])


def test_summarization_parity_greedy_float32(tiny_bart):
    torch_side, ct2_side = pair(AbstractiveSummarizer, SummaryOptions, tiny_bart)
    documents = [ENGLISH[0:4], ENGLISH[10:13], ENGLISH[20:26]]
    batch = [list(torch_side.model.tokens("\n".join(doc))) for doc in documents]
    decoding = torch_side.decoding()
    expected = torch_side.engine.generate(batch, decoding)
    assert len({tuple(t) for t in expected}) > 1
    assert ct2_side.engine.generate(batch, decoding) == expected
    texts = {engine.engine.name: sorted((i, b.text) for i, b in engine.summarize_many(documents)) for engine in (ct2_side, torch_side)}
    assert texts["ctranslate2"] == texts["transformers"]


def test_conversion_is_cached_per_compute_type(tiny_marian, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATE_CACHE", str(tmp_path))
    int8 = ct2.converted(tiny_marian, "int8")
    assert (int8 / "model.bin").is_file() and (int8 / "source.spm").is_file()
    assert json.loads((int8 / ct2.MANIFEST).read_text())["compute_type"] == "int8"
    monkeypatch.setattr(ct2, "_converter", lambda *a: pytest.fail("converted twice"))
    assert ct2.converted(tiny_marian, "int8") == int8
    monkeypatch.undo()
    monkeypatch.setenv("TRANSLATE_CACHE", str(tmp_path))
    assert ct2.converted(tiny_marian, "float32") != int8


def test_interrupted_conversion_is_never_used(tiny_marian, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATE_CACHE", str(tmp_path))

    class Broken:
        def convert(self, output_dir, **kwargs):
            Path(output_dir).mkdir(parents=True)
            (Path(output_dir) / "model.bin").write_bytes(b"half a model")
            raise KeyboardInterrupt

    real = ct2._converter
    monkeypatch.setattr(ct2, "_converter", lambda *a: Broken())
    with pytest.raises(KeyboardInterrupt):
        ct2.converted(tiny_marian, "int8")
    assert not [p for p in (tmp_path / "ct2").iterdir()], "nothing left behind"
    monkeypatch.setattr(ct2, "_converter", real)
    assert (ct2.converted(tiny_marian, "int8") / "model.bin").stat().st_size > 1000


def _perturb_weights(folder: Path) -> None:
    import torch

    state = torch.load(folder / "pytorch_model.bin", weights_only=True)
    name = next(k for k, v in state.items() if v.dtype.is_floating_point and v.numel() > 100)
    state[name] = state[name] + 1.0
    torch.save(state, folder / "pytorch_model.bin")


def test_changed_weights_under_the_same_name_are_converted_again(tiny_marian, tmp_path, monkeypatch):
    """A snapshot whose files changed under the same revision must never run an old conversion."""
    monkeypatch.setenv("TRANSLATE_CACHE", str(tmp_path / "cache"))
    snapshot = tmp_path / "models--Helsinki-NLP--opus-mt-ar-en" / "snapshots" / ("f" * 40)
    shutil.copytree(tiny_marian, snapshot)
    before = ct2.converted(snapshot, "float32")
    _perturb_weights(snapshot)
    after = ct2.converted(snapshot, "float32")
    assert after != before
    recorded = json.loads((after / ct2.MANIFEST).read_text())["source_sha256"]
    assert recorded == ct2.conversion_key(snapshot, "float32")[1]


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_conversion_is_discarded_and_rebuilt(tiny_marian, tmp_path, monkeypatch, damage):
    monkeypatch.setenv("TRANSLATE_CACHE", str(tmp_path))
    first = ct2.converted(tiny_marian, "int8")
    model = first / "model.bin"
    data = model.read_bytes()
    model.write_bytes(data[: len(data) // 2] if damage == "truncate" else data[:-10] + bytes(10))
    again = ct2.converted(tiny_marian, "int8")
    assert again == first and (again / "model.bin").read_bytes() == data


def test_a_conversion_that_will_not_load_is_rebuilt_once_then_named(tiny_marian, tmp_path, monkeypatch):
    import ctranslate2

    monkeypatch.setenv("TRANSLATE_CACHE", str(tmp_path))
    source = ModelSource("m", tiny_marian)
    real = ctranslate2.Translator
    calls = []

    def flaky(path, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise RuntimeError("Unsupported model binary version")
        return real(path, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", flaky)
    translator = Translator(source, TranslationOptions(num_beams=1))
    assert len(calls) == 2 and translator.translate("قال المصدر.")

    monkeypatch.setattr(ctranslate2, "Translator", lambda path, **kwargs: (_ for _ in ()).throw(RuntimeError("corrupt")))
    with pytest.raises(ct2.ConversionError, match=str(tmp_path / "ct2")):
        Translator(source, TranslationOptions(num_beams=1))


def test_brief_records_engine_and_compute_type(tmp_path, tiny_marian, tiny_bart):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("قال المصدر إن العملية مستمرة. وأضاف أنها طويلة.", encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(folder), "-o", str(tmp_path / "out"), "--mt-model", str(tiny_marian),
                                      "--sum-model", str(tiny_bart), "--engine", "ctranslate2", "--threads", "1"])
    assert result.exit_code == 0, result.output
    models = json.loads((tmp_path / "out" / "a.txt.json").read_text(encoding="utf-8"))["provenance"]["models"]
    for role in ("translation", "summarization"):
        assert models[role]["engine"] == "ctranslate2" and models[role]["compute_type"] == "int8"


def test_parallel_batches_keep_outputs_and_order(tiny_marian):
    source = ModelSource("m", tiny_marian)
    serial = Translator(source, TranslationOptions(num_beams=2, runtime=EngineOptions(engine="ctranslate2", threads=1, parallel=1)))
    parallel = Translator(source, TranslationOptions(num_beams=2, runtime=EngineOptions(engine="ctranslate2", threads=2, parallel=2)))
    assert (serial.engine.translator.num_translators, parallel.engine.translator.num_translators) == (1, 2)
    sentences = [s.ar for path in sorted(SEEDS.glob("*.txt")) for p in serial.prepare(path.read_text()) for s in p.sentences]
    tokens = [list(serial.model.tokens(s)) for s in sentences]
    jobs = [(tokens[i:i + 3], Decoding(num_beams=2, max_new_tokens=8 + i % 5)) for i in range(0, len(tokens), 3)]
    assert len(jobs) > 4
    together = [[h.tokens for h in batch] for batch in parallel.engine.generate_many(jobs)]
    assert together == [serial.engine.generate(batch, decoding) for batch, decoding in jobs]


@pytest.mark.parametrize("threads, parallel, split", [(2, 2, (2, 1)), (8, 2, (2, 4)), (1, 2, (1, 1)), (3, 2, (2, 1)), (4, 1, (1, 4))])
def test_thread_split(threads, parallel, split):
    assert ct2.thread_split(threads, parallel) == split


def test_mkl_cap_leaves_a_users_choice(monkeypatch):
    monkeypatch.delenv("MKL_ENABLE_INSTRUCTIONS", raising=False)
    ct2.prefer_vnni()
    assert os.environ["MKL_ENABLE_INSTRUCTIONS"] == "AVX512_E1"
    monkeypatch.setenv("MKL_ENABLE_INSTRUCTIONS", "AVX512_E4")
    ct2.prefer_vnni()
    assert os.environ["MKL_ENABLE_INSTRUCTIONS"] == "AVX512_E4"
