"""Text helpers shared by the CLI, the site and the pictures.

>>> sorted(["Örkelljunga", "Åstorp", "Zinkgruvan", "Ängelholm", "Båstad", "Bjuv"], key=sort_key)
['Bjuv', 'Båstad', 'Zinkgruvan', 'Åstorp', 'Ängelholm', 'Örkelljunga']
>>> sorted(["Örkelljunga", "Åstorp", "Bjuv"], key=lambda t: sort_key(t, "en"))
['Åstorp', 'Bjuv', 'Örkelljunga']
>>> [linkable(h) for h in ("https://scb.se/", "../id/kommun/1276.html", "mailto:a@b.se", "javascript:alert(1)", "JavaScript:x", "data:text/html,x")]
[True, True, True, False, False, False]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: IRI schemes that pages turn into links; an IRI of any other scheme (``javascript:``, ``data:``,
#: ``file:``, ``vbscript:`` …) is shown as text, never as a link.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL (WHATWG URL)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # … and these at its start


def linkable(href: str) -> bool:
    """Whether ``href`` may become a link: a reference relative to the page (no scheme), or an
    ``http``, ``https`` or ``mailto`` IRI. Read as a browser reads it (leading C0 controls and
    spaces stripped, tabs and newlines ignored), so no spelling slips a script through."""
    cleaned = _URL_IGNORED.sub("", href).lstrip(_C0_AND_SPACE)
    m = _SCHEME.match(cleaned)
    if m is None:
        return True  # relative to the page (a network-path reference keeps the page's http(s))
    return m.group(1).lower() in LINK_SCHEMES

_SWEDISH_LAST = {"å": "\U000f0001", "ä": "\U000f0002", "æ": "\U000f0002", "ö": "\U000f0003", "ø": "\U000f0003"}


@lru_cache(maxsize=1 << 16)  # pages sort the same labels again and again
def sort_key(text: str, lang: str = "sv") -> tuple[str, str]:
    """Alphabetical order, case-insensitive: Swedish (å, ä, ö after z) for ``sv``, accents
    ignored otherwise; ties broken by the text itself so the order is total."""
    out = []
    for ch in text.casefold():
        if lang == "sv" and ch in _SWEDISH_LAST:
            out.append(_SWEDISH_LAST[ch])
        else:
            out.append(unicodedata.normalize("NFD", ch)[0])
    return "".join(out), text


def sv_key(text: str) -> tuple[str, str]:
    """Swedish alphabetical order (… z, å, ä, ö)."""
    return sort_key(text, "sv")
