"""The Conv1D family: convolution and max-pooling blocks over the time steps,
optionally topped by a recurrent layer (the tutorials' Conv1D -> LSTM hybrid)."""

from numbers import Integral

from keras import layers
from sklearn.utils._param_validation import Interval, StrOptions

from skseq.networks._masking import MaskSteps, masked_pooling, padding_mask
from skseq.networks._recurrent import CELLS, recurrent_stack
from skseq.networks._spec import Network, Param


def _pooled_blocks(n_steps, n_layers, pool_size, recurrent_units) -> list[bool]:
    """Whether each Conv1D block ends in max-pooling.

    Every block but the last does (the last too under a recurrent top),
    unless the sequence is already shorter than ``pool_size``, so short
    inputs never shrink to nothing. ``n_steps`` is the number of steps seen
    in fit, fixed even when token batches are trimmed.
    """
    steps, pooled = n_steps, []
    for i in range(n_layers):
        is_last = i == n_layers - 1
        pools = (not is_last or bool(recurrent_units)) and steps >= pool_size
        pooled.append(pools)
        steps = steps // pool_size if pools else steps
    return pooled


def conv1d_body(
    x,
    *,
    units,
    n_layers,
    dropout,
    pooling,
    kernel_size,
    pool_size,
    recurrent_units,
    recurrent_cell,
    recurrent_dropout,
    bidirectional,
    n_steps,
    padded,
):
    """``n_layers`` Conv1D blocks, then global pooling or a recurrent top.

    Padded steps are zeroed before and after every convolution, so a real
    step's features do not depend on how much padding follows the row, and
    the final pooling (max by default) reads real steps only. ReLU features
    are never negative, so a pooling window over real and padded steps
    keeps the real maximum; the pooled mask marks windows with a real step.
    The recurrent top reads ``recurrent_dropout``, ``bidirectional`` and
    ``pooling`` as the recurrent families do.
    """
    mask = padding_mask(x)
    x = MaskSteps()([x, mask])
    blocks = _pooled_blocks(n_steps, n_layers, pool_size, recurrent_units)
    for i, pools in enumerate(blocks):
        x = layers.Conv1D(units, kernel_size, padding="same", activation="relu")(x)
        x = MaskSteps()([x, mask])
        if pools:
            x = layers.MaxPooling1D(pool_size)(x)
            mask = layers.MaxPooling1D(pool_size)(mask)
        if dropout and i < n_layers - 1:
            x = layers.Dropout(dropout)(x)
    if recurrent_units:
        x = MaskSteps(attach=True)([x, mask])
        return recurrent_stack(
            x,
            recurrent_cell,
            recurrent_units,
            1,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            bidirectional=bidirectional,
            pooling=pooling,
            padded=padded,
        )
    x = masked_pooling(x, mask, pooling or "max")
    return layers.Dropout(dropout)(x) if dropout else x


def conv1d_step_multiple(*, n_steps, n_layers, pool_size, recurrent_units) -> int:
    """Trimmed batches hold whole pooling windows at every pooled block."""
    blocks = _pooled_blocks(n_steps, n_layers, pool_size, recurrent_units)
    return pool_size ** sum(blocks)


NETWORK = Network(
    prefix="Conv1D",
    summary="1-D convolutional network (optionally with a recurrent top layer).",
    body=conv1d_body,
    step_multiple=conv1d_step_multiple,
    params=(
        Param(
            "kernel_size",
            5,
            [Interval(Integral, 1, None, closed="left")],
            "int",
            "Width of each convolution window, in time steps.",
        ),
        Param(
            "pool_size",
            4,
            [Interval(Integral, 1, None, closed="left")],
            "int",
            "Max-pooling window between convolution blocks.",
        ),
        Param(
            "recurrent_units",
            None,
            [Interval(Integral, 1, None, closed="left"), None],
            "int or None",
            "None ends the convolutions with global max-pooling; an int adds a\n"
            "recurrent layer of that size on top (the Conv1D -> MaxPooling -> LSTM\n"
            "hybrid of the tutorials).",
        ),
        Param(
            "recurrent_cell",
            "lstm",
            [StrOptions(set(CELLS))],
            '{"lstm", "gru", "simple_rnn"}',
            "Cell of that recurrent top layer.",
        ),
    ),
    references=(
        "F. Chollet, *Deep Learning with Python*, Manning, 2017, section 6.4\n"
        "(1-D convnets, and combining CNNs and RNNs for long sequences)."
    ),
)
