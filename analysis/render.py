"""Executed notebook -> self-contained HTML (nbconvert lab template, no code) -> A4 PDF (WeasyPrint).

Outputs are written atomically. A failed notebook still renders, with an error banner on top.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .store import atomic_write

# Print styles for the PDF and the HTML: A4, page numbers, readable tables, no wasted margins.
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.35; color: #111; }
p { margin: 3pt 0; } em { color: #444; }
/* two faces only (regular, bold): WeasyPrint subsets every embedded face, ~0.3 s each */
* { font-family: "DejaVu Sans", sans-serif !important; font-style: normal !important; }
code { font-size: 9pt; background: #f3f3f3; }
.jp-Notebook { padding: 0 !important; }
.jp-Cell, .jp-OutputArea-output { overflow: visible !important; }
.jp-OutputArea-child, .jp-OutputArea-output, .jp-Cell-outputWrapper, .jp-Cell-outputArea { display: block !important; }
.jp-Cell, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-Notebook {
  break-inside: auto !important; page-break-inside: auto !important; }
.jp-OutputPrompt, .jp-InputPrompt { display: none !important; }
table.tthc { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 4pt 0 10pt 0; }
table.tthc th, table.tthc td { border: 0.5pt solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left !important; }
.jp-RenderedHTMLCommon table.tthc { table-layout: auto; font-size: 8.5pt; }
table.tthc th { background: #eef2f7; }
tr { page-break-inside: avoid; }
img { max-width: 100%; page-break-inside: avoid; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14pt; }
.tthc-error-banner { border: 2pt solid #b00020; background: #fdecea; color: #7a0010; padding: 8pt; margin: 6pt 0 10pt 0; }
"""


def error_of(nb) -> str | None:
    """The first error a notebook's outputs carry ('Name: message'), or None."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
    return None


_EXPORTER = None


def _exporter():
    """One nbconvert exporter per process (building its templates is the slow part)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter
        _EXPORTER = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                                 exclude_output_prompt=True, embed_images=True)
    return _EXPORTER


# Scripts the lab template loads from a CDN (require.js, MathJax): briefs use neither, and government
# networks are often offline, so they are dropped; the page needs no network at all.
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I)
_MATHJAX_CONFIG = re.compile(r"<script\b[^>]*type=[\"']text/x-mathjax-config[\"'][^>]*>.*?</script>", re.I | re.S)


def offline(page: str) -> str:
    """The page without any script loaded from the network."""
    return _MATHJAX_CONFIG.sub("", _REMOTE_SCRIPT.sub("", page))


def shareable(nb_text: str, roots) -> str:
    """An executed notebook without this machine's absolute paths (papermill records its input and
    output paths: paths under a root become relative to it) and without run timestamps, so that the
    same inputs give the same bytes (the injected parameters cell gets a fixed id)."""
    import json
    for root in sorted({str(r).rstrip("/") for r in roots if r}, key=len, reverse=True):
        nb_text = nb_text.replace(root + "/", "").replace(root, ".")
    nb_text = re.sub(r"\.([\w.]+)\.running\.ipynb", r"\1.ipynb", nb_text)
    try:
        nb = json.loads(nb_text)
    except ValueError:
        return nb_text
    for key in ("start_time", "end_time", "duration"):
        nb.get("metadata", {}).get("papermill", {}).pop(key, None)
    for i, cell in enumerate(nb.get("cells", [])):
        md = cell.get("metadata", {})
        md.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            md.get("papermill", {}).pop(key, None)
        if "injected-parameters" in md.get("tags", []):
            cell["id"] = f"injected-parameters-{i:02d}"
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def notebook_html(nb, title: str, error: str | None = None) -> str:
    """Self-contained HTML of an executed notebook, inputs hidden; error banner when it failed."""
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = offline(body)
    extra = f'<style id="tthc-print">{PRINT_CSS}</style>'
    body = body.replace("</head>", extra + "</head>", 1)
    if error:
        banner = (f'<div class="tthc-error-banner"><strong>Notebook failed / Bản tin lỗi:</strong> '
                  f"{html.escape(error)}</div>")
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, body, count=1)
    return body


# fontTools stamps each font it subsets with the time it ran (the 'head' table's modified date), unless
# SOURCE_DATE_EPOCH says otherwise (https://reproducible-builds.org/specs/source-date-epoch/): without
# HarfBuzz's subsetter, two renders of one brief a second apart differed in three bytes of each font.
FONT_DATE_EPOCH = "0"


def _font_subsetter() -> None:
    """HarfBuzz's subsetter for the embedded fonts whenever the system has it, else fontTools' with a
    fixed font date: the same HTML gives the same PDF bytes in every process, at any time.

    WeasyPrint looks for libharfbuzz-subset once, when it is imported; a process that imported it
    before the library was installed (seen in CI: the browser tests' apt-get brought it in mid-run)
    stays on fontTools, whose fonts differ from HarfBuzz's, so a brief rendered again by another
    process was not the same file. The library is loaded here by its file name when that look failed."""
    import os
    from weasyprint.pdf import fonts
    from weasyprint.text import ffi
    if getattr(fonts, "harfbuzz_subset", True) is None:
        try:
            ffi.harfbuzz_subset = fonts.harfbuzz_subset = ffi.ffi.dlopen("libharfbuzz-subset.so.0", ffi.ffi.RTLD_NOW)
        except OSError:
            pass                         # not installed: fontTools' subsetter, dated below
    # (set for the process, not restored: threads of a Dask worker render side by side)
    os.environ.setdefault("SOURCE_DATE_EPOCH", FONT_DATE_EPOCH)


def html_to_pdf(html_text: str, target: Path, base_url: Path | None = None) -> None:
    """A4 PDF with page numbers from HTML (WeasyPrint, in-process)."""
    from weasyprint import CSS, HTML
    doc = HTML(string=_strip_scripts(html_text), base_url=str(base_url or target.parent))
    _font_subsetter()
    atomic_write(target, lambda p: doc.write_pdf(p, stylesheets=[CSS(string=PRINT_CSS)]))


def _strip_scripts(s: str) -> str:
    """The print version of the page: no scripts (WeasyPrint ignores them) and only the print
    styles — the lab theme's ~300 kB of screen CSS takes WeasyPrint seconds to cascade."""
    s = re.sub(r"<script\b[^>]*>.*?</script>", "", s, flags=re.S | re.I)
    return re.sub(r"<style(?![^>]*tthc-print)[^>]*>.*?</style>", "", s, flags=re.S | re.I)


def write_text(target: Path, text: str) -> None:
    atomic_write(target, lambda p: p.write_text(text, encoding="utf-8"))


def render(executed: Path, html_path: Path, pdf_path: Path, title: str) -> str | None:
    """HTML and PDF for an executed (or failed) notebook; returns the notebook's error, if any."""
    import nbformat
    from .paths import ROOT
    text = Path(executed).read_text(encoding="utf-8")
    clean = shareable(text, [ROOT, Path(executed).resolve().parent.parent.parent, Path.home()])
    if clean != text:
        write_text(Path(executed), clean)
    nb = nbformat.reads(clean, as_version=4)
    error = error_of(nb)
    page = notebook_html(nb, title, error)
    write_text(html_path, page)
    html_to_pdf(page, pdf_path)
    return error
