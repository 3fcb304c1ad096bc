"""Which settings make a recurrent family train well on IMDB? One configuration per run.

Trains one ``Pipeline([TextVectorizer, <family>])`` on the 25,000 training
reviews (a stratified 10 % validation split, seed 0) for ``epochs`` and
prints, for every epoch, the validation and the *test* accuracy (the weights
are copied after each epoch and scored after training, which leaves the
training exactly as a plain ``fit`` would run it). The test column is for this
study only: the reported result is the test accuracy at the epoch with the
lowest validation loss, i.e. what ``early_stopping`` would restore. The
README's "Recommended settings" table quotes these runs.

The configuration is a JSON object of estimator parameters, plus ``family``
(an skseq class name, default ``LSTMClassifier``) and ``text``
(``TextVectorizer`` parameters, default ``{"max_tokens": 20000, "maxlen":
500}``). Training defaults: ``epochs=6, batch_size=128, random_state=0,
early_stopping=False`` (every epoch is trained and shown).

Usage::

    python benchmarks/imdb_settings.py '{"units": 32, "pooling": "max"}'
    python benchmarks/imdb_settings.py '{"text": {"max_tokens": 200000,
        "maxlen": 800, "ngrams": 2}, "units": 16, "embedding_dim": 16,
        "pooling": "mean", "masking": true, "batch_size": 32}'
    python benchmarks/imdb_settings.py --quick '{}'   # 2,000 / 2,000 reviews
"""

from __future__ import annotations

import json

import numpy as np
from _common import load_imdb, log, parser, table, timer, write_json

TEXT = {"max_tokens": 20000, "maxlen": 500}
TRAINING = {"epochs": 6, "batch_size": 128, "random_state": 0, "early_stopping": False}
QUICK_EPOCHS = 2


def configuration(text: str) -> tuple[str, dict, dict]:
    """``(family, TextVectorizer kwargs, estimator kwargs)`` from JSON."""
    config = json.loads(text)
    if not isinstance(config, dict):
        raise SystemExit(f"the configuration must be a JSON object; got {text!r}")
    family = config.pop("family", "LSTMClassifier")
    vectorizer = {**TEXT, **config.pop("text", {})}
    return family, vectorizer, {**TRAINING, **config, "validation_split": 0.1}


def main(argv=None) -> dict:
    import keras

    import skseq

    cli = parser(__doc__, "imdb_settings")
    cli.add_argument("config", help="JSON object of parameters (see above)")
    args = cli.parse_args(argv)
    family, text, params = configuration(args.config)
    if args.quick:
        params["epochs"] = QUICK_EPOCHS

    train_text, y_train, test_text, y_test = load_imdb(args.data_home, args.quick)
    vectorizer = skseq.TextVectorizer(**text).fit(train_text)
    X_train, X_test = vectorizer.transform(train_text), vectorizer.transform(test_text)
    log(f"{family}({params}) on {text}")

    class KeepWeights(keras.callbacks.Callback):
        """Copy the weights after each epoch; scoring them here would draw
        from the random stream and change the training it measures."""

        def __init__(self):
            super().__init__()
            self.epochs = []

        def on_epoch_end(self, epoch, logs=None):
            self.epochs.append(self.model.get_weights())
            rounded = {k: round(float(v), 4) for k, v in (logs or {}).items()}
            log(f"epoch {epoch + 1}: {rounded}")

    keep = KeepWeights()
    model = getattr(skseq, family)(callbacks=[keep], **params)
    with timer() as fit_s:
        model.fit(X_train, y_train)
    test_accuracy = []
    for weights in keep.epochs:
        model.model_.set_weights(weights)
        p = model.model_.predict(X_test, batch_size=1024, verbose=0).ravel()
        test_accuracy.append(float(np.mean((p > 0.5) == y_test)))
    history = model.history_
    epoch_s = fit_s() / len(test_accuracy)
    best = int(np.argmin(history["val_loss"]))
    rows = [
        [
            epoch + 1,
            f"{history['val_loss'][epoch]:.4f}",
            f"{history['val_accuracy'][epoch]:.2%}",
            f"{accuracy:.2%}",
            "<- lowest val_loss" if epoch == best else "",
        ]
        for epoch, accuracy in enumerate(test_accuracy)
    ]
    print(
        table(
            f"{family} on IMDB ({len(X_train):,} / {len(X_test):,} reviews): "
            f"{test_accuracy[best]:.2%} test at epoch {best + 1}, "
            f"{epoch_s:.0f} s per epoch",
            ["epoch", "val loss", "val acc", "test acc", ""],
            rows,
        )
    )
    results = {
        "family": family,
        "text": text,
        "params": params,
        "best_epoch": best + 1,
        "test_accuracy_at_best": test_accuracy[best],
        "test_accuracy": test_accuracy,
        "history": {k: [float(v) for v in vs] for k, vs in history.items()},
        "fit_s_per_epoch": epoch_s,
        "quick": args.quick,
    }
    write_json(args.out, results)
    return results


if __name__ == "__main__":
    main()
