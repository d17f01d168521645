"""The one way an HTML page of the site is made: the Jinja environment over ``templates/`` and
the context that ``templates/base.html`` needs (language switch, navigation, search, footer).

Every page template extends ``base.html``; :meth:`Renderer.page` gives it the links relative
to the page (or absolute under ``root`` for a page served at other addresses, the 404 page),
the translation functions of its language (:mod:`fhkg.terms.messages`) and the build's date.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from ..terms.formats import by_name
from ..terms.messages import context as messages
from ..terms.messages import translations
from ..text import linkable
from .site import Site
from .urls import CLASSES_ANCHOR, FAVICON, LANGS, SCRIPT, SEARCH, STYLESHEET, TWINS, Urls

TEMPLATES = Path(__file__).resolve().parent / "templates"


def number(text: str, lang: str) -> str:
    """A number for reading: digits grouped, decimal comma in Swedish; anything else unchanged.

    >>> number("-10020000", "sv") == "-10\u00a0020\u00a0000", number("10020000", "en"), number("0.25", "sv"), number("tf", "sv")
    (True, '10,020,000', '0,25', 'tf')
    """
    m = re.fullmatch(r"([+-]?)(\d+)(?:\.(\d+))?", text.strip())
    if not m:
        return text
    sign, whole, frac = m.groups()
    grouped = f"{int(whole):,}".replace(",", "\u00a0" if lang == "sv" else ",")
    sign = "-" if sign == "-" else ""
    return sign + grouped + (("," if lang == "sv" else ".") + frac if frac else "")


def fill(text: str, **values: object) -> Markup:
    """A translated sentence with its named places filled (the ``fill`` filter of the templates:
    ``_("Datamängden {dataset} …")|fill(dataset=link)``): the sentence is escaped, and each value
    too unless it is markup already (a link).

    >>> fill("{a} & {b}", a=Markup("<i>x</i>"), b="<y>")
    Markup('<i>x</i> &amp; &lt;y&gt;')
    """
    return escape(text).format(**values)


@dataclass(frozen=True)
class Cell:
    """One value on a page: text, optional link, the text's language and a small tag."""

    text: str
    href: str | None = None
    lang: str | None = None
    tag: str | None = None
    title: str | None = None
    external: bool = False
    literal: bool = False

    def __post_init__(self) -> None:
        if self.href is not None and not linkable(self.href):  # javascript:, data:, …: text only
            object.__setattr__(self, "href", None)  # (frozen: set once, here)
            object.__setattr__(self, "external", False)


@dataclass
class Section:
    """A block of a page: a heading, a note, a definition list and/or a table of cells."""

    id: str
    heading: str
    note: str = ""
    items: list[tuple[str, list[Cell]]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[list[Cell]]] = field(default_factory=list)
    links: list[Cell] = field(default_factory=list)
    empty: str = ""


def _escape(text: str) -> str:
    """``markupsafe.escape`` as a plain string (the same entities; Markup kept as it is), for the
    cells' many short texts."""
    if isinstance(text, Markup):
        return str(text)
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def cell_html(c: Cell | None) -> Markup:
    """A value as HTML (the templates' ``cell(c)``): a link (with its language, its title and
    ``class="external"`` off the site), a literal in its language, or text; its tag after it."""
    if c is None:
        return Markup("")
    if c.href:
        out = f'<a href="{_escape(c.href)}"'
        out += f' lang="{_escape(c.lang)}"' if c.lang else ""
        out += f' title="{_escape(c.title)}"' if c.title else ""
        out += ' class="external"' if c.external else ""
        out += f">{_escape(c.text)}</a>"
    elif c.lang or c.literal:
        out = '<span class="literal"' + (f' lang="{_escape(c.lang)}"' if c.lang else "") + f">{_escape(c.text)}</span>"
    else:
        out = _escape(c.text)
    if c.tag:
        out += f' <small class="tag">{_escape(c.tag)}</small>'
    return Markup(out)


def cells_html(cells: Sequence[Cell]) -> Markup:
    """Values as HTML (the templates' ``cells(list)``): one as itself, several as a list."""
    if len(cells) == 1:
        return cell_html(cells[0])
    if not cells:
        return Markup("")
    return Markup('<ul class="values">' + "".join(f"<li>{cell_html(c)}</li>" for c in cells) + "</ul>")


#: ``{{ _("…") }}`` and ``{{ pgettext("…", "…") }}`` with literal arguments, as templates write them
_LITERAL_CALL = re.compile(r'\{\{ (_|pgettext)\(((?:"(?:[^"\\]|\\.)*"(?:, )?){1,2})\) \}\}')


class _Translated(jinja2.FileSystemLoader):
    """Templates with each ``{{ _("literal") }}`` replaced by its translation, escaped as the
    expression's output would be: a page calls gettext dozens of times, the same each time."""

    def __init__(self, lang: str):
        super().__init__(str(TEMPLATES))
        self.tr = translations(lang)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return _LITERAL_CALL.sub(self._replace, source), filename, uptodate

    def _replace(self, m: re.Match[str]) -> str:
        args = ast.literal_eval(f"({m.group(2)},)")
        if len(args) != (1 if m.group(1) == "_" else 2):
            return m.group(0)  # not a call this loader knows: left to the template
        text = self.tr.gettext(*args) if m.group(1) == "_" else self.tr.pgettext(*args)
        if any(mark in text for mark in ("{{", "{%", "{#")):
            return m.group(0)  # left to the call: as text it would be read as template code
        return str(escape(text))


@cache
def environment(lang: str | None = None) -> jinja2.Environment:
    """The one Jinja environment (per language: ``lang`` translates literal texts as templates load)."""
    env = jinja2.Environment(
        loader=_Translated(lang) if lang else jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates are the package's: no stat of each file on every page
    )
    env.filters["number"] = number
    env.filters["fill"] = fill
    env.globals["cell"] = cell_html
    env.globals["cells"] = cells_html
    return env


def other(lang: str) -> str:
    """The site's other language."""
    return LANGS[1 - LANGS.index(lang)]


class Renderer:
    """Renders the site's pages; remembers every relative link it made (they depend only on the folder).

    ``Renderer(site)`` for a build; ``Renderer(urls=…, date=…)`` where there is no site being
    built (the server's live pages, whose links are absolute under ``root``).
    """

    def __init__(self, site: Site | None = None, *, urls: Urls | None = None, date: str | None = None):
        if site is not None:
            urls, date = site.urls, site.date
        if urls is None or date is None:
            raise TypeError("Renderer needs a site, or urls and date")
        self.urls, self.date = urls, date
        self._hrefs: dict[tuple[str, str], str] = {}

    def href(self, at: str, to: str) -> str:
        """:meth:`Urls.href`, remembered per folder."""
        key = (posixpath.dirname(at), to)
        if key not in self._hrefs:
            self._hrefs[key] = self.urls.href(at, to)
        return self._hrefs[key]

    def twins(self, at: str, iri: str) -> list[tuple[str, str, str, str]]:
        """The machine twins of ``iri`` (a thing, the ontology, the shapes), linked from the page at
        ``at``: (extension, media type, format name, link), as the templates list them."""
        return [(ext, media, by_name(ext).title, self.href(at, self.urls.twin(iri, ext))) for ext, media in TWINS.items()]

    def page(self, template: str, at: str, lang: str, other_page: str, *, root: str | None = None, **ctx: Any) -> str:
        """``template`` rendered as the page at ``at`` in ``lang``; ``other_page`` is the same page in the other language."""

        def link(path: str) -> str:
            return root + path if root is not None else self.href(at, path)

        return environment(lang).get_template(template).render(
            lang=lang,
            other_lang=other(lang),
            other_href=link(other_page),
            at=at,
            css=link(STYLESHEET),
            js=link(SCRIPT),
            favicon=link(FAVICON),
            search_index=link(SEARCH),
            home=link(self.urls.index(lang)),
            classes_link=link(self.urls.index(lang) + "#" + CLASSES_ANCHOR),
            classes_anchor=CLASSES_ANCHOR,
            queries_link=link(self.urls.query_page("index", lang)),
            date=self.date,
            version=__version__,
            **messages(lang),
            **ctx,
        )
