"""Checks of a time series before windowing: numeric columns, time order,
missing rows and missing values, each error naming the row and column."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from skseq.utils import (
    TOO_LARGE_FOR_FLOAT32,
    first_bad,
    first_beyond_float32,
    non_finite_name,
)

# A missing-value code in the Jena data (and other station records).
_SENTINEL = -9999.0


def as_numeric(arr: np.ndarray, name: str) -> np.ndarray:
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


# Share of steps that skip rows above which rows look sampled (a shuffled
# KFold(5) drops one row in five) rather than occasionally missing.
_GAP_SHARE = 0.05
# On business days public holidays alone skip up to about 15 weekdays a year
# (6 % of them), so a shuffled split shows only above twice the usual share.
_BUSINESS_GAP_SHARE = 0.10
# A single gap of this many rows is an outage that windows would span as one
# step; shorter ones pass (a dropped reading, the Jena record's 30-minute gap,
# the 24-26 December run of holidays), a missing business week does not.
_OUTAGE_ROWS = 4


@dataclass(frozen=True)
class _Steps:
    """The steps of a DatetimeIndex measured in its own regular pattern."""

    missing: np.ndarray  # rows that seem missing after each row, 0 if none
    usual: str  # the regular step, for messages
    alias: str  # its pandas frequency, to reindex with asfreq
    gap_share: float  # share of gaps above which rows look sampled


def check_time_order(index: pd.Index, name: str, argument: str = "X") -> None:
    """Refuse a DatetimeIndex that is not strictly increasing; warn when rows
    seem to be missing from the regular pattern it otherwise follows."""
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
    """Warn when many steps skip rows (a shuffled split) or one skips many
    (an outage), naming the first such gap."""
    if len(index) < 3:
        return
    steps = _own_steps(index)
    if steps is None:
        return
    gaps = np.flatnonzero(steps.missing)
    if gaps.size > steps.gap_share * len(steps.missing):
        message = _sampled_message(index, steps, gaps, name, argument)
    else:
        outages = gaps[steps.missing[gaps] >= _OUTAGE_ROWS]
        if not outages.size:
            return
        message = _outage_message(index, steps, outages, name, argument)
    warnings.warn(message, UserWarning, stacklevel=6)


def _own_steps(index: pd.DatetimeIndex) -> _Steps | None:
    """The index's steps in its own calendar: business days when it holds
    weekdays only, one a day, else multiples of its most common step; None
    when pandas finds a frequency it follows exactly (no row is missing)."""
    if index.freq is not None or _inferred_freq(index) is not None:
        return None
    business = _business_day_steps(index)
    if business is not None:
        return _Steps(business - 1, "1 business day", "B", _BUSINESS_GAP_SHARE)
    return _fixed_steps(index)


def _inferred_freq(index: pd.DatetimeIndex) -> str | None:
    try:
        with warnings.catch_warnings():
            # pandas 3 warns that a later version returns an offset, not a
            # string: only None matters here.
            warnings.simplefilter("ignore", DeprecationWarning)
            return pd.infer_freq(index)
    except (TypeError, ValueError):  # too short, or no frequency to infer
        return None


def _business_day_steps(index: pd.DatetimeIndex) -> np.ndarray | None:
    """Business days from each stamp to the next, or None unless the index
    holds one stamp a weekday and most steps are one business day (holidays
    then skip a weekday, weekends nothing)."""
    local = index.tz_localize(None) if index.tz is not None else index
    days = local.normalize()
    if (local.day_of_week >= 5).any() or not days.is_unique:
        return None
    dates = days.to_numpy().astype("datetime64[D]")
    steps = np.busday_count(dates[:-1], dates[1:])
    return steps if _mode(steps) == 1 else None


def _fixed_steps(index: pd.DatetimeIndex) -> _Steps:
    """Steps as multiples of the most common one: the step the series
    follows even when many rows are gone (the median would lengthen)."""
    steps = np.diff(index.asi8)
    unit = _mode(steps)
    ratio = steps / unit
    # A step up to half again as long is jitter in the stamps, not a row.
    rows = np.maximum(np.rint(ratio).astype(np.int64) - 1, 1)
    usual = pd.Timedelta(unit, unit=index.unit)
    missing = np.where(ratio > 1.5, rows, 0)
    return _Steps(missing, _describe(usual), _alias(usual), _GAP_SHARE)


def _mode(values: np.ndarray) -> int:
    distinct, counts = np.unique(values, return_counts=True)
    return int(distinct[np.argmax(counts)])


def _describe(step: pd.Timedelta) -> str:
    """``step`` in words: ``"1 hour"``, ``"10 minutes"``, ``"1 day 6 hours"``."""
    parts = step.components
    amounts = [
        (parts.days, "day"),
        (parts.hours, "hour"),
        (parts.minutes, "minute"),
        (parts.seconds, "second"),
    ]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in amounts if n]
    # Sub-second steps keep pandas's own notation.
    return " ".join(words) if words and step == step.floor("s") else str(step)


def _alias(step: pd.Timedelta) -> str:
    """The pandas frequency of ``step``: ``"h"``, ``"10min"``, ``"1D"``."""
    if step % pd.Timedelta(days=1) == pd.Timedelta(0):
        return f"{step.days}D"
    return to_offset(step).freqstr


def _first_gap(index: pd.DatetimeIndex, steps: _Steps, gaps: np.ndarray):
    """The stamps either side of the first of ``gaps``, and its missing rows."""
    row = int(gaps[0])
    missing = int(steps.missing[row])
    rows = "1 row" if missing == 1 else f"{missing} rows"
    return index[row], index[row + 1], rows


def _sampled_message(index, steps, gaps, name, argument) -> str:
    start, end, rows = _first_gap(index, steps, gaps)
    return (
        f"{gaps.size} of the {len(steps.missing)} steps of {argument}'s "
        f"DatetimeIndex are longer than its usual step of {steps.usual} (the "
        f"first, from {start} to {end}, skips {rows}): rows seem to be missing, "
        f"as after a shuffled split such as KFold(shuffle=True). {name}'s "
        "windows would then span the gaps; split time series with TimeSeriesSplit."
    )


def _outage_message(index, steps, outages, name, argument) -> str:
    start, end, rows = _first_gap(index, steps, outages)
    more = f" (the first of {outages.size} such gaps)" if outages.size > 1 else ""
    return (
        f"{argument}'s DatetimeIndex, which otherwise steps by {steps.usual}, "
        f"jumps from {start} to {end}, where {rows} seem to be missing{more}. "
        f"{name}'s windows would span the gap as if it were one step; reindex "
        "and fill the missing rows first, e.g. "
        f"{argument}.asfreq({steps.alias!r}).interpolate('time')."
    )


def check_finite(arr: np.ndarray, columns: list[str], index, name: str) -> None:
    finite = np.isfinite(arr)
    if not finite.all():
        row, col = first_bad(~finite)
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


def check_float32_range(X, arr, columns, index, name) -> None:
    """Refuse finite values of ``X`` that became infinite in float32 ``arr``,
    naming them, rather than as "inf" that ``X`` does not hold."""
    if np.isfinite(arr).all():
        return
    if isinstance(X, pd.DataFrame):
        values = X.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        values = np.asarray(X)
        if not np.issubdtype(values.dtype, np.number):
            values = as_numeric(values, name)
    beyond = first_beyond_float32(values)
    if beyond is not None:
        row, col = beyond
        label = f" (index {index[row]})" if index is not None else ""
        raise ValueError(
            f"{name} got {float(values[row, col]):.6g} in column "
            f"{columns[col]!r} at row {row}{label}, {TOO_LARGE_FOR_FLOAT32}, "
            "the precision of the windows; rescale X "
            "first, e.g. with a StandardScaler"
        )


def check_numeric_columns(X: pd.DataFrame, name: str) -> list[str]:
    """``X``'s column names as strings; a ValueError naming a non-numeric one."""
    columns = [str(c) for c in X.columns]
    for column, dtype in zip(columns, X.dtypes, strict=True):
        if not pd.api.types.is_numeric_dtype(dtype):
            raise ValueError(
                f"{name} needs numeric columns; column {column!r} has "
                f"dtype {dtype}. Drop it or encode it as numbers."
            )
    return columns
