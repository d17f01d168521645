"""The human side of the site: one page per resource (Swedish and English) with machine twins,
class indexes, the home page, search, named query results, the sitemap and rewrite rules.

``contribute(site)`` adds, for every thing ``urls.is_thing(iri)`` that is the subject of a
triple:

* ``id/…/key.html`` (Swedish) and ``id/…/key.en.html`` (English): the resource's label, its
  classes, views that understand the model (a municipality's memberships and committee posts, a
  joint organisation's members, a person's posts, a data set's observations …), a table of every
  property, its provenance, and the links that point at it;
* ``id/…/key.ttl``, ``.jsonld``, ``.rdf``, ``.nt``: the resource's description (its triples, the
  labels of what it links to and of what links to it, and the incoming triples).

and the site-wide documents: ``index.html`` / ``index.en.html``, ``klass/{curie}.html`` per
class, ``search.json`` with ``static/search.js``, ``queries/{name}.{csv,json,html}``,
``sitemap.xml`` and ``deploy/nginx.conf`` / ``deploy/apache.htaccess``.

Every page is built from the Jinja templates in ``templates/``; every link is made relative by
:meth:`Urls.href`; everything is sorted, so the same graph gives the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlparse
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox
from rdflib import Graph

from .. import __version__
from ..graph import to_rdflib
from ..namespaces import DCTERMS, FH, FOAF, PROV, QB, RDF, RDFS, SCHEMA, SKOS, XSD
from ..namespaces import prefixes as all_prefixes
from ..queries import NamedQuery, QueryResult, catalogue, insert_into_where
from ..queries import run as run_query
from ..serialization import _sorted_json
from ..terms.messages import translations
from ..text import linkable, sort_key
from ..turtle import format_graph
from . import render
from .pictures import INCOME, MEMBERSHIP, MODEL
from .render import Renderer, number
from .site import Site, jsonld_context
from .urls import LANGS, NOT_FOUND, SEARCH, STYLESHEET, TWINS

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- documents of the site
# Paths that Urls has no builder for; the ones marked "other" are written by other modules.
STYLE = STYLESHEET
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
DEPLOY = ("deploy/nginx.conf", "deploy/apache.htaccess")
SPARQL = "sparql"  # the endpoint of `fhkg`'s server, relative to the site root (live only when served)
DUMPS = (("ttl", "Turtle"), ("nt", "N-Triples"), ("nq", "N-Quads"), ("trig", "TriG"), ("jsonld", "JSON-LD"), ("rdf", "RDF/XML"))  # other
PICTURES = (MEMBERSHIP, INCOME, MODEL)  # other
METADATA = ("catalog.rdf", "void.ttl", "context.jsonld", "validation-report.ttl")  # other
DOCS = ("ontology.html", "shapes.html")  # other

_RDF_TYPE = str(RDF.type)
_LABELS = (str(RDFS.label), str(SKOS.prefLabel))
_FIRST = (_RDF_TYPE, str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel))
_PROVENANCE = (str(DCTERMS.source), str(PROV.wasDerivedFrom))
_DESCRIPTION = str(DCTERMS.description)
_ALT = (str(SKOS.altLabel), str(SKOS.hiddenLabel), str(FOAF.name), str(DCTERMS.title), str(FH.kommunkod))
_XSD_STRING = str(XSD.string)
_NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.int), str(XSD.long), str(XSD.double), str(XSD.nonNegativeInteger)}

# ---------------------------------------------------------------- words
# Labels of the reserved RDF/RDFS/OWL terms; every other standard term's sv/en label is data,
# in ontology/labels.ttl.
RESERVED_LABELS: dict[str, tuple[str, str]] = {
    "rdf:type": ("typ", "type"),
    "rdfs:label": ("etikett", "label"),
    "rdfs:comment": ("kommentar", "comment"),
    "owl:Ontology": ("ontologi", "ontology"),
}

# ---------------------------------------------------------------- the views' SPARQL
# ``?this`` is bound to the resource through a VALUES block (fhkg.queries.insert_into_where).
_DATE = "(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear)"
VIEW_QUERIES: dict[str, str] = {
    # memberships of a municipality, or members of an organisation (?this on either side)
    "memberships": f"""SELECT ?membership ?member ?organisation ?role ?start ?end ?source WHERE {{
        {{ ?membership org:member ?this ; org:organization ?organisation . BIND (?this AS ?member) }}
        UNION {{ ?membership org:organization ?this ; org:member ?member . BIND (?this AS ?organisation) }}
        OPTIONAL {{ ?membership org:role ?role }}
        OPTIONAL {{ ?membership org:memberDuring/time:hasBeginning/{_DATE} ?start }}
        OPTIONAL {{ ?membership org:memberDuring/time:hasEnd/{_DATE} ?end }}
        OPTIONAL {{ ?membership dcterms:source ?source }}
    }}""",
    # posts on behalf of or in a municipality, and posts a person holds
    "posts": """SELECT DISTINCT ?post ?person ?role ?organisation ?municipality ?acting WHERE {
        { ?post fh:represents ?this } UNION { ?post org:postIn ?this } UNION { ?post org:heldBy ?this }
        UNION { ?this org:holds ?post }
        ?post a org:Post .
        OPTIONAL { ?post org:heldBy ?person }
        OPTIONAL { ?post org:role ?role }
        OPTIONAL { ?post org:postIn ?organisation }
        OPTIONAL { ?post fh:represents|org:postIn ?municipality . ?municipality a fh:Municipality }
        OPTIONAL { ?post fh:isActing ?acting }
    }""",
    # numbers stated about the resource (or about its bodies): population, counts, budget
    "quantities": """SELECT ?holder ?property ?quantity ?value ?qualifier ?stated ?unit ?currency ?when WHERE {
        { ?this ?property ?quantity . BIND (?this AS ?holder) }
        UNION { ?holder org:subOrganizationOf+ ?this . ?holder ?property ?quantity }
        ?quantity schema:value|schema:price ?value .
        OPTIONAL { ?quantity fh:qualifier ?qualifier }
        OPTIONAL { ?quantity fh:statedAs ?stated }
        OPTIONAL { ?quantity schema:unitText ?unit }
        OPTIONAL { ?quantity schema:currency|schema:priceCurrency ?currency }
        OPTIONAL { ?quantity dcterms:temporal ?when }
    }""",
    "organisation": """SELECT ?domain ?form WHERE {
        OPTIONAL { ?this fh:collaborationDomain ?domain }
        OPTIONAL { ?this fh:legalForm ?form }
    }""",
    "areas": """SELECT ?area WHERE { ?this fh:developmentArea ?area }""",
    "activities": """SELECT ?activity ?area ?description WHERE {
        ?activity prov:wasAssociatedWith ?this ; a fh:ReportedActivity .
        OPTIONAL { ?activity fh:developmentArea ?area }
        OPTIONAL { ?activity dcterms:description ?description }
    }""",
    # sub-organisations, transitively, with the one each is directly part of
    "parts": """SELECT ?part ?parent ?class WHERE {
        ?part org:subOrganizationOf ?parent . ?parent org:subOrganizationOf* ?this . ?part a ?class .
    }""",
    "in_area": """SELECT ?item ?class WHERE { ?item fh:developmentArea ?this ; a ?class }""",
    "counts": """SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
        VALUES ?class { fh:Municipality fh:JointOrganisation fh:Network fh:WorkingGroup fh:Project fh:Study
                        fh:ReportedActivity fh:Event fh:Programme foaf:Person }
        ?x a ?class .
        FILTER (?class != fh:Municipality || EXISTS { ?this org:hasMember ?x })
    } GROUP BY ?class""",
    "observations": """SELECT ?obs ?item ?position ?year ?amount ?unit WHERE {
        ?obs qb:dataSet ?this ; fh:lineItem ?item ; fh:year ?year ; fh:amount ?amount .
        OPTIONAL { ?item schema:position ?position }
        OPTIONAL { ?obs sdmxa:unitMeasure ?unit }
    }""",
}

_NETWORKS = {str(FH.Network), str(FH.WorkingGroup)}
_PROJECTS = {str(FH.Project), str(FH.Study), str(FH.Programme)}
_QUANTITIES = {str(FH.StatedQuantity), str(FH.Budget), str(FH.Fee)}


def contribute(site: Site) -> None:
    """Add every page, twin, index, query result, search index, sitemap and rewrite rule."""
    Pages(site).build()


# ---------------------------------------------------------------- helpers
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


class Pages:
    """Everything :func:`contribute` writes, built from one pass over the graph."""

    def __init__(self, site: Site):
        self.site, self.kg, self.urls = site, site.kg, site.urls
        self.base = self.kg.base
        self.ns = all_prefixes(self.base)
        self._ns_longest = sorted(self.ns.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        out: dict[str, set] = defaultdict(set)
        inc: dict[str, set] = defaultdict(set)
        for q in self.kg.quads():
            s, p, o = q.subject, q.predicate, q.object
            if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode):
                continue  # only the ontology's OWL axioms have blank nodes; no page shows them
            out[s.value].add((p.value, o))
            if isinstance(o, ox.NamedNode):
                inc[o.value].add((s.value, p.value))
        self.out, self.inc = out, inc
        self.things = sorted(s for s in out if self.urls.is_thing(s))
        self.thing_set = set(self.things)
        self.labels: dict[str, dict[str, list[str]]] = {}
        for s, pos in out.items():
            found: dict[str, list[tuple[int, str]]] = defaultdict(list)
            for p, o in pos:
                if p in _LABELS and isinstance(o, ox.Literal):
                    found[o.language or ""].append((_LABELS.index(p), o.value))
            if found:
                self.labels[s] = {lang: [v for _, v in sorted(vs)] for lang, vs in found.items()}
        self.types = {s: sorted(o.value for p, o in out[s] if p == _RDF_TYPE and isinstance(o, ox.NamedNode)) for s in self.things}
        self.classes = sorted({c for s in self.things for c in self.types[s]})
        self.instances = {c: [s for s in self.things if c in self.types[s]] for c in self.classes}
        self.queries = dict(sorted(catalogue().items()))
        self.pages: list[str] = []  # every HTML page this module writes
        self.renderer = Renderer(site)
        self.href = self.renderer.href

    # ------------------------------------------------------------ build
    def build(self) -> None:
        for name in ("style.css", "search.js", "favicon.svg"):
            self.site.add(f"static/{name}", (HERE / "static" / name).read_bytes())
        for iri in self.things:
            self.write_twins(iri)
            for lang in LANGS:
                self.resource_page(iri, lang)
        for cls in self.classes:
            for lang in LANGS:
                self.class_page(cls, lang)
        results = {name: run_query(self.kg, q) for name, q in self.queries.items()}
        for name, q in self.queries.items():
            self.query_files(q, results[name])
        for lang in LANGS:
            self.queries_index(results, lang)
            self.home(lang)
        self.not_found()
        self.robots()
        self.search_index()
        self.sitemap()
        self.deploy()

    # ------------------------------------------------------------ naming
    def curie(self, iri: str) -> str:
        for prefix, ns in self._ns_longest:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def class_curie(self, cls: str) -> str:
        curie = self.curie(cls)
        return curie if curie != cls else re.sub(r"[^A-Za-z0-9]+", "-", cls).strip("-")

    def label(self, iri: str, lang: str) -> tuple[str, str | None]:
        """The label in ``lang``, else Swedish, else English, else any; else the IRI."""
        by_lang = self.labels.get(iri)
        if by_lang:
            for tag in (lang, *LANGS, ""):
                if tag in by_lang:
                    return by_lang[tag][0], (tag or None)
            tag = min(by_lang)
            return by_lang[tag][0], tag
        curie = self.curie(iri)
        if curie in RESERVED_LABELS:
            return RESERVED_LABELS[curie][LANGS.index(lang)], lang
        return (curie if curie != iri and not self.urls.is_thing(iri) else iri), None

    def page_of(self, iri: str, lang: str) -> str | None:
        """The site document for ``iri`` in ``lang``, if the site has one."""
        if iri in self.thing_set:
            return self.urls.page(iri, lang)
        if self.urls.is_thing(iri):
            return None
        path = self.urls.page(iri, lang)  # the ontology and shapes documentation
        if path and lang != "sv" and path.partition("#")[0] not in self.site.files:
            path = self.urls.page(iri, "sv")
        return path

    def other(self, lang: str) -> str:
        return render.other(lang)

    # ------------------------------------------------------------ cells
    def cell(self, term, lang: str, at: str, *, detail: bool = False) -> Cell:
        """A term as shown on the page at ``at``: IRIs by label with a link, literals with their language."""
        if isinstance(term, ox.NamedNode):
            return self.link(term.value, lang, at)
        if term.language:
            return Cell(term.value, lang=term.language, tag=term.language, literal=True)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Cell(term.value, literal=True)
        if detail:
            return Cell(term.value, tag=self.curie(dt), literal=True)
        if dt in _NUMERIC:
            return Cell(number(term.value, lang), literal=True)
        if dt == str(XSD.boolean):
            _ = translations(lang).gettext
            return Cell({"true": _("sant"), "false": _("falskt")}.get(term.value, term.value), literal=True)
        return Cell(term.value, literal=True)

    def link(self, iri: str, lang: str, at: str, text: str | None = None) -> Cell:
        label, label_lang = self.label(iri, lang)
        target = self.page_of(iri, lang)
        href = self.href(at, target) if target else iri
        return Cell(
            text if text is not None else label,
            href=href,
            lang=label_lang if (text is None and label_lang and label_lang != lang) else None,
            title=iri,
            external=target is None,
        )

    def text(self, iri: str, prop: str, lang: str) -> list[ox.Literal]:
        """The literals of ``prop`` in ``lang`` (else Swedish, else any)."""
        values = sorted((o for p, o in self.out.get(iri, ()) if p == prop and isinstance(o, ox.Literal)), key=lambda o: (o.language or "", o.value))
        for tag in (lang, "sv"):
            chosen = [o for o in values if o.language == tag]
            if chosen:
                return chosen
        return values

    def term_key(self, lang: str):
        order = {lang: 0, self.other(lang): 1}

        def key(term):
            if isinstance(term, ox.NamedNode):
                return (0, sort_key(self.label(term.value, lang)[0], lang), term.value)
            return (1, (order.get(term.language or "", 2), term.language or "", term.datatype.value if not term.language else ""), term.value)

        return key

    # ------------------------------------------------------------ SPARQL for the views
    def select(self, name: str, iri: str) -> list[dict[str, object]]:
        """Run one of :data:`VIEW_QUERIES` with ``?this`` bound to ``iri``."""
        text = insert_into_where(VIEW_QUERIES[name], f"VALUES ?this {{ {ox.NamedNode(iri)} }}")
        result = self.kg.query(text)
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names} for s in result]

    # ------------------------------------------------------------ resource pages
    def resource_page(self, iri: str, lang: str) -> None:
        at = self.urls.page(iri, lang)
        _ = translations(lang).gettext
        title, title_lang = self.label(iri, lang)
        description = [self.cell(o, lang, at) for o in self.text(iri, _DESCRIPTION, lang)]
        classes = [
            Cell(self.label(c, lang)[0], href=self.href(at, self.urls.class_index(self.class_curie(c), lang)), title=c)
            for c in sorted(self.types[iri], key=lambda c: sort_key(self.label(c, lang)[0], lang))
        ]
        twins = self.renderer.twins(at, iri)
        by_p: dict[str, list] = defaultdict(list)
        for p, o in self.out[iri]:
            by_p[p].append(o)
        props = sorted(by_p, key=lambda p: (_FIRST.index(p) if p in _FIRST else len(_FIRST), sort_key(self.label(p, lang)[0], lang), p))
        properties = [(self.property_cell(p, lang, at), [self.cell(o, lang, at, detail=True) for o in sorted(by_p[p], key=self.term_key(lang))]) for p in props]
        provenance = [row for row in properties if row[0].title in _PROVENANCE]
        incoming = sorted(
            ((self.link(s, lang, at), self.property_cell(p, lang, at)) for s, p in self.inc.get(iri, ())),
            key=lambda r: (sort_key(r[1].text, lang), sort_key(r[0].text, lang), r[0].title, r[1].title),
        )
        description_meta = description[0].text if description else ""
        self.render(
            "resource.html",
            at,
            lang,
            self.urls.page(iri, self.other(lang)),
            title=title,
            title_lang=title_lang if title_lang and title_lang != lang else None,
            description_meta=description_meta[:300],
            iri=iri,
            curie=self.curie(iri),
            classes=classes,
            description=description,
            twins=twins,
            sections=self.views(iri, lang, at),
            properties=properties,
            provenance=provenance,
            incoming=incoming,
        )

    def property_cell(self, p: str, lang: str, at: str) -> Cell:
        c = self.link(p, lang, at)
        return Cell(c.text, href=c.href, lang=c.lang, tag=self.curie(p), title=p, external=c.external)

    # ------------------------------------------------------------ views
    def views(self, iri: str, lang: str, at: str) -> list[Section]:
        types = set(self.types[iri])
        sections: list[Section] = []
        if str(FH.Municipality) in types:
            sections += self.municipality(iri, lang, at)
        if str(FH.Cooperation) in types:
            sections += self.cooperation(iri, lang, at)
        if str(FH.JointOrganisation) in types:
            sections += self.joint_organisation(iri, lang, at)
        if str(FOAF.Person) in types:
            sections += self.person(iri, lang, at)
        if types & (_NETWORKS | _PROJECTS):
            sections += self.network_or_project(iri, lang, at, network=bool(types & _NETWORKS))
        if str(FH.DevelopmentArea) in types:
            sections += self.development_area(iri, lang, at)
        if str(QB.DataSet) in types:
            sections += self.dataset(iri, lang, at)
        if types & _QUANTITIES:
            sections += self.quantity(iri, lang, at)
        if not types & _QUANTITIES:
            stated = self.stated_numbers(iri, lang, at)
            sections += [stated] if stated.rows else []
        return sections

    def cells(self, terms, lang: str, at: str) -> list[Cell]:
        unique = {t for t in terms if t is not None}
        return [self.cell(t, lang, at) for t in sorted(unique, key=self.term_key(lang))]

    def memberships(self, iri: str, lang: str, at: str, side: str) -> list[list[list[Cell]]]:
        """Rows for the memberships of a municipality (``side="organisation"``) or the members of an organisation."""
        grouped: dict[str, dict[str, set]] = {}
        for r in self.select("memberships", iri):
            if r["member" if side == "member" else "organisation"].value == iri:
                continue  # the other direction
            g = grouped.setdefault(r["membership"].value, defaultdict(set))
            for k, v in r.items():
                if v is not None:
                    g[k].add(v)
        rows = []
        for m, g in grouped.items():
            (other,) = g[side]
            rows.append(
                (
                    sort_key(self.label(other.value, lang)[0], lang),
                    m,
                    [
                        [self.cell(other, lang, at)],
                        self.cells(g["role"], lang, at),
                        self.cells(g["start"], lang, at),
                        self.cells(g["end"], lang, at),
                        self.cells(g["source"], lang, at),
                        [self.link(m, lang, at, text=self.curie(m))],
                    ],
                )
            )
        return [r for _, _, r in sorted(rows, key=lambda r: (r[0], r[1]))]

    def municipality(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        organisations = Section(
            "medlemskap",
            _("Samarbetsorganisationer och samarbeten"),
            columns=[_("Organisation"), _("Roll"), _("Från"), _("Till"), _("Källor"), _("Medlemskap")],
            rows=self.memberships(iri, lang, at, "organisation"),
            empty=_("Ingen källa namnger någon organisation som kommunen är medlem i."),
        )
        posts = []
        for r in sorted(self.select("posts", iri), key=lambda r: r["post"].value):
            if r["person"] is None or r["person"].value == iri:
                continue
            posts.append(
                [
                    [self.cell(r["person"], lang, at)],
                    self.cells([r["role"]], lang, at),
                    self.cells([r["organisation"]], lang, at),
                    [Cell(_("tf"))] if self.true(r["acting"]) else [],
                    [self.link(r["post"].value, lang, at, text=self.curie(r["post"].value))],
                ]
            )
        committee = Section(
            "poster",
            _("Ledamöter och tjänstepersoner"),
            note=_("Kommunens poster i samarbetskommittén och dess kommundirektör (som den 31 december 2024)."),
            columns=[_("Person"), _("Roll"), _("Organisation"), _("Tf"), _("Post")],
            rows=posts,
        )
        return [organisations, committee]

    def members_section(self, iri: str, lang: str, at: str) -> Section:
        """The member municipalities of an organisation, with role, dates and sources."""
        _ = translations(lang).gettext
        return Section(
            "medlemmar",
            _("Medlemmar"),
            columns=[_("Kommun"), _("Roll"), _("Från"), _("Till"), _("Källor"), _("Medlemskap")],
            rows=self.memberships(iri, lang, at, "member"),
            empty=_("Ingen källa namnger organisationens medlemmar, så grafen anger inga."),
        )

    def joint_organisation(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        members = self.members_section(iri, lang, at)
        rows = self.select("organisation", iri)
        domains = self.cells([r["domain"] for r in rows], lang, at) or [Cell(_("anges inte"))]
        forms = self.cells([r["form"] for r in rows], lang, at) or [Cell(_("anges inte"))]
        about = Section("organisation", _("Om organisationen"), items=[(_("Samarbetsområde"), domains), (_("Organisationsform"), forms)])
        return [about, members]

    def cooperation(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        members = self.members_section(iri, lang, at)
        children: dict[str, set] = defaultdict(set)
        classes: dict[str, set] = defaultdict(set)
        for r in self.select("parts", iri):
            children[r["parent"].value].add(r["part"].value)
            classes[r["part"].value].add(r["class"])
        rows: list[list[list[Cell]]] = []
        seen = {iri}

        def walk(parent: str) -> None:  # depth first: bodies before networks, then by name
            network = str(FH.Network)
            for part in sorted(children.get(parent, set()) - seen, key=lambda p: (network in {c.value for c in classes[p]}, sort_key(self.label(p, lang)[0], lang), p)):
                seen.add(part)
                rows.append([[self.link(part, lang, at)], self.cells(classes[part], lang, at), [self.link(parent, lang, at)]])
                walk(part)

        walk(iri)
        bodies = Section("organ", _("Organ och nätverk"), columns=[_("Namn"), _("Klass"), _("Del av")], rows=rows)
        counts = Section(
            "antal",
            _("Antal i grafen"),
            columns=[_("Klass"), _("Antal")],
            rows=[
                [[self.link(r["class"].value, lang, at)], [Cell(number(r["n"].value, lang))]]
                for r in sorted(self.select("counts", iri), key=lambda r: sort_key(self.label(r["class"].value, lang)[0], lang))
            ],
        )
        for row in counts.rows:  # the class column links to the class index, not the ontology
            c = row[0][0]
            if c.title in self.instances:
                row[0][0] = Cell(c.text, href=self.href(at, self.urls.class_index(self.class_curie(c.title), lang)), title=c.title)
        return [members, bodies, counts]

    def person(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        rows = []
        for r in sorted(self.select("posts", iri), key=lambda r: r["post"].value):
            if r["person"] is None or r["person"].value != iri:
                continue
            rows.append(
                [
                    self.cells([r["role"]], lang, at),
                    self.cells([r["organisation"]], lang, at),
                    self.cells([r["municipality"]], lang, at),
                    [Cell(_("tf"))] if self.true(r["acting"]) else [],
                    [self.link(r["post"].value, lang, at)],
                ]
            )
        return [Section("poster", _("Poster"), columns=[_("Roll"), _("Organisation"), _("Kommun"), _("Tf"), _("Post")], rows=rows, empty=_("Personen har inga poster i grafen."))]

    def network_or_project(self, iri: str, lang: str, at: str, *, network: bool) -> list[Section]:
        _ = translations(lang).gettext
        areas = Section("omraden", _("Utvecklingsområden"), links=self.cells([r["area"] for r in self.select("areas", iri)], lang, at), empty=_("Källan anger inget utvecklingsområde."))
        grouped: dict[str, dict[str, set]] = {}
        for r in self.select("activities", iri):
            g = grouped.setdefault(r["activity"].value, defaultdict(set))
            for k, v in r.items():
                if v is not None:
                    g[k].add(v)
        rows = []
        for a in sorted(grouped, key=lambda a: (sort_key(self.label(a, lang)[0], lang), a)):
            rows.append([[self.link(a, lang, at)], self.cells(grouped[a]["area"], lang, at), [self.cell(o, lang, at) for o in self.text(a, _DESCRIPTION, lang)]])
        activities = Section("aktiviteter", _("Redovisade aktiviteter"), columns=[_("Aktivitet"), _("Utvecklingsområde"), _("Beskrivning")], rows=rows, empty=_("Inga aktiviteter redovisas."))
        sections = [areas, activities]
        if network:
            parts = sorted({r["part"] for r in self.select("parts", iri)}, key=self.term_key(lang))
            if parts:
                sections.append(Section("delar", _("Delar"), links=[self.cell(p, lang, at) for p in parts]))
        return sections

    def development_area(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        headings = {"networks": _("Nätverk och arbetsgrupper"), "projects": _("Projekt och utredningar"), "activities": _("Redovisade aktiviteter"), "plans": _("Planer, avtal och övrigt")}
        groups: dict[str, set] = {kind: set() for kind in headings}
        for r in self.select("in_area", iri):
            cls = r["class"].value
            kind = "networks" if cls in _NETWORKS else "projects" if cls in _PROJECTS else "activities" if cls == str(FH.ReportedActivity) else "plans"
            groups[kind].add(r["item"])
        for item in groups["networks"] | groups["projects"] | groups["activities"]:
            groups["plans"].discard(item)  # a thing in a more specific group is not listed again
        groups["projects"] -= groups["networks"]
        sections = []
        for kind in ("networks", "projects", "activities", "plans"):
            items = sorted(groups[kind], key=self.term_key(lang))
            if items or kind in ("networks", "projects"):
                sections.append(
                    Section(
                        kind,
                        headings[kind],
                        columns=[_("Namn"), _("Klass")],
                        rows=[[[self.cell(i, lang, at)], [self.link(c, lang, at) for c in self.types.get(i.value, [])]] for i in items],
                        empty=_("Inga i grafen."),
                    )
                )
        return sections

    def dataset(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        rows = self.select("observations", iri)
        years = sorted({r["year"].value for r in rows}, key=lambda y: sort_key(self.label(y, lang)[0], lang), reverse=True)
        items: dict[str, tuple] = {}
        cells: dict[tuple[str, str], list] = defaultdict(list)
        units = set()
        for r in rows:
            position = int(r["position"].value) if r["position"] is not None else 10**6
            items[r["item"].value] = (position, sort_key(self.label(r["item"].value, lang)[0], lang))
            cells[(r["item"].value, r["year"].value)].append(r)
            if r["unit"] is not None:
                units.add(r["unit"])
        table = []
        for item in sorted(items, key=lambda i: (items[i], i)):
            row = [[self.link(item, lang, at)]]
            for y in years:
                row.append(
                    [
                        self.link(r["obs"].value, lang, at, text=number(r["amount"].value, lang))
                        for r in sorted(cells.get((item, y), []), key=lambda r: r["obs"].value)
                    ]
                )
            table.append(row)
        note = ""
        if units:
            note = _("Belopp i") + " " + ", ".join(sorted(self.label(u.value, lang)[0] for u in units)) + "."
        return [Section("observationer", _("Observationer"), note=note, columns=[_("Resultatpost")] + [self.label(y, lang)[0] for y in years], rows=table)]

    def quantity(self, iri: str, lang: str, at: str) -> list[Section]:
        _ = translations(lang).gettext
        facts = self.out[iri]

        def values(*props: str) -> list:
            wanted = {str(p) for p in props}
            return [o for p, o in facts if p in wanted]

        def pick(literals: list) -> list:
            chosen = [o for o in literals if isinstance(o, ox.Literal) and o.language == lang] or [o for o in literals if isinstance(o, ox.Literal) and o.language == "sv"]
            return chosen or literals

        value = " ".join(
            [number(v.value, lang) for v in sorted(values(SCHEMA.value, SCHEMA.price), key=lambda v: v.value)]
            + [u.value for u in sorted(pick(values(SCHEMA.unitText)), key=lambda v: v.value)]
            + [c.value for c in sorted(values(SCHEMA.currency, SCHEMA.priceCurrency), key=lambda v: v.value)]
        )
        concerns = []
        for s, p in sorted(self.inc.get(iri, ()), key=lambda sp: (sort_key(self.label(sp[0], lang)[0], lang), sp)):
            subject = self.link(s, lang, at)
            concerns.append([Cell(subject.text, href=subject.href, lang=subject.lang, title=subject.title, tag=self.label(p, lang)[0])])
        items = [
            (_("Värde"), [Cell(value)]),
            (_("Precision"), self.cells(values(FH.qualifier), lang, at) or [Cell(_("anges inte"))]),
            (_("Källans formulering"), self.cells(pick(values(FH.statedAs)), lang, at) or [Cell(_("anges inte"))]),
            (_("Tid"), self.cells(values(DCTERMS.temporal), lang, at) or [Cell(_("anges inte"))]),
        ]
        items += [(_("Avser"), pair) for pair in concerns]
        return [Section("tal", _("Uppgivet tal"), items=items)]

    def stated_numbers(self, iri: str, lang: str, at: str) -> Section:
        _ = translations(lang).gettext
        grouped: dict[tuple[str, str, str], dict[str, set]] = {}
        for r in self.select("quantities", iri):
            g = grouped.setdefault((r["holder"].value, r["property"].value, r["quantity"].value), defaultdict(set))
            for k, v in r.items():
                if v is not None:
                    g[k].add(v)
        rows = []
        for (holder, prop, q), g in sorted(grouped.items(), key=lambda kv: (kv[0][0] != iri, sort_key(self.label(kv[0][1], lang)[0], lang), kv[0])):
            what = self.property_cell(prop, lang, at)
            head = [what] if holder == iri else [self.link(holder, lang, at), what]
            value = " ".join([number(v.value, lang) for v in sorted(g["value"], key=lambda v: v.value)] + [u.value for u in sorted(g["unit"] | g["currency"], key=lambda v: v.value) if u.language in (None, "", lang, "sv")])
            rows.append(
                [
                    head,
                    [self.link(q, lang, at, text=value)],
                    self.cells(g["qualifier"], lang, at),
                    self.cells(g["stated"], lang, at),
                    self.cells(g["when"], lang, at),
                ]
            )
        return Section("tal", _("Uppgivna tal"), note=_("Tal som källan anger, med sin precision och källans egna ord."), columns=[_("Egenskap"), _("Värde"), _("Precision"), _("Källans formulering"), _("Tid")], rows=rows)

    @staticmethod
    def true(term) -> bool:
        return term is not None and term.value in ("true", "1")

    # ------------------------------------------------------------ twins
    def twin_triples(self, iri: str) -> list[ox.Triple]:
        """The resource's triples, the incoming triples, and the labels of every IRI they name."""
        me = ox.NamedNode(iri)
        triples: set[ox.Triple] = set()
        named: set[str] = set()
        for p, o in self.out[iri]:
            triples.add(ox.Triple(me, ox.NamedNode(p), o))
            if isinstance(o, ox.NamedNode):
                named.add(o.value)
        for s, p in self.inc.get(iri, ()):
            triples.add(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), me))
            named.add(s)
        named.discard(iri)
        for other in named:
            for p, o in self.out.get(other, ()):
                if p in _LABELS:
                    triples.add(ox.Triple(ox.NamedNode(other), ox.NamedNode(p), o))
        return sorted(triples, key=str)

    def write_twins(self, iri: str) -> None:
        triples = self.twin_triples(iri)
        g = Graph(bind_namespaces="none")  # format_graph and the JSON-LD context name the prefixes
        for tr in triples:
            g.add((to_rdflib(tr.subject), to_rdflib(tr.predicate), to_rdflib(tr.object)))
        header = f"# {iri}\n# Its description in the Familjen Helsingborg knowledge graph (fhkg {__version__}): its own triples,\n# the triples that point at it, and the labels of the resources they name."
        self.site.add(self.urls.twin(iri, "ttl"), format_graph(g, header, self.ns))
        self.site.add(self.urls.twin(iri, "nt"), "".join(sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in triples})))
        used = {p: ns for p, ns in self.ns.items() if any(t.predicate.value.startswith(ns) for t in triples)}
        self.site.add(self.urls.twin(iri, "rdf"), ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=used))
        data = json.loads(g.serialize(format="json-ld", context=jsonld_context(self.base), auto_compact=True))
        data = _sorted_json(data)
        self.site.add(self.urls.twin(iri, "jsonld"), json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")

    # ------------------------------------------------------------ class indexes
    def class_page(self, cls: str, lang: str) -> None:
        curie = self.class_curie(cls)
        at = self.urls.class_index(curie, lang)
        members = sorted(self.instances[cls], key=lambda s: (sort_key(self.label(s, lang)[0], lang), s))
        definition = [self.cell(o, lang, at) for o in self.text(cls, str(SKOS.definition), lang) or self.text(cls, str(RDFS.comment), lang)]
        self.render(
            "class.html",
            at,
            lang,
            self.urls.class_index(curie, self.other(lang)),
            title=self.label(cls, lang)[0],
            description_meta="",
            curie=self.curie(cls),
            definition_link=self.link(cls, lang, at, text=self.curie(cls)),
            definition=definition,
            rows=[(self.link(s, lang, at), self.curie(s)) for s in members],
        )

    def class_list(self, lang: str, at: str) -> list[tuple[Cell, int, str]]:
        rows = [
            (Cell(self.label(c, lang)[0], href=self.href(at, self.urls.class_index(self.class_curie(c), lang)), title=c), len(self.instances[c]), self.curie(c))
            for c in self.classes
        ]
        return sorted(rows, key=lambda r: (sort_key(r[0].text, lang), r[2]))

    # ------------------------------------------------------------ named queries
    def query_files(self, q: NamedQuery, result: QueryResult) -> None:
        name = q.name
        if result.kind == "graph":
            self.site.add(self.urls.query_result(name, "ttl"), result.render())
        else:
            self.site.add(self.urls.query_result(name, "csv"), result.render("csv"))
            self.site.add(self.urls.query_result(name, "json"), result.render("json"))
        for lang in LANGS:
            at = self.urls.query_page(name, lang)
            params = []
            for p in q.parameters:
                parts = [s.strip() for s in p.description.split(" / ")]
                description = parts[LANGS.index(lang)] if len(parts) == len(LANGS) else p.description
                params.append((p.name, p.type, p.default or "", description))
            downloads = [(ext, self.href(at, self.urls.query_result(name, ext))) for ext in (("ttl",) if result.kind == "graph" else ("csv", "json"))]
            rows = [[self.query_cell(v, lang, at) for v in row] for row in result.rows] if result.kind == "select" else []
            command = "fhkg query " + name + "".join(f" --param {p.name}={p.default}" for p in q.parameters if p.default)
            self.render(
                "query.html",
                at,
                lang,
                self.urls.query_page(name, self.other(lang)),
                title=q.title(lang),
                description_meta=q.question(lang),
                query=q,
                question=q.question(lang),
                params=params,
                sparql=q.text,
                kind=result.kind,
                boolean=result.boolean,
                variables=result.variables,
                rows=rows,
                downloads=downloads,
                command=command,
                index=self.href(at, self.urls.query_page("index", lang)),
            )

    def query_cell(self, term, lang: str, at: str) -> Cell | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            c = self.link(term.value, lang, at, text=self.curie(term.value))
            return Cell(c.text, href=c.href, title=self.label(term.value, lang)[0], external=c.external)
        if term.language:
            return Cell(term.value, lang=term.language, literal=True)
        return Cell(term.value, literal=True)

    def queries_index(self, results: dict[str, QueryResult], lang: str) -> None:
        _ = translations(lang).gettext
        at = self.urls.query_page("index", lang)
        rows = []
        for name, q in self.queries.items():
            result = results[name]
            exts = ("ttl",) if result.kind == "graph" else ("csv", "json")
            rows.append(
                (
                    Cell(q.title(lang), href=self.href(at, self.urls.query_page(name, lang))),
                    q.question(lang),
                    len(result.rows) if result.kind == "select" else None,
                    [(ext, self.href(at, self.urls.query_result(name, ext))) for ext in exts],
                )
            )
        rows.sort(key=lambda r: sort_key(r[0].text, lang))
        self.render("queries.html", at, lang, self.urls.query_page("index", self.other(lang)), title=_("Namngivna frågor"), description_meta=_("Varje fråga körd med sina standardparametrar; resultaten finns som tabell, CSV och SPARQL-JSON."), rows=rows)

    # ------------------------------------------------------------ home
    def home(self, lang: str) -> None:
        at = self.urls.index(lang)
        link = lambda path: self.href(at, path)  # noqa: E731
        dumps = [(name, link(self.urls.dump(ext)), link(self.urls.dump(ext + ".gz")), self.urls.dump(ext)) for ext, name in DUMPS]
        _ = translations(lang).gettext
        docs = [
            (_("Ontologin"), link(DOCS[0]), DOCS[0]),
            (_("SHACL-formerna"), link(DOCS[1]), DOCS[1]),
            (_("Datakatalog (DCAT-AP-SE)"), link(METADATA[0]), METADATA[0]),
            (_("VoID-beskrivning"), link(METADATA[1]), METADATA[1]),
            (_("JSON-LD-kontext"), link(METADATA[2]), METADATA[2]),
            (_("Valideringsrapport (SHACL)"), link(METADATA[3]), METADATA[3]),
            (_("Sökindex (JSON)"), link(SEARCH), SEARCH),
            (_("Webbplatskarta"), link(SITEMAP), SITEMAP),
        ]
        docs += [(e[lang], link(e["page" if lang == "sv" else "page_en"]), e["page"]) for e in self.other_documents() if e["page"] not in DOCS]
        captions = {
            MEMBERSHIP: _("Medlemskapsmatris: vilka kommuner som är medlemmar i vilka samarbetsorganisationer enligt källorna."),
            INCOME: _("Resultatrapporten 2022–2024 som diagram."),
            MODEL: _("Modellen: klasserna och hur de hänger ihop."),
        }
        pictures = [(link(p), captions[p]) for p in PICTURES]
        entry = []
        for cls in (FH.Cooperation, FH.Municipality, FH.DevelopmentArea, FH.CollaborationCommittee):
            for s in sorted(self.instances.get(str(cls), []), key=lambda s: sort_key(self.label(s, lang)[0], lang)):
                entry.append((self.link(s, lang, at), self.label(str(cls), lang)[0]))
        queries = [(Cell(q.title(lang), href=link(self.urls.query_page(name, lang))), q.question(lang)) for name, q in self.queries.items()]
        queries.sort(key=lambda r: sort_key(r[0].text, lang))
        self.render(
            "home.html",
            at,
            lang,
            self.urls.index(self.other(lang)),
            title=translations(lang).pgettext("home page", "Familjen Helsingborgs kunskapsgraf"),
            description_meta=_("Här är Samarbetskommittén Familjen Helsingborgs årsredovisning 2024 som länkade data: de elva kommunerna (Bjuv, Båstad, Helsingborg, Höganäs, Klippan, Landskrona, Perstorp, Svalöv, Åstorp, Ängelholm och Örkelljunga), samarbetskommittén och dess ledamöter, nätverken, projekten, samarbetsorganisationerna och ekonomin. Varje uppgift har sin källa; varje resurs har en stabil IRI, en sida på svenska och engelska och en maskinläsbar beskrivning.")[:300],
            stats=[(number(str(len(self.kg)), lang), _("tripplar")), (number(str(len(self.things)), lang), _("resurser med egen sida")), (str(len(self.classes)), _("klasser")), (str(len(self.queries)), _("namngivna frågor"))],
            entry=entry,
            pictures=pictures,
            class_rows=self.class_list(lang, at),
            queries=queries,
            queries_index=link(self.urls.query_page("index", lang)),
            dumps=dumps,
            docs=docs,
            sparql=link(SPARQL),
        )

    # ------------------------------------------------------------ 404, robots.txt
    def not_found(self) -> None:
        """``404.html``: both languages on one page (the server cannot know which was wanted)."""
        root = urlparse(self.base).path or "/"
        self.render("404.html", NOT_FOUND, "sv", self.urls.index("en"), root=root if root.endswith("/") else root + "/", title=translations("sv").gettext("Sidan finns inte"), description_meta="", en=translations("en").gettext)

    def robots(self) -> None:
        """``robots.txt``: everything may be crawled (the query endpoint excepted); the sitemap."""
        root = urlparse(self.base).path or "/"
        lines = [
            f"# {translations('en').gettext('Familjen Helsingborgs kunskapsgraf')} (fhkg {__version__}). Crawlers read robots.txt at a host's root only:",
            "# where the site is not the whole host, put these lines into the host's own robots.txt.",
            "User-agent: *",
            f"Disallow: {root.rstrip('/')}/sparql",
            "Allow: /",
            f"Sitemap: {self.base}{SITEMAP}",
        ]
        self.site.add(ROBOTS, "\n".join(lines) + "\n")

    # ------------------------------------------------------------ rendering
    def render(self, template: str, at: str, lang: str, other_page: str, root: str | None = None, **ctx) -> None:
        """Render ``template`` to ``at`` (:meth:`Renderer.page`) and remember it as one of this module's pages."""
        self.site.add(at, self.renderer.page(template, at, lang, other_page, root=root, **ctx))
        self.pages.append(at)

    # ------------------------------------------------------------ search, sitemap, deploy
    def search_index(self) -> None:
        """``search.json``: every page this module writes, with labels, alt labels and class."""
        classes = {
            self.class_curie(c): {
                "sv": self.label(c, "sv")[0],
                "en": self.label(c, "en")[0],
                "page": self.urls.class_index(self.class_curie(c), "sv"),
                "page_en": self.urls.class_index(self.class_curie(c), "en"),
            }
            for c in self.classes
        }
        items = []
        for s in self.things:
            alt = sorted({o.value for p, o in self.out[s] if p in _ALT and isinstance(o, ox.Literal)} | {v for vs in self.labels.get(s, {}).values() for v in vs[1:]})
            items.append(
                {
                    "kind": "resource",
                    "iri": s,
                    "sv": self.label(s, "sv")[0],
                    "en": self.label(s, "en")[0],
                    "alt": alt,
                    "class": [self.class_curie(c) for c in self.types[s]],
                    "page": self.urls.page(s, "sv"),
                    "page_en": self.urls.page(s, "en"),
                }
            )
        for c, info in classes.items():
            items.append({"kind": "class", "sv": info["sv"], "en": info["en"], "alt": [c], "class": [], "page": info["page"], "page_en": info["page_en"]})
        for name, q in self.queries.items():
            items.append({"kind": "query", "sv": q.title("sv"), "en": q.title("en"), "alt": [name], "class": [], "page": self.urls.query_page(name, "sv"), "page_en": self.urls.query_page(name, "en")})
        items.append({"kind": "query", "sv": translations("sv").gettext("Namngivna frågor"), "en": translations("en").gettext("Namngivna frågor"), "alt": [], "class": [], "page": self.urls.query_page("index", "sv"), "page_en": self.urls.query_page("index", "en")})
        items.append({"kind": "home", "sv": translations("sv").gettext("Familjen Helsingborgs kunskapsgraf"), "en": translations("en").gettext("Familjen Helsingborgs kunskapsgraf"), "alt": ["fhkg"], "class": [], "page": self.urls.index("sv"), "page_en": self.urls.index("en")})
        items += self.other_documents()
        items.sort(key=lambda i: (i["kind"] != "resource", i["page"]))
        data = {"base": self.base, "classes": classes, "items": items}
        self.site.add(SEARCH, json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")

    def other_documents(self) -> list[dict]:
        """Search entries for the HTML pages other modules wrote (ontology, shapes, contact …), by title."""
        mine = set(self.pages)
        entries = []
        for path in sorted(p for p in self.site.files if p.endswith(".html") and p not in mine and not p.endswith(".en.html")):
            english = path[: -len(".html")] + ".en.html"
            english = english if english in self.site.files else path
            titles = {}
            for lang, doc in (("sv", path), ("en", english)):
                m = re.search(rb"<title>(.*?)</title>", self.site.files[doc], re.DOTALL)
                title = html.unescape(m.group(1).decode("utf-8")).strip() if m else doc
                titles[lang] = title.split(" – ")[0].strip() or title
            entries.append({"kind": "document", "sv": titles["sv"], "en": titles["en"], "alt": [path], "class": [], "page": path, "page_en": english})
        return entries

    def sitemap(self) -> None:
        """``sitemap.xml``: every HTML page of the site (the other modules' too), absolute under the base."""
        pages = sorted(p for p in self.site.files if p.endswith(".html") and p != NOT_FOUND)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"  <url><loc>{xml_escape(self.base + quote(p, safe='/-._~'))}</loc></url>" for p in pages]
        lines.append("</urlset>")
        self.site.add(SITEMAP, "\n".join(lines) + "\n")

    def deploy(self) -> None:
        """Rewrite rules for nginx and Apache: 303 from a thing IRI to its page or twin."""
        path = urlparse(self.base).path or "/"
        if not path.endswith("/"):
            path += "/"
        from ..server.headers import SECURITY

        ctx = {"base": self.base, "base_path": path, "base_path_re": re.escape(path), "twins": sorted(TWINS.items()), "version": __version__, "security": sorted(SECURITY.items())}
        for target in DEPLOY:
            name = Path(target).name
            self.site.add(target, render.environment().get_template(f"deploy/{name}").render(**ctx))
