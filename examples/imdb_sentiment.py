"""
IMDB sentiment: raw review text to a tuned, saved LSTM
=======================================================

Fetch the IMDB reviews, tune ``units`` and ``dropout`` of a
``TextVectorizer -> LSTMClassifier`` pipeline with ``GridSearchCV``
(stratified 3-fold, ROC AUC), train the best settings, score the test
reviews, save the pipeline with joblib, load it back, check that it predicts
the same, and draw the learning curves.

By default it runs on small balanced slices (2,000 training and 2,000 test
reviews, a grid of two settings), about a minute on 2 CPU cores, as the
documentation build runs it. ``--full`` uses all 25,000 / 25,000 reviews,
tunes on 5,000 with a larger grid and trains with early stopping (about 20
minutes on 2 cores; the results page gives its accuracy)::

    python examples/imdb_sentiment.py            # small slices
    python examples/imdb_sentiment.py --full     # all 50,000 reviews

The data come from ``SKSEQ_DATA`` (or ``--data-home``), else
:func:`skseq.datasets.fetch_imdb` downloads them once.
"""

# %%
# Settings
# --------
# Slice sizes, grid, vectorizer and training settings per mode. On all 25k
# reviews, test accuracy swings by several points between epochs, so the full
# run validates on 10 % and keeps the best epoch (``early_stopping=2``).
import argparse
import tempfile
import time
from pathlib import Path

import joblib
import numpy as np
from sklearn.model_selection import GridSearchCV

from skseq import LSTMClassifier, plot_history
from skseq.datasets import balanced_sample, fetch_imdb
from skseq.pipelines import imdb_pipeline

SETTINGS = {
    "small": dict(
        n_train=2000,
        n_test=2000,
        n_tune=1000,
        grid={"model__units": [16, 32]},
        text=dict(max_tokens=10000, maxlen=200),
        tune=dict(epochs=2, dropout=0.2),
        final=dict(epochs=3, validation_split=0.2),
    ),
    "full": dict(
        n_train=None,
        n_test=None,
        n_tune=5000,
        grid={"model__units": [32, 64], "model__dropout": [0.2, 0.3]},
        text=dict(max_tokens=20000, maxlen=500),
        tune=dict(epochs=2, batch_size=128),
        final=dict(epochs=6, early_stopping=2),
    ),
}

parser = argparse.ArgumentParser(description="IMDB sentiment end to end")
parser.add_argument("--full", action="store_true", help="all 25k/25k reviews")
parser.add_argument("--data-home", default=None, help="default: SKSEQ_DATA")
parser.add_argument("--out", default=None, help="folder for the saved pipeline")
args, _ = parser.parse_known_args()
mode = "full" if args.full else "small"
settings = SETTINGS[mode]
out = Path(args.out or tempfile.mkdtemp(prefix="skseq_imdb_"))
out.mkdir(parents=True, exist_ok=True)
started = time.perf_counter()

# %%
# The reviews
# -----------
# ``balanced_sample`` keeps as many positive as negative reviews.
train = fetch_imdb("train", data_home=args.data_home).frame
test = fetch_imdb("test", data_home=args.data_home).frame
train_set = balanced_sample(train, settings["n_train"], random_state=0)
test_set = balanced_sample(test, settings["n_test"], random_state=0)
tune_set = balanced_sample(train_set, settings["n_tune"], random_state=1)
print(f"{len(train_set)} training, {len(test_set)} test, {len(tune_set)} tuning")
print(train_set.text.iloc[0][:300], "...")

# %%
# Tune the pipeline
# -----------------
# The pipeline takes raw strings, as ``TfidfVectorizer`` does; the grid
# names its steps' parameters as scikit-learn does.
pipe = imdb_pipeline(
    LSTMClassifier(random_state=0, **settings["tune"]), **settings["text"]
)
search = GridSearchCV(pipe, settings["grid"], cv=3, scoring="roc_auc", refit=False)
search.fit(tune_set.text, tune_set.label)
print(f"best {search.best_params_}, CV ROC AUC {search.best_score_:.4f}")

# %%
# Train the best settings and score the test reviews
# --------------------------------------------------
final = {f"model__{key}": value for key, value in settings["final"].items()}
pipe.set_params(**search.best_params_, **final)
fit_started = time.perf_counter()
pipe.fit(train_set.text, train_set.label)
accuracy = pipe.score(test_set.text, test_set.label)
print(
    f"test accuracy {accuracy:.4f} on {len(test_set)} reviews "
    f"(fit {time.perf_counter() - fit_started:.0f} s)"
)
print(pipe.predict(["A wonderful, moving film.", "Dull and far too long."]))

# %%
# Save, reload, compare
# ---------------------
# A fitted pipeline is a joblib file like any scikit-learn object; the copy
# predicts the same probabilities.
path = out / "imdb_lstm.joblib"
joblib.dump(pipe, path)
reloaded = joblib.load(path)
difference = np.abs(
    reloaded.predict_proba(test_set.text) - pipe.predict_proba(test_set.text)
).max()
print(f"{path.stat().st_size / 1e6:.1f} MB; predictions differ by {difference:.1e}")
assert difference <= 1e-6, "the reloaded pipeline predicts differently"

# %%
# Learning curves
# ---------------
# Loss and accuracy per epoch, on the training rows and the 20 % held out.
figure = plot_history(pipe)
print(f"{time.perf_counter() - started:.0f} s in all")
