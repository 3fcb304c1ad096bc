"""Versions in every pickle: the mixin behind every skseq class.

Every skseq estimator and transformer pickles with the skseq, Keras and
backend versions it was saved under, and warns when it is loaded under
another skseq or Keras version (``skseq.saving`` documents it for users).
"""

from __future__ import annotations

import warnings


class VersionWarning(UserWarning):
    """A pickle made under another skseq or Keras version was loaded.

    A model may predict differently, or fail, under other versions than
    those it was saved with: refit it, or load it with those versions.

    Examples
    --------
    >>> import warnings
    >>> from skseq.saving import VersionWarning, load
    >>> issubclass(VersionWarning, UserWarning)
    True
    >>> with warnings.catch_warnings():  # refuse models from other versions
    ...     warnings.simplefilter("error", VersionWarning)
    ...     model = load("model.skseq")  # doctest: +SKIP
    """


def versions() -> dict[str, str]:
    """The skseq, Keras and Keras backend versions of this process.

    Returns
    -------
    dict of str to str
        ``"skseq"``, ``"keras"`` and ``"backend"`` (the Keras backend's
        name, e.g. "tensorflow").

    Examples
    --------
    >>> from skseq.saving import versions
    >>> sorted(versions())
    ['backend', 'keras', 'skseq']
    """
    import keras

    from skseq._version import __version__

    return {
        "skseq": __version__,
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
    }


class VersionedState:
    """Mixin: pickles carry ``versions()``; unpickling compares them.

    Mix in before ``BaseEstimator`` (or SciKeras's wrappers).
    """

    def __getstate__(self):
        # A copy: Python's default __getstate__ returns the live __dict__.
        state = dict(super().__getstate__())
        state["_skseq_versions"] = versions()
        return state

    def __setstate__(self, state):
        saved = state.get("_skseq_versions")
        if saved is not None:
            _warn_if_versions_differ(type(self).__name__, saved, versions())
        super().__setstate__(state)


def _warn_if_versions_differ(name: str, saved: dict, current: dict) -> None:
    for package in ("skseq", "keras"):
        if saved.get(package) != current[package]:
            warnings.warn(
                f"this {name} was saved with {package} {saved.get(package)} and "
                f"is loaded with {package} {current[package]}; it may predict "
                "differently or fail. Refit it, or load it with the version it "
                "was saved with.",
                VersionWarning,
                stacklevel=3,
            )
