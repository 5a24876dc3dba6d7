"""--watch: what arrives and what changes is briefed, a failing file reported once."""

import json
import threading
import time
from pathlib import Path

from tests.conftest import SEEDS, record, wait_for
from translate.pipeline import BriefOptions, watch
from translate.reader import read_source
from translate.summarizer import SummaryOptions
from translate.translator import TranslationOptions

DATA = Path(__file__).parent / "data"
PAGE = DATA / "news_page.html"
NOT_ARTICLE = ["نستخدم ملفات", "الرئيسية", "شارك على", "أخبار ذات صلة", "السراج يزور", "نتمنى أن يعم", "أضف تعليقك",
               "احجز رحلتك", "الأكثر قراءة", "جميع الحقوق"]



# Watching a folder --------------------------------------------------------------------------------------



def test_watch_briefs_what_arrives_and_what_changes(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    stop = threading.Event()
    events = []

    class Recorder:
        def message(self, text): events.append(("message", text))
        def warn(self, text): events.append(("warning", text))
        def start(self, articles, chunks): pass
        def advance(self, chunks=0, articles=0): pass
        def file(self, path, status, detail=""): events.append((status, Path(path).name))

    options = BriefOptions(out_dir=out, mt_model=str(tiny_marian), translation=TranslationOptions(num_beams=1),
                           summary=SummaryOptions(summarizer="extractive"))
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("report", watch([folder], options, Recorder(), stop,
                                                                            settle=0.3, force_polling=True)))
    thread.start()
    try:
        assert wait_for(lambda: (out / "briefing.md").exists())
        seeds = sorted(SEEDS.glob("*.txt"))
        (folder / "one.txt").write_bytes(seeds[0].read_bytes())
        partial = folder / "two.txt"
        data = seeds[1].read_bytes()
        with open(partial, "wb") as handle:  # arrives slowly: read only once it has stopped changing
            for k in range(0, len(data), len(data) // 4 + 1):
                handle.write(data[k:k + len(data) // 4 + 1])
                handle.flush()
                time.sleep(0.1)
        (folder / "bad.txt").write_bytes(b"")
        assert wait_for(lambda: (out / "one.txt.json").exists() and (out / "two.txt.json").exists())
        assert wait_for(lambda: "two.txt.md" in (out / "briefing.md").read_text(encoding="utf-8")
                        and "one.txt.md" in (out / "briefing.md").read_text(encoding="utf-8"))
        assert record(out, "two.txt")["source"]["sha256"] == read_source(partial).sha256
        before = record(out, "one.txt")["source"]["sha256"]
        (folder / "one.txt").write_bytes(seeds[2].read_bytes())
        assert wait_for(lambda: (out / "one.txt.json").exists() and record(out, "one.txt")["source"]["sha256"] != before)
        (folder / "two.txt").write_bytes(seeds[1].read_bytes() + " وانتهى.".encode())  # another pass; bad.txt unchanged
        assert wait_for(lambda: [e for e in events if e == ("done", "two.txt")].__len__() >= 2)
        visible = [p for p in out.rglob("*") if not p.name.startswith(".")]
        for path in visible:
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
    finally:
        stop.set()
        thread.join(60)
    assert not thread.is_alive()
    assert events.count(("failed", "bad.txt")) == 1, "a failing file is reported once while it does not change"
    assert not [p for p in out.rglob(".*") if p.name != ".translate-briefing.lock"]
    assert box["report"].failed and box["report"].failed[0].path.endswith("bad.txt")
