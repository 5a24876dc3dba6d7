"""Reading one file: size limits checked before reading or inflating, mislabelled encodings, deep
Markdown, and any reader failure kept to its own file."""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, brief_cli
from translate.errors import InputError
from translate.formats import parse_markdown
from translate.reader import MB, ReadLimits, read_source, repair_mojibake, source_from_bytes

DATA = Path(__file__).parent / "data"
PAGE = DATA / "news_page.html"  # UTF-8 bytes that declare <meta charset="windows-1256">
GOOD = (SEEDS / "003_bb3abbb9473afff3.txt").read_bytes()




def peak_rss_mb(code: str) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter after importing the reader; how far its peak resident memory
    (MB) rose above what the imports took, and what it printed."""
    script = ("import resource\nfrom translate.reader import read_source, InputError\n"
              "import trafilatura, docx, markdown_it\n"
              "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n" + code +
              "\nprint('PEAK', (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    peak = float(done.stdout.rsplit("PEAK", 1)[1])
    return peak, done.stdout


# Encodings ------------------------------------------------------------------------------------------------

def test_a_utf8_page_that_declares_windows_1256_is_read_as_utf8_and_says_so(tmp_path):
    data = PAGE.read_bytes()
    assert b'charset="windows-1256"' in data and data.decode("utf-8")
    source = source_from_bytes(data, "page.html", "html")
    assert source.encoding == "utf-8"
    assert source.blocks[0].text == "حفتر يلتقي المبعوث الأممي في بنغازي"
    assert not any("ط¸" in block.text for block in source.blocks)
    assert [kind for kind, _ in source.notes] == ["encoding"]
    assert "declares cp1256" in source.notes[0][1] or "declares windows-1256" in source.notes[0][1]


def test_a_real_windows_1256_page_is_still_read_as_declared():
    data = PAGE.read_text(encoding="utf-8").encode("cp1256")
    source = source_from_bytes(data, "page.html", "html")
    assert source.encoding == "cp1256" and source.notes == ()
    assert source.blocks[0].text == "حفتر يلتقي المبعوث الأممي في بنغازي"


def test_mojibake_saved_as_utf8_is_repaired_and_flagged(tmp_path, tiny_marian):
    arabic = GOOD.decode("utf-8")
    mangled = arabic.encode("utf-8").decode("cp1256")
    assert repair_mojibake(mangled) == arabic and repair_mojibake(arabic) is None
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mangled.txt").write_text(mangled, encoding="utf-8")
    result = brief_cli([folder, "-o", tmp_path / "out"], tiny_marian)
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "out" / "mangled.txt.json").read_text(encoding="utf-8"))
    sent = " ".join(s["ar"] for p in record["paragraphs"] for s in p["sentences"])
    assert "ط¸" not in sent and "ليبيا" in sent or arabic.split()[0] in sent
    assert any(f["kind"] == "encoding" and "repaired" in f["detail"] for f in record["flags"])


# Markdown -------------------------------------------------------------------------------------------------

def test_deeply_nested_markdown_loses_no_letter():
    items = [f"{'  ' * i}- بند رقم {i}" for i in range(2000)]  # 100 times markdown-it's depth; 4 MB of indentation
    parsed = parse_markdown("\n".join(items))
    texts = [b.text for b in parsed.blocks]
    assert len(texts) == 2000 and texts[0] == "بند رقم 0" and texts[-1] == "بند رقم 1999"
    assert parsed.notes and parsed.notes[0][0] == "reading"
    quoted = parse_markdown(">" * 100_000 + " نص عربي في اقتباس عميق\n\nفقرة بعده.")
    assert [b.text for b in quoted.blocks] == ["نص عربي في اقتباس عميق", "فقرة بعده."]
    mixed = parse_markdown("> - > - > " * 30 + "**كلمة** [رابط](http://x.example)")
    assert [b.text for b in mixed.blocks] == ["كلمة رابط"]
    assert parse_markdown("# عنوان\n\nنص.").notes == ()  # ordinary Markdown: nothing to say


def test_raw_html_blocks_in_markdown_keep_their_text():
    parsed = parse_markdown("<div>\n<p>نص داخل HTML</p>\n<script>alert(1)</script>\n</div>\n\nفقرة.")
    assert [b.text for b in parsed.blocks] == ["نص داخل HTML", "فقرة."]


# Any reader failure is the file's own --------------------------------------------------------------------

def test_a_reader_that_breaks_fails_its_file_only(tmp_path, tiny_marian, monkeypatch):
    import translate.reader

    def broken(*_args, **_kwargs):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")

    monkeypatch.setattr(translate.reader, "parse_html", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_bytes(PAGE.read_bytes())
    (folder / "a.txt").write_bytes(GOOD)
    result = brief_cli([folder, "-o", tmp_path / "out"], tiny_marian)
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "1 done" in text and "1 failed" in text and "Traceback" not in result.output
    assert "page.html (could not be read (ImportError: lxml.html.clean" in text
    assert (tmp_path / "out" / "a.txt.json").exists()
    assert "page.html" in (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")


def test_the_readers_imports_are_declared():
    """trafilatura's justext needs lxml's html_clean, which lxml no longer ships: it must be a dependency."""
    import tomllib

    declared = " ".join(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    for needed in ("trafilatura", "lxml_html_clean", "python-docx", "markdown-it-py"):
        assert needed in declared, needed


# Size limits -------------------------------------------------------------------------------------------

def test_an_oversized_file_fails_by_name_before_it_is_read(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    big = folder / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(150 * MB)  # sparse: 150 MB long, nothing to write
    (folder / "a.txt").write_bytes(GOOD)
    result = brief_cli([folder, "-o", tmp_path / "out"], tiny_marian)
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "huge.txt (150.0 MB, over the limit of 64 MB for one input (--max-input-mb)" in text
    assert "1 done" in text and (tmp_path / "out" / "briefing.md").exists()
    small = brief_cli([folder, "-o", tmp_path / "out2", "--max-input-mb", "0.001"], tiny_marian)
    assert "over the limit of 0.001 MB" in small.output and "2 failed" in small.output
    peak, out = peak_rss_mb(f"try:\n    read_source(__import__('pathlib').Path({str(big)!r}))\n"
                            f"except InputError as e:\n    print(e)")
    assert "over the limit" in out and peak < 50, peak


def zip_bomb(inflated: int) -> bytes:
    """A .docx whose document.xml inflates to ``inflated`` bytes (a few kB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b" " * MB
            for _ in range(inflated // MB):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(zip_bomb(1200 * MB))
    assert bomb.stat().st_size < 5 * MB
    with pytest.raises(InputError, match=r"inflate to 1200\.\d MB, over the limit of 64 MB"):
        read_source(bomb)
    peak, _ = peak_rss_mb(f"try:\n    read_source(__import__('pathlib').Path({str(bomb)!r}))\n"
                          f"except InputError as e:\n    print(e)")
    assert peak < 50, peak


def test_a_page_over_trafilaturas_own_limit_is_read(tmp_path):
    """trafilatura refuses pages over 20 MB on its own; under our limit, the page's article is read."""
    html = PAGE.read_text(encoding="utf-8")
    picture = '<img src="data:image/png;base64,' + "A" * (21 * MB) + '">'
    big = html.replace("</body>", picture + "</body>")
    path = tmp_path / "saved.html"
    path.write_text(big, encoding="utf-8")
    source = read_source(path)
    assert source.blocks[0].text == "حفتر يلتقي المبعوث الأممي في بنغازي"
    with pytest.raises(InputError, match="over the limit of 10 MB"):
        read_source(path, ReadLimits(max_bytes=10 * MB))


LONG_RUN = """
import resource, sys, json
from pathlib import Path
from translate.pipeline import BriefOptions, brief
from translate.summarizer import SummaryOptions
from translate.translator import TranslationOptions
folder, marian = Path(sys.argv[1]), sys.argv[2]
def run(name):
    out = folder / (name + '-out')
    brief([folder / name], BriefOptions(out_dir=out, mt_model=marian, cache=False, translation=TranslationOptions(num_beams=1),
                                        summary=SummaryOptions(summarizer='extractive')))
    return sum(p.stat().st_size for p in out.iterdir())
run('small')
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
written = run('large')
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base
print(json.dumps({'grown': grown, 'written': written}))
"""


def test_a_long_unpunctuated_paragraph_finishes_in_bounded_memory_with_a_short_brief(tmp_path, tiny_marian):
    words = GOOD.decode("utf-8").replace(".", " ").replace("\n", " ").split()
    for name, size in (("small", 20_000), ("large", 1_000_000)):
        (tmp_path / name).mkdir()
        text, n = [], 0
        while n < size:
            text.append(words[len(text) % len(words)])
            n += len(text[-1]) + 1
        (tmp_path / name / "one-paragraph.txt").write_text(" ".join(text), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", LONG_RUN, str(tmp_path), str(tiny_marian)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    # Peak memory grows with what the outputs hold (the JSON keeps every chunk), never beyond a few times that.
    assert figures["grown"] < 5 * figures["written"], figures
    record = json.loads((tmp_path / "large-out" / "one-paragraph.txt.json").read_text(encoding="utf-8"))
    assert len(record["brief"]["text"].split()) <= 3 * 61
    assert (tmp_path / "large-out" / "briefing.md").stat().st_size < 20_000
