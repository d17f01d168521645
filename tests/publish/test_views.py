"""The resource pages' views: every ``.rq`` in ``fhkg/publish/pages/views/`` is a well-formed named
query with the one parameter ``this``, matches the model (it has rows in the shipped graph), and
is the query of a view in the code; a new file is covered by being there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fhkg.publish.pages import Pages
from fhkg.publish.pages.views import query as view_query
from fhkg.queries import NamedQuery

from .conftest import make_site

VIEWS = Path(view_query.__file__).resolve().parent
FILES = sorted(VIEWS.glob("*.rq"))
CODE = "\n".join(p.read_text(encoding="utf-8") for p in sorted(VIEWS.glob("*.py")))
USED = set(re.findall(r'\bselect\(pages, "([a-z-]+)"', CODE))


def test_there_are_views() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_view_query_header_and_parameter(path: Path) -> None:
    q = NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
    assert set(q.titles) == {"sv", "en"} and set(q.questions) == {"sv", "en"}, "a title and a question in Swedish and English"
    assert [(p.name, p.type, p.default) for p in q.parameters] == [("this", "iri", None)]
    assert view_query.query(path.stem).text == q.text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_view_query_matches_the_model(kg, path: Path) -> None:
    # with ?this unbound the view reads the whole graph: a misspelt property or class gives no rows
    rows = list(kg.query(path.read_text(encoding="utf-8")))
    assert rows, f"{path.name} has no rows in the shipped graph"


def test_every_view_query_is_used_and_every_used_one_exists() -> None:
    assert {p.stem for p in FILES} == USED


def test_select_binds_this(kg) -> None:
    pages = Pages(make_site(kg))
    klippan = next(r["m"].value for r in kg.query('SELECT ?m WHERE { ?m a fh:Municipality ; rdfs:label "Klippans kommun"@sv }'))
    rows = view_query.select(pages, "memberships", klippan)
    assert rows and all(r["member"].value == klippan for r in rows)
    organisations = {r["organisation"].value for r in rows}
    assert any(o.endswith("/soderasens-miljoforbund") for o in organisations)
