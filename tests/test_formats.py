"""Web pages (trafilatura), Word (python-docx) and Markdown (markdown-it-py) read into blocks; page encodings."""

from pathlib import Path

import pytest

from tests.conftest import brief_cli, record
from translate.reader import read_source

DATA = Path(__file__).parent / "data"
PAGE = DATA / "news_page.html"
NOT_ARTICLE = ["نستخدم ملفات", "الرئيسية", "شارك على", "أخبار ذات صلة", "السراج يزور", "نتمنى أن يعم", "أضف تعليقك",
               "احجز رحلتك", "الأكثر قراءة", "جميع الحقوق"]



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


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_word_files_give_all_their_text_once_in_order(tmp_path):
    """Text boxes, content controls, tracked insertions and tables nested in tables are read too, each text once (a text
    box's fallback copy and a merged cell are not read twice), in the order the document has them:
    tables stay where they stand, not after the last paragraph."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("أزمة ليبيا", level=0)
    document.add_paragraph("الفقرة الأولى قبل الجدول.")
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "خلية مدمجة"
    table.cell(0, 2).text = "خلية خارجية"
    table.cell(0, 2).add_table(rows=1, cols=1).cell(0, 0).text = "خلية داخلية متداخلة"
    document.add_paragraph("الفقرة الثانية بعد الجدول.")
    body = document.element.body
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = (f'<w:p {W} {vml} {mc}><w:r><w:t>قبل المربع </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
           f'<w:drawing><w:txbxContent><w:p><w:r><w:t>نص داخل مربع نص جانبي</w:t></w:r></w:p></w:txbxContent></w:drawing>'
           f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>نص داخل مربع نص جانبي'
           f'</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    control = f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>نص في عنصر تحكم بالمحتوى</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    tracked = (f'<w:p {W}><w:r><w:t>نص أصلي </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>ونص مضاف</w:t></w:r></w:ins>'
               f'<w:del w:id="2" w:author="a"><w:r><w:delText>نص محذوف</w:delText></w:r></w:del></w:p>')
    last = body.index(body.xpath("w:p")[-1])
    body.insert(last + 1, parse_xml(box))
    body.insert(last + 2, parse_xml(control))
    body.insert(last + 3, parse_xml(tracked))
    document.save(tmp_path / "report.docx")
    texts = [b.text for b in read_source(tmp_path / "report.docx").blocks]
    assert texts == ["أزمة ليبيا", "الفقرة الأولى قبل الجدول.", "خلية مدمجة", "خلية خارجية", "خلية داخلية متداخلة",
                     "الفقرة الثانية بعد الجدول.", "قبل المربع", "نص داخل مربع نص جانبي", "نص في عنصر تحكم بالمحتوى",
                     "نص أصلي ونص مضاف"]  # a tracked insertion is text, a tracked deletion is not


def _with_part(path, name: str, xml: str, kind: str) -> None:
    """Adds a part (footnotes, endnotes, a footer, comments) to a saved Word file, as Word writes it."""
    import zipfile

    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = {"footnotes": "footnotes", "endnotes": "endnotes", "footer": "footer", "comments": "comments"}
    with zipfile.ZipFile(path) as source:
        parts = {item: source.read(item) for item in source.namelist()}
    parts[f"word/{name}"] = xml.encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdT{kind}" Type="{rels}/{kind}" Target="{name}"/></Relationships>'.encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.'
        f'wordprocessingml.{types[kind]}+xml"/></Types>').encode())
    with zipfile.ZipFile(path, "w") as target:
        for item, data in parts.items():
            target.writestr(item, data)


def test_word_footnotes_and_endnotes_are_read_and_page_furniture_is_named(tmp_path):
    """Footnotes and endnotes are the article's text: read after its body, as Word prints them
    (their separators are not text); the pages' footers and reviewers' comments are not, and a note
    says they were left out, so no letter goes silently."""
    import docx

    document = docx.Document()
    document.add_paragraph("قال التقرير إن الأسعار ارتفعت.")
    document.save(tmp_path / "report.docx")
    note = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            f'<w:footnote w:id="1"><w:p><w:r><w:t>المصدر: الجهاز المركزي للإحصاء.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    _with_part(tmp_path / "report.docx", "footnotes.xml", note, "footnotes")
    end = f'<w:endnotes {W}><w:endnote w:id="1"><w:p><w:r><w:t>أرقام أولية.</w:t></w:r></w:p></w:endnote></w:endnotes>'
    _with_part(tmp_path / "report.docx", "endnotes.xml", end, "endnotes")
    _with_part(tmp_path / "report.docx", "footer9.xml", f'<w:ftr {W}><w:p><w:r><w:t>سري للغاية</w:t></w:r></w:p></w:ftr>',
               "footer")
    _with_part(tmp_path / "report.docx", "comments.xml",
               f'<w:comments {W}><w:comment w:id="0"><w:p><w:r><w:t>راجع الرقم</w:t></w:r></w:p></w:comment></w:comments>',
               "comments")
    source = read_source(tmp_path / "report.docx")
    assert [b.text for b in source.blocks] == ["قال التقرير إن الأسعار ارتفعت.", "المصدر: الجهاز المركزي للإحصاء.",
                                               "أرقام أولية."]
    assert any("footers" in detail and "comments" in detail for _, detail in source.notes)


def test_markdown_markup_never_reaches_the_model(tmp_path):
    page = tmp_path / "note.md"
    page.write_text("# أزمة **ليبيا**\n\nقال *المصدر* إن [العملية](https://example.com/x) مستمرة `اليوم`.\n\n"
                    "- بند أول\n- بند ثان\n\n![صورة](a.png)\n\n> اقتباس من البيان\n", encoding="utf-8")
    source = read_source(page)
    assert [(b.text, b.heading) for b in source.blocks] == [
        ("أزمة ليبيا", True), ("قال المصدر إن العملية مستمرة اليوم.", False), ("بند أول", False), ("بند ثان", False),
        ("صورة", False), ("اقتباس من البيان", False)]  # an image's description is read (since 2026-12-05)
    assert not any(mark in source.text for mark in ("*", "[", "](", "http", "#", "`", "!"))


ARTICLE_P = "قال مسؤولون لبنانيون إن انفجارا ضخما هز ميناء بيروت مساء الثلاثاء وأوقع عشرات القتلى ومئات الجرحى في المدينة."
LATER_P = "وأضاف وزير الصحة أن المستشفيات امتلأت بالجرحى وأن الحاجة ماسة إلى التبرع بالدم في كل المناطق والمدن."


def _page(body: str, head: str = "") -> str:
    return (f'<html><head><meta charset="utf-8"><title>انفجار في الميناء</title>{head}</head><body>'
            f'<nav><a href="/">الرئيسية</a></nav><article><h1>انفجار في ميناء بيروت</h1>{body}</article>'
            f'<footer>جميع الحقوق محفوظة © 2020</footer></body></html>')


def test_a_page_without_a_date_gets_none_not_its_copyright_year(tmp_path):
    """A date is read from where a page states it (its metadata, a <time>), never guessed from the
    copyright line: "© 2020" made 2020-01-01 the first report of the story."""
    page = tmp_path / "page.html"
    page.write_text(_page(f"<p>{ARTICLE_P}</p><p>{LATER_P}</p>"), encoding="utf-8")
    assert read_source(page).date is None
    dated = tmp_path / "dated.html"
    dated.write_text(_page(f"<p>{ARTICLE_P}</p><p>{LATER_P}</p>",
                           '<meta property="article:published_time" content="2020-08-04T18:10:00+00:00">'), encoding="utf-8")
    assert read_source(dated).date == "2020-08-04"


def test_an_articles_figure_caption_is_read_in_its_place(tmp_path):
    caption = "الدخان يتصاعد فوق الميناء بعد الانفجار الكبير الذي هز العاصمة."
    page = tmp_path / "page.html"
    page.write_text(_page(f'<p>{ARTICLE_P}</p><figure><img src="a.jpg" alt="صورة"><figcaption>{caption}</figcaption>'
                          f'</figure><p>{LATER_P}</p>'), encoding="utf-8")
    texts = [b.text for b in read_source(page).blocks]
    assert texts.index(caption) == texts.index(ARTICLE_P) + 1 and texts[-1] == LATER_P
    assert all("الرئيسية" not in t and "محفوظة" not in t for t in texts)


def test_an_articles_text_written_without_paragraph_tags_is_read(tmp_path):
    """Many Arabic news sites write an article as text straight in a <div>, its paragraphs parted by
    <br><br>: trafilatura (precision mode) dropped that text whole, silently. A <br> inside a
    paragraph parts two words; it glued them ("الأولالسطر")."""
    middle = "وقالت مصادر أمنية إن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض في الأحياء القريبة من الميناء."
    last = "وأعلنت الحكومة الحداد الوطني ثلاثة أيام على أرواح الضحايا."
    page = tmp_path / "page.html"
    page.write_text(_page(f'<div>{ARTICLE_P}<br><br>{middle}<br>\n<br><b>{last}</b></div>'
                          f'<p>السطر الأول<br>السطر الثاني من الفقرة نفسها مع كلمات أخرى.</p><p>{LATER_P}</p>'),
                    encoding="utf-8")
    texts = [b.text for b in read_source(page).blocks]
    assert texts[1:] == [ARTICLE_P, middle, last, "السطر الأول السطر الثاني من الفقرة نفسها مع كلمات أخرى.", LATER_P]
    assert all("الرئيسية" not in t and "محفوظة" not in t for t in texts)


@pytest.mark.parametrize("body", [
    "<table><tr><td><font size=3>{a}<br><br>{b}</font></td></tr></table>",  # an old table layout
    "{a}<br><br>{b}",  # text straight in <body>
    "<span>{a}</span><br><br><span>{b}</span>"])
def test_an_old_layouts_paragraphs_are_each_read(tmp_path, body):
    """A whole article in one table cell or <font>, or straight in <body>, parted by <br><br>: the
    first paragraph was lost (table), or all of it (body)."""
    page = tmp_path / "old.html"
    page.write_text(f'<html><head><meta charset="utf-8"></head><body>{body.format(a=ARTICLE_P, b=LATER_P)}</body></html>',
                    encoding="utf-8")
    assert [b.text for b in read_source(page).blocks] == [ARTICLE_P, LATER_P]


def test_markdown_struck_text_and_task_boxes_reach_the_model_without_their_marks(tmp_path):
    """GFM's ~~struck~~ text is the article's (a correction shown), its tildes markup; a task
    list's box is markup too."""
    page = tmp_path / "note.md"
    page.write_text("فقرة فيها ~~رقم قديم~~ رقم جديد.\n\n- [ ] مهمة لم تنجز\n- [x] مهمة أنجزت\n", encoding="utf-8")
    assert [b.text for b in read_source(page).blocks] == ["فقرة فيها رقم قديم رقم جديد.", "مهمة لم تنجز", "مهمة أنجزت"]


def test_markdown_front_matter_gives_the_title_and_date_not_yaml_to_the_model(tmp_path):
    """A Hugo or Jekyll article opens with YAML front matter: its title and description are the
    article's, its date the publication date, and the rest is metadata, left out with a note that
    names it; the YAML never reaches the model as text."""
    page = tmp_path / "post.md"
    page.write_text('---\ntitle: "انفجار في الميناء"\ndate: 2020-08-04T18:10:00+03:00\nauthor: محمد علي\n'
                    'description: حصيلة أولية للضحايا\ntags: [لبنان, بيروت]\ndraft: false\n---\n\nفقرة أولى من المقال.\n',
                    encoding="utf-8")
    source = read_source(page)
    assert [(b.text, b.heading) for b in source.blocks] == [("انفجار في الميناء", True), ("حصيلة أولية للضحايا", False),
                                                            ("فقرة أولى من المقال.", False)]
    assert source.date == "2020-08-04"
    assert any("author, tags" in detail for _, detail in source.notes)
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [انفجار\n---\n\nفقرة أولى من المقال.\n", encoding="utf-8")
    source = read_source(broken)
    assert [b.text for b in source.blocks] == ["title: [انفجار", "فقرة أولى من المقال."]
    assert any("not valid YAML" in detail for _, detail in source.notes)


def test_markdown_tables_and_image_descriptions_are_read_without_their_markup(tmp_path):
    """A GFM table gives its cells, in place, not its pipes and dashes; an image's description is
    text of the article (a caption), as a web page's figure caption is; a footnote's mark is markup."""
    page = tmp_path / "note.md"
    page.write_text("# عنوان\n\nفقرة أولى.\n\n| العمود الأول | العمود الثاني |\n|---|---|\n| خلية أ | خلية ب |\n\n"
                    "![الدخان فوق الميناء](a.jpg)\n\nفقرة أخيرة مع ![صورة صغيرة](b.png) في وسطها[^1].\n\n"
                    "[^1]: نص الحاشية.\n", encoding="utf-8")
    texts = [b.text for b in read_source(page).blocks]
    assert texts == ["عنوان", "فقرة أولى.", "العمود الأول", "العمود الثاني", "خلية أ", "خلية ب", "الدخان فوق الميناء",
                     "فقرة أخيرة مع صورة صغيرة في وسطها.", "نص الحاشية."]  # a footnote: its mark dropped, its note read
