"""The command line's arguments: one sub-command per task, the same options."""

from __future__ import annotations

import argparse

from ._common import FAMILIES

DESCRIPTION = """\
``python -m skseq imdb|jena``: the tutorials' experiments in one command.

Each run loads the real data, trains one skseq pipeline with the options given,
scores it on held-out data beside a classic baseline, and writes into ``--out``:

* ``results.json``: settings, data sizes, metrics, baseline, times, history;
* ``learning_curves.png``: training vs validation loss and metric per epoch;
* ``classification.png`` (imdb): confusion matrix and ROC curve on the test set;
* ``forecast.png`` (jena): a week of forecasts against the observations (with
  the interval of ``--quantiles``); ``horizons.png`` the test MAE per horizon;
* ``model.joblib``: the fitted pipeline (``joblib.load`` it to predict).
"""

EPILOG = """\
exit status:
  0    success; the last line printed is the path of results.json
  2    bad arguments
  3    the data could not be found, downloaded or read
  4    the output folder could not be written
  130  interrupted (Ctrl-C)
  1    anything else (a bug: please report it with the message)

data: --data-home, else $SKSEQ_DATA, else ~/skseq_data. Missing files are
downloaded from the official URLs on first use (IMDB 84 MB, Jena 13 MB).

examples:
  python -m skseq imdb --out out/imdb               # ~2 min on 2 cores
  python -m skseq imdb --family gru --units 64 --full
  python -m skseq jena --out out/jena               # ~35 s on 2 cores
  python -m skseq jena --family conv1d --epochs 5 --full
  python -m skseq jena --horizons 1 6 12 24 --quantiles 0.1 0.5 0.9
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1; got {value}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: an int >= 1."""
    return _positive_int(text)


def _dropout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number; got {text!r}") from None
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError(f"must be in [0, 1); got {value}")
    return value


def build_parser(tasks: dict) -> argparse.ArgumentParser:
    """The parser of ``python -m skseq``; ``tasks`` maps names to task modules
    (each with ``HELP``, ``FULL_HELP``, ``DEFAULT_FAMILY`` and ``SETTINGS``)."""
    parser = argparse.ArgumentParser(
        prog="python -m skseq",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="task", required=True, metavar="TASK")
    for name, task in tasks.items():
        sub = commands.add_parser(
            name,
            help=task.HELP,
            description=task.HELP,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        quick, full = task.SETTINGS["quick"], task.SETTINGS["full"]
        sub.add_argument(
            "--family",
            choices=FAMILIES,
            default=task.DEFAULT_FAMILY,
            help=f"model family (default: {task.DEFAULT_FAMILY})",
        )
        sub.add_argument(
            "--units",
            type=_positive_int,
            default=32,
            help="units (cells, filters) per layer (default: 32)",
        )
        sub.add_argument(
            "--dropout",
            type=_dropout,
            default=0.2,
            help="dropout rate in [0, 1) (default: 0.2)",
        )
        sub.add_argument(
            "--epochs",
            type=_positive_int,
            default=None,
            help=f"most epochs; early stopping restores the best "
            f"(default: {quick['epochs']}, {full['epochs']} with --full)",
        )
        sub.add_argument("--full", action="store_true", help=task.FULL_HELP)
        sub.add_argument(
            "--data-home",
            default=None,
            metavar="DIR",
            help="data folder (default: $SKSEQ_DATA, else ~/skseq_data)",
        )
        sub.add_argument(
            "--out",
            default=f"skseq_out/{name}",
            metavar="DIR",
            help=f"output folder, created if need be (default: skseq_out/{name})",
        )
        sub.add_argument(
            "--seed", type=int, default=0, help="random_state of the model (default: 0)"
        )
        sub.add_argument(
            "--quiet",
            action="store_true",
            help="no progress bars or log lines; errors still print",
        )
        # A task's own options (jena: --horizons, --quantiles).
        getattr(task, "add_arguments", lambda parser: None)(sub)
    return parser
