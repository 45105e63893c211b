"""The README's rules reference: every rule with a real example found in the shipped reports."""
from __future__ import annotations

from .check import check_raw
from .vocab import rules


def _cell(s: str) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    """A markdown table: id, severity, what it reads, and the first real finding (or holding claim)."""
    run = check_raw()
    example: dict[str, str] = {}
    for r in run.results:
        for f in r.findings:
            example.setdefault(f["rule"], f"{r.document}, line {f['line']}: {f['message']}")
    for r in run.results:
        for c in r.claims:
            if c.status == "holds" and c.rule not in example and c.evidence:
                ln, text = c.evidence[0]
                example[c.rule] = f"holds — {r.document}, line {ln}: “{text[:120]}”"
    lines = ["| rule | severity | title | reads | real example (shipped reports) |", "|---|---|---|---|---|"]
    for rule in rules().values():
        lines.append(f"| `{rule.id}` | {rule.severity} | {_cell(rule.title)} | {_cell(rule.pattern)} | "
                     f"{_cell(example.get(rule.id, '(no occurrence in the shipped reports)'))} |")
    return "\n".join(lines)
