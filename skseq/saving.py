"""Saving fitted skseq objects: versions in every pickle, checked files.

Every skseq estimator and transformer pickles (``joblib.dump``, ``pickle``)
with the skseq, Keras and backend versions it was saved under, and warns
(``VersionWarning``) when it is loaded under another skseq or Keras version.
This module was ``skseq.persistence`` before 0.2, a name now reserved for
the last-value forecast (``PersistenceRegressor``).

``save`` and ``load`` add what a pickle cannot: the file is written
atomically (a crash mid-save leaves any previous file intact) and carries a
SHA-256 checksum, so that a truncated or corrupted file is refused with a
clear error instead of unpickling into a traceback or, worse, into a model
with silently wrong weights.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import struct
import warnings
from pathlib import Path

import joblib

from skseq.utils import (
    IncompatibleVersionError,
    VersionWarning,
    versions,
    warn_if_versions_differ,
)

__all__ = [
    "IncompatibleVersionError",
    "VersionWarning",
    "load",
    "save",
    "saved_versions",
    "versions",
]

_MAGIC = b"SKSEQ-MODEL\n"
_FORMAT = 1
_HEADER_SIZE = struct.Struct("<Q")


def save(obj, path, *, compress: int = 3) -> Path:
    """Write ``obj`` (a fitted estimator or pipeline) to ``path``, checked.

    The file holds a small JSON header (format, versions, size and SHA-256
    of the payload) followed by the ``joblib.dump`` of ``obj``. It is
    written to a temporary file in the same folder, then renamed over
    ``path``.

    Parameters
    ----------
    obj : object
        Anything joblib can pickle; typically a fitted ``Pipeline``.
    path : str or path-like
        Where to write. An existing file is replaced only once the new one
        is complete.
    compress : int, default=3
        joblib's zlib level, 0-9.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError
        If ``compress`` is not a level joblib knows (0-9).
    OSError
        If ``path``'s folder does not exist or cannot be written, or
        ``path`` is a folder (``FileNotFoundError``, ``PermissionError``,
        ``IsADirectoryError``); any file at ``path`` is left as it was.
    pickle.PicklingError
        If ``obj`` holds what pickle cannot find by name (a lambda, a class
        defined in a function); nothing is written.
    TypeError
        If ``obj`` holds what pickle refuses outright (a lock, an open
        file); nothing is written.

    Examples
    --------
    >>> import numpy as np, tempfile, os
    >>> from skseq import SequencePadder
    >>> from skseq.saving import save, load
    >>> padder = SequencePadder(maxlen=3).fit([[1, 2], [3, 4, 5, 6]])
    >>> path = save(padder, os.path.join(tempfile.mkdtemp(), "padder.skseq"))
    >>> load(path).transform([[7]])
    array([[0, 0, 7]], dtype=int32)
    """
    path = Path(path)
    buffer = io.BytesIO()
    joblib.dump(obj, buffer, compress=compress)
    payload = buffer.getvalue()
    header = json.dumps(
        {
            "format": _FORMAT,
            "size": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
            "versions": versions(),
            "type": type(obj).__name__,
        }
    ).encode()
    # A fresh sibling opened like any file (not mkstemp, whose 0600 mode
    # would keep the saved model from the user's group, unlike joblib.dump).
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        with open(temporary, "xb") as file:
            file.write(_MAGIC + _HEADER_SIZE.pack(len(header)) + header + payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load(path):
    """Read an object written by :func:`save`, after checking it is whole.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    object
        The saved estimator or pipeline.

    Raises
    ------
    ValueError
        If the file is not a skseq model file, or is truncated or corrupted
        (its size or checksum differs from what ``save`` recorded).

    Warns
    -----
    VersionWarning
        If the file was saved under another skseq or Keras version.

    Examples
    --------
    >>> import os, tempfile
    >>> from skseq import SequencePadder
    >>> from skseq.saving import load, save
    >>> padder = SequencePadder(maxlen=2).fit([[1, 2, 3]])
    >>> path = save(padder, os.path.join(tempfile.mkdtemp(), "padder.skseq"))
    >>> load(path).transform([[4, 5, 6]])
    array([[5, 6]], dtype=int32)
    """
    path = Path(path)
    header, payload = _read(path)
    if len(payload) != header["size"]:
        raise ValueError(
            f"{path} is truncated: it holds {len(payload):,} of the "
            f"{header['size']:,} bytes of model data that were saved. Save the "
            "model again or restore the file from a backup."
        )
    if hashlib.sha256(payload).hexdigest() != header["sha256"]:
        raise ValueError(
            f"{path} is corrupted: its model data does not match the checksum "
            "recorded when it was saved. Save the model again or restore the "
            "file from a backup."
        )
    name = header.get("type", "model")
    warn_if_versions_differ(name, header["versions"], versions())
    with warnings.catch_warnings():
        # Said once above, for the whole file.
        warnings.simplefilter("ignore", VersionWarning)
        return joblib.load(io.BytesIO(payload))


def saved_versions(path) -> dict[str, str]:
    """The versions ``path`` was saved with, read without unpickling it.

    Parameters
    ----------
    path : str or path-like
        A file written by :func:`save`.

    Returns
    -------
    dict of str to str
        ``"skseq"``, ``"keras"`` and ``"backend"``, as :func:`versions`
        gave them when the file was saved.

    Raises
    ------
    ValueError
        If the file is not a skseq model file or its header is truncated or
        corrupted.

    Examples
    --------
    >>> import os, tempfile
    >>> from skseq import SequencePadder
    >>> from skseq.saving import save, saved_versions, versions
    >>> padder = SequencePadder(maxlen=2).fit([[1, 2, 3]])
    >>> path = save(padder, os.path.join(tempfile.mkdtemp(), "padder.skseq"))
    >>> saved_versions(path) == versions()
    True
    """
    with Path(path).open("rb") as file:
        return dict(_header(file, Path(path))["versions"])


def _read(path: Path) -> tuple[dict, bytes]:
    with path.open("rb") as file:
        return _header(file, path), file.read()


def _header(file, path: Path) -> dict:
    """The JSON header at the start of ``file``, which is left just after it."""
    if file.read(len(_MAGIC)) != _MAGIC:
        raise ValueError(
            f"{path} is not a skseq model file (written by skseq.saving."
            "save); for a plain joblib file use joblib.load"
        )
    try:
        (header_size,) = _HEADER_SIZE.unpack(file.read(_HEADER_SIZE.size))
        header = json.loads(file.read(header_size))
        if not isinstance(header, dict) or header.get("format") != _FORMAT:
            raise ValueError("unknown header format")
        missing = {"size", "sha256", "versions"} - header.keys()
        if missing:
            raise ValueError(f"the header lacks {sorted(missing)}")
    except (struct.error, ValueError) as exc:
        raise ValueError(
            f"{path} is truncated or corrupted: its header cannot be read ({exc})"
        ) from None
    return header
