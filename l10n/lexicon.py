"""Facts about Chinese and English text that several stages share, written once.

Every stage that needs to know what a Han character is, or how the English months are
spelled, asks this module; it sits below them all and imports nothing of l10n.

>>> HAN_RUN.findall("Loufan 娄烦县, 𠀋 and 﨑")
['娄烦县', '𠀋', '﨑']
>>> count_han("Hengyang 衡阳市"), is_han("衡"), is_han("，")
(3, True, False)
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han ideographs as a character-class body: CJK Unified (and Extension A), the
compatibility ideographs, and the supplementary planes' extensions B–H."""

CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
"""CJK symbols and punctuation, and the full-width forms: what sits between Han characters."""

HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    """Whether the character *ch* is a Han ideograph."""
    return bool(HAN_CHAR.fullmatch(ch))


def count_han(text: str) -> int:
    """How many Han characters *text* holds."""
    return len(HAN_CHAR.findall(text))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
"""English month names, January first: ``MONTHS[month - 1]``."""

MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                       "Oct": 10, "Nov": 11, "Dec": 12}
