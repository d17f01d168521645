"""SVG pictures of the graph, drawn by our own code from SPARQL answers (no plotting library),
one module a picture:

* :mod:`.membership` — ``bilder/medlemskap.svg``, the membership matrix of the municipalities
  and the organisations a public source says they are members of;
* :mod:`.income` — ``bilder/resultat.svg``, the income statement 2022–2024;
* :mod:`.model` — ``bilder/modell.svg``, the model: the classes and the properties between them,
  laid out in layers by :mod:`.layout`.

They share :mod:`.svg` (the SVG builder, the font, the colours and text widths) and
:mod:`.lookup` (labels from the graph, links to the pages of the things drawn).

Every picture is readable without JavaScript and stands alone: Swedish text labels, a
``<title>`` (sv) and a ``<desc>`` (en) that says everything the picture shows, and ``<a>``
links (relative, via :meth:`Urls.href`) to the pages of the things drawn. The bytes depend only
on the graph: no clock, no randomness, sorted inputs, coordinates rounded to 0.1 px.
"""

from __future__ import annotations

from ..site import Picture, Site
from .income import INCOME, income_chart, kronor, parse_kronor
from .membership import MEMBERSHIP, membership_matrix
from .model import MODEL, model_diagram
from .svg import Svg


def contribute(site: Site) -> None:
    """Add the three pictures to ``site`` (and describe them in ``site.notes.pictures``)."""
    notes = {}
    for path, draw in ((MEMBERSHIP, membership_matrix), (INCOME, income_chart), (MODEL, model_diagram)):
        svg = draw(site.kg, site.urls, path)
        site.add(path, svg.bytes())
        notes[path] = Picture(svg.title, svg.desc, svg.width, svg.height)
    site.notes.pictures = notes


__all__ = [
    "INCOME",
    "MEMBERSHIP",
    "MODEL",
    "Svg",
    "contribute",
    "income_chart",
    "kronor",
    "membership_matrix",
    "model_diagram",
    "parse_kronor",
]
