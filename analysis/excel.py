"""Workbooks for analysts: Vietnamese headers with the column codes in a second row, a frozen header,
an autofilter, column widths and number formats. Headers are declared in vocab/briefs.yml
(`excel_headers`); a code without one keeps its code."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd

from .vocab import _load



def headers() -> dict:
    return _load("briefs.yml").get("excel_headers") or {}


def _width(series: pd.Series, title: str) -> float:
    sample = [str(x) for x in series.head(200).tolist()]
    longest = max([len(title)] + [len(x) for x in sample]) if len(sample) else len(title)
    return float(min(max(8, longest + 2), 60))


def findings_sheets(findings: pd.DataFrame, coverage: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Findings with their values and evidence as real rows of linked sheets (finding no. → rows)."""
    f = findings.reset_index(drop=True).copy()
    f.insert(0, "finding", range(1, len(f) + 1))
    values, evidence = [], []
    # plain columns, not iterrows (a Series per finding took most of the time at 10,000 findings)
    for no, doc, vals, evs in zip(f["finding"].tolist(), f["document"].tolist(), f["values"].tolist(), f["evidence"].tolist()):
        for k, v in enumerate(json.loads(vals) if isinstance(vals, str) else (vals or []), 1):
            values.append({"finding": no, "document": doc, "position": k, "value": v.get("value"),
                           "decimals": v.get("decimals"), "line": v.get("line")})
        for e in json.loads(evs) if isinstance(evs, str) else (evs or []):
            evidence.append({"finding": no, "document": doc, "line": e.get("line"),
                             "ref": e.get("ref", ""), "text": e.get("text")})
    main = f.drop(columns=["values", "evidence"])
    return {"findings": main, "values": pd.DataFrame(values, columns=["finding", "document", "position", "value", "decimals", "line"]),
            "evidence": pd.DataFrame(evidence, columns=["finding", "document", "line", "ref", "text"]), "coverage": coverage}


# ---------------------------------------------------------------- a streaming .xlsx writer
# openpyxl builds a cell object per value (about 27 µs each): 60,000 facts took 40 s. The workbooks
# here need only inline strings, numbers, three header styles, widths, a frozen header and a filter,
# so they are written as SpreadsheetML directly, row by row, into a zip with fixed dates.

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(v: str) -> str:
    v = _XML_BAD.sub("", v)
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _col(j: int) -> str:
    s = ""
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0"/><numFmt numFmtId="165" formatCode="#,##0.####"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>
<font><i/><sz val="8"/><color rgb="FF888888"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFEEF2F7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def _tail(v, kind: int) -> str:
    """One cell after its reference: a boolean, an inline string or a number in the column's format."""
    if v is None or (not isinstance(v, (str, bool)) and pd.isna(v)):
        return ""
    if isinstance(v, (bool,)) or type(v).__name__ == "bool_":
        return f' t="b"><v>{int(bool(v))}</v></c>'
    if isinstance(v, str):
        return _str_tail(v)
    if hasattr(v, "item") or isinstance(v, (int, float)):
        x = v.item() if hasattr(v, "item") else v
        if isinstance(x, float) and not math.isfinite(x):
            return ""
        return f'{f" s={chr(34)}{kind}{chr(34)}" if kind else ""}><v>{x!r}</v></c>'
    return f' t="inlineStr"><is><t>{_esc(str(v))}</t></is></c>'


def _str_tail(v: str) -> str:
    sp = ' xml:space="preserve"' if v != v.strip() else ""
    return f' t="inlineStr"><is><t{sp}>{_esc(v)}</t></is></c>'


def _column_tails(col: pd.Series) -> list[str]:
    """_tail of every cell of a column; plain loops for the usual column types (same output)."""
    values = col.tolist()
    if pd.api.types.is_bool_dtype(col) and not col.hasnans:
        return [' t="b"><v>1</v></c>' if v else ' t="b"><v>0</v></c>' for v in values]
    if pd.api.types.is_integer_dtype(col) and col.dtype.kind == "i":
        return [f' s="3"><v>{v!r}</v></c>' for v in values]
    if pd.api.types.is_float_dtype(col) and col.dtype.kind == "f":
        return [f' s="4"><v>{v!r}</v></c>' if math.isfinite(v) else "" for v in values]
    kind = 3 if pd.api.types.is_integer_dtype(col) else 4 if pd.api.types.is_float_dtype(col) else 0
    tails = {v: _str_tail(v) for v in set(values) if type(v) is str}     # documents, levels, units repeat
    return [tails[v] if type(v) is str else _tail(v, kind) for v in values]


_SLICE = 2048          # rows rendered (and written to the zip stream) at a time


def _sheet_xml(df: pd.DataFrame):
    """The worksheet XML of one table, in pieces (header rows, then one piece per data row)."""
    heads = headers()
    cols = list(df.columns)
    letters = [_col(j) for j in range(1, len(cols) + 1)]
    last = f"{letters[-1] if letters else 'A'}{max(2, len(df) + 2)}"
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>'
           '<selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    if cols:
        yield "<cols>" + "".join(f'<col min="{j}" max="{j}" width="{_width(df[c], heads.get(c, c)):g}" customWidth="1"/>'
                                 for j, c in enumerate(cols, 1)) + "</cols>"
    yield "<sheetData>"
    for r, (vals, style) in enumerate((([heads.get(c, c) for c in cols], 1), (cols, 2)), 1):
        yield f'<row r="{r}">' + "".join(f'<c r="{a}{r}" t="inlineStr" s="{style}"><is><t>{_esc(str(v))}</t></is></c>'
                                        for a, v in zip(letters, vals)) + "</row>"
    # each column rendered at once (what follows '<c r="A3"' in each of its cells, '' for a blank),
    # then the rows put together: a per-cell type test and pd.isna took most of the time
    # (in slices of rows, so that memory holds one slice's cells, not the whole table's)
    for first in range(0, len(df), _SLICE):
        part = df.iloc[first:first + _SLICE]
        # each column's cells with their references ('' for a blank: no cell), then each row joined in C
        cells = [[f'<c r="{a}{r}"{t}' if t else "" for r, t in enumerate(_column_tails(part[c]), first + 3)]
                 for a, c in zip(letters, cols)]
        yield "".join(f'<row r="{r}">' + "".join(row) + "</row>" for r, row in enumerate(zip(*cells), first + 3))
    yield f'</sheetData><autoFilter ref="A2:{last}"/>' \
          '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'


def write_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> None:
    """A workbook of one sheet per table: Vietnamese headers, codes in row 2, data from row 3, frozen
    header, filter, widths and number formats; the same bytes for the same tables."""
    import zipfile
    from .store import FIXED_TIME
    names = list(sheets)
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for i in range(1, len(names) + 1)) + "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>tthc-briefs</dc:creator><cp:lastModifiedBy>tthc-briefs</cp:lastModifiedBy>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>')
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          + "".join(f'<sheet name="{_esc(n[:31])}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
          + "</sheets></workbook>")
    wrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(names) + 1))
             + f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             "</Relationships>")

    def entry(z, name, data):
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1          # the fastest level: a third of the time, a slightly larger file
        with z.open(info, "w") as f:
            if isinstance(data, str):
                f.write(data.encode("utf-8"))
            else:
                for piece in data:
                    f.write(piece.encode("utf-8"))

    with zipfile.ZipFile(path, "w") as z:
        entry(z, "[Content_Types].xml", ct)
        entry(z, "_rels/.rels", rels)
        entry(z, "docProps/core.xml", core)
        entry(z, "xl/workbook.xml", wb)
        entry(z, "xl/_rels/workbook.xml.rels", wrels)
        entry(z, "xl/styles.xml", _STYLES)
        for i, n in enumerate(names, 1):
            entry(z, f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheets[n]))
