"""Post-edits of a draft's English: where the model nearly wrote what it must.

Each edit takes a draft's text and the segment's required renderings and returns the
edited text and what it replaced (``old → new``), for the draft's ``repair:`` notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from l10n.draft.job import error_count
from l10n.engines.base import Engine, Request
from l10n.lexicon import HAN_RUN
from l10n.terms import Rendering


def repair_leftovers(source: str, text: str, required: Sequence[Rendering], engine: Engine | None) -> tuple[str, tuple[str, ...]]:
    """Replace Chinese left in *text*: by its required rendering (names and places get their
    Pinyin there, and only there), else by the engine's English of the fragment asked with
    *source* as its sentence, else by a gap (:func:`l10n.quality.qa.gap`) that QA reports
    for the reviewer, never by Pinyin of an ordinary word. Each replacement is recorded.

    >>> from l10n.terms import Rendering
    >>> repair_leftovers("张文华确保志书质量。", "张文华 ensured the quality of the 志书.",
    ...                  [Rendering("张文华", "Zhang Wenhua", kind="name", start=0, end=3)], None)
    ('Zhang Wenhua ensured the quality of the [untranslated 6-7].', ('张文华 → Zhang Wenhua', '志书 → [untranslated 6-7]'))
    """
    from l10n.quality.qa import gap

    by_source = {r.source: r.target for r in required if r.enforced}
    required_sources = set(by_source)
    runs = list(dict.fromkeys(HAN_RUN.findall(text)))
    fragments = [run for run in runs if run not in by_source]
    if engine is not None and fragments:
        requests = [Request(run, context=source, fragment=True, cause="fragment") for run in fragments]
        for run, hyps in zip(fragments, engine.translate(requests)):
            english = fragment_english(run, hyps[0].text if hyps else "")
            if english:
                by_source[run] = english
    repairs: list[str] = []
    searched = 0  # where in *source* the next run is looked for: runs come in the source's order

    def swap(match: re.Match) -> str:
        nonlocal searched
        run = match.group(0)
        english = by_source.get(run)
        if english is None:
            at = source.find(run, searched)
            at = source.find(run) if at < 0 else at
            searched = at + len(run) if at >= 0 else searched
            english = gap((at, at + len(run)) if at >= 0 else None)
        elif run not in required_sources and re.search(r"[a-z][\s,]*$", match.string[: match.start()]) and english.istitle() and " " not in english:
            english = english.lower()  # one common word mid-sentence: "the business core", not "Core"
        repairs.append(f"{run} → {english}")
        before = match.string[match.start() - 1] if match.start() else " "
        after = match.string[match.end()] if match.end() < len(match.string) else " "
        return (" " if before.isalnum() else "") + english + (" " if after.isalnum() else "")

    return HAN_RUN.sub(swap, text), tuple(repairs)


FRAGMENT_CHARS_PER_HAN = 9
"""At most this many English characters per Chinese character of a fragment (and 24 at
least): a longer answer is the model translating the whole sentence it was shown, not
the fragment. Nine is the top of QA's usual length band (``LENGTH_RATIO_BAND``)."""


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


def fragment_english(run: str, reply: str) -> str:
    """The engine's *reply* for the fragment *run*, cleaned; "" when it is no answer: empty,
    still Chinese, or far longer than the fragment could be. A reply that quotes its answer
    ('«贺词» means "congratulatory speech" in English.') gives the last quotation without Chinese.

    >>> fragment_english("骨干", "<Core>."), fragment_english("志书", "志书"), fragment_english("志书", "")
    ('Core', '', '')
    >>> fragment_english("贺词", '"贺词" means "congratulatory speech" in English.')
    'congratulatory speech'
    >>> fragment_english("志书", "Zhang Wenhua stressed the need to ensure the quality of the local chronicles.")
    ''
    """
    quoted = [a or b for a, b in _QUOTED.findall(reply) if not HAN_RUN.search(a or b)]
    english = (quoted[-1] if quoted else reply).strip().rstrip(".").strip("<>[]\"'“”‘’ ")
    if not english or HAN_RUN.search(english) or len(english) > max(24, FRAGMENT_CHARS_PER_HAN * len(run)):
        return ""
    return english


_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def one_line(text: str) -> str:
    """*text* as one line of plain text, as a draft is stored: a line or paragraph break of any
    kind (``\\n``, U+2028, U+2029, U+0085, VT, FF, FS/GS/RS/US, a tab) made a space, and any other
    control character, direction mark or invisible character
    (:func:`l10n.textsafe.unsafe_characters`) dropped. A model's reply may hold any of them;
    the English of a bulletin's sentence holds none.

    >>> one_line("The meeting\u2028was held.\u202e\x1b")
    'The meeting was held.'
    >>> one_line("Li Chengming: 政协 → CPPCC")
    'Li Chengming: 政协 → CPPCC'
    """
    from l10n.textsafe import unsafe_characters

    if not unsafe_characters(text):
        return text
    kept = "".join(" " if c in _BREAKS else "" if unsafe_characters(c) else c for c in text)
    return re.sub(r" {2,}", " ", kept).strip()


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


def without_invented_months(source: str, text: str) -> tuple[str, tuple[str, ...]]:
    """*text* with the month taken out of each date the ``invented-month`` check finds: where
    the source gives the day only (三号, 27日), "On March 3" is "On the 3rd" and "the 2nd of
    December" is "the 2nd". Returns the text and what was replaced.

    >>> without_invented_months("王沪宁三号会见外宾。", "On March 3, Wang Huning met foreign guests.")
    ('On the 3rd, Wang Huning met foreign guests.', ('March 3 → the 3rd',))
    >>> without_invented_months("二号下午举行。", "It was held on the 2nd of December in the afternoon.")[0]
    'It was held on the 2nd in the afternoon.'
    >>> without_invented_months("一号到三号访问。", "From January 1st to March 3rd, he visited.")[0]
    'From the 1st to the 3rd, he visited.'
    >>> without_invented_months("27日签署。", "October 27 saw the signing.")[0], without_invented_months("10月27日签署。", "On October 27.")[0]
    ('The 27th saw the signing.', 'On October 27.')
    """
    from l10n.numbers import english_ordinal
    from l10n.quality.qa import invented_months

    repairs = []
    for finding in reversed(invented_months(source, text)):
        start, end = finding.span
        old, before = text[start:end], text[:start]
        day = english_ordinal(int(re.search(r"\d+", old).group()))[0]
        new = day if re.search(r"\bthe\s+$", before, re.I) else f"the {day}"
        if not before.strip() or re.search(r"[.!?]\s*$", before):
            new = new[0].upper() + new[1:]
        text = before + new + text[end:]
        repairs.insert(0, f"{old} → {new}")
    return text, tuple(repairs)


def without_invented_years(source: str, text: str) -> tuple[str, tuple[str, ...]]:
    """*text* with "in 2019" put back as the source says it, where the ``invented-year`` check
    finds the year made up for 去年, 今年 or 明年: "In 2019, a court ruled" for 去年 is "Last
    year, a court ruled". Only with one such word in the source, and only after "in" (elsewhere
    the sentence would need rewording: drafting retries it). Returns the text and what was replaced.

    >>> without_invented_years("去年，法庭裁定市长应遭到革职。", "In 2019, a court ruled that the mayor should be dismissed.")
    ('Last year, a court ruled that the mayor should be dismissed.', ('In 2019 → Last year',))
    >>> without_invented_years("今年以来，全县新增就业。", "The county has added jobs in 2023.")[0]
    'The county has added jobs this year.'
    >>> without_invented_years("去年和今年", "in 2019 and 2020")[0], without_invented_years("去年的选举", "the 2019 election")[0]
    ('in 2019 and 2020', 'the 2019 election')
    """
    from l10n.quality.qa import RELATIVE_YEARS, invented_years, relative_years

    said = set(relative_years(source))
    if len(said) != 1:
        return text, ()
    english = RELATIVE_YEARS[said.pop()]
    repairs = []
    for finding in reversed(invented_years(source, text)):
        start, end = finding.span
        m = re.search(r"\b([Ii])n\s+$", text[:start])
        if m is None:
            continue
        old, new = text[m.start():end], (english[0].upper() + english[1:] if m.group(1) == "I" else english)
        text = text[:m.start()] + new + text[end:]
        repairs.insert(0, f"{old} → {new}")
    return text, tuple(repairs)


def titles_after_their_name(source: str, text: str, required: Sequence[Rendering]) -> tuple[str, tuple[str, ...]]:
    """*text* with a person's two titles put after their name where the draft wrote "the T1
    and the T2 Name", which reads as two people: 平遥县委常委、宣传部部长赵丽萍 drafted "The
    Member of the Standing Committee of the … Party Committee and the Head of the Publicity
    Department Zhao Liping accompanied" is "Zhao Liping, Member of the Standing Committee of the
    … and Head of the Publicity Department, accompanied", as Xinhua writes it. Only where the
    source gives both titles, joined by 、, right before the name. Returns the text and what
    was reordered.

    >>> R = Rendering
    >>> req = [R("县委常委", "Member of the Standing Committee of the County Party Committee", category="title", start=0, end=4),
    ...        R("宣传部部长", "Head of the Publicity Department", category="title", start=5, end=10), R("赵丽萍", "Zhao Liping", "name", 10, 13)]
    >>> without = titles_after_their_name("县委常委、宣传部部长赵丽萍陪同调研。",
    ...     "The Member of the Standing Committee of the County Party Committee and the Head of the Publicity Department Zhao Liping accompanied the survey.", req)
    >>> without[0]
    'Zhao Liping, Member of the Standing Committee of the County Party Committee and Head of the Publicity Department, accompanied the survey.'
    >>> titles_after_their_name("县委常委、宣传部部长赵丽萍陪同调研。", "It was accompanied by the Head of the Publicity Department Zhao Liping.", req)[1]
    ()
    """
    titles = [r for r in required if r.category == "title"]
    repairs = []
    for name in (r for r in required if r.kind == "name"):
        for first, second in ((a, b) for a in titles for b in titles if a.end + 1 == b.start and b.end == name.start):
            if source[first.end] != "、":
                continue
            m = re.search(rf"\b[Tt]he {re.escape(first.target)},? and (?:the )?{re.escape(second.target)} {re.escape(name.target)}\b(?P<after>[,.;]?)", text)
            if m is None:
                continue
            comma = "" if m.group("after") or m.end() == len(text) else ","
            new = f"{name.target}, {first.target} and {second.target}{comma}"
            repairs.append(f"{m.group(0).rstrip(',.;')} → {new.rstrip(',')}")
            text = text[: m.start()] + new + text[m.end() - len(m.group("after")) :]
    return text, tuple(repairs)


SPLICE_SIMILARITY = 85.0


def splice_required(source: str, text: str, required: Sequence[Rendering], findings: Sequence = ()) -> tuple[str, tuple[str, ...]]:
    """Post-edit *text* where the model wrote a required rendering nearly but not exactly.

    For each enforced rendering that is missing: a forbidden form the glossary lists
    (the editor's "never write") is replaced by the target; else a near miss (rapidfuzz
    similarity ≥ 85, e.g. "Zhang Yuxia" for "Zhang Youxia", each word nearly the rendering's:
    "Municipal" is never spliced to "Provincial") is; else, for a title held by
    a name next to it in the source (习近平总书记), the title the model put before that
    name ("President Xi Jinping") is replaced, or the title is put there if it has none;
    a long rendering written without words of its middle, or a name with a like surname
    before its given name ("Hu Jianhui" for "Hua Jianhui"), is replaced whole; a term's
    ordinal the model dropped (十二届 + 全国人大常委会) goes before the English of the body it
    numbers ("the 12th NPC Standing Committee"). A splice is kept only when it lowers the
    QA errors. A name, place or institution written all in lower case is first put back in
    its rendering's case. Returns the text and what was replaced.

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
    text, capitalised = capitalise_proper_nouns(text, required)
    text, spliced = splice_missing(source, text, required, () if capitalised else findings)
    return text, (*capitalised, *spliced)


def splice_missing(source: str, text: str, required: Sequence[Rendering], findings: Sequence = ()) -> tuple[str, tuple[str, ...]]:
    """*text* with each missing enforced rendering spliced in where :func:`_splice_candidates`
    finds a place, each splice kept only when it lowers the QA errors (those of *findings*,
    the text's, or checked afresh when there are none). Returns the text and what was replaced.
    """
    from l10n.quality.qa import check_segment, find_rendering

    repairs: list[str] = []
    errors = error_count(findings or check_segment(source, text, required))
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



def capitalise_proper_nouns(text: str, required: Sequence[Rendering]) -> tuple[str, list[str]]:
    """*text* with a name, place or institution the model wrote all in lower case
    ("urumqi") put back in the case of its rendering; titles are left alone, since
    they are lower case after a name. Returns the text and what was replaced.

    >>> capitalise_proper_nouns("in urumqi's centre", [Rendering("乌鲁木齐", "Urumqi", kind="place")])
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

    target = rendering.target
    for _, span in forbidden_hits(rendering, text)[:1]:
        yield span, target
    span = (_near_miss(target, text) or _without_its_qualifier(target, text) or _without_a_middle(target, text)
            or (_other_surname(target, text) if rendering.kind == "name" else None))
    if span is not None:
        yield span, target
    slot = _title_slot(rendering, required, text) or _term_slot(rendering, required, text)
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
        if name.is_person and (name.end == title.start or title.end == name.start):
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


def _term_slot(ordinal: Rendering, required: Sequence[Rendering], text: str) -> tuple[tuple[int, int], str] | None:
    """Where a term's ordinal (十二届 + 全国人大常委会, "the 12th NPC Standing Committee")
    belongs in *text* and what to write there: just before the English of the body the
    source numbers, when the draft has it; None for any other rendering, or where the body
    is not written.

    >>> twelfth = Rendering("十二届", "12th", kind="ordinal", start=0, end=3)
    >>> npcsc = Rendering("全国人大常委会", "NPC Standing Committee", category="organ", start=3, end=10)
    >>> _term_slot(twelfth, [twelfth, npcsc], "the 30th meeting of the NPC Standing Committee")
    ((24, 24), '12th ')
    >>> _term_slot(twelfth, [twelfth, npcsc], "the 30th meeting of the legislature") is None
    True
    """
    from l10n.quality.qa import find_rendering
    from l10n.required import TERM_COUNTERS

    if ordinal.kind != "ordinal" or not ordinal.source.endswith(TERM_COUNTERS):
        return None
    body = next((r for r in required if r.kind == "term" and r.start == ordinal.end), None)
    found = find_rendering(body, text) if body is not None else None
    if found is None:
        return None
    at = found[1][0]
    return (at, at), f"{ordinal.target} "


def _near_miss(target: str, text: str) -> tuple[int, int] | None:
    """The run of whole words in *text* most like *target*, if similar enough and its words
    are the target's, each nearly (:func:`_same_words`).

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
            run_words = [_as_in(content, re.sub(r"['’]s$", "", w)) for w in run.split()]
            if size > 1 and not _GLUE & {run_words[0], run_words[-1]} and sorted(w for w in run_words if w not in _GLUE) == content:
                score = max(score, 99.0)
            if score >= best_score and _same_words(content, [w for w in run_words if w not in _GLUE]):
                best, best_score = (start, end), score
    return best


_GLUE = {"of", "the"}

_SAME_WORD = {"chinese": "china", "china": "chinese"}
"""Words a model writes for one another in an institution's name: "Chinese Zhi Gong Party" and
"Chinese Association for Promoting Democracy" for the official "China …"."""


def _as_in(content: list[str], word: str) -> str:
    """*word*, or the word of :data:`_SAME_WORD` it stands for when the rendering's *content* has that one.

    >>> _as_in(["china", "party"], "chinese"), _as_in(["chinese", "people's"], "chinese"), _as_in(["party"], "chinese")
    ('china', 'chinese', 'chinese')
    """
    other = _SAME_WORD.get(word)
    return other if other in content and word not in content else word


def _without_its_qualifier(target: str, text: str) -> tuple[int, int] | None:
    """Where *text* wrote *target* without its first word, an acronym naming whose body it
    is ("18th Central Commission for Discipline Inspection" for "CPC Central Commission for
    Discipline Inspection"): the span of the rest, when nothing after it names another body
    ("Standing Committee of the Provincial People's Congress" is not the NPC's).

    >>> text = "a speech at the 18th Central Commission for Discipline Inspection."
    >>> span = _without_its_qualifier("CPC Central Commission for Discipline Inspection", text); text[span[0]:span[1]]
    'Central Commission for Discipline Inspection'
    >>> _without_its_qualifier("NPC Standing Committee", "the Standing Committee of the Provincial People's Congress met")
    >>> _without_its_qualifier("Member of the Standing Committee", "the Standing Committee met") is None
    True
    """
    qualifier, _, rest = target.partition(" ")
    if not re.fullmatch(r"[A-Z]{2,6}", qualifier) or " " not in rest:
        return None
    for found in re.finditer(rf"(?<![\w'’-]){re.escape(rest)}(?![\w'’-])", text):
        if not text[: found.start()].rstrip().endswith(qualifier) and not re.match(r"\s*(?:of|in|for)\b", text[found.end() :]):
            return found.span()
    return None


def _without_a_middle(target: str, text: str) -> tuple[int, int] | None:
    """Where *text* wrote *target* with words left out of its middle, its first three words and
    its last three kept ("Member of the Standing Committee of the CPC Central Committee" for
    "Member of the Standing Committee of the Political Bureau of the CPC Central Committee"):
    the span of what was written. A rendering of fewer than seven words has no such middle.

    >>> text = "Wang Yang, Member of the Standing Committee of the CPC Central Committee, attended."
    >>> span = _without_a_middle("Member of the Standing Committee of the Political Bureau of the CPC Central Committee", text)
    >>> text[span[0]:span[1]]
    'Member of the Standing Committee of the CPC Central Committee'
    >>> _without_a_middle("Standing Committee of the Provincial People's Congress", "the Standing Committee of the Congress") is None
    True
    """
    words = target.split()
    if len(words) < 7:
        return None
    for head in range(3, len(words) - 3):
        for tail in range(3, len(words) - head):
            pattern = r"(?<![\w'’-])" + r"\s+".join(map(re.escape, [*words[:head], *words[-tail:]])) + r"(?![\w'’-])"
            found = re.search(pattern, text, re.IGNORECASE)
            if found:
                return found.span()
    return None


def _other_surname(target: str, text: str) -> tuple[int, int] | None:
    """Where *text* wrote the person *target* with a like surname of another character (花建慧
    "Hua Jianhui" written "Hu Jianhui", as for 胡): the span of that name, when its given name
    is the rendering's, written whole, and the surname starts with the same letter and is at
    most two letters off.

    >>> text = "Hu Jianhui pointed out that the work was new."
    >>> span = _other_surname("Hua Jianhui", text); text[span[0]:span[1]]
    'Hu Jianhui'
    >>> [_other_surname("Hua Jianhui", t) for t in ("Director Jianhui spoke", "Li Jianhui spoke", "Hua Jianhu spoke")]
    [None, None, None]
    """
    from rapidfuzz.distance import Levenshtein

    surname, _, given = target.partition(" ")
    if not given or " " in given:
        return None
    for found in re.finditer(rf"(?<![\w'’-])([A-Z][a-z]+) {re.escape(given)}(?![\w'’-])", text):
        written = found.group(1)
        if written != surname and written[0] == surname[0] and Levenshtein.distance(written, surname) <= 2:
            return found.span()
    return None


def _same_words(target: list[str], run: list[str]) -> bool:
    """Whether the words of *run* pair one to one with those of *target*, each pair a near miss
    (rapidfuzz similarity ≥ :data:`SPLICE_SIMILARITY`), in any order: a slip of spelling or of
    order, never a word the rendering lacks, dropped or replaced by another ("Municipal" for
    "Provincial", "Pingyang" for "Pingyao" are other places, not misspellings).

    >>> _same_words(["chengming", "li"], ["li", "chenming"]), _same_words(["committee", "provincial"], ["committee", "municipal"])
    (True, False)
    >>> _same_words(["member", "standing"], ["standing"]), _same_words(["county", "pingyao"], ["pingyang", "county"])
    (False, False)
    """
    from rapidfuzz import fuzz

    if len(target) != len(run):
        return False
    left = list(run)
    for word in sorted(target, key=len, reverse=True):
        best = max(left, key=lambda w: fuzz.ratio(word, w))
        if fuzz.ratio(word, best) < SPLICE_SIMILARITY:
            return False
        left.remove(best)
    return True
