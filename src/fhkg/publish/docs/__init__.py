"""Ontology and shapes documentation: ``ontology.html`` and ``shapes.html`` (sv, and ``.en.html``)
with their machine twins (``ontology.ttl|.jsonld|.rdf|.nt``, ``shapes.ttl|…``).

``ontology.html`` documents the ontology header, every ``fh:`` class and property (labels and
definitions in sv and en, alignments to the standard terms, domain and range, sub-terms,
disjointness, the shapes that check it) under the anchor :meth:`Urls.page` gives
(``ontology.html#Municipality``), the standard terms the ontology declares (anchored by
:func:`anchor`: ``ontology.html#org-Membership``) and the concept schemes of the data with their
concepts. ``shapes.html`` says in words what every SHACL shape demands, in the page's language,
with the SPARQL of each SHACL-SPARQL check; anchors are the shapes' local names
(``shapes.html#MunicipalityShape``).

The pages are templates (``templates/ontology.html``, ``templates/shapes.html``) that extend the
site's ``base.html``, rendered by :class:`fhkg.publish.render.Renderer`; their words are gettext
strings (:mod:`fhkg.terms.messages`). Every link inside the site is relative
(:meth:`Urls.href`). The output depends only on the graph and the shapes, so two builds give
the same bytes.

The modules:

* :mod:`.links`: prefixed names, anchors, :func:`term_page`, the :class:`Linker`;
* :mod:`.ontology`: the ontology as the page shows it (:class:`OntologyModel`);
* :mod:`.shapes`: the shapes as the page shows them (:class:`ShapesModel`);
* :mod:`.words`: what a shape demands and applies to, in words;
* :mod:`.pages`: the two pages rendered;
* :mod:`.twins`: the RDF twins;
* :mod:`.rdf`: small readers of rdflib graphs the models share.
"""

from __future__ import annotations

from ...graph import load_shapes, rebase_graph
from ...terms.namespaces import ONTOLOGY
from ..render import Renderer
from ..site import Site
from ..urls import LANGS, SHAPES, TWINS
from .links import FH_NS, SHP_NS, Linker, anchor, curie, page_of, term_page
from .ontology import OntologyModel
from .pages import render_ontology, render_shapes
from .shapes import ShapesModel
from .twins import ontology_twin, shapes_graph, shapes_twin

#: the public names: what the pictures and the tests use, and the two models (the rest is in the submodules)
__all__ = ["FH_NS", "SHP_NS", "Linker", "OntologyModel", "ShapesModel", "anchor", "contribute", "curie", "term_page"]


def contribute(site: Site) -> None:
    """Add the ontology and shapes documentation and their machine twins to ``site``."""
    onto = site.kg.to_rdflib(("ontology",))
    shapes = rebase_graph(load_shapes(), site.kg.base)
    model = OntologyModel.of(site.kg, onto, shapes)
    shape_model = ShapesModel.of(shapes)
    renderer = Renderer(site)
    for lang in LANGS:
        site.add(page_of(site.urls, ONTOLOGY, lang), render_ontology(site, renderer, model, lang))
        site.add(page_of(site.urls, SHAPES, lang), render_shapes(site, renderer, shape_model, model, lang))
    skg = shapes_graph(shapes, site.kg.base)
    for ext in TWINS:
        site.add(site.urls.twin(ONTOLOGY, ext), ontology_twin(site.kg, ext))
        site.add(site.urls.twin(SHAPES, ext), shapes_twin(skg, ext))
    site.notes.docs = {
        "ontology": {lang: page_of(site.urls, ONTOLOGY, lang) for lang in LANGS},
        "shapes": {lang: page_of(site.urls, SHAPES, lang) for lang in LANGS},
    }
