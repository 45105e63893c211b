"""Load the vocabularies declared as data under analysis/vocab (cached, validated)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from dataclasses import dataclass, field
from typing import Literal, get_args
from functools import lru_cache

import yaml

from .errors import VocabularyError
from .paths import VOCAB


@dataclass(frozen=True)
class Indicator:
    code: str                 # canonical code (aliases point here)
    domain: str
    unit: str
    labels: tuple             # compiled regexes
    under: tuple = ()
    title_vi: str = ""
    title_en: str = ""
    key: str = ""             # the YAML key (differs from code for aliases)
    maximum: float | None = None   # the most the indicator can be (a score's maximum points)
    maximum_source: str = ""       # the legal text that sets the maximum
    label_words: tuple = ()        # per label, plain texts one of which every match of it contains (() if none)
    named_only: bool = False       # read only where the figure's noun or its sentence names the domain


# PyYAML's C parser (libyaml, in its wheels) where present: the same documents, parsed about ten times faster (the
# vocabularies were most of the start-up of `python -m analysis check` on one file)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    path = VOCAB / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
    except (OSError, yaml.YAMLError) as e:
        raise VocabularyError(f"{path}: cannot load vocabulary ({e}); fix the YAML") from None


@lru_cache(maxsize=None)
def indicators() -> tuple[Indicator, ...]:
    """All indicator label sets, aliases resolved to their canonical code."""
    data = _load("indicators.yml")
    out, titles = [], {}
    for key, spec in (data.get("indicators") or {}).items():
        if "labels" not in spec or "domain" not in spec:
            raise VocabularyError(f"indicators.yml: '{key}' needs 'domain' and 'labels'")
        code = spec.get("alias_of", key)
        t = spec.get("title") or {}
        if t:
            titles[code] = t
        patterns = [_with_abbreviations(p) for p in spec["labels"]]
        try:
            labels = tuple(re.compile(p) for p in patterns)
        except re.error as e:
            raise VocabularyError(f"indicators.yml: '{key}' has a bad label pattern: {e}") from None
        out.append(Indicator(code=code, domain=spec["domain"], unit=str(spec.get("unit", "")), labels=labels,
                             label_words=tuple(required_text(p) for p in patterns),
                             under=tuple(spec.get("under") or ()), key=key,
                             maximum=float(spec["max"]) if spec.get("max") is not None else None,
                             maximum_source=str(spec.get("max_source", "")), named_only=bool(spec.get("named_only", False))))
    return tuple(Indicator(**{**i.__dict__, "title_vi": titles.get(i.code, {}).get("vi", i.code),
                              "title_en": titles.get(i.code, {}).get("en", i.code)}) for i in out)


@lru_cache(maxsize=None)
def indicator_titles() -> dict[str, dict[str, str]]:
    return {i.code: {"vi": i.title_vi, "en": i.title_en} for i in indicators()}


@lru_cache(maxsize=None)
def comparators() -> dict[str, re.Pattern]:
    c = _load("indicators.yml").get("comparators") or {}
    return {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in c.items()}


@lru_cache(maxsize=None)
def change_words() -> dict[str, re.Pattern]:
    c = _load("indicators.yml").get("change_words") or {}
    return {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in c.items()}


def fold(s: str) -> str:
    """Strip Vietnamese diacritics for slugs and loose matching: 'Bắc Giang' -> 'bac giang'."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()


def slugify(s: str) -> str:
    return _NOT_SLUG.sub("-", fold(s)).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Province:
    name: str
    successor: str
    aliases: tuple = field(default_factory=tuple)
    city_from: date | None = None      # a centrally-run city from this day (provinces.yml city_from)

    @property
    def slug(self) -> str:
        return slugify(self.name)

    def is_city(self, on: date | None) -> bool:
        """Whether the unit is a centrally-run city on day `on` (today's status when no day is known)."""
        return self.city_from is not None and (on or date.today()) >= self.city_from


@lru_cache(maxsize=None)
def provinces() -> tuple[Province, ...]:
    data = _load("provinces.yml").get("provinces") or {}
    return tuple(Province(name, (spec or {}).get("successor", name), tuple((spec or {}).get("aliases") or ()),
                          _day((spec or {}).get("city_from"), f"provinces.yml: {name}: city_from"))
                 for name, spec in data.items())


def _day(value, where: str) -> date | None:
    """A day written in a vocabulary (YAML reads 2025-01-01 as a date; a quoted one is a string)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise VocabularyError(f"{where}: not a day (YYYY-MM-DD): {value!r}") from None


def province_by_name(name: str) -> Province | None:
    key, slug = fold(name).strip(), slugify(name)
    for p, folded, aliases, p_slug in _province_keys():
        if folded == key or key in aliases or p_slug == slug:
            return p
    return None


@lru_cache(maxsize=None)
def _province_keys() -> tuple[tuple[Province, str, frozenset, str], ...]:
    """Each province with its folded name, folded aliases and slug, made once (a lookup folded every
    name of the list again)."""
    return tuple((p, fold(p.name), frozenset(fold(a) for a in p.aliases), p.slug) for p in provinces())


@lru_cache(maxsize=None)
def report_types() -> tuple[dict, ...]:
    return tuple(_load("provinces.yml").get("report_types") or ())


@dataclass(frozen=True)
class Relation:
    id: str
    total: str
    parts: tuple
    optional: tuple = ()
    complete: bool = True
    only_if_missing: tuple = ()
    unless_parts_make_it: tuple = ()   # parts that alone making the total mean it is another relation's total
    extra: tuple = ()                  # parts a text may add that belong to the total, tried when the parts fall short
    besides: tuple = ()                # counts that may come on top of the total, tried when the parts exceed it
    besides_unless: tuple = ()         # ... unless one of these is stated near the total
    siblings: bool = True              # its parts are read as siblings of one another (siblings_of)
    # counts on top of the total that must be stated beside it for the relation to be judged (new + carried over =
    # resolved + pending); such a relation is a check only, no reading hint (parents_of, siblings_of skip it)
    plus: tuple = ()


@lru_cache(maxsize=None)
def received_flows() -> dict[str, tuple[str, str]]:
    """Each received count of a flow that is new + carried over (calc.yml: "dossiers.received = new + carried", Biểu
    II.06c; "pakn.received = new + carried", Biểu II.05b), as {received: (new, carried over)}."""
    return {r.total: (r.parts[0], r.parts[1]) for r in relations()
            if len(r.parts) == 2 and r.parts[0].endswith(".new") and r.parts[1].endswith(".carried_over")}


@lru_cache(maxsize=None)
def relations() -> tuple[Relation, ...]:
    """The calculation model from calc.yml."""
    data = _load("calc.yml")
    out = []
    for r in data.get("relations") or ():
        try:
            out.append(Relation(id=r["id"], total=r["total"], parts=tuple(r["parts"]),
                                optional=tuple(r.get("optional") or ()), complete=bool(r.get("complete", True)),
                                only_if_missing=tuple(r.get("only_if_missing") or ()),
                                unless_parts_make_it=tuple(r.get("unless_parts_make_it") or ()),
                                extra=tuple(r.get("extra") or ()), besides=tuple(r.get("besides") or ()),
                                besides_unless=tuple(r.get("besides_unless") or ()),
                                siblings=bool(r.get("siblings", True)), plus=tuple(r.get("plus") or ())))
        except KeyError as e:
            raise VocabularyError(f"calc.yml: relation {r!r} lacks {e}") from None
    return tuple(out)


@lru_cache(maxsize=None)
def level_sum() -> dict:
    return dict(_load("calc.yml").get("level_sum") or {})


def month_sum() -> dict:
    """calc.yml month_sum: the indicators a longer period's total sums over its months."""
    return dict(_load("calc.yml").get("month_sum") or {})


@lru_cache(maxsize=None)
def parents_of() -> dict[str, tuple[str, ...]]:
    """indicator -> totals it is a part of (transitively), nearest first."""
    direct: dict[str, list[str]] = {}
    for r in relations():
        if r.plus:
            continue
        for p in r.parts + r.optional:
            direct.setdefault(p, []).append(r.total)
    out = {}
    for code in direct:
        seen, queue = [], list(direct[code])
        while queue:
            t = queue.pop(0)
            if t not in seen:
                seen.append(t)
                queue.extend(direct.get(t, []))
        out[code] = tuple(seen)
    return out


@lru_cache(maxsize=None)
def siblings_of() -> dict[str, frozenset]:
    """indicator -> the other parts of the relations it is a part of (calc.yml): on time -> early, late."""
    out: dict[str, set] = {}
    for r in relations():
        if not r.siblings or r.plus:
            continue
        parts = list(r.parts) + list(r.optional)
        for p in parts:
            out.setdefault(p, set()).update(q for q in parts if q != p)
    return {k: frozenset(v) for k, v in out.items()}


_FORMULA = re.compile(r"^\s*\((\d{1,2})\)\s*=\s*((?:\(\d{1,2}\)\s*\+\s*)+\(\d{1,2}\))\s*$")


def parse_formula(text: str) -> tuple[int, tuple[int, ...]] | None:
    """'(3) = (4)+(5)' -> (3, (4, 5)); None when text is not a column formula."""
    m = _FORMULA.match(text)
    if not m:
        return None
    return int(m.group(1)), tuple(int(x) for x in re.findall(r"\((\d{1,2})\)", m.group(2)))


@lru_cache(maxsize=None)
def form_formulas() -> dict[str, tuple[tuple[int, tuple[int, ...]], ...]]:
    """Declared column formulas per annex form code (calc.yml `forms`)."""
    out = {}
    for code, items in (_load("calc.yml").get("forms") or {}).items():
        parsed = []
        for f in items or ():
            p = parse_formula(str(f))
            if p is None:
                raise VocabularyError(f"calc.yml: forms.{code}: {f!r} is not a formula like '(3) = (4) + (5)'")
            parsed.append(p)
        out[str(code)] = tuple(parsed)
    return out


Severity = Literal["error", "warning", "info"]
RuleKind = Literal["facts", "relations", "text", "table"]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    kind: RuleKind
    message: str
    pattern: str = ""
    title_vi: str = ""
    message_en: str = ""          # the English edition's template (same placeholders)


SEVERITIES = get_args(Severity)


@lru_cache(maxsize=None)
def rules() -> dict[str, Rule]:
    """The rule table (rules.yml), by id."""
    out = {}
    for r in _load("rules.yml").get("rules") or ():
        try:
            rule = Rule(id=r["id"], title=r["title"], severity=r["severity"], kind=r["kind"],
                        message=r["message"], pattern=r.get("pattern", ""), title_vi=r.get("title_vi", ""),
                        message_en=r.get("message_en", ""))
        except KeyError as e:
            raise VocabularyError(f"rules.yml: rule {r.get('id', r)!r} lacks {e}") from None
        if rule.kind not in get_args(RuleKind):
            raise VocabularyError(f"rules.yml: rule {rule.id}: kind must be one of {get_args(RuleKind)}, not {rule.kind!r}")
        if rule.severity not in SEVERITIES:
            raise VocabularyError(f"rules.yml: rule {rule.id}: severity must be one of {SEVERITIES}, not {rule.severity!r}")
        out[rule.id] = rule
    return out


@lru_cache(maxsize=None)
def unit_kinds() -> dict[str, re.Pattern]:
    """Kinds of province units whose count is a report-wide denominator (units.yml)."""
    return {k: re.compile(v, re.I) for k, v in (_load("units.yml").get("kinds") or {}).items()}


@lru_cache(maxsize=None)
def unit_nouns() -> frozenset[str]:
    """Count nouns that are not indicator domains (units.yml)."""
    return frozenset(str(n).split()[0] for n in _load("units.yml").get("nouns") or ())


# ---------------------------------------------------------------- reading vocabulary (reading.yml)

def _reading() -> dict:
    return _load("reading.yml")


@lru_cache(maxsize=None)
def _abbreviations() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(word, its short forms) of reading.yml abbreviations, lower case."""
    return tuple((str(w).lower(), tuple(str(a).lower() for a in short or ())) for w, short in
                 (_reading().get("abbreviations") or {}).items())


@lru_cache(maxsize=None)
def _other_forms() -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """(the word as a whole word, the other forms it may be written in) of reading.yml other_forms, lower case."""
    return tuple((re.compile(r"(?<![^\W\d_])" + re.escape(str(w).lower()) + r"(?![^\W\d_])"),
                  tuple(str(x).lower() for x in longer))
                 for w, longer in (_reading().get("other_forms") or {}).items())


def _with_abbreviations(pattern: str) -> str:
    """A label pattern that also matches each word it holds written shortened ("hồ sơ" -> "(?:hồ sơ|hs)") or in other
    words ("hạn" -> "(?:thời hạn|hẹn|hạn)"). (Spaces are left plain in what is put in, so that the words of one are
    found in the other: "dịch vụ công trực tuyến" -> "(?:dịch vụ công (?:online|trực tuyến)|dvctt)".)"""
    for word, short in _abbreviations():
        if word in pattern:
            pattern = pattern.replace(word, "(?:" + "|".join(_plain_escape(w) for w in (word,) + short) + ")")
    for word, forms in _other_forms():
        longer = word.sub(lambda m: "(?:" + "|".join([_plain_escape(x) for x in forms] + [m.group(0)]) + ")", pattern)
        try:
            re.compile(longer)
            pattern = longer
        except re.error:
            pass        # the word inside a look-behind, which must keep its width: the pattern as written
    return pattern


def _plain_escape(words: str) -> str:
    return re.escape(words).replace("\\ ", " ")


@lru_cache(maxsize=None)
def abbreviated(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern of the package's own written with the full words, compiled to match their short forms too (reading.yml
    abbreviations: "(?:hồ sơ\\s+)?" also reads "HS "), once."""
    return re.compile(_with_abbreviations(pattern), flags)


def phrase_forms(phrase: str) -> list[str]:
    """A category phrase and its shortened forms ("hồ sơ phát sinh", "hs phát sinh")."""
    forms = [phrase]
    for word, short in _abbreviations():
        forms += [f.replace(word, a) for f in forms if word in f for a in short]
    for word, longer in _other_forms():
        forms += [word.sub(x, f) for f in forms if word.search(f) for x in longer]
    return forms


def required_text(pattern: str) -> tuple[str, ...]:
    """Plain texts one of which every match of `pattern` contains: its longest run of top-level literal characters
    ('(?:tổng số )?hồ sơ (?:tthc )?tiếp nhận' -> ('tiếp nhận',)), or the runs of a group's alternatives, each of which
    holds one ('(?:nhận được|tiếp nhận) hồ sơ' -> ('nhận được', 'tiếp nhận')), whichever has the longer shortest text.
    A window without any of them cannot match, which a substring test says much faster than the pattern. () when there
    is none, or when the pattern ignores case (the windows are lower case, its literals may not be)."""
    try:                                                # CPython's own pattern parser
        from re import _constants as C, _parser as P    # 3.11 and later
    except ImportError:                                 # 3.10
        import sre_constants as C
        import sre_parse as P
    try:
        tree = P.parse(pattern)
    except (re.error, RecursionError):
        return ()
    if tree.state.flags & re.IGNORECASE:
        return ()

    def score(req: tuple[str, ...]) -> int:
        return min((len(t) for t in req), default=0)

    def of(items) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        cur = ""
        for op, av in items:
            if op is C.LITERAL:
                cur += chr(av)
                continue
            cand: tuple[str, ...] = ()
            if op is C.SUBPATTERN:
                cand = of(av[-1])                  # (a group that must match: what it holds is required)
            elif op is C.BRANCH:
                alts = [of(branch) for branch in av[1]]
                if all(alts):                      # (every alternative holds a required text: one of them is)
                    cand = tuple(dict.fromkeys(t for alt in alts for t in alt))
            best = max(best, (cur,) if cur else (), cand, key=score)
            cur = ""
        return max(best, (cur,) if cur else (), key=score)
    return of(tree.data)


def _word_rx(phrase: str) -> str:
    """A phrase as a regex that matches whole words (Vietnamese letters count as word characters)."""
    return r"(?<![\wÀ-ỹ])" + re.escape(phrase) + r"(?![\wÀ-ỹ])"


@lru_cache(maxsize=None)
def unit_table() -> tuple[tuple[str, str], ...]:
    """(noun, domain) pairs, longest noun first: the one noun -> domain lookup of the package."""
    pairs = [(f, dom) for dom, nouns in (_reading().get("units") or {}).items() for n in nouns or ()
             for f in phrase_forms(str(n).lower())]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def literal_alternation(words) -> str:
    """The words as one regex of their shared prefixes (a trie): "cấp tỉnh|cấp huyện|các sở" becomes
    "c(?:ác\\ sở|ấp\\ (?:huyện|tỉnh))". It matches where some word matches, the longest one first, as the
    plain alternation of the words sorted longest first does; but at each position the engine follows
    one branch instead of trying every word (about twice as fast on the level and category words, whose
    first letters are common). Under re.I, give words already lowered."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}               # a word ends here

    def emit(node: dict) -> str:
        kids = sorted(ch for ch in node if ch)
        if not kids:
            return ""
        alts = [re.escape(ch) + emit(node[ch]) for ch in kids]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # a word ending here is tried after every longer one (the optional group backtracks to it)
        return f"(?:{body})?" if "" in node else body

    return emit(trie) if trie else "(?!x)x"


def _lead_chars(words) -> str:
    """The first characters of `words` as a character class."""
    return "[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "]"


def _lead_class(words) -> str:
    """A lookahead for the first characters of `words`: a position where none of them stands is left
    after one test, before the alternation of every word is tried (under re.I, like the words)."""
    return "(?=" + _lead_chars(words) + ")"


@lru_cache(maxsize=None)
def noun_starts_rx() -> re.Pattern:
    """The positions where noun_at can find a noun: after a character that is no letter or digit (or
    at the start), with one of the nouns' first letters after any spaces. Zero-width, so that every
    such position is found."""
    return re.compile(r"(?<![^\W_])(?=\s*" + _lead_chars(n for n, _ in unit_table()) + ")", re.I)


@lru_cache(maxsize=None)
def _unit_start_rx() -> re.Pattern:
    return re.compile(r"\s*" + _lead_class(n for n, _ in unit_table())
                      + "(?:" + "|".join(f"(?P<u{i}>{re.escape(n)})" for i, (n, _) in enumerate(unit_table()))
                      + r")(?![\wÀ-ỹ])", re.I)


def noun_at(text: str, pos: int = 0, endpos: int | None = None) -> tuple[str, str | None]:
    """The unit noun that `text` starts with (after spaces) and its domain: ('hồ sơ', 'dossiers').
    With pos/endpos, the same for text[pos:endpos] without copying it."""
    window = text[pos:endpos] if (pos or endpos is not None) else text       # (short: a few words)
    if CASE_VARIANTS.search(window):
        m = _unit_start_rx().match(window)
        if not m:
            return "", None
        return unit_table()[int(m.lastgroup[1:])]
    rx, row = _unit_start_lower()        # the same on the lowered text, plain literals (see first_noun)
    m = rx.match(window.lower())
    return unit_table()[row[m.group("n")]] if m else ("", None)


def _first_rows(nouns) -> dict[str, int]:
    """noun -> its first row in unit_table (the row an alternation in table order matches)."""
    row: dict[str, int] = {}
    for i, n in nouns:
        row.setdefault(n, i)
    return row


@lru_cache(maxsize=None)
def _unit_start_lower() -> tuple[re.Pattern, dict[str, int]]:
    row = _first_rows((i, n) for i, (n, _) in enumerate(unit_table()))
    return (re.compile(r"\s*" + _lead_class(n for n, _ in unit_table())
                       + "(?P<n>" + literal_alternation(n for n, _ in unit_table()) + r")(?![\wÀ-ỹ])"), row)


@lru_cache(maxsize=None)
def _anywhere_nouns() -> tuple[tuple[int, str], ...]:
    """(row, noun) of the nouns looked for anywhere in a text. Nouns that count something only right
    after a figure ("59.010 bộ", "500 HS") are not: "Bộ Nội vụ", "bộ phận một cửa" would otherwise
    read as dossiers."""
    only_after = {str(w).lower() for w in _reading().get("after_figure_only") or ()}
    return tuple((i, n) for i, (n, _) in enumerate(unit_table()) if n not in only_after)


@lru_cache(maxsize=None)
def _unit_any_rx() -> re.Pattern:
    nouns = _anywhere_nouns()
    alts = [f"(?P<u{i}>{re.escape(n)})" for i, n in nouns]
    return re.compile(_lead_class(n for _, n in nouns) + r"(?<![\wÀ-ỹ])(?:" + "|".join(alts) + r")(?![\wÀ-ỹ])", re.I)


def first_noun(text: str, domains_wanted=None) -> tuple[str, str | None]:
    """The first unit noun written anywhere in text (of one of `domains_wanted`, if given) and its domain."""
    if CASE_VARIANTS.search(text):
        rows = (int(m.lastgroup[1:]) for m in _unit_any_rx().finditer(text))
    else:
        # the same nouns, matched on the lowered text by a pattern of plain literals (no named group,
        # no re.I), which the engine tries much faster; the noun matched tells its table row
        rx, row = _unit_any_lower()
        rows = (row[m.group(0)] for m in rx.finditer(text.lower()))
    for i in rows:
        noun, dom = unit_table()[i]
        if domains_wanted is None or dom in domains_wanted:
            return noun, dom
    return "", None


# Characters that a case-insensitive pattern matches otherwise than through their lower case (the extra
# cases of CPython's re._casefix, a capital whose lower case is two characters, the final sigma): on a
# text without them, re.I on the text is the same as a plain pattern on text.lower().
CASE_VARIANT_CHARS = "µıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṡẛιΐΰꙋﬅﬆİΣ"
CASE_VARIANTS = re.compile(f"[{CASE_VARIANT_CHARS}]")


@lru_cache(maxsize=None)
def _unit_any_lower() -> tuple[re.Pattern, dict[str, int]]:
    nouns = _anywhere_nouns()
    # (the nouns longest first, as unit_table holds them: a trie of them matches the same)
    return (re.compile(_lead_class(n for _, n in nouns) + r"(?<![\wÀ-ỹ])(?:" + literal_alternation(n for _, n in nouns)
                       + r")(?![\wÀ-ỹ])"), _first_rows(nouns))


@lru_cache(maxsize=None)
def category_table() -> dict[str, tuple[tuple[re.Pattern, str, int], ...]]:
    """domain -> (compiled phrase, category code, phrase length), longest first."""
    out = {}
    for dom, cats in (_reading().get("categories") or {}).items():
        # weak phrases ("~giải quyết") rank below every other phrase
        items = [(re.compile(_word_rx(f)), code, 0 if p.startswith("~") else len(p))
                 for code, phrases in cats.items() for p in phrases for f in phrase_forms(p.lstrip("~").lower())]
        out[dom] = tuple(sorted(items, key=lambda t: -t[2]))
    return out


@lru_cache(maxsize=None)
def scored_codes() -> frozenset[str]:
    """The indicators scored in points out of a maximum (indicators.yml domain points: Bộ chỉ số 766's groups), not the
    rates, whose maximum is 100 %."""
    return frozenset(i.code for i in indicators() if i.maximum is not None and i.domain == "points")


@lru_cache(maxsize=None)
def domain_categories() -> dict[str, frozenset[str]]:
    """domain -> the category codes its clauses can name (reading.yml categories), with those of the domains
    that count the same things (same_count: "45,6% (856/1.876 TTHC)" of services provided online)."""
    cats = {dom: frozenset(c) for dom, c in (_reading().get("categories") or {}).items()}
    out = dict(cats)
    for group in _reading().get("same_count") or ():
        joined = frozenset().union(*(cats.get(d, frozenset()) for d in group))
        for d in group:
            out[d] = joined
    return out


@lru_cache(maxsize=None)
def comma_phrases() -> tuple[str, ...]:
    """The category phrases of reading.yml written with a comma ("trực tiếp, qua bưu chính", "đúng hạn, trước hạn") and its
    comma_nouns, lowered: a comma inside one of them ends no clause."""
    phrases = {f for cats in (_reading().get("categories") or {}).values() for ps in cats.values()
               for p in ps if "," in p for f in phrase_forms(p.lstrip("~").lower())} | \
        {w.lower() for w in word_list("comma_nouns")}
    return tuple(sorted(phrases))


@lru_cache(maxsize=None)
def category_words() -> dict[str, tuple[str, ...]]:
    """domain -> the plain phrase of each category_table entry, in the same order (a substring test
    before the whole-word pattern: most phrases are absent from most clauses)."""
    out = {}
    for dom, cats in (_reading().get("categories") or {}).items():
        items = [(f, 0 if p.startswith("~") else len(p)) for _code, phrases in cats.items() for p in phrases
                 for f in phrase_forms(p.lstrip("~").lower())]
        out[dom] = tuple(w for w, _ in sorted(items, key=lambda t: -t[1]))
    return out


@lru_cache(maxsize=None)
def any_category_word() -> dict[str, re.Pattern]:
    """domain -> its category phrases in one literal alternation: a clause with none of them (most)
    is told by one search."""
    return {dom: re.compile(literal_alternation(ws)) for dom, ws in category_words().items()}


@dataclass(frozen=True)
class Partition:
    total: str
    parts: tuple
    extra: tuple = ()
    counts_only: bool = False      # a partition of counts, not of stated rates (rate groups skip it)


@lru_cache(maxsize=None)
def partitions() -> tuple[Partition, ...]:
    out = []
    for p in _reading().get("partitions") or ():
        try:
            out.append(Partition(p["total"], tuple(p["parts"]), tuple(p.get("extra") or ()), bool(p.get("counts_only"))))
        except KeyError as e:
            raise VocabularyError(f"reading.yml: partition {p!r} lacks {e}") from None
    return tuple(out)


Unit = Literal["province", "city"]


@lru_cache(maxsize=None)
def level_vocabulary(unit: Unit = "province") -> dict[str, tuple[str, ...]]:
    """The phrases of each level (reading.yml levels), with a centrally-run city's own names for its
    levels (city_levels) in a city's report: there "cấp thành phố" is the top level, while in a
    province's report a thành phố is a district-level town (province_levels)."""
    base = _reading().get("levels") or {}
    key = "city_levels" if unit == "city" else "province_levels"
    extra = _reading().get(key) or {}
    unknown = set(extra) - set(base)
    if unknown:
        raise VocabularyError(f"reading.yml: {key} names levels that levels does not: {sorted(unknown)}")
    # (and each phrase's shortened forms: "trung tâm phục vụ hành chính công tỉnh", "trung tâm pvhcc tỉnh")
    return {k: tuple(f for p in tuple(v) + tuple(extra.get(k, ())) for f in phrase_forms(str(p))) for k, v in base.items()}


@lru_cache(maxsize=None)
def reading_levels(unit: Unit = "province") -> dict[str, re.Pattern]:
    # (the phrases of a level as whole words, longest first: literal_alternation)
    return {k: re.compile(_lead_class(v) + r"(?<![\wÀ-ỹ])(?:" + literal_alternation(v) + r")(?![\wÀ-ỹ])")
            for k, v in level_vocabulary(unit).items()}


@lru_cache(maxsize=None)
def level_phrases(unit: Unit = "province") -> dict[str, re.Pattern]:
    """The plain phrases of each level as one literal alternation: a text that contains none of them
    names no level (this test is much cheaper than the whole-word pattern, and most clauses name no
    level)."""
    return {k: re.compile(literal_alternation(p.lower() for p in v)) for k, v in level_vocabulary(unit).items()}


@lru_cache(maxsize=None)
def any_level_phrase(unit: Unit = "province") -> re.Pattern:
    """The phrases of every level in one alternation: most texts name none, and one search says so."""
    return re.compile(literal_alternation(p.lower() for v in level_vocabulary(unit).values() for p in v))


def level_name(key: str, unit: Unit = "province") -> str:
    """How messages name a level ("tinh", "huyen", "xa", "huyen+xa"), the whole unit ("whole") or the
    levels summed for it ("sum", "sum_two_levels") in a report of `unit` (reading.yml level_names);
    the key itself when none is declared."""
    names = _reading().get("level_names") or {}
    return str((names.get(unit) or names.get("province") or {}).get(key, key))


@lru_cache(maxsize=None)
def _compared_rx() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(word_list("compared_with"), key=len, reverse=True))
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + (words or r"(?!x)x") + r")[^.;,()\n]{0,25}$|%\s*(?:của|so với)\s*$", re.I)


def compared_at(text: str, start: int) -> bool:
    """Whether the period named at `start` is named as a comparison ("so với cùng kỳ năm 2023", "So với quý
    I/2024 (…)", reading.yml compared_with): the period of the figures compared with, never the report's
    own, and not one that holds for the sentences after it."""
    return bool(_compared_rx().search(text[max(0, start - 60):start]))


@lru_cache(maxsize=None)
def words_rx(key: str) -> re.Pattern:
    """A plain word list of reading.yml (target_words, other_quantity, ...) as one pattern of whole words, under re.I."""
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + (literal_alternation(word_list(key)) or r"(?!x)x") + r")(?![\wÀ-ỹ])", re.I)


@lru_cache(maxsize=None)
def _average_rx() -> tuple[re.Pattern, re.Pattern, dict[str, float]]:
    units = {str(k).lower(): float(v) for k, v in (_reading().get("per_units") or {}).items()}
    unit_alt = literal_alternation(units) or r"(?!x)x"
    per = r"(?:(?:" + (literal_alternation(word_list("per_words")) or r"(?!x)x") + r")\s+|/\s*)(" + unit_alt + r")(?![\wÀ-ỹ])"
    return (re.compile(r"(?<![\wÀ-ỹ])(?:" + (literal_alternation(word_list("average_words")) or r"(?!x)x") + r")(?![\wÀ-ỹ])"
                       r"(?:[^\d;:.()]{0,50}?" + per + r")?[^\d;:.()]{0,50}$", re.I),
            re.compile(r"^[^\d;:.()]{0,25}?" + per, re.I), units)


def average_per(before: str, after: str) -> float | None:
    """The months of the time unit a count is an average over (reading.yml average_words, per_words, per_units: "bình quân
    mỗi tháng tiếp nhận 5.000 hồ sơ" 1, "trung bình mỗi ngày ... 146 hồ sơ" 0, "bình quân 1.250 hồ sơ/tháng" 1), from the
    words of its clause before it and right after it; None when it is no average."""
    lead, tail, units = _average_rx()
    m = lead.search(before)
    if m is None:
        return None
    unit = m.group(1) or ((t := tail.match(after)) and t.group(1))
    return units.get(unit.lower()) if unit else None


def names_both_levels(text: str) -> bool:
    """Whether `text` names a count "of both levels" (reading.yml both_levels: "Tổng cộng hai cấp tiếp nhận ..."), not the
    two-tier local government of 1/7/2025 ("chính quyền địa phương hai cấp", "hai cấp chính quyền")."""
    if "cấp" not in text and "CẤP" not in text:
        return False                    # (most clauses: no level word at all)
    return any("chính quyền" not in text[max(0, m.start() - 30):m.start()].lower()
               and not text[m.end():m.end() + 12].lower().startswith(" chính quyền")
               for m in words_rx("both_levels").finditer(text))


@lru_cache(maxsize=None)
def year_to_date_rx() -> re.Pattern:
    """A phrase that makes a figure the year so far (reading.yml year_to_date), on lowered text."""
    words = "|".join(re.escape(str(w).lower()) for w in sorted(word_list("year_to_date"), key=len, reverse=True))
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + (words or r"(?!x)x") + r")(?![\wÀ-ỹ])")


@lru_cache(maxsize=None)
def respectively_rx() -> re.Pattern:
    """The marker of a "respectively" clause (reading.yml respectively), on lowered text."""
    words = "|".join(re.escape(str(w).lower()) for w in sorted(word_list("respectively"), key=len, reverse=True))
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + (words or r"(?!x)x") + r")(?![\wÀ-ỹ])")


@lru_cache(maxsize=None)
def unit_list_rx(comma_first: bool = False) -> re.Pattern:
    """A list of administrative units joined by commas or slashes ("quận, huyện, thị xã", "xã, phường, thị
    trấn", "phường/xã"), from reading.yml unit_nouns, as whole words under re.I. With `comma_first`, only
    what every such list joined by a comma holds (", huyện"): a pattern that opens on a literal, which the
    engine finds fast, to tell the texts that hold none."""
    nouns = "|".join(re.escape(str(w)) for w in sorted(word_list("unit_nouns"), key=len, reverse=True)) or r"(?!x)x"
    if comma_first:
        return re.compile(r",\s*(?:%s)(?![\wÀ-ỹ])" % nouns, re.I)
    return re.compile(r"(?<![\wÀ-ỹ])(?:%s)(?:\s*[,/]\s*(?:%s))+(?![\wÀ-ỹ])" % (nouns, nouns), re.I)


def rate_definitions() -> list[dict]:
    """The rates and their definitions (briefs.yml headline): the briefs recompute them and the
    checker holds stated rates against them (so the section is part of the reading key, stamp.py)."""
    return list(_load("briefs.yml").get("headline") or ())


@lru_cache(maxsize=None)
def whole_unit_rx() -> re.Pattern:
    """A phrase naming the whole unit of the report (reading.yml whole_unit), as whole words."""
    words = [str(p).lower() for p in _reading().get("whole_unit") or ()]
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + literal_alternation(words) + r")(?![\wÀ-ỹ])" if words else r"(?!x)x")


@lru_cache(maxsize=None)
def among_whole_rx() -> re.Pattern:
    """A clause before a figure of the shape "<among word> <the whole> có" (reading.yml among_whole), on
    lowered text: there the words before the figure name its whole, not the figure (a comma may end the
    whole: "Trong số hồ sơ đã giải quyết, có 20.512 HS giải quyết trước và đúng hạn")."""
    words = "|".join(re.escape(str(w).lower()) for w in sorted(word_list("among_whole"), key=len, reverse=True))
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + (words or r"(?!x)x") + r")\s[^,;:.()]*?(?:,\s*)?\bcó\s*$")


@lru_cache(maxsize=None)
def complete_levels() -> tuple[frozenset, ...]:
    return tuple(frozenset(x) for x in _reading().get("complete_levels") or ())


def two_level_period(period) -> bool:
    """Whether most of a period (a periods.Period, or None) falls on or after reading.yml two_levels_from,
    when the district level is gone: a 2025-Q3 report (15/6-14/9 under TT01) is, a 2025 year report is not."""
    cut = _reading().get("two_levels_from")
    if period is None or period.start is None or period.end is None or not isinstance(cut, date):
        return False
    after = (period.end - max(period.start, cut)).days + 1          # days on or after the cut (may be < 0)
    return 2 * after > (period.end - period.start).days + 1


def province_level_sets(period) -> tuple[frozenset, ...]:
    """The level lists that name a province's every level in `period`: tỉnh + huyện + xã, or tỉnh + xã in a
    two-level period (huyện + xã, complete only for a district, is the level "huyen+xa" of a province)."""
    return tuple(x for x in complete_level_sets(period) if "tinh" in x)


def complete_level_sets(period) -> tuple[frozenset, ...]:
    """The level lists that name every level of a province or district in `period` (complete_levels,
    and tỉnh + xã where two_level_period)."""
    return complete_levels() + ((frozenset({"tinh", "xa"}),) if two_level_period(period) else ())


@lru_cache(maxsize=None)
def agency_kinds_pattern() -> str:
    """The kinds of agency or local unit (reading.yml agency_kinds: "sở", "ubnd huyện", "công an tỉnh", ...) as one
    regex alternation, the longest first: read by facts.agency_subject and by checks_facts for named-unit scopes."""
    return literal_alternation(word_list("agency_kinds"))


@lru_cache(maxsize=None)
def word_list(key: str) -> tuple[str, ...]:
    """A plain word list of reading.yml (open_list, share_links, thresholds, comparisons, ...), read once."""
    v = _reading().get(key)
    words = tuple(w for ws in v.values() for w in ws) if isinstance(v, dict) else tuple(v or ())
    # (and each phrase's shortened forms: "hồ sơ trực tuyến", "hs trực tuyến")
    return tuple(f for w in words for f in (phrase_forms(w) if isinstance(w, str) else (w,)))


def rate_header(label: str) -> bool:
    """Whether a table column's header names a rate or an average (reading.yml rate_headers)."""
    low = label.lower()
    return any(w in low for w in _rate_headers())


@lru_cache(maxsize=None)
def _rate_headers() -> tuple[str, ...]:
    return word_list("rate_headers")


@lru_cache(maxsize=None)
def part_markers() -> tuple[tuple[str, bool], ...]:
    """(marker, says the list is complete), longest first."""
    pm = _reading().get("part_markers") or {}
    out = [(w, False) for w in pm.get("partial") or ()] + [(w, True) for w in pm.get("complete") or ()]
    return tuple(sorted(out, key=lambda t: -len(t[0])))


@lru_cache(maxsize=None)
def context_aliases() -> dict[str, dict[str, str]]:
    return {k: dict(v) for k, v in (_reading().get("context_aliases") or {}).items()}


@lru_cache(maxsize=None)
def direct_totals(cat: str) -> frozenset[str]:
    """The totals of the declared partitions that list a category as a part (or an extra)."""
    return frozenset(p.total for p in partitions() if cat in p.parts or cat in p.extra)


@lru_cache(maxsize=None)
def ancestors(cat: str) -> frozenset[str]:
    """Every total a category is a part of (transitively) in the declared partitions."""
    out, queue = set(), [cat]
    while queue:
        for t in direct_totals(queue.pop()):
            if t not in out:
                out.add(t)
                queue.append(t)
    return frozenset(out)


@lru_cache(maxsize=None)
def count_class(domain: str | None) -> str | None:
    """Domains that count the same things share one class (reading.yml same_count)."""
    for group in _reading().get("same_count") or ():
        if domain in group:
            return group[0]
    return domain


@lru_cache(maxsize=None)
def _english_rx() -> tuple[re.Pattern, dict]:
    """Vietnamese words of finding messages -> English: the indicator titles (indicators.yml) and the
    phrases of rules.yml `english`; longest first, whole words only."""
    table = {t["vi"]: t["en"] for t in indicator_titles().values() if t.get("vi") and t.get("en") and t["vi"] != t["en"]}
    table.update({str(k): str(v) for k, v in (_load("rules.yml").get("english") or {}).items()})
    keys = sorted(table, key=len, reverse=True)
    rx = re.compile(r"(?<![\wÀ-ỹ])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\wÀ-ỹ])") if keys else re.compile(r"(?!)")
    return rx, table


# Vietnamese-format numbers inside message text: 12.345, 0,5, 1.234,5 (not dates or document numbers)
_VN_NUMBER = re.compile(r"(?<![\d/.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)(?![\d/]|[.,]\d)")


def to_english(text: str) -> str:
    """A message parameter for the English edition: known names and phrases translated, numbers written
    the English way (12.345 -> 12,345; 0,5 -> 0.5). Quoted report text is not passed here."""
    rx, table = _english_rx()
    text = rx.sub(lambda m: table[m.group(0)], text)
    return _VN_NUMBER.sub(lambda m: m.group(0).replace(".", "\x00").replace(",", ".").replace("\x00", ","), text)
