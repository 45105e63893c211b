"""Vietnamese number formats: parse stated figures and keep what the checker needs.

"." separates thousands, "," is the decimal mark (2.345 = 2345; 12,5 = 12.5; "05" = 5).
"khoảng, hơn, gần, trên ..." mark a figure as approximate; "ngàn/nghìn, triệu, tỷ" are multipliers.
A stated number is an interval set by its stated decimals (XBRL Calculations 1.1): both rounding
and truncation of the true value are accepted.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from decimal import Decimal
import re
from dataclasses import dataclass

from .memo import per_document
from .vocab import literal_alternation, noun_at

# Multipliers written after a number.
MULTIPLIERS = {"ngàn": 1_000, "nghìn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}

# Words before a number that make it approximate, with the direction of the uncertainty:
# "hơn/trên" = more than, "gần/dưới" = a little less than, "khoảng/ước/xấp xỉ" = about.
QUALIFIERS = {
    "khoảng hơn": "above", "khoảng gần": "below", "khoảng": "about", "ước": "about", "ước tính": "about",
    "xấp xỉ": "about", "gần": "below", "hơn": "above", "trên": "above", "dưới": "below",
}
# Relative tolerance given to approximate figures (documented in README, "Rounding policy").
APPROX_TOLERANCE = 0.10

# (digits grouped by two or more commas, "1,204,500", are thousands: a decimal has one comma)
_NUM = r"\d{1,3}(?:,\d{3}){2,}|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# The same, not preceded by a word character, '.', ',' or '/' ((?<![\w.,/]) + _NUM), written to start
# with its first digit: a pattern that opens with a character class lets the engine skip to the
# digits instead of trying every position (twice as fast; tests/test_prefilters.py checks the two agree).
_LONE_NUM = r"\d(?<![\w.,/]\d)(?:\d{0,2}(?:,\d{3}){2,}|\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?)"
NUMBER_RE = re.compile(
    r"(?P<num>" + _LONE_NUM + r")(?![\w]|[.,]\d|/\d)"
    r"(?P<pct>\s?%|\s+(?i:phần trăm)(?![\wÀ-ỹ]))?"       # ("98,5 phần trăm": the percent sign in words)
    # (in a headline's capitals too: "HƠN 45 NGHÌN HỒ SƠ")
    r"(?:\s+(?P<mult>(?i:ngàn|nghìn|triệu|tỷ|tỉ))(?!\w))?"
)
# (also the base after "trong tổng số" or "trên tổng số": "có 12.340 trong tổng số 12.500 hồ sơ được giải quyết trước và
# đúng hạn", "đã giải quyết 980 trên tổng số 1.000 hồ sơ tiếp nhận, đạt 98%")
FRACTION_RE = re.compile(r"(?P<a>" + _LONE_NUM + r")(?:\s?/\s?|\s+tr(?:ong|ên) tổng số\s+)(?P<b>" + _NUM + r")(?![\w/]|[.,]\d)")
# The same with the count's noun written on both sides: "23.410 hồ sơ/24.618 hồ sơ, đạt 95,09%" (the same one
# or two words after each figure: a ratio of like counts, not "8 giờ/ngày"). Only the ratio check reads it:
# for the facts each side is a count of its own.
# (the count's noun may run on before the slash: "2.345 hồ sơ trực tuyến/ 3.100 hồ sơ")
# (up to six syllables run on: "3.456 hồ sơ thanh toán trực tuyến/5.000 hồ sơ" has four)
FRACTION_NOUN_RE = re.compile(r"(?P<a>" + _LONE_NUM + r")\s(?P<noun>[^\W\d_]+(?:\s[^\W\d_]+)?)(?:\s[^\W\d_]+){0,6}\s?/\s?(?P<b>"
                              + _NUM + r")\s(?P=noun)(?![\w/])")
# ... or "trên" between the two: "đạt 99,5% (4.965 hồ sơ trên 4.990 hồ sơ)" (the same noun after each figure, nothing
# else between them)
FRACTION_NOUN_OVER_RE = re.compile(r"(?P<a>" + _LONE_NUM + r")\s(?P<noun>[^\W\d_]+(?:\s[^\W\d_]+)?)\s(?:trên|trong)\s(?P<b>"
                                   + _NUM + r")\s(?P=noun)(?![\w/])")
# The base written as "tổng số": "1.024 hồ sơ trực tuyến/tổng số 4.096 hồ sơ tiếp nhận, đạt tỷ lệ 25%"
FRACTION_OF_TOTAL_RE = re.compile(r"(?P<a>" + _LONE_NUM + r")\s(?:[^\W\d_]+\s?){1,4}/\s?tổng số\s(?P<b>" + _NUM
                                  + r")(?![\w/]|[.,]\d)", re.I)
_QUAL_RE = re.compile(r"(?:^|\s)(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+(?:là\s+|đạt\s+|có\s+)?$",
                      re.IGNORECASE)

# Spans that contain digits but are not quantities: dates, legal document numbers, years,
# clock times, standards, URLs, enumerators and footnote references.
_MASKS = [
    r"<?https?://\S+>?", r"\bwww\.\S+",
    r"(?<![\d.,])\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{2,4}(?![\d.,]?\d)",    # 12/9/2021, 1-3-2018
    r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?",       # ngày 29 tháng 04 năm 2021
    r"\b(?:ngày|từ|đến|hết|tới|trước|sau|tính đến)\s+(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2}(?!\d)(?!\s*[/-]\s*\d)(?!\s*(?:đơn vị|hồ sơ|TTHC|huyện|xã|cơ quan))",
    r"\b(?:tháng|Tháng|THÁNG)\s+\d{1,2}(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?",   # tháng 8/2021, tháng 6 năm 2021
    r"\b\d{1,2}\s*/\s*(?:19|20)\d{2}\b",                               # 5/2023 (month/year)
    r"\b(?:quý|Quý|QUÝ)\s+(?:[IVX]+|[1-4](?![\d.,]\d|\d))(?:\s*/\s*\d{4}|\s+(?:năm|Năm)\s+\d{4})?",    # quý III/2024, quý 3/2024
    r"\b(?:năm|Năm|NĂM)\s+(?:19|20)\d{2}\b", r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b",
    # "6 tháng đầu năm", "9 tháng năm 2024", "9 tháng/2024": a period's name, not a duration
    r"\b\d+\s+(?:tháng|THÁNG)\s*(?:đầu|cuối|đầu năm|qua|năm\s+(?:19|20)\d{2}|/\s*(?:19|20)\d{2})\b",
    r"\b(?:tổng cộng|tổng số|tổng|cộng|tính chung|cả|lũy kế|Lũy kế)\s+\d{1,2}\s+tháng\b",        # "tổng cộng 6 tháng là 22.600 hồ sơ"
    r"\d+(?:/\d+)*/?\s?[A-ZĐ][A-ZĐa-zđ]*(?:-[A-ZĐa-zđ0-9]+)+",           # 01/2020/TT-VPCP, 1880/QĐ-UBND
    r"\d+(?:/\d+)*/[A-ZĐ]{2,}[A-Za-zĐđ]*", r"\d+(?:/\d+)+/[A-ZĐ]{1,6}\b", r"\b\d+-[A-ZĐ]+/[A-ZĐ]+\b",           # 19-NQ/TW
    r"\b(?:số|Số|SỐ)\s*:?\s*\d+(?:/\d+)*(?=\s*/)",
    r"\b(?:ISO|TCVN)\s*[\d:\s]+\d", r"\b9001\s*:\s*\d{4}",
    r"\b\d{1,2}\s*(?:giờ|h)\s*(?:-|–|đến)\s*\d{1,2}\s*(?:giờ|h)\b", r"\b\d{1,2}:\d{2}\b",
    r"\b\d+\s*(?:giờ|ngày)\s*/\s*(?:ngày|tuần)\b",
    # a range of durations ("từ 3 đến 5 ngày làm việc"): no count (the first figure had no noun of its own)
    r"(?<![\d.,])\d{1,3}(?:,\d+)?\s*(?:đến|tới|-|–)\s*\d{1,3}(?:,\d+)?\s+(?:ngày|giờ|phút|tuần|tháng)(?![\wÀ-ỹ])",
    # (not a count after them: "Quyết định công bố danh mục 210 TTHC")
    r"\b(?:Điều|điều|khoản|Khoản|điểm|Điểm|Mục|mục|Phụ lục|phụ lục|Chương|chương)\s+\d+[a-zđ]?\b(?!\s+(?:TTHC|thủ tục|hồ sơ|dịch vụ))",
    r"\b[mM](?:ức|ỨC)(?:\s+độ)?\s+\d(?:\s*(?:,|và|-|–)\s*\d(?![\d.,]?\d))*\b",                 # mức độ 3, 4 (service levels)
    r"\btrực tuyến\s+(?:1|một)\s+phần\b",
    r"\(\d{1,3}\)", r"[¹²³⁴⁵⁶⁷⁸⁹⁰⁽⁾]+",                                   # enumerators, footnote refs
    r"\b(?:Đề án|Nghị quyết|Chỉ thị|Chương trình)\s+\d+\b",               # Đề án 06
    r"\b(?:Nghị định|Quyết định|Thông tư|Kế hoạch|Công văn|Báo cáo|Văn bản|văn bản)\s+(?:số\s*:?\s*)?\d+\b",
    r"\b\d{1,3}/63\s+tỉnh",                                              # rankings
    # a phone number after the line it names ("Tổng đài 1022 đã tiếp nhận 2.340 cuộc gọi", "đường dây nóng 0259.3823456")
    r"\b(?:tổng đài|Tổng đài|TỔNG ĐÀI|đường dây nóng|Đường dây nóng|hotline|Hotline|số điện thoại|Số điện thoại|điện thoại|Điện thoại)"
    r"\s*(?:số\s*)?:?\s*\d{3,5}(?:[.\s]\d{3,4}){0,3}(?![\d.,]?\d)",
]
MASK_RE = re.compile("|".join(f"(?:{m})" for m in _MASKS))


def approx_bounds(value: float, step: float, qualifier: str | None, lo: float, hi: float) -> tuple[float, float]:
    """Widen [lo, hi] by APPROX_TOLERANCE on the side an approximation word points to ('hơn' up, 'gần' down)."""
    if not qualifier:
        return lo, hi
    direction = QUALIFIERS.get(qualifier.lower(), "about")
    tol = abs(value) * APPROX_TOLERANCE + step
    if direction in ("above", "about"):
        hi = value + tol
    if direction in ("below", "about"):
        lo = value - tol
    return lo, hi


@dataclass(frozen=True)
class Number:
    """A stated figure: its value, how precisely it was stated, and where it stands in the text."""

    value: float
    decimals: int = 0          # decimals as stated ("28,94" -> 2); 0 for integers
    multiplier: int = 1        # 1, 1_000, 1_000_000, 1_000_000_000
    percent: bool = False
    qualifier: str | None = None   # "khoảng", "hơn", ... when approximate
    raw: str = ""
    start: int = 0
    end: int = 0

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None

    @property
    def step(self) -> float:
        """The unit of the last stated digit, in the value's own scale."""
        return 10.0 ** (-self.decimals) * self.multiplier

    def interval(self) -> tuple[float, float]:
        """The true values this statement admits: rounding or truncation at the stated decimals."""
        return approx_bounds(self.value, self.step, self.qualifier, self.value - self.step / 2, self.value + self.step)

_NUM_RE = re.compile(_NUM)


def parse_number(raw: str) -> tuple[float, int]:
    """'2.345' -> (2345, 0); '12,5' -> (12.5, 1); '05' -> (5, 0)."""
    s = raw.strip()
    if not _NUM_RE.fullmatch(s):
        raise ValueError(f"not a Vietnamese number: {raw!r}")
    if s.count(",") > 1:
        return float(s.replace(",", "")), 0          # "1,204,500": commas grouping thousands
    intpart, _, dec = s.partition(",")
    return float(intpart.replace(".", "") + ("." + dec if dec else "")), len(dec)


# A run of digits and separators longer than this is no stated figure (a sum in đồng such as "59.000.000.000"
# has 15 characters); it is blanked before the other patterns run, which keeps them linear on such runs.
_LONG_RUN = re.compile(r"[\d.,][\d.,]{24,}")      # (a leading class lets the engine skip to candidates)


@per_document
def _neutral(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with over-long digit runs blanked (same length), and their spans."""
    runs = [(m.start(), m.end()) for m in _LONG_RUN.finditer(text)]
    if not runs:
        return text, []
    chars = list(text)
    for a, b in runs:
        chars[a:b] = "#" * (b - a)
    return "".join(chars), runs


# Addresses can run far from their digits; they are masked over the whole text (a literal prefix: fast).
_URL_RE = re.compile(r"<?https?://\S+>?|\bwww\.\S+")
_OTHER = [m for m in _MASKS if not m.startswith(("<?https?", r"\bwww"))]


def _leads(mask: str) -> tuple[str, ...]:
    """What a mask can start with, read off its source: a digit, '(' or a superscript for the
    figure-led masks; for the word-led ones the words themselves (r"\b(?:ngày|từ)" -> ngày, từ;
    r"\b[mM](?:ức|ỨC)" -> mức, mỨC, Mức, MỨC). A mask of another shape is refused here, so that the
    prefilter below never hides a match."""
    if mask.startswith((r"(?<![\d.,])\d", r"\d", r"\b\d", r"\b9")):
        return tuple("0123456789")
    if mask.startswith(r"\(\d"):
        return ("(",)
    if mask.startswith("[¹"):
        return tuple(mask[1:mask.index("]")])
    m = re.match(r"\\b(?:\[(\w+)\])?(?:\(\?:([^()]*)\)|([^\W\d_]+(?: [^\W\d_]+)*))?", mask)
    if m and (m.group(1) or m.group(2) or m.group(3)):
        heads = list(m.group(1) or "") or [""]
        words = m.group(2).split("|") if m.group(2) else [m.group(3) or ""]
        return tuple(h + w for h in heads for w in words)
    raise ValueError(f"mask of unknown shape (declare what it starts with): {mask}")


# A position can open a mask only at a digit, '(' or superscript, or at a word start on one of the
# masks' first words: a lookahead says so before the 28 alternatives are tried at that position
# (it makes the scan about four times faster, with the same matches).
_FIGURE_LEADS = "".join(sorted({w[0] for m in _OTHER for w in _leads(m) if not w[0].isalpha()}))
_WORD_LEADS = sorted({w for m in _OTHER for w in _leads(m) if w[0].isalpha()}, key=lambda w: (-len(w), w))
_OTHER_MASKS = re.compile(f"(?=[{re.escape(_FIGURE_LEADS)}]|(?<!\\w)(?:{literal_alternation(_WORD_LEADS)}))(?:"
                          + "|".join(f"(?:{m})" for m in _OTHER) + ")")
# Every other mask matters only where it covers a digit and starts at most this far before one (the
# longest lead-in is "Quyết định số : "); it is run on windows around the digits, not on every position.
MASK_REACH = 48


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """[start - MASK_REACH, end + MASK_REACH) around each run of digits, runs closer than twice the reach
    merged: one pattern finds each chain of runs with gaps of at most 2 * MASK_REACH characters."""
    n = len(text)
    return [(max(0, m.start() - MASK_REACH), min(n, m.end() + MASK_REACH)) for m in _DIGIT_CHAINS.finditer(text)]


_DIGIT_CHAINS = re.compile(r"\d+(?:\D{0,%d}\d+)*" % (2 * MASK_REACH))


# The enumerator opening a paragraph or item ("1. Cấp tỉnh: tiếp nhận ...", "2.1. ", "3) "): a list number.
_ENUMERATOR = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})*[.)](?=\s)")


@per_document
def _mask_spans(text: str) -> tuple[tuple[int, int], ...]:
    clean, runs = _neutral(text)
    # both address patterns hold a literal: most blocks have neither
    spans = [(m.start(), m.end()) for m in _URL_RE.finditer(clean)] if ("http" in clean or "www." in clean) else []
    lead = _ENUMERATOR.match(clean) if clean[:1].isdigit() or clean[:1].isspace() else None
    if lead:
        spans.append(lead.span())
    for a, b in _digit_windows(clean):
        spans.extend((m.start(), m.end()) for m in _OTHER_MASKS.finditer(clean, a, b))
    return tuple(sorted(set(runs + spans)))


def mask_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text whose digits are not quantities (dates, document numbers, years, over-long digit
    runs, ...). Computed once per text: the annotation and several checks ask for the same blocks."""
    return list(_mask_spans(text))


class _Masked:
    """"Does [a, b) touch a masked span?" in log time: the spans sorted by start, with the running
    maximum of their ends (one scan of every mask per number was quadratic on a long block)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.maxend, m = [], -1
        for _, e in spans:
            m = max(m, e)
            self.maxend.append(m)

    def touches(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b) - 1          # the last span starting before b
        return i >= 0 and self.maxend[i] > a


def qualifier_before(text: str, start: int) -> str | None:
    """The approximation word right before position `start`, if any ("hơn" of a comparison, "cao hơn 2.000
    hồ sơ so với quý II", is a difference's, not an approximation)."""
    window = text[max(0, start - 24):start]
    m = _QUAL_RE.search(window)
    if m and m.group(1).lower() == "hơn" and _COMPARATIVE.search(window[:m.start(1)]):
        return None
    return m.group(1).lower() if m else None


_COMPARATIVE = re.compile(r"(?:cao|thấp|nhiều|ít|lớn|nhỏ)\s*$", re.I)


def find_numbers(text: str) -> list[Number]:
    """Every quantity stated in `text`, in order, skipping masked spans (mask_spans). Read once per
    text: the annotation and several checks ask for the numbers of the same blocks."""
    return list(_numbers(text))


# A decimal written with a point, as some press texts do ("đạt 98.5%", "1.5 triệu"): a point followed by one or
# two digits separates no thousands, so before a percent sign or a multiplier it is the decimal mark. Elsewhere
# ("3.2 Kết quả", a section number) it stays unread.
DOT_DECIMAL_RE = re.compile(r"(?P<num>\d(?<![\w.,/]\d)\d{0,2}\.\d{1,2})(?![\w.,]\d|\d)(?:(?P<pct>\s?%)|\s+(?P<mult>(?i:ngàn|nghìn|triệu|tỷ|tỉ))(?!\w))")


# Digits grouped by one comma in threes ("12,345") and the count domains (reading.yml units) whose things come whole:
# such a figure before their noun is thousands, not decimals. Two commas or more ("1,234,567") are thousands anywhere.
_COMMA_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_WHOLE_COUNTS = frozenset({"dossiers", "tthc", "dvc", "pakn", "decisions", "documents", "transactions", "visits", "people",
                           "units", "tasks", "results", "reviews", "accounts"})
_COMMA_FIGURE = re.compile(r"(?<![\w.,])[1-9]\d{0,2}(?:,\d{3})+(?![\w]|[.,/]\d|\s?%|\s+(?i:ngàn|nghìn|triệu|tỷ|tỉ)(?!\w))")


@per_document
def _comma_thousands(text: str) -> bool:
    """Whether a paragraph groups its thousands with commas: it writes a figure with two commas or more, or one with a
    comma in threes before the noun of a count of whole things. Its other figures in threes are thousands then too,
    where no noun follows them: "trực tuyến: 8,000; trực tiếp: 4,345", "6,500/6,840 hồ sơ", "lần lượt là 21,004,
    22,512 và 354 hồ sơ" (a writer groups a paragraph's figures one way)."""
    if "," not in text:
        return False
    text = _neutral(text)[0]
    return any(m.group(0).count(",") > 1 or noun_at(text, m.end(), m.end() + 16)[1] in _WHOLE_COUNTS
               for m in _COMMA_FIGURE.finditer(text))


def _read_figure(raw: str, grouped: bool) -> tuple[float, int]:
    """parse_number, where a paragraph that groups its thousands with commas (_comma_thousands) reads "6,500" as 6500."""
    return (float(raw.replace(",", "")), 0) if grouped and _COMMA_GROUPS.fullmatch(raw) else parse_number(raw)


@per_document
def _numbers(text: str) -> tuple[Number, ...]:
    masks = _Masked(_mask_spans(text))
    out = []
    text = _neutral(text)[0]
    matches = list(NUMBER_RE.finditer(text))
    dotted = list(DOT_DECIMAL_RE.finditer(text)) if "." in text else []
    if dotted:
        matches = sorted(matches + dotted, key=lambda m: m.start())
    for m in matches:
        a, b = m.span("num")
        if masks.touches(a, b):
            continue
        raw, pct, mword = m.group("num", "pct", "mult")
        if m.re is DOT_DECIMAL_RE:
            plain, decimals = raw, len(raw) - raw.index(".") - 1
        elif raw.count(",") > 1 or not pct and not mword and _COMMA_GROUPS.fullmatch(raw) and _comma_thousands(text):
            # "tiếp nhận 1,204,500 hồ sơ", "tiếp nhận 12,345 hồ sơ": commas grouping thousands, as some texts write them, before a count of
            # things that come whole (a dossier has no thousandths): the only reading that gives a whole count; and
            # so the paragraph's other figures in threes
            plain, decimals = raw.replace(",", ""), 0
        else:
            # NUMBER_RE matched the _NUM shape, so this is parse_number without its check
            plain = raw.replace(".", "").replace(",", ".")
            decimals = len(raw) - raw.index(",") - 1 if "," in raw else 0
        if mword:
            mult = MULTIPLIERS[mword.lower()]
            scaled = float(Decimal(plain) * mult)
        else:
            # float() of a decimal string rounds correctly, as float(Decimal()) does: the same value
            mult, scaled = 1, float(plain)
        if a and text[a - 1] in "-−–" and _negative(text, a):
            scaled = -scaled
        out.append(Number(scaled, decimals, mult, bool(pct), qualifier_before(text, a) if a else None,
                          m.group(0), a, m.end()))
    return tuple(out)


# A minus written against a figure ("-69.251", "−2,5%") after a space, an opening bracket, a colon or a
# table cell's start: a negative value (a change, a difference). "10-15" (a range), "- 5 hồ sơ" (a list
# dash with its space) and "2021-2025" are not.
_MINUS = re.compile(r"(?:^|(?<=[\s(:;=]))[-−–]$")


def _negative(text: str, start: int) -> bool:
    return bool(start and _MINUS.search(text[max(0, start - 2):start]))


@dataclass(frozen=True)
class Fraction:
    """A stated ratio such as '11/38' (numerator and denominator)."""

    num: Number
    den: Number
    start: int
    end: int


def find_fractions(text: str, with_nouns: bool = False) -> list[Fraction]:
    """Stated ratios 'a/b' that are not dates or document numbers (read once per text); `with_nouns`
    also 'a hồ sơ/b hồ sơ' (FRACTION_NOUN_RE), in text order."""
    return list(_fractions(text, with_nouns))


_OF_TOTAL_WORDS = ("trong tổng số", "trên tổng số")
_OVER_WORDS = ("trong", "trên")
_OVER_FIGURE = re.compile(r"\d\s[^\W\d_]+(?:\s[^\W\d_]+)?\str(?:ên|ong)\s\d")    # what FRACTION_NOUN_OVER_RE holds
_SLASH_FIGURE = re.compile(r"/\s?\d|\d\s+tr(?:ong|ên) tổng số\s+\d")     # what the fraction patterns hold: "\s?/\s?" and the base's first digit


@per_document
def _fractions(text: str, with_nouns: bool = False) -> tuple[Fraction, ...]:
    # (a base after "tổng số", or, for the ratio check alone, "a hồ sơ trên b hồ sơ")
    if "/" not in text and not any(w in text for w in (_OVER_WORDS if with_nouns else _OF_TOTAL_WORDS)):
        return ()
    figure = _SLASH_FIGURE.search(text) is not None
    over = with_nouns and _OVER_FIGURE.search(text) is not None
    # (the base written "tổng số" is looked for only where the words stand: its pattern runs under re.I,
    # which tries it at every position)
    of_total = with_nouns and "tổng số" in text.lower()
    if not (figure or of_total or over):
        return ()                       # most blocks have no '/' before a figure
    masks = _Masked(_mask_spans(text))
    out = []
    text = _neutral(text)[0]
    found = list(FRACTION_RE.finditer(text)) if figure else []
    if with_nouns:
        found = sorted(found + (list(FRACTION_NOUN_RE.finditer(text)) if figure else [])
                       + (list(FRACTION_NOUN_OVER_RE.finditer(text)) if over else [])
                       + (list(FRACTION_OF_TOTAL_RE.finditer(text)) if of_total else []), key=lambda m: m.start())
    for m in found:
        if masks.touches(m.start(), m.end()):
            continue
        grouped = "," in m.group(0) and _comma_thousands(text)
        (av, ad), (bv, bd) = _read_figure(m.group("a"), grouped), _read_figure(m.group("b"), grouped)
        if bv == 0 or av > bv * 1.0 + 1e-9 and bd == 0 and ad == 0 and av > 2 * bv:
            continue
        out.append(Fraction(Number(av, ad, raw=m.group("a"), start=m.start("a"), end=m.end("a")),
                            Number(bv, bd, raw=m.group("b"), start=m.start("b"), end=m.end("b")),
                            m.start(), m.end()))
    return tuple(out)


# ---- interval arithmetic used by the checker -------------------------------------------------

@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def overlaps(self, other: "Interval", slack: float = 1e-9) -> bool:
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    def contains(self, x: float, slack: float = 1e-9) -> bool:
        return self.lo - slack <= x <= self.hi + slack


def exact(value: float) -> Interval:
    return Interval(value, value)


def rounding_interval(value: float, decimals: int) -> Interval:
    """Values that round (half-up or half-even) to `value` at `decimals`."""
    h = 10.0 ** (-decimals) / 2
    return Interval(value - h, value + h)


def truncation_interval(value: float, decimals: int) -> Interval:
    """Values that truncate to `value` at `decimals` (towards zero, non-negative values)."""
    return Interval(value, value + 10.0 ** (-decimals))


def ratio_interval(num: Interval, den: Interval) -> Interval:
    """num/den*100 over the intervals (den > 0)."""
    if den.hi <= 0:
        return Interval(math.inf, math.inf)
    lo_den = max(den.lo, 1e-12)
    return Interval(100 * num.lo / den.hi, 100 * num.hi / lo_den)


def fmt_num(value: float, decimals: int = 0, lang: str = "vi") -> str:
    """A number for readers of `lang`: Vietnamese 12.345 and 0,48; English 12,345 and 0.48."""
    if lang == "en":
        return f"{value:,.{decimals}f}"
    return fmt_vn(value, decimals)


def fmt_vn(value: float, decimals: int = 0) -> str:
    """Format a value the Vietnamese way: 690989 -> '690.989'; 0.475 -> '0,48'."""
    s = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 else "") + s
