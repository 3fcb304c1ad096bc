"""Small inputs shared by the family tests: token ids with labels, float
windows with a target, and the layer kinds of a fitted model."""

import numpy as np

SMALL = dict(units=4, epochs=2, batch_size=16, random_state=0)
rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(48, 10))
LABELS = (TOKENS[:, -1] > 15).astype(int)
SERIES = rng.normal(size=(48, 10, 3)).astype("float32")
TARGET = SERIES[:, -1, 0]


def layer_kinds(est) -> list[str]:
    return [type(layer).__name__ for layer in est.model_.layers]
