"""skseq runs on any Keras backend and needs TensorFlow only where Keras does."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax

# Fits a text and a window pipeline with validation (lazy window batches) while
# any import of TensorFlow fails, as on a machine without it.
WITHOUT_TENSORFLOW = """
import sys

class NoTensorFlow:
    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" or name.startswith("tensorflow."):
            raise ImportError("TensorFlow is blocked in this test")

sys.meta_path.insert(0, NoTensorFlow())
import numpy as np
from sklearn.pipeline import make_pipeline
import keras
from skseq import GRURegressor, LSTMClassifier, SlidingWindow, TextVectorizer

texts, labels = ["good film", "bad film", "good plot", "bad plot"] * 8, [1, 0, 1, 0] * 8
text = make_pipeline(TextVectorizer(max_tokens=20, maxlen=4),
                     LSTMClassifier(units=2, epochs=2, validation_split=0.25,
                                    random_state=0))
X = np.sin(np.arange(400) / 10).reshape(-1, 1)
window = make_pipeline(SlidingWindow(12, step=2, delay=1),
                       GRURegressor(units=2, epochs=2, validation_split=0.2,
                                    random_state=0))
text.fit(texts, labels)
window.fit(X, X[:, 0])
print(keras.backend.backend(), text.score(texts, labels), window.predict(X).shape)
"""


def _python(code: str, backend: str) -> subprocess.CompletedProcess:
    env = os.environ | {"KERAS_BACKEND": backend}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )


def test_fits_on_jax_without_tensorflow():
    pytest.importorskip("jax", reason="needs the 'jax' extra (CI's JAX job has it)")
    result = _python(WITHOUT_TENSORFLOW, "jax")
    assert result.returncode == 0, result.stderr[-3000:]
    backend, accuracy, shape = result.stdout.split(maxsplit=2)
    assert backend == "jax"
    assert 0 <= float(accuracy) <= 1
    assert shape.strip() == "(400,)"


def test_importing_skseq_starts_no_keras():
    code = (
        "import sys, skseq, skseq.cli\n"
        "print(sorted({'keras', 'tensorflow', 'jax'} & set(sys.modules)))"
    )
    result = _python(code, "tensorflow")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("family", ["LSTMClassifier", "GRURegressor"])
def test_a_first_fit_traces_the_train_step_once(monkeypatch, family):
    # Keras on TensorFlow creates the optimizer's variables inside the first
    # trace unless they exist before it, and tf.function then traces the step
    # again (twice the cost of a small fit); JAX traces once per input shape.
    import keras

    import skseq

    traces = []
    train_step = keras.Model.train_step

    def counted(model, *args):  # JAX passes (state, data), TensorFlow (data)
        traces.append(type(model).__name__)
        return train_step(model, *args)

    monkeypatch.setattr(keras.Model, "train_step", counted)
    rng = np.random.default_rng(0)
    X = rng.random((64, 6), dtype=np.float32)
    y = (X[:, 0] > 0.5).astype(int) if "Classifier" in family else X[:, 0]
    est = getattr(skseq, family)(units=4, epochs=2, batch_size=32, random_state=0)
    est.fit(X, y)
    assert len(traces) == 1
    est.partial_fit(X, y)
    assert len(traces) == 1
