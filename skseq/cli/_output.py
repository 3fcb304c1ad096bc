"""What every task writes into ``--out``: pictures, the model, results.json."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ._common import OutputError, Progress


def check_writable(out: Path) -> None:
    """Create ``out`` and write a probe in it: fail before minutes of training."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".skseq-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise OutputError(f"cannot write to --out {out}: {error}") from error


def write_outputs(out: Path, task: str, args, result: dict, progress: Progress) -> Path:
    """Write the task's ``result`` (see the tasks' ``run``); return results.json."""
    import joblib
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import sklearn

    from skseq.plotting import plot_history
    from skseq.saving import versions
    from skseq.utils import final_estimator

    pipe = result.pop("pipeline")
    pictures = result.pop("pictures")
    model = final_estimator(pipe)
    try:
        files = {}
        pictures["learning_curves.png"] = lambda: plot_history(model)
        for name, draw in pictures.items():
            figure = draw()
            figure.savefig(out / name, dpi=100)
            plt.close(figure)
            files[name] = str(out / name)
        joblib.dump(pipe, out / "model.joblib")
        files["model.joblib"] = str(out / "model.joblib")
        history = {k: [float(v) for v in vs] for k, vs in model.history_.items()}
        results = {
            "task": task,
            "command": ["python", "-m", "skseq", *sys.argv[1:]],
            "settings": {
                "family": args.family,
                "estimator": type(model).__name__,
                "units": args.units,
                "dropout": args.dropout,
                "max_epochs": model.epochs,
                "batch_size": model.batch_size,
                "early_stopping_patience": model.early_stopping,
                "seed": args.seed,
                "full": args.full,
            },
            **result,
            "epochs_trained": len(history["loss"]),
            "history": history,
            "wall_seconds": time.perf_counter() - progress.started,
            "files": files,
            "versions": {
                **versions(),  # skseq, keras and the backend, as in every pickle
                "scikit-learn": sklearn.__version__,
                "python": sys.version.split()[0],
            },
        }
        path = out / "results.json"
        path.write_text(json.dumps(results, indent=2) + "\n")
    except OSError as error:
        raise OutputError(f"cannot write to {out}: {error}") from error
    progress.log(f"wrote {', '.join(sorted(files))} and results.json in {out}")
    return path
