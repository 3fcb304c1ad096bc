"""Batch feeding for lazy windows (DESIGN §2).

Handing Keras a strided window view as an array makes it convert the whole
thing to a tensor, materialising every window (5.6 GB for full Jena). A
``WindowBatches`` dataset instead gathers one batch of windows at a time, so
memory stays O(series + batch).
"""

from __future__ import annotations

import math

import keras
import numpy as np


def prefetch_workers() -> int:
    """Threads that assemble the batches of a ``PyDataset`` ahead of the model.

    On the TensorFlow backend, Keras wraps a single-worker ``PyDataset`` in
    ``tf.data`` with ``prefetch(AUTOTUNE)``, and starting a later epoch's
    iterator then stalled for 5-8 s, once per fit (on all 25,000 IMDB
    reviews, an LSTM epoch of 13 s took 18-24 s; plain Keras on arrays
    stalled 16 s the same way). With two worker threads Keras prefetches in
    Python instead, tf.data's autotuning off: no stall in any epoch measured.
    The order of the batches does not change. Other backends iterate in
    Python without tf.data: one worker.
    """
    return 2 if keras.backend.backend() == "tensorflow" else 1


def batch_tuple(X_batch, y, sample_weight, rows) -> tuple:
    """``(X_batch,)``, ``(X_batch, y)`` or ``(X_batch, y, weights)`` for the
    given ``rows``: the tuples Keras reads from a ``PyDataset``."""
    batch = (X_batch,)
    if y is not None:
        batch += (y[rows],)
        if sample_weight is not None:
            batch += (sample_weight[rows],)
    return batch


class WindowBatches(keras.utils.PyDataset):
    """Batches of ``X[rows]`` (and ``y``, ``sample_weight``) gathered on demand.

    Parameters
    ----------
    X : ndarray
        Samples, typically a strided window view; never copied whole.
    y, sample_weight : ndarray or None
        Targets and weights aligned with ``X``.
    rows : ndarray of int or None
        The samples to serve (all when None), in this order unless shuffled.
    batch_size : int
        Samples per batch; the last batch may be smaller.
    rng : numpy.random.Generator or None
        Reshuffles ``rows`` before every epoch when given.
    """

    def __init__(
        self, X, y=None, sample_weight=None, *, rows=None, batch_size=32, rng=None
    ):
        super().__init__(workers=prefetch_workers())
        self.X, self.y, self.sample_weight = X, y, sample_weight
        self.rows = np.arange(len(X)) if rows is None else np.asarray(rows)
        self.batch_size = batch_size
        self.rng = rng
        self.order = self._shuffled()

    def _shuffled(self) -> np.ndarray:
        return self.rows if self.rng is None else self.rng.permutation(self.rows)

    def __len__(self) -> int:
        return math.ceil(len(self.rows) / self.batch_size)

    def __getitem__(self, index: int):
        # Sorted rows read the view front to back: kinder to the cache.
        rows = np.sort(
            self.order[index * self.batch_size : (index + 1) * self.batch_size]
        )
        return batch_tuple(self.X[rows], self.y, self.sample_weight, rows)

    def on_epoch_end(self) -> None:
        self.order = self._shuffled()
