"""Bring the message catalogues up to date with the strings in the code and the templates.

    python tools/messages.py           # update src/fhkg/locale/*/LC_MESSAGES/fhkg.po
    python tools/messages.py --check   # exit 1 if a catalogue is out of date or incomplete

The strings are found as ``pybabel extract`` finds them (Babel's Python extractor and Jinja's):
``_("…")``, ``gettext("…")``, ``pgettext("context", "…")`` in ``src/fhkg/**/*.py``, the same
in ``src/fhkg/**/templates/**/*.html``, and ``en("…")`` there (a page that shows the English
beside the Swedish). Swedish is the source language, so the Swedish text is the msgid. A new
string arrives with an empty translation for a translator to fill in; a string the code no
longer has is dropped. Entries are sorted and carry no line numbers, so the file changes only
when a string does.

A development tool, not shipped in the wheel; ``tests/tools/test_messages.py`` runs the check.
"""

from __future__ import annotations

import argparse
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "fhkg"
LOCALE = PACKAGE / "locale"
DOMAIN = "fhkg"
LANGUAGES = ("en",)
KEYWORDS = {"_": None, "gettext": None, "pgettext": ((1, "c"), 2)}
TEMPLATE_KEYWORDS = {**KEYWORDS, "en": None}
HEADER = "The words of the Familjen Helsingborg knowledge graph's site (fhkg), Swedish to {language}."


def sources() -> list[tuple[Path, str]]:
    """Every file that may hold a string, with its extraction method."""
    found = [(p, "python") for p in sorted(PACKAGE.rglob("*.py")) if "node_modules" not in p.parts]
    found += [(p, "jinja2") for p in sorted(PACKAGE.rglob("templates/**/*.html"))]
    return found


def messages() -> dict[tuple[str, str | None], list[str]]:
    """(msgid, context) -> the files that use it."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for path, method in sources():
        keywords = TEMPLATE_KEYWORDS if method == "jinja2" else KEYWORDS
        options = {"trim_blocks": "true", "lstrip_blocks": "true"} if method == "jinja2" else {}
        with path.open("rb") as f:
            for _lineno, message, _comments, context in extract(method, f, keywords=keywords, options=options):
                if not isinstance(message, str):
                    raise SystemExit(f"{path}: plural forms are not used here ({message!r})")
                rel = path.relative_to(ROOT).as_posix()
                users = found.setdefault((message, context), [])
                if rel not in users:
                    users.append(rel)
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.is_file():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def updated(lang: str, found: dict[tuple[str, str | None], list[str]]) -> Catalog:
    old = read(lang)
    new = Catalog(
        locale=lang,
        domain=DOMAIN,
        header_comment="# " + HEADER.format(language=lang),
        project="fhkg",
        version="",
        copyright_holder="Familjen Helsingborg",
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
    )
    for (msgid, context), users in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        previous = old.get(msgid, context=context)
        string = previous.string if previous is not None else ""
        flags = previous.flags if previous is not None else ()
        new.add(msgid, string, context=context, flags=flags, auto_comments=[" used in: " + ", ".join(users)])
    return new


def render(catalog: Catalog) -> bytes:
    buf = BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, sort_output=False, no_location=True, include_lineno=False)
    text = buf.getvalue()
    # The header's dates would make every run differ: keep them fixed.
    # and leave out the placeholders Babel writes for what a translator fills in.
    dropped = (b'"POT-Creation-Date:', b'"Generated-By:', b'"PO-Revision-Date:', b'"Report-Msgid-Bugs-To:', b'"Last-Translator:', b'"Language-Team:')
    lines = [line for line in text.split(b"\n") if not line.startswith(dropped)]
    return b"\n".join(lines).replace(b'"Project-Id-Version: fhkg VERSION\\n"', b'"Project-Id-Version: fhkg\\n"')


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def problems(lang: str, catalog: Catalog) -> list[str]:
    out = []
    for m in catalog:
        if not m.id:
            continue
        where = f" (context {m.context!r})" if m.context else ""
        if not m.string:
            out.append(f"{lang}: no translation for {m.id!r}{where}")
        elif m.fuzzy:
            out.append(f"{lang}: the translation of {m.id!r}{where} is marked fuzzy")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalogue is out of date or incomplete")
    args = parser.parse_args(argv)
    found = messages()
    status = 0
    for lang in LANGUAGES:
        catalog = updated(lang, found)
        data = render(catalog)
        path = po_path(lang)
        current = path.read_bytes() if path.is_file() else b""
        if args.check:
            if data != current:
                print(f"{_shown(path)} is out of date with the code: run `python tools/messages.py`", file=sys.stderr)
                status = 1
        elif data != current:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"updated {_shown(path)}")
        for problem in problems(lang, catalog):
            print(problem, file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
