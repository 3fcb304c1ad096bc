"""Checks of a time series before windowing: numeric columns, time order,
missing rows and missing values, each error naming the row and column."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from skseq._validation import _first_bad, non_finite_name

# A missing-value code in the Jena data (and other station records).
_SENTINEL = -9999.0


def _as_numeric(arr: np.ndarray, name: str) -> np.ndarray:
    try:
        return arr.astype(np.float64)
    except (TypeError, ValueError) as exc:
        row, j = next(
            (i, j) for i, j in np.ndindex(arr.shape) if _not_a_number(arr[i, j])
        )
        # TypeError for things that are no numbers at all (dicts, lists),
        # ValueError for text, as float() itself distinguishes them.
        raise type(exc)(
            f"{name} needs numeric columns; column {j} holds {arr[row, j]!r} at "
            f"row {row} (dtype {arr.dtype}): {exc}"
        ) from None


def _not_a_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return True
    return False


# Share of time steps longer than usual above which rows look sampled
# (a shuffled KFold drops 1/k of them) rather than occasionally missing.
_GAP_SHARE = 0.05


def _check_time_order(index: pd.Index, name: str, argument: str = "X") -> None:
    """Refuse a DatetimeIndex that is not strictly increasing; warn when many
    rows seem to be missing from it."""
    if not isinstance(index, pd.DatetimeIndex):
        return
    if index.is_monotonic_increasing and index.is_unique:
        _warn_if_rows_missing(index, name, argument)
        return
    position = int(np.flatnonzero(np.diff(index.asi8) <= 0)[0]) + 1
    raise ValueError(
        f"{name} needs rows in time order, but {argument}'s DatetimeIndex does not "
        f"increase at row {position}: {index[position]} follows "
        f"{index[position - 1]}. Sort by time and drop repeated timestamps "
        "first (and split with TimeSeriesSplit, not a shuffled KFold)."
    )


def _warn_if_rows_missing(index: pd.DatetimeIndex, name: str, argument: str) -> None:
    if len(index) < 3:
        return
    steps = np.diff(index.asi8)
    usual = np.median(steps)
    long_steps = int(np.count_nonzero(steps > 1.5 * usual))
    if long_steps > _GAP_SHARE * len(steps):
        warnings.warn(
            f"{long_steps} of the {len(steps)} steps of {argument}'s DatetimeIndex are "
            f"longer than the usual {pd.Timedelta(int(usual), unit=index.unit)}: "
            f"rows seem to be missing, as after a shuffled split such as "
            f"KFold(shuffle=True). {name}'s windows would then span the gaps; "
            "split time series with TimeSeriesSplit.",
            UserWarning,
            stacklevel=6,
        )


def _check_finite(arr: np.ndarray, columns: list[str], index, name: str) -> None:
    finite = np.isfinite(arr)
    if not finite.all():
        row, col = _first_bad(~finite)
        label = f" (index {index[row]})" if index is not None else ""
        raise ValueError(
            f"{name} got {non_finite_name(arr[row, col])} in column "
            f"{columns[col]!r} at row {row}{label}; fill or interpolate missing "
            "values before windowing"
        )
    sentinel = (arr == _SENTINEL).any(axis=0)
    if sentinel.any():
        column = columns[int(np.flatnonzero(sentinel)[0])]
        warnings.warn(
            f"column {column!r} of X holds {_SENTINEL}, a common missing-value "
            "code; replace such values before windowing if they are not real",
            UserWarning,
            stacklevel=4,
        )
