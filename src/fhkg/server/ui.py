"""The query UI: YASGUI (``@zazuko/yasgui`` from npm) served from the local copy installed into
``src/fhkg/server/ui/node_modules`` by the set-up (``npm ci --prefix src/fhkg/server/ui``), so it
works offline. The page points YASGUI at this server's ``/sparql`` and opens one tab per named
query (its title as the tab name, its text with the default parameter values bound; the flagship
query first and open). Tabs are not
persisted in the browser, so every visit shows the current catalogue.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

UI_ROOT = Path(__file__).resolve().parent / "ui"
BUILD = Path("node_modules") / "@zazuko" / "yasgui" / "build"
#: The first tab, shown when the UI opens.
FLAGSHIP = "municipalities-by-organisation"


def yasgui_dir() -> Path | None:
    """The folder holding ``yasgui.min.js`` and ``yasgui.min.css`` (None if not installed)."""
    env = os.environ.get("FHKG_YASGUI_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(UI_ROOT / BUILD)
    for c in candidates:
        if (c / "yasgui.min.js").is_file() and (c / "yasgui.min.css").is_file():
            return c
    return None


def tabs(kg, lang: str) -> list[dict]:
    """One tab per named query: its title and its text with default parameter values bound."""
    from ..errors import FhkgError
    from ..queries import bind, catalogue, rebase_text

    out = []
    named = catalogue()
    for name, q in sorted(named.items(), key=lambda kv: (kv[0] != FLAGSHIP, kv[0])):
        try:
            text = bind(kg, q, {})
        except FhkgError:
            text = rebase_text(q.text, kg.base)
        out.append({"name": q.title(lang), "id": name, "query": text})
    return out


#: The page's own script: constant (the queries come as JSON data), so the Content-Security-Policy
#: allows exactly it by its hash and no other inline script.
SCRIPT = """
(function () {
  var endpoint = window.location.origin + "/sparql";
  var named = JSON.parse(document.getElementById("fhkg-named-queries").textContent);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: true,
    autoAddOnInit: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } }
  });
  var active = yasgui.getTab();
  named.forEach(function (q, i) {
    // the first named query becomes the visible tab (unless a shared link opened one)
    yasgui.addTab(i === 0 && !active, { name: q.name, yasqe: { value: q.query }, requestConfig: { endpoint: endpoint } });
  });
  window.fhkgYasgui = yasgui;
})();
"""
SCRIPT_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii") + "'"


def page(tab_list: list[dict], lang: str, base: str) -> str:
    """The UI page in the site's layout (``templates/sparql-ui.html``, links absolute under the base's path)."""
    from urllib.parse import urlparse

    from ..publish.render import Renderer, other
    from ..publish.site import build_date
    from ..publish.urls import Urls

    root = urlparse(base).path or "/"
    root = root if root.endswith("/") else root + "/"
    # JSON inside <script>: every "<", ">" and "&" as a JSON escape, so no query text can close
    # the element or open an HTML comment in it (JSON.parse reads the escapes back)
    config = json.dumps(tab_list, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    renderer = Renderer(urls=Urls(base), date=build_date())
    return renderer.page(
        "sparql-ui.html",
        "sparql/ui",
        lang,
        f"sparql/ui?lang={other(lang)}",  # ?lang= overrides Accept-Language
        root=root,
        title="SPARQL",
        description_meta="",
        ui="/sparql/ui/",
        endpoint="/sparql",
        config=config,
        script=SCRIPT,
    )
