"""Document metadata: province (and its successor from 1/7/2025), period, report type, issuer,
recipient and date. Detected from the text; a data/raw/<name>.yml sidecar overrides any field.
What cannot be detected is 'unknown', with its source recorded; nothing is guessed silently.
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .errors import MetadataError
from .paths import sidecar
from .numbers import find_numbers
from .periods import Period, find_periods, parse_period_key, standard_window, with_rule
from .read import Document
from .settings import SETTINGS
from .vocab import compared_at, province_by_name, provinces, report_types, slugify

UNKNOWN = "unknown"
SIDECAR_FIELDS = {"province", "period", "report_type", "issuer", "recipient", "date", "title"}


@dataclass
class DocMeta:
    document: str
    province: str = UNKNOWN
    province_slug: str = UNKNOWN
    successor: str = UNKNOWN
    period: str = UNKNOWN
    period_kind: str = UNKNOWN
    period_start: str = ""
    period_end: str = ""
    period_label: str = ""
    period_rule: str = ""
    report_type: str = UNKNOWN
    issuer: str = UNKNOWN
    recipient: str = UNKNOWN
    date: str = UNKNOWN
    title: str = ""
    number: str = ""              # the document's number ("412/BC-UBND"), when its header states one
    warnings: str = ""            # what an analyst should know about the metadata (e.g. period vs file name)
    source_format: str = ""
    sources: dict = field(default_factory=dict)   # field -> text | filename | sidecar | unknown

    @property
    def period_obj(self) -> Period | None:
        # asked for every figure: built once per distinct value of the fields (a Period is frozen)
        return _period_obj(self.period, self.period_kind, self.period_start, self.period_end,
                           self.period_label, self.period_rule)

    @property
    def unit(self) -> str:
        """The kind of unit the report covers (vocab.Unit): "city" for a centrally-run city's report on a
        day it was one (its period's end, else today), else "province"."""
        p = province_by_name(self.province) if self.province != UNKNOWN else None
        period = self.period_obj
        return "city" if p is not None and p.is_city(period.end if period else None) else "province"

    def row(self) -> dict:
        d = asdict(self)
        src = d.pop("sources")
        for k, v in src.items():
            d[f"{k}_source"] = v
        return d


@lru_cache(maxsize=256)
def _period_obj(period: str, kind: str, start: str, end: str, label: str, rule: str) -> Period | None:
    if period == UNKNOWN:
        return None
    s = date.fromisoformat(start) if start else None
    e = date.fromisoformat(end) if end else None
    return Period(period, kind, s, e, label, rule)


def _head_text(doc: Document, n_lines: int = 40) -> str:
    return " ".join(l.strip() for l in doc.lines[:n_lines] if l.strip())


_DOC_KIND = re.compile(r"^(?:BÁO CÁO|KẾ HOẠCH|QUYẾT ĐỊNH|TỜ TRÌNH|THÔNG BÁO)\s*:?$")


_KIND_LED = re.compile(r"(?:Báo cáo|BÁO CÁO|Kế hoạch|KẾ HOẠCH)\s+(?!số\b|SỐ\b)[^\W\d_]")


def detect_title(doc: Document) -> str:
    """The report's title: the block after 'BÁO CÁO' / 'KẾ HOẠCH', else the first long line."""
    blocks = [b for b in doc.blocks[:20] if b.kind != "table"]
    for i, b in enumerate(blocks[:-1]):
        if _DOC_KIND.match(b.text.strip()) and len(blocks[i + 1].text) >= 20:
            return blocks[i + 1].text
    for b in blocks[:6]:
        if _KIND_LED.match(b.text) and len(b.text) <= 400:
            return b.text          # "Báo cáo quý I năm 2024": a title led by its document's kind, however short
    upper = [b for b in blocks if b.text.isupper() and len(b.text) >= 40]
    if upper:
        return max(upper, key=lambda b: len(b.text)).text
    for b in blocks[:6]:
        if b.kind in ("heading", "paragraph") and len(b.text) >= 25 and not re.match(r"^Số\s*:", b.text):
            return b.text
    cands = [b for b in doc.blocks[:14] if b.kind in ("heading", "paragraph") and 25 <= len(b.text) <= 400
             and not b.text.lower().startswith(("thực hiện", "căn cứ", "kính gửi"))]
    heads = [b for b in cands if b.kind == "heading"] or cands
    return max(heads, key=lambda b: len(b.text)).text if heads else ""


_DATELINE = re.compile(r"([A-ZĐÀ-Ỹ][\wÀ-ỹ .\-]{1,30}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})\s*năm\s*((?:19|20)\d{2})")
_WINDOW_WORDS = re.compile(r"(?<![\wÀ-ỹ])(?:từ|đến|tính đến|số liệu)(?![\wÀ-ỹ])", re.I)
_NEWS_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")


def detect_date(doc: Document) -> tuple[str, str]:
    """Document date (ISO; month precision when the day is left blank) and the dateline's place."""
    head = _head_text(doc, 12)
    m = _DATELINE.search(head)
    if m:
        place, d, mo, y = m.groups()
        iso = f"{y}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")
        return iso, place.strip()
    for line in doc.lines[:6]:
        # (not a reporting window's bounds: "(Số liệu từ ngày 15/12/2023 đến ngày 14/3/2024)" dates no document)
        m = _NEWS_DATE.search(line) if len(line.strip()) < 60 and not _WINDOW_WORDS.search(line) else None
        if m:
            d, mo, y = m.groups()
            try:
                return date(int(y), int(mo), int(d)).isoformat(), ""
            except ValueError:
                continue
    return UNKNOWN, ""


@lru_cache(maxsize=None)
def _province_mentions() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for 'tỉnh X' / 'thành phố X' over every province name and alias (longest first),
    and the province each name belongs to (one pass over the text, not one per name)."""
    owner = {}
    for p in provinces():
        for name in (p.name, *p.aliases):
            owner.setdefault(name.lower(), p.name)
    names = sorted(owner, key=len, reverse=True)
    return re.compile(r"(?:tỉnh|thành phố)\s+(" + "|".join(map(re.escape, names)) + r")(?![\wÀ-ỹ])"), owner


def detect_province(doc: Document, place: str) -> str | None:
    """The province the report is about: the dateline place, else the most cited 'tỉnh X'."""
    if place:
        # the dateline's place may follow other header words ("... Hạnh phúc Gia Lai, ngày ...")
        words = place.split()
        for k in range(len(words)):
            p = province_by_name(" ".join(words[k:]))
            if p:
                return p.name
    text = "\n".join(doc.lines).lower()
    rx, owner = _province_mentions()
    counts: Counter = Counter(owner[m.group(1)] for m in rx.finditer(text))
    if counts and counts.most_common(1)[0][1] > 0:
        best = counts.most_common(2)
        if len(best) == 1 or best[0][1] > best[1][1]:
            return best[0][0]
    return None


_HEADLINE_PLACE = re.compile(r"\s*([^\d:]{3,30}?)\s*:\s")


def province_from_headline(doc: Document) -> str | None:
    """The province a press article's headline opens on ("Hải Phòng: kết quả giải quyết ..."), when neither
    the text's mentions nor the file's name give one: the first non-empty line, a province's name before
    its colon."""
    first = next((ln for ln in doc.lines[:10] if ln.strip()), "")
    m = _HEADLINE_PLACE.match(first)
    p = province_by_name(m.group(1)) if m else None
    return p.name if p else None


def province_from_filename(path: Path) -> str | None:
    """The province a file's name starts with ("ha-nam_2024-q2_...": the project's naming), else the first
    one its name holds as whole words after a prefix ("x1__ha-nam_2024-q2_...", "bc-12_quang-ngai_2024-h1":
    a copy or a download named with a number first)."""
    stem = slugify(path.stem)
    for slug, name in _slugs_longest_first():
        if stem == slug or stem.startswith(slug + "-"):
            return name
    found = [(m.start(), -len(slug), name) for slug, name in _slugs_longest_first()
             for m in re.finditer(r"(?:^|-)%s(?=-|$)" % re.escape(slug), stem)]
    return min(found)[2] if found else None


@lru_cache(maxsize=None)
def _slugs_longest_first() -> tuple[tuple[str, str], ...]:
    """(slug, name) of every province, longest slug first (a slug is made once, not once per report:
    63 provinces' slugs took 3 ms of every report)."""
    return tuple((p.slug, p.name) for p in sorted(provinces(), key=lambda p: -len(p.slug)))


def period_from_filename(path: Path) -> Period | None:
    m = re.search(r"(?:^|[_-])((?:19|20)\d{2}(?:-(?:q[1-4]|h[12]|9m|\d{2}))?|(?:19|20)\d{2}-(?:19|20)\d{2})(?:[_.]|$)", path.name, re.I)
    return parse_period_key(m.group(1)) if m else None


_NUMBER = re.compile(r"\bSố\s*:?\s*(\d{1,6}\s*/\s*(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9\-]{1,20})")


def detect_number(doc: Document) -> str:
    """The document number in the header ("Số: 412/BC-UBND"), spaces removed; '' when none."""
    for line in doc.lines[:15]:
        m = _NUMBER.search(line)
        if m:
            return re.sub(r"\s+", "", m.group(1))
    return ""


def detect_report_type(doc: Document, title: str = "") -> str | None:
    """The first report type whose patterns match the title, else the document's opening."""
    if title:
        for rt in report_types():
            if rt["code"] not in ("plan", "decision", "news") and any(re.search(p, title.lower()) for p in rt.get("any", [])):
                return rt["code"]
    head = "\n".join(l.strip() for l in doc.lines[:40]).lower()
    for rt in report_types():
        if any(re.search(p, head, re.M) for p in rt.get("any", [])):
            if all(re.search(p, head + "\n" + "\n".join(doc.lines[:120]).lower(), re.M) for p in rt.get("also", [])):
                return rt["code"]
    return None


def _follows_tt01(doc: Document, report_type: str | None) -> bool:
    text = "\n".join(doc.lines)
    return report_type == "kstthc_vpcp" or "01/2020/TT-VPCP" in text


def detect_period(doc: Document, title: str, year_hint: int | None, rule: str, report_type: str | None,
                  issued: date | None = None) -> Period | None:
    """The reporting period: from the title, else the report-period line, else the body."""
    if report_type in ("plan", "decision"):
        text = "\n".join(doc.lines)
        for p, _, _ in find_periods(text, year_hint):
            if p.kind == "plan":
                start = p.start or issued or (date(year_hint, 1, 1) if year_hint else None)
                key = f"{start.year}-{p.end.year}" if start else p.key
                return Period(key, "plan", start, p.end, p.label, "stated")
    texts = (title, "\n".join(doc.lines[:60]), "\n".join(doc.lines))
    for k, text in enumerate(texts):
        spans = [(p, b) for p, a, b in find_periods(text, year_hint, rule) if p.kind != "plan" and not compared_at(text, a)]
        # in the body, the period the figures are stated under: not one a plan's or a decision's name holds
        # ("Thực hiện ... Kế hoạch kiểm soát TTHC năm 2024, trong quý III/2024 các cơ quan ..." then "trong quý
        # III/2024 (...), toàn tỉnh tiếp nhận 186.540 hồ sơ"): the first period with a quantity after it
        heading = [p for p, b in spans if _heads_figures(text, b)] if k > 0 else []
        found = heading or [p for p, _b in spans]
        if found:
            # In the title, the longest period governs ("tháng 9 và quý III/2021" is a Q3 report).
            rank = {"9months": 4, "half": 3, "quarter": 2, "month": 1}
            ranked = [p for p in found if p.kind in rank]
            best = max(ranked, key=lambda p: rank[p.kind]) if (k == 0 and ranked) else found[0]
            # "(Số liệu tính từ ngày 15/3/2024 đến ngày 14/6/2024)": the report's period is that quarter,
            # under the rule its dates follow (the other reports of the quarter share its key)
            std = standard_window(best)
            if std is not best:
                return std
            # "Kỳ báo cáo: Quý I năm 2024 (Từ ngày 15/12/2023 đến ngày 14/3/2024)": the window beside the
            # label says which rule the report follows
            # (a title names the label; the window is on a line below it: the head is read for it)
            windows = [p for p, a, _ in find_periods(texts[1], year_hint, rule) if not compared_at(texts[1], a)] \
                if k == 0 else found
            stated = [q for q in map(standard_window, (w for w in windows if w.kind == "custom"))
                      if q.key == best.key and q.kind == best.kind]
            if stated:
                return stated[0]
            # "Báo cáo ... tháng 5 năm 2024 (Số liệu từ ngày 21/4/2024 đến ngày 20/5/2024)": a month (or
            # quarter ...) reported over its own dates, as monthly reports often are (the 21st to the 20th)
            own = [w for w in windows if w.rule == "stated" and w.kind != "plan" and _reports_over(best, w)]
            return Period(best.key, best.kind, own[0].start, own[0].end, best.label, "stated") if own \
                else with_rule(best, rule)
    return None


def _heads_figures(text: str, end: int) -> bool:
    """Whether a quantity follows a period phrase ending at `end` in its line, within SETTINGS.figures_ahead."""
    stop = text.find("\n", end)
    return bool(find_numbers(text[end:min(end + SETTINGS.figures_ahead, stop if stop >= 0 else len(text))]))


def _reports_over(label: Period, window: Period) -> bool:
    """Whether a stated window is the labelled period's own, on other dates: as long as it (within
    SETTINGS.window_slack_days) and ending in its last weeks (21/4–20/5 for "tháng 5")."""
    if not (label.start and label.end and window.start and window.end) or label.kind not in \
            ("month", "quarter", "half", "9months", "year"):
        return False
    slack = SETTINGS.window_slack_days
    length = lambda p: (p.end - p.start).days
    return abs(length(window) - length(label)) <= slack and -3 * slack <= (window.end - label.end).days <= slack


_ISSUERS = [
    (r"văn phòng (?:ubnd|ủy ban nhân dân) tỉnh\s+(?:báo cáo|tổng hợp)", "Văn phòng UBND tỉnh"),
    (r"chánh văn phòng", "Văn phòng UBND tỉnh"),
    (r"/bc-ubnd|tm\.\s*ủy ban nhân dân|(?:ubnd|ủy ban nhân dân) tỉnh [\wÀ-ỹ ]{2,20} báo cáo|chủ tịch ubnd tỉnh [\wÀ-ỹ ]{2,20} báo cáo", "UBND tỉnh"),
    (r"/qđ-ubnd", "UBND tỉnh"),
    (r"trung tâm phục vụ hành chính công tỉnh vừa ban hành báo cáo", "Trung tâm Phục vụ hành chính công tỉnh"),
]


def detect_issuer(doc: Document, province: str | None) -> str | None:
    text = "\n".join(doc.lines).lower()
    for pattern, who in _ISSUERS:
        if re.search(pattern, text):
            return f"{who} {province}" if province and who.endswith("tỉnh") else who
    return None


_KINH_GUI = re.compile(r"Kính gửi\s*:?\s*([^.;]+?)(?:\s+tổng hợp|[.;]|/|$)")


def detect_recipient(doc: Document) -> str | None:
    for line in doc.lines:
        plain = line.replace("*", "")
        m = _KINH_GUI.search(plain) if "Kính gửi" in plain else None
        if m and m.group(1).strip():
            return m.group(1).strip()
    for i, line in enumerate(doc.lines):
        if re.match(r"^\W*Nơi nhận\W*$", line.strip(), re.I):
            for nxt in doc.lines[i + 1:i + 8]:
                item = nxt.strip(" -+*\t;")
                if item and not item.lower().startswith(("như trên", "lưu")):
                    return item.rstrip(";.")
    return None


def load_sidecar(path: Path) -> dict:
    sc = sidecar(path)
    if not sc.exists():
        return {}
    try:
        data = yaml.safe_load(sc.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, ValueError) as e:       # ValueError: YAML's own date parsing ("2022-13-45")
        raise MetadataError(sc, f"not valid YAML ({e}); a date is written like 2022-03-31") from None
    except (OSError, UnicodeDecodeError) as e:
        raise MetadataError(sc, f"cannot be read ({type(e).__name__}); save it as UTF-8 text") from None
    if not isinstance(data, dict):
        raise MetadataError(sc, "must be a mapping of field: value")
    bad = set(data) - SIDECAR_FIELDS
    if bad:
        raise MetadataError(sc, f"unknown field(s) {sorted(bad)}; allowed: {sorted(SIDECAR_FIELDS)}")
    for k, v in data.items():
        if k == "date":
            v = v.isoformat() if hasattr(v, "isoformat") else v
            if not isinstance(v, str) or not re.fullmatch(r"(19|20)\d{2}(-\d{2}(-\d{2})?)?", v):
                raise MetadataError(sc, f"date {v!r} is not a date like 2022-03-31 (or 2022-03)")
            try:
                parts = [int(x) for x in v.split("-")]
                date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            except ValueError:
                raise MetadataError(sc, f"date {v!r} does not exist") from None
            data[k] = v
        elif not isinstance(v, (str, int)) or isinstance(v, bool) or not str(v).strip():
            raise MetadataError(sc, f"{k} must be a text value, not {type(v).__name__} {v!r}")
        elif k == "province" and not slugify(str(v)):
            raise MetadataError(sc, f"province {v!r} has no Latin letters to make a folder name from; "
                                    "write it in Vietnamese (e.g. Gia Lai)")
        else:
            data[k] = str(v)
    return data


def detect_meta(doc: Document, overrides: dict | None = None) -> DocMeta:
    """Detect every metadata field; sidecar or explicit overrides win; the rest may be 'unknown'."""
    over = {**load_sidecar(doc.path), **(overrides or {})}
    meta = DocMeta(document=doc.name, source_format=doc.source_format)
    src = meta.sources
    detected_title = detect_title(doc)
    meta.title = over.get("title") or detected_title

    iso, place = detect_date(doc)
    meta.date, src["date"] = (str(over["date"]), "sidecar") if "date" in over else (iso, "text" if iso != UNKNOWN else UNKNOWN)

    rtype = over.get("report_type") or detect_report_type(doc, detected_title)
    meta.report_type, src["report_type"] = (rtype or UNKNOWN), ("sidecar" if "report_type" in over else ("text" if rtype else UNKNOWN))

    if "province" in over:
        prov, src["province"] = str(over["province"]), "sidecar"
    else:
        prov = detect_province(doc, place)
        src["province"] = "text" if prov else UNKNOWN
        if not prov:
            prov = province_from_filename(doc.path)
            src["province"] = "filename" if prov else UNKNOWN
        if not prov:
            prov = province_from_headline(doc)
            src["province"] = "text" if prov else UNKNOWN
    if prov:
        p = province_by_name(prov)
        meta.province = p.name if p else prov
        meta.province_slug = p.slug if p else slugify(prov)
        meta.successor = p.successor if p else UNKNOWN

    year_hint = int(meta.date[:4]) if meta.date[:4].isdigit() else None
    rule = "TT01/2020" if _follows_tt01(doc, rtype) else "calendar"
    if "period" in over:
        period, src["period"] = parse_period_key(str(over["period"])), "sidecar"
        if period is None:
            raise MetadataError(doc.path.with_suffix(".yml"), f"period {over['period']!r} not understood; use e.g. 2022-Q1, 2021-H1, 2022, 2021-09, 2021-2025")
        period = with_rule(period, rule)
    else:
        issued = date.fromisoformat(meta.date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date) else None
        # the detected title, not an overriding one: a sidecar changes only the fields it sets
        period = detect_period(doc, detected_title, year_hint, rule, rtype, issued)
        src["period"] = "text" if period else UNKNOWN
        if period is None:
            period = period_from_filename(doc.path)
            src["period"] = "filename" if period else UNKNOWN
            period = with_rule(period, rule) if period else None
    named = period_from_filename(doc.path)
    if period and named and src.get("period") == "text" and named.key != period.key:
        # the text governs; a file name that says otherwise is worth a look (a mislabelled upload?)
        meta.warnings = (f"kỳ báo cáo đọc từ nội dung là {period.key} ({period.label}), "
                         f"nhưng tên tệp ghi {named.key}; sửa tên tệp hoặc thêm tệp {doc.path.with_suffix('.yml').name}")
    meta.number = detect_number(doc)
    if period:
        meta.period, meta.period_kind, meta.period_label, meta.period_rule = period.key, period.kind, period.label, period.rule
        meta.period_start = period.start.isoformat() if period.start else ""
        meta.period_end = period.end.isoformat() if period.end else ""

    for fld, fn in (("issuer", lambda: detect_issuer(doc, meta.province if meta.province != UNKNOWN else None)),
                    ("recipient", lambda: detect_recipient(doc))):
        if fld in over:
            setattr(meta, fld, str(over[fld])); src[fld] = "sidecar"
        else:
            v = fn()
            setattr(meta, fld, v or UNKNOWN); src[fld] = "text" if v else UNKNOWN
    return meta
