"""Training-recipe pieces for ``text_quality.py --piece`` (issue 27, build item 2).

Each piece changes one thing in a skseq text classifier, through what the
library already accepts (an optimizer instance, callbacks, a ``standardize``
callable) or, for the two dropouts, by swapping the embedding layer the
network is built with. A piece that helps on both corpora becomes a library
option; the others stay here so that their ablation rows can be re-run.

* ``ema``: Adam keeping an exponential moving average of the weights
  (momentum 0.99), which replaces the weights at the end of training
  (Polyak & Juditsky 1992; Keras's ``use_ema``).
* ``cosine``: the learning rate rises linearly from 1e-4 to 2e-3 over the
  first 10 % of the steps, then follows a cosine to 0 (Loshchilov & Hutter
  2017, "SGDR"; warm-up as in Goyal et al. 2017), Keras's ``CosineDecay``.
* ``embedding_dropout``: each embedding dimension dropped for a whole row
  with probability 0.2 (Keras's ``SpatialDropout1D`` on the embeddings).
* ``word_dropout``: each token's whole embedding dropped with probability
  0.1 (Gal & Ghahramani 2016, "dropout on the word embeddings").
* ``pretrained``: the embedding starts from in-domain word vectors of the
  training texts only: the truncated SVD of the shifted positive PMI matrix
  of words within 5 tokens of each other, which is the matrix that
  skip-gram with negative sampling factorizes (Levy & Goldberg 2014,
  "Neural Word Embedding as Implicit Matrix Factorization"; context counts
  raised to 0.75 as word2vec does). The 10,000 most frequent words get
  vectors; the rest keep Keras's initialization.
* ``punctuation``: ``TextVectorizer(standardize=...)`` keeps ``! ? . , ; :
  ( ) "`` as tokens of their own instead of dropping them.
"""

from __future__ import annotations

import re

import keras
import numpy as np
from keras import layers, ops

PIECES = (
    "ema",
    "cosine",
    "embedding_dropout",
    "word_dropout",
    "pretrained",
    "punctuation",
)


class _DroppedEmbedding(layers.Embedding):
    """An embedding whose output is dropped in training, per row and
    dimension (``per="dimension"``) or per token (``per="token"``)."""

    rate = 0.0
    per = "token"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._dropout_seed = keras.random.SeedGenerator()

    def call(self, inputs, training=None):
        x = super().call(inputs)
        if not training or not self.rate:
            return x
        batch, steps, dim = ops.shape(x)
        shape = (batch, steps, 1) if self.per == "token" else (batch, 1, dim)
        return keras.random.dropout(
            x, self.rate, noise_shape=shape, seed=self._dropout_seed
        )


class _Layers:
    """``keras.layers`` with ``Embedding`` swapped."""

    def __init__(self, embedding):
        self.Embedding = embedding

    def __getattr__(self, name):
        return getattr(layers, name)


def use_embedding_dropout(per: str, rate: float) -> None:
    """Build every network of this process with a dropped embedding."""
    from skseq.networks import _model

    embedding = type("Embedding", (_DroppedEmbedding,), {"rate": rate, "per": per})
    _model.layers = _Layers(embedding)


def cosine_optimizer(n_rows: int, params: dict) -> keras.optimizers.Optimizer:
    """Adam on a warm-up then cosine schedule over the fit's steps."""
    held_out = params.get("validation_split") or 0.1
    steps = int(np.ceil(n_rows * (1 - held_out) / params.get("batch_size", 32)))
    total = steps * params.get("epochs", 10)
    schedule = keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=1e-4,
        decay_steps=total - total // 10,
        alpha=0.0,
        warmup_target=2e-3,
        warmup_steps=total // 10,
    )
    return keras.optimizers.Adam(learning_rate=schedule)


_PUNCTUATION = re.compile(r'([!?.,;:()"])')
_OTHER = re.compile(r"[^\w\s!?.,;:()\"]")


def keep_punctuation(text: str) -> str:
    """HTML breaks and apostrophes out; ``! ? . , ; : ( ) "`` as tokens."""
    text = text.replace("<br />", " ").replace("'", "")
    return _PUNCTUATION.sub(r" \1 ", _OTHER.sub(" ", text))


def ppmi_vectors(rows: np.ndarray, n_words: int, dim: int, window: int = 5):
    """``(n_words, dim)`` word vectors of token ids ``2 .. n_words + 1``.

    The SVD of the positive PMI matrix of the words of ``rows`` (int token
    rows, 0 padding, 1 unknown) within ``window`` tokens of each other,
    ``U * sqrt(S)``, each row scaled to norm ``0.1 / sqrt(3) * sqrt(dim)``:
    coordinates of standard deviation about 0.058, twice that of Keras's
    uniform(-0.05, 0.05) initialization (what the ablation rows used).
    """
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    ids = rows.astype(np.int64) - 2
    ids[(ids < 0) | (ids >= n_words)] = -1
    counts = sparse.csr_matrix((n_words, n_words))
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        left, right = [], []
        for offset in range(1, window + 1):
            a, b = chunk[:, :-offset].ravel(), chunk[:, offset:].ravel()
            keep = (a >= 0) & (b >= 0)
            left += [a[keep], b[keep]]
            right += [b[keep], a[keep]]
        i, j = np.concatenate(left), np.concatenate(right)
        counts = counts + sparse.csr_matrix(
            (np.ones(len(i)), (i, j)), shape=(n_words, n_words)
        )
    counts = counts.tocoo()
    word = np.asarray(counts.sum(axis=1)).ravel()
    context = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    # log(P(w, c) / (P(w) P_0.75(c))): the total count cancels out.
    pmi = np.log(counts.data * context.sum() / (word[counts.row] * context[counts.col]))
    positive = pmi > 0
    matrix = sparse.csr_matrix(
        (pmi[positive], (counts.row[positive], counts.col[positive])),
        shape=(n_words, n_words),
    )
    u, s, _ = randomized_svd(matrix, dim, random_state=0)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    return vectors / norms * (0.1 / np.sqrt(3) * np.sqrt(dim))


class SetEmbedding(keras.callbacks.Callback):
    """Writes ``vectors`` into rows ``2 ..`` of the model's embedding at the
    start of its first fit (models without an embedding are left alone)."""

    def __init__(self, vectors: np.ndarray):
        super().__init__()
        self.vectors = vectors

    def on_train_begin(self, logs=None):
        for layer in self.model.layers:
            if isinstance(layer, layers.Embedding) and not getattr(
                layer, "_pretrained", False
            ):
                table = np.array(ops.convert_to_numpy(layer.embeddings))
                n = min(len(self.vectors), len(table) - 2)
                table[2 : 2 + n] = self.vectors[:n]
                layer.embeddings.assign(table)
                layer._pretrained = True
