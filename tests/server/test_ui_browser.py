"""The query UI in a real browser (headless Chromium), offline: YASGUI loads from the local copy,
shows every named query as a tab, and runs a query against /sparql (a share link runs its query
when the page opens; the result table is in the DOM afterwards)."""

from __future__ import annotations

import os
import shutil
import subprocess
from urllib.parse import urlencode

import pytest

from fhkg.queries import catalogue
from fhkg.server.ui import yasgui_dir

CHROMIUM = os.environ.get("FHKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.browser

def dom(url: str, tmp_path, lang: str = "sv") -> str:
    assert CHROMIUM, "Chromium is needed for the browser tests: apt-get install chromium (CI does), or set FHKG_CHROMIUM"
    assert yasgui_dir() is not None, "the query UI is not installed: npm ci --prefix src/fhkg/server/ui (dev.py does this)"
    r = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--lang={lang}", f"--user-data-dir={tmp_path / 'chromium'}", "--virtual-time-budget=15000", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def test_ui_shows_every_named_query_as_a_tab(server, tmp_path):
    page = dom(server.url + "sparql/ui", tmp_path, "en")
    assert "CodeMirror" in page  # the editor was drawn by YASGUI's script
    for q in catalogue().values():
        assert q.title("en").replace("'", "&#39;") in page or q.title("en") in page, q.name


def test_ui_runs_a_query_on_the_endpoint(server, tmp_path):
    share = urlencode({"query": "PREFIX fh: <https://w3id.org/familjen-helsingborg/ontology#> SELECT ?kod WHERE { ?m fh:kommunkod ?kod } ORDER BY ?kod", "endpoint": server.url + "sparql"})
    page = dom(server.url + "sparql/ui#" + share, tmp_path)
    for code in ("1214", "1257", "1260", "1275", "1276", "1277", "1278", "1282", "1283", "1284", "1292"):
        assert f">{code}<" in page, code
