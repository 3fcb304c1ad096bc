"""
Several horizons, prediction intervals and a backtest
=====================================================

One GRU forecasts the Jena temperature 1, 6, 12 and 24 hours ahead from the
same window, learns the 10 %, 50 % and 90 % quantiles of each (an 80 %
prediction interval), and is judged against persistence at several forecast
origins rather than on one split.

* :func:`skseq.horizon_targets` builds one target column per lead time,
  aligned with windows that end ``max(horizons)`` rows back;
* ``loss="quantile"`` trains with the pinball loss; ``predict`` gives the
  median and :func:`skseq.predict_quantiles` every level, which never cross;
  the held-out rows calibrate them (split conformal, ``conformalize=True``);
* :func:`skseq.backtest` is ``cross_validate`` over ``TimeSeriesSplit``
  folds, each test fold predicted with the history before it.

By default it trains on 2009-H2 and tests on the first three weeks of 2010
(about 1.5 minutes on 2 CPU cores, as the documentation build runs it): too
few rows and epochs to beat persistence everywhere, which the backtest at the
end shows.
``--full`` trains on 2009 and 2010-H1 and tests on 2010-H2, as
``python -m skseq jena --full --horizons 1 6 12 24 --quantiles 0.1 0.5 0.9``
does for the results page::

    python examples/jena_horizons_intervals.py
    python examples/jena_horizons_intervals.py --full
"""

# %%
# The series and the targets
# --------------------------
# Rows are 10 minutes apart, so 1, 6, 12 and 24 hours are 6, 36, 72 and 144
# rows. Column ``k`` of row ``i`` is the temperature ``horizons[k]`` rows
# after the end of row ``i``'s window; the first rows lack some targets.
import argparse

import numpy as np
from sklearn.base import clone
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import TimeSeriesSplit

from skseq import (
    GRURegressor,
    PersistenceRegressor,
    backtest,
    horizon_targets,
    interval_coverage,
    plot_forecast,
    predict_quantiles,
)
from skseq.datasets import (
    JENA_TARGET,
    JENA_TARGET_COLUMN,
    fetch_jena_climate,
    find_jena_file,
)
from skseq.pipelines import jena_forecaster

parser = argparse.ArgumentParser(description="Jena horizons and intervals")
parser.add_argument("--full", action="store_true", help="train 2009-2010H1")
parser.add_argument("--data-home", default=None, help="default: SKSEQ_DATA")
args, _ = parser.parse_known_args()
# Six months of training rows by default. The command line's run on a year
# and a half beats persistence at every horizon (the results page).
if args.full:
    train_span, test_span, epochs = ("2009-01", "2010-07"), ("2010-07", "2011-01"), 8
else:
    train_span, test_span, epochs = ("2009-07", "2010-01"), ("2010-01", "2010-01-22"), 6

data = fetch_jena_climate(args.data_home, path=find_jena_file(args.data_home))
LOOKBACK = 288  # two days of history, read hourly (step=6)
hours = [1, 6, 12, 24]
horizons = [6 * h for h in hours]
Y = horizon_targets(data[JENA_TARGET], horizons)
complete = Y.notna().all(axis=1).to_numpy()
print(Y.iloc[140:146])


def rows(span):
    return complete & (data.index >= span[0]) & (data.index < span[1])


train, test = rows(train_span), rows(test_span)

# %%
# One model for every horizon, with quantiles
# -------------------------------------------
# The window ends 24 h (144 rows) before row ``i``; the regressor has one
# output per horizon, each with three quantiles. It holds out the last 10 %
# of its rows to stop early, and calibrates the quantiles on them.
quantile_gru = GRURegressor(
    units=32,
    dropout=0.2,
    persistence_column=JENA_TARGET_COLUMN,
    window_normalization=None,
    loss="quantile",
    quantiles=(0.1, 0.5, 0.9),
    epochs=epochs,
    batch_size=128,
    random_state=0,
)
model = jena_forecaster(
    quantile_gru,
    lookback=LOOKBACK,
    delay=max(horizons),
)
model.fit(data[train], Y[train])

# %%
# Error per horizon, against persistence
# --------------------------------------
# Each test row is predicted with the ``n_incomplete_`` rows before it as
# history. Persistence at horizon ``h`` repeats the temperature ``h`` rows
# before the target: the last one the window holds, ``max(horizons)`` rows
# before row ``i``, for every horizon.
context = model.regressor_.named_steps["window"].n_incomplete_
first, last = np.flatnonzero(test)[[0, -1]]
span = slice(first - context, last + 1)
median = model.predict(data.iloc[span])[context:]
truth = Y[test].to_numpy()
mae = mean_absolute_error(truth, median, multioutput="raw_values")
temperature = data[JENA_TARGET].to_numpy()
persistence = temperature[np.flatnonzero(test) - max(horizons)]
for k, hour in enumerate(hours):
    baseline = np.abs(persistence - truth[:, k]).mean()
    print(f"{hour:2d} h ahead: MAE {mae[k]:.3f} °C, persistence {baseline:.3f} °C")

# %%
# The 80 % interval
# -----------------
# Its coverage on rows never seen in training should be close to 80 %.
bands = predict_quantiles(model, data.iloc[span])[context:]  # (rows, horizons, 3)
for k, hour in enumerate(hours):
    coverage = interval_coverage(truth[:, k], bands[:, k, 0], bands[:, k, 2])
    print(f"{hour:2d} h ahead: {coverage:.1%} of the test rows inside the interval")

# %%
# A 24 h model drawn with its band
# --------------------------------
# ``plot_forecast`` shades the interval of a quantile regressor. Here a
# single-horizon model, the usual ``SlidingWindow(delay=144)`` pipeline.
single = jena_forecaster(clone(quantile_gru))
y = data[JENA_TARGET]
single.fit(data[train], y[train])
week = slice(first - context, first + 7 * 144)
plot_forecast(
    single,
    data.iloc[week],
    y.iloc[week],
    context=context,
    others={
        "persistence": jena_forecaster(PersistenceRegressor(JENA_TARGET_COLUMN)).fit(
            data[train], y[train]
        )
    },
    ylabel="temperature (°C)",
    title="24 h ahead: median and 80 % interval, first test week",
)

# %%
# Backtest: persistence and the GRU at three origins
# --------------------------------------------------
# ``TimeSeriesSplit`` with a fixed test size: each fold trains on every row
# before its origin and tests on the next week; ``backtest`` gives each test
# week the history its windows need and scores only the test rows. A model
# is worth keeping only if it beats persistence at (nearly) every origin; the
# one-epoch GRU here is a smoke test, the results page has the backtest of
# 2009-2010 with six two-month origins.
rows_used = data.index < test_span[1]
cv = TimeSeriesSplit(n_splits=3, test_size=7 * 144)
for name, estimator in {
    "persistence": jena_forecaster(PersistenceRegressor(JENA_TARGET_COLUMN)),
    "GRU": jena_forecaster(
        GRURegressor(
            units=16,
            dropout=0.2,
            persistence_column=JENA_TARGET_COLUMN,
            window_normalization=None,
            epochs=1,
            batch_size=128,
            random_state=0,
        )
    ),
}.items():
    window = data[rows_used & (data.index >= train_span[0])]
    result = backtest(estimator, window, window[JENA_TARGET], cv=cv)
    origins = [str(origin.date()) for origin in result["origin"]]
    mae_per_origin = np.round(-result["test_score"], 3)
    print(f"{name:>11}: MAE per origin {mae_per_origin} from {origins}")
