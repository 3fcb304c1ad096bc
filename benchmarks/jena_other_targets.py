"""The naive forecaster's defaults on other variables of the Jena station.

``window_normalization`` and the persistence skip were measured on the
temperature. This runs the issue's naive user's pipeline,
``StandardScaler`` -> ``SlidingWindow(720, 6, 144)`` ->
``GRURegressor(units=16, epochs=2)`` (every other parameter at its
default), on four targets, 24 h ahead: trained on 2009-Q1, tested on April
2009 with the 5 days before it as context. Each target is tried with
``window_normalization="instance"`` (the default) and ``None``, over
seeds; MAE is given in the target's units and as a ratio to persistence
(the same variable 24 h earlier).

Usage::

    python benchmarks/jena_other_targets.py            # 4 targets, seeds 0 and 1
    python benchmarks/jena_other_targets.py --quick    # temperature, seed 0
"""

from __future__ import annotations

import numpy as np
from _common import load_jena, log, parser, table, timer, write_json

TARGETS = ["T (degC)", "p (mbar)", "rh (%)", "wv (m/s)"]
CONTEXT = 720 + 144  # the window's n_incomplete_: history before the test rows


def main() -> None:
    cli = parser(__doc__, "jena_other_targets")
    cli.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = cli.parse_args()
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from skseq import GRURegressor, PersistenceRegressor, SlidingWindow

    data = load_jena(args.data_home)
    train = data.index < "2009-04-01"
    test = (data.index >= "2009-04-01") & (data.index < "2009-05-01")
    first = np.flatnonzero(test)[0]
    span = slice(first - CONTEXT, np.flatnonzero(test)[-1] + 1)
    targets, seeds = (TARGETS[:1], [0]) if args.quick else (TARGETS, args.seeds)
    results, rows = {}, []
    for target in targets:
        y = data[target].to_numpy()
        column = list(data.columns).index(target)
        persistence = make_pipeline(
            SlidingWindow(720, 6, 144), PersistenceRegressor(column)
        ).fit(data[train], y[train])
        baseline = np.abs(persistence.predict(data.iloc[span])[CONTEXT:] - y[test])
        results[target] = {"persistence": float(baseline.mean())}
        row = [target, baseline.mean()]
        for normalization in ["instance", None]:
            ratios = []
            for seed in seeds:
                model = make_pipeline(
                    StandardScaler(),
                    SlidingWindow(720, 6, 144),
                    GRURegressor(
                        units=16,
                        epochs=2,
                        random_state=seed,
                        verbose=0,
                        window_normalization=normalization,
                    ),
                )
                with timer() as elapsed:
                    model.fit(data[train], y[train])
                predicted = model.predict(data.iloc[span])[CONTEXT:]
                mae = float(np.abs(predicted - y[test]).mean())
                ratios.append(mae / baseline.mean())
                results[target][f"{normalization}_seed{seed}"] = mae
                seconds = elapsed()
                log(
                    f"{target} {normalization} seed {seed}: {mae:.3f} ({seconds:.0f} s)"
                )
            row.append(" / ".join(f"{ratio:.3f}" for ratio in ratios))
        rows.append(row)
    header = ["target", "persistence MAE", "instance (x)", "None (x)"]
    title = f"Naive GRU / persistence, April 2009, seeds {seeds}"
    print(table(title, header, rows), flush=True)
    write_json(args.out, {"targets": results, "seeds": seeds, "quick": args.quick})


if __name__ == "__main__":
    main()
