"""Reader: encodings, NFC, docx/pdf built from seed text, rejection of bad input."""
import unicodedata

import pytest

from analysis import extract_file, read_document
from analysis.errors import ReadError
from conftest import SEEDS


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _to_cp1258(s: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed vowels, combining tone marks."""
    out = []
    for ch in s:
        try:
            ch.encode("cp1258")
            out.append(ch)
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
                       + "".join(c for c in d if c in TONES))
    return "".join(out).encode("cp1258")


def _key(ex):
    return sorted((f.indicator, f.level, f.value, f.line) for f in ex.facts)


@pytest.fixture(scope="module")
def base():
    return extract_file(SEEDS["bac_giang"])


@pytest.mark.parametrize("encoding", ["nfd", "utf-16", "utf-8-sig", "cp1258"])
def test_encodings_give_the_same_facts(tmp_path, base, encoding):
    text = SEEDS["bac_giang"].read_text(encoding="utf-8")
    target = tmp_path / SEEDS["bac_giang"].name
    if encoding == "nfd":
        target.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    elif encoding == "cp1258":
        # cp1258 has no precomposed forms for most tones: encode the decomposed text.
        target.write_bytes(_to_cp1258(text))
    else:
        target.write_text(text, encoding=encoding)
    ex = extract_file(target)
    assert _key(ex) == _key(base)
    assert ex.meta.province == "Bắc Giang"


def test_empty_file_is_rejected_with_its_name(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(ReadError, match=r"empty\.txt: the file is empty"):
        read_document(p)


def test_binary_file_is_rejected_with_its_name(tmp_path):
    p = tmp_path / "scan.txt"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match=r"scan\.txt: .*binary"):
        read_document(p)


def test_office_file_with_wrong_suffix_is_rejected(tmp_path):
    p = tmp_path / "report.txt"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ReadError, match=r"report\.txt: this is a zip/Office file"):
        read_document(p)


def test_unsupported_suffix(tmp_path):
    p = tmp_path / "report.odt"
    p.write_text("x")
    with pytest.raises(ReadError, match="unsupported file type"):
        read_document(p)


def _seed_paragraphs():
    lines = SEEDS["bac_giang"].read_text(encoding="utf-8").splitlines()
    return [l for l in lines[65:76] if l.strip()]   # section 6: dossier figures


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Tình hình, kết quả giải quyết TTHC năm 2022 trên địa bàn tỉnh Bắc Giang", level=1)
    for para in _seed_paragraphs():
        d.add_paragraph(para.lstrip("-+ "))
    t = d.add_table(rows=2, cols=3)
    for j, txt in enumerate(["STT", "Chỉ tiêu", "Số liệu"]):
        t.cell(0, j).text = txt
    for j, txt in enumerate(["1", "Tổng số TTHC đang có hiệu lực", "1.950"]):
        t.cell(1, j).text = txt
    p = tmp_path / "bac-giang_2022_test.docx"
    d.save(p)
    ex = extract_file(p)
    got = {(f.indicator, f.level): f.value for f in ex.facts if f.role == "value"}
    assert got[("dossiers.received", "total")] == 690889
    assert got[("dossiers.received", "tinh")] == 264740
    assert got[("dossiers.resolved", "xa")] == 340316
    doc = read_document(p)
    for f in ex.facts:
        assert f.quote in doc.lines[f.line - 1]


def test_pdf_text_is_read(tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    import html
    body = "".join(f"<p>{html.escape(p.lstrip('-+ '))}</p>" for p in _seed_paragraphs())
    p = tmp_path / "bac-giang_2022_test.pdf"
    weasyprint.HTML(string=f"<html><body style='font-family: DejaVu Sans; font-size: 9pt'>{body}</body></html>").write_pdf(p)
    ex = extract_file(p)
    values = {f.value for f in ex.facts if f.indicator == "dossiers.resolved"}
    assert 681365 in values
    assert ex.meta.source_format == "pdf"
    doc = read_document(p)
    assert any("Bắc Giang" in l or "tiếp nhận" in l for l in doc.lines)
    for f in ex.facts:
        assert f.quote in doc.lines[f.line - 1]


def test_footnotes_and_sup_markers(tmp_path):
    doc = read_document(SEEDS["bac_giang"])
    notes = doc.footnotes()
    assert notes["9"].line == 128 and notes["9"].text.startswith("10/10 huyện")
    para = next(b for b in doc.blocks if b.line == 114)
    assert any(r == "9" for r, _ in para.refs)
    assert "<sup>" not in para.text


def test_sentence_broken_across_page_break_is_joined():
    doc = read_document(SEEDS["bac_giang"])
    b = next(b for b in doc.blocks if b.line == 100)
    assert "Hệ thống thông tin một cửa điện tử cấp tỉnh" in b.text
    assert b.line_at(b.text.index("cửa điện tử cấp tỉnh")) == 112


def test_tables_tab_and_cell_per_line_pipe():
    doc = read_document(SEEDS["gia_lai_q1"])
    t = next(b for b in doc.blocks if b.kind == "table" and b.line == 259)
    total = next(r for r in t.rows if r[0].text == "Tổng cộng")
    assert [c.text for c in total[2:8]] == ["18", "-", "256", "8", "198", "20"]
    plan = read_document(SEEDS["qd258"])
    t = next(b for b in plan.blocks if b.kind == "table" and b.line == 79)
    assert len(t.rows) == 37 and t.rows[23][0].text == "23" and t.rows[23][5].text == "Tháng 5/2023"


# ---- Positions: runs that behave as the per-character list they replace (property test)
from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

_RUNS = st.lists(st.tuples(st.integers(1, 4), st.integers(-1, 30), st.integers(0, 6)), max_size=12)


def _both(runs):
    from analysis.read import Positions
    p, ref = Positions(), []
    for line, col, n in runs:
        p.add(line, col, n)
        ref.extend((line, -1 if col < 0 else col + k) for k in range(n))
    return p, ref


@hsettings(max_examples=300, deadline=None)
@given(_RUNS, _RUNS, st.integers(0, 80), st.integers(0, 80), st.integers(1, 4))
def test_positions_act_as_the_list_of_tuples(r1, r2, a, b, line):
    from analysis.read import span_cols
    p, ref = _both(r1)
    q, ref2 = _both(r2)
    assert len(p) == len(ref) and list(p) == ref and p[a:b] == ref[a:b]
    if ref:
        assert p[a % len(ref)] == ref[a % len(ref)] and p[-1] == ref[-1]
    assert list(p.sub(a, b)) == ref[a:b]
    assert list(p + q) == ref + ref2 and list(p + [(9, -1)]) == ref + [(9, -1)]
    assert span_cols(p, a, b, line) == span_cols(ref, a, b, line)


def test_a_markdown_table_with_a_leading_pipe_has_no_empty_first_column():
    # "| STT | Cấp | ... |": the leading pipe opens the row (it had made an empty first column, so the
    # STT column was read as a count column and the totals' columns were shifted by one)
    from analysis.read import parse_lines
    lines = ["| STT | Cấp | Tổng số tiếp nhận |", "|---|---|---|", "| 1 | Cấp tỉnh | 12.450 |", "| | Tổng cộng | 68.636 |"]
    (t,) = [b for b in parse_lines(lines) if b.kind == "table"]
    assert [[c.text for c in r] for r in t.rows] == [["STT", "Cấp", "Tổng số tiếp nhận"], ["1", "Cấp tỉnh", "12.450"],
                                                      ["", "Tổng cộng", "68.636"]]
    c = t.rows[1][2]
    assert (c.line, c.col, lines[2][c.col:c.col + len(c.raw)].strip()) == (3, 16, "12.450")   # columns kept


def test_column_numbers_from_the_headers_own_numbers():
    """A form table's header may number its own columns instead of a row of "(1) (2) ...": a formula's total is
    its column ("Tổng số (1)=(2)+(3)"), "(n)" ending a label is its column's. Fewer than two, a number twice
    or out of order: position + 1, as before."""
    from analysis.read import Cell
    from analysis.tables import column_numbers

    def rows(*heads):
        return [[Cell(h, 1, 0, h) for h in heads], [Cell(x, 2, 0, x) for x in ("A", "5", "2", "3")]]

    assert column_numbers(rows("Đơn vị", "Tổng số (1)=(2)+(3)", "Kỳ trước (2)", "Mới (3)"), None, 1) == {1: 1, 2: 2, 3: 3}
    assert column_numbers(rows("Đơn vị", "Tổng số", "Kỳ trước (2)", "Mới"), None, 1) == {1: 0, 2: 1, 3: 2, 4: 3}
    assert column_numbers(rows("Đơn vị", "Tổng số (3)", "Kỳ trước (2)", "Mới (4)"), None, 1) == {1: 0, 2: 1, 3: 2, 4: 3}


def test_thousands_grouped_by_no_break_spaces_are_one_figure():
    """A report exported from Word or a PDF may group thousands with a no-break, narrow no-break or thin space ("12 345
    hồ sơ"): read as 12 and 345, the counts of a paragraph could even add up by chance (12 = 8 + 4). Their groups are one
    figure, written with the Vietnamese thousands dot at the same positions; a plain space between figures is left as it
    is (two table cells), and so is a no-break space before a year."""
    from analysis.numbers import find_numbers
    from analysis.read import clean_line
    text, pos, _refs = clean_line("tiếp nhận 12\u00a0345 hồ sơ, trực tuyến 8\u202f000, trực tiếp 4\u2009345; 12 345", 7)
    assert text == "tiếp nhận 12.345 hồ sơ, trực tuyến 8.000, trực tiếp 4.345; 12 345"
    assert [n.value for n in find_numbers(text)] == [12345, 8000, 4345, 12, 345]
    assert len(text) == len("tiếp nhận 12\u00a0345 hồ sơ, trực tuyến 8\u202f000, trực tiếp 4\u2009345; 12 345")
    assert clean_line("năm\u00a02024 tăng 1\u00a02345", 1)[0] == "năm\u00a02024 tăng 1\u00a02345"    # (a year, then no group of 3)


@pytest.mark.parametrize("written, read", [
    ("số hoá", "số hóa"), ("THANH HOÁ", "THANH HÓA"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"), ("Hoà Bình", "Hòa Bình"),
    ("thuỷ lợi", "thủy lợi"), ("hoạ", "họa"),
    # unchanged: the u of "qu", a closed syllable, the other tone already
    ("quý", "quý"), ("toán", "toán"), ("hoài", "hoài"), ("hóa", "hóa"), ("ủy", "ủy"),
    # a syllable written with an i or a y alike
    ("Tỉ lệ", "Tỷ lệ"), ("2,5 tỉ đồng", "2,5 tỷ đồng"), ("xử lí", "xử lý"), ("đăng kí", "đăng ký"), ("quí III", "quý III"),
    ("QUÍ", "QUÝ"), ("qui định", "quy định"), ("kĩ thuật", "kỹ thuật"),
    ("lính", "lính"), ("tí", "tí"), ("quyết", "quyết"), ("khi", "khi"),
])
def test_a_spelling_variant_is_read_as_the_vocabularies_spell_it(written, read):
    from analysis.read import normalize_text
    assert normalize_text(written) == read and len(normalize_text(written)) == len(written)


def test_a_report_written_with_the_other_tone_placement_reads_the_same(tmp_path):
    """Probe thanh-hoa_2024-q3_dau-thanh.txt: "tỷ lệ số hoá hồ sơ đạt 82,5%", "số hồ sơ được số hoá khi tiếp nhận là 12.000 hồ sơ":
    "hoá" matched none of the vocabularies' "hóa", so the rate was not read and the digitised dossiers were received ones."""
    from conftest import ROOT
    facts = {(f.indicator, f.value) for f in extract_file(ROOT / "tests" / "data" / "probes" / "thanh-hoa_2024-q3_dau-thanh.txt").facts}
    assert {("rate.digitisation", 82.5), ("digitisation.dossiers", 12000.0), ("tthc.decisions", 14.0)} <= facts
    assert ("dossiers.received", 12000.0) not in facts


def test_a_report_spelt_with_i_for_y_reads_the_same():
    """Probe quang-nam_2024-q3_chinh-ta.txt: "quí III năm 2024", "Tỉ lệ giải quyết đúng hạn đạt 99,5%", "đã xử lí xong 45 PAKN": the
    quarter, the rate and the processed feedback went unread (the period was the year, the PAKN share the received's)."""
    from conftest import ROOT
    ex = extract_file(ROOT / "tests" / "data" / "probes" / "quang-nam_2024-q3_chinh-ta.txt")
    assert ex.meta.period == "2024-Q3"
    facts = {(f.indicator, f.value) for f in ex.facts}
    assert {("rate.on_time", 99.5), ("pakn.processed", 45.0), ("pakn.pending", 3.0)} <= facts


def test_a_space_aligned_table_is_read_by_its_columns():
    """Probe son-la_2024-q2_bang-cach.txt: a table laid out with spaces (a PDF's text export) was prose, and its header's last
    words labelled the first row's first figure ("Đang giải quyết ... 1.250"): each row's cells now go to the header column
    they overlap, the total row's label in the unit's column."""
    from conftest import ROOT
    doc = read_document(ROOT / "tests" / "data" / "probes" / "son-la_2024-q2_bang-cach.txt")
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["STT", "Đơn vị", "Tiếp nhận", "Đã giải quyết", "Đang giải quyết"],
        ["1", "Sở Tư pháp", "1.250", "1.230", "20"],
        ["2", "Sở Xây dựng", "640", "615", "25"],
        ["3", "Sở Tài nguyên và Môi trường", "2.310", "2.250", "60"],
        ["", "Tổng cộng", "4.200", "4.095", "105"]]
    assert table.line == 7 and table.rows[4][2].line == 11


def test_a_justified_paragraphs_double_spaces_make_no_table():
    from analysis.read import parse_lines
    lines = ["Trong  quý,  toàn  tỉnh  tiếp  nhận  12.400  hồ  sơ,  đã  giải  quyết",
             "12.340  hồ  sơ,  trong  đó  đúng  hạn  12.278  hồ  sơ,  trễ  hạn  62",
             "hồ  sơ;  đang  giải  quyết  60  hồ  sơ  theo  quy  định  hiện  hành."]
    assert [b.kind for b in parse_lines(lines)] == ["paragraph"]


def test_a_wide_space_between_words_is_a_space_and_one_in_a_figure_its_thousands_dot():
    from analysis.read import normalize_text
    assert normalize_text("tiếp\u00a0nhận\u00a012\u00a0345\u00a0hồ\u00a0sơ") == "tiếp nhận 12.345 hồ sơ"
    assert normalize_text("12\u202f345 và 7\u2009000") == "12.345 và 7.000"


def test_a_hard_wrapped_text_is_read_as_the_paragraphs_it_was_wrapped_from():
    """Probe hung-yen_2024-q1_xuong-dong.txt, a text export wrapped at 80 columns: its four lines are one paragraph again,
    where the checks see them, and each figure tells the file's lines it stands on ("dòng 5–8")."""
    from conftest import ROOT
    from analysis.read import lines_to_wraps
    path = ROOT / "tests" / "data" / "probes" / "hung-yen_2024-q1_xuong-dong.txt"
    assert lines_to_wraps(path.read_text(encoding="utf-8").split("\n")) == {5, 6, 7}
    doc = read_document(path)
    assert doc.lines[4].startswith("Tổng số hồ sơ tiếp nhận trong kỳ là 45.678 hồ sơ, trong đó tiếp nhận trực tuyến 30.123")
    assert doc.lines[4].endswith("quá hạn 80 hồ sơ; số hồ sơ đang giải quyết là 698 hồ sơ.")
    assert doc.line_refs[:6] == ["dòng 1", "dòng 2", "dòng 3", "dòng 4", "dòng 5–8", "dòng 9"]
    late = next(f for f in extract_file(path).facts if f.indicator == "dossiers.late")
    assert (late.value, late.line, late.ref) == (80, 5, "dòng 5–8")


@pytest.mark.parametrize("lines", [
    # a short text's title as wide as its lines, over its period's line
    ["Tình hình, kết quả thực hiện kiểm soát thủ tục hành chính quý III năm 2024",
     "(Số liệu từ ngày 15/6/2024 đến ngày 14/9/2024)", "",
     "Trong quý III/2024, toàn tỉnh tiếp nhận 12.345 hồ sơ trực tuyến và trực tiếp.",
     "Tổng số hồ sơ đã giải quyết là 12.000 hồ sơ, đạt tỷ lệ đúng hạn 99,5% theo quy định."],
    # a paragraph a line, some of them unfinished (the seeds' kind of text)
    ["x" * 300 + " trong đó", "Cấp tỉnh tiếp nhận 1.200 hồ sơ " + "y" * 250, "z" * 120 + " và", "Số hồ sơ " + "w" * 200],
    # a page number set to the right is no width, and a list's items stay apart
    ["Trong quý III/2024, tổng số hồ sơ TTHC tiếp nhận trên địa bàn tỉnh là 312.450",
     "hồ sơ, trong đó tiếp nhận trực tuyến 245.120 hồ sơ, tiếp nhận trực tiếp là",
     "- Cấp tỉnh tiếp nhận 67.330 hồ sơ; cấp huyện tiếp nhận 120.000 hồ sơ; cấp xã",
     " " * 70 + "7"],
])
def test_lines_that_are_no_wrap_stay_apart(lines):
    from analysis.read import lines_to_wraps
    assert lines_to_wraps(lines) == set()


def test_a_wrapped_text_with_paragraphs_set_apart_goes_on_past_a_full_stop_at_its_margin():
    """Probe yen-bai_2024-q2_tai-luc-yen.txt wrapped at 72 columns broke "... toàn tỉnh tiếp nhận 70.000 hồ sơ." from
    "Tại Lục Yên, ..." on the next line: in a text that sets its paragraphs apart with blank lines the two are one
    paragraph; in one that starts a paragraph under a short last line, a full line's full stop may end it."""
    from analysis.read import lines_to_wraps
    lines = ["Trong quý II/2024, cấp tỉnh tiếp nhận 10.000 hồ sơ, cấp huyện tiếp nhận 20.000",
             "hồ sơ, cấp xã tiếp nhận 40.000 hồ sơ; toàn tỉnh tiếp nhận 70.000 hồ sơ trong kỳ.",
             "Tại Lục Yên, toàn huyện tiếp nhận 3.000 hồ sơ, đã giải quyết 2.950 hồ sơ đúng",
             "hạn và trước hạn.", "",
             "Số hồ sơ trực tuyến là 50.000 hồ sơ, chiếm tỷ lệ 71,4% tổng số hồ sơ tiếp nhận."]
    assert lines_to_wraps(lines) == {1, 2, 3}
    flush = lines[:4] + ["Số hồ sơ trực tuyến là 50.000 hồ sơ, chiếm tỷ lệ 71,4% tổng số hồ sơ tiếp nhận."]
    assert lines_to_wraps(flush) == {1, 3}


@pytest.mark.parametrize("written,read", [
    ("tiếp nhận 145 320 hồ sơ, đã giải quyết 142 100 hồ sơ", "tiếp nhận 145.320 hồ sơ, đã giải quyết 142.100 hồ sơ"),
    ("đạt 76,5% (24 910/32 560 hồ sơ)", "đạt 76,5% (24.910/32.560 hồ sơ)"),
    ("khoảng 1 204 500 lượt truy cập", "khoảng 1.204.500 lượt truy cập"),
    ("cung cấp 1 156 dịch vụ, một phần 1 357 hồ sơ", "cung cấp 1.156 dịch vụ, một phần 1.357 hồ sơ"),
    # a month, a rank or a level of one or two digits before a figure stays apart from it
    ("Riêng tháng 6 245 hồ sơ", "Riêng tháng 6 245 hồ sơ"),
    ("mức độ 4 120 hồ sơ; lần thứ 2 150 hồ sơ", "mức độ 4 120 hồ sơ; lần thứ 2 150 hồ sơ"),
    # a text that groups thousands with dots (or commas) groups them no other way: its spaces part figures
    ("tiếp nhận 12.345 hồ sơ, cấp xã 2 100 hồ sơ", "tiếp nhận 12.345 hồ sơ, cấp xã 2 100 hồ sơ"),
    ("tiếp nhận 12,345 hồ sơ, cấp xã 2 100 hồ sơ", "tiếp nhận 12,345 hồ sơ, cấp xã 2 100 hồ sơ"),
    ("gọi 028 3829 6052 hoặc 1900 1234", "gọi 028 3829 6052 hoặc 1900 1234"),     # no groups of three
])
def test_thousands_grouped_by_plain_spaces_in_a_text_that_groups_them_no_other_way(written, read):
    """Probe dong-nai_2024-q2_cach-nghin-sai.txt: "tiếp nhận 32 560 hồ sơ, đã giải quyết 31 900 hồ sơ, đang giải quyết 560
    hồ sơ" (a PDF export that lost its no-break spaces) was read as 32 and 560, 31 and 900: the error of 100 was missed."""
    from analysis.read import normalize_text
    assert normalize_text(written) == read
