"""Reference activation kernels (relu ... softmax, prelu) against PyTorch.

Each case runs one quill op through quant-run and compares with
torch.nn.functional on the same float32 data (random, plus the special
values 0, -0, +-inf, NaN and the kinks of the clamps).
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import run_mlir, tensor_type

SPECIAL = [0.0, -0.0, 3.0, -3.0, 6.0, -6.0, 1e-8, -1e-8, 50.0, -50.0, 100.0,
           -100.0, float("inf"), float("-inf"), float("nan")]


def f64(v):
    return f"{v:.17e} : f64"


def sample(shape, seed, scale=3.0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g) * scale
    flat = x.view(-1)
    n = min(len(SPECIAL), flat.numel() // 2)
    flat[:n] = torch.tensor(SPECIAL[:n])
    return x


def run_unary(op, x, attrs=""):
    t = tensor_type(x)
    mlir = f"""func.func @f(%x: {t}) -> {t} {{
  %y = quill.{op} %x {attrs} : {t} -> {t}
  return %y : {t}
}}"""
    (y,) = run_mlir(mlir, [x])
    return y


# (label, quill op, attribute dict text, PyTorch function)
POINTWISE = [
    ("relu", "relu", "", F.relu),
    ("relu6", "relu6", "", F.relu6),
    ("hardtanh", "hardtanh", "", F.hardtanh),
    ("hardtanh(-2.5,0.5)", "hardtanh", f"{{min_val = {f64(-2.5)}, max_val = {f64(0.5)}}}",
     lambda x: F.hardtanh(x, -2.5, 0.5)),
    ("hardtanh(0.3,0.3)", "hardtanh", f"{{min_val = {f64(0.3)}, max_val = {f64(0.3)}}}",
     lambda x: F.hardtanh(x, 0.3, 0.3)),
    ("clamp(min)", "clamp", f"{{min = {f64(-0.7)}}}", lambda x: torch.clamp(x, min=-0.7)),
    ("clamp(max)", "clamp", f"{{max = {f64(1.1)}}}", lambda x: torch.clamp(x, max=1.1)),
    ("clamp(min,max)", "clamp", f"{{min = {f64(-1.0)}, max = {f64(2.0)}}}",
     lambda x: torch.clamp(x, -1.0, 2.0)),
    ("clamp(min>max)", "clamp", f"{{min = {f64(2.0)}, max = {f64(1.0)}}}",  # all max
     lambda x: torch.clamp(x, 2.0, 1.0)),
    ("leaky_relu", "leaky_relu", "", F.leaky_relu),
    ("leaky_relu(0.2)", "leaky_relu", f"{{negative_slope = {f64(0.2)}}}",
     lambda x: F.leaky_relu(x, 0.2)),
    ("leaky_relu(-1.5)", "leaky_relu", f"{{negative_slope = {f64(-1.5)}}}",
     lambda x: F.leaky_relu(x, -1.5)),
    ("elu", "elu", "", F.elu),
    ("elu(0.3)", "elu", f"{{alpha = {f64(0.3)}}}", lambda x: F.elu(x, 0.3)),
    ("elu(2)", "elu", f"{{alpha = {f64(2.0)}}}", lambda x: F.elu(x, 2.0)),
    ("gelu", "gelu", "", F.gelu),
    ("gelu(none)", "gelu", "{approximate = #quill.gelu_approximate<none>}", F.gelu),
    ("gelu(tanh)", "gelu", "{approximate = #quill.gelu_approximate<tanh>}",
     lambda x: F.gelu(x, approximate="tanh")),
    ("hardswish", "hardswish", "", F.hardswish),
    ("hardsigmoid", "hardsigmoid", "", F.hardsigmoid),
    ("sigmoid", "sigmoid", "", torch.sigmoid),
    ("tanh", "tanh", "", torch.tanh),
    ("silu", "silu", "", F.silu),
]
POINTWISE_IDS = [p[0] for p in POINTWISE]

SHAPES = [(), (0,), (3, 40), (2, 3, 4, 5), (1, 2, 3, 2, 2)]


@pytest.mark.parametrize("label,op,attrs,fn", POINTWISE, ids=POINTWISE_IDS)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_pointwise(label, op, attrs, fn, shape):
    x = sample(shape, seed=len(shape))
    assert_close(label, run_unary(op, x, attrs), fn(x))


@pytest.mark.parametrize("label,op,attrs,fn", POINTWISE, ids=POINTWISE_IDS)
def test_pointwise_wide_range(label, op, attrs, fn):
    # Every float32 exponent, both signs: catches overflow in exp and tanh.
    x = torch.tensor(np.concatenate([np.logspace(-38, 38, 400, dtype=np.float32),
                                     -np.logspace(-38, 38, 400, dtype=np.float32)]))
    assert_close(label, run_unary(op, x, attrs), fn(x))


@pytest.mark.parametrize("shape,dim", [
    ((), 0), ((), -1), ((9,), 0), ((3, 40), -1), ((3, 40), 0),
    ((2, 5, 7), 1), ((2, 5, 7), -3), ((2, 5, 7), 2), ((2, 3, 4, 5), -2),
    ((4, 0, 3), 1), ((4, 0, 3), 2), ((2, 1000), 1)])
def test_softmax(shape, dim):
    x = sample(shape, seed=3, scale=4.0).nan_to_num(0.0, 9.0, -9.0)
    y = run_unary("softmax", x, f"{{dim = {dim} : i64}}")
    assert_close("softmax", y, torch.softmax(x, dim))


def test_softmax_large_and_infinite_inputs():
    # Without subtracting the maximum exp(x) overflows; -inf entries give 0.
    x = torch.tensor([[1000.0, 999.0, -1000.0, 0.0],
                      [float("-inf"), 1.0, 2.0, float("-inf")],
                      [-1e30, -1e30, -1e30, -1e30]])
    assert_close("softmax", run_unary("softmax", x, "{dim = 1 : i64}"),
                 torch.softmax(x, 1))


def run_prelu(x, w):
    tx, tw = tensor_type(x), tensor_type(w)
    mlir = f"""func.func @f(%x: {tx}, %w: {tw}) -> {tx} {{
  %y = quill.prelu %x, %w : ({tx}, {tw}) -> {tx}
  return %y : {tx}
}}"""
    (y,) = run_mlir(mlir, [x, w])
    return y


@pytest.mark.parametrize("shape,n", [
    ((2, 4, 5, 5), 4), ((2, 4, 5, 5), 1), ((5, 3), 3), ((5, 3), 1), ((7,), 1),
    ((), 1), ((2, 3, 4, 5, 6), 3), ((2, 3, 4), 3), ((0, 3), 3)])
def test_prelu(shape, n):
    x = sample(shape, seed=5)
    w = torch.randn(n, generator=torch.Generator().manual_seed(6))
    assert_close("prelu", run_prelu(x, w), F.prelu(x, w))
