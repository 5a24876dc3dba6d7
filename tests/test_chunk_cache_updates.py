"""The chunk cache: an updated article translates only what changed; a corrupt cache is set aside."""

from pathlib import Path

from tests.conftest import SEEDS, brief_cli, record
from translate import settings
from translate.cache import ChunkCache, Translation
from translate.flags import Flag, FlagKind

DATA = Path(__file__).parent / "data"
PAGE = DATA / "news_page.html"
NOT_ARTICLE = ["نستخدم ملفات", "الرئيسية", "شارك على", "أخبار ذات صلة", "السراج يزور", "نتمنى أن يعم", "أضف تعليقك",
               "احجز رحلتك", "الأكثر قراءة", "جميع الحقوق"]



# Updated articles: only what changed is translated ----------------------------------------------------------

def test_an_added_paragraph_is_all_that_is_translated(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setenv(settings.CACHE, str(tmp_path / "cache"))
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    article = folder / "story.txt"
    article.write_bytes((SEEDS / "001_b2e0ecc695aa0088.txt").read_bytes())
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    first = record(out, "story.txt")

    from translate.engines.seq2seq import Seq2Seq

    translated = []
    real = Seq2Seq.run_groups

    def spy(self, groups, *args, **kwargs):
        translated.append([text for group in groups for text in group])
        return real(self, groups, *args, **kwargs)

    monkeypatch.setattr(Seq2Seq, "run_groups", spy)
    added = "وفي تطور لاحق، أعلنت البعثة الأممية استئناف المشاورات يوم الاثنين المقبل."
    article.write_text(article.read_text(encoding="utf-8") + "\n" + added, encoding="utf-8")
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    second = record(out, "story.txt")
    assert second["source"]["sha256"] != first["source"]["sha256"]
    assert translated[0] == [added], translated  # later calls, if any, are that chunk's own retries
    assert all(piece.replace(" ", "") in added.replace(" ", "") for call in translated[1:] for piece in call)
    assert second["paragraphs"][:-1] == first["paragraphs"]

    translated.clear()
    assert "1 done" in brief_cli([folder, "-o", out, "--force", "--no-cache"], tiny_marian).output
    assert len(translated[0]) > 10


def test_a_corrupt_cache_is_set_aside_with_a_warning(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setenv(settings.CACHE, str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "chunks.sqlite").write_bytes(b"this is not a database" * 100)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "003_bb3abbb9473afff3.txt").read_bytes())
    result = brief_cli([folder, "-o", tmp_path / "out"], tiny_marian)
    assert result.exit_code == 0, result.output
    assert "could not be read" in result.output and "set aside" in result.output
    assert list((tmp_path / "cache").glob("chunks.sqlite.corrupt-*"))
    cache = ChunkCache({"x": 1}, tmp_path / "cache" / "chunks.sqlite")
    kept = Translation("a", -0.1, True, (Flag(FlagKind.retried, "again"),))
    cache.put_many({"ا": kept})
    assert cache.get_many(["ا", "ب"]) == {"ا": kept}
