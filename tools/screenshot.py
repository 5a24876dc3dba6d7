"""Screenshots of a briefing's HTML in headless Chromium, at desktop and phone widths.

    python tools/screenshot.py OUTPUTS_DIR [--out DIR]     # needs Debian's chromium (apt-get install chromium)

Writes briefing-desktop.png, briefing-phone.png and, for the first article page, article-desktop.png
and article-phone.png. Chromium runs with no network (every URL is a local file).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

SIZES = {"desktop": "1280,1600", "phone": "390,1400"}


def shoot(page: Path, png: Path, size: str) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise SystemExit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--hide-scrollbars", f"--window-size={size}",
                        f"--screenshot={png}", page.resolve().as_uri()], check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outputs", type=Path)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    article = next(p for p in sorted(args.outputs.rglob("*.html")) if p.name != "briefing.html")
    for name, page in (("briefing", args.outputs / "briefing.html"), ("article", article)):
        for label, size in SIZES.items():
            png = args.out / f"{name}-{label}.png"
            shoot(page, png, size)
            print(png)


if __name__ == "__main__":
    main()
