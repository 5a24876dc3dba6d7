"""Names: a person, place or organisation one side names and the other does not (swapped, invented or dropped).

Two signals, since Arabic is written without most vowels:
- a gazetteer for exonyms (مصر / Egypt, اليونان / Greece, طرابلس / Tripoli): the country and territory
  names of CLDR and its time-zone cities, in Arabic and English, through Babel. An Arabic name of the
  gazetteer whose English the English lacks is flagged, quoting what the English has instead.
- the consonant skeleton of a transliteration: an English name (capitalized, and rare as a common word
  by wordfreq's English list, or in the gazetteer) must have an Arabic word whose consonants agree with
  its own, letter class by letter class (ق with q, k, g or c; ث with th, t or s…), within an edit or two.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from translate.chars import DIACRITICS, TATWEEL
from translate.checks.arabic import AR_WORD, ar_normal, arabic_zipf, known_word, unglued
from translate.checks.base import Check, Context, Pair, calibration, within_bounds
from translate.checks.dates import EN_ABBREVIATIONS, EN_DAYS, EN_MONTHS, HIJRI_EN
from translate.flags import Flag, FlagKind

CITY_WORD_ZIPF = 5.0  # a time-zone city whose English name is a word this common (Center) is not a place
JUDGED_ZIPF = 4.0  # a capitalized word this frequent in wordfreq's English is a common word (National, Prime): not judged
NAME_ZIPF = 5.0  # ... unless it is rarer than this and no dictionary writes it in lower case (Daniel, Carolina)
KNOWN_PLACE_ZIPF = 3.0  # a place of the Arabic whose English name is rarer than this is not required (كييف, Kyiv; أكرا)
# Arabic gazetteer names that are also common words: counted when the English has them, never required.
_AR_HOMOGRAPHS = {"مالي", "الجزائر", "المغرب", "البحرين", "قطر", "بنين", "عمان", "جزر", "الشرق", "تشاد"}
# English names of places that CLDR gives in another form.
_EN_ALIASES = {"US": ("U.S.", "US", "USA", "America", "American", "Americans"),
               "GB": ("Britain", "British", "UK", "England", "English", "Brexit"),
               "EU": ("EU", "Europe", "European", "Brexit"),
               "150": ("European", "Europeans", "EU", "Europa", "Champions League"),  # دوري أبطال أوروبا, دوري أوروبا
               "AE": ("Emirates", "Emirati", "UAE", "U.A.E."), "PS": ("Palestine", "Palestinian", "Palestinians"),
               "KR": ("Korea", "Korean"), "KP": ("Korea", "Korean", "North Korea"), "CD": ("Congo",), "CG": ("Congo",),
               "SA": ("Saudi", "Saudis"), "NL": ("Netherlands", "Dutch", "Holland"), "FR": ("French",), "CH": ("Swiss",),
               "GR": ("Greek", "Greeks"), "IE": ("Irish",), "ES": ("Spanish", "Spaniard"), "TR": ("Turkish", "Turk", "Turks"),
               "PL": ("Polish",), "DK": ("Danish",), "SE": ("Swedish",), "FI": ("Finnish",), "PH": ("Filipino",),
               "AF": ("Afghan", "Afghans"), "LB": ("Lebanese",), "TH": ("Thai",)}
# Arabic names of places that CLDR gives in another form (its Arabic for GB is المملكة المتحدة; 150 is its Europe).
_AR_ALIASES = {"GB": ("بريطانيا", "إنجلترا", "انجلترا", "إنكلترا"), "US": ("أمريكا", "امريكا", "أميركا"), "HU": ("المجر",),
               "AE": ("الإمارات",), "PS": ("فلسطين",), "KR": ("كوريا",), "AQ": ("القطبية الجنوبية",), "150": ("أوروبا", "اوروبا"),
               "CZ": ("تشيكيا",), "NL": ("هولاندا",), "BY": ("بيلاروس", "روسيا البيضاء")}
_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abd", "ben", "de", "la", "le", "van", "von", "der", "di", "da", "du", "of", "the",
              "and", "for", "ul", "ud", "ad", "ar", "as", "an", "at", "az", "ash", "er"}
_LATIN = "A-Za-z\u00c0-\u024f"
_EN_TOKEN = re.compile(rf"[{_LATIN}][{_LATIN}'’.-]*[{_LATIN}]|[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”«»(\[]\s*|\n)$")

# Each Arabic letter and the English spellings of it (digraphs first when reading the English).
_AR_SOUNDS = {
    "ب": "b p v", "ت": "t th", "ث": "th t s", "ج": "j g dj zh ch c", "خ": "kh h ch k x", "د": "d dh", "ذ": "dh th d z",
    "ر": "r", "ز": "z s zh", "س": "s c z x sch sh cz", "ش": "sh ch sch s x c zh cz q", "ص": "s c", "ض": "d dh z",
    "ط": "t th", "ظ": "z dh th d",
    "غ": "gh g r", "ف": "f ph v p", "ق": "q k g c", "ك": "k c ch q g", "ل": "l", "م": "m", "ن": "n", "پ": "p b",
    "ڤ": "v f", "گ": "g k",
}
_SOUNDS = {letter: frozenset(spellings.split()) for letter, spellings in _AR_SOUNDS.items()}
_EN_UNITS = ("sch", "tch", "sh", "ch", "th", "kh", "gh", "ph", "dh", "zh", "dj", "cz", "ck")
# (ش is also pinyin's q and x, and Polish cz: Qinghai تشينغهاي, Xinhua شينوا; ط is th in Thomson طومسون.)
_LATIN_FOLD = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "đ": "d"})
_EN_VOWELS = set("aeiouyhw'’.-")


@lru_cache(maxsize=1 << 15)
def en_skeleton(word: str) -> tuple[str, ...]:
    """An English word's consonant units: vowels, h, w and y off, digraphs kept, doubled letters once,
    accents off (Ürümqi, Słania); a first x stays x."""
    word = unicodedata.normalize("NFKD", word.lower()).translate(_LATIN_FOLD)
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = re.sub(r"(?<=[aeiou])gh(?![aeiou])", "", word)  # Kavanaugh, Wright, Willoughby, Eighmey: gh silent
    units: list[str] = []
    i = 0
    while i < len(word):
        unit = next((u for u in _EN_UNITS if word.startswith(u, i)), word[i])
        i += len(unit)
        if unit == "tch":  # Hutchinson: هاتشينسون
            unit = "ch"
        if unit in ("ck", "c"):  # c is k before a, o, u or a consonant, s before e, i, y
            unit = "s" if unit == "c" and word[i:i + 1] in ("e", "i", "y") else "k"
        if unit == "x" and i > 1:  # x is k-s inside a word; a first x is pinyin's sh or Xavier's z (Xinhua: شينوا)
            units += [u for u in ("k", "s") if not units or units[-1] != u]
            continue
        if unit in _EN_VOWELS:
            continue
        if units and units[-1] == unit:
            continue
        units.append(unit)
    return tuple(units)


@lru_cache(maxsize=1 << 15)
def ar_skeleton(word: str) -> str:
    """An Arabic word's consonants: the letters with an English sound in the table (alef, waw, ya, ha,
    hamza, ain and ta marbuta are read as vowels, as a transliteration writes them)."""
    letters = [c for c in ar_normal(word).replace("تش", "ش") if c in _SOUNDS]  # تشاينا: ch written تش
    return "".join(c for i, c in enumerate(letters) if not i or letters[i - 1] != c)


def _distance(ar: str, en: tuple[str, ...]) -> int:
    """Edit distance between an Arabic skeleton and an English one, a letter matching any of its spellings."""
    previous = list(range(len(en) + 1))
    before = previous  # the row before ``previous``: تس is one z, as Arabic writes German names (Scholz شولتس)
    for i, letter in enumerate(ar, 1):
        current = [i] + [0] * len(en)
        sounds = _SOUNDS[letter]
        ts = letter == "س" and ar[i - 2:i - 1] == "ت"
        for j, unit in enumerate(en, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (unit not in sounds))
            if ts and unit == "z":
                current[j] = min(current[j], before[j - 1])
        before, previous = previous, current
    return previous[-1]


def _length_gap(ar: str, en: tuple[str, ...]) -> int:
    """How many letters longer or shorter the Arabic skeleton is, تس read as one z where the English has a z."""
    gap = abs(len(ar) - len(en))
    return min(gap, abs(len(ar) - ar.count("تس") - len(en))) if "z" in en and "تس" in ar else gap


def _within(ar: str, en: tuple[str, ...]) -> int:
    """The least edit distance between the English skeleton and any stretch of the Arabic one that
    starts with the name's first consonant (words written together, as some texts do:
    مايكبومبيوبمجلسالأمن holds Pompeo)."""
    far = len(en) + 1
    # Row 1: the stretch starts at a letter that sounds like the name's first consonant, anywhere.
    previous = [far] + [0 if en[0] in _SOUNDS[letter] else far for letter in ar]
    for unit in en[1:]:
        current = [far] + [0] * len(ar)
        for j, letter in enumerate(ar, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (unit not in _SOUNDS[letter]))
        previous = current
    return min(previous)


def _allowed(length: int) -> int:
    return 0 if length <= 3 else 1 if length <= 6 else 2


@lru_cache(maxsize=1 << 15)
def arabic_forms(word: str) -> tuple[str, ...]:
    """A word and the forms a name takes inside it: with al- and one-letter prefixes off, and the nisba or
    ta marbuta ending off (الإيرانية -> ايران). Kept for the words seen last: news repeats its words."""
    word = ar_normal(word)
    forms = [word]
    for prefix in ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            forms.append(word[len(prefix):])
    for form in list(forms):
        for suffix in ("يين", "يون", "يه", "ي", "ه"):
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                forms.append(form[: -len(suffix)])
    return tuple(forms)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, str]]:
    """Arabic name (folded, as one or more words) -> (as written, its English names); and each English
    name (lowercased) -> the key of its place. From CLDR's territories and time-zone cities."""
    from babel import Locale

    ar, en = Locale.parse("ar"), Locale.parse("en")
    arabic: dict[str, tuple[str, tuple[str, ...]]] = {}
    english: dict[str, str] = {}
    places: list[tuple[str, str, tuple[str, ...]]] = []
    for code, name in ar.territories.items():
        if code.isalpha() and code in en.territories:
            places.append((code, name, (en.territories[code], *_EN_ALIASES.get(code, ()))))
    for zone, data in ar.time_zones.items():
        city = data.get("city") if hasattr(data, "get") else None
        if city and "/" in zone and not zone.startswith(("Etc/", "Antarctica/", "Arctic/")):
            places.append((zone, city, (zone.rsplit("/", 1)[1].replace("_", " "),)))
    for code, names in _AR_ALIASES.items():
        places += [(code, alias, (en.territories[code], *_EN_ALIASES.get(code, ()))) for alias in names]
    for key, name, english_names in places:
        if key.count("/") and common_word(english_names[0], CITY_WORD_ZIPF) and english_names[0].lower() not in _CITIES_KEPT:
            continue  # a time zone named after a common word (America/North_Dakota/Center)
        english_names = (*english_names, *(_initials(n) for n in english_names if " " in n))
        folded = " ".join(ar_normal(w) for w in AR_WORD.findall(name))
        if folded and folded not in arabic:
            arabic[folded] = (name, tuple(english_names))
        for english_name in english_names:
            english.setdefault(english_name.lower(), key)

    return arabic, english


@lru_cache(maxsize=1)
def _bare_gazetteer() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The gazetteer's Arabic names with al- off, for a name inside a longer word (اليابانية)."""
    return {k.removeprefix("ال"): v for k, v in gazetteer()[0].items()}


_CITIES_KEPT = {"paris", "london", "moscow", "cairo", "jerusalem", "damascus", "baghdad", "beirut"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def common_word(word: str, zipf: float) -> bool:
    """Is ``word`` at least this frequent (Zipf scale) in wordfreq's English?"""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= zipf


@lru_cache(maxsize=1)
def _lower_case_words() -> frozenset[str]:
    """The words Webster's Second International writes in lower case (the english-words package's
    web2 list): wordfreq folds case, so it cannot tell Daniel (a name) from daniel (no such word)."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def dictionary_word(word: str) -> bool:
    """Does a dictionary write the word, or its singular, in lower case (gymnastics, magistrates)?"""
    lowered = word.lower()
    forms = {lowered, lowered.removesuffix("s"), lowered.removesuffix("es")}
    if lowered.endswith("ies"):
        forms.add(lowered[:-3] + "y")
    return bool(forms & _lower_case_words())


def judged_name(word: str) -> bool:
    """A capitalized word is judged as a name when it is rare as a common word, or less than very
    common and no dictionary word (Daniel, Carolina, Nicholas)."""
    return not common_word(word, JUDGED_ZIPF) or not common_word(word, NAME_ZIPF) and not dictionary_word(word)


_NOT_NAMES = {m.lower() for m in [*EN_MONTHS, *EN_DAYS, *EN_ABBREVIATIONS]} | set(HIJRI_EN) | {"i", "mr", "mrs", "ms", "dr", "st"}


def _capitalized_parts(en: str, ar: str) -> Iterator[tuple[str, bool]]:
    """Each part of a capitalized word of the English that may be a name (not a date word, not an acronym,
    not written in Latin letters in the Arabic too), with whether its word begins a sentence."""
    latin_in_arabic = {re.sub(r"['’]s?$", "", w).lower() for w in _EN_TOKEN.findall(ar)}  # Europe's: Europe
    latin_in_arabic |= {p for w in latin_in_arabic for p in re.split(r"[-’']", w) if p}  # Immuno-Oncology: Oncology
    for match in _EN_TOKEN.finditer(en):
        word = re.sub(r"['’]s?$", "", match.group(0)).strip(".-")  # Macedonia's
        if (not re.search(r"(?:^|[-’'])[A-Z]", word) or word.lower() in _NOT_NAMES
                or any(sum(c.isupper() for c in p) >= 2 for p in re.split(r"[-’']", word))):
            continue  # acronyms (UN, CoVs) are written in Latin letters or spelled out in Arabic: not judged (France-Presse is)
        first = bool(_SENTENCE_START.search(en[:match.start()]))
        for part in (p for p in re.split(r"[-’']", word) if p):
            lowered = part.lower()
            if lowered in _PARTICLES or len(part) < 3 or lowered in latin_in_arabic or not part[:1].isupper():
                continue
            yield part, first


def english_capitals(en: str, ar: str = "", first_words: bool = False) -> tuple[list[str], list[str]]:
    """The words of the English that may be names, to be found in the Arabic (``_capitalized_parts``): a
    place of the gazetteer or rare as a common word (wordfreq), a sentence's first word only when it is a
    place, or with ``first_words`` (the names index); and the capitalized words inside a sentence that are
    common words too (National, Prime, Derby, Reading: translated as often as not), not judged as names
    on their own, but what may stand where a place or a name of the Arabic is gone."""
    names, common = [], []
    for part, first in _capitalized_parts(en, ar):
        if place_of(part):
            names.append(part)
        elif judged_name(part):
            if first_words or not first:
                names.append(part)
        elif not first:
            common.append(part)
    return list(dict.fromkeys(names)), list(dict.fromkeys(common))


def english_names(en: str, ar: str = "", first_words: bool = False) -> list[str]:
    return english_capitals(en, ar, first_words)[0]


JOINED = TATWEEL  # between two neighbours read as one form: no letter (skeletons skip it), but a mark


@lru_cache(maxsize=1 << 12)  # the name check and the names of its article ask for a sentence's more than once
def _ar_forms(ar: str) -> tuple[str, ...]:
    """Every Arabic word in the forms a name takes inside it, and each two neighbours written as one
    (عبد الله: Abdullah; بيونغ يانغ: Pyongyang), marked with JOINED; a word no dictionary knows also
    without a known word written together with it (الدكتورغاري: غاري)."""
    written = [DIACRITICS.sub("", w) for w in AR_WORD.findall(ar)]
    words = [ar_normal(w) for w in written]
    forms = set()
    for i, word in enumerate(words):
        forms.update(arabic_forms(word))
        for piece in unglued(written[i]):  # ولايةكارولينا: كارولينا
            forms.update(arabic_forms(piece))
        if i + 1 < len(words):
            forms.update(f + JOINED + words[i + 1] for f in arabic_forms(word)[:2])
    return tuple(sorted(forms))


_DEMONYM = re.compile(r"(?:ians?|ans?|ese|ish|is?|s)$")


RUN_EXTRA = 3  # consonants beyond the name's: an Arabic form this much longer holds the name inside words written as one


def inside_run(form: str, name: str) -> bool:
    """Is ``form``, the Arabic that ``transliteration`` found for ``name``, a run of words written as one
    that holds the name somewhere inside it, rather than the name's own spelling?"""
    return len(ar_skeleton(form)) >= len(en_skeleton(name)) + RUN_EXTRA


def transliteration(name: str, skeletons: Sequence[tuple[str, str]]) -> str | None:
    """The Arabic form (a word, prefixes off) that spells ``name`` (or its stem: Americans, أمريكي);
    ``skeletons``: (skeleton, form) of each Arabic form. "" for a name too short to tell (Ali, Iowa).
    The first consonants must agree, and the rest within an edit for 4 to 6 consonants, two for more;
    a word may run on after the name (كافانوعاطفيا, words written together). A name of three
    consonants or fewer needs a word that spells a vowel or a guttural (ا, و, ي, ع, ح…), as
    transliterations do: Syria is سوريا, not سر (a secret); and is not looked for inside a longer
    run of letters, where two consonants turn up by chance (Bali in وقالبالأمس)."""
    return next(transliterations(name, skeletons), None)


def transliterations(name: str, skeletons: Sequence[tuple[str, str]], runs: bool = True) -> Iterator[str]:
    """Every Arabic form that spells ``name`` by ``transliteration``'s rules, in ``skeletons``' order;
    without ``runs``, not inside a longer run of letters (``inside_run``)."""
    for form in dict.fromkeys((name, _DEMONYM.sub("", name))):
        units = en_skeleton(form)
        if len(units) < 2:
            if form != name:
                continue  # the stem is too short to tell (Ames, Ame), not the name: the name is judged as written
            yield ""
            return
        allowed = _allowed(len(units))
        short = len(units) <= 3 and re.search("[aeiouy]", form.lower()[1:])
        for skeleton, word in skeletons:
            starts = units[0] in _SOUNDS[skeleton[0]]
            if (starts and _length_gap(skeleton, units) <= allowed and _distance(skeleton, units) <= allowed
                    or runs and len(units) >= 3 and len(skeleton) >= len(units) + RUN_EXTRA and (starts or JOINED not in word)
                    and _within(skeleton, units) <= allowed):  # inside a word written as one; two neighbours: at their start
                if not short or re.search("[اويعحهءئؤ]", word):
                    yield word


_ROMAN = str.maketrans({**{letter: spellings.split()[0] for letter, spellings in _AR_SOUNDS.items()},
                        "ا": "a", "أ": "a", "إ": "i", "آ": "a", "و": "o", "ي": "i", "ى": "a", "ة": "a", "ه": "h", "ع": "a",
                        "ح": "h", "ء": "", "ئ": "", "ؤ": ""})


def spelling_likeness(form: str, name: str) -> float:
    """How alike the Arabic ``form`` read letter by letter (كانيو: kanio) and ``name`` (Canio) are,
    vowels included: difflib's ratio, c read as k. It tells apart two names one skeleton fits
    (Keane كين, Canio كانيو)."""
    latin = ar_normal(form).translate(_ROMAN).replace(JOINED, "")
    return difflib.SequenceMatcher(None, latin, name.lower().replace("c", "k")).ratio()


def spelling_distance(form: str, name: str) -> int:
    """How far the Arabic ``form`` is from spelling ``name``: the edit distance of their skeletons; of
    its stem (Americans, أمريكي) one more, so that a word spelling the whole name is closer (Giles is
    جايلز, not قال for "Gile")."""
    skeleton = ar_skeleton(form)
    stem = _DEMONYM.sub("", name)
    whole = _distance(skeleton, en_skeleton(name))
    return min(whole, _distance(skeleton, en_skeleton(stem)) + 1) if stem and stem != name else whole


def transliterated(name: str, skeletons: Sequence[tuple[str, str]]) -> bool:
    return transliteration(name, skeletons) is not None


@lru_cache(maxsize=1 << 12)
def arabic_skeletons(ar: str) -> tuple[tuple[str, str], ...]:
    """(skeleton, form) of every form a name takes in the Arabic (``_ar_forms``), shortest form first."""
    return tuple(sorted({(s, f) for f in _ar_forms(ar) if len(s := ar_skeleton(f)) >= 2}, key=lambda item: (len(item[1]), item)))


def place_of(name: str) -> str | None:
    """The gazetteer place an English word names, its demonyms included (Syrian, Chinese, Iraqi)."""
    _, places = gazetteer()
    lowered = name.lower()
    if lowered in places:
        return places[lowered]
    for suffix in ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s", "n"):
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            stem = lowered[: -len(suffix)]
            for candidate in (stem, stem + "a", stem + "on", stem + "y"):  # Syrian, Hungarian, Italian
                if candidate in places:
                    return places[candidate]
    return None


def _nisba_places(word: str) -> list[str]:
    """The place a nisba adjective is made from: ايرانيه -> ايران, الامريكيين -> امريكا, الكوريه -> كوريا."""
    out = []
    word = word.removeprefix("ال")
    for suffix in ("يين", "يون", "يه", "ي"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out += [stem, stem + "ا", stem + "يا", "ال" + stem, "ال" + stem + "ا"]
    return out


# Two words that hold a place's name and name no place: جوز الهند (coconut), خنزير غينيا (guinea pig).
_AR_NOT_PLACES = frozenset((ar_normal(a), ar_normal(b)) for a, b in (("جوز", "الهند"), ("خنزير", "غينيا"), ("خنازير", "غينيا")))


@lru_cache(maxsize=1 << 12)
def arabic_places(ar: str) -> Mapping[str, tuple[str, tuple[str, ...], bool]]:
    """Gazetteer places the Arabic names: key -> (as written, English names, weak). Weak: a name that
    is also a common word (قطر is a diameter), or a place too little known to require (ترك, Chuuk, is "left")."""
    arabic, places = gazetteer()
    words = [ar_normal(w) for w in AR_WORD.findall(ar)]
    found = {}
    covered: set[int] = set()  # words a longer name took (روسيا of روسيا البيضاء)
    for i in range(len(words) - 1):
        if (words[i].removeprefix("و"), words[i + 1]) in _AR_NOT_PLACES:
            covered.update((i, i + 1))
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if covered & set(range(i, i + size)):
                continue
            span = " ".join(words[i:i + size])
            forms = [span, *(span[1:] for p in "وبلفك" if span.startswith(p)), *(["ال" + span[2:]] if span.startswith("لل") else [])]
            form = next((f for f in forms if f in arabic), None)
            if form:
                written, english = arabic[form]
                weak = form in _AR_HOMOGRAPHS or written in _AR_HOMOGRAPHS or not common_word(english[0], KNOWN_PLACE_ZIPF)
                found.setdefault(places[english[0].lower()], (written, english, weak))
                covered.update(range(i, i + size))
    return MappingProxyType(found)  # kept for the sentence's other askers: read-only


GLUED_PLACE_LETTERS = 4  # a place's Arabic name this long or longer is looked for inside words written together
GLUED_RUN_LETTERS = 8  # a word no dictionary knows this long or longer may be words written together


@lru_cache(maxsize=1)
def _glued_gazetteer() -> tuple[tuple[str, str], ...]:
    """(a gazetteer name with its spaces and al- off, its place) for each of GLUED_PLACE_LETTERS letters or more."""
    arabic, places = gazetteer()
    found: dict[str, str] = {}
    for form, (_, english) in arabic.items():
        bare = form.replace(" ", "").removeprefix("ال")
        if len(bare) >= GLUED_PLACE_LETTERS:
            found.setdefault(bare, places[english[0].lower()])
    return tuple(found.items())


@lru_cache(maxsize=1 << 12)
def glued_places(ar: str) -> frozenset[str]:
    """Places named inside words written together that no dictionary knows (NTREX-128 writes whole lines so:
    منالعقوباتالمفروضةعلىكورياالشماليةمنذعام holds North Korea)."""
    runs = [ar_normal(w) for w in (DIACRITICS.sub("", x) for x in AR_WORD.findall(ar))
            if len(w) >= GLUED_RUN_LETTERS and not known_word(w)]
    return frozenset(key for run in runs for form, key in _glued_gazetteer() if len(run) > len(form) and form in run)


@lru_cache(maxsize=1 << 12)
def place_words(ar: str) -> Mapping[str, tuple[str, tuple[str, ...]]]:
    """Place key -> (the Arabic word that names it, as written; the place's English names): gazetteer
    names (كوريا) and nisba adjectives (الكورية), so that "Korea" and "Korean" find their Arabic word."""
    arabic, places = gazetteer()
    found = {key: (written, english) for key, (written, english, _) in arabic_places(ar).items()}
    for word in AR_WORD.findall(ar):
        for stem in _nisba_places(ar_normal(word)):
            if stem in arabic:
                english = arabic[stem][1]
                found.setdefault(places[english[0].lower()], (DIACRITICS.sub("", word), english))
                break
    return MappingProxyType(found)


_DEMONYM_ENDINGS = "n|an|ian|ians|ans|ns|ese|ish|i|is|s"


def _option_pattern(option: str) -> str:
    """A place's English name as the English may inflect it (Egyptian, Syria's); a short one whole (EU)."""
    option = option.lower()
    if len(option) <= 4 and " " not in option:
        return rf"\b{re.escape(option)}(?:['’]s)?\b"
    stems = {re.escape(option), re.escape(option.rstrip("aeiouy"))}
    return rf"\b(?:{'|'.join(sorted(stems, key=len, reverse=True))})(?:{_DEMONYM_ENDINGS})?(?:['’]s)?\b"


NEAR_PLACE = 0.8  # difflib's ratio at which a capitalized word is taken for a re-spelled place name (Grece, Koria)


@lru_cache(maxsize=1)
def _place_forms() -> dict[str, list[tuple[str, str]]]:
    """First letter -> (a one-word English place name or its demonym-like form, its place), for near_place."""
    _, places = gazetteer()
    out: dict[str, list[tuple[str, str]]] = {}
    for english, place in places.items():
        if " " not in english and english:
            for form in dict.fromkeys((english, english + "n", english + "s", english.rstrip("a") + "an", english + "ns")):
                out.setdefault(english[0], []).append((form, place))
    return out


@lru_cache(maxsize=1 << 14)
def near_place(name: str) -> str | None:
    """The place an English word names, or names re-spelled (a letter changed, doubled or dropped): the
    gazetteer's English names and their demonym forms, of the same first letter, by difflib's ratio."""
    exact = place_of(name)
    if exact or len(name) < 5:
        return exact
    lowered = name.lower()
    best, key = NEAR_PLACE, None
    matcher = difflib.SequenceMatcher(None, b=lowered)  # difflib caches the second sequence
    for form, place in _place_forms().get(lowered[0], ()):
        if abs(len(form) - len(lowered)) > 1:  # a letter doubled or dropped, not a longer word (Francesco)
            continue
        matcher.set_seq1(form)
        if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
            continue  # upper bounds first: most places are far from the word
        ratio = matcher.ratio()
        if ratio >= best:
            best, key = ratio, place
    return key


def _place_in(place: str | None, name: str, places: Mapping[str, tuple[str, tuple[str, ...]]]) -> str | None:
    """The sentence's Arabic place an English place word names: the same place, or the one place whose
    English names hold a word it starts like ("Korea" for الكورية, which CLDR makes South Korea)."""
    if place is None or place in places:
        return place
    start = name.lower()[:4]
    like = [key for key, (_, english) in places.items() if any(w.lower()[:4] == start for n in english for w in n.split())]
    return like[0] if len(like) == 1 else None


def sentence_names(ar: str, en: str) -> list[tuple[str | None, str, str]]:
    """(key, Arabic as written, English) for each name of one sentence pair; key None (and no Arabic)
    for a capitalized word that spells no Arabic word of the sentence."""
    found = english_names(en, ar, first_words=True)
    if not found:
        return []  # most of the work below is the Arabic's: none for a sentence without a name
    words = [DIACRITICS.sub("", w) for w in AR_WORD.findall(ar)]
    skeletons = arabic_skeletons(ar)
    places = place_words(ar)
    out: list[tuple[str | None, str, str]] = []
    candidates: list[tuple] = []  # (distance, two words read as one, -likeness, length, name's place in out, form, as written)
    word_of: dict[str, str] = {}  # each form of the sentence's words -> the first word it is a form of
    for w in words:
        for f in arabic_forms(w):
            word_of.setdefault(f, w)
    # The word of a place, spelled by a word that is no place's name, is a chance match (Mayorga, الأمريكي).
    place_forms = {f for word, _ in places.values() for token in word.split() for f in arabic_forms(token)}
    for name in found:
        place = _place_in(place_of(name), name, places)
        # Not inside a run of letters (inside_run): the spelling of none of the names it holds.
        forms = [] if place else [f for f in dict.fromkeys(transliterations(name, skeletons, runs=False)) if f and " " not in f]
        spelt: dict[str, str] = {}  # the word as written -> its first (shortest) form that spells the name: the key
        vowel_end = name[-1:].lower() in "aeiouy"
        for form in forms:
            word = word_of.get(form) or form.replace(JOINED, " ")  # two words read as one
            if word not in spelt or vowel_end and form.endswith("ي") and not spelt[word].endswith("ي"):
                spelt[word] = form  # a name ending in a vowel keeps the ي it ends with (موريسي Morrisey, not موريس Maurice)
        kept = [(f, w) for w, f in spelt.items() if not place_forms.intersection((w, *f.split(JOINED)))
                and not _common_pair(w, name)]
        if not place and not kept:
            place = _place_in(near_place(name), name, places)  # a place re-spelled (Itilian), once no word spells it
        if place:  # a place, or its adjective: keyed by the place (كوريا and الكورية are one entry)
            out.append((f"place:{place}", places[place][0], name))
        elif kept or not spelt:
            out.append((None, "", name))  # until assigned; no word, or words written as one: the spelling of none of its names
            distances = [spelling_distance(f, name) for f, _ in kept]
            # Only the closest words: a worse one, once the best is another name's, is a chance match.
            candidates += [(d, JOINED in f, -spelling_likeness(f, name), len(f), len(out) - 1, f, w)
                           for d, (f, w) in zip(distances, kept) if d == min(distances)]
    return _assigned(out, candidates)


COMMON_ARABIC = 5.0  # wordfreq's Zipf: an Arabic word this common ("الآن", now) is a word of the language


def _common_pair(written: str, name: str) -> bool:
    """A very common Arabic word and an English name that is a dictionary word (الآن, now, and the
    Lawn of Central Park's Great Lawn) share their consonants by chance: no spelling of it. The word
    as written: one alef folds ألان (Allan) into الان, which wordfreq counts as "now"."""
    return arabic_zipf(written) >= COMMON_ARABIC and dictionary_word(name)


def _assigned(out: list[tuple[str | None, str, str]], candidates: list[tuple]) -> list[tuple[str | None, str, str]]:
    """One Arabic word spells one name of its sentence: the names and the words that could spell them are
    paired closest first (skeleton distance; one word before two read as one; then likeness with the
    vowels: موريسي before المرشح for Morrisey), each word going to one name
    (the same rendering twice shares it). A name left without a word (Laverne, where the Arabic has
    لورين for Lauren alone) is the spelling of no word."""
    taken: dict[str, str] = {}  # form -> the rendering it spells
    for *_, at, form, written in sorted(candidates):
        name = out[at][2]
        if out[at][0] is None and taken.get(form, name) == name:
            taken[form] = name
            out[at] = (form, written, name)
    return out


NEAR_RENDERING = 0.75  # difflib's ratio at which an unmatched word is a re-spelling of a name its sentence's Arabic holds
ARTICLE_KEY_LETTERS = 3  # an Arabic name shorter than this (its prefixes off) is not looked for across an article's sentences

Renderings = dict[str, set[str]]  # an Arabic name (its key, as sentence_names gives it) -> the English renderings of it


@lru_cache(maxsize=1 << 12)
def rendered_names(ar: str, en: str) -> tuple[tuple[str, str], ...]:
    """(Arabic key, English rendering) of each name of a sentence pair that another sentence of its article
    can rely on: a person's or organisation's (places have the gazetteer), one Arabic word (not two read
    as one), judged a name by ``english_names`` (not a capitalized first word of the sentence)."""
    if not within_bounds(ar, en):
        return ()
    judged = set(english_names(en, ar))
    return tuple((key, english) for key, _, english in sentence_names(ar, en)
                 if key and not key.startswith("place:") and JOINED not in key and len(key) >= ARTICLE_KEY_LETTERS
                 and english in judged and not place_of(english))


def article_renderings(article: Sequence[tuple[str, str]]) -> Renderings:
    """The names an article's sentences render: Arabic key -> its renderings in them."""
    renderings: Renderings = {}
    for ar, en in article:
        for key, english in rendered_names(ar, en):
            renderings.setdefault(key, set()).add(english)
    return renderings


def respelling_likeness(word: str, rendering: str) -> float:
    """How close a capitalized word is to a name's rendering as a re-spelling of it (Kavanagh, Brittish):
    difflib's ratio, for the same first letter and a length within two letters; 0 otherwise (another word)."""
    if word[:1] != rendering[:1] or abs(len(word) - len(rendering)) > 2:
        return 0.0
    return difflib.SequenceMatcher(None, word.lower(), rendering.lower()).ratio()


def _respelt(english: str, renderings: set[str]) -> bool:
    """Does the English hold one of the renderings, inflected (Kavanaugh's) or re-spelled (Kavanagh)?"""
    if any(re.search(rf"\b{re.escape(r)}", english) for r in renderings):
        return True
    capitalized = re.findall(rf"\b[A-Z][{_LATIN}'’-]{{2,}}", english)
    return any(respelling_likeness(word, r) >= NEAR_RENDERING for word in capitalized for r in renderings)


def missing_names(ar: str, en: str, renderings: Renderings) -> list[tuple[str, tuple[str, ...]]]:
    """Names of the Arabic that an article's sentences render (``article_renderings``) in ways this English
    has none of: (the Arabic word as written, its renderings). A name this English renders itself is not
    missing, however the other sentences render it (the names index makes renderings consistent)."""
    own = {key for key, _ in rendered_names(ar, en)}
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for written in (DIACRITICS.sub("", w) for w in AR_WORD.findall(ar)):
        for form in arabic_forms(written):
            if form in renderings and form not in own and form not in out and not _respelt(en, renderings[form]):
                out[form] = (written, tuple(sorted(renderings[form])))
    return list(out.values())



def names_spelt(ar: str, words: Sequence[str], en: str) -> set[str]:
    """The Arabic ``words`` that are the only transliteration among them of a name of the English (فليس for
    Fleiss, أربع for Arba): a name, even where it reads as a negator or a number."""
    spelt = set()
    for name in english_names(en, ar, first_words=True):  # after "Mr." too
        spellings = {w for w in set(words) if transliteration(name, arabic_skeletons(w))}
        if len(spellings) == 1:
            spelt |= spellings
    return spelt


@dataclass
class NameFindings:
    """What the cheap part found in one pair: English names with no Arabic counterpart yet (the costly
    part asks the encoder whether the Arabic translates them), and places of the Arabic the English lacks."""

    unmatched: list[str]
    missing_places: list[tuple[str, str]]  # (Arabic as written, English name)
    arabic_words: list[str]
    missing_names: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (Arabic as written, the article's renderings)
    capitals: list[str] = field(default_factory=list)  # common capitalized words inside the sentence (english_capitals)
    stand_ins: dict[str, float] = field(default_factory=dict)  # common capitalized words where a name is gone: their similarity
    titled: list[str] = field(default_factory=list)  # names after a title that the English does not spell (titled_names)


# Titles a person's name follows in news Arabic (الرئيس الأمريكي جو بايدن, رئيس الوزراء البريطاني بوريس جونسون), and
# the words that may stand between the title and the name (the office's complement, a nisba or place).
_AR_TITLES = frozenset(ar_normal(w) for w in (
    "الرئيس رئيس الوزير وزير وزيرة السيد السيدة الملك الملكة الأمير الشيخ الدكتور المستشار المستشارة الجنرال اللواء "
    "العقيد المشير النائب النائبة السيناتور الحاكم السفير المتحدث المتحدثة المبعوث الزعيم البابا").split())
_AR_OFFICES = frozenset(ar_normal(w) for w in (
    "الوزراء الخارجية الداخلية الدفاع المالية العدل الصحة الاقتصاد العام السابق الأسبق الحالي المنتهية ولايته "
    "التنفيذي الأعلى الخاص باسم").split())
TITLED_NAME_ZIPF = 4.5  # a word after a title rarer than this in wordfreq's Arabic is a name (بايدن 3.5, جونسون 4.1)
TITLE_STOP_ZIPF = 5.0  # ... and one this common ends the name (إن, قال, لدى)


INFLECTED_STEM_ZIPF = 3.5  # a rare word that is a word this common with an ending (فيلقه, "his corps") is no name


def _rare(word: str) -> bool:
    """Rare as an Arabic word, and not a common one behind a one-letter prefix (لشركة) or before a pronoun or a
    plural's ending (فيلقه, عابرين; ماكرون and جونسون stay names: ماكر and جونس are rarer)."""
    if arabic_zipf(word) >= TITLED_NAME_ZIPF or word[:1] in "وبلفك" and arabic_zipf(word[1:]) >= TITLED_NAME_ZIPF:
        return False
    return not any(word.endswith(end) and len(word) - len(end) >= 3 and arabic_zipf(word[:-len(end)]) >= INFLECTED_STEM_ZIPF
                   for end in ("هما", "هم", "ها", "ه", "ين", "ون", "ات"))


def titled_names(ar: str, en: str) -> list[str]:
    """The names of the Arabic that follow a title (الرئيس الأمريكي جو بايدن: جو بايدن) and that no capitalized
    word of the English spells: a name of one to three words, one of them rare as an Arabic word."""
    words = [DIACRITICS.sub("", w) for w in AR_WORD.findall(ar)]
    folded = [ar_normal(w) for w in words]
    capitals = re.findall(rf"[A-Z][{_LATIN}'’-]+", en)
    out = []
    for i, word in enumerate(folded):
        if word.removeprefix("و").removeprefix("ب").removeprefix("ل") not in _AR_TITLES and word not in _AR_TITLES:
            continue
        j = i + 1
        while j < len(folded) and j <= i + 3 and (folded[j] in _AR_OFFICES or place_words(words[j]) or
                                                  folded[j].startswith(("لل", "ال")) and place_words(words[j][2:])):
            j += 1
        name = []
        for k in range(j, min(j + 3, len(folded))):
            if (folded[k] in _AR_TITLES or arabic_zipf(words[k]) >= TITLE_STOP_ZIPF or len(folded[k]) < 2
                    or folded[k].startswith(("ال", "لل"))):  # a word of the language (الحزب, الرسمي), not a name
                break
            name.append(k)
        while name and not _rare(words[name[-1]]):  # the name ends on its rare word (ماكرون, not ماكرون خطة)
            name.pop()
        if not any(_rare(words[k]) and len(ar_skeleton(words[k])) >= 2 for k in name):
            continue
        skeletons = arabic_skeletons(" ".join(words[k] for k in name))
        # "" (US, II: too short to tell) spells none; a place's word is the place's (British is البريطاني, not بوريس)
        if any(place_of(c.strip("'’-")) is None and transliteration(c.strip("'’-"), skeletons) for c in capitals):
            continue
        out.append(" ".join(words[k] for k in name))
    return list(dict.fromkeys(out))


def find_names(ar: str, en: str) -> NameFindings:
    places_ar = arabic_places(ar)
    forms = _ar_forms(ar)
    arabic, places = gazetteer()
    bare = _bare_gazetteer()
    nisba = {n for f in forms for n in _nisba_places(f) if n in arabic}  # الأمريكية: American
    loose = set(places_ar) | glued_places(ar)
    loose |= {places[bare[f][1][0].lower()] for f in forms if f in bare} | {places[arabic[n][1][0].lower()] for n in nisba}
    skeletons = arabic_skeletons(ar)
    judged, capitals = english_capitals(en, ar)
    unmatched = [name for name in judged if place_of(name) not in loose and not transliterated(name, skeletons)]
    en_lower = re.sub(r"\b([A-Z])\.", r"\1", en).lower()  # U.N., U.S.
    english_skeletons = [en_skeleton(w) for w in re.findall(rf"[A-Z][{_LATIN}]{{2,}}", en) if not common_word(w, JUDGED_ZIPF)]
    missing = []
    # A nisba adjective names its place too (المصرية, Egypt's), but translators often leave it out ("the Senate" for
    # مجلس الشيوخ الأمريكي) or render it by a name ("Mandarin" for الصينية): it is required only where the English
    # names another place the Arabic lacks ("the Saudi ministry" for الوزارة المصرية).
    other_place = any(place_of(name) for name in unmatched)
    adjectives = [(written, english, not common_word(english[0], KNOWN_PLACE_ZIPF))
                  for key, (written, english) in place_words(ar).items() if other_place and key not in places_ar]
    for written, english, weak in [*places_ar.values(), *adjectives]:
        if weak or any(re.search(_option_pattern(option), en_lower) for option in english):
            continue
        own = [s for f in arabic_forms(written.split()[-1]) if len(s := ar_skeleton(f)) >= 2]
        if any(units and units[0] in _SOUNDS[s[0]] and _distance(s, units) <= _allowed(len(units))
               for s in own for units in english_skeletons):
            continue  # transliterated rather than the exonym
        missing.append((written, english[0]))
    words = [DIACRITICS.sub("", w) for w in AR_WORD.findall(ar) if len(w) >= 2]
    titled = titled_names(ar, en) if unmatched else []
    return NameFindings(unmatched, missing, list(dict.fromkeys(words)), capitals=capitals, titled=titled)


def nearest_similarities(words: Sequence[str], arabic_words: Sequence[str]) -> list[float]:
    """For each English word, how close its nearest Arabic word is, by the sentence encoder on single
    words, the word as written or in lower case (وزارة and "Ministry" 0.92; a name against another name
    about 0.3-0.6)."""
    from translate.checks.encoder import encoder

    if not words or not arabic_words:
        return [0.0] * len(words)
    both = [*words, *(w.lower() for w in words)]
    vectors = encoder().encode(both + list(arabic_words))  # the encoder keeps recent words' vectors
    values = (vectors[:len(both)] @ vectors[len(both):].T).max(axis=1)
    n = len(words)
    return [round(float(max(values[i], values[i + n])), 4) for i in range(n)]


def translation_similarities(findings: list[NameFindings]) -> list[list[float]]:
    """For each unmatched English word of each finding, how close its nearest Arabic word is."""
    return [nearest_similarities(found.unmatched, found.arabic_words) for found in findings]


def find_stand_ins(found: NameFindings, ar: str, limit: float) -> None:
    """Where a place or a name of the Arabic is gone, the common capitalized words of the English
    (``english_capitals``) that the Arabic neither spells nor has anything near (under the limit) stand in its stead
    ("cases in Derby" where the Arabic names إيران); a capitalized word that translates an Arabic one
    (Health Ministry, وزارة الصحة) does not."""
    if not (found.missing_places or found.missing_names):
        return
    skeletons = arabic_skeletons(ar)
    capitals = [w for w in found.capitals if not transliterated(w, skeletons)]
    found.stand_ins = {w: s for w, s in zip(capitals, nearest_similarities(capitals, found.arabic_words)) if s < limit}


def _quoted(names: Sequence[str]) -> str:
    return " or ".join(f"“{name}”" for name in names)


def name_flags(found: NameFindings, similarities: list[float], limit: float) -> list[Flag]:
    """A place of the Arabic the English lacks, or a name of the Arabic that the article's other sentences
    render and this English does not, while the English names another name the Arabic neither spells
    nor has, however near the encoder finds it to some Arabic word (a swap: "the Arabic names
    طرابلس (Tripoli), the English has “Benghazi” and not “Tripoli”"); an English name or place that
    the Arabic neither transliterates nor translates, its nearest Arabic word further than the limit
    (since 2026-12-04 a place too: "Iceland" where the Arabic names فورد). A place
    the English only leaves out, naming none instead, is not flagged: human translators do it too."""
    added = [name for name, similarity in zip(found.unmatched, similarities) if similarity < limit]
    # Where a place or a name of the Arabic is missing, any name the Arabic neither spells nor has stands in its stead: the
    # encoder's excuse (some Arabic word near it) does not hold against a name that is gone.
    gone = found.missing_places or found.missing_names
    instead_of = [*found.unmatched, *found.stand_ins] if gone else found.unmatched if found.titled else added
    problems = []
    if found.titled and found.unmatched:  # a titled person the English does not spell, a name it has in their stead
        problems += [f"the Arabic names {written}, which the English does not spell; the English has “{', '.join(found.unmatched)}”"
                     for written in found.titled]
    if instead_of:
        instead = ", ".join(instead_of)
        problems += [f"the Arabic names {written} ({english}), the English has “{instead}” and not “{english}”"
                     for written, english in found.missing_places]
        problems += [f"the Arabic names {written}, which the article's other sentences give as {_quoted(renderings)}; the English "
                     f"has “{instead}” and not {_quoted(renderings)}" for written, renderings in found.missing_names]
    if added and not problems:
        problems.append(f"the English names “{', '.join(added)}”, which the Arabic neither transliterates nor translates")
    words = [*(written for written, _ in found.missing_places + found.missing_names), *found.titled, *instead_of] if problems else []
    return [Flag(FlagKind.name, "; ".join(problems), words=tuple(words))] if problems else []


def name_scores(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """Each pair's lowest similarity of an English name to the Arabic (bench/derive_checks.py takes a
    percentile of it), a common capitalized word's too where a place of the Arabic is missing: -1 where a
    place of the Arabic, or a name after a title, is missing and a name stands in its stead, inf where every name is found."""
    findings = [find_names(ar, en) for ar, en in pairs]
    out = []
    for (ar, _), found, similarities in zip(pairs, findings, translation_similarities(findings)):
        if (found.missing_places or found.titled) and found.unmatched:
            out.append(-1.0)
            continue
        find_stand_ins(found, ar, float("inf"))
        out.append(min([*similarities, *found.stand_ins.values()], default=float("inf")))
    return out


def check_names_batch(pairs: Sequence[tuple[str, str]], article: Sequence[tuple[str, str]] = ()) -> list[list[Flag]]:
    """The name flags of each pair; ``article``: the pairs of the article they come from, whose names
    its sentences' English must keep."""
    findings = [find_names(ar, en) if within_bounds(ar, en) else NameFindings([], [], []) for ar, en in pairs]
    # Only a pair with a name or a capitalized word to stand in a name's stead can be flagged for a name gone:
    # no article's names read for none.
    renderings = article_renderings(article) if article and any(f.unmatched or f.capitals for f in findings) else {}
    limit = calibration()["name"]["min_similarity"]
    for (ar, en), found in zip(pairs, findings):
        if renderings and (found.unmatched or found.capitals):  # no work for the others
            found.missing_names = missing_names(ar, en, renderings)
        find_stand_ins(found, ar, limit)
    return [name_flags(f, s, limit) for f, s in zip(findings, translation_similarities(findings))]


def check_names(ar: str, en: str) -> list[Flag]:
    return check_names_batch([(ar, en)])[0]


class Names(Check):
    order = 25
    kinds = (FlagKind.name,)
    costly = True

    def warm(self) -> None:
        gazetteer()
        _bare_gazetteer()
        common_word("warm", JUDGED_ZIPF)  # wordfreq's English list
        _lower_case_words()
        _place_forms()  # near_place's re-spellings
        _glued_gazetteer()

    def batch(self, pairs: Sequence[Pair], context: Context) -> list[list[Flag]]:
        return check_names_batch([(p.ar, p.en) for p in pairs], context.article)
