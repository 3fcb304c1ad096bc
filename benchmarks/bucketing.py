"""What do length-bucketed batches buy? skseq vs the same model in plain Keras on
fixed-length padding, on IMDB reviews and on short texts made from them.

Each case trains one model both ways on the same token ids:

* "keras": the tutorials' way: ``Embedding(vocabulary, 64)`` -> the layer(s)
  -> ``Dense(1, sigmoid)``, adam, binary cross-entropy, every batch padded
  to ``maxlen`` (pre-padding, no mask), ``keras.utils.set_random_seed(seed)``.
* "keras_bucketed" (with ``--reference``): the recipe of issue 15 in plain
  Keras, the ceiling of bucketing alone: the same pre-padded rows, unmasked,
  served in batches grouped by length (skseq's ``batch_order``) and each
  trimmed to its longest row rounded up to 8 steps. Its predictions are not
  padding-invariant (an LSTM reads the padding in front of short rows).
* "skseq": the family's classifier with the same units, batch size, epochs
  and seed and its defaults: padding masked, rows left-aligned, batches
  grouped by length and trimmed to their longest row (``bucketing=True``),
  ``early_stopping=False`` so that both train on every row.

Cases (the vectorizer is fitted on the training texts; ids are identical
for both ways):

* ``lstm``, ``gru``, ``conv1d``: all 25,000 training and 25,000 test
  reviews, ``TextVectorizer(20000, 500)``; LSTM(32), GRU(32), or
  Conv1D(32, 5, relu, same) -> global max pooling.
* ``bigru_pairs``: ``TextVectorizer(20000, 500, ngrams=2)`` (words, then word
  pairs) -> Bidirectional(GRU(32)).
* ``lstm_auto``: as ``lstm``, but skseq's vectorizer keeps its default length
  from the data (``maxlen="auto"``: 597 tokens on these reviews, 5 % cut).
* ``short``: every review cut to its first 30 words; plain Keras pads to
  ``maxlen=200`` (the vectorizer's old default), skseq uses the vectorizer's
  default length from the data (``maxlen="auto"``); LSTM(32).

Timed: each epoch (a Keras callback; "epoch s" is the median of the epochs
after the first, which also traces the training function), the whole ``fit``
("fit speed-up" compares those, tracing included), and ``predict`` of the
25,000 test texts; vectorizing is not timed. Every run is a fresh process,
the ways alternate, and the tables show medians of ``--repeats`` runs with
the ratios of those medians. Run ``i`` of every way starts from seed ``i``
(0, 1, 2): the accuracies are medians over three seeds, not one seed thrice.

Usage::

    python benchmarks/bucketing.py                 # about 45 minutes on 2 cores
    python benchmarks/bucketing.py --cases lstm short --reference
    python benchmarks/bucketing.py --cases short   # one case
    python benchmarks/bucketing.py --quick         # 2,000 reviews, 1 epoch
"""

from __future__ import annotations

import argparse
import json
import statistics

from _common import (
    add_repeats,
    alternating_runs,
    load_imdb,
    parser,
    repeats,
    table,
    timer,
    write_json,
)

UNITS, BATCH, SEED, EMBEDDING = 32, 128, 0, 64
CASES = {  # "lstm_auto" runs only when asked for (--cases)
    "lstm": {"layer": "lstm", "text": {"max_tokens": 20000, "maxlen": 500}},
    "gru": {"layer": "gru", "text": {"max_tokens": 20000, "maxlen": 500}},
    "conv1d": {"layer": "conv1d", "text": {"max_tokens": 20000, "maxlen": 500}},
    "bigru_pairs": {
        "layer": "bigru",
        "text": {"max_tokens": 20000, "maxlen": 500, "ngrams": 2},
    },
    "lstm_auto": {
        "layer": "lstm",
        "text": {"max_tokens": 20000, "maxlen": 500},
        "skseq_text": {"max_tokens": 20000},
    },
    "short": {
        "layer": "lstm",
        "words": 30,
        "text": {"max_tokens": 20000, "maxlen": 200},
        "skseq_text": {"max_tokens": 20000},
    },
}
# The epoch-time speed-up issue 15 asks for (lstm_auto shows the default length).
TARGETS = {"lstm": 2.5, "gru": 2.5, "conv1d": 2.5, "bigru_pairs": 2.5, "short": 5.0}


def first_words(texts, n: int):
    return [" ".join(text.split()[:n]) for text in texts]


def token_ids(case: dict, way: str, data_home: str, quick: bool):
    from skseq import TextVectorizer

    X, y, X_test, y_test = load_imdb(data_home, quick)
    if "words" in case:
        X, X_test = first_words(X, case["words"]), first_words(X_test, case["words"])
    params = case.get("skseq_text", case["text"]) if way == "skseq" else case["text"]
    vectorizer = TextVectorizer(**params).fit(X)
    return vectorizer.transform(X), y, vectorizer.transform(X_test), y_test


def keras_model(layer: str, X, any_width: bool = False):
    import keras
    from keras import layers

    shape = (None,) if any_width else X.shape[1:]
    inputs = keras.Input(shape=shape, dtype="int32")
    x = layers.Embedding(int(X.max()) + 1, EMBEDDING)(inputs)
    if layer == "conv1d":
        x = layers.Conv1D(UNITS, 5, padding="same", activation="relu")(x)
        x = layers.GlobalMaxPooling1D()(x)
    elif layer == "bigru":
        x = layers.Bidirectional(layers.GRU(UNITS))(x)
    else:
        x = {"lstm": layers.LSTM, "gru": layers.GRU}[layer](UNITS)(x)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def bucketed_batches(X, y, rng):
    """Pre-padded rows in skseq's length-grouped batches (``TokenBatches``:
    chunks sorted by length, each batch trimmed to its longest row rounded
    up to 8 steps), trimmed from the left; ``order`` lists the served rows.
    One worker, Keras's default, as in the other plain-Keras way."""
    from skseq.models._training import TokenBatches

    class PrePadded(TokenBatches):
        def __getitem__(self, index):
            rows, width = self.batches[index], self.widths[index]
            batch = self.X[rows, self.X.shape[1] - width :]
            return batch if self.y is None else (batch, self.y[rows])

    batches = PrePadded(X, y, batch_size=BATCH, rng=rng)
    batches.workers = 1
    return batches


def epoch_clock():
    """A Keras callback that records the seconds of every epoch."""
    import time

    import keras

    class EpochClock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self.start)

    return EpochClock()


def skseq_model(layer: str, epochs: int, seed: int, clock):
    import skseq

    common = dict(
        units=UNITS, batch_size=BATCH, epochs=epochs, random_state=seed,
        embedding_dim=EMBEDDING, early_stopping=False, callbacks=[clock],
    )  # fmt: skip
    if layer == "bigru":
        return skseq.GRUClassifier(bidirectional=True, **common)
    name = {"lstm": "LSTM", "gru": "GRU", "conv1d": "Conv1D"}[layer]
    return getattr(skseq, f"{name}Classifier")(**common)


def one_run(
    name: str, way: str, epochs: int, seed: int, data_home: str, quick: bool
) -> dict:
    """Train and predict once, in this process, from ``seed``."""
    import keras
    import numpy as np

    case = CASES[name]
    X, y, X_test, y_test = token_ids(case, way, data_home, quick)
    clock = epoch_clock()
    with timer() as fit_time:
        if way == "skseq":
            model = skseq_model(case["layer"], epochs, seed, clock).fit(X, y)
        else:
            keras.utils.set_random_seed(seed)
            model = keras_model(case["layer"], X, way == "keras_bucketed")
            if way == "keras_bucketed":
                batches = bucketed_batches(X, y, np.random.default_rng(seed))
                model.fit(
                    batches, epochs=epochs, verbose=0, shuffle=False,
                    callbacks=[clock],
                )  # fmt: skip
            else:
                model.fit(
                    X, y, epochs=epochs, batch_size=BATCH, verbose=0,
                    callbacks=[clock],
                )  # fmt: skip
    with timer() as predict_time:
        if way == "skseq":
            predicted = model.predict(X_test)
        elif way == "keras_bucketed":
            batches = bucketed_batches(X_test, None, None)  # sorted by length
            raw = model.predict(batches, verbose=0).ravel()
            predicted = np.empty(len(X_test), dtype=int)
            predicted[batches.order] = raw > 0.5
        else:
            raw = model.predict(X_test, batch_size=256, verbose=0)
            predicted = (raw.ravel() > 0.5).astype(int)
    return {
        # Epochs after the first: the first also traces the functions.
        "epoch_s": statistics.median(clock.seconds[1:] or clock.seconds),
        "epoch_seconds": clock.seconds,
        "fit_s": fit_time(),
        "predict_s": predict_time(),
        "accuracy": float(np.mean(predicted == y_test)),
        "width": int(X.shape[1]),
        "mean_tokens": float(np.count_nonzero(X, axis=1).mean()),
        "n_train": len(X),
    }


def summarize(runs: dict) -> dict:
    out = {}
    for way, rs in runs.items():
        out[way] = {key: [r[key] for r in rs] for key in rs[0]}
        for key in ("epoch_s", "fit_s", "predict_s", "accuracy"):
            out[way][f"median_{key}"] = statistics.median(r[key] for r in rs)
    keras, skseq = out["keras"], out["skseq"]
    out["epoch_speedup"] = keras["median_epoch_s"] / skseq["median_epoch_s"]
    out["fit_speedup"] = keras["median_fit_s"] / skseq["median_fit_s"]
    out["predict_speedup"] = keras["median_predict_s"] / skseq["median_predict_s"]
    out["accuracy_difference"] = skseq["median_accuracy"] - keras["median_accuracy"]
    if "keras_bucketed" in out:
        bucketed = out["keras_bucketed"]
        out["bucketed_epoch_speedup"] = (
            keras["median_epoch_s"] / bucketed["median_epoch_s"]
        )
        out["bucketed_predict_speedup"] = (
            keras["median_predict_s"] / bucketed["median_predict_s"]
        )
    return out


def main(argv=None) -> dict:
    cli = parser(__doc__, "bucketing")
    add_repeats(cli, 3, "runs per way")
    cli.add_argument("--epochs", type=int, default=2, help="epochs per run (2)")
    cli.add_argument(
        "--cases", nargs="+", choices=list(CASES),
        default=[name for name in CASES if name != "lstm_auto"],
        help="cases to run (default: all)",
    )  # fmt: skip
    cli.add_argument(
        "--reference", action="store_true",
        help="also train plain Keras on bucketed, trimmed batches",
    )  # fmt: skip
    cli.add_argument("--run", nargs=4, help=argparse.SUPPRESS)
    args = cli.parse_args(argv)
    if args.run:
        name, way, epochs, seed = args.run
        result = one_run(name, way, int(epochs), int(seed), args.data_home, args.quick)
        print(json.dumps(result))
        return {}
    n_runs, epochs = repeats(args), 1 if args.quick else args.epochs
    results, rows, reference_rows = {}, [], []
    for name in args.cases:
        ways = ("skseq", "keras") + (("keras_bucketed",) if args.reference else ())
        runs = alternating_runs(
            __file__, ways, lambda way, i, name=name: [name, way, epochs, SEED + i],
            args, n_runs, name,
        )  # fmt: skip
        results[name] = summary = summarize(runs)
        keras, skseq = summary["keras"], summary["skseq"]
        rows.append([
            name, keras["width"][0], skseq["mean_tokens"][0],
            keras["median_epoch_s"], skseq["median_epoch_s"],
            summary["epoch_speedup"], TARGETS.get(name, ""),
            summary["fit_speedup"],
            keras["median_predict_s"], skseq["median_predict_s"],
            summary["predict_speedup"],
            100 * keras["median_accuracy"], 100 * skseq["median_accuracy"],
        ])  # fmt: skip
        if args.reference:
            bucketed = summary["keras_bucketed"]
            reference_rows.append([
                name, bucketed["median_epoch_s"], summary["bucketed_epoch_speedup"],
                bucketed["median_predict_s"], summary["bucketed_predict_speedup"],
                100 * bucketed["median_accuracy"],
            ])  # fmt: skip
    print(
        table(
            f"Length-bucketed batches: skseq vs plain Keras on fixed padding, "
            f"{epochs} epoch(s), batch {BATCH}, median of {n_runs} fresh-process "
            "run(s) each",
            [
                "case", "keras width", "mean tokens", "keras epoch s",
                "skseq epoch s", "speed-up", "goal", "fit speed-up",
                "keras predict s",
                "skseq predict s", "speed-up", "keras acc %", "skseq acc %",
            ],
            rows,
        )
    )  # fmt: skip
    if reference_rows:
        print(
            table(
                "The ceiling of bucketing alone: plain Keras on bucketed, trimmed "
                "pre-padded batches (not padding-invariant), speed-ups over "
                "fixed padding",
                [
                    "case", "epoch s", "speed-up", "predict s", "speed-up",
                    "acc %",
                ],
                reference_rows,
            )
        )  # fmt: skip
    results.update(quick=args.quick, epochs=epochs, repeats=n_runs, batch_size=BATCH)
    write_json(args.out, results)
    return results


if __name__ == "__main__":
    main()
