"""Read + extract + check per report: this code against an earlier revision of it, on the same reports.

Each side runs in its own process from its own tree (the earlier one checked out with `git worktree`
into a temporary folder), reads every shipped report (data/raw; the five-year plan left out, as the
scale benchmark does) several times and keeps the fastest pass. Every memo the reading keeps is
emptied before each report, so that no report is read faster for having been read before (a
revision without analysis/memo.py has its two cross-report caches emptied instead).

    python bench/reading.py                      # against c1327e5, the code before the speed work
    python bench/reading.py --against HEAD~5 --repeat 20
    python bench/reading.py --against HEAD~1 --instructions

Prints milliseconds per pass, MB/s on one core and the ratio earlier/now. No thresholds.

The time of a pass moves by ±5 % with the machine's load, more than most single changes to the reading
gain or lose. `--instructions` counts instead the machine instructions of a pass with valgrind's callgrind
(Debian's `valgrind`), which are the same from run to run: each side runs its passes under callgrind twice,
with none and with two timed passes, and the difference over two is one pass (imports and the warm-up
cancel out). Hash seeds are fixed so that both sides hash alike. About a minute per run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# run inside each tree: python -c TIMER <repeat>; prints {"ms": ..., "bytes": ...}
TIMER = r"""
import json, sys, time
from pathlib import Path
from analysis.build import extract_file
from analysis.check import check_extracted

def forget():
    try:
        from analysis.memo import new_document
        new_document()
    except ImportError:                     # before analysis/memo.py: the two caches it had
        from analysis.annotate import detect_level
        from analysis.numbers import _mask_spans
        detect_level.cache_clear()
        _mask_spans.cache_clear()

files = [p for p in sorted(Path("data/raw").glob("*.txt")) if "_2021-2025_" not in p.name]
for f in files:                             # imports and vocabularies loaded before timing
    check_extracted(extract_file(f))
best = float("inf")
for _ in range(int(sys.argv[1])):
    t = 0.0
    for f in files:
        forget()
        t0 = time.perf_counter()
        check_extracted(extract_file(f))
        t += time.perf_counter() - t0
    best = min(best, t)
print(json.dumps({"ms": best * 1000, "bytes": sum(f.stat().st_size for f in files), "reports": len(files)}))
"""


# run inside each tree under callgrind: python -c COUNTER <passes>; the same passes as TIMER, untimed
COUNTER = TIMER.split("best = float")[0] + r"""
for _ in range(int(sys.argv[1])):
    for f in files:
        forget()
        check_extracted(extract_file(f))
"""


def count(tree: Path, passes: int) -> int:
    """Instructions callgrind counts for imports, one warm-up pass and `passes` passes in `tree`."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", COUNTER,
                        str(passes)], cwd=tree, capture_output=True, text=True, env=env)
    m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
    if r.returncode != 0 or m is None:
        raise SystemExit(f"counting failed in {tree}:\n{r.stderr[-2000:]}")
    return int(m.group(1))


def instructions(tree: Path) -> dict:
    with ThreadPoolExecutor(2) as pool:           # (the two runs of a side at once: two cores)
        none, two = pool.map(lambda n: count(tree, n), (0, 2))
    return {"per_pass": (two - none) / 2}


def measure(tree: Path, repeat: int) -> dict:
    r = subprocess.run([sys.executable, "-c", TIMER, str(repeat)], cwd=tree, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"timing failed in {tree}:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", default="c1327e5", help="the earlier revision (default: before the speed work)")
    ap.add_argument("--repeat", type=int, default=10, help="passes over the reports; the fastest is kept")
    ap.add_argument("--instructions", action="store_true",
                    help="count the instructions of a pass with callgrind (steady from run to run) instead of timing it")
    args = ap.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind: sudo apt-get install valgrind")
    scratch = Path(tempfile.mkdtemp(prefix="tthc-reading-"))
    old = scratch / "old"
    try:
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.against], cwd=ROOT, check=True,
                       capture_output=True, text=True)
        # the same reports on both sides: the earlier tree reads this tree's data/raw
        shutil.rmtree(old / "data" / "raw", ignore_errors=True)
        shutil.copytree(ROOT / "data" / "raw", old / "data" / "raw")
        if args.instructions:
            then, now = instructions(old), instructions(ROOT)
        else:
            then, now = measure(old, args.repeat), measure(ROOT, args.repeat)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)
    if args.instructions:
        size = sum(f.stat().st_size for f in (ROOT / "data" / "raw").glob("*.txt") if "_2021-2025_" not in f.name)
        print(f"instructions per pass over the shipped reports ({size / 1e6:.2f} MB), callgrind")
        for name, side in ((args.against, then), ("this tree", now)):
            print(f"  {name:<12} {side['per_pass'] / 1e6:8.1f} M   {side['per_pass'] / size:6.0f} per byte")
        print(f"  ratio {then['per_pass'] / now['per_pass']:.3f}x")
        return
    mb = now["bytes"] / 1e6
    print(f"{now['reports']} reports, {mb:.2f} MB, fastest of {args.repeat} passes, one core")
    print(f"  {args.against:<12} {then['ms']:8.0f} ms   {mb / then['ms'] * 1000:5.2f} MB/s")
    print(f"  {'this tree':<12} {now['ms']:8.0f} ms   {mb / now['ms'] * 1000:5.2f} MB/s")
    print(f"  ratio {then['ms'] / now['ms']:.2f}x")


if __name__ == "__main__":
    main()
