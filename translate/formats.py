"""Structured inputs: web pages (trafilatura), Word files (python-docx) and Markdown (markdown-it-py),
each read into blocks (paragraphs and headings as the document marks them), so that no markup
reaches the model. Plain text has no blocks: its lines are paragraphs, short ones headings."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from xml.etree import ElementTree

from translate.errors import FormatError

_LETTER = re.compile(r"[^\W\d_]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Parsed:
    blocks: tuple[Block, ...]
    title: str | None = None
    date: str | None = None
    notes: tuple[tuple[str, str], ...] = ()  # (kind, detail): what the reader did that a reader should know
    outlet: str | None = None  # the site that published it, when the page says (trafilatura's sitename, else its host)


def html_encoding(data: bytes) -> str | None:
    """The document's own encoding: a byte-order mark, else a <meta charset> in its first 4 KB."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    match = _META_CHARSET.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            raise FormatError(f"the page declares an unknown encoding ({name})") from None
    return None


@lru_cache(maxsize=4)
def _trafilatura_config(max_bytes: int):
    """trafilatura's settings with its input limit (20 MB of its own) set to ours, which was checked already."""
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(max_bytes)
    # A date only where the page states one (metadata, <time>, the URL): the extensive search guesses
    # from any year in the page, a copyright line's among them ("© 2020" made 2020-01-01).
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"
    return config


# Inline elements: text in them is part of the paragraph around it (the HTML standard's phrasing content).
_INLINE = frozenset("a abbr b bdi bdo big br cite code data del dfn em font i img ins kbd mark q s samp small span "
                    "strong sub sup time u var wbr".split())
# Containers whose loose text (not in a <p>) is the article's on many sites: "text<br><br>text" in a <div>.
_CONTAINERS = ("body", "div", "section", "article", "main", "details", "center", "td", "th")


def _is_break(node) -> bool:
    return isinstance(node.tag, str) and node.tag.lower() == "br"


def _run_has_text(text: str | None, nodes) -> bool:
    """A run of loose text and inline elements holds a letter outside links (links alone are menus)."""
    parts = [text or ""]
    for node in nodes:
        if isinstance(node.tag, str) and node.tag.lower() != "a":
            for sub in node.iter():
                if isinstance(sub.tag, str) and sub.tag.lower() != "a":
                    parts.append(sub.text or "")
                if sub is not node:
                    parts.append(sub.tail or "")  # after an inner element, a link's too: outside it
        parts.append(node.tail or "")
    return bool(_LETTER.search("".join(parts)))


def _loose_text_as_paragraphs(container) -> None:
    """Each run of loose text and inline elements in the container that holds a letter becomes a <p>,
    runs parted at its block children and at a <br><br> (trafilatura, in precision mode, drops text
    that no <p> holds)."""
    runs: list = []  # (text, inline nodes) runs and block children, in order
    text, nodes = container.text, []
    for child in list(container):
        if isinstance(child.tag, str) and child.tag.lower() not in _INLINE:
            runs.append((text, nodes))
            runs.append(child)
            text, nodes, child.tail = child.tail, [], None
        elif _is_break(child) and nodes and _is_break(nodes[-1]) and not (nodes[-1].tail or "").strip():
            nodes.pop()
            runs.append((text, nodes))
            text, nodes, child.tail = child.tail, [], None
        else:
            nodes.append(child)
    runs.append((text, nodes))
    wrapped = [isinstance(run, tuple) and _run_has_text(*run) for run in runs]
    if not any(wrapped):
        return
    from lxml import etree

    for child in list(container):
        container.remove(child)
    container.text = None
    for run, wrap in zip(runs, wrapped):
        if not isinstance(run, tuple):
            container.append(run)
            continue
        text, nodes = run
        if wrap:
            paragraph = etree.SubElement(container, "p")
            paragraph.text = text
            paragraph.extend(nodes)
            continue
        if text and len(container):
            container[-1].tail = (container[-1].tail or "") + text
        elif text:
            container.text = (container.text or "") + text
        container.extend(nodes)


def _prepared_tree(html: str):
    """The page's tree made readable by trafilatura without loss: each <figure> that has a caption
    replaced by the caption as a paragraph (trafilatura drops figures whole, and an article's captions
    are its text; those of menus and related-story cards go with them, as their paragraphs do), and
    text that no <p> holds put in one."""
    from lxml import etree
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return html
    for figure in list(tree.iter("figure")):
        caption = next(figure.iter("figcaption"), None)
        text = " ".join("".join(caption.itertext()).split()) if caption is not None else ""
        if text and figure.getparent() is not None:
            paragraph = etree.Element("p")
            paragraph.text, paragraph.tail = text, figure.tail
            figure.getparent().replace(figure, paragraph)
    etree.strip_tags(tree, "font")  # presentational only; old table layouts wrap a whole article in one
    for container in list(tree.iter(*_CONTAINERS)):
        _loose_text_as_paragraphs(container)
    return tree


def parse_html(html: str, max_bytes: int) -> Parsed:
    import trafilatura

    xml = trafilatura.extract(_prepared_tree(html), output_format="xml", include_comments=False, include_tables=True,
                              with_metadata=True, favor_precision=True, config=_trafilatura_config(max_bytes))
    if not xml:
        raise FormatError("no article text found in the page")
    root = ElementTree.fromstring(xml)
    for line_break in root.iter("lb"):  # a <br>: it parts two words
        line_break.tail = " " + (line_break.tail or "")
    blocks = []
    for element in root.iter():
        if element.tag in ("head", "p", "item", "cell", "quote"):
            text = " ".join("".join(element.itertext()).split())
            if text and (element.tag == "head" or not any(child.tag in ("p", "item") for child in element)):
                blocks.append(Block(text, heading=element.tag == "head"))
    title = root.get("title") or None
    if title and (not blocks or blocks[0].text != title):
        blocks.insert(0, Block(title, heading=True))
    outlet = " ".join((root.get("sitename") or root.get("hostname") or "").split())[:80] or None
    return Parsed(tuple(blocks), title, root.get("date") or None, outlet=outlet)


def inflated_size(data: bytes) -> int:
    """What a Word file's parts declare they inflate to, read from the zip directory before any is
    inflated (zipfile never inflates a part past its declared size)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _not_word(exc) from None


def _not_word(exc: Exception) -> FormatError:
    return FormatError(f"not a readable Word (.docx) file ({type(exc).__name__})")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SPACES = {_W + "tab", _W + "br", _W + "cr"}


def _paragraph_text(element, top: bool = False):
    """A Word paragraph's text as Word shows it: its runs wherever they sit (tracked insertions,
    smart tags, hyperlinks and fields included; deleted text is w:delText, not read), without the
    paragraphs of its text boxes (read on their own) or a text box's fallback copy. python-docx's
    Paragraph.text reads only runs and hyperlinks directly under the paragraph."""
    if not top and element.tag in (_W + "p", _FALLBACK):
        return
    if element.tag == _W + "t":
        yield element.text or ""
    elif element.tag in _SPACES:
        yield " "
    for child in element:
        yield from _paragraph_text(child)


def parse_docx(data: bytes, max_bytes: int) -> Parsed:
    if (size := inflated_size(data)) > max_bytes:
        raise FormatError(f"its parts inflate to {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:g} MB "
                          f"(--max-input-mb); nothing was inflated")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors all mean "not a readable Word file"
        raise _not_word(exc) from None
    from docx.oxml import parse_xml
    from docx.text.paragraph import Paragraph

    # Every paragraph of the body in document order: those of tables (nested ones too), text boxes and
    # content controls, which document.paragraphs leaves out, tables where they stand; a merged cell is
    # one element, and a text box's copy for older readers (mc:Fallback) is skipped.
    blocks = []
    for element in _word_paragraphs(document.element.body):
        text = _word_text(element)
        paragraph = Paragraph(element, document._body)
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if text:
            blocks.append(Block(text, heading=style.startswith("Heading") or style == "Title"))
    # Footnotes, then endnotes, after the body as Word prints them (python-docx does not read them);
    # the pages' headers and footers and the reviewers' comments are not the article: named in a note.
    furniture: dict[str, int] = {}
    for kind in ("footnotes", "endnotes", "header", "footer", "comments"):
        for rel in document.part.rels.values():
            if rel.is_external or not rel.reltype.endswith("/" + kind):
                continue
            try:
                root = parse_xml(rel.target_part.blob)
            except Exception as exc:  # noqa: BLE001 - a damaged part is a damaged file
                raise _not_word(exc) from None
            for element in _word_paragraphs(root):
                note = next((a for a in element.iterancestors(_W + "footnote", _W + "endnote")), None)
                if note is not None and note.get(_W + "type") not in (None, "normal"):
                    continue  # a separator line, not text
                text = _word_text(element)
                if text and kind in ("footnotes", "endnotes"):
                    blocks.append(Block(text))
                elif text:
                    furniture[kind] = furniture.get(kind, 0) + len(_LETTER.findall(text))
    notes = ()
    if furniture:
        names = {"header": "page headers", "footer": "page footers", "comments": "reviewers' comments"}
        parts = ", ".join(f"{names[kind]} ({count} letters)" for kind, count in furniture.items())
        notes = (("reading", f"left out, not the article's text: {parts}"),)
    title = (document.core_properties.title or "").strip() or None
    return Parsed(tuple(blocks), title, None, notes=notes)


def _word_text(element) -> str:
    """A Word paragraph's text, its runs of whitespace made one space."""
    return " ".join("".join(_paragraph_text(element, top=True)).split())


def _word_paragraphs(root):
    """The paragraphs under a Word part's root in document order, a text box's fallback copy skipped."""
    for element in root.iter(_W + "p"):
        if not any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
            yield element


_MARKERS = re.compile(r"^(?:\s+|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|#{1,6}(?=\s|$))+")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")


def _inline_text(children) -> str:
    parts = []
    for child in children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":  # its description, as a page's caption: text of the article
            parts.append(_inline_text(child.children))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _html_text(html: str) -> str:
    """The text of a raw HTML block (tags, scripts and styles left out)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style") and self.skip > 0

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


# Front matter (Hugo, Jekyll): the fields that are the article's text, and those that date it.
_FRONT_TEXT = ("title", "subtitle", "description", "summary", "excerpt", "lead", "abstract")
_FRONT_DATE = ("date", "publishdate", "published", "pubdate")


def _has_letter(value, seen: set[int]) -> bool:
    """A letter anywhere in a YAML value (aliases walked once: a value that repeats itself is small)."""
    if id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, str):
        return bool(_LETTER.search(value))
    if isinstance(value, dict):
        return any(_has_letter(k, seen) or _has_letter(v, seen) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_letter(v, seen) for v in value)
    return False


def _front_matter(content: str) -> tuple[list[Block], str | None, tuple[tuple[str, str], ...]]:
    """The blocks, date and notes of a YAML front matter: title as the heading, description and the
    like as paragraphs, the date as the publication date, the other fields with letters named in a
    note; a front matter that is not YAML is read as lines of text, with a note."""
    import datetime

    import yaml

    try:
        fields = yaml.safe_load(content)
    except yaml.YAMLError:
        lines = [" ".join(line.split()) for line in content.split("\n")]
        blocks = [Block(line) for line in lines if _LETTER.search(line)]
        return blocks, None, (("reading", "the front matter is not valid YAML: read as lines of text"),) if blocks else ()
    if not isinstance(fields, dict):
        blocks = [Block(" ".join(str(fields).split()))] if _has_letter(fields, set()) else []
        return blocks, None, ()
    blocks, date, left = [], None, []
    for key, value in fields.items():
        name = str(key).lower()
        if name in _FRONT_TEXT and isinstance(value, str) and _LETTER.search(value):
            blocks.append(Block(" ".join(value.split()), heading=name == "title"))
        elif name in _FRONT_DATE and date is None and isinstance(value, (datetime.date, str)):
            iso = value.isoformat() if isinstance(value, datetime.date) else value.strip()
            date = iso[:10] if re.match(r"\d{4}-\d{2}-\d{2}", iso) else None
        elif _has_letter(value, set()):
            left.append(str(key))
    blocks.sort(key=lambda block: not block.heading)  # the title first
    notes = (("reading", f"front matter fields left out (metadata, not the article's text): {', '.join(left)}"),) if left else ()
    return blocks, date, notes


def parse_markdown(text: str) -> Parsed:
    """Headings stay headings; paragraphs, list items and quotes become plain text (link text kept,
    link targets, emphasis and strikethrough marks, task boxes, image addresses and HTML tags dropped;
    an image's description, table cells and the text of raw HTML blocks kept); a YAML front matter
    gives the title, description and date (the other fields named in a note).

    markdown-it stops at a nesting depth (its maxNesting): lines nested deeper are not parsed at all.
    Every line holding a letter that no parsed block covers is read as plain text (its list and
    quote markers removed, its inline markup parsed), in place, and a note says how many."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    parser = (MarkdownIt("commonmark").enable(["table", "strikethrough"])
              .use(footnote_plugin).use(front_matter_plugin).use(tasklists_plugin))
    tokens = parser.parse(text)
    placed: list[tuple[int, Block]] = []
    covered: set[int] = set()
    date, notes = None, ()
    heading = False
    line = 0  # where the last token that says where it stands starts (a table cell's inline does not say)
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "front_matter" and token.map:
            covered.update(range(*token.map))
            blocks, date, notes = _front_matter(token.content)
            placed.extend((token.map[0], block) for block in blocks)
        elif token.type == "table_open" and token.map:
            covered.update(range(*token.map))  # its delimiter row holds no letter; its cells are placed
        elif token.type in ("inline", "fence", "code_block", "html_block"):
            if token.map:
                covered.update(range(*token.map))
            if token.type == "inline":
                content = _inline_text(token.children)
            elif token.type == "html_block":
                content = _html_text(token.content)
            else:
                content = " ".join(token.content.split())
            if content:
                placed.append((line, Block(content, heading=heading)))
    lines = text.split("\n")
    recovered = 0
    for number, line in enumerate(lines):
        if number in covered or not _LETTER.search(line) or _REFERENCE.match(line):
            continue
        stripped = _MARKERS.sub("", line)
        content = _inline_text(next((t.children for t in parser.parseInline(stripped) if t.type == "inline"), []))
        if content:
            placed.append((number, Block(content)))
            recovered += 1
    placed.sort(key=lambda item: item[0])
    if recovered:
        lines_were = "1 line nested" if recovered == 1 else f"{recovered} lines nested"
        notes += (("reading", f"{lines_were} deeper than the Markdown reader follows ({parser.options['maxNesting']} "
                             f"levels): read as plain text, list and quote markers removed"),)
    return Parsed(tuple(block for _, block in placed), date=date, notes=notes)
