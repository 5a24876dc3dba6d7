import codecs

import pytest

from translate.errors import InputError
from translate.reader import read_source

ARABIC = "قال المصدر إن العملية مستمرة.\nوأضاف أنها طويلة."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
        (ARABIC.encode("cp1256"), "cp1256"),
    ],
)
def test_supported_encodings_read_the_same_text(tmp_path, data, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.text.replace("\r\n", "\n") == ARABIC
    assert source.encoding == encoding


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        ("The minister said on Friday.".encode(), "no Arabic"),
        ("Le ministre a déclaré vendredi. Été, café, à bientôt.".encode("latin-1"), "unsupported encoding"),
        (ARABIC.encode("utf-16-le"), "binary"),  # UTF-16 without a byte-order mark is refused
    ],
)
def test_bad_input_is_refused_by_name(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_source(path)
    assert str(path) in str(info.value)


def test_unreadable_file(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        read_source(tmp_path / "missing.txt")


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_says_where(tmp_path):
    """A UTF-8 file with stray bytes (a cut download, two files joined) is read as UTF-8, each bad byte
    replaced and the reader told how many and where: read as Windows-1256 every letter would be garbled."""
    good = (ARABIC + "\n") * 3
    data = good.encode("utf-8")
    data = data[:40] + b"\xff\xfe" + data[40:] + "قال".encode("utf-8")[:-1]  # two stray bytes, one cut letter
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == "utf-8"
    assert source.text.count("\ufffd") == 3
    assert source.text.replace("\ufffd", "").startswith(good[:20])
    (note,) = [detail for kind, detail in source.notes if kind == "encoding"]
    assert "3 bytes" in note and "byte 40" in note


@pytest.mark.parametrize("text", [ARABIC, "ماذا؟ لماذا؟ متى، وأين؟ " * 20, "گفت: پيش از چهار ژاله ، " * 10 + ARABIC])
def test_windows_1256_arabic_is_not_read_as_damaged_utf8(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1256"))
    source = read_source(path)
    assert source.encoding == "cp1256" and source.text == text and not source.notes


def test_a_page_declared_utf8_with_a_bad_byte_is_read_as_declared(tmp_path):
    page = f'<html><head><meta charset="utf-8"></head><body><p>{ARABIC}</p><p>{ARABIC}</p></body></html>'
    data = page.encode("utf-8").replace(b"<p>", b"<p>\xff", 1)
    path = tmp_path / "page.html"
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == "utf-8" and ARABIC.splitlines()[0] in source.text
    (note,) = [detail for kind, detail in source.notes if kind == "encoding"]
    assert "1 byte that is not UTF-8 (the first at byte" in note
    assert "declares" not in note
