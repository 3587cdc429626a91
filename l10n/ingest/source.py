"""A bulletin's source office, as its info line names it, without the page's hit counter.

Scraped info lines run the office into the counter after it (``来源：晋中市委党史研究室浏览次数：2086``):
the office ends where a hit counter (the vocabulary role ``hit_counters``) starts, followed by
a colon, a number or nothing.

>>> clean_source("晋中市委党史研究室浏览次数：2086"), clean_source("平遥县融媒体中心 点击量: 35"), clean_source("县政府 阅读 120")
('晋中市委党史研究室', '平遥县融媒体中心', '县政府')
>>> clean_source("全民阅读促进会"), clean_source("  县政府 | ")
('全民阅读促进会', '县政府')
"""

from __future__ import annotations

import functools
import re

from l10n.vocabulary import alternation

__all__ = ["clean_source"]


@functools.cache
def _counter() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{alternation('hit_counters')})\s*(?:[:：]|\d|$).*", re.S)


def clean_source(text: str) -> str:
    """*text* (a source office as an info line gives it) cut before a hit counter, trimmed of
    the separators around it."""
    return _counter().sub("", text).strip(" \t|:：/·-—")
