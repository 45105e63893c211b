"""Rules over extracted facts: declared partitions, level sums, shares (with GRIM), figures stated twice."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import replace

from typing import TYPE_CHECKING

if TYPE_CHECKING:                      # a check reads facts; it does not depend on how they are made
    from .facts import Fact
from .findings import Claim, Val, gap, judge, total
from .numbers import Interval, fmt_vn, ratio_interval
from .periods import parse_period_key
from .memo import current_unit
from .vocab import agency_kinds_pattern, count_class, word_list, words_rx, indicator_titles, indicators, level_name, level_sum, month_sum, names_both_levels, noun_at, rate_definitions, relations, scored_codes, two_level_period

# A part is looked for this many lines around its total (a sentence, its list, the next paragraphs).
PART_WINDOW = (-3, 12)
LEVEL_WINDOW = (-5, 20)
# a table states its total row below the level rows ("Cấp tỉnh | ... / Cấp huyện | ... / Tổng cộng | ...")
TABLE_LEVEL_WINDOW = (-12, 12)
LEVEL_KEYS = ("tinh", "huyen", "xa", "huyen+xa")      # the levels messages name (vocab.level_name)


def fact_val(f: Fact) -> Val:
    return Val(f.value, f.decimals, f.unit == "%", f.qualifier, f.multiplier, f.line, "")


def _ev(f: Fact) -> tuple[int, str]:
    return f.line, f.quote


def _label(code: str) -> str:
    t = indicator_titles().get(code) or {}
    return t.get("vi") or code


def _group(f: Fact) -> str:
    return "text" if f.source_kind in ("text", "footnote") else f.source_kind


def _same_frame(a: Fact, b: Fact, over_base: bool = False) -> bool:
    """Whether count b stands in a's frame: same period, scope and kind of source, and of a's role (a value, or a
    baseline beside a baseline). With `over_base`, a value's part may be written over its base too ("cấp tỉnh số hóa
    98.210/102.340 hồ sơ": the 98.210 are the level's; "đã xử lý xong 12/15 PAKN": the 12 are processed), but not a
    group's points over its maximum ("9,8/12 điểm")."""
    # (an earlier period's figures stated as such, "Trong quý I năm 2023, tiếp nhận …" in a 2024 report, are baselines:
    # they are held against one another, not against the report's own)
    own = "baseline" if a.role == "baseline" else "value"
    role_ok = b.role == own or (over_base and a.role == "value" and b.role == "ratio" and b.indicator not in scored_codes())
    return (a.period == b.period and a.scope == b.scope and _group(a) == _group(b)
            and role_ok and a.unit != "%" and b.unit != "%")


def _count_frame(a: Fact, b: Fact) -> bool:
    """A part's count in a total's frame (_same_frame), also one written over its base."""
    return _same_frame(a, b, over_base=True)


def _rate_frame(rate: Fact, f: Fact, table_above: bool = False) -> bool:
    """A count in a stated rate's frame (_same_frame, for an anchor that is a percentage); with `table_above`, a table's
    count above a rate in the text instead of one of the rate's own kind of source ("Tỷ lệ hồ sơ đã giải quyết trên tổng
    số hồ sơ tiếp nhận đạt 98,65%" under a table of the levels whose total row states both counts)."""
    source = _group(f) == "table" and f.line < rate.line if table_above else _group(f) == _group(rate)
    return f.period == rate.period and f.scope == rate.scope and source and f.role == "value" and f.unit != "%"


def _table_above(rate: Fact, f: Fact) -> bool:
    return _rate_frame(rate, f, table_above=True)


def _nearest(facts: list[Fact], anchor: Fact, code: str, level: str, window, frame=_same_frame,
             before: bool = False) -> list[Fact]:
    """The closest fact(s) of `code` at `level` around `anchor` (several when stated on one line);
    between two lines as close, the later one, or the earlier with `before`."""
    lo, hi = anchor.line + window[0], anchor.line + window[1]
    cands = [f for f in facts if f.indicator == code and f.level == level and f is not anchor
             and lo <= f.line <= hi and frame(anchor, f)]
    # (on a line stating several totals of its kind, the anchor's candidates there are its own run only: "tiếp nhận 126
    # PAKN; đã xử lý 118; đang xử lý 8. Có 97 PAKN được tiếp nhận qua Hệ thống ..." gives the 118 and 8 to the 126 alone)
    on_line = [f for f in cands if f.line == anchor.line]
    if on_line:
        cands = [f for f in cands if f.line != anchor.line] + _own_run(facts, anchor, on_line, frame)
    if not cands:
        return []
    best = min(cands, key=lambda f: (abs(f.line - anchor.line), (f.line > anchor.line) if before else (f.line < anchor.line)))
    same_line = [f for f in cands if f.line == best.line]
    return same_line if len({f.value for f in same_line}) == len(same_line) else [best]


def _own_run(facts: list[Fact], anchor: Fact, same_line: list[Fact], frame) -> list[Fact]:
    """Of the candidates on the anchor's line, those whose total is the anchor when the line states several
    totals of its kind: each candidate's is the last one before it in reading order (the first one after it,
    before any): "Trung tâm ... tiếp nhận 1.200 hồ sơ, giải quyết 1.180 hồ sơ ...; Văn phòng Đăng ký đất đai
    tiếp nhận 800 hồ sơ, giải quyết 790 hồ sơ ..." (the 790 is the 800's, the 1.180 the 1.200's)."""
    totals = [f for f in facts if f.indicator == anchor.indicator and f.level == anchor.level
              and f.line == anchor.line and (f is anchor or frame(anchor, f))]
    if len(totals) < 2:
        return same_line
    order = {id(f): i for i, f in enumerate(facts) if f.line == anchor.line}
    at = sorted(order[id(t)] for t in totals)
    def owner(c: Fact) -> int:
        k = order[id(c)]
        return max((i for i in at if i < k), default=at[0])
    return [c for c in same_line if owner(c) == order[id(anchor)]]


def _sum_claim(rule: str, doc: str, tot: Fact, parts: list[Fact], params: dict, besides: list[Fact] = ()) -> Claim:
    """`tot` (with the counts `besides` that come on top of it) against the sum of `parts`."""
    tv, pv, bv = fact_val(tot), [fact_val(p) for p in parts], [fact_val(b) for b in besides]
    exp_r, exp_f = total(pv)
    st_r, st_f = total([tv] + bv)
    status = judge(st_r, st_f, exp_r, exp_f)
    stated = tot.value + sum(b.value for b in besides)
    expected = sum(p.value for p in parts)
    return Claim(rule=rule, document=doc, status=status, stated=stated, expected=expected,
                 difference=gap(stated, exp_f.lo, exp_f.hi) if status == "fail" else 0.0,
                 values=[tv] + bv + pv, evidence=[_ev(tot)] + [_ev(b) for b in besides] + [_ev(p) for p in parts],
                 indicator=tot.indicator, level=tot.level, params=params)


def _names(label: str, code: str) -> bool:
    """Whether a part's label also names indicator `code` ("trực tiếp và qua bưu chính" names the post)."""
    low = label.lower()
    return any(rx.search(low) for rx in _labels_of(code))


@lru_cache(maxsize=None)
def _labels_of(code: str) -> tuple:
    return tuple(rx for i in indicators() if i.code == code for rx in i.labels)


def partition_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """calc.partition: every declared relation whose total and parts are stated together."""
    out, seen = [], set()
    for rel in relations():
        for t in facts:
            if t.indicator != rel.total or t.role not in ("value", "baseline") or t.unit == "%":
                continue
            if rel.only_if_missing and any(_nearest(facts, t, c, t.level, PART_WINDOW) for c in rel.only_if_missing):
                continue
            parts, missing = [], False
            for code in rel.parts:
                got = _nearest(facts, t, code, t.level, PART_WINDOW, frame=_count_frame)
                if not got or not all(_own_total(facts, t, p, restated_ok=True) for p in got):
                    # (nor a part nearer another total of t's kind: "Tổng số hồ sơ tiếp nhận là 5.000 hồ sơ (gồm 4.200 hồ sơ mới
                    # và 800 hồ sơ tồn kỳ trước)" the line after "tiếp nhận 12.000 hồ sơ; ...": the 4.200 are the 5.000's)
                    missing = True
                    break
                parts.extend(got)
            if missing:
                continue
            plus = [next(iter(_nearest(facts, t, code, t.level, PART_WINDOW)), None) for code in rel.plus]
            if None in plus:
                continue            # (calc.yml `plus`: the counts on top of the total must be stated)
            for code in rel.optional:
                if not any(_names(p.label, code) for p in parts):
                    parts.extend(o for o in _nearest(facts, t, code, t.level, PART_WINDOW) if _own_total(facts, t, o))
            if rel.unless_parts_make_it:
                some = [p for p in parts if p.indicator in rel.unless_parts_make_it]
                if len(some) < len(parts) and _sum_claim("calc.partition", doc, t, some, {}).status in ("holds", "info"):
                    continue
            besides: list[Fact] = list(plus)
            claim = _sum_claim("calc.partition", doc, t, parts, {}, besides)
            if claim.status == "fail" and rel.extra and claim.difference > 0:
                extra = [o for code in rel.extra for o in _nearest(facts, t, code, t.level, PART_WINDOW) if _own_total(facts, t, o)]
                if extra:
                    parts = parts + extra          # (returned, withdrawn or sent back: calc.yml `extra`)
            elif claim.status == "fail" and rel.besides and claim.difference < 0 and \
                    not any(_nearest(facts, t, c, t.level, PART_WINDOW) for c in rel.besides_unless):
                # (the total names the new dossiers, the carried-over ones come on top: calc.yml `besides`)
                besides = [o for code in rel.besides for o in _nearest(facts, t, code, t.level, PART_WINDOW)
                           if _own_total(facts, t, o)][:1]
                if besides and abs(_sum_claim("calc.partition", doc, t, parts, {}, besides).difference) >= abs(claim.difference):
                    besides = []      # (a reading that explains less: the carried-over count is the total's own part)
            key = (rel.id, id(t), tuple(id(p) for p in parts + besides))
            if key in seen:
                continue
            seen.add(key)
            params = {"total_label": " + ".join(_label(x.indicator) for x in [t] + besides) + _lv(t.level) + _scoped(t.scope),
                      "parts_label": " + ".join(_label(p.indicator) for p in parts)}
            out.append(_sum_claim("calc.partition", doc, t, parts, params, besides))
    return out


def _own_total(facts: list[Fact], t: Fact, part: Fact, restated_ok: bool = False) -> bool:
    """Whether `t` is the nearest stated total of its kind to an optional part: "Tiếp nhận 48 PAKN; ...
    đang xử lý 3 PAKN." then "nhận được 30 PAKN, trong đó ... 04 PAKN từ chối tiếp nhận" (the 4 refused
    are the 30's, two lines down, not the 48's). With `restated_ok`, a nearer total of t's own value (t
    restated) leaves the part t's too."""
    d = abs(part.line - t.line)
    return not any(f is not t and f.indicator == t.indicator and f.level == t.level and f.role == "value"
                   and _same_frame(part, f) and abs(part.line - f.line) < d
                   and not (restated_ok and f.value == t.value) for f in facts)


def _scoped(scope: str) -> str:
    """A unit's or a field's name after a label ("Hồ sơ tiếp nhận [Sở Xây dựng]"), "" for the whole."""
    return f" [{scope}]" if scope else ""


def _lv(level: str) -> str:
    return f" ({level_name(level, current_unit())})" if level in LEVEL_KEYS else ""


_TWO_LEVELS = ("tinh", "xa")
_BOTH_LOWER = "huyen+xa"          # (annotate.detect_level: the district and commune levels named together)
_DISTRICT_LEVELS = ("huyen", "xa")
# The words of a province's district level, all its districts together (reading.yml levels: huyen)
_ALL_DISTRICTS = re.compile(r"cấp (?:huyện|quận)|các (?:huyện|quận)|(?:huyện|quận), (?:thị xã|thành phố|huyện)", re.I)
# A district's own unit, named without a district's name after it ("Cấp huyện: Bộ phận Một cửa huyện tiếp nhận 3.450 hồ sơ" in
# a district's report): the district's own level, whatever "cấp huyện" before it says
_OWN_DISTRICT_UNIT = re.compile(r"(?i:bộ phận (?:một cửa|tiếp nhận và trả kết quả)|ubnd|ủy ban nhân dân) (?i:huyện|quận|thị xã)"
                                r"(?!\s*[A-ZĐÀ-Ỹ0-9])")


@lru_cache(maxsize=None)
def _two_level(period_key: str) -> bool:
    return two_level_period(parse_period_key(period_key)) if period_key else False


def level_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """calc.levels: a province total against cấp tỉnh + huyện + xã."""
    spec = level_sum()
    levels, codes = spec.get("levels") or [], set(spec.get("indicators") or [])
    out = []
    by_level: dict[tuple, list[Fact]] = {}         # (indicator, level): each total looks up only its own
    for f in facts:
        by_level.setdefault((f.indicator, f.level), []).append(f)
    # the facts from the one whose own words name a whole district on, on its line ("Tính chung toàn huyện tiếp
    # nhận 16.860 hồ sơ, đã giải quyết 16.700 hồ sơ": both)
    district_from: dict[int, int] = {}
    order = {id(f): k for k, f in enumerate(facts)}
    for k, f in enumerate(facts):
        if f.level == "total" and f.line not in district_from and any(w in f.quote.lower() for w in word_list("whole_district")):
            district_from[f.line] = k
    for k, t in enumerate(facts):
        if t.indicator not in codes or t.level not in ("total", _BOTH_LOWER) or t.role != "value" or t.unit == "%":
            continue
        window = TABLE_LEVEL_WINDOW if t.source_kind in ("table", "appendix") else LEVEL_WINDOW
        # after 1/7/2025 a province has two levels: tỉnh + xã (reading.yml two_levels_from); a whole district's
        # total ("Tính chung toàn huyện tiếp nhận ...") has huyện + xã (reading.yml whole_district), and so has a count
        # of both named together ("Bộ phận Một cửa huyện và 9 xã, thị trấn đã tiếp nhận 14.560 hồ sơ")
        lvs = _TWO_LEVELS if _two_level(t.period) else levels
        whole_district = district_from.get(t.line, len(facts)) <= k or t.level == _BOTH_LOWER
        if whole_district:
            lvs = _DISTRICT_LEVELS
        parts = _level_parts(by_level, t, lvs, window)
        if not parts:
            # sections by level ("## 1. Cấp tỉnh" ... "## 4. Toàn tỉnh") put the parts far above their total:
            # read there only when the document states each level's count once
            parts = _level_parts(by_level, t, lvs, (-10 ** 6, 10 ** 6), unique=True)
        if parts and whole_district and not names_both_levels(t.quote) and any(_ALL_DISTRICTS.search(p.quote) and not _OWN_DISTRICT_UNIT.search(p.quote)
                                            and order[id(p)] < k for p in parts if p.level == "huyen"):
            # a province's district level stated before ("cấp huyện tiếp nhận 20.000 hồ sơ") is no part of one district's
            # total after it ("Tại Lục Yên, toàn huyện tiếp nhận 3.000 hồ sơ"): only a district's own unit is ("Bộ phận
            # Một cửa huyện"), or a level listed after the total as its part ("toàn quận ..., trong đó cấp quận ...")
            continue
        if parts:
            unit = current_unit()
            out.append(_sum_claim("calc.levels", doc, t, parts, {
                "total_label": _label(t.indicator),
                "whole": level_name(_BOTH_LOWER if names_both_levels(t.quote) else "whole_district" if whole_district else "whole", unit),
                "levels": level_name("sum_two_levels" if lvs == _TWO_LEVELS else "sum_district" if whole_district else "sum", unit)}))
    return out


# Named units after a total: read up to this many lines below it (a list of districts, one item each)
UNITS_WINDOW = 30


@lru_cache(maxsize=None)
def _unit_scope_rx() -> re.Pattern:
    """A scope that names an agency or local unit (reading.yml agency_kinds: "sở tư pháp", "huyện trảng bom")."""
    return re.compile(r"^(?:%s)(?:\s+\S|$)" % agency_kinds_pattern())   # ("công an tỉnh": the kind is the name)


def unit_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """scope.exceeds: the counts of two or more named units (departments, districts: distinct scopes, which
    do not overlap) stated after a total of the same indicator, level and period that names no unit add up
    to more than that total ("cấp huyện tiếp nhận 4.480 hồ sơ. Trong đó, huyện Trảng Bom tiếp nhận 1.200
    hồ sơ, huyện Long Thành 980 hồ sơ, thành phố Biên Hòa 2.500 hồ sơ"). A list of units is seldom
    complete, so a shortfall is no finding."""
    out = []
    # named units, and fields ("lĩnh vực hộ tịch"): each a family of scopes that do not overlap
    families = (_unit_scope_rx(), _FIELD_SCOPE)
    counts = [f for f in facts if f.role == "value" and f.unit != "%" and _group(f) == "text"]
    if all(sum(1 for f in counts if f.scope and rx.match(f.scope)) < 2 for rx in families):
        return out                      # fewer than two counts of named units or fields: nothing to add up
    for i, t in enumerate(counts):
        if t.scope:
            continue
        for rx in families:
            out.extend(_named_scopes_claim(doc, t, counts[i + 1:], rx))
    return out


# A field as a figure's scope (facts._scope: "lĩnh vực đất đai tiếp nhận 3.200 hồ sơ")
_FIELD_SCOPE = re.compile(r"^lĩnh vực\s+\S")


def _named_scopes_claim(doc: str, t: Fact, after: list[Fact], scope_rx: re.Pattern) -> list[Claim]:
    """scope.exceeds for one total `t` and one family of scopes, over the counts `after` it."""
    named: dict[str, Fact] = {}
    rest = None
    for f in after:
        if f.line - t.line > UNITS_WINDOW:
            break
        if (f.indicator, f.level, f.period) != (t.indicator, t.level, t.period) or not _same_unit(f, t):
            continue
        if not f.scope:
            break                       # the next total of its kind
        if scope_rx.match(f.scope):
            named.setdefault(f.scope, f)
        elif named and words_rx("remainder_words").search(f.scope):
            rest = f                    # the rest of the units after the named ones ("...; các xã còn lại tiếp nhận 3.500 hồ sơ")
            break
    out: list[Claim] = []
    if named and rest is not None:
        parts = list(named.values()) + [rest]
        claim = _sum_claim("scope.remainder", doc, t, parts, {
            "total_label": _label(t.indicator), "units": ", ".join(p.scope for p in parts[:-1])})
        return [claim]
    if len(named) >= 2:
        parts = list(named.values())
        tv = fact_val(t)
        exp_f = total([fact_val(p) for p in parts])[1]        # (whole counts: the full interval)
        status = "fail" if exp_f.lo > tv.full().hi else "holds"    # (only a sum no rounding brings under the total)
        expected = sum(p.value for p in parts)
        out.append(Claim(rule="scope.exceeds", document=doc, status=status, stated=t.value, expected=expected,
                         difference=t.value - expected if status == "fail" else 0.0,
                         values=[tv] + [fact_val(p) for p in parts], evidence=[_ev(t)] + [_ev(p) for p in parts],
                         indicator=t.indicator, level=t.level,
                         params={"total_label": _label(t.indicator), "units": ", ".join(p.scope for p in parts)}))
    return out


def _months_of(key: str) -> list[str] | None:
    """The month keys a longer period spans ('2024-Q3' -> 2024-07, 2024-08, 2024-09: its calendar window), or None."""
    p = parse_period_key(key)
    if p is None or p.kind not in ("quarter", "half", "9months", "year"):
        return None
    return [f"{p.start.year}-{m:02d}" for m in range(p.start.month, p.end.month + 1)]


def _quarters_of(key: str) -> list[str] | None:
    """The quarter keys a half year, nine months or year spans ('2024-H1' -> 2024-Q1, 2024-Q2), or None."""
    p = parse_period_key(key)
    if p is None or p.kind not in ("half", "9months", "year"):
        return None
    return [f"{p.start.year}-Q{q}" for q in range((p.start.month + 2) // 3, p.end.month // 3 + 1)]


# how a message names the parts of a longer period (calc.months)
_PART_KIND = {"month": ("tháng", "months"), "quarter": ("quý", "quarters")}


def month_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """calc.months: a quarter's (half's, year's) count against the counts of each of its months, or a half's (nine
    months', year's) against each of its quarters ("quý I giải quyết 8.200 hồ sơ, ..., quý IV 10.050 hồ sơ. Cả năm đã
    giải quyết 36.700 hồ sơ"), stated near it for the same indicator, level and scope (calc.yml month_sum: what flows
    in a period)."""
    spec = month_sum()
    codes = set(spec.get("indicators") or [])
    if not any(f.indicator == "dossiers.carried_over" for f in facts):
        codes |= set(spec.get("received_unless_carried") or [])
    counts = [f for f in facts if f.indicator in codes and f.role == "value" and f.unit != "%"]
    kinds = {p.kind for k in {f.period for f in counts} if (p := parse_period_key(k)) is not None}
    out: list[Claim] = []
    for kind, parts_of in (("month", _months_of), ("quarter", _quarters_of)):
        if kind not in kinds:
            continue                    # no month (quarter) stated: most reports (and no pass over every pair of facts)
        for t in counts:
            keys = parts_of(t.period)
            if not keys:
                continue
            near = [f for f in counts if f.period in keys and (f.indicator, f.level, f.scope) == (t.indicator, t.level, t.scope)
                    and _group(f) == _group(t) and abs(f.line - t.line) <= UNITS_WINDOW and _same_unit(f, t)]
            by_key = {}
            for f in sorted(near, key=lambda f: abs(f.line - t.line)):
                by_key.setdefault(f.period, f)
            if len(by_key) != len(keys):
                continue                # every month (quarter) stated, or no sum
            parts = [by_key[k] for k in keys]
            vi, en = _PART_KIND[kind]
            out.append(_sum_claim("calc.months", doc, t, parts, {"total_label": _label(t.indicator), "part_kind": vi,
                                                                 "part_kind_en": en,
                                                                 "months": ", ".join(p.period for p in parts)}))
    return out


def _level_parts(by_level: dict, t: Fact, levels, window, unique: bool = False) -> list[Fact]:
    """The count of t's indicator at each level (`by_level`: facts by indicator and level), nearest t
    within `window` ([] when one is missing; with `unique`, also when a level's count is stated more than
    once in the document)."""
    parts: list[Fact] = []
    for lv in levels:
        got = _nearest(by_level.get((t.indicator, lv), []), t, t.indicator, lv, window, frame=_count_frame)
        if not got and lv in ("huyen", "xa"):
            if any(p.level == "huyen+xa" for p in parts):
                continue
            got = _nearest(by_level.get((t.indicator, "huyen+xa"), []), t, t.indicator, "huyen+xa", window, frame=_count_frame)
        if not got:
            return []
        if unique and sum(1 for f in by_level.get((t.indicator, got[0].level), []) if _count_frame(t, f)) > 1:
            return []
        parts.append(got[0])
    return parts


def grim_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """share.grim: a rate stated over a known whole denominator, without its count, that no whole
    count can give. Shares stated beside their count are checked over their relations
    (analysis.checks_relations.share_claims), with every plausible base."""
    out = []
    for i, s in enumerate(facts):
        if s.role != "share" or not s.denominator:
            continue
        if any(f.indicator == s.indicator and f.unit != "%" and f.line == s.line and f.level == s.level
               for f in facts[:i]):
            continue
        den = next((f for f in reversed(facts[:i]) if f.indicator == s.denominator and f.unit != "%"
                    and f.level == s.level and 0 <= s.line - f.line <= 6 and f.role == "value"), None)
        if den is None or den.value <= 0:
            continue
        c = grim_claim(doc, s, den)
        if c:
            out.append(c)
    return out


def grim_feasible(stated: Val, n: int) -> tuple[bool, float]:
    """GRIM: can some whole count k out of n give the stated percentage? (feasible, closest k/n %)."""
    iv = stated.full()
    k_lo, k_hi = math.ceil(iv.lo * n / 100 - 1e-9), math.floor(iv.hi * n / 100 + 1e-9)
    if k_lo <= k_hi and k_hi >= 0 and k_lo <= n:
        return True, 100 * max(k_lo, 0) / n
    k = round(stated.value * n / 100)
    return False, 100 * k / n


def grim_claim(doc: str, s: Fact, den: Fact) -> Claim | None:
    if den.decimals or den.approximate or not float(den.value).is_integer() or s.decimals == 0:
        return None
    ok, closest = grim_feasible(fact_val(s), int(den.value))
    return Claim(rule="share.grim", document=doc, status="holds" if ok else "fail", stated=s.value, expected=round(closest, 4),
                 difference=round(s.value - closest, 4), values=[fact_val(s), fact_val(den)], evidence=[_ev(s), _ev(den)],
                 indicator=s.indicator, level=s.level, params={"denominator": fact_val(den).fmt()})


def unit_domain(unit: str) -> str | None:
    """The class of things a unit word counts ('Thủ tục', 'TTHC' and 'DVC' -> tthc); '%' for rates."""
    low = (unit or "").strip().lower()
    if low == "%":
        return "%"
    return count_class(noun_at(low)[1])


def _same_unit(a: Fact, b: Fact) -> bool:
    ua, ub = unit_domain(a.unit), unit_domain(b.unit)
    return ua is not None and ua == ub


def duplicate_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """dup.figure: the same indicator, level, period and scope stated with values no rounding reconciles.

    Compared across parts of the report (text against a table or annex), or between two sentences of
    the text naming it with the same label. Within one table rows differ by design. When a line
    states several values for the indicator, the closest pair is compared.
    """
    out = []
    pool = [f for f in facts if f.role == "value" and f.indicator not in ("other", "plan.target")
            and not f.approximate]
    headline = _headline_line(facts)
    if headline is not None:
        # (a headline's approximate figure too, "7 tháng giải quyết hơn 60 ngàn hồ sơ", held against the body's exact one within
        # its approximation word's tolerance)
        pool += _headline_rate_shares(facts, headline) + [
            f for f in facts if f.line == headline and f.approximate and f.role == "value"
            and f.indicator not in ("other", "plan.target")]
    if headline is not None:
        pool = _headline_levels(pool, headline)
    groups: dict[tuple, dict[int, list[Fact]]] = {}
    for f in pool:
        key = (f.indicator, f.level, f.period, f.scope, f.unit == "%")
        groups.setdefault(key, {}).setdefault(f.line, []).append(f)
    for key, by_line in groups.items():
        lines = sorted(by_line)
        for i, la in enumerate(lines):
            for lb in lines[i + 1:]:
                A, B = by_line[la], by_line[lb]
                a0, b0 = A[0], B[0]
                if not _same_unit(a0, b0):
                    continue
                cross = _group(a0) != _group(b0) or la == headline
                if not cross and (_group(a0) != "text" or a0.label.lower() != b0.label.lower()):
                    continue
                pairs = [(a, b) for a in A for b in B]
                ok = any(fact_val(a).full().overlaps(fact_val(b).full()) for a, b in pairs)
                if not ok and la == headline and (other := _restated(facts, A, headline)):
                    # "Tiếp nhận hơn 120 nghìn hồ sơ sau 3 năm hoạt động" over "Năm 2023, ... tiếp nhận 45.320 hồ sơ. Từ khi đi
                    # vào hoạt động (tháng 10/2020) đến nay, ... đã tiếp nhận 121.500 hồ sơ": the headline restates another
                    # figure of the body (another period or running total), not the period's
                    pairs, ok = [(a, other) for a in A], True
                a, b = min(pairs, key=lambda p: abs(p[0].value - p[1].value))
                out.append(Claim(rule="dup.figure", document=doc, status="holds" if ok else "fail", stated=a.value, expected=b.value,
                                 difference=0.0 if ok else a.value - b.value, values=[fact_val(a), fact_val(b)], evidence=[_ev(a), _ev(b)],
                                 indicator=a.indicator, level=a.level,
                                 params={"indicator_label": _label(a.indicator), "level_label": _lv(a.level),
                                  "other_line": b.line}))
    return out


def _headline_levels(pool: list[Fact], headline: int) -> list[Fact]:
    """The headline's figures that name no level take the one level the body states that indicator at, where the body
    states it at no whole-unit level ("Trung tâm Phục vụ hành chính công tiếp nhận gần 19 nghìn hồ sơ" over "Trung tâm Phục
    vụ hành chính công tỉnh ... đã tiếp nhận 18.760 hồ sơ")."""
    body: dict[tuple, set[str]] = {}
    for f in pool:
        if f.line != headline:
            body.setdefault((f.indicator, f.period, f.scope, f.unit == "%"), set()).add(f.level)
    out = []
    for f in pool:
        levels = body.get((f.indicator, f.period, f.scope, f.unit == "%"), set())
        if f.line == headline and f.level == "total" and len(levels) == 1 and "total" not in levels:
            f = replace(f, level=next(iter(levels)))
        out.append(f)
    return out


def _restated(facts: list[Fact], heads: list[Fact], headline: int) -> Fact | None:
    """A fact of the body, of the headline figures' indicator in any period or role, that one of them restates within its
    rounding or approximation; else None."""
    h0 = heads[0]
    return next((f for f in facts if f.line != headline and f.indicator == h0.indicator and (f.unit == "%") == (h0.unit == "%")
                 and _same_unit(f, h0) and any(fact_val(h).full().overlaps(fact_val(f).full()) for h in heads)), None)


# A press article's headline restates its body in other words ("Sóc Trăng: 6 tháng đầu năm tiếp nhận 12.345 hồ sơ ..." over
# "... các cơ quan, đơn vị đã tiếp nhận 12.354 hồ sơ"): figures on the document's first line are held against the body's
# whatever their label (a report's own first line is its issuer's name, with no figure; a body that opens on its first
# line is not compared beyond its labels: "Tiếp nhận 48 PAKN ... / Văn phòng UBND tỉnh nhận được 30 PAKN")
def _headline_line(facts: list[Fact]) -> int | None:
    """1 when the document's first line states text facts and a later line does too (a headline over a body); else None."""
    lines = {f.line for f in facts if _group(f) == "text"}
    return 1 if 1 in lines and len(lines) > 1 else None


def _headline_rate_shares(facts: list[Fact], headline: int) -> list[Fact]:
    """The body's shares of a headline rate's one-count numerator, as that rate (briefs.yml rate definitions): "Long An: Tỷ
    lệ hồ sơ trực tuyến mới đạt 21,5%" over "18.642 hồ sơ được tiếp nhận qua dịch vụ công trực tuyến ... chiếm tỷ lệ 21,5%"
    states one figure twice (held as dup.figure)."""
    stated = {d["stated"]: d["numerator"][0][0] for d in rate_definitions()
              if d.get("stated") and d.get("numerator") and len(d["numerator"][0]) == 1}
    rates = {(f.indicator, f.level, f.period, f.scope) for f in facts if f.line == headline and f.unit == "%"
             and f.role == "value" and f.indicator in stated and not f.approximate}
    out = []
    for code, level, period, scope in rates:
        out += [replace(f, indicator=code, role="value") for f in facts if f.line != headline and f.unit == "%"
                and f.role == "share" and f.indicator == stated[code] and (f.level, f.period, f.scope) == (level, period, scope)
                and not f.approximate]
    return out


def _maxima() -> dict[str, tuple[float, str]]:
    return {i.code: (i.maximum, i.maximum_source) for i in indicators() if i.maximum is not None}


def maximum_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """bound.max: a stated score above its index's maximum (Quyết định 766/QĐ-TTg groups), or a rate that is a
    share of a whole above 100 (indicators.yml `max`). The stated
    value is an interval: only a value whose whole interval lies above the maximum fails."""
    maxima, out = _maxima(), []
    for f in facts:
        scored = f.unit == "điểm" and f.denominator_value       # "18,5/18 điểm": over the maximum the report states
        if f.indicator not in maxima or not (f.role == "value" or f.role == "ratio" and scored):
            continue
        top, source = maxima[f.indicator]
        if scored:
            # "Công khai, minh bạch 18,5/18 điểm": the maximum the report states beside the score
            top, source = f.denominator_value, "mức tối đa nêu trong báo cáo"
        lo = fact_val(f).full().lo
        failed = lo > top
        if f.unit == "%" and not failed:
            continue                    # (a rate at most 100 %: nothing worth a line among the checks passed)
        out.append(Claim(rule="bound.max", document=doc, status="fail" if failed else "holds", stated=f.value,
                         expected=top, difference=f.value - top if failed else 0.0, values=[fact_val(f)],
                         evidence=[_ev(f)], indicator=f.indicator, level=f.level,
                         params={"indicator_label": _label(f.indicator), "source": source,
                                 "unit": "%" if f.unit == "%" else " điểm", "unit_en": "%" if f.unit == "%" else " points"}))
    return out


def _terms(facts: list[Fact], rate: Fact, options, window: tuple[int, int] = None) -> list[list[Fact]]:
    """Every option (a list of codes to add up) whose counts are all stated near the rate (within `window` lines,
    RATE_WINDOW by default): in the rate's own kind of source, else, for a rate in the text, all in a table above it."""
    out = []
    window = window or RATE_WINDOW
    for option in options or ():
        got = [_nearest(facts, rate, c, rate.level, window, _rate_frame, before=True) for c in option]
        if not (got and all(got)) and _group(rate) == "text":
            got = [_nearest(facts, rate, c, rate.level, window, _table_above, before=True) for c in option]
        if got and all(got):
            out.append([g[0] for g in got])
    return out


def _sum_text(terms: list[Fact]) -> str:
    text = " + ".join(fact_val(x).fmt() for x in terms)
    return f"({text})" if len(terms) > 1 else text


# A stated rate's counts are looked for this many lines around it: the rate often closes the
# paragraph or list of its counts ("- Tỷ lệ giải quyết đúng hạn và trước hạn: 98,86%").
RATE_WINDOW = (-8, 3)
# ... and a headline's rate, in the body below it ("Vĩnh Long: Hơn 98% hồ sơ ... được giải quyết đúng hạn" over the
# paragraphs that state the counts)
HEADLINE_WINDOW = (0, 12)


def rate_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """rate.recomputed: a rate stated on its own (vocab/briefs.yml headline: on time, late, online)
    against the same rate recomputed from the counts the report states around it, under every
    definition the model allows; fails only when none fits (stated decimals read as rounding or
    truncation)."""
    out = []
    defs = {d["stated"]: d for d in rate_definitions() if d.get("stated") and d.get("numerator")}
    by_id = {d["id"]: d for d in defs.values()}
    headline = _headline_line(facts)
    for s in facts:
        d = defs.get(s.indicator)
        if d is None or s.unit != "%" or s.role not in ("value", "share"):
            continue
        over = list(d["denominator"]) + list(d.get("also_over") or ())
        if d.get("only_stated_base") and not s.denominator:
            continue               # (a rate whose base varies from report to report: briefs.yml only_stated_base)
        if s.denominator:
            # the report says what it is over ("trên tổng số hồ sơ đã giải quyết"): recomputed over that count
            # when the model allows it, else another basis than the model's ("trên tổng số TTHC đủ điều kiện"), not
            # recomputed here
            over = [o for o in over if list(o) == [s.denominator]]
            if not over:
                continue
        window = HEADLINE_WINDOW if s.line == headline else RATE_WINDOW
        nums, dens = _terms(facts, s, d["numerator"], window), _terms(facts, s, over, window)
        if any(x.denominator_value is not None and x.line == s.line for num in nums for x in num):
            continue               # "tỷ lệ hồ sơ trễ hạn là 0,5% (25/5.000 hồ sơ)": its own base stated (share.fraction checks it)
        complement = False
        if not nums and d.get("complement") in by_id and not _any_near(facts, s, d["numerator"]):
            # "đã giải quyết 10.950 hồ sơ, trong đó trễ hạn 120 hồ sơ; tỷ lệ giải quyết đúng hạn đạt 98,9%": with none of
            # its own counts stated, the rate is the whole less its complement's (briefs.yml `complement`)
            nums, complement = _terms(facts, s, by_id[d["complement"]]["numerator"]), True
        # a base that leaves out a part another stated base holds is no alternative to it (on time + late, the
        # resolved split of a report with no early count, is not the base where early is stated too)
        kinds = [{x.indicator for x in den} for den in dens]
        dens = [den for den, k in zip(dens, kinds) if not any(k < other for other in kinds)]
        results = []
        sv = fact_val(s)
        for num in nums:
            for den in dens:
                if any(x is y for x in num for y in den) and len(den) == 1:
                    continue
                if window is HEADLINE_WINDOW and len({x.line for x in num + den}) > 1:
                    continue       # (a headline's rate from the body's counts only where one line states them all)
                (nr, nf), (dr, df) = total([fact_val(x) for x in num]), total([fact_val(x) for x in den])
                dv = sum(x.value for x in den)
                if dv <= 0:
                    continue
                er, ef = ratio_interval(nr, dr), ratio_interval(nf, df)
                actual = 100 * sum(x.value for x in num) / dv
                if complement:
                    er, ef, actual = Interval(100 - er.hi, 100 - er.lo), Interval(100 - ef.hi, 100 - ef.lo), 100 - actual
                status = judge(sv.rounded(), sv.full(), er, ef)
                results.append((status, num, den, actual))
        if not results:
            continue
        statuses = [r[0] for r in results]
        status = "holds" if "holds" in statuses else ("info" if "info" in statuses else "fail")
        pick = next(r for r in results if r[0] == status) if status != "fail" else \
            min(results, key=lambda r: abs(r[3] - s.value))
        _st, num, den, actual = pick
        params = {"indicator_label": _label(s.indicator) + _lv(s.level),
                  "definition": ("100% - " if complement else "") + _definition(d, num, den, complement),
                  "numerator": _sum_text(num), "denominator": _sum_text(den)}
        c = Claim(rule="rate.recomputed", document=doc, status=status, stated=s.value, expected=round(actual, 4),
                  difference=round(s.value - actual, 4) if status != "holds" else 0.0,
                  values=[sv] + [fact_val(x) for x in num + den], evidence=[_ev(s)] + [_ev(x) for x in num + den],
                  indicator=s.indicator, level=s.level, params=params)
        if status == "info":
            c.rule, c.severity = "round.truncated", "info"
            c.params["rounded"] = fmt_vn(round(actual + 1e-12, sv.decimals), sv.decimals)   # (its message says so)
        out.append(c)
    return out


def _any_near(facts: list[Fact], rate: Fact, options) -> bool:
    """Whether any count of the options is stated near the rate (a complement stands in only where none is)."""
    return any(_nearest(facts, rate, c, rate.level, RATE_WINDOW, _rate_frame, before=True)
               for option in options or () for c in option)


def _definition(d: dict, num: list[Fact], den: list[Fact], complement: bool = False) -> str:
    """The definition a recomputation used: the declared one (briefs.yml `definition`) when its first terms
    were used, else the names of the terms used ("giải quyết đúng hạn / hồ sơ đã giải quyết" where no early
    count is stated): the message must not name a count the report does not give."""
    if not complement and [x.indicator for x in num] == list(d["numerator"][0]) and \
            [x.indicator for x in den] == list(d["denominator"][0]):
        return d["definition"]["vi"]

    def side(xs: list[Fact]) -> str:
        names = [(lambda t: t[:1].lower() + t[1:])(_label(x.indicator)) for x in xs]
        return names[0] if len(names) == 1 else "(" + " + ".join(names) + ")"
    return f"{side(num)} / {side(den)}"


# how a message names the unit of time an average is over (calc.average), by its months
_PER_NAMES = {1.0: ("tháng", "month"), 3.0: ("quý", "quarter"), 12.0: ("năm", "year")}
# An average stands at most this many lines from the period's count it divides
AVERAGE_WINDOW = 3


def _period_months(key: str) -> int | None:
    """The calendar months of a period key ('2024-Q1' 3, '2024' 12, '2024-05' 1), or None."""
    if (keys := _months_of(key)) is not None:
        return len(keys)
    p = parse_period_key(key)
    return 1 if p is not None and p.kind == "month" else None


def average_claims(doc: str, facts: list[Fact]) -> list[Claim]:
    """calc.average: a count stated as an average per month, quarter or year ("Quý I tiếp nhận 15.000 hồ sơ, bình quân mỗi
    tháng tiếp nhận 5.000 hồ sơ") against the period's count of its indicator, level and scope near it, over the period's
    months. An average is often rounded, so its trailing zeros widen its interval (5.000 may be any of 4.500-5.500,
    1.250 any of 1.245-1.255)."""
    out: list[Claim] = []
    for a in facts:
        if a.role != "average" or a.window_months is None or a.window_months not in _PER_NAMES:
            continue
        near = [t for t in facts if t.role == "value" and t.unit != "%" and t.period == a.period
                and (t.indicator, t.level, t.scope) == (a.indicator, a.level, a.scope) and _group(t) == _group(a)
                and abs(t.line - a.line) <= AVERAGE_WINDOW]
        if not near:
            continue
        t = min(near, key=lambda t: (abs(t.line - a.line), t.line > a.line))
        months = t.window_months or _period_months(t.period)
        if not months or a.window_months > months:
            continue
        av, tv = fact_val(a), fact_val(t)
        zeros = len(str(int(a.value))) - len(str(int(a.value)).rstrip("0")) if a.decimals == 0 and a.value >= 10 else 0
        stated = Val(av.value, av.decimals, False, av.qualifier, av.multiplier * 10 ** zeros, av.line, av.raw)
        scale = a.window_months / months
        exp_r, exp_f = (Interval(i.lo * scale, i.hi * scale) for i in (tv.rounded(), tv.full()))
        status = judge(stated.rounded(), stated.full(), exp_r, exp_f)
        expected = t.value * scale
        vi, en = _PER_NAMES[a.window_months]
        out.append(Claim(rule="calc.average", document=doc, status=status, stated=a.value, expected=round(expected, 1),
                         difference=gap(a.value, exp_f.lo, exp_f.hi) if status == "fail" else 0.0,
                         values=[av, tv], evidence=[_ev(a), _ev(t)], indicator=a.indicator, level=a.level,
                         params={"total_label": _label(a.indicator), "per": vi, "per_en": en, "total": fmt_vn(t.value, t.decimals),
                                 "months": fmt_vn(months, 0)}))
    return out


FACT_RULES = {"calc.average": average_claims, "calc.partition": partition_claims, "calc.levels": level_claims,
              "share.grim": grim_claims, "dup.figure": duplicate_claims, "bound.max": maximum_claims,
              "rate.recomputed": rate_claims, "scope.exceeds": unit_claims,
              "calc.months": month_claims}
