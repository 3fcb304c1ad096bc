"""What the window tests share: a Pipeline of SlidingWindow and a model."""

from sklearn.pipeline import Pipeline

from skseq import SlidingWindow


def window_pipeline(model, lookback=30, step=3, delay=5):
    return Pipeline(
        [("window", SlidingWindow(lookback, step=step, delay=delay)), ("model", model)]
    )
