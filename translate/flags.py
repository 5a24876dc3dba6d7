"""What the reader is told to double-check: one ``FlagKind`` per kind, with its properties, and one
``Flag`` type that every stage produces and that is written and read in one place (``as_dict`` /
``from_dict``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FlagKind(StrEnum):
    """Every kind of flag. ``info``: recorded, nothing left to check. ``whole_sentence``: tells the reader
    to reread the whole English (the costly meaning check is not asked of such a sentence)."""

    info: bool
    whole_sentence: bool

    def __new__(cls, value: str, info: bool = False, whole_sentence: bool = False) -> FlagKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.info, member.whole_sentence = info, whole_sentence
        return member

    # sentences: the checks
    number = "number"
    date = "date"
    name = "name"
    negation = "negation"
    quantity = "quantity"
    untranslated = "untranslated"
    repetition = ("repetition", False, True)
    length_ratio = ("length_ratio", False, True)
    unfinished = "unfinished"
    glossary = "glossary"
    meaning = "meaning"
    low_confidence = "low_confidence"
    empty_translation = ("empty_translation", False, True)
    # sentences: the translation stage
    truncated = ("truncated", False, True)
    retried = ("retried", True)
    repetition_fixed = ("repetition_fixed", True)
    glossary_fixed = ("glossary_fixed", True)
    # sentences and briefs: the batch's names index
    name_made_consistent = ("name_made_consistent", True)
    # briefs
    unsupported = "unsupported"
    # articles: reading and the stages
    encoding = "encoding"
    reading = "reading"
    long_sentences_split = "long_sentences_split"
    summary_in_parts = "summary_in_parts"


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    detail: str
    sentences: tuple[str, ...] = ()  # the Arabic sentences it is about, where there are several
    words: tuple[str, ...] = ()  # the words at fault, Arabic or English as written, for the pages to highlight

    @property
    def to_check(self) -> bool:
        return not self.kind.info

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "detail": self.detail, **({"sentences": list(self.sentences)} if self.sentences else {}),
                **({"words": list(self.words)} if self.words else {})}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        return cls(FlagKind(data["kind"]), str(data["detail"]), tuple(data.get("sentences", ())), tuple(map(str, data.get("words", ()))))


def flags_as_dicts(flags) -> list[dict[str, Any]]:
    return [flag.as_dict() for flag in flags]


def flags_from_dicts(items) -> list[Flag]:
    return [Flag.from_dict(item) for item in items or ()]
