"""The one gate for SPARQL that comes from outside: the endpoint, ``fhkg query`` and user shapes.

Two promises, both decided on the parsed request (:mod:`fhkg.sparql.syntax`), never on its text:

* **read-only**: an update (every form: INSERT DATA, DELETE DATA, DELETE/INSERT … WHERE, LOAD,
  CLEAR, CREATE, DROP, COPY, MOVE, ADD) is refused with status 403;
* **known functions only**: a call of a function named by an IRI that the engine does not
  evaluate (anything but the XSD casts) is refused with status 400 and its place;
* **no outgoing requests**: a ``SERVICE`` clause is refused with status 400 unless its IRI is on
  the operator's allow-list (``--allow-service URL``, empty by default). A variable service IRI
  and a relative one are always refused: neither can be checked before the query runs.

Text that is not SPARQL 1.1 is refused with 400 and the line and column; so is text nested too
deeply. The query workers add a second wall below this one (:mod:`fhkg.server.sandbox`).

>>> g = Guard({})
>>> g.check("ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
fhkg.sparql.guard.Refused: SERVICE <http://127.0.0.1:9/> (line 1, column 7) is refused: fhkg makes no requests to other servers unless started with --allow-service URL
>>> Guard({}, allow_service=["http://127.0.0.1:9/"]).check("ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }").form
'ASK'
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..errors import FhkgError, UsageError
from ..terms import XSD
from .syntax import Parsed, SparqlSyntaxError, parse

READ_ONLY = "read-only: SPARQL Update is not accepted here (send a query: SELECT, CONSTRUCT, DESCRIBE or ASK)"

#: Functions named by an IRI that the engine (Oxigraph) evaluates: the XSD constructor functions
#: of SPARQL 1.1 (section 17.5) and the other XSD types Oxigraph casts to. Anything else would fail
#: only while the query runs; the gate says so first, with the place.
FUNCTIONS = frozenset(
    XSD + name
    for name in ("boolean", "double", "float", "decimal", "integer", "string", "dateTime", "date", "time", "duration")
    + ("yearMonthDuration", "dayTimeDuration", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay")
)

#: Requests up to this size are remembered (with their verdict) so a repeated query is not re-read.
_CACHE_TEXT = 16 * 1024
_CACHE_SIZE = 512


class Refused(FhkgError):
    """A request the gate refuses: ``status`` is the HTTP status (403 read-only, 400 otherwise);
    ``str()`` is the message for the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def allow_list(urls: Iterable[str]) -> frozenset[str]:
    """The operator's ``--allow-service`` URLs, checked: absolute http(s) IRIs, nothing relative,
    no ``.``/``..`` segments (compared with the query's IRIs exactly, character for character)."""
    out = set()
    for url in urls:
        parts = urlsplit(url)
        segments = parts.path.split("/")
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in ' <>"{}|\\^`') or "." in segments or ".." in segments:
            raise UsageError(f"--allow-service {url!r}: give the full http:// or https:// URL of a SPARQL endpoint")
        out.add(url)
    return frozenset(out)


class Guard:
    """Checks requests against the policy; ``prefixes`` are those the engine predeclares."""

    def __init__(self, prefixes: dict[str, str], *, allow_service: Iterable[str] = ()):
        self.prefixes = dict(prefixes)
        self.allowed = allow_list(allow_service)
        self._seen: OrderedDict[str, Parsed | Refused] = OrderedDict()
        self._lock = threading.Lock()  # the server checks requests in threads

    def check(self, text: str) -> Parsed:
        """The parsed query, or :class:`Refused` with the status and the reason."""
        with self._lock:
            verdict = self._seen.get(text)
            if verdict is not None:
                self._seen.move_to_end(text)
        if verdict is None:
            verdict = self._judge(text)
            if len(text) <= _CACHE_TEXT:
                with self._lock:
                    self._seen[text] = verdict
                    if len(self._seen) > _CACHE_SIZE:
                        self._seen.popitem(last=False)
        if isinstance(verdict, Refused):
            raise verdict
        return verdict

    def _judge(self, text: str) -> Parsed | Refused:
        try:
            parsed = parse(text, self.prefixes)
        except SparqlSyntaxError as e:
            if e.update:
                return Refused(403, READ_ONLY)
            return Refused(400, f"invalid SPARQL: {e}")
        if parsed.kind == "update":
            return Refused(403, READ_ONLY)
        for s in parsed.services:
            where = f"(line {s.line}, column {s.column})"
            if s.variable is not None:
                return Refused(400, f"SERVICE ?{s.variable} {where} is refused: a service must be named by a full IRI, not a variable")
            if s.relative:
                return Refused(400, f"SERVICE <{s.iri}> {where} is refused: a service must be named by a full IRI, not a relative one")
            if s.iri not in self.allowed:
                because = "it is not on the allow-list (--allow-service)" if self.allowed else "fhkg makes no requests to other servers unless started with --allow-service URL"
                return Refused(400, f"SERVICE <{s.iri}> {where} is refused: {because}")
        for c in parsed.calls:
            if c.iri not in FUNCTIONS:
                return Refused(
                    400,
                    f"the function <{c.iri}> (line {c.line}, column {c.column}) is not known here: use SPARQL 1.1's built-in functions"
                    " or an XSD cast (xsd:integer, xsd:decimal, xsd:double, xsd:float, xsd:boolean, xsd:string, xsd:date, xsd:dateTime, …)",
                )
        return parsed
