"""Extract tidy facts with provenance from a Document: one row per stated figure.

A figure becomes a fact when a declared indicator label stands next to it (vocab/indicators.yml).
The label closest to the number wins; "trong đó" lists resolve ambiguous labels through the
indicator stated before them (the `under` rule). Levels, periods and roles (value, share, change,
baseline, target) come from the same sentence. Every fact keeps its line and a verbatim quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, asdict

from .meta import DocMeta, UNKNOWN
from .numbers import Number, find_fractions, find_numbers, mask_spans, parse_number
from .periods import Period, find_periods
from .read import Block, Cell, Document
from .tables import _STT, _TOTAL_ROW, column_labels, table_layout
from .vocab import Indicator, change_words, comparators, domains, indicators, level_patterns, parents_of

FACT_COLUMNS = ["document", "province", "period", "indicator", "level", "value", "unit", "decimals",
                "approximate", "source_kind", "line", "quote",
                "label", "role", "denominator", "denominator_value", "qualifier", "scope",
                "comparator", "deadline", "responsible", "period_stated"]

TOTAL_LEVEL = "total"


@dataclass
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

    def row(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- helpers on text

_SENT_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ(“\"+\-])|(?<=[.!?…])$|\.\s*/\s*\.")
_CLAUSE_BREAK = re.compile(r"[;()]|\.(?!\d)|:\s*$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: '.' ends a sentence only when not between digits (2.345)."""
    spans, start = [], 0
    for m in re.finditer(r"(?<!\d)[.!?…](?=\s+[A-ZĐÀ-Ỹ(“\"]|\s*$)|(?<=\d)\.(?=\s+[A-ZĐÀ-Ỹ])", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _last_break(s: str) -> int:
    """Index just after the last clause break (';', '(', ')') in s, or 0."""
    idx = max(s.rfind(";"), s.rfind("("), s.rfind(")"))
    return idx + 1


def _first_break(s: str) -> int:
    m = re.search(r"[;)]|\((?![A-ZĐ]{2,10}\))|,(?!\d)|\.(?!\d)|:", s)
    return m.start() if m else len(s)


def _domain_of(text: str) -> str | None:
    """The first domain noun in text (hồ sơ, TTHC, PAKN, ...), by position."""
    low = text.lower()
    best = None
    for dom, nouns in domains().items():
        for noun in nouns:
            for m in re.finditer(r"(?<![\wÀ-ỹ])" + re.escape(noun) + r"(?![\wÀ-ỹ])", low):
                if best is None or m.start() < best[0]:
                    best = (m.start(), dom)
                break
    return best[1] if best else None


def _unit_after(text: str) -> tuple[str | None, str]:
    """Domain and unit noun right after a number ('264.740 hồ sơ' -> dossiers, 'hồ sơ')."""
    low = text.lower().lstrip()
    for dom, nouns in domains().items():
        for noun in sorted(nouns, key=len, reverse=True):
            if re.match(re.escape(noun) + r"(?![\wÀ-ỹ])", low):
                return dom, noun
    m = re.match(r"(đồng|lượt|giao dịch|người|phút|tài khoản|văn bản|đơn vị|nhiệm vụ|cơ quan|lớp|kết quả|quyết định)\b", low)
    if m:
        dom = {"đồng": "money", "giao dịch": "transactions", "nhiệm vụ": "tasks", "kết quả": "results",
               "quyết định": "decisions"}.get(m.group(1), "other")
        return dom, m.group(1)
    return None, ""


def detect_level(text: str) -> str | None:
    """Government level named in text: the closest one, or 'huyen+xa' for a joint mention."""
    found = []
    low = text.lower()
    for lv, rx in level_patterns().items():
        for m in rx.finditer(low):
            found.append((m.start(), m.end(), lv))
    if not found:
        return None
    found.sort()
    last = found[-1]
    joint = [last]
    for f in reversed(found[:-1]):
        if joint[0][0] - f[1] <= 12 and f[2] != joint[0][2]:
            joint.insert(0, f)
        else:
            break
    order = ["tinh", "huyen", "xa"]
    levels = sorted({j[2] for j in joint}, key=order.index)
    return "+".join(levels)


def _scope(text: str) -> str:
    low = text.lower()
    m = re.search(r"riêng\s+(lĩnh vực [^,:(]{2,40}|[^,:(]{2,40})", low)
    if m:
        return m.group(1).strip()
    m = re.search(r"lĩnh vực ([^,;:()]{2,30}?)(?:\s+(?:của|thuộc|được|\(|$))", low)
    return ("lĩnh vực " + m.group(1).strip()) if m else ""


def _comparator(text: str) -> str:
    for sym, rx in comparators().items():
        if rx.search(text.lower()):
            return sym
    return ""


# ---------------------------------------------------------------- context of one document

@dataclass
class Ctx:
    doc: Document
    meta: DocMeta
    source_kind: str = "text"
    block_level: str | None = None       # level that carries over between paragraphs
    lead: list = field(default_factory=list)   # indicators stated in a list's lead-in sentence
    lead_domain: str | None = None
    lead_level: str | None = None
    in_appendix: bool = False
    facts: list = field(default_factory=list)

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
    cols = [c for (ln, c) in block.pos[a:b] if ln == line and c >= 0]
    if not cols:
        return ""
    src = lines[line - 1]
    return src[min(cols): max(cols) + 1].strip()


def _fact_period(ctx: Ctx, window: str, sentence_head: str) -> tuple[str, str, bool]:
    """The period a figure is stated for: its own window, else the sentence opening, else the document's."""
    doc_p = ctx.period
    doc_key = doc_p.key if doc_p else UNKNOWN
    stated = None
    ps = find_periods(window, ctx.year)
    if ps:
        stated = ps[-1][0]
    else:
        ps = find_periods(sentence_head, ctx.year)
        if ps:
            stated = ps[0][0]
    if stated is None or doc_p is None or stated.start is None or doc_p.start is None:
        return doc_key, "", False
    if stated.kind in ("ytd", "plan") or stated.key == doc_p.key:
        return doc_key, (stated.label if stated.key != doc_p.key else ""), False
    disjoint = stated.end < doc_p.start or stated.start > doc_p.end
    inside = doc_p.start <= stated.start and stated.end <= doc_p.end and (stated.start, stated.end) != (doc_p.start, doc_p.end)
    if disjoint or inside:
        return stated.key, stated.label, stated.end < doc_p.start
    return doc_key, stated.label, False


def _candidates(domain: str | None, percent: bool):
    out = []
    for ind in indicators():
        if percent:
            if ind.unit == "%":
                out.append(ind)
        elif ind.unit != "%" and (domain is None or ind.domain in (domain, "any")):
            out.append(ind)
    return out


def _under_ok(ind: Indicator, active: list[str]) -> int:
    """-1 if the indicator's `under` condition fails, else how recent its parent is (higher = closer)."""
    if not ind.under:
        return 0
    for k in range(len(active) - 1, -1, -1):
        if active[k] in ind.under:
            return k + 1
    return -1


MAX_GAP = 60   # a label further than this (in characters) from its number does not describe it


def _choose(window: str, cands, active: list[str], from_right: bool, max_gap: int | None = MAX_GAP,
            post_reach: int = 45):
    """Pick the label match: closest to the number; among equals prefer satisfied `under` parents."""
    best = None
    low = window.lower()
    for ind in cands:
        rec = _under_ok(ind, active)
        if rec < 0:
            continue
        for rx in ind.labels:
            for m in rx.finditer(low):
                if not m.group(0).strip():
                    continue
                if max_gap is not None and from_right and len(low) - m.end() > max_gap:
                    continue
                if not from_right and m.start() > post_reach:
                    continue
                pos = m.end()
                score = (pos, rec, m.end() - m.start())
                if best is None or score > best[0]:
                    best = (score, ind, m)
    return best


def _denominator(code: str, active: list[str]) -> str:
    """The total a share is taken of: the latest stated total this indicator is a part of."""
    parents = parents_of().get(code, ())
    for k in range(len(active) - 1, -1, -1):
        if active[k] in parents:
            return active[k]
    return parents[0] if parents else ""


# ---------------------------------------------------------------- text blocks

def extract_block(ctx: Ctx, block: Block, lead_text: str = "") -> list[Fact]:
    """Facts from one paragraph, list item, footnote or table cell."""
    text = block.text
    if not text:
        return []
    masks = mask_spans(text)
    nums = find_numbers(text, masks)
    fracs = find_fractions(text, masks)
    out: list[Fact] = []
    block_level = None
    first_num = min([n.start for n in nums] + [f.start for f in fracs] + [len(text)])
    prefix_level = detect_level(text[:min(first_num, 25)])
    if prefix_level:
        block_level = prefix_level
        if block.kind == "paragraph" and re.match(r"^\W*(?:ở|tại|đối với|riêng)\s+cấp", text, re.I):
            ctx.block_level = prefix_level
    elif block.kind == "paragraph":
        block_level = ctx.block_level
    elif block.kind == "item":
        block_level = ctx.lead_level
    scope_all = ""
    items = [("num", n.start, n) for n in nums] + [("frac", f.start, f) for f in fracs]
    items.sort(key=lambda t: t[1])
    for sa, sb in sentences(text):
        sent_items = [it for it in items if sa <= it[1] < sb]
        if not sent_items:
            continue
        sentence = text[sa:sb]
        sent_domain = _domain_of(sentence) or ctx.lead_domain or _domain_of(lead_text)
        active: list[str] = list(ctx.lead)
        last_fact: Fact | None = None
        last_count: tuple[Fact, int] | None = None    # (fact, end offset) of the last count
        last_rate: Fact | None = None
        sent_level: str | None = None
        prev_end = sa
        for kind, start, obj in sent_items:
            used_post = False
            n = obj.num if kind == "frac" else obj
            end = obj.end if kind == "frac" else obj.end
            pre = text[prev_end:start]
            pre_cut = pre[_last_break(pre):] if kind == "num" and not n.percent else pre
            post_full = re.sub(r"\([A-ZĐ]{2,10}\)", lambda m: " " * len(m.group()), text[end:sb])
            dom_after, unit_noun = _unit_after(text[end:end + 30])
            skip = (len(post_full) - len(post_full.lstrip()) + len(unit_noun)) if unit_noun else 0
            nxt = next((it[1] for it in sent_items if it[1] > start), sb) - end
            post = post_full[:min(skip + _first_break(post_full[skip:]), 90 + skip, nxt)]
            level = detect_level(pre_cut) or (detect_level(post) if post else None) or block_level
            fact = None
            if kind == "num" and n.percent:
                fact = _percent_fact(ctx, block, n, pre, post, active, last_count, last_rate, lead_text)
            else:
                domain = dom_after or _domain_of(pre_cut) or sent_domain
                cands = _candidates(domain, False)
                got = _choose(post, cands, active, from_right=False, post_reach=skip + 30) if post.strip() else None
                used_post = got is not None
                got2 = _choose(pre_cut, cands, active, from_right=True)
                if got2 is not None:
                    gap_pre = len(re.sub(r"(?:khoảng|hơn|gần|trên|là|có|đạt|được)\s*$", "", pre_cut.lower().rstrip()).rstrip()) - got2[2].end()
                    gap_post = got[2].start() - skip if got is not None else 99
                    if got is None or (gap_pre < gap_post and not pre_cut.rstrip().endswith(":")) or \
                            (gap_pre <= 2 and 0 <= gap_post <= 2 and not pre_cut.rstrip().endswith(":")):
                        got, used_post = got2, False
                if got is None and level and active and detect_level(pre_cut):
                    parent = next((i for i in indicators() if i.code == active[-1]), None)
                    if parent is not None and (dom_after is None or dom_after == parent.domain):
                        got = (None, parent, re.match(r".*", "") )
                if got is None and lead_text and start - sa < 60:
                    got = _choose(lead_text, cands, active, from_right=True, max_gap=None)
                if got is not None:
                    ind, m = got[1], got[2]
                    unit = ind.unit if (not unit_noun or dom_after == ind.domain) else unit_noun
                    if n.multiplier >= 1_000_000 and "đồng" in text[end:end + 12]:
                        unit = "đồng"
                    fact = _new_fact(ctx, n, ind.code, unit, label=m.group(0).strip() or (pre_cut.strip(" :,")[-40:]))
                    if kind == "frac":
                        fact.denominator_value = obj.den.value
                        fact.role = "ratio"
                    active.append(ind.code)
            if fact is None:
                prev_end = end
                continue
            if detect_level(pre_cut):
                sent_level = detect_level(pre_cut)
                if block.kind == "paragraph" and start - sa < 110 and sa == sentences(text)[0][0]:
                    ctx.block_level = sent_level
            level = level if detect_level(pre_cut) or detect_level(post) else (sent_level or level)
            fact.level = level or TOTAL_LEVEL
            period, stated, earlier = _fact_period(ctx, pre, text[sa:sa + 45])
            fact.period, fact.period_stated = period, stated
            if fact.role == "value" and earlier:
                fact.role = "baseline"
            clause = text[sa:start]
            fact.scope = _scope(pre_cut) or _scope(clause[clause.rfind(";") + 1:]) or scope_all
            cmp_ = _comparator(pre[-40:])
            if cmp_:
                fact.comparator = cmp_
            if ctx.meta.report_type in ("plan",) and fact.role in ("value",):
                fact.role = "target"
            fact.line = block.line_at(start)
            if fact.role == "share" and last_count is not None:
                qa = last_count[2]
            else:
                qa = start - len(pre_cut)
                while qa < start and text[qa] in " ,;:)(-+":
                    qa += 1
            qb = end + (len(post) if post and fact.label and fact.label.lower() in post.lower() else 0)
            fact.quote = _quote(block, qa, qb, fact.line, ctx.doc.lines) or _quote(block, start, end, fact.line, ctx.doc.lines)
            out.append(fact)
            last_fact = fact
            if kind == "num" and not n.percent and used_post:
                end = end + len(post)
            if fact.unit == "%":
                last_rate = fact if fact.role in ("value", "target") else last_rate
            else:
                last_count = (fact, end, start)
            prev_end = end
    return out


def _new_fact(ctx: Ctx, n: Number, code: str, unit: str, label: str = "") -> Fact:
    return Fact(document=ctx.meta.document, province=ctx.meta.province, period=ctx.meta.period,
                indicator=code, level=TOTAL_LEVEL, value=n.value, unit=unit, decimals=n.decimals,
                approximate=n.approximate, source_kind=ctx.source_kind, line=0, quote="",
                label=label, qualifier=n.qualifier or "")


_SHARE_GAP = re.compile(r"^\s*(?:hồ sơ|tthc|pakn|h/s|dvc)?\s*[(,]?\s*(?:\(?\s*(?:tỷ lệ|chiếm(?: tỷ lệ)?(?: đến)?|đạt(?: tỷ lệ)?)\s*)?$", re.I)


def _percent_fact(ctx, block, n, pre, post, active, last_count, last_rate, lead_text) -> Fact | None:
    """A percentage: share of the count before it, change, baseline, target or a stated rate."""
    low_pre = pre.lower()
    change = None
    for direction, rx in change_words().items():
        m = None
        for m in rx.finditer(low_pre[-20:]):
            pass
        if m and low_pre[-20:][m.end():].strip() in ("", "thêm", "tới", "đến"):
            change = direction
    if change:
        base = last_rate
        code = base.indicator if base else None
        if code is None:
            got = _choose(pre, _candidates(None, True), active, from_right=True) or (
                _choose(lead_text, _candidates(None, True), active, from_right=True) if lead_text else None)
            if got is None:
                return None
            code = got[1].code
        f = _new_fact(ctx, n, code, "%", label=change)
        f.role = "change"
        if change == "decrease":
            f.value = -f.value
        return f
    if last_count is not None and _SHARE_GAP.match(pre):
        cf = last_count[0]
        f = _new_fact(ctx, n, cf.indicator, "%", label=pre.strip(" (,"))
        f.role = "share"
        f.denominator = _denominator(cf.indicator, active)
        return f
    got = _choose(pre[_last_break(pre):] if _last_break(pre) < len(pre) - 3 else pre, _candidates(None, True), active, from_right=True)
    if got is None:
        got = _choose(pre, _candidates(None, True), active, from_right=True)
    if got is None and lead_text:
        got = _choose(lead_text, _candidates(None, True), active, from_right=True)
    if got is None and last_rate is not None and re.search(r"(?:bình quân|đạt)\s*$", low_pre.strip() + " "):
        return _new_fact(ctx, n, last_rate.indicator, "%", label="đạt")
    if got is None:
        return None
    f = _new_fact(ctx, n, got[1].code, "%", label=got[2].group(0).strip()[:80])
    m = re.search(r"trên tổng số ([\wÀ-ỹ ]{3,60}?)(?:[,.;(]|$)", post.lower())
    if m:
        f.denominator = m.group(1).strip()
    return f


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
    out: list[Fact] = []
    parent_label = ""
    for r in rows[start:]:
        if kv:
            lab_c, val_c, unit_c = kv
            if len(r) <= val_c:
                continue
            stt = r[0].text if r else ""
            label = r[lab_c].text
            if stt.lower() != "trong đó" and stt:
                parent_label = label
            out.extend(_kv_row(ctx, r, label, r[val_c], r[unit_c].text if unit_c is not None and unit_c < len(r) else "",
                               r[val_c + 1] if val_c + 1 < len(r) else None))
        else:
            out.extend(_grid_row(ctx, r, labels))
    return out


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
        got = _choose(low, _candidates(None, unit.strip() == "%") if unit.strip() == "%" else
                      [i for i in indicators() if i.unit != "%"], [], from_right=True)
        code = got[1].code if got else "other"
        f = _new_fact(ctx, n, code, unit.strip() or (got[1].unit if got else ""), label=label[:120])
        f.level = detect_level(low) or TOTAL_LEVEL
        f.line = vcell.line
        f.quote = ctx.doc.lines[vcell.line - 1][row[1].col if len(row) > 1 else 0: vcell.col + len(vcell.raw)].strip()
        f.scope = _scope(low)
        out.append(f)
    elif nums:
        out.extend(extract_block(ctx, _cell_block(vcell), lead_text=label))
    if note is not None and note.text and find_numbers(note.text):
        out.extend(extract_block(ctx, _cell_block(note), lead_text=label))
    return out


def _grid_row(ctx: Ctx, row: list[Cell], labels: list[str]) -> list[Fact]:
    """Annex forms: one indicator per column; total rows are province totals, others carry a scope."""
    out = []
    texts = [c.text for c in row]
    name = next((t for t in texts[:3] if t and not _STT.match(t) and not re.fullmatch(r"[\d.,\-]+", t)), "")
    is_total = any(_TOTAL_ROW.match(t.strip()) for t in texts[:3] if t)
    table_dom = _domain_of(ctx_caption_unit(labels))
    for j, c in enumerate(row):
        if j >= len(labels) or not c.text:
            continue
        if not is_total and len(c.text) <= 40:
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?", c.text) and j > 0 and not _STT.match(c.text) or \
                (re.fullmatch(r"\d+", c.text) and j > 1):
            lab = labels[j]
            parts = [p.lower() for p in lab.split(" / ")]
            got = None
            col_dom = _domain_of(lab) or table_dom
            deepest = parts[-1] if parts else ""
            tries = [deepest] + ([parts[-2]] if len(parts) > 1 and re.fullmatch(r"tổng(?: số)?|cộng", deepest.strip()) else [])
            for p in tries:
                got = _choose(p, [i for i in indicators() if i.unit != "%" and (col_dom is None or i.domain in (col_dom, "any"))],
                              [], from_right=True, max_gap=None)
                if got:
                    break
            if not got:
                continue
            value, dec = parse_number(c.text)
            f = _new_fact(ctx, Number(value, dec, raw=c.text), got[1].code, got[1].unit, label=lab[:120])
            f.level = TOTAL_LEVEL
            f.scope = "" if is_total else (name or "")[:80]
            f.line = c.line
            f.quote = c.raw.strip()
            out.append(f)
        elif len(c.text) > 40 and find_numbers(c.text):
            out.extend(extract_block(ctx, _cell_block(c), lead_text=labels[j]))
    return out


_DEADLINE = re.compile(r"(?:tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d{2}))|(?:quý\s+([IV]+)\s+năm\s+((?:19|20)\d{2}))|(?:năm\s+((?:19|20)\d{2}))", re.I)


def parse_deadline(text: str) -> str:
    """'Tháng 5/2023' -> '2023-05'; 'Quý I năm 2022' -> '2022-Q1'; 'Năm 2025' -> '2025'."""
    m = _DEADLINE.search(text)
    if not m:
        return ""
    if m.group(1):
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    if m.group(3):
        return f"{m.group(4)}-Q{ {'I': 1, 'II': 2, 'III': 3, 'IV': 4}.get(m.group(3).upper(), 0)}"
    return m.group(5)


def ctx_caption_unit(labels: list[str]) -> str:
    return " ".join(labels)


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
            f = _new_fact(ctx, n, "plan.target", "%" if n.percent else _unit_after(task.text[n.end:n.end + 20])[1],
                          label=task.text[:120])
            f.line, f.quote = task.line, task.raw.strip()
            facts.append(f)
        pct = [f for f in facts if f.unit == "%"]
        named = next((f.indicator for f in pct if f.indicator != "plan.target"), None)
        if named is None and pct:
            got = _choose(task.text, _candidates(None, True), [], from_right=False, max_gap=None, post_reach=10_000)
            named = got[1].code if got else None
        for f in pct:
            if named and f.indicator == "plan.target":
                f.indicator = named
        resp_levels = _respectively(task.text)
        for f in facts:
            f.role = "target"
            f.deadline = deadline
            f.responsible = resp
            f.comparator = f.comparator or _comparator(task.text)
            f.label = f.label or task.text[:120]
        if resp_levels and len(resp_levels) == len([f for f in facts if f.unit == "%"]):
            for f, lv in zip([f for f in facts if f.unit == "%"], resp_levels):
                f.level = lv
        out.extend(facts)
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


def extract_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    """Every fact in a document, in reading order."""
    ctx = Ctx(doc=doc, meta=meta)
    out: list[Fact] = []
    lead_text = ""
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            ctx.block_level = None
            ctx.lead, ctx.lead_domain, ctx.lead_level, lead_text = [], None, None, ""
            if _APPENDIX.match(b.text):
                ctx.in_appendix = True
            continue
        if _APPENDIX.match(b.text):
            ctx.in_appendix = True
        base_kind = "appendix" if ctx.in_appendix else "text"
        if b.kind == "table":
            ctx.source_kind = "appendix" if ctx.in_appendix else "table"
            out.extend(extract_table(ctx, b))
            continue
        ctx.source_kind = "footnote" if b.kind == "footnote" else base_kind
        if b.kind == "footnote":
            out.extend(extract_block(ctx, b))
            continue
        if b.kind == "item":
            facts = extract_block(ctx, b, lead_text=lead_text)
        else:
            ctx.lead, ctx.lead_domain, ctx.lead_level, lead_text = [], None, None, ""
            facts = extract_block(ctx, b)
        out.extend(facts)
        if b.text.rstrip().endswith(":"):
            lead_text = b.text
            ctx.lead_domain = _domain_of(b.text)
            ctx.lead_level = detect_level(b.text)
            ctx.lead = [f.indicator for f in facts]
    return out
