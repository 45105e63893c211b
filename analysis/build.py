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
    return BuildResult(facts_frame(items), documents_frame(items), errors, items)


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


def write_tables(result: BuildResult, out: Path = PROCESSED) -> list[Path]:
    """facts.{parquet,csv,xlsx} and documents.{parquet,csv} under data/processed."""
    written = []
    for name, df in (("facts", result.facts), ("documents", result.documents)):
        for ext, fn in (("parquet", lambda d, p: d.to_parquet(p, index=False)),
                        ("csv", lambda d, p: d.to_csv(p, index=False, encoding="utf-8-sig")),
                        ("xlsx", lambda d, p: d.to_excel(p, index=False, sheet_name=name))):
            if name == "documents" and ext == "xlsx":
                continue
            target = out / f"{name}.{ext}"
            atomic_write(target, lambda p, d=df, f=fn: f(d, p))
            written.append(target)
    return written
