"""Annotate a Document once: sentences, located figures and the relations between them.

Every later stage (facts, checks) reads this instead of re-parsing raw text. A *figure* is a stated
number (an interval, with its qualifier and multiplier) together with the unit noun it counts, that
noun's domain, its category (which part of the dossier flow, which kind of procedure), the level,
scope and period it is stated for (inherited from headings, paragraph leads and earlier sentences
until the text changes them), its role (value, share, change, threshold, comparison) and where it
stands (line, column, quote).

Relations are discovered here, once:
- parts of a total: "trong đó / gồm / bao gồm", a parenthesised list, "Trong đó, ..." opening the
  next sentence; total and parts must count the same unit noun;
- shares: "N hồ sơ (đạt x%)" with the count they are a share of and every plausible base;
- rate groups: shares and rates of one total in one context, whose sum is bounded by 100 %;
- repeated paragraphs: the same paragraph printed twice must state the same figures.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice, takewhile

from .memo import current_unit, per_document, use_unit
from .meta import DocMeta
from .numbers import Number, find_fractions, find_numbers
from .periods import find_periods
from .read import Block, Document, span_cols
from .settings import SETTINGS
from .vocab import (CASE_VARIANT_CHARS, CASE_VARIANTS, abbreviated, among_whole_rx, compared_at, ancestors, any_category_word, count_class, any_level_phrase, category_table, category_words, domain_categories, context_aliases, complete_level_sets, complete_levels, province_level_sets, level_phrases, noun_at, first_noun, noun_starts_rx, part_markers, respectively_rx, unit_list_rx, partitions, reading_levels,
                    whole_unit_rx, word_list, comma_phrases, literal_alternation)

# ---------------------------------------------------------------- one sentence splitter

# Abbreviations that end in "." without ending a sentence ("TP. Nha Trang", "Q.1", "TX.Bến Cát").
_ABBREV = {"tp", "tx", "q", "p", "tt", "ths", "ts", "pgs", "gs", "th", "h", "x", "ô", "b", "st", "tr", "nxb"}
_END = re.compile(r"[.!?…]+(?=\s+[\"“(*+\-–A-ZĐÀ-Ỹ0-9]|\s*$)")


def in_spans(items: list, spans: list[tuple[int, int]]) -> list[list]:
    """The items (with .start, in text order) of each span, in one pass: a list comprehension per
    sentence was quadratic on a long paragraph."""
    starts = [x.start for x in items]
    if any(b < a for a, b in zip(starts, starts[1:])):      # not in text order: the plain way
        return [[x for x in items if sa <= x.start < sb] for sa, sb in spans]
    return [items[bisect_left(starts, sa):bisect_left(starts, sb)] for sa, sb in spans]


_LAST_WORD = re.compile(r"([\wÀ-ỹ]+)$")
_NEXT_CHAR = re.compile(r"\s*(\S)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a block's text. '.' ends a sentence when followed by a space and a capital
    (or the end), so '2.345' and '8.747. Số' both read right; abbreviations do not end one."""
    return list(_sentences(text))


@per_document
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for m in _END.finditer(text):
        # the word before the mark (an abbreviation has at most 3 letters: 20 characters back suffice)
        word = _LAST_WORD.search(text, max(start, m.start() - 20), m.start())
        if m.group() == "." and word and word.group(1).lower() in _ABBREV and len(word.group(1)) <= 3:
            continue
        nx = _NEXT_CHAR.match(text, m.end())
        nxt = nx.group(1) if nx else ""
        if nxt.isdigit() and m.start() > 0 and text[m.start() - 1].isdigit():
            continue                                  # "1. 2" inside a list number, not a sentence end
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple((a, b) for a, b in spans if text[a:b].strip())


# A clause ends at ';', a parenthesis, ':' or a ',' that is not a decimal mark.
_BREAK = re.compile(r"[;()\[\]:]|,(?!\d)|(?<!\d)\.(?!\d)")


def respective_items(text: str, sa: int, sb: int, nums) -> dict[int, tuple[str, str | None, int]]:
    """The words naming each figure of a "respectively" clause ("số hồ sơ giải quyết trước hạn, đúng hạn và
    quá hạn lần lượt là 21.004, 22.512 và 354 hồ sơ"; "Cấp tỉnh, cấp huyện và cấp xã lần lượt tiếp nhận 9.812,
    8.475 và 11.050 hồ sơ"): figure start -> (the words naming it, the noun domain of the run, the offset
    its quote starts at). The run of figures after the marker (counts, else percentages, joined by commas
    and "và" only) takes the items of the list before it in order, each item with the list's shared head
    ("số hồ sơ giải quyết" + "đúng hạn") and the words between the marker and the run ("tiếp nhận");
    {} when the two do not pair one to one."""
    m = respectively_rx().search(text.lower(), sa, sb) if ("lần lượt" in text or "tương ứng" in text) else None
    if m is None:
        return {}
    before = [x for x in nums if x.end <= m.start()]
    start = max([sa] + [text.rfind(c, sa, m.start()) + 1 for c in ";:.(" if text.rfind(c, sa, m.start()) >= sa]
                + [x.end for x in before])
    while start < m.start() and text[start].isspace():
        start += 1          # (". Trong đó, cấp tỉnh, cấp huyện, cấp xã lần lượt ...": the marker after the space is no item)
    lead = marker_rx().match(text, start)          # "..., trong đó trực tuyến và trực tiếp lần lượt là ..."
    list_start = lead.end() if lead else start
    listed = text[list_start:m.start()].strip(" ,")
    after = [x for x in nums if x.start >= m.end()]
    kind = [x for x in after if not x.percent] or after
    run = kind[:1]
    for x in kind[1:]:
        if not _RUN_GAP.fullmatch(text, run[-1].end, x.start):
            break
        run.append(x)
    if len(run) < 2 or not listed or any(m.end() <= y.start < run[0].start for y in after if y not in run):
        return {}
    items = [t.strip() for t in listed.split(",") if t.strip()]
    by_period = False
    if len(items) == 2 and _names_period_only(items[0]):
        # "Năm 2023 và năm 2024, số hồ sơ tiếp nhận của tỉnh lần lượt là 80.000 và 95.000 hồ sơ": the periods are the
        # items, each with the words after them (an owner in those words is every item's already)
        ps = find_periods(items[0])
        if len(ps) == len(run):
            items, by_period = [f"{items[0][a:b]} {items[1]}" for _p, a, b in ps], True
    while len(items) > 1 and _names_period_only(items[0]) and (len(items) > len(run) or not _names_period_only(items[1])):
        # "Trong 6 tháng đầu năm 2024, số hồ sơ tiếp nhận, ...", "Trong quý I/2024, số hồ sơ tiếp nhận của cấp tỉnh,
        # cấp huyện và cấp xã lần lượt là ...": the period is no item (unless the items are periods: "quý I, quý II")
        items = items[1:]
    if len(items) < len(run):          # "trước hạn, đúng hạn và quá hạn": the last item holds two
        items = items[:-1] + [t.strip() for t in re.split(r"\s+và\s+", items[-1]) if t.strip()] if items else []
    if len(items) != len(run):
        return {}
    # an owner after the last item is every item's ("tiếp nhận, đã giải quyết, đang giải quyết của Trung tâm ... tỉnh")
    own = _OWNER.search(items[-1]) if not by_period else None
    owner = items[-1][own.start():].strip() if own else ""
    if own:
        items[-1] = items[-1][:own.start()]
    # the shared head: the first item less as many words as the second has ("tỷ lệ giải quyết trước hạn",
    # "đúng hạn" -> "tỷ lệ giải quyết"), given to the later items that do not open with it
    words, n2 = items[0].split(), len(items[1].split())
    head = " ".join(words[:-n2]) if n2 < len(words) else ""
    verb = text[m.end():run[0].start].strip()
    dom = noun_at(text[run[-1].end:run[-1].end + SETTINGS.unit_reach])[1]
    out, at = {}, list_start
    for k, (x, item) in enumerate(zip(run, items)):
        at = max(text.find(item, at, m.start()), at)
        named = item if k == 0 or not head or item.lower().startswith(head.split()[0].lower()) else f"{head} {item}"
        out[x.start] = ((" ".join(w for w in (named, owner, verb) if w)).strip() + " ", dom, at)
        at += len(item)
    return out


_OWNER = re.compile(r"\s+(?:của|tại)\s+\S")


def _names_period_only(item: str) -> bool:
    """Whether a list item is a period phrase and its lead-in words only ("Trong 6 tháng đầu năm 2024")."""
    found = find_periods(item)
    return bool(found) and len(re.sub(r"[^\w]", "", item[:found[0][1]] + item[found[-1][2]:])) <= 6


# Between two figures of a "respectively" run: a comma or "và", and at most the unit noun ("21.004 hồ sơ, 22.512")
_RUN_GAP = re.compile(r"\s*(?:[^\W\d_]{1,6}(?:\s[^\W\d_]{1,6})?\s*)?(?:,\s*(?:và\s+)?|và\s+)")


# What stands between a share and its own count written after it: "47,6% (597.288 hồ sơ)", "(tương ứng 1.234 hồ sơ)"
# (or ", tương ứng 9.780 hồ sơ" without the brackets)
_PAREN_COUNT_GAP = re.compile(r"\s*\(\s*(?:tương ứng(?: với)?|với|là|gồm|có)?\s*$|\s*,?\s*tương ứng(?: với)?\s*$", re.I)


# The kinds a rate can be of when no count stands before it in its sentence (reading.yml categories)
_RATE_DOMAINS = ("dossiers", "dvc")


def _paren_count(text: str, n, sent_nums, k: int):
    """The count a percentage's brackets open on ("chiếm 52,4% (657.518 hồ sơ)"), or None."""
    nxt = sent_nums[k + 1] if k + 1 < len(sent_nums) else None
    if nxt is None or nxt.percent or nxt.start < n.end or not _own_count_gap(text, n.start, n.end, nxt.start):
        return None
    return nxt


def _own_count_gap(text: str, pct_start: int, pct_end: int, count_start: int) -> bool:
    """Whether the words between a percentage and the count after it make the count its own: brackets ("chiếm
    52,4% (657.518 hồ sơ)") or "tương ứng" ("chiếm 97,8%, tương ứng 9.780 hồ sơ"); not after a change's
    percentage ("tăng 5%, tương ứng 500 hồ sơ": the count is the change too)."""
    if not _PAREN_COUNT_GAP.fullmatch(text, pct_end, count_start):
        return False
    return "(" in text[pct_end:count_start] or not _CHANGE_WORD.search(text[max(0, pct_start - 20):pct_start].lower())


def share_own_count(text: str, figs, i: int, restated_part: bool = False):
    """The figure whose count figs[i], a share, is written just before in brackets ("chiếm 47,6% (597.288 bộ
    hồ sơ)"): figs[i + 1] when the brackets open on it in the same sentence and it counts the share's
    category (figures read by _block_figures, `text` their block's); else None."""
    f = figs[i]
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    if not f.percent or nxt is None or nxt.percent or nxt.sentence != f.sentence:
        return None
    # with `restated_part` (the checker's reading), a bare count in brackets restates the share's own count
    # though the words before the brackets read it as a part of the share's category ("Tỷ lệ hồ sơ giải quyết
    # đúng hạn, trước hạn đạt 99,1% (44.407 hồ sơ)": the 44.407 read "trước hạn"); never a total above it
    if nxt.category != f.category and not (restated_part and f.category is not None and nxt.category is not None
                                           and f.category in ancestors(nxt.category)):
        return None
    return nxt if _own_count_gap(text, f.number.start, f.number.end, nxt.number.start) else None


def _last_break_end(pre: str) -> int:
    """Where the clause before a figure starts: just after its last break. A comma inside a list of
    administrative units ("cấp quận, huyện, thị xã 506.114", "UBND các phường, xã") joins the list and
    does not break the clause, which would leave the figure only the list's last noun."""
    ends = [(m.start(), m.end()) for m in _BREAK.finditer(pre)]
    if not ends:
        return 0
    if "," in pre and unit_list_rx(comma_first=True).search(pre):     # (a literal comma first: a fast test)
        lists = [m.span() for m in unit_list_rx().finditer(pre)]
        if lists:
            ends = [(a, b) for a, b in ends if not any(x <= a < y for x, y in lists)]
    if "," in pre and (named := [m.span() for m in comma_phrases_rx().finditer(pre.lower())]):
        # nor does a comma inside one category's phrase ("- Trực tiếp, qua bưu chính: 10.370 hồ sơ": in person or by post)
        ends = [(a, b) for a, b in ends if not any(x <= a < y for x, y in named)]
    return max((b for _a, b in ends), default=0)


@lru_cache(maxsize=None)
def comma_phrases_rx() -> re.Pattern:
    """vocab.comma_phrases as one pattern, on lowered text."""
    return re.compile(literal_alternation(comma_phrases()))


# "..., tổng cộng 29.337 hồ sơ" / "(tổng số: 1.234)": a total written after its parts, in the same clause run
# (the words between the last part and the total; read by both readers); "tổng" may name what it totals in a
# word or two before a colon ("mức độ 4: 3.020 hồ sơ; tổng trực tuyến: 5.120 hồ sơ")
# (or what it totals and its verb after "tổng cộng": "...; tổng cộng cấp huyện tiếp nhận 2.720 hồ sơ")
TRAILING_TOTAL = re.compile(r"^[^\W\d_]*(?:\s[^\W\d_]+)?\s*[,;(]\s*(?:(?:tổng cộng|tổng số|tổng|cộng)\s*:?"
                            r"|tổng(?:\s[^\W\d_]+){1,2}\s*:|tổng cộng(?:\s[^\W\d_]+){1,4})\s*(?:là\s+)?$", re.I)


# A digit-free aside in brackets right before a figure: "giải quyết đúng hạn (bao gồm cả trước hạn) 8.398 hồ
# sơ", "trực tuyến (qua Cổng dịch vụ công) 4.500 hồ sơ"
_ASIDE = re.compile(r"\(([^()\d]{1,60})\)\s*$")


def aside_start(pre: str) -> int | None:
    """Where the aside that `pre` ends on opens, or None: the figure's words are the clause before the
    aside, the aside with them (a bracket breaks the clause, which left the figure no words at all)."""
    if not pre.endswith((")", " ")):
        return None
    m = _ASIDE.search(pre)
    return m.start() if m else None


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Figure:
    index: int                 # document order
    block: int                 # index in doc.blocks
    sentence: int              # index in Annotated.sentences
    number: Number             # value, decimals, multiplier, qualifier; start/end in the block text
    unit: str                  # the noun it counts ("hồ sơ", "TTHC", "%"; "" when none is written)
    domain: str | None         # domain of that noun (dossiers, tthc, dvc, pakn, units, ...)
    category: str | None       # candidate indicator from its clause (dossiers.late, service.level3, ...)
    level: str | None          # tinh | huyen | xa | huyen+xa, stated or inherited
    level_stated: bool         # the figure's own clause names its level
    period: str                # period phrase the sentence or paragraph states ("" = the document's)
    role: str                  # value | share | rate | change | threshold | comparison | ratio
    depth: int                 # parenthesis depth inside its sentence
    line: int
    col: int
    quote: str
    den: Number | None = None  # "1.456/1.625": the figure is 1.456, its stated base 1.625

    @property
    def value(self) -> float:
        return self.number.value

    @property
    def percent(self) -> bool:
        return self.number.percent

    @property
    def start(self) -> int:
        return self.number.start

    @property
    def end(self) -> int:
        return self.number.end


@dataclass(frozen=True)
class Sentence:
    index: int
    block: int
    start: int
    end: int
    text: str
    level: str | None
    period: str


@dataclass(frozen=True)
class Parts:
    """A total and the parts listed after it."""
    total: Figure
    parts: tuple               # tuple[Figure]
    marker: str                # "trong đó", "gồm", "(", ...
    closure: str               # complete | closed | open
    dimension: str             # category | level | entity
    covered: bool              # the parts' categories exhaust a declared partition of the total
    missing: tuple = ()        # categories of the best partition that are not stated


@dataclass(frozen=True)
class Share:
    """A percentage stated as the share of a count, with every plausible base."""
    share: Figure
    count: Figure
    bases: tuple               # tuple[Figure]: same domain, in context, larger than the count
    base_stated: bool          # the base is written ("1.456/1.625", "trên tổng số")
    same_block: bool           # every base stands in the share's own paragraph
    named: bool = False        # the text names the base's kind ("trên tổng số hồ sơ tiếp nhận mới"): no other scope


@dataclass(frozen=True)
class RateGroup:
    """Shares or rates of one total (one context) whose categories are disjoint."""
    rates: tuple               # tuple[Figure]
    covered: bool              # the categories exhaust a partition: they must add up to 100 %


@dataclass(frozen=True)
class Repeat:
    """The same paragraph printed twice with different figures."""
    first: Figure
    second: Figure


@dataclass(frozen=True)
class Zero:
    """'không có hồ sơ quá hạn': a category stated to be zero, for a level (None: every level)."""
    category: str
    level: str | None
    block: int
    line: int


@dataclass(frozen=True)
class Annotated:
    doc: Document
    meta: DocMeta
    sentences: tuple
    figures: tuple
    parts: tuple
    shares: tuple
    rate_groups: tuple
    repeats: tuple
    zeros: tuple = ()

# ---------------------------------------------------------------- small readers


@per_document
def detect_level(text: str) -> str | None:
    """The government level a phrase names; 'huyen+xa' when both are named together."""
    low = text.lower()
    unit = current_unit()
    if not any_level_phrase(unit).search(low):
        return None
    found = []
    phrases = level_phrases(unit)
    for lv, rx in reading_levels(unit).items():
        if not phrases[lv].search(low):
            continue
        for m in rx.finditer(low):
            found.append((m.start(), lv, m.end()))
    if not found:
        return None
    found.sort()
    last = found[-1]
    levels = {last[1]}
    for pos, lv, end in reversed(found[:-1]):
        # (named together: the earlier phrase ends at most 25 characters before the last one starts, "Bộ phận Một cửa
        # huyện và 9 xã, thị trấn")
        if last[0] - pos <= 25 or last[0] - end <= 8:
            levels.add(lv)
    if levels == {"huyen", "xa"}:
        return "huyen+xa"
    return last[1] if len(levels) > 1 else last[1]


_JOINED = re.compile(r"\s(?:và|cùng với|&)\s")
_CLAUSE_STOP = re.compile(r"[;:.]\s")


def names_every_level(text: str, complete_sets) -> bool:
    """Whether a clause's subject names every level of a complete list joined together: "Trung tâm Phục vụ
    hành chính công tỉnh và 99 Trung tâm Phục vụ hành chính công cấp xã đã tiếp nhận" (a two-level period),
    "UBND cấp tỉnh, cấp huyện và cấp xã đã giải quyết": the figure after it is the whole unit's, not the
    last level's. Not where a count of another kind stands between two of the levels ("cấp tỉnh tiếp nhận
    40.118 hồ sơ, cấp xã tiếp nhận ...": each count is its level's), nor in a "respectively" clause."""
    low = text.lower()
    if not any_level_phrase(current_unit()).search(low) or respectively_rx().search(low):
        return False                 # ("Cấp tỉnh, cấp huyện và cấp xã lần lượt tiếp nhận a, b và c": one each)
    stop = max((m.end() for m in _CLAUSE_STOP.finditer(low)), default=0)
    found = sorted((m.start(), m.end(), lv) for lv, rx in reading_levels(current_unit()).items()
                   for m in rx.finditer(low, stop))
    levels = frozenset(lv for _a, _b, lv in found)
    if len(levels) < 2 or levels not in complete_sets:
        return False
    for (_a0, b0, lv0), (a1, _b1, lv1) in zip(found, found[1:]):
        gap = low[b0:a1]
        if lv0 != lv1 and not _JOINED.search(gap) and not gap.strip(" ,") == "":
            return False
        if any(noun_at(low, n.end, n.end + SETTINGS.unit_reach)[1] not in (None, "units") for n in find_numbers(gap)):
            return False
    return True


def category_of(text: str, domain: str | None, from_right: bool) -> tuple[str | None, int]:
    """The category a clause names: its most specific phrase (longest; weak verbs last), the one
    closest to the figure among equals. Returns (code, distance from the figure)."""
    code, dist, _weak = category_hit(text, domain, from_right)
    return code, dist


def category_hit(text: str, domain: str | None, from_right: bool) -> tuple[str | None, int, bool]:
    """category_of, and whether the phrase found is a weak one (reading.yml "~": a bare verb such as "tiếp nhận")."""
    low = text.lower()
    best = None
    for m, code, n in _category_hits(low, domain):
        dist = (len(low) - m.end()) if from_right else m.start()
        key = (-n, dist)
        if best is None or key < best[0]:
            best = (key, code)
    return (best[1], best[0][1], best[0][0] == 0) if best else (None, 10 ** 6, False)


def _category_hits(low: str, domain: str | None):
    """(match, category code, phrase length) of every category phrase of `domain` in a lowered text,
    phrase by phrase in table order; a text with none of the phrases (most) is told by one search."""
    present = any_category_word().get(domain or "")
    if present is None or not present.search(low):
        return
    for (rx, code, n), w in zip(category_table().get(domain or "", ()), category_words().get(domain or "", ())):
        if w in low:
            for m in rx.finditer(low):
                yield m, code, n


def _has_any(text: str, words) -> bool:
    low = text.lower()
    return any(w in low for w in words)


class _depths:
    """The bracket depth at each offset of a text ('(' counts at its own offset, ')' after it), kept as
    the depth after each bracket only: a per-character list cost more than the figures that read it."""

    def __init__(self, text: str):
        self.n, self.text, self.pos, self.after = len(text), text, [], []
        d = 0
        for m in _PAREN.finditer(text):
            d = d + 1 if m.group() == "(" else max(0, d - 1)
            self.pos.append(m.start())
            self.after.append(d)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> int:
        k = bisect_left(self.pos, i)                 # brackets strictly before offset i
        d = self.after[k - 1] if k else 0
        return d + 1 if self.text[i] == "(" else d


_PAREN = re.compile(r"[()]")


def _quote(doc: Document, block: Block, a: int, b: int) -> tuple[int, int, str]:
    line = block.line_at(a)
    cols = span_cols(block.pos, a, b, line) if block.pos else None
    if cols is None:
        return line, -1, block.text[a:b]
    src = doc.lines[line - 1]
    return line, cols[0], src[cols[0]: cols[1] + 1]


# ---------------------------------------------------------------- figures of one block


def _period_of(text: str, year: int | None) -> str:
    ps = find_periods(text, year)
    return ps[0][0].key if ps else ""


def _sentence_period(head: str, year: int | None) -> tuple[str, bool]:
    """(the first period a sentence's head names, whether it holds for the sentences after it: not when
    every period it names is a comparison's, vocab.compared_at)."""
    ps = find_periods(head, year)
    if not ps:
        return "", False
    return ps[0][0].key, any(not compared_at(head, a) for _p, a, _z in ps)


# (not "cắt giảm": an amount cut by simplifying, "cắt giảm được 1,74 tỷ đồng/năm, đạt tỷ lệ cắt giảm 29,69%", is no change
# between two periods' figures)
_CHANGE_WORD = re.compile(r"(?<!cắt )(?:tăng|giảm)(?:\s+(?:thêm|tới|được|đến|còn|đi))?\s*$")    # ("giảm đi 120 hồ sơ")


def _role(pre: str, post: str, n: Number, last_count_gap: str | None, names_count: bool = False) -> str:
    """What a percentage is: a change, threshold, comparison, a share of the count before it, or a rate.
    (`names_count`: the words before it name the category of the count before it.)"""
    tail = pre[-30:].lower()
    if _CHANGE_WORD.search(tail):
        return "change"
    thresholds, share_end = _role_patterns()
    if thresholds.search(tail):
        return "threshold"
    if _COMPARISON.match(post.lower()) and not _base_after_rx().match(post) or _PLAN_BRACKET.match(post):
        return "comparison"          # ("95,12% so với tổng số hồ sơ tiếp nhận" names its base: not a comparison)
    if abbreviated(_TIMELINESS_AFTER, re.I).match(post):
        return "rate"                # "đạt 99,82% hồ sơ đúng hạn": a rate its own words name, of no count before it
    if last_count_gap is not None:
        gap = last_count_gap.lower()
        linked = len(gap) <= SETTINGS.share_gap and not _STOP.search(gap) and share_end.search(gap)
        if "tỷ lệ" in gap and _NAMED_RATE.search(gap):
            # "..., trong đó, tỷ lệ hồ sơ giải quyết đúng hạn chiếm x%": a named rate; but the rate named by
            # its count's own words is that count's share ("đã giải quyết 1.200 hồ sơ, tỷ lệ giải quyết đạt 97,24%")
            return "share" if linked and names_count and not marker_rx().search(gap) else "rate"
        if linked:
            return "share"
    return "rate"


def _part_named(gap: str, own: str, count: Figure) -> str | None:
    """The category of a part a list marker names between a count and a percentage ("41.208 hồ sơ, trong
    đó hồ sơ trực tuyến chiếm 45,6%, hồ sơ trực tiếp chiếm 55,6%"), read in the percentage's own clause
    (`own`: since the figure before it), when it is not the count's own category; None otherwise."""
    m = marker_rx().search(gap)
    if not m or count.domain in _COUNTABLE:
        return None
    mo = marker_rx().search(own)
    cat = category_of(own[mo.end():] if mo else own, count.domain, True)[0]
    return cat if cat and cat != count.category else None


_CLOSED_PAREN = re.compile(r"\([^()]*\)")
# The words after a percentage that name dossiers by their timeliness: "đạt 99,82% hồ sơ đúng hạn", "99,5% hồ sơ được giải quyết
# trước và đúng hạn" (a rate of those words, whatever the count before it and however far; not "đạt 100% số hồ sơ quá hạn",
# which names the base of the count before it)
# (reading.yml abbreviations: "HS" too, vocab.abbreviated)
_TIMELINESS_AFTER = (r"\s*hồ sơ\s+(?:được\s+|đã\s+)?(?:giải quyết\s+|trả kết quả\s+)?"
                     r"(?:đúng|trước|sớm|trễ|quá|chậm)(?![\wÀ-ỹ])")
# (a percentage that ends its clause, naming nothing after it: not "đạt 99,82% hồ sơ đúng hạn", a rate of its words)
_ENDS_CLAUSE = re.compile(r"\s*(?:[.;,)]|$)")
_COMPARISON = re.compile(r"\s*(?:của|so với)\b")
# (also a plan whose own figure follows in brackets: "đạt 104% kế hoạch (kế hoạch 120 TTHC)", checks_text reads the ratio;
# without it, "đạt 84,44% kế hoạch" is a share of the plan's count stated before)
_PLAN_BRACKET = re.compile(r"\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu)[^;()\d]{0,12}\(", re.I)
_NAMED_RATE = re.compile(r"tỷ lệ\s+\S+\s+\S+")
# (a sentence's or clause's end between a count and a percentage: no thousands dot, "12.500"; and no base written after a slash,
# "3.250 hồ sơ/8.900 hồ sơ có yêu cầu nghĩa vụ tài chính, đạt 36,52%": the fraction's own check reads that one)
_STOP = re.compile(r";|(?<!\d)\.|\.(?!\d)|/\s?\d")


@lru_cache(maxsize=None)
def marker_rx() -> re.Pattern:
    """Any list marker of reading.yml part_markers ("trong đó", "gồm", ...), as a word, longest first;
    group 1 is the marker. Compiled once (the lists and each figure's level clause look for them)."""
    return re.compile(r"(?<![\wÀ-ỹ])(" + "|".join(re.escape(m) for m, _ in part_markers()) + r")(?![\wÀ-ỹ])", re.I)


@lru_cache(maxsize=None)
def _role_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A threshold word ending the text before a percentage; a share link ending the gap after its count
    (reading.yml thresholds, share_links), compiled once."""
    links = "|".join(re.escape(w) for w in sorted(word_list("share_links"), key=len, reverse=True))
    return (re.compile(r"(?:" + "|".join(re.escape(w) for w in word_list("thresholds")) + r")\s*$"),
            # (a dash between spaces links them too: "trực tuyến: 9.876 hồ sơ – 64,83%")
            re.compile(r"(?:\(|\s[–—-]|(?<![\wÀ-ỹ])(?:" + links + r"))\s*$"))


@dataclass
class _Ctx:
    level: str | None = None
    period: str = ""
    domain: str | None = None
    # the level was stated as the sentence's lead ("Cấp huyện: ...", "UBND cấp xã đã tiếp nhận ..."),
    # so it holds for the next paragraphs too; a level named further in ("... tại Bộ phận Một cửa cấp
    # huyện, cấp xã") holds only for the rest of its own paragraph
    level_carries: bool = True


# A list marker before a sentence's first words ("b) ", "- ", "(1) ", "2.1. "): not part of its lead.
_LIST_MARK = re.compile(r"\s*(?:[-–—•+*]|\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ][.)])?\s*", re.I)


def _lead(head: str) -> str:
    """A sentence's lead: the first SETTINGS.lead_reach characters of its head, list marker left out."""
    start = _LIST_MARK.match(head).end()
    return head[start:start + SETTINGS.lead_reach]


def names_whole_unit(head: str) -> bool:
    """Whether a sentence's lead names the report's whole unit ("Toàn tỉnh", "Trên địa bàn tỉnh")."""
    return bool(whole_unit_rx().search(_lead(head).lower()))


def _level_leads(head: str, level: str) -> bool:
    """Whether a sentence's head states `level` in its lead (the same level read from its lead)."""
    return detect_level(_lead(head)) == level


def _block_figures(doc: Document, meta: DocMeta, bi: int, block: Block, ctx: _Ctx, first_index: int,
                   first_sentence: int, out_sentences: list) -> list[Figure]:
    text = block.text
    nums = find_numbers(text)
    fracs = find_fractions(text)
    if fracs:
        # (a fraction's figures stand once: "12.340 trong tổng số 12.500" is also two plain numbers)
        in_fracs = {x.start for fr in fracs for x in (fr.num, fr.den)}
        nums = sorted([n for n in nums if n.start not in in_fracs] + [x for fr in fracs for x in (fr.num, fr.den)],
                      key=lambda n: n.start)
    den_of = {fr.num.start: fr.den for fr in fracs}
    den_starts = {fr.den.start for fr in fracs}
    depth = _depths(text)
    year = meta.period_obj.end.year if meta.period_obj and meta.period_obj.end else None
    level_sets = province_level_sets(meta.period_obj)
    figures: list[Figure] = []
    unit_domains: dict[str, str] = {}        # each unit noun's last domain, the latest last (_shortened_noun_domain)
    sent_spans = sentences(text)
    for si, ((sa, sb), sent_nums) in enumerate(zip(sent_spans, in_spans(nums, sent_spans))):
        head_end = sent_nums[0].start if sent_nums else sb
        head = text[sa:head_end]
        lv = detect_level(head)
        if lv:
            ctx.level = lv
            # a level opening a breakdown ("Trong đó, cấp tỉnh tiếp nhận 40.118 hồ sơ, cấp huyện ...") is a
            # part's level: it does not carry to the next paragraphs
            ctx.level_carries = _level_leads(head, lv) and not marker_rx().match(_lead(head))
        elif names_whole_unit(head):
            ctx.level, ctx.level_carries = None, True   # "Toàn tỉnh tiếp nhận ...": the total again
        pr, carries = _sentence_period(head, year)
        if pr and carries:
            ctx.period = pr
        # (a period named as a comparison, "So với quý I/2024 (14.100 hồ sơ), ...", is its sentence's only)
        sent_period = pr or ctx.period
        sidx = first_sentence + len(out_sentences)
        out_sentences.append(Sentence(sidx, bi, sa, sb, text[sa:sb], ctx.level, sent_period))
        prev_end = sa
        prev_right = sa
        prev_dom = None
        last_count: Figure | None = None
        counts_at: dict[int, Figure] = {}        # the last count at each bracket depth still open
        nb = False                                 # the sentence's _NounsBefore, made when first needed
        noun_doms = None
        resp = respective_items(text, sa, sb, sent_nums)
        for k, n in enumerate(sent_nums):          # (in text order: the figures after n are sent_nums[k + 1:])
            if n.percent and counts_at:
                # a percentage outside brackets is of the last count outside them: "trả kết quả 4.498 hồ sơ (trước
                # hạn 3.200, đúng hạn 1.290, trễ hạn 8), đạt 99,82% hồ sơ đúng hạn" (not of the 8 in the brackets)
                d = depth[n.start] if n.start < len(depth) else 0
                last_count = counts_at[max(j for j in counts_at if j <= d)] if any(j <= d for j in counts_at) else None
            pre = text[prev_end:n.start]
            cut = _last_break_end(pre)
            noun, dom = noun_at(text[n.end:n.end + SETTINGS.unit_reach])
            if dom is None and n.start in den_of:
                # "39.850/41.200 hồ sơ đã giải quyết": the noun after the base counts the numerator too
                den = den_of[n.start]
                noun, dom = noun_at(text[den.end:den.end + SETTINGS.unit_reach])
            # the words the previous figure read after itself are not this one's, unless the two count
            # different things ("ban hành 22 quyết định công bố 356 TTHC": "công bố" names the TTHC)
            if not (dom is not None and prev_dom is not None and dom != prev_dom and not n.percent):
                cut = max(cut, prev_right - prev_end)
            left = pre[cut:] if cut <= len(pre) else ""
            if not left.strip() and (k_aside := aside_start(pre)) is not None:
                left = pre[_last_break_end(pre[:k_aside]):]
            if n.start in resp:                    # "..., đúng hạn và quá hạn lần lượt là 21.004, 22.512 và 354"
                left, item_dom, _at = resp[n.start]
                dom = dom or (item_dom if not n.percent else None)
            if n.percent:
                noun, dom = "%", None
            elif noun and dom is not None:
                dom = _shortened_noun_domain(unit_domains, noun, dom)
            # (the spaces after the figure measured in place: slicing the rest of the block per figure was quadratic)
            right_start = n.end + (_SPACES.match(text, n.end).end() - n.end + len(noun) if noun and noun != "%" else 0)
            rm = _BREAK.search(text, right_start, sb)
            right_end = rm.start() if rm else sb
            nxt = next((m.start for m in islice(sent_nums, k + 1, None) if m.start > n.start), sb)
            right = text[right_start:min(right_end, nxt)]
            right = _cut_at_va(right, dom)
            this_right_end = right_start + len(right)
            if dom is None and not n.percent:
                # "số quá hạn còn 12, chiếm ..." / "tiếp nhận 4.321, trong đó": the noun before the figure
                if nb is False:
                    nb = nouns_before(text, sa, sb)
                noun_b, dom_b = _noun_before(left) or (nb.before(n.start) if nb else _noun_before(text[sa:n.start])) \
                    or ("", ctx.domain)
                noun, dom = noun_b, dom_b
            cat_dom = dom if dom not in (None, "units", "levels", "time") else None
            cat, cat_l, dist_l = None, None, 10 ** 6
            if n.percent:
                # a rate names its category before it: "tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%"
                # (with no count before it in its sentence, the kind its own words name: "Tỷ lệ dịch vụ công
                # trực tuyến toàn trình đạt 59,62%" is of services, not dossiers)
                rate_dom = last_count.domain if last_count else \
                    (first_noun(text[max(sa, n.start - 80):n.start], _RATE_DOMAINS)[1] or "dossiers")
                # the clause since the sentence's previous figure names it when it names one ("Tỷ lệ ...
                # trước hạn chiếm 84,81%, đúng hạn chiếm 14,65%"); else the words up to 80 characters back
                # (not the base its words name before it: "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận mới đạt
                # 78,26%" is of online dossiers)
                bm = BASE_BEFORE.search(text, max(sa, prev_end - 80), n.start) \
                    if text.find("trên", max(sa, prev_end - 80), n.start) >= 0 else None
                rate_end = bm.start() if bm else n.start
                cat_l, dist_l = category_of(left if n.start in resp else text[prev_end:rate_end], rate_dom, True) \
                    if prev_end > sa or n.start in resp else (None, 0)
                if cat_l is None:
                    cat_l, dist_l = category_of(text[max(sa, prev_end - 80):rate_end], rate_dom, True)
                cat = cat_l
            elif cat_dom:
                cat_l, dist_l, weak_l = category_hit(left, cat_dom, True)
                cat_r, dist_r = category_of(right, cat_dom, False)
                cat = cat_l if (cat_l and (dist_l <= 25 or not cat_r)) else cat_r
                if weak_l and cat_r and cat_l in ancestors(cat_r) and cat_r not in word_list("topic_parts"):
                    cat = cat_r                # "tiếp nhận hơn 3,2 ngàn hồ sơ trực tuyến": the bare verb's part, named after it
                if cat_r and among_whole_rx().search(left.lower()):
                    cat = cat_r                # "Trong số hồ sơ đã giải quyết có 7.702 hồ sơ giải quyết trước hạn"
                close = text.find(")", n.end, sb)
                alone = not text[sa:n.start].rstrip().endswith("(") or \
                    (close >= 0 and not re.search(r"\d", text[n.end:close]))
                if cat is None and alone and not left.strip() and text[sa:n.start].rstrip().endswith(("(", ":")):
                    # "HS tiếp nhận trực tiếp (67,3 ngàn HS)", "giải quyết trước hạn: 4.520 hồ sơ":
                    # the words before the parenthesis or colon name it
                    po = text[sa:n.start].rstrip()[:-1]
                    cut_po = _last_break_end(po)
                    if figures and figures[-1].percent and figures[-1].sentence == sidx and figures[-1].role == "share" \
                            and not po[figures[-1].number.end - sa:].strip() \
                            and figures[-1].category in domain_categories().get(cat_dom, ()):
                        # "... đạt 78,26% (159.750 hồ sơ)": the share's own count (not when it counts another
                        # kind: "hài lòng trong giải quyết TTHC đạt 98,6% (7.890/8.002 lượt đánh giá)" counts reviews)
                        cat = figures[-1].category
                    else:
                        cat = category_of(po[cut_po:], cat_dom, True)[0]
            # its own level: in its clause, up to the next figure counting the same thing ("1.367 TTHC
            # thuộc phạm vi giải quyết của 19 sở, ban, ngành cấp tỉnh; 285 TTHC cấp huyện")
            if noun_doms is None:          # each figure's noun domain, read once per sentence
                noun_doms = [noun_at(text[m.end:m.end + SETTINGS.unit_reach])[1] for m in sent_nums]
            nxt_same = next((m.start for j, m in enumerate(islice(sent_nums, k + 1, None), k + 1)
                             if m.start > n.start and not m.percent and noun_doms[j] in (dom, None)), sb)
            semi = text.find(";", n.end, sb)
            # a level written just before the figure is its own ("cấp tỉnh 1.420 TTHC, cấp huyện 298 TTHC": the
            # "cấp huyện" after 1.420 is the next figure's); else the words after it in its clause say it
            # after it, not past a list marker: "1.856 TTHC được công bố, trong đó cấp tỉnh 1.420 ..." names
            # the parts' levels, not the total's
            lv_end = min(nxt_same, semi if semi >= 0 else sb, n.end + 120)
            paren = text.find("(", n.end, lv_end) if nxt_same < sb else -1
            if paren >= 0 and not 0 <= text.find(")", paren, nxt_same) < nxt_same:
                lv_end = paren     # "1.942 thủ tục (cấp tỉnh: 1.586 ...": the levels in the brackets are the parts
            mk = marker_rx().search(text, n.end, lv_end)
            after = text[n.end:mk.start() if mk else lv_end]
            if not mk and lv_end == nxt_same < sb:
                # the words after the last break before the next figure lead that figure: "cấp thành phố 62.310
                # hồ sơ, cấp quận, huyện 58.904 hồ sơ" (the district level is 58.904's, not 62.310's)
                after = after[:_last_break_end(after) or len(after)]
            own_lv = detect_level(left) or detect_level(left + " " + after)
            if own_lv and names_every_level(text[sa:n.start], level_sets):
                own_lv, ctx.level = None, None      # the whole unit, named by all its levels
            role = "value"
            gap = text[last_count.end:n.start] if (last_count is not None and n.percent) else None
            if gap and "(" in gap and _ENDS_CLAUSE.match(text, n.end):
                # the count's own aside closed before the share: "36.210 hồ sơ (toàn trình 21.450 hồ sơ, một phần 14.760 hồ
                # sơ), đạt tỷ lệ 69,18%" links the share to the count as without it
                gap = _CLOSED_PAREN.sub("", gap)
            own_count = _paren_count(text, n, sent_nums, k) if n.percent else None
            if own_count is not None and cat_l is not None and not _CHANGE_WORD.search(pre[-30:].lower()):
                # "hồ sơ trực tiếp ... chiếm 47,6% (597.288 bộ hồ sơ)": the count in brackets after the share is
                # its own, named by the words before the share (not the count stated before it)
                role, cat = "share", cat_l
            elif n.percent:
                role = _role(pre, text[n.end:n.end + 40], n, gap,
                             names_count=last_count is not None and cat is not None and cat == last_count.category)
                if last_count is not None and last_count.role == "change" and \
                        CHANGE_RESTATED.fullmatch(text, after_unit(text, last_count.number.end, last_count.unit), n.start):
                    role = "change"        # "tăng 1.234 hồ sơ (tương đương 8,5%)": the change again, relative (no share)
                if role == "share" and last_count is not None:
                    part_cat = _part_named(gap, text[max(last_count.end, prev_end):n.start], last_count)
                    if part_cat:
                        # "41.208 hồ sơ, trong đó hồ sơ trực tuyến chiếm 45,6%": a part's rate, over that count
                        role, cat = "rate", part_cat
                    else:
                        cat = last_count.category
            elif CHANGE_LEAD.search(pre[-20:].lower()) or figures and figures[-1].role == "change" and figures[-1].sentence == sidx \
                    and CHANGE_RESTATED.fullmatch(text, figures[-1].number.end, n.start) or \
                    TIMES_LEAD.search(pre[-20:].lower()) and TIMES_UNIT.match(text, n.end):
                role = "change"        # (also "giảm 5% (tương ứng 6 hồ sơ)": the change again, as a count)
            elif n.start in den_of:
                role = "ratio"
            elif n.start in den_starts:
                role = "base"
            if cat is None and not n.percent and figures and figures[-1].percent and figures[-1].category \
                    and figures[-1].category not in _UNSURE_RATE_COUNTS and figures[-1].sentence == sidx \
                    and (dom is None or figures[-1].category in domain_categories().get(dom, ())) \
                    and (n.start in den_of or "(" not in text[figures[-1].number.end:n.start]) \
                    and _own_count_gap(text, figures[-1].number.start, figures[-1].number.end, n.start):
                # "Tỷ lệ số hóa hồ sơ ... đạt 85,6% (12.340/14.416 hồ sơ)", "... chiếm 97,8%, tương ứng 9.780 hồ sơ": the
                # count in the brackets or after "tương ứng" is the rate's own (when it counts the rate's kind: not
                # "hài lòng trong giải quyết TTHC đạt 98,6% (7.890/8.002 lượt đánh giá)")
                cat = figures[-1].category
            if role == "base" and not own_lv and figures and figures[-1].den is not None and figures[-1].den.start == n.start:
                # "cấp huyện 15.870/23.900 hồ sơ": the base is of its count's level
                own_lv = figures[-1].level if figures[-1].level_stated else None
            qa = resp[n.start][2] if n.start in resp else max(sa, n.start - len(left))
            line, col, quote = _quote(doc, block, qa, n.end + len(right) + (right_start - n.end))
            f = Figure(index=first_index + len(figures), block=bi, sentence=sidx, number=n,
                       unit=noun, domain=dom if not n.percent else None, category=cat,
                       level=own_lv or ctx.level, level_stated=bool(own_lv), period=sent_period, role=role,
                       depth=depth[n.start] if n.start < len(depth) else 0,
                       line=block.line_at(n.start), col=block.pos[n.start][1] if block.pos and n.start < len(block.pos) else -1,
                       quote=quote.strip(), den=den_of.get(n.start))
            figures.append(f)
            if f.unit and f.domain is not None:
                unit_domains.pop(f.unit, None)
                unit_domains[f.unit] = f.domain
            if not n.percent:
                outer = counts_at.get(f.depth - 1)
                last_count = f
                counts_at = {j: v for j, v in counts_at.items() if j < f.depth}
                counts_at[f.depth] = f
                if outer is not None and _RESTATED.fullmatch(text, outer.number.end, n.start):
                    # "hơn 82 nghìn hồ sơ nộp trực tuyến (82.340 hồ sơ), chiếm 68,81%": the count in the brackets
                    # right after another restates it exactly, and stands for it outside them
                    counts_at[f.depth - 1] = f
                if dom not in (None, "units", "levels", "time", "other"):
                    ctx.domain = dom
            prev_end = n.end
            prev_right = max(n.end, this_right_end)
            prev_dom = None if n.percent else dom
    return figures


def after_unit(text: str, end: int, noun: str) -> int:
    """Where the spaces and unit noun `noun` written right after a figure ending at `end` end (`end` when the text there
    is not that noun)."""
    at = _SPACES.match(text, end).end()
    return at + len(noun) if noun and text[at:at + len(noun)].lower() == noun.lower() else end


def _shortened_noun_domain(unit_domains: dict[str, str], noun: str, dom: str) -> str:
    """The domain of a noun written short after the same noun written whole earlier in its block: "tổng số 3.250
    lượt đánh giá. Trong đó, rất hài lòng 2.900 lượt" counts reviews, not visits (the last such noun decides).
    `unit_domains`: the block's unit nouns so far, each with its last domain, the latest last."""
    head = noun + " "
    return next((d for u, d in reversed(unit_domains.items()) if u.startswith(head)), dom)


# A rate "đúng hạn" often counts the early dossiers too ("Tỷ lệ giải quyết đúng hạn đạt 98,5% (3.940/4.000 hồ sơ)"):
# the count in its brackets is not taken for the on-time count alone
_UNSURE_RATE_COUNTS = frozenset({"dossiers.on_time"})


# What stands between a count and its restatement in brackets: its own words, then the opening bracket
_RESTATED = re.compile(r"[^\d()]{0,40}\(\s*")


def written_unit(fig: Figure) -> str:
    """A figure's unit noun as its report wrote it ("TTHC", "Hồ sơ"), for messages: the reader keeps
    the vocabulary's lowered form ("tthc"), which a message should not show. Found in the figure's
    quote after its number; the lowered form where the quote does not hold it."""
    if not fig.unit or fig.unit == "%":
        return fig.unit
    q = fig.quote
    at = q.find(fig.number.raw) if fig.number.raw else -1
    m = re.compile(re.escape(fig.unit), re.I).search(q, at + len(fig.number.raw) if at >= 0 else 0)
    return m.group(0) if m and len(m.group(0)) == len(fig.unit) else fig.unit


_SPACES = re.compile(r"\s*")
# The words that make the figure after them a change, on lowered text: "tăng (thêm) 1.200", "cao hơn 2.000 hồ
# sơ so với ..." (the annotation's roles and the change rules of checks_text read the same lead)
# Between a change and the same change in its other form: "tăng 1.234 hồ sơ (tương đương 8,5%)", "giảm 5% (tương ứng 120
# hồ sơ)", ", tương đương 8,5%", "(8,5%)", " so với quý I/2024, tương đương giảm 1,5%" (the noun after the first figure not
# included)
CHANGE_RESTATED = re.compile(r"\s*(?:\(\s*(?:_W\s+(?:(?:với|mức)\s+)?)?|(?:\s*so với\s+[^;,()]{2,30}?)?,\s*_W\s+(?:(?:với|mức)\s+)?)"
                             r"(?:(?:tăng|giảm)\s+)?"
                             .replace("_W", "(?:tương đương|tương ứng|tức là|tức|hay)"))
# "tăng gấp 1,5 lần so với cùng kỳ năm 2023 (8.000 hồ sơ)", "gấp hơn 2 lần năm trước (…)": the count as a multiple of
# the earlier one, a change of its kind and no count (checks_text's change.times reads it)
TIMES_LEAD = re.compile(r"\bgấp(?:\s+(?:khoảng|hơn|gần|trên))?\s*$")
TIMES_UNIT = re.compile(r"\s*lần(?![\wÀ-ỹ])")
CHANGE_LEAD = re.compile(r"(?:(?<!cắt )(?:tăng|giảm)(?:\s+(?:thêm|được|đi))?|(?:cao|thấp|nhiều|ít) hơn)\s*$")
# "tăng từ 12.000 hồ sơ (quý I) lên 15.000 hồ sơ", "giảm từ 15 ngày xuống còn 10 ngày", "từ mức 45,2% lên 52,3%": the
# earlier figure after "từ", the later one after "lên"/"xuống" (read by the facts and by the change rules)
FROM_LEAD = re.compile(r"\btừ\s*(?:mức\s*)?$", re.I)
TO_LEAD = re.compile(r"^[^;.\n]{0,50}?\b(?:lên|xuống)(?:\s+(?:còn|mức|đến|tới))?\s*$", re.I)
# The base a rate names in words before its figure: "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận mới đạt 78,26%"
# (read by the facts for a stated rate's basis, and here for a share's base)
# ... or right after it: "đạt 81,05% trên tổng số hồ sơ đã giải quyết"
BASE_AFTER = re.compile(r"\s*(?:trên|so với) tổng số ([\wÀ-ỹ ]{3,60}?)\s*(?:[,.;()]|$)", re.I)
# The verb that links a count or a clause to its share, as reading.yml share_links writes it ("đạt", "đạt được", "đạt mức"),
# for the patterns of the annotation, the facts and the text checks that name it among other words
SHARE_VERB = r"đạt(?: được| mức)?"
BASE_BEFORE = re.compile(r"\btrên (?:tổng )?số ((?:(?!\btrên\b)[\wÀ-ỹ ]){3,80}?)\s*(?:" + SHARE_VERB + r"|là|chiếm|bằng|:)?\s*$", re.I)


def _cut_at_va(right: str, dom: str | None) -> str:
    """A figure's right-hand clause ends at 'và'/'với' unless the word is inside a category phrase
    ('đúng và trước hạn')."""
    joins = list(_VA.finditer(right))
    if not joins:
        return right                     # (most clauses: no category phrase need be looked for)
    spans = [(m.start(), m.end()) for m, _c, _n in _category_hits(right.lower(), dom)]
    for m in joins:
        if not any(a <= m.start() and m.end() <= b for a, b in spans):
            return right[:m.start()]
    return right


_VA = re.compile(r"\s(?:và|với)\s")


UNCOUNTED_DOMAINS = ("units", "levels", "time", "other")      # nouns that name no counted thing


def _noun_before(text: str) -> tuple[str, str | None] | None:
    """The last domain noun written before a figure in its clause ("số hồ sơ quá hạn còn 154")."""
    low = text.lower()
    # from the end: the first word start (from the right) that opens a domain noun within 25 characters;
    # only the positions where a noun can start are tried (vocab.noun_starts_rx)
    for i in reversed([m.start() for m in noun_starts_rx().finditer(low)]):
        noun, dom = noun_at(low, i, i + 25)
        if noun and dom not in UNCOUNTED_DOMAINS:
            return noun, dom
    return None


class _NounsBefore:
    """_noun_before of every prefix of one sentence, from one scan of it: the figures of a long
    sentence each asked for the noun before them, and each scanned the sentence up to itself again.

    A window wholly inside a prefix reads the same in the sentence, so its noun is found once; only
    the windows that a prefix cuts short (the last 25 characters) are read again for that prefix."""

    def __init__(self, text: str, sa: int, sb: int):
        self.sa = sa
        self.low = text[sa:sb].lower()
        self.starts = [m.start() for m in noun_starts_rx().finditer(self.low)]
        self.found: dict[int, tuple[str, str | None] | None] = {}

    def _at(self, i: int, end: int):
        noun, dom = noun_at(self.low, i, end)
        return (noun, dom) if noun and dom not in UNCOUNTED_DOMAINS else None

    def before(self, pos: int) -> tuple[str, str | None] | None:
        cut = pos - self.sa
        for k in range(bisect_left(self.starts, cut) - 1, -1, -1):
            i = self.starts[k]
            if i + 25 <= cut:
                if i not in self.found:
                    self.found[i] = self._at(i, i + 25)
                hit = self.found[i]
            else:
                hit = self._at(i, cut)
            if hit:
                return hit
        return None


def nouns_before(text: str, sa: int, sb: int):
    """A _NounsBefore for text[sa:sb], or None where lowering the sentence and lowering a prefix of it
    could differ (a case variant such as the final sigma): the plain _noun_before is used there."""
    return None if CASE_VARIANTS.search(text, sa, sb) else _NounsBefore(text, sa, sb)


# ---------------------------------------------------------------- relations


def _partition_fit(total_cat: str | None, cats: list[str | None], zero: set | frozenset = frozenset()) -> tuple[bool, bool, tuple]:
    """(disjoint, covered, missing) for parts with these categories under a total of total_cat.

    disjoint: the categories are distinct members of one declared partition (or of a nested one);
    covered: they exhaust it. Unknown categories (None) make the fit unknown (False, False)."""
    if any(c is None for c in cats) or len(set(cats)) != len(cats):
        return False, False, ()
    best = None
    for p in partitions():
        if total_cat is not None and p.total != total_cat:
            continue
        members = set(p.parts) | set(p.extra)
        # a part may be a whole member or a sub-category of one (early within early_or_on_time)
        assign = {}
        ok = True
        for c in cats:
            owner = c if c in members else next((m for m in p.parts if c in _leaves(m)), None)
            if owner is None:
                ok = False
                break
            assign.setdefault(owner, []).append(c)
        if not ok:
            continue
        missing = tuple(m for m in p.parts if m not in assign and m not in zero)
        sub_missing = tuple(x for m, cs in assign.items() if cs != [m] for x in _missing_leaves(m, cs) if x not in zero)
        covered = not missing and not sub_missing
        cand = (covered, -len(missing) - len(sub_missing), missing + sub_missing)
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is None:
        return False, False, ()
    return True, best[0], best[2]


def _leaves(cat: str) -> set[str]:
    out = {cat}
    for p in partitions():
        if p.total == cat:
            for x in p.parts:
                out |= _leaves(x)
    return out


def _missing_leaves(owner: str, cs: list[str]) -> tuple:
    for p in partitions():
        if p.total == owner and set(cs) <= set(p.parts):
            return tuple(x for x in p.parts if x not in cs)
    return (owner,)


_ZERO = (r"(?:không có|không phát sinh|không để|chưa có)\s+(?:hồ sơ\s+|trường hợp\s+)?(?:nào\s+)?"
         r"(?:giải quyết\s+)?(?:thủ tục hành chính\s+)?(quá hạn|trễ hạn|chậm hạn|chậm, quá hạn)")     # (vocab.abbreviated)


# A count right before a zero statement, in its clause, names who has none ("9 đơn vị không phát sinh hồ sơ
# trễ hạn"); a count of the previous clause does not ("đúng hạn 1.300 HS, không có hồ sơ quá hạn").
_SOME_UNITS = re.compile(r"\d\s+[^\d,;:.()]{0,20}$")


def _find_zeros(doc: Document, sents: list[Sentence]) -> list[Zero]:
    out = []
    for s in sents:
        low = s.text.lower()
        if "hạn" not in low or ("không" not in low and "chưa" not in low):
            continue                     # the words _ZERO needs (most sentences state no zero)
        for m in abbreviated(_ZERO, re.I).finditer(s.text):
            head = s.text[:m.start()]
            if _SOME_UNITS.search(s.text[max(0, m.start() - 30):m.start()]):
                continue                 # "9 đơn vị không phát sinh hồ sơ trễ hạn": some units only
            lv = detect_level(head) or s.level
            out.append(Zero("dossiers.late", lv, s.block, doc.blocks[s.block].line_at(s.start + m.start())))
    return out


def _zero_cats(zeros, tot: Figure) -> set[str]:
    out = set()
    for z in zeros:
        if z.level is None or tot.level is None or z.level == tot.level or tot.level in z.level.split("+") or \
                (z.level == "huyen+xa" and tot.level in ("huyen", "xa")):
            out.add(z.category)
    return out


def _closure(marker_complete: bool, list_text: str, parts: list[Figure], text: str) -> str:
    if marker_complete:
        return "complete"
    if _has_any(list_text, word_list("open_list")):
        return "open"
    last = parts[-1]
    between = text[parts[-2].end:last.start] if len(parts) >= 2 else ""
    if re.search(r"\svà\s|\s&\s", between):
        return "closed"
    return "open"


def _levels_complete(levels: set[str], total_ctx: str, combos: tuple[frozenset, ...]) -> bool:
    for combo in combos:
        if levels == set(combo):
            if combo == frozenset({"huyen", "xa"}):
                # (in a province's report a thành phố is a district-level town too: "Bộ phận Một cửa thành phố Phủ Lý tiếp
                # nhận 22.640 hồ sơ, trong đó cấp thành phố 8.150 hồ sơ, cấp xã, phường 14.490 hồ sơ")
                towns = r"|thành phố" if current_unit() == "province" else ""
                return bool(re.search(r"\b(?:toàn huyện|huyện|quận|thị xã" + towns + r")\b", total_ctx.lower())) and \
                    not re.search(r"toàn tỉnh|của tỉnh|tỉnh có", total_ctx.lower())
            return True
    return False


_COUNTABLE = ("units", "levels", "time", "other", None)


def _find_parts(doc: Document, figs: list[Figure], sents: list[Sentence], zeros=(), combos=None) -> list[Parts]:
    combos = complete_levels() if combos is None else combos      # the complete level lists of the report's period
    out = []
    by_sentence: dict[int, list[Figure]] = {}
    by_block: dict[int, list[Figure]] = {}
    for f in figs:
        by_sentence.setdefault(f.sentence, []).append(f)
        by_block.setdefault(f.block, []).append(f)
    markers = part_markers()
    rx = marker_rx()
    complete_of = {m: c for m, c in markers}
    # a sentence without the first word of any marker has no marked list; a word with a letter that
    # re.I also matches in another form ("i" ~ "ı", "s" ~ "ſ") is no safe test: then none is made
    marker_words = {m.lower().split()[0] for m, _ in markers if m.strip()}
    if any(set(w) & _FOLD_VARIANTS for w in marker_words) or any(not m.strip() for m, _ in markers):
        marker_words = set()
    for s in sents:
        block = doc.blocks[s.block]
        text = block.text
        sfigs = by_sentence.get(s.index, [])
        # the previous sentence of the same block, for "... 59.010 bộ. Trong đó, ..."
        prev = [f for f in by_sentence.get(s.index - 1, []) if f.block == s.block]
        low = s.text.lower()
        for m in rx.finditer(text, s.start, s.end) if not marker_words or any(w in low for w in marker_words) else ():
            marker = m.group(1).lower()
            after = [f for f in sfigs if f.start >= m.end()]
            # a marker inside brackets lists only what the brackets hold: in "trực tuyến 4.560 hồ sơ (trong đó
            # toàn trình 2.500 hồ sơ), trực tiếp 5.440 hồ sơ" the 5.440 is the online count's sibling
            inside = text.count("(", s.start, m.start()) - text.count(")", s.start, m.start())
            if inside > 0:
                after = list(takewhile(lambda f: f.depth >= inside, after))
            before = [f for f in sfigs if f.end <= m.start()]
            if not before and text[s.start:m.start()].strip(" ,.") == "":
                # (its figures outside brackets: "... 12.500 hồ sơ (tỉnh: 4.500; huyện: 3.000; xã: 5.000). Trong đó, ..."
                # breaks down the 12.500, not the aside's last figure)
                before = [f for f in prev if f.depth == min(g.depth for g in prev)]
                if not before and block.kind == "footnote":
                    # "[^1]: Trong đó: cấp tỉnh 9.204 hồ sơ, ...": the breakdown of the figure its mark follows
                    before = _referenced(doc, by_block, block)
            if not after and s.end == len(text.rstrip()) and not text[m.end():s.end].strip(" :"):
                # "Tổng số hồ sơ tiếp nhận: 5.230 hồ sơ. Trong đó:" and one list item per part below
                out.extend(_item_list(doc, by_block, s, marker, complete_of.get(marker, False), before, zeros, combos))
                continue
            out.extend(_one_list(text, marker, complete_of.get(marker, False), m, before, after, s, zeros=zeros, combos=combos))
        if sfigs:
            out.extend(_among_list(doc, by_block, s, sfigs, zeros, combos))
            if len(sfigs) > 2:
                out.extend(_trailing_parts(text, s, sfigs, rx))
            if prev and sents[s.index - 1].index == s.index - 1:
                out.extend(_total_after_list(text, sents[s.index - 1], s, sfigs[0], prev, rx, complete_of))
        # "N hồ sơ (a hồ sơ X, b hồ sơ Y)": a parenthesised list right after its total
        for f in sfigs:
            if f.percent or f.domain in _COUNTABLE:
                continue
            tail = text[f.end:f.end + 40]
            tail = text[f.end:f.end + 70]
            pm = _PAREN_AFTER.match(tail) if "(" in tail else None
            if not pm:
                continue
            open_at = f.end + pm.end() - 1
            close_at = text.find(")", open_at)
            if close_at < 0:
                continue
            inner = [g for g in sfigs if open_at < g.start < close_at and g.depth == f.depth + 1]
            inner_text = text[open_at + 1:close_at]
            if rx.match(inner_text.strip()):
                continue                     # "(trong đó ...)" is read by the marker loop
            # a list nested in the brackets is its own figure's breakdown, read by the marker loop: in "12.345 hồ
            # sơ (kỳ trước 1.234 hồ sơ; mới 11.111 hồ sơ, trong đó trực tuyến 6.789 hồ sơ, trực tiếp 4.322 hồ
            # sơ)" the parts of 12.345 are 1.234 and 11.111; the nested list runs to its clause's ";"
            for mk in rx.finditer(text, open_at + 1, close_at):
                semi = text.find(";", mk.end(), close_at)
                nested_end = semi if semi >= 0 else close_at
                inner = [g for g in inner if not mk.end() <= g.start < nested_end]
            if len(inner) < 2 or any(g.percent for g in inner[:1]):
                continue
            out.extend(_one_list(text, "(", False, None, [f], inner, s, inner_text, zeros=zeros, combos=combos))
    return _dedupe_parts(out)


# letters that re.IGNORECASE matches in a form other than their case pair (CPython's re._casefix):
# a substring test of the lowered text stands for a case-insensitive pattern only without them
_FOLD_VARIANTS = set("isk" + CASE_VARIANT_CHARS)
_PAREN_AFTER = re.compile(r"\s*(?:[^\d();,.]{0,60}?)\(")


def _one_list(text, marker, complete, m, before, after, s, list_text=None, zeros=(), combos=()) -> list[Parts]:
    if not after:
        return []
    # (units too, by level only: "kiểm tra tại 12 cơ quan, đơn vị, trong đó 8 cơ quan cấp tỉnh, 5 UBND cấp huyện"; units
    # counted by what they did overlap: "773 đơn vị, trong đó: đã thực hiện tự chủ 772/773 đơn vị, ... 772/773 đơn vị")
    dom_parts = [f for f in after if not f.percent and (f.domain not in _COUNTABLE or f.domain == "units")]
    units = [f for f in dom_parts if f.domain == "units"]
    if units and (not all(f.level_stated for f in units) or len({f.level for f in units}) < len(units)):
        dom_parts = [f for f in dom_parts if f.domain != "units"]
    if not dom_parts:
        return []
    # the total: the last count before the marker, in the parts' domain, not a percentage
    dom = dom_parts[0].domain
    cands = [f for f in reversed(before) if not f.percent and f.domain == dom and f.role in ("value", "ratio", "base")]
    # "1.456/1.625, trong đó ...": the list breaks down the count, not the base it is stated over
    tot = next((f for f in cands if f.role != "base"), cands[0] if cands else None)
    if tot is None:
        return []
    depth0 = min(f.depth for f in dom_parts)
    parts = [f for f in dom_parts if f.domain == dom and f.depth == depth0 and f.role in ("value", "ratio")]
    if len(parts) < 1:
        return []
    cats = [p.category for p in parts]
    if tot.category is not None and len(parts) >= 2 and not _partition_fit(tot.category, cats)[0]:
        # "đã giải quyết 3.102 hồ sơ, trong đó trước hạn 2.850 hồ sơ, …, trễ hạn 12 hồ sơ; đang giải quyết 113 hồ sơ": the
        # list ends at the ';' past which its total's parts stop fitting (the pending count is the total's sibling)
        end = next((k for k in range(len(parts) - 1, 0, -1) if ";" in text[parts[k - 1].end:parts[k].start]
                    and _partition_fit(tot.category, cats[:k])[0]), None)
        if end is not None:
            parts, cats = parts[:end], cats[:end]
        else:
            # "đã giải quyết: 33.210 hồ sơ; đang giải quyết: 1.357 hồ sơ. Trong đó, hồ sơ giải quyết trước hạn là 25.432, …":
            # parts that break down an earlier count of the list's lead, not the last one, are that count's
            tot = next((f for f in cands if f.role != "base" and f.category not in (None, tot.category)
                        and _partition_fit(f.category, cats)[0]), tot)
    out: list[Parts] = []
    over = _counted_over(text, before, tot)
    if over is not None and over.category is not None and len(parts) >= 2 and _partition_fit(over.category, cats)[0] \
            and not (tot.category is not None and _partition_fit(tot.category, cats)[0]):
        # "18.642 hồ sơ ... trực tuyến mức độ 3, 4 trên tổng số 86.720 hồ sơ, chiếm tỷ lệ 21,5%. Trong đó, hồ sơ mức độ 4 là 6.110
        # hồ sơ, mức độ 3 là 12.532 hồ sơ": parts that split the count stated over the total are that count's
        tot = over
    count = _counted_over(text, before, tot) if all(p.den is not None for p in parts) else None
    if count is not None:
        # "45.120 hồ sơ trực tuyến trên tổng số 60.300 hồ sơ. Trong đó, cấp tỉnh 20.150/22.400 hồ sơ, cấp huyện
        # 15.870/23.900 hồ sơ, ...": the numerators break down the count, the bases the total it is stated over
        bases = [f for f in after if f.role == "base" and f.depth == depth0 and any(p.den is f.number for p in parts)]
        if len(bases) == len(parts) >= 2:
            out += _listed(text, marker, complete, m, bases, s, list_text, tot, zeros, combos)
        tot = count
    parts = _within_total(text, tot, parts)
    return out + _listed(text, marker, complete, m, parts, s, list_text, tot, zeros, combos)


def _counted_over(text: str, before: list[Figure], tot: Figure) -> Figure | None:
    """The count written just before `tot` as over it ("45.120 hồ sơ trên tổng số 60.300 hồ sơ", reading.yml
    over_total), in the same block; else None."""
    k = next((i for i, f in enumerate(before) if f is tot), 0)
    a = before[k - 1] if k > 0 else None
    return a if a is not None and a.block == tot.block and _written_over(text, a, tot) else None


def _listed(text, marker, complete, m, parts, s, list_text, tot, zeros, combos) -> list[Parts]:
    """`parts` listed after `tot` as Parts, with the list's closure read from its words."""
    list_end = parts[-1].end
    lt = list_text if list_text is not None else text[(m.end() if m else parts[0].start):min(s.end, list_end + 60)]
    closure = _closure(complete, lt, parts, text) if len(parts) >= 2 else ("complete" if complete else "open")
    if marker == "(" and closure == "open" and not _has_any(lt, word_list("open_list")):
        closure = "closed"              # a breakdown in parentheses right after its total names all of it
    if re.search(r"(?:" + "|".join(re.escape(w) for w in word_list("open_list")) + r")", text[list_end:s.end].lower()):
        closure = "open" if closure != "complete" else closure
    return _classified(tot, parts, marker, closure, text[max(s.start, tot.start - 80):tot.end], zeros, combos)


def _trailing_parts(text: str, s: Sentence, sfigs: list[Figure], marker_rx: re.Pattern) -> list[Parts]:
    """Parts written before their total ("huyện Châu Thành tiếp nhận 1.200 hồ sơ, huyện Chợ Mới 800 hồ sơ,
    thành phố Long Xuyên 2.000 hồ sơ; tổng cộng 4.000 hồ sơ", TRAILING_TOTAL): the counts of its kind since
    the sentence's last list marker, summed as a complete list."""
    out = []
    for k in range(2, len(sfigs)):
        f = sfigs[k]
        if f.percent or f.domain in _COUNTABLE or not TRAILING_TOTAL.match(text[sfigs[k - 1].end:f.start].strip(" ")):
            continue
        start = max((m.end() for m in marker_rx.finditer(text, s.start, sfigs[k - 1].start)), default=s.start)
        run = _entity_run(sfigs[:k], f, start, f.depth)
        if run:
            out.append(Parts(f, tuple(run), "tổng cộng", "complete", "entity", False))
    return out


def _entity_run(figs: list[Figure], f: Figure, start: int, depth: int) -> list[Figure]:
    """The counts of `f`'s kind in `figs` from `start`, at `depth`, that a total `f` stated after them sums: [] where they
    name levels (the facts read those as the unit's levels, calc.levels) or more than one category, or are fewer than
    two; none before a count larger than the total (it is no part of it)."""
    run = [g for g in figs if g.start >= start and not g.percent and g.domain == f.domain
           and g.depth == depth and g.role == "value" and g.den is None]
    big = [i for i, g in enumerate(run) if g.value > f.value]
    run = run[big[-1] + 1:] if big else run
    cats = {g.category for g in run} - {None}
    # (a list of units may name a level in passing: "Sở Xây dựng 15 hồ sơ, UBND huyện Văn Lâm 30 hồ sơ" is
    # no breakdown by level, which states each part's own level once)
    by_level = all(g.level_stated for g in run) and len({g.level for g in run}) == len(run)
    if len(run) < 2 or by_level or len(cats) > 1 or (f.category and cats and cats != {f.category}):
        return []
    return run


# A sentence that opens with the total of what the sentence before listed: "Tổng số hồ sơ trễ hạn của các cơ quan cấp
# tỉnh là 68 hồ sơ", "Tổng cộng: 58 hồ sơ" (its words up to the figure, no other figure between)
_TOTAL_LEADS = re.compile(r"^\W*(?:tổng cộng|tổng số|tổng|cộng)\b[^\d;]{0,90}?(?:\blà|:)?\s*$", re.I)


def _total_after_list(text: str, ps: Sentence, s: Sentence, f: Figure, prev: list[Figure], marker_rx: re.Pattern,
                      complete_of: dict) -> list[Parts]:
    """A total that opens the sentence after its parts' list: "... còn 4 cơ quan để xảy ra hồ sơ trễ hạn, gồm: Sở Tài
    nguyên và Môi trường (35 hồ sơ), Sở Xây dựng (12 hồ sơ), ... và Sở Công Thương (3 hồ sơ). Tổng số hồ sơ trễ hạn của
    các cơ quan cấp tỉnh là 68 hồ sơ." The counts of its kind after the sentence's last list marker (else from its start),
    at one depth, with no count of that kind before the marker (the list would be that count's)."""
    if f.percent or f.domain in _COUNTABLE or not _TOTAL_LEADS.match(text[s.start:f.start]):
        return []
    m = max(marker_rx.finditer(text, ps.start, prev[-1].start), key=lambda x: x.end(), default=None)
    start = m.end() if m else ps.start
    if any(g.start < start and g.domain == f.domain and not g.percent for g in prev):
        return []
    after = [g for g in prev if g.start >= start and g.domain == f.domain and not g.percent]
    if not after:
        return []
    run = _entity_run(prev, f, start, min(g.depth for g in after))
    if not run:
        return []
    marker = m.group(1).lower() if m else "tổng cộng"
    closure = _closure(complete_of.get(marker, False), text[start:run[-1].end + 60], run, text)
    return [Parts(f, tuple(run), marker, closure, "entity", False)]


def _among_list(doc: Document, by_block: dict, s: Sentence, sfigs: list[Figure], zeros, combos) -> list[Parts]:
    """"Trong số HS đã giải quyết có 7.870 HS đúng hạn, 126 HS quá hạn" (reading.yml among_whole): the
    words name the whole, whose count the paragraph stated before; the sentence's counts are its parts."""
    text = doc.blocks[s.block].text
    head = text[s.start:sfigs[0].start]
    if not among_whole_rx().search(head.lower()):
        return []
    counts = [f for f in sfigs if not f.percent and f.domain not in _COUNTABLE and f.depth == sfigs[0].depth]
    if len(counts) < 2 or len({f.domain for f in counts}) > 1:
        return []
    whole, _dist = category_of(head, counts[0].domain, True)
    earlier = [f for f in by_block.get(s.block, ()) if f.sentence < s.index and f.category == whole and not f.percent
               and f.domain == counts[0].domain and f.role == "value"]
    if whole is None or not earlier:
        return []
    tot = earlier[-1]
    return _classified(tot, counts, "trong số", "open", text[max(0, tot.start - 80):tot.end], zeros, combos)


def _referenced(doc: Document, by_block: dict, note: Block) -> list[Figure]:
    """The figure a footnote's mark stands right after ("28.906 hồ sơ[^1]"), as a one-figure list."""
    for bi, b in enumerate(doc.blocks):
        for note_id, off in b.refs:
            if note_id == note.note_id:
                figs = [f for f in by_block.get(bi, ()) if f.end <= off and off - f.end <= 25]
                return figs[-1:]
    return []


def _item_list(doc: Document, by_block: dict, s: Sentence, marker: str, complete: bool, before: list[Figure],
               zeros, combos) -> list[Parts]:
    """A paragraph ending on a list marker ("..., trong đó:") and the list items right after it: each item
    ("- Trực tuyến: 2.100 hồ sơ;") states one part, its first count. Items with another list marker than
    the first are sub-items of the part before them; an item without a count ends the reading (no list
    of counts)."""
    parts: list[Figure] = []
    first_marker = None
    bi = s.block + 1
    while bi < len(doc.blocks) and doc.blocks[bi].kind == "item":
        b = doc.blocks[bi]
        if first_marker is None:
            first_marker = b.marker
        if b.marker == first_marker:
            count = next((f for f in by_block.get(bi, ()) if not f.percent and f.domain not in _COUNTABLE), None)
            if count is None:
                return []
            parts.append(count)
        bi += 1
    if len(parts) < 2 or len({p.domain for p in parts}) > 1:
        return []
    cands = [f for f in reversed(before) if not f.percent and f.domain == parts[0].domain and f.role in ("value", "ratio")]
    if not cands:
        return []
    tot = cands[0]
    text = doc.blocks[tot.block].text
    return _classified(tot, parts, marker, "complete" if complete else "open", text[max(0, tot.start - 80):tot.end],
                       zeros, combos)


def _classified(tot: Figure, parts: list[Figure], marker: str, closure: str, total_ctx: str, zeros, combos) -> list[Parts]:
    """A total and its listed parts as Parts: broken down by level, by category (covering a declared
    partition or not) or by entity; [] when the parts are none of these."""
    alias = context_aliases().get(tot.category or "", {})
    cats = [alias.get(p.category, p.category) for p in parts]
    levels = [p.level if p.level_stated else None for p in parts]
    # (a part whose own words name no category is of its siblings' kind: "cấp tỉnh tiếp nhận 3.000 hồ sơ,
    # cấp huyện 2.000 hồ sơ và cấp xã tiếp nhận 4.000 hồ sơ")
    if all(levels) and len(set(levels)) == len(levels) and len(parts) >= 2 and \
            len({c for c in cats if c is not None}) <= 1:
        # (the levels of another count than the total's are no complete breakdown of it, only a part: "12.500 hồ sơ
        # (...). Trong đó, số hồ sơ đã giải quyết của cấp tỉnh, cấp huyện và cấp xã tương ứng là 4.400, 2.950 và 4.990")
        other = next((c for c in cats if c is not None), tot.category) not in (tot.category, None) and tot.category is not None
        covered = not other and _levels_complete(set(levels), total_ctx, combos)
        return [Parts(tot, tuple(parts), marker, closure, "level", covered)]
    zero = _zero_cats(zeros, tot)
    disjoint, covered, missing = _partition_fit(tot.category, cats, zero)
    if not disjoint and tot.category is not None and all(c is not None for c in cats):
        disjoint, covered, missing = _partition_fit(None, cats)
        covered = False
    if disjoint:
        return [Parts(tot, tuple(parts), marker, closure, "category", covered, missing)]
    # (a part may repeat the total's own words: "các địa phương cấp huyện tiếp nhận 4.300 hồ sơ. Trong đó, thành phố
    # Việt Trì tiếp nhận 2.300 hồ sơ, thị xã Phú Thọ 1.200 hồ sơ, ...": each unit's share of the same count; not where
    # a part names a level, which the list may have run into: "...; cấp xã tiếp nhận 18.000 hồ sơ")
    if len(parts) >= 2 and (all(c is None for c in cats) or
                            all(c is None or c == tot.category for c in cats) and not any(p.level_stated for p in parts)):
        return [Parts(tot, tuple(parts), marker, closure if marker == "(" else
                      ("open" if closure != "complete" else closure), "entity", False)]
    return []


def _within_total(text: str, tot: Figure, parts: list[Figure]) -> list[Figure]:
    """A list ends at a ';' after which a part names a category its total does not contain: "Số hồ sơ
    đã giải quyết 3.010 hồ sơ, trong đó trước hạn ..., quá hạn 40 hồ sơ; số hồ sơ đang giải quyết
    235 hồ sơ" (the pending count is the total's sibling in the dossier flow, not one of its parts)."""
    if tot.category is None:
        return parts
    for k in range(1, len(parts)):
        p = parts[k]
        if p.category and p.category != tot.category and tot.category not in ancestors(p.category) \
                and ";" in text[parts[k - 1].end:p.start]:
            return parts[:k]
    return parts


def _dedupe_parts(items: list[Parts]) -> list[Parts]:
    seen, out = set(), []
    for p in items:
        key = (p.total.index, tuple(f.index for f in p.parts))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# Bases a share may be stated over when the text does not say (issue: received, new, resolved, due),
# besides every total its category belongs to.
_BASE_CATS = ("dossiers.received", "dossiers.new", "dossiers.resolved", "dossiers.due", "tthc.total",
              "pakn.received")


def _find_shares(doc: Document, figs: list[Figure], parts: list[Parts], rate_groups=()) -> list[Share]:
    out = []
    list_total = {p.index: pr.total for pr in parts for p in pr.parts}
    for i, f in enumerate(figs):
        if f.percent and f.role in ("rate", "share"):
            ahead = _bracketed_over_total(doc, figs, i)
            if ahead is not None:
                # "Tỷ lệ hồ sơ giải quyết quá hạn: 0,35% (14 hồ sơ trên tổng số 4.000 hồ sơ đã giải quyết)"
                out.append(Share(f, ahead[0], (ahead[1],), False, True))
                continue
        if f.percent and f.role == "share" and (plan := _of_plan(doc, figs, i)) is not None:
            # "đã đơn giản hóa 45 TTHC, đạt 112,5% kế hoạch (40 TTHC)": the count over its plan, which it may exceed
            out.append(Share(f, plan[0], (plan[1],), False, True))
            continue
        if f.percent and f.role == "rate" and (over := _rate_named_over(doc, figs, f)) is not None:
            # "Tỷ lệ hồ sơ đã giải quyết trên tổng số hồ sơ tiếp nhận đạt 98,61%": a rate whose words name what it
            # counts and what over, both stated before it
            out.append(Share(f, over[0], (over[1],), False, over[0].block == over[1].block == f.block, named=True))
            continue
        if not f.percent or f.role != "share":
            continue
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        if nxt is not None and nxt.den is not None and nxt.sentence == f.sentence and \
                _own_count_gap(doc.blocks[f.block].text, f.number.start, f.number.end, nxt.number.start):
            continue               # "đạt 99,81% (52.000/52.100 hồ sơ)": its own count and base (the fraction's check reads it)
        # (the last count outside the brackets the share is outside of: "36.210 hồ sơ (toàn trình 21.450 hồ sơ, một phần
        # 14.760 hồ sơ), đạt tỷ lệ 69,18%" is the 36.210's)
        count = share_own_count(doc.blocks[f.block].text, figs, i, restated_part=True) or _count_before_share(doc, figs, i)
        if count is None or count.domain in _COUNTABLE or count.role == "base":
            continue               # (after "11/38 nhiệm vụ (đạt 28,94%)" the fraction's own check reads it)
        part = _over_total(doc, figs, count)
        if part is not None:
            # "A hồ sơ trên tổng số B hồ sơ, đạt x%": x is A over B, the base written out
            out.append(Share(f, part, (count,), False, True))
            continue
        if count.den is not None:
            out.append(Share(f, count, (), True, True))
            continue
        named_before = _base_named_before(doc, figs, f, count)
        if named_before is not None:
            # "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận mới đạt 78,26% (159.750 hồ sơ)": over the count
            # of the kind its words name, the latest stated before it, however far back
            out.append(Share(f, count, (named_before,), False, True, named=True))
            continue
        named = _named_base(doc, f)
        # the text names a base of another kind of the same things than the count ("... tổng số TTHC")
        other_kind = named is not None and named != count.domain and count_class(named) == count_class(count.domain)
        if other_kind and list_total.get(count.index) is not None:
            # "1.021 DVC ..., trong đó 612 ..., 409 ..., đạt tỷ lệ 55,01% tổng số TTHC": the base named is of
            # another kind than the last part, so the share is the list's total over that kind's total
            whole = list_total[count.index]
            bases = _bases(doc, figs, whole, {}, named=named)
            if bases:
                out.append(Share(f, whole, tuple(bases), False, all(b.block == whole.block for b in bases)))
            continue
        # ("1.020 dịch vụ, chiếm 52,3% tổng số TTHC (1.950 TTHC)": a count over that other kind's totals)
        bases = _bases(doc, figs, count, list_total, named=named if other_kind else None)
        if not bases and named is not None and named == count.domain:
            # "963 dịch vụ, chiếm 63,23% tổng số dịch vụ công trực tuyến": the text names the kind of its base,
            # so a total of that kind whose category is not read is a base too
            bases = _bases(doc, figs, count, list_total, named=named)
        if count.den is None and bases:
            out.append(Share(f, count, tuple(bases), False, all(b.block == count.block for b in bases)))
    return out + _group_rate_shares(doc, figs, rate_groups, list_total, {s.share.index for s in out})


def _count_before_share(doc: Document, figs: list[Figure], i: int) -> Figure | None:
    """The count a share after it is of: the last one of its sentence outside the brackets the share is outside of
    ("36.210 hồ sơ (toàn trình 21.450 hồ sơ, một phần 14.760 hồ sơ), đạt tỷ lệ 69,18%": the 36.210), or the count in
    brackets that restates the one before it exactly ("hơn 82 nghìn hồ sơ nộp trực tuyến (82.340 hồ sơ), chiếm 68,81%")."""
    f = figs[i]
    for k in range(i - 1, -1, -1):
        g = figs[k]
        if g.sentence != f.sentence:
            return None
        if g.percent:
            continue
        if g.depth <= f.depth:
            return g
        prev = figs[k - 1] if k > 0 else None
        if g.depth == f.depth + 1 and prev is not None and not prev.percent and prev.depth == f.depth and \
                prev.sentence == f.sentence and _RESTATED.fullmatch(doc.blocks[f.block].text, prev.number.end, g.number.start):
            return g
    return None


def _rate_named_over(doc: Document, figs: list[Figure], f: Figure) -> tuple[Figure, Figure] | None:
    """(count, base) of a rate that names its base in words (BASE_BEFORE, BASE_AFTER) where both the count of its
    own category and the base are stated before it, in its section; else None."""
    if f.category is None or f.category in _UNSURE_RATE_COUNTS:
        return None        # ("tỷ lệ giải quyết đúng hạn" often counts the early dossiers too: rate.recomputed reads it)
    count = _latest_before(doc, figs, f, f.category, 0.0)
    return (count, base) if count is not None and (base := _base_named_before(doc, figs, f, count)) is not None else None


def _latest_before(doc: Document, figs: list[Figure], f: Figure, cat: str, at_least: float) -> Figure | None:
    """The latest count of category `cat` before figure f, of its level and period, no heading between."""
    for g in reversed(figs):
        if g.index >= f.index or g.percent or g.category != cat or g.role not in ("value", "ratio") or g.value < at_least \
                or g.level != f.level or g.period != f.period:
            continue
        return None if any(doc.blocks[k].kind == "heading" for k in range(g.block, f.block)) else g
    return None


# "đạt 100% số hồ sơ quá hạn", "chiếm 0,16% số hồ sơ tiếp nhận": a share followed by "số" and the words naming its base
SHARE_OF_NAMED = re.compile(r"\s*(?:của |trên )?(?:tổng )?số ((?!\d)[\wÀ-ỹ ]{3,60}?)\s*(?:[,.;()]|$)", re.I)


def _base_named_after(doc: Document, figs: list[Figure], count: Figure, words: str) -> Figure | None:
    """The count of the category `words` name, as SHARE_OF_NAMED reads them after a share: the latest such before the count,
    of its level and period. Of the count's own kind, a total of it or a plausible base; of another kind, only where the
    words name its noun ("Các cơ quan đã gửi 146 thư xin lỗi, đạt 100% số hồ sơ quá hạn": the letters over the late
    dossiers)."""
    noun, dom = noun_at(words.lower(), 0, len(words))
    if noun is None or dom in _COUNTABLE:
        return None
    cat = category_of(words, dom, False)[0]
    if cat is None:
        return None
    if dom == count.domain:
        if count.category is None or cat not in ancestors(count.category) and cat not in _BASE_CATS:
            return None
        return _latest_before(doc, figs, count, cat, count.value)
    return _latest_before(doc, figs, count, cat, 0)


def _base_named_before(doc: Document, figs: list[Figure], f: Figure, count: Figure) -> Figure | None:
    """The count of the category a share's words name as its base before or right after it (BASE_BEFORE, BASE_AFTER),
    a total of the count's own category or a plausible base: the latest such figure of the count's level and period
    before the count; None when the words name no category, or one the count is no part of."""
    text = doc.blocks[f.block].text
    sa = max((a for a, _b in sentences(text) if a <= f.start), default=0)
    m = BASE_BEFORE.search(text, sa, f.start) or BASE_AFTER.match(text, f.end)
    if m is None and (of := SHARE_OF_NAMED.match(text, f.end)) is not None:
        return _base_named_after(doc, figs, count, of.group(1))
    if m is None or count.category is None:
        return None
    cat = category_of(m.group(1), count.domain, False)[0]
    if cat is None or cat not in ancestors(count.category) and cat not in _BASE_CATS:
        return None
    return _latest_before(doc, figs, count, cat, count.value)


def _bases(doc: Document, figs: list[Figure], count: Figure, list_total: dict,
           named: str | None = None) -> list[Figure]:
    """The totals a count's share may be stated over: same domain, in context, not smaller. With `named`
    (the domain the text names after the share), any count of that kind: "tổng số TTHC" is whatever
    TTHC total the text states."""
    bases = []
    lo_block = count.block - SETTINGS.denominator_blocks_back
    domain = named or count.domain
    for k, g in enumerate(figs):
        if g is count or g.percent or g.domain != domain or g.block < lo_block or g.block > count.block:
            continue
        if g.block < count.block and any(doc.blocks[k].kind == "heading" for k in range(g.block, count.block)):
            continue
        if g.value < count.value * 0.999 or g.role not in ("value", "ratio", "base"):
            continue
        if g.period and count.period and g.period != count.period:
            continue
        if g.level and count.level and g.level != count.level and g.block != count.block:
            continue
        plausible = set(_BASE_CATS) | (ancestors(count.category) if count.category else set())
        # an uncounted kind ("1.054 DVC đã được tích hợp ..., đạt tỷ lệ 93,94%" beside "1.122 DVC"): a total of
        # that kind without a category, in the same paragraph, is as plausible a base as any
        # (not a count with a share of its own right after it: "1.120 TTHC, đạt 60,34%; ... một phần 613 TTHC, đạt 33,03%"
        # are two parts of one total)
        loose = count.category is None and g.category is None and g.block == count.block and not \
            (k + 1 < len(figs) and figs[k + 1].percent and figs[k + 1].role == "share" and figs[k + 1].sentence == g.sentence)
        if not named and not loose and (g.category is None or g.category not in plausible) \
                and list_total.get(count.index) is not g:
            continue
        if g.category == count.category and g.value == count.value and g.index > count.index:
            continue
        bases.append(g)
    # the total of the list the count belongs to is always a plausible base
    lt = list_total.get(count.index)
    if lt is not None and lt not in bases:
        bases.append(lt)
    if count.category in word_list("own_bases_only"):
        # "tiếp nhận 12.480 hồ sơ, trong đó hồ sơ trực tuyến là 9.236 hồ sơ, chiếm tỷ lệ 74%": with a total the
        # count is part of in its own paragraph, the share is of such a total, not of the dossiers resolved
        whole = ancestors(count.category)
        if any(g.category in whole and g.block == count.block and g.index < count.index for g in bases):
            bases = [g for g in bases if g.category in whole or g is lt]
    return _without_restatements(bases)


def _without_restatements(bases: list[Figure]) -> list[Figure]:
    """An approximate base that an exact base of its category restates is left out: a headline's "hơn 95
    nghìn hồ sơ" is the body's 95.412, and its 10 % tolerance would otherwise let any share hold."""
    exact = [g for g in bases if not g.number.approximate]
    def restated(g: Figure) -> bool:
        lo, hi = g.number.interval()
        return any(e.category == g.category and lo <= e.value <= hi for e in exact)
    return [g for g in bases if not g.number.approximate or not restated(g)]


def _group_rate_shares(doc: Document, figs: list[Figure], groups: list[RateGroup], list_total: dict,
                       done: set) -> list[Share]:
    """The rates of a group that exhausts a partition, stated apart from their counts ("Đã giải quyết
    5.801 hồ sơ (sớm hạn 4.920 ...)." then "Tỷ lệ hồ sơ giải quyết trước hạn chiếm 84,81%, đúng hạn
    chiếm 14,65%, trễ hạn chiếm 0,53%"): each is the share of the nearest earlier count of its category.
    Only exhaustive groups: there the categories are meant strictly ("đúng hạn" beside "trước hạn" is
    on time only), where a lone "tỷ lệ đúng hạn" often counts early dossiers too (rate.recomputed)."""
    out = []
    for g in groups:
        if not g.covered:
            continue
        for f in g.rates:
            if f.index in done or f.role != "rate":
                continue
            count = _earlier_count(doc, figs, f)
            if count is None:
                continue
            bases = _bases(doc, figs, count, list_total)
            if bases:
                out.append(Share(f, count, tuple(bases), False, all(b.block == count.block for b in bases)))
                done.add(f.index)
    return out


def _earlier_count(doc: Document, figs: list[Figure], f: Figure) -> Figure | None:
    """The nearest count before rate `f` of its category, its level and period, with no heading between
    and within SETTINGS.denominator_blocks_back paragraphs; None when the nearest such paragraph states
    that category twice (which one the rate is of cannot be told)."""
    lo = f.block - SETTINGS.denominator_blocks_back
    hits = [g for g in figs[:f.index - figs[0].index] if not g.percent and g.category == f.category
            and g.domain not in _COUNTABLE and lo <= g.block <= f.block and g.role == "value"
            and (not g.period or not f.period or g.period == f.period)
            and (not g.level or not f.level or g.level == f.level)] if figs else []
    if not hits:
        return None
    last = hits[-1]
    if any(doc.blocks[k].kind == "heading" for k in range(last.block, f.block + 1)):
        return None
    same = [g for g in hits if g.block == last.block]
    return last if len(same) == 1 else None


# "đạt 112,5% kế hoạch (40 TTHC)", "bằng 95% so với kế hoạch năm (200 hồ sơ)": the plan's figure in brackets
_OF_PLAN = re.compile(r"\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu)(?:\s+(?:năm|đề ra|được giao|giao))?\s*(?:\d{4}\s*)?\(\s*", re.I)


def _of_plan(doc: Document, figs: list[Figure], i: int) -> tuple[Figure, Figure] | None:
    """(count, plan) of a percentage stated as a count's achievement of its plan, the plan's figure in brackets
    right after ("45 TTHC, đạt 112,5% kế hoạch (40 TTHC)"): the last count before it in its sentence and the
    count the brackets open on, of the same kind; else None."""
    f, text = figs[i], doc.blocks[figs[i].block].text
    m = _OF_PLAN.match(text, f.number.end)
    if m is None or i + 1 >= len(figs) or i == 0:
        return None
    plan, count = figs[i + 1], figs[i - 1]
    if plan.percent or count.percent or plan.start != m.end() or not plan.sentence == count.sentence == f.sentence \
            or plan.domain is None or plan.domain != count.domain:
        return None
    return count, plan


def _named_base(doc: Document, f: Figure) -> str | None:
    """The domain of the base a percentage names right after it (reading.yml base_after + a unit noun):
    "55,01% tổng số TTHC" -> 'tthc'; None when it names none."""
    text = doc.blocks[f.block].text
    m = _base_after_rx().match(text, f.end)
    if not m:
        return None
    _noun, dom = noun_at(text, m.end(), m.end() + SETTINGS.unit_reach)
    return dom if dom not in _COUNTABLE else None


@lru_cache(maxsize=None)
def _base_after_rx() -> re.Pattern:
    words = sorted(word_list("base_after"), key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")(?![\wÀ-ỹ])", re.I)


def _bracketed_over_total(doc: Document, figs: list[Figure], i: int) -> tuple[Figure, Figure] | None:
    """(count, total) of a percentage whose brackets open on "A ... trên tổng số B" ("đạt 0,35% (14 hồ sơ trên
    tổng số 4.000 hồ sơ đã giải quyết)"): the share written before its own count and base; else None."""
    if i + 2 >= len(figs):
        return None
    f, text = figs[i], doc.blocks[figs[i].block].text
    after = f.number.end
    aside = _SHARE_ASIDE.match(text, after)
    j = i + 1
    if aside:
        # "đạt 58,4% (kế hoạch năm: 60%), với 35.040 hồ sơ trực tuyến trên tổng số 60.000 hồ sơ": past the aside's figures
        after = aside.end()
        while j < len(figs) and figs[j].start < after:
            j += 1
        if j + 1 >= len(figs):
            return None
    a, b = figs[j], figs[j + 1]
    if a.percent or b.percent or not a.sentence == b.sentence == f.sentence:
        return None
    if not (_PAREN_COUNT_GAP.fullmatch(text, after, a.number.start) or _WITH_GAP.fullmatch(text, after, a.number.start)):
        return None
    return (a, b) if _over_total(doc, figs, b) is a else None


# A bracketed aside right after a share, before the count it is of: "(kế hoạch năm: 60%)", "(cùng kỳ: 55,2%)"
_SHARE_ASIDE = re.compile(r"\s*\([^()]{0,60}\)\s*(?=,?\s*(?:tương ứng\s+)?với\s)", re.I)


# "chiếm 62,5% với 5.000 hồ sơ trên tổng số 8.000 hồ sơ": the count and its base after "với" instead of brackets
_WITH_GAP = re.compile(r"\s*,?\s*(?:tương ứng\s+)?với\s*", re.I)


def _over_total(doc: Document, figs: list[Figure], base: Figure) -> Figure | None:
    """The count that `base` is written as the total of ("25.000 hồ sơ trên tổng số 30.000"): the figure
    just before it in its sentence, of the same domain and not larger, with only its own clause (no break,
    SETTINGS.over_total_gap at most) and an over-total phrase (reading.yml over_total) between them."""
    k = base.index - figs[0].index if figs else -1
    if k <= 0 or figs[k] is not base:
        return None
    a = figs[k - 1]
    return a if a.sentence == base.sentence and _written_over(doc.blocks[base.block].text, a, base) else None


def _written_over(text: str, a: Figure, base: Figure) -> bool:
    """Whether count `a`, just before `base` in `text`, is written as over it: of the same domain and not larger,
    with only its own clause (no break, SETTINGS.over_total_gap at most) and an over-total phrase between them."""
    if a.percent or a.domain != base.domain or a.value > base.value * 1.001:
        return False
    gap = text[a.number.end:base.number.start].lower()
    for noun in word_list("comma_nouns"):            # (a comma inside one noun ends no clause)
        if noun in gap:
            gap = gap.replace(noun, noun.replace(",", " "))
    return len(gap) <= SETTINGS.over_total_gap and bool(_over_total_rx().search(gap))


@lru_cache(maxsize=None)
def _over_total_rx() -> re.Pattern:
    words = sorted(word_list("over_total"), key=len, reverse=True)
    return re.compile(r"^[^,;.()]*?(?<![\wÀ-ỹ])(?:" + "|".join(re.escape(w) for w in words) + r")\s*$")


def _named_rate(doc: Document, f: Figure) -> bool:
    """A rate names what it measures: 'tỷ lệ ...' in the words just before it, in the same clause, or
    opening a run of rates it belongs to ("Tỷ lệ hồ sơ giải quyết trước hạn chiếm 84,81%, đúng hạn
    chiếm 14,65%, trễ hạn chiếm 0,53%": only percentages between the words and the rate)."""
    text = doc.blocks[f.block].text
    pre = text[max(0, f.start - 70):f.start]
    pre = pre[pre.rfind(";") + 1:]
    if "tỷ lệ" in pre.lower():
        return True
    run = text[max(0, f.start - SETTINGS.rate_run_reach):f.start]
    run = run[max(run.rfind(";"), run.rfind(". ")) + 1:]
    k = run.lower().rfind("tỷ lệ")
    if k >= 0 and all(m.group(1) for m in _FIGURE_PCT.finditer(run, k)):
        return True
    # "... 41.208 hồ sơ, trong đó hồ sơ trực tuyến chiếm 45,6%, hồ sơ trực tiếp chiếm 55,6%": a list of the
    # parts' rates, each named by its category
    marks = list(marker_rx().finditer(run))
    return bool(marks) and f.category is not None and all(m.group(1) for m in _FIGURE_PCT.finditer(run, marks[-1].end()))


_FIGURE_PCT = re.compile(r"\d[\d.,]*(\s?%)?")


def _runs(rates: list[Figure]) -> list[list[Figure]]:
    """Rates of one block split where more than one sentence separates them."""
    out: list[list[Figure]] = []
    for f in sorted(rates, key=lambda x: x.index):
        if out and f.sentence - out[-1][-1].sentence <= 1:
            out[-1].append(f)
        else:
            out.append([f])
    return out


# "Hồ sơ trực tuyến chiếm 65%, hồ sơ trực tiếp chiếm 35%": "chiếm" makes a rate with no count before it
# a part's share of a whole all the same
# "..., còn lại là hồ sơ trực tiếp (37,7%)": a rate alone in brackets after its category's words is a share too
_BRACKET_RATE = re.compile(r"[^\W\d_]\s*\(\s*$")
_SHARE_VERB = re.compile(r"(?<![\wÀ-ỹ])chiếm(?:\s+(?:tỷ lệ|khoảng|gần|hơn|trên))?\s*$", re.I)


def _find_rate_groups(doc: Document, figs: list[Figure], parts: list[Parts], level_sets: tuple[frozenset, ...],
                      sentence_starts: dict[int, int]) -> list[RateGroup]:
    """Rates of disjoint categories stated for one context (block run, level, period); and the shares of one
    category's levels (_level_share_groups)."""
    rates = [f for f in figs if f.percent and f.category and (f.role == "share" or (f.role == "rate" and (
        _named_rate(doc, f) or _SHARE_VERB.search(doc.blocks[f.block].text, max(0, f.start - 24), f.start)
        or _BRACKET_RATE.search(doc.blocks[f.block].text, max(0, f.start - 24), f.start))))]
    groups: dict[tuple, list[Figure]] = {}
    for f in rates:
        groups.setdefault((f.level, f.period, f.block), []).append(f)
    out = []
    for (_lv, _pr, _b), all_rs in groups.items():
      for rs in _runs(all_rs):
        by_cat: dict[str, Figure] = {}
        for r in rs:
            by_cat.setdefault(r.category, r)
        cats = list(by_cat)
        if len(cats) < 2:
            continue
        for p in partitions():
            members = set(p.parts)
            sel = [c for c in cats if c in members]
            if p.counts_only:
                if set(sel) == members and _counts_partition(parts, p, rs):
                    out.append(RateGroup(tuple(by_cat[c] for c in sel), True))
                continue
            if len(sel) >= 2 and len(sel) == len({c for c in sel}):
                out.append(RateGroup(tuple(by_cat[c] for c in sel), set(sel) == members))
    out.extend(_level_share_groups(doc, [f for f in figs if f.percent and f.category and f.role in ("rate", "share")],
                                   level_sets, sentence_starts))
    uniq, seen = [], set()
    for g in sorted(out, key=lambda g: (-g.covered, -len(g.rates))):
        key = tuple(sorted(f.index for f in g.rates))
        if key not in seen and not any(set(key) < set(k) for k in seen):
            seen.add(key)
            uniq.append(g)
    return uniq


def _level_share_groups(doc: Document, rates: list[Figure], level_sets: tuple[frozenset, ...],
                        sentence_starts: dict[int, int]) -> list[RateGroup]:
    """The shares of one count taken by each of the unit's levels, in one sentence, the first after "chiếm" ("Cơ cấu hồ
    sơ tiếp nhận theo cấp: cấp tỉnh chiếm 25,6%, cấp huyện 30,1%, cấp xã 44,3%"): each level's own share, together
    every level of the unit (vocab.province_level_sets), so they add up to 100 %. Not rates by level ("tỷ lệ đúng hạn
    cấp tỉnh 99,8%, cấp huyện 99,1%"): no "chiếm" before the first, and no "tỷ lệ" in the sentence before it."""
    by_sentence: dict[int, list[Figure]] = {}
    for f in rates:
        by_sentence.setdefault(f.sentence, []).append(f)
    out = []
    for rs in by_sentence.values():
        levels = [r.level for r in rs]
        if len(rs) < 2 or not all(r.level_stated for r in rs) or len({r.category for r in rs}) != 1 or \
                len(set(levels)) != len(levels) or frozenset(levels) not in level_sets:
            continue
        text = doc.blocks[rs[0].block].text
        head = text[sentence_starts.get(rs[0].sentence, 0):rs[0].start].lower()
        # (not a rate at each level, "Tỷ lệ hồ sơ trực tuyến: cấp tỉnh chiếm 85,2%, cấp huyện 60,1%")
        if _SHARE_VERB.search(text, max(0, rs[0].start - 24), rs[0].start) and not _RATE_WORD.search(head):
            out.append(RateGroup(tuple(rs), True))
    return out


_RATE_WORD = re.compile(r"(?<![\wÀ-ỹ])t[ỷỉ] lệ(?![\wÀ-ỹ])")


def _counts_partition(parts: list[Parts], p, rates: list[Figure]) -> bool:
    """Rates of a counts-only partition's categories, stated in one sentence right after counts listed as exactly
    that partition ("Đã giải quyết 12.480 hồ sơ, trong đó đúng hạn 12.405 hồ sơ, trễ hạn 75 hồ sơ; tỷ lệ giải quyết
    đúng hạn 99,4%, trễ hạn 0,8%"): there the counts show what the words mean (on time includes early), so the
    rates exhaust the total too. Not a rate alone in another sentence ("tỷ lệ đúng hạn đạt 98,89%; nhiều đơn vị
    không có hồ sơ trễ hạn (tỷ lệ trễ hạn 0%)")."""
    if len({r.sentence for r in rates}) != 1:
        return False
    first = min(r.index for r in rates)
    return any(pr.covered and pr.total.category == p.total and pr.total.block == rates[0].block
               and {x.category for x in pr.parts} == set(p.parts) and max(x.index for x in pr.parts) < first
               and first - max(x.index for x in pr.parts) <= len(p.parts)
               for pr in parts)


def _template(text: str) -> str:
    return _FIGURE_RUN.sub("#", _SPACE_RUN.sub(" ", text.strip().lower()))


_FIGURE_RUN = re.compile(r"\d[\d.,]*")
_SPACE_RUN = re.compile(r"\s+")


def _find_repeats(doc: Document, figs: list[Figure]) -> list[Repeat]:
    """Paragraphs printed twice (same words, figures aside) must state the same figures."""
    seen: dict[tuple, int] = {}
    out = []
    by_block: dict[int, list[Figure]] = {}
    for f in figs:
        by_block.setdefault(f.block, []).append(f)
    for bi, b in enumerate(doc.blocks):
        if b.kind not in ("paragraph", "item") or len(b.text) < 40 or bi not in by_block:
            continue
        # the same words for another level or period ("Trong kỳ, tiếp nhận ... hồ sơ" under each of the
        # headings "1. Cấp tỉnh", "2. Cấp huyện") are no repeat
        t = (_template(b.text), tuple((f.level, f.period) for f in by_block[bi]))
        if t in seen:
            a, c = by_block[seen[t]], by_block[bi]
            if len(a) == len(c):
                for x, y in zip(a, c):
                    out.append(Repeat(x, y))
        else:
            seen[t] = bi
    return out


# ---------------------------------------------------------------- document


def section_levels(doc: Document) -> dict[int, str | None]:
    """The level each heading opens a section for ("## 2. Cấp huyện", "II. KẾT QUẢ CẤP XÃ"), by block index:
    the one level a short heading names. Both readers start their sections' paragraphs on it."""
    return _sections(doc, _heading_level)


def section_period_heads(doc: Document) -> dict[int, str]:
    """The heading naming a period ("1. Kết quả quý II năm 2023", "2. Lũy kế 6 tháng") whose section each
    heading opens or continues, by block index ('' for none)."""
    return {bi: t or "" for bi, t in _sections(doc, lambda t: t if _short_heading(t) and find_periods(t) else None).items()}


def _sections(doc: Document, mark) -> dict:
    """For each heading (by block index), the nearest mark (`mark(heading text)`, None for none) of the
    headings it stands under or is: a heading as deep or deeper than one ends that one's section."""
    out: dict = {}
    stack: list[tuple[int, object]] = []               # (heading depth, its mark) from the top
    for bi, b in enumerate(doc.blocks):
        if b.kind != "heading":
            continue
        while stack and stack[-1][0] >= b.depth:
            stack.pop()
        stack.append((b.depth, mark(b.text)))
        out[bi] = next((m for _d, m in reversed(stack) if m), None)
    return out


def _short_heading(text: str) -> bool:
    return len(text) <= SETTINGS.lead_reach + 40


def _heading_level(text: str) -> str | None:
    if not _short_heading(text):
        return None
    low = text.lower()
    named = {lv for lv, rx in reading_levels(current_unit()).items() if rx.search(low)}
    return named.pop() if len(named) == 1 else None


def block_figures(doc: Document, meta: DocMeta, block: Block) -> list[Figure]:
    """The figures of one block read on its own (a table cell: no context from earlier blocks)."""
    return _block_figures(doc, meta, -1, block, _Ctx(), 0, 0, [])


# A list item that states a bare total ("- Tổng số: 34.560 hồ sơ") under a lead naming one count ("a) Tiếp nhận hồ sơ:")
_BARE_TOTAL_ITEM = r"^\W*(?:tổng số|tổng cộng|tổng|cộng)(?: hồ sơ)?\s*:?\s*(?:là\s*)?$"     # (vocab.abbreviated)


def _bare_totals_led(b: Block, figs: list[Figure], lead: str) -> list[Figure]:
    """An item's bare total takes the one category its lead names (as facts._heading_lead reads it): its parts' shares in
    the items after it are then held against it ("- Trực tuyến: 24.190 hồ sơ, chiếm 70%")."""
    out = []
    for f in figs:
        if f.category is None and not f.percent and f.role == "value" and f.domain is not None \
                and abbreviated(_BARE_TOTAL_ITEM, re.I).match(b.text[:f.start]):
            named = {code for _m, code, _n in _category_hits(lead.lower(), f.domain)}
            if len(named) == 1:
                f = replace(f, category=named.pop())
        out.append(f)
    return out


def annotate(doc: Document, meta: DocMeta) -> Annotated:
    """Sentences, figures and relations of every text block (tables are read by analysis.tables)."""
    use_unit(meta.unit)
    figs: list[Figure] = []
    sents: list[Sentence] = []
    ctx = _Ctx()
    sections, period_heads = section_levels(doc), section_period_heads(doc)
    year = meta.period_obj.end.year if meta.period_obj and meta.period_obj.end else None
    section = None                  # the level the current section's heading names
    lead = ""                       # the heading or the paragraph ending in ":" that the list items below it follow
    for bi, b in enumerate(doc.blocks):
        if b.kind == "heading":
            section = sections.get(bi)
            ctx = _Ctx(level=section, period=_period_of(period_heads.get(bi, ""), year))
            lead = b.text
            continue
        if b.kind not in ("paragraph", "item", "footnote") or not b.text:
            continue
        if b.kind in ("paragraph", "item") and not ctx.level_carries:
            ctx.level, ctx.level_carries = section, True   # a level named in passing stays in its block
        if b.kind == "paragraph":
            # a paragraph keeps the previous paragraph's level and period unless it states its own
            ctx = _Ctx(level=ctx.level, period=ctx.period, domain=ctx.domain)
            lead = b.text if b.text.rstrip().endswith(":") else ""
        new = _block_figures(doc, meta, bi, b, ctx, len(figs), 0, sents)
        figs.extend(_bare_totals_led(b, new, lead) if b.kind == "item" and lead else new)
    zeros = _find_zeros(doc, sents)
    parts = _find_parts(doc, figs, sents, zeros, complete_level_sets(meta.period_obj))
    rate_groups = _find_rate_groups(doc, figs, parts, province_level_sets(meta.period_obj), {x.index: x.start for x in sents})
    shares = _find_shares(doc, figs, parts, rate_groups)
    return Annotated(doc, meta, tuple(sents), tuple(figs), tuple(parts), tuple(shares),
                     tuple(rate_groups), tuple(_find_repeats(doc, figs)), tuple(zeros))
