"""Static int8 reference kernels through quant-run against live PyTorch 1.13.

Each test writes a function over `!quant.uniform` types: the float input is
quantized by quant.qcast, the quantized op runs (weights are quant.scast of
exact integer constants), and the quantized result comes back as its stored
integers, which must equal PyTorch's quantized op on the same engine
(`quill.numerics`), exactly where NUMERICS.md says the rules agree, else
within 1 LSB. test/unit/QuantizedKernelTest.cpp covers every kernel on
stored cases; this file checks the whole path from IR.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quill_harness import mlir_constant, run_mlir

ENGINES = ["onednn", "qnnpack"]


def qtype(shape, q):
    """`tensor<...x!quant.uniform<...>>` of a quantized torch tensor."""
    storage = {torch.quint8: "u8", torch.qint8: "i8"}[q.dtype]
    if q.qscheme() in (torch.per_channel_affine, torch.per_channel_symmetric):
        params = ",".join(repr(float(s)) for s in q.q_per_channel_scales())
        uniform = f"{storage}:f32:{q.q_per_channel_axis()}, {{{params}}}"
    else:
        uniform = f"{storage}:f32, {q.q_scale()!r}:{q.q_zero_point()}"
    dims = "".join(f"{d}x" for d in shape)
    return f"tensor<{dims}!quant.uniform<{uniform}>>"


def ftype(shape):
    return "tensor<" + "".join(f"{d}x" for d in shape) + "f32>"


def run_quantized(engine, x, xq, weight, bias, op, attrs, y):
    """Runs qcast(x) -> `op`(x, weight?, bias?) and returns the integers."""
    lines, operands, types = [], ["%q"], [qtype(x.shape, xq)]
    if weight is not None:
        w = weight.int_repr().numpy()
        lines += [f"%wi = {mlir_constant(w)}",
                  f"%w = quant.scast %wi : tensor<{'x'.join(map(str, w.shape))}xi8>"
                  f" to {qtype(w.shape, weight)}"]
        operands.append("%w")
        types.append(qtype(w.shape, weight))
    if bias is not None:
        lines.append(f"%b = {mlir_constant(bias.numpy())}")
        operands.append("%b")
        types.append(ftype(bias.shape))
    ty = qtype(y.shape, y)
    body = "\n  ".join(lines)
    # Unary ops print `T -> T`, the others `(T, ...) -> T`.
    signature = types[0] if len(types) == 1 else "(" + ", ".join(types) + ")"
    mlir = f"""func.func @f(%x: {ftype(x.shape)}) -> {ty} attributes {{quill.numerics = "{engine}"}} {{
  {body}
  %q = quant.qcast %x : {ftype(x.shape)} to {types[0]}
  %y = quill.{op} {", ".join(operands)} {attrs} : {signature} -> {ty}
  return %y : {ty}
}}"""
    (out,) = run_mlir(mlir, [x])
    return out


def assert_matches(out, y, exact):
    expected = y.int_repr().numpy().astype(np.int64)
    diff = np.abs(out.astype(np.int64) - expected)
    if exact:
        assert diff.max() == 0, f"{(diff > 0).sum()} of {diff.size} differ"
    else:
        assert diff.max() <= 1
        assert (diff == 0).mean() >= 0.95


def ints(values):
    return "array<i64: " + ", ".join(str(v) for v in values) + ">"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("per_channel", [False, True])
@pytest.mark.parametrize("relu", [False, True])
def test_linear(engine, per_channel, relu):
    torch.backends.quantized.engine = engine
    g = torch.Generator().manual_seed(1)
    x = torch.randn(4, 3, 20, generator=g) * 3
    xq = torch.quantize_per_tensor(x, 0.0371, 128, torch.quint8)
    w = torch.randn(12, 20, generator=g)
    if per_channel:
        s = (w.abs().amax(1) / 127).double()
        wq = torch.quantize_per_channel(w, s, torch.zeros(12, dtype=torch.long),
                                        0, torch.qint8)
    else:
        wq = torch.quantize_per_tensor(w, float(w.abs().max() / 127), 0,
                                       torch.qint8)
    b = torch.randn(12, generator=g)
    op = torch.ops.quantized.linear_relu if relu else torch.ops.quantized.linear
    y = op(xq, torch.ops.quantized.linear_prepack(wq, b), 0.0913, 117)
    attrs = "{fused_activation = #quill.fused_activation<relu>}" if relu else ""
    out = run_quantized(engine, x, xq, wq, b, "linear", attrs, y)
    assert_matches(out, y, exact=True)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("groups", [1, 2])
def test_conv2d(engine, groups):
    torch.backends.quantized.engine = engine
    g = torch.Generator().manual_seed(2)
    x = torch.randn(2, 4, 9, 9, generator=g) * 3
    xq = torch.quantize_per_tensor(x, 0.0371, 128, torch.quint8)
    w = torch.randn(6, 4 // groups, 3, 3, generator=g)
    wq = torch.quantize_per_tensor(w, float(w.abs().max() / 127), 0,
                                   torch.qint8)
    b = torch.randn(6, generator=g)
    packed = torch.ops.quantized.conv2d_prepack(wq, b, [2, 2], [1, 1], [1, 1],
                                                groups)
    y = torch.ops.quantized.conv2d(xq, packed, 0.0913, 117)
    attrs = (f"{{stride = {ints([2, 2])}, padding = {ints([1, 1])}, "
             f"groups = {groups} : i64}}")
    out = run_quantized(engine, x, xq, wq, b, "conv2d", attrs, y)
    assert_matches(out, y, exact=True)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("zero_point", [128, 77])
def test_avg_pool2d(engine, zero_point):
    torch.backends.quantized.engine = engine
    g = torch.Generator().manual_seed(3)
    x = torch.randn(2, 3, 10, 10, generator=g) * 3
    xq = torch.quantize_per_tensor(x, 0.05, zero_point, torch.quint8)
    y = F.avg_pool2d(xq, 3, 2, 1)
    attrs = (f"{{kernel_size = {ints([3, 3])}, stride = {ints([2, 2])}, "
             f"padding = {ints([1, 1])}}}")
    out = run_quantized(engine, x, xq, None, None, "avg_pool2d", attrs, y)
    assert_matches(out, y, exact=True)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("op", ["sigmoid", "hardswish"])
def test_activation(engine, op):
    torch.backends.quantized.engine = engine
    g = torch.Generator().manual_seed(4)
    x = torch.randn(2, 3, 8, 8, generator=g) * 3
    xq = torch.quantize_per_tensor(x, 0.05, 128, torch.quint8)
    y = torch.sigmoid(xq) if op == "sigmoid" else \
        torch.nn.quantized.functional.hardswish(xq, 0.04, 120)
    out = run_quantized(engine, x, xq, None, None, op, "", y)
    assert_matches(out, y, exact=False)
