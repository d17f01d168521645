"""The ``fhkg`` command line: a thin click layer over the library API.

Exit codes (a contract, see README): 0 success / conforms, 1 does not conform or is
inconsistent, 2 unreadable input, bad usage or a missing requirement. Results go to stdout,
messages to stderr; no verb prints a traceback for bad input.
"""

from __future__ import annotations

import importlib
import signal
import sys
import warnings

import click

from .. import __version__, progress
from ..errors import FhkgError, InputWarning, Interrupted

#: Each verb and the module of this package that defines it (in its ``COMMANDS``). A module is
#: imported when one of its verbs runs (or for ``--help``), so a verb does not pay for the others.
VERBS = {
    "build": "build",
    "queries": "query",
    "query": "query",
    "reason": "reason",
    "serialize": "serialize",
    "serve": "serve",
    "stats": "stats",
    "validate": "validate",
}


class Verbs(click.Group):
    """A group whose verbs are imported on first use (:data:`VERBS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*VERBS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in VERBS:
            module = importlib.import_module(f"{__name__}.{VERBS[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)


@click.group(cls=Verbs, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "FHKG"})
@click.version_option(__version__, prog_name="fhkg")
def cli() -> None:
    """fhkg: the open knowledge graph of Familjen Helsingborg.

    Validate, serialise, query and reason over the graph built from the 2024 annual report.
    Every verb reads the shipped ontology and data; --data adds your own RDF files.

    \b
    Example:
      fhkg validate
      fhkg query municipalities-by-organisation
    """


def _interrupt(signum, _frame) -> None:
    raise Interrupted(signum)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, InputWarning):
        progress.clear()  # a warning during long work starts on a line of its own
        click.echo(f"fhkg: warning: {message}", err=True)
    else:
        _default_show(message, category, filename, lineno, file, line)


_default_show = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    warnings.showwarning = _show_warning
    progress.to_terminal(sys.stderr)  # long work shows a bar on a terminal, nothing in a pipe or a log
    for signum in (signal.SIGTERM, signal.SIGHUP):  # (fhkg serve's server installs its own while it runs)
        signal.signal(signum, _interrupt)
    try:
        return cli.main(args=argv, prog_name="fhkg", standalone_mode=False) or 0
    except Interrupted as e:
        click.echo(f"fhkg: {signal.Signals(e.signum).name}: stopped; nothing half-written was left", err=True)
        return e.exit_code
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.exceptions.Abort:  # Ctrl-C (click turns KeyboardInterrupt into Abort)
        click.echo("fhkg: interrupted; nothing half-written was left", err=True)
        return 128 + signal.SIGINT
    except FhkgError as e:
        click.echo(f"fhkg: error: {e}", err=True)
        return e.exit_code
    except BrokenPipeError:
        sys.stderr.close()
        return 0
