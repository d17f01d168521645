"""The one place that builds instance IRIs: ``{base}id/{kind}/{key}``.

>>> Iris().municipality("1276")
rdflib.term.URIRef('https://w3id.org/familjen-helsingborg/id/kommun/1276')
>>> Iris().concept("omrade", "livskvalitet")
rdflib.term.URIRef('https://w3id.org/familjen-helsingborg/id/begrepp/utvecklingsomrade/livskvalitet')
>>> slug("Näringsliv och destination")
'naringsliv-och-destination'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from .namespaces import DEFAULT_BASE, KINDS, SCHEMES


def slug(text: str) -> str:
    """ASCII key of a Swedish name: å, ä → a, ö → o, lower case, words joined by ``-``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    def of(self, kind: str, key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        return URIRef(f"{self.base}id/{kind}/{key}")

    def municipality(self, kommunkod: str) -> URIRef:
        return self.of("kommun", kommunkod)

    def concept(self, scheme_prefix: str, key: str) -> URIRef:
        return URIRef(f"{self.scheme(scheme_prefix)}/{key}")

    def scheme(self, scheme_prefix: str) -> URIRef:
        return URIRef(f"{self.base}id/begrepp/{SCHEMES[scheme_prefix]}")
