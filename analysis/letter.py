"""The findings letter sent back to a province: findings.docx (python-docx) and findings.xlsx
(formatted), one per report, in Vietnamese. Each finding gives the quote, its place (page or paragraph
and line), stated, expected, the difference and the reading used; the header names the report (number
and date) and what was checked."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .store import atomic_write
from .numbers import fmt_vn
from .store import fixed_properties, stable_zip
from .vocab import rules

SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}

# Columns of the letter: (code, Vietnamese header, width in characters)
COLUMNS = [("no", "STT", 5), ("severity", "Mức độ", 10), ("reading", "Quy tắc kiểm tra (cách đọc)", 30),
           ("message", "Nội dung", 60), ("quote", "Trích dẫn", 60), ("place", "Vị trí", 16),
           ("stated", "Số báo cáo nêu", 14), ("expected", "Số tính lại", 14), ("difference", "Chênh lệch", 12),
           ("rule", "Mã quy tắc", 16)]


def _num(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    v = float(v)
    return fmt_vn(v, 0) if v.is_integer() else fmt_vn(v, 4).rstrip("0").rstrip(",")


def letter_rows(findings: pd.DataFrame) -> list[dict]:
    """One row per finding (errors, then warnings, then info), as the letter shows it."""
    order = {"error": 0, "warning": 1, "info": 2}
    f = findings.assign(_o=findings["severity"].map(order)).sort_values(["_o", "line"])
    out = []
    for i, (_, r) in enumerate(f.iterrows(), 1):
        ev = json.loads(r["evidence"]) if isinstance(r["evidence"], str) else (r["evidence"] or [])
        quote = " / ".join(e.get("text", "") for e in ev)[:500]
        ref = r.get("ref") if isinstance(r.get("ref"), str) else ""
        line = "" if pd.isna(r["line"]) else int(r["line"])
        rule = rules().get(r["rule"])
        out.append({"no": i, "severity": SEVERITY_VI.get(r["severity"], r["severity"]),
                    "reading": (rule.title_vi or rule.title) if rule else r["rule"], "message": r["message"], "quote": quote,
                    "place": ", ".join(x for x in (ref, f"dòng {line}" if line != "" else "") if x),
                    "stated": r["stated"], "expected": r["expected"], "difference": r["difference"], "rule": r["rule"]})
    return out


def _date_vi(iso: str) -> str:
    """'2022-12-14' -> '14/12/2022'; '2022-12' -> 'tháng 12/2022'."""
    p = (iso or "").split("-")
    if len(p) == 3:
        return f"{p[2]}/{p[1]}/{p[0]}"
    if len(p) == 2:
        return f"tháng {p[1]}/{p[0]}"
    return iso


def header_lines(doc: pd.Series, coverage: dict) -> list[str]:
    number = doc.get("number") or ""
    if not isinstance(number, str):
        number = ""
    date = _date_vi(doc.get("date") or "") if doc.get("date") != "unknown" else ""
    what = f"Báo cáo {('số ' + number) if number else doc['document']}" + (f" ngày {date}" if date and not date.startswith("tháng") else f" {date}" if date else "")
    return [f"Kính gửi: {doc.get('issuer') if doc.get('issuer') not in (None, '', 'unknown') else 'Cơ quan ban hành báo cáo'}",
            f"V/v: rà soát tính nhất quán số liệu của {what} ({doc['province']}, kỳ {doc['period']})",
            f"Tệp đã rà soát: {doc['document']}. Đã kiểm tra {coverage.get('claims_checked', 0)} quan hệ số liệu "
            f"(tổng = các phần, tỷ lệ = số đếm / mẫu số, số liệu nêu hai lần, công thức của biểu mẫu Thông tư 01/2020/TT-VPCP); "
            f"{coverage.get('claims_holding', 0)} quan hệ khớp; {coverage.get('errors', 0)} lỗi, "
            f"{coverage.get('warnings', 0)} cảnh báo.",
            "Số báo cáo nêu được hiểu là một khoảng theo số chữ số thập phân đã ghi (làm tròn hoặc cắt bớt); "
            "chỉ những chênh lệch không cách làm tròn nào giải thích được mới được nêu là lỗi."]


def write_docx(path: Path, doc: pd.Series, coverage: dict, rows: list[dict]) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    def build(p: Path):
        d = docx.Document()
        sec = d.sections[0]
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
        for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(sec, m, Cm(1.5))
        d.styles["Normal"].font.name = "Times New Roman"
        d.styles["Normal"].font.size = Pt(11)
        d.add_heading("Kết quả rà soát số liệu báo cáo", level=1)
        for line in header_lines(doc, coverage):
            d.add_paragraph(line)
        cols = [c for c in COLUMNS if c[0] not in ("rule",)]
        t = d.add_table(rows=1, cols=len(cols))
        t.style = "Table Grid"
        for j, (_, head, _) in enumerate(cols):
            t.rows[0].cells[j].text = head
        for r in rows:
            cells = t.add_row().cells
            for j, (code, _, _) in enumerate(cols):
                v = r[code]
                cells[j].text = _num(v) if code in ("stated", "expected", "difference") else str(v)
        if not rows:
            d.add_paragraph("Không phát hiện số liệu không khớp.")
        d.add_paragraph("Đề nghị cơ quan soát xét lại các số liệu trên và thông báo số liệu đúng (nếu có).")
        fixed_properties(d.core_properties)
        d.save(str(p))
        stable_zip(p)

    atomic_write(path, build)
    return path


def write_xlsx(path: Path, doc: pd.Series, coverage: dict, rows: list[dict]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def build(p: Path):
        wb = Workbook()
        ws = wb.active
        ws.title = "Phát hiện"
        head = header_lines(doc, coverage)
        for i, line in enumerate(head, 1):
            ws.cell(row=i, column=1, value=line)
        top = len(head) + 2
        for j, (code, title, width) in enumerate(COLUMNS, 1):
            c = ws.cell(row=top, column=j, value=title)
            c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="EEF2F7")
            ws.cell(row=top + 1, column=j, value=code).font = Font(italic=True, color="888888")
            ws.column_dimensions[get_column_letter(j)].width = width
        for i, r in enumerate(rows, top + 2):
            for j, (code, _, _) in enumerate(COLUMNS, 1):
                v = r[code]
                v = None if isinstance(v, float) and pd.isna(v) else v
                c = ws.cell(row=i, column=j, value=v)
                c.alignment = Alignment(wrap_text=code in ("message", "quote", "reading"), vertical="top")
                if code in ("stated", "expected", "difference") and v is not None:
                    c.number_format = "#,##0.####"
        ws.freeze_panes = ws.cell(row=top + 2, column=1)
        ws.auto_filter.ref = f"A{top + 1}:{get_column_letter(len(COLUMNS))}{max(top + 1, top + 1 + len(rows))}"
        fixed_properties(wb.properties)
        wb.save(str(p))
        stable_zip(p)

    atomic_write(path, build)
    return path


def write_letter(province: str, period: str, out_dir: Path) -> list[Path]:
    """findings.docx and findings.xlsx for the reports of one brief (from data/processed)."""
    from .api import load_coverage, load_documents, load_findings
    from .brief import Selection, documents_of
    docs = documents_of(load_documents(), Selection(province, period))
    if docs.empty:
        return []
    findings = load_findings()
    findings = findings[findings["document"].isin(docs["document"])]
    cov = load_coverage()
    cov = cov[cov["document"].isin(docs["document"])]
    coverage = {k: int(cov[k].sum()) for k in ("claims_checked", "claims_holding", "errors", "warnings")} if not cov.empty else {}
    doc = docs.iloc[0].copy()
    if len(docs) > 1:
        doc["document"] = ", ".join(docs["document"])
    rows = letter_rows(findings)
    return [write_docx(out_dir / "findings.docx", doc, coverage, rows), write_xlsx(out_dir / "findings.xlsx", doc, coverage, rows)]
