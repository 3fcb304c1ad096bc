"""What does skseq cost over plain Keras? The same model, data, epochs, batch and seed.

Two tasks, each trained both ways on *identical* arrays:

* IMDB: ``TextVectorizer(max_tokens=20000, maxlen=500)`` ids of the 25,000
  training reviews -> Embedding(64) -> LSTM(32) -> sigmoid, adam, batch 128;
  metric: accuracy on the 25,000 test reviews.
* Jena: standardized 14 weather columns of 2009, windows of
  ``SlidingWindow(720, step=6, delay=144)`` materialised as one contiguous
  float32 array -> GRU(32) -> linear, adam, mse, batch 128, target the
  standardized temperature; metric: MAE in degrees C on 2010-07..12.

"skseq" is ``LSTMClassifier`` / ``GRURegressor(random_state=0,
early_stopping=False, masking=False)`` ``.fit`` (no validation split, and the
rows read as given, like the Keras run);
"keras" builds the same layers with the functional API, calls
``keras.utils.set_random_seed(0)``, ``compile`` and ``fit`` (shuffled, like
skseq). The timed span is everything from the call to the trained model
(building, validation, seeding, training); loading and vectorizing are not
timed. Each run is a fresh process and the two ways alternate, so neither
inherits the other's warm caches; the table shows medians of ``--repeats``.

Usage::

    python benchmarks/overhead.py            # full: about 20 minutes on 2 cores
    python benchmarks/overhead.py --quick    # slices, 1 epoch, 1 repeat
"""

from __future__ import annotations

import argparse
import json
import statistics

from _common import (
    add_repeats,
    alternating_runs,
    load_jena,
    parser,
    repeats,
    table,
    timer,
    write_json,
)

QUICK = {"imdb_train": 2000, "imdb_test": 2000, "jena_train": "2009-09"}
SETTINGS = {"batch_size": 128, "units": 32, "seed": 0}


def imdb_arrays(data_home: str, quick: bool):
    import numpy as np

    from skseq import TextVectorizer
    from skseq.datasets import fetch_imdb

    train = fetch_imdb("train", data_home=data_home).frame
    test = fetch_imdb("test", data_home=data_home).frame
    if quick:
        train = train.sample(QUICK["imdb_train"], random_state=0)
        test = test.sample(QUICK["imdb_test"], random_state=0)
    vectorizer = TextVectorizer(max_tokens=20000, maxlen=500)
    X_train = vectorizer.fit_transform(train.text)
    X_test = vectorizer.transform(test.text)
    return X_train, train.label.to_numpy(), X_test, test.label.to_numpy(np.int64)


def jena_arrays(data_home: str, quick: bool):
    import numpy as np

    from skseq import SlidingWindow

    data = load_jena(data_home)
    start = QUICK["jena_train"] if quick else "2009-01"
    train, test = data.loc[start:"2009-12"], data.loc["2010-07":"2010-12"]
    mean, std = train.mean(), train.std()
    window = SlidingWindow(720, step=6, delay=144)
    X_train = np.ascontiguousarray(window.fit_transform((train - mean) / std))
    X_test = np.ascontiguousarray(window.transform((test - mean) / std))
    target = "T (degC)"
    y_train = ((train[target] - mean[target]) / std[target]).to_numpy(np.float32)
    scale = (float(mean[target]), float(std[target]))
    return X_train, y_train, X_test, test[target].to_numpy(), scale


def keras_model(task: str, X):
    import keras
    from keras import layers

    units = SETTINGS["units"]
    if task == "imdb":
        inputs = keras.Input(shape=X.shape[1:], dtype="int32")
        x = layers.Embedding(int(X.max()) + 1, 64)(inputs)
        outputs = layers.Dense(1, activation="sigmoid")(layers.LSTM(units)(x))
        loss, metric = "binary_crossentropy", "accuracy"
    else:
        inputs = keras.Input(shape=X.shape[1:])
        outputs = layers.Dense(1)(layers.GRU(units)(inputs))
        loss, metric = "mse", "mean_absolute_error"
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss=loss, metrics=[metric])
    return model


def one_run(task: str, way: str, epochs: int, data_home: str, quick: bool) -> dict:
    """Train once, in this process; return seconds and the test metric."""
    import keras
    import numpy as np

    from skseq import GRURegressor, LSTMClassifier

    if task == "imdb":
        X, y, X_test, y_test = imdb_arrays(data_home, quick)
    else:
        X, y, X_test, y_test, (mean, std) = jena_arrays(data_home, quick)
    common = {"epochs": epochs, "batch_size": SETTINGS["batch_size"]}
    with timer() as elapsed:
        if way == "skseq":
            cls = LSTMClassifier if task == "imdb" else GRURegressor
            # No automatic early stopping: both ways train on every row. No
            # masking: both read the same pre-padded 500-step rows, so the
            # ratio is the wrapper's cost (benchmarks/bucketing.py measures
            # what masking and length-bucketed batches save).
            model = cls(
                units=SETTINGS["units"],
                random_state=SETTINGS["seed"],
                early_stopping=False,
                masking=False,
                **common,
            )
            model.fit(X, y)
        else:
            keras.utils.set_random_seed(SETTINGS["seed"])
            model = keras_model(task, X)
            model.fit(X, y, verbose=0, **common)
    seconds = elapsed()
    raw = model.predict(
        X_test, batch_size=256, **({} if way == "skseq" else {"verbose": 0})
    )
    if task == "imdb":
        if way == "keras":
            raw = (raw.ravel() > 0.5).astype(int)
        metric = float(np.mean(raw == y_test))
    else:
        metric = float(np.mean(np.abs(np.ravel(raw) * std + mean - y_test)))
    return {"seconds": seconds, "metric": metric, "n_train": len(X)}


def main(argv=None) -> dict:
    cli = parser(__doc__, "overhead")
    add_repeats(cli, 3, "runs per way")
    cli.add_argument("--epochs", type=int, default=2, help="epochs per run (2)")
    cli.add_argument("--run", nargs=3, help=argparse.SUPPRESS)
    args = cli.parse_args(argv)
    if args.run:
        task, way, epochs = args.run
        print(json.dumps(one_run(task, way, int(epochs), args.data_home, args.quick)))
        return {}
    n_runs, epochs = repeats(args), 1 if args.quick else args.epochs
    results, rows = {}, []
    for task, metric_name in (("imdb", "test accuracy"), ("jena", "test MAE degC")):
        runs = alternating_runs(
            __file__, ("skseq", "keras"),
            lambda way, _round, task=task: [task, way, epochs],
            args, n_runs, task,
        )  # fmt: skip
        summary = {
            way: {
                "seconds": [r["seconds"] for r in rs],
                "median_s": statistics.median(r["seconds"] for r in rs),
                "metric": [r["metric"] for r in rs],
                "median_metric": statistics.median(r["metric"] for r in rs),
            }
            for way, rs in runs.items()
        }
        ratio = summary["skseq"]["median_s"] / summary["keras"]["median_s"]
        diff = summary["skseq"]["median_metric"] - summary["keras"]["median_metric"]
        results[task] = {
            **summary,
            "time_ratio": ratio,
            "metric_difference": diff,
            "metric": metric_name,
            "n_train": runs["skseq"][0]["n_train"],
        }
        for way in ("skseq", "keras"):
            s = summary[way]
            rows.append([f"{task} {way}", s["median_s"], s["median_metric"], "", ""])
        rows.append([f"{task} skseq / keras", "", "", ratio, diff])
    print(
        table(
            f"skseq vs plain Keras, {epochs} epoch(s), batch 128, seed 0, "
            f"median of {n_runs} fresh-process run(s) each (goal: ratio <= 1.05)",
            ["run", "fit s", "metric", "time ratio", "metric diff"],
            rows,
        )
    )
    results.update(quick=args.quick, epochs=epochs, repeats=n_runs, **SETTINGS)
    write_json(args.out, results)
    return results


if __name__ == "__main__":
    main()
