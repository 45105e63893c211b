"""Build the tidy tables from a folder of reports: one bad document never stops the batch."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:          # (pandas is imported where a table is made: `check` of one file runs without it)
    import pandas as pd

from .annotate import Annotated, annotate
from .errors import TthcError
from .facts import FACT_COLUMNS, extract_facts
from .memo import new_document
from .meta import DocMeta, detect_meta
from .paths import PROCESSED, RAW, raw_documents
from .read import Document, read_document
from .store import atomic_write


@dataclass
class Extracted:
    doc: Document
    meta: DocMeta
    facts: list
    ann: Annotated | None = None     # the annotation the facts were built from (checks reuse it)


@dataclass
class BuildResult:
    facts: pd.DataFrame
    documents: pd.DataFrame
    errors: list = field(default_factory=list)   # (path, message)
    items: list = field(default_factory=list)    # list[Extracted]
    notes: list = field(default_factory=list)    # (path, message): reports read once, skipped copies

    def document_rows(self) -> list[dict]:
        return [it.meta.row() for it in self.items]


def extract_file(path, overrides: dict | None = None) -> Extracted:
    """Read one report, detect its metadata and extract its facts."""
    new_document()              # the scanners' memo starts empty for each report
    doc = read_document(path)
    meta = detect_meta(doc, overrides)
    ann = annotate(doc, meta)          # (read as a report of meta.unit: a city's levels have their own names)
    return Extracted(doc, meta, extract_facts(doc, meta, ann), ann)


def facts_frame(items: list[Extracted]) -> pd.DataFrame:
    return facts_table([f.row() for it in items for f in it.facts])


def document_row(it: Extracted) -> dict:
    """The documents-table row of one report."""
    return {**it.meta.row(), "facts": len(it.facts), "path": str(it.doc.path)}


def documents_frame(items: list[Extracted]) -> pd.DataFrame:
    import pandas as pd
    return pd.DataFrame([document_row(it) for it in items])


def build(paths: list[Path] | None = None) -> BuildResult:
    """Extract every readable report; collect per-file errors instead of stopping."""
    paths = list(paths) if paths is not None else raw_documents(RAW)
    items, errors = [], []
    for p in paths:
        try:
            items.append(extract_file(p))
        except TthcError as e:
            errors.append((str(p), str(e)))
    items, notes = drop_duplicates(items)
    return BuildResult(facts_frame(items), documents_frame(items), errors, items, notes)


_FACT_TYPES = {"value": "float64", "decimals": "int64", "approximate": "bool", "line": "int64",
               "denominator_value": "float64", "window_months": "float64"}


def facts_table(rows: list[dict]) -> pd.DataFrame:
    """Fact rows (Fact.row()) as the facts table, with its column order and types."""
    import pandas as pd
    return pd.DataFrame(rows, columns=FACT_COLUMNS).astype(_FACT_TYPES)


def facts_table_of_columns(parts: list[dict]) -> pd.DataFrame:
    """The facts table of reports whose facts are stored by column ({"columns": [...], "data": [[...]]},
    the corpus cache): the same table as facts_table of their rows."""
    cols: dict[str, list] = {c: [] for c in FACT_COLUMNS}
    for p in parts:
        stored = dict(zip(p["columns"], p["data"]))
        n = len(p["data"][0]) if p["data"] else 0
        for c, values in cols.items():
            values.extend(stored.get(c) or [None] * n)      # (a column it lacks is empty, as in a row frame)
    import pandas as pd
    return pd.DataFrame(cols, columns=FACT_COLUMNS).astype(_FACT_TYPES)


def drop_duplicates(items: list[Extracted]) -> tuple[list[Extracted], list[tuple[str, str]]]:
    """Keep one file per report (text before docx before PDF); say which copies were left out and why.
    The rule is the corpus stage's (corpus.keep_one_per_report), applied to these extractions."""
    from .corpus import Summary, keep_one_per_report
    by_path = {str(it.doc.path): it for it in items}
    summaries = [Summary(path, "", document=it.meta.row(), number=it.meta.number, date=it.meta.date,
                         province=it.meta.province, period=it.meta.period, source_format=it.doc.source_format,
                         figures=frozenset((f.indicator, f.value) for f in it.facts))
                 for path, it in by_path.items()]
    kept, notes = keep_one_per_report(summaries)
    for s in kept:                       # the kept copy says which other copies were not read again
        by_path[s.path].meta.warnings = s.document.get("warnings") or ""
    return [by_path[s.path] for s in kept], notes


def _xlsx(path: Path, name: str, df: pd.DataFrame) -> None:
    from .excel import write_workbook
    write_workbook(path, {name: df})


def write_tables(result: BuildResult, out: Path = PROCESSED) -> list[Path]:
    """facts.{parquet,csv,xlsx} and documents.{parquet,csv} under data/processed."""
    written = []
    for name, df in (("facts", result.facts), ("documents", result.documents)):
        for ext, fn in (("parquet", lambda d, p: d.to_parquet(p, index=False)),
                        ("csv", lambda d, p: d.to_csv(p, index=False, encoding="utf-8-sig")),
                        ("xlsx", lambda d, p, n=name: _xlsx(p, n, d))):
            if name == "documents" and ext == "xlsx":
                continue
            target = out / f"{name}.{ext}"
            atomic_write(target, lambda p, d=df, f=fn: f(d, p))
            written.append(target)
    return written
