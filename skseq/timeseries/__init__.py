"""Time series to windows, targets, baselines and evaluation.

The time-series wing: ``_windows.py`` (``SlidingWindow``,
``CalendarFeatures``), ``_checks.py`` (time order, missing rows, missing and
out-of-range values), ``_horizons.py`` (``horizon_targets``),
``_backtesting.py`` (``backtest``), ``_intervals.py`` (``predict_quantiles``,
``interval_coverage``) and ``_baselines.py`` (``PersistenceRegressor``). No
Keras. ``skseq.horizons``, ``skseq.backtesting``, ``skseq.intervals`` and
``skseq.baselines`` stay the public homes of the last four.
"""

from skseq.timeseries._backtesting import backtest
from skseq.timeseries._baselines import PersistenceRegressor
from skseq.timeseries._horizons import horizon_targets
from skseq.timeseries._intervals import interval_coverage, predict_quantiles
from skseq.timeseries._windows import (  # noqa: F401 (importable as in 0.1)
    CalendarFeatures,
    SlidingWindow,
    incomplete_rows,
)

__all__ = [
    "CalendarFeatures",
    "PersistenceRegressor",
    "SlidingWindow",
    "backtest",
    "horizon_targets",
    "interval_coverage",
    "predict_quantiles",
]
