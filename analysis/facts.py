"""Facts: one tidy, sourced row per stated figure, built from the annotated figures.

Stage: read -> annotate (figures: number, unit noun, domain, level) -> **facts** -> checks.
A figure becomes a fact when a declared indicator label stands next to it (vocab/indicators.yml).
The label closest to the number wins; "trong đó" lists resolve ambiguous labels through the
indicator stated before them (the `under` rule). Levels, periods and roles (value, share, change,
baseline, target) come from the same sentence. Every fact keeps its line and a verbatim quote.
This module does not look for numbers, sentences, unit nouns or levels itself: it uses the
annotation stage's figures, its one sentence splitter, the one noun lookup (vocab.noun_at,
vocab.first_noun) and the one level reader (annotate.detect_level).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import islice
from dataclasses import dataclass, field, fields as dc_fields, replace
from functools import lru_cache

from .annotate import (BASE_AFTER, BASE_BEFORE, FROM_LEAD, SHARE_VERB, TIMES_UNIT, TO_LEAD, TRAILING_TOTAL, UNCOUNTED_DOMAINS, Annotated, Figure, annotate, aside_start, block_figures, detect_level, in_spans, marker_rx, names_every_level, names_whole_unit, respective_items, section_levels, share_own_count,
                       section_period_heads, sentences)
from .memo import current_unit, per_document, use_unit
from .meta import DocMeta, UNKNOWN
from .numbers import Number, find_numbers, parse_number
from .periods import WHOLE_YEAR_WORDS, Period, find_periods, quarter_number, same_period_in, window_months
from .read import Block, Cell, Document, span_cols
from .settings import SETTINGS
from .tables import _STT, column_labels, table_layout, total_row_rx
from .vocab import (Indicator, abbreviated, any_level_phrase, average_per, phrase_forms, names_both_levels, received_flows, agency_kinds_pattern, count_class, literal_alternation, rate_header, province_level_sets, among_whole_rx, change_words, compared_at, part_markers, year_to_date_rx, comparators, first_noun, indicators, noun_at, parents_of, siblings_of,
                    whole_unit_rx, word_list, words_rx)

FACT_COLUMNS = ["document", "province", "period", "indicator", "level", "value", "unit", "decimals",
                "approximate", "source_kind", "line", "quote",
                "label", "role", "denominator", "denominator_value", "qualifier", "scope",
                "comparator", "deadline", "responsible", "period_stated", "window_months", "ref"]

TOTAL_LEVEL = "total"
# A window ("5 tháng đầu năm") stated in an earlier sentence of a paragraph holds this far on: a few
# sentences, not a whole 100 kB line of an export without paragraph breaks.
EARLIER_REACH = 2000


@dataclass(frozen=True)
class Fact:
    document: str
    province: str
    period: str
    indicator: str
    level: str
    value: float
    unit: str
    decimals: int
    approximate: bool
    source_kind: str
    line: int
    quote: str
    label: str = ""
    role: str = "value"
    denominator: str = ""
    denominator_value: float | None = None
    qualifier: str = ""
    scope: str = ""
    comparator: str = ""
    deadline: str = ""
    responsible: str = ""
    period_stated: str = ""
    window_months: float | None = None   # months the figure covers when the text states a shorter window
    ref: str = ""                        # where the line stands in the published file: "tr. 3", "đoạn 25"
    # the multiplier word the figure was stated with ("8,98 ngàn": 1.000): with `decimals` it sets the
    # figure's rounding step (10 dossiers there, not 0,01); kept for the checks, not a table column
    multiplier: int = 1

    def row(self) -> dict:
        # every field is a plain value: a shallow dict is what asdict gives, without its deep copies
        return {f: getattr(self, f) for f in _FACT_FIELDS}


_FACT_FIELDS = tuple(f.name for f in dc_fields(Fact))


def make_fact(meta: DocMeta, source_kind: str, n: Number, code: str, unit: str, *, line: int, quote: str,
              label: str = "", level: str = TOTAL_LEVEL, sign: int = 1, **fields) -> Fact:
    """The one constructor of a Fact: document fields from the metadata, figure fields from the number."""
    return Fact(document=meta.document, province=meta.province, period=fields.pop("period", meta.period),
                indicator=code, level=level or TOTAL_LEVEL, value=sign * n.value, unit=unit, decimals=n.decimals,
                approximate=n.approximate, source_kind=source_kind, line=line, quote=quote,
                label=label, qualifier=n.qualifier or "", multiplier=n.multiplier, **fields)


# ---------------------------------------------------------------- helpers on text


def _last_break(s: str) -> int:
    """Index just after the last clause break (';', '(', ')') in s, or 0."""
    idx = max(s.rfind(";"), s.rfind("("), s.rfind(")"))
    return idx + 1


def _first_break(s: str) -> int:
    m = _FIRST_BREAK.search(s)
    return m.start() if m else len(s)


# (not the comma of "mức độ 3, 4", which joins two service levels: the words after the figure name both)
_FIRST_BREAK = re.compile(r"[;)]|\((?![A-ZĐ]{2,10}\))|,(?!\d)(?!(?<=độ [1-4],)\s*[2-4](?![\d.,]\d))|\.(?!\d)|:")
_RIENG = re.compile(r"riêng\s+(lĩnh vực [^,:(]{2,40}|[^,:(]{2,40})")
# "Riêng trong tháng 9, tiếp nhận 10.500 hồ sơ": "riêng" before a period sets the period apart from a running
# total, it names no subset (the period words of periods.PATTERN_WORDS, and "kỳ")
_RIENG_PERIOD = re.compile(r"(?:trong\s+)?(?:kỳ|tháng|quý|năm|tuần|\d{1,2}\s+tháng|sáu tháng|chín tháng)(?![\wÀ-ỹ])")
# "Số hồ sơ tiếp nhận theo lĩnh vực: đất đai 12.340 hồ sơ, ...": a list by field, whose first item's name ends the
# text before its figure (the later items have no label of their own)
_BY_FIELD = re.compile(r"theo (?:từng |các )?lĩnh vực(?: như sau)?\s*:\s*(?:lĩnh vực\s+)?([^\W\d_][^,;:()\d]{1,40}?)\s*$")
_LINH_VUC = re.compile(r"lĩnh vực ([^,;:()]{2,30}?)(?:\s+(?:của|thuộc|được|\(|$))")


@lru_cache(maxsize=None)
def _field_subject() -> re.Pattern:
    """A field as the subject of its clause's verb ("Trong đó, lĩnh vực đất đai tiếp nhận 3.200 hồ sơ, giải quyết
    3.100 hồ sơ"): its name ends before the verb, at most five words (reading.yml field_verbs,
    field_name_stops)."""
    stops, verbs = (literal_alternation(word_list(k)) for k in ("field_name_stops", "field_verbs"))
    return re.compile(r"lĩnh vực ((?:(?!(?:%s)\b)[^\W\d_]+\s){1,5}?)(?=(?:%s)\b)" % (stops, verbs))
_ABBREV_PAREN = re.compile(r"\([A-ZĐ]{2,10}\)")


@lru_cache(maxsize=None)
def _indicator_domains() -> frozenset:
    return frozenset(i.domain for i in indicators())


@lru_cache(maxsize=None)
def _subset_rx() -> tuple[tuple[str, re.Pattern], ...]:
    """The subset subjects of reading.yml, one whole-word pattern each (read for every figure: compiled once)."""
    return tuple((w, re.compile(r"(?<![\wÀ-ỹ])" + re.escape(w) + r"(?![\wÀ-ỹ])")) for w in word_list("subset_subjects"))


@per_document
def _domain_of(text: str) -> str | None:
    """The first noun in text that counts what some indicator counts (hồ sơ, TTHC, PAKN, ...), after a lead that
    only announces what follows ("Kết quả: Tổng số hồ sơ: 8.765; Đã giải quyết: 8.600": dossiers, not results)."""
    lead = _ANNOUNCING_LEAD.match(text)
    if lead and (dom := first_noun(text[lead.end():], _indicator_domains())[1]) is not None:
        return dom
    return first_noun(text, _indicator_domains())[1]


_ANNOUNCING_LEAD = re.compile(r"\W*(?:kết quả|tình hình|số liệu)(?: [^:\d;,.]{0,80})?:\s*", re.I)


def _unit_after(text: str) -> tuple[str | None, str]:
    """Domain and unit noun right after a number ('264.740 hồ sơ' -> 'dossiers', 'hồ sơ')."""
    noun, dom = noun_at(text)
    return (dom, noun) if noun else (None, "")


def _scope(text: str) -> str:
    """The subset a figure is about: "riêng ...", "lĩnh vực ...", or a subset subject ("nhiều đơn vị")."""
    low = text.lower()
    sub = [m for w, rx in _subset_rx() if w in low for m in rx.finditer(low)]      # (the word first: most clauses have none)
    if sub:
        return max(sub, key=lambda m: m.start()).group(0)      # the subject nearest the figure
    if (rest := _rest_of_units(low)) is not None:
        return rest
    m = _RIENG.search(low) if "riêng" in low else None
    # ("Riêng cấp phường, xã tiếp nhận 62.410 hồ sơ, cấp quận, huyện 48.200 hồ sơ": a level, which the level reading takes)
    if m and not _RIENG_PERIOD.match(m.group(1)) and not m.group(1).startswith("cấp "):
        return m.group(1).strip()
    if "lĩnh vực" not in low:
        return ""
    if (m := _BY_FIELD.search(low)) is not None:
        return "lĩnh vực " + m.group(1).strip()
    m = _field_subject().search(low) or _LINH_VUC.search(low)
    return ("lĩnh vực " + m.group(1).strip()) if m else ""


@lru_cache(maxsize=None)
def _agency_rx() -> tuple[re.Pattern, re.Pattern, frozenset, tuple]:
    """(a kind of agency or local unit at a word start, the words that may lead it, the words ending its
    name, the kinds named after a place), on lowered text (reading.yml agency_kinds, agency_leads,
    agency_name_stops, agency_places)."""
    kinds = agency_kinds_pattern()
    leads = sorted(word_list("agency_leads"), key=len, reverse=True)
    kind_rx = re.compile(r"(?<![\wÀ-ỹ])(?:%s)\s+" % kinds if word_list("agency_kinds") else r"(?!x)x")
    lead_rx = re.compile(r"^(?:[\W_]*(?:%s)(?![\wÀ-ỹ]))*[\W_]*$" % "|".join(map(re.escape, leads)) if leads else r"^\W*$")
    return kind_rx, lead_rx, frozenset(word_list("agency_name_stops")), tuple(word_list("agency_places"))


_AGENCY_NAME_WORD = re.compile(r"[^\W\d_]+")
_OF_AT = re.compile(r"(?:của|tại|ở)\s+$")          # "Số hồ sơ tiếp nhận của Sở Tư pháp ...": the subject after it


def agency_subject(head: str, own_text: str = "") -> str | None:
    """The named agency or local unit a sentence's head has as its subject ("Sở Tư pháp", "UBND huyện
    Bình Lục"), lowered, as the scope of the sentence's figures; None where the head names none, or names
    the report's own unit (its name stands in `own_text`, the report's first lines: a department's or a
    district's own report is about that unit as a whole).

    The subject opens the head (after list marks, lead words such as "Riêng", "Tại", and a clause fronted
    before a comma: "Trong quý II/2023, Sở ..."), or stands right after "của"/"tại"/"ở" ("Số hồ sơ tiếp nhận
    của Sở Tư pháp là 642"); its name is capitalised ("Sở Tư pháp", not "các sở, ngành")."""
    low = head.lower()
    if len(low) != len(head):
        return None
    kind_rx, lead_rx, stops, places = _agency_rx()
    for m in kind_rx.finditer(low):
        before = low[:m.start()]
        fronted = before[before.rfind(",") + 1:] if "," in before else before
        after_of = _OF_AT.search(before)
        if not (lead_rx.match(fronted) or after_of):
            continue
        place = m.group(0).rstrip().endswith(places)
        words = []
        for w in _AGENCY_NAME_WORD.finditer(head, m.end()):
            gap = head[(words[-1].end() if words else m.end()):w.start()]
            if (w.group(0).lower() in stops and not w.group(0)[0].isupper()) or re.search(r"[,:;()\d]", gap) or len(words) >= 6 or \
                    (place and not w.group(0)[0].isupper()):
                break
            words.append(w)
        kind = m.group(0).strip()
        if kind.endswith(" tỉnh"):
            return kind                 # "Công an tỉnh": the kind is the name
        if not words or not head[words[0].start()].isupper():
            continue
        name = " ".join(w.group(0).lower() for w in words)
        # a place is the report's own only under its own kind: "UBND thành phố Thanh Hóa" in the report of "UBND tỉnh
        # Thanh Hóa" is the city, a unit of the province (its name alone is the province's)
        place_word = next((p for p in places if kind.endswith(p)), "") if place else ""
        if name in own_text and (not place_word or _own_kind(own_text, name, place_word, places)):
            return None
        return kind + " " + name
    return None


def _own_kind(own_text: str, name: str, place_word: str, places) -> bool:
    """Whether the report's own lines name the place `name` as a `place_word` ("huyện"), or under no kind at all
    ("Đạ Huoai: Tỷ lệ hồ sơ ..."); not where they name it only under another ("UBND tỉnh Thanh Hóa": the province)."""
    kinds = {m.group(1) for m in re.finditer(r"(%s)\s+%s" % ("|".join(map(re.escape, ("tỉnh",) + tuple(places))), re.escape(name)),
                                             own_text)}
    return not kinds or place_word in kinds


@lru_cache(maxsize=None)
def _kind_lead_rx() -> re.Pattern:
    """A sentence's lead that is a kind of dossier after a lead word, and nothing else (reading.yml dossier_kinds,
    kind_leads), on lowered text: the kind in group 1."""
    return re.compile(r"^[\W_]*(?:%s)\s+(?:các\s+|số\s+)?(?:bộ\s+)?(%s)[\s.]*$" % (literal_alternation(word_list("kind_leads")),
                                                                      literal_alternation(word_list("dossier_kinds"))))


def _kind_scope(lead: str) -> str:
    """The kind of dossier a sentence's lead names as its subject ("Đối với hồ sơ trực tuyến", "Kết quả xử lý hồ sơ trực
    tuyến"), as its figures' scope; "" for any other lead."""
    low = lead.lower()
    if not any(f in low for f in phrase_forms("hồ sơ")):
        return ""
    m = _kind_lead_rx().match(low)
    return m.group(1) if m else ""


# A press article's dateline before its first sentence: "(KTO) - ", "BDK - ", "QTO – " (the paper's initials)
_DATELINE = re.compile(r"\(?[A-ZĐ]{2,8}\)?\s*[-–—]\s+")


def _dateline_len(text: str, sa: int) -> int:
    m = _DATELINE.match(text, sa)
    return m.end() - sa if m else 0


def _rest_of_units(low: str) -> str | None:
    """The units left after those named ("các xã còn lại", "các đơn vị còn lại": reading.yml remainder_words after a plural
    noun), on lowered text: a scope of their own, which the named units' list completes (checks_facts, scope.remainder)."""
    if not any(w in low for w in word_list("remainder_words")):
        return None
    m = _rest_rx().search(low)
    return m.group(0) if m else None


@lru_cache(maxsize=None)
def _rest_rx() -> re.Pattern:
    return re.compile(r"(?<![\wÀ-ỹ])(?:các|những)\s+[^\d,;:.()]{1,30}?\s+(?:" + literal_alternation(word_list("remainder_words"))
                      + r")(?![\wÀ-ỹ])")


def _fact_scope(pre_cut: str, clause: str, head_scope: str, agency: str) -> str:
    """A figure's scope: the subset its own clause names, else its sentence's lead, else the named unit
    its sentence or paragraph is about ("Riêng Sở Tư pháp đã tiếp nhận 642": the unit, not the words
    after "riêng" up to the figure)."""
    own = _scope(pre_cut) or _scope(clause[clause.rfind(";") + 1:])
    if agency and own.startswith(agency):
        return agency
    if agency and own and (low := clause.lower()).rfind(agency) > low.rfind(own):
        # "Kết quả giải quyết của một số sở, ngành như sau: Sở Tài nguyên và Môi trường tiếp nhận 2.340 hồ sơ, giải quyết
        # 2.300 hồ sơ": the unit named after the subset, nearer the figure, is its subject
        return agency
    return own or head_scope or agency


def _comparator(text: str) -> str:
    for sym, rx in comparators().items():
        if rx.search(text.lower()):
            return sym
    return ""


# ---------------------------------------------------------------- context of one document

@dataclass
class Ctx:
    """Reading state carried across the blocks of one document (not a record between stages)."""
    doc: Document
    meta: DocMeta
    ann: Annotated | None = None
    source_kind: str = "text"
    block_level: str | None = None       # level that carries over between paragraphs
    lead: list = field(default_factory=list)   # indicators stated in a list's lead-in sentence
    lead_domain: str | None = None
    lead_level: str | None = None
    section_level: str | None = None     # level the current section's heading names (annotate.section_levels)
    section_period_head: str = ""        # the heading naming the current section's period (section_period_heads)
    heading_depth: int | None = None     # the depth of the last heading, and the one under which a paragraph set
    level_depth: int | None = None       # block_level (None: set by a heading, or by none)
    in_appendix: bool = False
    _by_block: dict | None = None        # the annotation's figures per block (made on first use)
    _own_text: str | None = None
    # what agency_subject found, for _own_agency: the units named (a name: led by "riêng"), the unit the
    # report's first sentence with figures names ("" for none, None before it), and whether a sentence
    # is led by the whole unit ("Toàn tỉnh ...")
    agencies: dict = field(default_factory=dict)
    first_agency: str | None = None
    whole_unit_led: bool = False
    # the facts of the list items just read (reset by any other block): the parts a paragraph right after
    # them may total ("+ Hồ sơ tiếp nhận trực tuyến: 23.450 hồ sơ; + ... trực tiếp: 9.870 hồ sơ;" then
    # "Tổng cộng: 34.440 hồ sơ.")
    list_facts: list = field(default_factory=list)

    @property
    def own_text(self) -> str:
        """The report's heading lines and its province, lowered: a unit named there is the report's own
        (agency_subject). The heading is its first non-empty lines up to the first that holds a digit (a
        title's year, or a first sentence's figures: "Trong quý II/2023, Sở Công Thương tiếp nhận ..."),
        four at most; of that last line, the words before its first figure only (the units a paragraph
        names after it, "Trong đó, huyện Trảng Bom tiếp nhận ...", are parts of what the report is about)."""
        if self._own_text is None:
            head = []
            for ln in (ln for ln in self.doc.lines[:60] if ln.strip()):
                if any(c.isdigit() for c in ln):
                    nums = find_numbers(ln)
                    head.append(ln[:nums[0].start] if nums else ln)
                    break
                head.append(ln)
                if len(head) == 4:
                    break
            # (the province under its kind: "UBND thành phố Thanh Hóa" in a report of the province is the city, _own_kind)
            own = (("thành phố " if self.meta.unit == "city" else "tỉnh ") + self.meta.province) if self.meta.province else ""
            self._own_text = " ".join(head + [own]).lower()
        return self._own_text

    def figures_of(self, bi: int) -> list:
        if self._by_block is None:
            self._by_block = {}
            for f in self.ann.figures:
                self._by_block.setdefault(f.block, []).append(f)
        return self._by_block.get(bi, [])

    @property
    def period(self) -> Period | None:
        return self.meta.period_obj

    @property
    def year(self) -> int | None:
        p = self.period
        if p and p.end:
            return p.end.year
        return int(self.meta.date[:4]) if self.meta.date[:4].isdigit() else None


def _quote(block: Block, a: int, b: int, line: int, lines: list[str]) -> str:
    """Verbatim source text for clean span [a, b) on one line."""
    cols = span_cols(block.pos, a, b, line)
    if cols is None:
        return ""
    return lines[line - 1][cols[0]: cols[1] + 1].strip()


_CLOSED_ASIDE = re.compile(r"\([^()]*\)")


def _clause_break(text: str, sa: int, start: int) -> int:
    """The last ';' before `start` in its sentence that opens the figure's clause, -1 if none: a ';' in brackets closed before
    the figure divides an aside ("tiếp nhận 210.500 hồ sơ (quý I: 98.200 hồ sơ; quý II: 112.300 hồ sơ), đã giải quyết ...")."""
    semi = text.rfind(";", sa, start)
    while semi >= 0 and text.count("(", semi, start) < text.count(")", semi, start):
        semi = text.rfind(";", sa, semi)
    return semi


# "so với" right before a period names it as a comparison ("tăng 8,2% so với quý II/2024", "so với cùng kỳ năm 2023"); a
# sentence that opens on "Cùng kỳ năm 2023, ..." states that period's figures
_SO_VOI_BEFORE = re.compile(r"so với\s+(?:cùng kỳ\s+)?$", re.I)


def _fact_period(ctx: Ctx, window: str, sentence_head: str, paragraph_head: str = "",
                 clause_head: str = "") -> tuple[str, str, bool]:
    """The period a figure is stated for: its own window, else the opening of its ';' clause, else the
    sentence opening, else the period an earlier sentence of its paragraph named, else its section's
    heading, else the document's ("Trong quý II, tiếp nhận 12.000 hồ sơ; lũy kế 6 tháng đầu năm tiếp nhận 23.500 hồ
    sơ, đã giải quyết 23.100 hồ sơ": the 23.100 is the half year's, not the quarter's); its stated label; and whether
    it is earlier than the report's."""
    doc_p = ctx.period
    doc_key = doc_p.key if doc_p else UNKNOWN
    # a period inside brackets closed before the figure is another figure's aside: "cấp tỉnh 5.200 hồ sơ (tăng 8%
    # so với quý I), cấp huyện 3.100 hồ sơ" (the 3.100 is the quarter's; an open bracket, "so với quý I (11.500",
    # still names its own figure's period)
    window = _CLOSED_ASIDE.sub(lambda m: " " * len(m.group()), window)
    if ")" in window:                    # (a bracket opened before the window and closed inside it)
        window = window[window.rindex(")") + 1:]
    if ";" in window:
        # a period before a ";" is the clause's before: "tăng 5% so với quý I; đã giải quyết 10.300 hồ sơ" (the
        # 10.300 are the quarter's own; a ';' clause's own period is read from its head below)
        window = window[window.rindex(";") + 1:]
    if not find_periods(window, ctx.year) and not _year_to_date(window) and \
            (find_periods(clause_head, ctx.year) or _year_to_date(clause_head)):
        window = clause_head                 # (a clause's period reads as the figure's own)
    ytd = _year_to_date(window) or _year_to_date(sentence_head)
    if ytd and doc_p is not None and doc_p.end is not None and _after_first_part(doc_p):
        # "Lũy kế từ đầu năm, toàn tỉnh đã tiếp nhận 0,25 triệu hồ sơ" in a month's or a later quarter's
        # report: the year so far, a longer window than the report's, never one of its own figures
        return f"{doc_p.end.year}-YTD", ytd, False
    stated = None
    ps = find_periods(window, ctx.year)
    if ps:
        stated = _same_period(window, ps[-1], doc_p)
    else:
        for head in (sentence_head, paragraph_head, ctx.section_period_head):
            # (not a period named as a comparison: "- Tổng số: 34.560 HS, tăng 8,2% so với quý II/2024" opens on no period)
            if ps := [p for p in find_periods(head, ctx.year) if not _SO_VOI_BEFORE.search(head, 0, p[1])]:
                stated = _same_period(head, ps[0], doc_p)
                break
    if stated is None or doc_p is None or stated.start is None or doc_p.start is None:
        return doc_key, "", False
    if stated.key != doc_p.key and (stated.kind in ("ytd", "half", "9months") or _WHOLE_YEAR.match(stated.label)) \
            and _longer(stated, doc_p):
        # "Lũy kế 6 tháng đầu năm 2023, tiếp nhận 118.230 hồ sơ" in the second quarter's report: a longer window
        # than the report's, whose figures are not the quarter's (they had been summed with them). A bare
        # "năm 2022" is not read so: a quarter's report can name its year so ("Trong năm 2022 toàn tỉnh tiếp
        # nhận ..." in Gia Lai's 2022-Q1 report states the quarter's figures); the whole year named as such is
        # ("Tính cả năm 2024, toàn tỉnh tiếp nhận 98.700 hồ sơ" in a fourth quarter's report)
        return (f"{stated.end.year}-YTD" if stated.kind == "ytd" else stated.key), stated.label, False
    if stated.kind in ("ytd", "plan") or stated.key == doc_p.key:
        return doc_key, (stated.label if stated.key != doc_p.key else ""), False
    disjoint = stated.end < doc_p.start or stated.start > doc_p.end
    inside = doc_p.start <= stated.start and stated.end <= doc_p.end and (stated.start, stated.end) != (doc_p.start, doc_p.end)
    slack = timedelta(days=_RULE_SLACK)
    # (a shorter period named by the calendar in a report counted from the 15th: "Riêng tháng 3/2024, toàn tỉnh tiếp nhận
    # 4.800 hồ sơ" in a first quarter's report running to 14/3 is March's, one of the quarter's parts)
    inside = inside or (doc_p.start - slack <= stated.start and stated.end <= doc_p.end + slack
                        and (stated.end - stated.start) < (doc_p.end - doc_p.start) - slack)
    if disjoint or inside:
        return stated.key, stated.label, stated.end < doc_p.start
    if stated.kind == doc_p.kind and stated.end < doc_p.end and (stated.start < doc_p.start - timedelta(days=_RULE_SLACK)
                                                                  or stated.key < doc_p.key):
        # the period of the same kind before the report's, named by the calendar where the report counts by Thông tư
        # 01/2020 ("(quý II/2024: 93.333 hồ sơ)" in a third quarter's report running from 15/6; "(tháng 9 tiếp nhận
        # 13.200 hồ sơ)" in October's report running from 21/9): an earlier period
        return stated.key, stated.label, True
    return doc_key, stated.label, False


# "Cùng kỳ năm 2023, Sở giải quyết 1.980 hồ sơ" in a third quarter's report: the third quarter of 2023, not the year
_SAME_PERIOD = re.compile(r"cùng\s+kỳ\s+$", re.I)


def _same_period(text: str, found: tuple, doc_p):
    """The period found in text (a find_periods entry), read as the report's own period in that year when "cùng kỳ"
    names it so."""
    p, a, _z = found
    if p.kind == "year" and doc_p is not None and _SAME_PERIOD.search(text[max(0, a - 12):a]):
        return same_period_in(doc_p, p.end.year) or p
    return p


# A year named whole ("cả năm 2024", "toàn năm"), not only by its number (periods.PERIOD_PATTERNS year)
_WHOLE_YEAR = re.compile(r"(?:%s)\s" % "|".join(WHOLE_YEAR_WORDS), re.I)


# Days by which two windows of one period may differ under the two reporting rules (Thông tư 01/2020 from
# 15/12, the calendar from 1/1): a window must be longer than the report's by more than this to be another.
_RULE_SLACK = 25


def _longer(stated, doc_p) -> bool:
    """Whether window `stated` covers the report's period `doc_p` and is longer than it (beyond the slack
    between the two reporting rules)."""
    if stated.end is None or doc_p.end is None:
        return False
    slack = timedelta(days=_RULE_SLACK)
    return (stated.end - stated.start) - (doc_p.end - doc_p.start) > slack and \
        stated.start <= doc_p.start + slack and doc_p.end - slack <= stated.end


# A sentence that is only its total, after the sentence of its parts ("cấp tỉnh: 1.200 hồ sơ; cấp huyện: 800 hồ
# sơ; cấp xã: 2.000 hồ sơ. Tổng: 4.000 hồ sơ."): the total word opens it (reading.yml total_rows' own words)
TOTAL_OPENS = re.compile(r"^\W*(?:tổng cộng|tổng số|tổng|cộng)\s*:?\s*(?:là\s+)?$", re.I)
# The same word right after a break that ends the last part (its noun before the break): "...; tổng: 4.780"
_BARE_TRAILING = re.compile(r"^[^\W\d_]*(?:\s[^\W\d_]+)?\s*[,;]" + TOTAL_OPENS.pattern.lstrip("^"), re.I)


def _trailing_total(pre: str, out: list[Fact], first: int, opens: re.Pattern = TRAILING_TOTAL) -> tuple[Reading, str] | None:
    """(reading, level) of a total written after its parts ("Cấp tỉnh, cấp huyện và cấp xã lần lượt tiếp nhận
    9.812, 8.475 và 11.050 hồ sơ, tổng cộng 29.337 hồ sơ"): the parts' indicator for the whole unit when they
    are its levels; else the nearest total the parts make together (calc.yml) at their level. None when the
    words before the figure are not a total word just after the parts, or the parts name no one total.
    The parts are the counts of out[first:], the sentence's facts so far (with `opens` TOTAL_OPENS, at a
    sentence's first figure, the previous sentence's: the total standing alone after them)."""
    if not opens.match(pre.strip(" ")):
        return None
    parts = [f for f in out[first:] if f.role == "value" and f.unit != "%"]
    if len(parts) < 2:
        return None
    codes, levels = {f.indicator for f in parts}, [f.level for f in parts]
    if len(codes) == 1 and len(set(levels)) == len(levels) and TOTAL_LEVEL not in levels:
        f = parts[0]
        return Reading(f.indicator, f.unit, "tổng cộng"), TOTAL_LEVEL
    if len(set(levels)) != 1:
        return None
    ups = [parents_of().get(c, ()) for c in codes]
    by_code = {i.code: i for i in indicators()}
    commons = [by_code[t] for t in ups[0] if all(t in u for u in ups[1:]) and t in by_code]
    # of the totals the parts make, the one counting the same things ("1.245 DVC toàn trình và 689 DVC một phần; tổng
    # 1.934 DVC" is the services' total, not the procedures offered online that the same parts split)
    domains = {by_code[c].domain for c in codes if c in by_code}
    ind = next((i for i in commons if {i.domain} == domains), commons[0] if commons else None)
    return (Reading(ind.code, ind.unit, "tổng cộng"), levels[0]) if ind is not None else None


# A sentence opening on a partial list marker ("Trong đó: ...", reading.yml part_markers) lists the parts
# of the count stated just before it
@lru_cache(maxsize=None)
def _opens_on_parts() -> re.Pattern:
    # (and "Trong số này, có 480 hồ sơ chưa đến hạn ...": the count just stated is the whole; not a part marker for
    # the annotation, where "Trong số này đã giải quyết ..." may take the whole of a sentence before)
    words = [w for w, complete in part_markers() if not complete] + ["cụ thể", "trong số này", "trong tổng số này"]
    return re.compile(r"\s*(?:[-+•*]\s*)?(?:%s)(?![\wÀ-ỹ])" % "|".join(map(re.escape, words)), re.I)


# A sentence opening on the whole its figures are parts of, before a comma or colon ("Trong số hồ sơ tiếp
# nhận mới, trực tuyến 6.300 hồ sơ, trực tiếp 3.700 hồ sơ"; reading.yml among_whole): group 1 names it
@lru_cache(maxsize=None)
def _among_lead() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(word_list("among_whole"), key=len, reverse=True))
    return re.compile(r"\W*(?:%s)\s+([^,:;()\d]{3,80}?)\s*[,:]\s*" % (words or r"(?!x)x"), re.I)


def _own_count_reading(text: str, sent_figs: list[Figure], fi: int, active: list[str]) -> Reading | None:
    """A share written before its own count ("hồ sơ trực tuyến chiếm 52,4% (657.518 bộ hồ sơ)"), read as the
    annotation read it (annotate.share_own_count): the share of its category, and the count in brackets that
    category's count. None for any other figure."""
    fig = sent_figs[fi]
    if not fig.category or ("(" not in text and "tương ứng" not in text):
        return None
    if fig.percent and (own := share_own_count(text, sent_figs, fi)) is not None and own.den is None:
        return Reading(fig.category, "%", text[max(0, fig.start - 40):fig.start].strip(" ,(")[-40:], role="share",
                       denominator=_denominator(fig.category, active))
    if fi and share_own_count(text, sent_figs, fi - 1) is fig:
        ind = _indicator(fig.category)
        # ("đạt 85,6% (12.340/14.416 hồ sơ)": the base it is stated over goes with it)
        return Reading(ind.code, ind.unit, fig.unit or ind.unit, denominator_value=fig.den.value if fig.den else None) \
            if ind is not None and ind.unit != "%" else None
    return None


@per_document
def _year_to_date(text: str) -> str:
    """The year-to-date phrase in text ("lũy kế từ đầu năm", "từ đầu năm đến nay"; reading.yml
    year_to_date), or ''."""
    m = year_to_date_rx().search(text.lower()) if text else None
    return m.group(0) if m else ""


def _after_first_part(p) -> bool:
    """Whether the year so far is longer than period p: a month or quarter after the year's first
    (a half year, nine months or a year report from the year's start is the year so far)."""
    if p.kind == "custom" and p.start is not None and p.end is not None:
        # a week's or a fortnight's window ("Trong tuần (từ ngày 11/5 đến 17/5/2024)") starting after the year's
        # first week: "Lũy kế từ đầu năm đến nay" is longer
        return p.start > date(p.end.year, 1, 7)
    return (p.kind == "month" and not p.key.endswith("-01")) or (p.kind == "quarter" and not p.key.endswith("Q1"))


@lru_cache(maxsize=None)
def _candidates(domain: str | None, percent: bool, same_count: bool = False) -> tuple[Indicator, ...]:
    # a figure of unknown domain may be any count, except of a domain whose figures always carry their
    # noun ("83,47 điểm"): a bare year beside "chỉ số hài lòng" is no score
    noun_required = set(word_list("noun_required_domains"))
    out = []
    for ind in indicators():
        if percent:
            if ind.unit == "%":
                out.append(ind)
        elif ind.unit != "%" and (ind.domain in (domain, "any") or
                                  (domain is None and ind.domain not in noun_required and not ind.named_only)):
            out.append(ind)
    cls = count_class(domain) if same_count and not percent and domain is not None else None
    if cls is not None:
        out += [ind for ind in indicators() if ind.unit != "%" and ind.domain not in (domain, "any")
                and count_class(ind.domain) == cls]
    return _Candidates(out)


@lru_cache(maxsize=None)
def _count_candidates(col_dom: str | None) -> "_Candidates":
    """The counts a table column of domain col_dom (None: any) can hold."""
    return _Candidates(i for i in indicators() if i.unit != "%" and (i.domain in (col_dom, "any") if col_dom is not None
                                                                     else not i.named_only))


class _Candidates(tuple):
    """Candidate indicators, with their labels flattened once: (indicator, pattern, required text) in
    indicator then label order, the order in which _choose breaks ties. The required text is one plain text
    (a substring test), or a pattern of its alternatives (one search, in C: a generator per row and window
    had cost more than the labels it skipped), or '' (vocab.required_text)."""

    def __new__(cls, inds):
        self = super().__new__(cls, inds)
        self.rows = tuple((ind, rx, _prefilter(must)) for ind in self for rx, must in zip(ind.labels, ind.label_words))
        return self


@lru_cache(maxsize=None)
def _prefilter(must: tuple[str, ...]) -> "str | re.Pattern":
    if len(must) > 1 and len(common := _common_text(must)) >= 4:
        return common        # ("nhận" of "nhận được" and "tiếp nhận": one substring test, as fast as the label's own was)
    return must[0] if len(must) == 1 else re.compile("|".join(map(re.escape, must))) if must else ""


def _common_text(texts: tuple[str, ...]) -> str:
    """The longest text every one of `texts` holds."""
    first = min(texts, key=len)
    for n in range(len(first), 0, -1):
        for i in range(len(first) - n + 1):
            if all(first[i:i + n] in t for t in texts):
                return first[i:i + n]
    return ""


# The pending dossiers' two parts (Biểu II.06c: pending = within deadline + overdue)
_PENDING_SPLIT = frozenset({"dossiers.pending_within", "dossiers.pending_overdue"})


def _under_ok(ind: Indicator, active: list[str]) -> int:
    """-1 if the indicator's `under` condition fails, else how recent its parent is (higher = closer).
    A part whose total is not stated is still read beside a stated sibling of the same relation
    ("Đã giải quyết đúng hạn 11.950 HS, đạt 98,2%; trễ hạn 220 HS"), ranked below a stated parent."""
    if not ind.under:
        return 0
    if active and active[-1] in _PENDING_SPLIT and ind.code in _PENDING_SPLIT and active[-1] != ind.code:
        # "Số hồ sơ đã giải quyết 84.150 HS; số hồ sơ chưa đến hạn giải quyết 2.050 HS; số hồ sơ quá hạn giải quyết 200 HS":
        # right after a pending count's within-deadline part, "quá hạn" is its other part (not the resolved ones' late)
        return len(active) + 1
    for k in range(len(active) - 1, -1, -1):
        if active[k] in ind.under:
            return k + 1
    siblings = siblings_of().get(ind.code, frozenset())
    return 0 if any(a in siblings for a in active) else -1


def _choose(window: str, cands: "_Candidates", active: list[str], from_right: bool, max_gap: int | None = SETTINGS.label_gap,
            post_reach: int = SETTINGS.label_reach_after, need_parent: bool = True):
    """Pick the label match: closest to the number; among equals prefer satisfied `under` parents. Without
    `need_parent` (a table's column header "Trước hạn" names its indicator by itself) an unmet `under` is
    let go for a window that is all label, ranked lower."""
    best = None
    low = window.lower()
    recs: dict[int, int] = {}
    unmet_rows = []
    for row in cands.rows:
        ind, rx, must = row
        if must and (must not in low if must.__class__ is str else must.search(low) is None):
            continue                     # the label cannot match here (vocab.required_text)
        rec = recs.get(id(ind))
        if rec is None:
            rec = recs[id(ind)] = _under_ok(ind, active)
        if rec < 0 and need_parent:
            unmet_rows.append(row)
            continue
        for m in rx.finditer(low):
            if not m.group(0).strip():
                continue
            if rec < 0 and m.group(0).strip(" :") != low.strip(" :"):
                continue                 # an unmet parent is let go only for a header that is the label itself
            if max_gap is not None and from_right and len(low) - m.end() > max_gap:
                continue
            if not from_right and m.start() > post_reach:
                continue
            score = (m.end(), rec, m.end() - m.start())
            if best is None or score > best[0]:
                best = (score, ind, m)
    if best is not None and unmet_rows:
        # "Số hồ sơ tiếp nhận qua dịch vụ bưu chính công ích: 350": a part's label that holds its parent's words
        # ("tiếp nhận") and more wins, though the parent is not stated in the sentence (only the parts of
        # the indicator read are looked at)
        parents = parents_of()
        for ind, rx, _must in unmet_rows:
            if best[1].code not in parents.get(ind.code, ()):
                continue
            for m in rx.finditer(low):
                if m.group(0).strip() and m.start() < best[2].end() < m.end() and \
                        (max_gap is None or not from_right or len(low) - m.end() <= max_gap) and \
                        (from_right or m.start() <= post_reach):
                    return (m.end(), -1, m.end() - m.start()), ind, m
    return best


def _denominator(code: str, active: list[str]) -> str:
    """The total a share is taken of: the latest stated total this indicator is a part of."""
    parents = parents_of().get(code, ())
    for k in range(len(active) - 1, -1, -1):
        if active[k] in parents:
            return active[k]
    return parents[0] if parents else ""


@dataclass(frozen=True)
class Reading:
    """What a figure states, before its context (level, period, scope, quote) is added."""
    code: str
    unit: str
    label: str
    role: str = "value"
    sign: int = 1
    denominator: str = ""
    denominator_value: float | None = None


# ---------------------------------------------------------------- text blocks

def _block_figures(ctx: Ctx, bi: int | None, block: Block) -> list[Figure]:
    """The annotated figures of a block (a base of 'a/b' travels with its numerator)."""
    if bi is not None and ctx.ann is not None:
        figs = ctx.figures_of(bi)           # (a scan of every figure per block was quadratic)
    else:
        figs = block_figures(ctx.doc, ctx.meta, block)
    return [f for f in figs if f.role != "base"]


_AT_LEVEL = re.compile(r"^\W*(?:ở|tại|đối với|riêng)\s+cấp", re.I)
_LEAD_BREAK = re.compile(r"[,;:]")
_SCOPE_LEAD = re.compile(r"^\W*(?:đối với|riêng|với|về)\s", re.I)


def extract_block(ctx: Ctx, block: Block, lead_text: str = "", bi: int | None = None) -> list[Fact]:
    """Facts from one paragraph, list item, footnote or table cell."""
    text = block.text
    if not text:
        return []
    figs = _block_figures(ctx, bi, block)
    out: list[Fact] = []
    block_level = None
    first_num = min([f.start for f in figs] + [len(text)])
    prefix_level = detect_level(text[:min(first_num, 25)])
    if prefix_level:
        block_level = prefix_level
        if block.kind == "paragraph" and _AT_LEVEL.match(text):
            ctx.block_level, ctx.level_depth = prefix_level, ctx.heading_depth
    elif whole_unit_rx().search(text[:min(first_num, 25)].lower()):
        # "Toàn tỉnh tiếp nhận 73.835 hồ sơ": the whole province, whatever level the text named before
        block_level = None
        if block.kind == "paragraph":
            ctx.block_level = None
    elif block.kind == "paragraph":
        block_level = ctx.block_level
    elif block.kind == "item":
        block_level = ctx.lead_level or ctx.section_level
    spans = sentences(text)
    first_sa = spans[0][0] if spans else 0
    para_period_head = ""
    agency = ""                          # the named unit the paragraph's sentences are about (agency_subject)
    part_unit: str | None = None         # the subject to go back to after a sentence that names parts' units
    prev_active: list[str] = []          # the indicators the paragraph's previous sentence read
    sent_first = 0                       # out[prev_first:sent_first]: the previous sentence's facts
    prev_sa: int | None = None           # where the paragraph's previous sentence with figures starts
    for (sa, sb), sent_figs in zip(spans, in_spans(figs, spans)):
        if not sent_figs:
            continue
        sentence = text[sa:sb]
        # the sentence's opening clause ("Đối với hồ sơ của các sở, ...", "Với cấp huyện, ...") sets the
        # level of its figures;
        # a period named by an earlier sentence of the paragraph holds until another one is named
        head = text[sa:sent_figs[0].start]
        lead = _LEAD_BREAK.split(head, maxsplit=1)[0] if _LEAD_BREAK.search(head) else ""
        head_level = detect_level(lead[:SETTINGS.lead_reach])
        if sa > first_sa and names_whole_unit(head) and detect_level(head) is None:
            # "..., cấp xã giải quyết 3.870 hồ sơ. Như vậy, toàn tỉnh đã giải quyết 10.040 hồ sơ": a later
            # sentence led by the whole unit states the total again, whatever level the paragraph opened on
            block_level = None
            if block.kind == "paragraph":
                ctx.block_level = None
        # "Đối với hồ sơ lĩnh vực đất đai ..., đã giải quyết N": a lead that names a subset scopes the sentence
        head_scope = (_scope(lead) if _SCOPE_LEAD.match(lead) else "") or _kind_scope(lead)
        # "Sở Tư pháp tiếp nhận 642 hồ sơ; đã giải quyết 630 ...": a named unit as the subject scopes its
        # sentence and the paragraph's next ones, until another subject, the whole unit or a level is named
        named = agency_subject(head, ctx.own_text)
        whole_led = names_whole_unit(head)
        if part_unit is not None:
            agency, part_unit = part_unit, None     # a part's unit held for its sentence only (below)
        if named:
            if _opens_on_parts().match(head):
                part_unit = agency      # "Trong đó, huyện Trảng Bom tiếp nhận ...": a part's, not the paragraph's subject
            agency = named
            ctx.agencies[named] = ctx.agencies.get(named, False) or bool(_RIENG_LEAD.match(head))
        elif whole_led or detect_level(head):
            agency = ""
        ctx.whole_unit_led = ctx.whole_unit_led or whole_led
        if ctx.first_agency is None:
            ctx.first_agency = named or ""
        head_periods = find_periods(head, ctx.year)
        opens_on_parts = _opens_on_parts().match(head)
        if any(not compared_at(head, a) for _p, a, _z in head_periods) and not opens_on_parts:
            # (not a comparison's: "So với quý I/2024 (…), ..." holds for its sentence only; nor its parts': "Trong đó,
            # tháng 1: 3.200 hồ sơ; ..." names the months of the quarter before)
            para_period_head = head
        # a sentence that opens on the parts of the one before ("Cùng kỳ năm 2023, toàn tỉnh tiếp nhận 9.000 hồ sơ. Trong
        # đó, trực tuyến 5.000 hồ sơ, ...") goes on with it: its period is the one that sentence opened on, a comparison's too
        sent_head = text[prev_sa:prev_sa + 45] if prev_sa is not None and not head_periods and opens_on_parts \
            else text[sa:sa + 45]
        prev_sa = sa
        sent_domain = _domain_of(sentence) or ctx.lead_domain or _domain_of(lead_text)
        active: list[str] = list(ctx.lead)
        if _opens_on_parts().match(head):
            # "Số hồ sơ đang giải quyết: 354 hồ sơ. Trong đó: Trong hạn: 340; Quá hạn: 14.": the parts of the
            # previous sentence's count
            active += prev_active
        before_active, prev_active = prev_active, active
        among = _among_lead().match(head)
        among_end = None
        if among:
            # the whole is stated in words only: its parts are read under it, each by the words after the comma
            whole = _choose(among.group(1), _candidates(_domain_of(among.group(1)) or sent_domain, False), active,
                            from_right=True, max_gap=None)
            if whole is not None:
                active.append(whole[1].code)
                among_end = sa + among.end()
        last_count: tuple[Fact, int, int] | None = None    # (fact, end offset, start) of the last count
        last_rate: Fact | None = None
        sent_level: str | None = None
        part_level = False         # sent_level is a part's level (below): it ends at the next ";"
        paren_level: str | None = None           # a level named in brackets, for the figures in them
        prev_first, sent_first = sent_first, len(out)   # this sentence's facts are out[sent_first:]
        prev_end = sa
        # the window an earlier sentence of the paragraph or the list's lead-in states: the same for every
        # figure of this sentence, so read once (per figure it was quadratic on a long paragraph)
        earlier_months = None
        reuse: tuple[int, str] | None = None     # (start, domain) of the words the last count read after it
        resp = respective_items(text, sa, sb, [f.number for f in sent_figs])
        spans_at: list[tuple[int, int]] = []     # (start, end) of each of this sentence's facts, in order
        read_at: dict[int, tuple[int, Reading]] = {}   # figure index -> (its fact's index in out, its reading)
        for fi, fig in enumerate(sent_figs):
            used_post = False
            n, start = fig.number, fig.start
            end = fig.den.end if fig.den is not None else n.end
            pre = text[prev_end:start]
            if part_level and ";" in pre:
                sent_level = part_level = None
            pre_cut = pre[_last_break(pre):] if fig.den is None and not n.percent else pre
            if not pre_cut.strip() and fig.den is None and not n.percent and (k_aside := aside_start(pre)) is not None:
                pre_cut = pre[_last_break(pre[:k_aside]):]        # "đúng hạn (bao gồm cả trước hạn) 8.398"
            if among_end is not None and prev_end < among_end < start and fig.den is None and not n.percent:
                pre_cut = text[among_end:start]       # (the words of the whole are not this part's label)
            fig_agency = None      # a unit named by the figure's own item only
            if start in resp:      # "... trước hạn, đúng hạn và quá hạn lần lượt là 21.004, 22.512 và 354": its item
                pre = pre_cut = resp[start][0]
                # "Sở Tư pháp, Sở Y tế và Sở Giao thông vận tải lần lượt tiếp nhận 1.234, 2.345 và 3.456 hồ sơ": each its unit's
                fig_agency = agency_subject(pre, ctx.own_text)
                if fig_agency:
                    ctx.agencies.setdefault(fig_agency, False)
            # what follows the figure, up to its sentence's end: only its first few clauses are read
            post_full = _ABBREV_PAREN.sub(lambda m: " " * len(m.group()), text[end:min(sb, end + 400)])
            dom_after, unit_noun = _unit_after(text[end:end + SETTINGS.unit_reach])
            semi_at = text.rfind(";", sa, start) if dom_after not in UNCOUNTED_DOMAINS else -1
            if semi_at >= 0:
                # a clause after ";" may have its own subject: "Sở Tư pháp tiếp nhận 1.200 hồ sơ, ...; Sở Xây dựng
                # tiếp nhận 800 hồ sơ, ..." (the sentence's subject holds until another is named); a level named
                # in the clause comes first ("UBND thành phố Thủ Đức và 21 quận, huyện tiếp nhận 389.560 hồ sơ" is
                # the district level's count), and a count of units ("21 quận, huyện") has no subject of its own
                clause_lead = text[semi_at + 1:start]
                if names_whole_unit(clause_lead) or detect_level(clause_lead):
                    agency = ""
                elif named_c := agency_subject(clause_lead, ctx.own_text):
                    agency = named_c
                    ctx.agencies[named_c] = ctx.agencies.get(named_c, False) or bool(_RIENG_LEAD.match(clause_lead))
            lo = max(semi_at, prev_end)
            comma_at = max(text.rfind(",", lo, start) if fi else -1, text.rfind(":", lo, start)) \
                if dom_after not in UNCOUNTED_DOMAINS and start not in resp else -1
            if comma_at >= 0 and (named_c := agency_subject(text[comma_at + 1:start], ctx.own_text)):
                # so may a clause after a comma, past the previous figure ("Trong đó, huyện Trảng Bom tiếp nhận 1.200
                # hồ sơ, huyện Long Thành tiếp nhận 980 hồ sơ"), or after a colon ("Các cơ quan tiếp nhận nhiều: Công an
                # tỉnh 3,8 ngàn HS, Sở Công Thương 1,7 ngàn HS"): a named unit only (a level or the whole there is a
                # part's or the same subject's, "..., trong đó cấp xã 800")
                if part_unit is None:
                    part_unit = agency          # (the next sentence goes back to the subject before the list)
                agency = fig_agency = named_c   # (its own clause's unit, before a scope its sentence's lead names)
                ctx.agencies[named_c] = ctx.agencies.get(named_c, False)
            if reuse is not None and dom_after is not None and dom_after != reuse[1] and fig.den is None and not n.percent:
                # the words the previous count read after itself name this one too when the two count
                # different things ("ban hành 22 quyết định công bố 356 TTHC")
                pre = text[reuse[0]:start]
                pre_cut = pre[_last_break(pre):]
            reuse = None
            skip = (len(post_full) - len(post_full.lstrip()) + len(unit_noun)) if unit_noun else 0
            nxt = next((g.start for g in islice(sent_figs, fi + 1, None) if g.start > start), sb) - end
            post = post_full[:min(skip + _first_break(post_full[skip:]), 90 + skip, nxt)]
            if (slash := _SLASH_BASE.search(post)) is not None:
                post = post[:slash.start()]     # "12.340 hồ sơ/25.600 hồ sơ có yêu cầu ...": the words after the base are its own
            va = post.rfind(" và ", skip)
            if va >= 0 and len(post) == nxt and detect_level(post[va:]):
                # "cấp huyện 2.000 hồ sơ và cấp xã tiếp nhận 4.000 hồ sơ": the words after "và" lead the next figure
                post = post[:va]
            own_level = detect_level(pre_cut)                 # read once: the level the figure's own clause names
            if names_both_levels(pre_cut):
                own_level = _both_levels(out, ctx.period) or own_level
            if own_level and names_every_level(text[sa:start], province_level_sets(ctx.period)):
                own_level = head_level = block_level = TOTAL_LEVEL   # the whole unit, named by all its levels
            post_level = detect_level(post) if post else None
            aside_level = _level_after_aside(text, end + skip, sb) if post_level is None and not n.percent \
                and fig.depth == 0 else None
            post_level = post_level or aside_level
            level = own_level or post_level or head_level or block_level
            reading = None
            own = _own_count_reading(text, sent_figs, fi, active)
            bare = None
            if own is not None:
                reading = own
            elif fig.den is None and n.percent:
                reading = _percent_reading(n, pre, post, active, last_count, last_rate, lead_text, restated_change=fig.role == "change",
                                           run_after=len(out) > sent_first and out[-1] is last_rate)
            elif fig.den is None and (bare := _trailing_total(pre, out, sent_first, _BARE_TRAILING)) is not None:
                # "Số hồ sơ tồn kỳ trước: 120; số hồ sơ tiếp nhận mới: 4.560; tổng: 4.780": a bare total word after the
                # parts is their total (received), not the last part's count again
                reading = bare[0]
            else:
                reading, used_post = _count_reading(fig, text, end, pre_cut, post, skip, dom_after, unit_noun,
                                                    sent_domain, level, active, lead_text, start - sa,
                                                    same_count=ctx.source_kind == "text", own_text=ctx.own_text)
                if reading is None and fi > 0 and fig.den is None:
                    reading = _shared_verb(text, sa, sent_figs[fi - 1], fig, active)
                if reading is None and fi == 0 and fig.den is None and before_active:
                    reading = _completing_part(fig, text, end, pre_cut, post, skip, dom_after, unit_noun, sent_domain,
                                               level, active, before_active, offset=start - sa,
                                               same_count=ctx.source_kind == "text", own_text=ctx.own_text)
            trailing = bare                        # (set only where its reading was taken)
            if reading is None and not n.percent and fig.den is None:
                trailing = _trailing_total(pre, out, sent_first) or \
                    (_trailing_total(pre, out, prev_first, TOTAL_OPENS) if fi == 0 else None) or \
                    (_trailing_total(pre, ctx.list_facts, 0, TOTAL_OPENS)
                     if fi == 0 and sa == first_sa and block.kind == "paragraph" else None)
                reading = trailing[0] if trailing else None
            from_at = _from_to(text, sa, sent_figs[fi - 1], fig) if fi - 1 in read_at else None
            period_pre = pre
            if from_at is not None:
                # "tăng từ 12.000 hồ sơ lên 15.000 hồ sơ", "tăng từ mức 58,2% lên 63,51%": the figure after "từ" is the
                # earlier one, the figure after "lên" the current one, of the same indicator (quoted from "từ")
                k, reading = read_at[fi - 1]
                out[k] = replace(out[k], role="baseline")
                if find_periods(pre, ctx.year):
                    # "tăng từ 52,3% năm 2023 lên 71,1%": the period between the two figures is the earlier one's, and
                    # the later one's is read as if it were not there
                    pa, sta, _ = _fact_period(ctx, pre, sent_head, para_period_head)
                    out[k] = replace(out[k], period=pa, period_stated=sta)
                    period_pre = ""
            if fig.role == "change" and not n.percent and TIMES_UNIT.match(text, n.end):
                reading = None         # "gấp 1,5 lần cùng kỳ": a multiple, no count (checks_text's change.times reads it)
            if reading is None:
                if n.percent or fig.den is not None or dom_after not in ("units", "levels"):
                    # (a count of units or levels read as nothing is no figure's label: "Số hồ sơ tiếp nhận của 21 sở,
                    # ngành: 12.500 hồ sơ" is labelled by the words before the 21)
                    prev_end = end
                continue
            if fig.den is None and not n.percent or fig.den is not None:
                active.append(reading.code)
            if own_level and fig.depth > 0:
                # a level named in brackets holds in them only: "toàn tỉnh tiếp nhận 180.000 hồ sơ (cấp tỉnh 40.000 hồ
                # sơ, cấp xã 140.000 hồ sơ); đã giải quyết 176.400 hồ sơ" (the 176.400 is the province's)
                paren_level = own_level
            elif own_level:
                sent_level = own_level
                # a level that names a part of a whole stated before it in the sentence ("toàn tỉnh tiếp nhận 152.340 hồ
                # sơ, trong đó cấp tỉnh 48.120 hồ sơ, cấp xã 104.220 hồ sơ; đã giải quyết 149.870 hồ sơ") holds up to
                # the clause's end only: the next clause is the whole's again
                part_level = any(f.level == TOTAL_LEVEL and f.unit != "%" for f in out[sent_first:])
                # a paragraph that opens on a level ("UBND cấp huyện tiếp nhận 3.420 hồ sơ ...") sets it
                # for the next ones; a level that names a part of the first figure ("tiếp nhận 9.870 hồ
                # sơ, trong đó: cấp tỉnh 2.150; cấp huyện 3.420") does not
                # (measured past a press article's dateline: "(KTO) - Theo báo cáo của Trung tâm Phục vụ hành chính công tỉnh, 6
                # tháng đầu năm 2021, Trung tâm đã tiếp nhận 18.760 hồ sơ. Trong đó, ...")
                if block.kind == "paragraph" and start - sa - _dateline_len(text, sa) < 110 and sa == first_sa and fi == 0:
                    ctx.block_level, ctx.level_depth = sent_level, ctx.heading_depth
                    block_level = block_level or sent_level     # and for the paragraph's own later sentences
            elif post_level and len(out) == sent_first and reading.label and detect_level(reading.label) == post_level:
                # "45.600 hồ sơ đã được Trung tâm Phục vụ hành chính công tỉnh tiếp nhận, trong đó 45.100 hồ sơ ...": the
                # agent the first figure's own words name after it is the sentence's subject, its level the parts' too
                sent_level = post_level
            if fig.depth == 0:
                paren_level = aside_level      # (the figures in its aside are of the level named after it, if one is)
            level = level if own_level or post_level else ((paren_level if fig.depth > 0 else None) or sent_level or level)
            if not (own_level or post_level) and whole_unit_rx().search(pre_cut.lower()):
                level = TOTAL_LEVEL     # "cấp xã tiếp nhận 35.125 hồ sơ; tổng cộng toàn tỉnh tiếp nhận 55.575 hồ sơ"
                # and the next sentences are the whole unit's too ("...; tổng cộng toàn huyện tiếp nhận 17.630
                # hồ sơ. Đã giải quyết 17.380 hồ sơ ...": not the level the paragraph opened on)
                block_level = sent_level = None
                if block.kind == "paragraph":
                    ctx.block_level = None
            if trailing:
                level = trailing[1]
            semi = _clause_break(text, sa, start)
            # (up to the figure: the words after it name its parts' periods, "; giải quyết 37.950 hồ sơ, trong đó tháng 7 ...")
            clause_head = text[semi + 1:min(semi + 46, start)] if semi >= 0 else ""
            period, stated, earlier = _fact_period(ctx, period_pre, sent_head, para_period_head, clause_head)
            # the window the figure covers: "5 tháng đầu năm", "đến ngày 31/5/2021" in its sentence,
            # an earlier sentence of its paragraph or its list's lead-in
            months = window_months(text[sa:start], ctx.period, ctx.year)[0]
            if not months:
                if earlier_months is None:
                    # the paragraph's earlier sentences, at most EARLIER_REACH characters back
                    earlier_months = next((w for w in (window_months(t, ctx.period, ctx.year)[0]
                                                       for t in (text[max(first_sa, sa - EARLIER_REACH):sa], lead_text)) if w), 0)
                months = earlier_months or None
            role = reading.role
            if fig.role == "change" and not n.percent and fig.den is None:
                # "số hồ sơ tiếp nhận mới tăng 1.200 hồ sơ (từ 5.400 lên 6.600 hồ sơ)": the count is a change,
                # not the count of its label (the change rules check it against its two counts)
                role = "change"
            if role == "value" and not n.percent and fig.den is None and (per := average_per(pre_cut, post)) is not None:
                # "Quý I tiếp nhận 15.000 hồ sơ, bình quân mỗi tháng tiếp nhận 5.000 hồ sơ": an average over a unit of time,
                # no count of the period (calc.average holds one per month, quarter or year against it)
                role, months = "average", per or None
            elif role == "value" and earlier:
                role = "baseline"
            elif role == "value" and words_rx("target_words").search(text, sa, start):
                # "Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 99,5%": a target, not a result (a later period's
                # figure is not made one by its period alone: where the report's own period was read too early, its
                # figures would all be)
                role = "target"
            if ctx.meta.report_type in ("plan",) and role == "value":
                role = "target"
            clause = text[sa:start]
            line = block.line_at(start)
            if role == "share" and last_count is not None:
                qa = last_count[2]
            elif start in resp:
                qa = resp[start][2]
            else:
                qa = start - len(pre_cut)
                while qa < start and text[qa] in " ,;:)(-+":
                    qa += 1
                qa = min(qa, from_at) if from_at is not None else qa
            # a level read only after the figure's noun ("298 TTHC cấp huyện") is the figure's own words
            level_after = bool(post_level) and not own_level
            qb = end + (len(post) if post and (reading.label and reading.label.lower() in post.lower() or level_after)
                        else 0)
            quote = _quote(block, qa, qb, line, ctx.doc.lines) or _quote(block, start, end, line, ctx.doc.lines)
            fact = make_fact(ctx.meta, ctx.source_kind, n, reading.code, reading.unit, line=line, quote=quote,
                             label=reading.label, level=level, sign=reading.sign, period=period,
                             period_stated=stated, role=role, denominator=reading.denominator,
                             denominator_value=reading.denominator_value,
                             scope=fig_agency or _fact_scope(pre_cut, clause, head_scope, agency),
                             comparator=_comparator(pre[-40:]), window_months=months)
            out.append(fact)
            read_at[fi] = (len(out) - 1, reading)
            spans_at.append((start, fig.den.end if fig.den is not None else n.end))
            if fig.den is None and not n.percent and used_post:
                reuse = (end, dom_after) if dom_after else None
                end = end + len(post)
            elif level_after and fig.den is None and not n.percent:
                # "1.420 TTHC cấp tỉnh, 298 TTHC cấp huyện": the level after the noun was this figure's; the
                # next figure's clause starts after it (commas are no break here, _last_break)
                end = end + len(post)
            if fact.unit == "%":
                last_rate = fact if fact.role in ("value", "target") else last_rate
            elif last_count is not None and fig.den is None and _OVER_TOTAL_GAP.fullmatch(text, last_count[1], start) \
                    and fact.indicator in parents_of().get(last_count[0].indicator, ()):
                # "Số hồ sơ thanh toán trực tuyến là 8.120 hồ sơ trên tổng số 20.300 hồ sơ có yêu cầu nghĩa vụ tài chính, đạt
                # 40%": a base written "trên tổng số" after its part; the share after it is the part's (quoted from it)
                last_count = (last_count[0], end, last_count[2])
            else:
                last_count = (fact, end, start)
            prev_end = end
        _new_before_carried(out, sent_first, spans_at, text)
    if block.kind == "paragraph" and ctx.block_level is not None and block_level == ctx.block_level and \
            any(f.level != ctx.block_level for f in out if f.role == "value"):
        # "Cấp tỉnh tiếp nhận 45.210 hồ sơ, cấp xã tiếp nhận 80.120 hồ sơ, tổng cộng 125.330 hồ sơ": a paragraph
        # that opens on a level but goes on to others breaks the figures down by level; it is no section
        # of that level, and the next paragraphs are the whole unit's again
        ctx.block_level = None
    return out


def _both_levels(out: list[Fact], period) -> str | None:
    """The level of a count "of both levels": the two levels of the paragraph's counts so far joined ('huyen+xa'), or
    the whole unit where the two are its every level (tỉnh + xã from 1/7/2025); None unless exactly two are named."""
    levels = frozenset(f.level for f in out if f.level != TOTAL_LEVEL and f.unit != "%")
    if len(levels) != 2:
        return None
    if levels == {"huyen", "xa"}:
        return "huyen+xa"
    return TOTAL_LEVEL if levels in province_level_sets(period) else None


def _from_to(text: str, sa: int, a: Figure, z: Figure) -> int | None:
    """Where "từ" starts when `a` and `z` are the earlier and later figure of "từ A lên/xuống B" (two counts or two
    rates); else None."""
    if a.den is not None or z.den is not None or a.number.percent != z.number.percent or \
            not TO_LEAD.match(text[a.number.end:z.start]):
        return None
    m = FROM_LEAD.search(text, max(sa, a.start - 12), a.start)
    return m.start() if m else None


def _colon_whole(pre_cut: str, cands, active: list[str]) -> list[str]:
    """`active` with the whole a "label: part label: N" names before its inner colon ("Số hồ sơ đang giải
    quyết: quá hạn: 05 hồ sơ": the 05 are pending and overdue, not resolved late)."""
    head, sep, part = pre_cut.rstrip().rstrip(":").rpartition(":")
    if not sep or not part.strip() or not head.strip():
        return active
    whole = _choose(head, cands, active, from_right=True, max_gap=None)
    return active + [whole[1].code] if whole is not None else active


def _level_after_aside(text: str, at: int, sb: int) -> str | None:
    """The level named right after the aside that follows a count, in the count's clause: "Tổng số hồ sơ tiếp nhận là
    5.000 hồ sơ (gồm 4.200 hồ sơ mới và 800 hồ sơ tồn kỳ trước) tại Bộ phận Một cửa các sở, ngành" (the province's
    departments: the count's level and its aside's)."""
    k = _LEAD_SPACES.match(text, at).end()
    if k >= sb or text[k] != "(":
        return None
    close = _aside_close(text, k, sb)
    if close < 0:
        return None
    rest = text[close + 1:min(sb, close + 91)]
    return detect_level(rest[:_first_break(rest)])


_LEAD_SPACES = re.compile(r"\s*")


def _aside_close(text: str, k: int, sb: int) -> int:
    """Where the bracket opened at `k` closes before `sb` (nested brackets counted), or -1."""
    depth = 0
    for j in range(k, sb):
        c = text[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


@lru_cache(maxsize=None)
def _by_code() -> dict[str, Indicator]:
    """Each indicator code's own entry (an alias shares its code: the first entry of a code is its own)."""
    out: dict[str, Indicator] = {}
    for i in indicators():
        out.setdefault(i.code, i)
    return out


def _indicator(code: str | None) -> Indicator | None:
    return _by_code().get(code) if code else None


def _completing_part(fig: Figure, text, end, pre_cut, post, skip, dom_after, unit_noun, sent_domain, level, active,
                     before: list[str], offset: int, same_count: bool, own_text: str) -> Reading | None:
    """A sentence's first count read as the last part of the partition the paragraph's previous sentence stated
    ("Tổng số hồ sơ đã giải quyết là 48.760 hồ sơ, trong đó trước hạn 30.100 hồ sơ, đúng hạn 18.368 hồ sơ. Số hồ sơ
    quá hạn là 292 hồ sơ": the late ones), where its own sentence names no parent for its label: only when the
    previous sentence read both the part's whole and another of its parts, so that the part's meaning is fixed."""
    reading, _used = _count_reading(fig, text, end, pre_cut, post, skip, dom_after, unit_noun, sent_domain, level,
                                    active + before, "", offset, same_count=same_count, own_text=own_text)
    if reading is None or reading.role != "value" or reading.code in before:
        return None              # (a part already stated is a repeat, not the partition's last part)
    ind = _indicator(reading.code)
    if ind is None or not ind.under or not any(c in ind.under for c in before):
        return None
    return reading if siblings_of().get(ind.code, frozenset()) & set(before) else None


def _count_reading(fig: Figure, text, end, pre_cut, post, skip, dom_after, unit_noun, sent_domain, level,
                   active, lead_text, offset, same_count: bool = False, own_text: str = "") -> tuple[Reading | None, bool]:
    """A count (or 'a/b'): the label after it, or before it when closer; (reading, label was after). With
    `same_count` (a paragraph's figure, not a table cell's), also the labels of a domain that counts the same
    things as the figure's (reading.yml same_count: "1.102 TTHC được cung cấp dịch vụ công trực tuyến toàn
    trình" counts online services), ranked after its own domain's."""
    n = fig.number
    domain = dom_after or _domain_of(pre_cut) or sent_domain
    cands = _candidates(domain, False, same_count)
    got = _choose(post, cands, active, from_right=False, post_reach=skip + 30) if post.strip() else None
    used_post = got is not None
    # "Trong số hồ sơ đã giải quyết có 7.702 hồ sơ giải quyết trước hạn ...": the words before name the
    # whole the figure is part of; its own label is the one after it
    got2 = None if (got is not None and among_whole_rx().search(pre_cut.lower())) else \
        _choose(pre_cut, cands, _colon_whole(pre_cut, cands, active), from_right=True)
    if got2 is not None and words_rx("other_quantity").search(pre_cut, got2[2].end()):
        got2 = None          # "thanh toán trực tuyến giúp người dân tiết kiệm 1,2 tỷ đồng": a saving, not the label's amount
    if got2 is not None and post.strip():
        # "tiếp nhận 56 PAKN qua Hệ thống tiếp nhận, trả lời PAKN ..., 12 PAKN qua đường dây nóng": the words right after the
        # figure name a part of what the verb before it counts (a label `under` it), so the figure is that part
        # (before the label read there, if one was: "qua Hệ thống tiếp nhận" holds the verb again in the system's name)
        window = post if got is None else post[:got[2].start()]
        part = _choose(window, cands, active + [got2[1].code], from_right=False, post_reach=skip + 30) if window.strip() else None
        if part is not None and got2[1].code in part[1].under:
            return _reading_of(fig, part, text, end, unit_noun, dom_after, None), True
    if got2 is not None:
        gap_pre = len(re.sub(r"(?:khoảng|hơn|gần|trên|là|có|" + SHARE_VERB + r"|được)\s*$", "", pre_cut.lower().rstrip()).rstrip()) - got2[2].end()
        gap_post = got[2].start() - skip if got is not None else 99
        colon = pre_cut.rstrip().endswith(":")
        # "đã giải quyết 980 trên tổng số 1.000 hồ sơ tiếp nhận": the words after a base written as "tổng số" name
        # the base, where the words right before the figure name the figure
        over_total = fig.den is not None and "tổng số" in text[n.end:fig.den.start]
        # "Số hồ sơ thanh toán trực tuyến: 12.340 hồ sơ/25.600 hồ sơ có yêu cầu nghĩa vụ tài chính": the words after a
        # base that name the whole the label before the figure is a part of are the base's
        base_named = fig.den is not None and got is not None and got[1].code in parents_of().get(got2[1].code, ())
        if got is None or base_named or (gap_pre < gap_post and not colon) or \
                (gap_pre <= 2 and (0 <= gap_post <= 2 or over_total) and not colon):
            got, used_post = got2, False
    label = None
    alone = _after_part_marker(pre_cut)
    if got is None and active and ((level and (detect_level(pre_cut) or detect_level(post)))
                                   or _PERIOD_ALONE.fullmatch(re.split(r"[,;]", alone)[-1]) or _unit_alone(alone, own_text)):
        # "..., cấp huyện 1.234" or "gồm: 1.420 TTHC cấp tỉnh, 298 TTHC cấp huyện": a level named alone
        # (before the figure, or right after its noun) repeats the indicator just stated; so does a period
        # named alone ("tháng 7: 3.000 hồ sơ; tháng 8: 3.200 hồ sơ; ...") or a unit ("..., Sở Công Thương 1,7 ngàn HS")
        parent = _indicator(active[-1])
        if parent is not None and (dom_after is None or dom_after == parent.domain):
            got, label = (None, parent, None), pre_cut.strip(" :,;")[-40:]
    if got is None and ":" in pre_cut:
        # "Kết quả tiếp nhận hồ sơ quý III/2024 của Trung tâm ...: tổng số 6.540 hồ sơ": the clause before the colon
        # names the total
        clause, _colon, tail = pre_cut.rpartition(":")
        if _BARE_TOTAL.fullmatch(tail):
            got = _choose(clause, cands, active, from_right=True, max_gap=None)
        elif not tail.strip() and active and _BARE_TOTAL.fullmatch(clause.lstrip(" -+*•")):
            # "1. Tình hình tiếp nhận hồ sơ / - Tổng số: 12.345 hồ sơ.": a bare total item counts what its lead names
            parent = _indicator(active[-1])
            if parent is not None and (dom_after is None or dom_after == parent.domain):
                got, label = (None, parent, None), clause.strip(" -+*•:")
        elif not tail.strip() and (lp := _LISTED_PERIOD.search(clause)) and clause[:lp.start()].rstrip().endswith(":"):
            # "Số hồ sơ tiếp nhận theo từng tháng như sau: tháng 4: 3.200 hồ sơ; tháng 5: ...": the first of a list of
            # periods, which its lead names (the next ones repeat it: _PERIOD_ALONE)
            got = _choose(clause[:lp.start()].rstrip()[:-1], cands, active, from_right=True, max_gap=None)
    if got is None and lead_text and offset < 60:
        got = _choose(lead_text, cands, active, from_right=True, max_gap=None)
    if got is None:
        return None, used_post
    return _reading_of(fig, got, text, end, unit_noun, dom_after, label, pre_cut.strip(" :,")[-40:]), used_post


def _reading_of(fig: Figure, got: tuple, text: str, end: int, unit_noun: str, dom_after: str | None,
                label: str | None, fallback: str = "") -> Reading:
    """The Reading of a count whose label `_choose` picked (`label`: the words that name it, else the match's, else
    `fallback`)."""
    n = fig.number
    ind, m = got[1], got[2]
    unit = ind.unit if (not unit_noun or dom_after == ind.domain) else unit_noun
    if n.multiplier >= 1_000_000 and "đồng" in text[end:end + 12]:
        unit = "đồng"
    if label is None:
        label = m.group(0).strip() or fallback
    if fig.den is not None and not (ind.maximum is not None and fig.den.value == ind.maximum):
        # ("Dịch vụ trực tuyến 9,8/12 điểm" where the group has 22: a part of the group's points, over the maximum the
        # report states, which bound.max holds it against)
        return Reading(ind.code, unit, label, role="ratio", denominator_value=fig.den.value)
    # "78,5/100 điểm": a score written over its maximum is the score itself
    return Reading(ind.code, unit, label, denominator_value=fig.den.value if fig.den is not None else None)


# Two counts of different things joined after one verb: "đã tiếp nhận 156 cuộc gọi tư vấn, hướng dẫn và 24 phản ánh,
# kiến nghị" (the 24 were received too): the first count's noun phrase, then "và"
_JOINED_COUNT = re.compile(r"[^\d;:()%]{1,50}?\svà\s*")


def _shared_verb(text: str, sa: int, prev: Figure, fig: Figure, active: list[str]) -> Reading | None:
    """The reading of a count of another kind than the count before it that shares that count's verb
    (_JOINED_COUNT), read from the words before the first count; else None."""
    if fig.number.percent or prev.number.percent or fig.domain is None or prev.domain == fig.domain or \
            not _JOINED_COUNT.fullmatch(text, prev.number.end, fig.start):
        return None
    window = text[sa:prev.start]
    got = _choose(window[_last_break(window):], _candidates(fig.domain, False), active, from_right=True)
    return Reading(got[1].code, got[1].unit, got[2].group(0).strip()) if got is not None else None


# A base written after a count and its noun ("12.340 hồ sơ/25.600 hồ sơ")
_SLASH_BASE = re.compile(r"\s*/\s?\d")
# Between a part and its base written after it: "980 hồ sơ trên tổng số 1.000", "8.120 hồ sơ trong tổng số 20.300"
_OVER_TOTAL_GAP = re.compile(r"\s*(?:[^\d,;:.()]{1,20}?\s)?(?:trên|trong|so với) tổng số\s*", re.I)
# (these three written with the full words: vocab.abbreviated reads their short forms, "HS", too)
_SHARE_GAP = r"^\s*(?:hồ sơ|tthc|pakn|h/s|dvc)?\s*[(,]?\s*(?:\(?\s*(?:tỷ lệ|chiếm(?: tỷ lệ)?(?: đến)?|" + SHARE_VERB + r"(?: tỷ lệ)?)\s*)?$"


# a figure's own words that only say it is a total ("...: tổng số 6.540 hồ sơ")
_BARE_TOTAL = re.compile(r"\s*(?:tổng(?: số| cộng)?|cộng)(?: là| có)?\s*", re.I)


_NOUN_AFTER_RATE = r"\s*hồ sơ\b"
# the words between two rates of a run: a comma or semicolon, then the next rate's own words, no figure
# ("…đạt 99,95%; trong đó, cấp tỉnh 99,8%, cấp xã 99,97%": the levels' rates after a part marker)
_RATE_RUN_GAP = re.compile(r"\s*%?\s*[,;]\s*(?:và\s+|trong đó\s*[,:]?\s*)?([^\d%();:.]{2,40}?)\s*(?:" + SHARE_VERB + r"|là|chiếm)?\s*", re.I)


def _percent_reading(n, pre, post, active, last_count, last_rate, lead_text, restated_change: bool = False,
                     run_after: bool = False) -> Reading | None:
    """A percentage: share of the count before it, change, baseline, target or a stated rate. (`restated_change`: the
    annotation read it as a change; with no change word before it, it restates one: "tăng 1.234 hồ sơ (tương đương 8,5%)",
    of no count's share. `run_after`: the figure before it in its sentence is the stated rate `last_rate`.)"""
    low_pre = pre.lower()
    change = None
    for direction, rx in change_words().items():
        m = None
        for m in rx.finditer(low_pre[-20:]):
            pass
        if m and low_pre[-20:][m.end():].strip() in ("", "thêm", "tới", "đến"):
            change = direction
    if change:
        code = last_rate.indicator if last_rate else None
        if code is None:
            got = _choose(pre, _candidates(None, True), active, from_right=True) or (
                _choose(lead_text, _candidates(None, True), active, from_right=True) if lead_text else None)
            if got is None:
                return None
            code = got[1].code
        return Reading(code, "%", change, role="change", sign=-1 if change == "decrease" else 1)
    if restated_change:
        return None
    if last_count is not None and abbreviated(_SHARE_GAP, re.I).match(pre):
        cf = last_count[0]
        return Reading(cf.indicator, "%", pre.strip(" (,"), role="share", denominator=_denominator(cf.indicator, active))
    got = _choose(pre[_last_break(pre):] if _last_break(pre) < len(pre) - 3 else pre, _candidates(None, True), active, from_right=True)
    if got is None:
        got = _choose(pre, _candidates(None, True), active, from_right=True)
    if got is None and lead_text:
        got = _choose(lead_text, _candidates(None, True), active, from_right=True)
    if got is None and last_rate is not None and re.search(r"(?:bình quân|" + SHARE_VERB + r")\s*$", low_pre.strip() + " "):
        return Reading(last_rate.indicator, "%", "đạt")
    if got is None and run_after and (run := _RATE_RUN_GAP.fullmatch(pre)) is not None:
        # "Tỷ lệ giải quyết đúng hạn 99,4%, trễ hạn 0,6%": the next rate of a run, named by its words under the first's
        # "tỷ lệ"; "… đúng hạn cấp tỉnh đạt 99,4%, cấp huyện 98,2%": the first's rate at the level its words name
        words = run.group(1).strip()
        got = _choose("tỷ lệ " + words, _candidates(None, True), active, from_right=True)
        if got is None and any_level_phrase(current_unit()).fullmatch(words.lower()):
            return Reading(last_rate.indicator, "%", words)
    if got is None and abbreviated(_NOUN_AFTER_RATE, re.I).match(post):
        # "..., đạt 99,82% hồ sơ đúng hạn": the words after the rate name it, as "tỷ lệ hồ sơ đúng hạn" would
        got = _choose("tỷ lệ " + post.strip()[:60], _candidates(None, True), active, from_right=False, post_reach=8)
    if got is None:
        return None
    return Reading(got[1].code, "%", got[2].group(0).strip()[:80], denominator=_rate_base(low_pre, post.lower(), active))


def _rate_base(low_pre: str, low_post: str, active: list[str]) -> str:
    """The indicator the base a stated rate names in words reads as (a count's code), else the words naming it, else "":
    after its label ("Tỷ lệ DVC toàn trình trên tổng số TTHC đủ điều kiện đạt 61,14%", annotate.BASE_BEFORE) or after
    the figure ("đạt 98% trên tổng số hồ sơ đã giải quyết", annotate.BASE_AFTER)."""
    m = BASE_BEFORE.search(low_pre[-120:]) or BASE_AFTER.match(low_post)
    if m is None:
        return ""
    words = m.group(1).strip()
    got = _choose(words, _candidates(_domain_of(words), False), active, from_right=True, max_gap=None, need_parent=False)
    if got is None or got[2].end() < len(words) - 2:
        return words          # (words after the count's label name a subset: "TTHC có đủ điều kiện" is not all TTHC)
    before = words[:got[2].start()].strip()
    # before the label, nothing or the count's noun only ("hồ sơ đã giải quyết")
    return got[1].code if not before or len(noun_at(before)[0]) >= len(before) else words


# ---------------------------------------------------------------- tables

def _is_keyvalue(labels: list[str]) -> tuple[int, int, int | None] | None:
    """Row-wise tables (indicator per row): (label col, value col, unit col)."""
    low = [l.lower() for l in labels]
    lab = next((j for j, l in enumerate(low) if re.search(r"chỉ tiêu|nội dung", l)), None)
    val = next((j for j, l in enumerate(low) if re.search(r"số liệu|giá trị", l)), None)
    unit = next((j for j, l in enumerate(low) if "đơn vị tính" in l), None)
    if lab is not None and val is not None:
        return lab, val, unit
    return None


def extract_table(ctx: Ctx, block: Block) -> list[Fact]:
    rows = block.rows
    if len(rows) < 2:
        return []
    start, _ = table_layout(rows)
    labels = column_labels(rows, start)
    low_labels = [l.lower() for l in labels]
    if ctx.meta.report_type == "plan" and any("nội dung" in l for l in low_labels):
        return _extract_plan_table(ctx, rows, labels)
    kv = _is_keyvalue(labels)
    if not kv and (pcols := _period_columns(ctx, labels)) is not None:
        active: list[str] = []        # the rows above name the context of a row below ("Đã giải quyết", then "Quá hạn")
        out = []
        for r in rows[start:]:
            got = _period_row(ctx, r, labels, pcols, active)
            active.extend(f.indicator for f in got[:1])
            out.extend(got)
        return out
    # a window a column's header states ("Số liệu 5 tháng đầu năm", "Tiếp nhận đến ngày 31/5/2022")
    # holds for every figure of that column that does not state its own
    col_months = [window_months(l, ctx.period, ctx.year)[0] for l in labels]
    out: list[Fact] = []
    section: tuple[str, float] | None = None     # (its number, months) of a section row stating a window
    for r in rows[start:]:
        if kv:
            lab_c, val_c, unit_c = kv
            if len(r) <= val_c:
                continue
            note = r[val_c + 1] if val_c + 1 < len(r) else None
            num = _section_number(r[0].text) if lab_c > 0 else ""
            if section and not (num.startswith(section[0]) and num != section[0]):
                section = None                   # past the section's own rows (3.4.1., 3.4.2., ...)
            if num and not r[val_c].text.strip() and note is not None and note.text:
                # "3.4. Kết quả giải quyết TTHC | | Số liệu tính đến ngày 14/3/2021": its rows 3.4.x
                months = window_months(note.text, ctx.period, ctx.year)[0]
                section = (num, months) if months is not None else None
            months = col_months[val_c] if section is None else section[1]
            out.extend(_with_window(_kv_row(ctx, r, r[lab_c].text, r[val_c],
                                            r[unit_c].text if unit_c is not None and unit_c < len(r) else "",
                                            note), months))
        else:
            out.extend(_grid_row(ctx, r, labels, col_months))
    return out


# A column header that is a period and nothing more ("Quý I", "Tháng 5/2024", "Năm 2023", "Cả năm"): at most this
# many letters besides the period's own words ("(số liệu)", "cả")
_PERIOD_HEADER_REST = 8
# (the columns' total, the report's own period: "Tổng cộng", "Cả kỳ"; not "Lũy kế", a running total that may be longer)
_WHOLE_PERIOD_HEADER = re.compile(r"^\W*(?:cả kỳ|tổng cộng|tổng|cộng)\W*$", re.I)


def _period_columns(ctx: Ctx, labels: list[str]) -> list[tuple[str, str, bool] | None] | None:
    """A table whose columns are periods and whose rows are indicators ("Chỉ tiêu | Quý I | Quý II | Quý III | Quý IV |
    Cả năm"): each column's (period key, stated label, earlier than the report), None for a column of another kind; None
    unless two columns or more are periods and the first is not."""
    out: list[tuple[str, str, bool] | None] = []
    for j, lab in enumerate(labels):
        text = lab.split(" / ")[-1].strip()
        if j == 0 or not text:
            out.append(None)
            continue
        if _WHOLE_PERIOD_HEADER.match(text):
            out.append((ctx.period.key if ctx.period else UNKNOWN, "", False))
            continue
        out.append(_period_name(ctx, text))
    return out if sum(1 for c in out if c is not None) >= 2 and labels and not find_periods(labels[0], ctx.year) else None


def _period_name(ctx: Ctx, text: str) -> tuple[str, str, bool] | None:
    """(period key, stated label, earlier than the report) of a table's header or row name that is a period and little
    else ("Quý I", "Tháng 4", "Cùng kỳ năm 2023"); None for any other name."""
    ps = find_periods(text, ctx.year)
    rest = text
    for _p, b, e in reversed(ps):
        rest = rest[:b] + rest[e:]
    if not ps or len(re.sub(r"[\W\d_]", "", rest)) > _PERIOD_HEADER_REST:
        return None
    return _fact_period(ctx, text, "")


def _period_row(ctx: Ctx, row: list[Cell], labels: list[str], pcols: list, active: list[str]) -> list[Fact]:
    """One indicator's row of a table by period: each period column's figure, with that period."""
    texts = [c.text for c in row]
    name = next((t for t in texts[:2] if t and not _STT.match(t) and not re.fullmatch(r"[\d.,\-]+", t)), "")
    if not name:
        return []
    low = name.lower()
    rate = rate_header(name) or "tỷ lệ" in low
    got = _choose(low, _candidates(None, True) if rate else _count_candidates(_domain_of(low)), active, from_right=True,
                  max_gap=None, need_parent=False)
    if got is None or (rate and got[1].unit != "%"):
        return []
    out = []
    for j, c in enumerate(row):
        # (a period's column holds figures only: "52.300" or "52300" alike)
        if j >= len(pcols) or pcols[j] is None or not (_PLAIN_COUNT.fullmatch(c.text) or _DIGITS.fullmatch(c.text)):
            continue
        key, stated, earlier = pcols[j]
        value, dec = parse_number(c.text)
        out.append(make_fact(ctx.meta, ctx.source_kind, Number(value, dec, percent=rate, raw=c.text), got[1].code, got[1].unit,
                             line=c.line, quote=c.raw.strip(), label=f"{name[:80]} / {labels[j][:40]}",
                             level=detect_level(low) or TOTAL_LEVEL, scope=_scope(low), period=key, period_stated=stated,
                             role="baseline" if earlier else "value"))
    return out


_SECTION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")


def _section_number(stt: str) -> str:
    """'3.4.' -> '3.4.', '3.4.1' -> '3.4.1.' (a row's dotted number, ending in a dot); '' for none."""
    t = re.sub(r"<[^>]+>", "", stt).strip()
    if not _SECTION_NUMBER.fullmatch(t):
        return ""
    return t if t.endswith(".") else t + "."


def _with_window(facts: list[Fact], months: float | None) -> list[Fact]:
    """The facts of one table column, with the window its header states where they state none."""
    if months is None:
        return facts
    return [f if f.window_months is not None else replace(f, window_months=months) for f in facts]


def _cell_block(cell: Cell) -> Block:
    from .read import clean_line
    text, pos, refs = clean_line(cell.raw, cell.line, cell.col)
    return Block(kind="item", text=text, line=cell.line, pos=pos, refs=refs)


def _kv_row(ctx: Ctx, row: list[Cell], label: str, vcell: Cell, unit: str, note: Cell | None) -> list[Fact]:
    out = []
    vtext = vcell.text
    nums = find_numbers(vtext)
    low = label.lower()
    if len(nums) == 1 and re.fullmatch(r"\s*[\d.,]+\s*(?:%|\(\d+\))?\s*", vtext):
        n = nums[0]
        got = _choose(low, _candidates(None, True) if unit.strip() == "%" else _count_candidates(None), [], from_right=True)
        code = got[1].code if got else "other"
        quote = ctx.doc.lines[vcell.line - 1][row[1].col if len(row) > 1 else 0: vcell.col + len(vcell.raw)].strip()
        months = window_months(note.text, ctx.period, ctx.year)[0] if note is not None and note.text else None
        out.append(make_fact(ctx.meta, ctx.source_kind, n, code, unit.strip() or (got[1].unit if got else ""),
                             line=vcell.line, quote=quote, label=label[:120], level=detect_level(low) or TOTAL_LEVEL,
                             scope=_scope(low), window_months=months))
    elif nums:
        facts = extract_block(ctx, _cell_block(vcell), lead_text=label)
        if unit.strip() == "%":
            facts = _as_rates(facts, low, vtext)
        # the row's label names the subset ("Tỷ lệ hồ sơ về lĩnh vực đất đai ...") for each of its figures
        row_scope = _scope(low)
        out.extend(replace(f, scope=row_scope) if row_scope and not f.scope else f for f in facts)
    if note is not None and note.text and find_numbers(note.text):
        out.extend(extract_block(ctx, _cell_block(note), lead_text=label))
    return out


def _as_rates(facts: list[Fact], label: str, cell: str) -> list[Fact]:
    """A row whose unit column says "%" and whose value cell lists several figures ("- Cấp tỉnh: 83
    - Cấp huyện: 70,4"): figures read as counts only because the row's label names dossiers (no unit
    written in the cell) are the row's rate, by level."""
    got = _choose(label, _candidates(None, True), [], from_right=True)
    code = got[1].code if got else "other"
    low = cell.lower()
    return [replace(f, indicator=code, unit="%") if f.unit != "%" and f.unit.lower() not in low else f
            for f in facts]


_PLAIN_COUNT = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?")
# ... or written without its thousands dots ("52300"): a count in a table's count column
_DIGITS = re.compile(r"\d+")
# a row's number in its first cell ("1", "2.1.", "IV", "a)"): the row a code may follow, not a name
_ROW_NUMBER = re.compile(r"[IVX]{1,5}\.?|\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)")


def _column_domain(labels: tuple, j: int) -> str | None:
    """The domain of column j: its own header's noun, else that of the nearest column before it whose header names
    one ("Số quyết định công bố | Tổng số TTHC công bố | Ban hành mới | Sửa đổi, bổ sung | Bãi bỏ": the last three
    count TTHC, as the total before them does, not the decisions the table names first)."""
    for k in range(j, -1, -1):
        dom = _domain_of(labels[k])
        if dom is not None:
            return dom
    return None
_STT_HEADER = re.compile(r"^(?:stt|tt|số tt|số thứ tự)$", re.I)


def _grid_row(ctx: Ctx, row: list[Cell], labels: list[str], col_months: list[float | None]) -> list[Fact]:
    """Annex forms: one indicator per column; total rows are province totals, others carry a scope (a unit's or a field's
    row is read too, so that the calculation model holds each row: "Sở Xây dựng | 560 | 540 | 30")."""
    out = []
    texts = [c.text for c in row]
    name = next((t for t in texts[:3] if t and not _STT.match(t) and not re.fullmatch(r"[\d.,\-]+", t)), "")
    is_total = any(total_row_rx(colon=True).match(t.strip()) for t in texts[:3] if t)   # ("Tổng", "Tổng cộng:" too, as the checker reads them)
    # a row named by a level alone ("Cấp tỉnh", "UBND cấp huyện") is that level's total
    row_level = detect_level(name.lower()) if not is_total and name and len(name) <= SETTINGS.level_row_name else None
    # a row named by a period alone ("Tháng 1 | 45.120 | 44.300", "Quý I | 125.330 | ..."): its figures are that period's
    # (its months summed into its quarter by calc.months), not a subset named "Tháng 1"
    row_period = _period_name(ctx, name) if name and not is_total and not row_level else None
    table_dom = _domain_of(" ".join(labels))
    row_codes: list[str] = []
    for j, c in enumerate(row):
        if j >= len(labels) or not c.text:
            continue
        # (the row number's own column is no count: "68.636" in a count column is, though it reads like "1.2")
        # (a figure written without its thousands dots, "5230", too: past the second column, or in it where the first
        # names the row, "Cấp tỉnh | 5230 | 5100", not a row number a code could follow)
        if _PLAIN_COUNT.fullmatch(c.text) and j > 0 and not _STT_HEADER.match(labels[j].strip()) or \
                (_DIGITS.fullmatch(c.text) and (j > 1 or j == 1 and bool(texts[0]) and not _ROW_NUMBER.fullmatch(texts[0])
                                                    and not _STT_HEADER.match(labels[1].strip()))):
            lab = labels[j]
            parts = [p.lower() for p in lab.split(" / ")]
            got = None
            col_dom = _column_domain(tuple(labels), j) or table_dom
            deepest = parts[-1] if parts else ""
            if len(parts) > 1 and deepest.strip(" :") in word_list("when_headers") and not \
                    ("nhận" in parts[-2] and _choose(deepest, _count_candidates(col_dom), [], from_right=True,
                                                     max_gap=None, need_parent=False)):
                # "... / Đã xử lý / Tổng số / Trong kỳ": the header says when; what, only its group (but under a
                # group of what was received it says what too: "Số hồ sơ nhận giải quyết / Từ kỳ trước", Biểu
                # II.06c column (6), is the carried-over count; "Số lượng PAKN được tiếp nhận / ... / Trong kỳ",
                # Biểu II.05b, the new PAKN)
                continue
            tries = [deepest] + ([parts[-2]] if len(parts) > 1 and re.fullmatch(r"tổng(?: số)?|cộng", deepest.strip()) else [])
            # (a group header's noun may be no count's: "Kết quả giải quyết / Trước hạn" is of the table's dossiers)
            rate = rate_header(lab)          # "Tỷ lệ đúng hạn (%)": a rate, not a count of its words
            for p, dom in [(p, d) for d in dict.fromkeys((col_dom, table_dom)) for p in tries]:
                # the row's earlier columns are the context of its later ones ("Đúng hạn | Quá hạn")
                got = _choose(p, _candidates(None, True) if rate else _count_candidates(dom), row_codes,
                              from_right=True, max_gap=None, need_parent=False)
                if got:
                    break
            if not got or (rate and got[1].unit != "%"):
                continue
            value, dec = parse_number(c.text)
            if not rate:
                row_codes.append(got[1].code)
            when = {"period": row_period[0], "period_stated": row_period[1],
                    "role": "baseline" if row_period[2] else "value"} if row_period else {}
            out.append(make_fact(ctx.meta, ctx.source_kind, Number(value, dec, percent=rate, raw=c.text), got[1].code, got[1].unit,
                                 line=c.line, quote=c.raw.strip(), label=lab[:120], level=row_level or TOTAL_LEVEL,
                                 scope="" if is_total or row_level or row_period else (name or "")[:80],
                                 window_months=col_months[j], **when))
        elif len(c.text) > 40 and find_numbers(c.text):
            out.extend(_with_window(extract_block(ctx, _cell_block(c), lead_text=labels[j]), col_months[j]))
    return out


def rate_column_indicator(label: str) -> str | None:
    """The rate indicator a table's rate column names, as extract_table reads it ("Tỷ lệ đúng hạn (%)": rate.on_time);
    None for a rate no indicator names ("Tỷ lệ toàn trình (%)" beside services: checks_tables reads it off its rows)."""
    deepest = label.split(" / ")[-1].lower()
    got = _choose(deepest, _candidates(None, True), [], from_right=True, max_gap=None, need_parent=False)
    return got[1].code if got and got[1].unit == "%" else None


_DEADLINE = re.compile(r"(?:tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d{2}))|(?:quý\s+([IV]+|[1-4])\s+năm\s+((?:19|20)\d{2}))|(?:năm\s+((?:19|20)\d{2}))", re.I)


def parse_deadline(text: str) -> str:
    """'Tháng 5/2023' -> '2023-05'; 'Quý I năm 2022' -> '2022-Q1'; 'Năm 2025' -> '2025'."""
    m = _DEADLINE.search(text)
    if not m:
        return ""
    if m.group(1):
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    if m.group(3):
        return f"{m.group(4)}-Q{quarter_number(m.group(3))}"
    return m.group(5)


def _extract_plan_table(ctx: Ctx, rows: list[list[Cell]], labels: list[str]) -> list[Fact]:
    low = [l.lower() for l in labels]
    task_c = next((j for j, l in enumerate(low) if "nội dung" in l), 1)
    resp_c = next((j for j, l in enumerate(low) if "thực hiện" in l and "cơ quan" in l), None)
    when_c = next((j for j, l in enumerate(low) if "thời gian thực hiện" in l), None)
    out = []
    for r in rows[1:]:
        if len(r) <= task_c:
            continue
        task = r[task_c]
        deadline = parse_deadline(r[when_c].text) if when_c is not None and when_c < len(r) else ""
        if not deadline:
            deadline = next((parse_deadline(c.text) for c in r[task_c + 1:] if parse_deadline(c.text)), "")
        resp = r[resp_c].text if resp_c is not None and resp_c < len(r) else ""
        facts = extract_block(ctx, _cell_block(task))
        taken = {f.line and f.value for f in facts}
        for n in find_numbers(task.text):
            if n.value in taken:
                continue
            facts.append(make_fact(ctx.meta, ctx.source_kind, n, "plan.target",
                                   "%" if n.percent else _unit_after(task.text[n.end:n.end + 20])[1],
                                   line=task.line, quote=task.raw.strip(), label=task.text[:120]))
        pct = [f for f in facts if f.unit == "%"]
        named = next((f.indicator for f in pct if f.indicator != "plan.target"), None)
        if named is None and pct:
            got = _choose(task.text, _candidates(None, True), [], from_right=False, max_gap=None, post_reach=10_000)
            named = got[1].code if got else None
        when_text = r[when_c].text if when_c is not None and when_c < len(r) else ""
        if deadline and any(w in when_text.lower() for w in word_list("from_words")):
            deadline = "từ " + deadline          # "Tháng 01/2023 trở đi": from then on, every year
        kinds = _target_kinds(task.text)
        resp_levels = _respectively(task.text)
        by_level = len(resp_levels) == len(pct) and resp_levels
        levels = iter(resp_levels) if by_level else None
        done = []
        for f in facts:
            # a plan row states targets: its deadline, who is responsible and (for "tương ứng") the level
            is_pct = f.unit == "%"
            kind = kinds.get(f.value) if is_pct else None
            done.append(replace(
                f, role="target", deadline=deadline, responsible=resp,
                comparator=kind or f.comparator or _comparator(task.text), label=f.label or task.text[:120],
                indicator=named if (is_pct and named and f.indicator == "plan.target") else f.indicator,
                level=next(levels) if (is_pct and levels is not None) else f.level))
        out.extend(done)
    return out


def _target_kinds(text: str) -> dict[float, str]:
    """Percentages of a plan row that are a yearly increment ('+/năm') or its cap ('cap'), by value."""
    out: dict[float, str] = {}
    low = text.lower()
    for kind, words in (("+/năm", word_list("increment_words")), ("cap", word_list("cap_words"))):
        rx = r"(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\s+(\d+(?:,\d+)?)\s*%"
        for m in re.finditer(rx, low):
            out[parse_number(m.group(1))[0]] = kind
    return out


def _respectively(text: str) -> list[str]:
    """'tương ứng 30%, 20%, 15% đối với ... cấp tỉnh, cấp huyện, cấp xã' -> ['tinh', 'huyen', 'xa']."""
    if "tương ứng" not in text.lower():
        return []
    tail = text.lower().split("tương ứng", 1)[1]
    order = []
    for m in re.finditer(r"cấp (tỉnh|huyện|xã)", tail):
        order.append({"tỉnh": "tinh", "huyện": "huyen", "xã": "xa"}[m.group(1)])
    return order


# ---------------------------------------------------------------- document

_APPENDIX = re.compile(r"^\W*(?:phụ lục|PHỤ LỤC|Phụ lục)\b")


def extract_facts(doc: Document, meta: DocMeta, ann: Annotated | None = None) -> list[Fact]:
    """Every fact in a document, in reading order, from its annotation (made here when not given)."""
    use_unit(meta.unit)              # (annotate does too; an annotation passed in may be another report's turn)
    ctx = Ctx(doc=doc, meta=meta, ann=ann if ann is not None else annotate(doc, meta))
    out: list[Fact] = []
    lead_text = ""
    sections, period_heads = section_levels(doc), section_period_heads(doc)
    for i, b in enumerate(doc.blocks):
        if b.kind == "heading":
            ctx.section_level = sections.get(i)
            ctx.section_period_head = period_heads.get(i, "")
            # "1. Tiếp nhận hồ sơ / Bộ phận Một cửa huyện tiếp nhận 1.245 hồ sơ ... / 2. Kết quả giải quyết / Đã giải
            # quyết 1.198 hồ sơ": a level a paragraph set holds under the next heading of the same depth that names
            # none (its sibling topic), not under a heading above it nor one naming a level or the whole unit
            sibling = ctx.level_depth is not None and b.depth == ctx.level_depth and ctx.section_level is None \
                and not names_whole_unit(b.text) and not detect_level(b.text)
            ctx.block_level = ctx.block_level if sibling and ctx.block_level else ctx.section_level
            ctx.level_depth = ctx.level_depth if sibling else None
            ctx.heading_depth = b.depth
            ctx.lead, ctx.lead_domain, ctx.lead_level, lead_text = [], None, None, ""
            if (lead := _heading_lead(b.text)) is not None:
                ctx.lead = [lead]        # (its words are no item's label: only a bare total is its count, _count_reading)
            ctx.list_facts = []
            if _APPENDIX.match(b.text):
                ctx.in_appendix = True
            continue
        if _APPENDIX.match(b.text):
            ctx.in_appendix = True
        base_kind = "appendix" if ctx.in_appendix else "text"
        if b.kind == "table":
            ctx.source_kind = "appendix" if ctx.in_appendix else "table"
            ctx.list_facts = []
            out.extend(extract_table(ctx, b))
            continue
        ctx.source_kind = "footnote" if b.kind == "footnote" else base_kind
        if b.kind == "footnote":
            out.extend(extract_block(ctx, b, bi=i))
            continue
        if b.kind == "item":
            facts = extract_block(ctx, b, lead_text=lead_text, bi=i)
            ctx.list_facts.extend(facts)
            if any(f.indicator in received_flows() for f in facts):      # (a list's total comes with a received count)
                _new_in_list(ctx.list_facts, out, facts)
        else:
            ctx.lead, ctx.lead_domain, ctx.lead_level, lead_text = [], None, None, ""
            facts = extract_block(ctx, b, bi=i)
            ctx.list_facts = []
        out.extend(facts)
        if b.text.rstrip().endswith(":"):
            lead_text = b.text
            ctx.lead_domain = _domain_of(b.text)
            ctx.lead_level = detect_level(b.text)
            ctx.lead = [f.indicator for f in facts]
    own = _own_agency(ctx)
    if own:
        out = [replace(f, scope="") if f.scope == own else f for f in out]
    if doc.line_refs:
        out = [replace(f, ref=doc.ref(f.line)) for f in out]
    return out


def _heading_lead(text: str) -> str | None:
    """The one count a short heading without figures names, which leads the list under it ("1. Tình hình tiếp nhận hồ sơ"
    over "- Tổng số: 12.345 hồ sơ. - Trực tuyến: 8.000 hồ sơ. ..."); None where it names none or more than one ("Kết quả
    tiếp nhận, giải quyết hồ sơ": its list's bare total may be either)."""
    if len(text) > SETTINGS.lead_reach + 40 or find_numbers(text):
        return None
    cands = _candidates(_domain_of(text), False)
    got = _choose(text, cands, [], from_right=True, max_gap=None)
    if got is None:
        return None
    m = got[2]
    rest = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return None if _choose(rest, cands, [], from_right=True, max_gap=None) is not None else got[1].code


# A received count named by the bare verb ("tiếp nhận 3.412 hồ sơ"), as opposed to a total ("tổng số hồ sơ
# tiếp nhận"): see _new_before_carried
_BARE_RECEIVED = r"(?:đã )?tiếp nhận(?: được)?"      # (vocab.abbreviated: "đã nhận được" too)
# ... and after the carried-over count, "tiếp nhận trong kỳ" too (the form's "mới tiếp nhận"), see below
_RECEIVED_IN_PERIOD = r"(?:(?:số )?hồ sơ )?(?:đã )?tiếp nhận(?: được)?(?: trong kỳ(?: báo cáo)?)?"     # (vocab.abbreviated)


def _new_before_carried(out: list[Fact], first: int, spans_at: list[tuple[int, int]], text: str) -> None:
    """In place: "tiếp nhận 3.412 hồ sơ, kỳ trước chuyển sang 286 hồ sơ; tổng số hồ sơ phải giải quyết là 3.698":
    a count named by the bare "tiếp nhận" with the carried-over count beside it (its sibling, not one of its
    parts) is the new dossiers: the carried-over ones come on top of it (Biểu II.06c: received = new + carried
    over). Not where the sentence states a new count of its own, nor where the carried-over count follows
    a part marker or a bracket ("tiếp nhận 3.698 hồ sơ, trong đó kỳ trước chuyển sang 286").
    After the carried-over count ("Tổng số hồ sơ: 5.320 hồ sơ (kỳ trước chuyển sang: 120 hồ sơ; tiếp nhận trong kỳ:
    5.200 hồ sơ)") only where the sentence states another received count, which is then the total."""
    facts = out[first:]
    flows, stated = received_flows(), {f.indicator for f in facts}
    for k in range(len(facts) - 1):
        a, b = facts[k], facts[k + 1]
        after = b.indicator in flows and a.indicator == flows[b.indicator][1]
        r, c = (b, a) if after else (a, b)
        new, carried = flows.get(r.indicator, ("", ""))
        if c.indicator != carried or r.role != "value" or c.role != "value" \
                or (r.level, r.scope, r.period) != (c.level, c.scope, c.period) or new in stated:
            continue
        if not abbreviated(_RECEIVED_IN_PERIOD if after else _BARE_RECEIVED, re.I).fullmatch(r.label.strip()):
            continue
        if after and not any(f.indicator == r.indicator and f.role == "value" and f.value != r.value
                             and (f.level, f.scope, f.period) == (r.level, r.scope, r.period) for f in facts):
            continue
        gap = text[spans_at[k][1]:spans_at[k + 1][0]]
        # (a bracket still open at the carried-over count holds a part: "tiếp nhận 3.698 hồ sơ (kỳ trước chuyển sang 286 …";
        # one closed before it is an aside: "tiếp nhận 56 phản ánh, kiến nghị (PAKN) …; kỳ trước chuyển sang 4 PAKN")
        if (gap.count("(") > gap.count(")") and not after) or marker_rx().search(gap):
            continue
        out[first + k + (1 if after else 0)] = replace(r, indicator=new)


def _new_in_list(items: list[Fact], out: list[Fact], last: list[Fact]) -> None:
    """In place: a list's items "- Kỳ trước chuyển sang: 1.234 hồ sơ; - Tiếp nhận trong kỳ: 5.678 hồ sơ; - Tổng số: 6.921
    hồ sơ": the count received in the period after the carried-over one, with a larger received total in the list
    beside them, is the new dossiers (as _new_before_carried reads one sentence). `last`: the newest item's facts, which
    are replaced in `out` (the earlier ones already are) as in `items`."""
    flows = received_flows()
    for k in range(1, len(items)):
        c, r = items[k - 1], items[k]
        if r.indicator not in flows or c.indicator != flows[r.indicator][1] or r.role != "value" \
                or c.role != "value" or (r.level, r.scope, r.period) != (c.level, c.scope, c.period) \
                or not abbreviated(_RECEIVED_IN_PERIOD, re.I).fullmatch(r.label.strip()):
            continue
        if not any(f.indicator == r.indicator and f.role == "value" and f.value > r.value
                   and (f.level, f.scope, f.period) == (r.level, r.scope, r.period) for f in items):
            continue
        new = replace(r, indicator=flows[r.indicator][0])
        items[k] = new
        for seq in (out, last):
            for j, f in enumerate(seq):
                if f is r:
                    seq[j] = new


_LISTED_PERIOD = re.compile(r"(?<![\wÀ-ỹ])(?:tháng|quý)\s+[\dIVXivx]{1,4}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?\s*$", re.I)
_RIENG_LEAD = re.compile(r"^\W*riêng\b", re.I)
# A clause that is a month or quarter named alone before its figure ("; tháng 8: 3.200"): no label of its own
# (also before "là": "Số hồ sơ tiếp nhận: quý I là 10.000 hồ sơ, quý II là 12.500 hồ sơ"; and the periods' total after
# them, a total word before a half year, nine months or year: "...; tổng cộng 6 tháng đầu năm là 22.000 hồ sơ", "tổng cộng 6
# tháng là 22.600 hồ sơ")
_PERIOD_ALONE = re.compile(r"[\s,;:]*(?:(?:(?:tổng cộng|tổng số|tổng|cộng|tính chung|cả)\s+)?(?:tháng|quý)\s+[\dIVXivx]{1,4}"
                           r"(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
                           r"|(?:tổng cộng|tổng số|tổng|cộng|tính chung|cả)\s+(?:(?:(?:6|sáu|9|chín)\s+tháng(?:\s+đầu)?\s+)?năm"
                           r"(?:\s+\d{4})?|(?:6|sáu|9|chín)\s+tháng))[\s:,]*(?:là\s*)?", re.I)


def _after_part_marker(pre_cut: str) -> str:
    """A figure's own words after the last break and a part marker opening them (", trong đó tháng 1: 3.200 hồ sơ",
    ", trong đó UBND thành phố Thanh Hóa 8.000 hồ sơ"): what names the part."""
    words = re.split(r"[,;]", pre_cut)[-1]
    m = _opens_on_parts().match(words)
    return words[m.end():] if m else pre_cut


def _unit_alone(pre_cut: str, own_text: str = "") -> bool:
    """Whether a figure's own words are a named unit and nothing else (", Sở Công Thương 1,7 ngàn HS"), one that is
    not the report's own (its count is that unit's: agency_subject)."""
    words = re.split(r"[,;:]", pre_cut)[-1].strip(" -+")
    unit = agency_subject(words, own_text) if words and words[0].isupper() else None
    return bool(unit) and len(unit) >= len(words) - 1


def _own_agency(ctx: Ctx) -> str | None:
    """The one unit a report names as its subject, where it is the report's own unit though its heading
    does not name it: a press article on a district ("Năm 2023, UBND huyện Cư Jút tiếp nhận 12.000 hồ sơ
    ...; Huyện đã giải quyết ..."), whose figures are that unit's as a whole. So when the report names
    one unit only, in its first sentence with figures, never as a part ("Riêng ...") and with no sentence
    led by the whole province beside it. (A unit named later, "Huyện Lập Thạch ... với tỷ lệ chậm muộn
    0,33%", is a part of what the report opened on.)"""
    if len(ctx.agencies) != 1 or ctx.whole_unit_led:
        return None
    (name, part), = ctx.agencies.items()
    return name if not part and ctx.first_agency == name else None
