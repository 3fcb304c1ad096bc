"""Jena climate end to end: forecast the temperature 24 h ahead with a GRU.

    python examples/jena_forecast.py            # a few minutes on 2 CPU cores
    python examples/jena_forecast.py --full     # grid on all of 2009, longer training

Split (the prefix of the classic file holds 2009-2010): train on 2009,
validate on 2010-01-01..06-30, test on 2010-07-01..12-31. The pipeline is
``skseq.pipelines.jena_forecaster``:

    TransformedTargetRegressor(StandardScaler on y,
        Pipeline([CalendarFeatures, StandardScaler,
                  SlidingWindow(lookback, step=6, delay=144),
                  GRURegressor(units, dropout=0.2, persistence_column=1,
                               window_normalization=None)]))

``y[i]`` is the temperature at row ``i``; the window of row ``i`` ends 144
rows (24 h) earlier. ``persistence_column=1`` makes the GRU learn the change
from the last observed temperature: trained to predict the level itself, the
tutorials' GRU scores worse than persistence on this split.
``CalendarFeatures`` adds the time of day and of year (sine and cosine).

Steps: tune ``lookback`` and ``units`` with ``GridSearchCV`` over
``TimeSeriesSplit`` folds of 2009; train the best settings on 2009 + 2010-H1,
holding out 2010-H1 for early stopping (the regressor validates on the *last*
rows); report test MAE beside persistence on the same rows; save with joblib,
reload and check identical predictions; plot a week of forecasts and the
learning curves.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import joblib
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit  # noqa: E402

from skseq import GRURegressor, PersistenceRegressor, plot_history  # noqa: E402
from skseq.cli.jena import JENA_TARGET_COLUMN, find_jena_file  # noqa: E402
from skseq.datasets import JENA_TARGET, fetch_jena_climate  # noqa: E402
from skseq.pipelines import jena_forecaster  # noqa: E402

# The grid compares candidates after the same fixed epochs, on all their rows
# (early_stopping="auto" would hold out 10 % of the larger folds).
SETTINGS = {
    "fast": dict(
        tune_start="2009-07-01",  # tune on the second half of 2009
        grid={"window__lookback": [360, 720], "model__units": [16, 32]},
        tune=dict(epochs=1, batch_size=128, early_stopping=False),
        final=dict(epochs=3, early_stopping=1),
    ),
    "full": dict(
        tune_start="2009-01-01",
        grid={"window__lookback": [720, 1440], "model__units": [32, 64]},
        tune=dict(epochs=2, batch_size=128, early_stopping=False),
        final=dict(epochs=10, early_stopping=3),
    ),
}


def log(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:7.1f}s] {message}", flush=True)


def plot_week(times, truth, predictions: dict, path: Path) -> None:
    figure, axis = plt.subplots(figsize=(10, 4))
    axis.plot(times, truth, color="black", linewidth=1.5, label="observed")
    for label, values in predictions.items():
        axis.plot(times, values, linewidth=1, label=label)
    axis.set_ylabel("temperature (°C)")
    axis.set_title("24 h ahead forecasts, first week of the test period")
    axis.legend()
    figure.autofmt_xdate()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="bigger grid, longer fit")
    parser.add_argument("--data-home", default=None, help="default: SKSEQ_DATA")
    parser.add_argument("--path", default=None, help="a local jena CSV (.csv/.gz)")
    parser.add_argument("--out", default="out/jena", help="folder for outputs")
    args = parser.parse_args(argv)
    mode = "full" if args.full else "fast"
    cfg = SETTINGS[mode]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    log("loading the Jena climate series", started)
    # A local copy if there is one (e.g. the shared prefix), else the cache.
    path = args.path or find_jena_file(args.data_home)
    data = fetch_jena_climate(args.data_home, path=path)
    log(f"{len(data)} rows, cleaning: {data.attrs.get('cleaning')}", started)
    X, y = data, data[JENA_TARGET].to_numpy()
    train = data.index < "2010-01-01"
    fit_rows = data.index < "2010-07-01"  # 2009 + 2010-H1 (validation)
    test = (data.index >= "2010-07-01") & (data.index < "2011-01-01")
    n_valid = int(fit_rows.sum() - train.sum())

    tune = train & (data.index >= cfg["tune_start"])
    search = GridSearchCV(
        jena_forecaster(
            GRURegressor(
                dropout=0.2,
                persistence_column=JENA_TARGET_COLUMN,
                window_normalization=None,  # a year of rows: levels are known
                random_state=0,
                **cfg["tune"],
            )
        ),
        {f"regressor__{k}": v for k, v in cfg["grid"].items()},
        cv=TimeSeriesSplit(3),
        scoring="neg_mean_absolute_error",
        refit=False,
        verbose=2,
    )
    log(
        f"grid search over {cfg['grid']} on {tune.sum()} rows (TimeSeriesSplit(3))",
        started,
    )
    search.fit(X[tune], y[tune])
    log(f"best {search.best_params_}, CV MAE {-search.best_score_:.3f} °C", started)

    model = jena_forecaster(
        GRURegressor(
            dropout=0.2,
            persistence_column=JENA_TARGET_COLUMN,
            window_normalization=None,
            random_state=0,
            batch_size=cfg["tune"]["batch_size"],
            validation_split=n_valid / fit_rows.sum(),
            verbose=2,
            **cfg["final"],
        )
    )
    model.set_params(**search.best_params_)
    log(f"training on {fit_rows.sum()} rows, validating on the last {n_valid}", started)
    fit_started = time.perf_counter()
    model.fit(X[fit_rows], y[fit_rows])
    fit_seconds = time.perf_counter() - fit_started

    # Give the test rows their real history: start the input n_incomplete_
    # rows early and keep only the test rows' forecasts.
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
    # The same rows transformed without the preceding history: the first
    # n_incomplete_ rows then see edge-padded windows.
    alone_mae = float(np.abs(model.predict(X[test]) - truth).mean())
    log(
        f"test MAE {mae:.3f} °C vs persistence {persistence_mae:.3f} °C "
        f"({mae / persistence_mae:.3f}x) on {test.sum()} rows of 2010-H2; "
        f"{alone_mae:.3f} °C without the history before the test period",
        started,
    )

    model_path = out / "jena_gru.joblib"
    joblib.dump(model, model_path)
    reloaded = joblib.load(model_path).predict(X.iloc[context])[keep]
    difference = float(np.abs(reloaded - predicted).max())
    log(f"saved {model_path}; reloaded predictions differ by {difference:.2e}", started)
    if difference > 1e-6:
        raise SystemExit("reloaded pipeline predicts differently")

    week = slice(0, 7 * 144)
    plot_week(
        data.index[test][week],
        truth[week],
        {"GRU": predicted[week], "persistence": baseline[week]},
        out / "jena_week.png",
    )
    plot_history(model.regressor_).savefig(out / "jena_learning_curves.png", dpi=100)
    results = {
        "mode": mode,
        "best_params": search.best_params_,
        "cv_mae": -search.best_score_,
        "final_settings": cfg["final"],
        "epochs_trained": len(model.regressor_[-1].history_["loss"]),
        "test_rows": int(test.sum()),
        "test_mae": mae,
        "persistence_mae": persistence_mae,
        "ratio_to_persistence": mae / persistence_mae,
        "test_mae_without_history": alone_mae,
        "final_fit_seconds": round(fit_seconds, 1),
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    (out / "jena_results.json").write_text(json.dumps(results, indent=2))
    log(
        f"wrote {out}/jena_week.png, jena_learning_curves.png, jena_results.json",
        started,
    )
    return results


if __name__ == "__main__":
    main()
