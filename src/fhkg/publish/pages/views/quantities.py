"""Stated numbers: a quantity's own page, and the numbers stated about any resource (``quantities.rq``)."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ....terms.labels import choose
from ....terms.messages import translations
from ....terms.namespaces import DCTERMS, FH, ORG, SCHEMA
from ....text import sort_key
from ...render import Cell, Section, number
from ..core import Pages
from .query import select

_SUB_ORGANIZATION = str(ORG.subOrganizationOf)
_VALUES = {str(SCHEMA.value), str(SCHEMA.price)}


def quantity(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    facts = pages.out[iri]

    def values(*props: str) -> list:
        wanted = {str(p) for p in props}
        return [o for p, o in facts if p in wanted]

    def pick(literals: list) -> list:
        return choose(literals, lang) or literals

    value = " ".join(
        [number(v.value, lang) for v in sorted(values(SCHEMA.value, SCHEMA.price), key=lambda v: v.value)]
        + [u.value for u in sorted(pick(values(SCHEMA.unitText)), key=lambda v: v.value)]
        + [c.value for c in sorted(values(SCHEMA.currency, SCHEMA.priceCurrency), key=lambda v: v.value)]
    )
    concerns = []
    for s, p in sorted(pages.inc.get(iri, ()), key=lambda sp: (sort_key(pages.label(sp[0], lang)[0], lang), sp)):
        subject = pages.link(s, lang, at)
        concerns.append([Cell(subject.text, href=subject.href, lang=subject.lang, title=subject.title, tag=pages.label(p, lang)[0])])
    items = [
        (_("Värde"), [Cell(value)]),
        (_("Precision"), pages.cells(values(FH.qualifier), lang, at) or [Cell(_("anges inte"))]),
        (_("Källans formulering"), pages.cells(pick(values(FH.statedAs)), lang, at) or [Cell(_("anges inte"))]),
        (_("Tid"), pages.cells(values(DCTERMS.temporal), lang, at) or [Cell(_("anges inte"))]),
    ]
    items += [(_("Avser"), pair) for pair in concerns]
    return [Section("tal", _("Uppgivet tal"), items=items)]


def may_state_numbers(pages: Pages, iri: str) -> bool:
    """Whether ``quantities.rq`` can find anything for ``iri`` (asked of the indexes first: most
    resources have no numbers, and the query is a path query): a value-holding node it links to,
    a body below it, or a blank node next to it (which the indexes do not hold)."""
    if iri in pages.near_blank or any(p == _SUB_ORGANIZATION for _, p in pages.inc.get(iri, ())):
        return True
    return any(isinstance(o, ox.NamedNode) and (o.value in pages.near_blank or any(p in _VALUES for p, _ in pages.out.get(o.value, ()))) for _, o in pages.out[iri])


def stated_numbers(pages: Pages, iri: str, lang: str, at: str) -> Section:
    _ = translations(lang).gettext
    grouped: dict[tuple[str, str, str], dict[str, set]] = {}
    for r in select(pages, "quantities", iri) if may_state_numbers(pages, iri) else ():
        g = grouped.setdefault((r["holder"].value, r["property"].value, r["quantity"].value), defaultdict(set))
        for k, v in r.items():
            if v is not None:
                g[k].add(v)
    rows = []
    for (holder, prop, q), g in sorted(grouped.items(), key=lambda kv: (kv[0][0] != iri, sort_key(pages.label(kv[0][1], lang)[0], lang), kv[0])):
        what = pages.property_cell(prop, lang, at)
        head = [what] if holder == iri else [pages.link(holder, lang, at), what]
        value = " ".join([number(v.value, lang) for v in sorted(g["value"], key=lambda v: v.value)] + [u.value for u in sorted(g["unit"] | g["currency"], key=lambda v: v.value) if u.language in (None, "", lang, "sv")])
        rows.append(
            [
                head,
                [pages.link(q, lang, at, text=value)],
                pages.cells(g["qualifier"], lang, at),
                pages.cells(g["stated"], lang, at),
                pages.cells(g["when"], lang, at),
            ]
        )
    return Section("tal", _("Uppgivna tal"), note=_("Tal som källan anger, med sin precision och källans egna ord."), columns=[_("Egenskap"), _("Värde"), _("Precision"), _("Källans formulering"), _("Tid")], rows=rows)
