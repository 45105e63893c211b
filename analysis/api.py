"""What notebooks call: load the tidy tables (building them if they are missing)."""
from __future__ import annotations

import pandas as pd

from .build import build, write_tables
from .paths import DOCUMENTS_PARQUET, FACTS_PARQUET


def _ensure() -> None:
    if not FACTS_PARQUET.exists() or not DOCUMENTS_PARQUET.exists():
        write_tables(build())


def load_facts() -> pd.DataFrame:
    """All facts from data/raw (document, province, period, indicator, level, value, unit, ..., line, quote)."""
    _ensure()
    return pd.read_parquet(FACTS_PARQUET)


def load_documents() -> pd.DataFrame:
    """One row per report: province, successor, period and its window, report type, issuer, recipient, date."""
    _ensure()
    return pd.read_parquet(DOCUMENTS_PARQUET)
