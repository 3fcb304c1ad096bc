"""``python -m skseq``: help, exit codes, and both tasks end to end on real data.

The end-to-end runs shrink the quick settings (a few hundred reviews, two weeks
of weather, one epoch) so that they take seconds; the real quick runs are in
docs/results.md ("The command line").
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time

import joblib
import matplotlib.image
import numpy as np
import pytest

from skseq import cli
from skseq.cli import imdb as cli_imdb
from skseq.cli import jena as cli_jena
from skseq.datasets import (
    JENA_TARGET,
    balanced_sample,
    fetch_jena_climate,
    find_jena_file,
)
from skseq.intervals import predict_quantiles


def _command(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "skseq", *args],
        capture_output=True,
        text=True,
        env=os.environ | (env or {}),
        timeout=120,
    )


def test_help_explains_tasks_options_and_exit_codes():
    result = _command("--help")
    assert result.returncode == 0
    for text in ["imdb", "jena", "exit status", "130", "results.json", "SKSEQ_DATA"]:
        assert text in result.stdout
    task_help = _command("jena", "--help").stdout
    for option in [
        "--family",
        "--units",
        "--dropout",
        "--epochs",
        "--full",
        "--data-home",
        "--out",
        "--seed",
        "--quiet",
    ]:
        assert option in task_help


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["imdb", "--units", "0"], "--units: must be >= 1; got 0"),
        (["jena", "--dropout", "1.5"], r"--dropout: must be in [0, 1); got 1.5"),
        (["imdb", "--epochs", "two"], "--epochs: expected an integer; got 'two'"),
        (["imdb", "--family", "bert"], "--family: invalid choice"),
        (
            ["jena", "--quantiles", "0.1", "1.5"],
            "--quantiles: must be in (0, 1); got 1.5",
        ),
        (["jena", "--horizons", "0"], "--horizons: must be >= 1; got 0"),
        (["imdb", "--horizons", "6"], "unrecognized arguments: --horizons"),
        (["weather"], "invalid choice: 'weather'"),
        ([], "the following arguments are required: TASK"),
    ],
)
def test_bad_arguments_exit_2_naming_the_option(args, message):
    result = _command(*args)
    assert result.returncode == cli.EXIT_USAGE
    assert message in result.stderr


def test_unreadable_data_exits_3(tmp_path):
    (tmp_path / "imdb").mkdir()
    (tmp_path / "imdb" / "train.csv.gz").write_bytes(b"not gzip at all")
    result = _command(
        "imdb", "--data-home", str(tmp_path), "--out", str(tmp_path / "o")
    )
    assert result.returncode == cli.EXIT_DATA
    assert "error: cannot read the IMDB reviews" in result.stderr
    assert "train.csv.gz" in result.stderr
    assert result.stdout == ""


def test_unwritable_output_exits_4_before_any_work(tmp_path):
    (tmp_path / "file").write_text("")
    result = _command(
        "jena",
        "--out",
        str(tmp_path / "file" / "out"),
        env={"SKSEQ_DATA": str(tmp_path / "nowhere")},
    )
    assert result.returncode == cli.EXIT_OUTPUT
    assert f"cannot write to --out {tmp_path / 'file' / 'out'}" in result.stderr


def test_interrupt_exits_130(monkeypatch, tmp_path, capsys):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_imdb, "run", interrupted)
    assert cli.main(["imdb", "--out", str(tmp_path)]) == cli.EXIT_INTERRUPTED
    assert "error: interrupted" in capsys.readouterr().err


def test_interrupted_training_does_not_wait_for_the_baseline(
    monkeypatch, data_home, tmp_path, capsys
):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_imdb, "train_and_score", interrupted)
    started = time.perf_counter()
    argv = ["imdb", "--data-home", str(data_home), "--out", str(tmp_path), "--quiet"]
    assert cli.main(argv) == cli.EXIT_INTERRUPTED
    # The TF-IDF baseline on all 50,000 reviews takes 25 s in its worker
    # process; loading them, about 2 s.
    assert time.perf_counter() - started < 15
    assert multiprocessing.active_children() == []
    assert "error: interrupted" in capsys.readouterr().err


def _check_outputs(out, printed, pictures):
    assert printed.strip().splitlines()[-1] == str(out / "results.json")
    results = json.loads((out / "results.json").read_text())
    for name in pictures:
        image = matplotlib.image.imread(out / name)
        assert image.ndim == 3 and min(image.shape[:2]) > 200, name
    assert sorted(results["files"]) == sorted([*pictures, "model.joblib"])
    return results, joblib.load(out / "model.joblib")


def test_imdb_end_to_end(monkeypatch, data_home, tmp_path, capsys):
    small = {"maxlen": 60, "epochs": 2}
    monkeypatch.setitem(cli_imdb.SETTINGS, "quick", cli_imdb.SETTINGS["quick"] | small)
    # 400 balanced reviews of each subset instead of 25,000.
    load = cli_imdb.load
    samples = []

    def load_sample(*args):
        samples[:] = [balanced_sample(f, 400, random_state=0) for f in load(*args)]
        return samples

    monkeypatch.setattr(cli_imdb, "load", load_sample)
    out = tmp_path / "imdb"
    argv = [
        "imdb",
        "--family",
        "gru",
        "--units",
        "8",
        "--dropout",
        "0.1",
        "--data-home",
        str(data_home),
        "--out",
        str(out),
        "--quiet",
    ]
    assert cli.main(argv) == cli.EXIT_OK
    printed = capsys.readouterr()
    assert printed.err == ""  # --quiet
    results, model = _check_outputs(
        out, printed.out, ["classification.png", "learning_curves.png"]
    )
    assert (
        results["settings"]
        | {"estimator": "GRUClassifier", "units": 8, "dropout": 0.1, "max_epochs": 2}
        == results["settings"]
    )
    assert results["data"]["n_train"] == results["data"]["n_test"] == 400
    assert 0.5 < results["metrics"]["test_accuracy"] <= 1
    # The baseline trained in its worker process on the same reviews.
    train, test = samples
    assert results["baseline"]["test_accuracy"] == cli_imdb.tfidf_baseline(
        train.text, train.label, test.text, test.label
    )
    assert 0.5 < results["baseline"]["test_accuracy"] <= 1
    assert results["epochs_trained"] == len(results["history"]["loss"]) <= 2
    assert model.predict(["a wonderful, moving film", "dull and awful"]).shape == (2,)


def test_jena_end_to_end(monkeypatch, data_home, tmp_path, capsys):
    small = {
        "train": ("2009-11-01", "2009-12-01"),
        "valid": ("2009-12-01", "2010-01-01"),
        "test": ("2010-07-01", "2010-07-15"),
        "lookback": 144,
        "epochs": 1,
    }
    monkeypatch.setitem(cli_jena.SETTINGS, "quick", cli_jena.SETTINGS["quick"] | small)
    out = tmp_path / "jena"
    argv = [
        "jena",
        "--family",
        "conv1d",
        "--units",
        "8",
        "--out",
        str(out),
        "--data-home",
        str(data_home),
    ]
    assert cli.main(argv) == cli.EXIT_OK
    printed = capsys.readouterr()
    assert "test MAE" in printed.err  # progress lines go to stderr
    results, model = _check_outputs(
        out, printed.out, ["forecast.png", "learning_curves.png"]
    )
    assert results["settings"]["estimator"] == "Conv1DRegressor"
    assert results["data"]["n_test"] == 14 * 144
    assert np.isfinite(results["fit_seconds"]) and results["wall_seconds"] > 0
    assert model.regressor_.named_steps["window"].lookback == 144
    # Both numbers recomputed independently: persistence is the temperature
    # 144 rows (24 h) earlier; the saved model predicts each test row from
    # its full window of real history.
    data = fetch_jena_climate(data_home, path=find_jena_file(data_home))
    y = data[JENA_TARGET].to_numpy()
    rows = np.flatnonzero((data.index >= "2010-07-01") & (data.index < "2010-07-15"))
    persistence = np.abs(y[rows] - y[rows - 144]).mean()
    assert results["baseline"]["test_mae_degC"] == pytest.approx(persistence, rel=1e-6)
    context = model.regressor_.named_steps["window"].n_incomplete_
    predicted = model.predict(data.iloc[rows[0] - context : rows[-1] + 1])[context:]
    mae = np.abs(predicted - y[rows]).mean()
    assert results["metrics"]["test_mae_degC"] == pytest.approx(mae, rel=1e-6)
    assert results["metrics"]["ratio_to_persistence"] == pytest.approx(
        mae / persistence, rel=1e-6
    )


def test_jena_series_must_cover_the_test_period(
    monkeypatch, data_home, tmp_path, capsys
):
    late = cli_jena.SETTINGS["quick"] | {"test": ("2016-07-01", "2017-01-01")}
    monkeypatch.setitem(cli_jena.SETTINGS, "quick", late)
    argv = ["jena", "--data-home", str(data_home), "--out", str(tmp_path)]
    assert cli.main(argv) == cli.EXIT_DATA
    assert "the test period needs data up to 2017-01-01" in capsys.readouterr().err


def test_jena_horizons_and_quantiles_end_to_end(monkeypatch, data_home, tmp_path):
    small = {
        "train": ("2009-11-01", "2009-12-01"),
        "valid": ("2009-12-01", "2010-01-01"),
        "test": ("2010-07-01", "2010-07-15"),
        "lookback": 144,
        "epochs": 1,
    }
    monkeypatch.setitem(cli_jena.SETTINGS, "quick", cli_jena.SETTINGS["quick"] | small)
    out = tmp_path / "jena"
    argv = ["jena", "--units", "8", "--out", str(out), "--data-home", str(data_home)]
    argv += ["--horizons", "24", "1", "6", "--quantiles", "0.9", "0.5", "0.1"]
    assert cli.main(argv) == cli.EXIT_OK
    results = json.loads((out / "results.json").read_text())
    assert sorted(results["files"]) == [
        "horizons.png",
        "learning_curves.png",
        "model.joblib",
    ]
    assert results["data"]["horizons_hours"] == [1, 6, 24]
    assert results["data"]["delay"] == 144
    model = joblib.load(out / "model.joblib")
    # One model, three horizons: the temperature 1, 6 and 24 h after the
    # window's end; persistence is the window's last value for each.
    data = fetch_jena_climate(data_home, path=find_jena_file(data_home))
    t = data[JENA_TARGET].to_numpy()
    rows = np.flatnonzero((data.index >= "2010-07-01") & (data.index < "2010-07-15"))
    truth = np.column_stack([t[rows - 144 + h] for h in (6, 36, 144)])
    context = model.regressor_.named_steps["window"].n_incomplete_
    span = data.iloc[rows[0] - context : rows[-1] + 1]
    predicted = model.predict(span)[context:]
    assert predicted.shape == (len(rows), 3)
    per_horizon = results["metrics"]["per_horizon"]
    assert [entry["hours"] for entry in per_horizon] == [1, 6, 24]
    for k, entry in enumerate(per_horizon):
        persistence = np.abs(truth[:, k] - t[rows - 144]).mean()
        assert entry["persistence_mae_degC"] == pytest.approx(persistence, rel=1e-6)
        mae = np.abs(predicted[:, k] - truth[:, k]).mean()
        assert entry["test_mae_degC"] == pytest.approx(mae, rel=1e-6)
    assert results["metrics"]["interval"] == [0.1, 0.9]
    bands = predict_quantiles(model, span)[context:]
    assert bands.shape == (len(rows), 3, 3)  # levels in the order given: 0.9, 0.5, 0.1
    for k, coverage in enumerate(results["metrics"]["interval_coverage"]):
        inside = (bands[:, k, 2] <= truth[:, k]) & (truth[:, k] <= bands[:, k, 0])
        assert coverage == pytest.approx(inside.mean())
