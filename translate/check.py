"""Checks on one Arabic sentence and its English: what a reader who cannot read the Arabic should
double-check. They work on any translation (this tool's, a human's, another system's).

Kinds: ``number`` (a number in one side missing from the other), ``untranslated`` (Arabic script
left in the English), ``repetition`` (a looping span, or an abnormally repetitive sentence),
``length_ratio`` (outside the band human translations stay in), ``unfinished`` (the Arabic
ends its sentence, the English stops mid-sentence), ``glossary`` (a required
rendering missing), ``meaning`` (the two sides' cross-lingual similarity below what human
translations reach; asked only where no flag already covers the whole sentence). The length band,
the repetition limit and the meaning limit are derived from public reference pairs by
bench/derive_checks.py and ship in translate/data/checks.json.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
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
_NUMBER = re.compile(r"(?<![\d٫,٬،])(?<!\d[.٫])(\d{1,3}(?:[,٬،]\d{3})+|\d+)(?:[.٫](\d+))?(?![\d])")
_DECADE = re.compile(r"^\d{3}0s$")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+(?:[\\s\u0600-\u06ff]*[\u0600-\u06ff])?")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u0750-\u077f]")
_AR_WORD = re.compile("[\u0621-\u065f\u0670\u066e-\u06d3]+")  # letters and their diacritics
_WORD_TOKEN = re.compile(r"\w+")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

EN_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
AR_SCALES = {"الف": 1e3, "الاف": 1e3, "الفا": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليونا": 1e6, "مليار": 1e9,
             "مليارات": 1e9, "بليون": 1e9, "مليارا": 1e9, "تريليون": 1e12}
_EN_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
            "seventeen eighteen nineteen".split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
EN_WORDS: dict[str, float] = {w: i for i, w in enumerate(_EN_UNITS)}
EN_WORDS.update({w: i + 1 for i, w in enumerate(_EN_ORDINALS)})
EN_WORDS.update({w: 10 * (i + 2) for i, w in enumerate(_EN_TENS)})
EN_WORDS.update({w[:-1] + "ieth": 10 * (i + 2) for i, w in enumerate(_EN_TENS)})  # twentieth
EN_WORDS.update({w[:-1] + "ies": 10 * (i + 2) for i, w in enumerate(_EN_TENS)})  # the sixties
EN_WORDS.update({"hundred": 100, "hundredth": 100, "dozen": 12, "decade": 10, "half": 0.5, "once": 1, "twice": 2,
                 "single": 1, "double": 2, "doubled": 2, "triple": 3, "tripled": 3, "quadrupled": 4, "pair": 2,
                 "couple": 2})
_ROMAN = {r: i + 2 for i, r in enumerate("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split())}
# Arabic number words, with the value each stands for; ``strong`` ones (3 and up, not idioms such as
# "عام" a year or "مرة" once) must show in the English, in digits or words.
_AR_NUMBER_WORDS: dict[str, tuple[float, bool]] = {
    **{w: (1, False) for w in ("واحد", "واحده", "احد", "احدى", "حادي", "حاديه", "اول", "اولى", "مره", "عام", "يوم")},
    **{w: (2, False) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثنتا", "اثني", "اثنتي", "ثاني", "ثانيه", "ثان", "مرتين", "مرتان", "عامين",
                               "يومين", "شهرين", "ساعتين", "دقيقتين", "اسبوعين", "سنتين", "دولارين")},
    "نصف": (0.5, False), "ستون": (60, False),  # also the name Stone
    **{w: (v, True) for v, words in {
        3: "ثلاث ثلاثه ثالث ثالثه", 4: "اربع اربعه رابع رابعه", 5: "خمس خمسه خامس خامسه", 6: "ست سته سادس سادسه",
        7: "سبع سبعه سابع سابعه", 8: "ثمان ثماني ثمانيه ثامن ثامنه", 9: "تسع تسعه تاسع تاسعه", 10: "عشر عشره عاشر عاشره",
        20: "عشرون عشرين عشرينيات", 30: "ثلاثون ثلاثين ثلاثينيات", 40: "اربعون اربعين اربعينيات",
        50: "خمسون خمسين خمسينيات", 60: "ستين ستينيات", 70: "سبعون سبعين سبعينيات", 80: "ثمانون ثمانين ثمانينيات",
        90: "تسعون تسعين تسعينيات", 100: "مئه مائه", 200: "مئتين مائتين مئتان مائتان", 2e3: "الفين الفان",
        2e6: "مليونين مليونان مليوني", 2e9: "مليارين ملياران ملياري",
    }.items() for w in words.split()},
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


def ar_normal(word: str) -> str:
    """No diacritics, one alef, ta marbuta as ha, alef maqsura as ya."""
    return _DIACRITICS.sub("", word).translate(_LETTERS)


@lru_cache(maxsize=1 << 16)
def ar_stem(word: str) -> str:
    """Light normalization for matching: ``ar_normal`` and common prefixes off."""
    word = ar_normal(word)
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


AR_SCALES = {ar_normal(k): v for k, v in AR_SCALES.items()}
AR_WORDS: dict[str, float] = {ar_normal(k): v for k, (v, _) in _AR_NUMBER_WORDS.items()}
AR_STRONG = frozenset(ar_normal(k) for k, (_, strong) in _AR_NUMBER_WORDS.items() if strong)


@lru_cache(maxsize=4096)
def _values(whole: str, fraction: str | None) -> frozenset[float]:
    """What the digits may mean: a decimal, or (a dot before exactly three digits) a thousands group."""
    digits = whole.replace(",", "").replace("٬", "").replace("،", "")
    values = {round(float(digits + ("." + fraction if fraction else "")), 6)}
    if fraction and len(fraction) == 3:
        values.add(float(digits + fraction))
    return frozenset(values)


_NEXT_WORD = re.compile(r"\s*(\S{1,16})")
_TIME = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})(?![\d:])")


@dataclass(frozen=True)
class Number:
    written: str
    options: frozenset[float]  # the values it may stand for
    required: bool  # must show on the other side (not a code such as R0 or ACE2, not a decade)


def _ar_scale_word(word: str) -> str:
    normal = ar_normal(word)
    return normal if normal in AR_SCALES else ar_stem(word)


def _digit_numbers(text: str, scales: dict[str, float], normalize_word, codes: bool) -> list[Number]:
    """Each number written in digits, with what it may stand for. With ``codes``, digits glued to a
    Latin letter (R0, ACE2, WW1) are names more than quantities: they count when present, are not required."""
    found: list[Number] = []
    times = {m.start(): m for m in _TIME.finditer(text)}
    skip_to = -1
    for match in _NUMBER.finditer(text):
        if match.start() < skip_to:
            continue
        end = match.end()
        if (time := times.get(match.start())) is not None:
            hours, minutes = int(time.group(1)), int(time.group(2))
            options = {round(hours + minutes / 100, 6), float(hours * 100 + minutes), float((hours + 12) % 24 * 100 + minutes)}
            if minutes == 0:  # "at 4" for 04:00
                options |= {float(hours), float((hours + 12) % 24)}
            found.append(Number(time.group(0), frozenset(options), True))
            skip_to = time.end()
            continue
        nxt = _NEXT_WORD.match(text, end)
        following = nxt.group(1) if nxt else ""
        options = set(_values(match.group(1), match.group(2)))
        required = True
        if text[end:end + 1] == "s" and _DECADE.match(match.group(0) + "s"):  # 1960s: also "the sixties"
            options.add(float(int(match.group(0)) % 100))
            required = False
        elif codes and match.start() > 0 and text[match.start() - 1].isascii() and text[match.start() - 1].isalpha():
            required = False
        scale = scales.get(normalize_word(following)) if following else None
        glued = text[end:end + 2].lower()
        if scale is None and glued in ("bn", "m ", "mn"):
            scale = scales.get(glued.strip())
        if scale:
            options |= {round(v * scale, 6) for v in options}
        found.append(Number(match.group(0), frozenset(options), required))
    return found


def _word_runs(words: list[str], table: dict[str, float], scales: dict[str, float]) -> list[tuple[list[str], set[float]]]:
    """Runs of adjacent number words, each with the values it may stand for: each word, the sum of any
    stretch of it ("الرابعة والثلاثين" 34, "twenty five" 25), and those times a scale."""
    runs: list[tuple[list[str], set[float]]] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word in table or word in scales:
            run.append(word)
        elif word not in ("and", "a", "و") and word != "-" and run:
            runs.append((run, _run_values(run, table, scales)))
            run = []
    return runs


def _run_values(run: list[str], table: dict[str, float], scales: dict[str, float]) -> set[float]:
    values = {table.get(w, scales.get(w, 0)) for w in run}
    plain = [table.get(w, 0) if w not in scales else None for w in run]
    for i in range(len(run)):
        total = 0.0
        for j in range(i, len(run)):
            if plain[j] is None:  # a scale multiplies what came before it
                values.add(total * scales[run[j]] if total else scales[run[j]])
                values.update(v * scales[run[j]] for v in plain[i:j] if v)
                break
            total += plain[j]
            values.add(total)
    return values


_PERCENT_WORDS = frozenset({"المئه", "المائه", "بالمئه", "بالمائه", "للمئه"})  # "في المئة": per cent


def _ar_words(text: str) -> list[str]:
    out = []
    for word in _AR_WORD.findall(text):
        if ar_normal(word) in _PERCENT_WORDS:
            out.append("%")
            continue
        stem = ar_stem(word)
        out.append(stem if stem in AR_WORDS or stem in AR_SCALES else ar_stem(word.removeprefix("و")))
    return out


def _en_words(text: str) -> list[str]:
    words = []
    for word in re.findall(r"[A-Za-z]+", text):
        words.append(str(_ROMAN[word]) if word in _ROMAN else word.lower())
    return words


def _word_values(runs: list[tuple[list[str], set[float]]]) -> set[float]:
    return {v for _, values in runs for v in values}


_EN_TABLE = {**EN_WORDS, **{str(v): v for v in _ROMAN.values()}}


def _century_matches(values: set[float], en_all: set[float]) -> bool:
    """"القرن التاسع عشر" (the 19th century) may be "the 1800s" or a year or decade of it in the English."""
    return any((v - 1) * 100 <= e < v * 100 for v in values if v == int(v) and 1 < v <= 30 for e in en_all)


def check_numbers(ar: str, en: str) -> list[Flag]:
    ar_numbers = _digit_numbers(ar.translate(_AR_DIGITS), AR_SCALES, _ar_scale_word, codes=False)
    en_numbers = _digit_numbers(en, EN_SCALES, lambda w: w.lower().strip(".,;:"), codes=True)
    ar_runs = _word_runs(_ar_words(ar), AR_WORDS, AR_SCALES)
    en_runs = _word_runs(_en_words(en), _EN_TABLE, EN_SCALES)
    en_all = {v for n in en_numbers for v in n.options} | _word_values(en_runs)
    ar_all = {v for n in ar_numbers for v in n.options} | _word_values(ar_runs)
    flags = []
    missing = [n.written for n in ar_numbers if n.required and not n.options & en_all]
    missing += [" ".join(run) for run, values in ar_runs if AR_STRONG.intersection(run) and not values & en_all
                and not _century_matches(values, en_all)]
    for options, count in Counter(n.options for n in ar_numbers if n.required).items():
        if count > 1:  # "كوفيد-19" twice, "COVID-19" once: one was dropped
            present = sum(bool(n.options & options) for n in en_numbers) + sum(bool(v & options) for _, v in en_runs)
            if 0 < present < count:
                missing.append(f"{count}× {next(n.written for n in ar_numbers if n.options == options)} "
                               f"(the English has it {present}×)")
    if missing:
        flags.append(Flag("number", f"{', '.join(dict.fromkeys(missing))} in the Arabic, not in the English"))
    extra = [n.written for n in en_numbers if n.required and not n.options & ar_all]
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


# Words an English sentence does not end on: an output stopping there was cut off.
_DANGLING = frozenset("a an the of to and or nor with by for at from than into its his her their our your my whose "
                      "between while".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


def check_unfinished(ar: str, en: str) -> list[Flag]:
    """The English stops mid-sentence (a cut-off output): on a comma or a word such as "the", or
    without an ending where the Arabic ends its sentence."""
    en = en.strip()
    last = _LAST_WORD.search(en)
    dangling = en.endswith(",") or (last is not None and last.end(1) == len(en) and last.group(1).lower() in _DANGLING)
    if dangling or (_AR_ENDS.search(ar.strip()) and not _EN_ENDS.search(en)):
        return [Flag("unfinished", "the English stops before the end of the sentence: “…" + en[-30:] + "”")]
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


def _arabic_chars(text: str) -> int:
    return len(_ARABIC_LETTER.findall(text))


MEANING_MAX_LETTERS = 5000  # one embedding for a whole long text says little, and costs memory by its length


def meaning_similarities(pairs: list[tuple[str, str]]) -> list[float | None]:
    """Cross-lingual similarity of each pair, in one batch; None where the check does not apply (no
    English, fewer Arabic letters than the calibration's minimum, or more than MEANING_MAX_LETTERS)."""
    from translate.meaning import encoder

    minimum = calibration()["meaning"]["min_arabic_letters"]
    wanted = [i for i, (ar, en) in enumerate(pairs)
              if en.strip() and minimum <= _arabic_chars(ar) <= MEANING_MAX_LETTERS and len(en) <= 4 * MEANING_MAX_LETTERS]
    similarities: list[float | None] = [None] * len(pairs)
    if wanted:
        for i, value in zip(wanted, encoder().similarities([pairs[i] for i in wanted])):
            similarities[i] = value
    return similarities


def check_meaning(similarity: float | None) -> list[Flag]:
    if similarity is None:
        return []
    limit = calibration()["meaning"]["min_similarity"]
    if similarity < limit:
        return [Flag("meaning", f"the English may not say what the Arabic says (similarity {similarity:.2f}; "
                                f"{100 - calibration()['meaning']['percentile']:g}% of human translations score {limit:.2f} or more)")]
    return []


# Flags that already tell the reader to reread the whole English: the meaning check, the costly one,
# is not asked of those sentences (it would only say so again). Partial flags (a number) still get it.
WHOLE_SENTENCE_FLAGS = frozenset({"empty_translation", "truncated", "repetition", "length_ratio"})


def _pair_flags(ar: str, en: str, glossary: dict[str, str] | None = None, heading: bool = False) -> list[Flag]:
    """Every check but meaning on one pair."""
    if not en.strip():
        return [Flag("empty_translation", "no English")] if ar.strip() else []
    flags = check_numbers(ar, en) + check_untranslated(en) + check_repetition(en)
    if not heading:  # headings are short and unpunctuated: no length or ending checks
        flags += check_length(ar, en) + check_unfinished(ar, en)
    if glossary:
        flags += check_glossary(ar, en, glossary)
    return flags


def _add_meaning(pairs: list[tuple[str, str]], flags: list[list[Flag]]) -> None:
    """The meaning check, in one batch, on the pairs whose flags do not already cover the whole sentence."""
    asked = [i for i, found in enumerate(flags) if not WHOLE_SENTENCE_FLAGS.intersection(f.kind for f in found)]
    for i, similarity in zip(asked, meaning_similarities([pairs[i] for i in asked])):
        flags[i] += check_meaning(similarity)


def check_pairs(pairs: list[tuple[str, str]], glossary: dict[str, str] | None = None) -> list[list[Flag]]:
    """Every check on each Arabic sentence (or line) and its English; the meaning check in one batch."""
    flags = [_pair_flags(ar, en, glossary) for ar, en in pairs]
    _add_meaning(pairs, flags)
    return flags


def check_pair(ar: str, en: str, glossary: dict[str, str] | None = None) -> list[Flag]:
    """Every check on one pair (for many, ``check_pairs`` batches the meaning check)."""
    return check_pairs([(ar, en)], glossary)[0]


# --- Briefs --------------------------------------------------------------------------------------

_STARTERS = frozenset("The A An In On At It He She They We This That These Those But And Or As For After Before "
                      "When While If Its His Her Their There Here Also However Meanwhile".split())


def check_brief(brief: str, article_english: str) -> list[Flag]:
    """Numbers and capitalized names in a brief that the article's English does not hold (invented)."""
    flags = []
    english = lambda w: w.lower()  # noqa: E731
    source_numbers = {v for n in _digit_numbers(article_english, EN_SCALES, english, codes=True) for v in n.options}
    source_numbers |= _word_values(_word_runs(_en_words(article_english), _EN_TABLE, EN_SCALES))
    numbers = [n.written for n in _digit_numbers(brief, EN_SCALES, english, codes=True)
               if n.required and not n.options & source_numbers]
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
    sentences = [(paragraph.heading, sentence) for paragraph in article.paragraphs for sentence in paragraph.sentences]
    found: list[list[Flag]] = []
    for heading, sentence in sentences:
        fixed: list[Flag] = []
        if glossary:
            sentence.en, fixed = apply_glossary(sentence.ar, sentence.en, glossary)
        flags = [Flag(**f) for f in sentence.flags] + fixed + _pair_flags(sentence.ar, sentence.en, heading=heading)
        if sentence.score is not None and sentence.score < min_score:
            flags.append(Flag("low_confidence", f"model confidence {sentence.score:.2f} (below {min_score})"))
        found.append(flags)
    _add_meaning([(sentence.ar, sentence.en) for _, sentence in sentences], found)
    for (_, sentence), flags in zip(sentences, found):
        seen = set()
        sentence.flags = [f.as_dict() for f in flags if (f.kind, f.detail) not in seen and not seen.add((f.kind, f.detail))]
    if article.brief is not None and article.brief.text:
        flags = check_brief(article.brief.text, "\n".join(p.en for p in article.paragraphs))
        if not article.brief.finished:
            flags.append(Flag("truncated", "the summary stopped at its length limit"))
        article.brief = replace(article.brief, flags=tuple(f.as_dict() for f in flags))


def checker_sources() -> list[bytes]:
    """The checks' code and calibration, as installed."""
    package = resources.files("translate")
    return [(package / name).read_bytes() for name in ("check.py", "meaning.py", "data/checks.json")]


def checker_identity() -> dict[str, str]:
    """What decides the flags besides the run's options: the checks' code and calibration, and the
    meaning encoder. A new version of any checks articles again."""
    from translate.meaning import encoder_identity

    digest = hashlib.sha256()
    for source in checker_sources():
        digest.update(hashlib.sha256(source).digest())
    return {"checker_sha256": digest.hexdigest()[:16], "meaning_encoder": encoder_identity()}


def glossary_digest(glossary: dict[str, str] | None) -> str | None:
    if not glossary:
        return None
    return hashlib.sha256(json.dumps(glossary, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
