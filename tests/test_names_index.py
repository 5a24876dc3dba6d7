"""The names index: one Arabic name, its renderings joined; a glossary draft that --glossary reads back."""

import json

from typer.testing import CliRunner

from tests.conftest import SEEDS, brief_cli
from translate.article import Article, Paragraph, Sentence, Source
from translate.cli import app
from translate.glossary import load_glossary
from translate.names_index import build_index

PAIRS = [
    ("قال المشير خليفة حفتر إن قواته تتقدم.", "Field Marshal Khalifa Haftar said his forces were advancing."),
    ("ورد حفتر على دعوة الأمم المتحدة.", "Hafter answered the call of the United Nations."),
    ("التقى حفتر بمبعوث في بنغازي.", "Hifter met an envoy in Benghazi."),
    ("وزار السراج طرابلس.", "Sarraj visited Tripoli."),
    ("قال فايز السراج إن الحكومة مستعدة.", "Fayez al-Sarraj said the government was ready."),
]


def article(name, pairs):
    return Article(Source(name, "0" * 64, "utf-8"), name, [Paragraph(ar, False, [Sentence(ar, [ar], en)]) for ar, en in pairs])


def test_variants_of_one_name_are_joined_and_different_names_are_not():
    index = {n.arabic: n for n in build_index([article("a.txt", PAIRS[:2]), article("b.txt", PAIRS[2:])])}
    haftar = index["حفتر"]
    assert dict(haftar.renderings) == {"Haftar": 1, "Hafter": 1, "Hifter": 1} and not haftar.consistent
    assert haftar.articles == {"a.txt", "b.txt"} and haftar.rendering == "Haftar"
    assert dict(index["السراج"].renderings) == {"Sarraj": 2} and index["السراج"].consistent
    assert all("Haftar" not in n.renderings for key, n in index.items() if key != "حفتر")


def test_a_place_and_its_adjective_are_one_rendering_not_an_inconsistency():
    pairs = [("قالت الخارجية الكورية إن المحادثات مستمرة.", "The Korean foreign ministry said talks would go on."),
             ("ورحبت الحكومة الكورية بالقرار.", "The government of Korea welcomed the decision.")]
    korea = next(n for n in build_index([article("a.txt", pairs)]) if "Korean" in n.renderings)
    assert set(korea.renderings) == {"Korean", "Korea"} and korea.consistent


def test_names_found_inside_words_written_together_are_not_one_entry():
    """A run of words written as one holds several names: it is the spelling of none of them."""
    pairs = [("وقالقامتشارلزسزيسلربجامعةهارفارد إن النوم مهم.", "Charles Czeisler of Harvard said sleep mattered.")]
    index = build_index([article("a.txt", pairs)])
    assert not [n for n in index if len(n.renderings) > 1]
    assert all(len(n.arabic) < 20 for n in index)


def test_the_names_command_and_its_glossary_draft_round_trip(tmp_path, tiny_marian):
    out = tmp_path / "out"
    out.mkdir()
    for i, chunk in enumerate((PAIRS[:3], PAIRS[3:])):
        (out / f"{i}.txt.json").write_text(json.dumps(article(f"{i}.txt", chunk).to_dict(), ensure_ascii=False), encoding="utf-8")
    (out / "notes.json").write_text("{}", encoding="utf-8")  # not a record: left alone
    draft = tmp_path / "names.tsv"
    result = CliRunner().invoke(app, ["names", str(out), "--glossary-draft", str(draft)])
    assert result.exit_code == 0, result.output
    assert "حفتر\tHaftar ×1, Hafter ×1, Hifter ×1\t1 articles\tinconsistent" in result.output
    glossary = load_glossary(draft)
    assert glossary["حفتر"] == "Haftar" and glossary["السراج"] == "Sarraj"
    assert brief_cli([SEEDS, "-o", tmp_path / "again"], tiny_marian, "--glossary", draft).exit_code == 0
    assert CliRunner().invoke(app, ["names", str(tmp_path / "nothing")]).exit_code == 2
