"""How checked, encoded data reaches Keras's ``fit``: the early-stopping
patience, the validation hold-out, the left-aligned token layout, lazy window
batches (DESIGN §2) and length-bucketed token batches (DESIGN §4).

Lazy windows: handing Keras a strided window view as an array makes it
convert the whole thing to a tensor, materialising every window (5.6 GB for
full Jena). A ``WindowBatches`` dataset instead gathers one batch of windows
at a time, so memory stays O(series + batch).

Padding as an artefact of batching: every token row is rewritten with its
real tokens first and the padding (id 0) after them, whatever side and
amount of padding the caller used. With the padding mask, a row's prediction
then depends on its tokens only, and the mask is right-padded, the layout
Keras's cuDNN kernels for LSTM and GRU require. Training batches group rows
of similar length (random chunks of ``CHUNK_BATCHES`` batches, each sorted by
length, then the batches shuffled: the scheme of ``tf.data``'s
``bucket_by_sequence_length`` and of PyTorch's bucket samplers) and are
trimmed to their longest row, so the network steps over tokens, not padding.
"""

from __future__ import annotations

import math

import keras
import numpy as np
from sklearn.model_selection import train_test_split

from skseq.models._seeding import draw_seed
from skseq.utils import is_lazy, scatter_rows

# Like HistGradientBoosting's early_stopping="auto": below this many training
# rows a 10 % validation split costs more than overfitting does.
AUTO_EARLY_STOPPING_ROWS = 10_000


def early_stopping_patience(early_stopping, epochs: int, n_samples: int) -> int:
    """Early-stopping patience in epochs; 0 means train every epoch."""
    if early_stopping == "auto":
        # One epoch has nothing to stop or restore; keep all its rows.
        early_stopping = n_samples >= AUTO_EARLY_STOPPING_ROWS and epochs > 1
    return 2 if early_stopping is True else int(early_stopping)


def training_data(
    X, y, sample_weight, rows, valid, *, batch_size, predict_batch, token_batches=None
):
    """``(X, y, sample_weight, fit kwargs)`` for Keras, lazily if need be.

    Lazy window views are served batch by batch (DESIGN §2), and token rows
    in length-bucketed batches when ``token_batches`` (a ``TokenBatches``
    factory) is given (DESIGN §4); both are shuffled by a generator seeded
    from the current (seeded) NumPy state.
    """
    extra = {}
    batches = WindowBatches if is_lazy(X) else token_batches
    if batches is not None:
        rng = np.random.default_rng(draw_seed())
        train = batches(X, y, sample_weight, rows=rows, batch_size=batch_size, rng=rng)
        if valid is not None:
            extra["validation_data"] = batches(
                X, y, sample_weight, rows=valid, batch_size=predict_batch
            )
        return train, None, None, {"shuffle": False, **extra}
    if valid is not None:
        weights = () if sample_weight is None else (sample_weight[valid],)
        extra["validation_data"] = (X[valid], y[valid], *weights)
    if len(rows) < len(X):
        X, y = X[rows], y[rows]
        sample_weight = None if sample_weight is None else sample_weight[rows]
    return X, y, sample_weight, extra


def build_training_state(model, X, y, sample_weight, rows) -> None:
    """Create the optimizer's and the metrics' variables before the first fit.

    On TensorFlow without a distribution strategy, Keras 3 creates them
    inside the first trace of its train step. A ``tf.function`` whose first
    trace creates variables is traced a second time without them (TF's
    variable lifting), so every first fit traced the step twice: 2.2 s
    against 1.5 s for a 2-epoch ``LSTMClassifier(units=8)`` on 300 rows
    (docs/development.md, "Tests and CI"). Keras's JAX trainer builds this way
    before it traces, through the same ``Trainer._symbolic_build``. That
    method is private, so a Keras without it keeps the second trace and loses
    nothing else. Only the shapes and dtypes of the first training row are
    read; ``tests/models/test_backends.py`` counts the traces.
    """
    build = getattr(model, "_symbolic_build", None)
    if keras.backend.backend() == "tensorflow" and build is not None and len(rows):
        first = rows[:1]
        build(data_batch=batch_tuple(np.asarray(X[first]), y, sample_weight, first))


def empty_rows_as_unknown(X: np.ndarray) -> np.ndarray:
    """Give all-padding rows one unknown-word id 1 at the end.

    With masking, an empty document has no step left to read: a masked mean
    would divide by zero and predict NaN.
    """
    empty = ~X.any(axis=1)
    if not empty.any():
        return X
    X = X.copy()
    X[empty, -1] = 1
    return X


def split_rows(rows, fraction, stratify, shuffle=True):
    """Hold out ``fraction`` of ``rows``: a random sample, or the last ones.

    The random sample draws from NumPy's global state, which the caller seeds.
    """
    n_valid = max(1, int(round(fraction * len(rows))))
    if n_valid >= len(rows):
        raise ValueError(
            f"a validation split of {fraction} (validation_split, or 0.1 for "
            f"early_stopping) leaves no training samples out of {len(rows)}"
        )
    if not shuffle:
        return rows[:-n_valid], rows[-n_valid:]
    if stratify is not None:
        _, counts = np.unique(stratify, return_counts=True)
        # Stratifying needs two samples of every class and a place for each.
        if (
            counts.min() < 2
            or n_valid < len(counts)
            or len(rows) - n_valid < len(counts)
        ):
            stratify = None
    return train_test_split(
        rows,
        test_size=n_valid,
        random_state=draw_seed(),
        stratify=stratify,
    )


def prefetch_workers() -> int:
    """Threads that assemble the batches of a ``PyDataset`` ahead of the model.

    On the TensorFlow backend, Keras wraps a single-worker ``PyDataset`` in
    ``tf.data`` with ``prefetch(AUTOTUNE)``, and starting a later epoch's
    iterator then stalled for 5-8 s, once per fit (on all 25,000 IMDB
    reviews, an LSTM epoch of 13 s took 18-24 s; plain Keras on arrays
    stalled 16 s the same way). With two worker threads Keras prefetches in
    Python instead, tf.data's autotuning off: no stall in any epoch measured.
    The order of the batches does not change. Other backends iterate in
    Python without tf.data: one worker.
    """
    return 2 if keras.backend.backend() == "tensorflow" else 1


def batch_tuple(X_batch, y, sample_weight, rows) -> tuple:
    """``(X_batch,)``, ``(X_batch, y)`` or ``(X_batch, y, weights)`` for the
    given ``rows``: the tuples Keras reads from a ``PyDataset``."""
    batch = (X_batch,)
    if y is not None:
        batch += (y[rows],)
        if sample_weight is not None:
            batch += (sample_weight[rows],)
    return batch


class WindowBatches(keras.utils.PyDataset):
    """Batches of ``X[rows]`` (and ``y``, ``sample_weight``) gathered on demand.

    Parameters
    ----------
    X : ndarray
        Samples, typically a strided window view; never copied whole.
    y, sample_weight : ndarray or None
        Targets and weights aligned with ``X``.
    rows : ndarray of int or None
        The samples to serve (all when None), in this order unless shuffled.
    batch_size : int
        Samples per batch; the last batch may be smaller.
    rng : numpy.random.Generator or None
        Reshuffles ``rows`` before every epoch when given.
    """

    def __init__(
        self, X, y=None, sample_weight=None, *, rows=None, batch_size=32, rng=None
    ):
        super().__init__(workers=prefetch_workers())
        self.X, self.y, self.sample_weight = X, y, sample_weight
        self.rows = np.arange(len(X)) if rows is None else np.asarray(rows)
        self.batch_size = batch_size
        self.rng = rng
        self.order = self._shuffled()

    def _shuffled(self) -> np.ndarray:
        return self.rows if self.rng is None else self.rng.permutation(self.rows)

    def __len__(self) -> int:
        return math.ceil(len(self.rows) / self.batch_size)

    def __getitem__(self, index: int):
        # Sorted rows read the view front to back: kinder to the cache.
        rows = np.sort(
            self.order[index * self.batch_size : (index + 1) * self.batch_size]
        )
        return batch_tuple(self.X[rows], self.y, self.sample_weight, rows)

    def on_epoch_end(self) -> None:
        self.order = self._shuffled()


# Rows sorted together: enough for batches of even lengths, few enough that
# the batches of one epoch still mix short and long documents. A chunk holds
# at most an eighth of the epoch's rows: on 2,000 IMDB reviews (batch 32)
# one chunk of 50 batches sorted 80 % of the data together, and an LSTM's
# training accuracy stalled at 68 % (67 % on test reviews) for one seed of
# two; with chunks of 5-8 batches it reached 91-93 % (77-80 % on test).
CHUNK_BATCHES = 50
CHUNKS_PER_EPOCH = 8
# Trimmed lengths are rounded up to a multiple of this many steps, and above
# LADDER_LINEAR quanta to a ladder of widths growing by LADDER_RATIO: a
# bounded number of distinct batch shapes (each one a compilation on JAX, a
# trace on TensorFlow when the step dimension is fixed), 8 + 8 log2(n / 64)
# for rows of n steps (32 at 500 steps where multiples of 8 gave 63), at the
# price of at most 9 % padded steps in a batch.
LENGTH_QUANTUM = 8
LADDER_LINEAR = 8
LADDER_RATIO = 2 ** (1 / 8)


def round_up(n: int, multiple: int) -> int:
    """The smallest multiple of ``multiple`` that is at least ``n`` (and 1)."""
    return max(math.ceil(n / multiple), 1) * multiple


def width_ladder(n_steps: int, multiple: int = LENGTH_QUANTUM) -> np.ndarray:
    """The batch widths a trimmed batch may take for rows of ``n_steps``.

    Multiples of ``multiple`` up to ``LADDER_LINEAR`` of them, then widths
    growing by ``LADDER_RATIO`` (each rounded up to a multiple), and
    ``n_steps`` itself at the top.

    Examples
    --------
    >>> width_ladder(18).tolist()
    [8, 16, 18]
    >>> width_ladder(120).tolist()
    [8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 112, 120]
    """
    widths, width = [], multiple
    while width < n_steps:
        widths.append(width)
        if width < LADDER_LINEAR * multiple:
            width += multiple
        else:
            width = round_up(math.ceil(width * LADDER_RATIO), multiple)
    widths.append(n_steps)
    return np.asarray(widths)


def left_align(X: np.ndarray, width: int | None = None) -> np.ndarray:
    """A new int32 matrix holding each row's nonzero ids first, in order.

    Zeros are padding wherever they stand. The result has ``width`` columns,
    by default its longest row's length (at least 1).

    Examples
    --------
    >>> left_align(np.array([[0, 0, 5, 6], [7, 0, 8, 0]]))
    array([[5, 6],
           [7, 8]], dtype=int32)
    """
    real = X != 0
    lengths = real.sum(axis=1)
    if width is None:
        width = max(int(lengths.max(initial=0)), 1)
    return scatter_rows(X[real].astype(np.int32), lengths, width, "post", 0)


def row_lengths(X: np.ndarray) -> np.ndarray:
    """Real tokens per row of a left-aligned matrix."""
    return np.count_nonzero(X, axis=1)


def content_keys(X: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row's ids: equal rows, equal keys.

    A fixed random linear hash (wrapping uint64 arithmetic), 35 ms for
    25,000 rows of 512 ids where ``np.unique(X, axis=0)`` takes 0.5 s.
    """
    weights = np.random.default_rng(0).integers(1, 2**63, X.shape[1], dtype=np.uint64)
    return X.astype(np.uint64) @ weights


def batch_order(lengths, rows, batch_size: int, rng, keys=None) -> list[np.ndarray]:
    """The rows of each batch, grouped by length.

    With ``rng`` (training): a random permutation cut into chunks of
    ``CHUNK_BATCHES`` batches (fewer, down to one, so that an epoch has at
    least ``CHUNKS_PER_EPOCH`` chunks), each chunk sorted by length, the
    batches then shuffled. Without (prediction, validation): all rows sorted
    by length, ties broken by ``keys`` (:func:`content_keys`) when given.
    Then the batches depend on which rows are predicted, not on their order:
    a row meets the same neighbours in the same batch shape, and its
    prediction is bit-identical however the caller shuffles X (a batched
    matrix product may round a row differently with other neighbours).
    """
    rows = np.asarray(rows)
    if rng is None:
        by = (lengths[rows],) if keys is None else (keys[rows], lengths[rows])
        ordered = rows[np.lexsort(by)]
    else:
        ordered = rng.permutation(rows)
        per_chunk = len(rows) // (CHUNKS_PER_EPOCH * batch_size)
        chunk = min(CHUNK_BATCHES, max(per_chunk, 1)) * batch_size
        for start in range(0, len(ordered), chunk):
            part = ordered[start : start + chunk]
            part[:] = part[np.argsort(lengths[part], kind="stable")]
    batches = [
        ordered[start : start + batch_size]
        for start in range(0, len(ordered), batch_size)
    ]
    if rng is not None:
        batches = [batches[i] for i in rng.permutation(len(batches))]
    return batches


class TokenBatches(keras.utils.PyDataset):
    """Length-bucketed batches of left-aligned token rows (and y, weights).

    Parameters
    ----------
    X : ndarray of shape (n_samples, width), int32
        Left-aligned token ids (:func:`left_align`), ``width`` a multiple of
        ``multiple`` unless ``fixed``.
    y, sample_weight : ndarray or None
        Targets and weights aligned with ``X``.
    rows : ndarray of int or None
        The samples to serve (all when None).
    batch_size : int
    rng : numpy.random.Generator or None
        Training order, redrawn every epoch; None sorts by length, then by
        content (:func:`content_keys`).
    multiple : int
        Each batch is trimmed to its longest row rounded up to the next
        width of :func:`width_ladder` (multiples of this many steps).
    fixed : bool
        Serve every batch at the full width instead (a family that reads
        steps by position, such as ``Dense`` on the flattened sequence).
    """

    def __init__(
        self, X, y=None, sample_weight=None, *, rows=None, batch_size=32, rng=None,
        multiple=LENGTH_QUANTUM, fixed=False,
    ):  # fmt: skip
        super().__init__(workers=prefetch_workers())
        self.X, self.y, self.sample_weight = X, y, sample_weight
        self.rows = np.arange(len(X)) if rows is None else np.asarray(rows)
        self.lengths = row_lengths(X)
        self.batch_size, self.rng = batch_size, rng
        self.multiple, self.fixed = multiple, fixed
        self.keys = None if rng is not None else content_keys(X)
        self.ladder = width_ladder(X.shape[1], multiple)
        # (batches, widths), replaced whole by a redraw: a prefetching thread
        # never pairs a batch of one draw with a width of another.
        self._drawn = self._draw(first=True)

    @property
    def batches(self) -> list[np.ndarray]:
        """The rows of each batch of this epoch."""
        return self._drawn[0]

    @property
    def widths(self) -> list[int]:
        """The number of steps each batch of this epoch is served with."""
        return self._drawn[1]

    def _draw(self, first: bool = False) -> tuple[list[np.ndarray], list[int]]:
        """This epoch's batches and their widths, another width at index 1
        when there is one (see :meth:`_gather_shortest`)."""
        batches = batch_order(
            self.lengths, self.rows, self.batch_size, self.rng, self.keys
        )
        widths = [self._width(batch) for batch in batches]
        if not self.fixed and len(batches) > 1 and widths[1] == widths[0]:
            other = next((i for i, w in enumerate(widths) if w != widths[0]), None)
            # Keras reads the signature from the first draw only, so later
            # draws keep their random batches (the shortest rows are not
            # grouped every epoch).
            if other is None and first and self.rng is not None:
                other = self._gather_shortest(batches, widths)
            if other is not None:
                batches[1], batches[other] = batches[other], batches[1]
                widths[1], widths[other] = widths[other], widths[1]
        return batches, widths

    def _gather_shortest(self, batches, widths) -> int | None:
        """Make the smallest batch a narrower one, if any draw could have one.

        Keras (TensorFlow backend) fixes the input signature of a fit from
        batches 0 and 1 of the first draw (its ``PyDataset`` adapter reads
        them before the first epoch): when both are as wide as every other
        batch, the step dimension is fixed, and a later epoch's narrower
        batch (its rows drawn anew) no longer fits the traced function. So
        when every batch of this draw has one width, the smallest batch
        trades rows with the others until it holds the shortest rows; if it
        is then narrower, its index is returned (every row is still served
        once). If it is not, no draw can serve another width and a fixed
        step dimension is right: None.
        """
        flat = np.concatenate(batches)
        starts = np.cumsum([0] + [len(b) for b in batches])
        smallest = int(np.argmin([len(b) for b in batches]))
        size = len(batches[smallest])
        shortest = np.argsort(self.lengths[flat], kind="stable")[:size]
        if self._width(flat[shortest]) == widths[smallest]:
            return None
        own = np.arange(starts[smallest], starts[smallest + 1])
        incoming = np.setdiff1d(shortest, own)
        outgoing = np.setdiff1d(own, shortest)
        flat[incoming], flat[outgoing] = flat[outgoing], flat[incoming]
        for i in range(len(batches)):
            batches[i] = flat[starts[i] : starts[i + 1]]
            widths[i] = self._width(batches[i])
        return smallest

    def _width(self, batch: np.ndarray) -> int:
        if self.fixed:
            return self.X.shape[1]
        longest = int(self.lengths[batch].max(initial=1))
        return int(self.ladder[np.searchsorted(self.ladder, longest)])

    @property
    def order(self) -> np.ndarray:
        """Every served row, in the order of the batches."""
        return np.concatenate(self.batches) if self.batches else self.rows[:0]

    def __len__(self) -> int:
        return len(self.batches)

    def __getitem__(self, index: int):
        batches, widths = self._drawn
        rows, width = batches[index], widths[index]
        return batch_tuple(self.X[rows, :width], self.y, self.sample_weight, rows)

    def on_epoch_end(self) -> None:
        if self.rng is not None:
            self._drawn = self._draw()
