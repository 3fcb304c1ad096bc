"""What every benchmark script shares: arguments, data, tables, JSON, timing."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

REPO = Path(__file__).resolve().parents[1]


def parser(doc: str, name: str) -> argparse.ArgumentParser:
    """An argument parser with ``--quick``, ``--data-home`` and ``--out``."""
    parser = argparse.ArgumentParser(
        description=doc.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="a small slice, for smoke checks"
    )
    parser.add_argument(
        "--data-home",
        default=os.environ.get("SKSEQ_DATA") or str(REPO.parent / "shared" / "data"),
        help="folder holding imdb/ and jena/ (default: $SKSEQ_DATA, else "
        "<repo>/../shared/data)",
    )
    parser.add_argument(
        "--out",
        default=str(REPO / "benchmarks" / "results" / f"{name}.json"),
        help="where to write the JSON results",
    )
    return parser


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1; got {value}")
    return value


def add_repeats(parser: argparse.ArgumentParser, full: int, what: str) -> None:
    """``--repeats``: ``full`` by default, 1 with ``--quick``; see ``repeats``."""
    parser.add_argument(
        "--repeats",
        type=positive_int,
        default=None,
        help=f"{what} (default {full}; 1 with --quick)",
    )
    parser.set_defaults(full_repeats=full)


def repeats(args: argparse.Namespace) -> int:
    return args.repeats or (1 if args.quick else args.full_repeats)


def add_model_choice(parser: argparse.ArgumentParser, names) -> None:
    """``--models`` (a subset of ``names``) and ``--plot`` (a PNG path)."""
    parser.add_argument(
        "--models",
        nargs="+",
        choices=list(names),
        default=list(names),
        help="models to train (default: all)",
    )
    parser.add_argument("--plot", default=None, help="PNG of the best model's curves")


def in_fresh_process(script: str, run: list, args, what: str) -> dict:
    """Run ``script --run *run`` in a new interpreter; return its JSON line."""
    command = [sys.executable, script, "--run", *map(str, run)]
    command += ["--data-home", args.data_home] + (["--quick"] if args.quick else [])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"{what} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def alternating_runs(script: str, ways, run_args, args, n_runs: int, label: str):
    """``{way: [result, ...]}`` of ``n_runs`` fresh-process runs of each way.

    ``run_args(way, i)`` is the ``--run`` argument list of one way in round
    ``i`` (0-based). The order of the ways flips every round, so that
    drifting machine load hits all alike.
    """
    ways = list(ways)
    runs = {way: [] for way in ways}
    for i in range(n_runs):
        for way in ways if i % 2 == 0 else ways[::-1]:
            what = f"{label}/{way}" if label else str(way)
            runs[way].append(in_fresh_process(script, run_args(way, i), args, what))
            log(f"{what} run {i + 1}: {runs[way][-1]}")
    return runs


def load_imdb(data_home: str, quick: bool):
    """``(train texts, train labels, test texts, test labels)`` of IMDB: all
    25,000 / 25,000 reviews, or 1,000 of each label per split with ``quick``."""
    from skseq.datasets import balanced_sample, fetch_imdb

    train = fetch_imdb("train", data_home=data_home).frame
    test = fetch_imdb("test", data_home=data_home).frame
    if quick:
        train = balanced_sample(train, 2000, random_state=0)
        test = balanced_sample(test, 2000, random_state=0)
    return train.text, train.label.to_numpy(), test.text, test.label.to_numpy()


def load_jena(data_home: str):
    """The cleaned Jena frame, from the local copy under ``data_home`` (the
    2009-2010 prefix in the shared data folder) if there is one."""
    from skseq.datasets import fetch_jena_climate, find_jena_file

    return fetch_jena_climate(data_home, path=find_jena_file(data_home))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def timer():
    """``with timer() as t: ...`` then ``t()`` is the elapsed wall time in s."""
    start = time.perf_counter()
    end = None

    def elapsed() -> float:
        return (end or time.perf_counter()) - start

    try:
        yield elapsed
    finally:
        end = time.perf_counter()


def environment() -> dict:
    import keras
    import numpy as np
    import sklearn

    import skseq

    versions = {
        "python": platform.python_version(),
        "skseq": skseq.__version__,
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
    }
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        versions["tensorflow"] = tf.__version__
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "versions": versions,
    }


def table(title: str, header: list[str], rows: list[list]) -> str:
    """A plain-text table: first column left-aligned, the others right."""
    cells = [header] + [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row):
        first = row[0].ljust(widths[0])
        pairs = zip(row[1:], widths[1:], strict=True)
        rest = (cell.rjust(width) for cell, width in pairs)
        return "  ".join([first, *rest])

    rule = "-" * len(line(header))
    return "\n".join([title, rule, line(header), rule, *map(line, cells[1:]), rule])


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def write_json(path: str, results: dict) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**results, **environment()}, indent=2))
    log(f"wrote {out}")
