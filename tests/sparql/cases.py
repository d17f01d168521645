"""Requests that must be refused, shared by the parser, gate, endpoint and CLI tests.

``SERVICE_VARIANTS``: ways to write a SERVICE call (to ``{url}``, a listener the tests run) that
a check on the text missed or could miss. ``UPDATES``: one request per SPARQL 1.1 Update form.
"""

SERVICE_VARIANTS = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "lower-case": "select * where { service <{url}> { ?s ?p ?o } }",
    "comment-after-keyword": "PREFIX r: <{url}> SELECT * WHERE { FILTER(1<2)SERVICE#>\nr: { ?x ?p ?o } }",
    "comment-with-cr": "PREFIX r: <{url}> SELECT * WHERE { SERVICE#x\rr: { ?x ?p ?o } }",
    "prefixed": "PREFIX r: <{url}> SELECT * WHERE { SERVICE r: { ?s ?p ?o } }",
    "prefixed-local": "PREFIX r: <{base}> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "silent-glued": "PREFIX SILENTr: <http://allowed.example/> PREFIX r: <{base}> SELECT * { SERVICE SILENTr:sparql { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { VALUES ?svc { <{url}> } SERVICE ?svc { ?s ?p ?o } }",
    "codepoint-escape": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "escaped-iri": "SELECT * WHERE { SERVICE <{escaped}> { ?s ?p ?o } }",
    "in-optional": "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "in-exists": "ASK { FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "in-subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "in-minus-union": "SELECT * WHERE { { ?a ?b ?c } UNION { ?a ?b ?c MINUS { SERVICE <{url}> { ?a ?b ?c } } } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "relative": "BASE <{base}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "self": "SELECT * WHERE { SERVICE <> { ?s ?p ?o } }",
}

UPDATES = {
    "INSERT DATA": "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE DATA": "DELETE DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE": "DELETE WHERE { ?s ?p ?o }",
    "DELETE/INSERT WHERE": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "INSERT WHERE": "PREFIX ex: <http://example.org/> INSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }",
    "WITH": "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD": "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD INTO": "LOAD SILENT <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://example.org/g>",
    "CLEAR": "CLEAR ALL",
    "CREATE": "CREATE GRAPH <http://example.org/g>",
    "DROP": "DROP SILENT DEFAULT",
    "COPY": "COPY DEFAULT TO <http://example.org/g>",
    "MOVE": "MOVE <http://example.org/g> TO DEFAULT",
    "ADD": "ADD GRAPH <http://example.org/g> TO GRAPH <http://example.org/h>",
    "sequence": "PREFIX ex: <http://example.org/> CLEAR DEFAULT ; INSERT DATA { ex:a ex:b ex:c }",
    "commented": "# a comment\nDELETE # another\n WHERE { ?s ?p ?o }",
}


def service_text(name: str, url: str) -> str:
    """A variant's text with the listener's URL filled in."""
    base = url.rstrip("/") + "/"
    escaped = "".join(f"\\u{ord(c):04X}" if c in ":/" else c for c in url)
    return SERVICE_VARIANTS[name].replace("{url}", url).replace("{base}", base).replace("{escaped}", escaped)
