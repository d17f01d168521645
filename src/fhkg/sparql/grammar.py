"""The SPARQL 1.1 Query and Update grammar, read by recursive descent: the prologue, the query
forms and their clauses, update operations, group graph patterns (``SERVICE`` recorded with its
IRI), triples and property paths. Expressions are in :mod:`.expressions`, tokens and terms in
:mod:`.reader`."""

from __future__ import annotations

from .expressions import Expressions
from .parsed import Parsed, Service, SparqlSyntaxError
from .terminals import ANON, BUILTINS, INTEGER, IRIREF, NIL, QUERY_WORDS, SILENT_GLUED, UPDATE_WORDS, unescape_iri


class Grammar(Expressions):
    """The productions from a request down to triples and paths."""

    def request(self) -> Parsed:
        self.prologue()
        w = self.peek_word()
        if w in QUERY_WORDS:
            return self.query(w)
        if w in UPDATE_WORDS:
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
        m = self.match(IRIREF)
        if m is None:
            raise self.fail("an IRI in angle brackets")
        return unescape_iri(m.group(1))

    # ------------------------------------------------------------------ queries
    def query(self, form: str) -> Parsed:
        where: int | None = None
        end: int | None = None  # where the top-level WHERE group's closing brace is
        if form == "SELECT":
            self.select_clause()
            self.dataset_clauses()
            where = self.where_clause()
            end = self.pos - 1
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
            end = self.pos - 1
        elif form == "DESCRIBE":
            self.expect("DESCRIBE")
            if not self.eat("*"):
                self.var_or_iri()
                while self.peek_var_or_iri():
                    self.var_or_iri()
            self.dataset_clauses()
            if self.peek_word() == "WHERE" or self.peek("{"):
                where = self.where_clause()
                end = self.pos - 1
        else:
            self.expect("ASK")
            self.dataset_clauses()
            where = self.where_clause()
            end = self.pos - 1
        self.skip()
        bare = self.pos
        self.solution_modifier()
        self.values_clause()
        self.skip()
        modified = self.pos != bare
        if not self.at_end():
            raise self.fail("the end of the query")
        return Parsed("query", form, services=tuple(self.st.services), where=where, calls=self.calls(), clauses=self.clauses(), where_end=end, modified=modified, variables=self.variables())

    def peek_var_or_iri(self) -> bool:
        self.skip()
        return bool(self.n.var.match(self.text, self.pos) or IRIREF.match(self.text, self.pos) or (self.n.pname.match(self.text, self.pos) and self.peek_word() is None))

    def select_clause(self) -> tuple[str, ...]:
        """The projection; returns the variables projected (``("*",)`` for ``SELECT *``)."""
        self.expect("SELECT")
        self.accept("DISTINCT", "REDUCED")
        if self.eat("*"):
            return ("*",)
        projected: list[str] = []
        while True:
            if (v := self.var_or_none()) is not None:
                projected.append(v)
            elif self.peek("(") and not self.peek_nil():
                self.need("(")
                self.expression()
                self.expect("AS")
                projected.append(self.assigned())
                self.need(")")
            else:
                break
        if not projected:
            raise self.fail("'*', a variable or '(expression AS ?var)'")
        return tuple(projected)

    def dataset_clauses(self) -> None:
        while self.peek_word() == "FROM":
            self.clause("FROM")
            self.expect("FROM")
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
        # LimitOffsetClauses: LIMIT, OFFSET or both in either order, each at most once
        words = ["LIMIT", "OFFSET"]
        while w := self.accept(*words):
            if self.match(INTEGER) is None:
                raise self.fail(f"an integer after {w}")
            words.remove(w)

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
                self.assigned()
            self.need(")")
            return
        self.builtin_or_function()

    def peek_constraint(self) -> bool:
        w = self.peek_word()
        if w in BUILTINS:
            return True
        self.skip()
        return (self.peek("(") and not self.peek_nil()) or bool(IRIREF.match(self.text, self.pos)) or bool(w is None and self.n.pname.match(self.text, self.pos))

    def constraint(self) -> None:
        if self.peek("(") and not self.peek_nil():
            self.bracketted_expression()
        else:
            self.builtin_or_function()

    def builtin_or_function(self) -> None:
        w = self.peek_word()
        if w in BUILTINS:
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
        if self.peek_word() == "VALUES":
            self.clause("VALUES")
            self.expect("VALUES")
            self.data_block()

    def assigned(self) -> str:
        """The variable after ``AS``, remembered with where it is."""
        self.skip()
        at = self.pos
        name = self.var()
        self.clause("AS", (name,), at)
        return name

    # ------------------------------------------------------------------ updates
    def update_request(self) -> Parsed:
        while True:
            self.update1()
            if not self.eat(";"):
                break
            self.prologue()
            if self.at_end():
                break
            if self.peek_word() not in UPDATE_WORDS:
                raise self.fail("an update operation after ';'")
        if not self.at_end():
            raise self.fail("';' or the end of the update")
        ops = tuple(self.st.operations)
        return Parsed("update", ops[0], operations=ops, services=tuple(self.st.services), calls=self.calls())

    def update1(self) -> None:
        w = self.expect(*UPDATE_WORDS)
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
            self.skip()
            at = self.pos
            self.clause("SELECT", self.select_clause(), at)
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
                if w == "MINUS":
                    self.clause("MINUS")
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
                self.assigned()
                self.need(")")
            elif w == "VALUES":
                self.values_clause()
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
        if SILENT_GLUED.match(self.text, self.pos):
            # Oxigraph reads ``SERVICE SILENTex:x`` as ``SERVICE SILENT ex:x``: refuse the doubt
            raise SparqlSyntaxError("write a space after SILENT (or rename the prefix): 'SILENT' glued to a name reads two ways", *self.where(), update=self.update)
        # ``SILENT<iri>`` and ``SILENT?var`` too: a keyword ends where a name cannot go on
        silent = self.accept("SILENT") is not None
        iri, variable, relative = self.var_or_iri()
        self.st.services.append(Service(iri, variable, silent, line, column, relative))
        self.group_graph_pattern()

    def data_block(self) -> None:
        if self.var_or_none() is not None:
            self.need("{")
            while not self.eat("}"):
                self.data_block_value()
            return
        if self.match(NIL) is None:
            self.need("(")
            while not self.eat(")"):
                self.var()
        self.need("{")
        while not self.eat("}"):
            if self.match(NIL) is not None:
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
        if self.peek("[") and not ANON.match(self.text, self.pos):
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
        if self.peek("[") and not ANON.match(self.text, self.pos):
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
            elif self.match(NIL) is None:
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
