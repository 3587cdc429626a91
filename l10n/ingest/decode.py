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

_CANDIDATES = ("gb18030", "big5")
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


def decode_bytes(data: bytes, *, origin: str = "input") -> tuple[str, str]:
    """Decode *data*; return ``(text, encoding)``.

    A byte-order mark decides UTF-8, UTF-16 or UTF-32; without one, UTF-8 is taken when it decodes cleanly; otherwise the
    text must decode as GB18030 (a superset of GBK/GB2312) or Big5, and
    the decoding made of common characters wins (charset-normalizer breaks a tie).

    >>> decode_bytes("政协".encode("gbk"))
    ('政协', 'gb18030')
    >>> decode_bytes("政協會議".encode("big5"))[1]
    'big5'
    >>> decode_bytes("吕梁市委党史研究室".encode("gbk"))[1], decode_bytes("呂梁市委黨史研究室".encode("big5"))[1]
    ('gb18030', 'big5')
    """
    # A byte-order mark first: UTF-16 and UTF-32 text is full of NUL bytes (UTF-32's mark before UTF-16's, which it starts with).
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                shown = name.upper().removesuffix("-SIG")
                raise NotTextError(f"{origin} starts with a {shown} byte-order mark but is not valid {shown}; save it as UTF-8.") from None
    if b"\x00" in data[:8192]:
        raise NotTextError(f"{origin} is a binary file, not a text or HTML bulletin.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = {}
    for name in _CANDIDATES:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if len(decoded) == 1:
        return next(iter(decoded.items()))[::-1]
    if len(decoded) > 1:
        name = _best_of(data, decoded)
        return decoded[name], name
    raise NotTextError(f"{origin} is not text in UTF-8, GB18030/GBK or Big5; convert it to UTF-8 (e.g. `iconv -t UTF-8`).")


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
    return char in "，。、；：？！“”‘’《》（）…—·"


def _best_of(data: bytes, decoded: dict[str, str]) -> str:
    from charset_normalizer import from_bytes

    shares = sorted(((_common_share(text), name) for name, text in decoded.items()), reverse=True)
    if shares[0][0] - shares[1][0] > 0.1:
        return shares[0][1]

    best = from_bytes(data, cp_isolation=list(decoded)).best()
    if best is not None and best.encoding.replace("_", "").lower() in {n.replace("_", "") for n in decoded}:
        name = best.encoding.replace("_", "").lower()
        return next(n for n in decoded if n.replace("_", "") == name)
    # charset-normalizer unsure: prefer the decoding with more common CJK characters.
    return max(decoded, key=lambda n: count_han(decoded[n]))


_FULLWIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Chinese punctuation stays Chinese: only letters, digits and a few symbols fold to ASCII.
_KEEP_FULLWIDTH = set("，。！？；：（）［］｛｝〔〕“”‘’《》〈〉【】、·")
_FOLD = {k: v for k, v in _FULLWIDTH_ASCII.items() if chr(k) not in _KEEP_FULLWIDTH}
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK_PUNCTUATION}{HAN}])[ \\t]+(?=[{CJK_PUNCTUATION}{HAN}])")


def normalise_text(text: str) -> str:
    """Fold full-width letters/digits to ASCII, unify spaces, drop spaces inside Chinese.

    >>> normalise_text("２０２３年\\u3000全 方位，合作")
    '2023年全方位，合作'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_FOLD)
    text = text.replace("\u3000", " ").replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = "".join(c if unicodedata.category(c) != "Cc" or c in "\n\t" else " " for c in text)
    return _SPACE_BETWEEN_CJK.sub("", text)


def count_cjk(text: str) -> int:
    """Number of Chinese characters in *text*.

    >>> count_cjk("Hengyang 衡阳市")
    3
    """
    return count_han(text)
