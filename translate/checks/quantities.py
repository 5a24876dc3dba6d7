"""Quantities: a number must keep its scale and its unit across the languages.

The number check matches values: "300 billion" passes for "300 مليون" because the bare 300
matches. Here each number is read with the word after it: a scale (ألف/مليون/مليار, thousand/
million/billion) or a unit of a known class (time, length, mass, area, share: percent against
points, currency: dollars against euros). Numbers are digits, cardinal words ("three weeks", ثلاثة أشهر)
and Arabic duals (شهرين, two months). Where the same value stands on both sides, with a scale or a unit of the same class on
each, they must agree; "2.5 billion" for "2500 مليون" agrees (the values are equal).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translate.checks.arabic import AR_WORD, ONE_LETTER_PREFIXES, ar_normal
from translate.checks.base import Check, Context, Pair
from translate.checks.numbers import (  # the scales and number words, read the same way
    AR_CARDINALS,
    AR_DIGITS,
    AR_DUALS,
    AR_SCALES,
    EN_CARDINALS,
    EN_SCALES,
)
from translate.flags import Flag, FlagKind

_NUMBER = re.compile(r"(?<![\d.,٫])(\d+(?:[.,٫]\d+)*)(?![\d])")
_NEXT = re.compile(r"\s*(%|[^\s\d.,;:!?؟،؛()\"“”]+)(?:\s+([^\s\d.,;:!?؟،؛()\"“”]+))?")

# unit -> (class, name): the class decides what may be compared, the name what must agree.
EN_UNITS = {
    **{w: ("time", "second") for w in ("second", "seconds")},
    **{w: ("time", "minute") for w in ("minute", "minutes")}, **{w: ("time", "hour") for w in ("hour", "hours")},
    **{w: ("time", "day") for w in ("day", "days")}, **{w: ("time", "week") for w in ("week", "weeks")},
    **{w: ("time", "month") for w in ("month", "months")}, **{w: ("time", "year") for w in ("year", "years")},
    **{w: ("time", "decade") for w in ("decade", "decades")},
    **{w: ("length", "km") for w in ("km", "kilometres", "kilometers", "kilometre", "kilometer")},
    **{w: ("length", "mile") for w in ("mile", "miles")},
    **{w: ("length", "metre") for w in ("metres", "meters", "metre", "meter")},
    **{w: ("mass", "kg") for w in ("kg", "kilograms", "kilogrammes", "kilos")},
    **{w: ("mass", "ton") for w in ("tons", "tonnes", "ton", "tonne")},
    **{w: ("area", "km2") for w in ("km2", "km²")}, **{w: ("area", "hectare") for w in ("hectares", "hectare")},
    "%": ("share", "percent"), "percent": ("share", "percent"), "per": ("share", "percent"),
    "points": ("share", "points"), "point": ("share", "points"), "percentage": ("share", "percentage"),
    **{w: ("currency", "dollar") for w in ("dollar", "dollars", "usd")}, **{w: ("currency", "euro") for w in ("euro", "euros", "eur")},
    **{w: ("currency", "pound") for w in ("pound", "pounds", "sterling")},
    **{w: ("currency", "dinar") for w in ("dinar", "dinars")},
    **{w: ("currency", "riyal") for w in ("riyal", "riyals", "rial", "rials")},
    **{w: ("currency", "dirham") for w in ("dirham", "dirhams")}, **{w: ("currency", "lira") for w in ("lira", "liras", "lire")},
    **{w: ("currency", "shekel") for w in ("shekel", "shekels")}, "yen": ("currency", "yen"),
    **{w: ("currency", "yuan") for w in ("yuan", "renminbi")}, **{w: ("currency", "ruble") for w in ("ruble", "rubles", "roubles")},
}
AR_UNITS = {ar_normal(w): u for w, u in {
    "ثانية": ("time", "second"), "ثوان": ("time", "second"), "ثواني": ("time", "second"), "عقد": ("time", "decade"),
    "عقود": ("time", "decade"), "دقيقة": ("time", "minute"), "دقائق": ("time", "minute"), "ساعة": ("time", "hour"),
    "ساعات": ("time", "hour"),
    "يوم": ("time", "day"), "يوما": ("time", "day"), "أيام": ("time", "day"), "أسبوع": ("time", "week"),
    "أسابيع": ("time", "week"), "شهر": ("time", "month"), "أشهر": ("time", "month"), "شهور": ("time", "month"),
    "شهرا": ("time", "month"), "سنة": ("time", "year"), "سنوات": ("time", "year"), "عام": ("time", "year"),
    "عاما": ("time", "year"), "أعوام": ("time", "year"),
    "كيلومتر": ("length", "km"), "كيلومترات": ("length", "km"), "كيلومترا": ("length", "km"), "كم": ("length", "km"),
    "كيلو": ("length", "km"),
    "ميل": ("length", "mile"), "أميال": ("length", "mile"), "ميلا": ("length", "mile"), "متر": ("length", "metre"),
    "أمتار": ("length", "metre"), "مترا": ("length", "metre"),
    "كيلوغرام": ("mass", "kg"), "كيلوغراما": ("mass", "kg"), "كغ": ("mass", "kg"), "كلغ": ("mass", "kg"),
    "طن": ("mass", "ton"), "أطنان": ("mass", "ton"), "طنا": ("mass", "ton"),
    "هكتار": ("area", "hectare"), "هكتارات": ("area", "hectare"),
    "%": ("share", "percent"), "٪": ("share", "percent"), "بالمئة": ("share", "percent"), "بالمائة": ("share", "percent"),
    "في": ("share", "percent?"),
    "نقطة": ("share", "points"), "نقاط": ("share", "points"),
    **{w: ("currency", "dollar") for w in ("دولار", "دولارا", "دولارات")}, "يورو": ("currency", "euro"),
    **{w: ("currency", "pound") for w in ("جنيه", "جنيها", "جنيهات")}, "إسترليني": ("currency", "pound"),
    **{w: ("currency", "dinar") for w in ("دينار", "دينارا", "دنانير")},
    **{w: ("currency", "riyal") for w in ("ريال", "ريالا", "ريالات")},
    **{w: ("currency", "dirham") for w in ("درهم", "درهما", "دراهم")}, **{w: ("currency", "lira") for w in ("ليرة", "ليرات")},
    **{w: ("currency", "shekel") for w in ("شيكل", "شيكلا", "شواكل", "شيقل")}, "ين": ("currency", "yen"),
    "يوان": ("currency", "yuan"), **{w: ("currency", "ruble") for w in ("روبل", "روبلا", "روبلات")},
}.items()}
_SQUARE = frozenset(ar_normal(w) for w in ("مربع", "مربعا", "مربعة"))  # كيلومتر مربع: a square kilometre
# Renderings that agree though their names differ: the Lebanese and Syrian ليرة is the pound in English.
_ALSO = {"lira": {"pound"}}
_EN_CARDINAL = re.compile(r"(?<![A-Za-z-])(" + "|".join(EN_CARDINALS) + r")(?![A-Za-z])", re.IGNORECASE)


def _value(digits: str) -> float | None:
    text = digits.replace("٫", ".")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _ar_word(word: str) -> str:
    normal = ar_normal(word)
    if normal in AR_SCALES or normal in AR_UNITS:
        return normal
    for prefix in ONE_LETTER_PREFIXES:
        if normal.startswith(prefix) and normal[len(prefix):] in AR_SCALES:
            return normal[len(prefix):]
    return normal


def _ar_number_words(text: str) -> Iterator[tuple[int, int, float, tuple[str, str] | None]]:
    """(start, end, value, unit) of each Arabic cardinal word (ثلاثة, وعشرين) and dual (شهرين: 2, month)."""
    for match in AR_WORD.finditer(text):
        normal = ar_normal(match.group(0))
        for word in (normal, normal[1:] if normal[:1] in ONE_LETTER_PREFIXES else None):
            if word in AR_CARDINALS:
                yield match.start(), match.end(), AR_CARDINALS[word], None
            elif word in AR_DUALS:
                yield match.start(), match.end(), 2.0, AR_DUALS[word]
            else:
                continue
            break


def _numbers(text: str, arabic: bool) -> Iterator[tuple[int, int, float, tuple[str, str] | None]]:
    """(start, end, value, unit given by the word itself) of each number: digits, and cardinal words."""
    for match in _NUMBER.finditer(text):
        value = _value(match.group(1))
        if value is not None:
            yield match.start(), match.end(), value, None
    if arabic:
        yield from _ar_number_words(text)
    else:
        for match in _EN_CARDINAL.finditer(text):
            yield match.start(), match.end(), EN_CARDINALS[match.group(1).lower()], None


def _read(text: str, scales: dict, units: dict, word, arabic: bool) -> list[tuple[str, float, float | None, tuple[str, str] | None]]:
    """Each number: as written, its bare value, its scale (if a scale word follows), its unit (if one follows)."""
    found = []
    for start, end, value, own_unit in sorted(_numbers(text, arabic)):
        if own_unit:
            found.append((text[start:end], value, None, own_unit))
            continue
        nxt = _NEXT.match(text, end)
        first = word(nxt.group(1).split("/")[0]) if nxt else ""  # km/h, ميل/الساعة: the unit before the slash
        second = word(nxt.group(2).split("/")[0]) if nxt and nxt.group(2) else ""
        if first == ar_normal("كيلو") and second.startswith(ar_normal("متر")):  # كيلو متر, two words
            first, second = ar_normal("كيلومتر"), ""
        elif first == "من" and second.startswith("ال"):  # "2 من الأيام": two of the days
            first, second = second.removeprefix("ال"), ""
        scale = scales.get(first)
        unit_word = second if scale and second else first
        unit = units.get(unit_word)
        used_second = bool(scale and second and unit_word == second)
        if unit == ("share", "percent?"):  # في المئة
            unit = ("share", "percent") if second in (ar_normal("المئة"), ar_normal("المائة")) else None
            used_second = unit is not None
        if unit and unit[1] == "percent" and unit_word == "per" and second not in ("cent",):
            unit = None
        if first == "square" and units.get(second, ("",))[0] == "length":  # 500 square kilometres: an area
            unit, used_second = ("area", units[second][1] + "2"), True
        elif unit and unit[0] == "length" and second in _SQUARE and unit_word == first:  # 500 كيلومتر مربع
            unit, used_second = ("area", unit[1] + "2"), True
        if unit == ("share", "percentage"):  # percentage points, or a percentage
            unit, used_second = (("share", "points"), True) if second.startswith("point") else (("share", "percent"), False)
        number_end = end
        if nxt and unit and used_second:
            end = nxt.end(2)
        elif nxt and (scale or unit):
            end = nxt.end(1)
        written = text[start:end].strip() if end > number_end else text[start:number_end]
        found.append((written, value, scale, unit))
    return found


# Scales said with no number before them: "hundreds", "thousands of dollars", المئات, ملايين الدولارات.
AR_BARE_SCALES = {ar_normal(w): scale for w, scale in {
    "مئات": "hundreds", "آلاف": "thousands", "ألوف": "thousands", "ملايين": "millions", "مليارات": "billions"}.items()}
_EN_BARE_SCALE = re.compile(r"(?<![\d,.]\s)(?<![\d,.])\b(hundreds|thousands|millions|billions)\b", re.IGNORECASE)
_AR_NUMBER_BEFORE = re.compile(r"[\d٠-٩]\s*$")


def _ar_bare_scales(ar: str) -> dict[str, str]:
    """Each scale the Arabic says with no number before it -> as written (المئات: hundreds)."""
    found: dict[str, str] = {}
    for match in AR_WORD.finditer(ar):
        word = ar_normal(match.group(0))
        for form in (word, word.removeprefix("ال"), *(word[len(p):].removeprefix("ال") for p in ONE_LETTER_PREFIXES
                                                      if word.startswith(p))):
            if form in AR_BARE_SCALES:
                if not _AR_NUMBER_BEFORE.search(ar[:match.start()]) and not _cardinal_before(ar[:match.start()]):
                    found.setdefault(AR_BARE_SCALES[form], match.group(0))
                break
    return found


def _cardinal_before(text: str) -> bool:
    words = AR_WORD.findall(text[-20:])
    return bool(words) and ar_normal(words[-1]).removeprefix("و") in AR_CARDINALS


def _bare_scale_problems(ar: str, en: str) -> list[tuple[str, str, list[str]]]:
    """(the Arabic as written, its scale, the English's others) where the Arabic says one scale with no number
    ("hundreds") and the English another ("thousands") and not the Arabic's."""
    ar_scales = _ar_bare_scales(ar)
    en_scales: dict[str, str] = {}
    for match in _EN_BARE_SCALE.finditer(en):
        en_scales.setdefault(match.group(1).lower(), match.group(0))
    other = [written for scale, written in en_scales.items() if scale not in ar_scales]
    return [(written, scale, other) for scale, written in ar_scales.items() if scale not in en_scales and other]


def _agree(ar_unit: tuple[str, str], en_unit: tuple[str, str]) -> bool:
    return ar_unit == en_unit or ar_unit[0] == en_unit[0] and en_unit[1] in _ALSO.get(ar_unit[1], ())


def check_quantities(ar: str, en: str) -> list[Flag]:
    ar_numbers = _read(ar.translate(AR_DIGITS), AR_SCALES, AR_UNITS, _ar_word, arabic=True)
    en_numbers = _read(en, EN_SCALES, EN_UNITS, lambda w: w.lower().strip(".,;:").lstrip("-"), arabic=False)
    problems = []
    words: list[str] = []
    for written, value, scale, unit in ar_numbers:
        total = value * (scale or 1)
        same = [n for n in en_numbers if n[1] in (value, total)]
        if not same or not (scale or unit):
            continue
        if scale and not any(n[2] for n in same) and not any(n[1] * (n[2] or 1) == total for n in en_numbers):
            continue  # the English writes the whole number ("300,000,000") or another form: the number check sees it
        scaled_ok = not scale or any(n[1] * (n[2] or 1) == total for n in en_numbers)
        units_there = [n for n in same if n[3] and unit and n[3][0] == unit[0]]
        unit_ok = not units_there or any(_agree(unit, n[3]) for n in units_there)
        if not scaled_ok:
            wrong = next((n for n in same if n[2]), same[0])
            problems.append(f"the Arabic has {written}, the English has “{wrong[0]}”")
            words += [written, wrong[0]]
        elif not unit_ok:
            problems.append(f"the Arabic has {written} ({unit[1]}), the English has “{units_there[0][0]}”")
            words += [written, units_there[0][0]]
    for written, scale, english in _bare_scale_problems(ar, en):
        problems.append(f"the Arabic says {written} ({scale}), the English has “{', '.join(english)}”")
        words += [written, *english]
    return [Flag(FlagKind.quantity, "; ".join(dict.fromkeys(problems)), words=tuple(dict.fromkeys(words)))] if problems else []


class Quantities(Check):
    order = 12
    kinds = (FlagKind.quantity,)

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_quantities(pair.ar, pair.en)
