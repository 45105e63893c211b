"""The reading's fast paths give what the plain patterns give (property tests).

Each prefilter skips a pattern, or a position, where a cheaper test proves it cannot match: a mask's
lead character, a period pattern's words, a label's required text, a level's phrases. These tests draw
texts from the tokens those patterns are made of and compare with the patterns run without the
prefilter, so a mask, period pattern or label added later that breaks the assumption fails here.
"""
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from analysis import numbers as N
from analysis.annotate import detect_level
from analysis.periods import PATTERN_WORDS, PERIOD_PATTERNS, find_periods
from analysis.vocab import indicators, level_phrases, reading_levels, required_text

# words and marks the masks, periods, labels and levels are built from, and some that are near misses
TOKENS = ["ngày", "Ngày", "tháng", "Tháng", "THÁNG", "năm", "Năm", "NĂM", "quý", "Quý", "QUÝ", "I", "II", "IV",
          "từ", "Từ", "đến", "hết", "tới", "trước", "sau", "tính đến", "số", "Số", "SỐ", ":", "/", "-", "–", ",",
          ".", "(", ")", "%", " ", " ", " ", "\n", "2021", "2022", "1999", "14", "3", "15/12", "12", "05", "1.880",
          "QĐ-UBND", "NĐ-CP", "TT-VPCP", "ISO", "TCVN", "9001", "giờ", "h", "Điều", "khoản", "Mục", "Phụ lục",
          "Chương", "mức độ", "Mức", "trực tuyến", "một", "phần", "Đề án", "Nghị quyết", "Quyết định", "văn bản",
          "¹", "²", "/63", "tỉnh", "đầu", "cuối", "6", "9", "chín", "sáu", "giai đoạn", "đến năm", "ı", "İ",
          "hồ sơ", "tiếp nhận", "giải quyết", "đúng hạn", "trễ hạn", "tổng số", "cấp tỉnh", "cấp huyện", "cấp xã",
          "sở, ban, ngành", "ubnd", "xã", "huyện", "tthc", "trong đó", "và", "a", "x", "1"]
texts = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)
spaced = st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join)


PLAIN_MASKS = re.compile("|".join(f"(?:{m})" for m in N._OTHER))      # the alternation without the prefilter


def _digit_windows_plain(text):
    """One digit run at a time, merging windows that touch (the reference for _digit_windows)."""
    out = []
    for m in re.finditer(r"\d+", text):
        a, b = max(0, m.start() - N.MASK_REACH), min(len(text), m.end() + N.MASK_REACH)
        if out and a <= out[-1][1]:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _spans(rx, text):
    out = []
    for a, b in N._digit_windows(text):
        out.extend((m.start(), m.end()) for m in rx.finditer(text, a, b))
    return out


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, spaced))
def test_mask_prefilter_finds_what_the_plain_alternation_finds(text):
    assert _spans(N._OTHER_MASKS, text) == _spans(PLAIN_MASKS, text)


def test_mask_prefilter_on_the_shipped_reports():
    root = Path(__file__).resolve().parent.parent / "data" / "raw"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt")))
    assert _spans(N._OTHER_MASKS, text) == _spans(PLAIN_MASKS, text)
    assert len(_spans(N._OTHER_MASKS, text)) > 500        # the reports are full of dates and numbers


def test_mask_of_unknown_shape_is_refused():
    assert N._leads(r"\b(?:ngày|từ)\s+\d") == ("ngày", "từ")
    assert N._leads(r"\b[mM](?:ức|ỨC)\s+\d") == ("mức", "mỨC", "Mức", "MỨC")
    assert N._leads(r"\btrực tuyến\s+\d") == ("trực tuyến",)
    assert N._leads(r"\b(?:19|20)\d{2}") == ("19", "20") and "1" in N._FIGURE_LEADS
    with pytest.raises(ValueError, match="unknown shape"):
        N._leads(r"(?:Điều|khoản)\s+\d")                  # no \b, no digit first: say what it starts with


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, spaced))
def test_a_period_pattern_matches_only_where_its_words_are(text):
    low = text.lower()
    for kind, rx in PERIOD_PATTERNS:
        if rx.search(text):
            assert any(w in low for w in PATTERN_WORDS[kind]), (kind, text)


@settings(max_examples=600, deadline=None)
@given(st.one_of(texts, spaced, st.lists(st.sampled_from(["Quý", "QUÝ", "quý", " IV", " I", " năm ", "Năm ", "2024", "12",
                                                          " tháng ", "THÁNG", "Từ", "6", "sáu", "9", "Chín", "đầu",
                                                          "giai đoạn", "đến năm", "/", "-", " ", "İ"]), max_size=16).map("".join)))
def test_a_period_pattern_found_from_its_lead_is_the_pattern_scanned(text):
    # the plain lead on the lowered text (periods.PATTERN_LEADS) finds every match the re.I pattern finds
    from analysis.periods import _matches
    from analysis.vocab import CASE_VARIANTS
    if CASE_VARIANTS.search(text):
        return                           # (such a text is scanned by the pattern itself)
    for kind, rx in PERIOD_PATTERNS:
        assert [(m.span(), m.groups()) for m in _matches(kind, rx, text, text.lower())] == \
               [(m.span(), m.groups()) for m in rx.finditer(text)], (kind, text)


def test_period_words_keep_every_period_of_a_sentence():
    text = "Từ ngày 15/12/2021 đến ngày 14/3/2022, quý I năm 2022; 6 tháng đầu năm 2021; giai đoạn 2021-2025"
    kinds = [p.kind for p, _a, _b in find_periods(text, 2022, "TT01/2020")]
    assert kinds == ["custom", "quarter", "half", "plan"]      # the window 15/12–14/3 is stated as dates


def test_required_text_of_labels():
    assert required_text("(?:tổng số )?hồ sơ (?:tthc )?(?:đã )?tiếp nhận") == ("tiếp nhận",)    # the longest run
    assert required_text("tiếp nhận(?:,| và) giải quyết(?: tổng số)?") == (" giải quyết",)
    # a group's alternatives: one of theirs (reading.yml other_forms write a word so: "(?:nhận được|tiếp nhận)")
    assert required_text("(?:trả lại hồ sơ|rút hồ sơ)(?: là)?") == ("trả lại hồ sơ", "rút hồ sơ")
    assert required_text("(?:đã )?(?:nhận được|tiếp nhận)(?: được)?") == ("nhận được", "tiếp nhận")
    assert required_text("(?:(?:hồ sơ|hs) mới|mới tiếp nhận)") == (" mới", "mới tiếp nhận")   # (each its longer run)
    assert required_text("(?:a|bc)?x") == ("x",)                             # an optional group requires nothing
    assert required_text("(?i)hồ sơ") == ()                                 # ignores case: the windows are lower case


def _label_text():
    # windows as _choose sees them: lower case, made of the labels' own words
    words = sorted({w for ind in indicators() for p in ind.labels for w in re.findall(r"[^\W\d_]+", p.pattern)})
    return st.lists(st.sampled_from(words + [" ", ", ", "12", "%", "(", ")"]), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_label_text())
def test_a_label_matches_only_where_its_required_text_is(window):
    for ind in indicators():
        for rx, must in zip(ind.labels, ind.label_words):
            if must and rx.search(window):
                assert any(m in window for m in must), (ind.code, rx.pattern, window)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, spaced))
def test_level_phrases_test_is_the_substring_test(text):
    low = text.lower()
    from analysis.vocab import _reading
    for lv, plain in (_reading().get("levels") or {}).items():
        assert bool(level_phrases()[lv].search(low)) == any(str(p).lower() in low for p in plain)
        if reading_levels()[lv].search(low):
            assert level_phrases()[lv].search(low)


def test_detect_level_reads_the_levels():
    assert detect_level("hồ sơ của UBND cấp huyện và cấp xã") == "huyen+xa"
    assert detect_level("các sở, ban, ngành tiếp nhận") == "tinh"
    assert detect_level("tổng số hồ sơ") is None


def _noun_before_plain(text):
    from analysis.vocab import noun_at
    low, best = text.lower(), None
    for i in range(len(low)):
        if i == 0 or not low[i - 1].isalnum():
            noun, dom = noun_at(low[i:i + 25])
            if noun and dom not in ("units", "levels", "time", "other"):
                best = (noun, dom)
    return best


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, spaced, st.lists(st.sampled_from(TOKENS + ["_", "hồ sơn", "  ", "đơn vị", "PAKN", "dịch vụ công"]),
                                           max_size=30).map("".join)))
def test_noun_before_tries_only_where_a_noun_can_start(text):
    from analysis.annotate import _noun_before
    assert _noun_before(text) == _noun_before_plain(text)


def test_digit_windows_as_chains():
    for text in ["", "abc", "1", "a 12 b", "1" + " " * 96 + "2", "1" + " " * 97 + "2", "x" * 60 + "7" + "y" * 60]:
        assert N._digit_windows(text) == _digit_windows_plain(text), text


NUMBER_PLAIN = re.compile(r"(?<![\w.,/])(?P<num>" + N._NUM + r")(?![\w]|[.,]\d|/\d)(?P<pct>\s?%)?"
                          r"(?:\s+(?P<mult>ngàn|nghìn|triệu|tỷ|tỉ)(?!\w))?")
FRACTION_PLAIN = re.compile(r"(?<![\w.,/])(?P<a>" + N._NUM + r")\s?/\s?(?P<b>" + N._NUM + r")(?![\w/]|[.,]\d)")
digits = st.lists(st.sampled_from(["1", "12", "123", "1.234", "12.345.678", "28,94", "05", ".", ",", "/", "%", " ",
                                   "a", "_", "-", "x1", "2021", " tỷ", " nghìn", "ngàn"]), max_size=20).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(digits, texts))
def test_digit_led_number_patterns_match_the_plain_ones(text):
    for led, plain in ((N.NUMBER_RE, NUMBER_PLAIN), (N.FRACTION_RE, FRACTION_PLAIN)):
        assert [(m.span(), m.groupdict()) for m in led.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


lines = st.lists(st.sampled_from(["  ", "\t", "hồ sơ", "1.234", "<b>", "</b>", "**", "*", "\\*", "¹", "²", "(", ")",
                                  "<sup>1</sup>", "<br>", "a", " ", "đ"]), max_size=15).map("".join)


@settings(max_examples=400, deadline=None)
@given(lines, st.integers(min_value=0, max_value=3))
def test_lines_without_markup_read_as_the_general_path_reads_them(raw, col0):
    from analysis import read as R
    fast = R.clean_line(raw, 7, col0)
    saved = R._NO_MARKUP
    try:
        R._NO_MARKUP = re.compile(r"(?!)")                 # never "no markup": the general path for every line
        slow = R.clean_line(raw, 7, col0)
    finally:
        R._NO_MARKUP = saved
    assert fast[0] == slow[0] and list(fast[1]) == list(slow[1]) and fast[2] == slow[2]


cites = st.lists(st.sampled_from(["12", "1880", "123456", "/", "/QĐ-UBND", "/2021", "/NĐ-CP", " ngày ", "ngày ", "15/3/2021",
                                  "29 tháng 04 năm 2021", " của UBND tỉnh ", "a", "_", " (", ")", ", ", "-", "TT-VPCP",
                                  "2021", "x"]), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(cites)
def test_digit_led_citation_patterns_match_the_plain_ones(text):
    from analysis import checks_text as T
    led_part, plain_part = r"\d(?<![\w/]\d)\d{0,4}", r"(?<![\w/])\d{1,5}"
    for led in (T._CITE, T._NUMBER_YEAR):
        assert led_part in led.pattern
        plain = re.compile(led.pattern.replace(led_part, plain_part))
        assert [(m.span(), m.groupdict()) for m in led.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


def _first_noun_plain(text, wanted=None):
    from analysis.vocab import _unit_any_rx, unit_table
    for m in _unit_any_rx().finditer(text):
        noun, dom = unit_table()[int(m.lastgroup[1:])]
        if wanted is None or dom in wanted:
            return noun, dom
    return "", None


nouny = st.lists(st.sampled_from(["hồ sơ", "Hồ Sơ", "HỒ SƠ", "TTHC", "thủ tục hành chính", "Thủ tục", "PAKN", "dịch vụ công",
                                  "DỊCH VỤ CÔNG TRỰC TUYẾN", "đơn vị", "bộ", "xã", " ", ", ", "(", "a", "x", "1", "ı", "ſ",
                                  "İ", "hồ sơn", "_hồ sơ", "Ỳ", "ÿ"]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(nouny, texts))
def test_first_noun_on_the_lowered_text_is_the_case_insensitive_one(text):
    from analysis.vocab import first_noun
    assert first_noun(text) == _first_noun_plain(text)
    wanted = frozenset({"dossiers", "procedures"})
    assert first_noun(text, wanted) == _first_noun_plain(text, wanted)


@settings(max_examples=500, deadline=None)
@given(st.one_of(nouny, texts), st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=30))
def test_noun_at_on_the_lowered_window_is_the_case_insensitive_one(text, pos, width):
    from analysis.vocab import _unit_start_rx, noun_at, unit_table
    m = _unit_start_rx().match(text, pos, pos + width)
    assert noun_at(text, pos, pos + width) == (unit_table()[int(m.lastgroup[1:])] if m else ("", None))
    m = _unit_start_rx().match(text)
    assert noun_at(text) == (unit_table()[int(m.lastgroup[1:])] if m else ("", None))


@settings(max_examples=400, deadline=None)
@given(st.one_of(nouny, texts, spaced), st.data())
def test_nouns_before_every_prefix_of_a_sentence(sentence, data):
    from analysis.annotate import _noun_before, nouns_before
    text = "Đầu. " + sentence + " Cuối."
    sa, sb = 5, 5 + len(sentence)
    nb = nouns_before(text, sa, sb)
    for pos in sorted(set(data.draw(st.lists(st.integers(min_value=sa, max_value=sb), max_size=6)))):
        want = _noun_before(text[sa:pos])
        assert (nb.before(pos) if nb else want) == want, (sentence, pos)


# ---- literal_alternation: a trie of the words matches what their alternation (longest first) matches

def _plain_alternation(words, bounded=False):
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + alt + r")(?![\wÀ-ỹ])" if bounded else alt)


def _trie(words, bounded=False):
    from analysis.vocab import literal_alternation
    alt = literal_alternation(words)
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + alt + r")(?![\wÀ-ỹ])" if bounded else alt)


words_of = st.lists(st.text(alphabet="aăcấphuyệnxã ,/-.()", min_size=1, max_size=8), min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(words_of, st.text(alphabet="aăcấphuyệnxã ,/-.()t", max_size=60), st.booleans())
def test_a_trie_of_words_finds_the_spans_their_alternation_finds(words, text, bounded):
    # the same matches, with the same extents (longest word first at each position), bounded or not
    assert [m.span() for m in _trie(words, bounded).finditer(text)] == \
        [m.span() for m in _plain_alternation(words, bounded).finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, spaced))
def test_the_level_and_category_tries_match_their_alternations(text):
    from analysis.vocab import any_category_word, category_words, level_vocabulary, whole_unit_rx, _reading
    low = text.lower()
    for unit in ("province", "city"):
        for lv, phrases in level_vocabulary(unit).items():
            plain = _plain_alternation(phrases, bounded=True)
            assert [m.span() for m in reading_levels(unit)[lv].finditer(low)] == [m.span() for m in plain.finditer(low)]
    for dom, ws in category_words().items():
        assert bool(any_category_word()[dom].search(low)) == any(w in low for w in ws)
    whole = [str(p).lower() for p in _reading().get("whole_unit") or ()]
    assert [m.span() for m in whole_unit_rx().finditer(low)] == \
        [m.span() for m in _plain_alternation(whole, bounded=True).finditer(low)]


def test_literal_alternation_shares_prefixes():
    from analysis.vocab import literal_alternation
    assert literal_alternation(["cấp tỉnh", "cấp huyện", "các sở", "cấp"]) == r"c(?:ác\ sở|ấp(?:\ (?:huyện|tỉnh))?)"
    assert not re.search(literal_alternation([]), "cấp tỉnh")


counts = st.lists(st.sampled_from(["5", "05", "12", "123", "1234", "12345", "/", " / ", ".", ",", " huyện", " hồ sơ",
                                   " (A, B, C, D)", "(", ")", " ", "a", ":", "x1", "1.234"]), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(counts)
def test_digit_led_count_patterns_match_the_plain_ones(text):
    # _COUNT_BEFORE and _COUNT_PAREN start with their first digit (the engine skips to digits); the plain
    # form looks back before the run instead
    from analysis import checks_text as T
    for led, width in ((T._COUNT_BEFORE, 3), (T._COUNT_PAREN, 2)):
        led_part = r"\d(?<![\d.,/]\d)\d{0,%d}" % width
        assert led_part in led.pattern
        plain = re.compile(led.pattern.replace(led_part, r"(?<![\d.,/])\d{1,%d}" % (width + 1)))
        assert [(m.span(), m.groupdict()) for m in led.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["tính đến", "Tính đến", "ĐẾN", "đến", "tới", "Tới", "hết", " ngày ", " ", "15/12/2023",
                                 "14/3/2024", "/", "3", "a", "t", "đ"]), max_size=12).map("".join))
def test_the_cutoff_pattern_with_its_lead_letters_is_the_plain_one(text):
    from analysis import checks_text as T
    assert T._CUTOFF.pattern.startswith("(?=[tđ])")
    plain = re.compile(T._CUTOFF.pattern[len("(?=[tđ])"):], re.I)
    assert [m.span() for m in T._CUTOFF.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(st.one_of(digits, texts, st.lists(st.sampled_from(["23.410", " hồ sơ", "/", " / ", "24.618", "15/12/2023", "a/b",
                                                          "quận/huyện", " ", "1"]), max_size=12).map("".join)))
def test_a_text_skipped_for_fractions_has_none(text):
    # _fractions skips a text in which no '/' stands before a figure: neither pattern can match there
    if not N._SLASH_FIGURE.search(text):
        assert not N.FRACTION_RE.search(text) and not N.FRACTION_NOUN_RE.search(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["1.024", " hồ sơ", " trực tuyến", "/", "/ ", "tổng số", "Tổng số", "TỔNG SỐ", "tổng",
                                 " số", " ", "4.096", "15/12/2023", "a"]), max_size=12).map("".join))
def test_a_text_skipped_for_a_fraction_over_its_total_has_none(text):
    # the pattern of a base written "tổng số" (run under re.I) is tried only where the lowered text holds
    # the words, and the two others only where a '/' stands before a figure
    if "tổng số" not in text.lower():
        assert not N.FRACTION_OF_TOTAL_RE.search(text)


def test_a_labels_prefilter_is_held_by_every_text_it_stands_for():
    """facts._prefilter: one text all the alternatives hold (one substring test), else a pattern of them."""
    from analysis.facts import _common_text, _prefilter
    assert _prefilter(("nhận được", "tiếp nhận")) == "nhận"
    assert _prefilter(("online", "trực tuyến")).search("nộp online") and _prefilter(()) == ""
    assert _common_text(("hồ sơ tthc mới", "bộ hồ sơ mới")) == "hồ sơ "
    for ind in indicators():
        for must in ind.label_words:
            pre = _prefilter(must)
            if isinstance(pre, str) and pre:
                assert all(pre in m for m in must), (ind.code, must, pre)
