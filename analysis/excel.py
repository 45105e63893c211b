"""Workbooks for analysts: Vietnamese headers with the column codes in a second row, a frozen header,
an autofilter, column widths and number formats. Headers are declared in vocab/briefs.yml
(`excel_headers`); a code without one keeps its code."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .store import fixed_properties, stable_zip
from .vocab import _load

NUMBER_FORMATS = {"int": "#,##0", "float": "#,##0.####"}


def headers() -> dict:
    return _load("briefs.yml").get("excel_headers") or {}


def _width(series: pd.Series, title: str) -> float:
    sample = [str(x) for x in series.head(200).tolist()]
    longest = max([len(title)] + [len(x) for x in sample]) if len(sample) else len(title)
    return float(min(max(8, longest + 2), 60))


def write_sheet(wb, name: str, df: pd.DataFrame) -> None:
    """One sheet: row 1 Vietnamese headers, row 2 codes (grey), data from row 3; frozen, filtered.
    Written row by row (openpyxl write-only): a sheet of 60,000 facts no longer sits in memory."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    ws = wb.create_sheet(name)
    heads = headers()
    for j, col in enumerate(df.columns, 1):
        ws.column_dimensions[get_column_letter(j)].width = _width(df[col], heads.get(col, col))
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(max(1, len(df.columns)))}{max(2, len(df) + 2)}"
    bold, fill, wrap = Font(bold=True), PatternFill("solid", fgColor="EEF2F7"), Alignment(wrap_text=True, vertical="top")
    row1, row2 = [], []
    for col in df.columns:
        c = WriteOnlyCell(ws, value=heads.get(col, col))
        c.font, c.fill, c.alignment = bold, fill, wrap
        row1.append(c)
        c = WriteOnlyCell(ws, value=col)
        c.font = Font(italic=True, color="888888", size=8)
        row2.append(c)
    ws.append(row1)
    ws.append(row2)
    kinds = [("int" if pd.api.types.is_integer_dtype(df[col]) else "float" if pd.api.types.is_float_dtype(df[col]) else "")
             for col in df.columns]
    for row in df.itertuples(index=False):
        out = []
        for kind, v in zip(kinds, row):
            if v is not None and not isinstance(v, (str, bool)) and pd.isna(v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            if kind and v is not None:
                c = WriteOnlyCell(ws, value=v)
                c.number_format = NUMBER_FORMATS[kind]
                v = c
            out.append(v)
        ws.append(out)


def write_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> None:
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    for name, df in sheets.items():
        write_sheet(wb, name, df)
    fixed_properties(wb.properties)
    wb.save(str(path))
    stable_zip(path)


def findings_sheets(findings: pd.DataFrame, coverage: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Findings with their values and evidence as real rows of linked sheets (finding no. → rows)."""
    f = findings.reset_index(drop=True).copy()
    f.insert(0, "finding", range(1, len(f) + 1))
    values, evidence = [], []
    for _, r in f.iterrows():
        for k, v in enumerate(json.loads(r["values"]) if isinstance(r["values"], str) else (r["values"] or []), 1):
            values.append({"finding": r["finding"], "document": r["document"], "position": k, "value": v.get("value"),
                           "decimals": v.get("decimals"), "line": v.get("line")})
        for e in json.loads(r["evidence"]) if isinstance(r["evidence"], str) else (r["evidence"] or []):
            evidence.append({"finding": r["finding"], "document": r["document"], "line": e.get("line"),
                             "ref": e.get("ref", ""), "text": e.get("text")})
    main = f.drop(columns=["values", "evidence"])
    return {"findings": main, "values": pd.DataFrame(values, columns=["finding", "document", "position", "value", "decimals", "line"]),
            "evidence": pd.DataFrame(evidence, columns=["finding", "document", "line", "ref", "text"]), "coverage": coverage}
