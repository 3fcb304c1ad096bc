"""scikit-learn's output API for transformers whose output is no table."""

from __future__ import annotations

_CHOICES = ("default", "pandas", "polars")


class ArrayOutput:
    """Mixin (before ``TransformerMixin``): ``set_output`` is accepted, and
    the output stays a NumPy array.

    A token matrix (one id per position) or a 3-D window array has no
    columns to name, so ``Pipeline(...).set_output(transform="pandas")``
    and ``sklearn.set_config(transform_output="pandas")`` turn the 2-D
    outputs of the other steps (``StandardScaler``, ``CalendarFeatures``)
    into DataFrames and leave these as arrays. Declare the class with
    ``auto_wrap_output_keys=None`` so that scikit-learn does not wrap it.
    """

    def set_output(self, *, transform=None):
        """Accept scikit-learn's output API; this output stays an array.

        Parameters
        ----------
        transform : {"default", "pandas", "polars"} or None, default=None
            The container asked for by the pipeline or the user. Token
            matrices and windows stay NumPy arrays whatever it is.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If ``transform`` is none of the above.
        """
        if transform is not None and transform not in _CHOICES:
            raise ValueError(
                f"transform must be one of {_CHOICES} or None; got {transform!r}"
            )
        return self
