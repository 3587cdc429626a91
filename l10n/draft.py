"""Drafting: a bulletin's template → machine drafts a translator can trust.

Per segment (DESIGN.md, "Terminology and names"):

1. translation memory: an exact approved match is reused; close matches become examples;
2. the glossary terms and names the segment holds, valid on the bulletin's date;
3. the engine drafts with them as required renderings, the previous segment as context;
4. verification by the QA checks (terms, forbidden renderings, Chinese left, numbers, chatter);
5. repair: failing segments are retried with stronger constraints and the findings as
   feedback, bounded; the best draft by verification, then model score, wins; a segment
   still failing is drafted once more clause by clause, kept if that fixes something;
6. the entry is written ``fuzzy`` with notes: terms applied and missing, names, findings,
   confidence.

The catalog is rewritten atomically after every batch, so a killed draft resumes where it
stopped; approved entries are never touched. The old translation a re-ingest kept for a
changed segment (fuzzy, with its previous source) is left for review like any draft; only
``force`` redrafts it, and then keeps it visible as a ``previous-translation:`` note.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Callable, Iterator, MutableSet, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from l10n import __version__
from l10n.acronyms import introduced, spell_out_first
from l10n.catalog import APPROVED, DRAFT, UNTRANSLATED, Catalog, Entry, catalog_lock, merge_template, now_stamp, read_catalog, write_catalog
from l10n.config import Config
from l10n.dateline import Dateline, body_renderings, find_dateline
from l10n.engines.base import Engine, Hypothesis, Request
from l10n.errors import UnknownSlugError
from l10n.memory import Match, TranslationMemory
from l10n.quality.qa import HAN_RUN
from l10n.terms import Rendering

EngineFactory = Callable[[], Engine]
Progress = Callable[[int], None]

@dataclass
class Draft:
    """The outcome of drafting one segment."""

    source: str
    text: str
    required: tuple[Rendering, ...] = ()
    findings: list = field(default_factory=list)  # l10n.quality.qa.Finding
    confidence: float = math.nan
    attempts: int = 0
    origin: str = "engine"  # "engine", "tm" or "dedupe"
    examples: tuple[Match, ...] = ()
    repairs: tuple[str, ...] = ()

    @property
    def missing(self) -> list[Rendering]:
        from l10n.quality.qa import rendering_present

        return [r for r in self.required if r.enforced and not rendering_present(r, self.text)]

    @property
    def errors(self) -> int:
        return error_count(self.findings)


def error_count(findings) -> int:
    """How many of *findings* (``l10n.quality.qa.Finding``) are errors."""
    return sum(1 for f in findings if f.severity == "error")


RETRIED_WARNINGS = {"invented-month"}
"""Warnings a draft is retried for: the model made something up, though a reviewer may add it."""


def _to_fix(findings) -> list:
    """The *findings* a repair attempt is asked to fix: errors and :data:`RETRIED_WARNINGS`."""
    return [f for f in findings if f.severity == "error" or f.check in RETRIED_WARNINGS]


def required_renderings(text: str, matcher) -> list[Rendering]:
    """Glossary terms (from *matcher*), person/place names and 万/亿 figures in *text*.

    Each distinct ``source → target`` is listed once, at its first position.
    """
    from l10n.names import find_names, splits_a_place

    terms = [t for t in matcher.find(text) if not splits_a_place(text, t.start, t.end)] if matcher is not None else []
    terms = _titles_with_their_organ(terms)
    names = find_names(text, taken=[(r.start, r.end) for r in terms])
    taken = [(r.start, r.end) for r in (*terms, *names)]
    ordinals = [r for r in ordinal_renderings(text) if all(r.end <= s or r.start >= e for s, e in taken)]
    found = sorted([*terms, *names, *ordinals, *number_hints(text)], key=lambda r: (r.start, r.end))
    seen: set[tuple[str, str]] = set()
    unique = []
    for rendering in found:
        if (rendering.source, rendering.target) not in seen:
            seen.add((rendering.source, rendering.target))
            unique.append(rendering)
    return unique


def _titles_with_their_organ(terms: list[Rendering]) -> list[Rendering]:
    """*terms* with an organ and the title right after it that already names it made one
    rendering: 全国人大常委会 + 副委员长 ("Vice Chairman of the NPC Standing Committee") is
    the title alone, not "NPC Standing Committee Vice Chairman of the NPC Standing Committee".

    >>> organ = Rendering("全国人大常委会", "NPC Standing Committee", category="organ", start=0, end=7)
    >>> title = Rendering("副委员长", "Vice Chairman of the NPC Standing Committee", category="title", start=7, end=11)
    >>> [(r.source, r.target, r.start, r.end) for r in _titles_with_their_organ([organ, title])]
    [('全国人大常委会副委员长', 'Vice Chairman of the NPC Standing Committee', 0, 11)]
    """
    out: list[Rendering] = []
    for term in terms:
        organ = out[-1] if out else None
        if (organ is not None and organ.category == "organ" and term.category == "title" and organ.end == term.start
                and organ.target.lower() in term.target.lower()):
            out[-1] = replace(term, source=organ.source + term.source, start=organ.start)
        else:
            out.append(term)
    return out


_ORDINAL = re.compile(r"(第)?([一二三四五六七八九十百零]+)(届|次)")


def ordinal_renderings(text: str) -> list[Rendering]:
    """Ordinals of 10 and over before 届 (a congress's term) or in 第…次, written in figures:
    the small model drops a 十二届 it must spell out, but copies "12th".

    >>> [(r.source, r.target) for r in ordinal_renderings("十二届全国人大常委会第三十次会议举行第三次全体会议")]
    [('十二届', '12th'), ('第三十次', '30th')]
    """
    from l10n.quality.numbers import chinese_numeral_value, english_ordinal

    found = []
    for m in _ORDINAL.finditer(text):
        if m.group(3) == "次" and not m.group(1):
            continue  # 三次 is "three times", not "third"
        value = chinese_numeral_value(m.group(2))
        if value is None or value < 10 or value != int(value):
            continue
        figures, words = english_ordinal(int(value))  # QA matches renderings case-insensitively
        found.append(Rendering(m.group(0), figures, kind="ordinal", start=m.start(), end=m.end(), variants=(words,) if words else ()))
    return found


def number_hints(text: str) -> list[Rendering]:
    """Hints that spell out 万/亿 quantities, which small models often get wrong.

    They are not enforced as text: the ``numbers`` check accepts any equivalent form.

    >>> [(r.source, r.target) for r in number_hints("征集史料1.2万余份，投资3.5亿元，完成86万字")]
    [('1.2万', '12,000'), ('3.5亿', '350 million'), ('86万', '860,000')]
    """
    from l10n.quality.numbers import source_numbers

    hints = []
    for number in source_numbers(text):
        if not any(unit in number.text for unit in "万亿"):
            continue
        value = number.value
        if value >= 10**9 and value % 10**7 == 0:
            english = f"{float(value / 10**9):g} billion"
        elif value >= 10**6 and value % 10**4 == 0:
            english = f"{float(value / 10**6):g} million"
        else:
            english = f"{int(value):,}"
        hints.append(Rendering(number.text, english, kind="hint", start=number.start, end=number.end))
    return hints


def _rank(draft_findings: list, hypothesis: Hypothesis) -> tuple:
    errors = error_count(draft_findings)
    warnings = len(draft_findings) - errors
    score = hypothesis.score if not math.isnan(hypothesis.score) else -math.inf
    return (errors, warnings, -score)


def _repair_leftovers(text: str, required: Sequence[Rendering], engine: Engine | None) -> tuple[str, tuple[str, ...]]:
    """Replace Chinese left in *text*: by its required rendering, else by the engine's
    translation of the fragment alone, else by Pinyin; each replacement is recorded."""
    from pypinyin import lazy_pinyin

    by_source = {r.source: r.target for r in required if r.enforced}
    required_sources = set(by_source)
    runs = list(dict.fromkeys(HAN_RUN.findall(text)))
    fragments = [run for run in runs if run not in by_source]
    if engine is not None and fragments:
        for run, hyps in zip(fragments, engine.translate([Request(run) for run in fragments])):
            english = hyps[0].text.strip().rstrip(".").strip("<>[]\"'“”‘’ ") if hyps else ""
            if english and not HAN_RUN.search(english):
                by_source[run] = english
    repairs: list[str] = []

    def swap(match: re.Match) -> str:
        run = match.group(0)
        english = by_source.get(run) or "".join(lazy_pinyin(run, v_to_u=True)).capitalize()
        if run not in required_sources and re.search(r"[a-z][\s,]*$", match.string[: match.start()]) and english.istitle() and " " not in english:
            english = english.lower()  # one common word mid-sentence: "the business core", not "Core"
        repairs.append(f"{run} → {english}")
        before = match.string[match.start() - 1] if match.start() else " "
        after = match.string[match.end()] if match.end() < len(match.string) else " "
        return (" " if before.isalnum() else "") + english + (" " if after.isalnum() else "")

    return HAN_RUN.sub(swap, text), tuple(repairs)


def without_stray_markup(source: str, text: str) -> str:
    """*text* without the ``<`` ``>`` a small model wraps round words when *source* has none.

    With English written into the source, the model sometimes answers
    ``<HKSAR Government> Director Luo …`` or ``a <summary> speech``.

    >>> without_stray_markup("香港特区政府局长", "<HKSAR Government> Director")
    'HKSAR Government Director'
    >>> without_stray_markup("PM2.5<35微克", "PM2.5 <35 micrograms")
    'PM2.5 <35 micrograms'
    """
    if "<" in source or ">" in source:
        return text
    return re.sub(r" {2,}", " ", re.sub(r"[<>]", "", text)).strip()


def first_request(source: str, required: Sequence[Rendering], context: str | None = None, examples: Sequence[Match] = ()) -> Request:
    """The first engine request for *source*: required renderings written into it (code-switched).

    A wire-service dateline is rendered by rule (:mod:`l10n.dateline`), so only the body goes to the engine.
    """
    dateline = find_dateline(source, required)
    if dateline is not None:
        source, required = source[dateline.end :], body_renderings(required, dateline)
    return Request(source, tuple(required), context, tuple((m.source, m.translation) for m in examples), inline=True)


SPLICE_SIMILARITY = 85.0


def splice_required(source: str, text: str, required: Sequence[Rendering], findings: Sequence = ()) -> tuple[str, tuple[str, ...]]:
    """Post-edit *text* where the model wrote a required rendering nearly but not exactly.

    For each enforced rendering that is missing: a forbidden form the glossary lists
    (the editor's "never write") is replaced by the target; else a near miss (rapidfuzz
    similarity ≥ 85, e.g. "Zhang Yuxia" for "Zhang Youxia") is; else, for a title held by
    a name next to it in the source (习近平总书记), the title the model put before that
    name ("President Xi Jinping") is replaced, or the title is put there if it has none.
    A splice is kept only when it lowers the QA errors. A name, place or institution
    written all in lower case is first put back in its rendering's case. Returns the text
    and what was replaced.

    >>> from l10n.terms import Rendering
    >>> splice_required("张又侠出席。", "Zhang Yuxia attended.", [Rendering("张又侠", "Zhang Youxia", kind="name", start=0, end=3)])
    ('Zhang Youxia attended.', ('Zhang Yuxia → Zhang Youxia',))
    >>> splice_required("政协开会。", "The People's Political Consultative Committee met.",
    ...                 [Rendering("政协", "CPPCC", forbidden=("People's Political Consultative Committee",))])
    ('The CPPCC met.', ("People's Political Consultative Committee → CPPCC",))
    >>> xi = Rendering("习近平", "Xi Jinping", kind="name", start=0, end=3)
    >>> splice_required("习近平总书记指出。", "President Xi Jinping pointed out.",
    ...                 [xi, Rendering("总书记", "General Secretary", category="title", start=3, end=6)])
    ('General Secretary Xi Jinping pointed out.', ('President → General Secretary',))
    """
    from l10n.quality.qa import forbidden_hits, check_segment, find_rendering

    text, repairs = _capitalise_proper_nouns(text, required)
    errors = error_count(check_segment(source, text, required) if repairs or not findings else findings)
    for rendering in required:
        if not rendering.enforced or find_rendering(rendering, text) is not None:
            continue
        for (start, end), new in _splice_candidates(rendering, required, text):
            old = text[start:end]
            if any(find_rendering(other, old) for other in required if other is not rendering):
                continue  # never overwrite another required rendering
            candidate = text[:start] + new + text[end:]
            candidate_errors = error_count(check_segment(source, candidate, required))
            if candidate_errors < errors:
                text, errors = candidate, candidate_errors
                repairs.append(f"{old.strip() or '(none)'} → {new.strip()}")
                break
    return text, tuple(repairs)


PROPER_NOUN_CATEGORIES = {"place", "organ", "institution", "person"}


def _capitalise_proper_nouns(text: str, required: Sequence[Rendering]) -> tuple[str, list[str]]:
    """*text* with a name, place or institution the model wrote all in lower case
    ("urumqi") put back in the case of its rendering; titles are left alone, since
    they are lower case after a name. Returns the text and what was replaced.

    >>> _capitalise_proper_nouns("in urumqi's centre", [Rendering("乌鲁木齐", "Urumqi", kind="place")])
    ("in Urumqi's centre", ['urumqi → Urumqi'])
    """
    from l10n.quality.qa import find_rendering

    repairs = []
    for rendering in required:
        if not (rendering.kind in ("name", "place") or rendering.category in PROPER_NOUN_CATEGORIES):
            continue
        found = find_rendering(rendering, text)
        if found is None:
            continue
        form, (start, _) = found
        written = text[start : start + len(form)]
        if written.islower() and not form.islower() and len(written) == len(form):
            text = text[:start] + form + text[start + len(form) :]
            repairs.append(f"{written} → {form}")
    return text, repairs


def _splice_candidates(rendering: Rendering, required: Sequence[Rendering], text: str) -> Iterator[tuple[tuple[int, int], str]]:
    """Where *rendering* could be spliced into *text*, best first, with the text to put there."""
    from l10n.quality.qa import forbidden_hits

    for _, span in forbidden_hits(rendering, text)[:1]:
        yield span, rendering.target
    span = _near_miss(rendering.target, text)
    if span is not None:
        yield span, rendering.target
    slot = _title_slot(rendering, required, text)
    if slot is not None:
        yield slot


_TITLE_BEFORE = re.compile(
    r"(?:\b(?:(?:Vice|Deputy|Executive|Acting|Honorary|Chief|Party|Standing)[ -])*"
    r"(?:President|Premier|Chairman|Chairwoman|Chair|Secretary|Secretary-General|General Secretary|Director|"
    r"Director-General|Minister|Mayor|Governor|Member|Head|Commissioner|Commissar|Leader|Comrade) )?$"
)


def _title_slot(title: Rendering, required: Sequence[Rendering], text: str) -> tuple[tuple[int, int], str] | None:
    """Where *title* belongs in *text* and what to write there: the English title before
    its holder's name is replaced, or *title* is put just before the name (after "and"
    when the title there is another required one, as in 总书记、国家主席习近平); None
    unless a name sits next to *title* in the source.

    >>> xi = Rendering("习近平", "Xi Jinping", kind="name", start=0, end=3)
    >>> gs = Rendering("总书记", "General Secretary", category="title", start=3, end=6)
    >>> _title_slot(gs, [xi, gs], "praised President Xi Jinping's speech")
    ((8, 18), 'General Secretary ')
    >>> _title_slot(gs, [xi, gs], "praised Xi Jinping's speech")
    ((8, 8), 'General Secretary ')
    >>> president = Rendering("国家主席", "President", category="title", start=4, end=8)
    >>> xi_after = Rendering("习近平", "Xi Jinping", kind="name", start=8, end=11)  # 总书记、国家主席习近平
    >>> _title_slot(president, [gs, president, xi_after], "General Secretary Xi Jinping spoke")
    ((18, 18), 'and President ')
    """
    from l10n.quality.qa import find_rendering

    if title.category != "title":
        return None
    for name in required:
        if name.kind == "name" and (name.end == title.start or title.end == name.start):
            found = find_rendering(name, text)
            if found is None:
                continue
            at = found[1][0]
            before = _TITLE_BEFORE.search(text[:at])
            if before is None or before.start() == at:
                return (at, at), f"{title.target} "
            if any(other.category == "title" and find_rendering(other, text[before.start() : at]) for other in required):
                return (at, at), f"and {title.target} "
            return (before.start(), at), f"{title.target} "
    return None


def _near_miss(target: str, text: str) -> tuple[int, int] | None:
    """The run of whole words in *text* most like *target*, if similar enough.

    >>> text = "chaired by Director Li Chenming of the committee"
    >>> span = _near_miss("Li Chengming", text); text[span[0]:span[1]]
    'Li Chenming'

    The same words in another order count too ("CPPCC Committee of Loufan County" for
    "Loufan County CPPCC Committee"), with "of", "the" and a possessive "'s" ignored.

    >>> text = "The CPPCC Committee of Loufan County visited."
    >>> span = _near_miss("Loufan County CPPCC Committee", text); text[span[0]:span[1]]
    'CPPCC Committee of Loufan County'
    >>> text = "He studied at the CPC Central Committee's Party School in 2005."
    >>> span = _near_miss("Party School of the CPC Central Committee", text); text[span[0]:span[1]]
    "CPC Central Committee's Party School"
    """
    from rapidfuzz import fuzz

    if len(target) < 4:
        return None
    words = [m.span() for m in re.finditer(r"[\w'’-]+", text)]
    size = len(target.split())
    content = sorted(w for w in target.lower().split() if w not in _GLUE)
    best, best_score = None, SPLICE_SIMILARITY
    for n in {max(1, size - 1), size, size + 1, size + 2, max(1, len(content))}:
        for i in range(len(words) - n + 1):
            start, end = words[i][0], words[i + n - 1][1]
            run = text[start:end].lower()
            score = fuzz.ratio(target.lower(), run)
            run_words = [re.sub(r"['’]s$", "", w) for w in run.split()]
            if size > 1 and not _GLUE & {run_words[0], run_words[-1]} and sorted(w for w in run_words if w not in _GLUE) == content:
                score = max(score, 99.0)
            if score >= best_score:
                best, best_score = (start, end), score
    return best


_GLUE = {"of", "the"}


def draft_segment(
    engine: Engine,
    source: str,
    required: Sequence[Rendering] = (),
    *,
    context: str | None = None,
    examples: Sequence[Match] = (),
    max_attempts: int = 3,
    n_best: int = 1,
    first: list[Hypothesis] | None = None,
    acronyms: MutableSet[str] | None = None,
) -> Draft:
    """Draft *source*, verify, and repair up to *max_attempts* engine calls, then, if it still
    fails and has several clauses, one more call drafting it clause by clause.

    *first* are hypotheses already computed for the first attempt (batched). *acronyms* are
    those the text has spelled out before this segment: one not among them is written in
    full here (:func:`l10n.acronyms.spell_out_first`) and added; None leaves acronyms as drafted.
    """
    from l10n.quality.qa import check_segment

    dateline = find_dateline(source, required)
    if dateline is not None:
        return _draft_after_dateline(engine, dateline, required, context=context, examples=examples,
                                     max_attempts=max_attempts, n_best=n_best, first=first)
    request = first_request(source, required, context, examples)
    best: tuple[tuple, Hypothesis, list] | None = None
    attempts = 0
    for attempt in range(max(1, max_attempts)):
        hypotheses = first if attempt == 0 and first is not None else engine.translate([request], n_best=n_best)[0]
        attempts += 1
        for hyp in hypotheses:
            hyp = replace(hyp, text=without_stray_markup(source, hyp.text))
            findings = check_segment(source, hyp.text, required)
            key = _rank(findings, hyp)
            if best is None or key < best[0]:
                best = (key, hyp, findings)
        if best is not None and not _to_fix(best[2]):
            break
        feedback = tuple(f.message for f in _to_fix(best[2])) if best else ()
        request = replace(request, strict=True, feedback=feedback, previous=best[1].text if best else None)
    _, hyp, findings = best if best else ((), Hypothesis(""), [])
    text, repairs = splice_required(source, hyp.text.strip(), required, findings)
    if repairs:
        findings = check_segment(source, text, required)
    clauses = clause_pieces(source, required) if error_count(findings) and max_attempts > 1 else []
    if clauses:  # a last attempt, clause by clause; a whole-sentence draft reads better, so it must fix something
        attempts += 1
        by_clauses = _draft_by_clauses(engine, clauses)
        clause_text, clause_repairs = splice_required(source, by_clauses.text, required)
        clause_findings = check_segment(source, clause_text, required)
        if error_count(clause_findings) < error_count(findings):
            hyp, text, repairs, findings = by_clauses, clause_text, clause_repairs, clause_findings
    if HAN_RUN.search(text):
        text, leftovers = _repair_leftovers(text, required, engine)
        repairs += leftovers
        findings = check_segment(source, text, required)
    if acronyms is not None:
        text, spelled = spell_out_first(text, required, acronyms)
        if spelled:
            repairs += spelled
            findings = check_segment(source, text, required)
    return Draft(source, text, tuple(required), findings, hyp.confidence, attempts, "engine", tuple(examples), repairs)


CLAUSE_BREAK = re.compile(r"[，；。！？、]")
SHORTEST_CLAUSE = 6
_CLAUSE_MARK = {"，": ",", "；": ";", "。": ".", "！": "!", "？": "?", "、": ","}
_FUNCTION_WORDS = {"The", "A", "An", "And", "It", "Its", "This", "These", "That", "Those", "He", "She", "They", "We", "His", "Her",
                   "Their", "Our", "In", "On", "At", "To", "With", "For", "By", "From", "As", "Who", "Which", "Many", "All",
                   "Some", "Each", "Every", "Both", "Such", "There"}


def clause_pieces(source: str, required: Sequence[Rendering]) -> list[tuple[str, str, list[Rendering]]]:
    """*source* cut after each ``，；。！？、`` into clauses of at least 6 characters, each
    with the punctuation that ended it and the renderings inside it (spans moved to the
    clause); empty when there is one clause only. A short clause joins the next one, a
    short tail the one before.

    A small model drops terms from a long list of titles; one clause at a time it keeps them.

    >>> [(c, p) for c, p, _ in clause_pieces("中共中央政治局常委王沪宁，中央书记处书记蔡奇出席。", [])]
    [('中共中央政治局常委王沪宁', '，'), ('中央书记处书记蔡奇出席', '。')]
    >>> [(c, p) for c, p, _ in clause_pieces("中共中央总书记、国家主席、中央军委主席习近平回信。", [])]
    [('中共中央总书记', '、'), ('国家主席、中央军委主席习近平回信', '。')]
    >>> clause_pieces("会议在京召开。", []), clause_pieces("中亚、西亚以及欧洲", [])
    ([], [])
    """
    pieces: list[tuple[int, int, str]] = []
    start = 0
    for mark in CLAUSE_BREAK.finditer(source):
        if pieces and pieces[-1][1] - pieces[-1][0] < SHORTEST_CLAUSE:  # too short to stand alone
            pieces[-1] = (pieces[-1][0], mark.start(), mark.group())
        else:
            pieces.append((start, mark.start(), mark.group()))
        start = mark.end()
    if source[start:].strip():
        if pieces and min(len(source) - start, pieces[-1][1] - pieces[-1][0]) < SHORTEST_CLAUSE:
            pieces[-1] = (pieces[-1][0], len(source), "")
        else:
            pieces.append((start, len(source), ""))
    if len(pieces) < 2:
        return []
    out = []
    for begin, end, mark in pieces:
        text = source[begin:end]
        inside = [replace(r, start=r.start - begin, end=r.end - begin) if r.end > r.start else r
                  for r in required if (begin <= r.start and r.end <= end if r.end > r.start else r.source in text)]
        out.append((text, mark, inside))
    return out


_PINYIN = re.compile(r"(?:(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])(?:i?ang|i?ong|uang|eng|ing|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|ve|[aoeiuvü])"
                     r"|a[io]?|o[u]?|e[ir]?|[ae]ng?)+")


def _lowers_after_comma(english: str, required: Sequence[Rendering]) -> bool:
    """Whether a clause's *english*, joined after a comma, should start in lower case: its
    first word is a function word, or an ordinary English word (not Pinyin, not a required
    rendering, not the head of a capitalised phrase).

    >>> [e for e in ("The meeting", "The Party", "Conducting surveys", "If the", "He Shengbu", "Beijing is", "Xining has",
    ...              "National People's Congress", "Africa is") if _lowers_after_comma(e, [])]
    ['The meeting', 'The Party', 'Conducting surveys', 'If the']
    """
    from l10n.names import is_common_english

    words = english.split(" ", 2)
    first, capital_next = words[0], len(words) > 1 and words[1][:1].isupper()
    if not (first[:1].isupper() and first[1:].islower()) or any(english.startswith(r.target) for r in required):
        return False
    pinyin = _PINYIN.fullmatch(first.lower()) is not None
    if first in _FUNCTION_WORDS:
        return not (pinyin and capital_next)  # "He Shengbu", "An Lumeng" are names
    return not (capital_next or pinyin) and is_common_english(first)


def _draft_by_clauses(engine: Engine, clauses: list[tuple[str, str, list[Rendering]]]) -> Hypothesis:
    """One hypothesis made of the engine's drafts of each clause, joined by the English of
    the punctuation between them; its score is the worst clause's."""
    replies = engine.translate([first_request(text, required) for text, _, required in clauses])
    parts: list[str] = []
    scores, tokens = [], 0
    for (text, mark, required), hyps in zip(clauses, replies):
        hyp = hyps[0] if hyps else Hypothesis("")
        english = without_stray_markup(text, hyp.text).strip().rstrip(".;,。，；")
        if parts and parts[-1][-1:] in ",;" and _lowers_after_comma(english, required):
            english = english[0].lower() + english[1:]
        parts.append(english + _CLAUSE_MARK.get(mark, ""))
        scores.append(hyp.score)
        tokens += hyp.tokens
    score = min((s for s in scores if not math.isnan(s)), default=math.nan)
    return Hypothesis(" ".join(parts), score=score, tokens=tokens)


def _dateline_only(source: str, required: Sequence[Rendering]) -> bool:
    dateline = find_dateline(source, required)
    return dateline is not None and not source[dateline.end :].strip()


def _draft_after_dateline(engine: Engine, dateline: Dateline, required: Sequence[Rendering], **kwargs) -> Draft:
    """The dateline's English, then the engine's draft of the rest of the segment."""
    from l10n.quality.qa import check_segment

    source, body = dateline.source, dateline.source[dateline.end :]
    required = [*required, *(r for r in dateline.renderings if (r.source, r.target) not in {(q.source, q.target) for q in required})]
    if not body.strip():
        text, drafted = dateline.english, Draft(body, "")
    else:
        drafted = draft_segment(engine, body, body_renderings(required, dateline), **kwargs)
        text = f"{dateline.english} {drafted.text}"
    findings = check_segment(source, text, required)
    return replace(drafted, source=source, text=text, required=tuple(required), findings=findings)


def draft_notes(draft: Draft) -> list[str]:
    """The ``#.`` notes recording how a draft was made and what is wrong with it."""
    notes = [f"{r.kind}: {r.source} → {r.target}" for r in draft.required]
    notes += [f"missing: {r.source} → {r.target}" for r in draft.missing]
    notes += [f"qa: {f.note()}" for f in draft.findings]
    notes += [f"repair: replaced {r}" for r in draft.repairs]
    if not math.isnan(draft.confidence):
        notes.append(f"confidence: {draft.confidence:.2f}")
    if draft.origin == "tm":
        notes.append(f"tm: exact ({draft.examples[0].origin})" if draft.examples else "tm: exact")
    else:
        notes += [f"tm-example: {m.similarity:.0f}% {m.source} → {m.translation}" for m in draft.examples]
    if draft.attempts > 1:
        notes.append(f"attempts: {draft.attempts}")
    return notes


def _apply(entry: Entry, draft: Draft) -> None:
    """Put *draft* on *entry* as a fuzzy draft with its notes. The translation a changed
    segment kept (it has a previous source) stays visible as a ``previous-translation:`` note."""
    kept = entry.notes_for("previous-translation")
    if not kept and entry.previous_source and entry.translation:
        kept = [" ".join(entry.translation.split())]
    entry.translation = draft.text
    entry.fuzzy = True
    entry.notes = draft_notes(draft)
    entry.set_notes("previous-translation", kept)


@dataclass
class DraftSummary:
    slug: str
    path: Path
    total: int = 0
    drafted: int = 0
    reused: int = 0
    deduped: int = 0
    skipped: int = 0
    approved: int = 0
    with_findings: int = 0
    seconds: float = 0.0


def bulletin_date(catalog: Catalog) -> dt.date | None:
    try:
        return dt.date.fromisoformat(catalog.header.get("X-Bulletin-Date", ""))
    except ValueError:
        return None


def prepare_catalog(config: Config, slug: str) -> Catalog:
    """The slug's catalog merged with its current template (not yet written)."""
    template_path = config.template_path(slug)
    if not template_path.is_file():
        raise UnknownSlugError(f"No template for bulletin {slug!r} in {template_path.parent}; run `l10n ingest BULLETIN --slug {slug}` first.")
    template = read_catalog(template_path)
    target = config.catalog_path(slug)
    existing = read_catalog(target) if target.is_file() else None
    merged, _ = merge_template(template, existing, language=config.target_language)
    return merged


def glossary_matcher(config: Config, on: dt.date | None):
    from l10n.glossary import load_glossary

    glossary = load_glossary(config)
    return glossary, glossary.matcher(on=on)


def draft_catalog(
    config: Config,
    slug: str,
    *,
    engine_factory: EngineFactory,
    force: bool = False,
    batch_size: int = 8,
    n_best: int = 1,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> DraftSummary:
    """Draft every untranslated entry of *slug* (and earlier drafts with *force*).

    The catalog is locked meanwhile: a review of the same bulletin cannot interleave.
    """
    with catalog_lock(config.catalog_path(slug)):
        return _draft_catalog(config, slug, engine_factory=engine_factory, force=force, batch_size=batch_size,
                              n_best=n_best, progress=progress, on_total=on_total)


def _draft_catalog(config: Config, slug: str, *, engine_factory: EngineFactory, force: bool, batch_size: int, n_best: int,
                   progress: Progress | None, on_total: Callable[[int], None] | None) -> DraftSummary:
    started = time.perf_counter()
    catalog = prepare_catalog(config, slug)
    path = config.catalog_path(slug)
    summary = DraftSummary(slug, path, total=len(catalog.entries))
    glossary, matcher = glossary_matcher(config, bulletin_date(catalog))
    tm = TranslationMemory.from_directory(path.parent, exclude=slug)
    tm.add_catalog(catalog)

    todo = [e for e in catalog.entries if e.state == UNTRANSLATED or (force and e.state == DRAFT)]
    summary.approved = sum(1 for e in catalog.entries if e.state == APPROVED)
    summary.skipped = len(catalog.entries) - len(todo) - summary.approved
    groups: dict[str, list[Entry]] = {}
    for entry in todo:
        groups.setdefault(entry.source, []).append(entry)
    if on_total:
        on_total(len(todo))

    previous = {e.context: (catalog.entries[i - 1].source if i else None) for i, e in enumerate(catalog.entries)}
    catalog.header["X-Glossary-Revision"] = glossary.revision
    catalog.header["X-Generator"] = f"l10n {__version__}"
    write_catalog(catalog, path)

    engine: Engine | None = None
    pending = list(groups.items())
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        jobs = []
        for source, entries in batch:
            required = required_renderings(source, matcher)
            exact = tm.exact(source)
            if exact is not None:
                draft = Draft(source, exact.translation, tuple(required), origin="tm", examples=(exact,))
                from l10n.quality.qa import check_segment

                draft.findings = check_segment(source, draft.text, required)
                jobs.append((entries, draft, None))
            elif _dateline_only(source, required):
                jobs.append((entries, draft_segment(None, source, required), None))
            else:
                examples = tm.similar(source)
                jobs.append((entries, None, (required, examples)))
        engine_jobs = [j for j in jobs if j[1] is None]
        if engine_jobs:
            if engine is None:
                engine = engine_factory()
                catalog.header.update({"X-Engine": engine.name, "X-Model": engine.model_id, "X-Model-SHA256": engine.model_sha256})
            requests = [first_request(entries[0].source, req, previous.get(entries[0].context), ex) for entries, _, (req, ex) in engine_jobs]
            firsts = engine.translate(requests, n_best=n_best)
        results = []
        k = 0
        in_batch = {e.context for entries, _, _ in jobs for e in entries}
        for entries, draft, args in jobs:
            if draft is None:
                required, examples = args
                draft = draft_segment(
                    engine, entries[0].source, required, context=previous.get(entries[0].context), examples=examples,
                    max_attempts=config.max_attempts, n_best=n_best, first=firsts[k],
                    acronyms=_spelled_out_before(catalog, entries[0], in_batch, results) if config.spell_out_acronyms else None,
                )
                k += 1
            if draft.origin == "tm":
                summary.reused += 1
            else:
                summary.drafted += 1
            results.append((entries, draft))
        for entries, draft in results:
            for i, entry in enumerate(entries):
                _apply(entry, draft)
                if i:
                    entry.notes.append(f"dedupe: same source as {entries[0].context}")
                    summary.deduped += 1
                summary.with_findings += bool(draft.findings)
            if progress:
                progress(len(entries))
        catalog.header["PO-Revision-Date"] = now_stamp()
        write_catalog(catalog, path)
    summary.seconds = time.perf_counter() - started
    return summary


def _spelled_out_before(catalog: Catalog, entry: Entry, in_batch: set[str], results: list[tuple[list[Entry], Draft]]) -> set[str] | None:
    """The acronyms spelled out before *entry* in the body: in the catalog's earlier
    translations (those of this batch not yet written, so taken from *results*, the batch's
    drafts so far). None for the title: a headline keeps its acronyms, the body spells them out."""
    if entry.paragraph == 0:
        return None
    earlier = []
    for e in catalog.entries:
        if e.context == entry.context:
            break
        if e.paragraph and e.context not in in_batch and e.translation:
            earlier.append(e.translation)
    return introduced([*earlier, *(draft.text for entries, draft in results if entries[0].paragraph)])


def retranslate(config: Config, catalog: Catalog, entry: Entry, *, engine: Engine | None = None) -> Entry:
    """A fresh machine draft of one *entry* (for review's "retranslate"); *catalog* is not written."""
    from l10n.engines import load_engine

    engine = engine or load_engine(catalog.header.get("X-Model") or config.default_model, config)
    _, matcher = glossary_matcher(config, bulletin_date(catalog))
    required = required_renderings(entry.source, matcher)
    index = next((i for i, e in enumerate(catalog.entries) if e.context == entry.context), 0)
    context = catalog.entries[index - 1].source if index else None
    tm = TranslationMemory.from_directory(config.catalog_path(catalog.slug).parent, exclude=catalog.slug)
    acronyms = _spelled_out_before(catalog, entry, set(), []) if config.spell_out_acronyms else None
    draft = draft_segment(engine, entry.source, required, context=context, examples=tm.similar(entry.source),
                          max_attempts=config.max_attempts, acronyms=acronyms)
    new = replace(entry, references=list(entry.references), notes=list(entry.notes))  # sign-off and previous source stay
    _apply(new, draft)
    return new


def translate_texts(texts: Sequence[str], *, engine: Engine, matcher=None, max_attempts: int = 3,
                    spell_out_acronyms: bool = False) -> Iterator[Draft]:
    """Draft ad-hoc sentences with the same constraints and repair as catalogs (``l10n translate``);
    the texts are one text, so an acronym is spelled out at its first mention only.

    A generator, so callers can print each draft as soon as it is done.
    """
    previous = None
    acronyms: set[str] | None = set() if spell_out_acronyms else None
    for text in texts:
        yield draft_segment(engine, text, required_renderings(text, matcher), context=previous, max_attempts=max_attempts, acronyms=acronyms)
        previous = text
