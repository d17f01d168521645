"""Text helpers shared by the CLI, the site and the pictures.

>>> sorted(["Örkelljunga", "Åstorp", "Zinkgruvan", "Ängelholm", "Båstad", "Bjuv"], key=sort_key)
['Bjuv', 'Båstad', 'Zinkgruvan', 'Åstorp', 'Ängelholm', 'Örkelljunga']
>>> sorted(["Örkelljunga", "Åstorp", "Bjuv"], key=lambda t: sort_key(t, "en"))
['Åstorp', 'Bjuv', 'Örkelljunga']
"""

from __future__ import annotations

import unicodedata

_SWEDISH_LAST = {"å": "\U000f0001", "ä": "\U000f0002", "æ": "\U000f0002", "ö": "\U000f0003", "ø": "\U000f0003"}


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
