"""The names of a batch: each Arabic name with the English renderings the model gave it, their counts
and the articles they appear in; a name rendered more than one way is inconsistent.

A name is found the way the name check finds one (translate/checks/names.py): a capitalized English
word of a sentence whose consonants an Arabic word of the same sentence spells, or a place of the
gazetteer (or its adjective) that an Arabic word of the sentence names; a place is keyed by the place. The Arabic word (its
prefixes off, one alef, no diacritics) is the key, so "Haftar", "Hafter" and "Hifter" for حفتر are
one name, and two names are one only if the Arabic writes them alike; in one sentence, one Arabic
word spells one name (the closest: Lauren, not Laverne, for لورين). A glossary draft gives each
name its most frequent rendering (the glossary's own, where it has one), as a TSV file `--glossary`
reads back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from translate.article import Article
from translate.chars import DIACRITICS
from translate.checks.arabic import AR_WORD
from translate.checks.base import within_bounds
from translate.checks.names import (
    NEAR_RENDERING,
    common_word,
    place_of,
    respelling_likeness,
    sentence_names,
)
from translate.flags import Flag, FlagKind


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
        """One rendering, or one place's name and its adjective (Korea and Korean for الكورية): English
        writes both for one Arabic word."""
        return len(self.renderings) == 1 or len({place_of(r) or r for r in self.renderings}) == 1

    def as_dict(self) -> dict:
        return {"arabic": self.arabic, "renderings": dict(self.renderings.most_common()), "articles": sorted(self.articles),
                "consistent": self.consistent}




def _respelling(english: str, arabic: set[str], by_word: dict[str, list[Name]]) -> Name | None:
    """The entry an unmatched capitalized word re-spells: one whose Arabic word is in the sentence and
    one of whose renderings it is close to (Brittish, Koria), the closest; None if none is."""
    best, found = NEAR_RENDERING, None
    for entry in {id(e): e for word in arabic for e in by_word.get(word, ())}.values():
        for rendering in entry.renderings:
            ratio = respelling_likeness(english, rendering)
            if ratio >= best:
                best, found = ratio, entry
    return found


Follower = tuple[str, str, str]  # the name written right after another in both languages: (key, Arabic, English)


def _followers(found: list[tuple[str | None, str, str]], ar: str, en: str) -> list[Follower | None]:
    """For each name of a sentence, the name written right after it in the English and, its Arabic
    word, right after its Arabic word (Rouge, روج after Baton, باتون), or None."""
    words = [DIACRITICS.sub("", w) for w in AR_WORD.findall(ar)]
    out: list[Follower | None] = []
    for key, written, english in found:
        follower = None
        if key is not None:
            for other_key, other_written, other in found:
                if other_key is None or other == english:
                    continue
                both = written.split() + other_written.split()
                if re.search(rf"\b{re.escape(english)}\s+{re.escape(other)}\b", en) and any(
                        words[i:i + len(both)] == both for i in range(len(words) - len(both) + 1)):
                    follower = (other_key, other_written, other)
                    break
        out.append(follower)
    return out


def build_index(articles: Iterable[Article]) -> list[Name]:
    """The batch's names, the most frequent first. A capitalized word that spells no Arabic word of its
    sentence joins the entry it re-spells, when that entry's Arabic word is in the sentence. Where an
    Arabic word is rendered more than one way, a rendering always written before the same next name
    is a part of a longer name (Baton of Baton Rouge, باتون روج, beside Patton, باتون): the longer
    name is an entry of its own."""
    names: dict[str, Name] = {}
    unmatched: list[tuple[str, set[str], str]] = []
    uses: list[tuple[str, str, str, str, Follower | None]] = []  # (key, as written, English, article, follower)
    for article in articles:
        for paragraph in article.paragraphs:
            for sentence in paragraph.sentences:
                if not within_bounds(sentence.ar, sentence.en):
                    continue  # the costly checks' bound: matching names grows with the square of a sentence's words
                found = sentence_names(sentence.ar, sentence.en)
                for (key, written, english), follower in zip(found, _followers(found, sentence.ar, sentence.en), strict=True):
                    if key is None:
                        unmatched.append((english, {DIACRITICS.sub("", w) for w in AR_WORD.findall(sentence.ar)}, article.output))
                    else:
                        uses.append((key, written, english, article.output, follower))
    # Each rendering's next names, by their Arabic (Baton: روج always; Patton: none): a rendering always
    # before the same one is a part of a longer name where another rendering of its word, with other
    # consonants (not a re-spelling: Brutt is Brett), is not.
    nexts: dict[tuple[str, str], set[str | None]] = {}
    for key, _, english, _, follower in uses:
        nexts.setdefault((key, english), set()).add(follower and follower[0])
    free: dict[str, set[str]] = {}
    for (key, english), after in nexts.items():
        if len(after) > 1 or None in after:
            free.setdefault(key, set()).add(_consonants(english))
    for key, written, english, output, follower in uses:
        bound = follower is not None and nexts[(key, english)] == {follower[0]}
        if bound and key in free and _consonants(english) not in free[key]:
            key, written, english = f"{key} {follower[0]}", f"{written} {follower[1]}", f"{english} {follower[2]}"
        entry = names.setdefault(key, Name(key))
        entry.written[written] += 1
        entry.renderings[english] += 1
        entry.articles.add(output)
    by_word: dict[str, list[Name]] = {}
    for entry in names.values():
        for word in entry.written:
            by_word.setdefault(word, []).append(entry)
    for english, arabic, output in unmatched:
        entry = _respelling(english, arabic, by_word)
        if entry is not None:
            entry.renderings[english] += 1
            entry.articles.add(output)
    return sorted(names.values(), key=lambda n: (-sum(n.renderings.values()), n.key))


def glossary_term(name: Name) -> str:
    """The name as a glossary file writes its Arabic term."""
    return re.sub(r"\s+", " ", name.arabic).strip()


def chosen_rendering(name: Name, glossary: dict[str, str] | None = None) -> str:
    """The rendering a name is given: the glossary's, else the batch's most frequent."""
    return (glossary or {}).get(glossary_term(name), name.rendering)


ESTABLISHED_ZIPF = 2.0  # a rendering English text writes this often (wordfreq) is some name's spelling: never rewritten


def _consonants(word: str) -> str:
    """The letters of a word that are not vowels, a doubled one once: Hifter, Hafter, Haftar are hftr."""
    return re.sub(r"(.)\1+", r"\1", re.sub("[aeiou]", "", word.lower()))


def _vowels_apart(rendering: str, chosen: str) -> bool:
    """Is ``rendering`` a misspelling of ``chosen`` to rewrite: the same letters but for vowels and a
    letter doubled (Hifter, Hafter for Haftar; Gadafi for Gaddafi), neither the other with an ending
    (Macedonian, Scott), and a spelling English text hardly writes (wordfreq), so no one else's name
    (Harris is not Haris, Christian not Christion)? Two names one Arabic spelling holds (باتون: Baton,
    Patton; موريس: Maurice, Morrisey) have other consonants."""
    lowered, other = rendering.lower(), chosen.lower()
    if lowered.startswith(other) or other.startswith(lowered) or _consonants(rendering) != _consonants(chosen):
        return False
    return not common_word(rendering, ESTABLISHED_ZIPF)


def make_consistent(articles: Sequence[Article], names: Sequence[Name], glossary: dict[str, str] | None = None) -> set[str]:
    """Each inconsistently rendered name written one way across the batch: in the sentences whose Arabic
    holds the name, a rendering that differs from the chosen one (``chosen_rendering``) only in its
    vowels is replaced by it (in the article's brief too), and the change recorded on each sentence and
    on the article, whose page shows it (``name_made_consistent``: nothing to check). The index's
    counts follow. The outputs of the articles changed."""
    by_output = {a.output: a for a in articles}
    changed: set[str] = set()
    for name in names:
        if name.consistent:
            continue
        chosen = chosen_rendering(name, glossary)
        variants = sorted((r for r in name.renderings if r != chosen and _vowels_apart(r, chosen)), key=len, reverse=True)
        if not variants:
            continue
        why = ("the glossary's rendering" if glossary_term(name) in (glossary or {}) else
               f"its rendering in {name.renderings[chosen]} of its {sum(name.renderings.values())} uses in this batch")
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, variants)) + r")\b")
        words = [set(w.split()) for w in name.written]  # a longer name's Arabic is two words
        for output in sorted(name.articles):
            article = by_output.get(output)
            if article is None:
                continue
            found: set[str] = set()
            places = []
            for sentence in (s for p in article.paragraphs for s in p.sentences):
                here = sorted(set(pattern.findall(sentence.en)))
                arabic = {DIACRITICS.sub("", w) for w in AR_WORD.findall(sentence.ar)}
                if here and any(w <= arabic for w in words):
                    sentence.en = pattern.sub(chosen, sentence.en)
                    sentence.flags.append(Flag(FlagKind.name_made_consistent,
                                               f"“{', '.join(here)}” written “{chosen}” for {glossary_term(name)}: {why}"))
                    found.update(here)
                    places.append("sentence")
            here = sorted(set(pattern.findall(article.brief.text))) if article.brief and found else []
            if here:
                article.brief = replace(article.brief, text=pattern.sub(chosen, article.brief.text))
                found.update(here)
            if found:  # the page shows it: its English is not the model's as written
                where = f"{len(places)} sentence{'s' * (len(places) != 1)}" + (" and the brief" if here else "")
                article.flags.append(Flag(FlagKind.name_made_consistent,
                                          f"“{', '.join(sorted(found))}” written “{chosen}” for {glossary_term(name)} "
                                          f"({where}): {why}"))
                changed.add(output)
        for variant in variants:
            name.renderings[chosen] += name.renderings.pop(variant)
    return changed


def glossary_draft(names: Sequence[Name], glossary: dict[str, str] | None = None) -> str:
    """A TSV glossary (Arabic term, English rendering) of the names, for a user to edit and pass back."""
    lines = ["# Names of the batch: Arabic<TAB>English. Edit the renderings, then pass this file to --glossary.",
             "# A name rendered more than one way is marked in the comment above it."]
    for name in names:
        term, rendering = glossary_term(name), chosen_rendering(name, glossary)
        if not name.consistent:
            lines.append(f"# {term}: " + ", ".join(f"{r} ×{n}" for r, n in name.renderings.most_common()))
        lines.append(f"{term}\t{rendering}")
    return "\n".join(lines) + "\n"
