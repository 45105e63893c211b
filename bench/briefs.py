"""Benchmark the main job against the naive way, on the same inputs, in one run.

naive : for each brief, one at a time: the papermill CLI, then the nbconvert CLI (lab template,
        --no-input), then the WeasyPrint CLI for the PDF.
batch : `python -m analysis briefs --force` (process pool, in-process rendering), cold.
warm  : `python -m analysis briefs` again with nothing changed (cache).

Usage: python bench/briefs.py [--jobs N]
Prints the times and the ratio naive/batch. No thresholds: speed is measured, not asserted.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.batch import Settings, discover, prepare_data  # noqa: E402
from analysis.paths import DOCUMENTS_PARQUET  # noqa: E402

BIN = Path(sys.executable).parent


def _run(cmd: list[str]) -> None:
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")


def naive(tasks, out: Path) -> float:
    t0 = time.perf_counter()
    for t in tasks:
        nb = out / f"{t.name.replace('/', '_')}.ipynb"
        params = []
        for k, v in t.params.items():
            params += ["-r", k, str(v)]        # -r: raw strings ("2022" stays a period key)
        _run([str(BIN / "papermill"), t.notebook, str(nb), *params, "--no-progress-bar", "--cwd", str(ROOT)])
        _run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--template", "lab", "--no-input", str(nb)])
        _run([str(BIN / "weasyprint"), str(nb.with_suffix(".html")), str(nb.with_suffix(".pdf"))])
    return time.perf_counter() - t0


def batch(out: Path, jobs: int, force: bool) -> float:
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "analysis", "briefs", "--reports", str(out), "--no-progress"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if force:
        cmd.append("--force")
    _run(cmd)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=0, help="batch workers (default: CPU count)")
    args = ap.parse_args()
    import pandas as pd
    prepare_data()
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        tasks = discover(pd.read_parquet(DOCUMENTS_PARQUET), Settings(reports=d / "batch"))
        t_naive = naive(tasks, (d / "naive").mkdir() or d / "naive")
        t_cold = batch(d / "batch", args.jobs, force=True)
        t_warm = batch(d / "batch", args.jobs, force=False)
    print(f"{len(tasks)} notebooks (4 briefs + comparison), same inputs")
    print(f"naive (papermill CLI + nbconvert CLI + weasyprint CLI, one at a time): {t_naive:6.1f} s")
    print(f"batch cold (python -m analysis briefs --force):                     {t_cold:6.1f} s")
    print(f"batch warm (nothing changed):                                       {t_warm:6.1f} s")
    print(f"ratio naive / batch cold: {t_naive / t_cold:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
