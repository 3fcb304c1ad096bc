"""Targets for several lead times at once, aligned with one window per row.

The public home of ``horizon_targets``; the code lives in the time-series
wing (``skseq.timeseries``).
"""

from skseq.timeseries import horizon_targets

__all__ = ["horizon_targets"]
