"""Mutation test: every numeric relation the checker finds holding must break when one of its numbers changes.

For each holding claim in the seeds and the devset, one of its figures (the largest; for an upper bound, the largest part) is
raised in a copy of the report (its most significant digit moves up by one) and the copy is checked
again. The copy must get a new error or warning. The catch rate is printed.
"""
from __future__ import annotations

import re
import shutil

import pytest

from analysis.check import check_file
from analysis.numbers import parse_number

from conftest import DEVSET, SEEDS

NUMERIC_RULES = ("calc.", "share.", "ratio.", "round.", "change.", "enum.", "list.", "table.", "dup.")
_TOKEN = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w]|[.,]\d)")


def locate(line: str, value: float, multiplier: int, col: int) -> tuple[int, int] | None:
    """Span of the token stating `value` on a source line (closest to `col` when known)."""
    hits = []
    for m in _TOKEN.finditer(line):
        try:
            v = parse_number(m.group())[0]
        except ValueError:
            continue
        if abs(v * multiplier - value) < 1e-6:
            hits.append((m.start(), m.end()))
    if not hits:
        return None
    if col >= 0:
        return min(hits, key=lambda h: (h[0] < col, abs(h[0] - col)))
    return hits[0]


def mutate(token: str) -> str:
    """Raise the most significant non-zero digit by one ('690.889' -> '790.889'; '9.063' -> '19.063'; '0' -> '1')."""
    for i, ch in enumerate(token):
        if ch.isdigit() and ch != "0":
            d = int(ch)
            return token[:i] + (str(d + 1) if d < 9 else "1" + ch) + token[i + 1:]
    return token[:-1] + "1"


# Rules that test an inequality (parts must not exceed their total): a part is raised, not the total.
UPPER_BOUND_RULES = ("enum.exceeds", "list.sum")


def _flags(result) -> set:
    return {(f["rule"], f["message"]) for f in result.findings if f["severity"] in ("error", "warning")}


def _documents():
    docs = list(SEEDS.values())
    if DEVSET.exists():
        docs += sorted(DEVSET.glob("*.txt"))
    return docs


def test_mutation_catch_rate(tmp_path, capsys):
    tested, caught, missed = 0, 0, []
    for path in _documents():
        base = check_file(path)
        before = _flags(base)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        done: dict[tuple, bool] = {}
        for claim in base.claims:
            if claim.status == "fail" or not claim.rule.startswith(NUMERIC_RULES):
                continue
            cands = []
            values = claim.values[1:] if claim.rule in UPPER_BOUND_RULES and len(claim.values) > 1 else claim.values
            for v in values:
                if v.line <= 0 or v.line > len(lines):
                    continue
                span = locate(lines[v.line - 1], v.value, v.multiplier, v.col)
                if span:
                    cands.append((abs(v.value), v, span))
            if not cands:
                continue
            _, v, (a, b) = max(cands, key=lambda c: c[0])
            key = (v.line, a)
            if key not in done:
                src = lines[v.line - 1]
                new_line = src[:a] + mutate(src[a:b]) + src[b:]
                copy_dir = tmp_path / f"m{len(done)}"
                copy_dir.mkdir()
                copy = copy_dir / path.name
                copy.write_text("".join(lines[:v.line - 1] + [new_line] + lines[v.line:]), encoding="utf-8")
                done[key] = bool(_flags(check_file(copy)) - before)
                shutil.rmtree(copy_dir)
            tested += 1
            if done[key]:
                caught += 1
            else:
                missed.append(f"{path.name}:{v.line} {claim.rule} {src[a:b] if False else v.value}")
    rate = caught / tested if tested else 0.0
    with capsys.disabled():
        print(f"\nmutation test: {caught}/{tested} holding relations caught ({rate:.1%})")
        for m in missed:
            print("  missed:", m)
    assert tested >= 100
    assert rate == 1.0, f"{len(missed)} mutations not caught: {missed[:10]}"
