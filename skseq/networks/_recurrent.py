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


def recurrent_stack(x, cell: str, units: int, n_layers: int, hp):
    """``n_layers`` recurrent layers of ``cell``; the last returns its final
    state, or the max/mean over all its states when ``hp.pooling`` says so.

    Padded steps (the Keras mask of ``x``) never reach a prediction. A
    bidirectional layer skips them through the mask; a forward one, being
    causal, reads left-aligned rows unmasked, and its final state is taken at
    each row's last real step (``LastRealStep``: the same state, faster).
    Pooling reads real steps only. Reads ``hp.dropout``,
    ``hp.recurrent_dropout``, ``hp.bidirectional``, ``hp.pooling`` and
    ``hp.padded`` (whether rows are left-aligned tokens with padding).
    """
    mask = padding_mask(x)
    causal = getattr(hp, "padded", False) and not hp.bidirectional
    if causal:
        x = MaskSteps()([x, mask])  # drops the Keras mask
    for i in range(n_layers):
        layer = CELLS[cell](
            units,
            dropout=hp.dropout,
            recurrent_dropout=hp.recurrent_dropout,
            return_sequences=i < n_layers - 1 or bool(hp.pooling) or causal,
        )
        x = layers.Bidirectional(layer)(x) if hp.bidirectional else layer(x)
    if hp.pooling:
        return masked_pooling(x, mask, hp.pooling)
    return LastRealStep()([x, mask]) if causal else x


def recurrent_body(cell: str):
    """The body of a purely recurrent family: ``n_layers`` of ``units``."""

    def body(x, hp):
        return recurrent_stack(x, cell, hp.units, hp.n_layers, hp)

    body.__name__ = cell
    return body
