"""Untrusted names shown to a person: terminal, Markdown and HTML; glossary files; the CLI's own words."""

import json
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from translate import settings
from translate.chars import visible
from translate.cli import app
from translate.errors import GlossaryError
from translate.glossary import load_glossary

GOOD = (SEEDS / "003_bb3abbb9473afff3.txt").read_bytes()
NEWLINE = "new\nline.txt"
RLO = "evil\u202etxt.exe.txt"


def test_visible_escapes_controls_and_bidi_and_nothing_else():
    assert visible(NEWLINE) == "new\\nline.txt"
    assert visible(RLO) == "evil\\u202etxt.exe.txt"
    assert visible("a\tb\rc\x1b[31m\u2066x\u200f") == "a\\tb\\rc\\x1b[31m\\u2066x\\u200f"
    assert visible("تقرير عن ليبيا 2019.txt") == "تقرير عن ليبيا 2019.txt"
    assert visible("bad\udcff.txt") == "bad\\udcff.txt"  # a name that was not UTF-8 (surrogateescape)


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def test_hostile_names_are_shown_escaped_everywhere_and_kept_in_the_json(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for name in (NEWLINE, RLO):
        (folder / name).write_bytes(GOOD)
    env = {settings.MT_MODEL: str(tiny_marian)}
    result = CliRunner(env=env).invoke(app, ["brief", str(folder), "-o", str(out), "--summarizer", "extractive"])
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output
    assert "new\\nline.txt" in result.output and "evil\\u202etxt.exe.txt" in result.output
    lines = result.output.splitlines()
    assert not any(line.startswith("line.txt") for line in lines), "a name forged a line of its own"
    paths = {json.loads(p.read_text(encoding="utf-8"))["source"]["path"] for p in out.glob("*.json")}
    assert paths == {str(folder / NEWLINE), str(folder / RLO)}  # the real names stay in the record
    for page in [*out.glob("*.md"), *out.glob("*.html")]:
        body = page.read_text(encoding="utf-8")
        assert "\u202e" not in body, page.name
        if page.suffix == ".html":
            parser = Text()
            parser.feed(body)
            shown = "".join(parser.parts)
            assert "\u202e" not in shown
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "evil\\\\u202etxt.exe.txt" in briefing or "evil\\u202etxt.exe.txt" in briefing


@pytest.mark.parametrize("body, problem", [
    ('terms = "x"\n', "key 'terms'"),
    ('[terms]\n"حفتر" = ["a", 1]\n', "must be a string"),
    ('[terms]\n"حفتر" = 3\n', "must be a string"),
    ('[terms]\n"حفتر" = "Haftar"\n"حفتر " = "Hafter"\n', "given twice"),
    ('[terms]\n"حفتر" = ""\n', "rendering of حفتر is empty"),
    ('[terms\n', "not valid TOML"),
])
def test_a_bad_toml_glossary_names_the_file_and_the_problem(tmp_path, body, problem):
    path = tmp_path / "g.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_a_tsv_glossary_is_validated_line_by_line(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes("\ufeffحفتر\tHaftar\n# comment\nطرابلس\tTripoli\n".encode())
    assert load_glossary(path) == {"حفتر": "Haftar", "طرابلس": "Tripoli"}  # no BOM in the first term
    path.write_text("حفتر\tHaftar\nطرابلس\tTripoli\nحفتر\tHifter\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"line 3: the term حفتر is given twice \(line 1 and line 3\)"):
        load_glossary(path)
    path.write_text("حفتر\tHaftar\textra\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="line 1: expected"):
        load_glossary(path)


def test_the_cli_refuses_a_bad_glossary_before_any_work(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('terms = "x"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(GOOD)
    result = CliRunner().invoke(app, ["brief", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--glossary",
                                      str(glossary)])
    assert result.exit_code == 2 and "key 'terms'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_help_and_version():
    runner = CliRunner()
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("translate-briefing ")
    text = runner.invoke(app, ["brief", "--help"], terminal_width=200).output
    assert "translate-briefing[ray]" in text
    assert "<bool>" not in text and "--force" in text and "--max-input-mb" in text


def test_messages_name_a_command_that_runs_from_here(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # `translate` is not on PATH, as after `make brief`
    command = settings.command("models pull")
    assert command.endswith("translate models pull") and command != "translate models pull"
    runnable = command.rsplit(" ", 2)[0]
    import os

    assert os.access(runnable, os.X_OK) or runnable.endswith("-m translate")
