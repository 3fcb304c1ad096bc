"""The LSTM family: long short-term memory recurrent layers."""

from skseq.networks._recurrent import MASK_RULE, keeps_mask, recurrent_body
from skseq.networks._spec import Network

NETWORK = Network(
    prefix="LSTM",
    summary="Long short-term memory (LSTM) network.",
    body=recurrent_body("lstm"),
    keeps_mask=keeps_mask,
    mask_rule=MASK_RULE,
    references=(
        'S. Hochreiter and J. Schmidhuber, "Long short-term memory", Neural\n'
        "Computation 9(8), 1997."
    ),
)
