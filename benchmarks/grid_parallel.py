"""Does GridSearchCV(n_jobs=2) over skseq pipelines use both cores?

The same small search, ``TextVectorizer(max_tokens=10000, maxlen=200)`` ->
``LSTMClassifier(epochs=2, random_state=0)`` over ``units`` {16, 32} x
``dropout`` {0.0, 0.2}, stratified 3-fold (12 fits, no refit) on 2,000
balanced IMDB training reviews, is timed

* with ``n_jobs=1``: one process, TensorFlow's default pools (all cores);
* with ``n_jobs=2``: two joblib (loky) workers. joblib sets
  ``OMP_NUM_THREADS = cores // n_jobs`` in its workers and skseq sizes
  TensorFlow's thread pools from it, so the workers do not oversubscribe;
* with ``n_jobs=2`` inside ``joblib.parallel_config(inner_max_num_threads=
  cores)``: each worker told to use every core, i.e. what happens without
  the cap;
* "warm": the same two searches, ``n_jobs=1`` and ``n_jobs=2``, each timed
  after a first, tiny search (100 reviews, 1 epoch) in the same process, as
  the second search of a notebook session runs: joblib keeps its workers
  alive between calls, so their start-up (a new interpreter importing
  TensorFlow, several seconds per worker) is paid once per session, not per
  search. Its speed-up is against the warm ``n_jobs=1``.

Each search runs in a fresh process (in the cold variants worker start-up
and TensorFlow import are part of the timed work), the variants alternate,
and the table shows medians of ``--repeats``. "fit+score s" adds up the time
spent inside the 12 fits and scorings (from ``cv_results_``): with two
workers it exceeds the wall time, and its growth over ``n_jobs=1`` is what
the two fits running at once cost each other. The mean CV scores of the
variants are compared too: parallelism must not change the result beyond
float noise.

Usage::

    python benchmarks/grid_parallel.py            # about 15 minutes on 2 cores
    python benchmarks/grid_parallel.py --quick    # 600 reviews, 1 repeat
"""

from __future__ import annotations

import argparse
import json
import os
import statistics

from _common import (
    add_repeats,
    alternating_runs,
    parser,
    positive_int,
    repeats,
    table,
    timer,
    write_json,
)

VARIANTS = {
    "n_jobs=1": {"n_jobs": 1, "inner": None, "warm": False},
    "n_jobs=2": {"n_jobs": 2, "inner": None, "warm": False},
    "n_jobs=2, uncapped threads": {"n_jobs": 2, "inner": os.cpu_count(), "warm": False},
    "n_jobs=1, warm": {"n_jobs": 1, "inner": None, "warm": True},
    "n_jobs=2, warm": {"n_jobs": 2, "inner": None, "warm": True},
}
WARM_UP_REVIEWS = 100
GRID = {"model__units": [16, 32], "model__dropout": [0.0, 0.2]}
REVIEWS, QUICK_REVIEWS = 2000, 600


def one_search(
    n_jobs: int, inner: int | None, warm: bool, n_reviews: int, data_home: str
) -> dict:
    import joblib
    import numpy as np
    from sklearn.base import clone
    from sklearn.model_selection import GridSearchCV

    from skseq import LSTMClassifier
    from skseq.datasets import balanced_sample, fetch_imdb
    from skseq.pipelines import imdb_pipeline

    frame = fetch_imdb("train", data_home=data_home).frame
    frame = balanced_sample(frame, n_reviews, random_state=0)
    pipe = imdb_pipeline(LSTMClassifier(epochs=2, random_state=0))
    # refit=False: the final refit is one sequential fit after the search.
    search = GridSearchCV(pipe, GRID, cv=3, n_jobs=n_jobs, refit=False)
    config = {"backend": "loky", "inner_max_num_threads": inner} if inner else {}
    if warm:
        small = balanced_sample(frame, WARM_UP_REVIEWS, random_state=1)
        first_pipe = clone(pipe).set_params(model__epochs=1)
        first = GridSearchCV(first_pipe, GRID, cv=3, n_jobs=n_jobs, refit=False)
        first.fit(small.text, small.label)
    with timer() as elapsed, joblib.parallel_config(**config):
        search.fit(frame.text, frame.label)
    cv = search.cv_results_
    # Seconds spent inside fit and score, summed over all 12 fits: the work
    # itself, without worker start-up and dispatch.
    busy = 3 * float(np.sum(cv["mean_fit_time"]) + np.sum(cv["mean_score_time"]))
    return {
        "seconds": elapsed(),
        "busy_seconds": busy,
        "mean_test_score": np.asarray(search.cv_results_["mean_test_score"]).tolist(),
        "best_params": search.best_params_,
        "n_samples": len(frame),
    }


def main(argv=None) -> dict:
    cli = parser(__doc__, "grid_parallel")
    add_repeats(cli, 3, "runs per variant")
    cli.add_argument(
        "--reviews",
        type=positive_int,
        default=None,
        help=f"training reviews searched over (default {REVIEWS}; "
        f"{QUICK_REVIEWS} with --quick)",
    )
    cli.add_argument("--run", nargs=4, type=int, help=argparse.SUPPRESS)
    args = cli.parse_args(argv)
    if args.run:
        n_jobs, inner, warm, n_reviews = args.run
        result = one_search(
            n_jobs, inner or None, bool(warm), n_reviews, args.data_home
        )
        print(json.dumps(result))
        return {}
    n_reviews = args.reviews or (QUICK_REVIEWS if args.quick else REVIEWS)
    n_runs = repeats(args)

    def run_args(variant, _round):
        config = VARIANTS[variant]
        inner = config["inner"] or 0
        return [config["n_jobs"], inner, int(config["warm"]), n_reviews]

    runs = alternating_runs(__file__, VARIANTS, run_args, args, n_runs, "")
    reference = runs["n_jobs=1"][0]["mean_test_score"]
    results, rows = {}, []
    for variant, rs in runs.items():
        one_job = "n_jobs=1, warm" if VARIANTS[variant]["warm"] else "n_jobs=1"
        base = statistics.median(r["seconds"] for r in runs[one_job])
        median = statistics.median(r["seconds"] for r in rs)
        gap = max(
            abs(a - b)
            for r in rs
            for a, b in zip(r["mean_test_score"], reference, strict=True)
        )
        busy = statistics.median(r["busy_seconds"] for r in rs)
        results[variant] = {
            "seconds": [r["seconds"] for r in rs],
            "median_s": median,
            "median_busy_s": busy,
            "speedup": base / median,
            "max_score_difference": gap,
            "best_params": rs[0]["best_params"],
        }
        rows.append([variant, median, base / median, busy, gap])
    n = runs["n_jobs=1"][0]["n_samples"]
    print(
        table(
            f"GridSearchCV, 4 candidates x 3 folds on {n:,} IMDB reviews, "
            f"{os.cpu_count()} cores, median of {n_runs} (goal: speed-up >= 1.6)",
            ["variant", "wall s", "speed-up", "fit+score s", "max |score diff|"],
            rows,
        )
    )
    results.update(quick=args.quick, repeats=n_runs, grid=GRID, reviews=n_reviews)
    write_json(args.out, results)
    return results


if __name__ == "__main__":
    main()
