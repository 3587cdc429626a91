"""Person names in running text, case by case: who is a Chinese person (romanised in Pinyin),
who is a foreign person (a hint: CC-CEDICT's English, or a flag, never Chinese Pinyin), and
what only looks like a name (a country or city before a title, a word after one, a title
read across a place).

Every sentence here is written for this table from general knowledge; none is taken from the
benchmark set. Each runs three times: under a glossary of titles and organs only, under the
same glossary with a small layer of places, and with l10n's reference places
(l10n/data/places.csv) under it; the people found must be the same.

A case lists the people found, in text order: ``李成明→Li Chengming`` for a Chinese person
(kind ``name``), ``洪森~Hun Sen`` for a foreign one with CC-CEDICT's English (kind ``hint``),
``孔特~?`` for a foreign one flagged without an English form; a Vietnamese person is written
in their own spelling, enforced like a Chinese name (``阮富仲→Nguyen Phu Trong``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary.match import Matcher
from l10n.glossary.store import Term, reference_terms
from l10n.names import find_names, romanize_name
from l10n.required import requirements
from support import people_found

TITLES = {
    "总理": "Premier", "副总理": "Vice Premier", "国家主席": "President", "主席": "Chairman", "副主席": "Vice Chairman",
    "政协主席": "Chairman of the CPPCC Committee", "委员长": "Chairman of the NPC Standing Committee",
    "总书记": "General Secretary", "书记": "Secretary", "副书记": "Deputy Secretary", "市长": "Mayor",
    "副市长": "Vice Mayor", "省长": "Governor", "副省长": "Vice Governor", "县长": "County Magistrate",
    "副县长": "Deputy County Magistrate", "部长": "Minister", "副部长": "Vice Minister", "主任": "Director",
    "副主任": "Deputy Director", "局长": "Director-General", "厅长": "Director", "院长": "President",
    "校长": "President", "秘书长": "Secretary-General", "教授": "Professor", "外交部长": "Foreign Minister",
}
ORGANS = {
    "国务院": "State Council", "全国人大常委会": "NPC Standing Committee", "全国政协": "CPPCC National Committee",
    "外交部": "Ministry of Foreign Affairs", "水利部": "Ministry of Water Resources", "市委": "Municipal Party Committee",
    "省委": "Provincial Party Committee", "县委": "County Party Committee", "区委": "District Party Committee",
    "市政协": "Municipal CPPCC Committee", "党中央": "CPC Central Committee",
}
PLACES = {
    "长江": "Yangtze River", "黄河": "Yellow River", "长白山": "Changbai Mountains", "洞庭湖": "Dongting Lake",
    "长沙": "Changsha", "长沙市": "Changsha City", "长春": "Changchun", "长春市": "Changchun City", "吉林省": "Jilin Province",
    "湖南省": "Hunan Province", "株洲": "Zhuzhou", "湘潭": "Xiangtan", "江西": "Jiangxi", "柳州": "Liuzhou",
    "温州": "Wenzhou", "常州": "Changzhou", "黄山": "Huangshan", "黄石": "Huangshi", "黄冈": "Huanggang",
    "周口": "Zhoukou", "商丘": "Shangqiu", "南阳": "Nanyang", "金华": "Jinhua", "花垣县": "Huayuan County",
    "越南": "Vietnam", "柬埔寨": "Cambodia", "缅甸": "Myanmar", "老挝": "Laos", "韩国": "South Korea",
    "朝鲜": "North Korea", "日本": "Japan", "泰国": "Thailand", "新加坡": "Singapore", "利比亚": "Libya",
    "利比里亚": "Liberia", "意大利": "Italy", "马来西亚": "Malaysia", "巴西": "Brazil", "釜山": "Busan",
    "美国": "United States", "俄罗斯": "Russia", "印度": "India", "巴基斯坦": "Pakistan",
}


def _terms(*tables_and_categories):
    return [Term(f"{category}-{i}", zh, en, category=category, status="approved")
            for table, category in tables_and_categories for i, (zh, en) in enumerate(table.items())]


TITLES_ONLY = Matcher.from_terms(_terms((TITLES, "title"), (ORGANS, "organ")))
WITH_PLACES = Matcher.from_terms(_terms((TITLES, "title"), (ORGANS, "organ"), (PLACES, "place")))
WITH_REFERENCE = Matcher.from_terms(_terms((TITLES, "title"), (ORGANS, "organ")), reference=reference_terms())
MATCHERS = {"titles": TITLES_ONLY, "places": WITH_PLACES, "reference": WITH_REFERENCE}


def people(text: str, matcher) -> list[str]:
    return people_found(text, matcher)


CASES = [
    # Chinese officials, title before the name
    ("国务院总理李强主持召开国务院常务会议。", ["李强→Li Qiang"]),
    ("国家主席习近平签署主席令。", ["习近平→Xi Jinping"]),
    ("全国人大常委会委员长赵乐际出席会议。", ["赵乐际→Zhao Leji"]),
    ("全国政协主席王沪宁在京会见客人。", ["王沪宁→Wang Huning"]),
    ("国务院副总理丁薛祥出席开幕式。", ["丁薛祥→Ding Xuexiang"]),
    ("农业农村部部长韩长赋出席会议。", ["韩长赋→Han Changfu"]),  # 长 in a given name is chang
    ("副市长李长林主持会议。", ["李长林→Li Changlin"]),
    # 和 and 曾 after a title: a conjunction before a noun, an adverb before a verb, or a surname
    ("县委书记和党员干部座谈。", []),
    ("国家主席和苏联领导人会谈。", []),
    ("市长曾指出，要加强管理。", []),
    ("市长曾光明出席会议。", ["曾光明→Zeng Guangming"]),
    ("副市长曾志伟指出。", ["曾志伟→Zeng Zhiwei"]),
    ("委员和晓东发言。", ["和晓东→He Xiaodong"]),
    ("中央委员、候补委员和省部级主要领导干部参加研讨班。", []),  # 和/c + 省部级: "and", not He Shengbu
    ("人大代表和市县级干部列席会议。", []),
    # a verb of speaking after a two-character name is no part of it
    ("市委书记王明说，要抓好落实。", ["王明→Wang Ming"]),
    ("镇党委书记赵刚说，今年粮食丰收。", ["赵刚→Zhao Gang"]),
    ("县长刘敏称，将加快项目建设。", ["刘敏→Liu Min"]),
    ("县委书记李华说：“我们要努力。”", ["李华→Li Hua"]),
    ("主任李建国说，工作进展顺利。", ["李建国→Li Jianguo"]),
    ("市长张春明讲，要抓好防汛。", ["张春明→Zhang Chunming"]),
    ("书记王明亮说，要抓好落实。", ["王明亮→Wang Mingliang"]),
    ("外交部部长王毅同来访的客人举行会谈。", ["王毅→Wang Yi"]),
    ("省委书记王宁主持召开常委会会议。", ["王宁→Wang Ning"]),
    ("市委副书记、市长张建华调研城市建设。", ["张建华→Zhang Jianhua"]),
    ("县长刘志强带队检查安全生产。", ["刘志强→Liu Zhiqiang"]),
    ("市政协副主席陈丽华参加活动。", ["陈丽华→Chen Lihua"]),
    ("区委书记黄文军深入社区走访。", ["黄文军→Huang Wenjun"]),
    ("主任周海燕介绍了有关情况。", ["周海燕→Zhou Haiyan"]),
    ("副省长孙志刚出席签约仪式。", ["孙志刚→Sun Zhigang"]),
    ("局长欧阳明辉作工作报告。", ["欧阳明辉→Ouyang Minghui"]),
    ("院长司马晓东致欢迎辞。", ["司马晓东→Sima Xiaodong"]),
    ("教授诸葛文出席论坛。", ["诸葛文→Zhuge Wen"]),
    ("秘书长郑国光宣读决定。", ["郑国光→Zheng Guoguang"]),
    ("副部长曾明出席会议。", ["曾明→Zeng Ming"]),
    ("厅长单晓红讲话。", ["单晓红→Shan Xiaohong"]),
    ("校长覃建国致辞。", ["覃建国→Qin Jianguo"]),
    ("主任高峰出席会议。", ["高峰→Gao Feng"]),
    # title after the name
    ("李强总理在会上强调，要稳住经济大盘。", ["李强→Li Qiang"]),
    ("习近平总书记发表重要讲话。", ["习近平→Xi Jinping"]),
    ("张国华副主任陪同考察。", ["张国华→Zhang Guohua"]),
    ("王建军局长听取汇报。", ["王建军→Wang Jianjun"]),
    ("刘芳教授作专题报告。", ["刘芳→Liu Fang"]),
    ("陈晓明主任主持会议。", ["陈晓明→Chen Xiaoming"]),
    ("杨洁书记要求各级干部转变作风。", ["杨洁→Yang Jie"]),
    ("外方高度评价习近平总书记的讲话。", ["习近平→Xi Jinping"]),
    # 同志
    ("王娟同志介绍了基本情况。", ["王娟→Wang Juan"]),
    ("李成明同志表示感谢。", ["李成明→Li Chengming"]),
    ("全国人民向钟南山同志学习。", ["钟南山→Zhong Nanshan"]),
    ("安小平同志当选为主席。", ["安小平→An Xiaoping"]),
    ("会上，张桂梅同志作事迹报告。", ["张桂梅→Zhang Guimei"]),
    # lists joined by 、
    ("出席会议的有王晓东、李红梅、赵刚等同志。", ["王晓东→Wang Xiaodong", "李红梅→Li Hongmei", "赵刚→Zhao Gang"]),
    ("会见了高君宇、石评梅的后人。", ["高君宇→Gao Junyu", "石评梅→Shi Pingmei"]),
    ("获奖者：刘洋、陈思远、孙丽。", ["刘洋→Liu Yang", "陈思远→Chen Siyuan", "孙丽→Sun Li"]),
    ("黄山、黄石、黄冈等地开展试点。", []),
    ("周口、商丘、南阳三市联合执法。", []),
    ("长沙、株洲、湘潭三市同城发展。", []),
    ("江苏、浙江、安徽等省参加。", []),
    # weak surnames: a name after a title, a word elsewhere
    ("主任金勇出席会议。", ["金勇→Jin Yong"]),
    ("副县长成建军参加活动。", ["成建军→Cheng Jianjun"]),
    ("史志研究室主任时光辉参加。", ["时光辉→Shi Guanghui"]),
    ("全面提高和平发展水平。", []),
    ("维护国家安全和社会稳定。", []),
    ("都市报记者从会上获悉。", []),
    # a name that opens a clause before a bulletin's verb
    ("王沪宁出席会议并讲话。", ["王沪宁→Wang Huning"]),
    ("刘赐贵赴三亚调研。", ["刘赐贵→Liu Cigui"]),
    ("白皮书指出，要加强合作。", []),
    ("卫生局表示将加强监管。", []),
    ("鲁尼表示不会离开。", ["鲁尼~?"]),  # a transliterated name: flagged for the reviewer, never Pinyin
    # foreign leaders: never Chinese Pinyin
    ("越南共产党中央总书记阮富仲会见中方代表团。", ["阮富仲→Nguyen Phu Trong"]),
    ("越南国家主席阮春福出席欢迎仪式。", ["阮春福→Nguyen Xuan Phuc"]),
    ("柬埔寨首相洪森表示感谢。", ["洪森~Hun Sen"]),
    ("缅甸国务资政昂山素季出席会议。", ["昂山素季~Aung San Suu Kyi"]),
    ("韩国总统文在寅表示欢迎。", ["文在寅~Moon Jae-in"]),
    ("朝鲜劳动党委员长金正恩视察工厂。", ["金正恩~Kim Jong-un"]),
    ("新加坡总理李显龙表示，两国合作潜力巨大。", ["李显龙~Lee Hsien Loong"]),
    ("日本首相安倍晋三发表讲话。", ["安倍晋三~Abe Shinzo"]),
    ("意大利总理孔特出席峰会。", ["孔特~?"]),
    ("泰国总理巴育会见中国企业家。", ["巴育~?"]),
    ("金正恩委员长视察工厂。", ["金正恩~Kim Jong-un"]),
    ("文在寅总统表示欢迎。", ["文在寅~Moon Jae-in"]),
    ("洪森首相表示感谢。", ["洪森~Hun Sen"]),
    ("美国总统特朗普表示。", ["特朗普~Trump"]),  # the Chinese names a Western person by the surname
    ("国际奥委会主席巴赫表示。", ["巴赫~Bach"]),  # not CC-CEDICT's Johann Sebastian Bach
    ("俄罗斯总统普京会见各国代表。", ["普京~Putin"]),
    ("菲律宾总统杜特尔特出席峰会。", ["杜特尔特~?"]),  # 特出 ("outstanding") straddles its end, but 出席 is the verb
    ("韩国釜山市长吴巨敦表示欢迎。", ["吴巨敦~?"]),
    ("越南国家主席阮春福会见了中国驻越南大使馆代表王明。", ["阮春福→Nguyen Xuan Phuc", "王明→Wang Ming"]),
    ("柬埔寨首相洪森和夫人出席。", ["洪森~Hun Sen"]),
    ("中国驻日本大使馆代表孔铉佑出席招待会。", ["孔铉佑→Kong Xuanyou"]),
    ("王毅会见越南副总理。", ["王毅→Wang Yi"]),
    ("意大利总理孔特、阮春福出席。", ["孔特~?", "阮春福→Nguyen Xuan Phuc"]),  # a list spreads Vietnam to no one of another country
    # a country or city before a title is not a person
    ("利比亚总理出席会议。", []),
    ("利比亚副总理商讨合作。", []),
    ("市长与利比亚代表商讨合作。", []),
    ("韩国代表表示支持。", []),
    ("马来西亚总理表示欢迎。", []),
    ("柳州市长吴炜出席。", ["吴炜→Wu Wei"]),
    ("长沙市长郑建新主持。", ["郑建新→Zheng Jianxin"]),
    ("温州市长姚高员讲话。", ["姚高员→Yao Gaoyuan"]),
    ("常州市长盛蕾出席。", ["盛蕾→Sheng Lei"]),
    ("黄山市长孙勇出席。", ["孙勇→Sun Yong"]),
    ("金华市长表示欢迎。", []),
    # titles read across a place
    ("我省长江流域生态保护取得成效。", []),
    ("农业部长江办主任王明出席。", ["王明→Wang Ming"]),
    ("我省长沙、株洲等地企业参展。", []),
    ("花垣县长乐乡米迫村开展帮扶。", []),
    ("省长春节前夕看望困难群众。", []),
    ("外交部长沙祖康表示。", ["沙祖康→Sha Zukang"]),
    ("湖南省长毛伟明主持会议。", ["毛伟明→Mao Weiming"]),
    ("我市长江大桥建成通车。", []),
    ("全省长江经济带建设加快。", []),
    ("本县长白山脚下的村庄。", []),
    ("吉林省长春市委书记王凯讲话。", ["王凯→Wang Kai"]),
    # ordinary words after a title
    ("副总理商讨合作事宜。", []),
    ("市长周到达现场。", []),
    ("书记高度重视这项工作。", []),
    ("县长常年坚持下乡。", []),
    ("局长车辆管理规定出台。", []),
    ("院长万分感谢。", []),
    ("校长严格要求。", []),
    ("主任黄河沿岸调研。", []),
    # a noun for a person right before a name, as a title would be, but no title
    ("贫困户女孩周丽收到了录取通知书。", ["周丽→Zhou Li"]),
    ("村民王大明告诉记者，今年收成好。", ["王大明→Wang Daming"]),
    ("志愿者张丽每天服务社区。", ["张丽→Zhang Li"]),
    ("民警赵小军救起落水儿童。", ["赵小军→Zhao Xiaojun"]),
    ("教师陈晓燕获评优秀教师。", ["陈晓燕→Chen Xiaoyan"]),
    ("农民工人数明显增加。", []),
    ("村民代表大会顺利召开。", []),
    # a surname before a courtesy title: what precedes it is a word, not a given name
    ("游客李先生表示很满意。", []),
    ("市民王女士说，办事很方便。", []),
    ("局长江山红出席会议。", ["江山红→Jiang Shanhong"]),
    # an adverb of manner between the name and its verb
    ("刘建军集体会见参加培训的学员。", ["刘建军→Liu Jianjun"]),
    ("赵德江集体会见外国客人。", ["赵德江→Zhao Dejiang"]),  # 德江 is also a county's short form
    ("王海峰分别会见两国客人。", ["王海峰→Wang Haifeng"]),
    ("陈刚专程赴灾区看望群众。", ["陈刚→Chen Gang"]),
    ("全体委员集体出席会议。", []),
    ("大家共同表示支持。", []),
    # a title that begins a longer word is no title there (代表团 "delegation", 书记处 "secretariat")
    ("越南共产党代表团访华。", []),
    ("老挝代表团团员抵达北京。", []),
    ("中央书记处书记王明出席。", ["王明→Wang Ming"]),
    # a clause's subject before a preposition, a verb later in the clause
    ("王毅向记者介绍了会谈情况。", ["王毅→Wang Yi"]),
    ("李强向大会作政府工作报告。", ["李强→Li Qiang"]),
    ("赵乐际就做好巡视工作提出要求。", ["赵乐际→Zhao Leji"]),
    ("刘慈欣为读者签名留念。", ["刘慈欣→Liu Cixin"]),
    ("会后，陈敏尔同基层干部座谈。", ["陈敏尔→Chen Min'er"]),
    ("丁薛祥对此表示赞同。", ["丁薛祥→Ding Xuexiang"]),
    ("张家口向北京输送绿色电力。", []),  # a city, not a Mr Zhang Jiakou
    ("王府井向游客开放夜市。", []),
    ("高铁从北京开往上海。", []),
    ("东方红向阳升起。", []),
    ("李强向大会报告。", ["李强→Li Qiang"]),
    ("李强向大会的报告", []),  # no verb after what 向 introduces: no clause of his
    # Hong Kong, Macao and Taiwan names stay as today
    ("香港特区代表李家超表示。", ["李家超→Li Jiachao"]),
    ("澳门特区代表岑浩辉出席。", ["岑浩辉→Cen Haohui"]),
    ("台湾同胞代表王明表示。", ["王明→Wang Ming"]),
]


@pytest.mark.parametrize("glossary", list(MATCHERS))
@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:12] for c in CASES])
def test_people_in_a_sentence(text, expected, glossary):
    assert people(text, MATCHERS[glossary]) == expected


def test_the_table_has_a_hundred_cases_and_no_duplicates():
    assert len(CASES) >= 100
    assert len({text for text, _ in CASES}) == len(CASES)


VIETNAMESE_CASES = [
    # 阮 without China in the clause, and 氏 in a woman's name: Vietnamese, in its own spelling
    ("阮富仲表示，越方愿同中方加强合作。", [("阮富仲", "Nguyen Phu Trong")]),
    ("阮春福出席开幕式并致辞。", [("阮春福", "Nguyen Xuan Phuc")]),
    ("阮春福总理表示欢迎。", [("阮春福", "Nguyen Xuan Phuc")]),
    ("阮春福总理和夫人出席。", [("阮春福", "Nguyen Xuan Phuc")]),
    ("越共中央总书记阮富仲视察工厂。", [("阮富仲", "Nguyen Phu Trong")]),
    ("副总理阮善仁出席。", [("阮善仁", "Nguyen Thien Nhan")]),
    ("胡志明市市委书记阮文年会见中国客人。", [("阮文年", "Nguyen Van Nien")]),
    ("省委书记阮文读在河内出席活动。", [("阮文读", "Nguyen Van Doc")]),
    ("国家主席习近平会见越南国家主席阮春福。", [("习近平", "Xi Jinping"), ("阮春福", "Nguyen Xuan Phuc")]),
    ("黎氏香主持会议。", [("黎氏香", "Le Thi Huong")]),
    ("陈氏兰出席活动。", [("陈氏兰", "Tran Thi Lan")]),
    ("范氏清表示感谢。", [("范氏清", "Pham Thi Thanh")]),
    ("阮氏萍出席活动。", [("阮氏萍", "Nguyen Thi Binh")]),
    # four characters: a woman's name with a two-character given name
    ("越南国会主席阮氏金银出席欢迎仪式。", [("阮氏金银", "Nguyen Thi Kim Ngan")]),
    ("阮氏金银主持会议。", [("阮氏金银", "Nguyen Thi Kim Ngan")]),
    ("越南国家副主席邓氏玉盛会见中国客人。", [("邓氏玉盛", "Dang Thi Ngoc Thinh")]),
    # any surname, where the clause ties the person to Vietnam (越南, 越共)
    ("越南国家主席陈大光出席欢迎仪式。", [("陈大光", "Tran Dai Quang")]),
    ("越南政府总理范明政会见外交部长王毅。", [("范明政", "Pham Minh Chinh"), ("王毅", "Wang Yi")]),
    ("越南国家主席武文赏表示欢迎。", [("武文赏", "Vo Van Thuong")]),
    ("越共中央书记处常务书记陈锦秀出席。", [("陈锦秀", "Tran Cam Tu")]),
    ("越南国会主席王庭惠在河内会见中国代表团。", [("王庭惠", "Vuong Dinh Hue")]),
    # listed beside a Vietnamese person, titles and 、 or 和 between: Vietnamese too
    ("国家主席将同阮富仲总书记、陈大光主席、阮春福总理和阮氏金银国会主席举行会谈。",
     [("阮富仲", "Nguyen Phu Trong"), ("陈大光", "Tran Dai Quang"), ("阮春福", "Nguyen Xuan Phuc"), ("阮氏金银", "Nguyen Thi Kim Ngan")]),
    ("习近平总书记、国家主席将同阮富仲总书记会谈。", [("习近平", "Xi Jinping"), ("阮富仲", "Nguyen Phu Trong")]),
    ("范明政总理、王庭惠主席出席，阮富仲总书记致辞。", [("范明政", "Fan Mingzheng"), ("王庭惠", "Wang Tinghui"), ("阮富仲", "Nguyen Phu Trong")]),
    # 阮 in a clause about China, and Chinese officials named 黎 or 陈: Pinyin
    ("云南省长阮成发出席会议。", [("阮成发", "Ruan Chengfa")]),
    ("中共云南省委书记阮成发主持会议。", [("阮成发", "Ruan Chengfa")]),
    ("省长阮成发强调，要抓好落实。", [("阮成发", "Ruan Chengfa")]),
    ("省委书记阮文读在昆明出席活动。", [("阮文读", "Ruan Wendu")]),
    ("广西壮族自治区副主席阮明出席。", [("阮明", "Ruan Ming")]),
    ("我市副市长阮建华主持会议。", [("阮建华", "Ruan Jianhua")]),
    ("中方代表阮明会见越南客人。", [("阮明", "Ruan Ming")]),
    ("全国政协副主席陈晓光出席。", [("陈晓光", "Chen Xiaoguang")]),
    ("副市长黎勇主持会议。", [("黎勇", "Li Yong")]),
    ("市委书记陈敏尔讲话。", [("陈敏尔", "Chen Min'er")]),
    ("黎晓宏出席会议。", [("黎晓宏", "Li Xiaohong")]),
    ("中国驻越南大使熊波出席招待会。", [("熊波", "Xiong Bo")]),
    ("超越共同体的副市长陈明出席。", [("陈明", "Chen Ming")]),
    # 氏 that is no given name: a clan, a family
    ("陈氏宗祠修缮完工。", []),
    ("省委书记和阮氏代表团会谈。", []),
]


@pytest.mark.parametrize("glossary", list(MATCHERS))
@pytest.mark.parametrize("text, expected", VIETNAMESE_CASES, ids=[c[0][:12] for c in VIETNAMESE_CASES])
def test_a_vietnamese_person_is_written_in_their_own_spelling_and_a_chinese_official_stays_pinyin(text, expected, glossary):
    found = [r for r in requirements(text, MATCHERS[glossary]) if r.kind == "name" or r.category == "foreign-name"]
    assert [(r.source, r.target) for r in found] == expected
    for r in found:
        vietnamese = r.category == "vietnamese-name"
        assert vietnamese == (r.target != romanize_name(r.source))
        assert r.enforced and (not vietnamese or len(r.variants) == 1)  # the spelling with its diacritics is accepted too


@pytest.mark.parametrize("glossary", ["places", "reference"])
@pytest.mark.parametrize("text, title", [
    ("省长春节前夕看望困难群众。", "省长"),
    ("外交部长沙祖康表示。", "外交部长"),
    ("湖南省长毛伟明主持会议。", "省长"),
])
def test_a_title_the_sentence_confirms_stays_a_title(text, title, glossary):
    assert title in {r.source for r in requirements(text, MATCHERS[glossary]) if r.category == "title"}


@pytest.mark.parametrize("glossary", ["places", "reference"])
@pytest.mark.parametrize("text, place, title", [
    ("我省长江流域生态保护取得成效。", "长江", "省长"),
    ("农业部长江办主任王明出席。", "长江", "部长"),
    ("我市长江大桥建成通车。", "长江", "市长"),
    ("吉林省长春市委书记王凯讲话。", "长春", "省长"),
    ("本县长白山脚下的村庄。", "长白山", "县长"),
])
def test_a_place_wins_over_a_title_read_across_it(text, place, title, glossary):
    found = requirements(text, MATCHERS[glossary])
    # the place is found from where it begins (the reference data may hold a shorter form: 长白 of 长白山),
    # alone or inside the body after it (长春 + 市委书记: "Secretary of the Changchun Municipal Party Committee")
    assert text.index(place) in {r.start for r in found if r.kind == "place" or r.category == "place" or PLACES[place] in r.target}
    assert title not in {r.source for r in found}


def test_a_foreign_name_is_a_hint_not_a_requirement():
    found = [r for r in find_names("柬埔寨首相洪森表示感谢。") if r.source == "洪森"]
    assert [(r.kind, r.target, r.enforced) for r in found] == [("hint", "Hun Sen", False)]


def test_the_tagger_is_loaded_only_when_asked_and_prints_nothing(tmp_path):
    import subprocess
    import sys

    code = ("import sys\nfrom l10n.names import find_names\n"
            "find_names('主任李成明主持会议。')\nprint('jieba' in sys.modules)\n"
            "find_names('利比亚副总理商讨合作。')\nprint('jieba' in sys.modules)\n")
    # a fresh temporary directory: jieba builds its dictionary cache there, and would say so on stderr
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "TMPDIR": str(tmp_path)})
    assert (done.stdout, done.stderr) == ("False\nTrue\n", "")


@pytest.mark.parametrize("text, title, english, kind", [
    ("越南政府总理范明政会见代表团。", "总理", "Prime Minister", "hint"),
    ("泰国副总理表示欢迎。", "副总理", "Deputy Prime Minister", "hint"),
    ("朝鲜国务委员会委员长金正恩表示。", "委员会委员长", "Chairman", "hint"),
    ("国务院总理李强会见代表团。", "总理", "Premier", "term"),
    ("全国人大常委会委员长赵乐际出席会议。", "全国人大常委会委员长", "Chairman of the NPC Standing Committee", "term"),
    ("国务院副总理丁薛祥会见越南客人。", "副总理", "Vice Premier", "term"),
])
def test_a_foreign_office_keeps_its_own_english(text, title, english, kind):
    from l10n.config import load_config
    from l10n.glossary import load_glossary

    glossary = load_glossary(load_config(Path(__file__).resolve().parent.parent / "l10n.toml"))
    found = [(r.kind, r.target) for r in requirements(text, glossary.matcher()) if r.source == title]
    assert found == [(kind, english)]


@pytest.mark.parametrize("text, organ, required", [
    ("越南共产党中央总书记会见代表团。", "党中央", False),  # inside the foreign party's name
    ("老挝人民革命党中央委员会总书记表示。", "民革", False),
    ("美国国务院发言人表示。", "国务院", False),  # the State Department, not the State Council
    ("前国务卿凭借一本关于她在国务院任职期间的书获得收入。", "国务院", False),  # where a Secretary of State served
    ("国务卿表示，国务院将发表声明。", "国务院", False),
    ("国务院总理会见来访的美国国务卿。", "国务院", True),  # the Premier's
    ("美国国务卿访华。国务院常务会议在京召开。", "国务院", True),  # another sentence
    ("国务院新闻办公室举行发布会。", "国务院新闻办公室", True),
    ("党中央、国务院高度重视。", "党中央", True),
    ("日本驻华大使会见全国政协副主席。", "全国政协副主席", True),  # after 驻华 and a verb the clause is China's
    ("柬埔寨首相会见中共中央政治局委员。", "中共中央政治局委员", True),
])
def test_a_chinese_organ_is_not_read_in_a_foreign_clause(text, organ, required):
    from l10n.config import load_config
    from l10n.glossary import load_glossary

    glossary = load_glossary(load_config(Path(__file__).resolve().parent.parent / "l10n.toml"))
    assert any(r.source == organ and r.kind == "term" for r in requirements(text, glossary.matcher())) is required


# A name span never runs across a function word (在, 和, 与) into a place, nor over a known
# place's characters; a place before a bulletin's verb is no person (issue 18: "no title or
# name is matched across a place"). A Mongolian, Tibetan or other transliterated name stays a
# flagged hint, never Chinese Pinyin; a Chinese official stays Pinyin.
ACROSS_A_PLACE = [
    ("内蒙古自治区主席巴特尔在呼和浩特会见客人。", ["巴特尔~?"]),
    ("代表巴雅尔在呼和浩特出席开幕式。", ["巴雅尔~?"]),
    ("秘书长古特雷斯在纽约出席会议。", ["古特雷斯~Guterres"]),
    ("代表萨拉赫与开罗大学代表座谈。", ["萨拉赫~?"]),
    ("代表卡洛斯在巴西利亚出席论坛。", ["卡洛斯~Carlos"]),
    ("部长马塞洛和里约热内卢代表会谈。", ["马塞洛~?"]),
    ("代表达瓦在林芝出席活动。", ["达瓦~?"]),
    ("主席阿布都热依木在喀什调研。", ["阿布都热依木~?"]),
    ("教授托卡耶夫与阿斯塔纳代表会谈。", ["托卡耶夫~?"]),
    # Chinese officials: Pinyin, and the place after 在 is no person
    ("河北省委书记王东峰在石家庄调研。", ["王东峰→Wang Dongfeng"]),
    ("省长许勤在哈尔滨会见客人。", ["许勤→Xu Qin"]),
    ("主任王明和长沙市代表座谈。", ["王明→Wang Ming"]),
    ("书记李希在广州调研。", ["李希→Li Xi"]),
    ("副主席张建国与呼和浩特市代表座谈。", ["张建国→Zhang Jianguo"]),
    # a country before a title is no person, whatever jieba tags it, nor the end of one (阿尔及 + 利亚)
    ("阿富汗总统会见中国代表团。", []),
    ("阿富汗总统在喀布尔发表讲话。", []),
    ("阿尔及利亚总统表示欢迎。", []),
]


@pytest.mark.parametrize("glossary", list(MATCHERS))
@pytest.mark.parametrize("text, expected", ACROSS_A_PLACE, ids=[c[0][:12] for c in ACROSS_A_PLACE])
def test_a_name_never_runs_across_a_function_word_into_a_place(text, expected, glossary):
    assert people(text, MATCHERS[glossary]) == expected


# A foreign office holder after their country and title, or between the two (马尔代夫优素福总统),
# is a foreign person whatever the characters of their name (优素福 reads like a Chinese given
# name, 阿方索 like a transliteration): flagged, never Pinyin, and the country is no part of it.
# What follows a foreign title and is no name stays none.
AFTER_A_FOREIGN_COUNTRY = [
    ("马尔代夫总统优素福表示欢迎。", ["优素福~?"]),
    ("葡萄牙总统阿方索出席。", ["阿方索~?"]),
    ("印度尼西亚总统佐科会见中国企业家。", ["佐科~?"]),
    ("伊朗总统莱希表示，愿加强合作。", ["莱希~?"]),
    ("老挝国家主席通伦出席欢迎仪式。", ["通伦~?"]),
    ("缅甸总统吴敏瑞出席。", ["吴敏瑞~?"]),
    ("马尔代夫总统优素福当天抵达。", ["优素福~?"]),
    ("泰国总理巴育会见中国企业家。", ["巴育~?"]),
    ("越南国家主席陈大光出席欢迎仪式。", ["陈大光→Tran Dai Quang"]),
    # no name after the title
    ("马来西亚总理表示欢迎。", []),
    ("美国总统选举结果揭晓。", []),
    ("日本首相官邸发表声明。", []),
    ("美国总统特使出席。", []),
    ("巴西总统和夫人出席。", []),
    ("国务院总理李强会见马尔代夫总统。", ["李强→Li Qiang"]),
    # a foreign country, its leader's name, then the title: the name alone is the person, flagged or in its English
    ("马尔代夫优素福总统会见王毅。", ["优素福~?"]),
    ("老挝通伦主席出席欢迎仪式。", ["通伦~?"]),
    ("泰国巴育总理出席开幕式。", ["巴育~?"]),
    ("蒙古国呼日勒苏赫总理出席。", ["呼日勒苏赫~?"]),
    # the country is no part of the name before the title
    ("俄罗斯普京总统出席峰会。", ["普京~Putin"]),
    ("法国马克龙总统表示欢迎。", ["马克龙~Macron"]),
    # nothing between the country and its title, or an ordinary word, or a place: no person
    ("俄罗斯联邦总统出席峰会。", []),
    ("英国伦敦市长出席开幕式。", []),
    ("朝鲜劳动党委员长出席。", []),
]


@pytest.mark.parametrize("glossary", list(MATCHERS))
@pytest.mark.parametrize("text, expected", AFTER_A_FOREIGN_COUNTRY, ids=[c[0][:12] for c in AFTER_A_FOREIGN_COUNTRY])
def test_a_foreign_leader_beside_country_and_title_is_found_whatever_the_characters(text, expected, glossary):
    assert people(text, MATCHERS[glossary]) == expected


# A name written with an interpunct (·, ・ or •) between its parts is one person, flagged
# foreign (a Uyghur or Western name is no Pinyin), with CC-CEDICT's English where a part gives
# the full name. An interpunct that joins no person's parts (a book and its chapter) makes none.
DOTTED = [
    ("新疆维吾尔自治区主席艾尔肯·吐尼亚孜出席。", ["艾尔肯·吐尼亚孜~?"]),
    ("美国总统唐纳德·特朗普表示。", ["唐纳德·特朗普~Donald Trump"]),
    ("俄罗斯总统弗拉基米尔·普京会见各国代表。", ["弗拉基米尔·普京~Vladimir Putin"]),
    ("法国总统埃马纽埃尔·马克龙出席。", ["埃马纽埃尔·马克龙~Emmanuel Macron"]),
    ("秘书长安东尼奥·古特雷斯出席会议。", ["安东尼奥·古特雷斯~António Guterres"]),
    ("自治区主席雪克来提・扎克尔出席。", ["雪克来提・扎克尔~?"]),
    ("代表阿卜杜勒•卡里姆在会上发言。", ["阿卜杜勒•卡里姆~?"]),
    ("主任买买提·吐尔逊主持会议。", ["买买提·吐尔逊~?"]),
    ("印度尼西亚总统普拉博沃·苏比安托表示欢迎。", ["普拉博沃·苏比安托~?"]),
    ("艾尔肯·吐尼亚孜强调，要抓好落实。", ["艾尔肯·吐尼亚孜~?"]),
    # no person
    ("《史记·项羽本纪》记载了这段历史。", []),
    ("主任王明出席，会议·论坛同期举行。", ["王明→Wang Ming"]),
]


@pytest.mark.parametrize("glossary", list(MATCHERS))
@pytest.mark.parametrize("text, expected", DOTTED, ids=[c[0][:12] for c in DOTTED])
def test_a_name_written_with_an_interpunct_is_one_foreign_person(text, expected, glossary):
    assert people(text, MATCHERS[glossary]) == expected


@pytest.mark.parametrize("text,expected", [
    # 向 "towards, from" before a name jieba reads whole is a preposition, not the surname Xiang
    ("向雷锋同志学习。", ["雷锋→Lei Feng"]),
    ("向张桂梅同志学习。", ["张桂梅→Zhang Guimei"]),
    ("向黄文秀同志致敬。", ["黄文秀→Huang Wenxiu"]),
    ("向焦裕禄同志学习。", ["焦裕禄→Jiao Yulu"]),
    # 向 as the surname stays
    ("向明同志出席会议。", ["向明→Xiang Ming"]),
    ("向守志同志出席。", ["向守志→Xiang Shouzhi"]),
    ("市长向力力讲话。", ["向力力→Xiang Lili"]),
])
def test_xiang_before_a_name_is_the_preposition_not_a_surname(text, expected):
    assert people(text, WITH_REFERENCE) == expected


@pytest.mark.parametrize("text,expected", [
    # the speaker before 在 + a place + the verb
    ("李成明在呼和浩特调研。", ["李成明→Li Chengming"]),
    ("市长王平在长沙调研时强调。", ["王平→Wang Ping"]),
    ("张建华在北京会见外宾。", ["张建华→Zhang Jianhua"]),
    ("扎西在拉萨考察。", ["扎西~?"]),
    ("乌力吉在呼和浩特调研。", ["乌力吉~?"]),
    # no person: an organisation, a meeting, a pronoun
    ("代表团在北京考察。", []),
    ("会议在北京召开。", []),
    ("他在拉萨调研。", []),
    ("全省在西安召开会议。", []),
])
def test_the_speaker_before_where_they_spoke_is_found(text, expected):
    assert people(text, WITH_REFERENCE) == expected
