"""Rolling-origin evaluation (backtesting) of window pipelines.

The public home of ``backtest``; the code lives in the time-series
wing (``skseq.timeseries``).
"""

from skseq.timeseries import backtest

__all__ = ["backtest"]
