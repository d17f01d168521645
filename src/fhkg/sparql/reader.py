"""The parser's reader: where it is in the text, blanks and comments, keywords in context, and the
terms (IRIs with prefixes expanded, variables, literals). The grammar's productions build on it
(:mod:`.expressions`, :mod:`.grammar`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .parsed import MAX_DEPTH, Call, Clause, Service, SparqlSyntaxError
from .terminals import ANON, ASCII_NAMES, IRIREF, LANGTAG, LOCAL_ESC, NIL, NUMBER, SCHEME, STRING, WORD, WS_OR_COMMENT, names_beyond_ascii, unescape_iri, unicode_names


@dataclass
class State:
    prefixes: dict[str, str]
    services: list[Service] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    calls: dict[str, tuple[int, bool]] = field(default_factory=dict)  # IRI -> (first offset, relative)
    clauses: list[tuple[str, int, tuple[str, ...]]] = field(default_factory=list)  # (MINUS/VALUES/AS/SELECT, offset, variables)
    variables: dict[str, int] = field(default_factory=dict)  # name -> offset of its first use


class Reader:
    """A position in one request's text, and the state the productions gather."""

    def __init__(self, text: str, prefixes: dict[str, str]):
        self.text = text
        self.n = unicode_names() if names_beyond_ascii(text) else ASCII_NAMES
        self.pos = 0
        self.depth = 0
        self.st = State(dict(prefixes))
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

    def clause(self, keyword: str, variables: tuple[str, ...] = (), pos: int | None = None) -> None:
        """Remember a :class:`Clause` at ``pos`` (default: the next token)."""
        if pos is None:
            self.skip()
            pos = self.pos
        self.st.clauses.append((keyword, pos, variables))

    def clauses(self) -> tuple[Clause, ...]:
        """The clauses remembered, in text order, with line and column."""
        return tuple(Clause(keyword, *self.where(pos), variables) for keyword, pos, variables in sorted(self.st.clauses, key=lambda c: c[1]))

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
        m = WS_OR_COMMENT.match(self.text, self.pos)  # always matches (possibly empty)
        self.pos = m.end() if m else self.pos

    def at_end(self) -> bool:
        self.skip()
        return self.pos >= len(self.text)

    def peek_word_token(self) -> str | None:
        """The whole word at the current position, as written; None where a name goes on
        (``select:x``, ``graph.db:x`` and ``filterX`` are names, not keywords)."""
        self.skip()
        m = WORD.match(self.text, self.pos)
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

    def peek_nil(self) -> bool:
        self.skip()
        return NIL.match(self.text, self.pos) is not None

    # -- terms
    def iri_or_none(self) -> tuple[str, bool] | None:
        """An IRI (IRIREF or prefixed name) as (expanded text, written relative?), or None."""
        self.skip()
        start = self.pos
        m = IRIREF.match(self.text, self.pos)
        if m:
            self.pos = m.end()
            value = unescape_iri(m.group(1))
            return value, not SCHEME.match(value)
        m = self.n.pname.match(self.text, self.pos)
        if m:
            prefix = m.group(1) or ""
            if prefix not in self.st.prefixes:
                raise SparqlSyntaxError(f"the prefix '{prefix}:' is not declared", *self.where(start), update=self.update)
            self.pos = m.end()
            local = LOCAL_ESC.sub(r"\1", m.group(2) or "")
            ns = self.st.prefixes[prefix]
            return ns + local, not SCHEME.match(ns)
        return None

    def iri(self) -> tuple[str, bool]:
        got = self.iri_or_none()
        if got is None:
            raise self.fail("an IRI")
        return got

    def var_or_none(self) -> str | None:
        m = self.match(self.n.var)
        if m is None:
            return None
        self.st.variables.setdefault(m.group(1), m.start())
        return m.group(1)

    def variables(self) -> tuple[tuple[str, int, int], ...]:
        """Each variable the request names, at its first use (line, column), in text order."""
        return tuple((name, *self.where(at)) for name, at in sorted(self.st.variables.items(), key=lambda kv: kv[1]))

    def var(self) -> str:
        v = self.var_or_none()
        if v is None:
            raise self.fail("a variable")
        return v

    def string(self) -> bool:
        return self.match(STRING) is not None

    def rdf_literal_or_none(self) -> bool:
        if not self.string():
            return False
        if self.match(LANGTAG) is None and self.eat("^^"):
            self.iri()
        return True

    def number_or_none(self, signed: bool = True) -> bool:
        self.skip()
        m = NUMBER.match(self.text, self.pos)
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
        return self.match(self.n.blank_label) is not None or self.match(ANON) is not None or self.match(NIL) is not None

    def var_or_term_or_none(self) -> bool:
        return self.var_or_none() is not None or self.graph_term_or_none()

    def var_or_iri(self) -> tuple[str | None, str | None, bool]:
        """(iri, variable, relative)."""
        v = self.var_or_none()
        if v is not None:
            return None, v, False
        iri, relative = self.iri()
        return iri, None, relative
