"""Read reports as published (text/markdown, .docx, .pdf) into one Document model.

Every reader turns its file into source lines (what an analyst would cite as "line N"); one parser
turns lines into blocks: headings, paragraphs, list items, footnotes and tables. Each block keeps,
for every character of its cleaned text, the source line and column it came from, so a quote can
always be cut verbatim from its line.
"""
from __future__ import annotations

import codecs
from bisect import bisect_right
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import ReadError

# ---------------------------------------------------------------- model


@dataclass
class Cell:
    text: str          # cleaned text
    line: int          # 1-based source line
    col: int           # start column of the raw cell in the (NFC) source line
    raw: str           # raw cell text as it stands in the line


@dataclass
class Block:
    kind: str                      # heading | paragraph | item | footnote | table
    text: str = ""
    line: int = 0                  # first source line
    pos: list = field(default_factory=list)    # per char of text: (line, col) or (line, -1)
    depth: int = 0                 # heading depth
    marker: str = ""               # list marker ("-", "+", "a)", "1.") for items
    note_id: str | None = None     # footnote number for footnote blocks
    refs: list = field(default_factory=list)   # footnote references: (note_id, offset in text)
    rows: list = field(default_factory=list)   # tables: list[list[Cell]]
    caption: str = ""              # tables: nearest preceding title text (form id, title)

    def line_at(self, offset: int) -> int:
        """Source line of the character at `offset` in the cleaned text."""
        if not self.pos:
            return self.line
        offset = max(0, min(offset, len(self.pos) - 1))
        return self.pos[offset][0]


@dataclass
class Document:
    path: Path
    lines: list[str]               # source lines, NFC (1-based numbering: lines[n-1])
    blocks: list[Block]
    source_format: str             # text | docx | pdf
    encoding: str = "utf-8"
    line_refs: list = field(default_factory=list)   # per line: "tr. 3" (PDF page), "đoạn 25" (docx paragraph)

    @property
    def name(self) -> str:
        return self.path.name

    def ref(self, line: int | None) -> str:
        """Where a line stands in the published file: its PDF page or docx paragraph ('' for text)."""
        if not line or not self.line_refs or not 1 <= line <= len(self.line_refs):
            return ""
        return self.line_refs[line - 1]

    def footnotes(self) -> dict[str, Block]:
        return {b.note_id: b for b in self.blocks if b.kind == "footnote" and b.note_id}

# ---------------------------------------------------------------- decoding

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BINARY_MAGIC = {b"PK\x03\x04": "a zip/Office file", b"%PDF": "a PDF", b"\x89PNG": "a PNG image",
                 b"\xff\xd8\xff": "a JPEG image", b"\xd0\xcf\x11\xe0": "a legacy Office (.doc/.xls) file"}


def decode(data: bytes, path) -> tuple[str, str]:
    """Bytes -> (NFC text, encoding). UTF-8 with/without BOM, UTF-16, Windows-1258."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReadError(path, "the file is empty", "export the report again, or remove it from data/raw")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ReadError(path, f"this is {what}, not text",
                            "give it the right suffix (.docx, .pdf) or export it as UTF-8 text")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith(_UTF16_BOMS):
        text, enc = data.decode("utf-16"), "utf-16"
    elif _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        text = data.decode(enc, errors="strict")
    elif b"\x00" in data:
        raise ReadError(path, "the file is binary (it contains NUL bytes)", "export the report as text, .docx or .pdf")
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            if _mostly_utf8(data):
                # a UTF-8 report with a pasted Windows-1258 line: decoding all of it as Windows-1258
                # would garble every Vietnamese letter, so the line is named instead
                raise ReadError(path, "mixes encodings: the text is UTF-8 but this line is not",
                                "re-save the line (or the file) as UTF-8", line=line) from None
            try:
                text, enc = data.decode("cp1258"), "cp1258"
            except UnicodeDecodeError:
                raise ReadError(path, "the text is neither UTF-8, UTF-16 nor Windows-1258",
                                "re-save it as UTF-8", line=line) from None
    text = unicodedata.normalize("NFC", text)
    controls = len(_CONTROLS.findall(text))
    if controls > max(3, len(text) // 100):
        raise ReadError(path, "the file looks binary (many control characters)", "export the report as text, .docx or .pdf")
    if not text.strip():
        raise ReadError(path, "the file has no text", "export the report again")
    return text, enc


# Unicode category Cc (C0 and C1 controls) other than tab, newline, carriage return and form feed
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _mostly_utf8(data: bytes) -> bool:
    """Most lines that hold non-ASCII bytes decode as UTF-8 (and at least two do)."""
    ok = bad = 0
    for ln in data.split(b"\n"):
        if max(ln, default=0) < 0x80:
            continue
        try:
            ln.decode("utf-8")
            ok += 1
        except UnicodeDecodeError:
            bad += 1
    return ok >= 2 and ok > 3 * bad


def _looks_utf16(data: bytes) -> bool:
    sample = data[:400]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even)


# ---------------------------------------------------------------- readers (registered by suffix)

READERS: dict[str, Callable[[Path], tuple[list[str], str, str]]] = {}


def reader(*suffixes: str):
    """Register a function path -> (lines, source_format, encoding[, refs]) for file suffixes; refs,
    when given, says for each line where it stands in the file (page, paragraph)."""
    def deco(fn):
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


@reader(".txt", ".md", ".markdown")
def read_text_lines(path: Path):
    text, enc = decode(path.read_bytes(), path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n"), "text", enc


@reader(".docx")
def read_docx_lines(path: Path):
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        d = docx.Document(str(path))
    except Exception as e:  # corrupt zip, not a docx, ...
        raise ReadError(path, f"cannot open as .docx ({type(e).__name__}: {e})", "re-save it from Word as .docx") from None
    lines: list[str] = []
    refs: list[str] = []
    n_par = n_tbl = 0
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_par += 1
            p = Paragraph(child, d)
            text = unicodedata.normalize("NFC", p.text)
            style = (p.style.name if p.style is not None else "") or ""
            m = re.match(r"Heading (\d)", style)
            if m and text.strip():
                text = "#" * int(m.group(1)) + " " + text
            lines.extend(text.split("\n"))
            lines.append("")
            refs.extend([f"đoạn {n_par}"] * (len(lines) - len(refs)))
        elif tag == "tbl":
            n_tbl += 1
            t = Table(child, d)
            for r_i, row in enumerate(t.rows, 1):
                seen, cells = set(), []
                for c in row.cells:
                    if id(c._tc) in seen:
                        continue
                    seen.add(id(c._tc))
                    cells.append(unicodedata.normalize("NFC", " ".join(c.text.split())))
                if not cells:
                    continue                 # an empty row (no cells) carries nothing
                lines.append("\t".join(cells) if len(cells) > 1 else cells[0] + "\t")
                refs.append(f"bảng {n_tbl}, hàng {r_i}")
            lines.append("")
            refs.append(f"bảng {n_tbl}")
    if not any(l.strip() for l in lines):
        raise ReadError(path, "the .docx has no text", "check that it is not a scanned image")
    return lines, "docx", "docx", refs


# A PDF line that reaches this share of the text block's width was wrapped by the layout: it goes on
# in the next line (same paragraph) unless a wider gap than this many line heights follows.
_PDF_FULL_LINE = 0.85
_PDF_PARA_GAP = 1.6
# A wrapped line starts within this share of the width from the left margin (a first-line indent).
_PDF_INDENT = 0.12


# Lines that stand alone in a report's header: the date line and the document kind ("BÁO CÁO").
_PDF_ALONE = re.compile(r"^\s*(?:[^,]{2,40},\s*ngày\s.{0,20}tháng\s.{0,10}năm\s+(?:19|20)\d{2}\s*$|"
                        r"(?:BÁO CÁO|KẾ HOẠCH|QUYẾT ĐỊNH|TỜ TRÌNH|THÔNG BÁO|CÔNG VĂN)\s*:?\s*$)")


def _pdf_paragraphs(lines: list[dict]) -> list[tuple[float, str]]:
    """Join the visual lines of a PDF page into paragraphs. A line goes on in the next one only when
    it was wrapped: it starts at the left margin (or a first-line indent) and runs to the right one,
    and the next starts at the left margin; centred titles wrap centred. A right-aligned date line
    reaches the right margin without being wrapped, so it stays apart from "BÁO CÁO" below it."""
    if not lines:
        return []
    left = min(l["x0"] for l in lines)
    right = max(l["x1"] for l in lines)
    width = max(right - left, 1.0)
    mid = (left + right) / 2

    def centred(l) -> bool:
        return abs((l["x0"] + l["x1"]) / 2 - mid) <= 0.05 * width and l["x0"] - left > 0.02 * width

    out: list[tuple[float, str]] = []
    cur_top, cur, prev = None, "", None
    for l in lines:
        height = max(l["bottom"] - l["top"], 1.0)
        joins = (prev is not None and (prev["x1"] - left) >= _PDF_FULL_LINE * width
                 and (prev["x0"] - left) <= _PDF_INDENT * width
                 and ((l["x0"] - left) <= 0.05 * width or (centred(l) and centred(prev)))
                 and l["top"] - prev["bottom"] <= _PDF_PARA_GAP * height
                 and not _PDF_ALONE.match(prev["text"]) and not _PDF_ALONE.match(l["text"])
                 and not re.match(r"^\s*(?:[-+•–]\s|\d{1,2}\.\s|[a-zđ]\)\s|[IVX]{1,4}\.\s)", l["text"]))
        if joins:
            cur += " " + l["text"].strip()
        else:
            if cur:
                out.append((cur_top, cur))
            cur_top, cur = l["top"], l["text"].strip()
        prev = l
    if cur:
        out.append((cur_top, cur))
    return out


def _pdf_page_lines(page, page_no: int, lines: list[str], refs: list[str]) -> None:
    """One PDF page's text lines (paragraphs apart) and table rows, in reading order."""
    items = []   # (top, kind, payload)
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj, boxes=boxes):
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and t0 <= cy <= t1 for x0, t0, x1, t1 in boxes)

    for top, text in _pdf_paragraphs(page.filter(outside).extract_text_lines(keep_blank_chars=False)):
        items.append((top, "text", text))
    for t in tables:
        rows = t.extract()
        for i, row in enumerate(rows):
            cells = [" ".join((c or "").split()) for c in row]
            items.append((t.bbox[1] + i * 0.01, "row", "\t".join(cells)))
    items.sort(key=lambda it: it[0])
    prev_kind = None
    for _, kind, payload in items:
        if prev_kind and (kind != prev_kind or kind == "text"):
            lines.append("")             # paragraphs apart, as in a text export
        lines.append(unicodedata.normalize("NFC", payload))
        prev_kind = kind
    lines.append("")
    refs.extend([f"tr. {page_no}"] * (len(lines) - len(refs)))


@reader(".pdf")
def read_pdf_lines(path: Path):
    try:
        import pdfplumber
        pdf = pdfplumber.open(str(path))
    except Exception as e:
        raise ReadError(path, f"cannot open as .pdf ({type(e).__name__}: {e})", "check the file is a valid PDF") from None
    lines: list[str] = []
    refs: list[str] = []
    with pdf:
        page_no = 0
        try:
            for page_no, page in enumerate(pdf.pages, 1):
                _pdf_page_lines(page, page_no, lines, refs)
        except Exception as e:   # a corrupt content stream, font or xref: name the file and the page
            raise ReadError(path, f"page {max(page_no, 1)} cannot be read ({type(e).__name__}: {e})",
                            "re-export the PDF (print to PDF) or supply the report as .docx or text") from None
    if not any(l.strip() for l in lines):
        raise ReadError(path, "the PDF has no text layer", "run OCR on it first, or supply a .docx/.txt export")
    return lines, "pdf", "pdf", refs


def read_document(path) -> Document:
    """Read one report into a Document; raise ReadError naming the file if it cannot be read."""
    path = Path(path)
    if path.is_symlink():
        # a link could publish a file from outside the input folder in a brief
        raise ReadError(path, "is a symbolic link; links are not followed", "copy the report itself into the folder")
    if not path.exists():
        raise ReadError(path, "no such file", "check the path")
    if not path.is_file():
        raise ReadError(path, "is not a regular file", "put the report itself (.txt, .md, .docx, .pdf) in the folder")
    fn = READERS.get(path.suffix.lower())
    if fn is None:
        raise ReadError(path, f"unsupported file type '{path.suffix}'",
                        f"supported: {', '.join(sorted(READERS))}")
    from .settings import SETTINGS
    mb = path.stat().st_size / 2**20
    if mb > SETTINGS.max_file_mb:
        raise ReadError(path, f"is {mb:.0f} MB, over the {SETTINGS.max_file_mb:g} MB limit for one report",
                        "split it, or remove embedded images and export it again")
    got = fn(path)
    lines, fmt, enc = got[:3]
    refs = list(got[3]) if len(got) > 3 else []
    refs = refs if len(refs) == len(lines) else []
    if fmt == "text" and (wraps := lines_to_wraps(lines)):
        # (joined before the spelling is read: a figure grouped by plain spaces may be wrapped between its groups)
        lines, refs = wraps_to_lines(lines, wraps)
    # (the whole text at once, one scan of each pattern: every rewriting keeps a line's breaks, so the lines come back)
    joined = normalize_text("\n".join(lines))
    lines = joined.split("\n") if joined.count("\n") == len(lines) - 1 else [normalize_text(l) for l in lines]
    return Document(path=path, lines=lines, blocks=parse_lines(lines), source_format=fmt, encoding=enc, line_refs=refs)


# Vietnamese is written with the tone mark of an open "oa", "oe" or "uy" on either vowel ("hoá"/"hóa", "hoà"/"hòa",
# "khoẻ"/"khỏe", "thuỷ"/"thủy", "Uỷ ban"/"Ủy ban"): the vocabularies spell the first, so the second is written as it,
# one character for one (columns keep their place). Not "quý" (its u belongs to the qu), nor a closed syllable ("toán").
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# (the pattern opens on its first vowel, which the engine scans for; the "qu" is told in _tone_first)
_OPEN_PAIR = re.compile(r"([oOuU])([áàảãạéèẻẽẹýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÝỲỶỸỴ])(?![^\W\d_])")
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _tone_first(m: re.Match) -> str:
    first, second = m.group(1), unicodedata.normalize("NFD", m.group(2))
    if len(second) != 2 or second[1] not in _TONES or (first.lower(), second[0].lower()) not in _PAIRS or \
            m.start() > 0 and m.string[m.start() - 1] in "qQ":
        return m.group(0)
    return unicodedata.normalize("NFC", first + second[1]) + second[0]


# Syllables written with a final i or y alike ("tỉ lệ"/"tỷ lệ", "xử lí"/"xử lý", "đăng kí"/"đăng ký", "quí"/"quý", "qui
# định"/"quy định"): the vocabularies spell the y, so these are written with it (the tone kept, one character for one).
# (the pattern opens on the toned i, which the engine scans for, rare beside the letters the syllables open on; the letters
# before it are told in _y_for_i; "qui" has no tone and is looked for only where it stands)
_I_TONED = re.compile(r"[ỉỈíÍĩĨ](?![^\W\d_])")
_I_SYLLABLES = frozenset({"tỉ", "lí", "kí", "kĩ", "mĩ", "quí"})
_QUI = re.compile(r"(?<![^\W\d_])qu(i)(?![^\W\d_])", re.I)
_Y_OF = str.maketrans("iíìỉĩịIÍÌỈĨỊ", "yýỳỷỹỵYÝỲỶỸỴ")


def _y_for_i(m: re.Match) -> str:
    text, at = m.string, m.start()
    for n in (1, 2):                   # the letters before the i: "t", "l", "k", "m"; "qu"
        head = text[max(0, at - n):at]
        if len(head) == n and (head + m.group(0)).lower() in _I_SYLLABLES and \
                (at - n == 0 or not (text[at - n - 1].isalpha())):
            return m.group(0).translate(_Y_OF)
    return m.group(0)


def normalize_text(s: str) -> str:
    """NFC, with the tone of an open oa, oe, uy on its first vowel ("số hoá" -> "số hóa", "Uỷ ban" -> "Ủy ban") and the
    y of a syllable also written with an i ("tỉ lệ" -> "tỷ lệ", "quí" -> "quý")."""
    s = _OPEN_PAIR.sub(_tone_first, unicodedata.normalize("NFC", s))
    s = _I_TONED.sub(_y_for_i, s)
    if "qui" in s or "Qui" in s or "QUI" in s:
        s = _QUI.sub(lambda m: m.group(0)[:-1] + m.group(1).translate(_Y_OF), s)
    # a no-break or other wide space between words is a space (Word and PDF exports set them where lines must not break:
    # "hồ\u00a0sơ"); one that groups a figure's thousands is its dot first
    s = _thousands_marks(s).translate(_WORD_SPACES) if _ANY_WIDE_SPACE.search(s) else s
    return _plain_space_thousands(s)


# A text that groups no figure's thousands with dots or commas may group them with plain spaces ("tiếp nhận 12 345 hồ
# sơ", a PDF export that lost its no-break spaces): a figure of one to three digits and groups of three after single
# spaces is one figure then, written with its dots (one character for one), unless a word that a number of one or two
# digits follows as its rank or date stands before it ("tháng 6 245 hồ sơ" is June's 245; Thông tư 01/2020/TT-VPCP's
# periods, the annex forms' numbered items, the levels of online services).
_PLAIN_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d]|[.,]\d)")      # ("1 742/2 454 hồ sơ")
_MARK_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![\d]|[.,]\d)")
# ("phần" is no rank word: "một phần 1 357 hồ sơ" is the partly online dossiers)
_RANK_WORDS = frozenset({"tháng", "quý", "ngày", "tuần", "đợt", "lần", "thứ", "điều", "khoản", "mục", "điểm",
                         "chương", "biểu", "mức độ", "nhóm", "hạng", "bước", "giai đoạn"})
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?: [^\W\d_]+)?)\s*$")


def _plain_space_thousands(s: str) -> str:
    if " " not in s or not _PLAIN_GROUPED.search(s) or _MARK_GROUPED.search(s):
        return s

    def group(m: re.Match) -> str:
        before = _WORD_BEFORE.search(s, max(0, m.start() - 24), m.start())
        words = before.group(1).lower().split() if before else []
        if words and m.group(0).index(" ") <= 2 and (words[-1] in _RANK_WORDS or " ".join(words[-2:]) in _RANK_WORDS):
            return m.group(0)           # (a rank or a date has one or two digits: "tháng 6 245", "mức độ 4 120")
        return m.group(0).replace(" ", ".")
    return _PLAIN_GROUPED.sub(group, s)


# ---------------------------------------------------------------- cleaning one line

# a footnote mark: <sup>(1)</sup>, superscript digits, or Markdown's "[^1]" (pandoc's export of a .docx)
_SUP_RE = re.compile(r"<sup>\s*\(?(\d{1,3})\)?\s*</sup>|([⁽]?[¹²³⁴⁵⁶⁷⁸⁹⁰]+[⁾]?)|\[\^(\d{1,3})\]")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890", "⁽⁾")
_TAG_RE = re.compile(r"<br\s*/?>|</?(?:b|i|u|em|strong|span|sub|p|div)(?:\s[^>]*)?>|<(https?://[^>\s]+)>", re.I)
_MD_RE = re.compile(r"\\([*_\[\]#])|\*+")


class Positions:
    """The (line, col) of every character of a cleaned text, kept as runs: a line copied as it is is one
    run, not one tuple per character (an 80 kB report held 4 MiB of tuples). Indexing and slicing
    give the same (line, col) tuples a list would; `col` is -1 for a character that is not in the source."""

    __slots__ = ("starts", "runs", "n")

    def __init__(self):
        self.starts: list[int] = []      # offset where each run begins
        self.runs: list[tuple[int, int, int]] = []   # (line, first col, step: 1 copied, 0 inserted)
        self.n = 0

    def add(self, line: int, col: int, length: int) -> None:
        """`length` characters from (line, col) on; col -1: characters that are not in the source."""
        if length <= 0:
            return
        step = 0 if col < 0 else 1
        if self.runs:
            pl, pc, ps = self.runs[-1]
            if pl == line and ps == step and (pc == col if step == 0 else pc + (self.n - self.starts[-1]) == col):
                self.n += length
                return
        self.starts.append(self.n)
        self.runs.append((line, col, step))
        self.n += length

    def __len__(self) -> int:
        return self.n

    def __bool__(self) -> bool:
        return self.n > 0

    def _at(self, i: int) -> tuple[int, int]:
        j = bisect_right(self.starts, i) - 1
        line, col, step = self.runs[j]
        return line, col + (i - self.starts[j]) * step

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self._at(i)

    def __iter__(self):
        return (self._at(k) for k in range(self.n))

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def cols(self, a: int, b: int, line: int) -> tuple[int, int] | None:
        """(first, last) source column of the characters a..b-1 that stand on `line`, or None."""
        lo = hi = None
        for k in range(max(0, bisect_right(self.starts, a) - 1), len(self.starts)):
            start, (ln, col, step) = self.starts[k], self.runs[k]
            if start >= b:
                break
            end = self.starts[k + 1] if k + 1 < len(self.starts) else self.n
            x, y = max(a, start), min(b, end)
            if x >= y or ln != line or col < 0:
                continue
            c0, c1 = col + (x - start) * step, col + (y - 1 - start) * step
            lo = c0 if lo is None else min(lo, c0)
            hi = c1 if hi is None else max(hi, c1)
        return None if lo is None else (lo, hi)

    def sub(self, a: int, b: int) -> "Positions":
        """The positions of characters a..b-1, as runs."""
        out = Positions()
        for k, (start, (line, col, step)) in enumerate(zip(self.starts, self.runs)):
            end = self.starts[k + 1] if k + 1 < len(self.starts) else self.n
            lo, hi = max(a, start), min(b, end)
            if lo < hi:
                out.add(line, col + (lo - start) * step if step else col, hi - lo)
        return out

    def __add__(self, other) -> "Positions":
        out = Positions()
        for part in (self, other):
            if isinstance(part, Positions):
                for k, (start, (line, col, step)) in enumerate(zip(part.starts, part.runs)):
                    end = part.starts[k + 1] if k + 1 < len(part.starts) else part.n
                    out.add(line, col, end - start)
            else:
                for line, col in part:
                    out.add(line, col, 1)
        return out


def span_cols(pos, a: int, b: int, line: int) -> tuple[int, int] | None:
    """(first, last) source column of characters a..b-1 of a block that stand on `line`."""
    if isinstance(pos, Positions):
        return pos.cols(a, b, line)
    cols = [c for (ln, c) in pos[a:b] if ln == line and c >= 0]
    return (min(cols), max(cols)) if cols else None


# a line none of _SUP_RE, _TAG_RE and _MD_RE can match: no '<', '*', '\\' or superscript digit
_NO_MARKUP = re.compile(r"[^<*\\¹²³⁴⁵⁶⁷⁸⁹⁰\[]*")


def _markup_events(raw: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, replacement, note id) of each footnote mark, tag and Markdown mark of a line."""
    events = []
    for m in _SUP_RE.finditer(raw):
        note = m.group(1) or m.group(3) or m.group(2).translate(_SUPERSCRIPT)
        events.append((m.start(), m.end(), "", note))
    for m in _TAG_RE.finditer(raw):
        rep = " " if m.group(0).lower().startswith("<br") else (m.group(1) or "")
        events.append((m.start(), m.end(), rep, None))
    for m in _MD_RE.finditer(raw):
        events.append((m.start(), m.end(), m.group(1) or "", None))
    return events


def clean_line(raw: str, line_no: int, col0: int = 0):
    """Raw line -> (clean text, Positions of its chars, [(note_id, offset)]): drop markup, keep positions."""
    if col0 >= 0 and _NO_MARKUP.fullmatch(raw):
        # most lines have no tag, emphasis, escape or superscript: the line itself, stripped, as one run
        text = _thousands_marks(raw.strip())
        pos = Positions()
        pos.add(line_no, col0 + len(raw) - len(raw.lstrip()), len(text))
        return text, pos, []
    out, pos, refs = [], Positions(), []
    i, n = 0, len(raw)
    events = sorted(_markup_events(raw))
    length = 0
    for a, b, rep, note in events:
        if a < i:
            continue
        out.append(raw[i:a]); pos.add(line_no, col0 + i, a - i); length += a - i
        if note is not None:
            refs.append((note, length))
        if rep:
            start_col = a if rep == " " else raw.find(rep, a)
            out.append(rep)
            pos.add(line_no, -1 if rep == " " else col0 + start_col, len(rep)); length += len(rep)
        i = b
    out.append(raw[i:n]); pos.add(line_no, col0 + i, n - i)
    text = "".join(out)
    # Strip, keeping positions aligned.
    lead = len(text) - len(text.lstrip())
    text2 = _thousands_marks(text.strip())
    return text2, pos.sub(lead, lead + len(text2)), [(r, max(0, o - lead)) for r, o in refs]


# Thousands grouped by a no-break, narrow no-break or thin space ("12 345 hồ sơ", as Word and PDF exports set them): the
# groups of one figure, written here with the Vietnamese thousands dot (the same length, so every position holds). A
# plain space is left alone: two figures side by side are table cells as often as one grouped figure.
_GROUP_SPACES = "\u00a0\u202f\u2009"
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[%s]\d{3})+(?![\d])" % _GROUP_SPACES)
_TO_DOT = str.maketrans({c: "." for c in _GROUP_SPACES})
_WIDE_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000"
_WORD_SPACES = str.maketrans({c: " " for c in _WIDE_SPACES})
_ANY_WIDE_SPACE = re.compile("[%s]" % _WIDE_SPACES)


def _thousands_marks(text: str) -> str:
    if "\u00a0" not in text and "\u202f" not in text and "\u2009" not in text:
        return text                     # (most lines)
    return _SPACE_GROUPED.sub(lambda m: m.group().translate(_TO_DOT), text)


# ---------------------------------------------------------------- parsing lines into blocks

_HEADING_MD = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM_RE = re.compile(r"^(?:[-+•*–]\s+|[a-zđ]\)\s+|\d{1,2}\)\s+)")
_ENUM_HEAD = re.compile(r"^(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s+\S")
_NOTE_START = re.compile(r"^\s*(?:<sup>\s*\(?(\d{1,3})\)?\s*</sup>|[⁽]?([¹²³⁴⁵⁶⁷⁸⁹⁰]+)[⁾]?|\[\^(\d{1,3})\]:)\s*(?=\S)")
_PAGEBREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|\f)\s*$")
_TERMINAL = tuple(".:;!?…)\"”»/")
_SENTENCE_END = tuple(".!?…")         # a wrapped line ends on none of these (a colon, a semicolon, a bracket may end it mid-sentence)


def _is_bold_line(raw: str) -> bool:
    s = raw.strip()
    return len(s) > 4 and s.startswith("**") and s.endswith("**") and s.count("**") == 2


def _pipe_cells(raw: str) -> list[str]:
    parts = raw.split("|")
    if parts and parts[-1].strip() == "":
        parts = parts[:-1]
    return parts


_RULE_ROW = re.compile(r"^\s*-{3,}\|")        # "---|---": a Markdown table's rule row


def _prose(raw: str) -> bool:
    """A line of running text: not blank, not a table row or cell (tabs, pipes, space-aligned cells), not set off to
    the middle or the right as a page number, a title or a signature is (a paragraph's first line is indented less)."""
    s = raw.strip()
    return bool(s) and len(raw) - len(raw.lstrip()) <= 12 and "\t" not in raw and "|" not in raw \
        and "   " not in s and not _PAGEBREAK.match(raw)


def lines_to_wraps(lines: list[str]) -> frozenset[int]:
    """The 1-based numbers of the lines a hard-wrapped text (a PDF's text export, a mail) breaks mid-sentence, so the
    next line goes on with the same sentence: "... giảm 120 hồ sơ so với quý" / "I/2024, tương đương giảm 1,5%.".

    A line is wrapped when it fills the text's width (at least SETTINGS.wrap_fill of the length nine in ten of its
    running-text lines are within, which is at most SETTINGS.wrap_max; and at least SETTINGS.wrap_min characters:
    titles and list rows are short), ends on no full stop (a colon or a semicolon may end it mid-sentence), and the
    next line is running text that opens no list item or numbered heading (nor, in a text that ends a paragraph with a
    short line on top of the next, a full stop). A text written a paragraph per line has
    lines longer than any wrap. In a wrapped text, a shorter line (a long word or figure went to the next) goes on
    too when the next opens on a small letter, as no sentence does (not on a bracket: a title's period line opens
    on one, "(Số liệu từ ngày 15/6/2024 ...")."""
    from .settings import SETTINGS
    prose = [_prose(raw) for raw in lines]          # (each line's, once)
    widths = sorted(len(raw.rstrip()) for raw, p in zip(lines, prose) if p)
    if not widths:
        return frozenset()
    width = widths[int(0.9 * (len(widths) - 1))]    # (a long line or two a wrap left whole is no width)
    full = max(SETTINGS.wrap_min, SETTINGS.wrap_fill * width)
    if width > SETTINGS.wrap_max:
        return frozenset()              # paragraphs a line each
    out, filled, stops, flush_end, blank_apart = set(), 0, set(), False, False
    for k in range(len(lines) - 1):
        raw, nxt = lines[k].rstrip(), lines[k + 1].strip()
        if raw.endswith(_SENTENCE_END) and prose[k]:
            if not nxt:
                blank_apart = blank_apart or (k + 2 < len(lines) and prose[k + 2])
            elif len(raw) < full and prose[k + 1]:
                flush_end = True        # a paragraph ends short and the next starts under it, with no blank line
        if not (len(raw) >= SETTINGS.wrap_min and prose[k] and prose[k + 1] and not _ITEM_RE.match(nxt)
                and not _ENUM_HEAD.match(nxt) and not _HEADING_MD.match(nxt)):
            continue
        if raw.endswith(_SENTENCE_END):
            if len(raw) >= full and not _ITEM_RE.match(raw.lstrip()):   # (a list's last item ends the list)
                stops.add(k + 1)        # a sentence ends at the margin: the paragraph's end, or only the sentence's
        elif len(raw) >= full or nxt[:1].islower():
            out.add(k + 1)
            filled += len(raw) >= full
    # one full line going on is no wrap: a short text's title is as wide as its lines ("... quý III năm 2024" over
    # "(Số liệu từ ngày 15/6/2024 ...)")
    if filled < 2:
        return frozenset()
    # a text that sets its paragraphs apart with blank lines, and ends none short on top of the next, goes on past a
    # sentence ending at its margin ("... tiếp nhận 70.000 hồ sơ." / "Tại Lục Yên, ..."); in another, a full line's
    # full stop may as well end its paragraph
    return frozenset(out | stops if blank_apart and not flush_end else out)


def wraps_to_lines(lines: list[str], wraps: frozenset[int]) -> tuple[list[str], list[str]]:
    """A hard-wrapped text's lines joined back into the lines it was wrapped from, and where each stands in the file
    ("dòng 12–14"), as a PDF's visual lines are joined into paragraphs (_pdf_paragraphs): the reading and the checks
    then see the paragraphs the text was written in."""
    out: list[str] = []
    refs: list[str] = []
    first = None
    for k, raw in enumerate(lines, 1):
        if first is None:
            first = k
            out.append(raw.rstrip() if k in wraps else raw)
        else:
            out[-1] += " " + (raw.strip() if k in wraps else raw.lstrip())
        if k not in wraps:
            refs.append(f"dòng {first}" if first == k else f"dòng {first}–{k}")
            first = None
    return out, refs


def parse_lines(lines: list[str]) -> list[Block]:
    """Source lines -> blocks, joining sentences broken across blank lines or page breaks."""
    blocks: list[Block] = []
    i, n = 0, len(lines)
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if not s or _PAGEBREAK.match(raw):
            i += 1
            continue
        if "\t" in raw:
            j, rows = i, []
            while j < n:
                if "\t" in lines[j]:
                    rows.append(_tab_row(lines[j], j + 1)); j += 1
                elif not lines[j].strip() and j + 1 < n and "\t" in lines[j + 1]:
                    j += 1
                else:
                    break
            blocks.append(Block(kind="table", line=i + 1, rows=rows, caption=_caption(lines, i)))
            i = j
            continue
        if raw.count("|") >= 2 and not raw.rstrip().endswith("||") or _RULE_ROW.match(raw):
            j, rows = i, []
            while j < n and lines[j].count("|") >= 1 and lines[j].strip():
                if not re.match(r"^\s*[-:|\s]+$", lines[j]):
                    row = _split_cells(lines[j], j + 1, _pipe_cells(lines[j]))
                    # "| STT | Cấp | ... |": a leading pipe opens the row, it does not end an empty first cell
                    rows.append(row[1:] if lines[j].lstrip().startswith("|") and row and not row[0].text else row)
                j += 1
            blocks.append(Block(kind="table", line=i + 1, rows=rows, caption=_caption(lines, i)))
            i = j
            continue
        if "  " in s and (aligned := _aligned_table(lines, i)) is not None:
            block, i = aligned
            blocks.append(block)
            continue
        if s.endswith("|") and s.count("|") <= 2:
            j, cells = i, []
            while j < n and lines[j].strip().endswith("|") and lines[j].count("|") <= 2:
                for k, part in enumerate(_pipe_cells(lines[j]) or [""]):
                    col = lines[j].find(part) if part else 0
                    txt, _, _ = clean_line(part, j + 1, col)
                    cells.append(Cell(txt, j + 1, col, part))
                j += 1
            rows = _cells_to_rows(cells)
            if len(rows) >= 2:
                blocks.append(Block(kind="table", line=i + 1, rows=rows, caption=_caption(lines, i)))
            else:
                for c in cells:
                    if c.text:
                        blocks.append(_text_block("paragraph", c.raw, c.line, c.col))
            i = j
            continue
        m = _NOTE_START.match(raw)
        if m and (m.group(1) or m.group(2) or m.group(3)):
            note = m.group(1) or m.group(3) or m.group(2).translate(_SUPERSCRIPT)
            b = _text_block("footnote", raw[m.end():], i + 1, m.end())
            b.note_id = note
            blocks.append(b)
            i += 1
            continue
        hm = _HEADING_MD.match(raw)
        if hm:
            b = _text_block("heading", hm.group(2), i + 1, raw.find(hm.group(2)))
            b.depth = len(hm.group(1))
            blocks.append(b)
            i += 1
            continue
        if _is_bold_line(raw) or (_ENUM_HEAD.match(s) and len(s) < 160 and not s.endswith(tuple(".;,"))
                                  and not re.search(r"\d[\d.,]*\s*(?:%|hồ sơ|TTHC)", s)):
            b = _text_block("heading", raw, i + 1, 0)
            b.depth = 3
            blocks.append(b)
            i += 1
            continue
        im = _ITEM_RE.match(s)
        b = _text_block("item" if im else "paragraph", raw, i + 1, 0)
        if im:
            b.marker = im.group(0).strip()
        blocks.append(b)
        i += 1
    return _join_broken(blocks)


def _text_block(kind: str, raw: str, line_no: int, col0: int) -> Block:
    text, pos, refs = clean_line(raw, line_no, col0)
    return Block(kind=kind, text=text, line=line_no, pos=pos, refs=refs)


def _tab_row(raw: str, line_no: int) -> list[Cell]:
    return _split_cells(raw, line_no, raw.split("\t"))


def _split_cells(raw: str, line_no: int, parts: list[str]) -> list[Cell]:
    cells, col = [], 0
    for part in parts:
        txt, _, _ = clean_line(part, line_no, col)
        cells.append(Cell(txt, line_no, col, part))
        col += len(part) + 1
    return cells


# A table laid out with spaces, as a PDF's text export or a plain-text report writes one: cells apart by two spaces or
# more, a header line of words above rows that are mostly figures.
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")
_FIGURE_CELL = re.compile(r"^[-+]?\d[\d.,]*%?$")


def _aligned_cells(raw: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _ALIGNED_CELL.finditer(raw)]


def _figure_row(cells: list[tuple[int, int, str]]) -> bool:
    figures = sum(1 for *_, t in cells if _FIGURE_CELL.match(t))
    return len(cells) >= 3 and figures >= 2 and 2 * figures >= len(cells)


def _aligned_table(lines: list[str], i: int) -> tuple[Block, int] | None:
    """A space-aligned table starting at line i: a header of three cells or more, none a figure but its first, then
    two rows or more whose cells are mostly figures (a justified paragraph's double spaces part words, not figures).
    Each row's cells go to the header column they overlap most (numbers are often right-aligned under their header, a
    total row's label has no STT before it). Else None."""
    head = _aligned_cells(lines[i])
    if len(head) < 3 or any(_FIGURE_CELL.match(t) for *_, t in head[1:]):
        return None
    j, rows = i + 1, []
    while j < len(lines) and _figure_row(cells := _aligned_cells(lines[j])):
        rows.append((j, cells))
        j += 1
    if len(rows) < 2:
        return None
    bounds = [a for a, _b, _t in head[1:]] + [10 ** 6]

    def column(a: int, b: int) -> int:
        spans = list(zip([0] + bounds[:-1], bounds))
        overlap = [min(b, hi) - max(a, lo) for lo, hi in spans]
        return max(range(len(spans)), key=lambda k: (overlap[k], -k))

    def row_of(k: int, cells) -> list[Cell]:
        out = [Cell("", k + 1, 0, "") for _ in head]
        for a, b, t in cells:
            c = column(a, b)
            txt, _, _ = clean_line(t, k + 1, a)
            out[c] = Cell((out[c].text + " " + txt).strip() if out[c].text else txt, k + 1, out[c].col if out[c].text else a, t)
        return out
    table = [row_of(i, head)] + [row_of(k, cells) for k, cells in rows]
    return Block(kind="table", line=i + 1, rows=table, caption=_caption(lines, i)), j


def _cells_to_rows(cells: list[Cell]) -> list[list[Cell]]:
    """Cell-per-line pipe tables: rows start at the cells '1', '2', '3', ... in sequence."""
    starts, expect = [], 1
    for k, c in enumerate(cells):
        if c.text == str(expect):
            starts.append(k)
            expect += 1
    if not starts:
        return [cells]
    rows = [cells[: starts[0]]] if starts[0] > 0 else []
    for a, b in zip(starts, starts[1:] + [len(cells)]):
        rows.append(cells[a:b])
    return rows


def _caption(lines: list[str], i: int, span: int = 14) -> str:
    """Title text just above a table: form id ('Biểu số II.03b/VPCP/KSTT') and title lines."""
    got = []
    for k in range(i - 1, max(-1, i - span), -1):
        s = lines[k].strip()
        if "\t" in s:
            break
        if s:
            got.append(clean_line(s, k + 1)[0])
    return " ".join(reversed(got))


def _join_broken(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut by a page break or blank line with its continuation."""
    out: list[Block] = []
    for b in blocks:
        prev = next((x for x in reversed(out) if x.kind in ("paragraph", "item")), None)
        last_nonnote = out[-1] if out else None
        if b.kind == "footnote":
            out.append(b)
            continue
        # the title under "BÁO CÁO" ends without a full stop, and it is not cut: it is a title
        is_title = len(out) >= 2 and out[-1] is prev and _PDF_ALONE.match(out[-2].text or "")
        if (b.kind == "paragraph" and prev is not None and last_nonnote is not None
                and (last_nonnote is prev or last_nonnote.kind == "footnote")
                and not is_title and _continues(prev, b)):
            sep_pos = (prev.pos[-1][0], -1) if prev.pos else (b.line, -1)
            offset = len(prev.text) + 1
            prev.text = prev.text + " " + b.text
            prev.pos = prev.pos + [sep_pos] + b.pos
            prev.refs = prev.refs + [(r, o + offset) for r, o in b.refs]
            continue
        out.append(b)
    return out


# The count nouns a figure is followed by, as a wrapped line may open on them (reading.yml units holds them all; these are the
# ones written in capitals)
_COUNT_NOUN_START = re.compile(r"(?:HS|H/S|TTHC|PAKN|DVC|DVCTT)(?![\wÀ-ỹ])")


def _continues(prev: Block, nxt: Block) -> bool:
    t = prev.text.rstrip()
    if not t or t.endswith(_TERMINAL):
        return False
    first = nxt.text[:1]
    if nxt.text.isupper() or re.match(r"^\d{1,2}(?::\d{2}|/\d{1,2}/\d{4})", nxt.text):
        return False
    if first.islower() or (first.isdigit() and len(t) > 60):
        return True
    last_word = t.split()[-1]
    if re.fullmatch(r"[\d.,]+", last_word) and _COUNT_NOUN_START.match(nxt.text):
        return True         # "... là 312.450" / "HS (trong đó: ...": a figure's noun, upper case as abbreviations are
    return len(t) > 150 or (len(t) > 80 and bool(re.fullmatch(r"[\d.,]+", last_word)))
