"""Reference add/sub/mul/div, cat and stack kernels against PyTorch.

Binary ops are checked with numpy broadcasting (rank mismatch, size-1
dimensions on either side, rank 0, empty), with a scalar right operand, with
alpha and with each rounding mode of div.
"""

import numpy as np
import pytest
import torch

from kernel_compare import assert_close
from quill_harness import run_mlir, tensor_type


def f64(v):
    return f"{v:.17e}"


def sample(shape, seed, scale=3.0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=g) * scale


def run_binary(op, a, b, attrs=""):
    """quill.<op> a, b where b is a tensor or a Python float (scalar form)."""
    ta = tensor_type(a)
    if isinstance(b, float):
        out = a
        mlir = f"""func.func @f(%a: {ta}) -> {ta} {{
  %y = quill.{op} %a, {f64(b)} {attrs} : ({ta}) -> {ta}
  return %y : {ta}
}}"""
        inputs = [a]
    else:
        out = torch.broadcast_tensors(a, b)[0]
        tb, ty = tensor_type(b), tensor_type(out)
        mlir = f"""func.func @f(%a: {ta}, %b: {tb}) -> {ty} {{
  %y = quill.{op} %a, %b {attrs} : ({ta}, {tb}) -> {ty}
  return %y : {ty}
}}"""
        inputs = [a, b]
    (y,) = run_mlir(mlir, inputs)
    return y


BROADCASTS = [
    ((2, 3), (2, 3)), ((2, 3), (3,)), ((4, 1, 5), (3, 1)), ((5,), (2, 1)),
    ((2, 3), ()), ((), (2, 3)), ((), ()), ((0, 3), (1, 3)), ((1,), (3, 4)),
    ((2, 1, 3, 1, 2), (4, 3, 1, 1)), ((6, 7), (6, 1)), ((3, 1, 70), (5, 70)),
]

# (label, quill op, attribute text, PyTorch function of (a, b))
BINARY = [
    ("add", "add", "", torch.add),
    ("add(alpha=2.5)", "add", f"{{alpha = {f64(2.5)} : f64}}",
     lambda a, b: torch.add(a, b, alpha=2.5)),
    ("add(alpha=-0.3)", "add", f"{{alpha = {f64(-0.3)} : f64}}",
     lambda a, b: torch.add(a, b, alpha=-0.3)),
    ("sub", "sub", "", torch.sub),
    ("sub(alpha=0.7)", "sub", f"{{alpha = {f64(0.7)} : f64}}",
     lambda a, b: torch.sub(a, b, alpha=0.7)),
    ("mul", "mul", "", torch.mul),
    ("div", "div", "", torch.div),
    ("div(true_div)", "div", "{rounding_mode = #quill.rounding_mode<true_div>}", torch.div),
    ("div(trunc)", "div", "{rounding_mode = #quill.rounding_mode<trunc>}",
     lambda a, b: torch.div(a, b, rounding_mode="trunc")),
    ("div(floor)", "div", "{rounding_mode = #quill.rounding_mode<floor>}",
     lambda a, b: torch.div(a, b, rounding_mode="floor")),
]
BINARY_IDS = [b[0] for b in BINARY]


@pytest.mark.parametrize("label,op,attrs,fn", BINARY, ids=BINARY_IDS)
@pytest.mark.parametrize("shapes", BROADCASTS, ids=str)
def test_binary_broadcast(label, op, attrs, fn, shapes):
    a, b = sample(shapes[0], 1), sample(shapes[1], 2)
    assert_close(label, run_binary(op, a, b, attrs), fn(a, b))


@pytest.mark.parametrize("label,op,attrs,fn", BINARY, ids=BINARY_IDS)
@pytest.mark.parametrize("scalar", [2.5, -0.1, -0.0, 1e30])
def test_binary_scalar(label, op, attrs, fn, scalar):
    a = sample((3, 5), 3)
    assert_close(label, run_binary(op, a, scalar, attrs), fn(a, scalar))


@pytest.mark.parametrize("label,op,attrs,fn", BINARY, ids=BINARY_IDS)
def test_binary_special_values(label, op, attrs, fn):
    # Zeros, exact multiples, signs, infinities and NaN on both sides.
    values = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 7.5, -7.5, 1e-30, 1e30,
              float("inf"), float("-inf"), float("nan")]
    a = torch.tensor(values).reshape(-1, 1)
    b = torch.tensor(values).reshape(1, -1)
    assert_close(label, run_binary(op, a, b, attrs), fn(a, b))


@pytest.mark.parametrize("mode", ["trunc", "floor"])
def test_div_rounding_near_integers(mode):
    # Quotients that land on or just beside an integer.
    g = torch.Generator().manual_seed(4)
    b = torch.randint(-9, 10, (500,), generator=g).float() + 0.5
    a = b * torch.randint(-50, 50, (500,), generator=g).float()
    a = torch.cat([a, a + 1e-3, a - 1e-3, torch.randn(500, generator=g) * 1e6])
    b = torch.cat([b, b, b, b])
    y = run_binary("div", a, b, f"{{rounding_mode = #quill.rounding_mode<{mode}>}}")
    assert_close(f"div({mode})", y, torch.div(a, b, rounding_mode=mode))


def run_variadic(op, inputs, dim, out):
    types = ", ".join(tensor_type(x) for x in inputs)
    args = ", ".join(f"%x{i}: {tensor_type(x)}" for i, x in enumerate(inputs))
    names = ", ".join(f"%x{i}" for i in range(len(inputs)))
    ty = tensor_type(out)
    mlir = f"""func.func @f({args}) -> {ty} {{
  %y = quill.{op} {names} {{dim = {dim} : i64}} : ({types}) -> {ty}
  return %y : {ty}
}}"""
    (y,) = run_mlir(mlir, inputs)
    return y


@pytest.mark.parametrize("shapes,dim", [
    ([(2, 3), (4, 3)], 0), ([(2, 3), (2, 5)], 1), ([(2, 3), (2, 5)], -1),
    ([(2, 3, 4), (2, 1, 4), (2, 2, 4)], 1), ([(2, 3, 4), (2, 3, 1)], -1),
    ([(2, 3, 4), (2, 3, 4)], -3), ([(5,)], 0), ([(3,), (0,), (2,)], 0),
    ([(0,), (2, 3), (0,), (2, 3)], 1),  # 1-d empty inputs are skipped
    ([(0, 3), (2, 3)], 0), ([(1, 2, 3, 4, 5), (1, 2, 3, 1, 5)], 3),
])
def test_cat(shapes, dim):
    inputs = [sample(s, i) for i, s in enumerate(shapes)]
    expected = torch.cat(inputs, dim)
    assert_close("cat", run_variadic("cat", inputs, dim, expected), expected)


def test_cat_of_only_legacy_empty_inputs():
    inputs = [torch.empty(0), torch.empty(0)]
    assert_close("cat", run_variadic("cat", inputs, 0, torch.empty(0)), torch.cat(inputs))


@pytest.mark.parametrize("shape,count,dim", [
    ((2, 3), 2, 0), ((2, 3), 3, 1), ((2, 3), 2, 2), ((2, 3), 2, -1),
    ((2, 3), 4, -3), ((), 3, 0), ((), 2, -1), ((4,), 1, 0), ((0, 2), 2, 1),
    ((2, 3, 4, 5), 3, 2),
])
def test_stack(shape, count, dim):
    inputs = [sample(shape, i) for i in range(count)]
    expected = torch.stack(inputs, dim)
    assert_close("stack", run_variadic("stack", inputs, dim, expected), expected)
