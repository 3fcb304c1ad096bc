"""How checked, encoded data reaches Keras's ``fit``: the early-stopping
patience, the validation hold-out, lazy window batches (DESIGN §2) and
length-bucketed token batches (DESIGN §4)."""

from __future__ import annotations

import keras
import numpy as np
from sklearn.model_selection import train_test_split

from skseq.models._batches import WindowBatches, batch_tuple
from skseq.models._seeding import draw_seed
from skseq.utils import is_lazy

# Like HistGradientBoosting's early_stopping="auto": below this many training
# rows a 10 % validation split costs more than overfitting does.
AUTO_EARLY_STOPPING_ROWS = 10_000


def early_stopping_patience(early_stopping, epochs: int, n_samples: int) -> int:
    """Early-stopping patience in epochs; 0 means train every epoch."""
    if early_stopping == "auto":
        # One epoch has nothing to stop or restore; keep all its rows.
        early_stopping = n_samples >= AUTO_EARLY_STOPPING_ROWS and epochs > 1
    return 2 if early_stopping is True else int(early_stopping)


def training_data(
    X, y, sample_weight, rows, valid, *, batch_size, predict_batch, token_batches=None
):
    """``(X, y, sample_weight, fit kwargs)`` for Keras, lazily if need be.

    Lazy window views are served batch by batch (DESIGN §2), and token rows
    in length-bucketed batches when ``token_batches`` (a ``TokenBatches``
    factory) is given (DESIGN §4); both are shuffled by a generator seeded
    from the current (seeded) NumPy state.
    """
    extra = {}
    batches = WindowBatches if is_lazy(X) else token_batches
    if batches is not None:
        rng = np.random.default_rng(draw_seed())
        train = batches(X, y, sample_weight, rows=rows, batch_size=batch_size, rng=rng)
        if valid is not None:
            extra["validation_data"] = batches(
                X, y, sample_weight, rows=valid, batch_size=predict_batch
            )
        return train, None, None, {"shuffle": False, **extra}
    if valid is not None:
        weights = () if sample_weight is None else (sample_weight[valid],)
        extra["validation_data"] = (X[valid], y[valid], *weights)
    if len(rows) < len(X):
        X, y = X[rows], y[rows]
        sample_weight = None if sample_weight is None else sample_weight[rows]
    return X, y, sample_weight, extra


def build_training_state(model, X, y, sample_weight, rows) -> None:
    """Create the optimizer's and the metrics' variables before the first fit.

    On TensorFlow without a distribution strategy, Keras 3 creates them
    inside the first trace of its train step. A ``tf.function`` whose first
    trace creates variables is traced a second time without them (TF's
    variable lifting), so every first fit traced the step twice: 2.2 s
    against 1.5 s for a 2-epoch ``LSTMClassifier(units=8)`` on 300 rows
    (docs/development.md, "Tests and CI"). Keras's JAX trainer builds this way
    before it traces, through the same ``Trainer._symbolic_build``. That
    method is private, so a Keras without it keeps the second trace and loses
    nothing else. Only the shapes and dtypes of the first training row are
    read; ``tests/models/test_backends.py`` counts the traces.
    """
    build = getattr(model, "_symbolic_build", None)
    if keras.backend.backend() == "tensorflow" and build is not None and len(rows):
        first = rows[:1]
        build(data_batch=batch_tuple(np.asarray(X[first]), y, sample_weight, first))


def empty_rows_as_unknown(X: np.ndarray) -> np.ndarray:
    """Give all-padding rows one unknown-word id 1 at the end.

    With masking, an empty document has no step left to read: a masked mean
    would divide by zero and predict NaN.
    """
    empty = ~X.any(axis=1)
    if not empty.any():
        return X
    X = X.copy()
    X[empty, -1] = 1
    return X


def split_rows(rows, fraction, stratify, shuffle=True):
    """Hold out ``fraction`` of ``rows``: a random sample, or the last ones.

    The random sample draws from NumPy's global state, which the caller seeds.
    """
    n_valid = max(1, int(round(fraction * len(rows))))
    if n_valid >= len(rows):
        raise ValueError(
            f"a validation split of {fraction} (validation_split, or 0.1 for "
            f"early_stopping) leaves no training samples out of {len(rows)}"
        )
    if not shuffle:
        return rows[:-n_valid], rows[-n_valid:]
    if stratify is not None:
        _, counts = np.unique(stratify, return_counts=True)
        # Stratifying needs two samples of every class and a place for each.
        if (
            counts.min() < 2
            or n_valid < len(counts)
            or len(rows) - n_valid < len(counts)
        ):
            stratify = None
    return train_test_split(
        rows,
        test_size=n_valid,
        random_state=draw_seed(),
        stratify=stratify,
    )
