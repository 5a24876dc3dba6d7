"""Dates: the months, weekdays and relative days one side names must be the other's.

Month names come from CLDR through Babel, for the three series the Arabic world uses: يناير/فبراير
(Egypt, the Gulf, ``ar``), كانون الثاني/شباط (the Levant and Iraq, ``ar_SY``), جانفي/فيفري (the
Maghreb, ``ar_DZ``); weekdays from CLDR too; the Hijri months, the relative days (أمس, اليوم, غدا) and
the relative periods (الأسبوع المقبل "next week", العام الماضي "last year") are listed here (CLDR's
Arabic has no Hijri month names in the Gregorian calendar data Babel
exposes). A name that is also a common word (صفر is zero, رجب a name, الاثنين "the two") counts when
present and is never required.
"""

from __future__ import annotations

import re
from functools import lru_cache

from translate.chars import DIACRITICS
from translate.checks.arabic import AR_WORD, ONE_LETTER_PREFIXES, ar_normal
from translate.checks.base import Check, Context, Pair
from translate.flags import Flag, FlagKind

ARABIC_LOCALES = ("ar", "ar_SY", "ar_DZ")  # the Gulf/Egypt, the Levant and Iraq, the Maghreb series
EN_MONTHS = ("January February March April May June July August September October November December").split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
EN_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
                    "Nov": 11, "Dec": 12}
HIJRI = {"محرم": ("Muharram", True), "صفر": ("Safar", False), "رجب": ("Rajab", False), "شعبان": ("Shaban", False),
         "رمضان": ("Ramadan", True), "شوال": ("Shawwal", True)}
HIJRI_EN = {"muharram": "Muharram", "safar": "Safar", "rajab": "Rajab", "shaban": "Shaban", "sha'ban": "Shaban",
            "ramadan": "Ramadan", "ramadhan": "Ramadan", "shawwal": "Shawwal"}
RELATIVE_AR = {"امس": "yesterday", "الامس": "yesterday", "البارحه": "yesterday", "غدا": "tomorrow", "غد": "tomorrow",
               "الغد": "tomorrow"}
RELATIVE_EN = {"yesterday": "yesterday", "tomorrow": "tomorrow"}
# Relative periods: a week, month or year the Arabic places before or after now (الأسبوع المقبل, العام الماضي),
# against the English's "next week", "last year", "the coming months".
PERIOD_AR = {ar_normal(w): unit for unit, words in {
    "week": "الأسبوع الأسابيع أسبوع", "month": "الشهر الأشهر الشهور شهر", "year": "العام السنة الأعوام السنوات عام سنة",
}.items() for w in words.split()}
WHEN_AR = {ar_normal(w): when for when, words in {
    "last": "الماضي الماضية الماضيين المنصرم المنصرمة الفائت الفائتة المنقضي", "next": "المقبل المقبلة القادم القادمة المقبلين",
}.items() for w in words.split()}
_PERIOD_EN = re.compile(r"\b(last|past|previous|next|coming|upcoming|following)\s+(?:(?:few|two|three|several)\s+)?"
                        r"(week|month|year)s?\b", re.IGNORECASE)
_WHEN_EN = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next", "upcoming": "next",
            "following": "next"}
# Names that are also common words or names: they count when present, and are never required.
_HIJRI = {ar_normal(k): v for k, v in HIJRI.items()}
_WEAK = {ar_normal(w) for w in ("الاثنين",  # "the two"
                                "مارس",  # he practised
                                "مايو", "جوان",  # the names Maio, Joan
                                "نيسان",  # the car maker
                                "السبت")}  # also the Sabbath
_MADDA_ONLY = {"اب": "آب"}  # August, matched as written: folded, it is أب (father) and the tail of باب (door)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


@lru_cache(maxsize=1)
def _arabic_names() -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """Arabic month names (one and two words) -> month, weekday names -> weekday (0 Monday), and the
    spelling to quote for each, from CLDR."""
    from babel import Locale

    months: dict[str, int] = {}
    days: dict[str, int] = {}
    shown: dict[str, str] = {}
    for name in ARABIC_LOCALES:
        locale = Locale.parse(name)
        for context in ("format", "stand-alone"):
            for number, month in locale.months[context]["wide"].items():
                key = " ".join(ar_normal(w) for w in month.split())
                months[key] = number
                shown.setdefault(key, month)
            for number, day in locale.days[context]["wide"].items():
                key = ar_normal(day)
                days[key] = number
                shown.setdefault(key, day)
    return months, days, shown


def _ar_words(text: str) -> list[tuple[str, str]]:
    """Each Arabic word, folded (``ar_normal``) and as written without diacritics."""
    return [(ar_normal(word), DIACRITICS.sub("", word)) for word in AR_WORD.findall(text)]


def _without_prefix(word: str, names: dict, raw: str = "") -> str | None:
    """The name ``word`` is, with one conjunction or preposition letter before it allowed."""
    for candidate, written in [(word, raw)] + [(word[len(p):], raw[len(p):]) for p in ONE_LETTER_PREFIXES if word.startswith(p)]:
        if candidate in _MADDA_ONLY:
            if written.startswith(_MADDA_ONLY[candidate]) and candidate in names:
                return candidate
            continue
        if candidate in names:
            return candidate
    return None


def arabic_dates(text: str) -> tuple[dict[int, str], dict[int, str], dict[str, str], set[str], set[str]]:
    """Months (number -> as written), weekdays, Hijri months, relative days; and which of them are weak."""
    months_table, days_table, shown = _arabic_names()
    pairs = _ar_words(text)
    words = [folded for folded, _ in pairs]
    months: dict[int, str] = {}
    days: dict[int, str] = {}
    hijri: dict[str, str] = {}
    relative: set[str] = set()
    weak: set[str] = set()
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        two = _without_prefix(pair, months_table) if pair else None
        if two:
            months[months_table[two]] = shown[two]
            continue
        one = _without_prefix(word, months_table, pairs[i][1])
        if one and not (i and f"{words[i - 1]} {word}" in months_table):
            months.setdefault(months_table[one], shown[one])
            if one in _WEAK:
                weak.add(f"month:{months_table[one]}")
        day = _without_prefix(word, days_table)
        if day:
            days[days_table[day]] = shown[day]
            if day in _WEAK:
                weak.add(f"day:{days_table[day]}")
        hijri_word = _without_prefix(word, _HIJRI)
        if hijri_word:
            english, strong = _HIJRI[hijri_word]
            hijri[english] = word
            if not strong:
                weak.add(f"hijri:{english}")
        rel = _without_prefix(word, RELATIVE_AR)
        if rel:
            relative.add(RELATIVE_AR[rel])
    return months, days, hijri, relative, weak


def arabic_periods(text: str) -> dict[tuple[str, str], str]:
    """(last or next, week/month/year) -> as written, for each period the Arabic places (الأسبوع المقبل)."""
    words = AR_WORD.findall(text)
    found: dict[tuple[str, str], str] = {}
    for i in range(len(words) - 1):
        unit = _without_prefix(ar_normal(words[i]), PERIOD_AR)
        when = WHEN_AR.get(ar_normal(words[i + 1]))
        if unit and when:
            found.setdefault((when, PERIOD_AR[unit]), f"{words[i]} {words[i + 1]}")
    return found


def english_periods(text: str) -> dict[tuple[str, str], str]:
    return {(_WHEN_EN[m.group(1).lower()], m.group(2).lower()): m.group(0) for m in _PERIOD_EN.finditer(text)}


def _compare_periods(ar: dict[tuple[str, str], str], en: dict[tuple[str, str], str]) -> list[str]:
    """A period of the Arabic the English places otherwise: the other way in time ("last week" for
    الأسبوع المقبل), or another unit the same way ("last month" for العام الماضي). One the English
    leaves out, or renders with a date, is not judged."""
    problems = []
    for (when, unit), written in ar.items():
        if (when, unit) in en:
            continue
        other = [shown for (w, u), shown in en.items() if (w, u) not in ar and (u == unit or w == when)]
        if other:
            problems.append(f"the Arabic says {written} ({when} {unit}), the English has “{', '.join(other)}”")
    return problems


def english_dates(text: str) -> tuple[dict[int, str], dict[int, str], dict[str, str], set[str]]:
    months: dict[int, str] = {}
    days: dict[int, str] = {}
    hijri: dict[str, str] = {}
    relative: set[str] = set()
    for match in _EN_WORD.finditer(text):
        word = re.sub(r"['’]s?$", "", match.group(0))  # Thursday's
        if word.endswith("s") and word[:-1] in EN_DAYS:  # on Sundays
            word = word[:-1]
        if word in EN_MONTHS:
            months[EN_MONTHS.index(word) + 1] = word
        elif word in EN_ABBREVIATIONS and text[match.end():match.end() + 1] in (".", " ", ""):
            months[EN_ABBREVIATIONS[word]] = word
        elif word in EN_DAYS:
            days[EN_DAYS.index(word)] = word
        elif word.lower() in HIJRI_EN and word[:1].isupper():
            hijri[HIJRI_EN[word.lower()]] = word
        elif word.lower() in RELATIVE_EN:
            relative.add(RELATIVE_EN[word.lower()])
    return months, days, hijri, relative


def _compare(what: str, ar: dict, en: dict, names: list[str], offset: int, weak: set[str], excused: bool) -> list[str]:
    """One clause per name the Arabic gives and the English lacks, quoting what the English has
    instead; one per name the English adds when the Arabic names others."""
    problems = []
    missing = [k for k in ar if k not in en and f"{what}:{k}" not in weak]
    for key in missing:
        english = names[key - offset]
        if en:
            problems.append(f"the Arabic names {ar[key]} ({english}), the English has “{', '.join(en.values())}” and not “{english}”")
        elif not excused:
            problems.append(f"the Arabic names {ar[key]} ({english}), the English does not have “{english}”")
    if not missing and ar:
        problems += [f"the English has “{written}”, the Arabic names {', '.join(ar.values())}" for key, written in en.items()
                     if key not in ar]
    return problems


def check_dates(ar: str, en: str) -> list[Flag]:
    ar_months, ar_days, ar_hijri, ar_relative, weak = arabic_dates(ar)
    en_months, en_days, en_hijri, en_relative = english_dates(en)
    problems = _compare("month", ar_months, en_months, EN_MONTHS, 1, weak, excused=False)
    # a weekday may be rendered "yesterday" or "tomorrow", as translators do
    problems += _compare("day", ar_days, en_days, EN_DAYS, 0, weak, excused=bool(en_relative))
    for name, written in ar_hijri.items():
        if name not in en_hijri and f"hijri:{name}" not in weak:
            problems.append(f"the Arabic names {written} (the Hijri month {name}), the English does not")
    for name, written in en_hijri.items():
        if name not in ar_hijri:
            problems.append(f"the English has “{written}”, the Arabic names no such Hijri month")
    contradicted = {"yesterday": "tomorrow", "tomorrow": "yesterday"}
    for word in sorted(en_relative):
        if contradicted[word] in ar_relative and word not in ar_relative and contradicted[word] not in en_relative:
            problems.append(f"the English says “{word}”, the Arabic says {contradicted[word]}")
    ar_periods, en_periods = arabic_periods(ar), english_periods(en)
    problems += _compare_periods(ar_periods, en_periods)
    if not problems:
        return []
    words = [*ar_periods.values(), *en_periods.values(), *ar_months.values(), *ar_days.values(), *ar_hijri.values(),
             *en_months.values(), *en_days.values(), *en_hijri.values()]
    return [Flag(FlagKind.date, "; ".join(dict.fromkeys(problems)), words=tuple(dict.fromkeys(words)))]


class Dates(Check):
    order = 15
    kinds = (FlagKind.date,)

    def warm(self) -> None:
        _arabic_names()

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_dates(pair.ar, pair.en)
