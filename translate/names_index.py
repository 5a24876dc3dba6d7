"""The names of a batch: each Arabic name with the English renderings the model gave it, their counts
and the articles they appear in; a name rendered more than one way is inconsistent.

A name is found the way the name check finds one (translate/checks/names.py): a capitalized English
word of a sentence whose consonants an Arabic word of the same sentence spells. The Arabic word (its
prefixes off, one alef, no diacritics) is the key, so "Haftar", "Hafter" and "Hifter" for حفتر are
one name, and two names are one only if the Arabic writes them alike. A glossary draft gives each
name its most frequent rendering (the glossary's own, where it has one), as a TSV file `--glossary`
reads back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from translate.article import Article
from translate.chars import DIACRITICS
from translate.checks.arabic import AR_WORD
from translate.checks.names import arabic_forms, arabic_skeletons, english_names, transliteration


@dataclass
class Name:
    key: str  # the Arabic form, folded
    written: Counter = field(default_factory=Counter)  # the Arabic words as written
    renderings: Counter = field(default_factory=Counter)  # English rendering -> times
    articles: set[str] = field(default_factory=set)

    @property
    def arabic(self) -> str:
        return self.written.most_common(1)[0][0]

    @property
    def rendering(self) -> str:
        return sorted(self.renderings.items(), key=lambda item: (-item[1], item[0]))[0][0]

    @property
    def consistent(self) -> bool:
        return len(self.renderings) == 1

    def as_dict(self) -> dict:
        return {"arabic": self.arabic, "renderings": dict(self.renderings.most_common()), "articles": sorted(self.articles),
                "consistent": self.consistent}


def sentence_names(ar: str, en: str) -> list[tuple[str, str, str]]:
    """(key, Arabic as written, English) for each name of one sentence pair."""
    words = [DIACRITICS.sub("", w) for w in AR_WORD.findall(ar)]
    skeletons = arabic_skeletons(ar)
    out = []
    for name in english_names(en, ar, first_words=True):
        form = transliteration(name, skeletons)
        if not form or " " in form:
            continue
        written = next((w for w in words if form in arabic_forms(w)), form)
        out.append((form, written, name))
    return out


def build_index(articles: Iterable[Article]) -> list[Name]:
    """The batch's names, the most frequent first."""
    names: dict[str, Name] = {}
    for article in articles:
        for paragraph in article.paragraphs:
            for sentence in paragraph.sentences:
                for key, written, english in sentence_names(sentence.ar, sentence.en):
                    entry = names.setdefault(key, Name(key))
                    entry.written[written] += 1
                    entry.renderings[english] += 1
                    entry.articles.add(article.output)
    return sorted(names.values(), key=lambda n: (-sum(n.renderings.values()), n.key))


def glossary_draft(names: Sequence[Name], glossary: dict[str, str] | None = None) -> str:
    """A TSV glossary (Arabic term, English rendering) of the names, for a user to edit and pass back."""
    lines = ["# Names of the batch: Arabic<TAB>English. Edit the renderings, then pass this file to --glossary.",
             "# A name rendered more than one way is marked in the comment above it."]
    for name in names:
        term = re.sub(r"\s+", " ", name.arabic).strip()
        rendering = (glossary or {}).get(term, name.rendering)
        if not name.consistent:
            lines.append(f"# {term}: " + ", ".join(f"{r} ×{n}" for r, n in name.renderings.most_common()))
        lines.append(f"{term}\t{rendering}")
    return "\n".join(lines) + "\n"
