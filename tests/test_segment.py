import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.normalize import normalize
from translate.segment import chunk_sentence, split_paragraphs, split_sentences


def alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ذهب الولد. عاد البنت! هل جاء؟ نعم", ["ذهب الولد.", "عاد البنت!", "هل جاء؟", "نعم"]),
        ("حقا؟! نعم… ربما", ["حقا؟!", "نعم…", "ربما"]),
        ("وصل إلى طرابلس.وقال إنه", ["وصل إلى طرابلس.", "وقال إنه"]),
        ("قال: «انتهى الأمر.» ثم غادر", ["قال: «انتهى الأمر.»", "ثم غادر"]),
        ('قال "انتهى." ثم غادر (أمس.) وعاد', ['قال "انتهى."', "ثم غادر (أمس.)", "وعاد"]),
        ("مستمرة للقضاء على الإرهاب., وأفادت المصادر", ["مستمرة للقضاء على الإرهاب.,", "وأفادت المصادر"]),
        ("نما 1.2 في المئة و٢.٨ أيضا", ["نما 1.2 في المئة و٢.٨ أيضا"]),
        ("الإصدار 2.8.1 متاح", ["الإصدار 2.8.1 متاح"]),
        ("زوروا https://example.com/a.b?x=1 للمزيد. شكرا", ["زوروا https://example.com/a.b?x=1 للمزيد.", "شكرا"]),
        ("راسلونا على info.desk@example.org اليوم. شكرا", ["راسلونا على info.desk@example.org اليوم.", "شكرا"]),
        ("التقى د. أحمد و أ.د. سامي في ص.ب. 12 بالقاهرة. ثم", ["التقى د. أحمد و أ.د. سامي في ص.ب. 12 بالقاهرة.", "ثم"]),
        ("قالت الولايات المتحدة U.S. إن Dr. Smith وصل. ثم", ["قالت الولايات المتحدة U.S. إن Dr. Smith وصل.", "ثم"]),
        ("بلغ عمره 20 عامًا. وقالت الشرطة", ["بلغ عمره 20 عامًا.", "وقالت الشرطة"]),
        ("الأول، الثاني؛ الثالث: الرابع", ["الأول، الثاني؛ الثالث: الرابع"]),
        ("مازلت آمل.. تجنب المواجهة", ["مازلت آمل.. تجنب المواجهة"]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert split_sentences(text) == expected


def test_headings_stay_whole_and_paragraphs_follow_lines():
    text = normalize("أزمة ليبيا.. حفتر لغويتريس: عملية طرابلس مستمرة\n\nقال المصدر إن العملية مستمرة. وأضاف أنها طويلة.\nحفتر في تشاد\n")
    paragraphs = split_paragraphs(text)
    assert [p.heading for p in paragraphs] == [True, False, True]
    assert paragraphs[0].sentences == ("أزمة ليبيا.. حفتر لغويتريس: عملية طرابلس مستمرة",)
    assert paragraphs[1].sentences == ("قال المصدر إن العملية مستمرة.", "وأضاف أنها طويلة.")


def test_seed_articles_lose_no_letter():
    from tests.conftest import SEEDS

    for path in SEEDS.glob("*.txt"):
        text = normalize(path.read_text(encoding="utf-8"))
        paragraphs = split_paragraphs(text)
        assert alnum("".join(s for p in paragraphs for s in p.sentences)) == alnum(text)


def words(text: str) -> int:
    return len(text.split())


def test_long_sentence_splits_at_semicolon_then_comma_then_wa():
    sentence = "أ ب ج؛ د ه و، ز ح ط ي وكان ك ل م ن"
    assert chunk_sentence(sentence, words, 6) == ["أ ب ج؛", "د ه و،", "ز ح ط ي", "وكان ك ل م ن"]


def test_chunk_splits_inside_an_overlong_word_as_last_resort():
    chunks = chunk_sentence("abcdefghij", len, 3)
    assert chunks == ["abc", "def", "ghi", "j"]


def test_chunks_measured_in_real_subword_tokens(translator):
    from tests.conftest import SEEDS

    text = normalize((SEEDS / "000_16c4f5798e7ff228.txt").read_text(encoding="utf-8"))
    for paragraph in split_paragraphs(text):
        for sentence in paragraph.sentences:
            chunks = chunk_sentence(sentence, translator.count_tokens, 40)
            assert all(translator.count_tokens(c) <= 40 for c in chunks)
            assert alnum("".join(chunks)) == alnum(sentence)


ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإةى"),
        st.sampled_from("      .،؛:!؟…«»\"()0123456789٠١٢٣٤٥٦٧٨٩\n"),
        st.sampled_from("abcXYZ@/"),
    ),
    max_size=400,
)


@settings(max_examples=200, deadline=None)
@given(ARABIC_TEXT, st.integers(min_value=1, max_value=12))
def test_no_letter_lost_and_every_chunk_fits(raw, budget):
    """Every letter and digit of the normalized input is in exactly one chunk, in order."""
    text = normalize(raw)
    chunks = [
        chunk
        for paragraph in split_paragraphs(text)
        for sentence in paragraph.sentences
        for chunk in chunk_sentence(sentence, len, budget)
    ]
    assert alnum("".join(chunks)) == alnum(text)
    assert all(0 < len(chunk) <= budget for chunk in chunks)
