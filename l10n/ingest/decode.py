"""Bytes to text: encoding detection and the normalisation that matters for MT."""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from l10n.errors import InputError, NotTextError
from l10n.lexicon import CJK_PUNCTUATION, HAN, count_han

MAX_INPUT_BYTES = 20_000_000
"""The largest file l10n reads as a bulletin: a bulletin is kilobytes, so 20 MB is a wrong file."""

_CANDIDATES = ("gb18030", "big5", "big5hkscs")
"""The legacy encodings tried when a file is not UTF-8: GB18030 (a superset of GBK/GB2312),
Big5, and Big5-HKSCS (Big5 with the Hong Kong characters: 嘅, 啲, 喺 …)."""
_PLAUSIBLE = 0.8
"""The least share of common characters (:func:`_common_share`) of a right decoding. Every line
of prc_gov.dev and FLORES (2,268 lines, in GBK or Big5) scores at least 0.88 decoded right; read
in the other encoding, none of the 1,638 that decode reaches 0.78 (99% stay below 0.69), and a
file of several lines scores lower still."""
_CLEAR = 0.1
"""How much better than every other reading the right one scores."""
_SHOWN = {"gb18030": "GB18030", "big5": "Big5", "big5hkscs": "Big5-HKSCS"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def read_input(path: str | Path, *, what: str = "bulletin", limit: int | None = None) -> bytes:
    """The bytes of the regular file *path*, at most *limit* (default :data:`MAX_INPUT_BYTES`).

    Refused with one sentence before anything blocks or fills memory: a missing file, a
    symlink loop, a directory, anything not a regular file (a FIFO would wait for a writer,
    ``/dev/zero`` never ends) and a file over the limit.
    """
    path = Path(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    too_big = InputError(f"{path} is larger than {limit / 1e6:g} MB; give one {what} file, not {path.name}.")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path} is a symlink loop; point it at the {what} file.") from None
        raise InputError(f"{path} cannot be read ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a directory; give one {what} file.")
    not_regular = InputError(f"{path} is not a regular file (a pipe, device or socket); save the {what} to a file first.")
    if not stat.S_ISREG(info.st_mode):
        raise not_regular
    if info.st_size > limit:
        raise too_big
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise not_regular
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror}).") from None
    if len(data) > limit:
        raise too_big
    return data


def decode_bytes(data: bytes, *, origin: str = "input", encoding: str | None = None) -> tuple[str, str]:
    """Decode *data*; return ``(text, encoding)``.

    *encoding*, when given (``--encoding``), decides. Otherwise a byte-order mark decides UTF-8,
    UTF-16 or UTF-32; without one, UTF-8 is taken when it decodes cleanly, then UTF-16 without
    a mark (text with NUL bytes that reads as Chinese and ASCII); otherwise the text must decode
    as GB18030 (a superset of GBK/GB2312), Big5 or Big5-HKSCS, and the reading made of common
    characters is taken when it is clearly right (:data:`_PLAUSIBLE`, :data:`_CLEAR`; where the
    margin is narrow, charset-normalizer must agree). Where none is, the file is refused, not
    read as mojibake: the message names ``--encoding``.

    >>> decode_bytes("政协".encode("gbk"))
    ('政协', 'gb18030')
    >>> decode_bytes("政協會議".encode("big5"))[1]
    'big5'
    >>> decode_bytes("吕梁市委党史研究室".encode("gbk"))[1], decode_bytes("呂梁市委黨史研究室".encode("big5"))[1]
    ('gb18030', 'big5')
    >>> decode_bytes("區議會主席表示，會議嘅結果令人滿意。".encode("big5hkscs"))
    ('區議會主席表示，會議嘅結果令人滿意。', 'big5hkscs')
    >>> decode_bytes("会议召开。\\n".encode("utf-16-le"))
    ('会议召开。\\n', 'utf-16-le')
    """
    if encoding:
        return _decode_as(data, encoding, origin)
    # A byte-order mark first: UTF-16 and UTF-32 text is full of NUL bytes (UTF-32's mark before UTF-16's, which it starts with).
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                shown = name.upper().removesuffix("-SIG")
                raise NotTextError(f"{origin} starts with a {shown} byte-order mark but is not valid {shown}; save it as UTF-8.") from None
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise NotTextError(f"{origin} is a binary file, not a text or HTML bulletin.")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded: dict[str, str] = {}  # text → the first encoding that reads it so (Big5 text reads the same as Big5-HKSCS)
    for name in _CANDIDATES:
        try:
            decoded.setdefault(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise NotTextError(f"{origin} is not text in UTF-8, GB18030/GBK or Big5; convert it to UTF-8 (e.g. `iconv -t UTF-8`).")
    name = _clearly_right(data, {name: text for text, name in decoded.items()})
    if name is None:
        readings = " or ".join(_SHOWN.get(n, n) for n in decoded.values())
        raise NotTextError(f"{origin} is not UTF-8, and no reading of it as {readings} is clearly right (a wrong one is mojibake); "
                           "give its encoding with --encoding (e.g. --encoding big5hkscs) or save it as UTF-8.")
    return next(text for text, n in decoded.items() if n == name), name


def _decode_as(data: bytes, encoding: str, origin: str) -> tuple[str, str]:
    """*data* decoded as the *encoding* a person named (``--encoding``)."""
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError):
        raise InputError(f"--encoding {encoding!r} is not an encoding Python knows; use e.g. utf-8, gb18030, big5hkscs or utf-16-le.") from None
    if name in _NOT_TEXT_CODECS:
        raise InputError(f"--encoding {encoding!r} is not a text encoding; use e.g. utf-8, gb18030, big5hkscs or utf-16-le.")
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        raise NotTextError(f"{origin} is not valid {encoding} (at byte {exc.start:,}); check the --encoding.") from None


_NOT_TEXT_CODECS = {"base64", "bz2", "hex", "quopri", "rot-13", "uu", "zlib"}


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` where *data* (holding NUL bytes) is UTF-16 without a byte-order
    mark: it decodes in one byte order as text with no control characters, almost all of it
    Chinese, ASCII or punctuation (what binary data read that way never is); else None."""
    if len(data) % 2:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text, name
    return None


_TEXT_CHAR = re.compile(f"[\t\n\r\x20-\x7e{HAN}{CJK_PUNCTUATION}\u2010-\u2027]")


def _reads_as_text(text: str) -> bool:
    if not text or any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
        return False
    return len(_TEXT_CHAR.findall(text)) >= 0.95 * len(text)


def _common_share(text: str) -> float:
    """Share of the non-ASCII characters of *text* that are frequent Chinese characters.

    Frequent: GB2312 level 1 (the 3,755 commonest simplified) or Big5 level 1 (the
    5,401 commonest traditional). The right decoding scores near 1; reading GBK bytes
    as Big5 or the reverse gives rare characters and symbols.
    """
    chars = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not chars:
        return 0.0
    return sum(_frequent(c) for c in chars) / len(chars)


def _frequent(char: str) -> bool:
    for codec, low, high in (("gb2312", 0xB0A1, 0xD7F9), ("big5", 0xA440, 0xC67E)):
        try:
            code = int.from_bytes(char.encode(codec), "big")
        except UnicodeEncodeError:
            continue
        if low <= code <= high:
            return True
    # CJK punctuation (、《》【】〇), full-width letters and digits, dashes, quotes and …, circled numbers
    return bool(_COMMON_SYMBOL.match(char))


_COMMON_SYMBOL = re.compile("[\u3000-\u303f\uff01-\uff5e\u2010-\u2027\u2460-\u24ff·]")


def _clearly_right(data: bytes, decoded: dict[str, str]) -> str | None:
    """The encoding of *decoded* (encoding → a distinct text) whose reading is clearly right:
    the most common characters, :data:`_PLAUSIBLE` at least, :data:`_CLEAR` ahead of every
    other reading (or, closer, charset-normalizer's choice too); None when none is."""
    shares = sorted(((_common_share(text), name) for name, text in decoded.items()), reverse=True)
    best, name = shares[0]
    runner_up = shares[1][0] if len(shares) > 1 else 0.0
    if best < _PLAUSIBLE:
        return None
    if best - runner_up > _CLEAR:
        return name
    from charset_normalizer import from_bytes

    chosen = from_bytes(data, cp_isolation=list(decoded)).best()
    return name if chosen is not None and chosen.encoding.replace("_", "-").lower() == name else None


_FULLWIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Chinese punctuation stays Chinese: only letters, digits and a few symbols fold to ASCII.
_KEEP_FULLWIDTH = set("，。！？；：（）［］｛｝〔〕“”‘’《》〈〉【】、·")
_FOLD = {k: v for k, v in _FULLWIDTH_ASCII.items() if chr(k) not in _KEEP_FULLWIDTH}
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK_PUNCTUATION}{HAN}])[ \\t]+(?=[{CJK_PUNCTUATION}{HAN}])")


def normalise_text(text: str) -> str:
    """Fold full-width letters/digits to ASCII, unify spaces, drop spaces inside Chinese, and
    drop what no segment may hold: format characters (bidi marks and overrides, zero-width
    characters, the BOM) and private-use characters (a site's own glyphs, U+E000–U+F8FF and
    planes 15–16: no reader, engine or glossary knows them); other controls and line
    separators become spaces.

    >>> normalise_text("２０２３年\\u3000全 方位，合作")
    '2023年全方位，合作'
    >>> normalise_text("会\\u202e议\\u200b召\\ue000开\\U000f0001。\\x1b]0;x\\x07\\u2028完")
    '会议召开。 ]0;x  完'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_FOLD)
    text = text.replace("\u3000", " ").replace("\u00a0", " ")
    return _SPACE_BETWEEN_CJK.sub("", _UNUSUAL.sub(_visible, text))


_UNUSUAL = re.compile(f"[^\t\n\x20-\x7e{HAN}{CJK_PUNCTUATION}]")
"""What :func:`_visible` looks at: all but tabs, newlines, printable ASCII, Han and CJK
punctuation (the bulk of a bulletin, passed over at the regular-expression engine's speed)."""


def _visible(match: re.Match) -> str:
    char = match.group()
    category = unicodedata.category(char)
    if category in ("Cf", "Co"):
        return ""
    return " " if category in ("Cc", "Zl", "Zp") else char


def count_cjk(text: str) -> int:
    """Number of Chinese characters in *text*.

    >>> count_cjk("Hengyang 衡阳市")
    3
    """
    return count_han(text)
