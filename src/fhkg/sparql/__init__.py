"""SPARQL as a language: the parser (:mod:`.syntax`) and the gate for requests from outside (:mod:`.guard`)."""

from .guard import READ_ONLY, Guard, Refused, allow_list
from .syntax import Parsed, Service, SparqlSyntaxError, parse

__all__ = ["READ_ONLY", "Guard", "Parsed", "Refused", "Service", "SparqlSyntaxError", "allow_list", "parse"]
