"""``python -m skseq jena``: temperature 24 h ahead, a skseq regressor beside
persistence. Its data file comes from
:func:`skseq.datasets.find_jena_file`."""

from __future__ import annotations

import time

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
ROWS_PER_DAY = 144  # 10-minute rows


def load_series(data_home=None):
    """The cleaned Jena frame: a local file if
    :func:`skseq.datasets.find_jena_file` finds one, else the cache,
    downloaded if need be."""
    from skseq.datasets import fetch_jena_climate, find_jena_file

    return fetch_jena_climate(data_home, path=find_jena_file(data_home))


def add_arguments(parser) -> None:
    """The jena task's own options."""
    from ._parser import positive_int

    parser.add_argument(
        "--horizons",
        type=positive_int,
        nargs="+",
        default=[24],
        metavar="HOURS",
        help="lead times in hours, forecast together by one model from one "
        "window, e.g. --horizons 1 6 12 24 (default: 24)",
    )
    parser.add_argument(
        "--quantiles",
        type=_level,
        nargs="+",
        default=None,
        metavar="Q",
        help="quantile regression at these levels, e.g. --quantiles 0.1 0.5 0.9 "
        "(the lowest and highest bound an interval whose test coverage is "
        "reported); default: the mean squared error",
    )


def _level(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number; got {text!r}") from None
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1); got {value}")
    return value


def run(args, settings: dict, progress: Progress) -> dict:
    """Train, score and compare; the result for ``write_outputs``."""
    import numpy as np

    from skseq.baselines import PersistenceRegressor
    from skseq.datasets import JENA_TARGET, JENA_TARGET_COLUMN
    from skseq.estimators import all_estimators
    from skseq.horizons import horizon_targets
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
    hours = sorted(set(getattr(args, "horizons", None) or [24]))
    quantiles = getattr(args, "quantiles", None)
    rows_ahead = [h * ROWS_PER_DAY // 24 for h in hours]
    delay = max(rows_ahead)
    temperature = data[JENA_TARGET].to_numpy()
    if len(hours) == 1:
        y = temperature
        has_target = np.ones(len(data), dtype=bool)
    else:  # one column per lead time; the first rows lack the shorter ones
        targets = horizon_targets(data[JENA_TARGET], rows_ahead)
        has_target = targets.notna().all(axis=1).to_numpy()
        y = targets.to_numpy()
    fit_rows = (data.index >= train_start) & (data.index < valid_end) & has_target
    n_valid = int(((data.index >= valid_start) & (data.index < valid_end)).sum())
    test = (data.index >= test_start) & (data.index < test_end)
    progress.log(
        f"{fit_rows.sum() - n_valid} training, {n_valid} validation and "
        f"{test.sum()} test rows (10-minute steps); horizons "
        f"{', '.join(f'{h} h' for h in hours)}"
    )

    extra = {"loss": "quantile", "quantiles": tuple(quantiles)} if quantiles else {}
    model = make_estimator(
        all_estimators(),
        args.family,
        "Regressor",
        args,
        settings,
        progress,
        persistence_column=JENA_TARGET_COLUMN,
        # Trained on half a year or more, with the time of year among the
        # features: windows read as they are forecast better than windows
        # read by their shape (README, "Backtesting").
        window_normalization=None,
        validation_split=n_valid / fit_rows.sum(),
        **extra,
    )
    pipe = jena_forecaster(model, lookback=settings["lookback"], delay=delay)
    log_training(progress, model, args)
    fit_started = time.perf_counter()
    pipe.fit(data[fit_rows], y[fit_rows])
    fit_seconds = time.perf_counter() - fit_started

    # The test rows get their real history: start n_incomplete_ rows early.
    window = pipe.regressor_.named_steps["window"]
    context = window.n_incomplete_
    rows = np.flatnonzero(test)
    span = slice(rows[0] - context, rows[-1] + 1)
    truth = y[test].reshape(len(rows), -1)
    predicted = pipe.predict(data.iloc[span])[context:].reshape(len(rows), -1)
    # Persistence at lead h: the temperature h earlier, the window's last value.
    baseline = np.column_stack([temperature[rows - delay] for _ in hours])
    mae = np.abs(predicted - truth).mean(axis=0)
    baseline_mae = np.abs(baseline - truth).mean(axis=0)
    for h, ours, theirs in zip(hours, mae, baseline_mae, strict=True):
        progress.log(
            f"{h} h ahead: test MAE {ours:.3f} °C vs persistence {theirs:.3f} °C"
        )
    metrics = {
        "test_mae_degC": float(mae.mean()),
        "ratio_to_persistence": float(mae.mean() / baseline_mae.mean()),
    }
    if len(hours) > 1:
        metrics["per_horizon"] = [
            {"hours": h, "test_mae_degC": float(m), "persistence_mae_degC": float(b)}
            for h, m, b in zip(hours, mae, baseline_mae, strict=True)
        ]
    if quantiles:
        span_rows = data.iloc[span]
        metrics.update(_coverage(pipe, span_rows, truth, context, hours, progress))
    pictures = {}
    if len(hours) == 1:
        persistence = jena_forecaster(
            PersistenceRegressor(JENA_TARGET_COLUMN),
            lookback=settings["lookback"],
            delay=delay,
        ).fit(data[fit_rows], y[fit_rows])
        pictures["forecast.png"] = _week(pipe, persistence, data, y, rows, context)
    else:
        pictures["horizons.png"] = lambda: _plot_horizons(hours, mae, baseline_mae)
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
            "horizons_hours": hours,
            "target": JENA_TARGET,
        },
        "metrics": metrics,
        "baseline": {
            "name": "persistence (the temperature one horizon earlier)",
            "test_mae_degC": float(baseline_mae.mean()),
        },
        "fit_seconds": fit_seconds,
        "pictures": pictures,
    }


def _coverage(pipe, rows, truth, context, hours, progress) -> dict:
    """The test coverage of the interval between the lowest and highest quantile."""
    from skseq.intervals import interval_coverage, predict_quantiles
    from skseq.utils import final_estimator

    levels = final_estimator(pipe).quantiles_
    bands = predict_quantiles(pipe, rows)[context:].reshape(len(truth), len(hours), -1)
    low, high = levels.index(min(levels)), levels.index(max(levels))
    coverage = [
        interval_coverage(truth[:, k], bands[:, k, low], bands[:, k, high])
        for k in range(len(hours))
    ]
    nominal = max(levels) - min(levels)
    for h, c in zip(hours, coverage, strict=True):
        progress.log(f"{h} h ahead: the {nominal:.0%} interval covers {c:.1%} of rows")
    return {
        "interval": [min(levels), max(levels)],
        "interval_coverage": coverage if len(hours) > 1 else coverage[0],
    }


def _week(pipe, persistence, data, y, rows, context):
    """Draws the first week of the test period with persistence beside."""
    from skseq.plotting import plot_forecast

    hours = pipe.regressor_.named_steps["window"].delay * 24 // ROWS_PER_DAY
    week = slice(rows[0] - context, rows[0] + 7 * ROWS_PER_DAY)
    return lambda: plot_forecast(
        pipe,
        data.iloc[week],
        y[week],
        context=context,
        others={"persistence": persistence},
        ylabel="temperature (°C)",
        title=f"{hours} h ahead forecasts, first week of the test period",
    )


def _plot_horizons(hours, mae, baseline_mae):
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 4))
    axis.plot(hours, baseline_mae, marker="o", label="persistence")
    axis.plot(hours, mae, marker="o", label="one model, every horizon")
    axis.set_xlabel("lead time (hours)")
    axis.set_ylabel("test MAE (°C)")
    axis.set_xticks(hours)
    axis.set_title("Jena temperature: test MAE per forecast horizon")
    axis.legend()
    figure.tight_layout()
    return figure
