"""The home page (``index.html``, ``index.en.html``): facts, entry points, pictures, classes, queries, downloads."""

from __future__ import annotations

from ...terms.messages import translations
from ...terms.namespaces import FH
from ...text import sort_key
from ..pictures import INCOME, MEMBERSHIP, MODEL
from ..render import Cell, number
from ..urls import SEARCH
from . import classes, discovery
from .core import DOCS, DUMPS, METADATA, PICTURES, SITEMAP, SPARQL, Pages


def home(pages: Pages, lang: str) -> None:
    at = pages.urls.index(lang)
    link = lambda path: pages.href(at, path)  # noqa: E731
    dumps = [(name, link(pages.urls.dump(ext)), link(pages.urls.dump(ext + ".gz")), pages.urls.dump(ext)) for ext, name in DUMPS]
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
    docs += [(e[lang], link(e["page" if lang == "sv" else "page_en"]), e["page"]) for e in discovery.other_documents(pages) if e["page"] not in DOCS]
    captions = {
        MEMBERSHIP: _("Medlemskapsmatris: vilka kommuner som är medlemmar i vilka samarbetsorganisationer enligt källorna."),
        INCOME: _("Resultatrapporten 2022–2024 som diagram."),
        MODEL: _("Modellen: klasserna och hur de hänger ihop."),
    }
    pictures = [(link(p), captions[p]) for p in PICTURES]
    entry = []
    for cls in (FH.Cooperation, FH.Municipality, FH.DevelopmentArea, FH.CollaborationCommittee):
        for s in sorted(pages.instances.get(str(cls), []), key=lambda s: sort_key(pages.label(s, lang)[0], lang)):
            entry.append((pages.link(s, lang, at), pages.label(str(cls), lang)[0]))
    queries = [(Cell(q.title(lang), href=link(pages.urls.query_page(name, lang))), q.question(lang)) for name, q in pages.queries.items()]
    queries.sort(key=lambda r: sort_key(r[0].text, lang))
    pages.render(
        "home.html",
        at,
        lang,
        pages.urls.index(pages.other(lang)),
        title=translations(lang).pgettext("home page", "Familjen Helsingborgs kunskapsgraf"),
        description_meta=_("Här är Samarbetskommittén Familjen Helsingborgs årsredovisning 2024 som länkade data: de elva kommunerna (Bjuv, Båstad, Helsingborg, Höganäs, Klippan, Landskrona, Perstorp, Svalöv, Åstorp, Ängelholm och Örkelljunga), samarbetskommittén och dess ledamöter, nätverken, projekten, samarbetsorganisationerna och ekonomin. Varje uppgift har sin källa; varje resurs har en stabil IRI, en sida på svenska och engelska och en maskinläsbar beskrivning.")[:300],
        stats=[(number(str(len(pages.kg)), lang), _("tripplar")), (number(str(len(pages.things)), lang), _("resurser med egen sida")), (str(len(pages.classes)), _("klasser")), (str(len(pages.queries)), _("namngivna frågor"))],
        entry=entry,
        pictures=pictures,
        class_rows=classes.class_list(pages, lang, at),
        queries=queries,
        queries_index=link(pages.urls.query_page("index", lang)),
        dumps=dumps,
        docs=docs,
        sparql=link(SPARQL),
    )
