"""The one URL builder: IRI <-> path in the published site.

Things live at ``{base}id/{kind}/{key}``; the site maps the base onto its root, so the thing
``{base}id/kommun/1276`` is described by the documents ``id/kommun/1276.html`` (Swedish),
``id/kommun/1276.en.html`` (English) and the machine twins ``id/kommun/1276.ttl``, ``.jsonld``,
``.rdf`` and ``.nt``. The ontology (``…/ontology#Term``) is documented at ``ontology.html#Term``
and the shapes (``…/shapes#Name``) at ``shapes.html#Name``. Links inside the site are relative,
so it can be browsed from disk or hosted under any path.

>>> u = Urls("https://w3id.org/familjen-helsingborg/")
>>> u.page("https://w3id.org/familjen-helsingborg/id/kommun/1276")
'id/kommun/1276.html'
>>> u.page("https://w3id.org/familjen-helsingborg/id/kommun/1276", "en")
'id/kommun/1276.en.html'
>>> u.twin("https://w3id.org/familjen-helsingborg/id/kommun/1276", "ttl")
'id/kommun/1276.ttl'
>>> u.page("https://w3id.org/familjen-helsingborg/ontology#Municipality")
'ontology.html#Municipality'
>>> u.href("id/kommun/1276.html", "id/organisation/nsva.html")
'../organisation/nsva.html'
>>> u.thing("id/kommun/1276.en.html")
'https://w3id.org/familjen-helsingborg/id/kommun/1276'
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..terms.formats import twins
from ..terms.namespaces import DEFAULT_BASE, ONTOLOGY

#: The site's stylesheet and icon, linked from every page.
STYLESHEET = "static/style.css"
FAVICON = "static/favicon.svg"
SCRIPT = "static/search.js"
SEARCH = "search.json"
#: The home page's list of classes, the target of every page's "Classes" link.
CLASSES_ANCHOR = "klasser"
#: The page a server answers 404 with (its links are absolute paths: it is served at any depth).
NOT_FOUND = "404.html"

SHAPES = "https://w3id.org/familjen-helsingborg/shapes"
LANGS = ("sv", "en")
#: machine twins: extension -> media type (from the format registry)
TWINS = {ext: f.media_type for ext, f in twins().items()}


@dataclass(frozen=True)
class Urls:
    base: str = DEFAULT_BASE

    # ------------------------------------------------------------ IRIs of our own things
    def is_thing(self, iri: str) -> bool:
        return iri.startswith(self.base + "id/") and "#" not in iri

    def local(self, iri: str) -> bool:
        """Whether the site has a page for this IRI."""
        return self.is_thing(iri) or iri.startswith((ONTOLOGY, SHAPES))

    def path_of(self, iri: str) -> str:
        """The site path of a thing without extension: ``id/kommun/1276``."""
        if not self.is_thing(iri):
            raise ValueError(f"{iri} is not a thing under {self.base}id/")
        return iri[len(self.base):]

    # ------------------------------------------------------------ documents
    def page(self, iri: str, lang: str = "sv") -> str | None:
        """The HTML page that describes ``iri`` (None if the site has none)."""
        suffix = ".html" if lang == "sv" else f".{lang}.html"
        if self.is_thing(iri):
            return self.path_of(iri) + suffix
        for doc, name in ((ONTOLOGY, "ontology"), (SHAPES, "shapes")):
            if iri == doc or iri.startswith(doc + "#"):
                fragment = iri[len(doc):]
                return name + suffix + fragment
        return None

    def thing_page(self, iri: str, lang: str = "sv") -> str:
        """The page of a thing (``id/kommun/1276.html``); ValueError for anything else."""
        return self.path_of(iri) + (".html" if lang == "sv" else f".{lang}.html")

    def twin(self, iri: str, ext: str) -> str:
        if ext not in TWINS:
            raise ValueError(f"unknown twin {ext!r}")
        if iri == ONTOLOGY or iri.startswith(ONTOLOGY + "#"):
            return f"ontology.{ext}"
        if iri == SHAPES or iri.startswith(SHAPES + "#"):
            return f"shapes.{ext}"
        return f"{self.path_of(iri)}.{ext}"

    def thing(self, path: str) -> str | None:
        """The IRI a site path describes (``id/kommun/1276.en.html`` -> the municipality)."""
        path = path.lstrip("/")
        if not path.startswith("id/"):
            return None
        suffixes = [f".{lang}.html" for lang in LANGS if lang != "sv"] + [".html"] + [f".{ext}" for ext in TWINS]
        for suffix in suffixes:
            if path.endswith(suffix):
                return self.base + path[: -len(suffix)]
        return self.base + path

    # ------------------------------------------------------------ site-wide documents
    @staticmethod
    def index(lang: str = "sv") -> str:
        return "index.html" if lang == "sv" else f"index.{lang}.html"

    @staticmethod
    def class_index(curie: str, lang: str = "sv") -> str:
        name = curie.replace(":", "-")
        return f"klass/{name}.html" if lang == "sv" else f"klass/{name}.{lang}.html"

    @staticmethod
    def query_result(name: str, ext: str) -> str:
        return f"queries/{name}.{ext}"

    @staticmethod
    def query_page(name: str, lang: str = "sv") -> str:
        """A named query's page (``index`` is the list of them): ``queries/{name}.html`` or ``.en.html``."""
        return f"queries/{name}.html" if lang == "sv" else f"queries/{name}.{lang}.html"

    @staticmethod
    def dump(fmt_ext: str) -> str:
        return f"dump/fhkg.{fmt_ext}"

    @staticmethod
    def href(from_path: str, to_path: str) -> str:
        """A relative link from one site document to another (fragments kept)."""
        target, _, fragment = to_path.partition("#")
        rel = _relative(target, posixpath.dirname(from_path))
        return rel + (f"#{fragment}" if fragment else "")


def _relative(path: str, folder: str) -> str:
    """``posixpath.relpath(path, folder or ".")`` for the site's own paths, without its two calls
    of ``os.getcwd()`` (it is called for every link of every page)."""
    steps, start = [x for x in path.split("/") if x], [x for x in folder.split("/") if x]
    if not path or path.startswith("/") or folder.startswith("/") or {".", ".."} & {*steps, *start}:
        return posixpath.relpath(path, folder or ".")
    common = 0
    for a, b in zip(start, steps, strict=False):
        if a != b:
            break
        common += 1
    rel = [".."] * (len(start) - common) + steps[common:]
    return "/".join(rel) if rel else "."
