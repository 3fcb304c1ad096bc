"""The LSTM family: long short-term memory recurrent layers."""

from skseq.networks._recurrent import recurrent_body
from skseq.networks._spec import Network

NETWORK = Network(
    prefix="LSTM",
    summary="Long short-term memory (LSTM) network.",
    body=recurrent_body("lstm"),
    references=(
        'S. Hochreiter and J. Schmidhuber, "Long short-term memory", Neural\n'
        "Computation 9(8), 1997."
    ),
)
