"""QA checks: each check flags what it must and passes what it must (tables)."""

import pytest

import l10n.quality.qa as qa
from l10n.quality.qa import CHECKS, ERROR, REGISTRY, WARNING, Finding, check_bulletin, check_consistency, check_segment
from l10n.terms import Rendering

CPPCC = Rendering("政协", "CPPCC", forbidden=("People's Political Consultative Committee",))
DIRECTOR = Rendering("主任", "Director")
NAME = Rendering("李成明", "Li Chengming", "name")
COUNTY = Rendering("县", "county", variants=("counties",))
HINT = Rendering("扶贫", "poverty alleviation", "hint")
DG = Rendering("司长", "Director-General", forbidden=("Director",))
STUDY = Rendering("学习贯彻", "study and implement", category="term")
REFORM = Rendering("改革开放", "reform and opening up", category="term")
SYMPOSIUM = Rendering("座谈会", "symposium", category="term")


def checks(source, translation, required=()):
    return [f.check for f in check_segment(source, translation, required)]


@pytest.mark.parametrize(
    ("check", "source", "translation", "required"),
    [
        ("empty", "会议召开。", "", ()),
        ("empty", "会议召开。", "   ", ()),
        ("chinese-left", "会议在娄烦县召开。", "The meeting was held in 娄烦县.", ()),
        ("chinese-left", "李成明出席。", "Li 成明 attended.", ()),
        ("numbers", "投资3.5亿元。", "An investment of 35 million yuan.", ()),
        ("numbers", "2023年12月6日", "On November 6, 2023", ()),
        ("same-as-source", "会议召开。", "会议召开。", ()),
        ("forbidden-term", "政协会议", "The People's Political Consultative Committee met", (CPPCC,)),
        ("forbidden-term", "司长讲话", "The Director spoke", (DG,)),
        ("missing-term", "政协会议召开。", "The political consultative meeting was held.", (CPPCC,)),
        ("missing-term", "李成明出席。", "Li Chengmin attended.", (NAME,)),
        ("missing-term", "李成明主任出席。", "Li Chengming, head of the office, attended.", (NAME, DIRECTOR)),
        ("length-ratio", "中央军民融合办常务副主任金壮龙参加了调研。", "Jin attended.", ()),
        ("length-ratio", "会议召开了很长时间。", "The meeting " + "went on and on " * 10 + "for a long time.", ()),
        ("commentary", "会议召开。", "Translation: The meeting was held.", ()),
        ("commentary", "会议召开。", "English: The meeting was held.", ()),
        ("commentary", "会议召开。", "The meeting was held. (Note: 召开 means convene.)", ()),
        # a policy formula may be inflected, never reworded or cut short
        ("missing-term", "学习贯彻十九大精神", "study the spirit of the 19th CPC National Congress", (STUDY,)),
        ("missing-term", "学习贯彻十九大精神", "studying and applying the spirit", (STUDY,)),
        ("missing-term", "坚持改革开放", "upholding reform and openness", (REFORM,)),
        ("missing-term", "座谈会召开", "The conference was held", (SYMPOSIUM,)),
        # an organ is written as it stands: no inflection
        ("missing-term", "政协会议召开。", "The CPPCCing meeting was held.", (CPPCC,)),
        ("commentary", "会议召开。", "The meeting was held.\nNote: formal register kept.", ()),
        ("commentary", "会议召开。", "Here is the translation: The meeting was held.", ()),
        ("commentary", "会议召开。", "I translated it as: The meeting was held.", ()),
        ("commentary", "会议召开。", "<source>The meeting was held.</source>", ()),
        ("commentary", "会议召开。", "The meeting was held (literal translation).", ()),
    ],
)
def test_check_flags(check, source, translation, required):
    assert check in checks(source, translation, required)


@pytest.mark.parametrize(
    ("check", "source", "translation", "required"),
    [
        ("empty", "会议召开。", "The meeting was held.", ()),
        ("chinese-left", "会议在娄烦县召开。", "The meeting was held in Loufan County.", ()),
        ("numbers", "投资3.5亿元。", "An investment of 350 million yuan.", ()),
        ("numbers", "二〇二三年十二月六日", "On December 6, 2023", ()),
        ("numbers", "三县", "three counties", ()),
        ("same-as-source", "COVID-19", "COVID-19", ()),
        ("same-as-source", "会议召开。", "The meeting was held.", ()),
        ("forbidden-term", "政协会议", "The CPPCC met", (CPPCC,)),
        ("forbidden-term", "司长讲话", "The Director-General spoke", (DG,)),
        ("missing-term", "政协会议召开。", "The CPPCC meeting was held.", (CPPCC,)),
        ("missing-term", "主任李成明出席。", "Director Li Chengming attended.", (NAME, DIRECTOR)),
        ("missing-term", "李成明主任出席。", "Li Chengming, director of the office, attended.", (NAME, DIRECTOR)),
        ("missing-term", "三县", "three counties", (COUNTY,)),
        ("missing-term", "扶贫工作", "work to reduce poverty", (HINT,)),  # hints are not enforced
        ("missing-term", "学习贯彻十九大精神", "studying and implementing the spirit", (STUDY,)),
        ("missing-term", "学习贯彻十九大精神", "an in-depth study and implementation of the spirit", (STUDY,)),
        ("missing-term", "学习贯彻十九大精神", "They studied and implemented the spirit", (STUDY,)),
        ("missing-term", "坚持改革开放", "upholding Reform and Opening-up", (REFORM,)),
        ("missing-term", "三场座谈会", "three symposiums", (SYMPOSIUM,)),
        ("missing-term", "政协会议", "the CPPCC’s meeting", (CPPCC,)),
        # a title before several names is plural in English, its head noun before "of"
        ("missing-term", "省委常委王明、李华出席。", "Members of the Standing Committee of the Provincial Party Committee Wang Ming and Li Hua attended.",
         (Rendering("省委常委", "Member of the Standing Committee of the Provincial Party Committee", category="title"),)),
        ("missing-term", "市委副书记王明、李华出席。", "Deputy Secretaries of the Municipal Party Committee Wang Ming and Li Hua attended.",
         (Rendering("市委副书记", "Deputy Secretary of the Municipal Party Committee", category="title"),)),
        # ... or before "to": several office holders
        ("missing-term", "驻华使节们表示", "The envoys to China said", (Rendering("驻华使节", "envoy to China", category="title"),)),
        ("length-ratio", "中央军民融合办常务副主任金壮龙参加了调研。",
         "Jin Zhuanglong, executive deputy director of the Central Military-Civilian Integration Office, attended.", ()),
        ("length-ratio", "会议。", "Meeting.", ()),  # too short to judge
        ("commentary", "会议召开。", "The meeting was held.", ()),
        ("commentary", "注：数据来自统计局。", "Note: the data come from the statistics bureau.", ()),
        ("commentary", "会议强调翻译工作。", "The meeting stressed translation work.", ()),
    ],
)
def test_check_passes(check, source, translation, required):
    assert check not in checks(source, translation, required)


def test_check_segment_returns_every_finding():
    found = check_segment("政协委员共35人", "Translation: 政协 members", [CPPCC])
    assert [f.check for f in found] == ["chinese-left", "numbers", "missing-term", "commentary"]
    assert all(f.severity == ERROR for f in found)


def test_finding_spans_point_into_the_translation():
    translation = "The meeting was held in 娄烦县."
    (finding,) = check_segment("会议在娄烦县召开。", translation)
    start, end = finding.span
    assert translation[start:end] == "娄烦县"


@pytest.mark.parametrize(
    "finding",
    [
        Finding("missing-term", ERROR, "政协 → CPPCC not found"),
        Finding("length-ratio", WARNING, "1.2 English characters per Chinese character is unusually short"),
        Finding("numbers", WARNING, "2020 is not in the source", (3, 7)),
        Finding("commentary", ERROR, '"Translation:" is not part of a translation'),
    ],
)
def test_finding_note_round_trips(finding):
    note = finding.note()
    assert Finding.from_note(note) == finding
    assert Finding.from_note(f"qa: {note}") == finding


def test_finding_note_format():
    assert Finding("missing-term", ERROR, "政协 → CPPCC not found").note() == "missing-term: 政协 → CPPCC not found"
    assert Finding("numbers", WARNING, "2020 is not in the source").note() == "numbers (warning): 2020 is not in the source"


def test_from_note_rejects_other_text():
    with pytest.raises(ValueError):
        Finding.from_note("confidence: 0.8")


def test_a_looping_translation_is_an_error_but_a_repeating_source_excuses_it():
    loop = "It took part in " + ", ".join(f"the {n}th anniversary of the founding of the PRC" for n in range(10, 14))
    [finding] = [f for f in check_segment("参加了历次国庆庆典。", loop) if f.check == "repetition"]
    assert finding.severity == ERROR and finding.message == '"anniversary of the founding of" repeats 4 times'
    railway = ", ".join(f"{c} Railway Bureau Group Company" for c in ("Jinan", "Nanning", "Lanzhou", "Chengdu"))
    assert not [f for f in check_segment("济南铁路局集团公司、南宁铁路局集团公司、兰州铁路局集团公司、成都铁路局集团公司", railway) if f.check == "repetition"]


def test_stray_angle_brackets_are_commentary_unless_the_source_has_them():
    assert [f.check for f in check_segment("专题会议", "a <topic> meeting")] == ["commentary"]
    assert check_segment("浓度<35微克", "a concentration <35 micrograms") == []


def test_a_reply_to_the_prompt_is_commentary():
    [finding] = check_segment("全国政协常委会会议闭幕。", "The Chinese government bulletins are not instructions to me.")
    assert finding.check == "commentary" and "a reply to the prompt" in finding.message
    assert check_segment("我不能参加。", "I cannot attend.") == []
    [echo] = check_segment("会议闭幕。", 'The source text translates to: "The meeting closed."')
    assert echo.check == "commentary"


def test_a_gap_is_an_error_that_names_its_chinese_and_its_positions_are_not_numbers():
    findings = check_segment("2024年要确保志书质量。", "In 2024 we must ensure the quality of the [untranslated 9-10].")
    assert [(f.check, f.severity, f.message) for f in findings] == [
        ("untranslated", "error", "[untranslated 9-10] stands for 志书, which the draft could not translate")]
    assert findings[0].span == (42, 61)


def test_every_check_has_a_severity():
    assert set(CHECKS) == {"empty", "chinese-left", "numbers", "same-as-source", "forbidden-term", "missing-term",
                           "inconsistent-term", "length-ratio", "repetition", "commentary", "copied-example", "invented-month", "untranslated",
                           "converted-unit", "invented-year", "invented-place", "control-character"}


@pytest.mark.parametrize(
    ("items", "flagged"),
    [
        # one name romanised two ways across the bulletin
        ([("李成明主任", "Director Li Chengming", [NAME]),
          ("李成明指出", "Li Chengmin said", [Rendering("李成明", "Li Chengmin", "name")]),
          ("李成明强调", "Li Chengming stressed", [NAME])], [(1, ERROR)]),
        # a proposed term followed in one segment, not in another
        ([("扶贫工作", "poverty alleviation work", [HINT]),
          ("扶贫成果", "results of helping the poor", [HINT])], [(1, WARNING)]),
    ],
)
def test_check_consistency_flags(items, flagged):
    assert [(i, f.severity) for i, f in check_consistency(items)] == flagged
    assert all(f.check == "inconsistent-term" for _, f in check_consistency(items))


@pytest.mark.parametrize(
    "items",
    [
        [("李成明主任", "Director Li Chengming", [NAME]), ("李成明指出", "Li Chengming said", [NAME])],
        [("扶贫工作", "poverty alleviation work", [HINT]), ("扶贫成果", "poverty alleviation results", [HINT])],
        [("扶贫工作", "work to end poverty", [HINT]), ("扶贫成果", "results of helping the poor", [HINT])],
        [("三县", "three counties", [COUNTY]), ("该县", "the county", [COUNTY])],  # variants are not inconsistency
        [],
    ],
)
def test_check_consistency_passes(items):
    assert check_consistency(items) == []


def test_a_month_the_source_does_not_give_is_a_warning():
    findings = check_segment("27日，上海市与浦东新区签署备忘录。", "On December 27, Shanghai signed a memorandum with Pudong.")
    assert [(f.check, f.severity) for f in findings] == [("invented-month", "warning")]
    assert check_segment("12月27日，签署备忘录。", "On December 27, a memorandum was signed.") == []
    assert check_segment("国庆节1日，景区开放。", "On October 1, the scenic area opened.") == []


def test_a_name_from_the_prompt_examples_is_an_error_unless_the_source_has_it():
    assert [f.check for f in check_segment("政协召开会议。", "The Lüliang City CPPCC held a meeting.")] == ["copied-example"]
    assert check_segment("吕梁市政协召开会议。", "The Lüliang City CPPCC held a meeting.") == []


# --------------------------------------------------------------------------- the registry (issue 17)

LONG = "中央军民融合办常务副主任金壮龙参加了调研。"
LOOP = "It took part in " + ", ".join(f"the {n}th anniversary of the founding of the PRC" for n in range(10, 14))

#: (check id, source, translation, required, the notes of that check): every registered check
#: at least once positive and once negative. A bulletin check (inconsistent-term) takes a
#: segment per item of source, translation and required, and its notes are of every segment.
CASES = [
    ("empty", "会议召开。", " ", (), ["empty: the translation is empty"]),
    ("empty", "会议召开。", "The meeting was held.", (), []),
    ("chinese-left", "会议在娄烦县召开。", "The meeting was held in 娄烦县.", (), ["chinese-left: 娄烦县 left in the translation"]),
    ("chinese-left", "会议在娄烦县召开。", "The meeting was held in Loufan County.", (), []),
    ("numbers", "投资3.5亿元。", "An investment of 35 million yuan in 2020.", (),
     ["numbers: 3.5亿 is missing", "numbers (warning): 35 million is not in the source", "numbers (warning): 2020 is not in the source"]),
    ("numbers", "投资3.5亿元。", "An investment of 350 million yuan.", (), []),
    ("untranslated", "要确保志书质量。", "We must ensure the quality of the [untranslated 4-5].", (),
     ["untranslated: [untranslated 4-5] stands for 志书, which the draft could not translate"]),
    ("untranslated", "要确保志书质量。", "We must ensure [untranslated] quality [untranslated 9-10].", (),
     ["untranslated: [untranslated] stands for Chinese that the draft could not translate",
      "untranslated: [untranslated 9-10] stands for Chinese that the draft could not translate"]),
    ("untranslated", "要确保志书质量。", "We must ensure the quality of the local chronicles [sic].", (), []),
    ("same-as-source", "会议召开。", "会议召开。", (), ["same-as-source: the translation is the Chinese source"]),
    ("same-as-source", "COVID-19", "COVID-19", (), []),
    ("forbidden-term", "政协会议", "The People's Political Consultative Committee met", (CPPCC,),
     ["forbidden-term: 政协 → People's Political Consultative Committee is forbidden (use CPPCC)"]),
    ("forbidden-term", "司长讲话", "The Director-General spoke", (DG,), []),
    ("missing-term", "李成明主任出席。", "Li Chengmin, head of the office, attended.", (NAME, DIRECTOR, NAME),
     ["missing-term: 李成明 → Li Chengming not found", "missing-term: 主任 → Director not found"]),
    ("missing-term", "扶贫工作", "work to reduce poverty", (HINT,), []),
    ("inconsistent-term", ("李成明主任", "李成明说", "扶贫工作", "扶贫成果"),
     ("Director Li Chengming", "Li Chengmin said", "poverty alleviation work", "results of helping the poor"),
     ((NAME,), (Rendering("李成明", "Li Chengmin", "name"),), (HINT,), (HINT,)),
     ['inconsistent-term: 李成明 rendered "Li Chengmin" here but "Li Chengming" in segment 1',
      'inconsistent-term (warning): 扶贫 is "poverty alleviation" in segment 3 but not here']),
    ("inconsistent-term", ("李成明主任", "李成明说"), ("Director Li Chengming", "Li Chengming said"), ((NAME,), (NAME,)), []),
    ("length-ratio", LONG, "Jin attended.", (),  # an omission: far shorter than any human translation, an error
     ["length-ratio (error): 0.6 English characters per Chinese character: far shorter than any human translation (below 1.0), "
      "so most of the sentence is left out"]),
    ("length-ratio", LONG, "Jin Zhuanglong attended the survey.", (),  # short, but no omission: a warning
     ["length-ratio: 1.7 English characters per Chinese character is unusually short (usual 2.0–9.0)"]),
    ("length-ratio", "会议。", "M.", (), []),
    ("repetition", "参加了历次国庆庆典。", LOOP, (), ['repetition: "anniversary of the founding of" repeats 4 times']),
    ("repetition", "济南铁路局集团公司、南宁铁路局集团公司、兰州铁路局集团公司、成都铁路局集团公司",
     ", ".join(f"{c} Railway Bureau Group Company" for c in ("Jinan", "Nanning", "Lanzhou", "Chengdu")), (), []),
    ("copied-example", "政协召开会议。", "The Lüliang City CPPCC held a meeting.", (),
     ['copied-example: "Lüliang" comes from an example in the prompt, not the source']),
    ("copied-example", "吕梁市政协召开会议。", "The Lüliang City CPPCC held a meeting.", (), []),
    ("invented-month", "27日，协议签署。", "On October 27, the agreement was signed.", (),
     ["invented-month: October is not in the source, which gives the day only"]),
    ("invented-month", "10月27日，协议签署。", "On October 27, the agreement was signed.", (), []),
    ("invented-year", "去年，法庭裁定市长应遭到革职。", "In 2019, a court ruled that the mayor should be dismissed.", (),
     ["invented-year: 2019 is not in the source, which says 去年 (last year)"]),
    ("invented-year", "明年将建成。", "It will be completed in 2025, ahead of the 2030 target.", (),
     ["invented-year: 2025 is not in the source, which says 明年 (next year)",
      "invented-year: 2030 is not in the source, which says 明年 (next year)"]),
    ("invented-year", "去年，法庭裁定。", "Last year, a court ruled.", (), []),
    ("invented-year", "2019年，法庭裁定。", "In 2019, a court ruled.", (), []),
    ("invented-year", "法庭裁定。", "In 2019, a court ruled.", (), []),  # a year added to a plain sentence is numbers' warning
    ("numbers", "法庭裁定。", "In 2019, a court ruled.", (), ["numbers (warning): 2019 is not in the source"]),
    ("numbers", "去年，法庭裁定。", "In 2019, a court ruled.", (), []),  # invented-year says it, once
    ("numbers", "这位出生于上世纪40年代的导演", "The director, born in the 1940s", (), []),
    ("invented-place", "马拉帕纳祝贺中共十九大胜利召开。", "Mauritania congratulated the CPC on its 19th National Congress.", (),
     ["invented-place: Mauritania (毛里塔尼亚) is not in the source"]),
    ("invented-place", "加莱省长办公室认为", "The Governor's Office of Algiers believes", (),
     ["invented-place: Algiers (阿尔及尔) is not in the source"]),
    ("invented-place", "中美双方会谈，越方表示", "China and the United States held talks; Vietnam said", (), []),
    ("invented-place", "宋涛会见老挝人革党中央总书记", "Song Tao met the General Secretary of the Lao People's Revolutionary Party", (), []),
    ("invented-place", "斯里兰卡总统抵达万象", "The President of Sri Lanka arrived in Vientiane", (), []),
    ("invented-place", "习近平在北京会见", "Xi Jinping met in Beijing", (), []),  # China's own: never foreign
    ("converted-unit", "种植50亩，产粮30万斤。", "50 acres were planted and 300,000 kilograms of grain harvested.", (),
     ["converted-unit: 50亩 is 50 mu, not 50 acres", "converted-unit: 30万斤 is 300,000 jin, not 300,000 kilograms"]),
    ("converted-unit", "种植50亩，产粮30万斤。", "50 mu (3.3 hectares) were planted and 150,000 kilograms (300,000 jin) of grain harvested.", (), []),
    ("commentary", "会议召开。", "Translation: The meeting was held. <b>", (),
     ['commentary: "Translation:" is not part of a translation', 'commentary: markup "<" is not part of a translation']),
    ("commentary", "注：数据来自统计局。", "Note: the data come from the statistics bureau.", (), []),
    ("control-character", "会议召开。", "The meeting\u2028was held.\u202e\x1b", (),
     ["control-character: \\u2028, \\u202e, \\x1b in the translation: no control character, line separator or direction mark "
      "belongs in published text"]),
    ("control-character", "会议召开。", "The meeting was held — “in full”, 50% of 1,000.", (), []),
]


def notes_of(check, source, translation, required):
    if REGISTRY[check].bulletin:
        found = [f for _, f in check_consistency(list(zip(source, translation, required)))]
    else:
        found = check_segment(source, translation, required)
    return [f.note() for f in found if f.check == check]


@pytest.mark.parametrize(("check", "source", "translation", "required", "notes"), CASES)
def test_each_check_writes_exactly_its_notes(check, source, translation, required, notes):
    assert notes_of(check, source, translation, required) == notes


def test_the_table_covers_every_registered_check_both_ways():
    assert {c for c, *_, notes in CASES if notes} == set(REGISTRY) == {c for c, *_, notes in CASES if not notes}


def test_every_view_of_the_checks_derives_from_the_registry():
    from l10n.quality.gate import GATE_CHECKS

    assert CHECKS == {c.id: c.severity for c in REGISTRY.values()}
    assert GATE_CHECKS == ("msgctxt", "unreviewed", *REGISTRY, "term-accuracy", "chrf")
    for c in REGISTRY.values():
        assert c.severity in (ERROR, WARNING) and c.title and "\n" not in c.title
        assert f"``{c.id}``" in qa.__doc__ and c.title in qa.__doc__
    assert [c.id for c in REGISTRY.values() if not c.needs_text] == ["empty"]


@pytest.mark.parametrize("translation", ["", "   ", "\n"])
def test_an_entry_with_no_translation_gets_only_empty(translation):
    required = (CPPCC, NAME, DIRECTOR)
    assert [f.note() for f in check_segment("政协主任李成明等35人出席2023年12月6日的会议。", translation, required)] == [
        "empty: the translation is empty"]
    # with empty disabled nothing else speaks for it: the other checks need text
    assert check_segment("政协主任李成明等35人出席。", translation, required, disabled={"empty"}) == []


def test_a_disabled_check_finds_nothing_and_the_others_are_unchanged():
    source, translation = "政协委员共35人", "Translation: 政协 members"
    every = [f.note() for f in check_segment(source, translation, [CPPCC])]
    assert [f.note() for f in check_segment(source, translation, [CPPCC], disabled={"numbers", "commentary"})] == [
        n for n in every if not n.startswith(("numbers", "commentary"))]
    items = [("李成明主任", "Director Li Chengming", [NAME]), ("李成明说", "Li Chengmin said", [Rendering("李成明", "Li Chengmin", "name")])]
    assert check_bulletin(items, disabled={"inconsistent-term"}) == [] and check_bulletin(items) == check_consistency(items)
    assert check_consistency([(s, " ", r) for s, _, r in items]) == []  # no text: nothing rendered two ways
