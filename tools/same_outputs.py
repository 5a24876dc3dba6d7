"""Compare two output folders of `translate brief`, as a refactor must leave them: every .json, .md
and .html the same once what changes from run to run or with the code's own hashes is masked
(timings, dates, cache keys, the checks' source hash, hex digests).

    python tools/same_outputs.py OUT_BEFORE OUT_AFTER     # prints "N files; K differ: [...]", exit 1 if K
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def normalized(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        provenance = data.get("provenance", {})
        provenance.pop("timings", None)
        provenance.pop("cache_key", None)
        provenance.get("checks", {}).pop("checker_sha256", None)
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    text = re.sub(r"cache_key=[0-9a-f]+", "cache_key=X", text)
    text = re.sub(r"\d{4}\\?-\d\d-\d\d \d\d:\d\d UTC", "DATE", text)  # Markdown escapes the first hyphen
    return re.sub(r"[0-9a-f]{12,64}", "HASH", text)


def main() -> int:
    before, after = Path(sys.argv[1]), Path(sys.argv[2])
    files = {p.relative_to(before) for p in before.rglob("*") if p.suffix in (".json", ".md", ".html")}
    other = {p.relative_to(after) for p in after.rglob("*") if p.suffix in (".json", ".md", ".html")}
    if files != other:
        print(f"different files: {sorted(map(str, files ^ other))}")
        return 1
    differ = [str(f) for f in sorted(files) if normalized(before / f) != normalized(after / f)]
    print(f"{len(files)} files; {len(differ)} differ: {differ[:10]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
