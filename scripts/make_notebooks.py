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
    code('nb.heading(ctx.L["gaps"])\nnb.show_gaps(ctx)'),
    code('nb.heading(ctx.L["periods"])\nnb.show_other_periods(ctx)'),
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
    code('nb.heading(cmp.L["consistency"])\nnb.table(cmp.consistency())'),
])

save("explore.ipynb", [
    md("# Explore facts and findings\n\nFor analysts in JupyterLab (`pip install -e .[lab]`, then `jupyter lab`). "
       "Every fact keeps its document, line and quote; every finding its evidence."),
    code('province: str = "all"  # filter: a province slug such as gia-lai (all: every province)\nindicator: str = "dossiers."  # filter: indicator prefix', ["parameters"]),
    code("from analysis import load_facts, load_documents, load_findings, load_coverage\n"
         "facts, docs, findings, coverage = load_facts(), load_documents(), load_findings(), load_coverage()\ncoverage"),
    code('sel = facts[facts["indicator"].str.startswith(indicator)]\nif province != "all":\n'
         '    sel = sel[sel["document"].isin(docs.loc[docs["province_slug"] == province, "document"])]\n'
         'sel[["document", "indicator", "level", "value", "unit", "role", "line", "quote"]].head(50)'),
    code('findings[["document", "severity", "rule", "line", "message"]].head(50)'),
    code("%matplotlib inline\nimport seaborn as sns\n"
         'counts = findings.groupby(["document", "severity"]).size().rename("n").reset_index()\n'
         'sns.barplot(data=counts, y="document", x="n", hue="severity", orient="h");'),
])
print("written", sorted(p.name for p in NB.glob("*.ipynb")))
