"""One record per article, filled in stage by stage: source, paragraphs and sentences (with the
chunks sent to the model), translations, title, brief, flags and provenance; and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from translate.flags import Flag, FlagKind, flags_as_dicts, flags_from_dicts

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "cp1256": "Windows-1256", "str": "text"}
TITLE_WORDS = 12  # a title made from the first sentence; one from a heading may have twice as many


def _shortened(text: str, most: int) -> str:
    words = text.split()
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


@dataclass
class Sentence:
    ar: str
    chunks: list[str] = field(default_factory=list)
    en: str = ""
    score: float | None = None  # mean token log-probability of its chunks' translations
    flags: list[Flag] = field(default_factory=list)


@dataclass
class Paragraph:
    ar: str
    heading: bool
    sentences: list[Sentence]

    @property
    def en(self) -> str:
        return " ".join(s.en for s in self.sentences if s.en)


@dataclass(frozen=True)
class Brief:
    text: str
    method: str
    sentences: tuple[str, ...] = ()  # extractive: the article's own sentences, in order
    parts: int = 1  # abstractive: how many chunks were summarized before the final pass
    score: float | None = None  # abstractive: mean token log-probability
    finished: bool = True  # abstractive: ended with the end token
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    encoding: str
    format: str = "text"  # text, markdown, html or docx


@dataclass
class Article:
    source: Source
    output: str  # output name relative to the output folder, without .md / .json (POSIX separators)
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str = ""
    title_from: str = ""  # heading, first_sentence or file_name
    brief: Brief | None = None
    flags: list[Flag] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    cache_key: str = ""
    date: str | None = None  # publication date, when the page gives one
    outlet: str | None = None  # the site that published it, when the page gives one
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail) from reading: part of flags
    copies: list[str] = field(default_factory=list)  # outputs of the batch's wire copies of this article (translate/copies.py)
    story: int | None = None  # the story it belongs to (translate/stories.py), numbered by the output folder's registry

    @property
    def sentence_count(self) -> int:
        return sum(len(p.sentences) for p in self.paragraphs)

    def flagged(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences if any(f.to_check for f in s.flags)]

    def check_counts(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for p in self.paragraphs:
            for s in p.sentences:
                for f in s.flags:
                    kinds[f.kind.value] = kinds.get(f.kind.value, 0) + 1
        brief_flags = len(self.brief.flags) if self.brief else 0
        return {"sentences": self.sentence_count, "sentences_to_check": len(self.flagged()), "by_kind": kinds,
                "brief_flags": brief_flags}

    def body(self) -> list[str]:
        """The English to brief: headings left out (the title is shown apart), unless that is all."""
        body = [p.en for p in self.paragraphs if not p.heading]
        return body or [p.en for p in self.paragraphs]

    def set_title(self, file_name: str) -> None:
        """The translated heading; else the first translated sentence, shortened; else the file name."""
        first = self.paragraphs[0] if self.paragraphs else None
        if first is not None and first.heading and first.en.strip():
            self.title, self.title_from = _shortened(first.en, 2 * TITLE_WORDS), "heading"
            return
        sentence = next((s.en.strip() for p in self.paragraphs for s in p.sentences if s.en.strip()), "")
        if sentence:
            self.title, self.title_from = _shortened(sentence, TITLE_WORDS), "first_sentence"
        else:
            self.title, self.title_from = file_name, "file_name"

    def set_flags(self) -> None:
        flags = [Flag(FlagKind(kind), detail) for kind, detail in self.notes]
        read_as = any(kind == FlagKind.encoding for kind, _ in self.notes)
        if self.source.encoding not in ("utf-8", "str", "docx") and not read_as:
            name = ENCODING_NAMES.get(self.source.encoding, self.source.encoding)
            flags.append(Flag(FlagKind.encoding, f"read as {name}"))
        split = sum(len(s.chunks) > 1 for p in self.paragraphs for s in p.sentences)
        if split:
            flags.append(Flag(FlagKind.long_sentences_split, f"{split} sentence{'s' * (split != 1)} translated in parts"))
        empty = [s.ar for p in self.paragraphs for s in p.sentences if not s.en.strip()]
        if empty:
            flags.append(Flag(FlagKind.empty_translation, f"{len(empty)} sentence{'s' * (len(empty) != 1)} gave no English",
                              tuple(empty)))
        if self.brief is not None and self.brief.parts > 1:
            flags.append(Flag(FlagKind.summary_in_parts, f"summarized in {self.brief.parts} parts, then once more"))
        self.flags = flags

    def to_dict(self) -> dict[str, Any]:
        brief = self.brief or Brief("", "")
        return {
            "source": {"path": self.source.path, "sha256": self.source.sha256, "encoding": self.source.encoding,
                       "format": self.source.format},
            "output": self.output,
            "date": self.date,
            "outlet": self.outlet,
            "title": self.title,
            "title_from": self.title_from,
            "brief": {"text": brief.text, "method": brief.method, "parts": brief.parts,
                      **({"sentences": list(brief.sentences)} if brief.sentences else {}),
                      "score": brief.score, "flags": flags_as_dicts(brief.flags)},
            "paragraphs": [
                {"ar": p.ar, "en": p.en, "heading": p.heading,
                 "sentences": [{"ar": s.ar, "en": s.en, **({"chunks": list(s.chunks)} if len(s.chunks) > 1 else {}),
                                "score": s.score, "flags": flags_as_dicts(s.flags)} for s in p.sentences]}
                for p in self.paragraphs
            ],
            "flags": flags_as_dicts(self.flags),
            "duplicates": list(self.copies),
            "story": self.story,
            "checks": self.check_counts(),
            "provenance": {**self.provenance, "cache_key": self.cache_key},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        brief = data["brief"]
        return cls(
            source=Source(**data["source"]),
            output=data["output"],
            paragraphs=[Paragraph(p["ar"], p["heading"], [Sentence(s["ar"], s.get("chunks", [s["ar"]]), s["en"],
                                                                   s.get("score"), flags_from_dicts(s.get("flags")))
                                                          for s in p["sentences"]]) for p in data["paragraphs"]],
            title=data["title"],
            title_from=data.get("title_from", ""),
            brief=Brief(brief["text"], brief["method"], tuple(brief.get("sentences", ())), brief.get("parts", 1),
                        brief.get("score"), True, tuple(flags_from_dicts(brief.get("flags")))),
            flags=flags_from_dicts(data["flags"]),
            provenance={k: v for k, v in data["provenance"].items() if k != "cache_key"},
            cache_key=data["provenance"]["cache_key"],
            date=data.get("date"),
            outlet=data.get("outlet"),
            copies=[str(c) for c in data.get("duplicates", ())],
            story=data.get("story"),
        )


@dataclass(frozen=True)
class Event:
    """One line of a story's timeline: when (the article's publication date, else when a run first saw
    it), when a run saw it, which article, and what it did (first report, added, revised)."""

    when: str
    seen: str
    output: str
    title: str
    what: str
    run: int = 0  # the registry's number of the run that saw it


@dataclass
class Story:
    """Articles about one event, with what the briefing says of them."""

    id: int
    articles: list[Article]  # the batch's articles of the story, the most central first
    status: str = ""  # "new" (first seen in this run), "updated" (articles added or revised in this run), or ""
    timeline: list[Event] = field(default_factory=list)  # every run's, oldest first
    brief: list[tuple[str, str]] = field(default_factory=list)  # (sentence, output of the article it comes from)
    run: int = 0  # the registry's number of the run that made this view of it (0: none)

    @property
    def title(self) -> str:
        return self.articles[0].title if self.articles else ""

    @property
    def first(self) -> str:
        return self.timeline[0].when if self.timeline else ""

    @property
    def latest(self) -> str:
        return self.timeline[-1].when if self.timeline else ""
