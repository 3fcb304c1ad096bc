"""Peak memory and time of training on lazy windows vs Keras' own window dataset.

A synthetic float32 series the size of the full Jena record (420,551 rows x 14)
is windowed with lookback 1440, step 6, delay 144: 240 steps per window, which
would take 5.6 GB materialised (the series itself: 24 MB).

* skseq: ``SlidingWindow(1440, step=6, delay=144)`` then
  ``GRURegressor(units=8, epochs=1, random_state=0)``, ``fit(X, y)``.
* keras: the same GRU(8) -> Dense(1) model, seeded, compiled with adam/mse,
  fed by ``keras.utils.timeseries_dataset_from_array`` (shuffled) over the
  same series and targets.

Both use ``--batch-size`` (default 256: at skseq's default of 32 one epoch at
full size takes over half an hour on 2 cores; memory is the point here).

Each run happens in a fresh subprocess, so its peak RSS (``ru_maxrss``) is its
own; runs alternate skseq/keras so machine load hits both alike. The table
gives the median fit time and peak RSS of ``--repeats`` runs and the time ratio
skseq/keras (goal <= 1.10; peak RSS goal <= 1.5 GB).

Usage::

    python benchmarks/window_memory.py              # full size, 3 runs each
    python benchmarks/window_memory.py --quick      # 42,055 rows, 1 run each
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from _common import add_repeats, repeats

REPO = Path(__file__).resolve().parents[1]
FULL_ROWS, N_FEATURES = 420_551, 14
LOOKBACK, STEP, DELAY = 1440, 6, 144

CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

which, n_rows, batch_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
LOOKBACK, STEP, DELAY = 1440, 6, 144
rng = np.random.default_rng(0)
series = rng.standard_normal((n_rows, 14), dtype=np.float32).cumsum(axis=0)
series = (series - series.mean(0)) / series.std(0)
y = series[:, 1].copy()

if which == "skseq":
    from skseq import GRURegressor, SlidingWindow

    windows = SlidingWindow(LOOKBACK, step=STEP, delay=DELAY).fit_transform(series)
    model = GRURegressor(units=8, epochs=1, batch_size=batch_size, random_state=0)
    started = time.perf_counter()
    model.fit(windows, y)
    seconds = time.perf_counter() - started
    n_samples = len(windows)
else:
    keras.utils.set_random_seed(0)
    n_steps = LOOKBACK // STEP
    span = (n_steps - 1) * STEP + 1
    model = keras.Sequential(
        [keras.Input((n_steps, 14)), keras.layers.GRU(8), keras.layers.Dense(1)]
    )
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    started = time.perf_counter()
    # The window starting at row j ends at j + span - 1; its target lies
    # DELAY rows later, as in SlidingWindow (window of row i ends at i - DELAY).
    dataset = keras.utils.timeseries_dataset_from_array(
        series[: n_rows - DELAY],
        targets=y[span - 1 + DELAY :],
        sequence_length=n_steps,
        sampling_rate=STEP,
        batch_size=batch_size,
        shuffle=True,
        seed=0,
    )
    model.fit(dataset, epochs=1, verbose=0)
    seconds = time.perf_counter() - started
    n_samples = n_rows - span + 1 - DELAY
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"which": which, "seconds": seconds, "peak_rss": peak,
                  "n_samples": n_samples}))
"""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    add_repeats(parser, 3, "runs of each")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument(
        "--out", default=str(REPO / "benchmarks" / "results" / "window_memory.json")
    )
    return parser.parse_args(argv)


def run(which: str, n_rows: int, batch_size: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, which, str(n_rows), str(batch_size)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    record = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"  {which:5s} {record['seconds']:7.1f} s  "
        f"peak RSS {record['peak_rss'] / 2**30:.2f} GiB",
        flush=True,
    )
    return record


def main(argv=None) -> dict:
    args = parse_args(argv)
    n_rows = FULL_ROWS // 10 if args.quick else FULL_ROWS
    n_runs = repeats(args)
    n_steps = LOOKBACK // STEP
    materialised = n_rows * n_steps * N_FEATURES * 4
    print(
        f"{n_rows:,} x {N_FEATURES} float32 series; windows of {n_steps} steps "
        f"would take {materialised / 1e9:.1f} GB materialised",
        flush=True,
    )
    runs = {"skseq": [], "keras": []}
    for _ in range(n_runs):
        for which in runs:
            runs[which].append(run(which, n_rows, args.batch_size))
    summary = {
        which: {
            "median_seconds": statistics.median(r["seconds"] for r in records),
            "median_peak_rss_gib": statistics.median(
                r["peak_rss"] / 2**30 for r in records
            ),
            "n_samples": records[0]["n_samples"],
        }
        for which, records in runs.items()
    }
    ratio = summary["skseq"]["median_seconds"] / summary["keras"]["median_seconds"]
    print()
    print(f"batch size {args.batch_size}")
    print(f"| fed by | samples | fit, 1 epoch (median of {n_runs}) | peak RSS |")
    print("|---|---|---|---|")
    for which, label in [
        ("skseq", "skseq SlidingWindow view"),
        ("keras", "keras timeseries_dataset_from_array"),
    ]:
        s = summary[which]
        print(
            f"| {label} | {s['n_samples']:,} | {s['median_seconds']:.1f} s | "
            f"{s['median_peak_rss_gib']:.2f} GiB |"
        )
    print(f"\ntime ratio skseq / keras: {ratio:.3f} (goal <= 1.10)")
    results = {
        "rows": n_rows,
        "repeats": n_runs,
        "batch_size": args.batch_size,
        "materialised_gb": materialised / 1e9,
        "summary": summary,
        "time_ratio": ratio,
        "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")
    return results


if __name__ == "__main__":
    main()
