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
