"""What notebooks call: load the tidy tables (building them if they are missing)."""
from __future__ import annotations

import pandas as pd

from .paths import DOCUMENTS_PARQUET, FACTS_PARQUET, FINDINGS_PARQUET, PROCESSED

STAMP = PROCESSED / ".stamp"   # which inputs and code data/processed was built from


def refresh(paths=None):
    """Build facts, documents and findings for the reports (default: data/raw; one bad file never
    stops it) and stamp data/processed with the inputs and code they come from."""
    from .stamp import inputs_key
    from .build import atomic_write, build, write_tables
    from .check import CheckRun, check_extracted, write_findings
    result = build(paths)
    run = CheckRun([check_extracted(it) for it in result.items], result.errors)
    written = write_tables(result) + write_findings(run)
    if paths is None:
        atomic_write(STAMP, lambda p: p.write_text(inputs_key()))
    return result, run, written


def _ensure() -> None:
    if not all(p.exists() for p in (FACTS_PARQUET, DOCUMENTS_PARQUET, FINDINGS_PARQUET)):
        refresh()


def load_facts() -> pd.DataFrame:
    """All facts from data/raw (document, province, period, indicator, level, value, unit, ..., line, quote)."""
    _ensure()
    return pd.read_parquet(FACTS_PARQUET)


def load_documents() -> pd.DataFrame:
    """One row per report: province, successor, period and its window, report type, issuer, recipient, date."""
    _ensure()
    return pd.read_parquet(DOCUMENTS_PARQUET)


def load_findings() -> pd.DataFrame:
    """The checker's findings for data/raw (fixed columns; values/evidence as JSON text)."""
    _ensure()
    return pd.read_parquet(FINDINGS_PARQUET)


def load_coverage() -> pd.DataFrame:
    """Per document: claims found, checked, holding; errors, warnings, info."""
    _ensure()
    return pd.read_csv(PROCESSED / "coverage.csv")
