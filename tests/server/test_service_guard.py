"""The endpoint and the CLI decide on the parsed request: no SERVICE variant ever reaches another
server (a listener proves it), and every update form on every route is refused as read-only.

The positive control: with ``--allow-service`` naming the listener, the same request does reach
it, so the listener would have seen every refused variant had it been let through."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from sparql.cases import SERVICE_VARIANTS, UPDATES, service_text
from sparql.listener import Listener

from fhkg.cli import main


@pytest.fixture(scope="module")
def listener():
    lst = Listener()
    yield lst
    lst.close()


def send(server, route: str, text: str, param: str = "query"):
    if route == "GET":
        return server.get(f"/sparql?{param}=" + quote(text))
    if route == "POST form":
        return server.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, urlencode({param: text}))
    media = "application/sparql-query" if param == "query" else "application/sparql-update"
    return server.request("POST", "/sparql", {"Content-Type": media}, text)


ROUTES = ["GET", "POST form", "POST direct"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", sorted(SERVICE_VARIANTS))
def test_no_service_variant_reaches_the_listener(server, listener, name, route):
    before = len(listener.hits)
    r = send(server, route, service_text(name, listener.url))
    assert r.status == 400, r.text
    assert "SERVICE" in r.text or "invalid SPARQL" in r.text
    assert "Traceback" not in r.text
    assert listener.hits[before:] == []


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("param", ["query", "update"])
@pytest.mark.parametrize("name", sorted(UPDATES))
def test_every_update_form_on_every_route_is_read_only(server, listener, name, route, param):
    r = send(server, route, UPDATES[name], param)
    assert r.status == 403, r.text
    assert "read-only" in r.text


def test_the_store_is_unchanged_after_the_refusals(server):
    r = server.get("/sparql?" + urlencode({"query": "ASK { ?m a fh:Municipality }"}))
    assert r.json()["boolean"] is True


def test_an_allowed_service_is_called_and_no_other(start_server, tmp_path, listener):
    """The positive control: the same listener is reached once its URL is allowed."""
    srv = start_server(tmp_path, "--allow-service", listener.url, "--timeout", "20")
    assert srv.get("/health").json()["workers"]["network_wall"].startswith("off")
    before = len(listener.hits)
    r = send(srv, "GET", service_text("plain", listener.url))
    assert r.status == 200, r.text
    assert r.json()["results"]["bindings"] == [{}]
    assert len(listener.hits) == before + 1 and listener.hits[-1].startswith("POST /sparql ")
    for name in ("prefixed-local", "variable", "self", "silent-glued"):
        assert send(srv, "GET", service_text(name, listener.url)).status == 400
    assert len(listener.hits) == before + 1


def test_the_default_server_reports_its_network_wall(server):
    assert server.get("/health").json()["workers"]["network_wall"] == "on"


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_the_cli_refuses_every_update_form(name, capsys):
    assert main(["query", UPDATES[name]]) == 2
    assert "read-only" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["plain", "comment-after-keyword", "silent", "variable", "in-exists"])
def test_the_cli_refuses_service_and_allows_the_listed_one(name, listener, capsys):
    before = len(listener.hits)
    assert main(["query", service_text(name, listener.url)]) == 2
    assert "SERVICE" in capsys.readouterr().err
    assert listener.hits[before:] == []


def test_the_cli_calls_an_allowed_service(listener, capsys):
    before = len(listener.hits)
    assert main(["query", service_text("plain", listener.url), "--allow-service", listener.url, "--format", "json"]) == 0
    assert len(listener.hits) == before + 1
