"""XML from outside (a partner's TBX, a CAT tool's XLIFF), parsed without resolving an entity.

defusedxml parses it: an external ``<!DOCTYPE …>`` line (what Translate Toolkit and Weblate
write) is read and never fetched, an entity declaration is refused, and so is a file that is
not well-formed or that expat cannot decode, each with one sentence naming file and line.
"""

from __future__ import annotations

REFUSED = "{origin} declares a DTD or entities, which l10n never resolves; remove the <!DOCTYPE …> and entity references."
"""The refusal of a file declaring entities (or, as its caller finds, an internal DTD subset)."""


def parse_untrusted(data: bytes, origin: str, *, refused: Exception, malformed: type[Exception], again: str = "export it again"):
    """The root element of XML *data* (named *origin* in messages); raises *refused* for
    entities, *malformed* (one sentence, with the line) for XML that is not well-formed or
    cannot be decoded, whose fix ends "fix the file or *again*".

    >>> parse_untrusted(b"<a><b/></a>", "x.xml", refused=ValueError("no"), malformed=ValueError).tag
    'a'
    >>> parse_untrusted(b"<a>", "x.xml", refused=ValueError("no"), malformed=ValueError)
    Traceback (most recent call last):
    ValueError: x.xml:1: not well-formed XML (no element found: line 1, column 3); fix the file or export it again.
    """
    import defusedxml
    from defusedxml import ElementTree as SafeET
    from xml.etree.ElementTree import ParseError

    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        raise refused from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise malformed(f"{origin}:{line}: not well-formed XML ({getattr(exc, 'msg', exc)}); fix the file or {again}.") from None
    except ValueError as exc:  # what expat itself refuses about an encoding
        raise malformed(f"{origin}:1: cannot be read ({exc}); save it as UTF-8 and import it again.") from None
