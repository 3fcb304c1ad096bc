"""The cleaning policy of ``fetch_jena_climate`` (see its Notes): repeated
time stamps dropped, -9999 sentinels and missing rows interpolated on a
regular 10-minute grid, the counts recorded in ``frame.attrs["cleaning"]``."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

_STEP = pd.Timedelta("10min")
_SENTINEL = -9999.0


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Apply the cleaning policy of :func:`fetch_jena_climate` (see its Notes)."""
    frame = frame.sort_index(kind="stable")
    repeated = frame.index.duplicated(keep="first")
    duplicates = int(repeated.sum())
    if duplicates:
        dropped = frame[repeated]
        kept = frame[~repeated]
        a = dropped.to_numpy()
        b = kept.reindex(dropped.index).to_numpy()
        differ = int((~((a == b) | (np.isnan(a) & np.isnan(b)))).any(axis=1).sum())
        if differ:
            warnings.warn(
                f"{differ} of the {duplicates} rows with a repeated time stamp "
                "have values different from the first row with that time stamp; "
                "kept the first.",
                UserWarning,
                stacklevel=3,
            )
        frame = kept

    sentinel = frame.to_numpy() == _SENTINEL
    sentinels = int(sentinel.sum())
    if sentinels:
        frame = frame.mask(sentinel)

    inserted = 0
    if len(frame):
        start = frame.index[0]
        grid = pd.date_range(start, frame.index[-1], freq=_STEP, unit=frame.index.unit)
        grid.name = frame.index.name
        off_grid = int(((frame.index - start) % _STEP != pd.Timedelta(0)).sum())
        inserted = len(grid) - (len(frame) - off_grid)
        if off_grid:
            warnings.warn(
                f"{off_grid} rows have time stamps off the 10-minute grid starting "
                f"at {start}; they were used to interpolate, then dropped.",
                UserWarning,
                stacklevel=3,
            )
            frame = frame.reindex(frame.index.union(grid))
        else:
            frame = frame.reindex(grid)
        if frame.isna().to_numpy().any():
            frame = frame.interpolate(method="time").ffill().bfill()
        if off_grid:
            frame = frame.reindex(grid)

    frame.attrs["cleaning"] = {
        "duplicates_dropped": duplicates,
        "rows_inserted": inserted,
        "sentinels_replaced": sentinels,
    }
    return frame
