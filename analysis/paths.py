"""Every project path, derived from the project root (cookiecutter-data-science style)."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("TTHC_ROOT", PACKAGE_DIR.parent)).resolve()
DATA = ROOT / "data"
RAW = DATA / "raw"            # immutable inputs: the reports as published
PROCESSED = DATA / "processed"  # generated tables (facts, documents, findings)
REPORTS = ROOT / "reports"    # generated briefs
NOTEBOOKS = ROOT / "notebooks"
VOCAB = PACKAGE_DIR / "vocab"

FACTS_PARQUET = PROCESSED / "facts.parquet"
DOCUMENTS_PARQUET = PROCESSED / "documents.parquet"
FINDINGS_PARQUET = PROCESSED / "findings.parquet"

# Files in data/raw that are not reports.
READABLE_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")


def raw_documents(folder: Path | None = None) -> list[Path]:
    """The readable report files in a folder (default data/raw), sorted by name. Symlinks and special
    files are listed too, so that the build refuses them by name (read.read_document)."""
    folder = folder or RAW
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in READABLE_SUFFIXES
                  and (p.is_symlink() or p.is_file() or not p.is_dir()))


def sidecar(path: Path) -> Path:
    """The metadata override file for a report: data/raw/<name>.yml."""
    return path.with_suffix(".yml")


def brief_dir(province_slug: str, period: str, reports: Path | None = None) -> Path:
    """reports/<province-slug>/<period>/ (both parts are slugs: no path tricks from report text)."""
    import re
    for part in (province_slug, period):
        if not re.fullmatch(r"[a-z0-9][a-z0-9.\-]{0,60}", part.lower()):
            raise ValueError(f"not a slug: {part!r}")
    return (reports or REPORTS) / province_slug.lower() / period.lower()
