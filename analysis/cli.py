"""Thin command line: merges options and calls the library. `python -m analysis --help`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import TthcError, SettingsError
from .paths import RAW, raw_documents


def _json_safe(v):
    """Strict JSON: NaN and infinities (no value) become null, numpy scalars plain numbers."""
    import math
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json_safe(x) for x in v]
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def _json(data) -> str:
    return json.dumps(_json_safe(data), ensure_ascii=False, indent=1, default=str, allow_nan=False)


def _cmd_extract(args) -> int:
    from .build import extract_file, facts_frame
    items, bad = [], 0
    for f in args.files:
        try:
            items.append(extract_file(Path(f)))
        except TthcError as e:
            print(f"error: {e}", file=sys.stderr)
            bad += 1
    df = facts_frame(items)
    if args.format == "json":
        print(_json(df.to_dict(orient="records")))
    elif args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    else:
        cols = ["document", "line", "indicator", "level", "value", "unit", "role", "period", "quote"]
        with __import__("pandas").option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
            print(df[cols].to_string(index=False) if len(df) else "(no facts)")
    return 2 if bad else 0          # the same code as `check`: 2 = an input could not be read


def _cmd_build(args) -> int:
    import pandas as pd
    from .api import refresh
    from .paths import PROCESSED
    paths = raw_documents(Path(args.raw)) if args.raw else None
    run, written = refresh(paths, args.jobs)
    for path, msg in run.errors:
        print(f"error: {msg}", file=sys.stderr)
    cov = pd.read_csv(PROCESSED / "coverage.csv")
    print(f"{len(run.kept)} documents, {run.fact_count} facts; checks: {int(cov['claims_found'].sum())} claims, "
          f"{int(cov['claims_holding'].sum())} holding, {int(cov['errors'].sum())} errors, {int(cov['warnings'].sum())} warnings")
    print("-> " + ", ".join(str(p) for p in written))
    if run.errors:
        print(f"{len(run.errors)} document(s) could not be read (see errors above); the others were processed.", file=sys.stderr)
        return 2
    return 0


def _cmd_check(args) -> int:
    from .check import check_files, write_findings
    from .findings import findings_table
    if args.files:
        crun = check_files([Path(f) for f in args.files])
        results = [(r.coverage(), r.findings) for r in crun.results]
        errors = crun.errors
    else:
        # every report of data/raw: the same parallel, cached run as `build` (tables written too)
        from .api import refresh
        crun, written = refresh(None, args.jobs)
        results = [(d["coverage"], d["findings"]) for _, d in crun.findings()]
        errors = crun.errors
        print("findings -> " + ", ".join(str(p) for p in written if p.name.startswith(("findings", "coverage"))), file=sys.stderr)
    for path, msg in errors:
        print(f"error: {msg}", file=sys.stderr)
    every = [f for _, fs in results for f in fs]
    findings = sorted(every, key=lambda f: (f["document"], {"error": 0, "warning": 1, "info": 2}[f["severity"]], f["line"] or 0))
    if args.format == "json":
        print(_json(findings))
    elif args.format == "csv":
        findings_table(every).to_csv(sys.stdout, index=False)
    else:
        for c, fs in results:
            print(f"== {c['document']}: {c['claims_found']} claims found, {c['claims_checked']} checked, "
                  f"{c['claims_holding']} holding; {c['errors']} errors, {c['warnings']} warnings, {c['infos']} info")
            for f in sorted(fs, key=lambda f: ({"error": 0, "warning": 1, "info": 2}[f["severity"]], f["line"] or 0)):
                print(f"  {f['severity']:7} {f['rule']:22} line {f['line']}: {f['message']}")
    if args.files and args.write:
        written = write_findings(crun)
        print("findings -> " + ", ".join(str(p) for p in written), file=sys.stderr)
    if errors:
        return 2
    if args.fail_on and any(f["severity"] in _AT_LEAST[args.fail_on] for f in findings):
        return 1
    return 0


_AT_LEAST = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}


def _cmd_rules(args) -> int:
    from .vocab import rules
    if args.markdown:
        from .docs import rules_markdown
        print(rules_markdown())
        return 0
    for r in rules().values():
        print(f"{r.id:24} {r.severity:8} {r.title}")
    return 0


def _cmd_briefs(args) -> int:
    from .batch import Settings, run_batch, summary
    settings = Settings(jobs=args.jobs, timeout=args.timeout, force=args.force, scheduler=args.scheduler or "",
                        reports=Path(args.reports).resolve() if args.reports else Settings.reports,
                        notebooks=Path(args.notebooks).resolve() if args.notebooks else Settings.notebooks,
                        lang=args.lang, progress=not args.no_progress,
                        province=args.province or "", period=args.period or "")
    t0 = __import__("time").perf_counter()
    results = run_batch(settings)
    print(summary(results))
    print(f"reports -> {settings.reports / ('index' + settings.suffix + '.html')} ({__import__('time').perf_counter() - t0:.1f} s)")
    from .index import problems
    unreadable = (problems()["kind"] == "unreadable").any()
    return 1 if any(r.status == "failed" for r in results) else (2 if unreadable else 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis", description="tthc-briefs: facts from provincial TTHC reports")
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="print the facts of one or more reports")
    e.add_argument("files", nargs="+")
    e.add_argument("--format", choices=["json", "csv", "table"], default="table")
    e.set_defaults(fn=_cmd_extract)
    b = sub.add_parser("build", help=f"build data/processed/facts.* from every report in {RAW}")
    b.add_argument("--raw", help="another folder of reports (default data/raw)")
    b.add_argument("--jobs", type=int, default=0, help="worker processes (default: the CPU count; 1: one process)")
    b.set_defaults(fn=_cmd_build)
    c = sub.add_parser("check", help="check that each report's figures hold together (default: every report in data/raw, "
                                     "also written to data/processed/findings.*)")
    c.add_argument("files", nargs="*")
    c.add_argument("--format", choices=["json", "csv", "table"], default="table")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], help="exit 1 when a finding this severe or worse exists")
    c.add_argument("--write", action="store_true", help="also write data/processed/findings.* for the given files")
    c.add_argument("--jobs", type=int, default=0, help="worker processes for data/raw (default: the CPU count)")
    c.set_defaults(fn=_cmd_check)
    r = sub.add_parser("rules", help="list the consistency rules (--markdown: the README reference with real examples)")
    r.add_argument("--markdown", action="store_true")
    r.set_defaults(fn=_cmd_rules)
    br = sub.add_parser("briefs", help="render every province x period brief, the comparison and reports/index.html")
    br.add_argument("--jobs", type=int, default=0, help="worker processes (default: the CPU count)")
    br.add_argument("--scheduler", help="run on a Dask cluster, e.g. tcp://127.0.0.1:8786")
    br.add_argument("--timeout", type=int, default=300, help="seconds allowed to each notebook (default 300); past that it is stopped and reported as failed")
    br.add_argument("--force", action="store_true", help="render again even when nothing changed")
    br.add_argument("--lang", choices=["vi", "en"], default="vi")
    br.add_argument("--reports", help="output folder (default reports/)")
    br.add_argument("--notebooks", help="folder with province_brief.ipynb and compare_provinces.ipynb (default notebooks/)")
    br.add_argument("--no-progress", action="store_true", help="no progress bar")
    br.add_argument("--province", help="render only this province's briefs (a slug such as gia-lai); the index lists all")
    br.add_argument("--period", help="with --province: render only this period (e.g. 2022-Q1)")
    br.set_defaults(fn=_cmd_briefs)
    args = ap.parse_args(argv)
    if getattr(args, "jobs", 0) < 0:
        print(f"error: --jobs {args.jobs}: expected 0 (the CPU count) or a positive number of workers", file=sys.stderr)
        return 2
    try:
        return args.fn(args)
    except SettingsError as e:           # a bad option: say which, no traceback
        print(f"error: {e}", file=sys.stderr)
        return 2
    except TthcError as e:               # a broken vocabulary file, an input that cannot be used
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:              # `check ... | head`: the reader has gone; end quietly
        import os
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as e:                 # a full disk, an unwritable folder: one message, no traceback
        where = f" {e.filename}" if e.filename else ""
        print(f"error: cannot write{where}: {e.strerror or e}. Outputs are written to a temporary file and "
              f"renamed, so no table was left half-written; free some space or fix the folder's "
              f"permissions and run again.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
