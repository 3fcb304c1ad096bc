"""Keras model builders: one small body function per family.

A body maps the input tensor (embedded tokens or float windows, always 3-D)
to a feature tensor; ``build_model`` adds the input stem and the output head,
so every family shares one parameter vocabulary (DESIGN §3).
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
from keras import layers


@dataclass(frozen=True)
class Architecture:
    """The hyperparameters a body may read (others are ignored)."""

    units: int = 32
    n_layers: int = 1
    dropout: float = 0.0
    recurrent_dropout: float = 0.0
    bidirectional: bool = False
    pooling: str | None = None
    masking: bool = False
    kernel_size: int = 5
    pool_size: int = 4
    recurrent_units: int | None = None
    recurrent_cell: str = "lstm"


_CELLS = {"simple_rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}
_POOLS = {"max": layers.GlobalMaxPooling1D, "mean": layers.GlobalAveragePooling1D}


def _recurrent_stack(x, cell: type, units: int, n_layers: int, arch: Architecture):
    """``n_layers`` recurrent layers; the last returns its final state, or the
    max/mean over all its states when ``arch.pooling`` says so."""
    for i in range(n_layers):
        layer = cell(
            units,
            dropout=arch.dropout,
            recurrent_dropout=arch.recurrent_dropout,
            return_sequences=i < n_layers - 1 or arch.pooling is not None,
        )
        x = layers.Bidirectional(layer)(x) if arch.bidirectional else layer(x)
    return _POOLS[arch.pooling]()(x) if arch.pooling else x


def _recurrent_body(cell_name: str):
    def body(x, arch: Architecture):
        return _recurrent_stack(x, _CELLS[cell_name], arch.units, arch.n_layers, arch)

    body.__name__ = f"{cell_name}_body"
    return body


simple_rnn_body = _recurrent_body("simple_rnn")
lstm_body = _recurrent_body("lstm")
gru_body = _recurrent_body("gru")


def conv1d_body(x, arch: Architecture):
    """Conv1D + max-pooling blocks, then global max-pooling or a recurrent top.

    With ``recurrent_units`` set this is the tutorials' Conv1D -> MaxPooling ->
    LSTM hybrid; ``arch.pooling`` "mean" replaces the global max-pooling.
    Pooling is skipped where the sequence is already shorter than
    ``pool_size``, so short inputs never shrink to nothing.
    """
    for i in range(arch.n_layers):
        x = layers.Conv1D(
            arch.units, arch.kernel_size, padding="same", activation="relu"
        )(x)
        is_last = i == arch.n_layers - 1
        if (not is_last or arch.recurrent_units) and x.shape[1] >= arch.pool_size:
            x = layers.MaxPooling1D(arch.pool_size)(x)
        if arch.dropout and not is_last:
            x = layers.Dropout(arch.dropout)(x)
    if arch.recurrent_units:
        top = Architecture(
            dropout=arch.dropout,
            recurrent_dropout=arch.recurrent_dropout,
            bidirectional=arch.bidirectional,
            pooling=arch.pooling,
        )
        return _recurrent_stack(
            x, _CELLS[arch.recurrent_cell], arch.recurrent_units, 1, top
        )
    x = _POOLS[arch.pooling or "max"]()(x)
    return layers.Dropout(arch.dropout)(x) if arch.dropout else x


def dense_body(x, arch: Architecture):
    """Flatten the sequence (or max/mean-pool its steps, ``arch.pooling``),
    then ``n_layers`` ReLU layers of ``units``."""
    x = _POOLS[arch.pooling]()(x) if arch.pooling else layers.Flatten()(x)
    for _ in range(arch.n_layers):
        x = layers.Dense(arch.units, activation="relu")(x)
        if arch.dropout:
            x = layers.Dropout(arch.dropout)(x)
    return x


def keeps_mask(body, arch: Architecture) -> bool:
    """Whether ``body`` passes an embedding's padding mask on to its output.

    Recurrent layers and mean pooling honour masks; Conv1D, max pooling and
    Flatten would silently drop one.
    """
    if body in (simple_rnn_body, lstm_body, gru_body):
        return arch.pooling in (None, "mean")
    return body is dense_body and arch.pooling == "mean"


def build_model(
    body,
    arch: Architecture,
    *,
    input_shape: tuple[int, ...],
    vocabulary_size: int | None,
    embedding_dim: int,
    n_outputs: int,
    output_activation: str,
    persistence_column: int | None = None,
) -> keras.Model:
    """Assemble stem, ``body`` and head into an uncompiled ``keras.Model``.

    Integer token matrices (``vocabulary_size`` given) are embedded, with id 0
    masked as padding when ``arch.masking``; 2-D float
    input is read as one feature per time step; 3-D float input goes straight in.
    With ``persistence_column`` the head's output is added to that feature's
    last value, so the network learns the change from the persistence
    forecast rather than the level itself.
    """
    if vocabulary_size is not None:
        inputs = keras.Input(shape=input_shape, dtype="int32")
        x = layers.Embedding(vocabulary_size, embedding_dim, mask_zero=arch.masking)(
            inputs
        )
    else:
        inputs = keras.Input(shape=input_shape)
        x = (
            layers.Reshape((*input_shape, 1))(inputs)
            if len(input_shape) == 1
            else inputs
        )
    features = x
    x = body(x, arch)
    outputs = layers.Dense(n_outputs, activation=output_activation)(x)
    if persistence_column is not None:
        column = persistence_column % features.shape[-1]
        last = features[:, -1, column : column + 1]
        outputs = layers.Add(name="persistence_skip")([outputs, last])
    return keras.Model(inputs, outputs, name=body.__name__.replace("_body", ""))
