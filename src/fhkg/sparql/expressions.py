"""The expression productions of the SPARQL 1.1 grammar: operators, built-in calls, aggregates
and calls of functions named by an IRI (each one recorded, for the guard)."""

from __future__ import annotations

from collections.abc import Callable

from .reader import Reader
from .terminals import BUILTINS, FUNCTIONS_0, FUNCTIONS_1, FUNCTIONS_2, NIL, NUMBER


class Expressions(Reader):
    """Expression productions; ``EXISTS`` holds a group graph pattern, which the grammar reads."""

    #: ``EXISTS { … }``: the group graph pattern production, a method of :class:`.grammar.Grammar`
    #: (the one class the parser is made of; this part is never used on its own)
    group_graph_pattern: Callable[[], None]

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
        if bang or (self.text[self.pos : self.pos + 1] in ("+", "-") and not NUMBER.match(self.text, self.pos)):
            self.pos += 1
        self.primary_expression()

    def primary_expression(self) -> None:
        self.skip()
        if self.peek("(") and not self.peek_nil():
            self.bracketted_expression()
            return
        w = self.peek_word()
        if w in BUILTINS:
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
        if self.match(NIL) is not None:
            return
        self.need("(")
        self.accept("DISTINCT")
        self.expression()
        while self.eat(","):
            self.expression()
        self.need(")")

    def expression_list(self) -> None:
        if self.match(NIL) is not None:
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
        w = self.expect(*BUILTINS)
        if w in FUNCTIONS_0:
            if self.match(NIL) is None:
                raise self.fail(f"'()' after {w}")
        elif w in FUNCTIONS_1:
            self.args(1)
        elif w in FUNCTIONS_2:
            self.args(2)
        elif w == "BOUND":
            self.need("(")
            self.var()
            self.need(")")
        elif w == "BNODE":
            if self.match(NIL) is None:
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
