"""Keep TensorFlow's thread pools within the cores a process was given.

joblib's process workers (``GridSearchCV(n_jobs=k)``, ``cross_validate``...)
get ``OMP_NUM_THREADS = cores // k`` so that NumPy and BLAS do not
oversubscribe the machine, but TensorFlow ignores that variable and sizes its
pools to every core: k workers then fight over k times too many threads.
"""

from __future__ import annotations

import os

import keras


def threads_from_environment() -> int | None:
    """The thread budget in ``OMP_NUM_THREADS``, or None if unset or invalid."""
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def limit_backend_threads() -> None:
    """Size TensorFlow's pools to ``OMP_NUM_THREADS`` if it is still possible.

    Does nothing when the variable is unset, when the backend is not
    TensorFlow, when the user already chose pool sizes, or once TensorFlow has
    started (its pools cannot be resized then).
    """
    n_threads = threads_from_environment()
    if n_threads is None or keras.backend.backend() != "tensorflow":
        return
    import tensorflow as tf

    threading = tf.config.threading
    if threading.get_intra_op_parallelism_threads() != 0:
        return
    try:
        threading.set_intra_op_parallelism_threads(n_threads)
        threading.set_inter_op_parallelism_threads(n_threads)
    except RuntimeError:
        pass  # TensorFlow is already running with its own pools
