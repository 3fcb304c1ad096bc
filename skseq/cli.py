"""``python -m skseq imdb|jena``: the tutorials' experiments in one command.

Each run loads the real data, trains one skseq pipeline with the options given,
scores it on held-out data beside a classic baseline, and writes into ``--out``:

* ``results.json``: settings, data sizes, metrics, baseline, times, history;
* ``learning_curves.png``: training vs validation loss and metric per epoch;
* ``classification.png`` (imdb): confusion matrix and ROC curve on the test set;
* ``forecast.png`` (jena): a week of 24 h forecasts against the observations;
* ``model.joblib``: the fitted pipeline (``joblib.load`` it to predict).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

EXIT_OK, EXIT_USAGE, EXIT_DATA, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 130

EPILOG = """\
exit status:
  0    success; the last line printed is the path of results.json
  2    bad arguments
  3    the data could not be found, downloaded or read
  4    the output folder could not be written
  130  interrupted (Ctrl-C)
  1    anything else (a bug: please report it with the message)

data: --data-home, else $SKSEQ_DATA, else ~/skseq_data. Missing files are
downloaded from the official URLs on first use (IMDB 84 MB, Jena 13 MB).

examples:
  python -m skseq imdb --out out/imdb               # ~2 min on 2 cores
  python -m skseq imdb --family gru --units 64 --full
  python -m skseq jena --out out/jena               # ~2 min on 2 cores
  python -m skseq jena --family conv1d --epochs 5 --full
"""

FAMILIES = ("lstm", "gru", "simple_rnn", "conv1d", "dense")
_CLASS_PREFIX = {
    "lstm": "LSTM",
    "gru": "GRU",
    "simple_rnn": "SimpleRNN",
    "conv1d": "Conv1D",
    "dense": "Dense",
}

# Without --full a run takes about 2-3 minutes on 2 CPU cores.
SETTINGS = {
    "imdb": {
        "quick": {
            "n_train": None,
            "n_test": None,
            "max_tokens": 10000,
            "maxlen": 200,
            "epochs": 3,
            "batch_size": 128,
            "patience": 2,
        },
        "full": {
            "n_train": None,
            "n_test": None,
            "max_tokens": 20000,
            "maxlen": 500,
            "epochs": 6,
            "batch_size": 128,
            "patience": 2,
        },
    },
    "jena": {
        # train, validation (early stopping), test: [start, end) dates
        "quick": {
            "train": ("2009-07-01", "2010-01-01"),
            "valid": ("2010-01-01", "2010-04-01"),
            "test": ("2010-07-01", "2011-01-01"),
            "lookback": 720,
            "epochs": 3,
            "batch_size": 128,
            "patience": 2,
        },
        "full": {
            "train": ("2009-01-01", "2010-01-01"),
            "valid": ("2010-01-01", "2010-07-01"),
            "test": ("2010-07-01", "2011-01-01"),
            "lookback": 720,
            "epochs": 10,
            "batch_size": 128,
            "patience": 3,
        },
    },
}
JENA_TARGET, JENA_TARGET_COLUMN = "T (degC)", 1
JENA_STEP, JENA_DELAY = 6, 144  # hourly points, 24 h ahead


class DataError(Exception):
    """The data could not be found, downloaded or read (exit status 3)."""


class OutputError(Exception):
    """The output folder could not be written (exit status 4)."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1; got {value}")
    return value


def _dropout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number; got {text!r}") from None
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError(f"must be in [0, 1); got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m skseq",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    tasks = parser.add_subparsers(dest="task", required=True, metavar="TASK")
    helps = {
        "imdb": "IMDB review sentiment: raw text -> TextVectorizer -> classifier; "
        "test accuracy beside TF-IDF + logistic regression",
        "jena": "Jena temperature 24 h ahead from 5 days of 14 weather variables; "
        "test MAE beside the persistence forecast",
    }
    defaults = {"imdb": "lstm", "jena": "gru"}
    for task, text in helps.items():
        sub = tasks.add_parser(
            task,
            help=text,
            description=text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        quick, full = SETTINGS[task]["quick"], SETTINGS[task]["full"]
        sub.add_argument(
            "--family",
            choices=FAMILIES,
            default=defaults[task],
            help=f"model family (default: {defaults[task]})",
        )
        sub.add_argument(
            "--units",
            type=_positive_int,
            default=32,
            help="units (cells, filters) per layer (default: 32)",
        )
        sub.add_argument(
            "--dropout",
            type=_dropout,
            default=0.2,
            help="dropout rate in [0, 1) (default: 0.2)",
        )
        sub.add_argument(
            "--epochs",
            type=_positive_int,
            default=None,
            help=f"most epochs; early stopping restores the best "
            f"(default: {quick['epochs']}, {full['epochs']} with --full)",
        )
        sub.add_argument("--full", action="store_true", help=_full_help(task))
        sub.add_argument(
            "--data-home",
            default=None,
            metavar="DIR",
            help="data folder (default: $SKSEQ_DATA, else ~/skseq_data)",
        )
        sub.add_argument(
            "--out",
            default=f"skseq_out/{task}",
            metavar="DIR",
            help=f"output folder, created if need be (default: skseq_out/{task})",
        )
        sub.add_argument(
            "--seed", type=int, default=0, help="random_state of the model (default: 0)"
        )
        sub.add_argument(
            "--quiet",
            action="store_true",
            help="no progress bars or log lines; errors still print",
        )
    return parser


def _full_help(task: str) -> str:
    if task == "imdb":
        return (
            "20,000 words, 500 tokens per review, 6 epochs (default: 10,000 words, "
            "200 tokens, 3 epochs); all 25,000 / 25,000 reviews either way"
        )
    return (
        "train on all of 2009, validate on 2010-H1 (default: train on 2009-H2, "
        "validate on 2010-Q1); test on 2010-H2 either way"
    )


class Progress:
    """A stage bar for loading (tqdm, on a terminal) plus timestamped lines."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.started = time.perf_counter()

    def log(self, message: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)

    @contextmanager
    def stages(self, description: str, total: int):
        from tqdm.auto import tqdm

        # disable=None: a bar on a terminal only, never in a captured log.
        bar = tqdm(
            total=total,
            desc=description,
            unit="step",
            disable=True if self.quiet else None,
            file=sys.stderr,
        )
        try:
            yield bar
        finally:
            bar.close()

    def keras_verbose(self) -> int:
        """Keras's own bar on a terminal, one line per epoch otherwise."""
        if self.quiet:
            return 0
        return 1 if sys.stdout.isatty() else 2


def _estimator(
    family: str, kind: str, args, settings: dict, progress: Progress, **extra
):
    import skseq

    cls = getattr(skseq, f"{_CLASS_PREFIX[family]}{kind}")
    return cls(
        units=args.units,
        dropout=args.dropout,
        epochs=args.epochs or settings["epochs"],
        batch_size=settings["batch_size"],
        early_stopping=settings["patience"],
        random_state=args.seed,
        verbose=progress.keras_verbose(),
        **extra,
    )


@contextmanager
def _reading(what: str):
    """Turn any failure to get the data into a DataError naming ``what``."""
    try:
        yield
    except (OSError, ValueError, EOFError) as error:
        raise DataError(f"cannot read the {what}: {error}") from error


def run_imdb(args, settings: dict, progress: Progress) -> dict:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import Pipeline, make_pipeline

    from skseq import TextVectorizer, plot_classification
    from skseq.datasets import fetch_imdb

    with progress.stages("loading IMDB", 2) as bar, _reading("IMDB reviews"):
        train = fetch_imdb("train", data_home=args.data_home).frame
        bar.update()
        test = fetch_imdb("test", data_home=args.data_home).frame
        bar.update()
    train = _balanced(train, settings["n_train"], args.seed)
    test = _balanced(test, settings["n_test"], args.seed)
    progress.log(f"{len(train)} training and {len(test)} test reviews")

    model = _estimator(args.family, "Classifier", args, settings, progress)
    text = TextVectorizer(max_tokens=settings["max_tokens"], maxlen=settings["maxlen"])
    pipe = Pipeline([("text", text), ("model", model)])
    progress.log(
        f"training {type(model).__name__}(units={args.units}, "
        f"dropout={args.dropout}) for at most {model.epochs} epochs"
    )
    fit_started = time.perf_counter()
    pipe.fit(train.text, train.label)
    fit_seconds = time.perf_counter() - fit_started
    scores = pipe.predict_proba(test.text)[:, 1]
    accuracy = float(np.mean((scores > 0.5) == test.label.to_numpy()))
    progress.log(f"test accuracy {accuracy:.4f}")

    progress.log("baseline: TF-IDF (words and pairs) + logistic regression")
    baseline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(C=10, max_iter=1000),
    ).fit(train.text, train.label)
    baseline_accuracy = float(baseline.score(test.text, test.label))
    progress.log(f"baseline test accuracy {baseline_accuracy:.4f}")

    return {
        "pipeline": pipe,
        "data": {
            "n_train": len(train),
            "n_test": len(test),
            "max_tokens": settings["max_tokens"],
            "maxlen": settings["maxlen"],
        },
        "metrics": {
            "test_accuracy": accuracy,
            "test_roc_auc": float(roc_auc_score(test.label, scores)),
        },
        "baseline": {
            "name": "TF-IDF + logistic regression",
            "test_accuracy": baseline_accuracy,
        },
        "fit_seconds": fit_seconds,
        "pictures": {
            "classification.png": lambda: plot_classification(
                pipe, test.text, test.label.to_numpy()
            ),
        },
    }


def _balanced(frame, n, seed):
    if n is None or n >= len(frame):
        return frame
    return frame.groupby("label").sample(n // 2, random_state=seed)


def _jena_series(data_home):
    from skseq.datasets import fetch_jena_climate, local_jena_climate_file

    return fetch_jena_climate(data_home, path=local_jena_climate_file(data_home))


def run_jena(args, settings: dict, progress: Progress) -> dict:
    import numpy as np
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from skseq import (
        CalendarFeatures,
        PersistenceRegressor,
        SlidingWindow,
        plot_forecast,
    )

    with progress.stages("loading Jena", 1) as bar, _reading("Jena climate series"):
        data = _jena_series(args.data_home)
        bar.update()
    (train_start, _), (valid_start, valid_end) = settings["train"], settings["valid"]
    test_start, test_end = settings["test"]
    if data.index[-1] < np.datetime64(test_end) - np.timedelta64(1, "D"):
        raise DataError(
            f"the Jena series ends on {data.index[-1]}; the test period needs "
            f"data up to {test_end}"
        )
    fit_rows = (data.index >= train_start) & (data.index < valid_end)
    n_valid = int(((data.index >= valid_start) & (data.index < valid_end)).sum())
    test = (data.index >= test_start) & (data.index < test_end)
    progress.log(
        f"{fit_rows.sum() - n_valid} training, {n_valid} validation and "
        f"{test.sum()} test rows (10-minute steps)"
    )

    def forecaster(model):
        pipe = Pipeline(
            [
                ("calendar", CalendarFeatures()),
                ("scale", StandardScaler().set_output(transform="pandas")),
                (
                    "window",
                    SlidingWindow(
                        settings["lookback"], step=JENA_STEP, delay=JENA_DELAY
                    ),
                ),
                ("model", model),
            ]
        )
        return TransformedTargetRegressor(regressor=pipe, transformer=StandardScaler())

    model = _estimator(
        args.family,
        "Regressor",
        args,
        settings,
        progress,
        persistence_column=JENA_TARGET_COLUMN,
        validation_split=n_valid / fit_rows.sum(),
    )
    pipe = forecaster(model)
    y = data[JENA_TARGET].to_numpy()
    progress.log(
        f"training {type(model).__name__}(units={args.units}, "
        f"dropout={args.dropout}) for at most {model.epochs} epochs"
    )
    fit_started = time.perf_counter()
    pipe.fit(data[fit_rows], y[fit_rows])
    fit_seconds = time.perf_counter() - fit_started

    # The test rows get their real history: start n_incomplete_ rows early.
    context = pipe.regressor_.named_steps["window"].n_incomplete_
    rows = np.flatnonzero(test)
    span = slice(rows[0] - context, rows[-1] + 1)
    truth = y[test]
    predicted = pipe.predict(data.iloc[span])[context:]
    persistence = forecaster(PersistenceRegressor(JENA_TARGET_COLUMN))
    persistence.fit(data[fit_rows], y[fit_rows])
    baseline = persistence.predict(data.iloc[span])[context:]
    mae = float(np.abs(predicted - truth).mean())
    baseline_mae = float(np.abs(baseline - truth).mean())
    progress.log(f"test MAE {mae:.3f} °C vs persistence {baseline_mae:.3f} °C")

    week = slice(rows[0] - context, rows[0] + 7 * 144)
    return {
        "pipeline": pipe,
        "data": {
            "n_train": int(fit_rows.sum()) - n_valid,
            "n_valid": n_valid,
            "n_test": int(test.sum()),
            "periods": {p: list(settings[p]) for p in ("train", "valid", "test")},
            "lookback": settings["lookback"],
            "step": JENA_STEP,
            "delay": JENA_DELAY,
            "target": JENA_TARGET,
        },
        "metrics": {"test_mae_degC": mae, "ratio_to_persistence": mae / baseline_mae},
        "baseline": {
            "name": "persistence (the temperature 24 h earlier)",
            "test_mae_degC": baseline_mae,
        },
        "fit_seconds": fit_seconds,
        "pictures": {
            "forecast.png": lambda: plot_forecast(
                pipe,
                data.iloc[week],
                y[week],
                context=context,
                others={"persistence": persistence},
                ylabel="temperature (°C)",
                title="24 h ahead forecasts, first week of the test period",
            ),
        },
    }


def write_outputs(out: Path, task: str, args, result: dict, progress) -> Path:
    import joblib
    import keras
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import sklearn

    import skseq
    from skseq import plot_history
    from skseq.plotting import final_estimator

    pipe = result.pop("pipeline")
    pictures = result.pop("pictures")
    model = final_estimator(pipe)
    try:
        files = {}
        pictures["learning_curves.png"] = lambda: plot_history(model)
        for name, draw in pictures.items():
            figure = draw()
            figure.savefig(out / name, dpi=100)
            plt.close(figure)
            files[name] = str(out / name)
        joblib.dump(pipe, out / "model.joblib")
        files["model.joblib"] = str(out / "model.joblib")
        history = {k: [float(v) for v in vs] for k, vs in model.history_.items()}
        results = {
            "task": task,
            "command": ["python", "-m", "skseq", *sys.argv[1:]],
            "settings": {
                "family": args.family,
                "estimator": type(model).__name__,
                "units": args.units,
                "dropout": args.dropout,
                "max_epochs": model.epochs,
                "batch_size": model.batch_size,
                "early_stopping_patience": model.early_stopping,
                "seed": args.seed,
                "full": args.full,
            },
            **result,
            "epochs_trained": len(history["loss"]),
            "history": history,
            "wall_seconds": time.perf_counter() - progress.started,
            "files": files,
            "versions": {
                "skseq": skseq.__version__,
                "keras": keras.__version__,
                "backend": keras.backend.backend(),
                "scikit-learn": sklearn.__version__,
                "python": sys.version.split()[0],
            },
        }
        path = out / "results.json"
        path.write_text(json.dumps(results, indent=2) + "\n")
    except OSError as error:
        raise OutputError(f"cannot write to {out}: {error}") from error
    progress.log(f"wrote {', '.join(sorted(files))} and results.json in {out}")
    return path


def main(argv=None) -> int:
    """Run the command line; return the exit status (see ``--help``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    progress = Progress(args.quiet)
    out = Path(args.out)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    settings = SETTINGS[args.task]["full" if args.full else "quick"]
    try:
        _writable(out)  # before minutes of training, not after
        run = run_imdb if args.task == "imdb" else run_jena
        result = run(args, settings, progress)
        path = write_outputs(out, args.task, args, result, progress)
    except DataError as error:
        return _fail(
            f"{error}\n(--data-home or $SKSEQ_DATA must point at the data "
            "folder, or the official URLs must be reachable)",
            EXIT_DATA,
        )
    except OutputError as error:
        return _fail(str(error), EXIT_OUTPUT)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    print(path, flush=True)
    return EXIT_OK


def _writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".skseq-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise OutputError(f"cannot write to --out {out}: {error}") from error


def _fail(message: str, status: int) -> int:
    print(f"python -m skseq: error: {message}", file=sys.stderr, flush=True)
    return status
