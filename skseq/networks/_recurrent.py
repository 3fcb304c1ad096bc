"""The recurrent stack shared by the SimpleRNN, LSTM and GRU families and by
Conv1D's optional recurrent top."""

from __future__ import annotations

from keras import layers

from skseq.networks._masking import (
    LastRealStep,
    MaskSteps,
    masked_pooling,
    padding_mask,
)

CELLS = {"simple_rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}


def recurrent_stack(
    x,
    cell: str,
    units: int,
    n_layers: int,
    *,
    dropout: float,
    recurrent_dropout: float,
    bidirectional: bool,
    pooling: str | None,
    padded: bool,
):
    """``n_layers`` recurrent layers of ``cell``; the last returns its final
    state, or the max/mean over all its states when ``pooling`` says so.

    Padded steps (the Keras mask of ``x``) never reach a prediction. A
    bidirectional layer skips them through the mask; a forward one, being
    causal, reads left-aligned rows (``padded``) unmasked, and its final
    state is taken at each row's last real step (``LastRealStep``: the same
    state, faster). Pooling reads real steps only.
    """
    mask = padding_mask(x)
    causal = padded and not bidirectional
    if causal:
        x = MaskSteps()([x, mask])  # drops the Keras mask
    for i in range(n_layers):
        layer = CELLS[cell](
            units,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            return_sequences=i < n_layers - 1 or bool(pooling) or causal,
        )
        x = layers.Bidirectional(layer)(x) if bidirectional else layer(x)
    if pooling:
        return masked_pooling(x, mask, pooling)
    return LastRealStep()([x, mask]) if causal else x


def recurrent_body(cell: str):
    """The body of a purely recurrent family: ``n_layers`` of ``units``."""

    def body(
        x,
        *,
        units,
        n_layers,
        dropout,
        recurrent_dropout,
        bidirectional,
        pooling,
        padded,
    ):
        return recurrent_stack(
            x,
            cell,
            units,
            n_layers,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            bidirectional=bidirectional,
            pooling=pooling,
            padded=padded,
        )

    body.__name__ = cell
    return body
