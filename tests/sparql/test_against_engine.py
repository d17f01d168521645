"""The parser against the engine itself: thousands of generated requests that play with the
places a SERVICE call can hide (comments ended by CR or LF, ``<`` as comparison or IRI, keywords
glued to names, case, escapes, strings and IRIs holding the keyword, nesting, prefixes, BASE).

Oxigraph runs each one in a child process with the network open, against a listener that
records which request (``/q<number>``) called it. The safety property: **every request the
engine sends out is one our parser refuses or reads as a SERVICE call** — so the gate, which
refuses every SERVICE call, refuses it. And for precision: where the engine accepts a request and
our parser reads an unconditional SERVICE call to a fixed IRI, the engine does call out
(checked on a second corpus of bare SERVICE calls: nested in an OPTIONAL or after an empty
pattern the engine may rightly never evaluate one).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest

from fhkg.sparql.guard import Guard, Refused
from fhkg.sparql.syntax import SparqlSyntaxError, parse

from .listener import Listener

N = 1500
KEYWORDS = ["SERVICE", "service", "Service", "sErViCe"]
GAPS = [" ", "\t", "\n", "\r", "#c\n", "#c\r", "", " #SERVICE <{u}> {{}}\n", "\r\n"]
SILENTS = ["", "", "SILENT ", "silent\t", "SILENT#c\n", "SILENT", "Silent"]
TARGETS = ["<{u}>", "r:", "r:x", ":", ":y", "SILENTr:z", "?svc", "<{esc}>", "<rel>", "SERVICEr:w"]
WRAPS = ["{x}", "OPTIONAL {{ {x} }}", "FILTER EXISTS {{ {x} }}", "FILTER NOT EXISTS {{ {x} }}", "{{ SELECT * {{ {x} }} }}", "{{ ?a ?b ?c }} UNION {{ {x} }}", "MINUS {{ {x} }}", "GRAPH ?g {{ {x} }}"]
NOISE = [
    '?s ?p "SERVICE <{u}> {{}}" .',
    "FILTER(1<2)",
    "FILTER(?a < 2)",
    "FILTER(?a<<{u}>)",
    "?s <http://example.org/#SERVICE> ?o .",
    "# SERVICE <{u}> {{ }}\n",
    "?s ?p '''SERVICE''' .",
    "BIND(<{u}> AS ?svc)",
    "VALUES ?svc {{ <{u}> }}",
    "?s a ?o .",
    "?s r:p r:o .",
]
FORMS = ["SELECT * WHERE {{ {body} }}", "ASK {{ {body} }}", "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {body} }}", "DESCRIBE ?s WHERE {{ {body} }}"]


def generate(port: int, nested: bool = True) -> list[str]:
    rnd = random.Random(20261201 + nested)
    out = []
    for i in range(N):
        u = f"http://127.0.0.1:{port}/q{i}/"
        esc = "".join(f"\\u{ord(c):04X}" if c in ":/" and rnd.random() < 0.5 else c for c in u)
        prologue = []
        if rnd.random() < 0.8:
            prologue.append(f"PREFIX r: <{u}r/>")
        if rnd.random() < 0.6:
            prologue.append(f"PREFIX : <{u}e/>")
        if rnd.random() < 0.5:
            prologue.append(f"PREFIX SILENTr: <{u}s/>")
        if rnd.random() < 0.3:
            prologue.append(f"PREFIX SERVICEr: <{u}v/>")
        if rnd.random() < 0.4:
            prologue.append(f"BASE <{u}b/>")
        service = rnd.choice(KEYWORDS) + rnd.choice(GAPS) + rnd.choice(SILENTS) + rnd.choice(TARGETS) + rnd.choice(GAPS) + "{ ?s ?p ?o }"
        parts = [rnd.choice(NOISE) for _ in range(rnd.randint(0, 2))] + [rnd.choice(WRAPS).format(x=service)] if nested else [service]
        rnd.shuffle(parts)
        text = "\n".join(prologue) + " " + rnd.choice(FORMS).format(body=" ".join(parts))
        text = text.replace("{u}", u).replace("{esc}", esc).replace("{{", "{").replace("}}", "}")
        if rnd.random() < 0.3:  # glue: drop one blank
            blanks = [m.start() for m in re.finditer(r"[ \t]", text)]
            if blanks:
                k = rnd.choice(blanks)
                text = text[:k] + text[k + 1 :]
        out.append(text)
    return out


ENGINE = r"""
import json, sys
import pyoxigraph as ox
store = ox.Store()
verdicts = []
for text in json.load(sys.stdin):
    try:
        answer = store.query(text, base_iri=sys.argv[1])
        if not isinstance(answer, ox.QueryBoolean):
            list(answer)
        verdicts.append("ran")
    except SyntaxError:
        verdicts.append("syntax")
    except Exception:
        verdicts.append("ran")
json.dump(verdicts, sys.stdout)
"""


def run_engine(nested: bool):
    listener = Listener()
    try:
        texts = generate(listener.port, nested)
        base = f"http://127.0.0.1:{listener.port}/base/"
        r = subprocess.run([sys.executable, "-c", ENGINE, base], input=json.dumps(texts), capture_output=True, text=True, timeout=600, check=False)
        assert r.returncode == 0, r.stderr
        verdicts = json.loads(r.stdout)
        called = {int(m.group(1)) for line in listener.hits if (m := re.search(r"/q(\d+)/", line))}
    finally:
        listener.close()
    return texts, verdicts, called


@pytest.fixture(scope="module")
def outcome():
    return run_engine(nested=True)


@pytest.fixture(scope="module")
def bare():
    return run_engine(nested=False)


def test_the_corpus_makes_the_engine_call_out_often(outcome):
    _, _, called = outcome
    assert len(called) > N // 10, "the generator no longer exercises SERVICE"


def test_every_request_the_engine_sends_out_is_refused_by_the_gate(outcome):
    texts, _, called = outcome
    guard = Guard({})
    let_through = []
    for i in sorted(called):
        try:
            guard.check(texts[i])
            let_through.append(texts[i])
        except Refused:
            pass
    assert let_through == []


def test_the_parser_reads_those_requests_as_service_calls_not_just_as_errors(outcome):
    texts, _, called = outcome
    read = 0
    for i in called:
        try:
            assert parse(texts[i]).services, texts[i]
            read += 1
        except SparqlSyntaxError:
            pass
    assert read > len(called) // 2  # most are read, not merely refused as unreadable


def test_where_the_parser_sees_a_plain_service_call_the_engine_makes_it(bare):
    texts, verdicts, called = bare
    missed = []
    for i, text in enumerate(texts):
        try:
            services = parse(text).services
        except SparqlSyntaxError:
            continue
        plain = [s for s in services if s.iri and not s.silent and not s.relative]
        if plain and verdicts[i] == "ran" and i not in called:
            missed.append(text)
    assert missed == []
