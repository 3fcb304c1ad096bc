"""
Bad input, answered: the catalogue
==================================

Every kind of bad input we know of, and the answer skseq gives to each.

Each case feeds skseq one mistake a user could make and checks that the
answer is the documented exception (or warning) with a message that names
the culprit: the parameter, the column, the row or the position. Nothing
may come back as a traceback from inside Keras or NumPy, or as a silently
wrong result.

Run it to see the catalogue (exit status 1 if any answer is not as
documented)::

    python examples/bad_input.py

``tests/test_bad_input.py`` runs the same cases, one test each.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.utils._param_validation import InvalidParameterError

import skseq


@dataclass(frozen=True)
class Case:
    """One mistake: ``run()`` must raise (or warn) ``expected`` with a
    message matching ``names`` (a regular expression)."""

    title: str
    run: Callable[[], object]
    expected: type
    names: str


def _series(n_rows=50, n_features=2) -> pd.DataFrame:
    index = pd.date_range("2009-01-01", periods=n_rows, freq="10min")
    data = np.arange(n_rows * n_features, dtype=float).reshape(n_rows, n_features)
    return pd.DataFrame(data, index=index, columns=["T", "p"][:n_features])


def _with(frame: pd.DataFrame, row: int, column: str, value) -> pd.DataFrame:
    frame = frame.copy()
    frame.loc[frame.index[row], column] = value
    return frame


def _shuffled_fold(n_rows: int) -> np.ndarray:
    """The training rows of a KFold(shuffle=True) split."""
    return next(KFold(5, shuffle=True, random_state=0).split(np.ones(n_rows)))[0]


def _tokens(n=24, maxlen=6):
    rng = np.random.default_rng(0)
    return rng.integers(1, 20, size=(n, maxlen)), np.arange(n) % 2


def _tiny(model_class=skseq.LSTMClassifier, **params):
    return model_class(units=2, embedding_dim=2, epochs=1, random_state=0, **params)


def _fitted_classifier():
    X, y = _tokens()
    return _tiny().fit(X, y)


def _fitted_on_windows():
    X = np.random.default_rng(0).normal(size=(24, 5, 3)).astype("float32")
    return _tiny(skseq.GRURegressor).fit(X, X[:, -1, 0])


CASES = [
    # Time series
    Case(
        "NaN in a series",
        lambda: skseq.SlidingWindow(3).fit(_with(_series(), 7, "p", np.nan)),
        ValueError,
        r"NaN in column 'p' at row 7",
    ),
    Case(
        "inf in a series",
        lambda: skseq.SlidingWindow(3).fit(_with(_series(), 9, "T", np.inf)),
        ValueError,
        r"inf in column 'T' at row 9",
    ),
    Case(
        "the -9999 missing-value code in a series",
        lambda: skseq.SlidingWindow(3).fit(_with(_series(), 4, "p", -9999.0)),
        UserWarning,
        r"column 'p' of X holds -9999",
    ),
    Case(
        "a non-numeric column",
        lambda: skseq.SlidingWindow(3).fit(_series().assign(site="Jena")),
        ValueError,
        r"column 'site' has dtype (object|str)",
    ),
    Case(
        "lookback longer than the data",
        lambda: skseq.SlidingWindow(lookback=100).fit(_series(50)),
        ValueError,
        r"lookback=100 is larger than the 50 rows",
    ),
    Case(
        "step <= 0",
        lambda: skseq.SlidingWindow(6, step=0).fit(_series()),
        InvalidParameterError,
        r"'step' parameter of SlidingWindow .* Got 0",
    ),
    Case(
        "delay < 0",
        lambda: skseq.SlidingWindow(6, delay=-1).fit(_series()),
        InvalidParameterError,
        r"'delay' parameter of SlidingWindow .* Got -1",
    ),
    Case(
        "1-D X where a 2-D table is needed",
        lambda: skseq.SlidingWindow(3).fit(np.arange(10.0)),
        ValueError,
        r"got a 1-D array of shape \(10,\)\. Reshape your data",
    ),
    Case(
        "a time index that does not increase",
        lambda: skseq.SlidingWindow(3).fit(_series().iloc[[0, 1, 3, 2, 4, 5]]),
        ValueError,
        r"does not increase at row 3",
    ),
    Case(
        "rows sampled by a shuffled KFold",
        lambda: skseq.SlidingWindow(3).fit(
            _series(500).iloc[
                next(KFold(5, shuffle=True, random_state=0).split(np.ones(500)))[0]
            ]
        ),
        UserWarning,
        r"rows seem to be missing, as after a shuffled split .* TimeSeriesSplit",
    ),
    # Estimators
    Case(
        "1-D X for a model",
        lambda: _tiny().fit(np.arange(10), np.arange(10) % 2),
        ValueError,
        r"got 1-D X of shape \(10,\)\. Reshape your data",
    ),
    Case(
        "4-D X for a model",
        lambda: _tiny().fit(np.zeros((4, 3, 2, 2)), [0, 1, 0, 1]),
        ValueError,
        r"got 4-D X of shape \(4, 3, 2, 2\)",
    ),
    Case(
        "NaN in X for a model",
        lambda: _tiny().fit(np.array([[0.5, np.nan], [1.0, 2.0]]), [0, 1]),
        ValueError,
        r"NaN in X at sample 0, step 1",
    ),
    Case(
        "an empty training set",
        lambda: _tiny().fit(np.zeros((0, 5), dtype=int), np.array([], dtype=int)),
        ValueError,
        r"0 samples",
    ),
    Case(
        "labels at score that the classifier never saw",
        lambda: _fitted_classifier().score(_tokens()[0], np.full(24, 7)),
        UserWarning,
        r"y holds labels \[7\] that LSTMClassifier never saw in fit",
    ),
    Case(
        "a different number of features at predict",
        lambda: _fitted_on_windows().predict(np.zeros((3, 5, 2), "float32")),
        ValueError,
        r"X has 2 features per step, but GRURegressor was fitted with 3",
    ),
    Case(
        "a longer maxlen at predict",
        lambda: _fitted_classifier().predict(np.ones((3, 8), dtype=int)),
        ValueError,
        r"row 0 of X holds 8 tokens, but LSTMClassifier was fitted on rows of 6 "
        r"steps.*same maxlen",
    ),
    Case(
        "epochs=0",
        lambda: _tiny().set_params(epochs=0).fit(*_tokens()),
        InvalidParameterError,
        r"'epochs' parameter of LSTMClassifier .* Got 0",
    ),
    Case(
        "batch_size=0",
        lambda: _tiny(batch_size=0).fit(*_tokens()),
        InvalidParameterError,
        r"'batch_size' parameter of LSTMClassifier .* Got 0",
    ),
    Case(
        "dropout=1.5",
        lambda: _tiny(dropout=1.5).fit(*_tokens()),
        InvalidParameterError,
        r"'dropout' parameter of LSTMClassifier .* Got 1\.5",
    ),
    Case(
        "an unknown optimizer name",
        lambda: _tiny(optimizer="adamm").fit(*_tokens()),
        ValueError,
        r"optimizer must be a Keras optimizer name .* optimizer='adamm'",
    ),
    # Text
    Case(
        "an empty string among the documents",
        lambda: skseq.TextVectorizer().fit(["a good film", "", "dull"]),
        UserWarning,
        r"1 of 3 documents have no words .* position 1",
    ),
    Case(
        "None among the documents",
        lambda: skseq.TextVectorizer().fit(["a good film", None]),
        ValueError,
        r"document at position 1 is None",
    ),
    Case(
        "a number among the documents",
        lambda: skseq.TextVectorizer().fit(pd.Series(["good", 3.5], index=[10, 11])),
        ValueError,
        r"position 1 \(index label 11\) is 3\.5 of type float",
    ),
    Case(
        "no documents at all",
        lambda: skseq.TextVectorizer().fit([]),
        ValueError,
        r"0 documents to fit",
    ),
]


def answer(case: Case) -> tuple[type | None, str]:
    """``(type, message)`` of what ``case`` raised or warned; (None, "") if
    neither. Warnings are turned into exceptions so the first one counts."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=UserWarning)
        try:
            case.run()
        except Exception as exc:  # noqa: BLE001 - the catalogue records any answer
            return type(exc), str(exc)
    return None, ""


def as_documented(case: Case) -> tuple[bool, type | None, str]:
    kind, message = answer(case)
    ok = (
        kind is not None
        and issubclass(kind, case.expected)
        and re.search(case.names, message) is not None
    )
    return ok, kind, message


def main() -> int:
    failures = 0
    for case in CASES:
        ok, kind, message = as_documented(case)
        failures += not ok
        name = kind.__name__ if kind else "nothing"
        print(f"[{'ok' if ok else 'FAIL'}] {case.title}: {name}: {message}")
        if not ok:
            print(f"       expected {case.expected.__name__} matching {case.names!r}")
    print(f"\n{len(CASES) - failures} of {len(CASES)} answered as documented")
    return 1 if failures else 0


if __name__ == "__main__":
    # Exit status 1 if an answer is not as documented (sphinx-gallery runs
    # this file too, and must not see SystemExit(0)).
    if main():
        raise SystemExit(1)
