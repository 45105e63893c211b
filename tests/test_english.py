"""The English edition of finding messages (message_en): indicator names, levels and the checks' own
phrases in English, numbers the English way, and the report's quoted words left as they are."""
from __future__ import annotations

import re

from analysis.check import check_extracted
from analysis.vocab import to_english


def _messages(ex, rule):
    return [f["message_en"] for f in check_extracted(ex).findings if f["rule"] == rule]


def test_bac_giang_partition_in_english(seeds):
    # line 66: received 690.889 against new 682.242 + carried over 8.747
    assert "Dossiers received = 690,889, but New dossiers + Dossiers carried over = 690,989 (difference -100)" \
        in _messages(seeds["bac_giang"], "calc.partition")


def test_share_messages_have_english_numbers_and_denominators(seeds):
    m = next(x for x in _messages(seeds["bac_giang"], "share.count") if x.startswith("0.6%"))
    assert "3,237 of 681,365 dossiers" in m and "denominators tried: 681,365 (Dossiers resolved)" in m
    assert not re.search(r"\d\.\d{3}\b(?![.,]\d)", m.replace("681,365", ""))     # no 681.365-style numbers left


def test_values_passed_as_text_are_kept(seeds):
    # regression: the year and the report's year were passed as text and came out empty in English
    assert _messages(seeds["qd258"], "cite.year") == [
        "Document number 01/2028/TT-VPCP carries the year 2028, impossible in a document of 2021"]


def test_quoted_labels_are_not_translated(seeds):
    # a column header of the report's own table (Gia Lai 2022-Q1, Biểu II.05b) stays as printed
    ms = _messages(seeds["gia_lai_q1"], "table.column_total")
    assert any("Theo thời điểm tiếp nhận / Trong kỳ" in m for m in ms)
    assert not any("Trong period" in m for m in ms)


def test_to_english_leaves_dates_and_document_numbers():
    assert to_english("Văn bản 129/QĐ-UBND ngày 11/03/2020") == "Văn bản 129/QĐ-UBND of 11/03/2020"
    assert to_english("0,475 và 1.234,5 cấp xã") == "0.475 và 1,234.5 commune level"
