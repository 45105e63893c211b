"""Thin command line: merges options and calls the library. `python -m analysis --help`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .build import build, extract_file, facts_frame, write_tables
from .errors import TthcError
from .paths import RAW, raw_documents


def _cmd_extract(args) -> int:
    items, bad = [], 0
    for f in args.files:
        try:
            items.append(extract_file(Path(f)))
        except TthcError as e:
            print(f"error: {e}", file=sys.stderr)
            bad += 1
    df = facts_frame(items)
    if args.format == "json":
        print(json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1, default=str))
    elif args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    else:
        cols = ["document", "line", "indicator", "level", "value", "unit", "role", "period", "quote"]
        with __import__("pandas").option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
            print(df[cols].to_string(index=False) if len(df) else "(no facts)")
    return 1 if bad else 0


def _cmd_build(args) -> int:
    paths = raw_documents(Path(args.raw)) if args.raw else None
    result = build(paths)
    for path, msg in result.errors:
        print(f"error: {msg}", file=sys.stderr)
    written = write_tables(result)
    print(f"{len(result.documents)} documents, {len(result.facts)} facts -> " + ", ".join(str(p) for p in written))
    if result.errors:
        print(f"{len(result.errors)} document(s) could not be read (see errors above); the others were processed.", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis", description="tthc-briefs: facts from provincial TTHC reports")
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="print the facts of one or more reports")
    e.add_argument("files", nargs="+")
    e.add_argument("--format", choices=["json", "csv", "table"], default="table")
    e.set_defaults(fn=_cmd_extract)
    b = sub.add_parser("build", help=f"build data/processed/facts.* from every report in {RAW}")
    b.add_argument("--raw", help="another folder of reports (default data/raw)")
    b.set_defaults(fn=_cmd_build)
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
