"""Soak: the real app under Xvfb with the simulated devices, a chip sale every 30 s.

Reports RSS growth and how the reference counts of ``True`` and ``None`` moved over the run
(PySide6 6.12.0 drained them until the app aborted after ~4.5 minutes: ui/event_loop.py).
Staff input goes through the X server with xdotool, as a person's would; a window manager
(openbox) is started when installed. Needs Xvfb and xdotool (``apt-get install xvfb xdotool
openbox``). Prints one JSON object.

    python benchmarks/soak.py [--minutes 15] [--every 30]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_forever(out: Path, every: float = 5.0) -> None:
    """In the app's process: RSS and reference counts, a JSON line every few seconds. Reads
    only; collecting cycles here would free Qt objects off the GUI thread (ui/gc_guard.py)."""
    page = os.sysconf("SC_PAGE_SIZE")
    start = time.monotonic()
    with out.open("a", encoding="utf-8") as f:
        while True:
            rss = int(Path("/proc/self/statm").read_text().split()[1]) * page
            f.write(json.dumps({"t": round(time.monotonic() - start, 1), "rss": rss,
                                "true": sys.getrefcount(True),
                                "none": sys.getrefcount(None)}) + "\n")
            f.flush()
            time.sleep(every)


def child(out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    threading.Thread(target=sample_forever, args=(out,), daemon=True).start()
    from desktop_app.cli import main
    return main(["app"])


def _xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True,
                          timeout=20).stdout.strip()


def _window(deadline: float) -> str:
    while time.monotonic() < deadline:
        found = _xdotool("search", "--name", "Front Desk Pay").split()
        if found:
            return found[-1]
        time.sleep(0.5)
    raise SystemExit("the app's window never appeared")


def _sale(window: str, n: int) -> None:
    """From any screen: Escape (a new payment from the result), a patient, an amount that
    hits none of the sandbox's test rules, Enter; the simulated pad does the card."""
    _xdotool("windowactivate", "--sync", window)
    _xdotool("key", "ctrl+1", "Escape")
    _xdotool("type", "--delay", "30", f"MRN-{7000 + n}")
    _xdotool("key", "Tab")
    _xdotool("type", "--delay", "30", f"{20 + n % 50}.00")
    _xdotool("key", "Return")


def _approved(journal: Path) -> int:
    with sqlite3.connect(f"file:{journal}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT count(*) FROM payments WHERE state = 'approved'"
                              ).fetchone()[0])


def _summary(samples: list[dict[str, int]], sales: int, approved: int, alive: bool,
             minutes: float) -> dict[str, object]:
    settled = [s for s in samples if s["t"] >= 30] or samples  # start-up's own churn is over
    first, last = settled[0], samples[-1]
    return {
        "minutes": minutes, "sales_started": sales, "sales_approved": approved,
        "alive_at_end": alive, "samples": len(samples),
        "rss_mb_start": round(first["rss"] / 2**20, 1),
        "rss_mb_end": round(last["rss"] / 2**20, 1),
        "rss_growth_ratio": round(last["rss"] / first["rss"], 3),
        "true_refcount_drift": last["true"] - first["true"],
        "none_refcount_drift": last["none"] - first["none"],
        "true_refcount_min_delta": min(s["true"] for s in settled) - first["true"],
        "none_refcount_min_delta": min(s["none"] for s in settled) - first["none"],
    }


def parent(minutes: float, every: float, display: str) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix="soak-"))
    out = home / "samples.jsonl"
    env = {**os.environ, "DISPLAY": display, "FRONTDESK_PAY_HOME": str(home)}
    env.pop("QT_QPA_PLATFORM", None)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    wm = (subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL) if shutil.which("openbox") else None)
    app = subprocess.Popen([sys.executable, __file__, "--child", str(out)], env=env,
                           stdout=(home / "app.out").open("w"), stderr=subprocess.STDOUT)
    os.environ["DISPLAY"] = display
    sales = 0
    try:
        window = _window(time.monotonic() + 60)
        time.sleep(3.0)  # the runtime opens behind the painted window
        end = time.monotonic() + minutes * 60
        while time.monotonic() < end and app.poll() is None:
            _sale(window, sales)
            sales += 1
            time.sleep(every)
        alive = app.poll() is None
        approved = _approved(home / "data" / "journal.sqlite3")
    finally:
        for proc in (app, wm, xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(10)
    samples = [json.loads(line) for line in out.read_text().splitlines()]
    result = _summary(samples, sales, approved, alive, minutes)
    result["app_exit"] = app.returncode
    result["home"] = str(home)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between sales")
    parser.add_argument("--display", default=":97")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    result = parent(args.minutes, args.every, args.display)
    print(json.dumps(result, indent=2))
    return 0 if result["alive_at_end"] and result["sales_approved"] == result["sales_started"] \
        else 1


if __name__ == "__main__":
    raise SystemExit(main())
