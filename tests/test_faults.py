"""Bad input and faults (issue 11, first part): each one is refused with a message naming the file,
and the other reports go on."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from analysis.build import build
from analysis.paths import ROOT

from conftest import SEEDS


def _names(res):
    return sorted(res.documents["document"])


def test_a_symlink_in_the_input_folder_is_refused_by_name(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Tổng số hồ sơ tiếp nhận là 1.234 hồ sơ.", encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "gia-lai_2022-q1_link.txt").symlink_to(secret)
    (raw / "bac-giang_2022_x.txt").write_bytes(SEEDS["bac_giang"].read_bytes())
    from analysis.paths import raw_documents
    res = build(raw_documents(raw))
    assert _names(res) == ["bac-giang_2022_x.txt"]
    assert len(res.errors) == 1 and "gia-lai_2022-q1_link.txt" in res.errors[0][1] and "symbolic link" in res.errors[0][1]


def test_a_special_file_is_refused_by_name(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    res = build([fifo, SEEDS["bac_giang"]])
    assert len(res.errors) == 1 and "pipe.txt" in res.errors[0][1] and "not a regular file" in res.errors[0][1]


@pytest.mark.parametrize("sidecar, says", [
    ("title: {a: 1}", "title must be a text value"),
    ("date: 2022-13-45", "2022-03-31"),
    ("province: 中文", "no Latin letters"),
    ("province: []", "province must be a text value"),
])
def test_a_bad_sidecar_is_a_per_file_error(tmp_path, sidecar, says):
    report = tmp_path / "gia-lai_2022-q1_x.txt"
    report.write_bytes(SEEDS["gia_lai_q1"].read_bytes())
    (tmp_path / "gia-lai_2022-q1_x.yml").write_text(sidecar, encoding="utf-8")
    res = build([report, SEEDS["bac_giang"]])
    assert _names(res) == ["bac-giang_2022_kiem-soat-tthc-bao-cao-vpcp.txt"]
    assert len(res.errors) == 1 and "gia-lai_2022-q1_x.yml" in res.errors[0][1] and says in res.errors[0][1]


def test_a_sidecar_changes_only_the_fields_it_sets(tmp_path):
    report = tmp_path / "gia-lai_2021-h1_x.txt"
    report.write_bytes(SEEDS["gia_lai_h1"].read_bytes())
    (tmp_path / "gia-lai_2021-h1_x.yml").write_text("title: Báo cáo CCHC 6 tháng (bản sửa)\n", encoding="utf-8")
    d = build([report]).documents.iloc[0]
    assert (d["title"], d["period"]) == ("Báo cáo CCHC 6 tháng (bản sửa)", "2021-H1")


def test_exit_codes_agree_across_subcommands(tmp_path):
    missing = str(tmp_path / "missing.txt")
    for cmd in ("extract", "check"):
        r = subprocess.run([sys.executable, "-m", "analysis", cmd, missing], capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 2 and "missing.txt" in r.stderr and "Traceback" not in r.stderr, cmd
    r = subprocess.run([sys.executable, "-m", "analysis", "briefs", "--timeout", "-5"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "timeout" in r.stderr and "Traceback" not in r.stderr


def test_a_closed_pipe_ends_quietly():
    p = subprocess.run(f"{sys.executable} -m analysis check {SEEDS['gia_lai_q1']} --format csv | head -1",
                       shell=True, capture_output=True, text=True, cwd=ROOT)
    assert p.stdout.startswith("document,") and "BrokenPipeError" not in p.stderr and "Traceback" not in p.stderr


def test_leftovers_of_a_killed_run_are_cleaned(tmp_path):
    from analysis.batch import clean_leftovers
    d = tmp_path / "reports" / "gia-lai" / "2022-q1"
    d.mkdir(parents=True)
    old = [d / ".brief.html.k3j_8x2a.html", d / ".brief.running.ipynb"]
    keep = [d / "brief.html", d / ".render.json", d / ".brief.pdf.abcdefgh.pdf"]
    for p in old + keep:
        p.write_text("x")
    past = time.time() - 7200
    for p in old + keep[:2]:
        os.utime(p, (past, past))
    gone = clean_leftovers(tmp_path / "reports", older_than=3600)
    assert sorted(gone) == sorted(old)
    assert all(p.exists() for p in keep)          # a fresh temp file may belong to a run still going


def test_an_over_long_digit_run_is_no_figure_and_stays_linear():
    from analysis.numbers import find_numbers
    text = "Tổng số " + "1" + ".000" * 120 + " hồ sơ; đã giải quyết 1.234 hồ sơ (đạt 28,94%)"
    assert [n.value for n in find_numbers(text)] == [1234, 28.94]          # no Infinity, nothing from the run
    t = time.perf_counter()
    find_numbers("x " + "7" * 40000 + " y")
    assert time.perf_counter() - t < 5          # was ~100 s: quadratic masks (a guard, not a benchmark)


def test_a_utf8_report_with_one_windows_1258_line_is_refused_naming_the_line(tmp_path):
    good = "Tổng số hồ sơ tiếp nhận là 1.234 hồ sơ.\n".encode("utf-8")
    from test_read import _to_cp1258
    bad = _to_cp1258("Số hồ sơ đã giải quyết là 1.200 hồ sơ.\n")
    p = tmp_path / "tron-ma.txt"
    p.write_bytes(good * 3 + bad + good)
    res = build([p, SEEDS["bac_giang"]])
    assert len(res.errors) == 1 and "tron-ma.txt:4" in res.errors[0][1] and "mixes encodings" in res.errors[0][1]
    whole = tmp_path / "cp1258.txt"
    whole.write_bytes(bad * 3)                    # a file entirely in Windows-1258 is still read
    assert build([whole]).errors == []


def test_a_brief_key_covers_only_its_province_and_its_stamp_its_outputs(tmp_path):
    import json
    import pandas as pd
    from analysis.batch import Task, _digest, is_fresh, province_data, stamp_path
    a = tmp_path / "gia-lai_2022-q1_x.txt"
    b = tmp_path / "bac-giang_2022_x.txt"
    a.write_text("A", encoding="utf-8")
    b.write_text("B", encoding="utf-8")
    docs = pd.DataFrame({"province_slug": ["gia-lai", "bac-giang"], "path": [str(a), str(b)]})
    t = Task("gia-lai/2022-q1", "Gia Lai 2022-Q1", "nb.ipynb", {"province": "gia-lai", "period": "2022-Q1"},
             str(tmp_path / "out"), "brief", 10)
    before = province_data(t, docs, "all")
    b.write_text("B, changed", encoding="utf-8")                      # another province's report changes
    assert province_data(t, docs, "all") == before
    a.write_text("A, changed", encoding="utf-8")
    assert province_data(t, docs, "all") != before
    # the stamp is valid only for the outputs it was written with
    out = tmp_path / "out"
    out.mkdir()
    for ext in ("ipynb", "html", "pdf", "json"):
        (out / f"brief.{ext}").write_text(ext)
    digests = {p.name: _digest(p) for p in out.iterdir()}
    stamp_path(t).write_text(json.dumps({"key": "k", "status": "rendered", "outputs": digests}))
    assert is_fresh(t, "k")
    (out / "brief.html").write_text("rewritten by a run that was killed before its stamp")
    assert not is_fresh(t, "k")


def test_the_time_limit_covers_rendering(tmp_path):
    """A notebook whose HTML/PDF takes longer than the time left is stopped and reported."""
    import nbformat
    from analysis.batch import render_within
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('x')")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<table>" + "<tr><td>x</td></tr>" * 20000 + "</table>",
                                                                  "text/plain": "x"})]
    nb.cells = [cell]
    src = tmp_path / "big.ipynb"
    nbformat.write(nb, str(src))
    with pytest.raises(TimeoutError, match="rendering ran longer"):
        render_within(src, tmp_path / "big.html", tmp_path / "big.pdf", "big", 0.5)
    small = tmp_path / "small.ipynb"
    nb.cells[0].outputs = []
    nbformat.write(nb, str(small))
    assert render_within(small, tmp_path / "small.html", tmp_path / "small.pdf", "small", 120) is None
    assert (tmp_path / "small.pdf").stat().st_size > 500


# ---------------------------------------------------------------- corpus stage: parallel, cached, streamed

def _corpus(paths, cache, jobs=1):
    from analysis.corpus import run_corpus
    return run_corpus(paths, jobs=jobs, cache=cache)


def test_a_corrupt_pdf_page_is_a_per_file_error_and_the_others_go_on(tmp_path):
    from analysis.read import read_document
    from analysis.errors import TthcError
    # a valid PDF skeleton whose page content stream is garbage (pdfminer raises on the page)
    body = b"BT /F1 12 Tf (x) Tj ET \x00\xff garbage (unclosed"
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
           b"4 0 obj<</Length 999999/Filter/FlateDecode>>stream\n" + body + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    bad = tmp_path / "gia-lai_2022-q1_hong.pdf"
    bad.write_bytes(pdf)
    good = tmp_path / SEEDS["bac_giang"].name
    good.write_bytes(SEEDS["bac_giang"].read_bytes())
    with pytest.raises(TthcError, match="gia-lai_2022-q1_hong.pdf"):
        read_document(bad)
    run = _corpus([bad, good], tmp_path / "cache")
    assert [p for p, _ in run.errors] == [str(bad)] and "gia-lai_2022-q1_hong.pdf" in run.errors[0][1]
    assert [s.document["document"] for s in run.kept] == [good.name]


def test_a_docx_with_an_empty_table_row_is_read(tmp_path):
    docx = pytest.importorskip("docx")
    from analysis.build import extract_file
    d = docx.Document()
    d.add_paragraph("UBND TỈNH GIA LAI")
    d.add_paragraph("BÁO CÁO Kết quả kiểm soát TTHC quý I năm 2022")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Chỉ tiêu", "Số lượng"
    t.cell(2, 0).text, t.cell(2, 1).text = "Tổng số hồ sơ tiếp nhận", "1.234"
    tr = t.rows[1]._tr
    for tc in list(tr.tc_lst):             # a row without cells, as some exports write them
        tr.remove(tc)
    p = tmp_path / "gia-lai_2022-q1_bang-trong.docx"
    d.save(str(p))
    ex = extract_file(p)                   # no IndexError: the empty row carries nothing and is skipped
    assert ex.doc.source_format == "docx"
    assert ex.doc.lines[4:6] == ["Chỉ tiêu\tSố lượng", "Tổng số hồ sơ tiếp nhận\t1.234"]


def test_the_corpus_reads_only_new_or_changed_reports(tmp_path, monkeypatch):
    import analysis.build as build_mod
    from analysis.build import build, facts_frame
    from analysis.corpus import write_corpus
    import pandas as pd
    raw = tmp_path / "raw"
    raw.mkdir()
    for k in ("bac_giang", "gia_lai_q1"):
        (raw / SEEDS[k].name).write_bytes(SEEDS[k].read_bytes())
    reads = []
    real = build_mod.extract_file
    monkeypatch.setattr(build_mod, "extract_file", lambda p, o=None: reads.append(p.name) or real(p, o))
    cache = tmp_path / "cache"
    run = _corpus(sorted(raw.iterdir()), cache)
    assert len(reads) == 2
    reads.clear()
    (raw / SEEDS["quang_ngai"].name).write_bytes(SEEDS["quang_ngai"].read_bytes())     # one report added
    run = _corpus(sorted(raw.iterdir()), cache)
    assert reads == [SEEDS["quang_ngai"].name]
    reads.clear()
    p = raw / SEEDS["bac_giang"].name
    p.write_text(p.read_text(encoding="utf-8").replace("690.889", "690.989"), encoding="utf-8")   # one changed
    run = _corpus(sorted(raw.iterdir()), cache)
    assert reads == [p.name]
    # the streamed tables are the tables of a plain build of the same reports
    out = tmp_path / "processed"
    write_corpus(run, out)
    monkeypatch.setattr(build_mod, "extract_file", real)
    want = facts_frame(build(sorted(raw.iterdir())).items)
    got = pd.read_parquet(out / "facts.parquet")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)
    assert 690989.0 in set(got.loc[got["indicator"] == "dossiers.received", "value"])


def test_a_cache_file_is_read_by_parts_and_a_cut_short_one_is_read_again(tmp_path, monkeypatch):
    # a cache file is three JSON lines (head, facts, findings), so that each reader parses only its own;
    # one whose last line was cut short (a disk that filled mid-write) is read again from the report
    import analysis.build as build_mod
    from analysis.corpus import _cache_file, read_cache
    seed = SEEDS["bac_giang"]
    run = _corpus([seed], tmp_path / "cache")
    s = run.kept[0]
    cf = _cache_file(run.cache, s.key)
    head, facts, rest = (read_cache(cf, part) for part in ("head", "facts", "findings"))
    assert head["document"]["province"] == "Bắc Giang" and head["n_facts"] == s.facts
    assert ["dossiers.received", 690889.0] in head["figures"]
    rows = [dict(zip(facts["columns"], r)) for r in zip(*facts["data"])]          # (stored by column)
    assert len(rows) == s.facts
    assert any(f["indicator"] == "dossiers.received" and f["value"] == 690889.0 and f["line"] > 0 for f in rows)
    assert rest["coverage"]["document"] == seed.name and len(rest["findings"]) == s.findings
    cf.write_text(cf.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(ValueError, match="cut short"):
        read_cache(cf, "findings")
    reads = []
    real = build_mod.extract_file
    monkeypatch.setattr(build_mod, "extract_file", lambda p, o=None: reads.append(p.name) or real(p, o))
    again = _corpus([seed], tmp_path / "cache")        # (its head line is whole, and still not taken)
    assert reads == [seed.name] and again.kept[0].facts == s.facts
    assert len(read_cache(cf, "findings")["findings"]) == s.findings       # written whole again


def test_a_pool_of_workers_gives_the_same_tables_as_one_process(tmp_path):
    from analysis.corpus import write_corpus
    import pandas as pd
    paths = [SEEDS[k] for k in ("bac_giang", "gia_lai_q1", "gia_lai_h1", "quang_ngai")]
    one = _corpus(paths, tmp_path / "c1", jobs=1)
    two = _corpus(paths, tmp_path / "c2", jobs=2)
    write_corpus(one, tmp_path / "o1")
    write_corpus(two, tmp_path / "o2")
    for name in ("facts.csv", "findings.csv", "coverage.csv", "documents.csv"):
        a, b = (pd.read_csv(tmp_path / o / name) for o in ("o1", "o2"))
        pd.testing.assert_frame_equal(a.drop(columns=["path"], errors="ignore"), b.drop(columns=["path"], errors="ignore"))


def test_the_findings_side_in_a_second_process_writes_the_same_bytes(tmp_path, monkeypatch):
    # write_corpus runs the findings tables in a second process when there are two cores; one core
    # writes both sides here: every file is the same, byte for byte
    from analysis.corpus import write_corpus
    paths = [SEEDS[k] for k in ("bac_giang", "gia_lai_q1", "gia_lai_h1")]
    run = _corpus(paths, tmp_path / "c", jobs=1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    two = write_corpus(run, tmp_path / "two")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    one = write_corpus(run, tmp_path / "one")
    assert sorted(p.name for p in one) == sorted(p.name for p in two) and len(one) == 9
    for p in one:
        assert p.read_bytes() == (tmp_path / "two" / p.name).read_bytes(), p.name


def test_a_full_disk_gives_one_message_and_leaves_no_half_written_table(tmp_path):
    # RLIMIT_FSIZE stands in for a full disk: every write past the limit fails with EFBIG
    import shutil
    proj = tmp_path / "proj"
    (proj / "data" / "raw").mkdir(parents=True)
    (proj / "data" / "processed").mkdir()
    shutil.copytree(ROOT / "notebooks", proj / "notebooks")
    for k in ("bac_giang", "gia_lai_q1"):
        (proj / "data" / "raw" / SEEDS[k].name).write_bytes(SEEDS[k].read_bytes())
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000)); "
            "from analysis.cli import main; sys.exit(main(['build', '--jobs', '1']))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "TTHC_ROOT": str(proj)},
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "error: cannot write" in r.stderr and "File too large" in r.stderr
    processed = proj / "data" / "processed"
    # nothing half-written under a final name, and no temporary file left behind
    for p in processed.glob("*.*"):
        assert p.name == ".lock" or not p.name.startswith("."), p
    if (processed / "facts.csv").exists():
        assert (processed / "facts.csv").read_text(encoding="utf-8-sig").count("\n") > 10


def test_an_unwritable_output_folder_gives_one_message(tmp_path):
    # data/processed is a file: nothing can be written under it (as root, folder permissions would not stop us)
    import shutil
    proj = tmp_path / "proj"
    (proj / "data" / "raw").mkdir(parents=True)
    (proj / "data" / "processed").write_text("not a folder")
    shutil.copytree(ROOT / "notebooks", proj / "notebooks")
    (proj / "data" / "raw" / SEEDS["bac_giang"].name).write_bytes(SEEDS["bac_giang"].read_bytes())
    r = subprocess.run([sys.executable, "-m", "analysis", "build", "--jobs", "1"], cwd=ROOT,
                       env={**os.environ, "TTHC_ROOT": str(proj)}, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "error: cannot write" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_two_builds_at_once_take_turns(tmp_path):
    from analysis.store import folder_lock
    import threading
    order = []
    with folder_lock(tmp_path):
        t = threading.Thread(target=lambda: (folder_lock(tmp_path).__enter__(), order.append("second")))
        t.start()
        time.sleep(0.3)
        order.append("first")
    t.join(5)
    assert order == ["first", "second"]


def test_a_report_past_its_time_limit_is_refused_by_name(tmp_path, monkeypatch):
    import dataclasses
    import analysis.settings as settings_mod
    import analysis.build as build_mod
    monkeypatch.setattr(settings_mod, "SETTINGS", dataclasses.replace(settings_mod.SETTINGS, max_seconds_per_file=2.5))
    real = build_mod.extract_file

    def slow(p, o=None):
        if "cham" in p.name:
            time.sleep(8)                 # stands in for a runaway line
        return real(p, o)
    monkeypatch.setattr(build_mod, "extract_file", slow)
    slow_report = tmp_path / "gia-lai_2022-q1_cham.txt"
    slow_report.write_bytes(SEEDS["gia_lai_q1"].read_bytes())
    good = tmp_path / SEEDS["bac_giang"].name
    good.write_bytes(SEEDS["bac_giang"].read_bytes())
    t = time.perf_counter()
    run = _corpus([slow_report, good], tmp_path / "cache")
    assert time.perf_counter() - t < 7
    assert len(run.errors) == 1 and "gia-lai_2022-q1_cham.txt" in run.errors[0][1] and "2.5 s limit" in run.errors[0][1]
    assert [s.document["document"] for s in run.kept] == [good.name]


def test_a_file_over_the_size_limit_is_refused_by_name(tmp_path, monkeypatch):
    import dataclasses
    import analysis.settings as settings_mod
    from analysis.errors import TthcError
    from analysis.read import read_document
    monkeypatch.setattr(settings_mod, "SETTINGS", dataclasses.replace(settings_mod.SETTINGS, max_file_mb=0.01))
    big = tmp_path / "gia-lai_2022-q1_lon.txt"
    big.write_bytes(SEEDS["gia_lai_q1"].read_bytes())      # 38 kB, over a 10 kB limit
    with pytest.raises(TthcError, match=r"gia-lai_2022-q1_lon.txt.*over the 0.01 MB limit"):
        read_document(big)


def test_kill_then_revert_never_serves_stale_outputs(tmp_path):
    """The tester's sequence: render; change the data; kill `briefs` right after brief.html is
    rewritten; revert the data; run again. The brief must be rendered again, not taken as cached."""
    import shutil
    import signal
    proj = tmp_path / "proj"
    (proj / "data" / "raw").mkdir(parents=True)
    (proj / "data" / "processed").mkdir()
    shutil.copytree(ROOT / "notebooks", proj / "notebooks")
    report = proj / "data" / "raw" / SEEDS["quang_ngai"].name
    original = SEEDS["quang_ngai"].read_text(encoding="utf-8")
    report.write_text(original, encoding="utf-8")
    env = {**os.environ, "TTHC_ROOT": str(proj)}
    cmd = [sys.executable, "-m", "analysis", "briefs", "--jobs", "1", "--no-progress", "--province", "quang-ngai"]
    first = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    html = proj / "reports" / "quang-ngai" / "2024-h1" / "brief.html"
    v1 = html.read_bytes()
    # change one figure: the brief shows it (99,98 % satisfaction becomes 98,98 %)
    report.write_text(original.replace("99,98", "98,98"), encoding="utf-8")
    before = html.stat().st_mtime_ns
    p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and html.stat().st_mtime_ns == before and p.poll() is None:
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGKILL)                 # right after brief.html was rewritten
    p.wait()
    assert html.read_bytes() != v1                   # the killed run had written the changed brief
    report.write_text(original, encoding="utf-8")    # revert the data
    third = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert third.returncode == 0, third.stderr
    assert "1 rendered" in third.stdout + third.stderr, third.stdout
    assert html.read_bytes() == v1                   # the brief of the reverted data, byte for byte


@pytest.mark.parametrize("text, values", [
    ("chênh lệch -69.251 hồ sơ so với kỳ trước", [-69251.0]),      # the tester's case
    ("tỷ lệ trễ hạn (−2,5%)", [-2.5]),
    ("- 5 hồ sơ đang giải quyết", [5.0]),                          # a list dash with its space
    ("từ 10-15 ngày làm việc", []),                                  # a range is no negative
])
def test_a_minus_against_a_figure_is_a_negative_value(text, values):
    from analysis.numbers import find_numbers
    assert [n.value for n in find_numbers(text)] == values


def test_extract_and_check_print_strict_json(tmp_path):
    import json
    # Gia Lai 2021-H1 has facts without a window (NaN) and a 50-group number would be Infinity
    p = tmp_path / SEEDS["gia_lai_h1"].name
    p.write_text(SEEDS["gia_lai_h1"].read_text(encoding="utf-8") + "\nTổng số " + ".".join(["999"] * 50) + " hồ sơ.\n",
                 encoding="utf-8")
    for cmd in ("extract", "check"):
        out = subprocess.run([sys.executable, "-m", "analysis", cmd, str(p), "--format", "json"], cwd=ROOT,
                             capture_output=True, text=True, timeout=300).stdout

        def refuse(c):
            raise ValueError(f"{cmd} printed {c}, which is not JSON")
        data = json.loads(out, parse_constant=refuse)
        assert data, cmd


def test_kernels_started_at_once_each_get_private_sockets_and_leave_nothing(tmp_path):
    """CI quirk: with TCP, two kernels starting together could be handed the same port ("Address
    already in use") and the notebook then timed out on a dead kernel. Kernels now use Unix sockets in
    a folder of their own; four started at once in threads all answer, and shutting them down leaves
    no folder behind."""
    import threading
    from jupyter_client import BlockingKernelClient
    from analysis.kernel import SOCKETS_PREFIX, _shutdown_kernel, worker_kernel
    kms, errors = [], []

    def start():
        try:
            kms.append(worker_kernel())           # one per thread
        except Exception as e:                    # pragma: no cover - reported by the assert below
            errors.append(e)
    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    folders = {os.path.dirname(km.ip) for km in kms}
    assert len(folders) == 4 and all(os.path.basename(f).startswith(SOCKETS_PREFIX) for f in folders)
    for km in kms:
        info = km.get_connection_info()
        assert info["transport"] == "ipc" and os.path.isabs(info["ip"])
        kc = BlockingKernelClient()
        kc.load_connection_info(info)
        kc.start_channels(hb=False)
        try:
            reply = kc.execute_interactive("x = 6 * 7", user_expressions={"x": "x"}, timeout=30)
            assert reply["content"]["user_expressions"]["x"]["data"]["text/plain"] == "42"
        finally:
            kc.stop_channels()
    for km in kms:
        _shutdown_kernel(km)
    assert not any(os.path.exists(f) for f in folders)


def test_a_kernel_that_does_not_answer_at_its_start_is_replaced(monkeypatch):
    from analysis import kernel
    real, calls = kernel._blocking_client, []

    def flaky(km):
        calls.append(km)
        if len(calls) == 1:
            raise TimeoutError("no answer")       # what a kernel that died on a taken port gives
        return real(km)
    monkeypatch.setattr(kernel, "_blocking_client", flaky)
    km = kernel._started_kernel()
    try:
        assert len(calls) == 2 and calls[1] is km and kernel._alive(km)
        assert not kernel._alive(calls[0]) and not os.path.exists(os.path.dirname(calls[0].ip))
    finally:
        kernel._shutdown_kernel(km)


def test_socket_folders_of_dead_processes_are_removed(tmp_path, monkeypatch):
    import tempfile
    from analysis import kernel
    from analysis.kernel import SOCKETS_PREFIX, clean_socket_folders
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(kernel, "MAX_BASE", 10 ** 6)          # (pytest's folder may be longer than /tmp's)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{SOCKETS_PREFIX}{dead.pid}-abc"
    mine = tmp_path / f"{SOCKETS_PREFIX}{os.getpid()}-def"
    other = tmp_path / "someone-else"
    for d in (gone, mine, other):
        d.mkdir()
        (d / "k-1").write_text("")
    assert clean_socket_folders() == [gone.name]
    assert not gone.exists() and mine.exists() and other.exists()


def test_kernel_sockets_stay_short_under_a_long_temp_folder(tmp_path, monkeypatch):
    # a Unix socket path is limited to 107 bytes: a long TMPDIR must not make every kernel fail to bind
    import tempfile
    from analysis import kernel
    long = tmp_path / ("t" * 90)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    folder = kernel._sockets_folder()
    try:
        assert os.path.dirname(folder) == "/tmp" and len(os.path.join(folder, "k-5").encode()) < 107
    finally:
        os.rmdir(folder)
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    assert kernel._sockets_base() == "/tmp"


def test_the_rate_definitions_are_part_of_the_reading_key(monkeypatch):
    # the checker holds stated rates against briefs.yml's headline definitions: changing them must read
    # every report again; changing a brief's labels must not
    from analysis import vocab
    from analysis.stamp import reading_hash
    real = vocab._load
    before = reading_hash()

    def edited(section):
        def load(name):
            data = dict(real(name))
            if name == "briefs.yml":
                data = {**data, section: ([{**data["headline"][0], "denominator": [["dossiers.received"]]}]
                                          + data["headline"][1:]) if section == "headline" else {}}
            return data
        return load
    monkeypatch.setattr(vocab, "_load", edited("labels"))
    assert reading_hash() == before
    monkeypatch.setattr(vocab, "_load", edited("headline"))
    assert reading_hash() != before
