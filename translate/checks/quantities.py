"""Quantities: a number must keep its scale and its unit across the languages.

The number check matches values: "300 billion" passes for "300 مليون" because the bare 300
matches. Here each number is read with the word after it: a scale (ألف/مليون/مليار, thousand/
million/billion) or a unit of a known class (time, length, mass, area, share: percent against
points). Where the same digits stand on both sides, with a scale or a unit of the same class on
each, they must agree; "2.5 billion" for "2500 مليون" agrees (the values are equal).
"""

from __future__ import annotations

import re

from translate.checks.arabic import ONE_LETTER_PREFIXES, ar_normal
from translate.checks.base import Check, Context, Pair
from translate.checks.numbers import AR_DIGITS, AR_SCALES, EN_SCALES  # the scales, read the same way
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
    "points": ("share", "points"), "point": ("share", "points"),
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
}.items()}


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


def _read(text: str, scales: dict, units: dict, word) -> list[tuple[str, float, float | None, tuple[str, str] | None]]:
    """Each number: as written, its bare value, its scale (if a scale word follows), its unit (if one follows)."""
    found = []
    for match in _NUMBER.finditer(text):
        value = _value(match.group(1))
        if value is None:
            continue
        nxt = _NEXT.match(text, match.end())
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
        end = match.end()
        if nxt and unit and used_second:
            end = nxt.end(2)
        elif nxt and (scale or unit):
            end = nxt.end(1)
        written = text[match.start():end].strip()
        found.append((written, value, scale, unit))
    return found


def check_quantities(ar: str, en: str) -> list[Flag]:
    ar_numbers = _read(ar.translate(AR_DIGITS), AR_SCALES, AR_UNITS, _ar_word)
    en_numbers = _read(en, EN_SCALES, EN_UNITS, lambda w: w.lower().strip(".,;:"))
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
        unit_ok = not units_there or any(n[3] == unit for n in units_there)
        if not scaled_ok:
            wrong = next((n for n in same if n[2]), same[0])
            problems.append(f"the Arabic has {written}, the English has “{wrong[0]}”")
            words += [written, wrong[0]]
        elif not unit_ok:
            problems.append(f"the Arabic has {written} ({unit[1]}), the English has “{units_there[0][0]}”")
            words += [written, units_there[0][0]]
    return [Flag(FlagKind.quantity, "; ".join(dict.fromkeys(problems)), words=tuple(dict.fromkeys(words)))] if problems else []


class Quantities(Check):
    order = 12
    kinds = (FlagKind.quantity,)

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_quantities(pair.ar, pair.en)
