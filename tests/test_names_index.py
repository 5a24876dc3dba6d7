"""The names index: one Arabic name, its renderings joined; a glossary draft that --glossary reads back."""

import json

from typer.testing import CliRunner

from tests.conftest import SEEDS, brief_cli, record
from translate.article import Article, Brief, Paragraph, Sentence, Source
from translate.cli import app
from translate.glossary import load_glossary
from translate.names_index import build_index, make_consistent

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


def test_one_arabic_word_spells_one_name_of_its_sentence_the_closest():
    """Two names of one sentence that one Arabic word could spell (the translator left the other out):
    the word is the closer one's, and the other is no rendering of it."""
    pairs = [("قدمت البرنامج لورين وتحدث فيه عن حقوق المثليين.", "On the show presented by Lauren Laverne, he spoke of gay rights."),
             ("غنت جانيت جاكسون وهيو في الحفل.", "Janet Jackson and Hugh Jackman sang at the concert.")]
    index = {n.arabic: n for n in build_index([article("a.txt", pairs)])}
    assert dict(index["لورين"].renderings) == {"Lauren": 1}
    assert dict(index["جاكسون"].renderings) == {"Jackson": 1}


def test_a_name_ending_in_a_vowel_keeps_its_arabic_ending():
    """موريسي is Morrisey and موريس Maurice: the final ي is the name's vowel, not an adjective's ending."""
    index = build_index([article("a.txt", [("قال المرشح باتريك موريسي إنه سيفوز.", "Candidate Patrick Morrisey said he would win.")]),
                         article("b.txt", [("وصل موريس إلى المدينة أمس.", "Maurice arrived in the city yesterday.")])])
    assert {n.arabic: set(n.renderings) for n in index if {"Morrisey", "Maurice"} & set(n.renderings)} == \
        {"موريسي": {"Morrisey"}, "موريس": {"Maurice"}}


HAFTAR = [("قال المشير خليفة حفتر إن قواته تتقدم.", "Field Marshal Khalifa Haftar said his forces were advancing."),
          ("ورد حفتر على دعوة الأمم المتحدة.", "Haftar answered the call of the United Nations."),
          ("التقى حفتر بمبعوث في بنغازي.", "Hifter met an envoy in Benghazi; Hifter's aides said so.")]


def test_a_name_that_is_always_the_first_part_of_a_longer_one_is_its_own_entry():
    """Baton of Baton Rouge and Patton are both باتون: the one always written before Rouge (روج) is a
    part of the place's name, an entry of its own, and not a rendering of Patton's word."""
    city = [("وقالت إدارة شرطة باتون روج إنها اعتقلت المشتبه به.", "The Baton Rouge Police Department said it arrested the suspect."),
            ("ونشأ اللاعب في باتون روج حيث لعب والده.", "The player grew up in Baton Rouge, where his father played.")]
    lawyer = [("قال ديفيد باتون إنهم يشعرون بخيبة أمل.", "David Patton said they were disappointed."),
              ("وصرح باتون بأن القرار سيطيل الصدمة.", "Patton said the decision would prolong the trauma.")]
    index = {n.key: n for n in build_index([article("a.txt", city), article("b.txt", lawyer)])}
    patton = next(n for n in index.values() if "Patton" in n.renderings)
    assert dict(patton.renderings) == {"Patton": 2} and patton.consistent and patton.articles == {"b.txt"}
    city_entry = next(n for n in index.values() if "Baton Rouge" in n.renderings)
    assert dict(city_entry.renderings) == {"Baton Rouge": 2} and city_entry.articles == {"a.txt"}
    assert city_entry.arabic == "باتون روج"
    assert not [n for n in index.values() if "Baton" in n.renderings]


def test_a_name_written_alone_too_stays_in_its_entry():
    """Kieran and Kiernan (كيرنان) are one actor's name, written after Ford once and alone twice: one
    entry, inconsistent, as the English is."""
    pairs = [("يبدو أن نجم البرنامج فورد كيرنان مستعد للانتقال.", "Still Game star Ford Kieran looks set to move."),
             ("ويبدو أن كيرنان يخطط لحياته بعد البرنامج.", "It appears Kiernan is planning for life after the show."),
             ("أشار مصدر إلى أن كيرنان يتطلع إلى المطاعم.", "A source hinted that Kiernan was looking at restaurants.")]
    kiernan = next(n for n in build_index([article("a.txt", pairs)]) if "Kiernan" in n.renderings)
    assert dict(kiernan.renderings) == {"Kiernan": 2, "Kieran": 1} and not kiernan.consistent


def test_a_very_common_arabic_word_is_no_spelling_of_an_english_word_that_is_a_common_word():
    """الآن ("now") and the Lawn of Central Park's Great Lawn share their consonants by chance: both are
    common words of their languages. ألان, the name, still spells Allan."""
    pairs = [("الآن في عامه السابع، سيتدفق الناس إلى الحديقة الكبرى في سنترال بارك.",
              "Now in its seventh year, the festival will see people flock to Central Park's Great Lawn."),
             ("وقال ألان إن المهرجان ناجح.", "Allan said the festival was a success.")]
    index = build_index([article("a.txt", pairs)])
    assert not [n for n in index if "Lawn" in n.renderings]
    assert [dict(n.renderings) for n in index if "Allan" in n.renderings] == [{"Allan": 1}]


def test_inconsistent_renderings_are_made_consistent_and_the_change_recorded():
    articles = [article(f"{i}.txt", [pair]) for i, pair in enumerate(HAFTAR)]
    articles[2].brief = Brief("Hifter met an envoy.", "extractive")
    index = build_index(articles)
    assert make_consistent(articles, index) == {"2.txt"}
    sentence = articles[2].paragraphs[0].sentences[0]
    assert sentence.en == "Haftar met an envoy in Benghazi; Haftar's aides said so." and articles[2].brief.text == "Haftar met an envoy."
    flag = next(f for f in sentence.flags if f.kind == "name_made_consistent")
    assert all(q in flag.detail for q in ("Hifter", "Haftar", "حفتر")) and not flag.to_check
    assert any(f.kind == "name_made_consistent" for f in articles[2].flags)  # the brief's change is recorded on the article
    haftar = next(n for n in index if "Haftar" in n.renderings)
    assert dict(haftar.renderings) == {"Haftar": 3} and haftar.consistent  # the index says what the pages now say
    assert articles[0].paragraphs[0].sentences[0].en == HAFTAR[0][1]  # the others are left as they were


def test_the_glossary_rendering_wins_and_other_names_and_place_forms_are_left_alone():
    articles = [article(f"{i}.txt", [pair]) for i, pair in enumerate(HAFTAR)]
    assert make_consistent(articles, build_index(articles), {"حفتر": "Hifter"}) == {"0.txt", "1.txt"}
    assert all("Hifter" in a.paragraphs[0].sentences[0].en and "Haftar" not in a.paragraphs[0].sentences[0].en for a in articles)
    # Two names one Arabic spelling holds (باتون: Baton Rouge, Patton) are not one name's variants; a
    # place and its adjective (Korea, Korean) are two right forms.
    pairs = [("ولد في باتون روج.", "He was born in Baton Rouge."), ("غادر باتون روج أمس.", "He left Baton Rouge yesterday."),
             ("قال الجنرال باتون إنه مستعد.", "General Patton said he was ready."),
             ("قالت الخارجية الكورية إن المحادثات مستمرة.", "The Korean foreign ministry said talks would go on."),
             ("ورحبت الحكومة الكورية بالقرار.", "The government of Korea welcomed the decision.")]
    others = [article(f"{i}.txt", [pair]) for i, pair in enumerate(pairs)]
    assert make_consistent(others, build_index(others)) == set()
    assert [a.paragraphs[0].sentences[0].en for a in others] == [en for _, en in pairs]


def test_a_run_makes_its_articles_renderings_consistent_and_rewrites_their_files(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for i, (ar, _) in enumerate(HAFTAR):
        (folder / f"{i}.txt").write_text(ar, encoding="utf-8")
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    for i, (_, en) in enumerate(HAFTAR):  # as if the model had written these: the records' keys are kept, so they are read back
        data = record(out, f"{i}.txt")
        data["paragraphs"][0]["sentences"][0]["en"] = en
        (out / f"{i}.txt.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    fixed = record(out, "2.txt")["paragraphs"][0]["sentences"][0]
    assert fixed["en"].startswith("Haftar met an envoy") and "name_made_consistent" in [f["kind"] for f in fixed["flags"]]
    assert "Haftar met an envoy" in (out / "2.txt.md").read_text(encoding="utf-8")
    assert "Hifter" not in (out / "briefing.md").read_text(encoding="utf-8").split("## Names", 1)[1]


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
