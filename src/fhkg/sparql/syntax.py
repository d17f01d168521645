"""A SPARQL 1.1 parser (Query and Update) that tells what a request *is*, decided on its grammar.

Security decisions (is this an update? does it call ``SERVICE``, and which IRI?) must never be
taken on the text: a comment, a ``<`` that is a comparison and not an IRI, a prefixed name or a
string can all hide a keyword from a regular expression (``FILTER(1<2)SERVICE#>`` once made the
server call out). This module reads the request the way the grammar does
(https://www.w3.org/TR/sparql11-query/#grammar and
https://www.w3.org/TR/sparql11-update/#grammar): a recursive-descent parser over the whole
grammar, tokens read in context (after an expression ``<`` is "less than", elsewhere it opens an
IRI) exactly as Oxigraph's scannerless parser reads them, prefixed names expanded with the
request's own and the predeclared prefixes. It builds no algebra: the result is a
:class:`Parsed` summary (the form, the update operations, every ``SERVICE`` with its IRI).

Where this parser and Oxigraph's could ever disagree, this one refuses: it accepts SPARQL 1.1 as
written in the specification and nothing more (no ``\\u`` escapes outside IRIs and strings,
as in Oxigraph; no SPARQL 1.2 or engine extensions). Errors carry the line and column.

>>> p = parse("PREFIX ex: <http://example.org/> SELECT * { SERVICE SILENT ex:sparql { ?s ?p ?o } }")
>>> p.kind, p.form, [(s.iri, s.silent) for s in p.services]
('query', 'SELECT', [('http://example.org/sparql', True)])
>>> parse("SELECT * { FILTER(1<2) ?s ?p ?o }").services
()
>>> parse("INSERT DATA { <http://a/s> <http://a/p> 1 }").operations
('INSERT DATA',)
"""

from __future__ import annotations

from .grammar import Grammar
from .parsed import MAX_DEPTH, Call, Clause, Parsed, Service, SparqlSyntaxError

__all__ = ["MAX_DEPTH", "Call", "Clause", "Parsed", "Service", "SparqlSyntaxError", "parse"]


def parse(text: str, prefixes: dict[str, str] | None = None) -> Parsed:
    """Read ``text`` as a SPARQL 1.1 query or update; raises :class:`SparqlSyntaxError`.

    ``prefixes`` are predeclared (as the endpoint and the CLI predeclare ``fh:``, ``org:`` …);
    the request's own ``PREFIX`` declarations override them.
    """
    parser = Grammar(text, prefixes or {})
    try:
        return parser.request()
    except RecursionError:
        raise SparqlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", *parser.where(), update=parser.update) from None
