"""What both tasks share: exit codes, errors, progress, the model families."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

from skseq.networks import all_networks, family_names

EXIT_OK, EXIT_USAGE, EXIT_DATA, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 130

# The --family choices: the model-family registry's module names, read
# without importing Keras (so that --help stays fast).
FAMILIES = tuple(family_names())


class DataError(Exception):
    """The data could not be found, downloaded or read (exit status 3)."""


class OutputError(Exception):
    """The output folder could not be written (exit status 4)."""


@contextmanager
def reading(what: str):
    """Turn any failure to get the data into a DataError naming ``what``."""
    try:
        yield
    except (OSError, ValueError, EOFError) as error:
        raise DataError(f"cannot read the {what}: {error}") from error


class Progress:
    """A stage bar for loading (tqdm, on a terminal) plus timestamped lines."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.started = time.perf_counter()

    def log(self, message: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)

    @contextmanager
    def stages(self, description: str, total: int):
        from tqdm.auto import tqdm

        # disable=None: a bar on a terminal only, never in a captured log.
        bar = tqdm(
            total=total,
            desc=description,
            unit="step",
            disable=True if self.quiet else None,
            file=sys.stderr,
        )
        try:
            yield bar
        finally:
            bar.close()

    def keras_verbose(self) -> int:
        """Keras's own bar on a terminal, one line per epoch otherwise."""
        if self.quiet:
            return 0
        return 1 if sys.stdout.isatty() else 2


def make_estimator(
    estimators: dict,
    family: str,
    kind: str,
    args,
    settings: dict,
    progress: Progress,
    **extra,
):
    """The ``family`` estimator of ``kind`` ("Classifier" or "Regressor")
    from ``estimators`` (``skseq.estimators.all_estimators()``, which the
    task passes: this module stays below the library's estimators) with the
    command line's options and the task's training settings."""
    cls = estimators[f"{all_networks()[family].prefix}{kind}"]
    return cls(
        units=args.units,
        dropout=args.dropout,
        epochs=args.epochs or settings["epochs"],
        batch_size=settings["batch_size"],
        early_stopping=settings["patience"],
        random_state=args.seed,
        verbose=progress.keras_verbose(),
        **extra,
    )


def log_training(progress: Progress, model, args) -> None:
    linear = getattr(model, "linear_ngrams", 0)
    beside = f", linear_ngrams={linear}" if linear else ""
    progress.log(
        f"training {type(model).__name__}(units={args.units}, "
        f"dropout={args.dropout}{beside}) for at most {model.epochs} epochs"
    )
    if linear:
        progress.log(
            "first its linear model of n-grams (until its held-out loss stops "
            "improving), then the network, then their mix"
        )
