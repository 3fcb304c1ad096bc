"""
Jena climate: the temperature 24 hours ahead with a GRU
=======================================================

Forecast the temperature in Jena 24 h ahead from the last days of 14
weather variables, tune the window and the model together, compare with
persistence (the temperature 24 h earlier) on rows never seen in training,
save and reload the pipeline, and plot a week of forecasts.

The pipeline is :func:`skseq.pipelines.jena_forecaster`::

    TransformedTargetRegressor(StandardScaler on y,
        Pipeline([CalendarFeatures, StandardScaler,
                  SlidingWindow(lookback, step=6, delay=144),
                  GRURegressor(units, dropout=0.2, persistence_column=1,
                               window_normalization=None)]))

``y[i]`` is the temperature at row ``i`` (rows are 10 minutes apart); the
window of row ``i`` ends 144 rows (24 h) earlier. ``persistence_column=1``
makes the GRU learn the change from the last observed temperature.

By default it runs on a small slice (tuned on 2009-Q4, trained on 2009-H2,
tested on January 2010; about two minutes on 2 CPU cores), as the
documentation build runs it. ``--full`` tunes on all of 2009, trains on 2009
and 2010-H1 (early stopping on 2010-H1) and tests on 2010-H2, the split of the
results page::

    python examples/jena_forecast.py            # small slice
    python examples/jena_forecast.py --full     # the results page's split
"""

# %%
# Settings
# --------
# The grid compares candidates after the same fixed number of epochs, on all
# their rows (``early_stopping=False``).
import argparse
import tempfile
import time
from pathlib import Path

import joblib
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skseq import GRURegressor, PersistenceRegressor, plot_history
from skseq.datasets import (
    JENA_TARGET,
    JENA_TARGET_COLUMN,
    fetch_jena_climate,
    find_jena_file,
)
from skseq.pipelines import jena_forecaster

SETTINGS = {
    "small": dict(
        tune=("2009-10-01", "2010-01-01"),
        train=("2009-07-01", "2010-01-01"),
        test=("2010-01-01", "2010-02-01"),
        grid={"window__lookback": [360, 720]},
        tune_fit=dict(epochs=1, units=16, batch_size=128, early_stopping=False),
        final_fit=dict(epochs=2, early_stopping=False),
    ),
    "full": dict(
        tune=("2009-01-01", "2010-01-01"),
        train=("2009-01-01", "2010-07-01"),  # 2010-H1 held out for early stopping
        test=("2010-07-01", "2011-01-01"),
        grid={"window__lookback": [720, 1440], "model__units": [32, 64]},
        tune_fit=dict(epochs=2, batch_size=128, early_stopping=False),
        final_fit=dict(epochs=10, early_stopping=3),
    ),
}

parser = argparse.ArgumentParser(description="Jena 24 h temperature forecast")
parser.add_argument("--full", action="store_true", help="the results page's split")
parser.add_argument("--data-home", default=None, help="default: SKSEQ_DATA")
parser.add_argument("--path", default=None, help="a local Jena CSV (.csv/.gz/.zip)")
parser.add_argument("--out", default=None, help="folder for the saved pipeline")
args, _ = parser.parse_known_args()
mode = "full" if args.full else "small"
settings = SETTINGS[mode]
out = Path(args.out or tempfile.mkdtemp(prefix="skseq_jena_"))
out.mkdir(parents=True, exist_ok=True)
started = time.perf_counter()

# %%
# The series
# ----------
# A local copy if there is one (the shared data folder), else the cache or a
# download. The frame is indexed by time; ``attrs["cleaning"]`` counts the
# repeated rows dropped and the missing ones interpolated.
data = fetch_jena_climate(
    args.data_home, path=args.path or find_jena_file(args.data_home)
)
print(f"{len(data)} rows, {data.shape[1]} variables; cleaning {data.attrs['cleaning']}")
X, y = data, data[JENA_TARGET].to_numpy()


def rows(span):
    return (data.index >= span[0]) & (data.index < span[1])


tune, fit_rows, test = (
    rows(settings["tune"]),
    rows(settings["train"]),
    rows(settings["test"]),
)

# %%
# Tune the window and the model together
# --------------------------------------
# ``TimeSeriesSplit`` keeps every validation fold after its training rows.
search = GridSearchCV(
    jena_forecaster(
        GRURegressor(
            dropout=0.2,
            persistence_column=JENA_TARGET_COLUMN,
            window_normalization=None,  # months of rows: the levels are known
            random_state=0,
            **settings["tune_fit"],
        )
    ),
    {f"regressor__{key}": value for key, value in settings["grid"].items()},
    cv=TimeSeriesSplit(3),
    scoring="neg_mean_absolute_error",
    refit=False,
)
search.fit(X[tune], y[tune])
print(f"best {search.best_params_}, CV MAE {-search.best_score_:.3f} °C")

# %%
# Train the best settings
# -----------------------
# With ``--full``, the regressor holds out its *last* rows, 2010-H1, to stop
# early and keep the best epoch.
holdout = 0.0
if mode == "full":
    holdout = float((fit_rows & (data.index >= "2010-01-01")).sum() / fit_rows.sum())
model = jena_forecaster(
    GRURegressor(
        dropout=0.2,
        persistence_column=JENA_TARGET_COLUMN,
        window_normalization=None,
        random_state=0,
        units=settings["tune_fit"].get("units", 32),
        batch_size=128,
        validation_split=holdout,
        **settings["final_fit"],
    )
)
model.set_params(**search.best_params_)
fit_started = time.perf_counter()
model.fit(X[fit_rows], y[fit_rows])
print(f"trained on {fit_rows.sum()} rows in {time.perf_counter() - fit_started:.0f} s")

# %%
# Test against persistence, each test row with its real history
# -------------------------------------------------------------
# The input starts ``n_incomplete_`` rows before the test period, so that
# every test row's window is made of real rows; only the test rows are scored.
window = model.regressor_.named_steps["window"]
test_rows = np.flatnonzero(test)
context = slice(test_rows[0] - window.n_incomplete_, test_rows[-1] + 1)
keep = slice(window.n_incomplete_, None)
predicted = model.predict(X.iloc[context])[keep]
persistence = jena_forecaster(
    PersistenceRegressor(JENA_TARGET_COLUMN), lookback=window.lookback
)
baseline = persistence.fit(X[fit_rows], y[fit_rows]).predict(X.iloc[context])[keep]
truth = y[test]
mae = float(np.abs(predicted - truth).mean())
persistence_mae = float(np.abs(baseline - truth).mean())
print(
    f"test MAE {mae:.3f} °C vs persistence {persistence_mae:.3f} °C "
    f"({mae / persistence_mae:.3f}x) on {test.sum()} rows"
)

# %%
# Save, reload, compare
# ---------------------
path = out / "jena_gru.joblib"
joblib.dump(model, path)
difference = float(
    np.abs(joblib.load(path).predict(X.iloc[context])[keep] - predicted).max()
)
print(f"reloaded predictions differ by {difference:.1e}")
assert difference <= 1e-6, "the reloaded pipeline predicts differently"

# %%
# A week of forecasts
# -------------------
week = slice(0, 7 * 144)
figure, axis = plt.subplots(figsize=(10, 4))
axis.plot(
    data.index[test][week], truth[week], color="black", linewidth=1.5, label="observed"
)
axis.plot(data.index[test][week], predicted[week], linewidth=1, label="GRU")
axis.plot(data.index[test][week], baseline[week], linewidth=1, label="persistence")
axis.set_ylabel("temperature (°C)")
axis.set_title("24 h ahead forecasts, first week of the test period")
axis.legend()
figure.autofmt_xdate()
figure.tight_layout()

# %%
# Learning curves
# ---------------
plot_history(model.regressor_)
print(f"{time.perf_counter() - started:.0f} s in all")
