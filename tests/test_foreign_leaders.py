"""Foreign leaders keep their own names wherever their sentence names their country (issue 42).

A person whose own clause names no country, in a sentence where another clause speaks for a
foreign country (范明政总理表示，越南愿与中国加强合作: 越南 opens its clause, China is only the
partner after 与), is that country's: a Vietnamese person is written in their own spelling
(enforced, ``→``), anyone else is a foreign-name hint (``~``), never Chinese Pinyin. The Chinese
side stays Chinese: a leader CC-CEDICT knows (习近平), a host or visitor whose own clause names the
foreign country or a city there (会见越南总理, 抵达河内), a person whose clause names China or whose
sentence speaks for China or one of its places (中国愿同越南, 我市), a comrade, and anyone beside a
foreign person only as a modifier names (越南客商, Vietnamese traders, are not the clause's side).

Every sentence is written for this table; none is from the benchmark set. Each runs with no
glossary and under the glossaries of :mod:`test_name_detection` (titles and organs; with places;
with the reference places): the people found must be the same.
"""

from __future__ import annotations

import pytest

from l10n.names import find_names, sentence_country
from support import people_found
from test_name_detection import MATCHERS

GLOSSARIES = {"none": None, **MATCHERS}

# (sentence, the people found in text order: → enforced spelling, ~ a foreign-name hint, ~? flagged)
CASES = [
    # the country later in the sentence: Vietnamese leaders in their own spelling
    ("范明政总理表示，越南愿与中国加强合作。", ["范明政→Pham Minh Chinh"]),
    ("武文赏主席表示，越方愿同中方深化合作。", ["武文赏→Vo Van Thuong"]),
    ("范明政总理说，越南将继续深化同中国的全面战略合作。", ["范明政→Pham Minh Chinh"]),
    ("苏林总书记表示，越南愿同中国加强合作。", ["苏林→To Lam"]),
    ("梁强部长表示，越南愿同中方加强合作。", ["梁强→Luong Cuong"]),
    # the country in the clause before
    ("越南政府高度重视两国关系，范明政总理表示愿同中方加强合作。", ["范明政→Pham Minh Chinh"]),
    # other countries of East and Southeast Asia: a hint, not Pinyin
    ("韩德洙总理表示，韩国愿同中国加强合作。", ["韩德洙~?"]),
    ("石破茂表示，日本愿同中方加强沟通。", ["石破茂~?"]),
    ("宋赛总理表示，老方愿同中方加强合作。", ["宋赛~?"]),
    ("贺南洪部长表示，柬埔寨愿同中方深化合作。", ["贺南洪~?"]),
    ("巴育总理表示，泰国愿与中国深化合作。", ["巴育~?"]),
    # the Chinese leader beside the foreign one stays Chinese
    ("习近平同越南国家主席武文赏会谈。", ["习近平→Xi Jinping", "武文赏→Vo Van Thuong"]),
    ("习近平会见越南总理范明政。", ["习近平→Xi Jinping", "范明政→Pham Minh Chinh"]),
    ("习近平表示，越南是中国的好邻居。", ["习近平→Xi Jinping"]),
    # a Chinese official visiting a foreign country stays Chinese
    ("中共中央政治局委员、外交部长王毅抵达越南，越方表示热烈欢迎。", ["王毅→Wang Yi"]),
    ("外交部副部长孙卫东抵达河内，越方表示欢迎。", ["孙卫东→Sun Weidong"]),
    # the sentence speaks for China, or the foreign country only modifies a noun
    ("李成明表示，中国愿与越南加强合作。", ["李成明→Li Chengming"]),
    ("王建国同志表示，越南愿同我市加强合作。", ["王建国→Wang Jianguo"]),
    ("王建国副县长表示，越南客商前来投资。", ["王建国→Wang Jianguo"]),
    ("中越双方签署合作文件，李成明副部长出席。", ["李成明→Li Chengming"]),
    # a county's head or Party committee names a PRC office: the person is Chinese whatever the sentence says of Vietnam
    ("王建国副县长表示，越南将加强合作。", ["王建国→Wang Jianguo"]),
    ("平遥县委书记王明表示，越南将加强合作。", ["王明→Wang Ming"]),
]


@pytest.mark.parametrize("glossary", GLOSSARIES)
@pytest.mark.parametrize("text, people", CASES)
def test_a_person_keeps_the_name_of_the_country_their_sentence_speaks_for(text, people, glossary):
    assert people_found(text, GLOSSARIES[glossary]) == people


# (sentence, the person, the country the rest of the sentence ties them to)
TIES = [
    ("范明政总理表示，越南愿与中国加强合作。", "范明政", "越南"),
    ("武文赏主席表示，越方愿同中方深化合作。", "武文赏", "越南"),
    ("越南政府高度重视两国关系，范明政总理表示愿同中方加强合作。", "范明政", "越南"),
    ("韩德洙总理表示，韩国愿同中国加强合作。", "韩德洙", "韩国"),
    ("范明政总理表示，越南感谢中国的帮助。", "范明政", None),  # China named other than as a partner: left as today
    ("李成明表示，中国愿与越南加强合作。", "李成明", None),
    ("王建国副县长表示，越南客商前来投资。", "王建国", None),
    ("王建国同志表示，越南愿加强合作。", "王建国", None),
    ("平遥县委书记王建国表示，越南愿加强合作。", "王建国", None),
    ("习近平表示，越南愿加强合作。", "习近平", None),
    ("孙卫东抵达越南，越方表示欢迎。", "孙卫东", None),
    ("孙卫东出席会议。越南愿加强合作。", "孙卫东", None),  # another sentence
]


@pytest.mark.parametrize("text, name, country", TIES)
def test_the_country_a_sentence_ties_a_person_to(text, name, country):
    start = text.index(name)
    assert sentence_country(text, start, start + len(name)) == country


def test_a_foreign_leader_found_on_their_own_is_no_chinese_name():
    assert [(r.source, r.target, r.kind) for r in find_names("范明政总理表示，越南愿与中国加强合作。")] == [
        ("范明政", "Pham Minh Chinh", "name")]


def test_a_foreign_head_of_government_is_a_prime_minister():
    from l10n.required import requirements_on

    found = {r.source: (r.target, r.kind) for r in requirements_on("范明政总理表示，越南愿与中国加强合作。", MATCHERS["titles"])}
    assert found["总理"] == ("Prime Minister", "hint")
