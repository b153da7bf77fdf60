"""quill.lstm and quill.gru against torch.nn.LSTM / torch.nn.GRU (eval).

Weights are the module's _flat_weights in order (the ODS operand order);
cases cover 1-2 layers x bidirectional x batch_first x initial states given
or not x biases, unbatched inputs, and a long sequence with a wide hidden
state (where errors would accumulate step after step).
"""

import itertools

import pytest
import torch

from kernel_compare import assert_close
from quill_harness import mlir_constant, run_mlir, tensor_type


def run_module(kind, module, x, states):
    """Runs the quill op equivalent to `module` on x (and initial states)."""
    weights = [w.detach() for w in module._flat_weights]
    want = module(x, states if kind == "gru" or states is None else tuple(states))
    out, finals = want[0], want[1]
    finals = [finals] if kind == "gru" else list(finals)
    inputs = [x] + ([] if states is None else list(states) if kind == "lstm" else [states])
    arg_names = ["%x"] + [f"%s{i}" for i in range(len(inputs) - 1)]
    args = ", ".join(f"{n}: {tensor_type(a)}" for n, a in zip(arg_names, inputs))
    consts = "\n  ".join(f"%w{i} = {mlir_constant(w)}" for i, w in enumerate(weights))
    init = f"init({', '.join(arg_names[1:])}) " if states is not None else ""
    wnames = ", ".join(f"%w{i}" for i in range(len(weights)))
    attrs = [f"hidden_size = {module.hidden_size} : i64", f"num_layers = {module.num_layers} : i64"]
    attrs += [f"{a} = {str(getattr(module, a)).lower()}" for a in ("bidirectional", "batch_first")
              if getattr(module, a)]
    if not module.bias:
        attrs.append("has_biases = false")
    operand_types = ", ".join(tensor_type(a) for a in inputs + weights)
    results = [out] + finals
    result_types = ", ".join(tensor_type(r) for r in results)
    names = ", ".join(f"%r{i}" for i in range(len(results)))
    mlir = f"""func.func @f({args}) -> ({result_types}) {{
  {consts}
  {names} = quill.{kind} {", ".join(arg_names[:1])} {init}weights({wnames}) {{{", ".join(attrs)}}}
      : ({operand_types}) -> ({result_types})
  return {names} : {result_types}
}}"""
    got = run_mlir(mlir, inputs)
    assert len(got) == len(results)
    for name, g, w in zip(["output", "h_n", "c_n"], got, results):
        assert_close(f"{kind}.{name}", g, w.detach().numpy())


def make(kind, input_size, hidden, layers, bidirectional, batch_first, bias, seed=0):
    torch.manual_seed(seed)
    cls = torch.nn.LSTM if kind == "lstm" else torch.nn.GRU
    return cls(input_size, hidden, layers, bias=bias, batch_first=batch_first,
               bidirectional=bidirectional).eval()


def initial_states(kind, module, batch, seed=1):
    g = torch.Generator().manual_seed(seed)
    d = 2 if module.bidirectional else 1
    shape = (module.num_layers * d,) + ((batch,) if batch else ()) + (module.hidden_size,)
    h = torch.randn(shape, generator=g)
    return h if kind == "gru" else [h, torch.randn(shape, generator=g)]


@pytest.mark.parametrize("kind,layers,bidirectional,batch_first,with_init,bias",
                         list(itertools.product(["lstm", "gru"], [1, 2], [False, True],
                                                [False, True], [False, True], [True, False])))
def test_batched(kind, layers, bidirectional, batch_first, with_init, bias):
    T, N, I, H = 5, 3, 4, 6
    m = make(kind, I, H, layers, bidirectional, batch_first, bias)
    x = torch.randn((N, T, I) if batch_first else (T, N, I), generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        run_module(kind, m, x, initial_states(kind, m, N) if with_init else None)


@pytest.mark.parametrize("kind,layers,bidirectional,with_init",
                         list(itertools.product(["lstm", "gru"], [1, 2], [False, True], [False, True])))
def test_unbatched(kind, layers, bidirectional, with_init):
    # batch_first is ignored for an unbatched input, as in PyTorch.
    m = make(kind, 3, 5, layers, bidirectional, batch_first=True, bias=True)
    x = torch.randn((7, 3), generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        run_module(kind, m, x, initial_states(kind, m, None) if with_init else None)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_long_sequence(kind):
    m = make(kind, 24, 48, 2, True, False, True, seed=5)
    x = torch.randn((60, 2, 24), generator=torch.Generator().manual_seed(6))
    with torch.no_grad():
        run_module(kind, m, x, initial_states(kind, m, 2))
