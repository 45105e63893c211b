"""The brief's summary: the figure most likely wrong is the one several independent sums disagree with."""
from __future__ import annotations

from pathlib import Path

from analysis.build import Extracted
from analysis.check import check_extracted
from analysis.facts import extract_facts
from analysis.findings import findings_table
from analysis.meta import DocMeta
from analysis.read import Document, parse_lines
from analysis.summary import error_lines, suspects


def _findings(lines):
    meta = DocMeta("x.txt", period="2023", period_start="2022-12-15", period_end="2023-12-14", period_kind="year")
    doc = Document(Path("x.txt"), lines, parse_lines(lines), "text")
    return findings_table(check_extracted(Extracted(doc, meta, extract_facts(doc, meta))).findings)


def test_bac_giang_names_690889_as_the_likely_wrong_figure(seeds):
    f = findings_table(check_extracted(seeds["bac_giang"]).findings)
    top = suspects(f)[0]
    assert (top.value, top.line, top.expected, top.sums) == (690889, 66, 690989, 3)
    texts = [e["suspect_text"] for e in error_lines(f) if e["suspect_text"]]
    assert texts == ["Số có khả năng sai nhất: 690.889 (dòng 66) — 3 tổng độc lập đều cho 690.989"]


def test_one_total_against_two_agreeing_sums_is_the_suspect():
    f = _findings([
        "- Tổng số hồ sơ TTHC đã tiếp nhận trong kỳ báo cáo là 5.000, trong đó: Số mới tiếp nhận trong kỳ: 4.800; "
        "số từ kỳ trước chuyển qua: 300.",
        "",
        "+ Cấp tỉnh: tiếp nhận 2.000 hồ sơ.",
        "",
        "+ Cấp huyện: tiếp nhận 1.500 hồ sơ.",
        "",
        "+ Cấp xã: tiếp nhận 1.600 hồ sơ.",
    ])
    top = suspects(f)
    assert top and (top[0].value, top[0].expected, top[0].line) == (5000, 5100, 1)


def test_a_single_disagreement_names_no_suspect():
    f = _findings(["- Tổng số hồ sơ TTHC đã tiếp nhận trong kỳ báo cáo là 5.000, trong đó: Số mới tiếp nhận trong kỳ: "
                   "4.800; số từ kỳ trước chuyển qua: 300."])
    assert (f["severity"] == "error").any() and suspects(f) == []
