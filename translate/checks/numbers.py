"""Numbers: every number of one side must show on the other, in digits or in words, with its scale.

Digits in either script, thousands groups, decimals, times, Arabic and English number words and
their compounds, decades and centuries, scales (ألف/مليون/مليار, thousand/million/billion), and
numbers the Arabic gives more often than the English.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from translate.checks.arabic import AR_WORD, ar_normal, ar_stem
from translate.checks.base import Check, Context, Pair
from translate.flags import Flag, FlagKind

AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Digits may follow letters ("و60" is "and 60", ACE2); thousands may be grouped with , ٬ ، or (in Arabic) a dot.
_NUMBER = re.compile(r"(?<![\d٫])(?<!\d[.٫,٬،])(\d{1,3}(?:[,٬،]\d{3})+|\d+)(?:[.٫](\d+))?(?![\d])")
_DECADE = re.compile(r"^\d{3}0s$")
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
EN_WORDS.update({"hundred": 100, "hundredth": 100, "dozen": 12, "decade": 10, "half": 0.5, "quarter": 0.25, "once": 1, "twice": 2,
                 "single": 1, "double": 2, "doubled": 2, "triple": 3, "tripled": 3, "quadrupled": 4, "pair": 2,
                 "couple": 2})
_ROMAN = {r: i + 2 for i, r in enumerate("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split())}
# Cardinal number words that count what follows them ("three months", ثلاثة أشهر), without ordinals:
# the quantity check reads a unit after them.
EN_CARDINALS: dict[str, float] = {w: float(i) for i, w in enumerate(_EN_UNITS) if i >= 2}
EN_CARDINALS.update({w: 10.0 * (i + 2) for i, w in enumerate(_EN_TENS)})
_AR_CARDINALS = {3: "ثلاث ثلاثه", 4: "اربع اربعه", 5: "خمس خمسه", 6: "ست سته", 7: "سبع سبعه", 8: "ثمان ثماني ثمانيه",
                 9: "تسع تسعه", 10: "عشر عشره", 20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "اربعون اربعين",
                 50: "خمسون خمسين", 60: "ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين"}
_AR_ORDINALS = {3: "ثالث ثالثه", 4: "رابع رابعه", 5: "خامس خامسه", 6: "سادس سادسه", 7: "سابع سابعه", 8: "ثامن ثامنه",
                9: "تاسع تاسعه", 10: "عاشر عاشره"}
_AR_DECADES = {20: "عشرينيات", 30: "ثلاثينيات", 40: "اربعينيات", 50: "خمسينيات", 60: "ستينيات", 70: "سبعينيات",
               80: "ثمانينيات", 90: "تسعينيات"}
# A dual is the number two and, for a unit, its unit in one word (شهرين: two months; هدفين: two goals).
_AR_DUALS: dict[str, tuple[str, str] | None] = {
    "ثانيتين": ("time", "second"), "دقيقتين": ("time", "minute"), "ساعتين": ("time", "hour"), "يومين": ("time", "day"),
    "اسبوعين": ("time", "week"), "شهرين": ("time", "month"), "عامين": ("time", "year"), "سنتين": ("time", "year"),
    "عقدين": ("time", "decade"), "كيلومترين": ("length", "km"), "مترين": ("length", "metre"), "ميلين": ("length", "mile"),
    "طنين": ("mass", "ton"), "دولارين": ("currency", "dollar"), "دينارين": ("currency", "dinar"),
    **dict.fromkeys(("مرتين", "مرتان", "هدفين", "هدفان", "نقطتين", "نقطتان", "شخصين", "شخصان")),  # twice; two goals, points, people
}
# Arabic number words, with the value each stands for; ``strong`` ones (3 and up, not idioms such as
# "عام" a year or "مرة" once) must show in the English, in digits or words.
_AR_NUMBER_WORDS: dict[str, tuple[float, bool]] = {
    **{w: (1, False) for w in ("واحد", "واحده", "احد", "احدى", "حادي", "حاديه", "اول", "اولى", "مره", "عام", "يوم")},
    **{w: (2, False) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثنتا", "اثني", "اثنتي", "ثاني", "ثانيه", "ثان",
                               *_AR_DUALS)},
    "نصف": (0.5, False), "ربع": (0.25, False), "ثلث": (1 / 3, False), "ثلثي": (2 / 3, False), "ثلثا": (2 / 3, False),
    "ستون": (60, False),  # also the name Stone
    **{w: (v, True) for table in (_AR_CARDINALS, _AR_ORDINALS, _AR_DECADES, {
        100: "مئه مائه", 200: "مئتين مائتين مئتان مائتان", 2e3: "الفين الفان",
        2e6: "مليونين مليونان مليوني", 2e9: "مليارين ملياران ملياري",
    }) for v, words in table.items() for w in words.split()},
}


AR_SCALES = {ar_normal(k): v for k, v in AR_SCALES.items()}
AR_WORDS: dict[str, float] = {ar_normal(k): v for k, (v, _) in _AR_NUMBER_WORDS.items()}
AR_STRONG = frozenset(ar_normal(k) for k, (_, strong) in _AR_NUMBER_WORDS.items() if strong)
AR_CARDINALS: dict[str, float] = {ar_normal(w): float(v) for v, words in {**_AR_CARDINALS, 60: "ستين ستون"}.items()
                                  for w in words.split()}
AR_DUALS: dict[str, tuple[str, str]] = {ar_normal(w): unit for w, unit in _AR_DUALS.items() if unit}


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
    plain: list[tuple[int, int, int]] = []  # (start, end, index in found) of numbers with no scale
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
        else:
            plain.append((match.start(), end, len(found)))
        found.append(Number(match.group(0), frozenset(options), required))
    return _grouped(text, found, plain)


def _grouped(text: str, found: list[Number], plain: list[tuple[int, int, int]]) -> list[Number]:
    """Digit groups a space apart (a phone number: 116 123, 0800 555 111) may be one number that the
    other side writes without the spaces: each group may also stand for the whole."""
    runs: list[list[tuple[int, int, int]]] = []
    for span in plain:
        if runs and text[runs[-1][-1][1]:span[0]] == " " and text[span[0]:span[1]].isdigit() \
                and text[runs[-1][-1][0]:runs[-1][-1][1]].isdigit():
            runs[-1].append(span)
        else:
            runs.append([span])
    for run in (r for r in runs if len(r) > 1):
        whole = float("".join(text[start:end] for start, end, _ in run))
        for _, _, i in run:
            found[i] = Number(found[i].written, found[i].options | {whole}, found[i].required)
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
    for word in AR_WORD.findall(text):
        if ar_normal(word) in _PERCENT_WORDS:
            out.append("%")
            continue
        stem = ar_stem(word)
        out.append(stem if stem in AR_WORDS or stem in AR_SCALES else ar_stem(word.removeprefix("و")))
    return out


_EN_COMPOUND = re.compile(r"(two|three|four|five|six|seven|eight|nine)"
                          r"(balls?|somes?|fold|way|days?|years?|months?|weeks?|legged|wheelers?)")


def _en_words(text: str) -> list[str]:
    words = []
    matches = list(re.finditer(r"[A-Za-z]+", text))
    series = any(m.group(0) in _ROMAN for m in matches)  # type I and type II: "I" is one
    for match in matches:
        word = match.group(0)
        compound = _EN_COMPOUND.fullmatch(word.lower()) if word[:1] in "tTfFsSeEnN" else None  # two-...nine only
        if compound:  # fourballs, threefold: the number word and the rest
            words += [compound.group(1), compound.group(2)]
            continue
        if word == "I" and (series or text[match.start() - 1:match.start()] == "-"):  # type-I; else the pronoun
            words.append("1")
            continue
        words.append(str(_ROMAN[word]) if word in _ROMAN else word.lower())
    return words


def _word_values(runs: list[tuple[list[str], set[float]]]) -> set[float]:
    """Every value the runs stand for; a fraction (نصف, a quarter) also as its percentage (50, 25; a third 33 or 33.3)."""
    values = {v for _, run_values in runs for v in run_values}
    return values | {p for v in values if 0 < v < 1 for p in (round(100 * v, 1), float(round(100 * v)))}


_EN_TABLE = {**EN_WORDS, "1": 1, **{str(v): v for v in _ROMAN.values()}}


def _century_matches(values: set[float], en_all: set[float]) -> bool:
    """"القرن التاسع عشر" (the 19th century) may be "the 1800s" or a year or decade of it in the English."""
    return any((v - 1) * 100 <= e < v * 100 for v in values if v == int(v) and 1 < v <= 30 for e in en_all)


_TO_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # to highlight a number the Arabic writes in its own digits


_YEAR_RANGE = re.compile(r"\b(1[89]|20)(\d\d)([-–])(\d\d)\b")  # 1950-53: the second year written short


def _full_years(text: str) -> str:
    return _YEAR_RANGE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(1)}{m.group(4)}", text)


def _names_of_the_english(ar: str, run: list[str], en: str) -> bool:
    """Do the number words spell a name of the English (كريات أربع, Kiryat Arba)? Then they are the name."""
    from translate.checks.names import names_spelt

    return bool(names_spelt(ar, run, en))


def check_numbers(ar: str, en: str) -> list[Flag]:
    en = _full_years(en)
    ar_numbers = _digit_numbers(_full_years(ar.translate(AR_DIGITS)), AR_SCALES, _ar_scale_word, codes=False)
    en_numbers = _digit_numbers(en, EN_SCALES, lambda w: w.lower().strip(".,;:"), codes=True)
    ar_runs = _word_runs(_ar_words(ar), AR_WORDS, AR_SCALES)
    en_runs = _word_runs(_en_words(en), _EN_TABLE, EN_SCALES)
    en_all = {v for n in en_numbers for v in n.options} | _word_values(en_runs)
    ar_all = {v for n in ar_numbers for v in n.options} | _word_values(ar_runs)
    flags = []
    missing = [n.written for n in ar_numbers if n.required and not n.options & en_all]
    missing += [" ".join(run) for run, values in ar_runs if AR_STRONG.intersection(run) and not values & en_all
                and not _century_matches(values, en_all) and not _names_of_the_english(ar, run, en)]
    for options, count in Counter(n.options for n in ar_numbers if n.required).items():
        if count > 1:  # "كوفيد-19" twice, "COVID-19" once: one was dropped
            present = sum(bool(n.options & options) for n in en_numbers) + sum(bool(v & options) for _, v in en_runs)
            if 0 < present < count:
                missing.append(f"{count}× {next(n.written for n in ar_numbers if n.options == options)} "
                               f"(the English has it {present}×)")
    if missing:
        words = [w for n in ar_numbers if n.required and not n.options & en_all
                 for w in (n.written, n.written.translate(_TO_ARABIC_DIGITS))]
        flags.append(Flag(FlagKind.number, f"{', '.join(dict.fromkeys(missing))} in the Arabic, not in the English",
                          words=tuple(dict.fromkeys(words + [" ".join(run) for run, _ in ar_runs if " ".join(run) in missing]))))
    extra = [n.written for n in en_numbers if n.required and not n.options & ar_all]
    if extra:
        flags.append(Flag(FlagKind.number, f"{', '.join(dict.fromkeys(extra))} in the English, not in the Arabic",
                          words=tuple(dict.fromkeys(extra))))
    return flags




class Numbers(Check):
    order = 10
    kinds = (FlagKind.number,)

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_numbers(pair.ar, pair.en)


def english_number_values(text: str) -> set[float]:
    """Every value the English's numbers, in digits or words, may stand for."""
    values = {v for n in _digit_numbers(text, EN_SCALES, str.lower, codes=True) for v in n.options}
    return values | _word_values(_word_runs(_en_words(text), _EN_TABLE, EN_SCALES))


def english_numbers(text: str) -> list[Number]:
    return _digit_numbers(text, EN_SCALES, str.lower, codes=True)
