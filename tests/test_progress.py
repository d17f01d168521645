"""Progress of long work (fhkg.progress): a bar on a terminal, nothing in a pipe; the build's
steps and resource pages and the validation's shapes advance it."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import fhkg
from fhkg import progress
from fhkg.publish import MODULES
from fhkg.shacl.engine import Validator
from fhkg.validation import DATA_KINDS, shapes_graph


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _quiet_afterwards():
    yield
    progress.quiet()


@pytest.fixture
def terminal():
    """A pseudo-terminal: (the file fhkg writes to, a function returning what reached the other end)."""
    master, slave = pty.openpty()
    out = os.fdopen(slave, "w", encoding="utf-8", closefd=True)
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the other end is closed
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()

    def received() -> str:
        out.flush()
        out.close()
        reader.join(10)
        os.close(master)
        return seen.decode("utf-8")

    yield out, received
    if not out.closed:
        out.close()


def test_nothing_is_drawn_before_the_delay_then_at_most_every_tenth_of_a_second():
    clock, stream = Clock(), io.StringIO()
    bar = progress.Bar("pages", 10, stream, clock=clock)
    bar.advance()
    clock.now += progress.DELAY / 2
    bar.advance()
    assert stream.getvalue() == ""  # short work shows nothing
    clock.now += progress.DELAY
    bar.advance()
    assert stream.getvalue().count("\r") == 1 and "3/10" in stream.getvalue()
    bar.advance()  # within EVERY of the last drawing: not drawn
    assert stream.getvalue().count("\r") == 1
    clock.now += progress.EVERY * 1.5
    bar.advance()
    assert stream.getvalue().count("\r") == 2 and stream.getvalue().endswith(" 5/10  50%")


def test_the_last_step_is_drawn_and_closing_clears_the_line():
    clock, stream = Clock(), io.StringIO()
    bar = progress.Bar("pages", 4, stream, clock=clock)
    clock.now += progress.DELAY
    bar.advance(3)
    bar.advance()  # the end, however soon after the last drawing
    assert stream.getvalue().rsplit("\r", 1)[1].endswith("4/4 100%")
    width = len(stream.getvalue().rsplit("\r", 1)[1])
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * width + "\r")
    before = stream.getvalue()
    bar.advance()  # a thread's late word after the work ended
    bar.close()
    assert stream.getvalue() == before


def test_a_bar_cleared_for_a_message_is_drawn_again_below_it():
    clock, stream = Clock(), io.StringIO()
    bar = progress.Bar("pages", 4, stream, clock=clock)
    clock.now += progress.DELAY
    bar.advance()
    width = len(stream.getvalue()) - 1
    bar.clear()
    assert stream.getvalue().endswith("\r" + " " * width + "\r")
    stream.write("warning: a page worker stopped\n")
    bar.advance()  # drawn at once (not EVERY later): it was cleared
    assert stream.getvalue().endswith("stopped\n\r" + bar.line(width))


def test_a_step_renames_the_bar_and_is_drawn_when_due():
    clock, stream = Clock(), io.StringIO()
    bar = progress.Bar("build", 3, stream, clock=clock)
    bar.step("build: dumps")
    assert stream.getvalue() == ""  # within the delay
    clock.now += progress.DELAY
    bar.step("build: pages")
    assert stream.getvalue().startswith("\rbuild: pages [") and stream.getvalue().endswith(" 0/3   0%")
    bar.advance()
    bar.step("build: writing the site")  # within EVERY of the last drawing: named, not drawn yet
    assert stream.getvalue().count("\r") == 1 and bar.label == "build: writing the site"
    bar.advance(2)  # the end is drawn at once
    assert stream.getvalue().rsplit("\r", 1)[1].startswith("build: writing the site [")


def test_the_outer_bar_is_drawn_again_when_an_inner_one_ends(monkeypatch):
    """A build's step bar comes back on the line once the resource pages' bar is cleared."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    monkeypatch.setenv("COLUMNS", "50")
    stream = io.StringIO()
    monkeypatch.setattr(progress, "_terminal", stream)
    with progress.bar("build", 2) as steps:
        steps.step("build: pages")
        with progress.bar("resource pages", 1) as pages:
            pages.advance()
        after_inner = stream.getvalue()
        steps.advance(2)
    drawn = [part for part in after_inner.split("\r") if part.strip()]
    assert [d.split(" [")[0] for d in drawn] == ["build: pages", "resource pages", "build: pages"]
    assert after_inner.endswith("\r" + " " * 49 + "\r\r" + drawn[-1])  # cleared, then the step again
    assert stream.getvalue().endswith("\r" + " " * 49 + "\r")  # and cleared at the end


def test_a_bar_that_was_never_drawn_is_not_cleared():
    stream = io.StringIO()
    bar = progress.Bar("pages", 4, stream, clock=Clock())
    bar.advance()
    bar.close()
    assert stream.getvalue() == ""


def test_the_line_fits_the_width_and_counts_never_pass_the_total():
    bar = progress.Bar("resource pages", 200, None)
    bar.advance(50)
    line = bar.line(60)
    assert len(line) == 60 and line.startswith("resource pages [") and line.endswith("] 50/200  25%")
    assert line.count("#") == 7 and line.count(".") == 24  # 31 places, a quarter of them done
    assert bar.line(20) == "resource pages 50/20"  # too narrow for a bar: the count, cut to the width
    bar.advance(1000)
    assert bar.done == 200 and bar.line(60).endswith("200/200 100%")
    assert progress.Bar("nothing", 0, None).line(40).endswith("0/0 100%")


def test_only_a_terminal_gets_bars(terminal, monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    assert not progress.to_terminal(io.StringIO())
    r, w = os.pipe()
    with os.fdopen(r) as read_end, os.fdopen(w, "w") as pipe:
        assert not progress.to_terminal(pipe)
        with progress.bar("pages", 1) as bar:
            assert bar._stream is None
        assert not read_end.closed
    out, _ = terminal
    assert progress.to_terminal(out)
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.to_terminal(out)  # a terminal that cannot go back to the line's start


def test_the_validation_advances_a_bar_once_per_shape(terminal, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("TERM", raising=False)
    out, received = terminal
    progress.to_terminal(out)
    kg = fhkg.load()
    validator = Validator(kg.store, shapes_graph(None, [], kg.base), kg.graphs_of(*DATA_KINDS))
    shapes = [s for s in validator.shapes.shapes() if not s.deactivated and s.has_targets]
    validator.run(jobs=2)
    text = received()
    drawn = [part for part in text.split("\r") if part.strip()]
    assert drawn and all(part.startswith("validation: shapes [") and len(part) == 99 for part in drawn)
    assert drawn[-1].endswith(f"{len(shapes)}/{len(shapes)} 100%")
    assert text.endswith("\r" + " " * 99 + "\r")  # cleared when the validation ended
    assert len(drawn) == len(shapes)  # every shape done advanced it by one


@pytest.mark.slow
def test_fhkg_build_shows_its_steps_and_resource_pages_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    """The real command: standard error a terminal, then a pipe. (-j 2: the workers' chunks
    advance the pages' bar in the building process.)"""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "90", "TERM": "xterm", "FHKG_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "fhkg", "build", "-j", "2", "-o"]
    with subprocess.Popen([*cmd, str(tmp_path / "a")], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env) as p:
        os.close(slave)
        seen = bytearray()
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen.extend(chunk)
        p.wait(600)
    os.close(master)
    text = seen.decode("utf-8")
    assert p.returncode == 0, text
    *parts, after = text.replace("\r\n", "\n").split("\r")
    drawn = [part for part in parts if part.strip()]
    assert drawn and all(len(part) == 89 for part in drawn), drawn[:3]
    labels = [part.split(" [")[0] for part in drawn]
    steps = [f"build: {name}" for name in MODULES] + ["build: writing the site"]
    assert set(labels) <= {*steps, "resource pages"}, labels
    named = [label for i, label in enumerate(labels) if label in steps and (i == 0 or labels[i - 1] != label)]
    assert named == sorted(named, key=steps.index) and named[-1] == "build: writing the site"  # the steps in their order
    assert drawn[-1].endswith(f"{len(steps)}/{len(steps)} 100%")  # every step done
    assert after.startswith("built ") and after.endswith(" files)\n")  # the last message, on a clean line
    pages = len(list((tmp_path / "a" / "id").rglob("*.en.html")))  # one English page per resource
    counted = [part for part in drawn if part.startswith("resource pages [")]
    assert pages > 500 and counted[-1].endswith(f"{pages}/{pages} 100%")
    assert parts[-1] == " " * 89  # the bar's line cleared before it
    piped = subprocess.run([*cmd, str(tmp_path / "b")], stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=600)
    assert piped.returncode == 0, piped.stderr
    assert "\r" not in piped.stderr and "resource pages" not in piped.stderr and "build:" not in piped.stderr
    assert Path(tmp_path / "b" / "index.html").read_bytes() == Path(tmp_path / "a" / "index.html").read_bytes()


def test_a_warning_of_the_command_clears_the_bar_first(terminal, monkeypatch):
    """fhkg's warnings (InputWarning, shown by the command's hook) start on a clean line, and
    the bar is drawn again below them."""
    import warnings

    from fhkg import cli
    from fhkg.errors import InputWarning

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(warnings, "showwarning", cli._show_warning)
    out, received = terminal
    monkeypatch.setattr(sys, "stderr", out)  # where click.echo(err=True) writes
    progress.to_terminal(out)
    with progress.bar("validation: shapes", 3) as shown:
        shown.advance()
        warnings.warn("a.ttl:3: something to look at", InputWarning, stacklevel=1)
        shown.advance()
    text = received().replace("\r\n", "\n")
    first, rest = text.split("fhkg: warning: a.ttl:3: something to look at\n")
    assert first.endswith("1/3  33%\r" + " " * 59 + "\r")  # drawn, then cleared for the warning
    assert rest.startswith("\rvalidation: shapes [") and "2/3  67%" in rest
