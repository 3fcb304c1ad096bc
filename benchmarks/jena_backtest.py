"""Rolling-origin backtest on Jena (24 h ahead temperature) over 2009-2010.

``TimeSeriesSplit(n_splits=6, test_size=61 days)`` over the 10-minute rows
of 2009-01-01..2010-12-31: six forecast origins two months apart, from
early January 2010, each model trained on every row before its origin (12
to 22 months) and tested on the next two months, each test row given its
real history (``skseq.backtesting.backtest``, a thin layer over
``cross_validate``). Every model is ``skseq.pipelines.jena_forecaster``
(calendar features, scaling, ``SlidingWindow(lookback, 6, 144)``, y scaled):

- ``persistence``: ``PersistenceRegressor(1)``, the temperature 24 h earlier;
- ``ridge``: ``RidgeCV`` (alphas 1..10^6, efficient leave-one-out) on the
  flattened windows of the last 5 days every 4 h (30 steps x 18 features);
- ``gru``: the recommended ``GRURegressor(units=32, dropout=0.2,
  persistence_column=1, window_normalization=None)``, 10 epochs at most,
  early stopping (patience 2) on the last 10 % of each training set, seed 0;
- ``gru_instance``: the same with the estimator's default
  ``window_normalization="instance"``;
- ``gru_instance_2_days``: that with a 2-day lookback (288 rows);
- ``gru_ensemble``: the mean of three ``gru`` pipelines, seeds 0-2
  (``VotingRegressor``);
- ``ridge_gru``: the mean of ``ridge`` and ``gru`` (``VotingRegressor``).

MAE in °C per origin, and as a ratio to persistence at the same origin.

Usage::

    python benchmarks/jena_backtest.py --models persistence ridge gru --plot out.png
    python benchmarks/jena_backtest.py --quick   # 3 origins of 5 days, 1 epoch
"""

from __future__ import annotations

import numpy as np
from _common import load_jena, log, parser, table, timer, write_json

TARGET, TARGET_COLUMN = "T (degC)", 1
ROWS_PER_DAY = 144
MODELS = [
    "persistence",
    "ridge",
    "gru",
    "gru_instance",
    "gru_instance_2_days",
    "gru_ensemble",
    "ridge_gru",
]
# The recommended settings: with a year of training rows, windows read as
# they are beat windows read by their shape (gru_instance), see the README.
GRU = {
    "units": 32,
    "dropout": 0.2,
    "persistence_column": TARGET_COLUMN,
    "window_normalization": None,
}
TRAINING = {"epochs": 10, "batch_size": 128, "early_stopping": 2}
QUICK_TRAINING = {"epochs": 1, "batch_size": 128}
RIDGE_ALPHAS = tuple(10.0 ** np.arange(7))


def flatten(X):
    return X.reshape(len(X), -1)


def make_model(name: str, quick: bool):
    from sklearn.ensemble import VotingRegressor
    from sklearn.linear_model import RidgeCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    from skseq import GRURegressor, PersistenceRegressor
    from skseq.pipelines import jena_forecaster

    training = QUICK_TRAINING if quick else TRAINING

    def gru(seed=0, lookback=720, **extra):
        model = GRURegressor(**{**GRU, **extra}, **training, random_state=seed)
        return jena_forecaster(model, lookback=lookback)

    if name == "persistence":
        return jena_forecaster(PersistenceRegressor(TARGET_COLUMN))
    if name == "ridge":
        ridge = RidgeCV(alphas=RIDGE_ALPHAS)
        model = make_pipeline(FunctionTransformer(flatten), ridge)
        return jena_forecaster(model, step=24)
    if name == "gru":
        return gru()
    if name == "gru_instance":
        return gru(window_normalization="instance")
    if name == "gru_instance_2_days":
        return gru(lookback=2 * ROWS_PER_DAY, window_normalization="instance")
    if name == "gru_ensemble":
        return VotingRegressor([(f"seed_{seed}", gru(seed)) for seed in range(3)])
    if name == "ridge_gru":
        return VotingRegressor([("ridge", make_model("ridge", quick)), ("gru", gru())])
    raise ValueError(f"unknown model {name!r}; choose from {MODELS}")


def main(argv=None) -> dict:
    from sklearn.model_selection import TimeSeriesSplit

    from skseq.backtesting import backtest

    cli = parser(__doc__, "jena_backtest")
    cli.add_argument("--models", nargs="+", default=MODELS, choices=MODELS)
    cli.add_argument("--plot", help="save the MAE ratio per origin to this PNG")
    args = cli.parse_args(argv)

    data = load_jena(args.data_home).loc[:"2010-12-31"]
    days = 5 if args.quick else 61
    n_splits = 3 if args.quick else 6
    cv = TimeSeriesSplit(n_splits=n_splits, test_size=days * ROWS_PER_DAY)
    y = data[TARGET].to_numpy()
    log(f"{len(data)} rows, {n_splits} origins, {days} test days each")

    results = {}
    for name in ["persistence", *[m for m in args.models if m != "persistence"]]:
        log(f"{name} ...")
        with timer() as elapsed:
            scores = backtest(make_model(name, args.quick), data, y, cv=cv)
        results[name] = {
            "mae": (-scores["test_score"]).tolist(),
            "fit_s": scores["fit_time"].tolist(),
            "origins": [str(t) for t in scores["origin"]],
            "wall_s": elapsed(),
        }
        maes = ", ".join(f"{m:.3f}" for m in results[name]["mae"])
        log(f"{name}: MAE {maes} °C ({elapsed():.0f} s)")
        _report(results, args)
    if args.plot:
        _plot(results, args.plot)
    return results


def _report(results: dict, args) -> None:
    baseline = np.array(results["persistence"]["mae"])
    origins = [t[:10] for t in results["persistence"]["origins"]]
    rows = []
    for name, result in results.items():
        ratio = np.array(result["mae"]) / baseline
        rows.append(
            [name, *result["mae"], float(np.mean(result["mae"])), float(ratio.mean())]
        )
        result["ratio"] = ratio.tolist()
        result["mean_ratio"] = float(ratio.mean())
        result["beats_persistence_everywhere"] = bool((ratio < 1).all())
    header = ["model", *origins, "mean MAE", "mean ratio"]
    print(table("Test MAE (°C) per forecast origin", header, rows), flush=True)
    write_json(args.out, {"models": results, "quick": args.quick})


def _plot(results: dict, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    origins = [t[:10] for t in results["persistence"]["origins"]]
    figure, axis = plt.subplots(figsize=(9, 4))
    for name, result in results.items():
        axis.plot(origins, result["ratio"], marker="o", label=name)
    axis.axhline(1.0, color="grey", linewidth=0.8)
    axis.axhline(0.92, color="grey", linewidth=0.8, linestyle="--")
    axis.set_ylabel("test MAE / persistence MAE")
    axis.set_xlabel("forecast origin (2 months tested after each)")
    axis.set_title("Jena, 24 h ahead: rolling-origin backtest")
    axis.legend(fontsize=8)
    figure.savefig(path, dpi=100, bbox_inches="tight")
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
