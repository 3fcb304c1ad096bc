"""The common-sense baseline every forecaster has to beat.

The public home of ``PersistenceRegressor``; the code lives in the time-series
wing (``skseq.timeseries``).
"""

from skseq.timeseries import PersistenceRegressor

__all__ = ["PersistenceRegressor"]
