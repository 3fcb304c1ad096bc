"""Checks of single values and the float32 limit: a leaf, importing no skseq
module, so that any wing can read it without climbing a floor."""

from __future__ import annotations

from numbers import Integral

import numpy as np

# The largest value a network's float32 input or target holds.
FLOAT32_MAX = float(np.finfo(np.float32).max)
TOO_LARGE_FOR_FLOAT32 = f"too large for float32 (at most {FLOAT32_MAX:.4g})"


def first_bad(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0])


def is_int(value, at_least=None) -> bool:
    """An integer (not a bool), optionally no smaller than ``at_least``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        return False
    return at_least is None or bool(value >= at_least)


def first_beyond_float32(values: np.ndarray) -> tuple[int, ...] | None:
    """Index of the first finite value of ``values`` that float32, the
    precision every network trains in, cannot hold; None when all fit.

    Behind the series columns and the regression targets, so that each
    names the value instead of the "inf" it would become (sequence X, which
    may be a lazy window view, reads only the value it located).
    """
    with np.errstate(invalid="ignore"):
        beyond = np.isfinite(values) & (np.abs(values) > FLOAT32_MAX)
    return first_bad(beyond) if beyond.any() else None


def non_finite_name(value) -> str:
    """How an error names a non-finite value: "NaN", "inf" or "-inf"."""
    return "NaN" if np.isnan(value) else ("inf" if value > 0 else "-inf")
