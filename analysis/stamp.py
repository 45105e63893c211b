"""Fingerprints of what data/processed and the briefs are built from: the package code and
vocabularies, and the input reports. Both the data layer (analysis.api) and the batch use them."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .paths import PACKAGE_DIR, RAW


def _hash_files(paths) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(Path(p).name).encode())
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def code_hash() -> str:
    """The package code and vocabularies."""
    return _hash_files(list(PACKAGE_DIR.rglob("*.py")) + list(PACKAGE_DIR.rglob("*.yml")))


# Modules and vocabularies that only present facts and findings (briefs, comparison, index, letters,
# workbooks, the batch): a change to them does not change what a report reads as, so it does not
# invalidate the per-report cache of the corpus stage. Everything else (readers, annotation, facts,
# checks, their vocabularies) is in the reading key: a module missing from this list errs on the safe side.
PRESENTATION = frozenset({"api.py", "batch.py", "brief.py", "cli.py", "compare.py", "excel.py", "headline.py",
                          "index.py", "kernel.py", "letter.py", "notebook.py", "render.py", "summary.py",
                          "targets.py", "trends.py", "briefs.yml", "targets.yml", "__main__.py"})


def reading_hash() -> str:
    """The code and vocabularies that decide a report's facts and findings (the corpus cache key),
    with the rate definitions of briefs.yml, which the checker holds stated rates against."""
    import json
    from .vocab import rate_definitions
    files = _hash_files([p for p in list(PACKAGE_DIR.rglob("*.py")) + list(PACKAGE_DIR.rglob("*.yml"))
                         if p.name not in PRESENTATION])
    model = json.dumps(rate_definitions(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((files + model).encode()).hexdigest()


def data_hash(raw: Path = RAW) -> str:
    """The input reports (and their sidecars)."""
    return _hash_files([p for p in raw.iterdir() if p.is_file()])


def inputs_key(code: str | None = None, data: str | None = None) -> str:
    return hashlib.sha256(((code or code_hash()) + (data or data_hash())).encode()).hexdigest()


