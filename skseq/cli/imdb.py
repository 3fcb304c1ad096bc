"""``python -m skseq imdb``: review sentiment, a skseq classifier beside TF-IDF."""

from __future__ import annotations

import time

from ._common import Progress, log_training, make_estimator, reading

HELP = (
    "IMDB review sentiment: raw text -> TextVectorizer -> classifier; "
    "test accuracy beside TF-IDF + logistic regression"
)
FULL_HELP = (
    "20,000 words, 500 tokens per review, 6 epochs (default: 10,000 words, "
    "200 tokens, 3 epochs); all 25,000 / 25,000 reviews either way"
)
DEFAULT_FAMILY = "lstm"
# Without --full a run takes about 80 seconds on 2 CPU cores (2026-11-30).
SETTINGS = {
    "quick": {
        "max_tokens": 10000,
        "maxlen": 200,
        "epochs": 3,
        "batch_size": 128,
        "patience": 2,
    },
    "full": {
        "max_tokens": 20000,
        "maxlen": 500,
        "epochs": 6,
        "batch_size": 128,
        "patience": 2,
    },
}


def load(data_home, progress: Progress):
    """``(train, test)``: the frames of all 25,000 + 25,000 reviews."""
    from skseq.datasets import fetch_imdb

    with progress.stages("loading IMDB", 2) as bar, reading("IMDB reviews"):
        train = fetch_imdb("train", data_home=data_home).frame
        bar.update()
        test = fetch_imdb("test", data_home=data_home).frame
        bar.update()
    return train, test


def run(args, settings: dict, progress: Progress) -> dict:
    """Train, score and compare; the result for ``write_outputs``."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline

    from skseq import plot_classification
    from skseq.pipelines import imdb_pipeline

    train, test = load(args.data_home, progress)
    progress.log(f"{len(train)} training and {len(test)} test reviews")

    model = make_estimator(args.family, "Classifier", args, settings, progress)
    pipe = imdb_pipeline(
        model, max_tokens=settings["max_tokens"], maxlen=settings["maxlen"]
    )
    log_training(progress, model, args)
    fit_started = time.perf_counter()
    pipe.fit(train.text, train.label)
    fit_seconds = time.perf_counter() - fit_started
    proba = pipe.predict_proba(test.text)
    scores = proba[:, 1]
    # What pipe.predict returns, without predicting the 25,000 reviews again.
    predicted = pipe.classes_[np.argmax(proba, axis=1)]
    accuracy = float(np.mean(predicted == test.label.to_numpy()))
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
                pipe,
                test.text,
                test.label.to_numpy(),
                y_pred=predicted,
                y_score=scores,
            ),  # fmt: skip
        },
    }
