"""Every tuning distance and threshold of reading and checking, in one validated settings object.

Each field says why it has its value. Change them here, not in the stages (pdfplumber keeps its
tolerances the same way).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingSettings:
    # A label further than this (characters) from its number does not describe it: two clauses away
    # in the long sentences of these reports.
    label_gap: int = 60
    # A label after a number (e.g. "264.740 hồ sơ đã tiếp nhận") is looked for this far ahead.
    label_reach_after: int = 45
    # A sentence's opening clause ("Đối với hồ sơ thuộc thẩm quyền của các sở, ...") sets the level of
    # its figures when it is at most this long; longer heads name systems or agencies in passing.
    lead_reach: int = 80
    # A unit noun must follow its figure within this many characters ("1.598 hồ sơ", "8,98 ngàn HS").
    unit_reach: int = 30
    # The total of a "trong đó" list is at most this far before the marker (the total's clause).
    total_reach: int = 250
    # Counts this many blocks back (within one section) can be the base of a percentage whose
    # base is not stated: a press paragraph often states the received total one paragraph earlier.
    denominator_blocks_back: int = 2
    # A run of rates after one "tỷ lệ" ("Tỷ lệ ... trước hạn chiếm 84,81%, đúng hạn chiếm 14,65%, trễ hạn
    # chiếm 0,53%") names them all within this many characters (one clause of three or four rates).
    rate_run_reach: int = 200
    # A percentage is the share of the count before it when only the count's own clause stands between them,
    # at most this long, ending on a share link ("Có 1.054 DVC đã được tích hợp, cung cấp trên Cổng Dịch vụ
    # công quốc gia, đạt tỷ lệ 93,94%": 75 characters).
    share_gap: int = 100
    # A count written over its total ("18.640 hồ sơ được thanh toán trực tuyến trên tổng số 42.315 hồ sơ")
    # has at most this many characters of its own clause between it and its total (47 there).
    over_total_gap: int = 90
    # A table row whose name is a level phrase at most this long ("Cấp tỉnh", "UBND cấp huyện") is that
    # level's total; a longer name ("Sở Tư pháp, cấp tỉnh ...") is an entity.
    level_row_name: int = 25
    # A stated share may exceed 100 % by no more than its own rounding (rates are shares of a part).
    share_max: float = 100.0
    # Parts and totals of one fact-level relation are looked for this many lines around the total.
    part_window: tuple = (-3, 12)
    level_window: tuple = (-2, 20)
    # Lines above a table searched for its form code ("Biểu số II.03b/VPCP/KSTT").
    form_lookback: int = 30
    # A period phrase must have figures this close after it to describe them.
    figures_ahead: int = 160
    # A stated window is its labelled period's own when as long as it within this many days and ending at
    # most this many days after it, or three times as many before ("tháng 5" over 21/4–20/5: 0 and 11 days).
    window_slack_days: int = 10
    # A hard-wrapped text (a PDF's text export) breaks its lines mid-sentence at one width: a line at least this share
    # of the text's longest running-text line, and at least wrap_min characters long, that ends unfinished goes on in
    # the next (textwrap at 78 columns leaves lines of 66 or more but for a long word or figure; pdftotext's
    # proportional widths vary by about a tenth).
    wrap_fill: float = 0.75
    wrap_min: int = 50
    # No export wraps wider than this: a text with longer lines writes a paragraph per line.
    wrap_max: int = 200
    # Per-file limits: a provincial report is well under 1 MB as text (the largest shipped one is 78 kB)
    # and a few MB as PDF; a bigger file, or one that takes longer than this to read and check, is
    # refused by name instead of holding up the batch.
    max_file_mb: float = 25.0
    max_seconds_per_file: float = 60.0

    def __post_init__(self):
        for name in ("label_gap", "label_reach_after", "unit_reach", "lead_reach", "total_reach", "form_lookback",
                     "figures_ahead", "rate_run_reach", "share_gap", "over_total_gap", "level_row_name",
                     "window_slack_days"):
            if getattr(self, name) <= 0:
                raise ValueError(f"ReadingSettings.{name} must be positive, got {getattr(self, name)}")
        if self.max_file_mb <= 0 or self.max_seconds_per_file <= 0:
            raise ValueError("ReadingSettings.max_file_mb and max_seconds_per_file must be positive")
        if not 0.5 <= self.wrap_fill <= 1 or not 0 < self.wrap_min < self.wrap_max:
            raise ValueError("ReadingSettings.wrap_fill must be between 0.5 and 1, and 0 < wrap_min < wrap_max")
        if not 0 <= self.denominator_blocks_back <= 5:
            raise ValueError("ReadingSettings.denominator_blocks_back must be between 0 and 5")
        for name in ("part_window", "level_window"):
            lo, hi = getattr(self, name)
            if lo > 0 or hi < 0:
                raise ValueError(f"ReadingSettings.{name} must span the total's own line")


SETTINGS = ReadingSettings()
