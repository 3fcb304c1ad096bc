"""Seeded, deterministic Keras work that leaves global random state as it was."""

from __future__ import annotations

import random
import threading
from contextlib import contextmanager

import keras
import numpy as np


class _PerThreadRandom:
    """Python's ``random`` module, except in a thread inside ``seeded``.

    Keras draws every unseeded layer's seed from Python's process-wide
    ``random`` stream, which other threads share: a Dask worker's event loop,
    for one, draws from it at any moment, so the same ``seeded`` fit would
    get other initial weights from run to run. Inside ``seeded`` the thread
    draws from its own generator, seeded exactly as ``random.seed`` would be.
    """

    local = threading.local()

    def __getattr__(self, name):
        return getattr(getattr(self.local, "rng", None) or random, name)


def _route_keras_seeds() -> bool:
    try:
        from keras.src.random import seed_generator
    except ImportError:  # pragma: no cover - a Keras without this module
        return False
    if not isinstance(seed_generator.python_random, _PerThreadRandom):
        seed_generator.python_random = _PerThreadRandom()
    return True


def _tf_determinism(enable: bool | None = None) -> bool:
    """Return whether TensorFlow op determinism is on; optionally switch it."""
    if keras.backend.backend() != "tensorflow":
        return False
    import tensorflow as tf
    from tensorflow.python.framework import config

    was_enabled = bool(config.is_op_determinism_enabled())
    if enable is True:
        tf.config.experimental.enable_op_determinism()
    elif enable is False:
        config.disable_op_determinism()
    return was_enabled


@contextmanager
def seeded(seed: int | None):
    """Run Keras model building or training reproducibly under ``seed``.

    Sets Python, NumPy, backend and Keras seeds and TensorFlow op determinism
    (embedding gradients are summed in a thread-dependent order otherwise),
    then restores the caller's state. ``seed=None`` changes nothing.
    """
    if seed is None:
        yield
        return
    # At the first seeded build, not at import: importing skseq changes no
    # global state (issue 26); from then on, seeds Keras draws without a
    # seed of their own come from this thread's generator when one is set.
    _route_keras_seeds()
    # Keras seeds the legacy global NumPy generator; give the caller theirs back.
    python_state, numpy_state = random.getstate(), np.random.get_state()  # noqa: NPY002
    was_deterministic = _tf_determinism(enable=True)
    keras.utils.set_random_seed(seed)
    outer_rng = getattr(_PerThreadRandom.local, "rng", None)
    _PerThreadRandom.local.rng = random.Random(seed)
    try:
        yield
    finally:
        _PerThreadRandom.local.rng = outer_rng
        random.setstate(python_state)
        np.random.set_state(numpy_state)  # noqa: NPY002
        if not was_deterministic:
            _tf_determinism(enable=False)


def draw_seed() -> int:
    """A seed drawn from NumPy's global state, which ``seeded`` fixes."""
    return int(np.random.randint(2**31))  # noqa: NPY002
