"""Translation quality on a test set: BLEU, chrF and chrF++ by sacrebleu (each with its signature),
the share of lines the checks flag, and target tokens per second; or two configurations compared
on the same lines with sacrebleu's paired bootstrap.

The three public test sets ship with the package (translate/data/testsets, licences beside them).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from translate.article import Paragraph
from translate.checks import check_pairs
from translate.translator import Translator

TESTSETS = {
    "flores200": ("flores200/arb_Arab.devtest", "flores200/eng_Latn.devtest"),
    "ntrex128": ("ntrex128/newstest2019-ref.arb.txt", "ntrex128/newstest2019-src.eng.txt"),
    "tico19": ("tico19/tico19-test.ar", "tico19/tico19-test.en"),
}


@dataclass(frozen=True)
class TestSet:
    name: str
    sources: list[str]
    references: list[str]


@dataclass
class Evaluation:
    testset: str
    lines: int
    scores: dict[str, dict[str, Any]]  # metric -> {score, signature}
    flagged_share: float
    hypotheses: list[str] = field(default_factory=list)
    tokens_per_s: float | None = None
    seconds: float | None = None
    model: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"testset": self.testset, "lines": self.lines, "scores": self.scores,
                "flagged_share": round(self.flagged_share, 4), "tokens_per_s": self.tokens_per_s,
                "seconds": self.seconds, "model": self.model}


class Progress(Protocol):
    def __call__(self, *, total: int = 0, done: int = 0) -> None: ...


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def load_testset(name: str | None = None, source: Path | None = None, reference: Path | None = None,
                 limit: int | None = None) -> TestSet:
    """A shipped set by name, or two line-aligned files."""
    if source is not None or reference is not None:
        if source is None or reference is None:
            raise ValueError("give both --source and --reference")
        sources, references, label = _read_lines(source), _read_lines(reference), f"{source} / {reference}"
    else:
        name = name or "flores200"
        if name not in TESTSETS:
            raise ValueError(f"unknown test set {name!r}; choose one of {', '.join(TESTSETS)}")
        folder = resources.files("translate") / "data" / "testsets"
        ar, en = TESTSETS[name]
        sources = (folder / ar).read_text(encoding="utf-8").splitlines()
        references = (folder / en).read_text(encoding="utf-8").splitlines()
        label = name
    if len(sources) != len(references):
        raise ValueError(f"{len(sources)} source lines and {len(references)} reference lines: they must be line-aligned")
    if limit:
        sources, references = sources[:limit], references[:limit]
    return TestSet(label, sources, references)


def metrics():
    from sacrebleu.metrics import BLEU, CHRF

    return {"BLEU": BLEU(), "chrF": CHRF(), "chrF++": CHRF(word_order=2)}


def score(hypotheses: Sequence[str], testset: TestSet) -> Evaluation:
    scores = {}
    for name, metric in metrics().items():
        result = metric.corpus_score(list(hypotheses), [testset.references])
        scores[name] = {"score": round(result.score, 2), "signature": str(metric.get_signature())}
    flagged = sum(bool(flags) for flags in check_pairs(list(zip(testset.sources, hypotheses))))
    return Evaluation(testset.name, len(hypotheses), scores, flagged / max(1, len(hypotheses)), list(hypotheses))


def translate_lines(translator: Translator, lines: Sequence[str], progress: Progress | None = None
                    ) -> tuple[list[str], float, int]:
    """One English line per source line (alignment kept), seconds, and target tokens produced.

    ``progress(total=N)`` is called once with the number of sentence pieces, then ``progress(done=n)``
    after each batch."""
    paragraphs = []
    for line in lines:
        parts = translator.prepare(line)
        paragraphs.append(Paragraph(line, False, [s for p in parts for s in p.sentences]))
    produced_before = translator.model.produced_tokens
    start = time.perf_counter()
    if progress:
        progress(total=sum(len(s.chunks) for p in paragraphs for s in p.sentences))
    for _ in translator.translate_articles([paragraphs], progress=(lambda n: progress(done=n)) if progress else None):
        pass
    seconds = time.perf_counter() - start
    return [p.en for p in paragraphs], seconds, translator.model.produced_tokens - produced_before


def evaluate(translator: Translator, testset: TestSet, progress: Progress | None = None) -> Evaluation:
    hypotheses, seconds, produced = translate_lines(translator, testset.sources, progress)
    result = score(hypotheses, testset)
    result.seconds, result.tokens_per_s = round(seconds, 2), round(produced / seconds, 1) if seconds else None
    result.model = translator.provenance()
    return result


def compare(first: Evaluation, second: Evaluation, testset: TestSet, samples: int = 1000) -> dict[str, Any]:
    """Both systems' scores, the difference, and sacrebleu's paired bootstrap (p-value, 95% interval)."""
    from sacrebleu.significance import PairedTest

    names = metrics()
    test = PairedTest([("first", first.hypotheses), ("second", second.hypotheses)], names,
                      [testset.references], test_type="bs", n_samples=samples)
    _, results = test()
    out = {}
    # sacrebleu keys its results by its own metric names (chrF2, chrF2++) after a "System" entry.
    for name, (base, other) in zip(names, [v for k, v in results.items() if k != "System"]):
        out[name] = {"first": round(base.score, 2), "second": round(other.score, 2),
                     "difference": round(other.score - base.score, 2), "p_value": other.p_value,
                     "second_95ci": [round(other.mean - other.ci, 2), round(other.mean + other.ci, 2)]}
    return out
