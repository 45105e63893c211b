"""Workbooks for analysts: Vietnamese headers over the codes, frozen header, filter, widths, number
formats, and findings' values and evidence as real rows of linked sheets."""
from __future__ import annotations

import openpyxl

from analysis.build import build, write_tables
from analysis.check import CheckRun, check_extracted, write_findings


def test_facts_and_findings_workbooks(tmp_path, seeds):
    from conftest import SEEDS
    res = build([SEEDS["bac_giang"]])
    write_tables(res, tmp_path)
    write_findings(CheckRun([check_extracted(it) for it in res.items]), tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "facts.xlsx").active
    heads = [c.value for c in ws[1]]
    codes = [c.value for c in ws[2]]
    assert heads[:6] == ["Văn bản", "Tỉnh", "Kỳ", "Chỉ tiêu (mã)", "Cấp", "Giá trị"] and codes[:3] == ["document", "province", "period"]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    value_col = codes.index("value") + 1
    received = next(r for r in ws.iter_rows(min_row=3, values_only=True)
                    if r[codes.index("indicator")] == "dossiers.received" and r[codes.index("line")] == 66)
    assert received[value_col - 1] == 690889
    assert ws.cell(row=3, column=value_col).number_format == "#,##0.####"
    assert ws.column_dimensions["L"].width >= 20                          # quotes get room
    wb = openpyxl.load_workbook(tmp_path / "findings.xlsx")
    assert wb.sheetnames == ["findings", "values", "evidence", "coverage"]
    f = wb["findings"]
    fcodes = [c.value for c in f[2]]
    assert "values" not in fcodes and "evidence" not in fcodes and fcodes[0] == "finding"
    first = [c.value for c in f[3]]
    assert first[fcodes.index("rule")] == "calc.levels" and first[fcodes.index("stated")] == 690889
    ev = [r for r in wb["evidence"].iter_rows(min_row=3, values_only=True) if r[0] == 1]
    assert [r[2] for r in ev] == [66, 70, 72, 74] and "690.889" in ev[0][4]
    vals = [r for r in wb["values"].iter_rows(min_row=3, values_only=True) if r[0] == 1]
    assert [r[3] for r in vals] == [690889, 264740, 85065, 341184]


def test_column_fast_paths_write_what_the_general_cell_writer_writes():
    # the per-column loops (excel._column_tails) against the one-cell writer, on every column type a
    # table holds: blanks, infinities, booleans, strings with edge spaces and XML marks, mixed objects
    import math
    import pandas as pd
    from analysis.excel import _column_tails, _tail
    df = pd.DataFrame({
        "f": [1.5, float("nan"), math.inf, -0.0, 1e20],
        "i": [1, -2, 0, 10 ** 12, 7],
        "b": [True, False, True, False, True],
        "s": pd.array(["a", None, " lề ", "<&>\"", "x\x01y"], dtype="string"),
        "o": ["văn bản", 3, None, 2.5, True],
    })
    for c in df.columns:
        kind = 3 if pd.api.types.is_integer_dtype(df[c]) else 4 if pd.api.types.is_float_dtype(df[c]) else 0
        assert _column_tails(df[c]) == [_tail(v, kind) for v in df[c].tolist()], c
    assert _column_tails(df["f"])[1:3] == ["", ""]                      # no cell for a blank or an infinity
    assert _column_tails(df["s"])[2] == ' t="inlineStr"><is><t xml:space="preserve"> lề </t></is></c>'
