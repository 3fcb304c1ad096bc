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
* one skseq pipeline per family, ``TextVectorizer(**vectorizer)`` ->
  ``<Family>Classifier(**params)``, the library's defaults unless
  ``--vectorizer`` and ``--params`` (JSON objects) say otherwise,
  ``--seeds`` times, once per value of ``--linear-ngrams`` (the linear
  bag-of-n-grams path; by default the classifier's own value).

The corpora (``--corpora``):

* ``imdb``: 25,000 / 25,000 reviews, two classes;
* ``imdb_rating``: the same reviews, eight classes (the stars 1-4 and 7-10
  of their file names);
* ``sst2``: SST-2 from ``../shared/data/sst2/``, 67,349 training sentences
  and phrases, 1,821 test sentences (Kim 2014's CNN-rand scores 82.7 %).

No model reads a test split before its final scoring; the CV folds and
validation splits come from the training split. ``--split dev`` never reads
it at all, for choosing defaults: IMDB then trains on 20,000 training
reviews and scores the other 5,000 (``RandomState(0)``), SST-2 scores its
dev split (872 sentences). ``--train-size`` trains on a random sample of
the training texts, to stand for a small corpus.

Usage::

    python benchmarks/text_quality.py                       # hours on 2 cores
    python benchmarks/text_quality.py --quick               # slices, minutes
    python benchmarks/text_quality.py --corpora sst2 --models tfidf_lr nbsvm2
    python benchmarks/text_quality.py --models lstm --linear-ngrams 0 2
    python benchmarks/text_quality.py --split dev --train-size 5000 \\
        --corpora sst2 imdb_rating --params '{"epochs": 3}'
    python benchmarks/text_quality.py --split dev --models lstm --piece ema

``--piece`` adds one training-recipe piece to every skseq model (see
``_recipe_pieces.py``: weight averaging, a learning-rate schedule, embedding
or word dropout, pre-trained word vectors, punctuation tokens).
"""

from __future__ import annotations

import json

import numpy as np
from _common import (
    add_model_choice,
    log,
    parser,
    table,
    timer,
    write_json,
)
from _recipe_pieces import PIECES
from sklearn.base import BaseEstimator, TransformerMixin

BASELINES = ("tfidf_lr", "nbsvm2", "nbsvm3")
FAMILIES = ("lstm", "gru", "conv1d", "dense", "transformer", "simple_rnn")
MODELS = (*BASELINES, *FAMILIES)
CORPORA = ("imdb", "imdb_rating", "sst2")


def _frames(corpus: str, data_home: str, split: str):
    """``(training frame, scoring frame)`` with columns ``text`` and ``label``.

    ``split="test"`` scores on the test split. ``split="dev"`` never reads
    it: IMDB holds out 5,000 training reviews (``RandomState(0)``), SST-2
    scores on its dev split (872 sentences).
    """
    import pandas as pd

    if corpus.startswith("imdb"):
        from skseq.datasets import fetch_imdb

        train = fetch_imdb("train", data_home=data_home).frame
        if split == "dev":
            order = np.random.RandomState(0).permutation(len(train))
            train, scored = train.iloc[order[5000:]], train.iloc[order[:5000]]
        else:
            scored = fetch_imdb("test", data_home=data_home).frame
        if corpus == "imdb_rating":
            # Eight classes, the stars 1-4 and 7-10 of the file names.
            train = train.assign(label=train.rating)
            scored = scored.assign(label=scored.rating)
        return train, scored
    frame = pd.read_csv(f"{data_home}/sst2/sst2.csv.gz", keep_default_na=False)
    return frame[frame.split == "train"], frame[frame.split == split]


def load(corpus: str, data_home: str, split: str, quick: bool, train_size):
    """``(train texts, train labels, scored texts, scored labels)``."""
    train, scored = _frames(corpus, data_home, split)
    size = 4000 if quick else train_size
    if size and size < len(train):
        train = train.sample(size, random_state=0)
    if quick and len(scored) > 2000:
        scored = scored.sample(2000, random_state=0)
    return train.text, train.label.to_numpy(), scored.text, scored.label.to_numpy()


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
    """NBSVM; one binary model per class for more than two (one-vs-rest)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    per_class = make_pipeline(
        NBScaler(), LogisticRegression(max_iter=1000, dual=True, solver="liblinear")
    )
    pipe = make_pipeline(
        CountVectorizer(ngram_range=(1, n), binary=True),
        OneVsRestClassifier(per_class),
    )
    C = "onevsrestclassifier__estimator__logisticregression__C"
    return GridSearchCV(pipe, {C: [0.1, 0.3, 1, 3]}, cv=3)


def skseq_pipeline(family: str, seed: int, args, linear_ngrams, X_train):
    import _recipe_pieces as pieces
    import keras
    from sklearn.pipeline import make_pipeline

    from skseq.estimators import all_estimators
    from skseq.networks import family_prefixes
    from skseq.text import TextVectorizer

    name = f"{family_prefixes()[family]}Classifier"
    params = dict(args.params, random_state=seed)
    vectorizer = TextVectorizer(**args.vectorizer)
    if linear_ngrams is not None:
        params["linear_ngrams"] = linear_ngrams
    if args.piece == "ema":
        params["optimizer"] = keras.optimizers.Adam(use_ema=True, ema_momentum=0.99)
    elif args.piece == "cosine":
        params["optimizer"] = pieces.cosine_optimizer(len(X_train), args.params)
    elif args.piece == "punctuation":
        vectorizer.set_params(standardize=pieces.keep_punctuation)
    elif args.piece == "pretrained":
        rows = vectorizer.fit_transform(X_train)
        dim = params.get("embedding_dim", 64)
        n_words = min(10000, len(vectorizer.vocabulary_))
        vectors = pieces.ppmi_vectors(rows, n_words, dim)
        params["callbacks"] = [pieces.SetEmbedding(vectors)]
    model = all_estimators("classifier")[name](**params)
    return make_pipeline(vectorizer, model)


def run_one(model_name: str, seed: int, data, args, linear_ngrams=None):
    X_train, y_train, X_test, y_test = data
    with timer() as fit_time:
        if model_name == "tfidf_lr":
            model = tfidf_lr()
        elif model_name.startswith("nbsvm"):
            model = nbsvm(int(model_name[-1]))
        else:
            model = skseq_pipeline(model_name, seed, args, linear_ngrams, X_train)
        model.fit(X_train, y_train)
    accuracy = float(np.mean(model.predict(X_test) == y_test))
    chosen = getattr(model, "best_params_", None)
    return {"accuracy": accuracy, "fit_seconds": fit_time(), "chosen": chosen}


def main():
    p = parser(__doc__, "text_quality")
    add_model_choice(p, MODELS)
    p.add_argument("--corpora", nargs="+", default=["imdb", "sst2"], choices=CORPORA)
    p.add_argument(
        "--split",
        default="test",
        choices=["test", "dev"],
        help="score on the test splits, or on held-out training data (dev) "
        "to choose defaults",
    )
    p.add_argument(
        "--train-size",
        type=int,
        help="train on this many random training texts (a small corpus)",
    )
    p.add_argument("--seeds", type=int, default=3, help="seeds per skseq model")
    p.add_argument(
        "--linear-ngrams",
        type=int,
        nargs="+",
        default=[None],
        help="the skseq models' linear_ngrams values, one row each "
        "(default: the classifier's own)",
    )
    p.add_argument(
        "--params",
        type=json.loads,
        default={},
        help="the skseq classifiers' parameters, a JSON object "
        "(default {}: the library's defaults), e.g. '{\"epochs\": 3}'",
    )
    p.add_argument(
        "--vectorizer",
        type=json.loads,
        default={},
        help="TextVectorizer's parameters, a JSON object (default {})",
    )
    p.add_argument(
        "--piece",
        choices=PIECES,
        help="add one training-recipe piece to every skseq model (_recipe_pieces.py)",
    )
    args = p.parse_args()
    if args.piece in ("embedding_dropout", "word_dropout"):
        from _recipe_pieces import use_embedding_dropout

        if args.piece == "word_dropout":
            use_embedding_dropout("token", 0.1)
        else:
            use_embedding_dropout("dimension", 0.2)
    models = args.models or MODELS
    results, rows = {}, []
    for corpus in args.corpora:
        data = load(corpus, args.data_home, args.split, args.quick, args.train_size)
        log(f"{corpus}: {len(data[0])} training and {len(data[2])} scored texts")
        cases = [
            (name, n)
            for name in models
            for n in ([None] if name in BASELINES else args.linear_ngrams)
        ]
        for model_name, linear in cases:
            seeds = [0] if model_name in BASELINES else range(args.seeds)
            runs = [run_one(model_name, s, data, args, linear) for s in seeds]
            accuracy = [r["accuracy"] for r in runs]
            label = model_name + ("" if linear is None else f" linear_ngrams={linear}")
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
            f"{args.split.capitalize()} accuracy (mean and max-min over seeds)",
            ["corpus model", "accuracy", "spread", "runs", "fit s"],
            rows,
        )
    )
    settings = {
        k: getattr(args, k)
        for k in ("split", "train_size", "params", "vectorizer", "piece")
    }
    write_json(args.out, {"settings": settings, "results": results})


if __name__ == "__main__":
    main()
