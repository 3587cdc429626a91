r"""Text from a catalog or a bulletin, made safe to print: one module for every output.

A catalog is data a stranger may have written. Printed raw, a newline in a msgctxt
starts a fresh line that GitHub Actions runs as a workflow command (``::error …``,
``::add-mask::…``; the runner strips leading blanks first), the legacy form ``##[error]…``
runs wherever it stands in a line, an ``ESC ]0;…BEL`` retitles
the reviewer's terminal, ``ESC [2J`` clears it, and U+202E turns text round.
:func:`for_terminal` shows all of these as escapes; :func:`github_data` and
:func:`github_property` add the annotation escaping GitHub documents.

>>> for_terminal("1.1\n::error::pwned")
'1.1\\n\\x3a:error\\x3a:pwned'
>>> for_terminal("\x1b]0;owned\x07 \u202eabc")
'\\x1b]0;owned\\x07 \\u202eabc'
>>> for_terminal("ok ##[add-mask]secret")
'ok \\x23#[add-mask]secret'
>>> for_terminal("Li Chengming: 政协 → CPPCC")
'Li Chengming: 政协 → CPPCC'
"""

from __future__ import annotations

import re

__all__ = ["for_terminal", "github_data", "github_property", "json_text", "unsafe_characters"]

# C0 and C1 controls, DEL, and the invisible characters that reorder or split lines:
# bidi marks, embeddings, overrides and isolates, line/paragraph separators, BOM.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
# A colon that could begin a `::` command once a line is broken at a space: one
# followed by another colon, or one that begins the text or a word.
_COLON = re.compile(r"(?:^|(?<=\s)):|:(?=:)")
# GitHub's legacy command form, ``##[error]…`` or ``##[add-mask]…``, runs wherever it stands in a line.
_LEGACY = re.compile(r"#(?=#\[)")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: object) -> str:
    """*text* as one line safe for a terminal or a CI log: controls, newlines and
    direction marks shown as escapes (``\\n``, ``\\x1b``, ``\\u202e``), and no ``::``
    (shown ``\\x3a:``) and no ``##[`` (shown ``\\x23#[``) that could start a workflow command."""
    return _LEGACY.sub(r"\\x23", _COLON.sub(r"\\x3a", _UNSAFE.sub(_escape, str(text))))


def unsafe_characters(text: str) -> list[str]:
    """The controls, separators and direction marks in *text*, each as the escape
    :func:`for_terminal` shows it: what a name, a term or an approved text must not hold.

    >>> unsafe_characters("Jing\\nX-Bulletin-Date: 2020")
    ['\\\\n']
    >>> unsafe_characters("Li Chengming")
    []
    """
    return [_escape(m) for m in _UNSAFE.finditer(text)]


def github_data(text: object) -> str:
    """The message of a GitHub workflow command (``::error …::MESSAGE``), made safe."""
    return for_terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: object) -> str:
    """A property value of a GitHub workflow command (``file=…,title=…``), made safe."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def json_text(data: object) -> str:
    r"""*data* as indented JSON for a terminal or a CI log: Chinese kept readable, every
    control and invisible character of :func:`for_terminal` written as a ``\uXXXX`` escape
    (the JSON value is unchanged: a reader gets the text back exactly).

    >>> print(json_text(["政协\u202e\x1b", "##[error]x"]))
    [
      "政协\u202e\u001b",
      "\u0023#[error]x"
    ]
    """
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)  # C0 controls in strings are escaped already
    text = _LEGACY.sub(r"\\u0023", text)  # '#' stands only inside strings in JSON
    return _UNSAFE.sub(lambda m: m.group() if m.group() < " " else f"\\u{ord(m.group()):04x}", text)
