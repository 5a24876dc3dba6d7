"""A briefing to look at: NTREX-128 articles with their human English standing in for the translation.

    python tools/demo_briefing.py OUT_DIR && python tools/screenshot.py OUT_DIR

The tiny test models write noise, which hides what a page looks like with real English. This builds
the pages of eight NTREX articles (three reports of the Sulawesi earthquake, two of Ri Yong Ho at
the UN, three others) in two runs, the second adding two reports, through the tool's own wire
copies, story registry, names index and rendering. No model runs and no check either: the English
is the human reference, the brief its second and third lines, and the stamp says so.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import ntrex_documents  # noqa: E402

from translate.article import Article, Brief, Paragraph, Sentence, Source  # noqa: E402
from translate.copies import mark_copies  # noqa: E402
from translate.names_index import build_index  # noqa: E402
from translate.registry import StoryRegistry  # noqa: E402
from translate.render import article_html, briefing_html, briefing_markdown  # noqa: E402

RUNS = [{"reuters.txt": (7, "2018-09-29"), "nyt.txt": (27, "2018-09-29"), "ri-un.txt": (41, "2018-09-29"),
         "wales.txt": (0, "2018-09-28"), "shark.txt": (3, "2018-09-30"), "ri-reuters.txt": (48, "2018-09-30")},
        {"ap.txt": (97, "2018-09-30"), "palu.txt": (66, "2018-10-01")}]
STAMP = "demo: NTREX-128 human English in place of a translation; no model, no checks"


def article(documents, name: str, index: int, date: str) -> Article:
    lines = documents[index]
    paragraphs = [Paragraph(ar, k == 0, [Sentence(ar, [ar], en)]) for k, (ar, en) in enumerate(lines)]
    made = Article(Source(name, f"{index:064d}", "utf-8"), name, paragraphs, date=date, cache_key=f"{index:016x}")
    made.set_title(name)
    made.brief = Brief(" ".join(en for _, en in lines[1:3]), "extractive")
    return made


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    documents = ntrex_documents()
    batch: list[Article] = []
    for n, run in enumerate(RUNS):
        now = f"2018-10-0{n + 1} 08:00 UTC"
        registry = StoryRegistry(out, print)
        registry.start(now)
        for name, (index, date) in run.items():
            batch.append(article(documents, name, index, date))
            registry.attach(batch[-1])
        mark_copies(batch)
        stories = registry.stories(batch)
        registry.close()
    totals = {"date": now, "done": len(RUNS[-1]), "skipped": len(batch) - len(RUNS[-1]), "stamp": STAMP,
              "stories": stories, "names": build_index(batch)}
    (out / "briefing.md").write_text(briefing_markdown(batch, [], **totals), encoding="utf-8")
    (out / "briefing.html").write_text(briefing_html(batch, [], **totals), encoding="utf-8")
    for made in batch:
        (out / f"{made.output}.html").write_text(article_html(made, STAMP), encoding="utf-8")
    print(f"{len(batch)} articles in {len(stories)} stories: {out / 'briefing.html'}")


if __name__ == "__main__":
    main()
