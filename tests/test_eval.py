"""Evaluate and choose: `translate eval`, the bigger OPUS-MT model (issue 13)."""

import json
import random

import pytest
from typer.testing import CliRunner

from tests.conftest import ENGLISH, ROOT, seed_lines
from tests.test_first_run import install_in_cache
from translate import settings
from translate.cli import app
from translate.engines import EngineOptions
from translate.evaluate import load_testset
from translate.hub import ModelSource, resolve_all
from translate.lock import load_lock
from translate.translator import TranslationOptions, Translator

TC_BIG_REPO, TC_BIG_REVISION = "Helsinki-NLP/opus-mt-tc-big-ar-en", "787d2ad" + "1" * 33
SIGNATURE = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:"


def run_json(*args, env=None):
    result = CliRunner(env=env).invoke(app, ["eval", *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["flores200", "ntrex128", "tico19"])
def test_the_reference_scores_100_and_a_shuffled_one_scores_low(tmp_path, name):
    testset = load_testset(name, limit=60)
    assert len(testset.sources) == len(testset.references) == 60
    same = tmp_path / "same.txt"
    same.write_text("\n".join(testset.references) + "\n", encoding="utf-8")
    scores = run_json("--set", name, "--limit", 60, "--hypotheses", same)["scores"]
    assert scores["BLEU"]["score"] == 100 and scores["chrF"]["score"] == 100 and scores["chrF++"]["score"] == 100
    assert scores["BLEU"]["signature"].startswith(SIGNATURE)
    shuffled = testset.references[:]
    random.Random(0).shuffle(shuffled)
    (tmp_path / "shuffled.txt").write_text("\n".join(shuffled) + "\n", encoding="utf-8")
    low = run_json("--set", name, "--limit", 60, "--hypotheses", tmp_path / "shuffled.txt")["scores"]
    assert low["BLEU"]["score"] < 10 and low["chrF"]["score"] < 30


def test_ntrex_is_read_as_arabic_reference_against_english_source():
    testset = load_testset("ntrex128")
    assert len(testset.sources) == 1997
    assert any("\u0621" <= c <= "\u064a" for c in testset.sources[0]) and testset.references[0].isascii()


@pytest.mark.parametrize("engine", ["ctranslate2", "transformers"])
def test_eval_translates_end_to_end_on_both_engines(tiny_marian, engine):
    runner = CliRunner(env={settings.MT_MODEL: str(tiny_marian)})
    result = runner.invoke(app, ["eval", "--limit", "20", "--engine", engine])
    assert result.exit_code == 0, result.output
    for metric in ("BLEU", "chrF", "chrF++"):
        assert metric in result.stdout
    assert SIGNATURE in result.stdout and "target tokens/s" in result.stdout and engine in result.stdout
    data = run_json("--limit", 20, "--engine", engine, env={settings.MT_MODEL: str(tiny_marian)})
    assert data["lines"] == 20 and data["tokens_per_s"] > 0 and data["model"]["engine"] == engine


def test_compare_prints_both_sides_and_the_paired_bootstrap(tiny_marian):
    runner = CliRunner(env={settings.MT_MODEL: str(tiny_marian)})
    result = runner.invoke(app, ["eval", "--limit", "20", "--compare", "compute_type=float32"])
    assert result.exit_code == 0, result.output
    assert "first: flores200, 20 lines" in result.stdout and "second (compute_type=float32)" in result.stdout
    assert "ctranslate2 int8" in result.stdout and "ctranslate2 float32" in result.stdout
    assert "paired bootstrap" in result.stdout and "p = " in result.stdout
    bad = runner.invoke(app, ["eval", "--limit", "5", "--compare", "colour=red"])
    assert bad.exit_code == 2


# The bigger model ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def tiny_tc_big(tmp_path_factory):
    """A tiny MarianMT with opus-mt-tc-big-ar-en's quirks: end token not id 0, no generation_config.json."""
    from tests.tiny_models import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "tiny-tc-big", seed_lines(), ENGLISH, tc_big=True,
                        max_length=48)


def test_the_lock_pins_tc_big_under_a_name():
    pin = load_lock(ROOT / "models.lock").named("tc-big", "translation")
    assert pin is not None and pin.repo == TC_BIG_REPO and pin.revision == "787d2ad" and pin.license == "cc-by-4.0"


@pytest.mark.parametrize("engine", ["ctranslate2", "transformers"])
def test_tc_big_quirks_decode_with_its_own_settings(tiny_tc_big, engine):
    assert not (tiny_tc_big / "generation_config.json").exists()
    runtime = EngineOptions(engine=engine, compute_type="float32")
    translator = Translator(ModelSource("translation", tiny_tc_big), TranslationOptions(runtime=runtime))
    assert translator.beams == 4 and translator.model.generation.eos_token_id != 0
    assert translator.provenance()["decoding"] == {**translator.provenance()["decoding"], "num_beams": 4,
                                                   "settings_from": "config.json"}
    outputs = translator.model.run(["قال المصدر إن العملية مستمرة.", "وأضاف أنها طويلة."], translator.decoding, 4096, 16)
    assert all(o.text for o in outputs)


def test_tc_big_both_engines_stop_at_the_same_end_token(tiny_tc_big):
    options = [TranslationOptions(num_beams=1, runtime=EngineOptions(engine=e, compute_type="float32"))
               for e in ("transformers", "ctranslate2")]
    sides = [Translator(ModelSource("translation", tiny_tc_big), o) for o in options]
    text = "\n".join(seed_lines()[:6])
    chunks = [c for p in sides[0].prepare(text) for s in p.sentences for c in s.chunks]
    results = [side.model.run(chunks, side.decoding, 4096, 16) for side in sides]
    assert [o.text for o in results[0]] == [o.text for o in results[1]]
    assert [o.finished for o in results[0]] == [o.finished for o in results[1]]


def test_mt_model_tc_big_resolves_from_the_hub_cache(hf_cache, tiny_tc_big):
    install_in_cache(hf_cache, TC_BIG_REPO, TC_BIG_REVISION, tiny_tc_big)
    source = resolve_all({"translation": "tc-big"})["translation"]
    assert (source.repo, source.revision, source.name) == (TC_BIG_REPO, TC_BIG_REVISION, "tc-big")
    listed = CliRunner().invoke(app, ["models", "list"])
    assert "tc-big (translation; --mt-model tc-big)" in listed.stdout and TC_BIG_REVISION in listed.stdout
    pulled = CliRunner().invoke(app, ["models", "pull", "tc-big"])
    assert pulled.exit_code == 0 and TC_BIG_REPO in pulled.output
    assert CliRunner().invoke(app, ["models", "pull", "nope"]).exit_code == 2
