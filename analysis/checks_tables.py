"""Rules on tables: total rows against their rows, column formulas of the annex forms, blank cells."""
from __future__ import annotations

import re

from .facts import rate_column_indicator
from .findings import Claim, Interval, Val, judge
from .meta import DocMeta
from .read import Cell, Document
from .numbers import find_numbers, parse_number, ratio_interval
from .periods import find_periods
from .tables import _ROMAN, _SUBROW, TableView, cell_value, is_total_row, keyvalue_columns, table_views
from .findings import gap, total, val_of
from .vocab import rate_header

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
    year = meta.period_obj.end.year if meta.period_obj and meta.period_obj.end else None
    for tv in table_views(doc):
        if len(tv.rows) >= 3:
            out.extend(_one_table(doc_name, tv, year))
    return out


def _one_table(doc_name: str, tv: TableView, year: int | None = None) -> list[Claim]:
    out = []
    if tv.colnum_row is not None or tv.formulas:
        for r in tv.data:
            out.extend(_formula_claims(doc_name, r, tv.formulas, tv.colmap, tv.form))
    out.extend(_total_claims(doc_name, list(tv.data), list(tv.labels), tv.colmap))
    kv = keyvalue_columns(tv.labels)
    if kv:
        out.extend(_keyvalue_claims(doc_name, tv, kv))
    out.extend(_comparison_claims(doc_name, tv, year))
    out.extend(_rate_column_claims(doc_name, tv))
    return out


# A rate column no indicator names ("Tỷ lệ toàn trình (%)" beside "Tổng số TTHC | DVC toàn trình | DVC một phần"): its
# definition is read off the table, the one pair of count columns (part, base) that explains every row but one (two of
# five rows or more), on RATE_ROWS rows or more; a row it does not explain is flagged. A pair that explains fewer rows, or two pairs that
# explain as many, define nothing (no claim).
RATE_ROWS = 3


def _rate_column_claims(doc_name: str, tv: TableView) -> list[Claim]:
    """table.rate: each row's rate against its part over its base, the columns found as above."""
    labels, rows = list(tv.labels), list(tv.data)
    # (a rate column an indicator names is read by the facts, and rate.recomputed holds it)
    rates = [j for j, lab in enumerate(labels) if j and re.search(r"tỷ lệ|tỉ lệ", lab, re.I)
             and not _CHANGE_HEADER.search(lab) and rate_column_indicator(lab) is None]
    out = []
    for rc in rates:
        counts = [j for j in range(1, len(labels)) if j not in rates and not rate_header(labels[j])
                  and sum(1 for r in rows if j < len(r) and _signed(r[j]) is not None) >= RATE_ROWS]
        fits = []
        for num in counts:
            for den in counts:
                if num != den:
                    judged = _rate_rows(rows, rc, num, den)
                    held = sum(1 for *_x, st in judged if st != "fail")
                    if held >= RATE_ROWS and held >= len(judged) - (1 if len(judged) < 5 else 2):
                        fits.append((held, num, den, judged))
        if not fits:
            continue
        fits.sort(key=lambda f: -f[0])
        if len(fits) > 1 and fits[1][0] == fits[0][0]:
            continue                            # (two definitions explain the rows alike: none is the column's)
        _held, num, den, judged = fits[0]
        for r, rv, nv, dv, st in judged:
            actual = 100 * nv.value / dv.value
            out.append(Claim(rule="table.rate", document=doc_name, status=st, stated=rv.value, expected=round(actual, 4),
                             difference=round(rv.value - actual, 4) if st == "fail" else 0.0, values=[rv, nv, dv],
                             evidence=[(rv.line, " | ".join(c.text for c in r if c.text)[:200])], indicator="", level="",
                             params={"row": _row_name(r), "label": labels[rc][:80], "part": labels[num][:60],
                                     "base": labels[den][:60]},
                             severity="info" if st == "info" else ""))
    return out


def _rate_rows(rows, rc: int, num: int, den: int) -> list[tuple]:
    """(row, rate, part, base, status) of the rows whose three cells are figures, the base above zero."""
    out = []
    for r in rows:
        rv, nv, dv = (_signed(r[j], j == rc) if j < len(r) else None for j in (rc, num, den))
        if rv is None or nv is None or dv is None or dv.value <= 0 or nv.value > dv.value:
            continue
        out.append((r, rv, nv, dv, judge(rv.rounded(), rv.full(), ratio_interval(nv.rounded(), dv.rounded()),
                                          ratio_interval(nv.full(), dv.full()))))
    return out


# A comparison table (reports set a period beside the same one a year before): two columns naming periods, and one
# of the change between them ("Tăng/giảm (%)", "So sánh (%)", "Chênh lệch"); in % it is the relative change or the
# ratio of the two, else their difference
_CHANGE_HEADER = re.compile(r"tăng\s*[/,]?\s*giảm|so sánh|chênh lệch|tỷ lệ tăng|\+\s*/\s*-", re.I)
_EARLIER_HEADER = re.compile(r"cùng kỳ|kỳ trước|năm trước|quý trước|tháng trước", re.I)
_SIGNED = re.compile(r"^([-−–+])?\s*(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s*%?$")


def _signed(c: Cell | None, percent: bool = False) -> Val | None:
    """A cell's signed number ("-40", "+8,73", "12,5%") as a stated figure, else None."""
    m = _SIGNED.match(c.text.strip()) if c is not None else None
    if m is None:
        return None
    v, d = parse_number(m.group(2))
    return Val(-v if m.group(1) and m.group(1) != "+" else v, d, percent, "", 1, c.line, c.raw.strip(), c.col)


def _comparison_columns(labels, year: int | None) -> tuple[int, int, list[int]] | None:
    """(current, earlier, change columns) of a comparison table, else None."""
    change = [j for j, lab in enumerate(labels) if _CHANGE_HEADER.search(lab)]
    periods = [(j, find_periods(lab, year)) for j, lab in enumerate(labels) if j not in change]
    periods = [(j, ps[0][0] if ps else None) for j, ps in periods if ps or _EARLIER_HEADER.search(labels[j])]
    if not change or len(periods) != 2:
        return None
    (a, pa), (b, pb) = periods
    if _EARLIER_HEADER.search(labels[a]) and not _EARLIER_HEADER.search(labels[b]):
        return b, a, change
    if _EARLIER_HEADER.search(labels[b]) and not _EARLIER_HEADER.search(labels[a]):
        return a, b, change
    if pa is None or pb is None or pa.end is None or pb.end is None or pa.end == pb.end:
        return None
    return (a, b, change) if pa.end > pb.end else (b, a, change)


def _comparison_claims(doc_name: str, tv: TableView, year: int | None) -> list[Claim]:
    """change.count on each row of a comparison table: the change column against the two period columns."""
    cols = _comparison_columns(tv.labels, year)
    if cols is None:
        return []
    cur_c, base_c, changes = cols
    return [c for ch_c in changes for c in _change_column_claims(doc_name, tv, cur_c, base_c, ch_c)]


def _change_column_claims(doc_name: str, tv: TableView, cur_c: int, base_c: int, ch_c: int) -> list[Claim]:
    percent = "%" in tv.labels[ch_c]
    compared = bool(re.search(r"so sánh", tv.labels[ch_c], re.I))
    out = []
    for r in tv.data:
        cur, base, ch = (_signed(r[j], j == ch_c and percent) if j < len(r) else None for j in (cur_c, base_c, ch_c))
        if cur is None or base is None or ch is None or base.value <= 0:
            continue
        if percent:
            ratio_r, ratio_f = ratio_interval(cur.rounded(), base.rounded()), ratio_interval(cur.full(), base.full())
            # the relative change, or the ratio ("So sánh (%)": 108,73 for an increase of 8,73 %)
            options = [(Interval(ratio_r.lo - 100, ratio_r.hi - 100), Interval(ratio_f.lo - 100, ratio_f.hi - 100)),
                       (ratio_r, ratio_f)]
            relative, ratio = 100 * (cur.value - base.value) / base.value, 100 * cur.value / base.value
            actual = relative if abs(abs(ch.value) - abs(relative)) <= abs(ch.value - ratio) else ratio    # (the nearer reading)
        else:
            dr = Interval(cur.rounded().lo - base.rounded().hi, cur.rounded().hi - base.rounded().lo)
            df = Interval(cur.full().lo - base.full().hi, cur.full().hi - base.full().lo)
            options, actual = [(dr, df)], cur.value - base.value
        # (a decrease written without its minus in a "Tăng/giảm" column: either sign is a reading)
        stated = [ch] + ([Val(-ch.value, ch.decimals, percent, "", 1, ch.line, ch.raw, ch.col)] if ch.value > 0 else [])
        statuses = [judge(sv.rounded(), sv.full(), er, ef) for sv in stated for er, ef in options]
        status = "holds" if "holds" in statuses else ("info" if "info" in statuses else "fail")
        direction = "so sánh" if compared else ("giảm" if ch.value < 0 else "tăng")
        out.append(Claim(rule="change.count", document=doc_name, status=status, stated=ch.value, expected=round(actual, 4),
                         difference=round(ch.value - actual, 4) if status == "fail" else 0.0, values=[cur, ch, base],
                         evidence=[(ch.line, " | ".join(c.text for c in r if c.text)[:200])], indicator="", level="",
                         params={"baseline": base.fmt(), "current": cur.fmt(), "direction": direction,
                                 "amount": ch.raw.lstrip("-−–+ "), "unit": "%" if percent else "", "unit_en": "%" if percent else ""},
                         severity="info" if status == "info" else ""))
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
                out.append(Claim(rule="table.blank", document=doc_name, status="fail", stated=None, expected=None, difference=None,
                                 values=[_val(c, v) for c, v in zip(cells, vals) if v is not None], evidence=ev, indicator="", level="",
                                 params={"row": name, "formula": ftext, "column": blank}))
            continue
        expected = sum(v or 0 for v in vals[1:])
        status = "holds" if abs(vals[0] - expected) < 1e-9 else "fail"
        out.append(Claim(rule="table.formula", document=doc_name, status=status, stated=vals[0], expected=expected,
                         difference=vals[0] - expected if status == "fail" else 0.0,
                         values=[_val(c, v) for c, v in zip(cells, vals) if v is not None], evidence=ev, indicator="", level="",
                         params={"row": name, "formula": ftext}))
    return out


def _total_claims(doc_name, data, labels, colmap) -> list[Claim]:
    """table.column_total: a total row against the rows above it (top level only)."""
    out = []
    inv = {j: n for n, j in colmap.items()}
    for ti, tr in enumerate(data):
        if not is_total_row(tr):
            continue
        body = [r for r in data[:ti] if not is_total_row(r)]
        stt = [r[0].text.strip() if r else "" for r in body]
        if any(_ROMAN.match(s) for s in stt):
            body = [r for r, s in zip(body, stt) if _ROMAN.match(s)]
        else:
            body = [r for r, s in zip(body, stt) if not _SUBROW.match(s)]
        if len(body) < 2:
            continue
        for j, c in enumerate(tr):
            tv = cell_value(c)
            if not isinstance(tv, float) or j == 0 or (j < len(labels) and rate_header(labels[j])):
                continue                 # (a rate column's total row states the whole's rate: no sum)
            col = [cell_value(r[j]) if j < len(r) else None for r in body]
            if any(v == "text" for v in col) or not any(isinstance(v, float) for v in col):
                continue
            expected = sum(v for v in col if isinstance(v, float))
            status = "holds" if abs(tv - expected) < 1e-9 else "fail"
            vals = [_val(c, tv)] + [_val(r[j], v) for r, v in zip(body, col) if isinstance(v, float)]
            out.append(Claim(rule="table.column_total", document=doc_name, status=status, stated=tv, expected=expected,
                             difference=tv - expected if status == "fail" else 0.0, values=vals,
                             evidence=[(c.line, " | ".join(x.text for x in tr if x.text)[:200])], indicator="", level="",
                             params={"column": f"({inv[j]})" if j in inv else str(j + 1),
                              "label": (labels[j] if j < len(labels) else "")[:80]}))
        break
    return out


# ---- key-value appendix tables: a row's note that splits its figure, "Trong đó" sub-rows

def _note_parts(note: Cell) -> list:
    """'Mức độ 3: 191; Mức độ 4: 349 (...)' -> the figures of its ';'-separated items, each a label and one
    figure; [] when the note is not such a list."""
    out, off = [], 0
    for seg in note.text.split(";"):
        nums = [n for n in find_numbers(seg) if not n.percent]
        words = re.sub(r"\([^)]*\)|[\d.,:]", " ", seg).strip()
        if len(nums) != 1 or len(words) < 3:
            return []
        n = nums[0]
        out.append((note, type(n)(n.value, n.decimals, n.multiplier, n.percent, n.qualifier, n.raw,
                                  n.start + off, n.end + off)))
        off += len(seg) + 1
    return out


def _kv_value(r, col):
    if col >= len(r):
        return None
    v = cell_value(r[col])
    return v if isinstance(v, float) else None


def _keyvalue_claims(doc_name: str, tv: TableView, kv) -> list[Claim]:
    """A row's value against the parts its note lists ("540 | Mức độ 3: 191; Mức độ 4: 349") and a total
    row against its "Trong đó" sub-rows in the same unit (861 = 4 + 128 + 729)."""
    lab_c, val_c, unit_c, note_c = kv
    out = []
    rows = list(tv.data)
    for i, r in enumerate(rows):
        v = _kv_value(r, val_c)
        if v is None:
            continue
        unit = r[unit_c].text.strip().lower() if unit_c is not None and unit_c < len(r) else ""
        if unit == "%":
            continue
        # the note splits the figure: "Cấp tỉnh: 1.300; cấp huyện 1.373"
        if note_c is not None and note_c < len(r) and r[note_c].text:
            note = r[note_c]
            parts = _note_parts(note)
            if len(parts) >= 2:
                out.append(_sum_claim(doc_name, r[val_c], v, parts, "ghi chú của dòng", closed=True))
        # "Trong đó" sub-rows: the rows right after it, in its unit, with no STT of their own
        stt = r[0].text.strip() if r else ""
        if not stt or stt.lower() == "trong đó":
            continue
        subs = []
        for r2 in rows[i + 1:]:
            s2 = r2[0].text.strip() if r2 else ""
            if s2 and s2.lower() != "trong đó":
                break
            u2 = r2[unit_c].text.strip().lower() if unit_c is not None and unit_c < len(r2) else ""
            v2 = _kv_value(r2, val_c)
            if u2 != unit or v2 is None:
                continue
            subs.append((r2[val_c], None))
        if len(subs) >= 2 and rows[i + 1][0].text.strip().lower() == "trong đó":
            out.append(_sum_claim(doc_name, r[val_c], v, subs, "các dòng \"Trong đó\"", closed=True))
    return out


def _sum_claim(doc_name, cell, v, parts, where, closed: bool) -> Claim:
    tv = Val(v, 0, False, "", 1, cell.line, cell.raw.strip(), cell.col)
    pv = []
    for c, n in parts:
        if n is None:
            pv.append(Val(cell_value(c), 0, False, "", 1, c.line, c.raw.strip(), c.col))
        else:
            pv.append(val_of(n, c.line, c.col + n.start if c.col >= 0 else -1))
    exp_r, exp_f = total(pv)
    expected = sum(p.value for p in pv)
    over = exp_f.lo > tv.full().hi + 1e-9
    short = exp_f.hi < tv.full().lo - 1e-9
    rule, status = "enum.exceeds", "holds"
    params = {"parts_label": " + ".join(p.raw for p in pv), "reading": where, "total_label": "",
              "missing": "phần không được liệt kê"}
    if over:
        status = "fail"
    elif short and closed:
        rule, status = "enum.gap", "fail"
    return Claim(rule=rule, document=doc_name, status=status, stated=v, expected=expected, difference=gap(v, exp_f.lo, exp_f.hi) if status == "fail" else 0.0,
                 values=[tv] + pv, evidence=[(cell.line, cell.raw.strip())], indicator="", level="", params=params)
