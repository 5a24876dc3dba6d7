"""The HTML pages: every paragraph, escaped, the Arabic right to left."""

from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import SEEDS, brief_cli, record

DATA = Path(__file__).parent / "data"
PAGE = DATA / "news_page.html"
NOT_ARTICLE = ["نستخدم ملفات", "الرئيسية", "شارك على", "أخبار ذات صلة", "السراج يزور", "نتمنى أن يعم", "أضف تعليقك",
               "احجز رحلتك", "الأكثر قراءة", "جميع الحقوق"]



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
        rtl, text = "".join(page.rtl_text), "".join(page.text)  # a <mark> splits a text in pieces
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


def test_one_sentence_is_counted_as_one_sentence(tmp_path, tiny_marian):
    """"1 of 1 sentences to check" and "done: … (1 sentences)" read as a machine's English."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("قال المصدر إن العملية مستمرة في المدينة منذ أيام.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 0 and "(1 sentence)" in result.output
    for name in ("one.txt.md", "one.txt.html", "briefing.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "1 sentences" not in text and "of 1 sentence to check" in text, name
