"""What a fitted estimator wraps."""

from __future__ import annotations


def final_estimator(estimator):
    """The estimator inside search objects, pipelines and target transformers.

    Follows ``best_estimator_`` (searches), ``regressor_``
    (``TransformedTargetRegressor``) and ``_final_estimator`` (``Pipeline``)
    down to the estimator that none of them wraps.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skseq.utils import final_estimator
    >>> final_estimator(make_pipeline(StandardScaler(), Ridge()))
    Ridge()
    """
    for attr in ("best_estimator_", "regressor_", "_final_estimator"):
        if hasattr(estimator, attr):
            return final_estimator(getattr(estimator, attr))
    return estimator
