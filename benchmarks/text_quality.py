"""Text classifiers against the linear baselines, on IMDB and on SST-2 (issue 27).

Every model is trained on a corpus's training split and scored once on its
test split, beside the baselines in the same run:

* ``tfidf_lr``: ``TfidfVectorizer(ngram_range=(1, 2), min_df=2,
  sublinear_tf=True)`` -> ``LogisticRegression``, C chosen by 3-fold CV on
  the training split from {1, 3, 10, 30} (the main job's baseline, C=10 there).
* ``nbsvm2``, ``nbsvm3``: NBSVM (Wang & Manning 2012, "Baselines and Bigrams";
  the logistic-regression form of Mesnil et al. 2014): binarized 1-2 or 1-3
  gram counts scaled by the naive Bayes log-count ratio
  ``r = log((p / |p|_1) / (q / |q|_1))`` with ``alpha = 1``, then
  ``LogisticRegression``, C chosen by 3-fold CV from {0.1, 0.3, 1, 3}. Their
  published IMDB figures: 91.22 % (bigrams), 91.87 % (trigrams).
* one skseq pipeline per family, ``TextVectorizer`` -> ``<Family>Classifier``
  with the library's defaults (``--max-tokens`` 10,000 and ``--maxlen`` 200,
  ``skseq.pipelines.imdb_pipeline``'s), ``--seeds`` times, once per value of
  ``--linear-ngrams`` (the linear bag-of-n-grams path; 0 is off).

The corpora (``--corpora``): ``imdb`` (25,000 / 25,000 reviews) and ``sst2``
(SST-2 from ``../shared/data/sst2/``: 67,349 training sentences and phrases,
1,821 test sentences; Kim 2014's CNN-rand scores 82.7 %). No model reads a
test split before its final scoring; the CV folds and validation splits come
from the training split.

Usage::

    python benchmarks/text_quality.py                       # hours on 2 cores
    python benchmarks/text_quality.py --quick               # slices, minutes
    python benchmarks/text_quality.py --corpora sst2 --models tfidf_lr nbsvm2
    python benchmarks/text_quality.py --models lstm --linear-ngrams 0 2
"""

from __future__ import annotations

import numpy as np
from _common import (
    add_model_choice,
    load_imdb,
    log,
    parser,
    table,
    timer,
    write_json,
)
from sklearn.base import BaseEstimator, TransformerMixin

BASELINES = ("tfidf_lr", "nbsvm2", "nbsvm3")
FAMILIES = ("lstm", "gru", "conv1d", "dense", "transformer", "simple_rnn")
MODELS = (*BASELINES, *FAMILIES)


def load_sst2(data_home: str, quick: bool):
    """``(train texts, train labels, test texts, test labels)`` of SST-2."""
    import pandas as pd

    frame = pd.read_csv(f"{data_home}/sst2/sst2.csv.gz", keep_default_na=False)
    train = frame[frame.split == "train"]
    test = frame[frame.split == "test"]
    if quick:
        train = train.sample(4000, random_state=0)
    return train.text, train.label.to_numpy(), test.text, test.label.to_numpy()


def tfidf_lr():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(max_iter=1000),
    )
    return GridSearchCV(pipe, {"logisticregression__C": [1, 3, 10, 30]}, cv=3)


class NBScaler(TransformerMixin, BaseEstimator):
    """Scales binarized n-gram counts by the naive Bayes log-count ratio.

    A scikit-learn transformer for binary labels: ``fit`` learns ``r`` from
    the rows of each class (Wang & Manning 2012, eq. 2, alpha = 1).
    """

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha

    def fit(self, X, y):
        y = np.asarray(y)
        positive = np.asarray(X[y == 1].sum(axis=0)).ravel() + self.alpha
        negative = np.asarray(X[y != 1].sum(axis=0)).ravel() + self.alpha
        self.r_ = np.log(positive / positive.sum()) - np.log(negative / negative.sum())
        return self

    def transform(self, X):
        return X.multiply(self.r_).tocsr()


def nbsvm(n: int):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(
        CountVectorizer(ngram_range=(1, n), binary=True),
        NBScaler(),
        LogisticRegression(max_iter=1000, dual=True, solver="liblinear"),
    )
    return GridSearchCV(pipe, {"logisticregression__C": [0.1, 0.3, 1, 3]}, cv=3)


def skseq_pipeline(family: str, seed: int, args, linear_ngrams: int):
    from skseq.estimators import all_estimators
    from skseq.networks import family_prefixes
    from skseq.pipelines import imdb_pipeline

    name = f"{family_prefixes()[family]}Classifier"
    cls = all_estimators("classifier")[name]
    model = cls(random_state=seed, linear_ngrams=linear_ngrams)
    return imdb_pipeline(model, max_tokens=args.max_tokens, maxlen=args.maxlen)


def run_one(model_name: str, seed: int, data, args, linear_ngrams: int = 0):
    X_train, y_train, X_test, y_test = data
    if model_name == "tfidf_lr":
        model = tfidf_lr()
    elif model_name.startswith("nbsvm"):
        model = nbsvm(int(model_name[-1]))
    else:
        model = skseq_pipeline(model_name, seed, args, linear_ngrams)
    with timer() as fit_time:
        model.fit(X_train, y_train)
    accuracy = float(np.mean(model.predict(X_test) == y_test))
    chosen = getattr(model, "best_params_", None)
    return {"accuracy": accuracy, "fit_seconds": fit_time(), "chosen": chosen}


def main():
    p = parser(__doc__, "text_quality")
    add_model_choice(p, MODELS)
    p.add_argument("--corpora", nargs="+", default=["imdb", "sst2"])
    p.add_argument("--seeds", type=int, default=3, help="seeds per skseq model")
    p.add_argument(
        "--linear-ngrams",
        type=int,
        nargs="+",
        default=[0],
        help="the skseq models' linear_ngrams values, one row each (default: 0)",
    )
    p.add_argument("--max-tokens", type=int, default=10000, help="vocabulary")
    p.add_argument("--maxlen", type=int, default=200, help="tokens per text")
    args = p.parse_args()
    models = args.models or MODELS
    results, rows = {}, []
    for corpus in args.corpora:
        load = load_imdb if corpus == "imdb" else load_sst2
        data = load(args.data_home, args.quick)
        log(f"{corpus}: {len(data[0])} training and {len(data[2])} test texts")
        cases = [
            (name, n)
            for name in models
            for n in ([0] if name in BASELINES else args.linear_ngrams)
        ]
        for model_name, linear in cases:
            seeds = [0] if model_name in BASELINES else range(args.seeds)
            runs = [run_one(model_name, s, data, args, linear) for s in seeds]
            accuracy = [r["accuracy"] for r in runs]
            label = model_name + (f" linear_ngrams={linear}" if linear else "")
            results[f"{corpus}/{label}"] = runs
            log(f"{corpus} {label}: {accuracy}")
            rows.append(
                [
                    f"{corpus} {label}",
                    float(np.mean(accuracy)),
                    float(np.ptp(accuracy)),
                    len(runs),
                    float(np.median([r["fit_seconds"] for r in runs])),
                ]
            )
    print(
        table(
            "Test accuracy (mean and max-min over seeds)",
            ["corpus model", "accuracy", "spread", "runs", "fit s"],
            rows,
        )
    )
    write_json(args.out, {"results": results})


if __name__ == "__main__":
    main()
