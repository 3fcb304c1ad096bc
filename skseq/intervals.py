"""Quantile forecasts through the wrappers of a quantile regressor, and
their coverage.

The public home of ``predict_quantiles`` and ``interval_coverage``; the code
lives in the time-series wing (``skseq.timeseries``).
"""

from skseq.timeseries import interval_coverage, predict_quantiles

__all__ = ["interval_coverage", "predict_quantiles"]
