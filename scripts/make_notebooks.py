"""Write notebooks/*.ipynb (thin: narrative plus calls into analysis). Run after editing this file."""
from pathlib import Path

import nbformat as nbf

NB = Path(__file__).resolve().parent.parent / "notebooks"


def md(s):
    return nbf.v4.new_markdown_cell(s)


def code(s, tags=()):
    c = nbf.v4.new_code_cell(s)
    if tags:
        c.metadata["tags"] = list(tags)
    return c


def save(name, cells):
    nb = nbf.v4.new_notebook()
    # deterministic cell ids: regenerating the notebooks changes nothing, so no brief is re-rendered
    for i, c in enumerate(cells):
        c["id"] = f"{name.split('.')[0].replace('_', '-')}-{i:02d}"
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbf.write(nb, NB / name)


save("province_brief.ipynb", [
    # what this notebook is: a comment in code (hidden in the briefs), so no English text prints above
    # a Vietnamese title
    code('# One province, one reporting period: summary, headline indicators (stated and recomputed), the figures\n'
         '# that do not hold together, data gaps, other periods, plan progress and sources.\n'
         '# Parameters are set by papermill (python -m analysis briefs).', ["intro"]),
    code('province: str = "bac-giang"  # province slug as in data/raw file names, e.g. "gia-lai"\n'
         'period: str = "2022"  # period key: "2022", "2022-Q1", "2021-H1", "2021-9M", "2021-08"\n'
         'lang: str = "vi"  # "vi" or "en": headings and labels (quotes stay in Vietnamese)', ["parameters"]),
    code("%matplotlib inline\nfrom analysis import notebook as nb\n\nctx = nb.brief_context(province, period, lang)\nnb.title(ctx)"),
    code('nb.heading(ctx.L["summary"])\nnb.show_summary(ctx);'),
    code('nb.heading(ctx.L["headline"])\nnb.para(ctx.L["note_headline"])\nnb.show_headline(ctx);'),
    code('nb.heading(ctx.L["findings"])\nnb.para(ctx.L["note_findings"])\nnb.show_findings(ctx);', ["findings"]),
    code('nb.heading(ctx.L["national"])\nnb.para(ctx.L["note_national"])\nnb.show_national(ctx);'),
    code('nb.heading(ctx.L["gaps"])\nnb.show_gaps(ctx)'),
    code('nb.heading(ctx.L["periods"])\nnb.show_other_periods(ctx)'),
    code('nb.heading(ctx.L["trends"])\nnb.show_trends(ctx);'),
    code('nb.heading(ctx.L["plan"])\nnb.show_plan(ctx)'),
    code('nb.heading(ctx.L["sources"])\nnb.show_sources(ctx)'),
])

save("compare_provinces.ipynb", [
    code("# Rates as stated and recomputed, flows per month over the window covered, stocks as stated,\n"
         "# comparability warnings and each report's consistency.", ["intro"]),
    code('provinces: str = "all"  # comma-separated province slugs such as gia-lai,bac-giang (all: every province)\n'
         'periods: str = "all"  # comma-separated period keys such as 2022,2022-Q1 (all: every period)\n'
         'lang: str = "vi"  # "vi" or "en"', ["parameters"]),
    code("%matplotlib inline\nfrom analysis import notebook as nb\n\ncmp = nb.compare_context(provinces, periods, lang)\n"
         'nb.heading(cmp.L["compare"], 1)'),
    code('nb.heading(cmp.L["warnings"])\nfor w in cmp.warnings() or [cmp.L["none"]]:\n    nb.para(w)'),
    code('nb.heading(cmp.L["rate"])\nnb.show_rates(cmp)'),
    code('nb.heading(cmp.L["count"])\nnb.show_flows(cmp)'),
    code('nb.heading(cmp.L["ranking"])\nnb.show_ranking(cmp);'),
    code('nb.heading(cmp.L["consistency"])\nnb.show_consistency(cmp)'),
])

save("explore.ipynb", [
    md("# Explore facts and findings\n\n"
       "For analysts in JupyterLab (`pip install -e .[lab]`, then `jupyter lab`). Every step is plain pandas "
       "and seaborn: change a filter, a pivot or a chart and run the cell again.\n\n"
       "- **facts**: one row per stated figure (document, province, period, indicator, level, value, unit, "
       "line, quote, and `ref` = PDF page or .docx paragraph).\n"
       "- **findings**: what does not hold together (rule, severity, stated, expected, difference, line, message).\n"
       "- **docs**: one row per report (province, period and its window, report type, issuer, date)."),
    code('province: str = "all"  # filter: a province slug such as gia-lai (all: every province)\n'
         'indicator: str = "dossiers."  # filter: indicator prefix such as dossiers. or rate.', ["parameters"]),
    md("## 1. Load\n`load_*` read `data/processed/` (built from `data/raw/` on first use)."),
    code("import pandas as pd\nimport seaborn as sns\nimport matplotlib.pyplot as plt\n"
         "from analysis import load_facts, load_documents, load_findings, load_coverage\n\n"
         "facts, docs, findings, coverage = load_facts(), load_documents(), load_findings(), load_coverage()\n"
         "docs[[\"document\", \"province\", \"period\", \"period_start\", \"period_end\", \"report_type\"]]"),
    md("## 2. Filter\nKeep the province and indicators you want. `province_slug` links facts to their report."),
    code("sel = facts.merge(docs[[\"document\", \"province_slug\"]], on=\"document\")\n"
         "sel = sel[sel[\"indicator\"].str.startswith(indicator)]\n"
         "if province != \"all\":\n    sel = sel[sel[\"province_slug\"] == province]\n"
         "# whole-province statements only (no 'riêng ...' scope), as stated values\n"
         "sel = sel[(sel[\"scope\"] == \"\") & (sel[\"role\"] == \"value\")]\n"
         "sel[[\"province\", \"period\", \"indicator\", \"level\", \"value\", \"unit\", \"line\", \"quote\"]].head(30)"),
    md("## 3. Pivot\nOne row per indicator and level, one column per report period (first statement of each)."),
    code("pivot = (sel.sort_values(\"line\")\n"
         "         .drop_duplicates([\"province\", \"period\", \"indicator\", \"level\"])\n"
         "         .pivot_table(index=[\"indicator\", \"level\"], columns=[\"province\", \"period\"], values=\"value\", aggfunc=\"first\"))\n"
         "pivot"),
    md("## 4. Plot\nCounts by level for each report (change `x`, `hue` or the filter above)."),
    code("received = sel[(sel[\"indicator\"] == \"dossiers.received\")]\n"
         "if not received.empty:\n"
         "    ax = sns.barplot(data=received, y=\"province\", x=\"value\", hue=\"level\", orient=\"h\")\n"
         "    ax.set_xlabel(\"hồ sơ tiếp nhận\")\n"
         "    ax.legend(loc=\"upper left\", bbox_to_anchor=(1.01, 1), frameon=False)\n"
         "    plt.tight_layout()"),
    md("## 5. Findings\nErrors and warnings per report, and the figures they concern."),
    code("counts = findings.groupby([\"document\", \"severity\"]).size().unstack(fill_value=0)\ncounts"),
    code("ax = counts.plot.barh(stacked=True, figsize=(7, 3))\nax.set_xlabel(\"số phát hiện\")\nplt.tight_layout()"),
    code("findings[findings[\"severity\"] == \"error\"][[\"document\", \"rule\", \"line\", \"stated\", \"expected\", \"difference\", \"message\"]]"),
    md("## 6. Coverage\nHow many relations each report allowed to check, and how many hold."),
    code("coverage"),
])
print("written", sorted(p.name for p in NB.glob("*.ipynb")))
