"""The words of the site: UI strings in gettext catalogues, Swedish the source language.

Templates and code write the Swedish text, ``_("Medlemmar")`` (``pgettext(context, text)``
where one Swedish text needs two English ones); ``fhkg/locale/en/LC_MESSAGES/fhkg.po`` gives
the English. A translator edits that file (Poedit, Weblate, or any text editor); after a
change to the strings, ``python tools/messages.py`` brings the catalogue up to date with the
code and templates (``tests/tools/test_messages.py`` fails until it is, and while any string has no
translation).

The catalogue is read with Babel and compiled in memory when first needed, so nothing
generated is committed.

>>> translations("sv").gettext("Medlemmar"), translations("en").gettext("Medlemmar")
('Medlemmar', 'Members')
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

#: The language the strings are written in.
SOURCE = "sv"
#: The gettext domain (the catalogue's file name).
DOMAIN = "fhkg"
LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The translations into ``lang`` (the source language translates to itself)."""
    if lang == SOURCE:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = catalogue_path(lang)
    if not path.is_file():
        raise LookupError(f"no message catalogue for {lang!r} ({path})")
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = BytesIO()
    write_mo(buf, catalog)  # fuzzy entries are left out, so they fall back to the Swedish
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def context(lang: str) -> dict[str, Callable[..., str]]:
    """What a template needs to translate: ``_``, ``gettext`` and ``pgettext`` for ``lang``."""
    tr = translations(lang)
    return {"_": tr.gettext, "gettext": tr.gettext, "pgettext": tr.pgettext}
