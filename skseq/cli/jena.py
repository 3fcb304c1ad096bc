"""``python -m skseq jena``: temperature 24 h ahead, a skseq regressor beside
persistence.

Also home of :func:`find_jena_file`, the one place that knows the file names
of the data folders this project ships with (the examples, the benchmarks and
the tests use it too): the library's ``fetch_jena_climate`` only knows its own
cache and a ``path=``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ._common import DataError, Progress, log_training, make_estimator, reading

HELP = (
    "Jena temperature 24 h ahead from 5 days of 14 weather variables; "
    "test MAE beside the persistence forecast"
)
FULL_HELP = (
    "train on all of 2009, validate on 2010-H1 (default: train on 2009-H2, "
    "validate on 2010-Q1); test on 2010-H2 either way"
)
DEFAULT_FAMILY = "gru"
SETTINGS = {
    # train, validation (early stopping), test: [start, end) dates
    "quick": {
        "train": ("2009-07-01", "2010-01-01"),
        "valid": ("2010-01-01", "2010-04-01"),
        "test": ("2010-07-01", "2011-01-01"),
        "lookback": 720,
        "epochs": 3,
        "batch_size": 128,
        "patience": 2,
    },
    "full": {
        "train": ("2009-01-01", "2010-01-01"),
        "valid": ("2010-01-01", "2010-07-01"),
        "test": ("2010-07-01", "2011-01-01"),
        "lookback": 720,
        "epochs": 10,
        "batch_size": 128,
        "patience": 3,
    },
}
JENA_TARGET_COLUMN = 1  # the position of "T (degC)" among the 14 columns
ROWS_PER_DAY = 144  # 10-minute rows


def find_jena_file(data_home: str | os.PathLike | None = None) -> Path | None:
    """The Jena climate file to read from ``data_home`` without downloading.

    The cached full record if there is one, else the first prefix copy
    (``jena/jena_climate_2009_2016_PREFIX*.csv.gz``, such as the 2009-2010
    extract in this project's shared data folder), else None.

    Parameters
    ----------
    data_home : str or path-like, default=None
        See :func:`skseq.datasets.get_data_home`.

    Returns
    -------
    pathlib.Path or None
        Pass it as ``fetch_jena_climate(path=...)``; None lets
        ``fetch_jena_climate`` download the full record.

    Examples
    --------
    >>> from skseq.cli.jena import find_jena_file
    >>> find_jena_file("/nonexistent") is None
    True
    """
    from skseq.datasets import get_data_home

    folder = get_data_home(data_home) / "jena"
    full = folder / "jena_climate_2009_2016.csv.gz"
    if full.is_file():
        return full
    prefixes = sorted(folder.glob("jena_climate_2009_2016_PREFIX*.csv.gz"))
    return prefixes[0] if prefixes else None


def load_series(data_home=None):
    """The cleaned Jena frame: a local file if :func:`find_jena_file` finds
    one, else the cache, downloaded if need be."""
    from skseq.datasets import fetch_jena_climate

    return fetch_jena_climate(data_home, path=find_jena_file(data_home))


def run(args, settings: dict, progress: Progress) -> dict:
    """Train, score and compare; the result for ``write_outputs``."""
    import numpy as np

    from skseq import PersistenceRegressor, plot_forecast
    from skseq.datasets import JENA_TARGET
    from skseq.pipelines import jena_forecaster

    with progress.stages("loading Jena", 1) as bar, reading("Jena climate series"):
        data = load_series(args.data_home)
        bar.update()
    (train_start, _), (valid_start, valid_end) = settings["train"], settings["valid"]
    test_start, test_end = settings["test"]
    if data.index[-1] < np.datetime64(test_end) - np.timedelta64(1, "D"):
        raise DataError(
            f"the Jena series ends on {data.index[-1]}; the test period needs "
            f"data up to {test_end}"
        )
    fit_rows = (data.index >= train_start) & (data.index < valid_end)
    n_valid = int(((data.index >= valid_start) & (data.index < valid_end)).sum())
    test = (data.index >= test_start) & (data.index < test_end)
    progress.log(
        f"{fit_rows.sum() - n_valid} training, {n_valid} validation and "
        f"{test.sum()} test rows (10-minute steps)"
    )

    model = make_estimator(
        args.family,
        "Regressor",
        args,
        settings,
        progress,
        persistence_column=JENA_TARGET_COLUMN,
        validation_split=n_valid / fit_rows.sum(),
    )
    pipe = jena_forecaster(model, lookback=settings["lookback"])
    y = data[JENA_TARGET].to_numpy()
    log_training(progress, model, args)
    fit_started = time.perf_counter()
    pipe.fit(data[fit_rows], y[fit_rows])
    fit_seconds = time.perf_counter() - fit_started

    # The test rows get their real history: start n_incomplete_ rows early.
    window = pipe.regressor_.named_steps["window"]
    context = window.n_incomplete_
    rows = np.flatnonzero(test)
    span = slice(rows[0] - context, rows[-1] + 1)
    truth = y[test]
    predicted = pipe.predict(data.iloc[span])[context:]
    persistence = jena_forecaster(
        PersistenceRegressor(JENA_TARGET_COLUMN), lookback=settings["lookback"]
    )
    persistence.fit(data[fit_rows], y[fit_rows])
    baseline = persistence.predict(data.iloc[span])[context:]
    mae = float(np.abs(predicted - truth).mean())
    baseline_mae = float(np.abs(baseline - truth).mean())
    progress.log(f"test MAE {mae:.3f} °C vs persistence {baseline_mae:.3f} °C")

    week = slice(rows[0] - context, rows[0] + 7 * ROWS_PER_DAY)
    return {
        "pipeline": pipe,
        "data": {
            "n_train": int(fit_rows.sum()) - n_valid,
            "n_valid": n_valid,
            "n_test": int(test.sum()),
            "periods": {p: list(settings[p]) for p in ("train", "valid", "test")},
            "lookback": settings["lookback"],
            "step": window.step,
            "delay": window.delay,
            "target": JENA_TARGET,
        },
        "metrics": {"test_mae_degC": mae, "ratio_to_persistence": mae / baseline_mae},
        "baseline": {
            "name": "persistence (the temperature 24 h earlier)",
            "test_mae_degC": baseline_mae,
        },
        "fit_seconds": fit_seconds,
        "pictures": {
            "forecast.png": lambda: plot_forecast(
                pipe,
                data.iloc[week],
                y[week],
                context=context,
                others={"persistence": persistence},
                ylabel="temperature (°C)",
                title="24 h ahead forecasts, first week of the test period",
            ),
        },
    }
