"""Checks over the relations the annotation stage discovered (parts of totals, shares, rate groups,
repeated paragraphs), with the interval rules of analysis.findings.

An alarm is raised only when every admissible reading fails: every plausible base of a share,
rounding or truncation of each stated figure. Each finding says which reading it used.
"""
from __future__ import annotations

import re

from .annotate import CHANGE_LEAD, CHANGE_RESTATED, Annotated, Figure, Parts, after_unit, category_of, written_unit
from .checks_text import EARLIER_PAREN, POINTS, RATIO_TO as _RATIO_TO, count_change_claim, rate_change_claim, ratio_claim
from .findings import Claim, Interval, Val, gap, judge, total, val_of
from .numbers import fmt_vn, ratio_interval
from .periods import find_periods
from .settings import SETTINGS
from .memo import current_unit
from .vocab import change_words, direct_totals, indicator_titles, level_name, received_flows



def fig_val(f: Figure) -> Val:
    return val_of(f.number, f.line, f.col)


def _ev(f: Figure) -> tuple[int, str]:
    return f.line, f.quote


def _name(code: str | None) -> str:
    if not code:
        return ""
    t = indicator_titles().get(code)
    if t:
        return t.get("vi") or code
    return {"service.level2": "mức độ 2", "service.level3": "mức độ 3", "service.level4": "mức độ 4",
            "dossiers.new_post": "qua bưu chính", "dossiers.supplement": "yêu cầu bổ sung"}.get(code, code)


def _part_label(p: Figure, dimension: str) -> str:
    if dimension == "level":
        return level_name(p.level, current_unit()) if p.level else ""
    return _name(p.category) or p.number.raw


def parts_claims(doc: str, ann: Annotated) -> list[Claim]:
    """enum.exceeds / enum.shortfall / enum.gap: the parts listed after a total against it."""
    out = []
    for r in ann.parts:
        if len(r.parts) < 2 and not r.covered:
            # one part: it cannot exceed a total of a broader category, nothing else to test
            out.append(_one_part(doc, r))
            continue
        tv, pv = fig_val(r.total), [fig_val(p) for p in r.parts]
        exp_r, exp_f = total(pv)
        expected = sum(p.value for p in r.parts)
        over = exp_f.lo > tv.full().hi + 1e-9
        short = exp_f.hi < tv.full().lo - 1e-9
        reading = {"category": "phân tổ theo " + " + ".join(_part_label(p, r.dimension) for p in r.parts),
                   "level": "phân tổ theo cấp: " + " + ".join(_part_label(p, r.dimension) for p in r.parts),
                   "entity": "liệt kê theo đơn vị, lĩnh vực"}[r.dimension]
        params = {"parts_label": " + ".join(p.number.raw.strip() for p in r.parts), "reading": reading,
                  "total_label": _name(r.total.category) or written_unit(r.total)}
        status, rule, sev = "holds", "enum.exceeds", ""
        if over:
            status = "fail"
        elif short and (r.covered or r.closure == "complete"):
            status, rule = "fail", "enum.shortfall"
        elif short and r.closure == "closed" and r.dimension == "category" and r.missing:
            status, rule = "fail", "enum.gap"
            params["missing"] = ", ".join(_name(m) for m in r.missing)
        elif short and r.closure == "closed" and r.dimension == "entity":
            status, rule = "fail", "enum.gap"     # "(153 HS ... và 11 HS ...)": a breakdown that names its parts
            params["missing"] = "phần không được liệt kê"
        elif short:
            continue                     # an open list: a shortfall is the part not listed
        out.append(Claim(rule=rule, document=doc, status=status, stated=r.total.value, expected=expected,
                         difference=gap(r.total.value, exp_f.lo, exp_f.hi) if status == "fail" else 0.0,
                         values=[tv] + pv, evidence=[_ev(r.total)] + [_ev(p) for p in r.parts],
                         indicator=r.total.category or "", level=r.total.level or "", params=params, severity=sev))
    return [c for c in out if c is not None]


def _one_part(doc: str, r: Parts) -> Claim | None:
    p = r.parts[0]
    tv, pv = fig_val(r.total), fig_val(p)
    over = pv.full().lo > tv.full().hi + 1e-9
    return Claim(rule="enum.exceeds", document=doc, status="fail" if over else "holds", stated=r.total.value, expected=p.value,
                 difference=r.total.value - p.value if over else 0.0, values=[tv, pv], evidence=[_ev(r.total), _ev(p)],
                 indicator=r.total.category or "", level=r.total.level or "",
                 params={"parts_label": p.number.raw.strip(), "reading": "một phần của tổng",
                  "total_label": _name(r.total.category) or written_unit(r.total)})


def share_claims(doc: str, ann: Annotated) -> list[Claim]:
    """share.count: a percentage against its count over every plausible base; fails only when none fits."""
    out = []
    sibling_counts = _group_counts(ann)
    for s in ann.shares:
        if s.base_stated or not s.bases:
            continue
        sv, cv = fig_val(s.share), fig_val(s.count)
        results = []
        for b in s.bases:
            bv = fig_val(b)
            if bv.value <= 0:
                continue
            exp_r, exp_f = ratio_interval(cv.rounded(), bv.rounded()), ratio_interval(cv.full(), bv.full())
            results.append((judge(sv.rounded(), sv.full(), exp_r, exp_f), b, bv))
        if not results:
            continue
        statuses = [r[0] for r in results]
        status = "holds" if "holds" in statuses else ("info" if "info" in statuses else "fail")
        # report against the base the text most likely meant: the closest one that fits, else the nearest
        pick = next((r for r in results if r[0] == status), results[0])
        if status == "fail":
            # (of bases as near, one in the share's own paragraph: "... 9.800 hồ sơ. / Đã giải quyết 9.800 hồ sơ, trong đó: ...")
            pick = min(results, key=lambda r: (abs(100 * s.count.value / r[2].value - s.share.value), r[1].block != s.count.block))
        _st, b, bv = pick
        actual = 100 * s.count.value / b.value
        same_block = b.block == s.count.block
        base_names = ", ".join(f"{fig_val(x).fmt()} ({_name(x.category) or written_unit(x)})" for _, x, _ in results)
        params = {"count": cv.fmt(), "denominator": bv.fmt() + " " + written_unit(b),
                  "rounded": fmt_vn(round(actual + 1e-12, s.share.number.decimals), s.share.number.decimals),
                  "reading": f"mẫu số đã thử: {base_names}"}
        sev = ""
        if status == "fail" and not same_block and not s.named:
            sev = "warning"             # its base stands in another paragraph: the scope may differ (unless named)
            params["reading"] += "; mẫu số ở đoạn khác, phạm vi có thể khác"
        c = Claim(rule="share.count", document=doc, status=status, stated=s.share.value, expected=round(actual, 4),
                  difference=round(s.share.value - actual, 4) if status != "holds" else 0.0,
                  values=[sv, cv] + [r[2] for r in results], evidence=[_ev(s.share), _ev(s.count), _ev(b)],
                  indicator=s.count.category or "", level=s.count.level or "", params=params, severity=sev)
        group = sibling_counts.get(s.share.index)
        # only when no base stands in the share's own paragraph: a total stated beside the shares is
        # the one they are of ("đến hạn 19.944 hồ sơ ... 96,55%"), and must still break when changed. A total
        # the count is no direct part of does not count: in "Tiếp nhận hơn 12,5 ngàn hồ sơ, ... Giải quyết trước
        # và đúng hạn 9.500 hồ sơ (đạt 98,96%), trễ hạn 100 hồ sơ (1,04%)" the shares are of the resolved ones
        if group is not None and status != "holds" and \
                not any(x.block == s.count.block and _directly_of(s.count, x) for x in s.bases):
            _over_group(c, sv, cv, group)
        if c.status != "holds":
            _over_received_and_carried(c, sv, cv, s.bases, ann)
        if c.status == "info":
            c.rule, c.severity = "round.truncated", "info"
        out.append(c)
    return out


def _directly_of(count: Figure, base: Figure) -> bool:
    """Whether `base` may be the total `count` is a part of: a total of a declared partition that lists the
    count's category (reading.yml partitions), or either one of unknown category."""
    if count.category is None or base.category is None:
        return True
    return base.category in direct_totals(count.category)


def _group_counts(ann: Annotated) -> dict[int, list]:
    """share figure index -> the counts of its rate group, for the groups whose shares exhaust one total
    ("đúng hạn 11.950 HS, đạt 98,2%; trễ hạn 220 HS, chiếm 1,8%") and each have their count: their
    counts add up to the total the shares are of, stated or not."""
    count_of = {s.share.index: s.count for s in ann.shares}
    out = {}
    hundred = Interval(100.0, 100.0)
    for g in ann.rate_groups:
        counts = [count_of.get(f.index) for f in g.rates]
        # a group exhausts its total when its partition is complete, or when its shares add up to 100 %
        # ("đúng hạn ... 98,2%; trễ hạn ... 1,8%": on time counting early too)
        whole = g.covered or total([fig_val(f) for f in g.rates])[0].overlaps(hundred)
        if whole and len(counts) > 1 and all(c is not None for c in counts) and \
                len({c.index for c in counts}) == len(counts):
            for f in g.rates:
                out[f.index] = counts
    return out


def _over_group(c: Claim, sv: Val, cv: Val, group: list) -> None:
    """Hold a failing share against the sum of its group's counts; where that fits, the claim holds
    (or is a truncation) over that sum."""
    if sum(x.value for x in group) > 0:
        _over_sum(c, sv, cv, group, "mẫu số là tổng các số đếm của nhóm tỷ lệ: ")


def _over_received_and_carried(c: Claim, sv: Val, cv: Val, bases: tuple, ann: Annotated) -> None:
    """Hold a failing share over its received base plus the carried-over count stated beside it: "tiếp nhận 5.600 hồ sơ;
    kỳ trước chuyển sang 400 hồ sơ. Đã giải quyết 5.200 hồ sơ (đạt 86,67%)" is 5.200 over the 6.000 to be resolved
    (received = new + carried over, vocab.received_flows: the bare "tiếp nhận" there names the new ones). Where that
    fails too, the sum is named among the bases tried, and reported when it is the nearer."""
    flows = received_flows()
    base = next((x for x in bases if x.category in flows), None)
    carried = next((f for f in ann.figures if f.category == flows[base.category][1] and f.block == base.block
                    and f.sentence == base.sentence and not f.percent and f.role == "value" and f.depth == base.depth),
                   None) if base is not None else None
    if carried is None:
        return
    status, actual, both = _over_sum(c, sv, cv, [base, carried], "mẫu số là số tiếp nhận cộng số kỳ trước chuyển sang: ")
    if status == "fail":
        c.params["reading"] += f"; {both} (cộng số kỳ trước chuyển sang)"
        if abs(actual - sv.value) < abs(c.expected - sv.value):
            c.expected, c.difference, c.params["denominator"] = round(actual, 4), round(sv.value - actual, 4), both


def _over_sum(c: Claim, sv: Val, cv: Val, counts: list, reading: str) -> tuple[str, float, str]:
    """Hold share claim `c` over the sum of `counts`; where that fits better than the claim does, the claim is rewritten
    over it (its status, expected, denominator, values, evidence, and `reading` naming the sum). Returns the status over
    the sum, the share over it, and the sum as written ("5.600 + 400")."""
    gv = [fig_val(x) for x in counts]
    br, bf = total(gv)
    status = judge(sv.rounded(), sv.full(), ratio_interval(cv.rounded(), br), ratio_interval(cv.full(), bf))
    actual = 100 * cv.value / sum(x.value for x in counts)
    written = " + ".join(v.fmt() for v in gv)
    if status == "fail" or (status == "info" and c.status == "info"):
        return status, actual, written
    c.status, c.expected, c.difference, c.severity = status, round(actual, 4), \
        (round(sv.value - actual, 4) if status != "holds" else 0.0), ""
    c.params["denominator"] = written
    c.params["reading"] = reading + written
    c.values = c.values[:2] + gv
    c.evidence = c.evidence[:2] + [_ev(x) for x in counts]
    return status, actual, written


def rate_sum_claims(doc: str, ann: Annotated) -> list[Claim]:
    """share.sum: shares of disjoint parts of one total add up to at most 100 %, exactly 100 % when
    they exhaust it (within rounding or truncation of each)."""
    out = []
    for g in ann.rate_groups:
        vals = [fig_val(f) for f in g.rates]
        r, f = total(vals)
        target = Interval(100.0, 100.0)
        if g.covered:
            status = judge(target, target, r, f)
        else:
            status = "holds" if r.lo <= SETTINGS.share_max + 1e-9 else ("info" if f.lo <= SETTINGS.share_max else "fail")
        s = sum(v.value for v in vals)
        out.append(Claim(rule="share.sum", document=doc, status=status, stated=round(s, 4), expected=100.0, difference=round(s - 100, 4) if status == "fail" else 0.0,
                         values=vals, evidence=[_ev(x) for x in g.rates], indicator=g.rates[0].category or "", level=g.rates[0].level or "",
                         params={"parts_label": " + ".join(x.number.raw.strip() for x in g.rates),
                          "reading": ("các phần hợp thành toàn bộ: tổng phải là 100%" if g.covered
                                      else "các phần rời nhau: tổng không vượt 100%")}))
    return out


def repeat_claims(doc: str, ann: Annotated) -> list[Claim]:
    """dup.figure: a paragraph printed twice must state the same figures."""
    out = []
    for r in ann.repeats:
        a, b = fig_val(r.first), fig_val(r.second)
        ok = a.full().overlaps(b.full())
        out.append(Claim(rule="dup.figure", document=doc, status="holds" if ok else "fail", stated=r.second.value, expected=r.first.value,
                         difference=0.0 if ok else r.second.value - r.first.value, values=[b, a], evidence=[_ev(r.second), _ev(r.first)],
                         indicator=r.first.category or "", level=r.first.level or "",
                         params={"indicator_label": _name(r.first.category) or "số liệu đoạn lặp lại",
                          "level_label": "", "other_line": r.first.line}))
    return out


# "So với cùng kỳ năm 2023 (140.500 hồ sơ), số hồ sơ tiếp nhận tăng 11.800 hồ sơ": a sentence that opens on
# the earlier count in brackets, then names what changed and by how much; the current count is the one
# of that kind an earlier sentence stated.
_EARLIER_LEAD = re.compile(r"^\W*so với\b[^;()]{0,60}?\(\s*$")
_CHANGED_CLAUSE = re.compile(r"^[^;()\d]{0,12}\)\s*,?\s*(?P<clause>[^;()\d]{0,70}?)" + CHANGE_LEAD.pattern)
# "So với tháng 9/2024, số hồ sơ tiếp nhận tăng 1.252 hồ sơ (tháng 9 tiếp nhận 13.200 hồ sơ)": the clause naming what
# changed opens the sentence, the earlier count follows the change in brackets that name its period (EARLIER_PAREN)
# "So với quý I/2024 tăng 1.205 hồ sơ (quý I/2024: 7.560 hồ sơ)": the comparison, then the change, naming nothing
_CHANGE_BARE = re.compile(r"^\W*so với\b[^;(),.]{0,40}?\s" + CHANGE_LEAD.pattern)
# "Số hồ sơ tiếp nhận bằng 102,5% ...": what is compared, then "bằng"
_RATIO_OPENS = re.compile(r"^\W*(?P<clause>[^;()\d]{3,70}?)\s+bằng\s*$")
_CHANGE_OPENS = re.compile(r"^\W*(?:so với\b\s*(?P<p>[^;()]{0,60}?),\s*)?(?P<clause>[^;()\d]{0,70}?)" + CHANGE_LEAD.pattern)


def prior_change_claims(doc: str, ann: Annotated) -> list[Claim]:
    """change.count across sentences: the current count is the latest earlier figure of the category and
    level the change's clause names, in its paragraph or the one before."""
    out = []
    figs = [f for f in ann.figures if f.role != "base"]
    by_sentence: dict[int, list[Figure]] = {}
    for f in figs:
        by_sentence.setdefault(f.sentence, []).append(f)
    for s in ann.sentences:
        sf = by_sentence.get(s.index, [])
        if len(sf) == 1 and (claim := _change_of_earlier_two(doc, ann, s, figs, sf[0])) is not None:
            out.append(claim)
        elif sf and (claim := _change_of_later_base(doc, ann, s, figs, sf)) is not None:
            out.append(claim)
        if len(sf) < 2:
            continue
        text = ann.doc.blocks[s.block].text
        base, c = sf[0], sf[1]
        ratio = False
        if base.number.percent and _EARLIER_LEAD.match(text[s.start:base.start].lower()):
            claim = _prior_rate_change(doc, ann, s, figs, base, c)
            if claim is not None:
                out.append(claim)
            continue
        if not base.number.percent and _EARLIER_LEAD.match(text[s.start:base.start].lower()):
            lead = text[base.end:c.start].lower()
            m = _CHANGED_CLAUSE.match(lead)
        elif base.number.percent and not sf[1].number.percent and \
                (m := _RATIO_OPENS.match(text[s.start:base.start].lower())) is not None and \
                _RATIO_TO.match(text[base.end:sf[1].start].lower()):
            # "Số hồ sơ tiếp nhận bằng 102,5% so với cùng kỳ năm 2023 (12.195 hồ sơ)": the ratio of a count an earlier
            # sentence states to the earlier count in brackets
            c, base, lead, ratio = base, sf[1], "", True
        else:
            c, base = sf[0], sf[1]
            if c.role != "change":
                continue
            lead = text[s.start:c.start].lower()
            m = _CHANGE_OPENS.match(lead) or _CHANGE_BARE.match(lead)
            if base.number.percent or not EARLIER_PAREN.match(text[c.end + len(written_unit(c)):base.start].lower()):
                continue
        if not m or base.domain in (None, "units", "levels", "time", "other"):
            continue
        clause = m.groupdict().get("clause") or ""
        cat = category_of(clause, base.domain, True)[0]
        direction = "ratio" if ratio else next((d for d, rx in change_words().items() if rx.search(lead)), None)
        if direction is None:
            continue
        blocks = ann.doc.blocks
        if cat is None and not clause.strip():
            # "Số hồ sơ đã giải quyết: 8.765 hồ sơ (...). Tỷ lệ ... đạt 99,26%. So với quý I/2024 tăng 1.205 hồ sơ (quý I/2024:
            # 7.560 hồ sơ)": a change that names nothing is of its paragraph's count, when the paragraph states one only
            own = [f for f in figs if f.block == s.block and f.sentence < s.index and f.depth == 0 and not f.number.percent
                   and f.role == "value" and f.domain == base.domain]
            if len(own) == 1 and own[0].level == s.level:
                out.append(count_change_claim(doc, blocks[s.block], own[0].number, c.number, base.number, direction))
            continue
        if cat is None:
            continue
        # (within SETTINGS.denominator_blocks_back paragraphs, as a share's base: "tiếp nhận 28.640 hồ sơ ..." then
        # a paragraph of rates, then "So với tháng 5/2024 (25.100 hồ sơ), số hồ sơ tiếp nhận tăng 14,1%")
        cur = next((f for f in reversed(figs) if f.index < base.index and f.sentence < s.index
                    and s.block - SETTINGS.denominator_blocks_back <= f.block <= s.block and not f.number.percent
                    and f.role == "value" and f.domain == base.domain and f.level == s.level
                    and (f.category == cat or f.category is None and _list_total_of(ann, f) == cat)
                    and not any(blocks[k].kind == "heading" for k in range(f.block, s.block))), None)
        if cur is None:
            continue
        if ratio:
            out.append(ratio_claim(doc, blocks[s.block], cur.number, c.number, base.number, b_cur=blocks[cur.block]))
            continue
        out.append(count_change_claim(doc, blocks[s.block], cur.number, c.number, base.number, direction,
                                      b_cur=blocks[cur.block]))
        k = sf.index(c)
        again = sf[k + 1] if k + 1 < len(sf) else None
        if again is not None and again.number.percent != c.number.percent and \
                CHANGE_RESTATED.fullmatch(text, after_unit(text, c.end, c.unit), again.start):
            # "..., số hồ sơ tiếp nhận tăng 25.500 hồ sơ, tương đương 13,78%": the change again in its other form, against
            # the same two counts
            out.append(count_change_claim(doc, blocks[s.block], cur.number, again.number, base.number, direction,
                                          b_cur=blocks[cur.block]))
    return out


# "..., trong đó trễ hạn 42 hồ sơ. Cùng kỳ năm 2023, Sở giải quyết 1.980 hồ sơ, trễ hạn 156 hồ sơ. Như vậy, số hồ sơ trễ hạn giảm 114
# hồ sơ so với cùng kỳ.": a sentence of one figure, its change, closed by the comparison; both counts stated before it
_COMPARED_CLOSE = re.compile(r"\s*so với\s+(?P<p>[^;()\d]{0,30}?(?:\d{4})?[^;()\d]{0,10}?)\s*[.;]?\s*$", re.I)


def _change_of_later_base(doc: str, ann: Annotated, s, figs: list[Figure], sf: list[Figure]) -> Claim | None:
    """change.count whose earlier count a later paragraph states: "..., tăng 1.120 hồ sơ so với quý I/2023." (the count before
    the change is the current one) or "So với quý II/2024, số hồ sơ tiếp nhận tăng 6,2%." (the latest earlier count of the
    category its clause names, as _change_of_earlier_two), then, within SETTINGS.denominator_blocks_back paragraphs after
    it, "Quý I/2023, thành phố tiếp nhận 8.750 hồ sơ": the first count of the current one's category, level and kind
    stated for the compared period."""
    blocks = ann.doc.blocks
    text = blocks[s.block].text
    c = sf[-1]
    if c.role != "change" or c.domain in ("units", "levels", "time", "other"):
        return None
    cur = None
    # the compared period named at the sentence's end ("..., tăng 1.120 hồ sơ so với quý I/2023.") or start ("So với quý
    # II/2024, số hồ sơ tiếp nhận tăng 6,2%."), with no figure of its own
    if (m := _COMPARED_CLOSE.fullmatch(text, after_unit(text, c.end, c.unit), s.end)) is not None and len(sf) >= 2:
        prev = sf[-2]
        if not prev.number.percent and prev.depth == c.depth == 0 and prev.role == "value" and \
                (c.number.percent or prev.domain == c.domain) and prev.category is not None:
            cur = prev
    elif len(sf) == 1 and (m := _CHANGE_OPENS.match(text[s.start:c.start].lower())) is not None and m.group("p"):
        dom = c.domain or "dossiers"
        cat = category_of(m.group("clause"), dom, True)[0]
        cur = next((f for f in reversed(figs) if f.index < c.index and f.sentence < s.index and f.role == "value"
                    and not f.number.percent and f.category == cat and f.domain == dom and f.period == ann.meta.period
                    and s.block - SETTINGS.denominator_blocks_back <= f.block), None) if cat else None
    if cur is None:
        return None
    named = find_periods(m.group("p"))
    lead = text[s.start:c.start].lower()
    direction = next((d for d, rx in change_words().items() if rx.search(lead[-30:])), None)
    if not named or named[0][1] != 0 or direction is None:
        return None
    key = named[0][0].key
    base = next((f for f in figs if f.index > c.index and s.block < f.block <= s.block + SETTINGS.denominator_blocks_back
                 and f.category == cur.category and f.level == cur.level and f.domain == cur.domain
                 and not f.number.percent and f.period == key
                 and not any(blocks[k].kind == "heading" for k in range(s.block, f.block))), None)
    if base is None:
        return None
    return count_change_claim(doc, blocks[s.block], cur.number, c.number, base.number, direction,
                              b_cur=blocks[cur.block] if cur.block != s.block else None, b_base=blocks[base.block])


def _change_of_earlier_two(doc: str, ann: Annotated, s, figs: list[Figure], c: Figure) -> Claim | None:
    """change.count for a lone change whose sentence names its category and ends on the comparison: the current count
    is the latest earlier one of that category, level and the sentence's period; the earlier count the latest one of
    an earlier period (all such of one period), both within SETTINGS.denominator_blocks_back paragraphs."""
    text = ann.doc.blocks[s.block].text
    if c.role != "change" or c.number.percent or not _COMPARED_CLOSE.fullmatch(text, after_unit(text, c.end, c.unit), s.end):
        return None
    lead = text[s.start:c.start].lower()
    m = _CHANGE_OPENS.match(lead)
    if m is None or c.domain in (None, "units", "levels", "time", "other"):
        return None
    cat = category_of(m.group("clause"), c.domain, True)[0]
    direction = next((d for d, rx in change_words().items() if rx.search(lead[m.end("clause"):])), None)
    if cat is None or direction is None:
        return None
    blocks = ann.doc.blocks
    near = [f for f in figs if f.index < c.index and s.block - SETTINGS.denominator_blocks_back <= f.block <= s.block
            and f.role == "value" and not f.number.percent and f.category == cat and f.domain == c.domain
            and f.level == c.level and not any(blocks[k].kind == "heading" for k in range(f.block, s.block))]
    cur = next((f for f in reversed(near) if f.period == s.period), None)
    earlier = [f for f in near if f.period and f.period != s.period and (cur is None or f.period < cur.period)]
    if cur is None or not earlier or len({f.period for f in earlier}) != 1:
        return None
    base = earlier[-1]
    return count_change_claim(doc, blocks[s.block], cur.number, c.number, base.number, direction, b_cur=blocks[cur.block])


def _prior_rate_change(doc: str, ann: Annotated, s, figs: list[Figure], base: Figure, c: Figure) -> Claim | None:
    """change.pp_or_relative across sentences: "Tỷ lệ hồ sơ trực tuyến đạt 65,2%. So với quý II/2024 (61,8%), tỷ lệ hồ
    sơ trực tuyến tăng 3,4 điểm phần trăm": the current rate is the latest earlier one of the kind the clause names,
    at the sentence's level, in its paragraph or the one before."""
    blocks = ann.doc.blocks
    text = blocks[s.block].text
    m = _CHANGED_CLAUSE.match(text[base.end:c.start].lower())
    if not m or not (c.number.percent or POINTS.match(text, c.end)):
        return None
    direction = next((d for d, rx in change_words().items() if rx.search(m.group(0))), None)
    clause = m.group("clause")
    # (a rate is of dossiers unless its words say otherwise, as the annotation reads a rate's kind)
    cat = category_of(clause, "dossiers", True)[0] if clause.strip() else None
    if direction is None or cat is None or base.category not in (None, cat):
        return None

    def names(f: Figure) -> bool:
        # (a share's figure takes its count's category, "64.380 hồ sơ trên tổng số 98.750 hồ sơ tiếp nhận, đạt tỷ lệ
        # 65,2%": the words of its sentence up to it name the rate too)
        if f.category == cat:
            return True
        sent = ann.sentences[f.sentence]
        return category_of(blocks[f.block].text[sent.start:f.start], "dossiers", True)[0] == cat

    cur = next((f for f in reversed(figs) if f.index < base.index and f.sentence < s.index
                and s.block - SETTINGS.denominator_blocks_back <= f.block <= s.block and f.number.percent
                and f.role in ("value", "share", "rate") and f.level == s.level and names(f)
                and not any(blocks[k].kind == "heading" for k in range(f.block, s.block))), None)
    if cur is None:
        return None
    return rate_change_claim(doc, blocks[s.block], cur.number, c.number, base.number, direction,
                             points_only=not c.number.percent, b_cur=blocks[cur.block])


def _list_total_of(ann: Annotated, f: Figure) -> str | None:
    """The category the lead of a list names where f is the list's written total ("Số hồ sơ tiếp nhận theo lĩnh vực:
    lĩnh vực đất đai 2.340 hồ sơ, hộ tịch 1.250 hồ sơ, ...; tổng cộng 6.790 hồ sơ": received), else None."""
    parts = next((p for p in ann.parts if p.total is f), None)
    if parts is None:
        return None
    sent = ann.sentences[f.sentence]
    text = ann.doc.blocks[f.block].text
    return category_of(text[sent.start:min(g.start for g in parts.parts)], f.domain, True)[0]


RELATION_RULES = {"enum.exceeds": parts_claims, "share.count": share_claims, "share.sum": rate_sum_claims,
                  "dup.figure": repeat_claims, "change.count": prior_change_claims}
