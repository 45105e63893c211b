"""The main job: notebooks executed on the shipped data, HTML and PDF briefs, index, cache, failure isolation, Dask."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pdfplumber
import pytest

from analysis.batch import Settings, discover, run_batch, summary
from analysis.paths import NOTEBOOKS, ROOT

from conftest import SEEDS

EXPECTED = ["bac-giang/2022", "gia-lai/2021-h1", "gia-lai/2022-q1", "quang-ngai/2024-h1"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    results = run_batch(Settings(reports=out, jobs=2, force=True, progress=False))
    return out, results


def test_every_brief_and_the_comparison_in_three_formats(rendered):
    out, results = rendered
    assert {r.task.name for r in results} == set(EXPECTED) | {"compare"}
    assert all(r.status == "rendered" for r in results), summary(results)
    for name in EXPECTED:
        for ext in ("ipynb", "html", "pdf"):
            assert (out / name / f"brief.{ext}").stat().st_size > 1000, (name, ext)
    for ext in ("ipynb", "html", "pdf"):
        assert (out / "compare" / f"compare.{ext}").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f'href="{name}/brief.html"' in index and f'href="{name}/brief.pdf"' in index
    assert 'href="compare/compare.html"' in index


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_pdf_text_keeps_vietnamese_diacritics(rendered):
    out, _ = rendered
    bg = _pdf_text(out / "bac-giang" / "2022" / "brief.pdf")
    qn = _pdf_text(out / "quang-ngai" / "2024-h1" / "brief.pdf")
    assert "Bắc Giang" in bg and "Quảng Ngãi" in qn
    assert "thủ tục hành chính" in (bg + qn).lower()
    cmp_text = _pdf_text(out / "compare" / "compare.pdf")
    assert "Bắc Giang 2022" in cmp_text and "Gia Lai 2022-Q1" in cmp_text
    with pdfplumber.open(out / "bac-giang" / "2022" / "brief.pdf") as pdf:
        assert abs(float(pdf.pages[0].width) - 595.3) < 1 and len(pdf.pages) >= 2       # A4
        assert "1 / " in (pdf.pages[0].extract_text() or "")                             # page numbers


def test_html_is_self_contained_without_code(rendered):
    out, _ = rendered
    page = (out / "gia-lai" / "2022-q1" / "brief.html").read_text(encoding="utf-8")
    assert "nb.show_headline" not in page and "brief_context" not in page
    assert "data:image/png;base64" in page and "<img src=\"http" not in page
    assert "1.955" in page and "Biểu II.03b" in page


def _shown_findings(nb_path: Path) -> list[dict]:
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if "findings" in cell.metadata.get("tags", []):
            for out in cell.outputs:
                if "tthc_findings" in out.get("metadata", {}):
                    return out["metadata"]["tthc_findings"]
    raise AssertionError("no findings output in " + str(nb_path))


@pytest.mark.parametrize("key,name", [("bac_giang", "bac-giang/2022"), ("gia_lai_q1", "gia-lai/2022-q1"),
                                      ("quang_ngai", "quang-ngai/2024-h1")])
def test_brief_findings_equal_the_check_command(rendered, key, name):
    out, _ = rendered
    shown = _shown_findings(out / name / "brief.ipynb")
    r = subprocess.run([sys.executable, "-m", "analysis", "check", str(SEEDS[key]), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT)
    cli = json.loads(r.stdout)
    norm = lambda fs: sorted((f["rule"], f["severity"], f["line"], f["message"]) for f in fs)
    assert shown and norm(shown) == norm(cli)
    assert [f["severity"] for f in shown] == sorted((f["severity"] for f in shown), key=["error", "warning", "info"].index)


def test_second_run_uses_the_cache(rendered):
    out, _ = rendered
    again = run_batch(Settings(reports=out, jobs=2, progress=False))
    assert all(r.status == "cached" for r in again)


def test_english_labels_keep_vietnamese_quotes(tmp_path):
    import papermill as pm
    target = tmp_path / "en.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / "province_brief.ipynb"), str(target), kernel_name="python3",
                        parameters={"province": "quang-ngai", "period": "2024-H1", "lang": "en"}, progress_bar=False, cwd=str(ROOT))
    text = json.dumps(nbformat.read(target, as_version=4).dict(), ensure_ascii=False)
    assert "Figures that do not hold together" in text and "Headline indicators" in text
    assert "Những số liệu không khớp" not in text
    assert "tăng 0,003%" in text                                       # the quote stays Vietnamese


def test_explore_notebook_runs(tmp_path):
    import papermill as pm
    nb = pm.execute_notebook(str(NOTEBOOKS / "explore.ipynb"), str(tmp_path / "x.ipynb"), kernel_name="python3",
                             parameters={"province": "gia-lai"}, progress_bar=False, cwd=str(ROOT))
    # the steps are visible pandas/seaborn code an analyst can change, with a guide in markdown
    src = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "pivot_table(" in src and "sns.barplot(" in src and "load_facts()" in src
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 6
    outs = {i: c.outputs for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    pivot_cell = next(i for i, c in enumerate(nb.cells) if "pivot_table(" in c.source)
    html_out = outs[pivot_cell][0]["data"]["text/html"]
    assert "2021-H1" in html_out and "2022-Q1" in html_out and "205295" in html_out
    assert any(o.get("data", {}).get("image/png") for c in nb.cells for o in c.get("outputs", []))


def test_a_broken_notebook_is_isolated_and_reported(tmp_path):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    for name in ("province_brief.ipynb", "compare_provinces.ipynb"):
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        if name == "province_brief.ipynb":
            nb.cells.insert(3, nbformat.v4.new_code_cell(
                'if province == "quang-ngai":\n    raise RuntimeError("broken on purpose")'))
        nbformat.write(nb, nbdir / name)
    out = tmp_path / "reports"
    r = subprocess.run([sys.executable, "-m", "analysis", "briefs", "--notebooks", str(nbdir), "--reports", str(out),
                        "--no-progress", "--force"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1
    assert "1 failed" in r.stdout and "FAILED quang-ngai/2024-h1" in r.stdout and "broken on purpose" in r.stdout
    html_page = (out / "quang-ngai" / "2024-h1" / "brief.html").read_text(encoding="utf-8")
    assert "tthc-error-banner" in html_page and "broken on purpose" in html_page
    assert (out / "quang-ngai" / "2024-h1" / "brief.ipynb").exists()
    for name in ("bac-giang/2022", "gia-lai/2022-q1"):
        assert (out / name / "brief.pdf").exists()
    assert "failed" in (out / "index.html").read_text(encoding="utf-8")


def test_dask_scheduler_runs_the_same_tasks(tmp_path):
    from distributed import LocalCluster
    import pandas as pd
    from analysis.batch import prepare_data
    from analysis.paths import DOCUMENTS_PARQUET
    prepare_data()
    settings = Settings(reports=tmp_path, progress=False, force=True)
    tasks = [t for t in discover(pd.read_parquet(DOCUMENTS_PARQUET), settings)
             if t.name in ("quang-ngai/2024-h1", "gia-lai/2022-q1")]
    # a threaded worker runs both notebooks at once: each thread has its own kernel
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        s = Settings(reports=tmp_path, progress=False, force=True, scheduler=cluster.scheduler_address)
        results = run_batch(s, tasks=tasks)
    assert sorted(r.status for r in results) == ["rendered", "rendered"], [r.error for r in results]
    assert (tmp_path / "quang-ngai" / "2024-h1" / "brief.pdf").exists()
    assert (tmp_path / "gia-lai" / "2022-q1" / "brief.pdf").exists()


def test_settings_errors_name_the_setting(tmp_path):
    from analysis.errors import SettingsError
    with pytest.raises(SettingsError, match="jobs"):
        Settings(jobs=-1).validate()
    with pytest.raises(SettingsError, match="scheduler"):
        Settings(scheduler="localhost:8786").validate()
    with pytest.raises(SettingsError, match="notebooks"):
        Settings(notebooks=tmp_path).validate()


def test_report_text_is_escaped_in_html():
    from analysis.render import notebook_html
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x")]
    page = notebook_html(nb, "t", error="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_pdf_bytes_do_not_depend_on_how_weasyprint_found_its_subsetter(tmp_path):
    """CI quirk: one process had WeasyPrint on fontTools' subsetter (its look for libharfbuzz-subset
    failed once), and a brief it rendered differed byte for byte from the same brief rendered by
    another process. The renderer loads the subsetter itself when that look failed."""
    import ctypes
    from analysis.render import html_to_pdf
    try:
        ctypes.CDLL("libharfbuzz-subset.so.0")
    except OSError:
        pytest.skip("libharfbuzz-subset0 is not installed")
    from weasyprint.pdf import fonts
    page = "<html><body><p>Tỷ lệ hồ sơ giải quyết đúng hạn đạt <b>98,2%</b></p></body></html>"
    html_to_pdf(page, tmp_path / "a.pdf")
    loaded = fonts.harfbuzz_subset
    fonts.harfbuzz_subset = None              # as after a failed look at import
    try:
        html_to_pdf(page, tmp_path / "b.pdf")
        assert fonts.harfbuzz_subset is not None
    finally:
        fonts.harfbuzz_subset = loaded
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_pdf_bytes_do_not_depend_on_the_time_without_harfbuzz(tmp_path, monkeypatch):
    """Without libharfbuzz-subset, fontTools subsets the fonts and stamps them with the time it ran:
    two renders of one brief a second apart differed. The renderer fixes the fonts' date."""
    import time
    from fontTools.misc import timeTools
    from analysis import render
    from weasyprint.pdf import fonts
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.setattr("weasyprint.text.ffi.ffi.dlopen", lambda *a: (_ for _ in ()).throw(OSError("absent")))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    page = "<html><body><p>Hồ sơ trễ hạn: <b>1.406</b></p></body></html>"
    render.html_to_pdf(page, tmp_path / "a.pdf")
    now = time.time()
    monkeypatch.setattr(timeTools.time, "time", lambda: now + 86_400)     # a day later
    render.html_to_pdf(page, tmp_path / "b.pdf")
    assert fonts.harfbuzz_subset is None          # (fontTools did the subsetting both times)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_notebook_past_its_timeout_is_stopped(tmp_path):
    from analysis.batch import Task, run_task
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x: int = 1  # a parameter", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import time\nfor _ in range(60):\n    time.sleep(1)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp_path / "slow.ipynb"
    nbformat.write(nb, src)
    t0 = __import__("time").perf_counter()
    r = run_task(Task("slow", "slow", str(src), {"x": 2}, str(tmp_path / "out"), "brief", 4))
    assert r.status == "failed" and ("longer than 4 s" in r.error or "timeout" in r.error.lower()), r.error
    assert __import__("time").perf_counter() - t0 < 40
    assert (tmp_path / "out" / "brief.html").exists() and (tmp_path / "out" / "brief.ipynb").exists()


def test_brief_json_is_what_the_brief_shows(rendered):
    """brief.json beside every brief: the headline rows (ids, stated, recomputed), counts and findings,
    as the HTML shows them."""
    from analysis.brief import fmt_rate
    from analysis.numbers import fmt_vn
    out, _ = rendered
    for name in EXPECTED:
        data = json.loads((out / name / "brief.json").read_text(encoding="utf-8"))
        page = (out / name / "brief.html").read_text(encoding="utf-8")
        assert data["headline"] and {"id", "level", "status", "stated", "recomputed", "numerator", "denominator"} <= set(data["headline"][0])
        for r in data["headline"]:
            if r["recomputed"] is not None:
                assert fmt_rate(r["recomputed"]) in page, (name, r["id"], r["level"])
            if r["stated"] is not None:
                assert fmt_rate(r["stated"], r["stated_decimals"]) in page, (name, r["id"], r["level"])
        for c in data["counts"]:
            assert fmt_vn(c["value"]) in page
        assert sum(data["severity_counts"].values()) == len(data["findings"])
        for f in data["findings"][:5]:
            assert f"<td>{f['rule']}</td>" in page
    bg = json.loads((out / "bac-giang" / "2022" / "brief.json").read_text(encoding="utf-8"))
    late = next(r for r in bg["headline"] if (r["id"], r["level"]) == ("late", "total"))
    assert (late["stated"], round(late["recomputed"], 3), late["numerator"]["lines"]) == (0.6, 0.475, [68])
    assert json.loads((out / "compare" / "compare.json").read_text(encoding="utf-8"))["rates"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium (installed here when missing and we are root: the test set-up installs what it needs)."""
    import os
    import shutil
    exe = shutil.which("chromium")
    if exe is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env, capture_output=True)
        exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return exe


def _dom(chromium: str, url: str) -> str:
    r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
                       capture_output=True, text=True, timeout=120)
    return r.stdout


def test_index_filters_in_a_real_browser(rendered, chromium):
    import re
    out, _ = rendered
    url = (out / "index.html").as_uri()
    dom = _dom(chromium, url)
    rows = re.findall(r"<tr data-province=\"([^\"]+)\" data-period=\"([^\"]+)\"[^>]*?( hidden=\"\")?>", dom)
    assert len(rows) == 4 and not any(h for *_, h in rows)
    assert "Tạo lúc / Generated: <time>" in dom and ">0,475<" in dom and ">5,32<" in dom
    dom = _dom(chromium, url + "#province=gia-lai&severity=error")
    rows = re.findall(r"<tr data-province=\"([^\"]+)\" data-period=\"([^\"]+)\"[^>]*?( hidden=\"\")?>", dom)
    visible = sorted(f"{p}/{k}" for p, k, h in rows if not h)
    assert visible == ["gia-lai/2021-H1", "gia-lai/2022-Q1"]
    assert '<span id="shown">2</span>' in dom
    dom = _dom(chromium, url + "#period=2022")
    rows = re.findall(r"<tr data-province=\"([^\"]+)\" data-period=\"([^\"]+)\"[^>]*?( hidden=\"\")?>", dom)
    assert sorted(f"{p}/{k}" for p, k, h in rows if not h) == ["bac-giang/2022"]


def test_outputs_carry_no_machine_paths_and_no_remote_scripts(rendered):
    import re
    out, _ = rendered
    for p in list(out.rglob("*.ipynb")) + list(out.rglob("*.html")):
        text = p.read_text(encoding="utf-8")
        assert str(ROOT) not in text and str(out) not in text, p
        assert not re.search(r"<script[^>]+src=[\"']?(?:https?:)?//", text), p
    nb = nbformat.read(out / "bac-giang" / "2022" / "brief.ipynb", as_version=4)
    assert nb.metadata["papermill"]["input_path"] == "notebooks/province_brief.ipynb"
    plain = [o["data"]["text/plain"] for c in nb.cells for o in c.get("outputs", []) if "data" in o and "text/plain" in o["data"]]
    assert plain and not any("IPython.core.display" in t for t in plain)
    assert any("690.889" in t for t in plain)


def test_english_edition_goes_to_separate_files(rendered):
    out, _ = rendered
    vi = out / "gia-lai" / "2022-q1" / "brief.html"
    before = vi.read_bytes()
    results = run_batch(Settings(reports=out, jobs=1, progress=False, lang="en", province="gia-lai", period="2022-Q1"))
    assert [r.status for r in results if r.task.name == "gia-lai/2022-q1"] == ["rendered"]
    en = (out / "gia-lai" / "2022-q1" / "brief.en.html").read_text(encoding="utf-8")
    assert vi.read_bytes() == before
    assert "Headline indicators" in en and "Chỉ tiêu chính" not in en
    assert (out / "gia-lai" / "2022-q1" / "brief.en.pdf").exists() and (out / "index.en.html").exists()
    assert "Chỉ tiêu chính" in vi.read_text(encoding="utf-8")


def test_one_brief_from_the_command_line(rendered):
    out, _ = rendered
    names = ["brief.ipynb", "brief.html", "brief.pdf", "brief.json", "findings.docx", "findings.xlsx"]
    before = {n: (out / "bac-giang" / "2022" / n).read_bytes() for n in names}
    r = subprocess.run([sys.executable, "-m", "analysis", "briefs", "--reports", str(out), "--province", "bac-giang",
                        "--period", "2022", "--force", "--jobs", "1", "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "1 rendered" in r.stdout
    # rendered again from the same inputs: the same bytes (no run times, random ids or zip dates)
    assert {n: (out / "bac-giang" / "2022" / n).read_bytes() for n in names} == before
    r = subprocess.run([sys.executable, "-m", "analysis", "briefs", "--reports", str(out), "--province", "ha-noi",
                        "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and "province" in (r.stdout + r.stderr)


def test_findings_letter_opens_and_reads_back(rendered):
    import docx
    import openpyxl
    out, _ = rendered
    d = docx.Document(str(out / "bac-giang" / "2022" / "findings.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Kính gửi: UBND tỉnh Bắc Giang" in text and "Đã kiểm tra" in text
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows[0][:4] == ["STT", "Mức độ", "Quy tắc kiểm tra (cách đọc)", "Nội dung"]
    first = rows[1]
    assert first[1] == "Lỗi" and "690.889" in first[3] and first[5] == "dòng 66" and first[6:9] == ["690.889", "690.989", "-100"]
    assert "Tổng số hồ sơ TTHC đã tiếp nhận trong kỳ báo cáo là 690.889" in first[4]
    ws = openpyxl.load_workbook(out / "bac-giang" / "2022" / "findings.xlsx").active
    values = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(values) if r[0] == "STT")
    assert values[head + 1][:3] == ("no", "severity", "reading")          # codes under the Vietnamese headers
    data = [r for r in values[head + 2:] if r[0] is not None]
    assert len(data) == 12 and data[0][6:9] == (690889, 690989, -100)
    assert ws.freeze_panes == f"A{head + 3}" and ws.auto_filter.ref
