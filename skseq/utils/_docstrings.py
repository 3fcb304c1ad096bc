"""Docstring fragments shared by several public methods, filled in with
``Substitution`` (imbalanced-learn's ``imblearn.utils.Substitution``): one
text, kept in one place, instead of copies that drift apart."""

from __future__ import annotations


class Substitution:
    r"""Decorator: fill ``{name}`` fields of a docstring with ``str.format``.

    Parameters
    ----------
    **fragments : str
        The texts by field name. Literal braces in the docstring are doubled
        (``{{`` and ``}}``), as ``str.format`` reads them.

    Examples
    --------
    >>> from skseq.utils import Substitution
    >>> def root(x):
    ...     return x**0.5
    >>> root.__doc__ = "Raises\n------\n{raises}"
    >>> print(Substitution(raises="ValueError\n    If x < 0.")(root).__doc__)
    Raises
    ------
    ValueError
        If x < 0.
    """

    def __init__(self, **fragments: str):
        self.fragments = fragments

    def __call__(self, obj):
        obj.__doc__ = obj.__doc__.format(**self.fragments)
        return obj
