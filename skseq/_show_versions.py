"""``skseq.show_versions()``: what to paste into a bug report."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

# Distributions whose version a bug report needs, in print order. A Keras
# backend is whichever of the last ones Keras runs on.
_DEPENDENCIES = ["scikit-learn", "scikeras", "keras", "numpy", "pandas", "scipy"]
_BACKENDS = {
    "tensorflow": ["tensorflow", "tensorflow-cpu"],
    "jax": ["jax", "jaxlib"],
    "torch": ["torch"],
}


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _versions() -> dict[str, dict[str, str | None]]:
    """System, dependency and backend versions, as ``show_versions`` prints."""
    import keras  # imported only here: it starts the backend

    from skseq._version import __version__

    backend = keras.backend.backend()
    found = {name: _version(name) for name in _BACKENDS.get(backend, [backend])}
    return {
        "System": {
            "python": sys.version.replace("\n", " "),
            "executable": sys.executable,
            "machine": platform.platform(),
        },
        "Python dependencies": {
            "skseq": __version__,
            **{name: _version(name) for name in _DEPENDENCIES},
        },
        "Keras backend": {
            "backend": backend,
            **{name: version for name, version in found.items() if version},
        },
    }


def show_versions() -> None:
    """Print the versions of skseq, Python, its dependencies and the Keras backend.

    Paste its output into a bug report: results depend on the scikit-learn,
    SciKeras and Keras versions and on the Keras backend (``KERAS_BACKEND``),
    as scikit-learn's :func:`sklearn.show_versions` does for scikit-learn.
    Importing Keras starts the backend, which may take a few seconds.

    Returns
    -------
    None
        The versions are printed to standard output: the Python version,
        executable and platform; skseq, scikit-learn, SciKeras, Keras, NumPy,
        pandas and SciPy (None for one that is not installed); the Keras
        backend's name and the version of its library (``tensorflow`` or
        ``tensorflow-cpu``, ``jax`` and ``jaxlib``, or ``torch``).

    See Also
    --------
    sklearn.show_versions : the same for scikit-learn alone.

    Examples
    --------
    >>> import skseq
    >>> skseq.show_versions()  # doctest: +ELLIPSIS
    <BLANKLINE>
    System:
        python: 3...
    <BLANKLINE>
    Python dependencies:
         skseq: ...
    scikit-learn: ...
    ...
    Keras backend:
       backend: ...
    """
    for section, entries in _versions().items():
        print(f"\n{section}:")
        width = max(map(len, entries))
        for name, version in entries.items():
            print(f"{name:>{width}}: {version}")
