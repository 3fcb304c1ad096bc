"""
Grid search on a Dask cluster
=============================

The IMDB and Jena grid searches on a Dask cluster, checked against one process.

    pip install "skseq[dask]"
    python examples/dask_grid_search.py       # a local cluster, ~4 min on 2 cores
    python examples/dask_grid_search.py --scheduler tcp://scheduler:8786

Each grid runs twice: with ``n_jobs=1`` in this process, then with
``n_jobs=-1`` inside ``joblib.parallel_config(backend="dask")`` on the cluster,
where every fit is a task on some worker. With fixed seeds both runs must
choose the same parameters and score every candidate identically; the script
exits with status 1 if they do not.

Without ``--scheduler`` it starts ``skseq.distributed.local_cluster``: worker
processes (one per core, one fit at a time each) listening on 127.0.0.1 only.
On a real cluster every worker needs skseq and the data it is sent (the
arrays travel with the tasks; nothing is read from the workers' disks).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from joblib import parallel_config
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skseq import GRURegressor, LSTMClassifier
from skseq.datasets import (
    JENA_TARGET,
    JENA_TARGET_COLUMN,
    balanced_sample,
    fetch_imdb,
    fetch_jena_climate,
    find_jena_file,
)
from skseq.distributed import connect
from skseq.pipelines import imdb_pipeline, jena_forecaster


def imdb_search(data_home):
    """LSTM units x dropout on 2,000 balanced reviews, stratified 3-fold."""
    train = fetch_imdb("train", data_home=data_home).frame
    tune = balanced_sample(train, 2000, random_state=0)
    pipe = imdb_pipeline(LSTMClassifier(epochs=2, random_state=0))
    grid = {"model__units": [16, 32], "model__dropout": [0.0, 0.2]}
    search = GridSearchCV(pipe, grid, cv=3, scoring="roc_auc", n_jobs=-1)
    return search, tune.text, tune.label.to_numpy()


def jena_search(data_home):
    """GRU lookback x units on 2009-H2, TimeSeriesSplit(3), MAE."""
    path = find_jena_file(data_home)  # None: download the full record
    data = fetch_jena_climate(data_home, path=path).loc["2009-07":"2009-12"]
    model = jena_forecaster(
        GRURegressor(
            dropout=0.2,
            epochs=1,
            batch_size=128,
            early_stopping=False,
            persistence_column=JENA_TARGET_COLUMN,
            window_normalization=None,
            random_state=0,
        ),
        lookback=720,
    )
    grid = {
        "regressor__window__lookback": [360, 720],
        "regressor__model__units": [16, 32],
    }
    search = GridSearchCV(
        model,
        grid,
        cv=TimeSeriesSplit(3),
        scoring="neg_mean_absolute_error",
        n_jobs=-1,
    )
    return search, data, data[JENA_TARGET].to_numpy()


def timed_fit(search, X, y):
    started = time.perf_counter()
    search.fit(X, y)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheduler", default=None, help="e.g. tcp://scheduler:8786")
    parser.add_argument("--data-home", default=None, help="default: $SKSEQ_DATA")
    parser.add_argument(
        "--tasks", nargs="+", choices=["imdb", "jena"], default=["imdb", "jena"]
    )
    args = parser.parse_args(argv)
    makers = {"imdb": imdb_search, "jena": jena_search}
    same = True
    with connect(args.scheduler) as client:
        info = client.scheduler_info()
        workers = info["workers"]
        print(
            f"Dask cluster {info['address']}: {len(workers)} workers, "
            f"{sum(w['nthreads'] for w in workers.values())} threads"
        )
        for task in args.tasks:
            search, X, y = makers[task](args.data_home)
            local = GridSearchCV(**(search.get_params(deep=False) | {"n_jobs": 1}))
            print(f"\n{task}: {len(X)} rows, grid {search.param_grid}")
            local_seconds = timed_fit(local, X, y)
            with parallel_config(backend="dask"):
                dask_seconds = timed_fit(search, X, y)
            scores_equal = np.array_equal(
                local.cv_results_["mean_test_score"],
                search.cv_results_["mean_test_score"],
            )
            same &= scores_equal and local.best_params_ == search.best_params_
            print(
                f"  local n_jobs=1: best {local.best_params_}, "
                f"score {local.best_score_:.4f}, {local_seconds:.0f} s"
            )
            print(
                f"  dask          : best {search.best_params_}, "
                f"score {search.best_score_:.4f}, {dask_seconds:.0f} s "
                f"({local_seconds / dask_seconds:.2f}x)"
            )
            print(f"  every candidate scored identically: {scores_equal}")
    print("\nsame best params and scores as the local run:", same)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
