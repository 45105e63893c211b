"""Rules on tables: total rows against their rows, column formulas of the annex forms, blank cells."""
from __future__ import annotations

import re

from .facts import table_layout, column_labels
from .findings import Claim, Val
from .meta import DocMeta
from .numbers import parse_number
from .read import Block, Cell, Document
from .vocab import form_formulas, parse_formula

_TOTAL = re.compile(r"^(?:tổng cộng|tổng số|tổng|cộng|toàn tỉnh)\s*:?$", re.I)
_FORM = re.compile(r"\b(II\.\d{2}[a-z]?\d?)\s*/\s*VPCP", re.I)
_COLNUM = re.compile(r"^\((\d{1,2})\)")
_NUMERIC = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$")
_DASH = re.compile(r"^[-–—]$|^0$")
_SUBROW = re.compile(r"^(?:\d+\.\d+|[a-zđ]\)|[-+•]|trong đó)", re.I)
_ROMAN = re.compile(r"^[IVX]{1,5}\.?$")
FORM_LOOKBACK = 30     # lines above a table searched for its form code ("Biểu số II.03b/VPCP/KSTT")


def cell_value(c: Cell | None):
    """A cell's number, 0 for '-', None for blank, 'text' for anything else."""
    if c is None or not c.text.strip():
        return None
    t = c.text.strip()
    if _NUMERIC.match(t):
        return parse_number(t)[0]
    if _DASH.match(t):
        return 0.0
    return "text"


def form_code(doc: Document, table: Block) -> str | None:
    """The annex form a table belongs to: the nearest form code above it (or in its caption)."""
    for ln in range(table.line - 1, max(0, table.line - FORM_LOOKBACK), -1):
        m = _FORM.search(doc.lines[ln - 1])
        if m:
            return m.group(1)
    m = _FORM.search(table.caption or "")
    return m.group(1) if m else None


def column_numbers(rows, colnum_row: int | None) -> dict[int, int]:
    """Form column number -> cell index (from the '(1) (2) ...' row; else position + 1)."""
    if colnum_row is None:
        width = max(len(r) for r in rows)
        return {j + 1: j for j in range(width)}
    out = {}
    for j, c in enumerate(rows[colnum_row]):
        m = _COLNUM.match(c.text.strip())
        if m and int(m.group(1)) not in out:
            out[int(m.group(1))] = j
    return out


def header_formulas(rows, header_end: int) -> list[tuple[int, tuple[int, ...]]]:
    """Formulas written in header cells: '(3) = (4)+(5)+(6)+(7)' (or 'Tổng số (3)=(4)+(5)')."""
    out = []
    for r in rows[:header_end]:
        for c in r:
            for m in re.finditer(r"\(\d{1,2}\)\s*=\s*(?:\(\d{1,2}\)\s*\+\s*)+\(\d{1,2}\)", c.text):
                f = parse_formula(m.group(0))
                if f and f not in out:
                    out.append(f)
    return out


def derived_formulas(labels: list[str], colmap: dict[int, int]) -> list[tuple[int, tuple[int, ...]]]:
    """'Group / Tổng số' followed by 'Group / X' sibling columns: total = sum of the siblings."""
    inv = {j: n for n, j in colmap.items()}
    parts_of = [l.split(" / ") for l in labels]
    out = []
    for j, parts in enumerate(parts_of):
        if len(parts) < 2 or not re.match(r"^tổng số\b", parts[-1].strip(), re.I) or j not in inv:
            continue
        prefix = parts[:-1]
        sib = []
        for k in range(j + 1, len(parts_of)):
            if parts_of[k][:-1] == prefix and len(parts_of[k]) == len(parts):
                sib.append(k)
            else:
                break
        if len(sib) >= 2 and all(k in inv for k in sib):
            out.append((inv[j], tuple(inv[k] for k in sib)))
    return out


def _row_name(r) -> str:
    for c in r[:3]:
        t = c.text.strip()
        if t and not re.fullmatch(r"[\dIVX.]+", t):
            return t[:60]
    return r[0].text.strip()[:60] if r else ""


def _val(c: Cell, v: float) -> Val:
    return Val(v, 0, False, "", 1, c.line, c.raw.strip(), c.col)


def table_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    out = []
    for b in doc.blocks:
        if b.kind == "table" and len(b.rows) >= 3:
            out.extend(_one_table(doc_name, doc, b))
    return out


def _one_table(doc_name: str, doc: Document, b: Block) -> list[Claim]:
    rows = b.rows
    start, colnum_row = table_layout(rows)
    labels = column_labels(rows, start)
    colmap = column_numbers(rows, colnum_row)
    code = form_code(doc, b)
    formulas = list(form_formulas().get(code or "", ()))
    for f in header_formulas(rows, start) + (derived_formulas(labels, colmap) if colnum_row is not None else []):
        if f not in formulas:
            formulas.append(f)
    data = rows[start:]
    out = []
    if colnum_row is not None or formulas:
        for r in data:
            out.extend(_formula_claims(doc_name, r, formulas, colmap, code))
    out.extend(_total_claims(doc_name, data, labels, colmap))
    return out


def _formula_claims(doc_name, r, formulas, colmap, code) -> list[Claim]:
    out = []
    name = _row_name(r)
    for tot, parts in formulas:
        idx = [colmap.get(n) for n in (tot,) + parts]
        if any(j is None for j in idx):
            continue
        cells = [r[j] if j < len(r) else None for j in idx]
        vals = [cell_value(c) for c in cells]
        if any(v == "text" for v in vals) or all(v is None for v in vals):
            continue
        formula = f"({tot}) = " + " + ".join(f"({p})" for p in parts)
        ftext = (f"Biểu {code}: " if code else "") + formula
        line = next(c.line for c in cells if c is not None)
        ev = [(line, " | ".join(c.text for c in r if c.text)[:200])]
        if vals[0] is None or all(v is None for v in vals[1:]):
            filled = vals[0] if vals[0] is not None else sum(v or 0 for v in vals[1:])
            if filled:
                blank = f"({tot})" if vals[0] is None else ", ".join(f"({p})" for p in parts)
                out.append(Claim("table.blank", doc_name, "fail", None, None, None,
                                 [_val(c, v) for c, v in zip(cells, vals) if v is not None], ev, "", "",
                                 {"row": name, "formula": ftext, "column": blank}))
            continue
        expected = sum(v or 0 for v in vals[1:])
        status = "holds" if abs(vals[0] - expected) < 1e-9 else "fail"
        out.append(Claim("table.formula", doc_name, status, vals[0], expected,
                         vals[0] - expected if status == "fail" else 0.0,
                         [_val(c, v) for c, v in zip(cells, vals) if v is not None], ev, "", "",
                         {"row": name, "formula": ftext}))
    return out


def _is_total(r) -> bool:
    return any(_TOTAL.match(c.text.strip()) for c in r[:3] if c.text.strip())


def _total_claims(doc_name, data, labels, colmap) -> list[Claim]:
    """table.column_total: a total row against the rows above it (top level only)."""
    out = []
    inv = {j: n for n, j in colmap.items()}
    for ti, tr in enumerate(data):
        if not _is_total(tr):
            continue
        body = [r for r in data[:ti] if not _is_total(r)]
        stt = [r[0].text.strip() if r else "" for r in body]
        if any(_ROMAN.match(s) for s in stt):
            body = [r for r, s in zip(body, stt) if _ROMAN.match(s)]
        else:
            body = [r for r, s in zip(body, stt) if not _SUBROW.match(s)]
        if len(body) < 2:
            continue
        for j, c in enumerate(tr):
            tv = cell_value(c)
            if not isinstance(tv, float) or j == 0:
                continue
            col = [cell_value(r[j]) if j < len(r) else None for r in body]
            if any(v == "text" for v in col) or not any(isinstance(v, float) for v in col):
                continue
            expected = sum(v for v in col if isinstance(v, float))
            status = "holds" if abs(tv - expected) < 1e-9 else "fail"
            vals = [_val(c, tv)] + [_val(r[j], v) for r, v in zip(body, col) if isinstance(v, float)]
            out.append(Claim("table.column_total", doc_name, status, tv, expected,
                             tv - expected if status == "fail" else 0.0, vals,
                             [(c.line, " | ".join(x.text for x in tr if x.text)[:200])], "", "",
                             {"column": f"({inv[j]})" if j in inv else str(j + 1),
                              "label": (labels[j] if j < len(labels) else "")[:80]}))
        break
    return out
