"""Negation: the English says "not" where the Arabic does not, or the Arabic denies what the English affirms.

Word lists cannot count negations across two languages (translators turn "لم ينجح" into "failed",
"غير قانوني" into "illegal", "لا يزال" into "still"), so they count what each side's negative words
account for, and the sentence encoder confirms where the lists are least sure (the English with its
polarity flipped at one place is at least as close to the Arabic as the English as written):
- added: the English has more explicit negators (not, n't, never, no, without…) than the Arabic has
  negative words, explicit or lexical (فشل, رفض, منع, عدم, غير, دون…), that the English does not
  render with a word of its own ("failed", "refused", "lacks", un-…: EN_LEXICAL, each aligned by the
  encoder's word vectors with the Arabic negative it renders); flagged without the encoder's vote,
  which is a coin toss here;
- removed: the Arabic has an explicit negator (لم, لن, ليس, لا before a verb…) and the English has
  no negative word at all, not even a lexical one (failed, refused, unable, lack, -less, un-…);
- denied: the English denies a negative word ("not unable", "never failed", "not hardly": it affirms) where
  the Arabic has no two negative words together (ليس من غير, لن نفشل): flagged as the lists see it;
- added in another clause: where the Arabic negates too, so the lists see no contrast, the words an
  English negator negates (the first three content words of its clause) are aligned with their nearest
  Arabic words by the encoder's word vectors; when those at least as close as half the content words of
  human translations are to theirs (checks.json) have no negative word of the Arabic just before them,
  the English negates what the Arabic states ("are not plants" for من النباتات).
The traps the Arabic lists leave out: لا يزال (still), لا بد (must), لا سيما (especially), ألم
(pain, written with its hamza), and ما, which is as often "what" as "not". Two more: a negator
written together with its neighbours (الشيوخلا يجب, texts that drop spaces) still negates, and a word
that reads as one but transliterates a name of the English (فليس, Mr. Fleiss) does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from translate.chars import DIACRITICS, TATWEEL
from translate.checks.arabic import AR_WORD, known_word
from translate.checks.base import Check, Context, Pair, calibration, within_bounds
from translate.checks.names import ar_skeleton, names_spelt
from translate.flags import Flag, FlagKind

if TYPE_CHECKING:
    import numpy as np

# Explicit Arabic negators (as written, diacritics off; one of و ف before them allowed).
_AR_STRONG = {"لم", "لن", "ليس", "ليست", "لست", "لسنا", "ليسوا", "ليسا", "لستم", "ألا", "لئلا"}
# لا in fixed phrases that say no "not" (still, must, especially), and in phrases English may say
# either way (no doubt / undoubtedly, at least, it is fine): the first never negate, the second are
# not explicit negators.
_AR_LA_FIXED = {"يزال", "تزال", "نزال", "أزال", "ازال", "يزالون", "تزالان", "يزالان", "زال", "زالت", "زالوا", "بد", "سيما"}
_AR_LA_NOT = _AR_LA_FIXED | {"شك", "ريب", "جرم", "محالة", "يقل", "تقل", "يقلون", "بأس", "باس", "يصدق", "متناهية", "متناهي", "يتجاوز",
                             "تتجاوز", "يزيد", "تزيد"}
_AR_LA_NOUNS = {"شيء", "أحد", "احد", "يوجد", "توجد", "مكان", "وقت", "أعرف", "أدري"}  # لا before a noun that still negates
# Any Arabic word that negates or denies, explicitly or by its meaning (stems, matched at the word's start
# after one of و ف ب ل ك).
_AR_ANY = ("لا", "لم", "لن", "ليس", "لست", "ألا", "الا", "إلا", "لئلا", "غير", "عدم", "دون", "بدون", "بلا", "فشل", "يفشل", "تفشل",
           "أخفق", "اخفق", "يخفق", "رفض", "يرفض", "ترفض", "منع", "يمنع", "تمنع", "امتنع", "يمتنع", "نفى", "ينفي", "تنفي", "نفي",
           "أنكر", "انكر", "ينكر", "تجنب", "يتجنب", "خال", "خلو", "يخلو", "تخلو", "انعدام", "غياب", "يغيب", "تغيب", "نقص", "قلة",
           "بالكاد", "نادر", "ندر", "حظر", "يحظر", "تعذر", "يتعذر", "استحال", "مستحيل", "عجز", "يعجز", "عاجز", "الغاء", "إلغاء",
           "ألغى", "الغى", "يفتقر", "افتقار", "تفتقر", "ممنوع", "محظور", "بمنأى", "أبدا", "ابدا", "لولا", "إنكار",
           "انكار", "مانع", "سوى", "فقط", "وحسب", "فحسب", "لسنا", "ليست", "ليسوا")
# Function words matched whole (الا would otherwise be the start of every word with al- and alef).
_AR_WHOLE = {"لا", "لم", "لن", "ليس", "لست", "ألا", "الا", "إلا", "لئلا", "غير", "عدم", "دون", "بدون", "بلا", "سوى", "فقط", "لولا",
             "ضد", "مانع", "نفي", "خال", "خلو", "قلة", "نقص"}
_AR_PREFIXES = ("و", "ف")
_PARTICLES = ("لا", "لم", "لن")
_GLUED = re.compile("|".join(_PARTICLES))
_VERB_START = "يتنأ"  # the imperfect verb's prefixes: what a negator written together is followed by


MAX_PIECE = 12  # letters: the longest word a run of words written together is broken into


def _breaks(word: str) -> tuple[list[bool], list[bool]]:
    """Where a run of letters can be cut into known words: ``from_start[i]`` when word[:i] is known words
    written together, ``to_end[i]`` when word[i:] is; each piece 2 to MAX_PIECE letters, so the work
    grows with the run's length, not its square."""
    n = len(word)
    from_start, to_end = [True] + [False] * n, [False] * n + [True]
    for end in range(2, n + 1):
        from_start[end] = any(from_start[start] and known_word(word[start:end]) for start in range(max(0, end - MAX_PIECE), end - 1))
    for start in range(n - 2, -1, -1):
        to_end[start] = any(to_end[end] and known_word(word[start:end]) for end in range(start + 2, min(n, start + MAX_PIECE) + 1))
    return from_start, to_end


_PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ي", "ك")


def _preposition_la(word: str) -> bool:
    """Is a word that begins like لا, لم or لن the preposition ل before a known word (لمتلازمة: ل +
    متلازمة; لانتخابنا: ل + انتخاب + نا; لنظام), where the rest after the particle is no word of its own
    (لميسر is لم يسر, not ل + ميسر)?"""
    rest = word[1:]
    stems = [rest] + [rest[:-len(s)] for s in _PRONOUN_SUFFIXES if rest.endswith(s)]
    return word[:1] == "ل" and not known_word(word[2:]) and any(known_word(stem) for stem in stems)


def glued_negators(word: str, following: str = "") -> int:
    """How many negators (لا, لم, لن) a word that no dictionary knows holds between words written
    together with it: الشيوخلا (before يجب), فهملايهتمون, الأخيرةلمتسرعلى. wordfreq's Arabic tells
    a word from a run of them; a negator must be followed by a verb, as the written-apart ones are."""
    if len(word) < 5 or not _GLUED.search(word) or known_word(word) or _preposition_la(word):
        return 0
    from_start, to_end = _breaks(word)
    count = 0
    for match in _GLUED.finditer(word):
        before, after = match.start(), match.end()
        if not from_start[before] or word[before - 1:before] == "ا" and (before == 1 or before == 2 and word[0] in "وفبكل"):
            continue  # the article's ل (بالانبهار: ب + ال + انبهار), not لا
        if after < len(word) and word[after] in _VERB_START and to_end[after] \
                or after == len(word) and before and following[:1] in _VERB_START and following not in _AR_LA_NOT:
            count += 1
    return count


# Words whose prefix or suffix denies (unable, illegal, non-governmental, homeless), not those that only begin so
# (under, united, none); and dis- words (disagree; not disease, disaster, display, district).
_AFFIXED = (r"(?!under|until|unit|union|univers|uniq|unanim|uniform|unif)un\w{3,}|non(?!e\b|etheless)-?\w{2,}|"
            r"in(?:capable|sufficient|adequate|effective|active|valid|accessible|complete|correct|visible|toleran|ability|secure|stab|evitab|curab|"
            r"surmountab)\w*|"
            r"im(?:possible|proper|mobile|balance|penetrab|measurab|passab)\w*|il(?:legal|legitimate|licit)\w*|ir(?:regular|relevant|responsible)\w*|"
            r"\w{3,}less(?:ly|ness)?")
_DIS = r"dis(?!ease|aster|cover|play|cuss|trict|tan|tinct|tribut)\w{4,}"
# The explicit English negators ("no+": a shouted "Nooo" drawn out is a "no").
EN_STRONG = re.compile(r"\b(?:not|never|no+|nobody|nothing|none|neither|nor|nowhere|cannot|without)\b|n[’']t\b", re.IGNORECASE)
# English phrases whose negator negates nothing: "not only", "not long after", "never more so" (especially),
# "don't forget" (remember), "couldn't be more"; and nor/neither, which carry on a negation already counted.
_EN_IDIOMS = re.compile(r"\bnot (?:only|long|least|to mention)\b|\bno (?:doubt|matter|wonder)\b|\bnever more so\b|"
                        r"(?:\bnot|n[’']t) until\b|"  # "it wasn't until": it was only when
                        r"\bdo(?:n[’']t| not) forget\b|"
                        r"n[’']t (?:be|have been) (?:more|happier|better|prouder|worse)\b|\b(?:nor|neither)\b", re.IGNORECASE)
# Any word of the English that denies, explicitly or by its meaning (not "just", "rather", "at least"; "yet" only
# in "has yet to"): where the English has none, an Arabic negator is gone.
EN_ANY = re.compile(
    r"\b(?:not|never|no+|nobody|nothing|none|neither|nor|nowhere|cannot|without|fail\w*|refus\w*|den(?:y|ied|ies|ial)|lack\w*|"
    r"absen\w*|unable|immun\w*|" + _AFFIXED + "|" + _DIS + r"|a(?:symptomatic|gnostic|theist|political|typical)\w*|"
    r"instead|avoid\w*|prevent\w*|stop\w*|ban(?:s|ned|ning)?|reject\w*|declin\w*|few|little|hardly|barely|rarely|seldom|"
    r"scarce\w*|free|neglect\w*|miss\w*|ignor\w*|except\w*|unless|only|merely|solely|deprive\w*|halt\w*|cancel\w*|"
    r"abandon\w*|quit|cease\w*|prohibit\w*|forbid\w*|exclud\w*|deni\w*|shortage|zero|silen\w*|poor\w*|anti(?!cipat)\w*|than|"
    r"incred\w*|inexor\w*|yet(?= to\b)|far from|out-of-\w+)\b"  # out-of-work, out-of-date: not "out of the house"
    r"|n[’']t\b", re.IGNORECASE)


# The English words that render the Arabic's lexical negatives (_AR_ANY's failing, refusing, preventing, denying,
# avoiding, lacking, forbidding, cancelling, "only", غير's un-, in- and non-, دون's -less, and _AR_LA_NOT's phrases: "at
# least" for لا يقل): each accounts for the one it aligns with (rendered_negatives).
EN_LEXICAL = re.compile(
    r"\b(?:fail\w*|refus\w*|reject\w*|declin\w*|prevent\w*|ban(?:s|ned|ning)?|refrain\w*|abstain\w*|den(?:y|ied|ies|ial)|"
    r"avoid\w*|free|devoid|absen\w*|lack\w*|shortage\w*|few|little|hardly|barely|rare\w*|seldom|prohibit\w*|forbid\w*|"
    r"impossib\w*|unable|cancel\w*|abolish\w*|only|just|merely|solely|except\w*|unless|"
    r"least|most|maximum|infinite\w*|incred\w*|"  # لا يقل (at least), لا يزيد (at most), لا متناهي, لا يصدق
    r"scarce\w*|abnormal\w*|indefinite\w*|" + _AFFIXED + r")\b", re.IGNORECASE)
# A negator that denies a negative word ("not unable", "never failed", "wasn't hardly", "not no"): the two say
# one thing, affirmatively ("able"); its few words between are those that can stand there.
_EN_DENIED = re.compile(
    r"(?:\b(?:not|never)|n[’']t)\s+(?:(?:be|been|being|have|has|had|a|an|the|so|too|very|entirely|completely|totally|"
    r"altogether|always|all|quite)\s+){0,2}"
    r"(?:no|none|nothing|nobody|neither|without|fail\w*|refus\w*|unable|lack\w*|hardly|barely|rarely|seldom|" + _AFFIXED + r")\b",
    re.IGNORECASE)


def _glued_except(word: str) -> bool:
    """إلا ("except", "only") written together with the next word (إلابالبكاء); with its hamza only: الامن is الأمن."""
    return len(word) > 4 and word.startswith("إلا") and known_word(word[3:])


_NOT_LETTER = re.compile("[^\u0621-\u064a]")


def _letters(word: str) -> str:
    """An Arabic word as the encoder splits the text, its punctuation and marks off."""
    return _NOT_LETTER.sub("", word)


def _ar_words(ar: str) -> list[str]:
    return [DIACRITICS.sub("", w).replace(TATWEEL, "") for w in AR_WORD.findall(ar)]


# إلا أن, غير أن ("yet", "however"): a conjunction, not a negative word.
_AR_THAT = {"أن", "أنه", "أنها", "أنهم", "أنهما", "أننا", "أنني", "ان", "انه", "انها", "انهم"}
_AR_HOWEVER = {"إلا", "الا", "غير", "وغير", "فغير"}


def _however(words: Sequence[str], i: int) -> bool:
    return words[i] in _AR_HOWEVER and i + 1 < len(words) and words[i + 1] in _AR_THAT


_AR_QUESTIONED = {"أليس", "أليست", "ألست", "ألسنا", "أليسوا"}  # ليس with the question's أ: "isn't it"


def _bare(word: str) -> list[str]:
    bare = [word] + [word[1:] for p in _AR_PREFIXES if word.startswith(p) and len(word) > 2]
    return bare + [w[1:] for w in bare if w in _AR_QUESTIONED]


def _may_spell_a_name(word: str) -> bool:
    """Can the word spell a name by the name check's rules: two consonants or more, and a long vowel
    (ليس, لست; not لا, لم or لن)?"""
    return len(ar_skeleton(word)) >= 2 and any(c in word for c in "اوي")


def arabic_negators(ar: str, en: str = "") -> list[str]:
    """The explicit negators of the Arabic, as written: لم, لن, ليس…, and لا before a word that is not
    one of its fixed phrases (لا يزال, لا بد, لا سيما…); written together with other words too. A word
    that spells a name of ``en`` is the name."""
    words = _ar_words(ar)
    if any(w in ("إلا", "الا") and not _however(words, i) or _glued_except(w) for i, w in enumerate(words)):
        return []  # لا … إلا, لم … إلا: "only" (إلابالبكاء: إلا written together with the next word)
    found = []
    names: set[str] | None = None  # the words that spell a name of the English, asked for once, when a negator is found
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        previous = words[i - 1] if i else ""
        if glued_negators(word, following):
            if en and _may_spell_a_name(word):  # بيلاتور (ب + لا + تور) is Bellator
                names = names_spelt(ar, words, en) if names is None else names
                if word in names:
                    continue
            found.append(word)
            continue
        if word in _AR_QUESTIONED and following in ("كذلك", "كذالك"):
            continue  # أليس كذلك: a tag question ("does it?"), whatever the polarity before it
        for bare in _bare(word):
            if bare == "لا" and (previous in ("أم", "ام") or not following or following in _AR_LA_NOT
                                 or following[0] not in "يتنأا" and following not in _AR_LA_NOUNS):
                continue  # أم لا (or not); لا بومبا (La Bomba); لا يزال (still)
            if bare == "لم" and (following.startswith(("شمل", "الشمل")) or previous in ("إن", "ان")):
                continue  # لم شمله (reunited); إن لم يكن (if not: a concession)
            if bare in ("لم", "لن") and following and following[0] not in _VERB_START:
                continue  # they negate an imperfect verb: لم قاله is لما قاله (what he said)
            if bare in _AR_STRONG or bare == "لا":
                if en and _may_spell_a_name(word):  # فليس in "السيد فليس" is Mr. Fleiss
                    names = names_spelt(ar, words, en) if names is None else names
                if not names or word not in names:
                    found.append(f"{word} {following}".strip() if bare in ("لا", "لم", "لن") else word)
                break
    return found


def _negatives(words: Sequence[str]) -> list[int]:
    """How many negations each word holds: a negative word, explicit or by its meaning, one; لا in one of its
    fixed phrases (لا يزال) none; a run of words written together, as many negators as it holds."""
    counts = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in ("لا", "ولا") and following in _AR_LA_FIXED or _however(words, i):
            counts.append(0)
        elif _glued_except(word):
            counts.append(1)
        else:
            counts.append(glued_negators(word, following) or int(_lexical_negative(word)))  # الشيوخلا يجب, ...الأخيرةلمتسر
    return counts


def arabic_negatives(ar: str) -> int:
    """How many words of the Arabic negate or deny, explicitly or by their meaning? لا in one of its
    fixed phrases (لا يزال) does not; a negator written together with other words does."""
    return sum(_negatives(_ar_words(ar)))


DOUBLE_NEAR = 3  # Arabic words from one negative word to the next where the second is in the first's scope (ليس من غير)


def arabic_denies_a_negative(ar: str) -> bool:
    """Does the Arabic deny a negative, as "not unable" does: two negative words within DOUBLE_NEAR words
    (ليس من غير المألوف, لن نفشل, لا يخلو من)?"""
    at = [i for i, count in enumerate(_negatives(_ar_words(ar))) for _ in range(count)]
    return any(b - a <= DOUBLE_NEAR for a, b in zip(at, at[1:]))


@lru_cache(maxsize=65536)
def _lexical_negative(word: str) -> bool:
    """Is the word (as written, diacritics off; its prefixes و ف ب ل ك, al- and a question's أ off) one of
    _AR_ANY's words, or one of its stems with an inflection's ending (فشلت, رفضها; a whole word of
    _AR_WHOLE only as it is), or a verb's other person (نفشل, أرفض)?"""
    forms = _bare(word)
    forms += [f[1:] for f in forms if f[:1] in ("ب", "ل", "ك") and len(f) > 2 and f[1:] not in _PARTICLES]  # كلا is not ك + لا
    forms += [f[2:] for f in forms if f.startswith("ال") and len(f) > 3]
    forms += ["ي" + f[1:] for f in forms if f[:1] in ("ن", "أ") and len(f) > 3]  # نفشل, أرفض: the persons of يفشل, يرفض
    return any(bare[:k] in _AR_ANY_SET and (k == len(bare) or (after := _AFTER.get(bare[:k], _ENDING)) and after.fullmatch(bare[k:]))
               for bare in forms for k in range(1, len(bare) + 1))  # each prefix looked up, not each stem tried


# What an inflection adds after a stem: a verb's person and number, a noun's feminine, dual or plural, then a pronoun.
_ENDING = re.compile("(?:ت|تا|تم|تن|وا|ون|ين|ان|ا|ة|ات|ي|ن|نا)?(?:ه|ها|هم|هما|هن|ك|كم|ني|نا)?")
# What may follow a whole word of _AR_WHOLE: nothing, but the pronoun دون, بدون and عدم govern (دونه, بدونها "without
# it, without her"; عدمه "or not"); not غير's (غيره: others).
_PRONOUN = re.compile("ه|ها|هم|هما|هن|ك|كم|ي|نا")
_AFTER = {**dict.fromkeys(_AR_WHOLE), **dict.fromkeys(("دون", "بدون", "عدم"), _PRONOUN)}


RENDERED_NEAR = 1  # Arabic words either side of the one an English negative word aligns with, where the negative it renders may be


def _word_vectors(ar: str, en: str) -> tuple[np.ndarray, list[str], np.ndarray, list[str]]:
    """Each side's word vectors and words, by the encoder (cached there: asking twice costs nothing)."""
    from translate.checks.encoder import encoder

    return (*encoder().word_vectors(ar), *encoder().word_vectors(en))


def rendered_negatives(ar: str, en: str) -> list[str]:
    """The English's negative words (EN_LEXICAL: failed, lacks, un-…) that render a negative word of the
    Arabic: the Arabic word each aligns with by the encoder's word vectors (as the scope test aligns
    them) is, or stands next to, one (يفتقر for "lacks"; not المؤسفة for "unfortunate", القليلة for "few")."""
    arabic, ar_words, english, en_words = _word_vectors(ar, en)
    negative = [j for j, w in enumerate(ar_words) if _negative_word(w)]
    out = []
    for i, word in enumerate(en_words):
        bare = re.sub(r"[^\w'’-]", "", word)
        if negative and bare and EN_LEXICAL.fullmatch(bare):
            j = int((english[i] @ arabic.T).argmax())
            if any(abs(j - k) <= RENDERED_NEAR for k in negative):
                out.append(bare)
    return out


_EN_NEGATOR = re.compile(r"\b(not|never)\b ?|\b(wo|ca|sha)n[’']t\b|n[’']t\b", re.IGNORECASE)
_EN_AUXILIARY = re.compile(r"\b(?:is|are|was|were|will|can|could|would|should|has|have|had|does|do|did|may|might|must)\b"
                           r"(?! not\b)(?= [a-z])", re.IGNORECASE)
_UNCONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}
MAX_VARIANTS = 4


_EN_CONCORD = re.compile(r"no(?:thing|body|ne|where)?$", re.IGNORECASE)
_EN_CONCORD_BEFORE = re.compile(r"(?:n[’']t|\bnot|\bnever)(?:\s+[a-z]+){1,2}\s+$", re.IGNORECASE)  # its verb and no more between
# Text before a negator whose verb is left out ("and not in November"): a conjunction or a clause mark.
_ELIDED = re.compile(r"(?:\b(?:and|or|but)|[,;:\u2013\u2014-])\s*$", re.IGNORECASE)


def english_negators(en: str) -> list[str]:
    """The explicit negators of the English, its idioms left out (not only, don't forget, nor, not until),
    and a negator that repeats one with its verb left out ("and not in November", "whether or not")."""
    idioms = [m.span() for m in _EN_IDIOMS.finditer(en)]
    found = []
    for m in EN_STRONG.finditer(en):
        if any(a <= m.start() < b for a, b in idioms):
            continue
        if found and m.group(0).lower() == "not" and _ELIDED.search(en[:m.start()]):
            continue  # said again for a verb said before: one negation, as the Arabic writes it
        if found and _EN_CONCORD.match(m.group(0)) and _EN_CONCORD_BEFORE.search(en[max(0, m.start() - 40):m.start()]):
            continue  # negative concord: "don't see no tail" negates once
        found.append(m.group(0))
    return found


_TIMES = {1: "once", 2: "twice"}


def lexical_contrast(ar: str, en: str) -> tuple[str, str, tuple[str, ...]] | None:
    """("added" or "removed", the detail, the words at fault) where the word lists see a contrast: more explicit
    negators in the English than the Arabic has negative words that the English does not render otherwise; an
    English that denies a negative ("not unable") where the Arabic negates once; or more explicit negators in
    the Arabic than negative words of any kind in the English (the encoder confirms it: one negation fewer
    among several is also how translators write)."""
    strong_en, negators = english_negators(en), arabic_negators(ar, en)
    # The Arabic's lexical negatives (فشل, غير, يفتقر…) excuse an English negator only where the English does not
    # render them with a word of its own ("failed", "lacks"): the negators the English has to account for.
    rendered = EN_LEXICAL.findall(en)
    lexical = arabic_negatives(ar) - len(negators)
    if lexical > 0 and rendered and len(strong_en) > len(negators):
        rendered = rendered_negatives(ar, en)  # only those that translate one of the Arabic's negative words
    unrendered = len(negators) + max(0, lexical - len(rendered))
    if len(strong_en) > unrendered:
        own = f"the English's own ({', '.join(rendered)})" if lexical > 0 and rendered else ""
        if unrendered:
            against = f"the Arabic negates {_TIMES.get(unrendered, f'{unrendered} times')}" \
                + (f" ({', '.join(negators)})" if negators else "") + (f", its other negative words being {own}" if own else "")
        else:
            against = f"the Arabic's only negative words are {own}" if own else "the Arabic has no negation"
        return "added", f"the English negates ({', '.join(strong_en)}); {against}", (*strong_en, *negators)
    denied = [m.group(0) for m in _EN_DENIED.finditer(en)]
    if denied and (negators or lexical > 0) and not arabic_denies_a_negative(ar):
        said, words = denied[0].split(), _ar_words(ar)
        arabic = negators or [w for w, count in zip(words, _negatives(words)) if count]
        return ("added", f"the English denies a negative (“{denied[0]}”: it affirms); the Arabic negates without denying one "
                         f"({', '.join(arabic)})", (said[0], said[-1], *arabic))
    any_en = [m.group(0) for m in EN_ANY.finditer(en)]
    if len(negators) > len(any_en):
        against = f"the English has only {', '.join(any_en)}" if any_en else "the English has no negation"
        return "removed", f"the Arabic negates ({', '.join(negators)}); {against}", (*negators, *any_en)
    return None


def polarity_variants(en: str, direction: str) -> list[str]:
    """The English with one negator taken out ("added"), or with "not" after one auxiliary, or the
    whole of it denied where it has none ("removed")."""
    if direction == "added":
        out = []
        for m in list(_EN_NEGATOR.finditer(en))[:MAX_VARIANTS]:
            if m.group(2):  # won't -> will
                out.append(en[:m.start()] + _UNCONTRACTED[m.group(2).lower()] + en[m.end():])
            else:
                out.append(en[:m.start()] + en[m.end():])
        return out
    inserted = [en[:m.end()] + " not" + en[m.end():] for m in list(_EN_AUXILIARY.finditer(en))[:MAX_VARIANTS]]
    first = en[:1] if re.match(r"I\b|[A-Z]{2}|[A-Z]\w*[A-Z]", en) else en[:1].lower()  # "I know", "US", "McCain" keep theirs
    return inserted or [f"It is not true that {first}{en[1:]}"]  # no auxiliary: the whole sentence denied


_AR_NEGATES_NEXT = {"لا", "لم", "لن", *_AR_STRONG}  # the explicit negators whose next word is what they negate


def aligned_denials(ar: str, en: str) -> list[str]:
    """The English with "not" put before the word that the word after each Arabic explicit negator (its verb:
    لا أعرف, لم نتلق) aligns with by the encoder's word vectors: where a negator went with its auxiliary ("did not
    know" became "knew"), no auxiliary is left to put "not" after, and "I not know where" is the nearer flip."""
    arabic, ar_words, english, en_words = _word_vectors(ar, en)
    if not len(arabic) or not len(english):
        return []
    out = []
    for j, word in enumerate(ar_words[:-1]):
        if any(bare in _AR_NEGATES_NEXT for bare in _bare(_letters(word))):
            k = int((english @ arabic[j + 1]).argmax())
            variant = " ".join([*en_words[:k], "not", *en_words[k:]])
            if variant not in out:
                out.append(variant)
    return out[:MAX_VARIANTS]


UNRENDERED_BEFORE = 5  # English words before the word an Arabic negator's verb aligns with where its negation would be (did not know)
UNRENDERED_AFTER = 2  # ... and after it (had no corn)
UNRENDERED_TIE = 0.05  # English words this much less near than the nearest are as near


def _rendered_negatives(english, en_words: Sequence[str], arabic) -> set[int]:
    """The Arabic word positions where a negative word renders an English negator: those near (``_window``) the
    Arabic word each of its words (``_scope``) is nearest, however near ("have not been identified" for لم يكتشفوا,
    where يكتشفوا also aligns with an earlier "found")."""
    out: set[int] = set()
    for i, word in enumerate(en_words):
        if _NEGATOR_WORD.search(re.sub(r"[^\w'’]", "", word)):
            out.update(at for _, _, j in _anchors(english, en_words, arabic, i, -1.0) for at in _window(j))
    return out


def unrendered_negators(ar: str, en: str, limit: float) -> list[tuple[str, str, str]]:
    """(the Arabic negator with its word, that word, the English word it aligns with) for each explicit negator of
    the Arabic (``arabic_negators``: its fixed phrases left out) whose next word aligns (at least ``limit`` close, by
    the encoder's word vectors) with an English word that has no negative word of the English (``EN_ANY``) among
    the UNRENDERED_BEFORE words before it or UNRENDERED_AFTER after it: the English states what the Arabic
    negates, though it negates something else ("did not know" gone to "knew", another clause's "no" kept)."""
    import numpy as np

    negators = arabic_negators(ar, en)
    if not negators:
        return []
    # لا, لم, لن with the verb they negate, as arabic_negators writes them (ليس, alone there, negates a clause, not a word)
    wanted = {(_letters(n[0]), _letters(n[1])) for n in (n.split() for n in negators) if len(n) == 2}
    arabic, ar_words, english, en_words = _word_vectors(ar, en)
    if not len(arabic) or not len(english):
        return []
    content = np.array([bool(_content(w)) for w in en_words])  # a verb aligns with a subject ("we") as often as not
    rendered = _rendered_negatives(english, en_words, arabic)
    out = []
    for j in range(len(ar_words) - 1):
        word, verb = _letters(ar_words[j]), _letters(ar_words[j + 1])
        if (word, verb) not in wanted or j in rendered:
            continue
        nearness = np.where(content, english @ arabic[j + 1], -1.0)
        k = int(nearness.argmax())
        if nearness[k] < limit:
            continue  # the verb's English is not told apart from chance
        # Every English word about as near as the nearest ("I don't know what happened, but I know this") must lack one.
        near = np.flatnonzero(nearness >= nearness[k] - UNRENDERED_TIE)
        if not any(EN_ANY.search(w) for at in near for w in en_words[max(0, at - UNRENDERED_BEFORE):at + 1 + UNRENDERED_AFTER]):
            out.append((f"{word} {verb}", verb, en_words[k].strip(".,;:!?\"“”")))
    return out


# A negator's scope, by the encoder's word vectors (translate/checks/encoder.py word_vectors): the words it negates,
# each aligned with the Arabic word nearest it, should have a negative word of the Arabic just before one of them.
_SCOPE_SKIP = frozenset("be been being have has had do does did is are was were will would can could should may might must "
                        "to the a an that this it any so as yet even "  # words between a negator and what it negates
                        "from for with into onto upon about over than then they them their there these those which who whom what "
                        "when where while though although however also usually often always still just its his her our your "
                        "my we you he she one ones".split())  # and function words, which align with no word of their own
_NEGATOR_WORD = re.compile(r"^(?:not|never|no|cannot|without|nothing|none|nobody)$|n['’]t$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?][\"”’')]*$")
SCOPE_WORDS = 3  # content words after a negator, in its clause, that it negates
SCOPE_AHEAD = 12  # English words after a negator where they are looked for
SCOPE_BEFORE = 5  # Arabic words before an aligned word (and one after) where its negator would be
_AR_NEGATIVE = frozenset(_AR_WHOLE) | frozenset(_AR_ANY)
_AR_ANY_SET = frozenset(_AR_ANY)


def _negative_word(word: str) -> bool:
    """Is this Arabic word (as the encoder splits the text) a negative word, its prefixes (و ف ب ل ك, and
    a question's أ: أليس, "isn't") off or not (بعدم), or one by its meaning with an inflection (منعوا)?"""
    word = _letters(word)
    forms = {word}
    for _ in range(2):
        forms |= {f[1:] for f in forms if f[:1] in "وفبلكأ" and len(f) > 2}
    return bool(forms & _AR_NEGATIVE) or glued_negators(word) > 0 or _lexical_negative(word)


def _content(word: str) -> str:
    bare = re.sub(r"\W", "", word)
    return bare if len(bare) >= 3 and bare.lower() not in _SCOPE_SKIP else ""


def content_alignments(ar: str, en: str) -> list[float]:
    """How close each content word of the English is to its nearest Arabic word (bench/derive_checks.py
    takes the median: how well a word of a human translation aligns)."""
    arabic, _, english, words = _word_vectors(ar, en)
    if not len(arabic):
        return []
    return [round(float((english[i] @ arabic.T).max()), 4) for i, w in enumerate(words) if _content(w)]


def _scope(words: Sequence[str], i: int) -> list[int]:
    """The content words that the negator at ``i`` negates: the first SCOPE_WORDS after it, in its clause."""
    scope: list[int] = []
    for k in range(i + 1, min(len(words), i + 1 + SCOPE_AHEAD)):
        if _content(words[k]):
            scope.append(k)
        if len(scope) == SCOPE_WORDS or _CLAUSE_END.search(words[k]):
            break
    return scope


def _window(j: int) -> range:
    """The Arabic positions where a negative word negates the Arabic word at ``j``: SCOPE_BEFORE before it, one after."""
    return range(j - SCOPE_BEFORE, j + 2)


def _anchors(english, en_words: Sequence[str], arabic, i: int, limit: float) -> list[tuple[float, int, int]]:
    """(nearness, English position, Arabic position) for each word the negator at ``i`` negates (``_scope``) and the
    Arabic word nearest it, where that is at least ``limit`` close (the others are not told apart from chance)."""
    out = []
    for k in _scope(en_words, i):
        nearness = english[k] @ arabic.T
        j = int(nearness.argmax())
        if nearness[j] >= limit:
            out.append((float(nearness[j]), k, j))
    return out


def unsupported_negators(ar: str, en: str, limit: float) -> list[tuple[str, str, str, str]]:
    """(negator, its words up to the one best aligned, that word, the Arabic word it translates) for each English negator
    whose words (_scope) align with Arabic words (each at least ``limit`` close: the others are not told
    apart from chance) none of which has a negative word of the Arabic within SCOPE_BEFORE words before it
    or one after: the English negates a clause that the Arabic states."""
    arabic, ar_words, english, en_words = _word_vectors(ar, en)
    if not len(arabic):
        return []
    negative = [j for j, w in enumerate(ar_words) if _negative_word(w)]
    out = []
    for i, word in enumerate(en_words):
        if not _NEGATOR_WORD.search(re.sub(r"[^\w'’]", "", word)) or _CLAUSE_END.search(word):
            continue  # "whether or not.": a negator that ends its clause negates nothing after it
        if i and _ELIDED.search(en_words[i - 1]):
            continue  # "and not in November": the verb it negates was said before, not the next word
        anchors = _anchors(english, en_words, arabic, i, limit)
        if anchors and not any(at in _window(j) for _, _, j in anchors for at in negative):
            _, k, j = max(anchors)
            span = " ".join(en_words[i:k + 1]).strip(".,;:!?\"“”")
            out.append((word.strip(".,;:!?\"“”"), span, _content(en_words[k]), _letters(ar_words[j])))
    return out


def _flip_closer(vectors) -> bool:
    """The encoder's confirmation, on the vectors of (Arabic, English as written, its flipped variants...): some
    variant is at least as close to the Arabic as the English as written."""
    return float((vectors[2:] @ vectors[0]).max()) >= float(vectors[1] @ vectors[0])


def _prefers_flipped(ar: str, en: str, direction: str) -> bool:
    from translate.checks.encoder import encoder

    variants = polarity_variants(en, direction)
    return bool(variants) and _flip_closer(encoder().encode([ar, en, *variants]))


def scope_flags(pairs: Sequence[tuple[str, str]], limit: float) -> list[bool]:
    """For bench/flags.py's held-out view: which pairs the scope test alone flags at ``limit`` (the word lists
    see no contrast, the encoder prefers the English without a negator)."""
    return [bool(within_bounds(ar, en) and english_negators(en) and not lexical_contrast(ar, en)
                 and unsupported_negators(ar, en, limit) and _prefers_flipped(ar, en, "added")) for ar, en in pairs]


def scope_contrast(ar: str, en: str) -> tuple[str, str, tuple[str, ...]] | None:
    """("added", the detail, the words at fault) where an English negator negates a word whose Arabic has no negation."""
    found = unsupported_negators(ar, en, calibration()["negation"]["min_alignment"])
    if not found:
        return None
    negator, span, scope, arabic = found[0]
    return ("added", f"the English negates “{span}”; the Arabic for “{scope}”, {arabic}, has no negation near it",
            (negator, scope, arabic))


def unrendered_contrast(ar: str, en: str) -> tuple[str, str, tuple[str, ...]] | None:
    """("removed", the detail, the words at fault) where an Arabic negator's verb has an English with no negation near it."""
    found = unrendered_negators(ar, en, calibration()["negation"]["min_alignment"])
    if not found:
        return None
    negated, verb, english = found[0]
    return ("removed", f"the Arabic negates ({negated}); the English for {verb}, “{english}”, has no negation near it",
            (negated, english))


# Verbs that say the opposite of a verb of the other language with no negator for the lists to count: a denial
# or refusal of the Arabic rendered as an affirmation, or the other way. Each Arabic form with its gloss; matched
# whole, after و or ف and ل or س, with a pronoun or plural ending (رفضه, نفوا); bare قبل is "before", not "accepted".
_AR_DENYING = {**dict.fromkeys(("نفى", "نفت", "ينفي", "تنفي", "نفوا", "ينفون", "نفي", "النفي"), "denies"),
               **dict.fromkeys(("أنكر", "انكر", "ينكر", "تنكر", "أنكرت", "انكرت", "أنكروا", "إنكار", "انكار", "الإنكار",
                                "الانكار"), "denies"),
               **dict.fromkeys(("رفض", "رفضت", "يرفض", "ترفض", "رفضوا", "يرفضون"), "refuses")}
_AR_AFFIRMING = {**dict.fromkeys(("أكد", "أكدت", "يؤكد", "تؤكد", "أكدوا", "يؤكدون", "تأكد", "تأكدت", "يتأكد", "تأكيد", "التأكيد",
                                  "مؤكد", "مؤكدة", "المؤكد", "المؤكدة", "مؤكدا"), "confirms"),
                 **dict.fromkeys(("وافق", "وافقت", "يوافق", "توافق", "وافقوا", "يوافقون", "موافقة", "الموافقة"), "agrees"),
                 **dict.fromkeys(("اعتمد", "اعتمدت", "اعتماد", "معتمد", "معتمدة", "المعتمد", "المعتمدة"), "approves"),
                 **dict.fromkeys(("اعترف", "اعترفت", "يعترف", "تعترف", "اعترفوا"), "admits"),
                 **dict.fromkeys(("قبلت", "قبلوا", "يقبل", "تقبل", "قبول", "مقبول", "مقبولة", "المقبول", "المقبولة"), "accepts"),
                 **dict.fromkeys(("رحب", "رحبت", "يرحب", "ترحب", "رحبوا"), "welcomes")}
NEGATED_BEFORE = 2  # Arabic words before an affirming verb where a negative word negates it (لم يعد يقبل)
_AR_ENDINGS = ("", "ه", "ها", "هم", "هما", "ا", "ت", "ن", "وه", "ني", "نا")
_EN_AFFIRMING = re.compile(r"\b(?:confirm|admit|acknowledg|affirm|accept|agree|approv|welcom|endors)\w*", re.IGNORECASE)
_EN_DENYING = re.compile(r"\b(?:den(?:y|ied|ies|ial)|reject|refus)\w*", re.IGNORECASE)
# What else renders a denial or refusal: a negator, or another verb for it (turned down, dismissed, refuted).
_EN_OTHERWISE = re.compile(_EN_DENYING.pattern + r"|\b(?:declin|dismiss|refut|rebuf|repudiat|oppos|disput|contest|veto)\w*|"
                           r"\bturn(?:s|ed|ing)? (?:\w+ )?down\b|" + EN_STRONG.pattern, re.IGNORECASE)


def _ar_verb(words: Sequence[str], verbs: dict[str, str], unnegated: bool = False) -> tuple[str, str] | None:
    """(the word as written, its gloss) for the first word of ``words`` that is one of ``verbs`` (with ``unnegated``,
    and has no negative word among the NEGATED_BEFORE words before it: لم يوافق is "rejected")."""
    negatives = _negatives(words) if unnegated else []
    for i, word in enumerate(words):
        if unnegated and any(negatives[max(0, i - NEGATED_BEFORE):i]):
            continue
        for bare in {word, *(word[1:] for p in _AR_PREFIXES if word.startswith(p))}:
            for stem in {bare, *(bare[1:] for p in "لس" if bare.startswith(p))}:
                for ending in _AR_ENDINGS:
                    if ending and not stem.endswith(ending):
                        continue
                    gloss = verbs.get(stem[:len(stem) - len(ending)] if ending else stem)
                    if gloss:
                        return word, gloss
    return None


def antonym_contrast(ar: str, en: str) -> tuple[str, str, tuple[str, ...]] | None:
    """("removed" or "added", the detail, the words at fault) where a verb says the opposite of the other side's:
    the Arabic denies or refuses (نفى, أنكر, رفض) and the English, with no negative word at all, confirms, admits
    or accepts; or the English denies or rejects where the Arabic, with no negative word, confirms, agrees,
    admits, accepts or welcomes (أكد, وافق, اعترف, قبلت, رحب)."""
    words = _ar_words(ar)
    affirmed = _EN_AFFIRMING.search(en)
    if affirmed and not _EN_OTHERWISE.search(en):
        denying = _ar_verb(words, _AR_DENYING, unnegated=True)
        if denying:
            return ("removed", f"the Arabic {denying[1]} ({denying[0]}); the English has “{affirmed.group(0)}” and no denial",
                    (affirmed.group(0), denying[0]))
    denied = _EN_DENYING.search(en)
    if denied and not _ar_verb(words, _AR_DENYING):
        affirming = _ar_verb(words, _AR_AFFIRMING, unnegated=True)
        if affirming:
            return ("added", f"the English has “{denied.group(0)}”; the Arabic {affirming[1]} ({affirming[0]}) and has no negation",
                    (denied.group(0), affirming[0]))
    return None


def check_negation_batch(pairs: Sequence[tuple[str, str]]) -> list[list[Flag]]:
    """A contrast the word lists see where the English can be flipped back (a "not", "never" or "n't" taken
    out, or one put in): a "not" more than the Arabic's negative words account for is flagged as the lists
    see it; the others (a negator gone, a negator in another clause) are confirmed by the sentence encoder:
    the English with its polarity flipped at one place is at least as close to the Arabic as the English
    as written. (On a "not" the Arabic lacks, the encoder's vote is a coin toss: docs/checks.md.)"""
    flags: list[list[Flag]] = [[] for _ in pairs]
    candidates = []
    for i, (ar, en) in enumerate(pairs):
        bounded = within_bounds(ar, en)
        contrast = lexical_contrast(ar, en) if bounded else None
        confirm = contrast is not None and contrast[0] == "removed"
        if contrast is None and bounded:
            antonym = antonym_contrast(ar, en)
            if antonym:  # flagged as the lists see it: no negator on either side for the encoder to weigh
                flags[i] = [Flag(FlagKind.negation, antonym[1], words=antonym[2])]
                continue
        if contrast is None and bounded and english_negators(en):
            contrast, confirm = scope_contrast(ar, en), True  # a negator the word lists cannot judge: the Arabic negates elsewhere
        if contrast is None and bounded:
            contrast, confirm = unrendered_contrast(ar, en), True  # an Arabic negator whose verb's English has no negation near
        if contrast:
            variants = polarity_variants(en, contrast[0])
            if contrast[0] == "removed":
                variants += aligned_denials(ar, en)
            if variants and not confirm:
                flags[i] = [Flag(FlagKind.negation, contrast[1], words=tuple(dict.fromkeys(contrast[2])))]
            elif variants:
                candidates.append((i, contrast[1:], variants))
    if not candidates:
        return flags
    from translate.checks.encoder import encoder

    texts = [t for i, _, variants in candidates for t in (pairs[i][0], pairs[i][1], *variants)]
    vectors = encoder().encode(texts)
    at = 0
    for i, (detail, words), variants in candidates:
        own, at = vectors[at:at + 2 + len(variants)], at + 2 + len(variants)
        if _flip_closer(own):
            flags[i] = [Flag(FlagKind.negation, detail, words=tuple(dict.fromkeys(words)))]
    return flags


def check_negation(ar: str, en: str) -> list[Flag]:
    return check_negation_batch([(ar, en)])[0]


class Negation(Check):
    order = 35
    kinds = (FlagKind.negation,)
    costly = True

    def warm(self) -> None:
        known_word("warm")  # wordfreq's Arabic list, for negators written together with other words

    def batch(self, pairs: Sequence[Pair], context: Context) -> list[list[Flag]]:
        return check_negation_batch([(p.ar, p.en) for p in pairs])
