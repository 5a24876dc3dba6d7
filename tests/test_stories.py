"""Stories: articles about one event grouped across outlets and across runs; the registry; --since."""

import re
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import SEEDS, SHARED, brief_cli, ntrex_documents, record
from tests.test_copies import wire_copy
from tests.test_pages import Page
from translate.stories import Limits, Profile, assign, story_words

NTREX = SHARED / "data" / "ar-en" / "ntrex128"


def ntrex_article(index: int) -> str:
    return "\n".join(ntrex_documents("newstest2019-ref.arb.txt")[index])


needs_ntrex = pytest.mark.skipif(not NTREX.exists(), reason="../shared/data/ar-en/ntrex128 is not beside the project")

# Three outlets' reports of the Sulawesi earthquake (NTREX articles 7, 27 and 97), and three unrelated
# articles: the Welsh assembly's name, a shark in California, a pig in China.
EVENT = {"reuters.txt": 7, "nyt.txt": 27, "ap.txt": 97}
UNRELATED = {"wales.txt": 0, "shark.txt": 3, "pig.txt": 12}


def _folder(tmp_path, names):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, index in names.items():
        (folder / name).write_text(ntrex_article(index), encoding="utf-8")
    return folder


# The grouping itself --------------------------------------------------------------------------------

def test_rare_words_weigh_and_common_ones_do_not():
    words = story_words("قال الرئيس في بيان إن حفتر وصل إلى طرابلس")
    assert "في" not in words and words.get("الي", 0) < 0.05  # the commonest words weigh (next to) nothing
    assert words["حفتر"] > 3 * words["قال"] and words["طرابلس"] > words["رئيس"]  # rare ones weigh most
    assert "بيان" in words and "يان" not in words  # a word that starts with ب is not ب + a word


def test_later_articles_join_known_stories_and_unlike_ones_start_new_ones():
    vector = np.ones(512, dtype=np.float32) / np.sqrt(512)
    a = Profile({"حفتر": 0.8, "طرابلس": 0.6}, vector)
    b = Profile({"حفتر": 0.7, "طرابلس": 0.7, "باريس": 0.1}, vector)
    c = Profile({"زلزال": 0.9, "سولاويسي": 0.4}, -vector)
    assert assign([a, b, c], [5], Limits(0.3, 0.1, 0.9)) == [5, 5, 6]
    assert assign([c, a], [], Limits(0.3, 0.1, 0.9)) == [0, 1]


# A folder of news ------------------------------------------------------------------------------------

@needs_ntrex
def test_copies_and_reports_of_one_event_are_stories(tmp_path, tiny_marian):
    folder = _folder(tmp_path, EVENT | UNRELATED)
    seed = (SEEDS / "002_5e66ab673e456164.txt").read_text(encoding="utf-8")
    (folder / "agency.txt").write_text(seed, encoding="utf-8")
    (folder / "reprint.txt").write_text(wire_copy(seed), encoding="utf-8")
    out = tmp_path / "out"
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 0, result.output
    story = {name: record(out, name)["story"] for name in [*EVENT, *UNRELATED, "agency.txt", "reprint.txt"]}
    assert len({story[n] for n in EVENT}) == 1  # one story for the three reports
    assert story["agency.txt"] == story["reprint.txt"]  # a wire copy is in its original's story
    others = [story[n] for n in UNRELATED] + [story["agency.txt"], story["reprint.txt"]]
    assert story["reuters.txt"] not in others and len(set(others)) == 4
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "8 articles in 5 stories" in briefing
    cards = briefing.split("\n### ")[1:]
    assert "*3 articles" in cards[0]  # the largest story first
    assert all(f"[Full article]({n}.md)" in cards[0] for n in EVENT)
    assert sum("Also published in:" in card for card in cards) == 1
    assert all(" · new" in card.splitlines()[0] for card in cards)  # a first run: every story is new
    assert "## Names" in briefing


@needs_ntrex
def test_a_later_run_attaches_its_article_and_marks_the_story_updated(tmp_path, tiny_marian):
    folder = _folder(tmp_path, {"reuters.txt": 7, "nyt.txt": 27} | UNRELATED)
    out = tmp_path / "out"
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    first = record(out, "reuters.txt")["story"]
    _folder(tmp_path, {"ap.txt": 97})
    result = brief_cli([folder, "-o", out, "--since", "last"], tiny_marian)
    assert result.exit_code == 0, result.output
    assert record(out, "ap.txt")["story"] == first == record(out, "nyt.txt")["story"]
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "Only the stories with articles added or revised since" in briefing
    cards = briefing.split("\n### ")[1:]
    assert len(cards) == 1 and " · updated" in cards[0].splitlines()[0]  # the unchanged stories are left out
    timeline = cards[0].split("Timeline:")[1]
    assert re.search(r"first report, \[reuters\.txt\]|first report, \[nyt\.txt\]", timeline)
    assert "added, [ap.txt](ap.txt.md) (this run)" in timeline
    again = brief_cli([folder, "-o", out], tiny_marian)  # nothing new: no story is new or updated
    assert again.exit_code == 0
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert " · new" not in briefing and " · updated" not in briefing and "4 stories" in briefing
    html = (out / "briefing.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    assert "script" not in page.tags and page.tags.count("details") >= 4 and "timeline" in html


def test_a_registry_it_cannot_read_is_warned_about_and_the_run_goes_on(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((SEEDS / "002_5e66ab673e456164.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "stories.sqlite").write_bytes(b"not a database" * 100)
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 0, result.output
    assert "story registry" in result.output and "without the history" in result.output
    assert record(out, "a.txt")["story"] is not None and "1 story" in (out / "briefing.md").read_text(encoding="utf-8")


def test_since_must_be_a_date_or_last(tmp_path, tiny_marian):
    result = brief_cli([SEEDS, "-o", tmp_path / "out", "--since", "yesterday-ish"], tiny_marian)
    assert result.exit_code == 2 and "--since" in result.output and not (tmp_path / "out").exists()


def test_the_registry_keeps_one_row_per_article_and_a_timeline(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((SEEDS / "002_5e66ab673e456164.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    db = sqlite3.connect(out / "stories.sqlite")
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert db.execute("SELECT what FROM events").fetchall() == [("first report",)]
    assert db.execute("SELECT count(*) FROM runs").fetchone() == (2,)


def test_a_registry_that_fails_mid_run_goes_on_in_memory_with_the_articles_so_far(tmp_path):
    from translate.article import Article, Paragraph, Sentence, Source
    from translate.registry import StoryRegistry

    def article(name, text):
        return Article(Source(name, name.ljust(64, "0"), "utf-8"), name, [Paragraph(text, False, [Sentence(text, [text], "")])])

    warnings = []
    registry = StoryRegistry(tmp_path, warnings.append)
    registry.start("2026-12-01 09:00 UTC")
    first, second = article("a.txt", "وصل المشير خليفة حفتر إلى طرابلس"), article("b.txt", "المشير خليفة حفتر في طرابلس")
    registry.attach(first)
    registry.db.execute("DROP TABLE events")  # the next write fails
    registry.attach(second)
    assert warnings and "without the history" in warnings[0]
    assert first.story == second.story and [len(s.articles) for s in registry.stories([first, second])] == [2]


def test_a_pages_outlet_and_date_are_in_its_record_and_its_story(tmp_path, tiny_marian):
    page = (Path(__file__).parent / "data" / "news_page.html").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(page.replace("<head>", '<head><meta property="og:site_name" content="الوسط">', 1),
                                      encoding="utf-8")
    out = tmp_path / "out"
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    data = record(out, "page.html")
    assert data["outlet"] == "الوسط" and data["date"] == "2019-03-14"
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "· الوسط · published 2019\\-03-14" in briefing and "first report 2019\\-03-14" in briefing
