"""reports/index.html: every brief with its key rates and error/warning counts, the comparison, and the
reports that could not be briefed (with the reason and the fix). It works offline: plain HTML with a
small inline script to sort and filter by province, period and severity; no CDN, no network."""
from __future__ import annotations

import html
import json
from datetime import datetime
from pathlib import Path

from .store import atomic_write

# Key rates shown per brief: headline ids of vocab/briefs.yml at the province level.
KEY_RATES = ("on_time", "late", "online")

_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#briefs tbody tr'));
  var f = {province: document.getElementById('f-province'), period: document.getElementById('f-period'),
           severity: document.getElementById('f-severity'), q: document.getElementById('f-q')};
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!f.province.value || r.dataset.province === f.province.value) &&
               (!f.period.value || r.dataset.period === f.period.value) &&
               (!f.severity.value || (f.severity.value === 'error' ? +r.dataset.errors > 0 :
                                      f.severity.value === 'warning' ? +r.dataset.warnings > 0 :
                                      +r.dataset.errors + +r.dataset.warnings === 0)) &&
               (!f.q.value || r.textContent.toLowerCase().indexOf(f.q.value.toLowerCase()) >= 0);
      r.hidden = !ok; if (ok) shown++;
    });
    document.getElementById('shown').textContent = shown;
    var h = [];
    ['province', 'period', 'severity', 'q'].forEach(function (k) { if (f[k].value) h.push(k + '=' + encodeURIComponent(f[k].value)); });
    history.replaceState(null, '', h.length ? '#' + h.join('&') : location.pathname);
  }
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var p = kv.split('='); if (f[p[0]]) f[p[0]].value = decodeURIComponent(p[1] || '');
  });
  Object.keys(f).forEach(function (k) { f[k].addEventListener('input', apply); f[k].addEventListener('change', apply); });
  document.querySelectorAll('#briefs th[data-sort]').forEach(function (th, i) {
    th.addEventListener('click', function () {
      var num = th.dataset.sort === 'n', dir = th.dataset.dir === 'asc' ? -1 : 1, tb = document.querySelector('#briefs tbody');
      th.dataset.dir = dir === 1 ? 'asc' : 'desc';
      rows.sort(function (a, b) {
        var x = a.children[i].dataset.v || a.children[i].textContent, y = b.children[i].dataset.v || b.children[i].textContent;
        return dir * (num ? (parseFloat(x) || -1) - (parseFloat(y) || -1) : x.localeCompare(y, 'vi'));
      }).forEach(function (r) { tb.appendChild(r); });
    });
  });
  apply();
})();
"""


def problems():
    """data/processed/problems.csv (inputs not briefed as they are), or an empty table."""
    from .api import read_problems
    return read_problems()


def _key_rates(json_path: Path) -> dict:
    """{headline id: value shown} at the province level, from the brief's brief.json."""
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for r in data.get("headline", []):
        if r.get("level") == "total" and r.get("id") in KEY_RATES:
            v = r.get("recomputed") if r.get("recomputed") is not None else r.get("stated")
            if v is not None:
                out[r["id"]] = float(v)
    return out


def _rate_cell(v) -> str:
    from .brief import fmt_rate
    if v is None:
        return "<td class='n' data-v=''>—</td>"
    return f"<td class='n' data-v='{v:.4f}'>{html.escape(fmt_rate(v))}</td>"


def write_index(reports: Path, results: list, documents, suffix: str = "") -> Path:
    """reports/index.html (index.en.html for the English edition)."""
    import pandas as pd
    from .paths import FINDINGS_PARQUET
    f = pd.read_parquet(FINDINGS_PARQUET) if FINDINGS_PARQUET.exists() else pd.DataFrame(columns=["document", "severity"])
    counts = f.groupby(["document", "severity"]).size().unstack(fill_value=0) if not f.empty else pd.DataFrame()
    warn_of = dict(zip(documents["document"], documents["warnings"])) if "warnings" in documents else {}

    def n(doc, sev):
        return int(counts.loc[doc, sev]) if doc in counts.index and sev in counts else 0

    rows, compare_links, provinces, periods = [], "", set(), set()
    for r in sorted(results, key=lambda r: r.task.name):
        t = r.task
        rel = Path(t.out_dir).relative_to(reports) if Path(t.out_dir).is_relative_to(reports) else Path(t.out_dir)
        links = " · ".join(f'<a href="{html.escape(str(rel / (t.stem + ext)))}">{ext[1:]}</a>'
                           for ext in (".html", ".pdf", ".ipynb", ".json"))
        status = "" if r.status != "failed" else f' <span class="failed">failed: {html.escape(r.error[:200])}</span>'
        if t.stem.startswith("compare"):
            compare_links = f"<p><b>{html.escape(t.title)}</b>: {links}{status}</p>"
            continue
        letter = [f'<a href="{html.escape(str(rel / n))}">{label}</a>' for n, label in
                  (("findings.docx", "thư/letter"), ("findings.xlsx", "xlsx")) if (Path(t.out_dir) / n).exists()]
        links += (" · " + " · ".join(letter)) if letter else ""
        prov, per = t.params.get("province", ""), t.params.get("period", "")
        provinces.add(prov)
        periods.add(per)
        docs = documents[(documents["province_slug"] == prov) & (documents["period"] == per)]
        err = sum(n(d, "error") for d in docs["document"])
        warn = sum(n(d, "warning") for d in docs["document"])
        notes = "; ".join(w for w in (warn_of.get(d, "") for d in docs["document"]) if isinstance(w, str) and w)
        notes = f'<br><span class="warn">{html.escape(notes)}</span>' if notes else ""
        rates = _key_rates(Path(t.out_dir) / f"{t.stem}.json")
        rows.append(f"<tr data-province='{html.escape(prov)}' data-period='{html.escape(per)}' data-errors='{err}' "
                    f"data-warnings='{warn}'><td>{html.escape(t.title)}</td><td>{html.escape(per)}</td>"
                    + "".join(_rate_cell(rates.get(k)) for k in KEY_RATES)
                    + f"<td class='n' data-v='{err}'>{err}</td><td class='n' data-v='{warn}'>{warn}</td>"
                    f"<td>{links}{status}</td><td>{html.escape(', '.join(docs['document']))}{notes}</td></tr>")
    prob = problems()
    prow = "".join(f"<tr><td>{html.escape(str(p['document']))}</td><td>{html.escape(str(p['kind']))}</td>"
                   f"<td>{html.escape(str(p['message']))}</td><td>{html.escape(str(p['fix']))}</td></tr>"
                   for _, p in prob.iterrows() if p["kind"] != "warning")
    psection = (f"<h2>Báo cáo chưa lập bản tin / Reports not briefed</h2><table id='problems'><thead><tr><th>Tệp / File</th>"
                f"<th>Loại / Kind</th><th>Lý do / Reason</th><th>Cách sửa / Fix</th></tr></thead><tbody>{prow}</tbody></table>"
                ) if prow else ""
    opt = lambda vals: "".join(f"<option value='{html.escape(v)}'>{html.escape(v)}</option>" for v in sorted(vals))
    made = datetime.now().strftime("%d/%m/%Y %H:%M")
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>tthc-briefs</title>
<style>body{{font-family:"DejaVu Sans",sans-serif;margin:2em}} td,th{{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}}
th[data-sort]{{cursor:pointer}} td.n{{text-align:right}} .failed{{color:#b00020}} .warn{{color:#8a5a00;font-size:90%}}
.filters{{margin:1em 0}} .filters label{{margin-right:1em}}</style></head><body>
<h1>Bản tin kiểm soát TTHC / TTHC briefs</h1>
<p>Tạo lúc / Generated: <time>{made}</time> · <span id="shown">{len(rows)}</span>/{len(rows)} bản tin / briefs</p>
{compare_links}
<div class="filters">
<label>Tỉnh / Province <select id="f-province"><option value="">(tất cả / all)</option>{opt(provinces)}</select></label>
<label>Kỳ / Period <select id="f-period"><option value="">(tất cả / all)</option>{opt(periods)}</select></label>
<label>Mức độ / Severity <select id="f-severity"><option value="">(tất cả / all)</option><option value="error">có lỗi / with errors</option>
<option value="warning">có cảnh báo / with warnings</option><option value="clean">không lỗi / clean</option></select></label>
<label>Tìm / Search <input id="f-q" type="search"></label></div>
<table id="briefs"><thead><tr><th data-sort="s">Bản tin / Brief</th><th data-sort="s">Kỳ / Period</th>
<th data-sort="n">Đúng hạn / On time %</th><th data-sort="n">Quá hạn / Late %</th><th data-sort="n">Trực tuyến / Online %</th>
<th data-sort="n">Lỗi / Errors</th><th data-sort="n">Cảnh báo / Warnings</th><th>Tệp / Files</th><th>Văn bản / Documents</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>{psection}
<script>{_SCRIPT}</script></body></html>"""
    target = reports / f"index{suffix}.html"
    atomic_write(target, lambda p: p.write_text(page, encoding="utf-8"))
    return target
