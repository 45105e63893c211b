"""Reporting periods: parse period phrases and give their date windows.

Thông tư 01/2020/TT-VPCP (Điều 12) sets the windows of periodic reports: quý I runs from 15/12 of
the previous year to 14/3; 6 tháng from 15/12 to 14/6; 9 tháng to 14/9; năm to 14/12. Reports that
do not follow the circular use calendar windows. Monthly reports often run from the 21st to the 20th.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .memo import per_document
from .vocab import CASE_VARIANTS

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def quarter_number(written: str) -> int:
    """A quarter's number written in Roman figures, as Thông tư 01/2020/TT-VPCP does ("III"), or Arabic ("3")."""
    return ROMAN.get(written.upper()) or int(written)


@dataclass(frozen=True)
class Period:
    key: str          # 2022-Q1, 2021-H1, 2021-9M, 2022, 2021-09, 2021-2025, 2018-01-01..2018-03-12
    kind: str         # quarter | half | 9months | year | month | plan | custom | ytd
    start: date | None
    end: date | None
    label: str = ""   # the phrase as stated
    rule: str = ""    # TT01/2020 | calendar | stated

    @property
    def months(self) -> float | None:
        if not self.start or not self.end:
            return None
        return round(((self.end - self.start).days + 1) / 30.4375, 2)


def tt01_window(kind: str, year: int, n: int = 0) -> tuple[date, date]:
    """The Thông tư 01/2020 window of a period."""
    if kind == "quarter":
        starts = {1: date(year - 1, 12, 15), 2: date(year, 3, 15), 3: date(year, 6, 15), 4: date(year, 9, 15)}
        ends = {1: date(year, 3, 14), 2: date(year, 6, 14), 3: date(year, 9, 14), 4: date(year, 12, 14)}
        return starts[n], ends[n]
    if kind == "half":
        return (date(year - 1, 12, 15), date(year, 6, 14)) if n == 1 else (date(year, 6, 15), date(year, 12, 14))
    if kind == "9months":
        return date(year - 1, 12, 15), date(year, 9, 14)
    if kind == "year":
        return date(year - 1, 12, 15), date(year, 12, 14)
    raise ValueError(kind)


def calendar_window(kind: str, year: int, n: int = 0) -> tuple[date, date]:
    """Calendar window of a period (for reports that do not follow Thông tư 01/2020)."""
    if kind == "quarter":
        m = 3 * (n - 1) + 1
        return date(year, m, 1), date(year, m + 2, calendar.monthrange(year, m + 2)[1])
    if kind == "half":
        return (date(year, 1, 1), date(year, 6, 30)) if n == 1 else (date(year, 7, 1), date(year, 12, 31))
    if kind == "9months":
        return date(year, 1, 1), date(year, 9, 30)
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "month":
        return date(year, n, 1), date(year, n, calendar.monthrange(year, n)[1])
    raise ValueError(kind)


def make_period(kind: str, year: int, n: int = 0, rule: str = "calendar", label: str = "") -> Period:
    """A Period from its kind and year (and quarter/half/month number)."""
    key = {"quarter": f"{year}-Q{n}", "half": f"{year}-H{n}", "9months": f"{year}-9M",
           "year": f"{year}", "month": f"{year}-{n:02d}"}[kind]
    if rule == "TT01/2020" and kind != "month":
        start, end = tt01_window(kind, year, n)
    else:
        start, end = calendar_window(kind, year, n)
        rule = "calendar"
    return Period(key, kind, start, end, label, rule)


# (a year stands alone: not the digits of a figure written without its thousands dots, "tiếp nhận 20000 hồ sơ")
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"


def _after_running(*numbers: str, totals: bool = True) -> str:
    """A fixed-width lookbehind per spelling and number: "<n> tháng" just after "lũy kế " (also written "luỹ
    kế ") or, with `totals`, a total word (TOTAL_LEADS), the months of a running total from the year's start (not
    for any number of months: "cả 3 tháng trong quý đều đạt 100%" names the quarter's months)."""
    leads = [f"{sp} kế" for sp in ("lũy", "luỹ")] + (list(TOTAL_LEADS) if totals else [])
    return "(?:" + "|".join(f"(?<={lead} {n} tháng)" for lead in leads for n in numbers) + ")"


# Total words before "<n> tháng" that make it the months from the year's start: "…; tổng cộng 6 tháng là 22.600 hồ sơ"
TOTAL_LEADS = ("tổng cộng", "tính chung", "cả")


_D = r"(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?"
# The words that name a year whole before "năm" ("cả năm", "toàn năm 2024"): its figures are the year's
WHOLE_YEAR_WORDS = ("cả", "toàn", "suốt")
PERIOD_PATTERNS = [
    # "từ đầu năm đến ngày 20/5/2024": the window from the year's first day (press texts)
    ("since_new_year", re.compile(r"(?:kể\s+)?từ\s+đầu\s+năm(?:\s+(" + _YEAR + r"))?\s*(?:đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?" + _D,
                                  re.I)),
    ("window", re.compile(r"từ\s+(?:ngày\s+)?" + _D + r"\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?" + _D, re.I)),
    # (in Roman figures as Thông tư 01/2020/TT-VPCP writes them, or Arabic as the press does: "quý 3/2024", "Quý 2 năm
    # 2024"; an Arabic one is no figure's start: "quý 1.234" is no quarter)
    ("quarter", re.compile(r"quý\s+(IV|I{1,3}|[1-4](?![\d.,]\d|\d))(?![A-Za-z])(?:\s*/\s*|\s+năm\s+)?(" + _YEAR + r")?", re.I)),
    # (a running total's "Lũy kế 9 tháng, tiếp nhận ..." names the months from the year's start without "đầu năm")
    # ("Tính trong 9 tháng qua, tỷ lệ ...": the months since the year's start, as "9 tháng đầu năm")
    ("half", re.compile(r"(?:6|sáu)\s+tháng(?:\s+(đầu|cuối)\s+năm(?:\s+(" + _YEAR + r"))?|\s+năm\s+(" + _YEAR + r")|\s+(?:vừa\s+)?qua(?![\wÀ-ỹ])|"
                        + _after_running("6", "sáu")
                        + r"(?!\s+(?:đầu|cuối)))", re.I)),
    ("9months", re.compile(r"(?:9|chín)\s+tháng(?:(?:\s+đầu)?\s+năm(?:\s+(" + _YEAR + r"))?|\s+(?:vừa\s+)?qua(?![\wÀ-ỹ])|" + _after_running("9", "chín")
                           + r"(?!\s+(?:đầu|cuối)))", re.I)),
    # ("10 tháng năm 2024", as "9 tháng năm 2024": the months from the year's start, the year named)
    ("ytd", re.compile(r"(\d{1,2})\s+tháng(?:\s+đầu\s+năm(?:\s+(" + _YEAR + r"))?|\s+năm\s+(" + _YEAR + r")|"
                       + _after_running(r"\d", r"\d\d", totals=False)
                       + r"(?!\s+(?:đầu|cuối)))", re.I)),
    ("plan", re.compile(r"(?:giai đoạn\s+(" + _YEAR + r")\s*[-–]\s*(" + _YEAR + r")|đến năm\s+(" + _YEAR + r"))", re.I)),
    # (not "mỗi tháng 3.200 hồ sơ": a month number is no thousands group's first digits; "tháng 9.2024" is September)
    ("month", re.compile(r"tháng\s+(\d{1,2})(?![.,]\d{3}(?!\d))(?:\s*/\s*|\s+năm\s+)?(" + _YEAR + r")?(?!\s*(?:/|năm)?\s*\d)", re.I)),
    # (the whole year, its number left to the report's: "Cả năm đã giải quyết 36.700 hồ sơ")
    ("year", re.compile(r"(?:" + "|".join(f"(?<={w} )" for w in WHOLE_YEAR_WORDS) + r")năm(?:\s+(" + _YEAR + r"))?(?![\wÀ-ỹ])(?!\s+học)|năm\s+(" + _YEAR + r")",
                        re.I)),
]
# The words without which each pattern cannot match (a substring test on the lowered text is much
# cheaper than the pattern, and most sentences name no period of most kinds). Only letters whose
# case-insensitive match is their plain lower case: "giai" is left out, as re.I also reads "ı" as "i".
PATTERN_WORDS = {"since_new_year": ("đầu năm",), "window": ("từ",), "quarter": ("quý",), "half": ("tháng",), "9months": ("tháng",),
                 "ytd": ("tháng",), "plan": ("đoạn", "đến năm"), "month": ("tháng",), "year": ("năm",)}
_ALL_WORDS = frozenset(w for ws in PATTERN_WORDS.values() for w in ws)
# What every match of each pattern starts with, on the lowered text and without re.I: a scan under
# re.I tries the pattern at every position (about 10x slower than a plain scan that skips to a literal),
# so the plain lead finds where a match can start and the pattern itself is tried there only
# (tests/test_prefilters.py checks that the two find the same periods).
PATTERN_LEADS = {kind: re.compile(lead) for kind, lead in {
    "since_new_year": r"(?:kể\s+)?từ\s", "window": r"từ\s", "quarter": r"quý\s", "half": r"(?:6|sáu)\s", "9months": r"(?:9|chín)\s",
    "ytd": r"\d{1,2}\s+tháng", "plan": r"giai đoạn\s|đến năm\s", "month": r"tháng\s", "year": r"năm"}.items()}


def _matches(kind: str, rx: re.Pattern, text: str, low: str | None):
    """rx.finditer(text), found from the kind's lead in `low` (text.lower(), or None for a text with a
    character whose case re.I reads otherwise, which is scanned by the pattern itself)."""
    if low is None:
        yield from rx.finditer(text)
        return
    lead, pos, n = PATTERN_LEADS[kind], 0, len(text)
    while pos < n:
        c = lead.search(low, pos)
        if c is None:
            return
        m = rx.match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = max(m.end(), c.start() + 1)


def _next_year(text: str, pos: int) -> int | None:
    m = re.search(_YEAR, text[pos:pos + 200])
    return int(m.group(0)) if m else None


def find_periods(text: str, year_hint: int | None = None, rule: str = "calendar") -> list[tuple[Period, int, int]]:
    """Every period phrase in `text` with its span, in order of appearance (read once per text, year
    and rule: the annotation, the facts and the period checks ask for the same sentences)."""
    return list(_periods(text, year_hint, rule))


@per_document
def _periods(text: str, year_hint: int | None, rule: str) -> tuple[tuple[Period, int, int], ...]:
    low = text.lower()
    present = {w for w in _ALL_WORDS if w in low}
    if not present:
        return ()
    found = []
    taken = _Spans()
    plain = None if CASE_VARIANTS.search(text) else low
    for kind, rx in PERIOD_PATTERNS:
        if present.isdisjoint(PATTERN_WORDS[kind]):
            continue
        for m in _matches(kind, rx, text, plain):
            if taken.covers(m.start()):
                continue
            p = _period_from_match(kind, m, text, year_hint, rule)
            if p is not None:
                found.append((p, m.start(), m.end()))
                taken.add(m.start(), m.end())
    return tuple(sorted(found, key=lambda t: t[1]))


class _Spans:
    """The union of the spans taken so far, as sorted disjoint intervals: "is this offset inside one?"
    in log time (a long paragraph has hundreds of period phrases; a scan per match was quadratic)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def covers(self, pos: int) -> bool:
        from bisect import bisect_right
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def add(self, a: int, b: int) -> None:
        from bisect import bisect_left, bisect_right
        i, j = bisect_left(self.ends, a), bisect_right(self.starts, b)    # intervals touching [a, b)
        if i < j:
            a, b = min(a, self.starts[i]), max(b, self.ends[j - 1])
        self.starts[i:j], self.ends[i:j] = [a], [b]


def _period_from_match(kind, m, text, year_hint, rule) -> Period | None:
    label = m.group(0).strip()
    try:
        if kind == "since_new_year":
            named, d2, m2, y2 = m.groups()
            y2 = int(y2) if y2 else (int(named) if named else (year_hint or _next_year(text, m.end())))
            if not y2 or (named and int(named) != y2):
                return None
            start, end = date(y2, 1, 1), date(y2, int(m2), int(d2))
            return Period(f"{start.isoformat()}..{end.isoformat()}", "custom", start, end, label, "stated")
        if kind == "window":
            d1, m1, y1, d2, m2, y2 = m.groups()
            y2 = int(y2) if y2 else (year_hint or _next_year(text, m.end()))
            if not y2:
                return None
            y1 = int(y1) if y1 else (y2 if int(m1) <= int(m2) else y2 - 1)
            start, end = date(y1, int(m1), int(d1)), date(y2, int(m2), int(d2))
            if end < start:
                return None
            days = (end - start).days
            if 27 <= days <= 31 and end.day in (20, 14, end.day):
                key = f"{end.year}-{end.month:02d}"
                return Period(key, "month", start, end, label, "stated")
            return Period(f"{start.isoformat()}..{end.isoformat()}", "custom", start, end, label, "stated")
        if kind == "quarter":
            n = quarter_number(m.group(1))
            year = int(m.group(2)) if m.group(2) else (_next_year(text, m.end()) or year_hint)
            return make_period("quarter", year, n, rule, label) if year else None
        if kind == "half":
            n = 2 if (m.group(1) or "").lower() == "cuối" else 1
            named = m.group(2) or m.group(3)
            year = int(named) if named else (_next_year(text, m.end()) or year_hint)
            return make_period("half", year, n, rule, label) if year else None
        if kind == "9months":
            year = int(m.group(1)) if m.group(1) else (_next_year(text, m.end()) or year_hint)
            return make_period("9months", year, 0, rule, label) if year else None
        if kind == "ytd":
            months = int(m.group(1))
            year = int(m.group(2) or m.group(3)) if (m.group(2) or m.group(3)) else year_hint
            if not year or not 1 <= months <= 12:
                return None
            end = date(year, months, calendar.monthrange(year, months)[1])
            return Period(f"{year}-M01-{months:02d}", "ytd", date(year, 1, 1), end, label, "calendar")
        if kind == "plan":
            if m.group(3):
                end_year = int(m.group(3))
                return Period(f"..{end_year}", "plan", None, date(end_year, 12, 31), label, "stated")
            a, b = int(m.group(1)), int(m.group(2))
            return Period(f"{a}-{b}", "plan", date(a, 1, 1), date(b, 12, 31), label, "stated")
        if kind == "month":
            month = int(m.group(1))
            year = int(m.group(2)) if m.group(2) else year_hint
            if not year or not 1 <= month <= 12:
                return None
            return make_period("month", year, month, "calendar", label)
        if kind == "year":
            y = m.group(1) or m.group(2) or year_hint
            if m.group(2) is None:          # the whole year: its label with the word before ("cả năm", "toàn năm 2024")
                label = text[text.rfind(" ", 0, m.start() - 1) + 1:m.end()].strip()
            return make_period("year", int(y), 0, rule, label) if y else None
    except (ValueError, KeyError):
        return None
    return None


def standard_window(p: Period) -> Period:
    """A stated window ("từ ngày 15/3/2024 đến ngày 14/6/2024") that is exactly a quarter, half, nine
    months or year, under Thông tư 01/2020/TT-VPCP Điều 12 (15/12 of the year before on) or the calendar:
    that period, its label kept; any other period as it is."""
    if p.kind != "custom" or p.start is None or p.end is None:
        return p
    for rule in ("TT01/2020", "calendar"):
        for kind, ns in (("quarter", (1, 2, 3, 4)), ("half", (1, 2)), ("9months", (0,)), ("year", (0,))):
            for n in ns:
                q = make_period(kind, p.end.year, n, rule, p.label)
                if (q.start, q.end) == (p.start, p.end):
                    return q
    return p


def parse_period_key(key: str) -> Period | None:
    """'2022-Q1' -> Period (calendar windows); used for sidecars and filenames."""
    key = key.strip()
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|9M|\d{2}))?", key, re.I)
    if m:
        year, part = int(m.group(1)), (m.group(2) or "").upper()
        if not part:
            return make_period("year", year)
        if part.startswith("Q"):
            return make_period("quarter", year, int(part[1]))
        if part.startswith("H"):
            return make_period("half", year, int(part[1]))
        if part == "9M":
            return make_period("9months", year)
        return make_period("month", year, int(part))
    m = re.fullmatch(r"(\d{4})-(\d{4})", key)
    if m:
        return Period(key, "plan", date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31), key, "stated")
    return None


def same_period_in(p: Period, year: int) -> Period | None:
    """The period of p's kind and place in another year ("cùng kỳ năm 2023" in a third quarter's report: 2023-Q3), under
    p's rule; None for a period that is no quarter, half, nine months or month."""
    if p.kind not in ("quarter", "half", "9months", "month") or not re.fullmatch(r"\d{4}-.+", p.key):
        return None
    q = parse_period_key(f"{year}{p.key[4:]}")
    return with_rule(q, p.rule) if q is not None else None


def with_rule(p: Period, rule: str) -> Period:
    """The same period under another window rule (TT01/2020 or calendar)."""
    if p.kind in ("quarter", "half", "9months", "year") and rule in ("TT01/2020", "calendar") and p.rule != rule:
        year = int(p.key[:4])
        n = int(p.key[-1]) if p.kind in ("quarter", "half") else 0
        return make_period(p.kind, year, n, rule, p.label)
    return p


# "Đến ngày 31/5/2021", "tính đến ngày 14/3/2021", "(Số liệu đến ngày 31/5/2021)": figures counted up to a
# date, from the start of the report's period (Thông tư 01/2020/TT-VPCP, Điều 12: số liệu tính đến ngày chốt).
_CUTOFF = re.compile(r"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})", re.I)


def find_cutoffs(text: str) -> list[tuple[date, int, int]]:
    """Every 'đến ngày d/m/yyyy' cut-off date in text with its span."""
    out = []
    if "/" not in text:              # every cut-off date has its slashes: most texts have none
        return out
    for m in _CUTOFF.finditer(text):
        try:
            out.append((date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end()))
        except ValueError:
            continue
    return out


def window_months(text: str, doc: Period | None, year_hint: int | None = None) -> tuple[float | None, str]:
    """(months, phrase) of the last year-to-date window or cut-off in text that is shorter than the
    document's period and inside it ("5 tháng đầu năm", "đến ngày 31/5/2021"); (None, "") otherwise."""
    if doc is None or doc.start is None or doc.end is None or not doc.months:
        return None, ""
    best = None
    for p, a, _b in find_periods(text, year_hint):
        if p.kind == "ytd" and p.months and p.months < doc.months - 0.3 and p.end <= doc.end \
                and (doc.start - p.start).days <= 20:
            best = (a, round(p.months), p.label)
    for d, a, b in find_cutoffs(text):
        if doc.start <= d < doc.end and (doc.end - d).days > 9:
            months = round(((d - doc.start).days + 1) / 30.4375, 1)
            if best is None or a > best[0]:
                best = (a, months, text[a:b])
    return (best[1], best[2]) if best else (None, "")
