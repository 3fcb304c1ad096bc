"""How the pickles in this folder were made: skseq 0.1.0 (the commit of
2026-11-24, 17b2edd, the last before 0.2 work) fitted on toy data and saved
with ``joblib.dump``. Run from a checkout of that commit:

    git worktree add /tmp/skseq-0.1.0 17b2edd
    cd /tmp/skseq-0.1.0 && PYTHONPATH=. python /path/to/this/make.py OUT_DIR

Then rename ``*.joblib`` to ``*.pkl`` (the repository ignores ``*.joblib``).
``tests/test_pickles_from_0_1.py`` loads them with the current skseq.
"""

import sys

import joblib
import numpy as np
from sklearn.pipeline import make_pipeline

import skseq


def main(out: str) -> None:
    texts = ["good film", "bad film", "great acting", "awful plot"] * 10
    y = np.array([1, 0, 1, 0] * 10)
    rng = np.random.default_rng(0)
    objects = {
        "text_lstm": make_pipeline(
            skseq.TextVectorizer(), skseq.LSTMClassifier(units=4, epochs=1)
        ).fit(texts, y),
        "padder": skseq.SequencePadder().fit([[1, 2], [3]]),
        "persistence": skseq.PersistenceRegressor().fit(
            rng.random((20, 4, 2)), rng.random(20)
        ),
        "conv_reg": skseq.Conv1DRegressor(units=4, epochs=1).fit(
            rng.random((20, 6, 2)).astype("float32"), rng.random(20)
        ),
    }
    for name, fitted in objects.items():
        joblib.dump(fitted, f"{out}/{name}.joblib")


if __name__ == "__main__":
    main(sys.argv[1])
