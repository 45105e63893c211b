"""Intake safeguards: the period comes from the text and is reconciled with the file name, a PDF's
date line stays apart from its title, one report in two formats is read once, reports that cannot be
briefed are listed with the fix, page and paragraph references, and briefs never read tables built
from other inputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.build import build

HEAD = [("ỦY BAN NHÂN DÂN TỈNH GIA LAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("Số: 412/BC-UBND", "Độc lập - Tự do - Hạnh phúc")]
DATE = "Gia Lai, ngày 20 tháng 9 năm 2024"
TITLE = "Tình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính quý III năm 2024"
BODY = ["Thực hiện Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ, UBND tỉnh báo cáo như sau:",
        "Tổng số hồ sơ TTHC đã tiếp nhận trong kỳ báo cáo là 52.410 hồ sơ, trong đó: số mới tiếp nhận trong kỳ 50.100 hồ sơ; "
        "số từ kỳ trước chuyển qua 2.310 hồ sơ.",
        "Số lượng hồ sơ đã giải quyết: 49.800 hồ sơ; trong đó, giải quyết trước hạn: 30.000 hồ sơ, đúng hạn: 19.500 hồ sơ, "
        "quá hạn: 300 hồ sơ."]


def _pdf(path: Path) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in HEAD)
    body = "".join(f"<p>{t}</p>" for t in BODY[:2]) + "<p style='page-break-before: always'>" + BODY[2] + "</p>"
    weasyprint.HTML(string=f"<html><body style='font-family: DejaVu Sans; font-size: 10pt'>"
                           f"<table style='width:100%;text-align:center'>{rows}</table>"
                           f"<p style='text-align:right'><i>{DATE}</i></p><p style='text-align:center'><b>BÁO CÁO</b></p>"
                           f"<p style='text-align:center'><b>{TITLE}</b></p>{body}</body></html>").write_pdf(path)
    return path


def _docx(path: Path) -> Path:
    import docx
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    for i, (a, b) in enumerate(HEAD):
        t.cell(i, 0).text, t.cell(i, 1).text = a, b
    for text in [DATE, "BÁO CÁO", TITLE] + BODY:
        d.add_paragraph(text)
    d.save(path)
    return path


def test_pdf_date_line_stays_apart_from_the_title(tmp_path):
    from analysis.meta import detect_meta
    from analysis.read import read_document
    doc = read_document(_pdf(tmp_path / "bao-cao.pdf"))
    assert DATE in doc.lines and "BÁO CÁO" in doc.lines
    meta = detect_meta(doc)
    assert (meta.period, meta.title, meta.province, meta.number) == ("2024-Q3", TITLE, "Gia Lai", "412/BC-UBND")


def test_one_report_in_two_formats_is_read_once_with_a_note(tmp_path):
    res = build([_pdf(tmp_path / "bao-cao.pdf"), _docx(tmp_path / "bao-cao.docx")])
    assert list(res.documents["document"]) == ["bao-cao.docx"]
    assert list(res.documents["period"]) == ["2024-Q3"]
    assert len(res.notes) == 1 and "bao-cao.pdf" in res.notes[0][1] and "412/BC-UBND" in res.notes[0][1]
    assert "bao-cao.pdf" in res.documents["warnings"].iloc[0]
    assert (res.facts["indicator"] == "dossiers.received").sum() == 1


def test_page_and_paragraph_references_beside_the_line(tmp_path):
    from analysis.build import extract_file
    from analysis.check import check_extracted
    pdf = extract_file(_pdf(tmp_path / "bao-cao.pdf"))
    resolved = next(f for f in pdf.facts if f.indicator == "dossiers.resolved")
    assert resolved.ref == "tr. 2" and resolved.value == 49800
    received = next(f for f in pdf.facts if f.indicator == "dossiers.received")
    assert received.ref == "tr. 1"
    dx = extract_file(_docx(tmp_path / "bao-cao.docx"))
    assert next(f for f in dx.facts if f.indicator == "dossiers.resolved").ref == "đoạn 6"
    # the checker's findings carry the same reference (resolved 49.800 = 30.000 + 19.500 + 300 holds;
    # change one part so that it fails)
    src = tmp_path / "sai.docx"
    import docx
    d = docx.Document(str(tmp_path / "bao-cao.docx"))
    for p in d.paragraphs:
        if "19.500" in p.text:
            p.text = p.text.replace("19.500", "19.700")
    d.save(src)
    got = check_extracted(extract_file(src)).findings
    assert any(f["ref"] == "đoạn 6" and f["severity"] == "error" for f in got), got


def test_period_disagreeing_with_the_file_name_is_a_warning(tmp_path):
    p = tmp_path / "gia-lai_2024-q2_kstthc.txt"
    p.write_text("\n\n".join([DATE, "BÁO CÁO", TITLE] + BODY), encoding="utf-8")
    res = build([p])
    d = res.documents.iloc[0]
    assert d["period"] == "2024-Q3"
    assert "2024-Q2" in d["warnings"] and "gia-lai_2024-q2_kstthc.yml" in d["warnings"]


def test_a_report_without_province_is_listed_with_its_reason(tmp_path, monkeypatch):
    import analysis.index as batch
    from analysis.api import problems_frame
    from analysis.batch import Result, Task, write_index
    p = tmp_path / "bao-cao-khong-ten.txt"
    p.write_text("\n\n".join(["BÁO CÁO", "Kết quả kiểm soát thủ tục hành chính quý I năm 2023", BODY[1]]), encoding="utf-8")
    probs = problems_frame(build([p]))
    row = probs[probs["document"] == p.name].iloc[0]
    assert row["kind"] == "not_briefed" and "tỉnh" in row["message"] and "bao-cao-khong-ten.yml" in row["fix"]
    monkeypatch.setattr(batch, "problems", lambda: probs)
    import pandas as pd
    out = tmp_path / "reports"
    docs = pd.DataFrame(columns=["document", "province_slug", "period", "warnings"])
    write_index(out, [Result(Task("compare", "So sánh", "x.ipynb", {}, str(out / "compare"), "compare", 10), "cached")], docs)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "bao-cao-khong-ten.txt" in page and "bao-cao-khong-ten.yml" in page


def test_briefs_never_use_tables_built_from_other_inputs(tmp_path):
    import pandas as pd
    from analysis.api import STAMP, refresh
    from analysis.batch import prepare_data
    from analysis.paths import DOCUMENTS_PARQUET, RAW, raw_documents
    other = tmp_path / "other"
    other.mkdir()
    (other / "gia-lai_2024-q3_x.txt").write_text("\n\n".join([DATE, "BÁO CÁO", TITLE] + BODY), encoding="utf-8")
    refresh(raw_documents(other))                      # python -m analysis build --raw OTHER
    assert not STAMP.exists()
    assert "rebuilt" in prepare_data()                 # what `briefs` does first
    assert sorted(pd.read_parquet(DOCUMENTS_PARQUET)["document"]) == sorted(p.name for p in raw_documents(RAW))
