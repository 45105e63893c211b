"""A table view: each table of a Document read once into header rows, column labels and numbers,
its form code and formulas (declared, written in the header, or derived from "Tổng số" columns),
data rows and total rows (with or without an STT column) and numeric cells.

Facts (analysis.facts) and table rules (analysis.checks_tables) both read tables through here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .numbers import parse_number
from .read import Block, Cell, Document
from .settings import SETTINGS
from .vocab import form_formulas, parse_formula, word_list

_STT = re.compile(r"^(?:[IVX]{1,5}|\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|Trong đó|Tổng cộng|TỔNG CỘNG|TỔNG SỐ|Tổng số|Cộng)$")
@lru_cache(maxsize=None)
def total_row_rx(colon: bool = False) -> re.Pattern:
    """A row label naming the table's total (reading.yml total_rows); with `colon`, also "tổng" and a
    trailing colon (a cell of a total row). Compiled on first use, not at import."""
    words = "|".join(map(re.escape, word_list("total_rows")))
    return re.compile(r"^(?:%s|tổng)\s*:?$" % words if colon else r"^(?:%s)$" % words, re.I)
_COLNUM = re.compile(r"^\(\d+\)")


def table_layout(rows: list[list[Cell]]) -> tuple[int, int | None]:
    """(index of the first data row, index of the column-number row '(1) (2) ...' or None)."""
    colnum = None
    for i, r in enumerate(rows[:8]):
        if sum(1 for c in r if _COLNUM.match(c.text)) >= 3:
            colnum = i
            return i + 1, colnum
    for i, r in enumerate(rows[:8]):
        first = r[0].text if r else ""
        if _STT.match(first) and not total_row_rx().match(first.strip()) and any(re.search(r"\d", c.text) for c in r[1:]):
            return i, None
    # no STT column: the header is the rows before the first row with a number in it
    for i, r in enumerate(rows[:8]):
        if any(_NUMERIC.match(c.text.strip()) for c in r[1:]):
            return max(i, 1), None
    return 1, None


def column_labels(rows: list[list[Cell]], header_end: int) -> list[str]:
    """Column headers joined top-down, carrying group headers right over empty cells, but not below a
    header of when (reading.yml when_headers) that the row above wrote: under "Trong kỳ | Từ kỳ trước", the
    empty cell below "Từ kỳ trước" does not take the "Trực tiếp, dịch vụ bưu chính" written below "Trong kỳ"
    (Biểu II.06c: the channels split the period's new dossiers only)."""
    width = max(len(r) for r in rows)
    labels = [[] for _ in range(width)]
    written: list[str] = []                          # the headers the row above wrote, by column
    whens = set(word_list("when_headers"))
    for r in rows[:header_end]:
        if sum(1 for c in r if _COLNUM.match(c.text)) >= 3:
            continue
        carry = ""
        for j in range(width):
            t = r[j].text if j < len(r) else ""
            if t:
                carry = t
                labels[j].append(t)
            elif carry and j > 0 and not (j < len(written) and written[j].strip(" :").lower() in whens):
                labels[j].append(carry)
        written = [c.text for c in r]
    return [" / ".join(dict.fromkeys(l)) for l in labels]


_FORM = re.compile(r"\b(II\.\d{2}[a-z]?\d?)\s*/\s*VPCP", re.I)
_COLNUM_N = re.compile(r"^\((\d{1,2})\)")
_NUMERIC = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$")
_DASH = re.compile(r"^[-–—]$|^0$")
_SUBROW = re.compile(r"^(?:\d+\.\d+|[a-zđ]\)|[-+•]|trong đó)", re.I)
_ROMAN = re.compile(r"^[IVX]{1,5}\.?$")


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
    for ln in range(table.line - 1, max(0, table.line - SETTINGS.form_lookback), -1):
        m = _FORM.search(doc.lines[ln - 1])
        if m:
            return m.group(1)
    m = _FORM.search(table.caption or "")
    return m.group(1) if m else None


def column_numbers(rows, colnum_row: int | None, header_end: int | None = None) -> dict[int, int]:
    """Form column number -> cell index: from the '(1) (2) ...' row; else from the numbers the header
    cells write after their labels ("Kỳ trước chuyển qua (2)", "Tổng số (1)=(2)+(3)": a formula's total
    is its own column), when at least two columns carry one, each once and in order; else position + 1."""
    if colnum_row is None:
        stated = _stated_numbers(rows[:header_end or 0])
        if stated:
            return stated
        width = max(len(r) for r in rows)
        return {j + 1: j for j in range(width)}
    out = {}
    for j, c in enumerate(rows[colnum_row]):
        m = _COLNUM_N.match(c.text.strip())
        if m and int(m.group(1)) not in out:
            out[int(m.group(1))] = j
    return out


_FORMULA = re.compile(r"\(\d{1,2}\)\s*=\s*(?:\(\d{1,2}\)\s*\+\s*)+\(\d{1,2}\)")   # "(3) = (4)+(5)+(6)+(7)"
_OWN_NUMBER = re.compile(r"\((\d{1,2})\)\s*$")     # "Mới tiếp nhận (3)": the column's number, last in its label


def _stated_numbers(header: list[list[Cell]]) -> dict[int, int]:
    """The numbers header cells give their own columns (a formula's total, or "(n)" ending the label); empty
    unless two or more columns are numbered, no number twice, increasing left to right."""
    own: dict[int, int] = {}
    for r in header:
        for j, c in enumerate(r):
            t = c.text.strip()
            m = _FORMULA.search(t) if "=" in t else None
            n = int(t[m.start() + 1:t.index(")", m.start())]) if m else \
                (int(mo.group(1)) if (mo := _OWN_NUMBER.search(t)) else None)
            if n is not None and j not in own:
                own[j] = n
    nums = [own[j] for j in sorted(own)]
    if len(nums) < 2 or nums != sorted(set(nums)):
        return {}
    return {n: j for j, n in own.items()}


def header_formulas(rows, header_end: int) -> list[tuple[int, tuple[int, ...]]]:
    """Formulas written in header cells: '(3) = (4)+(5)+(6)+(7)' (or 'Tổng số (3)=(4)+(5)')."""
    out = []
    for r in rows[:header_end]:
        for c in r:
            for m in _FORMULA.finditer(c.text) if "=" in c.text else ():
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




def is_total_row(r) -> bool:
    return any(total_row_rx(colon=True).match(c.text.strip()) for c in r[:3] if c.text.strip())


@dataclass(frozen=True)
class TableView:
    block: Block
    header_end: int                 # index of the first data row
    colnum_row: int | None          # the "(1) (2) (3)" row, when printed
    labels: tuple                   # column labels, group headers carried over
    colmap: dict                    # form column number -> cell index
    form: str | None                # annex form code ("II.03b")
    formulas: tuple                 # ((total column, (part columns...)), ...)
    data: tuple                     # data rows (list[Cell]), total rows included
    totals: tuple                   # indices in `data` of total rows ("Tổng cộng", "Tổng số", ...)

    @property
    def rows(self):
        return self.block.rows


def table_view(doc: Document, b: Block) -> TableView:
    """Read one table block once."""
    rows = b.rows
    start, colnum_row = table_layout(rows)
    labels = column_labels(rows, start)
    colmap = column_numbers(rows, colnum_row, start)
    code = form_code(doc, b)
    own = header_formulas(rows, start)
    # a form's formulas hold for a table laid out as the form: one that writes formulas of its own numbers its columns
    # its own way ("Tổng số (1)=(2)+(3)"), and one with fewer numbered columns than the form's formulas name is a
    # shortened copy of it (its "(6)" is not the form's)
    form = form_formulas().get(code or "", ())
    formulas = list(form) if form and not own and max(colmap, default=0) >= max(max(t, *ps) for t, ps in form) else []
    for f in own + (derived_formulas(labels, colmap) if colnum_row is not None else []):
        if f not in formulas:
            formulas.append(f)
    data = tuple(rows[start:])
    totals = tuple(i for i, r in enumerate(data) if is_total_row(r))
    return TableView(b, start, colnum_row, tuple(labels), colmap, code, tuple(formulas), data, totals)


def table_views(doc: Document) -> list[TableView]:
    return [table_view(doc, b) for b in doc.blocks if b.kind == "table" and len(b.rows) >= 2]


# ---- key-value appendix tables ("STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú")

def keyvalue_columns(labels) -> tuple[int, int, int | None, int | None] | None:
    """(label col, value col, unit col, note col) of a row-wise table, or None."""
    low = [l.lower() for l in labels]
    lab = next((j for j, l in enumerate(low) if re.search(r"chỉ tiêu|nội dung", l)), None)
    val = next((j for j, l in enumerate(low) if re.search(r"số liệu|giá trị", l)), None)
    unit = next((j for j, l in enumerate(low) if "đơn vị tính" in l), None)
    note = next((j for j, l in enumerate(low) if "ghi chú" in l), None)
    if lab is not None and val is not None:
        return lab, val, unit, note
    return None
