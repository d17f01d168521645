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

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["MAX_DEPTH", "Parsed", "Service", "SparqlSyntaxError", "parse"]

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
    top-level WHERE group (None for updates and ``DESCRIBE`` without one)."""

    kind: str
    form: str
    operations: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()
    where: int | None = None
    calls: tuple[Call, ...] = ()


# ------------------------------------------------------------------ terminals (the spec's regexes)
# Names (prefixed names, variables, blank-node labels) use large Unicode classes, which take
# Python's re module most of a tenth of a second to compile: a request that is all ASCII (nearly
# all are) is read with the same patterns over the classes' ASCII part, which match the same on it.
_UNICODE_BASE = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)  # as Oxigraph reads it: the BMP only
_UNICODE_NAME = "\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"


class _Names:
    """The name terminals, over the full classes or their ASCII part."""

    def __init__(self, unicode: bool):
        base = "A-Za-z" + (_UNICODE_BASE if unicode else "")
        extra = _UNICODE_NAME if unicode else ""
        chars_u = base + "_"
        chars = chars_u + "\\-0-9" + extra
        # The dotted parts are read as Oxigraph's PEG reads them (greedy: ``ex:a.b.c`` is
        # ``ex:a.b`` followed by ``.c``), so both parsers always see the same name.
        prefix = f"[{base}][{chars}]*(?:\\.+[{chars}]+)*"
        local = f"(?:[{chars_u}:0-9]|{_PLX})(?:[{chars}:]|{_PLX})*(?:\\.+(?:[{chars}:]|{_PLX})+)?"
        self.pname = re.compile(f"({prefix})?:({local})?")
        self.blank_label = re.compile(f"_:[{chars_u}0-9][{chars}]*(?:\\.+[{chars}]+)*")
        self.var = re.compile(f"[?$]([{chars_u}0-9][{chars_u}0-9{extra}]*)")
        self.name_char = re.compile(f"[{chars}:]")
        self.prefix_decl = re.compile(f"({prefix})?:")


_ASCII_NAMES = _Names(unicode=False)


def _names_beyond_ascii(text: str) -> bool:
    """Whether a character beyond ASCII stands outside strings, IRIs and comments (so a name may
    hold it). Reading such a name with the ASCII classes could only fail, never read it otherwise."""
    return not text.isascii() and not _OPAQUE.sub("", text).isascii()


@lru_cache(maxsize=1)
def _unicode_names() -> _Names:
    return _Names(unicode=True)


_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']"

_WS_OR_COMMENT = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")
_IRIREF = re.compile(f"<((?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*)>")
_LANGTAG = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?")  # with RDF 1.2's direction
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)")
_INTEGER = re.compile(r"[0-9]+")
_STRING = re.compile(
    f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*'''"
    f'|"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*"""'
    f"|'(?:[^'\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*'"
    f'|"(?:[^"\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*"'
)
_OPAQUE = re.compile(f"{_STRING.pattern}|{_IRIREF.pattern}|#[^\\r\\n]*")
_NIL = re.compile(r"\([ \t\r\n]*\)")
_ANON = re.compile(r"\[[ \t\r\n]*\]")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SILENT_GLUED = re.compile(r"SILENT(?![ \t\r\n#<?$])", re.IGNORECASE)
_LOCAL_ESC = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
_UESC = re.compile(_UCHAR)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

_FUNCTIONS_1 = {
    "STR", "LANG", "DATATYPE", "IRI", "URI", "ABS", "CEIL", "FLOOR", "ROUND", "STRLEN", "UCASE",
    "LCASE", "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE",
    "TZ", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
    "ISNUMERIC",
}  # fmt: skip
_FUNCTIONS_2 = {"LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "STRLANG", "STRDT", "SAMETERM"}
_FUNCTIONS_0 = {"RAND", "NOW", "UUID", "STRUUID"}
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
_BUILTINS = _FUNCTIONS_0 | _FUNCTIONS_1 | _FUNCTIONS_2 | _AGGREGATES | {"BOUND", "BNODE", "CONCAT", "SUBSTR", "REPLACE", "REGEX", "COALESCE", "IF", "EXISTS", "NOT"}
_UPDATE_WORDS = ("LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "INSERT", "DELETE", "WITH")
_QUERY_WORDS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def _unescape_iri(text: str) -> str:
    return _UESC.sub(lambda m: chr(int(m.group(0).removeprefix("\\u").removeprefix("\\U"), 16)), text)


@dataclass
class _State:
    prefixes: dict[str, str]
    services: list[Service] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    calls: dict[str, tuple[int, bool]] = field(default_factory=dict)  # IRI -> (first offset, relative)


class _Parser:
    def __init__(self, text: str, prefixes: dict[str, str]):
        self.text = text
        self.n = _unicode_names() if _names_beyond_ascii(text) else _ASCII_NAMES
        self.pos = 0
        self.depth = 0
        self.st = _State(dict(prefixes))
        self.update = False

    # -- position and errors
    def where(self, pos: int | None = None) -> tuple[int, int]:
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        return line, pos - (self.text.rfind("\n", 0, pos) + 1) + 1

    def calls(self) -> tuple[Call, ...]:
        """The first call of each function IRI, in text order, with line and column (one pass)."""
        out, line, line_start, scanned = [], 1, 0, 0
        for iri, (pos, relative) in sorted(self.st.calls.items(), key=lambda kv: kv[1][0]):
            line += self.text.count("\n", scanned, pos)
            line_start = max(line_start, self.text.rfind("\n", scanned, pos) + 1)
            scanned = pos
            out.append(Call(iri, line, pos - line_start + 1, relative))
        return tuple(out)

    def fail(self, expected: str, pos: int | None = None) -> SparqlSyntaxError:
        pos = self.pos if pos is None else pos
        found = self.text[pos : pos + 20].split("\n")[0]
        shown = f"found {found!r}" if found else "found the end of the request"
        return SparqlSyntaxError(f"expected {expected}, {shown}", *self.where(pos), update=self.update)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SparqlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", *self.where(), update=self.update)

    def leave(self) -> None:
        self.depth -= 1

    # -- scanning
    def skip(self) -> None:
        m = _WS_OR_COMMENT.match(self.text, self.pos)  # always matches (possibly empty)
        self.pos = m.end() if m else self.pos

    def at_end(self) -> bool:
        self.skip()
        return self.pos >= len(self.text)

    def peek_word_token(self) -> str | None:
        """The whole word at the current position, as written; None where a name goes on
        (``select:x``, ``graph.db:x`` and ``filterX`` are names, not keywords)."""
        self.skip()
        m = _WORD.match(self.text, self.pos)
        if not m or (m.end() < len(self.text) and self.n.name_char.match(self.text, m.end())) or self.n.pname.match(self.text, self.pos):
            return None
        return m.group(0)

    def peek_word(self) -> str | None:
        """The keyword at the current position, upper-cased (keywords ignore case)."""
        w = self.peek_word_token()
        return None if w is None else w.upper()

    def accept(self, *words: str) -> str | None:
        w = self.peek_word()
        if w is not None and w in words:
            self.pos += len(w)  # peek_word skipped the blanks; keywords are ASCII
            return w
        return None

    def expect(self, *words: str) -> str:
        w = self.accept(*words)
        if w is None:
            raise self.fail(" or ".join(words))
        return w

    def peek(self, s: str) -> bool:
        self.skip()
        return self.text.startswith(s, self.pos)

    def eat(self, s: str) -> bool:
        if self.peek(s):
            self.pos += len(s)
            return True
        return False

    def need(self, s: str) -> None:
        if not self.eat(s):
            raise self.fail(f"'{s}'")

    def match(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        self.skip()
        m = rx.match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    # -- terms
    def iri_or_none(self) -> tuple[str, bool] | None:
        """An IRI (IRIREF or prefixed name) as (expanded text, written relative?), or None."""
        self.skip()
        start = self.pos
        m = _IRIREF.match(self.text, self.pos)
        if m:
            self.pos = m.end()
            value = _unescape_iri(m.group(1))
            return value, not _SCHEME.match(value)
        m = self.n.pname.match(self.text, self.pos)
        if m:
            prefix = m.group(1) or ""
            if prefix not in self.st.prefixes:
                raise SparqlSyntaxError(f"the prefix '{prefix}:' is not declared", *self.where(start), update=self.update)
            self.pos = m.end()
            local = _LOCAL_ESC.sub(r"\1", m.group(2) or "")
            ns = self.st.prefixes[prefix]
            return ns + local, not _SCHEME.match(ns)
        return None

    def iri(self) -> tuple[str, bool]:
        got = self.iri_or_none()
        if got is None:
            raise self.fail("an IRI")
        return got

    def var_or_none(self) -> str | None:
        m = self.match(self.n.var)
        return m.group(1) if m else None

    def var(self) -> str:
        v = self.var_or_none()
        if v is None:
            raise self.fail("a variable")
        return v

    def string(self) -> bool:
        return self.match(_STRING) is not None

    def rdf_literal_or_none(self) -> bool:
        if not self.string():
            return False
        if self.match(_LANGTAG) is None and self.eat("^^"):
            self.iri()
        return True

    def number_or_none(self, signed: bool = True) -> bool:
        self.skip()
        m = _NUMBER.match(self.text, self.pos)
        if not m or (not signed and m.group(0)[0] in "+-"):
            return False
        self.pos = m.end()
        return True

    def boolean_or_none(self) -> bool:
        return self.accept("TRUE", "FALSE") is not None

    def graph_term_or_none(self) -> bool:
        """GraphTerm: iri, literal, number, boolean, blank node or NIL."""
        if self.iri_or_none() is not None or self.rdf_literal_or_none() or self.number_or_none() or self.boolean_or_none():
            return True
        return self.match(self.n.blank_label) is not None or self.match(_ANON) is not None or self.match(_NIL) is not None

    def var_or_term_or_none(self) -> bool:
        return self.var_or_none() is not None or self.graph_term_or_none()

    def var_or_iri(self) -> tuple[str | None, str | None, bool]:
        """(iri, variable, relative)."""
        v = self.var_or_none()
        if v is not None:
            return None, v, False
        iri, relative = self.iri()
        return iri, None, relative

    # ------------------------------------------------------------------ entry points
    def request(self) -> Parsed:
        self.prologue()
        w = self.peek_word()
        if w in _QUERY_WORDS:
            return self.query(w)
        if w in _UPDATE_WORDS:
            self.update = True
            return self.update_request()
        if self.at_end():
            self.update = True  # the grammar's empty update: nothing but a prologue
            return Parsed("update", "", operations=())
        raise self.fail("SELECT, CONSTRUCT, DESCRIBE, ASK or an update operation")

    def prologue(self) -> None:
        while True:
            # Oxigraph reads a keyword glued to what follows (``PREFIX:<…>``, ``PREFIXex:``); a
            # prefixed name cannot stand here, so reading it the same way is exact
            self.skip()
            w = next((k for k in ("BASE", "PREFIX") if self.text[self.pos : self.pos + len(k)].upper() == k), None)
            if w is not None:
                self.pos += len(w)
            if w == "BASE":
                self.iri_ref()
            elif w == "PREFIX":
                m = self.match(self.n.prefix_decl)
                if m is None:
                    raise self.fail("a prefix name such as 'ex:'")
                self.st.prefixes[m.group(1) or ""] = self.iri_ref()
            else:
                return

    def iri_ref(self) -> str:
        m = self.match(_IRIREF)
        if m is None:
            raise self.fail("an IRI in angle brackets")
        return _unescape_iri(m.group(1))

    # ------------------------------------------------------------------ queries
    def query(self, form: str) -> Parsed:
        where: int | None = None
        if form == "SELECT":
            self.select_clause()
            self.dataset_clauses()
            where = self.where_clause()
            self.solution_modifier()
        elif form == "CONSTRUCT":
            self.expect("CONSTRUCT")
            if self.peek("{"):
                self.construct_template()
                self.dataset_clauses()
                where = self.where_clause()
            else:
                self.dataset_clauses()
                self.expect("WHERE")
                self.need("{")
                where = self.pos
                if not self.peek("}"):
                    self.triples_template()
                self.need("}")
            self.solution_modifier()
        elif form == "DESCRIBE":
            self.expect("DESCRIBE")
            if not self.eat("*"):
                self.var_or_iri()
                while self.peek_var_or_iri():
                    self.var_or_iri()
            self.dataset_clauses()
            if self.peek_word() == "WHERE" or self.peek("{"):
                where = self.where_clause()
            self.solution_modifier()
        else:
            self.expect("ASK")
            self.dataset_clauses()
            where = self.where_clause()
            self.solution_modifier()
        self.values_clause()
        if not self.at_end():
            raise self.fail("the end of the query")
        return Parsed("query", form, services=tuple(self.st.services), where=where, calls=self.calls())

    def peek_var_or_iri(self) -> bool:
        self.skip()
        return bool(self.n.var.match(self.text, self.pos) or _IRIREF.match(self.text, self.pos) or (self.n.pname.match(self.text, self.pos) and self.peek_word() is None))

    def select_clause(self) -> None:
        self.expect("SELECT")
        self.accept("DISTINCT", "REDUCED")
        if self.eat("*"):
            return
        count = 0
        while True:
            if self.var_or_none() is not None:
                count += 1
            elif self.peek("(") and not self.peek_nil():
                self.need("(")
                self.expression()
                self.expect("AS")
                self.var()
                self.need(")")
                count += 1
            else:
                break
        if not count:
            raise self.fail("'*', a variable or '(expression AS ?var)'")

    def peek_nil(self) -> bool:
        self.skip()
        return _NIL.match(self.text, self.pos) is not None

    def dataset_clauses(self) -> None:
        while self.accept("FROM"):
            self.accept("NAMED")
            self.iri()

    def where_clause(self) -> int:
        self.accept("WHERE")
        self.skip()
        start = self.pos + 1
        self.group_graph_pattern()
        return start

    def solution_modifier(self) -> None:
        if self.accept("GROUP"):
            self.expect("BY")
            self.group_condition()
            while self.peek_group_condition():
                self.group_condition()
        if self.accept("HAVING"):
            self.constraint()
            while self.peek_constraint():
                self.constraint()
        if self.accept("ORDER"):
            self.expect("BY")
            self.order_condition()
            while self.peek_order_condition():
                self.order_condition()
        for _ in range(2):
            w = self.accept("LIMIT", "OFFSET")
            if w is None:
                break
            if self.match(_INTEGER) is None:
                raise self.fail(f"an integer after {w}")

    def peek_group_condition(self) -> bool:
        self.skip()
        return self.peek_constraint() or bool(self.n.var.match(self.text, self.pos))

    def group_condition(self) -> None:
        if self.var_or_none() is not None:
            return
        if self.peek("(") and not self.peek_nil():
            self.need("(")
            self.expression()
            if self.accept("AS"):
                self.var()
            self.need(")")
            return
        self.builtin_or_function()

    def peek_constraint(self) -> bool:
        w = self.peek_word()
        if w in _BUILTINS:
            return True
        self.skip()
        return (self.peek("(") and not self.peek_nil()) or bool(_IRIREF.match(self.text, self.pos)) or bool(w is None and self.n.pname.match(self.text, self.pos))

    def constraint(self) -> None:
        if self.peek("(") and not self.peek_nil():
            self.bracketted_expression()
        else:
            self.builtin_or_function()

    def builtin_or_function(self) -> None:
        w = self.peek_word()
        if w in _BUILTINS:
            self.builtin_call()
            return
        self.skip()
        start = self.pos
        got = self.iri_or_none()
        if got is None:
            raise self.fail("a function call or a bracketed expression")
        self.st.calls.setdefault(got[0], (start, got[1]))
        self.arg_list()

    def peek_order_condition(self) -> bool:
        self.skip()
        return self.peek_word() in ("ASC", "DESC") or self.peek_constraint() or bool(self.n.var.match(self.text, self.pos))

    def order_condition(self) -> None:
        if self.accept("ASC", "DESC"):
            self.bracketted_expression()
        elif self.var_or_none() is None:
            self.constraint()

    def values_clause(self) -> None:
        if self.accept("VALUES"):
            self.data_block()

    # ------------------------------------------------------------------ updates
    def update_request(self) -> Parsed:
        while True:
            self.update1()
            if not self.eat(";"):
                break
            self.prologue()
            if self.at_end():
                break
            if self.peek_word() not in _UPDATE_WORDS:
                raise self.fail("an update operation after ';'")
        if not self.at_end():
            raise self.fail("';' or the end of the update")
        ops = tuple(self.st.operations)
        return Parsed("update", ops[0], operations=ops, services=tuple(self.st.services), calls=self.calls())

    def update1(self) -> None:
        w = self.expect(*_UPDATE_WORDS)
        if w == "LOAD":
            self.accept("SILENT")
            self.iri()
            if self.accept("INTO"):
                self.expect("GRAPH")
                self.iri()
        elif w in ("CLEAR", "DROP"):
            self.accept("SILENT")
            if self.accept("GRAPH"):
                self.iri()
            else:
                self.expect("DEFAULT", "NAMED", "ALL")
        elif w == "CREATE":
            self.accept("SILENT")
            self.expect("GRAPH")
            self.iri()
        elif w in ("ADD", "MOVE", "COPY"):
            self.accept("SILENT")
            self.graph_or_default()
            self.expect("TO")
            self.graph_or_default()
        elif w in ("INSERT", "DELETE") and self.accept("DATA"):
            w += " DATA"
            self.quad_block()
        elif w == "DELETE" and self.peek_word() == "WHERE":
            self.expect("WHERE")
            w = "DELETE WHERE"
            self.quad_block()
        else:
            if w == "WITH":
                self.iri()
                w = self.expect("INSERT", "DELETE")
            self.quad_block()
            if w == "DELETE" and self.accept("INSERT"):
                self.quad_block()
            while self.accept("USING"):
                self.accept("NAMED")
                self.iri()
            self.expect("WHERE")
            self.group_graph_pattern()
            w = "MODIFY"
        self.st.operations.append(w)

    def graph_or_default(self) -> None:
        if self.accept("DEFAULT"):
            return
        self.accept("GRAPH")
        self.iri()

    def quad_block(self) -> None:
        """QuadPattern / QuadData: '{' Quads '}'."""
        self.need("{")
        self.enter()
        while not self.eat("}"):
            if self.accept("GRAPH"):
                self.var_or_iri()
                self.need("{")
                if not self.peek("}"):
                    self.triples_template()
                self.need("}")
                self.eat(".")
                continue
            self.triples_template(stop_at_graph=True)
            if not self.peek("}") and self.peek_word() != "GRAPH":
                raise self.fail("'.', '}' or GRAPH")
        self.leave()

    # ------------------------------------------------------------------ graph patterns
    def group_graph_pattern(self) -> None:
        self.need("{")
        self.enter()
        if self.peek_word() == "SELECT":
            self.select_clause()
            self.where_clause()
            self.solution_modifier()
            self.values_clause()
            self.need("}")
            self.leave()
            return
        while not self.eat("}"):
            w = self.peek_word()
            if self.peek("{"):
                self.group_graph_pattern()
                while self.accept("UNION"):
                    self.group_graph_pattern()
            elif w in ("OPTIONAL", "MINUS"):
                self.expect(w)
                self.group_graph_pattern()
            elif w == "GRAPH":
                self.expect("GRAPH")
                self.var_or_iri()
                self.group_graph_pattern()
            elif w == "SERVICE":
                self.service()
            elif w == "FILTER":
                self.expect("FILTER")
                self.constraint()
            elif w == "BIND":
                self.expect("BIND")
                self.need("(")
                self.expression()
                self.expect("AS")
                self.var()
                self.need(")")
            elif w == "VALUES":
                self.expect("VALUES")
                self.data_block()
            else:
                self.triples_same_subject(path=True)
                if self.eat("."):
                    continue
                if not self.peek("}") and not self.peek_pattern_keyword():
                    raise self.fail("'.', '}' or a graph pattern")
                continue
            self.eat(".")
        self.leave()

    def peek_pattern_keyword(self) -> bool:
        return self.peek("{") or self.peek_word() in ("OPTIONAL", "MINUS", "GRAPH", "SERVICE", "FILTER", "BIND", "VALUES")

    def service(self) -> None:
        self.skip()
        line, column = self.where()
        self.expect("SERVICE")
        self.skip()
        if _SILENT_GLUED.match(self.text, self.pos):
            # Oxigraph reads ``SERVICE SILENTex:x`` as ``SERVICE SILENT ex:x``: refuse the doubt
            raise SparqlSyntaxError("write a space after SILENT (or rename the prefix): 'SILENT' glued to a name reads two ways", *self.where(), update=self.update)
        silent = self.accept("SILENT") is not None
        if not silent and self.text[self.pos : self.pos + 6].upper() == "SILENT" and self.text[self.pos + 6 : self.pos + 7] in ("<", "?", "$"):
            self.pos += 6  # ``SILENT<iri>``
            silent = True
        iri, variable, relative = self.var_or_iri()
        self.st.services.append(Service(iri, variable, silent, line, column, relative))
        self.group_graph_pattern()

    def data_block(self) -> None:
        if self.var_or_none() is not None:
            self.need("{")
            while not self.eat("}"):
                self.data_block_value()
            return
        if self.match(_NIL) is None:
            self.need("(")
            while not self.eat(")"):
                self.var()
        self.need("{")
        while not self.eat("}"):
            if self.match(_NIL) is not None:
                continue
            self.need("(")
            while not self.eat(")"):
                self.data_block_value()

    def data_block_value(self) -> None:
        if self.accept("UNDEF") or self.iri_or_none() is not None or self.rdf_literal_or_none() or self.number_or_none() or self.boolean_or_none():
            return
        raise self.fail("an IRI, a literal or UNDEF")

    # ------------------------------------------------------------------ triples
    def triples_template(self, stop_at_graph: bool = False) -> None:
        """TriplesTemplate / ConstructTriples: triples separated by '.' (no paths)."""
        while True:
            self.triples_same_subject(path=False)
            if not self.eat("."):
                return
            if self.peek("}") or (stop_at_graph and self.peek_word() == "GRAPH"):
                return

    def construct_template(self) -> None:
        self.need("{")
        if not self.peek("}"):
            self.triples_template()
        self.need("}")

    def triples_same_subject(self, path: bool) -> None:
        self.skip()
        if self.peek("[") and not _ANON.match(self.text, self.pos):
            self.blank_node_property_list(path)
            if not self.peek_triples_end():
                self.property_list_not_empty(path)
            return
        if self.peek("(") and not self.peek_nil():
            self.collection(path)
            if not self.peek_triples_end():
                self.property_list_not_empty(path)
            return
        if not self.var_or_term_or_none():
            raise self.fail("a triple pattern")
        self.property_list_not_empty(path)

    def peek_triples_end(self) -> bool:
        return self.peek(".") or self.peek("}") or self.peek_pattern_keyword() or self.peek_word() == "GRAPH"

    def property_list_not_empty(self, path: bool) -> None:
        self.verb(path)
        self.object_list(path)
        while self.eat(";"):
            if self.peek(";") or self.peek(".") or self.peek("]") or self.peek("}"):
                continue
            if self.peek_pattern_keyword():
                continue
            self.verb(path)
            self.object_list(path)

    def verb(self, path: bool) -> None:
        if self.var_or_none() is not None:
            return
        if path:
            self.path_alternative()
            return
        if self.peek_word_token() == "a":
            self.pos += 1
            return
        if self.iri_or_none() is None:
            raise self.fail("a predicate (an IRI, a variable or 'a')")

    def object_list(self, path: bool) -> None:
        self.graph_node(path)
        while self.eat(","):
            self.graph_node(path)

    def graph_node(self, path: bool) -> None:
        self.skip()
        if self.peek("[") and not _ANON.match(self.text, self.pos):
            self.blank_node_property_list(path)
        elif self.peek("(") and not self.peek_nil():
            self.collection(path)
        elif not self.var_or_term_or_none():
            raise self.fail("an object (an IRI, a literal, a variable or a blank node)")

    def blank_node_property_list(self, path: bool) -> None:
        self.need("[")
        self.enter()
        self.property_list_not_empty(path)
        self.need("]")
        self.leave()

    def collection(self, path: bool) -> None:
        self.need("(")
        self.enter()
        self.graph_node(path)
        while not self.eat(")"):
            self.graph_node(path)
        self.leave()

    # ------------------------------------------------------------------ property paths
    def path_alternative(self) -> None:
        self.path_sequence()
        while self.eat("|"):
            self.path_sequence()

    def path_sequence(self) -> None:
        self.path_elt_or_inverse()
        while self.eat("/"):
            self.path_elt_or_inverse()

    def path_elt_or_inverse(self) -> None:
        self.eat("^")
        self.path_primary()
        self.skip()
        # PathMod: '?' is a modifier only when no variable follows it directly (``?x`` is a variable)
        if self.peek("*") or self.peek("+") or (self.peek("?") and not self.n.var.match(self.text, self.pos)):
            self.pos += 1

    def path_primary(self) -> None:
        if self.peek_word_token() == "a":
            self.pos += 1
        elif self.eat("!"):
            if self.peek("(") and not self.peek_nil():
                self.need("(")
                self.path_one_in_set()
                while self.eat("|"):
                    self.path_one_in_set()
                self.need(")")
            elif self.match(_NIL) is None:
                self.path_one_in_set()
        elif self.peek("(") and not self.peek_nil():
            self.need("(")
            self.enter()
            self.path_alternative()
            self.need(")")
            self.leave()
        elif self.iri_or_none() is None:
            raise self.fail("a property path (an IRI, 'a', '^', '!' or '(')")

    def path_one_in_set(self) -> None:
        self.eat("^")
        if self.peek_word_token() == "a":
            self.pos += 1
        elif self.iri_or_none() is None:
            raise self.fail("an IRI or 'a' in a negated property set")

    # ------------------------------------------------------------------ expressions
    def expression(self) -> None:
        self.enter()
        self.and_expression()
        while self.eat("||"):
            self.and_expression()
        self.leave()

    def and_expression(self) -> None:
        self.relational_expression()
        while self.eat("&&"):
            self.relational_expression()

    def relational_expression(self) -> None:
        self.additive_expression()
        self.skip()
        for op in ("<=", ">=", "!=", "=", "<", ">"):
            if self.text.startswith(op, self.pos):
                self.pos += len(op)
                self.additive_expression()
                return
        if self.accept("IN"):
            self.expression_list()
        elif self.peek_word() == "NOT":
            save = self.pos
            self.expect("NOT")
            if self.accept("IN"):
                self.expression_list()
            else:
                self.pos = save

    def additive_expression(self) -> None:
        self.multiplicative_expression()
        while True:
            self.skip()
            c = self.text[self.pos : self.pos + 1]
            if c in ("+", "-"):
                # ``?a +1`` is a sum whose second operand is the signed literal
                self.pos += 1
                self.multiplicative_expression()
            else:
                return

    def multiplicative_expression(self) -> None:
        self.unary_expression()
        while self.eat("*") or self.eat("/"):
            self.unary_expression()

    def unary_expression(self) -> None:
        self.skip()
        bang = self.text.startswith("!", self.pos) and not self.text.startswith("!=", self.pos)
        if bang or (self.text[self.pos : self.pos + 1] in ("+", "-") and not _NUMBER.match(self.text, self.pos)):
            self.pos += 1
        self.primary_expression()

    def primary_expression(self) -> None:
        self.skip()
        if self.peek("(") and not self.peek_nil():
            self.bracketted_expression()
            return
        w = self.peek_word()
        if w in _BUILTINS:
            self.builtin_call()
            return
        if w in ("TRUE", "FALSE"):
            self.accept(w)
            return
        if self.var_or_none() is not None or self.rdf_literal_or_none() or self.number_or_none():
            return
        self.skip()
        start = self.pos
        got = self.iri_or_none()
        if got is not None:
            self.skip()
            if self.peek("("):
                self.st.calls.setdefault(got[0], (start, got[1]))
                self.arg_list()
            return
        raise self.fail("an expression")

    def bracketted_expression(self) -> None:
        self.need("(")
        self.expression()
        self.need(")")

    def arg_list(self) -> None:
        if self.match(_NIL) is not None:
            return
        self.need("(")
        self.accept("DISTINCT")
        self.expression()
        while self.eat(","):
            self.expression()
        self.need(")")

    def expression_list(self) -> None:
        if self.match(_NIL) is not None:
            return
        self.need("(")
        self.expression()
        while self.eat(","):
            self.expression()
        self.need(")")

    def args(self, n: int, optional: int = 0) -> None:
        self.need("(")
        self.expression()
        for i in range(1, n + optional):
            if i >= n and not self.peek(","):
                break
            self.need(",")
            self.expression()
        self.need(")")

    def builtin_call(self) -> None:
        w = self.expect(*_BUILTINS)
        if w in _FUNCTIONS_0:
            if self.match(_NIL) is None:
                raise self.fail(f"'()' after {w}")
        elif w in _FUNCTIONS_1:
            self.args(1)
        elif w in _FUNCTIONS_2:
            self.args(2)
        elif w == "BOUND":
            self.need("(")
            self.var()
            self.need(")")
        elif w == "BNODE":
            if self.match(_NIL) is None:
                self.args(1)
        elif w in ("CONCAT", "COALESCE"):
            self.expression_list()
        elif w in ("SUBSTR", "REGEX"):
            self.args(2, optional=1)
        elif w == "REPLACE":
            self.args(3, optional=1)
        elif w == "IF":
            self.args(3)
        elif w == "EXISTS":
            self.group_graph_pattern()
        elif w == "NOT":
            self.expect("EXISTS")
            self.group_graph_pattern()
        else:  # aggregates
            self.need("(")
            self.accept("DISTINCT")
            if w == "COUNT" and self.eat("*"):
                pass
            else:
                self.expression()
            if w == "GROUP_CONCAT" and self.eat(";"):
                self.expect("SEPARATOR")
                self.need("=")
                if not self.string():
                    raise self.fail("a string after SEPARATOR=")
            self.need(")")


def parse(text: str, prefixes: dict[str, str] | None = None) -> Parsed:
    """Read ``text`` as a SPARQL 1.1 query or update; raises :class:`SparqlSyntaxError`.

    ``prefixes`` are predeclared (as the endpoint and the CLI predeclare ``fh:``, ``org:`` …);
    the request's own ``PREFIX`` declarations override them.
    """
    parser = _Parser(text, prefixes or {})
    try:
        return parser.request()
    except RecursionError:
        raise SparqlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", *parser.where(), update=parser.update) from None
