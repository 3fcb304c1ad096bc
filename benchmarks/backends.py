"""IMDB LSTM fit time per epoch on each Keras backend (TensorFlow, JAX), same CPU.

The model is the tutorials' ``TextVectorizer(max_tokens=20000, maxlen=500)``
-> ``LSTMClassifier(units=32, embedding_dim=64)``, batch 128, random_state=0,
no early stopping, on the 25,000 training reviews; its accuracy on the 25,000
test reviews shows that both backends train the same model. Each run is a
fresh process with ``KERAS_BACKEND`` set, and the backends alternate. Epoch 1
includes compiling the training step (tracing for JAX, graph building for
TensorFlow) and is reported apart; "per epoch" is the median of the later
epochs over all repeats.

Usage::

    python benchmarks/backends.py            # 3 epochs x 2 repeats per backend, ~15 min
    python benchmarks/backends.py --quick    # 2,000 reviews, 2 epochs, 1 repeat
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from _common import add_repeats, load_imdb, log, parser, repeats, table, write_json

BACKENDS = ("tensorflow", "jax")


def one_run(epochs: int, data_home: str, quick: bool) -> dict:
    """Vectorize, fit and score once in this process; return epoch times."""
    import keras
    import numpy as np

    from skseq import LSTMClassifier, TextVectorizer

    X, y, X_test, y_test = load_imdb(data_home, quick)
    vectorizer = TextVectorizer(max_tokens=20000, maxlen=500)
    X, X_test = vectorizer.fit_transform(X), vectorizer.transform(X_test)
    ends = []
    stamp = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: ends.append(time.perf_counter())
    )
    model = LSTMClassifier(
        units=32,
        embedding_dim=64,
        epochs=epochs,
        batch_size=128,
        random_state=0,
        early_stopping=False,
        callbacks=[stamp],
    )
    start = time.perf_counter()
    model.fit(X, y)
    epoch_seconds = [b - a for a, b in zip([start, *ends], ends, strict=False)]
    return {
        "backend": keras.backend.backend(),
        "epoch_seconds": epoch_seconds,
        "accuracy": float(np.mean(model.predict(X_test) == y_test)),
    }


def in_backend(backend: str, epochs: int, args) -> dict:
    command = [sys.executable, __file__, "--run", str(epochs)]
    command += ["--data-home", args.data_home] + (["--quick"] if args.quick else [])
    env = os.environ | {"KERAS_BACKEND": backend}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode:
        raise RuntimeError(f"{backend} run failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    cli = parser(__doc__, "backends")
    add_repeats(cli, 2, "fresh-process runs per backend")
    cli.add_argument("--epochs", type=int, default=None, help="default 3 (2 quick)")
    cli.add_argument(
        "--run",
        type=int,
        default=None,
        # internal: one run
        help="(internal) train once in this process for this many epochs",
    )
    args = cli.parse_args()
    if args.run is not None:
        print(json.dumps(one_run(args.run, args.data_home, args.quick)))
        return
    epochs = args.epochs or (2 if args.quick else 3)
    runs = {backend: [] for backend in BACKENDS}
    for repeat in range(repeats(args)):
        for backend in BACKENDS:
            log(f"{backend}: run {repeat + 1}, {epochs} epochs")
            result = in_backend(backend, epochs, args)
            assert result["backend"] == backend, result
            runs[backend].append(result)
            seconds = [round(s, 1) for s in result["epoch_seconds"]]
            log(f"{backend}: epochs {seconds} s, accuracy {result['accuracy']:.4f}")
    rows, summary = [], {}
    for backend, results in runs.items():
        first = statistics.median(r["epoch_seconds"][0] for r in results)
        later = statistics.median(s for r in results for s in r["epoch_seconds"][1:])
        accuracy = statistics.median(r["accuracy"] for r in results)
        summary[backend] = {
            "first_epoch_s": first,
            "per_epoch_s": later,
            "accuracy": accuracy,
            "runs": results,
        }
        rows.append([backend, first, later, accuracy])
    ratio = summary["jax"]["per_epoch_s"] / summary["tensorflow"]["per_epoch_s"]
    print(
        table(
            f"IMDB LSTM per epoch (JAX / TensorFlow = {ratio:.2f})",
            ["backend", "epoch 1 s", "per epoch s", "test accuracy"],
            rows,
        )
    )
    write_json(
        args.out,
        {
            "epochs": epochs,
            "quick": args.quick,
            "jax_over_tensorflow": ratio,
            "backends": summary,
        },
    )


if __name__ == "__main__":
    main()
