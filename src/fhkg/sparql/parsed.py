"""What the parser tells about a request (:class:`Parsed`, its ``SERVICE`` clauses and function
calls), and its error: :class:`SparqlSyntaxError`, with line and column."""

from __future__ import annotations

from dataclasses import dataclass

#: How deeply groups, expressions and collections may nest before the request is refused
#: (a resource bound: nothing real comes near it, and it keeps the engine's stack safe too).
MAX_DEPTH = 48


class SparqlSyntaxError(ValueError):
    """The text is not SPARQL 1.1; ``line`` and ``column`` (1-based) say where.

    ``update`` is true when the text reads as an update (its first operation keyword is one),
    so a read-only endpoint can say "read-only" rather than "syntax error".
    """

    def __init__(self, message: str, line: int, column: int, *, update: bool = False):
        super().__init__(f"line {line}, column {column}: {message}")
        self.message, self.line, self.column, self.update = message, line, column, update


@dataclass(frozen=True)
class Service:
    """One ``SERVICE`` clause: its IRI (prefixes expanded) or its variable, and where it is."""

    iri: str | None
    variable: str | None
    silent: bool
    line: int
    column: int
    #: whether the IRI was written relative (so it depends on the base it is resolved against)
    relative: bool = False


@dataclass(frozen=True)
class Clause:
    """A ``MINUS``, a ``VALUES``, a ``FROM`` (``FROM NAMED`` too), an ``AS ?var`` (``variables``: the one assigned) or a subquery's
    ``SELECT`` (``variables``: those it projects, ``("*",)`` for ``SELECT *``), and where it is (an
    ``AS``: where its variable is):
    what SHACL-SPARQL restricts in a query whose variables are pre-bound (SHACL 1.0, 5.3.1)."""

    keyword: str
    line: int
    column: int
    variables: tuple[str, ...] = ()


@dataclass(frozen=True)
class Call:
    """One call of a function named by an IRI (not a built-in): the IRI and where it is."""

    iri: str
    line: int
    column: int
    relative: bool = False


@dataclass(frozen=True)
class Parsed:
    """What a request is: ``kind`` is ``query`` or ``update``; ``form`` is ``SELECT``, ``ASK``,
    ``CONSTRUCT``, ``DESCRIBE`` or the first update operation; ``operations`` lists every update
    operation (``INSERT DATA``, ``DELETE WHERE``, ``MODIFY``, ``LOAD`` …); ``services`` every
    ``SERVICE`` clause; ``calls`` every call of a function named by an IRI; ``where`` is the offset just after the ``{`` that opens the query's
    top-level WHERE group (None for updates and ``DESCRIBE`` without one), ``where_end`` that of
    the ``}`` closing it; ``clauses`` what SHACL restricts in a constraint's query (:class:`Clause`)."""

    kind: str
    form: str
    operations: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()
    where: int | None = None
    calls: tuple[Call, ...] = ()
    clauses: tuple[Clause, ...] = ()
    where_end: int | None = None  # the offset of the ``}`` that closes the top-level WHERE group
    modified: bool = False  # solution modifiers (GROUP BY … LIMIT) or a VALUES clause follow that group
    variables: tuple[tuple[str, int, int], ...] = ()  # (name, line, column) of each variable's first use, in text order
