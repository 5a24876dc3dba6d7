"""Articles as they arrive: web pages, Word and Markdown in; a watched folder; a chunk cache; HTML out (issue 15)."""

import json
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from translate import settings
from translate.cache import ChunkCache, Translation
from translate.cli import app
from translate.flags import Flag, FlagKind
from translate.pipeline import BriefOptions, watch
from translate.reader import read_source
from translate.summarizer import SummaryOptions
from translate.translator import TranslationOptions

DATA = Path(__file__).parent / "data"
PAGE = DATA / "news_page.html"
NOT_ARTICLE = ["نستخدم ملفات", "الرئيسية", "شارك على", "أخبار ذات صلة", "السراج يزور", "نتمنى أن يعم", "أضف تعليقك",
               "احجز رحلتك", "الأكثر قراءة", "جميع الحقوق"]


def brief_cli(args, tiny_marian, *extra):
    env = {settings.MT_MODEL: str(tiny_marian)}
    return CliRunner(env=env).invoke(app, ["brief", *map(str, args), "--summarizer", "extractive", *extra])


def record(out: Path, name: str) -> dict:
    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))


# Inputs ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "cp1256"])
def test_a_news_page_gives_its_article_only(tmp_path, encoding):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.read_text(encoding="utf-8").replace("windows-1256", encoding).encode(encoding))
    source = read_source(page)
    assert source.encoding == encoding and source.format == "html" and source.date == "2019-03-14"
    texts = [b.text for b in source.blocks]
    assert [b.heading for b in source.blocks] == [True, False, False, True, False, False]
    assert texts[0] == "حفتر يلتقي المبعوث الأممي في بنغازي" and texts[3] == "مؤتمر وطني جامع"
    assert "12 شخصا" in texts[2] and "75 في المئة" in texts[5]
    for noise in NOT_ARTICLE:
        assert all(noise not in text for text in texts), noise


def test_page_encodings_come_from_the_document_with_clear_errors(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lies.html").write_bytes(b'<html><head><meta charset="utf-8"></head><body><p>' + "قال".encode("cp1256") * 40
                                       + b"</p></body></html>")
    (folder / "unknown.htm").write_bytes(b'<html><head><meta charset="klingon-9"></head><body><p>x</p></body></html>')
    (folder / "empty.html").write_bytes(b"")
    (folder / "menu-only.html").write_bytes('<html><body><nav><a href="/">الرئيسية</a></nav></body></html>'.encode())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "good.html").write_bytes(PAGE.read_text(encoding="utf-8").encode("cp1256"))
    result = brief_cli([folder, "-o", tmp_path / "out"], tiny_marian)
    assert result.exit_code == 1 and "2 done, 0 skipped (unchanged), 4 failed" in result.output
    output = " ".join(result.output.split())
    lies = record(tmp_path / "out", "lies.html")  # the reading that gives Arabic, with both encodings named
    assert lies["source"]["encoding"] == "cp1256"
    assert [f["detail"] for f in lies["flags"] if f["kind"] == "encoding"] == [
        "the page declares utf-8, but its bytes are not utf-8; read as cp1256"]
    assert "unknown encoding (klingon-9)" in output and "not a readable Word (.docx) file" in output
    assert "empty.html (the file is empty)" in output
    data = record(tmp_path / "out", "good.html")
    assert data["date"] == "2019-03-14" and data["source"]["format"] == "html"
    assert data["paragraphs"][0]["heading"] and data["title_from"] == "heading"


def test_word_files_keep_their_headings(tmp_path, tiny_marian):
    import docx

    document = docx.Document()
    document.add_heading("أزمة ليبيا", level=0)
    document.add_paragraph("قال المصدر إن العملية مستمرة. وأضاف أنها طويلة.")
    document.add_heading("ردود الفعل", level=2)
    document.add_paragraph("ورحبت البعثة الأممية بالاتفاق في بيان صدر أمس.")
    folder = tmp_path / "in"
    folder.mkdir()
    document.save(folder / "report.docx")
    source = read_source(folder / "report.docx")
    assert [(b.text, b.heading) for b in source.blocks] == [
        ("أزمة ليبيا", True), ("قال المصدر إن العملية مستمرة. وأضاف أنها طويلة.", False), ("ردود الفعل", True),
        ("ورحبت البعثة الأممية بالاتفاق في بيان صدر أمس.", False)]
    assert brief_cli([folder, "-o", tmp_path / "out"], tiny_marian).exit_code == 0
    data = record(tmp_path / "out", "report.docx")
    assert [p["heading"] for p in data["paragraphs"]] == [True, False, True, False]
    assert [len(p["sentences"]) for p in data["paragraphs"]] == [1, 2, 1, 1]


def test_markdown_markup_never_reaches_the_model(tmp_path):
    page = tmp_path / "note.md"
    page.write_text("# أزمة **ليبيا**\n\nقال *المصدر* إن [العملية](https://example.com/x) مستمرة `اليوم`.\n\n"
                    "- بند أول\n- بند ثان\n\n![صورة](a.png)\n\n> اقتباس من البيان\n", encoding="utf-8")
    source = read_source(page)
    assert [(b.text, b.heading) for b in source.blocks] == [
        ("أزمة ليبيا", True), ("قال المصدر إن العملية مستمرة اليوم.", False), ("بند أول", False), ("بند ثان", False),
        ("اقتباس من البيان", False)]
    assert not any(mark in source.text for mark in ("*", "[", "](", "http", "#", "`", "!"))


# Watching a folder --------------------------------------------------------------------------------------

def wait_for(condition, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_watch_briefs_what_arrives_and_what_changes(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    stop = threading.Event()
    events = []

    class Recorder:
        def message(self, text): events.append(("message", text))
        def warn(self, text): events.append(("warning", text))
        def start(self, articles, chunks): pass
        def advance(self, chunks=0, articles=0): pass
        def file(self, path, status, detail=""): events.append((status, Path(path).name))

    options = BriefOptions(out_dir=out, mt_model=str(tiny_marian), translation=TranslationOptions(num_beams=1),
                           summary=SummaryOptions(summarizer="extractive"))
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("report", watch([folder], options, Recorder(), stop,
                                                                            settle=0.3, force_polling=True)))
    thread.start()
    try:
        assert wait_for(lambda: (out / "briefing.md").exists())
        seeds = sorted(SEEDS.glob("*.txt"))
        (folder / "one.txt").write_bytes(seeds[0].read_bytes())
        partial = folder / "two.txt"
        data = seeds[1].read_bytes()
        with open(partial, "wb") as handle:  # arrives slowly: read only once it has stopped changing
            for k in range(0, len(data), len(data) // 4 + 1):
                handle.write(data[k:k + len(data) // 4 + 1])
                handle.flush()
                time.sleep(0.1)
        (folder / "bad.txt").write_bytes(b"")
        assert wait_for(lambda: (out / "one.txt.json").exists() and (out / "two.txt.json").exists())
        assert wait_for(lambda: "two.txt.md" in (out / "briefing.md").read_text(encoding="utf-8")
                        and "one.txt.md" in (out / "briefing.md").read_text(encoding="utf-8"))
        assert record(out, "two.txt")["source"]["sha256"] == read_source(partial).sha256
        before = record(out, "one.txt")["source"]["sha256"]
        (folder / "one.txt").write_bytes(seeds[2].read_bytes())
        assert wait_for(lambda: (out / "one.txt.json").exists() and record(out, "one.txt")["source"]["sha256"] != before)
        (folder / "two.txt").write_bytes(seeds[1].read_bytes() + " وانتهى.".encode())  # another pass; bad.txt unchanged
        assert wait_for(lambda: [e for e in events if e == ("done", "two.txt")].__len__() >= 2)
        visible = [p for p in out.rglob("*") if not p.name.startswith(".")]
        for path in visible:
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
    finally:
        stop.set()
        thread.join(60)
    assert not thread.is_alive()
    assert events.count(("failed", "bad.txt")) == 1, "a failing file is reported once while it does not change"
    assert not [p for p in out.rglob(".*") if p.name != ".translate-briefing.lock"]
    assert box["report"].failed and box["report"].failed[0].path.endswith("bad.txt")


# Updated articles: only what changed is translated ----------------------------------------------------------

def test_an_added_paragraph_is_all_that_is_translated(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setenv(settings.CACHE, str(tmp_path / "cache"))
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    article = folder / "story.txt"
    article.write_bytes((SEEDS / "001_b2e0ecc695aa0088.txt").read_bytes())
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    first = record(out, "story.txt")

    from translate.engines.seq2seq import Seq2Seq

    translated = []
    real = Seq2Seq.run_groups

    def spy(self, groups, *args, **kwargs):
        translated.append([text for group in groups for text in group])
        return real(self, groups, *args, **kwargs)

    monkeypatch.setattr(Seq2Seq, "run_groups", spy)
    added = "وفي تطور لاحق، أعلنت البعثة الأممية استئناف المشاورات يوم الاثنين المقبل."
    article.write_text(article.read_text(encoding="utf-8") + "\n" + added, encoding="utf-8")
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    second = record(out, "story.txt")
    assert second["source"]["sha256"] != first["source"]["sha256"]
    assert translated[0] == [added], translated  # later calls, if any, are that chunk's own retries
    assert all(piece.replace(" ", "") in added.replace(" ", "") for call in translated[1:] for piece in call)
    assert second["paragraphs"][:-1] == first["paragraphs"]

    translated.clear()
    assert "1 done" in brief_cli([folder, "-o", out, "--force", "--no-cache"], tiny_marian).output
    assert len(translated[0]) > 10


def test_a_corrupt_cache_is_set_aside_with_a_warning(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setenv(settings.CACHE, str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "chunks.sqlite").write_bytes(b"this is not a database" * 100)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "003_bb3abbb9473afff3.txt").read_bytes())
    result = brief_cli([folder, "-o", tmp_path / "out"], tiny_marian)
    assert result.exit_code == 0, result.output
    assert "could not be read" in result.output and "set aside" in result.output
    assert list((tmp_path / "cache").glob("chunks.sqlite.corrupt-*"))
    cache = ChunkCache({"x": 1}, tmp_path / "cache" / "chunks.sqlite")
    kept = Translation("a", -0.1, True, (Flag(FlagKind.retried, "again"),))
    cache.put_many({"ا": kept})
    assert cache.get_many(["ا", "ب"]) == {"ا": kept}


# A briefing to read in a browser ------------------------------------------------------------------------------

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.rtl_text, self.text, self.tags = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        inherited = bool(self.stack) and self.stack[-1]
        if tag not in ("meta", "link", "br", "img", "input", "hr"):  # void elements have no end tag
            self.stack.append((attrs.get("dir") == "rtl" and attrs.get("lang") == "ar") or inherited)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        (self.rtl_text if self.stack and self.stack[-1] else self.text).append(data)


def test_html_pages_hold_every_paragraph_escaped_and_right_to_left(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = "<script>alert(1)<script>.txt"
    (folder / hostile).write_text("قال المصدر إن <script>alert(2)</script> العملية مستمرة في المدينة منذ أيام.\n"
                                  + (SEEDS / "002_5e66ab673e456164.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "page.html").write_bytes(PAGE.read_bytes())
    out = tmp_path / "out"
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    for name in (hostile, "page.html"):
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        page = Page()
        page.feed(html)
        assert "script" not in page.tags and "<script>" not in html
        data = record(out, name)
        rtl, text = " ".join(page.rtl_text), " ".join(page.text)
        for paragraph in data["paragraphs"]:
            assert " ".join(paragraph["ar"].split()) in " ".join(rtl.split())
            for sentence in paragraph["sentences"]:
                assert " ".join(sentence["en"].split())[:40] in " ".join(text.split())
        assert data["brief"]["text"][:30] in text and 'name="viewport"' in html
    briefing = (out / "briefing.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(briefing)
    assert "script" not in page.tags and "%3Cscript%3Ealert%281%29%3Cscript%3E.txt.html" in briefing
    assert "2 articles" in briefing and "sentences to check" in briefing and "translate-briefing:" in briefing
