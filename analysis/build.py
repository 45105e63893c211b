"""Build the tidy tables from a folder of reports: one bad document never stops the batch."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .annotate import Annotated, annotate
from .errors import TthcError
from .facts import FACT_COLUMNS, extract_facts
from .meta import DocMeta, detect_meta
from .paths import PROCESSED, RAW, raw_documents
from .read import Document, read_document


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


def extract_file(path, overrides: dict | None = None) -> Extracted:
    """Read one report, detect its metadata and extract its facts."""
    doc = read_document(path)
    meta = detect_meta(doc, overrides)
    ann = annotate(doc, meta)
    return Extracted(doc, meta, extract_facts(doc, meta, ann), ann)


def facts_frame(items: list[Extracted]) -> pd.DataFrame:
    rows = [f.row() for it in items for f in it.facts]
    df = pd.DataFrame(rows, columns=FACT_COLUMNS)
    return df.astype({"value": "float64", "decimals": "int64", "approximate": "bool", "line": "int64"})


def documents_frame(items: list[Extracted]) -> pd.DataFrame:
    rows = []
    for it in items:
        r = it.meta.row()
        r["facts"] = len(it.facts)
        r["path"] = str(it.doc.path)
        rows.append(r)
    return pd.DataFrame(rows)


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


# The same report published in several formats is read once, from the most faithful one.
_FORMAT_RANK = {"text": 0, "docx": 1, "pdf": 2}


def _figures_of(it: Extracted) -> frozenset:
    return frozenset((f.indicator, f.value) for f in it.facts)


def same_report(a: Extracted, b: Extracted) -> str:
    """Why two extracted files are one report ('' if they are not): the same number and date, or the
    same province, period and stated figures."""
    if a.meta.number and a.meta.number == b.meta.number and a.meta.date == b.meta.date and a.meta.date != "unknown":
        return f"cùng số {a.meta.number} và ngày {a.meta.date}"
    fa, fb = _figures_of(a), _figures_of(b)
    if (a.meta.province, a.meta.period) == (b.meta.province, b.meta.period) and len(fa) >= 5 and \
            len(fa & fb) >= 0.9 * max(len(fa), len(fb)):
        return "cùng tỉnh, kỳ và số liệu"
    return ""


def drop_duplicates(items: list[Extracted]) -> tuple[list[Extracted], list[tuple[str, str]]]:
    """Keep one file per report (text before docx before PDF); say which copies were left out and why."""
    order = sorted(items, key=lambda it: (_FORMAT_RANK.get(it.doc.source_format, 9), it.doc.name))
    kept: list[Extracted] = []
    notes = []
    for it in order:
        twin = next(((k, why) for k in kept for why in [same_report(k, it)] if why), None)
        if twin:
            notes.append((str(it.doc.path), f"{it.doc.name}: cùng một báo cáo với {twin[0].doc.name} ({twin[1]}); "
                                             f"chỉ đọc một lần, từ {twin[0].doc.name}"))
            twin[0].meta.warnings = "; ".join(x for x in (twin[0].meta.warnings, f"bản {it.doc.source_format} "
                                                          f"{it.doc.name} trùng báo cáo này, không đọc lại") if x)
        else:
            kept.append(it)
    names = {id(it) for it in kept}
    return [it for it in items if id(it) in names], notes


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def atomic_write(path: Path, writer) -> None:
    """Write via a temporary file in the same folder, then rename (never a half-written output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        writer(Path(tmp))
        os.chmod(tmp, 0o666 & ~_UMASK)        # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
