"""Fake official files served on localhost, for the dataset tests."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import socket
import tarfile
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pandas as pd
import pytest

from skseq.datasets import _imdb, _jena_climate

# --- IMDB: (subset, polarity, id, rating, text). Ids 2 and 10 catch a
# lexicographic sort.
REVIEWS = [
    ("train", "pos", 10, 8, "Ten out of ten.<br /><br />Loved it."),
    ("train", "neg", 10, 1, 'Dull, "quoted", and, commas.'),
    ("train", "pos", 2, 9, "Amélie meets naïve — 東京 ✓"),
    ("train", "neg", 0, 4, "NA"),
    ("train", "neg", 2, 3, "Meh.\nSecond line."),
    ("test", "neg", 0, 2, "Once again, no."),
    ("test", "pos", 1, 7, "Pretty good."),
    ("test", "pos", 0, 10, "Perfect."),
]
IGNORED = {
    "aclImdb/train/unsup/0_0.txt": "unlabelled review",
    "aclImdb/train/labeledBow.feat": "0 0:1 1:2",
    "aclImdb/train/urls_pos.txt": "http://www.imdb.com/title/tt0000000/",
    "aclImdb/imdbEr.txt": "0.1",
}
README = "Large Movie Review Dataset v1.0 (fake)\n"
VOCAB = "the\nand\nfilm\n"


def expected_frame(subset):
    rows = [(i, r, int(p == "pos"), t) for s, p, i, r, t in REVIEWS if s == subset]
    frame = pd.DataFrame(rows, columns=["id", "rating", "label", "text"])
    return frame.sort_values(["label", "id"], ignore_index=True)


def make_tarball():
    files = {f"aclImdb/{s}/{p}/{i}_{r}.txt": t for s, p, i, r, t in REVIEWS}
    files |= IGNORED | {"aclImdb/README": README, "aclImdb/imdb.vocab": VOCAB}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


# --- Jena climate ------------------------------------------------------------
JENA_HEADER = (
    '"Date Time","p (mbar)","T (degC)","Tpot (K)","Tdew (degC)","rh (%)",'
    '"VPmax (mbar)","VPact (mbar)","VPdef (mbar)","sh (g/kg)","H2OC (mmol/mol)",'
    '"rho (g/m**3)","wv (m/s)","max. wv (m/s)","wd (deg)"'
)
JENA_COLUMNS = [c.strip('"') for c in JENA_HEADER.split(",")[1:]]
JENA_ZIP = "jena_climate_2009_2016.csv.zip"
T0 = pd.Timestamp("2009-01-01 00:10")


def jena_row(minutes, values=None):
    """A classic-format CSV line ``minutes`` after T0; values default to a ramp."""
    if values is None:
        values = [round(minutes / 10 + j + 0.25, 2) for j in range(14)]
    stamp = (T0 + pd.Timedelta(minutes=minutes)).strftime("%d.%m.%Y %H:%M:%S")
    return ",".join([stamp, *(f"{v:.2f}" for v in values)])


def jena_csv(lines):
    return "\n".join([JENA_HEADER, *lines]) + "\n"


# Six regular rows; the ramp makes linear interpolation exact.
JENA_SMALL = jena_csv(jena_row(10 * i) for i in range(6))


def jena_expected(n=6):
    index = pd.date_range(T0, periods=n, freq="10min", unit="us", name="Date Time")
    ramp = np.arange(n)[:, None] + np.arange(14)[None, :] + 0.25
    return pd.DataFrame(ramp, index=index, columns=JENA_COLUMNS)


def make_zip(text, member="jena_climate_2009_2016.csv"):
    """The same bytes for the same text: a fixed member date (writestr stamps
    the current time, at 2 s resolution, and a fixture's zip and a test's
    zip made across a 2 s boundary had different SHA-256s, a CI failure of
    2026-12-07)."""
    buf = io.BytesIO()
    info = zipfile.ZipInfo(member, date_time=(2016, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(info, text)
    return buf.getvalue()


def write(path, text):
    """Write ``text`` as a plain, gzipped or zipped CSV, according to the suffix."""
    data = text.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.suffix == ".zip":
        data = make_zip(text)
    path.write_bytes(data)
    return path


# --- servers -----------------------------------------------------------------
@contextlib.contextmanager
def serve(payload, name):
    """Serve ``payload`` (bytes, or a function returning them) on localhost.

    Yield the URL and the list of requested paths.
    """
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = payload() if callable(payload) else payload
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{name}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def imdb_server(monkeypatch):
    """Serve a tiny fake aclImdb_v1.tar.gz on localhost; count the downloads."""
    payload = make_tarball()
    with serve(payload, "aclImdb_v1.tar.gz") as (url, hits):
        monkeypatch.setattr(_imdb, "IMDB_URL", url)
        monkeypatch.setattr(_imdb, "IMDB_SHA256", sha256(payload))
        yield hits


@pytest.fixture
def jena_server(monkeypatch):
    """Serve a zip of JENA_SMALL as JENA_URL; the payload can be swapped.

    The official zip's digest is not known offline (``JENA_SHA256`` is None in
    the library); the fixture pins the served zip's, so the tests check it.
    """
    payload = {"data": make_zip(JENA_SMALL)}
    with serve(lambda: payload["data"], JENA_ZIP) as (url, hits):
        monkeypatch.setattr(_jena_climate, "JENA_URL", url)
        monkeypatch.setattr(_jena_climate, "JENA_SHA256", sha256(payload["data"]))
        # The fake CSV stands in for the official one's first bytes.
        prefix = JENA_SMALL.encode()[:300]
        monkeypatch.setattr(
            _jena_climate, "JENA_CSV_PREFIX", (len(prefix), sha256(prefix))
        )
        yield payload, hits


def closed_port_url(name="aclImdb_v1.tar.gz"):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/{name}"


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
