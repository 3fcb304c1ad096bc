"""Versions in every pickle: the mixin behind every skseq class.

Every skseq estimator and transformer pickles with the skseq, Keras and
backend versions it was saved under, and warns when it is loaded under
another skseq or Keras version (``skseq.saving`` documents it for users).
"""

from __future__ import annotations

import sys
import warnings
from importlib import metadata


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


class IncompatibleVersionError(ValueError):
    """A pickle holds state this skseq version cannot read.

    Raised while unpickling (``joblib.load``, ``pickle.load``,
    ``skseq.saving.load``) a fitted estimator saved by an skseq release
    older than the state it needs, such as a model fitted with skseq 0.1
    (its target encoders changed in 0.2). Load it with the skseq version it
    was saved with, or refit it.

    Examples
    --------
    >>> from skseq.saving import IncompatibleVersionError
    >>> issubclass(IncompatibleVersionError, ValueError)
    True
    """


def versions() -> dict[str, str]:
    """The skseq, Keras and Keras backend versions of this process.

    Reads Keras only if it is already imported: pickling a transformer does
    not start Keras (the utils wing never imports it, docs/development.md).

    Returns
    -------
    dict of str to str
        ``"skseq"``, ``"keras"`` (the installed Keras) and ``"backend"``
        (the Keras backend's name, e.g. "tensorflow", or "not started"
        while Keras is not imported).

    Examples
    --------
    >>> from skseq.saving import versions
    >>> sorted(versions())
    ['backend', 'keras', 'skseq']
    """
    from skseq._version import __version__

    keras = sys.modules.get("keras")
    if keras is None:
        return {
            "skseq": __version__,
            "keras": metadata.version("keras"),
            "backend": "not started",
        }
    return {
        "skseq": __version__,
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
    }


class VersionedState:
    """Mixin: pickles carry ``versions()``; unpickling compares them.

    Mix in before ``BaseEstimator`` (or SciKeras's wrappers). A class whose
    fitted state changed sets ``_readable_since`` to the first release whose
    pickles it reads: an older pickle of it fails with
    ``IncompatibleVersionError`` instead of an ``AttributeError`` at
    ``predict``. Pickles from skseq 0.1 carry no versions. A parameter the
    class gained after the file was saved takes its default on loading.
    """

    _readable_since: str | None = None  # "0.2": pickles from 0.2 on

    def __getstate__(self):
        # A copy: Python's default __getstate__ returns the live __dict__.
        state = dict(super().__getstate__())
        state["_skseq_versions"] = versions()
        return state

    def __setstate__(self, state):
        saved = state.get("_skseq_versions")
        name = type(self).__name__
        if self._readable_since is not None and _release(saved) < _release(
            {"skseq": self._readable_since}
        ):
            saved_with = saved["skseq"] if saved else "0.1 or earlier"
            raise IncompatibleVersionError(
                f"this {name} was saved with skseq {saved_with}; skseq "
                f"{versions()['skseq']} reads {name} files saved with skseq "
                f"{self._readable_since} or later only, as its fitted state "
                "changed. Load it with the skseq version it was saved with, or "
                "refit it."
            )
        if saved is None:
            # skseq 0.1 recorded no versions: warn about skseq alone, as the
            # Keras version it ran is unknown.
            saved = {"skseq": "0.1 or earlier", "keras": versions()["keras"]}
        warn_if_versions_differ(name, saved, versions())
        super().__setstate__({**_defaults_of_new_params(type(self), state), **state})


def _defaults_of_new_params(cls, state: dict) -> dict:
    """The values of ``cls``'s parameters that ``state`` lacks: parameters
    added after the file was saved. Their default keeps the old behaviour
    (skseq's rule for adding one), unless the class names the value that
    does in ``_values_before_params`` (a default chosen later by
    measurement); so the estimator loads as it was and ``get_params``,
    ``clone`` and a refit work."""
    import inspect

    before = getattr(cls, "_values_before_params", {})
    return {
        name: before.get(name, param.default)
        for name, param in inspect.signature(cls.__init__).parameters.items()
        if param.default is not inspect.Parameter.empty and name not in state
    }


def _release(saved: dict | None) -> tuple[int, int]:
    """``(major, minor)`` of a pickle's skseq version; ``(0, 1)`` for a pickle
    without versions (skseq 0.1 recorded none)."""
    if not saved:
        return (0, 1)
    major, minor = (saved["skseq"].split(".") + ["0"])[:2]
    return (int(major), int("".join(c for c in minor if c.isdigit()) or 0))


def warn_if_versions_differ(name: str, saved: dict, current: dict) -> None:
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
