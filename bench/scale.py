"""How build, check and briefs scale with the number of reports.

Builds corpora of N reports (default 10, 100, 1000) from the shipped reports in data/raw, each copy
under a new province name (a sidecar sets it) and its own document number, in a scratch project
(TTHC_ROOT), then times the real commands in fresh processes and prints, for each N:

    build (cold)      python -m analysis build       every report read, facts and findings written
    build (warm)      the same again                 nothing changed: every report from the cache
    build (+1)        one report added               only that report read
    check (warm)      python -m analysis check       findings of every report (cache)
    check (cold)      the same with the cache removed: every report read and checked again
    compare           the comparison notebook alone (executed, HTML, PDF)
    briefs (cold, warm, +1)  python -m analysis briefs   only up to --briefs-max reports (notebooks are slow)

with wall time, CPU time (the command and its workers) and peak memory (resident sets of the command and
all its workers summed, and their proportional sets summed, which counts pages shared by forked
processes once; sampled every 200 ms: sampling every 50 ms took about 5 % of
the two cores from the command it measured), the marginal cost per report between sizes, and the
read + extract + check throughput in MB/s per core after imports (cold build wall time minus the time of
`python -m analysis build` on an empty folder, over the corpus size and the cores used).

    python bench/scale.py                  # N = 10, 100, 1000
    python bench/scale.py --sizes 10 50 --briefs-max 50 --jobs 2
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SEED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def seeds() -> list[Path]:
    # the plan (a five-year document) is briefed as no period; reports only, as a corpus would hold
    return sorted(p for p in RAW.iterdir() if p.suffix in SEED_SUFFIXES and "_2021-2025_" not in p.name)


def copy_report(src: Path, dest: Path, i: int) -> Path:
    """Copy i of a seed: province 'Tỉnh Mẫu i' (sidecar), document number i, same period and figures."""
    prov = f"Tỉnh Mẫu {i:04d}"
    slug = f"tinh-mau-{i:04d}"
    rest = src.name.split("_", 1)[1]
    out = dest / f"{slug}_{rest}"
    text = src.read_text(encoding="utf-8")
    # a distinct document number, so that copies are not taken for one report published twice
    text = re.sub(r"(Số:\s*)\d+", lambda m: f"{m.group(1)}{1000 + i}", text, count=1)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".yml").write_text(f"province: {prov}\n", encoding="utf-8")
    return out


def make_project(n: int, base: Path) -> Path:
    proj = base / f"n{n}"
    if proj.exists():
        shutil.rmtree(proj)
    (proj / "data" / "raw").mkdir(parents=True)
    (proj / "data" / "processed").mkdir()
    shutil.copytree(ROOT / "notebooks", proj / "notebooks")
    s = seeds()
    for i in range(n):
        copy_report(s[i % len(s)], proj / "data" / "raw", i)
    return proj


def run(cmd: list[str], proj: Path, interval: float = 0.2) -> dict:
    """Wall, CPU (process tree) and peak memory of one command: the resident sets of the process tree
    summed (RSS: a forked child's pages shared with its parent are counted twice) and their
    proportional sets summed (PSS: each shared page split between the processes sharing it, so the
    sum is what the tree holds)."""
    env = {**os.environ, "TTHC_ROOT": str(proj), "PYTHONHASHSEED": "0"}
    t0 = time.perf_counter()
    p = psutil.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, peak_pss, cpu_seen = [0], [0], {}

    def sample():
        while p.poll() is None:
            try:
                procs = [p] + p.children(recursive=True)
                rss = pss = 0
                for q in procs:
                    try:
                        rss += q.memory_info().rss
                        pss += _pss(q)
                        t = q.cpu_times()
                        # each process's own time, last seen (children are sampled as processes
                        # themselves: adding children_* too would count them twice)
                        cpu_seen[q.pid] = t.user + t.system
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], rss)
                peak_pss[0] = max(peak_pss[0], pss)
            except psutil.Error:
                pass
            time.sleep(interval)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = p.communicate()
    th.join()
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
        raise SystemExit(f"{' '.join(cmd)} failed with {p.returncode} in {proj}")
    return {"wall": wall, "cpu": sum(cpu_seen.values()), "peak_mb": peak[0] / 2**20, "pss_mb": peak_pss[0] / 2**20}


def _pss(q: psutil.Process) -> int:
    """A process's proportional set size (Linux); its resident set where the system has no PSS."""
    try:
        return q.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return q.memory_info().rss


# the comparison notebook alone (executed, HTML, PDF), the data being current
COMPARE_ONLY = """
import pandas as pd
from analysis.batch import Settings, discover, run_batch
from analysis.paths import DOCUMENTS_PARQUET, REPORTS
s = Settings(reports=REPORTS, progress=False, force=True, jobs=1)
tasks = [t for t in discover(pd.read_parquet(DOCUMENTS_PARQUET), s) if t.name == "compare"]
assert [r.status for r in run_batch(s, tasks=tasks)] == ["rendered"]
"""


def corpus_mb(proj: Path) -> float:
    return sum(p.stat().st_size for p in (proj / "data" / "raw").iterdir() if p.suffix != ".yml") / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--briefs-max", type=int, default=10, help="time briefs only up to this corpus size")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", action="store_true", help="keep the scratch projects")
    args = ap.parse_args()
    py = [sys.executable, "-m", "analysis"]
    base = Path(tempfile.mkdtemp(prefix="tthc-scale-"))
    empty = make_project(0, base)
    t_imports = run(py + ["build", "--jobs", str(args.jobs)], empty)["wall"]
    print(f"cores: {args.jobs}; `build` on an empty folder (imports, start-up): {t_imports:.1f} s")
    print(f"{'N':>5} {'MB':>6}  {'step':<15} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'PSS MB':>7}")
    rows = {}
    for n in args.sizes:
        proj = make_project(n, base)
        mb = corpus_mb(proj)
        steps = {"build (cold)": run(py + ["build", "--jobs", str(args.jobs)], proj),
                 "build (warm)": run(py + ["build", "--jobs", str(args.jobs)], proj)}
        copy_report(seeds()[0], proj / "data" / "raw", n)            # one report added
        steps["build (+1)"] = run(py + ["build", "--jobs", str(args.jobs)], proj)
        steps["check (warm)"] = run(py + ["check", "--jobs", str(args.jobs)], proj)
        shutil.rmtree(proj / "data" / "processed" / "cache")                # every report read again
        steps["check (cold)"] = run(py + ["check", "--jobs", str(args.jobs)], proj)
        steps["compare"] = run([sys.executable, "-c", COMPARE_ONLY], proj)
        if n <= args.briefs_max:
            b = py + ["briefs", "--jobs", str(args.jobs), "--no-progress"]
            steps["briefs (cold)"] = run(b, proj)
            steps["briefs (warm)"] = run(b, proj)
            copy_report(seeds()[1], proj / "data" / "raw", n + 1)
            steps["briefs (+1)"] = run(b, proj)
        for name, s in steps.items():
            print(f"{n:>5} {mb:>6.1f}  {name:<15} {s['wall']:>8.1f} {s['cpu']:>8.1f} {s['peak_mb']:>8.0f} {s['pss_mb']:>7.0f}")
        cold = steps["build (cold)"]["wall"]
        rate = mb / max(cold - t_imports, 1e-6) / args.jobs
        print(f"{n:>5} {mb:>6.1f}  read+extract+check: {rate:.2f} MB/s per core after imports")
        rows[n] = steps
        if not args.keep:
            shutil.rmtree(proj)
    ns = sorted(rows)
    for a, b in zip(ns, ns[1:]):
        for step in ("build (cold)", "build (warm)", "check (cold)", "compare", "briefs (cold)"):
            if step in rows[a] and step in rows[b]:
                d = (rows[b][step]["wall"] - rows[a][step]["wall"]) / (b - a)
                print(f"marginal {step:<14} {a}->{b}: {1000 * d:.1f} ms per report")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
