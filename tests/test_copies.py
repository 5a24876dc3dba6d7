"""Wire copies: the same text with light edits is found, shown once in the briefing, and named in the JSON."""

from tests.conftest import SEEDS, brief_cli, record
from translate.copies import copy_groups

ARTICLE = (SEEDS / "002_5e66ab673e456164.txt").read_text(encoding="utf-8")
OTHER = (SEEDS / "000_16c4f5798e7ff228.txt").read_text(encoding="utf-8")
THIRD = (SEEDS / "003_bb3abbb9473afff3.txt").read_text(encoding="utf-8")


def wire_copy(text: str) -> str:
    """An agency copy: a byline, the last paragraph dropped, punctuation taken out of one."""
    lines = [line for line in text.splitlines() if line.strip()]
    lines[0] = "طرابلس (وكالات) - " + lines[0]
    lines[1] = lines[1].replace("،", "").replace(".", "")
    return "\n".join(lines[:-1])


def test_copies_are_grouped_and_different_articles_are_not():
    groups = copy_groups([ARTICLE, OTHER, wire_copy(ARTICLE), THIRD, wire_copy(wire_copy(ARTICLE))])
    assert groups == [[0, 2, 4]]
    assert copy_groups([ARTICLE, OTHER, THIRD]) == []
    assert copy_groups(["قال", "قال"]) == []  # a few words are nobody's copy


def test_the_briefing_shows_a_story_once_with_its_copies(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "agency.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "reprint.txt").write_text(wire_copy(ARTICLE), encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    assert record(out, "agency.txt")["duplicates"] == ["reprint.txt"]
    assert record(out, "reprint.txt")["duplicates"] == ["agency.txt"]
    assert record(out, "other.txt")["duplicates"] == []
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert briefing.count("\n### ") == 2  # two stories: the copy has no card of its own
    assert "Also published in: [reprint.txt](reprint.txt.md)" in briefing
    assert "reprint.txt.html" in (out / "briefing.html").read_text(encoding="utf-8")
    (folder / "reprint.txt").unlink()  # the next run has no copy: the record says so
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    assert record(out, "agency.txt")["duplicates"] == []
