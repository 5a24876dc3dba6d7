"""Checks on one Arabic sentence and its English: what a reader who cannot read the Arabic should
double-check. They work on any translation (this tool's, a human's, another system's).

Kinds: ``number`` (a number in one side missing from the other), ``untranslated`` (Arabic script
left in the English), ``repetition`` (a looping span, or an abnormally repetitive sentence),
``length_ratio`` (outside the band human translations stay in), ``unfinished`` (the Arabic
ends its sentence, the English stops mid-sentence), ``glossary`` (a required
rendering missing). The length band and the repetition limit are derived from public reference
pairs by bench/derive_checks.py and ship in translate/data/checks.json.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from translate.article import Article

DEFAULT_MIN_SCORE = -1.5  # mean token log-probability under which a translation is flagged low_confidence

_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Digits may follow letters ("و60" is "and 60", ACE2); thousands may be grouped with , ٬ ، or (in Arabic) a dot.
_NUMBER = re.compile(r"(?<![\d.٫,٬،])(\d{1,3}(?:[,٬،]\d{3})+|\d+)(?:[.٫](\d+))?(?![\d])")
_DECADE = re.compile(r"^\d{3}0s$")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+(?:[\\s\u0600-\u06ff]*[\u0600-\u06ff])?")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u0750-\u077f]")
_AR_WORD = re.compile("[\u0621-\u064a\u066e-\u06d3]+")
_WORD_TOKEN = re.compile(r"\w+")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

EN_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
AR_SCALES = {"الف": 1e3, "الاف": 1e3, "الفا": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليونا": 1e6, "مليار": 1e9,
             "مليارات": 1e9, "بليون": 1e9, "مليارا": 1e9, "تريليون": 1e12}
EN_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                        "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
EN_WORDS.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
EN_WORDS.update({"hundred": 100, "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
                 "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "half": 0.5, "once": 1, "twice": 2})
AR_WORDS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8,
    "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30,
    "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200,
    "مئتان": 200, "مائتان": 200, "اول": 1, "اولى": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
    "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "نصف": 0.5, "مره": 1, "مرتين": 2, "مرتان": 2, "عام": 1, "يوم": 1,
    "عامين": 2, "يومين": 2, "شهرين": 2, "ساعتين": 2, "دقيقتين": 2, "اسبوعين": 2, "سنتين": 2, "دولارين": 2,
    **{k: 1e3 for k in ("الف", "الفا")}, "الفين": 2e3, "الفان": 2e3, "مليون": 1e6, "مليار": 1e9,
}
_AR_PREFIXES = ("وب", "ول", "وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف")


@dataclass(frozen=True)
class Flag:
    kind: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}


@lru_cache(maxsize=1)
def calibration() -> dict[str, Any]:
    return json.loads((resources.files("translate") / "data" / "checks.json").read_text(encoding="utf-8"))


_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


@lru_cache(maxsize=1 << 16)
def ar_stem(word: str) -> str:
    """Light normalization for matching: no diacritics, one alef, ta marbuta as ha, common prefixes off."""
    word = _DIACRITICS.sub("", word).translate(_LETTERS)
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=4096)
def _values(whole: str, fraction: str | None) -> frozenset[float]:
    """What the digits may mean: a decimal, or (a dot before exactly three digits) a thousands group."""
    digits = whole.replace(",", "").replace("٬", "").replace("،", "")
    values = {round(float(digits + ("." + fraction if fraction else "")), 6)}
    if fraction and len(fraction) == 3:
        values.add(float(digits + fraction))
    return frozenset(values)


_NEXT_WORD = re.compile(r"\s*(\S{1,16})")


def _digit_numbers(text: str, scales: dict[str, float], normalize_word) -> list[tuple[float, set[float], str]]:
    """(value, values it may stand for, as written) for each number written in digits."""
    found = []
    seen = set()
    for match in _NUMBER.finditer(text):
        end = match.end()
        nxt = _NEXT_WORD.match(text, end)
        following = nxt.group(1) if nxt else ""
        if (match.group(0), following) in seen:  # the same number before the same word: nothing new
            continue
        seen.add((match.group(0), following))
        options = set(_values(match.group(1), match.group(2)))
        if text[end:end + 1] == "s" and _DECADE.match(match.group(0) + "s"):
            continue  # 1980s: "the eighties" in words on the other side
        scale = scales.get(normalize_word(following)) if following else None
        glued = text[end:end + 2].lower()
        if scale is None and glued in ("bn", "m ", "mn"):
            scale = scales.get(glued.strip())
        if scale:
            options |= {round(v * scale, 6) for v in options}
        found.append((min(options), options, match.group(0)))
    return found


def _word_values(words: list[str], table: dict[str, float], scales: dict[str, float]) -> set[float]:
    """Values that number words may stand for: each word, sums of adjacent ones, and times a scale."""
    values: set[float] = set()
    run: list[float] = []
    for word in [*words, ""]:
        if word in table or word in scales:
            value = table.get(word, scales.get(word, 0))
            values.add(value)
            if word in scales and run:
                values.add(sum(run) * scales[word])
                values.update(v * scales[word] for v in run)
            run.append(value)
            if len(run) > 1:
                values.add(sum(v for v in run if v < 1000))
        elif word not in ("and", "a", "و") and word != "-":
            run = []
    return values


def _ar_words(text: str) -> list[str]:
    out = []
    for word in _AR_WORD.findall(text):
        stem = ar_stem(word)
        out.append(stem if stem in AR_WORDS or stem in AR_SCALES else ar_stem(word.removeprefix("و")))
    return out


def check_numbers(ar: str, en: str) -> list[Flag]:
    ar_t = ar.translate(_AR_DIGITS)
    ar_numbers = _digit_numbers(ar_t, AR_SCALES, ar_stem)
    en_numbers = _digit_numbers(en, EN_SCALES, lambda w: w.lower().strip(".,;:"))
    en_words = [w.lower() for w in re.findall(r"[A-Za-z]+", en)]
    en_all = {v for _, options, _ in en_numbers for v in options} | _word_values(en_words, EN_WORDS, EN_SCALES)
    ar_all = {v for _, options, _ in ar_numbers for v in options} | _word_values(_ar_words(ar), AR_WORDS, AR_SCALES)
    flags = []
    missing = [written for _, options, written in ar_numbers if not options & en_all]
    if missing:
        flags.append(Flag("number", f"{', '.join(dict.fromkeys(missing))} in the Arabic, not in the English"))
    extra = [written for _, options, written in en_numbers if not options & ar_all]
    if extra:
        flags.append(Flag("number", f"{', '.join(dict.fromkeys(extra))} in the English, not in the Arabic"))
    return flags


def check_untranslated(en: str) -> list[Flag]:
    spans = [m.group(0) for m in _ARABIC_SCRIPT.finditer(en) if _ARABIC_LETTER.search(m.group(0))]
    return [Flag("untranslated", "Arabic left in the English: " + " … ".join(spans)[:80])] if spans else []


def check_repetition(en: str) -> list[Flag]:
    tokens = [t.lower() for t in _WORD_TOKEN.findall(en)]
    for size in range(1, 9):
        for i in range(len(tokens) - 3 * size + 1):
            span = tokens[i:i + size]
            if tokens[i + size:i + 2 * size] == span and tokens[i + 2 * size:i + 3 * size] == span:
                times = 3
                while tokens[i + times * size:i + (times + 1) * size] == span:
                    times += 1
                if size == 1 and span[0].isdigit():
                    continue
                return [Flag("repetition", f"“{' '.join(span)}” {times} times in a row")]
    limits = calibration()["repetition"]
    if len(tokens) >= limits["min_tokens"] and len(set(tokens)) / len(tokens) < limits["min_distinct_share"]:
        return [Flag("repetition", f"{len(set(tokens))} distinct words in {len(tokens)}")]
    return []


_AR_ENDS = re.compile("[.!?؟…][\"”»’')\]]*$")
_EN_ENDS = re.compile(r"[.!?…][\"”’')\]]*$|[\"”’')\]]$")


def check_unfinished(ar: str, en: str) -> list[Flag]:
    """The Arabic ends its sentence; the English stops mid-sentence (a cut-off output)."""
    if _AR_ENDS.search(ar.strip()) and not _EN_ENDS.search(en.strip()):
        return [Flag("unfinished", "the English stops before the end of the sentence: “…" + en.strip()[-30:] + "”")]
    return []


def length_ratio(ar: str, en: str) -> float:
    return len("".join(en.split())) / max(1, len("".join(ar.split())))


def check_length(ar: str, en: str) -> list[Flag]:
    band = calibration()["length_ratio"]
    if len("".join(ar.split())) < band["min_arabic_chars"]:
        return []
    ratio = length_ratio(ar, en)
    if ratio < band["low"]:
        return [Flag("length_ratio", f"the English is short for the Arabic (ratio {ratio:.2f}, usual {band['low']:.2f}–{band['high']:.2f})")]
    if ratio > band["high"]:
        return [Flag("length_ratio", f"the English is long for the Arabic (ratio {ratio:.2f}, usual {band['low']:.2f}–{band['high']:.2f})")]
    return []


# --- Glossary ------------------------------------------------------------------------------------

def load_glossary(path: Path) -> dict[str, str]:
    """Arabic term -> required English rendering, from TSV (two columns) or TOML (a [terms] table or top level)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".toml":
        data = tomllib.loads(text)
        terms = data.get("terms", data)
        return {str(k).strip(): str(v).strip() for k, v in terms.items()}
    glossary = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{path}, line {number}: expected 'Arabic term<TAB>English rendering'")
        glossary[parts[0].strip()] = parts[1].strip()
    return glossary


def _contains_term(ar: str, term: str) -> bool:
    stems = [ar_stem(w) for w in _AR_WORD.findall(ar)]
    wanted = [ar_stem(w) for w in _AR_WORD.findall(term)]
    return bool(wanted) and any(stems[i:i + len(wanted)] == wanted for i in range(len(stems) - len(wanted) + 1))


def near_variant(en: str, rendering: str) -> tuple[int, int] | None:
    """The span of ``en`` that is a near-variant of ``rendering`` (Hafter for Haftar), if any."""
    words = list(re.finditer(r"[\w'’-]+", en))
    size = len(rendering.split())
    best, best_span = 0.0, None
    for i in range(len(words) - size + 1):
        start, end = words[i].start(), words[i + size - 1].end()
        candidate = en[start:end]
        ratio = SequenceMatcher(None, candidate.lower(), rendering.lower()).ratio()
        if ratio > best:
            best, best_span = ratio, (start, end)
    return best_span if best >= 0.8 else None


def apply_glossary(ar: str, en: str, glossary: dict[str, str]) -> tuple[str, list[Flag]]:
    """Replace near-variants of required renderings (recorded as glossary_fixed); flag the rest."""
    flags = []
    for term, rendering in glossary.items():
        if not _contains_term(ar, term) or rendering.lower() in en.lower():
            continue
        span = near_variant(en, rendering)
        if span:
            found = en[span[0]:span[1]]
            en = en[:span[0]] + rendering + en[span[1]:]
            flags.append(Flag("glossary_fixed", f"“{found}” replaced by “{rendering}” for {term}"))
        else:
            flags.append(Flag("glossary", f"{term} should be rendered “{rendering}”"))
    return en, flags


def check_glossary(ar: str, en: str, glossary: dict[str, str]) -> list[Flag]:
    return [Flag("glossary", f"{term} should be rendered “{rendering}”") for term, rendering in glossary.items()
            if _contains_term(ar, term) and rendering.lower() not in en.lower()]


def check_pair(ar: str, en: str, glossary: dict[str, str] | None = None) -> list[Flag]:
    """Every check on one Arabic sentence (or line) and its English."""
    if not en.strip():
        return [Flag("empty_translation", "no English")] if ar.strip() else []
    flags = check_numbers(ar, en) + check_untranslated(en) + check_repetition(en) + check_length(ar, en)
    flags += check_unfinished(ar, en)
    if glossary:
        flags += check_glossary(ar, en, glossary)
    return flags


# --- Briefs --------------------------------------------------------------------------------------

_STARTERS = frozenset("The A An In On At It He She They We This That These Those But And Or As For After Before "
                      "When While If Its His Her Their There Here Also However Meanwhile".split())


def check_brief(brief: str, article_english: str) -> list[Flag]:
    """Numbers and capitalized names in a brief that the article's English does not hold (invented)."""
    flags = []
    source_numbers = {v for _, options, _ in _digit_numbers(article_english, EN_SCALES, lambda w: w.lower()) for v in options}
    source_numbers |= _word_values([w.lower() for w in re.findall(r"[A-Za-z]+", article_english)], EN_WORDS, EN_SCALES)
    numbers = [written for _, options, written in _digit_numbers(brief, EN_SCALES, lambda w: w.lower())
               if not options & source_numbers]
    lowered = article_english.lower()
    names = []
    for sentence in re.split(r"(?<=[.!?])\s+", brief):
        for i, match in enumerate(_LATIN_WORD.finditer(sentence)):
            word = match.group(0).strip("'’-")
            if word[:1].isupper() and not (i == 0 and word in _STARTERS) and word.lower() not in lowered:
                names.append(word)
    if numbers:
        flags.append(Flag("unsupported", f"numbers not in the article: {', '.join(dict.fromkeys(numbers))}"))
    if names:
        flags.append(Flag("unsupported", f"names not in the article: {', '.join(dict.fromkeys(names))}"))
    return flags


# --- The check stage: every sentence and the brief of an article ---------------------------------

def check_article(article: Article, glossary: dict[str, str] | None = None, min_score: float = DEFAULT_MIN_SCORE) -> None:
    """Flags on every sentence (after glossary fixes) and on the brief, in place."""
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            flags = [Flag(**f) for f in sentence.flags]
            if glossary:
                sentence.en, fixes = apply_glossary(sentence.ar, sentence.en, glossary)
                flags += fixes
            if paragraph.heading:  # headings are short and unpunctuated: no length or ending checks
                flags += check_numbers(sentence.ar, sentence.en) + check_untranslated(sentence.en) + check_repetition(sentence.en)
            else:
                flags += check_pair(sentence.ar, sentence.en)
            if sentence.score is not None and sentence.score < min_score:
                flags.append(Flag("low_confidence", f"model confidence {sentence.score:.2f} (below {min_score})"))
            seen = set()
            sentence.flags = [f.as_dict() for f in flags if (f.kind, f.detail) not in seen and not seen.add((f.kind, f.detail))]
    if article.brief is not None and article.brief.text:
        flags = check_brief(article.brief.text, "\n".join(p.en for p in article.paragraphs))
        if not article.brief.finished:
            flags.append(Flag("truncated", "the summary stopped at its length limit"))
        article.brief = replace(article.brief, flags=tuple(f.as_dict() for f in flags))


def glossary_digest(glossary: dict[str, str] | None) -> str | None:
    if not glossary:
        return None
    return hashlib.sha256(json.dumps(glossary, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
