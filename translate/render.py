"""Rendering: per-article Markdown and the batch's briefing.md, every untrusted string escaped.

File names, article text and model output are untrusted: control characters are removed, HTML
is escaped, Markdown syntax is backslash-escaped, and link targets are percent-encoded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from translate.article import Article, Sentence, Story
from translate.chars import CONTROLS, bidi_visible, plural, visible
from translate.flags import Flag

MARKER = "<!-- translate-briefing cache_key={key} -->"
_MARKER = re.compile(r"^<!-- translate-briefing cache_key=([0-9a-f]+) -->$")
_CONTROL = re.compile(f"(?![\\t\\n])[{CONTROLS}]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~!])")
_LINE_START = re.compile(r"^(\s*\d*)([-+>=.)])")


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


def _to_check(counts: dict) -> str:
    return f"{counts['sentences_to_check']} of {plural(counts['sentences'], 'sentence')} to check"


def clean(text: str) -> str:
    """Text with no control characters except tab and line breaks (NUL was seen in model output), and
    bidi controls made visible (they could reorder what the reader sees)."""
    return bidi_visible(_CONTROL.sub("", text))


def md_inline(text: str) -> str:
    """Text safe as inline Markdown on a line of its own: no markup, no HTML, no line breaks."""
    text = " ".join(clean(text).split())
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def html_text(text: str) -> str:
    return html.escape(clean(text), quote=True)


def link_target(relative: str) -> str:
    return quote(relative, safe="/")


def marker_key(first_line: str) -> str | None:
    match = _MARKER.match(first_line.strip())
    return match.group(1) if match else None


def article_markdown(article: Article) -> str:
    brief = article.brief
    lines = [MARKER.format(key=article.cache_key), "", f"# {md_inline(article.title) or '(untitled)'}", ""]
    if brief is not None:
        lines += [f"**Brief** ({brief.method}): {md_inline(brief.text) or '(empty)'}", ""]
        if brief.flags:
            lines += ["> **Check the brief:** " + "; ".join(md_inline(f.detail) for f in brief.flags), ""]
    counts = article.check_counts()
    if counts["sentences_to_check"]:
        lines += [f"*{_to_check(counts)}* (marked below)", ""]
    published = f" · published {md_inline(article.date)}" if article.date else ""
    lines += [f"*Source:* {md_inline(visible(article.source.path))}{published}", ""]
    if article.flags:
        lines += ["*Check:* " + "; ".join(md_inline(flag.detail) for flag in article.flags), ""]
    lines += ["## Translation", ""]
    number = 0
    for paragraph in article.paragraphs:
        english = md_inline(paragraph.en) or "(no translation)"
        lines += [f"### {english}" if paragraph.heading else english, ""]
        for sentence in paragraph.sentences:
            number += 1
            if to_check(sentence):
                lines += [f"> **Check** sentence {number} (“{md_inline(_snippet(sentence.en))}”): {md_inline(reasons(sentence))}", ""]
        lines += [
            "<details><summary>Arabic original</summary>",
            "",
            f'<p dir="rtl" lang="ar">{html_text(paragraph.ar)}</p>',
            "",
            "</details>",
            "",
        ]
    return "\n".join(lines)


def to_check(sentence: Sentence) -> bool:
    return any(f.to_check for f in sentence.flags)


def fault_words(sentences: Sequence[Sentence] = (), flags: Sequence[Flag] = ()) -> list[str]:
    """The words at fault that the flags of these sentences (or these flags) name, longest first."""
    flags = [*flags, *(f for s in sentences for f in s.flags)]
    words = {w for f in flags if f.to_check for w in f.words if w.strip()}
    return sorted(words, key=lambda w: (-len(w), w))


def marked(text: str, words: Sequence[str]):
    """HTML of ``text`` with each of ``words`` in <mark>: every piece escaped (the words are model
    output and article text too). Latin words match whole and in any case, Arabic ones as written."""
    from markupsafe import Markup

    text = clean(text)
    if not words:
        return Markup(html_text(text))
    alternatives = [rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if re.search("[A-Za-z]", w) else re.escape(w) for w in words]
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    out, at = [], 0
    for match in pattern.finditer(text):
        out += [html_text(text[at:match.start()]), f"<mark>{html_text(match.group(0))}</mark>"]
        at = match.end()
    out.append(html_text(text[at:]))
    return Markup("".join(out))


def reasons(sentence: Sentence) -> str:
    return "; ".join(f"{f.kind.value.replace('_', ' ')}: {f.detail}" for f in sentence.flags if f.to_check)


def _snippet(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


WORST = 10


def worst_sentences(articles: Sequence[Article]) -> list[tuple[Article, Sentence]]:
    """The batch's sentences most in need of a look: most reasons first, then the least confident."""
    ranked = sorted(((len([f for f in s.flags if f.to_check]), s.score or 0.0, a.output, k, a, s)
                     for a in articles for k, s in enumerate(a.flagged())), key=lambda x: (-x[0], x[1], x[2], x[3]))
    return [(a, s) for *_, a, s in ranked[:WORST]]


@lru_cache(maxsize=1)
def _jinja():
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    environment = Environment(loader=PackageLoader("translate", "templates"), autoescape=True, undefined=StrictUndefined,
                       finalize=lambda value: clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value,
                       trim_blocks=True, lstrip_blocks=True)
    environment.filters["to_check"] = _to_check  # "1 of 3 sentences to check", one wording for every page
    environment.filters["name"] = visible  # file names: control and bidi characters shown as escapes
    return environment


def article_html(article: Article, stamp: str) -> str:
    """A self-contained page: the brief on top, English beside its Arabic (right to left), flags highlighted."""
    why = lambda sentence: reasons(sentence) if to_check(sentence) else ""  # noqa: E731
    return _jinja().get_template("article.html.j2").render(
        article=article, counts=article.check_counts(), stamp=stamp, marker=MARKER.format(key=article.cache_key),
        reasons=why, snippet=_snippet, marked=marked, fault_words=fault_words)


def shown(articles: Sequence[Article]) -> list[tuple[Article, list[Article]]]:
    """The articles the briefing shows, by name, each with its wire copies (shown once, as "also published in")."""
    by_output = {a.output: a for a in articles}
    hidden = set()
    out = []
    for article in sorted(articles, key=lambda a: (-a.sentence_count, a.date or "~", a.output)):
        if article.output in hidden:
            continue
        copies = [by_output[c] for c in article.copies if c in by_output]
        hidden.update(c.output for c in copies)
        out.append((article, copies))
    return sorted(out, key=lambda item: item[0].output)


NAMES_SHOWN = 30  # the names panel shows the batch's most frequent names; `translate names DIR` lists them all


def _stories(articles: Sequence[Article], stories: Sequence[Story] | None) -> list[Story]:
    """The briefing's stories; without a registry's (a page rendered alone), one per article shown."""
    if stories is not None:
        return list(stories)
    return [Story(n, [a, *copies], brief=[(a.brief.text, a.output)] if a.brief and a.brief.text else [])
            for n, (a, copies) in enumerate(shown(articles))]


def story_view(story: Story) -> dict:
    """What a story card shows: its articles (wire copies under the one shown), its brief with the
    sources of what the others add, its timeline (this run's lines marked), its counts."""
    counts = {a.output: a.check_counts() for a in story.articles}
    order = {a.output: i for i, a in enumerate(story.articles)}
    items = sorted(({"article": a, "counts": counts[a.output], "copies": copies} for a, copies in shown(story.articles)),
                   key=lambda item: order[item["article"].output])
    lead = story.articles[0].output if story.articles else ""
    return {"story": story, "items": items, "size": len(story.articles), "lead": lead,
            "brief": [(text, "" if output == lead else output) for text, output in story.brief],
            "timeline": [(event, bool(story.run) and event.run == story.run) for event in story.timeline],
            "to_check": sum(c["sentences_to_check"] for c in counts.values()),
            "brief_flags": sum(c["brief_flags"] for c in counts.values())}


def _names_view(names: Sequence) -> list[dict]:
    return [{"arabic": n.arabic, "renderings": n.renderings.most_common(), "articles": len(n.articles),
             "consistent": n.consistent} for n in list(names)[:NAMES_SHOWN]]


def briefing_html(articles: Sequence[Article], failures: Sequence[Failure], *, date: str, done: int, skipped: int,
                  stamp: str, left_out: Sequence[Failure] = (), stories: Sequence[Story] | None = None,
                  names: Sequence = (), since: str | None = None) -> str:
    views = [story_view(s) for s in _stories(articles, stories)]
    worst = [{"output": a.output, "link": link_target(a.output + ".html"), "snippet": _snippet(s.en, 12), "why": reasons(s)}
             for a, s in worst_sentences(articles)]
    return _jinja().get_template("briefing.html.j2").render(
        articles=articles, stories=views, names=_names_view(names), all_names=len(names), since=since,
        inconsistent=sum(not n.consistent for n in names), link=lambda output, suffix=".html": link_target(output + suffix),
        snippet=_snippet,
        failures=sorted(failures, key=lambda f: f.path), date=date, done=done, skipped=skipped,
        stamp=stamp, worst=worst, left_out=sorted(left_out, key=lambda f: f.path))


def _md_link(output: str) -> str:
    return f"[{md_inline(visible(output))}]({link_target(output + '.md')})"


def _story_markdown(view: dict) -> list[str]:
    story: Story = view["story"]
    mark = {"new": " · new", "updated": " · updated"}.get(story.status, "")
    size = view["size"]
    dates = f" · first report {md_inline(story.first)} · latest {md_inline(story.latest)}" if story.timeline else ""
    lines = [f"### {md_inline(story.title) or '(untitled)'}{mark}", "",
             f"*{size} article{'s' * (size != 1)}{dates}*", ""]
    brief = " ".join(md_inline(text) + (f" *(from {_md_link(output)})*" if output else "") for text, output in view["brief"])
    lines += [brief or "(no brief)", ""]
    for item in view["items"]:
        article, counts = item["article"], item["counts"]
        checks = _to_check(counts)
        if counts["brief_flags"]:
            checks += "; check the brief (" + "; ".join(md_inline(f.detail) for f in article.brief.flags) + ")"
        published = (f" · {md_inline(article.outlet)}" if article.outlet else "") + (
            f" · published {md_inline(article.date)}" if article.date else "")
        title = md_inline(article.title) or "(untitled)"
        lines.append(f"- {title}{published} · [Full article]({link_target(article.output + '.md')}) · {checks}")
        if item["copies"]:
            lines.append("  - *Also published in: " + ", ".join(_md_link(c.output) for c in item["copies"]) + "* (wire copies)")
    lines.append("")
    if len(story.timeline) > 1 or story.status == "updated":
        lines += ["Timeline:", ""]
        lines += [f"- {md_inline(event.when)}: {event.what}, {_md_link(event.output)}" + (" (this run)" if this_run else "")
                  for event, this_run in view["timeline"]]
        lines.append("")
    return lines


def briefing_markdown(articles: Sequence[Article], failures: Sequence[Failure], *, date: str, done: int, skipped: int,
                      stamp: str, left_out: Sequence[Failure] = (), stories: Sequence[Story] | None = None,
                      names: Sequence = (), since: str | None = None) -> str:
    noun = "article" if len(articles) == 1 else "articles"
    views = [story_view(s) for s in _stories(articles, stories)]
    counted = "1 story" if len(views) == 1 else f"{len(views)} stories"
    lines = [
        "# Briefing",
        "",
        f"{date} · {len(articles)} {noun} in {counted} ({done} translated now, {skipped} unchanged) · {len(failures)} failed",
        "",
        f"`{stamp.replace('`', '')}`",
        "",
    ]
    if since is not None:
        lines += [f"*Only the stories with articles added or revised since {md_inline(since)}.*", ""]
    lines += ["## Stories", ""]
    for view in views:
        lines += _story_markdown(view)
    if not views:
        lines += ["(nothing changed)", ""]
    if names:
        inconsistent = sum(not n.consistent for n in names)
        lines += ["## Names", "", f"{len(names)} names, {inconsistent} rendered more than one way"
                  + (f"; the first {NAMES_SHOWN} here (`translate names` lists them all)" if len(names) > NAMES_SHOWN else ""), "",
                  "| Arabic | English | articles | |", "|---|---|---|---|"]
        for name in _names_view(names):
            renderings = ", ".join(f"{md_inline(r)} ×{n}" for r, n in name["renderings"])
            lines.append(f"| {md_inline(name['arabic'])} | {renderings} | {name['articles']} | "
                         f"{'' if name['consistent'] else 'rendered more than one way'} |")
        lines.append("")
    worst = worst_sentences(articles)
    if worst:
        lines += ["## Sentences to check first", ""]
        for article, sentence in worst:
            lines.append(f"- [{md_inline(visible(article.output))}]({link_target(article.output + '.md')}): "
                         f"“{md_inline(_snippet(sentence.en, 12))}” ({md_inline(reasons(sentence))})")
        lines.append("")
    if failures:
        lines += ["## Files that failed", ""]
        lines += [f"- {md_inline(visible(f.path))}: {md_inline(f.reason)}" for f in sorted(failures, key=lambda f: f.path)]
        lines.append("")
    if left_out:
        lines += ["## Files left out", ""]
        lines += [f"- {md_inline(visible(f.path))}: {md_inline(f.reason)}" for f in sorted(left_out, key=lambda f: f.path)]
        lines.append("")
    return "\n".join(lines)
