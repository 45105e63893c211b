"""Rules read straight from the text: fractions with percentages, changes, "trong đó/gồm" lists,
enumerated lists against their footnotes, unit denominators, periods and citations."""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from .findings import Claim, Interval, Val, gap, judge, total, val_of
from .meta import DocMeta
from .numbers import fmt_vn, find_fractions, find_numbers, ratio_interval
from .periods import Period, find_periods, with_rule
from .read import Block, Document
from .annotate import CHANGE_LEAD as _CHANGE_LEAD, CHANGE_RESTATED, FROM_LEAD, SHARE_VERB, TIMES_LEAD, TIMES_UNIT, TO_LEAD, after_unit, \
    category_of, in_spans, sentences
from .settings import SETTINGS
from .vocab import abbreviated, change_words, compared_at, noun_at, word_list

# ------------------------------------------------------------------ helpers

def _blocks(doc: Document):
    return [b for b in doc.blocks if b.kind in ("paragraph", "item", "footnote") and b.text]


def _sentence_numbers(doc: Document):
    """(block, sentence start, sentence end, its numbers) for every sentence of the text blocks: the walk
    the change rules share. A score written over its maximum ("đạt 85,6/100 điểm, tăng 2,3 điểm so với quý
    I (83,3 điểm)") is one figure, the score, spanning its maximum (so that its noun is read after it)."""
    for b in _blocks(doc):
        spans = sentences(b.text)
        nums = find_numbers(b.text)
        scores = [replace(fr.num, end=fr.den.end) for fr in find_fractions(b.text)
                  if noun_at(b.text, fr.den.end, fr.den.end + SETTINGS.unit_reach)[1] == "points"]
        if scores:
            nums = sorted(nums + scores, key=lambda n: n.start)
        for (sa, sb), sent_nums in zip(spans, in_spans(nums, spans)):
            yield b, sa, sb, sent_nums


def _snippet(b: Block, a: int, z: int, pad: int = 60) -> tuple[int, str]:
    lo, hi = max(0, a - pad), min(len(b.text), z + pad)
    s = b.text[lo:hi].strip()
    return b.line_at(a), ("…" if lo > 0 else "") + s + ("…" if hi < len(b.text) else "")


def _val(b: Block, n) -> Val:
    line, col = b.pos[n.start] if b.pos and n.start < len(b.pos) else (b.line, -1)
    return val_of(n, line, col)


# ------------------------------------------------------------------ fractions "a/b (đạt x%)"

# Between a fraction and its percentage: a short connector ("(đạt 28,94%)", ", chiếm tỷ lệ 50%"),
# not a threshold ("đạt tỷ lệ này dưới 3%"); within its sentence, the clause may name where the units stand
# ("Có 38/45 TTHC đã được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia, đạt 84,44%").
_FRAC_TO_PCT = re.compile(r"^(?:(?!\.\s)[^\d;]){0,90}?(?:\(|" + SHARE_VERB + r"|chiếm|tỷ lệ|bằng|=)\s*(?:tỷ lệ\s*)?(?:là\s*)?$", re.I)
_THRESHOLD = re.compile(r"(?:dưới|trên|hơn|không quá|tối thiểu|tối đa|ít nhất|vượt)\s*$", re.I)
# The percentage first, the fraction in brackets after it, with the words of what it counts between them
# ("Có 98,2% hồ sơ được giải quyết trước và đúng hạn (11.784/12.000 hồ sơ)"): no figure, clause end or
# sentence end between the two.
_PCT_THEN_FRAC = re.compile(r"[^\d;:.]{0,90}\(\s*$")
# a rate named between the fraction and the percentage is those units' own rate, not the fraction's share:
# "4/6 huyện, thành phố có tỷ lệ giải quyết đúng hạn đạt 100%"
# The words between a fraction of units and their own rate: no figure, clause or sentence end
_RATE_GAP = re.compile(r"(?:(?!\.\s)[^\d;()]){0,90}")
# A share right after another percentage: ", chiếm 80,36%", ", bằng 80,4%"
_THEN_SHARE = re.compile(r"\s*,\s*(?:chiếm|bằng|tương đương|tương ứng)(?:\s+tỷ lệ)?\s*(?:là\s*)?", re.I)
_NAMED_RATE_GAP = re.compile(r"tỷ lệ\s+[^\s\d]+\s+[^\s\d]+", re.I)


# Two fractions joined in one clause ("15/18 sở, ban, ngành và 6/8 UBND cấp huyện"): the share after them may be of both
_JOINED_FRACTIONS = re.compile(r"[^\d;.()]{1,60}?(?:\svà\s|,\s)[^\d;.()]{0,20}", re.I)


def _rate_of_other_things(text: str, fr, pct) -> bool:
    """A percentage that names after it what it is a rate of, another kind than the fraction counts: in "15/17 sở,
    ngành đạt tỷ lệ 100% hồ sơ đúng hạn" the 100 % is each unit's rate of dossiers, not 15 over 17."""
    after = noun_at(text, pct.end, pct.end + SETTINGS.unit_reach)[1]
    if after is None:
        return False
    counted = noun_at(text, fr.den.end, fr.den.end + SETTINGS.unit_reach)[1]
    return counted is not None and counted != after


def fraction_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """ratio.fraction: 'a/b ... (đạt x%)' against a/b."""
    out = []
    for b in _blocks(doc):
        nums = find_numbers(b.text)
        prev_fr = None
        for fr in find_fractions(b.text, with_nouns=True):
            prev_fr, joined = fr, prev_fr if prev_fr is not None and _JOINED_FRACTIONS.fullmatch(b.text, prev_fr.end, fr.start) \
                else None
            # the percentage may stand first, the fraction in brackets after it: "đạt 98,5% (1.970/2.000 hồ sơ)"; then
            # it is that one's, not the next item's ("cấp tỉnh đạt 99,5% (1.990/2.000 hồ sơ), cấp huyện đạt 98% ...")
            pct = next((n for n in reversed(nums) if n.end <= fr.start), None)
            if pct is None or not pct.percent or not _PCT_THEN_FRAC.match(b.text, pct.end, fr.start):
                pct = next((n for n in nums if n.start >= fr.end), None)
                gap_text = b.text[fr.end:pct.start] if pct is not None else ""
                if pct is not None and pct.percent and _RATE_GAP.fullmatch(gap_text) and (_THRESHOLD.search(gap_text)
                                                                                     or _NAMED_RATE_GAP.search(gap_text)):
                    # "Có 45/56 đơn vị đạt tỷ lệ đúng hạn trên 95%, chiếm 80,36% tổng số đơn vị": past the units' own
                    # rate or threshold, the share of the units
                    pct = next((n for n in nums if n.start >= pct.end), None)
                    if pct is None or not pct.percent or not _THEN_SHARE.fullmatch(b.text, nums[nums.index(pct) - 1].end, pct.start):
                        continue
                elif pct is None or not pct.percent or not _FRAC_TO_PCT.match(gap_text) or _THRESHOLD.search(gap_text) \
                        or _NAMED_RATE_GAP.search(gap_text):
                    continue
                if _rate_of_other_things(b.text, fr, pct):
                    continue
            if fr.den.value <= 0:
                continue
            a, d, p = _val(b, fr.num), _val(b, fr.den), _val(b, pct)
            exp_r, exp_f = ratio_interval(a.rounded(), d.rounded()), ratio_interval(a.full(), d.full())
            status = judge(p.rounded(), p.full(), exp_r, exp_f)
            actual = 100 * fr.num.value / fr.den.value
            raw, first, vals = f"{fr.num.raw}/{fr.den.raw}", fr.start, [a, d, p]
            if status != "holds" and joined is not None and joined.den.value > 0:
                # "Có 15/18 sở, ban, ngành và 6/8 UBND cấp huyện không có hồ sơ quá hạn, chiếm tỷ lệ 80,77%": the share of
                # the two fractions together, 21 over 26
                (a2r, a2f), (d2r, d2f) = total([_val(b, joined.num), a]), total([_val(b, joined.den), d])
                both = judge(p.rounded(), p.full(), ratio_interval(a2r, d2r), ratio_interval(a2f, d2f))
                if both == "holds" or both == "info" and status == "fail":
                    status, first = both, joined.start
                    actual = 100 * (fr.num.value + joined.num.value) / (fr.den.value + joined.den.value)
                    raw = f"({joined.num.raw} + {fr.num.raw})/({joined.den.raw} + {fr.den.raw})"
                    vals = [_val(b, joined.num), _val(b, joined.den)] + vals
            c = Claim(rule="ratio.fraction", document=doc_name, status=status, stated=pct.value, expected=round(actual, 4),
                      difference=round(pct.value - actual, 4) if status != "holds" else 0.0, values=vals,
                      evidence=[_snippet(b, first, pct.end, 40)], indicator="", level="",
                      params={"fraction": raw, "rounded": fmt_vn(round(actual + 1e-12, pct.decimals), pct.decimals)})
            if status == "info":
                c.rule, c.severity = "round.truncated", "info"
            out.append(c)
    return out


# ------------------------------------------------------------------ changes "đạt A%, tăng C% so với ... B%"

# "tăng", "giảm" (", thêm", ", được") right before a stated change: annotate.CHANGE_LEAD, read by every change
# rule


def change_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """change.pp_or_relative: a stated change must fit points or relative change between two rates."""
    out = []
    words = change_words()
    for b, sa, sb, sent_nums in _sentence_numbers(doc):
        # a change written in percentage points ("tăng 3,2 điểm phần trăm") stands between its two rates
        pcts = [n for n in sent_nums if n.percent or POINTS.match(b.text, n.end)]
        for i, c in enumerate(pcts):
            head = b.text[max(sa, c.start - 14):c.start].lower()
            direction = next((d for d, rx in words.items() if rx.search(head) and
                              _CHANGE_LEAD.search(head)), None)
            if direction is None and _EXCEEDS.search(head) and _THEN_SO_VOI.match(b.text, c.end):
                direction = "increase"     # "đạt 45,6%, vượt 5,6% so với chỉ tiêu được giao (40%)"
            if direction is None and i >= 2 and pcts[i - 2].percent and pcts[i - 1].percent and \
                    _CLOSED_IS.fullmatch(b.text, pcts[i - 1].end, c.start) and \
                    (cmp := _COMPARED_OPEN.fullmatch(b.text.lower(), pcts[i - 2].end, pcts[i - 1].start)) is not None:
                # "đạt 99,12 %, cao hơn quý II/2024 (98,86%) là 0,26 điểm phần trăm": the comparison word before the earlier
                # rate in brackets, the change after them
                up = cmp.group(1) in ("cao", "tăng")
                out.append(rate_change_claim(doc_name, b, pcts[i - 2], c, pcts[i - 1], "increase" if up else "decrease",
                                         points_only=not c.percent))
                continue
            if direction is None or i == 0:
                continue
            if i >= 2 and pcts[i - 2].percent and pcts[i - 1].percent and _CLOSED_THEN.match(b.text, pcts[i - 1].end, c.start) \
                    and EARLIER_PAREN.match(b.text[pcts[i - 2].end:pcts[i - 1].start].lower()):
                # "đạt 72,4% (năm 2023 là 61,8%), tăng 10,6 điểm phần trăm": the earlier rate in brackets before the change
                out.append(rate_change_claim(doc_name, b, pcts[i - 2], c, pcts[i - 1], direction, points_only=not c.percent))
                continue
            if i >= 2 and pcts[i - 2].percent and pcts[i - 1].percent and \
                    _labelled_in_turn(b.text, sa, pcts[i - 2], pcts[i - 1], sent_nums) and \
                    _JUST_CHANGE.fullmatch(b.text, pcts[i - 1].end, c.start):
                # "Tỷ lệ hồ sơ trực tuyến năm 2023: 45,2%; năm 2024: 62,8%, tăng 17,4 điểm phần trăm": two rates each after its
                # period, the later one's change after it
                out.append(rate_change_claim(doc_name, b, pcts[i - 1], c, pcts[i - 2], direction, points_only=not c.percent))
                continue
            cur = pcts[i - 1]
            between = b.text[cur.end:c.start]
            if ";" in between or len(between) > 60 or re.search(r"\btừ\b", between):
                continue
            base = pcts[i + 1] if i + 1 < len(pcts) else None
            if base is None:
                continue
            after = b.text[c.end:base.start]
            if ";" in after or len(after) > 160 or any(rx.search(after.lower()) for rx in words.values()):
                continue
            if not (cur.percent and base.percent):
                continue
            out.append(rate_change_claim(doc_name, b, cur, c, base, direction, points_only=not c.percent))
    return out


# A figure labelled by its period just before it ("năm 2024: 62,8%", "năm 2023 đạt 97,6%"), and a change right after one
_LABEL_TAIL = re.compile(r"\s*(?::|là|đạt(?: tỷ lệ)?)?\s*$", re.I)
_JUST_CHANGE = re.compile(r"\s*,?\s*(?:tăng|giảm|cao hơn|thấp hơn)(?:\s+thêm)?\s*", re.I)


def _period_label(text: str, lo: int, n) -> Period | None:
    """The period named right before figure n (after `lo`), only ':', 'là' or 'đạt' between them; else None."""
    head = text[max(lo, n.start - 40):n.start]
    found = find_periods(head)
    if not found:
        return None
    p, _a, z = found[-1]
    return p if _LABEL_TAIL.fullmatch(head, z) else None


def _labelled_before(text: str, sa: int, sent_nums: list, i: int, cur):
    """"Số hồ sơ tiếp nhận năm 2023: 45.200 hồ sơ; năm 2024: 52.800 hồ sơ, tăng 7.600 hồ sơ": the earlier count labelled by its
    period before the current one, itself labelled by a later period, the change right after it; else None."""
    if i < 2 or sent_nums[i - 1] is not cur or sent_nums[i - 2].percent or \
            not _JUST_CHANGE.fullmatch(text, _after_noun(text, cur), sent_nums[i].start):
        return None
    return sent_nums[i - 2] if _labelled_in_turn(text, sa, sent_nums[i - 2], cur, sent_nums) else None


def _labelled_in_turn(text: str, sa: int, a, b, sent_nums: list) -> bool:
    """Whether figures a then b (no other figure of the sentence between them) are each labelled by a period, b's later,
    with only a separator and b's label between them ("năm 2023: 45,2%; năm 2024: 62,8%")."""
    if any(a.end <= n.start < b.start for n in sent_nums):
        return False
    pa, pb = _period_label(text, sa, a), _period_label(text, a.end, b)
    if pa is None or pb is None or pa.end is None or pb.end is None or not pa.end < pb.end:
        return False
    return bool(re.match(r"\s*[;,]", text[_after_noun(text, a):b.start]))


# "..., cao hơn quý II/2024 (" / ", thấp hơn so với cùng kỳ (": the comparison naming the earlier rate in brackets (the
# period's own digits stand between, masked) ...
_COMPARED_OPEN = re.compile(r"\s*,?\s*(cao|thấp|tăng|giảm)(?: hơn)?\s+(?:so với\s+)?[^;()%]{2,40}?\(\s*")
# ... then its closing and the change: ") là ", "), "
_CLOSED_IS = re.compile(r"\s*\)\s*(?:là|,)?\s*")
# The brackets of an earlier figure closed, then the change: "(năm 2023 là 61,8%), tăng "
_CLOSED_THEN = re.compile(r"\s*\)[^;()\d]{0,20}$")


# "vượt" before a stated change only when a comparison follows it: "vượt 5,6% so với chỉ tiêu (40%)" is
# 5,6 points (or per cent) above the target, but "vượt 90%" alone is a threshold (reading.yml thresholds)
_EXCEEDS = re.compile(r"vượt\s*$")
_THEN_SO_VOI = re.compile(r"\s*(?:điểm phần trăm|điểm %)?\s*so với\b", re.I)


# "điểm phần trăm" (percentage points), also written "điểm %"
POINTS = re.compile(r"\s*(?:điểm phần trăm|điểm %)(?![\wÀ-ỹ])", re.I)


def rate_change_claim(doc_name, b, cur, c, base, direction, points_only: bool = False, b_cur: Block | None = None,
                      b_base: Block | None = None) -> Claim:
    """(b_cur: the block of `cur` when it stands in another paragraph than the change and its base; b_base: the block of
    `base` when it stands in another paragraph than the change)"""
    A, C, B = _val(b_cur or b, cur), _val(b, c), _val(b_base or b, base)
    sign = -1 if direction == "decrease" else 1
    pp_r = Interval(A.rounded().lo - B.rounded().hi, A.rounded().hi - B.rounded().lo)
    pp_f = Interval(A.full().lo - B.full().hi, A.full().hi - B.full().lo)

    def rel(iv_a, iv_b):
        lo_b, hi_b = max(iv_b.lo, 1e-9), max(iv_b.hi, 1e-9)
        vals = [100 * (x - y) / y for x in (iv_a.lo, iv_a.hi) for y in (lo_b, hi_b)]
        return Interval(min(vals), max(vals))

    rel_r, rel_f = rel(A.rounded(), B.rounded()), rel(A.full(), B.full())
    if points_only:                     # a change stated in points is no relative change
        rel_r = rel_f = Interval(float("inf"), float("inf"))
    Cr, Cf = C.rounded(), C.full()
    Cr, Cf = (Cr, Cf) if sign > 0 else (Interval(-Cr.hi, -Cr.lo), Interval(-Cf.hi, -Cf.lo))
    if Cr.overlaps(pp_r) or Cr.overlaps(rel_r):
        status = "holds"
    elif Cf.overlaps(pp_f) or Cf.overlaps(rel_f):
        status = "info"
    else:
        status = "fail"
    pp = cur.value - base.value
    relative = 100 * pp / base.value if base.value else float("nan")
    best = pp if points_only or abs(sign * c.value - pp) <= abs(sign * c.value - relative) else relative
    evidence = [_snippet(b, cur.start, base.end, 20)] if b_cur is None and b_base is None else \
        [_snippet(b, base.start, c.end, 20), _snippet(b_cur, cur.start, cur.end, 40)] if b_base is None else \
        [_snippet(b, (cur if b_cur is None else c).start, c.end, 20)] + \
        ([_snippet(b_cur, cur.start, cur.end, 40)] if b_cur is not None else []) + [_snippet(b_base, base.start, base.end, 40)]
    return Claim(rule="change.pp_or_relative", document=doc_name, status=status, stated=sign * c.value, expected=round(pp, 4),
                 difference=round(sign * c.value - best, 4) if status == "fail" else 0.0, values=[A, C, B],
                 evidence=evidence, indicator="", level="",
                 params={"baseline": B.fmt(), "current": A.fmt(), "direction": "tăng" if sign > 0 else "giảm",
                  "relative": fmt_vn(relative, 3) if relative == relative else "?",
                  "unit": " điểm %" if points_only else "%", "unit_en": " points" if points_only else "%",
                  "amount": C.fmt()},          # the change as written, without the sign its verb gives
                 severity="info" if status == "info" else "")


# ------------------------------------------------------------------ changes of counts "A, tăng C so với ... (B)"

# "tăng 12.430 hồ sơ so với quý III/2021 (40.276 hồ sơ)", "tăng 10% so với cùng kỳ năm 2022 (11,4 ngàn HS)":
# the change, its comparison word, and the earlier figure in brackets within one clause
# (the brackets may name the earlier period before a colon: "giảm 35% so với quý trước (quý I: 200 hồ sơ)")
# (or after "là": "tăng 8,3% so với tháng 9/2024 là 2.881 hồ sơ")
_SO_VOI = re.compile(r"^[^;()\d]{0,25}?\bso với\b[^;()]{0,60}?(?:\(\s*(?:[^;():]{1,30}:\s*)?|\slà\s*)$")
# "bằng 127,5% so với năm trước (236.240 hồ sơ)", "bằng 95% cùng kỳ năm 2023 (…)": the count as a
# share of the earlier one (the ratio, not the change)
_RATIO_LEAD = re.compile(r"\bbằng\s*$")
RATIO_TO = re.compile(r"^[^;()\d]{0,25}?\b(?:so với|cùng kỳ)\b[^;()]{0,60}?\(\s*$")
# "đã cắt giảm 125 TTHC, đạt 104% kế hoạch (kế hoạch 120 TTHC)": the count as a share of the plan, stated in brackets
_REACHES = re.compile(r"\bđạt\s*$")
_PLAN_AFTER = re.compile(r"\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu)(?![\wÀ-ỹ])", re.I)
_PLAN_TO = re.compile(r"^\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu)[^;()\d]{0,40}?\(\s*(?:kế hoạch|chỉ tiêu)?[^;()\d:]{0,30}?:?\s*$")


def _depth(text: str, a: int, b: int) -> int:
    """Brackets open at b, counted from a."""
    seg = text[a:b]
    return seg.count("(") - seg.count(")")


def count_change_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """change.count: "A ..., tăng/giảm C so với <kỳ trước> (B)" with A and B counts of one kind: C is A - B,
    or (C in %) the relative change 100 (A - B) / B, under the stated decimals of all three."""
    out = []
    words = change_words()
    prev: tuple = (None, 0, [])            # (block, start, numbers) of the sentence before
    for b, sa, sb, sent_nums in _sentence_numbers(doc):
        text = b.text
        before, prev = prev, (b, sa, sent_nums)
        for i, c in enumerate(sent_nums):
            head = text[max(sa, c.start - 14):c.start].lower()
            plan = c.percent and bool(_REACHES.search(head)) and _PLAN_AFTER.match(text, c.end) is not None
            ratio = c.percent and bool(_RATIO_LEAD.search(head)) or plan
            times = TIMES_UNIT.match(text, c.end) if not c.percent and TIMES_LEAD.search(head) else None
            # "... tiếp nhận 52.000 hồ sơ. Số hồ sơ này tăng 4.000 hồ sơ so với quý II/2024 (48.000 hồ sơ)": the count
            # that changed is the last one of the sentence before, which this one names
            this = i == 0 and before[0] is b and not (ratio or times) and abbreviated(_THIS_COUNT, re.I).match(text, sa, c.start) \
                and _CHANGE_LEAD.search(head)
            if not (ratio or times or _CHANGE_LEAD.search(head)):
                if i == 0 or c.percent or not (over := _change_over_period(text, sa, c.start)):
                    continue
                head = over        # "cao hơn quý III/2024 là 3.480 hồ sơ": the change word before the compared period
            direction = "ratio" if ratio or times else next((d for d, rx in words.items() if rx.search(head)), None)
            if (pair := _pair_after(text, sent_nums, i, times)) is not None:
                # "tăng 22% so với cùng kỳ (12.000 hồ sơ so với 10.000 hồ sơ)": both counts after the change, the later first
                if ratio or times:
                    out.append(ratio_claim(doc_name, b, pair[0], c, pair[1], scale=1 if times else 100))
                elif direction is not None:
                    out.append(count_change_claim(doc_name, b, pair[0], c, pair[1], direction))
                continue
            if i + 2 < len(sent_nums) and not (ratio or times) and direction is not None and \
                    (again := sent_nums[i + 1]).percent != c.percent and \
                    CHANGE_RESTATED.fullmatch(text, _after_noun(text, c), again.start) and \
                    not sent_nums[i + 2].percent and _THEN_REACHES.fullmatch(text, _after_noun(text, again), sent_nums[i + 2].start):
                # "Số hồ sơ trực tuyến tăng 5,2% (tương ứng 618 hồ sơ) so với cùng kỳ, đạt 12.503 hồ sơ": the change in both
                # forms, then the count it reached
                share = _change_share_claim(doc_name, b, text, sent_nums[i + 2], *((c, again) if c.percent else (again, c)),
                                            direction)
                if share is not None:
                    out.append(share)
                continue
            if i == 0 and not this:
                continue
            # the count that changed: the nearest before it outside brackets it is not in ("tiếp nhận 12,5
            # ngàn HS (trực tuyến 4,2 ngàn HS, trực tiếp 8,1 ngàn HS), tăng 10% ...": 12,5 ngàn)
            depth = _depth(text, sa, c.start)
            if this:
                # (only a sentence of one count: of "tiếp nhận 52.000 hồ sơ, trong đó trực tuyến 30.000 hồ sơ", "số hồ sơ
                # này" may be either)
                counts = [n for n in before[2] if not n.percent and _depth(text, before[1], n.start) == 0]
                cur = counts[0] if len(counts) == 1 and not depth else None
            else:
                cur = next((n for n in reversed(sent_nums[:i]) if _depth(text, sa, n.start) == depth), None)
                opened = text.rfind("(", sa, c.start)
                if depth > 0 and (cur is None or cur.start < opened) and _CHANGE_LEAD.search(text[opened + 1:c.start].lower()) \
                        and not re.search(r"\d", text[opened + 1:c.start]):
                    # "tiếp nhận 3.120 hồ sơ (tăng 8,3% so với tháng 9/2024 là 2.881 hồ sơ)": the change opens the brackets
                    # after its count
                    cur = next((n for n in reversed(sent_nums[:i]) if n.start < opened and _depth(text, sa, n.start) == depth - 1), None)
                if cur is not None and cur.percent and not c.percent:
                    cur = _count_before_rate(text, sa, sent_nums[:i], cur, depth)
                elif cur is not None and not (c.percent or ratio or times) and not _one_kind(text, c, cur):
                    cur = _count_of_kind(text, sa, sent_nums[:i], c, depth)
            if cur is None or cur.percent or direction is None or \
                    not this and (";" in text[cur.end:c.start] or c.start - cur.end > SETTINGS.label_gap * 2):
                continue
            base = sent_nums[i + 1] if i + 1 < len(sent_nums) else None
            after_c = times.end() if times else \
                c.end + len(noun_at(text, c.end, c.end + SETTINGS.unit_reach)[0]) if not c.percent else c.end
            if base is not None and not (ratio or times) and base.percent != c.percent \
                    and CHANGE_RESTATED.fullmatch(text, _after_noun(text, c), base.start) \
                    and _SECOND_FORM_END.match(text, _after_noun(text, base)):
                # "tăng 1.234 hồ sơ (tương đương 8,5%)", "giảm 5% (tương ứng 120 hồ sơ)": the change in both forms
                share = _change_share_claim(doc_name, b, text, cur, *((base, c) if base.percent else (c, base)), direction)
                if share is not None:
                    out.append(share)
            if base is None or base.percent or not (_PLAN_TO if plan else RATIO_TO if ratio or times else _SO_VOI).match(
                    text[after_c:base.start].lower()):
                base = None if ratio or times or this else \
                    (_base_elsewhere(text, sent_nums, i, cur, after_c) or _base_next_sentence(text, sb, c, cur)
                     or _labelled_before(text, sa, sent_nums, i, cur))
            if base is None:
                continue
            if not _one_kind(text, cur, base):
                continue            # two counts of one kind ("hồ sơ" and "hồ sơ")
            if ratio or times:
                out.append(ratio_claim(doc_name, b, cur, c, base, scale=1 if times else 100))
                continue
            out.append(count_change_claim(doc_name, b, cur, c, base, direction))
    return out


# A change word, the period compared with, then "là" and the change: "tiếp nhận 61.250 hồ sơ, cao hơn quý III/2024 là 3.480 hồ
# sơ (quý III/2024: 57.870 hồ sơ)", "tăng so với cùng kỳ năm 2023 là 1.200 hồ sơ"
_OVER_PERIOD = re.compile(r"(?:tăng|giảm|(?:cao|thấp|nhiều|ít) hơn)\s+(?:so với\s+)?(?P<p>[^;,()\d]{0,20}?[^;,()]{2,20}?)\s+là\s*$")


def _change_over_period(text: str, sa: int, start: int) -> str:
    """The words of a change stated after the period it compares with ("cao hơn quý III/2024 là"), lowered, before
    the figure at `start`; "" when the words before it are not such a change."""
    m = _OVER_PERIOD.search(text[max(sa, start - 60):start].lower())
    if m is None:
        return ""
    named = m.group("p").strip()
    found = find_periods(named)
    # (or the words of an earlier period, reading.yml compared_with: "tăng so với cùng kỳ năm 2023 là 1.200 hồ sơ")
    return m.group(0) if (found and found[0][1] == 0) or named.startswith(word_list("compared_with")) else ""


# "tăng 22% so với cùng kỳ (12.000 hồ sơ so với 10.000 hồ sơ)", "gấp 1,5 lần cùng kỳ năm 2023 (12.000 hồ sơ so với 8.000 hồ
# sơ)": the change, words with no figure up to a bracket, then the later count "so với" (or "/") the earlier one, closing it
_PAIR_OPEN = re.compile(r"[^;()]{0,60}?\(\s*")          # (no figure: the next one is the later count)
_PAIR_LINK = re.compile(r"\s*(?:so với|/)\s*", re.I)
_PAIR_CLOSE = re.compile(r"\s*\)")


def _pair_after(text: str, sent_nums: list, i: int, times) -> tuple | None:
    """(later, earlier) counts of one kind in the brackets after change sent_nums[i], or None."""
    if i + 2 >= len(sent_nums):
        return None
    c, a, z = sent_nums[i:i + 3]
    after_c = times.end() if times else _after_noun(text, c)
    if a.percent or z.percent or not _PAIR_CLOSE.match(text, _after_noun(text, z)) or not _one_kind(text, z, a):
        return None
    if _PAIR_OPEN.fullmatch(text, after_c, a.start) and _PAIR_LINK.fullmatch(text, _after_noun(text, a), z.start):
        return a, z
    return _labelled_pair(text, after_c, a, z)


# "giảm 1.020 hồ sơ (quý IV/2023: 19.500 hồ sơ; quý I/2024: 18.480 hồ sơ)": each count of the pair after its period and a colon
_PAIR_BRACKET = re.compile(r"[^;()]{0,60}?\(")
_LABEL_END = re.compile(r"(?::|\blà)\s*$", re.I)


def _labelled_pair(text: str, after_c: int, a, z) -> tuple | None:
    """(later, earlier) of two counts each labelled by its period in the brackets after a change, or None."""
    opened = _PAIR_BRACKET.match(text, after_c)
    between = text[_after_noun(text, a):z.start]
    if opened is None or not between.lstrip().startswith((";", ",")):
        return None
    labels = []
    for seg in (text[opened.end():a.start], between.lstrip()[1:]):
        found = find_periods(seg)
        if len(found) != 1 or not _LABEL_END.search(seg) or seg[:found[0][1]].strip():
            return None
        labels.append(found[0][0])
    pa, pz = labels
    if pa.end is None or pz.end is None or pa.end == pz.end:
        return None
    return (z, a) if pz.end > pa.end else (a, z)


def _one_kind(text: str, a, b) -> bool:
    """Whether figures a and b count one kind of thing: a's noun names a kind and b's is that kind or unwritten."""
    dom_a, dom_b = (noun_at(text, n.end, n.end + SETTINGS.unit_reach)[1] for n in (a, b))
    return dom_a is not None and dom_b in (dom_a, None)


# "đã giải quyết 15.012 hồ sơ, đạt 98,6%, tăng 1.234 hồ sơ": the count's own rate between the count and its change
# (only "đạt"/"bằng" (tỷ lệ) and the rate: "..., trực tuyến chiếm 65%, tăng 1.000 hồ sơ" may be the part's change)
_OWN_RATE_BETWEEN = re.compile(r"\s*,?\s*(?:" + SHARE_VERB + r"|bằng)\s+(?:tỷ lệ\s+|tỉ lệ\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?$", re.I)


def _count_before_rate(text: str, sa: int, before: list, rate, depth: int):
    """The count a change counts from when its nearest figure is that count's own rate: the figure before the rate, when
    it is a count at the same depth and only "đạt" (tỷ lệ) stands between its noun and the rate; else None."""
    k = before.index(rate)
    prev = before[k - 1] if k else None
    if prev is None or prev.percent or _depth(text, sa, prev.start) != depth or \
            not _OWN_RATE_BETWEEN.match(text[_after_noun(text, prev):rate.start]):
        return None
    return prev


def _count_of_kind(text: str, sa: int, before: list, change, depth: int):
    """The count a change counts from when its nearest figure counts another kind: the nearest earlier count of the
    change's own kind at its depth, in its clause ("có 24.560 giao dịch thanh toán trực tuyến với số tiền hơn 15,6 tỷ
    đồng, tăng 4.120 giao dịch so với cùng kỳ": 24.560, not the amount); else None."""
    for n in reversed(before):
        if n.percent or _depth(text, sa, n.start) != depth or ";" in text[n.end:change.start]:
            continue
        if _one_kind(text, change, n):
            return n
    return None


# After a change stated in both forms, the count it reached: ") so với cùng kỳ, đạt ", "), đạt tổng số "
_THEN_REACHES = re.compile(r"\s*\)?\s*(?:so với [^;()\d]{0,40}?)?,?\s*đạt(?: tổng số| tổng cộng)?\s*", re.I)
# After the second form of a change (annotate.CHANGE_RESTATED between the two): its bracket closing, or the clause
# ending ("..., tương đương 8,5% so với cùng kỳ")
_SECOND_FORM_END = re.compile(r"\s*(?:\)|[,;.]|so với|$)")


def _after_noun(text: str, n) -> int:
    """Where the unit noun written after figure `n` ends (its end when it has none, or is a percentage)."""
    return n.end if n.percent else after_unit(text, n.end, noun_at(text, n.end, n.end + SETTINGS.unit_reach)[0])


def _change_share_claim(doc_name, b: Block, text: str, cur, pct, count, direction) -> Claim | None:
    """change.both_forms on "A ..., tăng C hồ sơ (tương đương P%)": the earlier count is A - C (A + C for a fall), and P
    is 100 C over it, under the stated decimals of the three. None unless C counts what A counts, below A."""
    sign = -1 if direction == "decrease" else 1
    if not _one_kind(text, cur, count) or count.value >= cur.value or count.value <= 0:
        return None
    A, C, P = _val(b, cur), _val(b, count), _val(b, pct)

    def rel(a: Interval, c: Interval) -> Interval:
        vals = [100 * y / max(x - sign * y, 1e-9) for x in (a.lo, a.hi) for y in (c.lo, c.hi)]
        return Interval(min(vals), max(vals))
    if P.rounded().overlaps(rel(A.rounded(), C.rounded())):
        status = "holds"
    elif P.full().overlaps(rel(A.full(), C.full())):
        status = "info"
    else:
        status = "fail"
    earlier = cur.value - sign * count.value
    expected = 100 * count.value / earlier
    return Claim(rule="change.both_forms", document=doc_name, status=status, stated=pct.value, expected=round(expected, 4),
                 difference=round(pct.value - expected, 4) if status == "fail" else 0.0, values=[A, C, P],
                 evidence=[_snippet(b, cur.start, max(pct.end, count.end), 20)], indicator="", level="",
                 params={"baseline": fmt_vn(earlier), "current": A.fmt(), "change": C.fmt(), "amount": P.fmt(),
                         "direction": "tăng" if sign > 0 else "giảm", "direction_en": "up" if sign > 0 else "down",
                         "expected": fmt_vn(expected, max(2, pct.decimals + 1))},
                 severity="info" if status == "info" else "")


# A sentence that opens on the count of the sentence before ("Số hồ sơ này tăng ...", "Con số này giảm ...")
_THIS_COUNT = r"\W*(?:số (?:hồ sơ|lượng(?: hồ sơ)?|liệu)|con số|kết quả|số|mức) (?:này|trên)(?![\wÀ-ỹ])"   # (vocab.abbreviated)


def count_change_claim(doc_name, b, cur, c, base, direction, b_cur: Block | None = None, b_base: Block | None = None) -> Claim:
    """change.count for a current count, its stated change and the earlier count (b_cur, b_base: the blocks of `cur` and
    `base` when another paragraph states them)."""
    claim = rate_change_claim(doc_name, b, cur, c, base, direction, b_cur=b_cur, b_base=b_base)
    claim.rule = "change.count"
    claim.params["unit"] = "%" if c.percent else ""
    if c.percent and base.value:            # a change stated in % is the relative one
        claim.expected = round(100 * (cur.value - base.value) / base.value, 4)
    return claim


# The earlier count in the other two places reports put it: in brackets between the count and its change
# ("tiếp nhận 152.300 hồ sơ, so với cùng kỳ năm 2023 (140.500 hồ sơ) tăng 11.800 hồ sơ", "tiếp nhận 45.600 hồ sơ
# (cùng kỳ năm 2023: 40.200 hồ sơ), tăng 13,4%"), or in brackets
# right after the change that name the earlier period first ("tăng 11.800 hồ sơ (cùng kỳ năm 2023 tiếp
# nhận 140.500 hồ sơ)", "(tháng trước: 19.640 hồ sơ)").
# ("(tháng 9 tiếp nhận 13.200 hồ sơ)" in October's report: the month before named by its number)
EARLIER_PAREN = re.compile(r"^[^;()\d]{0,8}\(\s*(?:so với\s+)?(?:cùng kỳ|kỳ trước|năm trước|quý trước|tháng trước|"
                           r"6 tháng trước|năm \d{4}|quý [ivx]+(?:/| năm )\d{4}|tháng \d{1,2}(?:/\d{4}| năm \d{4})?)\b[^;()]{0,60}?$")


def _base_elsewhere(text: str, sent_nums: list, i: int, cur, after_c: int):
    """The earlier count of "cur ..., tăng/giảm C" stated in brackets before C (the comparison words of
    RATIO_TO) or just after it (EARLIER_PAREN), or None."""
    c = sent_nums[i]
    after_cur = cur.end + len(noun_at(text, cur.end, cur.end + SETTINGS.unit_reach)[0])
    between = [n for n in sent_nums[:i] if n.start > cur.end]
    # (or in brackets that name the earlier period first: "tiếp nhận 45.600 hồ sơ (cùng kỳ năm 2023: 40.200 hồ sơ), tăng 13,4%")
    lead = text[after_cur:between[0].start].lower() if len(between) == 1 else ""
    if lead and (RATIO_TO.match(lead) or EARLIER_PAREN.match(lead)):
        close = text.find(")", between[0].end, c.start)
        if close >= 0 and not re.search(r"\d", text[between[0].end:close]) and \
                _CHANGE_LEAD.search(text[close + 1:c.start].lower()) and not between[0].percent:
            return between[0]
    if between:
        return None
    nxt = sent_nums[i + 1] if i + 1 < len(sent_nums) else None
    if nxt is not None and not nxt.percent and EARLIER_PAREN.match(text[after_c:nxt.start].lower()):
        close = text.find(")", nxt.end)
        if close >= 0 and not re.search(r"\d", text[nxt.end:close]):
            return nxt
    return _base_of_named_period(text, sent_nums, i, cur)


# "tăng 8,93% so với năm 2023." (the clause ends there): the comparison names a period, whose count an earlier
# clause of the sentence states
_SO_VOI_NAMED = re.compile(r"\s*so với\s+(?:cùng kỳ\s+)?(?P<p>[^;,.()]{2,30}?)\s*(?:[;.]|$)", re.I)


def _base_of_named_period(text: str, sent_nums: list, i: int, cur):
    """"Năm 2023, toàn tỉnh tiếp nhận 1.245.600 hồ sơ; năm 2024 tiếp nhận 1.356.800 hồ sơ, tăng 8,93% so với năm 2023":
    the count of the sentence's earlier clause that names the compared period, when the changed count's clause names
    another one; else None."""
    m = _SO_VOI_NAMED.match(text, _after_noun(text, sent_nums[i]))
    if m is None or (i + 1 < len(sent_nums) and sent_nums[i + 1].start < m.end()):
        return None
    named = find_periods(m.group("p"))
    if not named or named[0][1] != 0:
        return None
    key = named[0][0].key

    def clause_period(n) -> str | None:
        head = text[max(text.rfind(";", 0, n.start), text.rfind(".", 0, n.start), 0):n.start]
        found = find_periods(head)
        return found[-1][0].key if found else None
    if clause_period(cur) in (None, key):
        return None
    dom = noun_at(text, cur.end, cur.end + SETTINGS.unit_reach)[1]
    for n in reversed([n for n in sent_nums[:i] if n.end <= cur.start and not n.percent]):
        if clause_period(n) == key and noun_at(text, n.end, n.end + SETTINGS.unit_reach)[1] == dom:
            return n
    return None


def _base_next_sentence(text: str, sb: int, c, cur):
    """"..., trong đó hồ sơ trực tuyến 41.090 hồ sơ (chiếm 70%), tăng 5.230 hồ sơ so với quý II/2024. Quý II/2024, số hồ sơ
    trực tuyến là 35.960 hồ sơ": the earlier count is the first figure of the next sentence when that sentence opens on
    the compared period and names the current count's category; else None."""
    m = _SO_VOI_NAMED.match(text, _after_noun(text, c))
    if m is None or m.end() < sb - 1:
        return None                         # (the comparison must close the change's sentence)
    named = find_periods(m.group("p"))
    if not named or named[0][1] != 0:
        return None
    nxt = next(((a, z) for a, z in sentences(text) if a >= sb - 1 and text[a:z].strip()), None)
    if nxt is None:
        return None
    first = next((n for n in find_numbers(text) if nxt[0] <= n.start < nxt[1]), None)
    if first is None or first.percent or not _one_kind(text, cur, first):
        return None
    head = text[nxt[0]:first.start]
    opens = find_periods(head)
    if not opens or opens[0][0].key != named[0][0].key or head[:opens[0][1]].strip(" \t-–•"):
        return None
    dom = noun_at(text, cur.end, cur.end + SETTINGS.unit_reach)[1]
    clause = text[max(text.rfind(";", 0, cur.start), text.rfind(",", 0, cur.start), text.rfind("(", 0, cur.start)) + 1:cur.start]
    mine, theirs = category_of(clause, dom, True)[0], category_of(head, dom, True)[0]
    return first if mine is not None and mine == theirs else None


def ratio_claim(doc_name, b, cur, c, base, scale: int = 100, b_cur: Block | None = None) -> Claim:
    """change.ratio: "A, bằng C% so với <kỳ trước> (B)": C is 100 A / B (scale 100); change.times: "A, gấp
    C lần so với <kỳ trước> (B)": C is A / B (scale 1); under the stated decimals of the three (holds under
    rounding, info under truncation only, else fails). (b_cur: the block of `cur` when another paragraph states it)"""
    A, C, B = _val(b_cur or b, cur), _val(b, c), _val(b, base)
    expected = scale * cur.value / base.value if base.value else float("nan")

    def scaled(iv: Interval) -> Interval:          # ratio_interval is in percent
        return Interval(iv.lo * scale / 100, iv.hi * scale / 100)
    if C.rounded().overlaps(scaled(ratio_interval(A.rounded(), B.rounded()))):
        status = "holds"
    elif C.full().overlaps(scaled(ratio_interval(A.full(), B.full()))):
        status = "info"
    else:
        status = "fail"
    return Claim(rule="change.ratio" if scale == 100 else "change.times", document=doc_name, status=status,
                 stated=c.value, expected=round(expected, 4),
                 difference=round(c.value - expected, 4) if status == "fail" else 0.0, values=[A, C, B],
                 evidence=[_snippet(b, cur.start, base.end, 20)] if b_cur is None else
                 [_snippet(b, c.start, base.end, 20), _snippet(b_cur, cur.start, cur.end, 40)], indicator="", level="",
                 params={"baseline": B.fmt(), "current": A.fmt(), "ratio": C.fmt(),
                         "share": fmt_vn(expected, max(2, c.decimals + 1)) if expected == expected else "?"},
                 severity="info" if status == "info" else "")


# ------------------------------------------------------------------ changes "tăng từ A lên B, tăng C"

# "tăng từ 12.000 hồ sơ (quý I) lên 15.000 hồ sơ" (annotate.FROM_LEAD, TO_LEAD); then the change, stated
# right after the later one (", tăng 25%", "(giảm 5 ngày)", ", tức là tăng 3.000 hồ sơ")
_THEN_CHANGE = re.compile(r"^[^;.\n]{0,40}?(?:[,(–-]|\s)\s*(?:tức là\s+|hay\s+)?(?:tăng|giảm)(?:\s+(?:thêm|được|tương ứng))?\s*$",
                          re.I)


# The change first, its two figures after it: "tăng 1.200 hồ sơ (từ 5.400 lên 6.600 hồ sơ)", "giảm 3 ngày, từ 15
# ngày xuống còn 12 ngày", "giảm 50% so với năm 2023 (từ 2.460 hồ sơ xuống 1.230 hồ sơ)"
_THEN_FROM = re.compile(r"^(?:" + POINTS.pattern + r")?(?:\s*so với [^;.\n()]{2,40}?)?[^;.\n\d]{0,30}?(?:[,(–-]|\s)\s*(?:tức là\s+|hay\s+)?từ\s*(?:mức\s*)?$", re.I)


def _from_to_triples(text: str, sa: int, sent_nums):
    """(A, B, C) of "tăng/giảm từ A lên/xuống B, tăng/giảm C" and of "tăng/giảm C (từ A lên B)"."""
    for i in range(len(sent_nums) - 2):
        a, z, c = sent_nums[i:i + 3]
        if FROM_LEAD.search(text[max(sa, a.start - 12):a.start]) and TO_LEAD.match(text[a.end:z.start]) \
                and _THEN_CHANGE.match(text[z.end:c.start]):
            yield a, z, c
        c, a, z = sent_nums[i:i + 3]
        if _CHANGE_LEAD.search(text[max(sa, c.start - 12):c.start].lower()) and _THEN_FROM.match(text[c.end:a.start]) \
                and TO_LEAD.match(text[a.end:z.start]):
            yield a, z, c


def from_to_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """change.count / change.pp_or_relative on "tăng/giảm từ A lên/xuống B, tăng/giảm C" and "tăng/giảm C (từ
    A lên B)": C is B - A (in points where A and B are rates), or (C in %) the relative change 100 (B - A) / A,
    under the stated decimals of all three (the "so với ... (B)" shapes are read by change_claims and
    count_change_claims)."""
    out = []
    words = change_words()
    for b, sa, sb, sent_nums in _sentence_numbers(doc):
        text = b.text
        for a, z, c in _from_to_triples(text, sa, sent_nums):
            head = text[max(sa, c.start - 20):c.start].lower()
            direction = next((d for d, rx in words.items() if rx.search(head)), None)
            if direction is None or a.percent != z.percent:
                continue
            if a.percent:                    # two rates: the change in points, or relative in %
                if not (c.percent or POINTS.match(text, c.end)):
                    continue
                out.append(rate_change_claim(doc_name, b, z, c, a, direction, points_only=not c.percent))
                continue
            doms = [noun_at(text, n.end, n.end + SETTINGS.unit_reach)[1] for n in (a, z, c)]
            doms[0] = doms[0] or doms[1]     # "từ 5.400 lên 6.600 hồ sơ": the earlier figure has the later one's noun
            if doms[0] != doms[1] or (not c.percent and doms[2] not in (doms[0], None)):
                continue                     # two figures of one kind, the change of that kind or in %
            out.append(count_change_claim(doc_name, b, z, c, a, direction))
    return out


# ------------------------------------------------------------------ lists in footnotes / after a colon

# (digit-led: the first digit, then the look back past it, so that the engine skips to digits; the same
# matches as "(?<![\d.,/])\d{1,n}", tests/test_prefilters.py)
_COUNT_BEFORE = re.compile(r"(?:(?P<a>\d(?<![\d.,/]\d)\d{0,3})\s*/\s*(?P<b>\d{1,4})|(?P<n>\d(?<![\d.,/]\d)\d{0,3}))\s+"
                           r"(?P<noun>[^\d<>():;]{2,60}?)\s*$")
_UNIT_NOUN = re.compile(r"^(?:các\s+)?(?:sở|ban|ngành|ubnd|ủy ban|uỷ ban|huyện|thị xã|thành phố|xã|phường|thị trấn|"
                        r"đơn vị|địa phương|cơ quan|trường|bệnh viện|phòng|chi nhánh|bộ phận)\b", re.I)
_ITEM_HEAD = re.compile(r"^(?:\(\d{1,3}\)\s*)?(?:sở|ban|văn phòng|ubnd|ủy ban|uỷ ban|huyện|thị xã|thành phố|tp\.?|xã|phường|thị trấn|"
                        r"kho bạc|bảo hiểm|công an|cục|chi cục|trung tâm|đài|báo|bộ chỉ huy|ngân hàng|"
                        r"cơ quan|đơn vị|trường|bệnh viện|chi nhánh|phòng|hội|liên đoàn|thanh tra|tòa án|viện)\b", re.I)
_COUNT_PAREN = re.compile(r"(?P<a>\d(?<![\d.,/]\d)\d{0,2})(?:\s*/\s*(?P<b>\d{1,3}))?\s+(?P<noun>[^\d()<>:;]{2,40}?)\s*"
                          r"\((?P<list>[^()]{5,400})\)")
_NOT_A_LIST = re.compile(r"^\W*(?:riêng|trừ|ngoài|không|chưa|đã\s+có)\b", re.I)
_PER_ITEM_FIG = re.compile(r"\(\s*(?P<num>\d[\d.,]*)\s*(?:[^()\d]{0,14})\)")


def list_items(text: str) -> tuple[int, int] | None:
    """(fewest, most) items a list can hold; None when the text is not a plain list.

    Items are split at ';' and ','; a fragment that does not start like a unit's name (Sở, UBND,
    huyện, ...) may continue the previous name ('Sở Văn hóa, Thể thao và Du lịch'), and 'và' may
    join two items, so the count is an interval.
    """
    body = re.sub(r"^[^:]{0,120}:\s*", "", text.strip(), count=1).strip().rstrip(".")
    if _NOT_A_LIST.match(body) or body.endswith((";", ",")):
        return None
    frags = [f.strip() for f in re.split(r"[;,]", body) if f.strip()]
    if len(frags) < 2 or any(len(f) > 90 for f in frags):
        return None
    heads = sum(1 for f in frags if _ITEM_HEAD.match(f))
    lo = heads + (0 if _ITEM_HEAD.match(frags[0]) else 1)
    joins = sum(1 for m in re.finditer(r"\svà\s+", body) if _ITEM_HEAD.match(body[m.end():]))
    return max(1, min(lo, len(frags))), len(frags) + joins


def _list_claim(doc_name, count_val, count_b, noun, note_text, note_line_at, ev) -> list[Claim]:
    """A stated count 'a/b noun' against the list that names its units."""
    out = []
    a = count_val.value
    fracs = find_fractions(note_text)
    figs = [n for n in find_numbers(note_text) if not n.percent]
    per_item = _PER_ITEM_FIG.findall(note_text)
    if len(fracs) >= 2:
        for part, stated in (("num", a), ("den", count_b)):
            if stated is None:
                continue
            vals = [getattr(f, part) for f in fracs]
            exp = sum(v.value for v in vals)
            status = "holds" if exp == stated else "fail"
            out.append(Claim(rule="list.sum", document=doc_name, status=status, stated=stated, expected=exp, difference=stated - exp if status == "fail" else 0.0,
                             values=[count_val if part == "num" else Val(stated, line=count_val.line)] +
                             [val_of(v, note_line_at(v.start)) for v in vals], evidence=ev, indicator="", level=""))
        return out
    if figs and len(per_item) >= 2 and len(per_item) == len(figs):
        lo = hi = len(figs)
    elif figs:
        prefix, run = [], 0.0
        for f in figs:
            run += f.value
            prefix.append(run)
        # the list may name the counted units first and the rest after ("... Còn 01 đơn vị ..."):
        # it holds when the figures add up to the count, or to the count and then to the denominator
        ok = prefix[-1] == a or (a in prefix and count_b is not None and prefix[-1] == count_b)
        out.append(Claim(rule="list.count", document=doc_name, status="holds" if ok else "fail", stated=a, expected=prefix[-1],
                         difference=a - prefix[-1] if not ok else 0.0,
                         values=[count_val] + [val_of(f, note_line_at(f.start)) for f in figs], evidence=ev, indicator="", level="",
                         params={"noun": noun}))
        return out
    else:
        got = list_items(note_text)
        if got is None:
            return out
        lo, hi = got
    status = "holds" if lo <= a <= hi else "fail"
    expected = lo if a < lo else hi
    out.append(Claim(rule="list.count", document=doc_name, status=status, stated=a, expected=expected, difference=a - expected if status == "fail" else 0.0,
                     values=[count_val], evidence=ev, indicator="", level="", params={"noun": noun}))
    return out


def _count_at_end(before: str):
    before = re.sub(r"\s*\([^()]{0,40}\)\s*$", "", before)      # "183/220 xã (đạt tỷ lệ 83,18%)<sup>"
    m = _COUNT_BEFORE.search(before)
    if not m or not _UNIT_NOUN.match(m.group("noun").strip()):
        return None
    return m


def list_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """list.count / list.sum: a stated count or total against the list in its footnote or after its colon."""
    out = []
    notes = doc.footnotes()
    for b in _blocks(doc):
        for note_id, off in b.refs:
            note = notes.get(note_id)
            if note is None or not note.text:
                continue
            base = max(0, off - 80)
            before = b.text[base:off]
            ev = [_snippet(b, max(0, off - 60), off, 0),
                  (note.line, note.text[:160] + ("…" if len(note.text) > 160 else ""))]
            m = _count_at_end(before)
            if m:
                raw = m.group("a") or m.group("n")
                at = base + m.start("a" if m.group("a") else "n")
                cv = Val(int(raw), line=b.line_at(at), raw=raw, col=b.pos[at][1] if b.pos else -1)
                out.extend(_list_claim(doc_name, cv, int(m.group("b")) if m.group("b") else None,
                                       m.group("noun").strip(" ,")[:40], note.text, note.line_at, ev))
                continue
            out.extend(_total_vs_items(doc_name, b, base, before, note, ev))
        # "05 huyện (A, B, C, D, E)": a count and the units named in the parentheses after it
        for m in _COUNT_PAREN.finditer(b.text) if "(" in b.text else ():
            if not _UNIT_NOUN.match(m.group("noun")) or re.search(r"\d", m.group("list")):
                continue
            at = m.start("a")
            cv = Val(int(m.group("a")), line=b.line_at(at), raw=m.group("a"), col=b.pos[at][1] if b.pos else -1)
            out.extend(_list_claim(doc_name, cv, int(m.group("b")) if m.group("b") else None, m.group("noun")[:40],
                                   m.group("list"), lambda o, s=m.start("list"), bb=b: bb.line_at(s + o),
                                   [_snippet(b, m.start(), m.end(), 0)]))
        # "10/10 huyện ...: A (n), B (m), ...", "Có 3 đơn vị ...: A (n), ..." inside one block
        m = _RATIO_LIST.match(b.text) if ":" in b.text else None
        if m and _UNIT_NOUN.match(m.group("noun")):
            cv = Val(int(m.group("a")), line=b.line_at(m.start("a")), raw=m.group("a"),
                     col=b.pos[m.start("a")][1] if b.pos else -1)
            lst = m.group("list")
            if not m.group("b") and (end := _SENTENCE_END.search(lst)):
                lst = lst[:end.start()]
            out.extend(_list_claim(doc_name, cv, int(m.group("b")) if m.group("b") else None, _noun_only(m.group("noun")), lst,
                                   lambda o, s=m.start("list"), bb=b: bb.line_at(s + o),
                                   [_snippet(b, 0, min(len(b.text), 200), 0)]))
    return out


def _val_at(b: Block, n, base: int) -> Val:
    """A Val for a number found in b.text[base:...] (offsets relative to base)."""
    from dataclasses import replace
    return _val(b, replace(n, start=n.start + base, end=n.end + base))


def _total_vs_items(doc_name, b, base, before, note, ev) -> list[Claim]:
    """'N hồ sơ' + footnote giving each unit's figure: the figures must not exceed N."""
    nums = find_numbers(before)
    if not nums or nums[-1].percent or len(before) - nums[-1].end > 25:
        return []
    stated = nums[-1]
    per_item = _PER_ITEM_FIG.findall(note.text)
    figs = [n for n in find_numbers(note.text) if not n.percent]
    if len(per_item) < 2 or len(per_item) != len(figs):
        return []
    sv = _val_at(b, stated, base)
    fv = [_val(note, f) for f in figs]
    exp_r, exp_f = total(fv)
    complete = bool(re.search(r"(?<!\d)(\d+)\s*/\s*\1(?!\d)", note.text)) or bool(re.match(r"^\W*(?:bao\s+)?gồm\b", note.text, re.I))
    over = exp_f.lo > sv.full().hi + 1e-9
    short = exp_f.hi < sv.full().lo - 1e-9
    status = "fail" if over or (short and complete) else "holds"
    return [Claim(rule="list.sum", document=doc_name, status=status, stated=stated.value, expected=sum(f.value for f in figs),
                  difference=gap(stated.value, exp_f.lo, exp_f.hi) if status == "fail" else 0.0, values=[sv] + fv, evidence=ev, indicator="", level="")]


# ------------------------------------------------------------------ denominators of units: "17/17 huyện"

def denominator_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """dup.denominator: the number of the province's units (sở, huyện, xã) must not change within a report."""
    from .vocab import unit_kinds
    seen: dict[str, tuple] = {}
    out = []
    for b in _blocks(doc):
        for fr in find_fractions(b.text):
            tail = b.text[fr.end:fr.end + 40].lower()
            kind = next((k for k, rx in unit_kinds().items() if rx.match(tail)), None)
            if kind is None or fr.den.decimals:
                continue
            v = _val(b, fr.den)
            ev = _snippet(b, fr.start, fr.end + 25, 10)
            if kind not in seen:
                seen[kind] = (v, ev)
                continue
            v0, ev0 = seen[kind]
            status = "holds" if v0.value == v.value else "fail"
            out.append(Claim(rule="dup.denominator", document=doc_name, status=status, stated=v.value, expected=v0.value,
                             difference=v.value - v0.value if status == "fail" else 0.0, values=[v, v0], evidence=[ev, ev0], indicator="", level="",
                             params={"noun": kind, "other_line": ev0[0]}))
    return out


# ------------------------------------------------------------------ periods

# A period named in a comparison ("so với quý I năm 2022", "bằng 205,6% của quý I năm 2022") is another
# period on purpose, not a wrong label.
_COMPARE = re.compile(r"(?:" + "|".join(re.escape(w) for w in word_list("comparisons")) + r")[^.;]{0,40}$"
                      r"|%\s*(?:của|so với)\s*$", re.I)
# An earlier period opening brackets after a figure, as its baseline: "tiếp nhận 10.000 hồ sơ (quý I/2023: 9.000 hồ sơ)"
_BASELINE_IN_BRACKETS = re.compile(r"\d[^\d()]{0,20}\(\s*(?:so với\s+)?(?:cùng kỳ\s+)?$", re.I)
_CUTOFF = re.compile(r"(?=[tđ])(?:tính đến|đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})", re.I)


def _has_figures(text: str, pos: int) -> bool:
    return bool(find_numbers(text[pos:pos + SETTINGS.figures_ahead]))


def period_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """period.label / period.partial: periods and windows inside the report against its own period."""
    P = meta.period_obj
    if P is None or P.start is None or P.kind not in ("quarter", "half", "9months", "year", "month"):
        return []
    out, done = [], set()
    year = P.end.year
    lines = [(i + 1, ln) for i, ln in enumerate(doc.lines)]
    for ln, text in lines:
        if not text.strip():
            continue
        found = find_periods(text, year, P.rule or "calendar")
        # "Quý I/2023 toàn tỉnh tiếp nhận 9.000 hồ sơ, quý I/2024 tiếp nhận 10.000 hồ sơ": the report's own period named
        # beside the earlier one in its line compares the two; the earlier is no mislabel
        own_named = any(q.key == P.key for q, _a, _z in found)
        for q, a, z in found:
            label = text[a:z].strip()
            if q.kind == "window" or q.kind == "custom":
                claim = _window_claim(doc_name, P, q, ln, text, a, z, lines)
                if claim and (claim.rule, ln) not in done:
                    done.add((claim.rule, ln))
                    out.append(claim)
                continue
            if q.kind == P.kind and q.kind in ("quarter", "half", "9months") and q.key != P.key and re.search(r"(?:19|20)\d{2}", label) and q.end and q.end < P.start:
                same_slot = q.key.split("-")[1:] == P.key.split("-")[1:]
                if same_slot and not own_named and not _COMPARE.search(text[max(0, a - 60):a]) and not _BASELINE_IN_BRACKETS.search(text, max(0, a - 60), a) \
                        and ("period.label", ln) not in done:
                    done.add(("period.label", ln))
                    out.append(Claim(rule="period.label", document=doc_name, status="fail", stated=None, expected=None, difference=None,
                                     values=[], evidence=[(ln, text.strip()[:200])], indicator="", level="",
                                     params={"doc_period": P.key, "label": label, "line": ln,
                                      "detail": f"kỳ {q.key}, trước kỳ báo cáo"}))
            elif q.kind == "ytd" and P.months and q.months and q.months < P.months - 0.6 and \
                    q.end and P.start <= q.end <= P.end + (P.end - P.end) and _has_figures(text, z):
                if ("period.partial", ln) not in done:
                    done.add(("period.partial", ln))
                    out.append(Claim(rule="period.partial", document=doc_name, status="fail", stated=None, expected=None, difference=None, values=[],
                                     evidence=[(ln, text.strip()[:200])], indicator="", level="",
                                     params={"doc_period": P.key, "doc_months": fmt_vn(round(P.months), 0), "label": label,
                                      "months": fmt_vn(round(q.months), 0), "line": ln}))
        for m in (_CUTOFF.finditer(text) if "/" in text else ()):      # (a cut-off date has its slashes)
            try:
                d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            if P.start < d and (P.end - d).days > 31 and _has_figures(text, m.end()) and ("period.partial", ln) not in done:
                done.add(("period.partial", ln))
                months = round(((d - P.start).days + 1) / 30.4375)
                out.append(Claim(rule="period.partial", document=doc_name, status="fail", stated=None, expected=None, difference=None, values=[],
                                 evidence=[(ln, text.strip()[:200])], indicator="", level="",
                                 params={"doc_period": P.key, "doc_months": fmt_vn(round(P.months), 0),
                                  "label": m.group(0), "months": fmt_vn(months, 0), "line": ln}))
    return out


_LABELLED = re.compile(r"(?:kỳ báo cáo|báo cáo)\s*:?\s*$", re.I)
# A window said to be the data's right before it: "Báo cáo quý II năm 2024 (Số liệu từ ngày 15/12/2023 đến ngày 14/6/2024)"
# (a form header says "Kỳ báo cáo" instead)
_DATA_WINDOW = re.compile(r"số liệu(?:\s+(?:tính|được tính|lấy))?\s*:?\s*$", re.I)


def _window_claim(doc_name, P, q, ln, text, a, z, lines) -> Claim | None:
    """A form header 'Kỳ báo cáo: Quý I năm Y (Từ ngày d1 đến ngày d2)': label and window must agree."""
    near = " ".join(t for n, t in lines[max(0, ln - 3):ln - 1]) + " " + text[:a]
    labels = [x for x in find_periods(near[-160:], P.end.year, P.rule or "calendar")
              if x[0].kind in ("quarter", "half", "9months", "year")]
    if not labels or not (re.search(r"kỳ báo cáo", near[-160:], re.I) or _DATA_WINDOW.search(text[:a])):
        return None
    if compared_at(near[-160:], labels[-1][1]):
        return None              # "tăng 5% so với quý I năm 2024 (số liệu từ ngày ...)": the window of the period compared
    lab = labels[-1][0]
    if lab.start is None or q.start is None:
        return None
    # the window of the label under either rule: a header "Quý I năm 2024 (Từ ngày 15/12/2023 đến ngày
    # 14/3/2024)" follows Thông tư 01/2020 even where the report does not cite it
    if any((x.start, x.end) == (q.start, q.end) for x in (lab, with_rule(lab, "TT01/2020"), with_rule(lab, "calendar"))):
        return None
    return Claim(rule="period.label", document=doc_name, status="fail", stated=None, expected=None, difference=None, values=[], evidence=[(ln, text.strip()[:200])], indicator="", level="",
                 params={"doc_period": P.key, "label": lab.label + " " + text[a:z].strip(), "line": ln,
                  "detail": f"nhãn {lab.key} nhưng cửa sổ {q.start:%d/%m/%Y}–{q.end:%d/%m/%Y}"})


# ------------------------------------------------------------------ citations

# (both patterns start with their first digit, the "not after a word character or '/'" test written after
# it: the engine then skips to digits; tests/test_prefilters.py checks them against the plain forms)
_CITE = re.compile(
    r"(?P<num>\d(?<![\w/]\d)\d{0,4}(?:/(?P<year>(?:19|20)\d{2}))?/[A-ZĐ][A-Za-zĐđ]{0,8}(?:\s?-\s?[A-ZĐ][A-Za-zĐđ]{0,9}){0,3})"
    r"(?:\s*\([^)]{0,40}\))?\s*,?\s*(?:của[^,;.]{0,40}?\s)?ngày\s+"
    r"(?:(?P<d1>\d{1,2})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d{2}))")
_NUMBER_YEAR = re.compile(r"\d(?<![\w/]\d)\d{0,4}/(?P<year>(?:19|20)\d{2})/[A-ZĐ]{1,6}(?:-[A-ZĐ]{1,10}){0,3}\b")


def _cite_key(num: str) -> str:
    return _SPACE_DASH.sub("", num).upper()


_SPACE_DASH = re.compile(r"[\s\-]")
# "10/10 huyện ...: A (n), B (m)", "Có 3 đơn vị để xảy ra hồ sơ quá hạn: Sở A (45 hồ sơ), UBND huyện B (12 hồ sơ), ..."
# (the words before the colon may hold a figure of their own, not a sentence's end: "Có 16/18 huyện, thị xã, thành phố
# đạt tỷ lệ giải quyết hồ sơ đúng hạn trên 98%, gồm: Tam Kỳ, Hội An, ...")
_RATIO_LIST = re.compile(r"^\W*(?:[cC]ó\s+)?(?P<a>\d{1,4})(?:\s*/\s*(?P<b>\d{1,4}))?\s+(?P<noun>(?:(?!\.\s)[^:]){2,120}?):\s*(?P<list>.+)$")
# the words of a counted noun phrase that name the units, before what is said of them ("huyện, thị xã, thành phố
# đạt tỷ lệ ..." -> "huyện, thị xã, thành phố")
_SAID_OF = re.compile(r"\s(?:đạt|có|được|đã|chưa|không|thực hiện|tiếp nhận|giải quyết|hoàn thành)(?![\wÀ-ỹ])", re.I)


def _noun_only(noun: str) -> str:
    return _SAID_OF.split(noun, maxsplit=1)[0].strip(" ,")[:40]


# a plain count's list ends with its sentence: "6 đơn vị cấp sở: Sở A; ...; Sở F. 01 UBND cấp huyện: ..." is two lists
_SENTENCE_END = re.compile(r"\.\s+\S")


def _doc_date(meta: DocMeta) -> date | None:
    """The latest day the report can be dated: its date, or the end of its stated month."""
    d = meta.date or ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            return date.fromisoformat(d)
        if re.fullmatch(r"\d{4}-\d{2}", d):
            y, m = int(d[:4]), int(d[5:])
            return date(y, m, calendar.monthrange(y, m)[1])
    except ValueError:
        return None
    return None


def citation_claims(doc_name: str, doc: Document, meta: DocMeta) -> list[Claim]:
    """cite.date_conflict / cite.future / cite.year."""
    out, first, reported = [], {}, {}
    limit = _doc_date(meta)
    P = meta.period_obj
    ref_year = limit.year if limit else (P.start.year if P and P.start and meta.report_type == "plan" else
                                         (P.end.year if P and P.end else None))
    for i, text in enumerate(doc.lines, start=1):
        if "/" not in text:
            continue                    # both patterns need a document number's "/" (most lines have none)
        for m in _CITE.finditer(text) if "ngày" in text else ():
            try:
                d = date(int(m.group("y1") or m.group("y2")), int(m.group("m1") or m.group("m2")),
                         int(m.group("d1") or m.group("d2")))
            except ValueError:
                continue
            key = _cite_key(m.group("num"))
            ev = (i, text[max(0, m.start() - 30):m.end() + 10].strip())
            v = Val(d.year, line=i, raw=m.group(0))
            if key in first:
                d0, ev0 = first[key]
                if d0 != d and (key, d) in reported:
                    reported[(key, d)].evidence.append(ev)
                elif d0 != d:
                    if d0.year == d.year or (d0.month, d0.day) == (d.month, d.day) or m.group("year"):
                        c = Claim(rule="cite.date_conflict", document=doc_name, status="fail", stated=None, expected=None, difference=None, values=[v],
                                  evidence=[ev, ev0], indicator="", level="", params={"number": m.group("num"), "stated": f"{d:%d/%m/%Y}",
                                                       "expected": f"{d0:%d/%m/%Y}", "other_line": ev0[0]})
                        reported[(key, d)] = c
                        out.append(c)
                else:
                    out.append(Claim(rule="cite.date_conflict", document=doc_name, status="holds", evidence=[ev, ev0], values=[v]))
            else:
                first[key] = (d, ev)
            if limit and d > limit:
                out.append(Claim(rule="cite.future", document=doc_name, status="fail", stated=None, expected=None, difference=None, values=[v], evidence=[ev], indicator="", level="",
                                 params={"number": m.group("num"), "stated": f"{d:%d/%m/%Y}", "expected": f"{limit:%d/%m/%Y}"}))
            elif limit:
                out.append(Claim(rule="cite.future", document=doc_name, status="holds", values=[v], evidence=[ev]))
        if ref_year:
            for m in _NUMBER_YEAR.finditer(text):
                y = int(m.group("year"))
                ev = (i, text[max(0, m.start() - 30):m.end() + 10].strip())
                status = "fail" if y > ref_year else "holds"
                out.append(Claim(rule="cite.year", document=doc_name, status=status, stated=None, expected=None, difference=None, values=[Val(y, line=i, raw=m.group(0))], evidence=[ev],
                                 indicator="", level="", params={"number": m.group(0), "stated": str(y), "expected": str(ref_year)}))
    return out


TEXT_RULES = {"ratio.fraction": fraction_claims, "change.pp_or_relative": change_claims, "change.count": count_change_claims,
              "change.from_to": from_to_claims,          # (emits change.count and change.pp_or_relative)
              "list.count": list_claims,
              "dup.denominator": denominator_claims, "period.label": period_claims,
              "cite.date_conflict": citation_claims}
