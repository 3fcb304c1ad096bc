"""``python -m skseq imdb|jena``: the tutorials' experiments in one command.

One module per task (:mod:`skseq.cli.imdb`, :mod:`skseq.cli.jena`: settings,
data, training, scoring) over shared code: ``_parser`` (arguments),
``_common`` (exit codes, errors, progress, the model families) and
``_output`` (what is written into ``--out``). ``python -m skseq --help`` lists
the options and exit codes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import imdb, jena
from ._common import (
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    FAMILIES,
    DataError,
    OutputError,
    Progress,
)
from ._output import check_writable, write_outputs
from ._parser import build_parser as _build_parser

__all__ = [
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "FAMILIES",
    "TASKS",
    "build_parser",
    "main",
]

TASKS = {"imdb": imdb, "jena": jena}


def build_parser():
    """The ``argparse`` parser of ``python -m skseq``."""
    return _build_parser(TASKS)


def main(argv=None) -> int:
    """Run the command line; return the exit status (see ``--help``)."""
    args = build_parser().parse_args(argv)
    progress = Progress(args.quiet)
    out = Path(args.out)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    task = TASKS[args.task]
    settings = task.SETTINGS["full" if args.full else "quick"]
    try:
        check_writable(out)  # before minutes of training, not after
        result = task.run(args, settings, progress)
        path = write_outputs(out, args.task, args, result, progress)
    except DataError as error:
        return _fail(
            f"{error}\n(--data-home or $SKSEQ_DATA must point at the data "
            "folder, or the official URLs must be reachable)",
            EXIT_DATA,
        )
    except OutputError as error:
        return _fail(str(error), EXIT_OUTPUT)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    print(path, flush=True)
    return EXIT_OK


def _fail(message: str, status: int) -> int:
    print(f"python -m skseq: error: {message}", file=sys.stderr, flush=True)
    return status
