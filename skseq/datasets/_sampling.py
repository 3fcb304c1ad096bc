"""Class-balanced subsets of a labelled frame, for quick runs on large data."""

from __future__ import annotations

import numpy as np
import pandas as pd


def balanced_sample(
    frame: pd.DataFrame,
    n_samples: int | None = None,
    *,
    target: str = "label",
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Draw the same number of rows of each class, without replacement.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to draw from, e.g. ``fetch_imdb("train").frame``.
    n_samples : int or None, default=None
        How many rows in all: ``n_samples // n_classes`` of each class, so it
        must be a multiple of the number of classes. None returns ``frame``
        itself, unchanged (a "full run" setting).
    target : str, default="label"
        The column holding the classes.
    random_state : int, RandomState instance or None, default=None
        Seed of the draw; an int gives the same rows on every machine.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, frame.shape[1])
        The drawn rows with their original index, grouped by class in sorted
        class order, each class in random order (this is pandas'
        ``frame.groupby(target).sample``).

    Raises
    ------
    ValueError
        If ``target`` is not a column, ``n_samples`` is not a positive multiple
        of the number of classes, or a class has fewer rows than it asks for.

    Examples
    --------
    >>> import pandas as pd
    >>> from skseq.datasets import balanced_sample
    >>> frame = pd.DataFrame({"text": list("abcdefgh"), "label": [0] * 6 + [1] * 2})
    >>> sample = balanced_sample(frame, 4, random_state=0)
    >>> sample["label"].tolist()
    [0, 0, 1, 1]
    >>> balanced_sample(frame) is frame
    True
    """
    if n_samples is None:
        return frame
    if target not in frame.columns:
        raise ValueError(
            f"target={target!r} is not a column of the frame; its columns are "
            f"{list(frame.columns)}"
        )
    counts = frame[target].value_counts()
    n_classes = len(counts)
    if (
        isinstance(n_samples, bool)
        or not isinstance(n_samples, int | np.integer)
        or n_samples < n_classes
        or n_samples % n_classes
    ):
        raise ValueError(
            f"n_samples must be a positive multiple of the number of classes "
            f"({n_classes}) or None; got n_samples={n_samples!r}"
        )
    per_class = int(n_samples) // n_classes
    if per_class > counts.min():
        smallest = counts.idxmin()
        smallest = getattr(smallest, "item", lambda: smallest)()  # np.int64(0) -> 0
        raise ValueError(
            f"n_samples={n_samples} asks for {per_class} rows of each class, but "
            f"class {smallest!r} has {counts.min()}"
        )
    return frame.groupby(target).sample(per_class, random_state=random_state)
