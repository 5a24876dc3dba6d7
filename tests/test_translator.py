import subprocess
import sys

from typer.testing import CliRunner

from tests.conftest import ROOT, SEEDS
from translate.cli import app
from translate.engines.batching import length_batches
from translate.normalize import normalize

ARTICLE = "أزمة ليبيا\n\nقال المصدر إن العملية مستمرة. وأضاف أنها طويلة.\n\nوذكرت المصادر أن الاجتماع انتهى."


def test_one_english_paragraph_per_arabic_paragraph(translator):
    english = translator.translate(ARTICLE)
    assert len(english) == 3
    assert all(paragraph.strip() for paragraph in english)


def test_sentences_and_chunks_are_kept_with_their_paragraph(translator):
    paragraphs = translator.translate_paragraphs(translator.prepare(ARTICLE))
    assert [len(p.sentences) for p in paragraphs] == [1, 2, 1]
    assert paragraphs[1].sentences[1].ar == "وأضاف أنها طويلة."
    assert paragraphs[1].en == " ".join(s.en for s in paragraphs[1].sentences)


def test_batched_translation_matches_one_by_one(translator, monkeypatch):
    """Sorting by length, batching and putting back must not change any result, nor the order.

    The engine is replaced by an exact function of its input (echo the source pieces reversed,
    padded to the batch's length bound), so any mix-up of order or of length bounds shows;
    real engines agree with it up to float rounding, which padding may move.
    """
    from translate.engines import Hypothesis

    def echo(batch, decoding):
        return [Hypothesis((list(reversed(tokens[:-1])) * decoding.max_new_tokens)[: decoding.max_new_tokens - 1], -0.1, False)
                for tokens in batch]

    monkeypatch.setattr(translator.engine, "generate_many", lambda jobs: (echo(batch, decoding) for batch, decoding in jobs))
    sentences = [s.ar for p in translator.prepare((SEEDS / "003_bb3abbb9473afff3.txt").read_text()) for s in p.sentences]
    together = translator.translate_chunks(sentences)
    assert together == [translator.translate_chunks([s])[0] for s in sentences]
    assert len(set(together)) == len(set(sentences))


def test_batches_never_mix_articles(translator, monkeypatch):
    """An article's translation must not depend on which other articles share the run (a rerun
    after a kill, files added, other workers): each batch holds chunks of one article only."""
    documents = [translator.prepare(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    owner = {tuple(translator.model.tokens(c)): k for k, doc in enumerate(documents)
             for p in doc for s in p.sentences for c in s.chunks}
    calls = []
    generate_many = translator.engine.generate_many
    monkeypatch.setattr(translator.engine, "generate_many", lambda jobs: calls.append(list(jobs)) or generate_many(jobs))
    done = list(translator.translate_articles(documents))
    assert sorted(done) == list(range(len(documents)))
    first, retries = calls[0], calls[1:]  # retries are single-chunk jobs of one article
    assert all(len({owner[tuple(tokens)] for tokens in batch}) == 1 for batch, _ in first)
    assert all(len(batch) == 1 for call in retries for batch, _ in call)
    chunks = sum(len(s.chunks) for doc in documents for p in doc for s in p.sentences)
    assert sum(len(batch) for batch, _ in first) == chunks and len(first) < chunks


def test_an_articles_translation_is_the_same_alone_or_among_others(tiny_marian):
    from translate.hub import ModelSource
    from translate.translator import TranslationOptions, Translator

    translator = Translator(ModelSource("translation", tiny_marian), TranslationOptions(num_beams=2))
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    together = [translator.prepare(t) for t in texts]
    list(translator.translate_articles(together))
    for text, among in zip(texts, together):
        alone = translator.translate_paragraphs(translator.prepare(text))
        assert [p.en for p in alone] == [p.en for p in among]


def test_long_sentences_are_chunked_never_truncated(tiny_marian):
    from translate.hub import ModelSource
    from translate.translator import TranslationOptions, Translator

    small = Translator(ModelSource("translation", tiny_marian), TranslationOptions(num_beams=1, chunk_tokens=24))
    text = normalize((SEEDS / "000_16c4f5798e7ff228.txt").read_text(encoding="utf-8"))
    for paragraph in small.translate_paragraphs(small.prepare(text)):
        for sentence in paragraph.sentences:
            assert all(small.count_tokens(chunk) <= 24 for chunk in sentence.chunks)
            assert "".join(sentence.chunks).replace(" ", "") == sentence.ar.replace(" ", "")


def test_length_batches_respect_the_token_budget():
    lengths = [5, 50, 7, 49, 3, 30]
    batches = length_batches(lengths, max_tokens=100)
    assert sorted(i for b in batches for i in b) == list(range(6))
    assert all(len(b) * max(lengths[i] for i in b) <= 100 or len(b) == 1 for b in batches)
    assert batches[0][0] == 1  # longest first


def test_cli_text_end_to_end(tiny_marian):
    runner = CliRunner()
    result = runner.invoke(app, ["text", ARTICLE, "--mt-model", str(tiny_marian), "--beams", "1"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().split("\n\n")) == 3


def test_cli_text_reads_files_and_stdin_alike(tiny_marian, tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    runner = CliRunner(env={"TRANSLATE_MT_MODEL": str(tiny_marian)})
    from_file = runner.invoke(app, ["text", "--file", str(path), "--beams", "1"])
    from_stdin = runner.invoke(app, ["text", "-", "--beams", "1"], input=ARTICLE.encode("utf-8"))
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout


def test_cli_text_refuses_english_and_binary(tiny_marian, tmp_path):
    runner = CliRunner(env={"TRANSLATE_MT_MODEL": str(tiny_marian)})
    english = runner.invoke(app, ["text", "The minister said on Friday."])
    assert english.exit_code == 1 and "no Arabic" in english.output
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = runner.invoke(app, ["text", "--file", str(binary)])
    assert result.exit_code == 1 and "photo.jpg" in result.output and "binary" in result.output


def test_cli_segment_prints_sentences_and_blank_lines():
    result = CliRunner().invoke(app, ["segment", "-"], input="عنوان الخبر\nقال المصدر. وأضاف أنها طويلة.\n".encode())
    assert result.exit_code == 0
    assert result.stdout == "عنوان الخبر\n\nقال المصدر.\nوأضاف أنها طويلة.\n"


def test_console_script_runs_on_a_local_model(tiny_marian):
    result = subprocess.run(
        [sys.executable, "-m", "translate", "text", "--mt-model", str(tiny_marian), "--beams", "1", "قال المصدر."],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() and "Traceback" not in result.stderr


def test_a_folder_that_is_no_model_is_refused_clearly(tmp_path):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["text", "قال المصدر.", "--mt-model", str(tmp_path)])
    assert result.exit_code == 2
    assert "Cannot load a model from" in result.output and str(tmp_path) in result.output
