"""Structured inputs: web pages (trafilatura), Word files (python-docx) and Markdown (markdown-it-py),
each read into blocks (paragraphs and headings as the document marks them), so that no markup
reaches the model. Plain text has no blocks: its lines are paragraphs, short ones headings."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from xml.etree import ElementTree

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


class FormatError(Exception):
    """The file is not what its name says, or cannot be parsed; the message says why."""


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Parsed:
    blocks: tuple[Block, ...]
    title: str | None = None
    date: str | None = None


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


def parse_html(html: str) -> Parsed:
    import trafilatura

    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True,
                              with_metadata=True, favor_precision=True)
    if not xml:
        raise FormatError("no article text found in the page")
    root = ElementTree.fromstring(xml)
    blocks = []
    for element in root.iter():
        if element.tag in ("head", "p", "item", "cell", "quote"):
            text = " ".join("".join(element.itertext()).split())
            if text and (element.tag == "head" or not any(child.tag in ("p", "item") for child in element)):
                blocks.append(Block(text, heading=element.tag == "head"))
    title = root.get("title") or None
    if title and (not blocks or blocks[0].text != title):
        blocks.insert(0, Block(title, heading=True))
    return Parsed(tuple(blocks), title, root.get("date") or None)


def parse_docx(data: bytes) -> Parsed:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors all mean "not a readable Word file"
        raise FormatError(f"not a readable Word (.docx) file ({type(exc).__name__})") from None
    blocks = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if text:
            blocks.append(Block(text, heading=style.startswith("Heading") or style == "Title"))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if text := " ".join(cell.text.split()):
                    blocks.append(Block(text))
    title = (document.core_properties.title or "").strip() or None
    return Parsed(tuple(blocks), title, None)


def parse_markdown(text: str) -> Parsed:
    """Headings stay headings; paragraphs, list items and quotes become plain text (link text kept,
    link targets, emphasis marks, images and HTML dropped)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            content = " ".join("".join(parts).split())
            if content:
                blocks.append(Block(content, heading=heading))
        elif token.type in ("fence", "code_block"):
            content = " ".join(token.content.split())
            if content:
                blocks.append(Block(content))
    return Parsed(tuple(blocks))
