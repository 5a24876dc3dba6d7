import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from translate.normalize import normalize


def test_removes_tatweel_bidi_and_zero_width():
    assert normalize("الـــعـربية\u200f \u202bنص\u202c\u200b\u2066ما\u2069\u061c") == "العربية نصما"


def test_whitespace_is_tidied_and_line_breaks_kept():
    assert normalize("  أ \t ب  \r\n\r\n ج\u00a0 د  ") == "أ ب\n\nج د"


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "آمن")
    assert normalize(decomposed) == unicodedata.normalize("NFC", "آمن")


def test_diacritics_kept_by_default_and_stripped_on_request():
    text = "مُحَمَّدٌ"
    assert normalize(text) == text
    assert normalize(text, strip_diacritics=True) == "محمد"


def test_arabic_indic_digits_kept():
    assert normalize("عام ٢٠١٩ و 2020 و ٢٫٨") == "عام ٢٠١٩ و 2020 و ٢٫٨"


ARABICISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(" \t\n\r\u200b\u200f\u202b\u2066.,؟ab19"),
        st.characters(),
    )
)


@given(ARABICISH)
def test_letters_and_digits_survive(text):
    """Only tatweel (a letter-like stretcher) is removed among letters and digits."""
    kept = [c for c in unicodedata.normalize("NFC", text) if c.isalnum() and c != "\u0640"]
    assert [c for c in normalize(text) if c.isalnum()] == kept
