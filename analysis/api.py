"""What notebooks call: load the tidy tables (building them if they are missing)."""
from __future__ import annotations

import pandas as pd

from .paths import DOCUMENTS_PARQUET, FACTS_PARQUET, FINDINGS_PARQUET, PROCESSED

STAMP = PROCESSED / ".stamp"   # which inputs and code data/processed was built from


def refresh(paths=None, jobs: int = 0):
    """Build facts, documents and findings for the reports (default: data/raw; one bad file never
    stops it) on `jobs` workers with the per-report cache (analysis.corpus), and stamp data/processed
    with the inputs and code they come from. Returns the corpus run and the files written."""
    from .store import atomic_write
    from .corpus import prune_cache, run_corpus, write_corpus
    from .paths import RAW, raw_documents
    from .stamp import inputs_key
    from .store import folder_lock
    with folder_lock(PROCESSED):      # two builds at once take turns
        run = run_corpus(paths if paths is not None else raw_documents(RAW), jobs)
        STAMP.unlink(missing_ok=True)  # the tables are being replaced: stamped again once all are written
        written = write_corpus(run)
        target = PROCESSED / "problems.csv"
        atomic_write(target, lambda p: problems_frame(run).to_csv(p, index=False, encoding="utf-8"))
        written.append(target)
        if paths is None:
            prune_cache(run)           # entries of reports no longer in data/raw, or of older code
            atomic_write(STAMP, lambda p: p.write_text(inputs_key()))
        # built from other inputs (`build --raw`), the tables stay unstamped: the next `briefs` rebuilds
    return run, written


PROBLEM_COLUMNS = ["document", "kind", "message", "fix"]


def problems_frame(result) -> pd.DataFrame:
    """Every input that is not briefed as it is, with the reason and the fix: unreadable files,
    reports without a province or period, copies of one report, metadata warnings. `result` is a
    corpus run or a build result (both have errors, notes and document rows)."""
    from pathlib import Path
    docs = result.document_rows()
    rows = [{"document": Path(p).name, "kind": "unreadable", "message": msg, "fix": ""} for p, msg in result.errors]
    rows += [{"document": Path(p).name, "kind": "duplicate", "message": msg, "fix": ""} for p, msg in result.notes]
    for m in docs:
        missing = [f for f in ("province", "period") if m.get(f) == "unknown"]
        if missing and m.get("report_type") != "plan":
            rows.append({"document": m["document"], "kind": "not_briefed",
                         "message": f"{m['document']}: không xác định được {' và '.join({'province': 'tỉnh', 'period': 'kỳ báo cáo'}[x] for x in missing)} từ nội dung hay tên tệp",
                         "fix": f"thêm tệp {Path(m['document']).with_suffix('.yml').name} cạnh báo cáo với "
                                + ", ".join(f"{x}: ..." for x in missing) + " (hoặc đặt tên tệp <tỉnh>_<kỳ>_<tên>.txt)"})
        if isinstance(m.get("warnings"), str) and m["warnings"]:
            rows.append({"document": m["document"], "kind": "warning", "message": m["warnings"], "fix": ""})
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def read_problems() -> pd.DataFrame:
    """data/processed/problems.csv as it is (an empty table when there is none)."""
    p = PROCESSED / "problems.csv"
    return pd.read_csv(p, keep_default_na=False) if p.exists() else pd.DataFrame(columns=PROBLEM_COLUMNS)


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
