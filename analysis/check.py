"""Run every rule on a document and collect findings and coverage (one tidy table, fixed columns)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:          # (pandas is imported where a table is made: `check` of one file runs without it)
    import pandas as pd

from .build import Extracted, extract_file
from .store import atomic_write
from .annotate import annotate
from .memo import use_unit
from .checks_facts import FACT_RULES
from .checks_relations import RELATION_RULES
from .checks_tables import table_claims
from .checks_text import TEXT_RULES
from .errors import TthcError
from .findings import COVERAGE_COLUMNS, Claim, findings_table
from .paths import PROCESSED, RAW, raw_documents


@dataclass
class CheckResult:
    document: str
    claims: list = field(default_factory=list)      # list[Claim]
    figures: int = 0
    line_refs: list = field(default_factory=list)   # per line: PDF page or docx paragraph (read.Document)

    def _ref(self, line) -> str:
        return self.line_refs[line - 1] if isinstance(line, int) and 1 <= line <= len(self.line_refs) else ""

    @property
    def findings(self) -> list[dict]:
        out = []
        for c in self.claims:
            if c.status == "holds":
                continue
            f = c.finding()
            f["ref"] = self._ref(f["line"])
            for e in f["evidence"]:
                e["ref"] = self._ref(e["line"])
            out.append(f)
        return out

    def coverage(self) -> dict:
        f = self.findings
        return {"document": self.document, "figures": self.figures,
                "claims_found": len(self.claims),
                "claims_checked": sum(1 for c in self.claims if c.status != "skipped"),
                "claims_holding": sum(1 for c in self.claims if c.status in ("holds", "info")),
                "errors": sum(1 for x in f if x["severity"] == "error"),
                "warnings": sum(1 for x in f if x["severity"] == "warning"),
                "infos": sum(1 for x in f if x["severity"] == "info")}


def check_extracted(ex: Extracted) -> CheckResult:
    """Every rule on one extracted document."""
    name = ex.meta.document
    use_unit(ex.meta.unit)           # the level reader's vocabulary is the report's unit's
    claims: list[Claim] = []
    for fn in FACT_RULES.values():
        claims.extend(fn(name, ex.facts))
    ann = ex.ann if ex.ann is not None else annotate(ex.doc, ex.meta)
    for fn in RELATION_RULES.values():
        claims.extend(fn(name, ann))
    for fn in TEXT_RULES.values():
        claims.extend(fn(name, ex.doc, ex.meta))
    claims.extend(table_claims(name, ex.doc, ex.meta))
    return CheckResult(name, dedupe(claims), len(ex.facts), list(ex.doc.line_refs))


# When two rules see the same gap (same figure, same expected sum, same line), the more specific
# one speaks: a form's formula before the fact model, the fact model before a generic "trong đó" list.
RULE_PRIORITY = ["table.formula", "table.column_total", "calc.partition", "calc.levels", "calc.months", "list.sum",
                 "enum.exceeds", "enum.shortfall", "enum.gap"]


def dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop a failing claim that repeats a more specific one (same stated, expected and first line)."""
    def prio(c):
        return RULE_PRIORITY.index(c.rule) if c.rule in RULE_PRIORITY else len(RULE_PRIORITY)
    def first_line(c):          # (of two findings on one repeat, the one pointing at the later paragraph speaks)
        return -c.evidence[0][0] if c.rule == "dup.figure" and c.evidence else 0
    seen, seen_gaps, out = set(), set(), []
    for c in sorted(claims, key=lambda c: (prio(c), first_line(c))):
        gap_key = (c.stated, c.expected, c.evidence[0][0] if c.evidence else None, tuple(sorted(v.value for v in c.values[1:])),
                   c.params.get("column"))
        # (two formulas of one form row that fail with the same figures are two findings; any other rule seeing
        # the same gap repeats the first)
        key = gap_key + (c.params.get("formula"),)
        if c.rule == "dup.figure":
            # the facts and the annotation both compare a paragraph printed twice, each from its own side
            # ("12" against "14" and "14" against "12"): one finding
            key = gap_key = (c.rule, frozenset((v.value, v.line) for v in c.values))
        if c.status == "fail" and c.stated is not None and (key in seen or c.rule != "table.formula" and gap_key in seen_gaps):
            continue
        if c.status == "fail" and c.stated is not None:
            seen.add(key)
            seen_gaps.add(gap_key)
        out.append(c)
    order = {id(c): i for i, c in enumerate(claims)}
    return sorted(out, key=lambda c: order[id(c)])


def check_file(path, overrides: dict | None = None) -> CheckResult:
    return check_extracted(extract_file(path, overrides))


@dataclass
class CheckRun:
    results: list = field(default_factory=list)     # list[CheckResult]
    errors: list = field(default_factory=list)      # (path, message)

    @property
    def findings(self) -> list[dict]:
        return [f for r in self.results for f in r.findings]

    def findings_frame(self) -> pd.DataFrame:
        return findings_table(self.findings)

    def coverage_frame(self) -> pd.DataFrame:
        import pandas as pd
        return pd.DataFrame([r.coverage() for r in self.results], columns=COVERAGE_COLUMNS)


def check_files(paths) -> CheckRun:
    """Check every readable report; an unreadable one is reported and the others go on."""
    run = CheckRun()
    for p in paths:
        try:
            run.results.append(check_file(Path(p)))
        except TthcError as e:
            run.errors.append((str(p), str(e)))
    return run


def write_findings(run: CheckRun, out: Path = PROCESSED) -> list[Path]:
    """findings.{parquet,csv,xlsx} and coverage.csv under data/processed (atomic writes)."""
    df, cov = run.findings_frame(), run.coverage_frame()
    written = []
    for ext, fn in (("parquet", lambda p: df.to_parquet(p, index=False)),
                    ("csv", lambda p: df.to_csv(p, index=False, encoding="utf-8-sig")),
                    ("xlsx", lambda p: _xlsx(df, cov, p))):
        target = out / f"findings.{ext}"
        atomic_write(target, fn)
        written.append(target)
    target = out / "coverage.csv"
    atomic_write(target, lambda p: cov.to_csv(p, index=False, encoding="utf-8-sig"))
    written.append(target)
    return written


def _xlsx(df: pd.DataFrame, cov: pd.DataFrame, path: Path) -> None:
    from .excel import findings_sheets, write_workbook
    write_workbook(path, findings_sheets(df, cov))


def check_raw() -> CheckRun:
    return check_files(raw_documents(RAW))
