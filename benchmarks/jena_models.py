"""Every skseq family on Jena (24 h ahead temperature) against persistence and Ridge.

Split (the prefix of the classic file holds 2009-2010): train on 2009,
validate on 2010-01-01..06-30 (early stopping, patience 2, best epoch
restored), test on the 26,496 rows of 2010-07-01..12-31, each given its real
preceding history as context. Every model is
``skseq.pipelines.jena_forecaster(<model>)``,

    TransformedTargetRegressor(StandardScaler on y,
        Pipeline([CalendarFeatures, StandardScaler,
                  SlidingWindow(720, step=6, delay=144), <model>]))

so it sees the last 5 days, hourly, of the 14 weather variables plus the
time of day and of year. The neural models learn the change from the last
observed temperature (``persistence_column=1``). ``persistence`` is
``PersistenceRegressor(1)`` and ``ridge`` is ``RidgeCV`` on the flattened
windows (alpha picked on the validation rows from 1 to 10^6, then refitted
on training and validation rows), both in the same pipeline. ``ensemble``
averages the forecasts of the three neural models with the lowest validation
loss at their restored epoch (no test row is used to pick them). MAE is in
degrees C and as a ratio to persistence on the same rows. ``--no-calendar``
and ``--level`` switch off the time features and the persistence skip, to
measure what each is worth.

Usage::

    python benchmarks/jena_models.py                 # about 12 minutes on 2 cores
    python benchmarks/jena_models.py --quick         # 4 months, 1 epoch
    python benchmarks/jena_models.py --models gru lstm
    python benchmarks/jena_models.py --models gru --no-calendar --level  # ablations
"""

from __future__ import annotations

import numpy as np
from _common import add_model_choice, load_jena, log, parser, table, timer, write_json

TARGET, TARGET_COLUMN = "T (degC)", 1
LOOKBACK, STEP, DELAY = 720, 6, 144
RECURRENT = {"units": 32, "dropout": 0.2}
MODELS = {
    "simple_rnn": ("SimpleRNNRegressor", RECURRENT),
    "lstm": ("LSTMRegressor", RECURRENT),
    "gru": ("GRURegressor", RECURRENT),
    "conv1d": ("Conv1DRegressor", {"units": 32, "kernel_size": 5, "pool_size": 2}),
    "dense": ("DenseRegressor", {"units": 32}),
    "bidirectional_gru": ("GRURegressor", {**RECURRENT, "bidirectional": True}),
    "stacked_gru": ("GRURegressor", {**RECURRENT, "n_layers": 2}),
    "conv1d_gru": (
        "Conv1DRegressor",
        {
            "units": 32,
            "kernel_size": 5,
            "pool_size": 2,
            "recurrent_units": 32,
            "recurrent_cell": "gru",
        },
    ),
    # One encoder block of width 16 over the 120 hourly steps: the lowest
    # validation loss of width 32 (0.164), 16 (0.158), dropout 0.3 (0.166) and
    # learning rate 3e-4 (0.165) in our runs (README, Results).
    "transformer": (
        "TransformerRegressor",
        {"units": 16, "n_heads": 2, "dropout": 0.1},
    ),
}
TRAINING = {"epochs": 8, "batch_size": 128, "early_stopping": 2, "random_state": 0}
QUICK_TRAINING = {"epochs": 1, "batch_size": 128, "random_state": 0}
ENSEMBLE_SIZE = 3
RIDGE_ALPHAS = tuple(10.0 ** np.arange(7))  # 1 to 1,000,000
# (first training row, first validation row, first test row, end of test)
SPLITS = {
    "full": ("2009-01-01", "2010-01-01", "2010-07-01", "2011-01-01"),
    "quick": ("2009-09-01", "2009-12-01", "2010-01-01", "2010-01-15"),
}


def forecaster(model, calendar: bool = True):
    from skseq.pipelines import jena_forecaster

    return jena_forecaster(
        model, lookback=LOOKBACK, step=STEP, delay=DELAY, calendar=calendar
    )


def flatten(X):
    return X.reshape(len(X), -1)


def make_model(name: str, n_fit: int, n_valid: int, quick: bool, level: bool):
    from sklearn.linear_model import RidgeCV
    from sklearn.model_selection import PredefinedSplit
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    import skseq

    if name == "persistence":
        return skseq.PersistenceRegressor(TARGET_COLUMN)
    if name == "ridge":
        # alpha chosen on the validation rows, then refitted on all fit rows.
        fold = np.r_[np.full(n_fit - n_valid, -1), np.zeros(n_valid)]
        ridge = RidgeCV(alphas=RIDGE_ALPHAS, cv=PredefinedSplit(fold))
        return make_pipeline(FunctionTransformer(flatten), ridge)
    family, params = MODELS[name]
    training = QUICK_TRAINING if quick else TRAINING
    return getattr(skseq, family)(
        **params,
        **training,
        persistence_column=None if level else TARGET_COLUMN,
        window_normalization=None,  # as measured in the README (see jena_backtest)
        validation_split=n_valid / n_fit,
    )


def ensemble(results: dict, forecasts: dict, truth, neural: list[str]) -> dict:
    """The mean forecast of the neural models with the lowest validation loss."""
    ranked = sorted(neural, key=lambda n: results[n]["val_loss"] or np.inf)
    members = ranked[:ENSEMBLE_SIZE]
    mean = np.mean([forecasts[name] for name in members], axis=0)
    return {
        "test_mae": float(np.abs(mean - truth).mean()),
        "fit_s": sum(results[name]["fit_s"] for name in members),
        "predict_s": sum(results[name]["predict_s"] for name in members),
        "members": members,
    }


def load(data_home: str, quick: bool):
    data = load_jena(data_home)
    start, valid, test, end = SPLITS["quick" if quick else "full"]
    fit = (data.index >= start) & (data.index < test)
    n_valid = int(((data.index >= valid) & (data.index < test)).sum())
    test_rows = np.flatnonzero((data.index >= test) & (data.index < end))
    return data, fit, n_valid, test_rows


def main(argv=None) -> dict:
    from skseq import SlidingWindow

    cli = parser(__doc__, "jena_models")
    add_model_choice(cli, MODELS)
    cli.add_argument(
        "--no-calendar",
        action="store_true",
        help="leave out CalendarFeatures (the 14 weather variables only)",
    )
    cli.add_argument(
        "--level",
        action="store_true",
        help="neural models predict the temperature itself, not the change "
        "from persistence (no persistence_column)",
    )
    args = cli.parse_args(argv)
    data, fit, n_valid, test_rows = load(args.data_home, args.quick)
    y = data[TARGET].to_numpy()
    # Test rows get their real history: predict from n_incomplete_ rows early.
    n_context = SlidingWindow(LOOKBACK, step=STEP, delay=DELAY).fit(data).n_incomplete_
    context = data.iloc[test_rows[0] - n_context : test_rows[-1] + 1]
    truth = y[test_rows]
    log(
        f"Jena: fit on {fit.sum():,} rows (last {n_valid:,} validate), "
        f"test on {len(test_rows):,}"
    )

    results, fitted, forecasts = {}, {}, {}
    for name in ["persistence", "ridge", *args.models]:
        model = forecaster(
            make_model(name, fit.sum(), n_valid, args.quick, args.level),
            calendar=not args.no_calendar,
        )
        # Persistence learns nothing; the others validate on the last n_valid.
        rows = (
            fit & (np.cumsum(fit) <= fit.sum() - n_valid)
            if name == "persistence"
            else fit
        )
        with timer() as fit_s:
            model.fit(data[rows], y[rows])
        with timer() as predict_s:
            predicted = model.predict(context)[n_context:]
        forecasts[name] = predicted
        results[name] = {
            "test_mae": float(np.abs(predicted - truth).mean()),
            "fit_s": fit_s(),
            "predict_s": predict_s(),
        }
        if name == "ridge":
            results[name]["alpha"] = float(model.regressor_[-1][-1].alpha_)
        if name in MODELS:
            history = model.regressor_[-1].history_
            val = history.get("val_loss", [])
            results[name].update(
                epochs_run=len(history["loss"]),
                best_epoch=int(np.argmin(val)) + 1 if val else None,
                val_loss=float(np.min(val)) if val else None,
                history={k: [float(v) for v in vs] for k, vs in history.items()},
            )
            fitted[name] = model
        log(f"{name}: test MAE {results[name]['test_mae']:.3f} in {fit_s():.0f} s")

    if len(fitted) >= 2:
        results["ensemble"] = ensemble(results, forecasts, truth, list(fitted))

    persistence = results["persistence"]["test_mae"]
    for r in results.values():
        r["ratio_to_persistence"] = r["test_mae"] / persistence
    best = min(results, key=lambda n: results[n]["test_mae"])
    rows = [
        [
            name,
            r["test_mae"],
            f"{r['ratio_to_persistence']:.3f}x",
            r["fit_s"],
            r.get("best_epoch") or "",
        ]
        for name, r in results.items()
    ]
    print(
        table(
            f"Jena 24 h ahead, test MAE in degC on {len(test_rows):,} rows; best: "
            f"{best} {results[best]['test_mae']:.3f} "
            f"({results[best]['ratio_to_persistence']:.3f}x persistence)",
            ["model", "test MAE", "vs persistence", "fit s", "best epoch"],
            rows,
        )
    )
    if args.plot and fitted:
        from skseq import plot_history

        best_single = min(fitted, key=lambda n: results[n]["test_mae"])
        figure = plot_history(fitted[best_single].regressor_)
        figure.savefig(args.plot, dpi=100, bbox_inches="tight")
    write_json(
        args.out,
        {
            "results": results,
            "best": best,
            "quick": args.quick,
            "training": QUICK_TRAINING if args.quick else TRAINING,
            "settings": {n: MODELS[n] for n in args.models},
            "calendar": not args.no_calendar,
            "level": args.level,
            "lookback": LOOKBACK,
            "step": STEP,
            "delay": DELAY,
        },
    )
    return results


if __name__ == "__main__":
    main()
