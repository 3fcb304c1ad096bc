"""Whether an array is a lazy window view: NumPy only, no Keras, so that the
transformers (``SlidingWindow``) can ask without importing it."""

from __future__ import annotations

import numpy as np


def root_buffer(arr: np.ndarray) -> np.ndarray:
    """The array whose memory ``arr`` views (``arr`` itself if it owns it)."""
    root = arr
    while True:
        base = root.base
        # ``as_strided`` (behind ``sliding_window_view``) wraps its source in
        # a plain object whose ``base`` is the array.
        base = getattr(base, "base", None) if not isinstance(base, np.ndarray) else base
        if not isinstance(base, np.ndarray):
            return root
        root = base


def is_lazy(X) -> bool:
    """Whether ``X`` is a view that would take more memory if materialised."""
    return isinstance(X, np.ndarray) and X.nbytes > root_buffer(X).nbytes
