"""The views of a resource page: sections that understand the model, one module per kind of thing.

A view is a SPARQL query in this folder (``{name}.rq``, a named query with the one parameter
``this``, the page's resource) and a function that turns its rows into :class:`Section` s —
the headings, columns and cells the page template ``resource.html`` shows. :func:`sections`
picks the views by the resource's classes.
"""

from __future__ import annotations

from ....terms.namespaces import FH, FOAF, QB
from ...render import Section
from ..core import NETWORKS, PROJECTS, QUANTITIES, Pages
from . import activities, area, dataset, municipality, organisation, person, quantities


def sections(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    """The views that apply to the resource ``iri``, in the page's order."""
    types = set(pages.types[iri])
    sections: list[Section] = []
    if str(FH.Municipality) in types:
        sections += municipality.municipality(pages, iri, lang, at)
    if str(FH.Cooperation) in types:
        sections += organisation.cooperation(pages, iri, lang, at)
    if str(FH.JointOrganisation) in types:
        sections += organisation.joint_organisation(pages, iri, lang, at)
    if str(FOAF.Person) in types:
        sections += person.person(pages, iri, lang, at)
    if types & (NETWORKS | PROJECTS):
        sections += activities.network_or_project(pages, iri, lang, at, network=bool(types & NETWORKS))
    if str(FH.DevelopmentArea) in types:
        sections += area.development_area(pages, iri, lang, at)
    if str(QB.DataSet) in types:
        sections += dataset.dataset(pages, iri, lang, at)
    if types & QUANTITIES:
        sections += quantities.quantity(pages, iri, lang, at)
    if not types & QUANTITIES:
        stated = quantities.stated_numbers(pages, iri, lang, at)
        sections += [stated] if stated.rows else []
    return sections
