"""QA checks on one translated segment, and on a bulletin's segments together.

Each check returns every finding, not the first (like Babel's checkers). A
finding is stored in a catalog entry as the note ``qa: <finding.note()>``.

Each check is registered once, with :func:`register`: its id (stable: notes, JUnit test
names and CI reports use them), its usual severity and a one-line title. :data:`REGISTRY`
holds them in the order they run; :data:`CHECKS`, the table below, the gate's test cases
(:data:`l10n.quality.gate.GATE_CHECKS`) and ``[check] disable`` in ``l10n.toml`` all derive
from it. A translation with no text gets ``empty`` only: every other check needs text.

{checks}

>>> from l10n.terms import Rendering
>>> [f.note() for f in check_segment("政协委员", "Members of the CPPCC", [Rendering("政协", "CPPCC")])]
[]
>>> [f.note() for f in check_segment("政协委员共35人", "Translation: 政协 members", [Rendering("政协", "CPPCC")])]
['chinese-left: 政协 left in the translation', 'numbers: 35 is missing', 'missing-term: 政协 → CPPCC not found', 'commentary: "Translation:" is not part of a translation']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from l10n.acronyms import find_spelled_out, unbracketed
from l10n.lexicon import CHATTER_TAG, HAN, HAN_RUN, MONTHS, phrase_pattern
from l10n.numbers import KEPT_UNITS, extra_numbers, misread_units, missing_numbers
from l10n.terms import Rendering
from l10n.vocabulary import alternation, table

__all__ = [
    "CHECKS",
    "ERROR",
    "REGISTRY",
    "WARNING",
    "Check",
    "Finding",
    "check_bulletin",
    "check_consistency",
    "check_segment",
    "find_rendering",
    "find_gaps",
    "forbidden_hits",
    "gap",
    "register",
    "repeated_phrase",
    "rendering_present",
]

ERROR, WARNING = "error", "warning"



@dataclass(frozen=True)
class Check:
    """One QA check: its id, usual severity (a note spells out another) and one-line title.

    ``function(source, translation, required)`` returns its findings on one segment; for a
    ``bulletin`` check, ``function(items)`` takes a bulletin's ``(source, translation,
    renderings)`` and returns ``(index, finding)`` pairs. A check that ``needs_text`` is
    not run on a translation with no text (``empty`` speaks for it).
    """

    id: str
    severity: str
    title: str
    function: Callable[..., Iterable] = field(repr=False, compare=False)
    needs_text: bool = True
    bulletin: bool = False


REGISTRY: dict[str, Check] = {}
"""Every QA check by id, in the order :func:`check_segment` runs them."""

CHECKS: dict[str, str] = {}
"""Every check id with its usual severity (a note only spells out an unusual one)."""


def register(id: str, severity: str, title: str, *, needs_text: bool = True, bulletin: bool = False):
    """Register the decorated function as the check *id* (see :class:`Check`)."""

    def add(function):
        REGISTRY[id] = Check(id, severity, title, function, needs_text, bulletin)
        CHECKS[id] = severity
        return function

    return add


def _table() -> str:
    """The reST table of the registered checks (the module docstring shows it)."""
    width = max(len(c.id) for c in REGISTRY.values()) + 4
    rule = f"{'=' * width}  ========  {'=' * 48}"
    rows = [f"{'``' + c.id + '``':<{width}}  {c.severity:<8}  {c.title}" for c in REGISTRY.values()]
    return "\n".join([rule, *rows, rule])


# Calibrated on ../shared/eval/prc_gov.dev (278 human zh→en pairs of PRC
# government text): English characters per non-space Chinese character have
# median 4.8, 1st percentile 2.7, 99th percentile 7.1 and maximum 8.5.
# Outside [2.0, 9.0] a segment is very likely truncated or padded. Short
# segments (titles, dates, datelines) vary too much to judge.
LENGTH_RATIO_BAND = (2.0, 9.0)
LENGTH_RATIO_MIN_CHARS = 10
# Below this a draft has left most of its sentence out: an error, not a warning. No human
# reference of ../shared/eval comes near it: the lowest ratio of 3,282 (prc_gov.dev 278,
# newstest2019 1,992, FLORES devtest 1,012) is 1.08, prc_gov.dev's 1.39; nor does any pipeline
# draft of the dev set (the lowest above 1.3). A one-word draft of a 60-character sentence is 0.1.
OMISSION_RATIO = 1.0

# A model caught in a loop repeats a phrase again and again ("the 10th anniversary of the
# founding of …, the 11th anniversary of the founding of …"). On the 3,290 human references
# in ../shared/eval, a 5-word phrase occurs 4 or more times in two sentences only, and each
# time the Chinese repeats its own wording more often than that (铁路局集团公司 ×4).
REPEAT_WORDS, REPEAT_TIMES = 5, 4

_NOTE = re.compile(r"^(?P<check>[a-z-]+)(?: \((?P<severity>error|warning)\))?: (?P<message>.*)$", re.S)

# (pattern, what it is, Chinese that would make it a faithful translation)
_COMMENTARY = [
    (re.compile(r"^\s*(?:English\s+)?(?:Translation|Translated text|English)\s*[:：]", re.I | re.M), None, None),
    (re.compile(r"^\s*(?:Notes?|Explanation)\s*[:：]", re.I | re.M), None, re.compile(r"[注说][明释]?[:：]")),
    (re.compile(r"\(\s*(?:Note|Notes|Translator'?s? note|Translation note)\s*[:：]", re.I), None, re.compile(r"注[:：]")),
    (re.compile(r"^\s*Here(?: is|'s| are)\b", re.I | re.M), None, re.compile(r"这[里是]")),
    (re.compile(r"\bI (?:have |'ve )?translated\b|\bI've translated\b", re.I), None, None),
    (re.compile(r"^\s*(?:Sure|Certainly|Of course|Okay|OK)\b(?:[,!.]|\s*$)", re.I | re.M), None, None),
    (CHATTER_TAG, "leftover tag", None),  # the model's markup, which the reply parser strips
    (re.compile(r"[<>]"), "markup", re.compile(r"[<>]")),
    # the model answering the prompt instead of translating ("… are not instructions to me.")
    (re.compile(r"\binstructions? (?:to|for) (?:me|you)\b|\bas an AI\b|\bI(?:'m| am)? (?:sorry|unable|cannot|can't)\b"
                r"|\b(?:source text|Chinese (?:government )?(?:text|bulletins?)) (?:translates?|reads?)\b", re.I),
     "a reply to the prompt", re.compile(r"[我你您]")),
    (re.compile(r"\([^()]*\btranslat[^()]*\)", re.I), "an explanation of the translation", None),
]


@dataclass(frozen=True)
class Finding:
    """One problem with a translation.

    ``span`` is the offending ``(start, end)`` in the translation, or None when
    the problem is something absent. It is not stored in notes, so it takes no
    part in equality: ``Finding.from_note(f.note()) == f``.

    >>> f = Finding("missing-term", ERROR, "政协 → CPPCC not found")
    >>> f.note()
    'missing-term: 政协 → CPPCC not found'
    >>> Finding.from_note(f.note()) == f
    True
    >>> Finding("length-ratio", ERROR, "too long").note()
    'length-ratio (error): too long'
    """

    check: str
    severity: str
    message: str
    span: tuple[int, int] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.severity not in (ERROR, WARNING):
            raise ValueError(f"severity must be {ERROR!r} or {WARNING!r}, not {self.severity!r}")
        if "\n" in self.message:
            object.__setattr__(self, "message", " ".join(self.message.split()))

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def note(self) -> str:
        """The catalog note value (stored as ``qa: <note>``)."""
        if CHECKS.get(self.check, ERROR) == self.severity:
            return f"{self.check}: {self.message}"
        return f"{self.check} ({self.severity}): {self.message}"

    @classmethod
    def from_note(cls, text: str) -> "Finding":
        """Parse what :meth:`note` wrote (with or without the ``qa: `` prefix).

        >>> Finding.from_note("qa: numbers (warning): 2020 is not in the source").severity
        'warning'
        """
        if text.startswith("qa: "):
            text = text[4:]
        match = _NOTE.match(text.strip())
        if match is None or match["check"] not in CHECKS:
            raise ValueError(f"not a QA note: {text!r}")
        check = match["check"]
        return cls(check, match["severity"] or CHECKS.get(check, ERROR), match["message"])


# ------------------------------------------------------------ term matching

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "‑": "-", "–": "-"})


def _normalise(text: str) -> str:
    # one-for-one replacements only, so spans stay valid in the original text
    return text.translate(_QUOTES)


def _pattern(form: str, *, inflected: bool = False) -> re.Pattern[str]:
    """A whole-word-ish pattern for an English rendering.

    Case-insensitive (titles such as "Director" are capitalised before a name
    and lowercase after it) except for all-capital acronyms (CPC, CPPCC);
    spaces and hyphens are interchangeable; a plural/possessive "s" may follow,
    and the noun before the first "of" may be plural ("Members of the Standing
    Committee", "Deputy Secretaries of the Party Committee": a title before several names).

    >>> bool(_pattern("Member of the Standing Committee").search("Members of the Standing Committee met"))
    True
    >>> [bool(_pattern("Deputy Secretary of the Committee").search(t)) for t in ("Deputy Secretaries of the Committee", "Deputy Secretarial of the Committee")]
    [True, False]
    """
    form = _normalise(form).strip()
    body = phrase_pattern([p for p in re.split(r"[\s-]+", form) if p], inflected=inflected)
    flags = 0 if re.fullmatch(r"[A-Z]{2,}", form) else re.IGNORECASE
    return re.compile(r"(?<![A-Za-z0-9])" + body + r"(?:'?s)?(?![A-Za-z0-9])", flags)


def _inflects(rendering: Rendering) -> bool:
    """Whether the words of *rendering* may be inflected where it is found: a glossary term
    (a policy formula: "study and implement", "reform and opening up") is written as the
    sentence needs it; a title, an organ, a place or a name is written as it stands.

    >>> [bool(find_rendering(Rendering("学习贯彻", "study and implement", category=c), "the studying and implementing of it")) for c in ("term", "organ")]
    [True, False]
    """
    return rendering.category == "term"


def find_rendering(rendering: Rendering, translation: str) -> tuple[str, tuple[int, int]] | None:
    """The accepted form of *rendering* (target or variant) found in *translation*, and where.

    >>> find_rendering(Rendering("主任", "Director"), "the director of the office")
    ('Director', (4, 12))
    >>> find_rendering(Rendering("县", "county", variants=("counties",)), "three counties")
    ('counties', (6, 14))
    >>> find_rendering(Rendering("中共", "CPC"), "the cpc") is None
    True
    >>> find_rendering(Rendering("中共十九大", "19th CPC National Congress", first_mention="19th National Congress of the Communist Party of China (CPC)"),
    ...                "the 19th National Congress of the Communist Party of China opened")
    ('19th National Congress of the Communist Party of China', (4, 58))
    """
    text = _normalise(translation)
    forms = [f for f in (rendering.target, *rendering.variants) if f.strip()]
    for form in forms:
        m = _pattern(form, inflected=_inflects(rendering)).search(text)
        if m:
            return form, m.span()
    for form in forms:
        span = find_spelled_out(form, text)
        if span:
            return text[span[0] : span[1]], span
    if rendering.first_mention:  # written in full without the acronym: "the 19th National Congress of the Communist Party of China"
        m = _pattern(unbracketed(rendering.first_mention)).search(text)
        if m:
            return m.group(), m.span()
    return None


def rendering_present(rendering: Rendering, translation: str) -> bool:
    """Whether the target or one of the variants of *rendering* appears in *translation*."""
    return find_rendering(rendering, translation) is not None


def forbidden_hits(rendering: Rendering, translation: str) -> list[tuple[str, tuple[int, int]]]:
    text = _normalise(translation)
    forms = [f for f in (rendering.target, *rendering.variants) if f.strip()]
    allowed = [m.span() for form in forms for m in _pattern(form, inflected=_inflects(rendering)).finditer(text)]
    allowed += [span for form in forms if (span := find_spelled_out(form, text))]
    if rendering.first_mention:
        allowed += [m.span() for m in _pattern(unbracketed(rendering.first_mention)).finditer(text)]
    hits = []
    for form in rendering.forbidden:
        if not form.strip():
            continue
        for m in _pattern(form).finditer(text):
            # "Director" forbidden while "Director-General" is required: inside the target is fine
            if not any(s <= m.start() and m.end() <= e for s, e in allowed):
                hits.append((form, m.span()))
                break
    return hits


# ------------------------------------------------------------------ checks


def check_segment(source: str, translation: str, required: Sequence[Rendering] = (),
                  disabled: Collection[str] = ()) -> list[Finding]:
    """Every QA finding for one translated segment, check by check in :data:`REGISTRY` order.

    *required* are the renderings its source calls for (glossary terms, names,
    places); hints (proposed terms) are not enforced, forbidden forms always are.
    The checks in *disabled* are not run.

    >>> check_segment("你好", "")
    [Finding(check='empty', severity='error', message='the translation is empty', span=None)]
    >>> [f.check for f in check_segment("三县", "three counties")]
    []
    """
    has_text = bool(translation.strip())
    findings: list[Finding] = []
    for check in REGISTRY.values():
        if check.bulletin or check.id in disabled or (check.needs_text and not has_text):
            continue
        findings.extend(check.function(source, translation, required))
    return findings


@register("empty", ERROR, "no translation", needs_text=False)
def _empty(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    return [] if translation.strip() else [Finding("empty", ERROR, "the translation is empty")]


@register("chinese-left", ERROR, "Han characters left in the English")
def _chinese_left(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    runs = list(HAN_RUN.finditer(translation))
    if not runs:
        return []
    shown = "、".join(dict.fromkeys(m.group(0) for m in runs[:5]))
    return [Finding("chinese-left", ERROR, f"{shown} left in the translation", runs[0].span())]


GAP = re.compile(r"\[untranslated(?: (?P<first>\d+)(?:-(?P<last>\d+))?)?\]")
"""A gap drafting left for Chinese it could not translate (:func:`gap`)."""


def gap(span: tuple[int, int] | None) -> str:
    """The gap a draft keeps for the source's Chinese at *span* (``start, end``, 0-based) that
    nothing could translate: ``[untranslated 6-7]``, the characters' 1-based positions in
    the source, so that QA can name the Chinese; ``[untranslated]`` where it is not in the source.

    ASCII and plain words, so a reader of any draft sees that something is missing, QA and
    ``grep`` find it, and no Chinese or guessed Pinyin is left in the English.

    >>> gap((5, 7)), gap((5, 6)), gap(None)
    ('[untranslated 6-7]', '[untranslated 6]', '[untranslated]')
    """
    if span is None:
        return "[untranslated]"
    first, last = span[0] + 1, span[1]
    return f"[untranslated {first}]" if first == last else f"[untranslated {first}-{last}]"


def find_gaps(source: str, translation: str) -> list[tuple[tuple[int, int], str]]:
    """Each gap in *translation* (its span) and the Chinese of *source* it stands for ("" when
    its positions are not Chinese of *source*).

    >>> find_gaps("张文华确保志书质量。", "ensure the [untranslated 6-7] quality and the [untranslated]")
    [((11, 29), '志书'), ((46, 60), '')]
    """
    found = []
    for m in GAP.finditer(translation):
        chinese = ""
        if m["first"]:
            first, last = int(m["first"]), int(m["last"] or m["first"])
            piece = source[first - 1 : last] if 1 <= first <= last <= len(source) else ""
            chinese = piece if piece and HAN_RUN.fullmatch(piece) else ""
        found.append((m.span(), chinese))
    return found


def _without_gaps(translation: str) -> str:
    """*translation* with each gap blanked out (same length: spans stay valid)."""
    return GAP.sub(lambda m: " " * len(m.group(0)), translation)


@register("numbers", ERROR, "a number, date, percentage or 万/亿 quantity lost (a warning: one the source lacks)")
def _numbers(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    translation = _without_gaps(translation)  # a gap's positions are not numbers of the text
    findings = [Finding("numbers", ERROR, f"{number.text} is missing") for number in missing_numbers(source, translation)]
    extra = extra_numbers(source, translation)
    invented = _years(extra) if relative_years(source) else []  # invented-year says what is wrong with them
    findings += [Finding("numbers", WARNING, f"{number.text} is not in the source", (number.start, number.end))
                 for number in extra if number not in invented]
    return findings


RELATIVE_YEARS = table("relative_years")
"""The years Chinese names by their distance from the bulletin's (``relative_years.tsv``): English news says them so too."""
_RELATIVE_YEAR = re.compile("|".join(RELATIVE_YEARS))


def relative_years(source: str) -> list[str]:
    """The words of :data:`RELATIVE_YEARS` in *source*, in its order."""
    return _RELATIVE_YEAR.findall(source)


def _years(numbers: Sequence) -> list:
    """The years (1900–2099, in figures) among *numbers* (:class:`l10n.numbers.Number`)."""
    return [n for n in numbers if re.fullmatch(r"(19|20)\d\d", n.text)]


@register("invented-year", WARNING, "a year the source names only as 去年, 今年 or 明年 (\"last year\" …)")
def invented_years(source: str, translation: str, required: Sequence[Rendering] = ()) -> list[Finding]:
    """A year in *translation* that *source* does not have, where it says 去年, 今年 or 明年: the
    small model writes "In 2019" for 去年 (a year it made up; the reference says "Last year").
    A warning, since a reviewer may work the year out from the bulletin's date; drafting retries
    it all the same.

    >>> [f.message for f in invented_years("去年，法庭裁定市长应遭到革职。", "In 2019, a court ruled the mayor should be dismissed.")]
    ['2019 is not in the source, which says 去年 (last year)']
    >>> invented_years("2019年，法庭裁定。", "In 2019, a court ruled."), invented_years("去年增长了5%。", "Last year it grew by 5%.")
    ([], [])
    """
    said = relative_years(source)
    if not said:
        return []
    return [Finding("invented-year", WARNING, f"{n.text} is not in the source, which says {said[0]} ({RELATIVE_YEARS[said[0]]})", (n.start, n.end))
            for n in _years(extra_numbers(source, _without_gaps(translation)))]


@register("converted-unit", ERROR, "亩 or 斤 given as acres, kilograms or pounds with the same figure")
def _converted_unit(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    """50亩 is 50 mu (a fifteenth of a hectare), not "50 acres"; 30万斤 is 300,000 jin (half a
    kilogram each), not "300,000 kilograms": the figure stands, the unit is not the English one.

    >>> [f.message for f in _converted_unit("种植50亩。", "50 acres were planted.", ())]
    ['50亩 is 50 mu, not 50 acres']
    """
    return [Finding("converted-unit", ERROR, f"{quantity} is {figure} {KEPT_UNITS[quantity[-1]]}, not {figure} {unit}", span)
            for quantity, figure, unit, span in misread_units(source, translation)]


@register("untranslated", ERROR, "a gap drafting left where nothing could translate the Chinese")
def _untranslated(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    findings = []
    for span, chinese in find_gaps(source, translation):
        shown = translation[span[0] : span[1]]
        what = f"stands for {chinese}, which" if chinese else "stands for Chinese that"
        findings.append(Finding("untranslated", ERROR, f"{shown} {what} the draft could not translate", span))
    return findings


@register("same-as-source", ERROR, "msgstr identical to a Chinese msgid")
def _same_as_source(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    if translation.strip() == source.strip() and HAN_RUN.search(source):
        return [Finding("same-as-source", ERROR, "the translation is the Chinese source", (0, len(translation)))]
    return []


def _distinct(required: Sequence[Rendering]) -> list[Rendering]:
    """*required* with one rendering per (source, target), the first."""
    first: dict[tuple[str, str], Rendering] = {}
    for r in required:
        first.setdefault((r.source, r.target), r)
    return list(first.values())


@register("forbidden-term", ERROR, "a rendering the glossary forbids")
def _forbidden_term(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    return [Finding("forbidden-term", ERROR, f"{r.source} → {form} is forbidden (use {r.target})", span)
            for r in _distinct(required) for form, span in forbidden_hits(r, translation)]


@register("missing-term", ERROR, "a required rendering (term, name, place) absent")
def _missing_term(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    return [Finding("missing-term", ERROR, f"{r.source} → {r.target} not found")
            for r in _distinct([r for r in required if r.enforced]) if not rendering_present(r, translation)]


@register("inconsistent-term", ERROR, "one term given two different renderings (a warning: a proposed term followed in some segments only)",
          bulletin=True)
def check_consistency(items: Sequence[tuple[str, str, Sequence[Rendering]]]) -> list[tuple[int, Finding]]:
    """Findings for terms translated two ways across one bulletin's segments.

    *items* are ``(source, translation, renderings)`` per segment. Two kinds:

    * the same Chinese term required as different English renderings in
      different segments (e.g. two romanisations of one name) — an error;
    * a proposed term (hint) whose English appears in some segments but not in
      others where its Chinese occurs — a warning.

    Approved terms missing from a segment are ``missing-term`` findings of
    :func:`check_segment` and are not repeated here. Returns ``(index, finding)``.

    >>> items = [("李成明主任", "Director Li Chengming", [Rendering("李成明", "Li Chengming", "name")]),
    ...          ("李成明说", "Li Chengmin said", [Rendering("李成明", "Li Chengmin", "name")])]
    >>> [(i, f.note()) for i, f in check_consistency(items)]
    [(1, 'inconsistent-term: 李成明 rendered "Li Chengmin" here but "Li Chengming" in segment 1')]
    """
    targets: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    hints: dict[str, dict[str, Rendering]] = defaultdict(dict)
    for index, (_source, translation, renderings) in enumerate(items):
        if not translation.strip():
            continue  # a segment with no text renders nothing (``empty`` speaks for it)
        for r in renderings:
            if r.enforced:
                if index not in targets[r.source][r.target]:
                    targets[r.source][r.target].append(index)
            else:
                hints[r.source].setdefault(r.target, r)

    findings: list[tuple[int, Finding]] = []
    for term, by_target in targets.items():
        if len(by_target) < 2:
            continue
        ordered = sorted(by_target.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
        main_target, main_indices = ordered[0]
        for target, indices in ordered[1:]:
            for index in indices:
                findings.append((index, Finding(
                    "inconsistent-term", ERROR,
                    f'{term} rendered "{target}" here but "{main_target}" in segment {main_indices[0] + 1}')))

    for term, by_target in hints.items():
        for target, rendering in by_target.items():
            occurs = [i for i, (source, translation, _) in enumerate(items) if term in source and translation.strip()]
            used = [i for i in occurs if rendering_present(rendering, items[i][1])]
            if used and len(used) < len(occurs):
                for index in occurs:
                    if index not in used:
                        findings.append((index, Finding(
                            "inconsistent-term", WARNING,
                            f'{term} is "{target}" in segment {used[0] + 1} but not here')))
    findings.sort(key=lambda pair: pair[0])
    return findings


@register("length-ratio", WARNING, "English much shorter or longer than usual (an error where far shorter: an omission)")
def _length_ratio(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    ratio = _ratio(source, translation)
    low, high = LENGTH_RATIO_BAND
    if ratio is None or low <= ratio <= high:
        return []
    if ratio < OMISSION_RATIO:
        return [Finding("length-ratio", ERROR, f"{ratio:.1f} English characters per Chinese character: far shorter than any human "
                                               f"translation (below {OMISSION_RATIO}), so most of the sentence is left out")]
    which = "short" if ratio < low else "long"
    return [Finding("length-ratio", WARNING, f"{ratio:.1f} English characters per Chinese character is unusually {which} (usual {low}–{high})")]


def _ratio(source: str, translation: str) -> float | None:
    """English characters per non-space Chinese character; None for a source too short to judge."""
    chars = len("".join(source.split()))
    return len(translation.strip()) / chars if chars >= LENGTH_RATIO_MIN_CHARS else None


@register("repetition", ERROR, "a phrase repeated more than the source repeats (a looping model)")
def _repetition(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    loop = repeated_phrase(source, translation)
    if loop is None:
        return []
    phrase, times = loop
    return [Finding("repetition", ERROR, f'"{phrase}" repeats {times} times')]


def repeated_phrase(source: str, translation: str) -> tuple[str, int] | None:
    """The phrase a looping model repeated in *translation*, and how often, or None.

    A phrase of :data:`REPEAT_WORDS` words counts when it occurs :data:`REPEAT_TIMES`
    times or more, and more often than any three Chinese characters repeat in *source*.

    >>> repeated_phrase("开国大典、历次国庆庆典", "the 10th anniversary of the founding of the PRC, "
    ...                 "the 11th anniversary of the founding of the PRC, the 12th anniversary of the founding "
    ...                 "of the PRC, the 13th anniversary of the founding of the PRC")
    ('anniversary of the founding of', 4)
    >>> repeated_phrase("济南铁路局集团公司、南宁铁路局集团公司、兰州铁路局集团公司、成都铁路局集团公司",
    ...                 "Jinan Railway Bureau Group Company, Nanning Railway Bureau Group Company, "
    ...                 "Lanzhou Railway Bureau Group Company, Chengdu Railway Bureau Group Company") is None
    True
    """
    words = re.findall(r"[\w'’-]+", translation.lower())
    grams = Counter(tuple(words[i : i + REPEAT_WORDS]) for i in range(len(words) - REPEAT_WORDS + 1))
    if not grams:
        return None
    gram, times = grams.most_common(1)[0]
    if times < REPEAT_TIMES:
        return None
    han = re.sub(f"[^{HAN}]", "", source)
    source_times = max(Counter(han[i : i + 3] for i in range(len(han) - 2)).values(), default=0)
    return (" ".join(gram), times) if times > source_times else None


@register("copied-example", ERROR, "a name from the prompt's fixed examples that the source lacks")
def copied_from_examples(source: str, translation: str, required: Sequence[Rendering] = ()) -> list[Finding]:
    """A name from the prompt's fixed examples in *translation* that *source* does not have.

    >>> copied_from_examples("政协召开会议。", "The Lüliang City CPPCC held a meeting.")
    [Finding(check='copied-example', severity='error', message='"Lüliang" comes from an example in the prompt, not the source', span=(4, 11))]
    >>> copied_from_examples("吕梁市政协召开会议。", "The Lüliang City CPPCC held a meeting.")
    []
    """
    from l10n.engines.prompt import HOUSE_EXAMPLE_NAMES

    findings = []
    for english, chinese in HOUSE_EXAMPLE_NAMES.items():
        m = re.search(rf"\b{re.escape(english)}\b", translation)
        if m and chinese not in source:
            findings.append(Finding("copied-example", ERROR, f'"{english}" comes from an example in the prompt, not the source', m.span()))
    return findings


_MONTH_IN_SOURCE = re.compile(rf"[0-9０-９一二三四五六七八九十]+\s*月|月份|{alternation('dated_holidays')}")
"""A month the source names: in a date, as 月份, or by a holiday on a fixed day of it (``dated_holidays.tsv``: 国庆)."""
_MONTH_NAME = "|".join(MONTHS)
_ENGLISH_DATE = re.compile(rf"\b(?P<month>{_MONTH_NAME})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAME})\b")


@register("invented-month", WARNING, "a month in a date whose Chinese gives the day only (27日)")
def invented_months(source: str, translation: str, required: Sequence[Rendering] = ()) -> list[Finding]:
    """A date in *translation* with a month when *source* names no month: 27日 is "the 27th".

    The small model writes "On October 27" for 27日 (18 of 278 benchmark drafts, most of
    them October, the month of a prompt example). A warning, since a reviewer may add the
    month from the bulletin's date; drafting retries it all the same.

    >>> [f.message for f in invented_months("27日，协议签署。", "On October 27, the agreement was signed.")]
    ['October is not in the source, which gives the day only']
    >>> invented_months("10月27日，协议签署。", "On October 27, the agreement was signed."), invented_months("27日签署。", "It may 27 times")
    ([], [])
    >>> [f.span for f in invented_months("一号到三号访问越南。", "From January 1st to March 3rd, he visited Vietnam.")]
    [(5, 16), (20, 29)]
    """
    if _MONTH_IN_SOURCE.search(source):
        return []
    return [Finding("invented-month", WARNING, f"{m['month'] or m['month2']} is not in the source, which gives the day only", m.span())
            for m in _ENGLISH_DATE.finditer(translation)]


@register("invented-place", WARNING, "a foreign country or capital the source does not name (马拉帕纳 as \"Mauritania\")")
def invented_places(source: str, translation: str, required: Sequence[Rendering] = ()) -> list[Finding]:
    """A foreign country or capital of the reference places in *translation* that *source*
    does not name (:func:`l10n.places.foreign_places_not_in`). On the tuning half the model
    wrote the person 马拉帕纳 as "Mauritania", 加莱 (Calais) as "Algiers" and 驻华使节 as staff
    of an embassy "in the United States"; no human reference of the dev set names a country
    or capital its source lacks. A warning, since a reviewer may name the country a person
    comes from; drafting retries it all the same.

    >>> [f.message for f in invented_places("马拉帕纳祝贺大会召开。", "Mauritania congratulated the congress.")]
    ['Mauritania (毛里塔尼亚) is not in the source']
    >>> invented_places("中美双方会谈。", "China and the United States held talks.")
    []
    """
    from l10n.places import foreign_places_not_in

    return [Finding("invented-place", WARNING, f"{english} ({chinese}) is not in the source", span)
            for english, chinese, span in foreign_places_not_in(source, _without_gaps(translation))]


@register("commentary", ERROR, "model chatter: \"Translation:\", \"Note:\", tags, stray ``< >`` …")
def _commentary(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    ratio = _ratio(source, translation)
    short = ratio is not None and ratio < LENGTH_RATIO_BAND[0]
    findings = []
    for pattern, what, faithful in _COMMENTARY:
        m = pattern.search(translation)
        # a draft much shorter than its source that reads like a reply is one, whatever the source says
        if m and not (faithful and faithful.search(source) and not short):
            said = m.group(0).strip()
            if len(said) > 40:
                said = said[:37] + "…"
            message = f'"{said}" is not part of a translation' if what is None else f'{what} "{said}" is not part of a translation'
            findings.append(Finding("commentary", ERROR, message, m.span()))
    return findings


@register("control-character", ERROR, "a control character, line separator or direction mark in the English")
def _control_character(source: str, translation: str, required: Sequence[Rendering]) -> list[Finding]:
    from l10n.textsafe import unsafe_characters

    found = unsafe_characters(translation)
    if not found:
        return []
    first = next(i for i, c in enumerate(translation) if unsafe_characters(c))
    shown = ", ".join(dict.fromkeys(found))
    return [Finding("control-character", ERROR, f"{shown} in the translation: no control character, line separator "
                                                f"or direction mark belongs in published text", (first, first + 1))]


def check_bulletin(items: Sequence[tuple[str, str, Sequence[Rendering]]], disabled: Collection[str] = ()) -> list[tuple[int, Finding]]:
    """The findings of the checks over a bulletin's segments together (``inconsistent-term``),
    but those in *disabled*; *items* are ``(source, translation, renderings)`` per segment.
    Returns ``(index, finding)`` in segment order."""
    found = [pair for check in REGISTRY.values() if check.bulletin and check.id not in disabled
             for pair in check.function(items)]
    return sorted(found, key=lambda pair: pair[0])


__doc__ = __doc__.replace("{checks}", _table())
