"""Reference batch_norm, layer_norm, group_norm and instance_norm kernels
against PyTorch, with and without the optional affine operands."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import mlir_constant, run_mlir, tensor_type


def sample(shape, seed, scale=1.0, offset=0.0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=g) * scale + offset


def run_norm(op, x, operands, attrs=""):
    """quill.<op> %x with `operands` = [(keyword, tensor)]: the keyword
    ("weight", ...) is None for positional operands, a None tensor is an
    absent optional operand, and a "const" prefix inlines the tensor as a
    constant instead of passing it as a function argument."""
    args = [f"%x: {tensor_type(x)}"]
    inputs, body, parts, types = [x], [], ["%x"], [tensor_type(x)]
    for i, (keyword, t) in enumerate(operands):
        if t is None:
            continue
        name = f"%p{i}"
        words = (keyword or "").split()
        keyword = words[-1] if words and words[-1] != "const" else None
        if words and words[0] == "const":
            body.append(f"  {name} = {mlir_constant(t)}")
        else:
            args.append(f"{name}: {tensor_type(t)}")
            inputs.append(t)
        parts.append(f"{keyword} {name}" if keyword else name)
        types.append(tensor_type(t))
    # Positional operands follow %x with commas, keyword ones with spaces.
    text = parts[0]
    for p in parts[1:]:
        text += (" " if " " in p else ", ") + p
    ty = tensor_type(x)
    body.append(f"  %y = quill.{op} {text} {attrs} : ({', '.join(types)}) -> {ty}")
    mlir = (f"func.func @f({', '.join(args)}) -> {ty} {{\n" + "\n".join(body) +
            f"\n  return %y : {ty}\n}}")
    (y,) = run_mlir(mlir, inputs)
    return y


def eps_attr(eps):
    return f"eps = {eps:.17e} : f64"


@pytest.mark.parametrize("shape", [(5, 4), (3, 4, 7), (2, 4, 5, 6), (2, 4, 3, 4, 5),
                                   (1, 4, 1, 1), (0, 4, 3)], ids=str)
@pytest.mark.parametrize("affine", ["both", "weight", "bias", "none"])
@pytest.mark.parametrize("relu", [False, True])
def test_batch_norm(shape, affine, relu):
    c = shape[1]
    x = sample(shape, 1, scale=2.0, offset=0.5)
    mean, var = sample(c, 2), torch.rand(c, generator=torch.Generator().manual_seed(3)) + 0.1
    w = sample(c, 4) if affine in ("both", "weight") else None
    b = sample(c, 5) if affine in ("both", "bias") else None
    attrs = "{" + eps_attr(1e-3) + (", fused_activation = #quill.fused_activation<relu>"
                                    if relu else "") + "}"
    y = run_norm("batch_norm", x, [(None, mean), (None, var), ("weight", w), ("bias", b)],
                 attrs)
    expected = F.batch_norm(x, mean, var, w, b, training=False, eps=1e-3)
    assert_close("batch_norm+relu" if relu else "batch_norm", y,
                 F.relu(expected) if relu else expected)


def test_batch_norm_constant_statistics_default_eps():
    x = sample((2, 3, 4, 4), 6)
    mean, var, w, b = sample(3, 7), torch.rand(3) + 0.5, sample(3, 8), sample(3, 9)
    y = run_norm("batch_norm", x, [("const", mean), ("const", var),
                                   ("const weight", w), ("const bias", b)])
    assert_close("batch_norm", y, F.batch_norm(x, mean, var, w, b, training=False))


@pytest.mark.parametrize("shape,normalized", [
    ((2, 16), (16,)), ((2, 3, 4, 5), (5,)), ((2, 3, 4, 5), (4, 5)),
    ((2, 3, 4, 5), (2, 3, 4, 5)), ((7,), (7,)), ((0, 8), (8,)), ((3, 4096), (4096,)),
])
@pytest.mark.parametrize("affine", ["both", "weight", "bias", "none"])
def test_layer_norm(shape, normalized, affine):
    x = sample(shape, 1, scale=2.0, offset=1.0)
    w = sample(normalized, 2) if affine in ("both", "weight") else None
    b = sample(normalized, 3) if affine in ("both", "bias") else None
    ns = ", ".join(map(str, normalized))
    y = run_norm("layer_norm", x, [("weight", w), ("bias", b)],
                 f"{{normalized_shape = array<i64: {ns}>, {eps_attr(1e-5)}}}")
    assert_close("layer_norm", y, F.layer_norm(x, normalized, w, b, eps=1e-5))


@pytest.mark.parametrize("offset,scale", [(100.0, 1.0), (5.0, 1e-2), (0.0, 1e4)])
def test_layer_norm_badly_conditioned(offset, scale):
    # A large mean relative to the spread: PyTorch's own float32 result is
    # only accurate to ~|mean|/std ulps, so compare at that scale.
    x = sample((4, 256), 4, scale=scale, offset=offset)
    y = run_norm("layer_norm", x, [("weight", None), ("bias", None)],
                 "{normalized_shape = array<i64: 256>}")
    exact = F.layer_norm(x.double(), (256,)).float()
    tol = 4 * np.finfo(np.float32).eps * (abs(offset) / scale + 1)
    assert_close("layer_norm(ill-conditioned)", y, F.layer_norm(x, (256,)), atol=tol)
    assert_close("layer_norm(ill-conditioned) vs float64", y, exact, atol=tol)


@pytest.mark.parametrize("shape,groups", [
    ((2, 6, 4, 4), 1), ((2, 6, 4, 4), 2), ((2, 6, 4, 4), 3), ((2, 6, 4, 4), 6),
    ((3, 4), 2), ((2, 4, 9), 4), ((1, 6, 2, 3, 4), 3), ((0, 4, 2), 2),
])
@pytest.mark.parametrize("affine", ["both", "weight", "none"])
@pytest.mark.parametrize("eps", [1e-5, 0.1])
def test_group_norm(shape, groups, affine, eps):
    c = shape[1]
    x = sample(shape, 1, scale=3.0, offset=-2.0)
    w = sample(c, 2) if affine in ("both", "weight") else None
    b = sample(c, 3) if affine == "both" else None
    y = run_norm("group_norm", x, [("weight", w), ("bias", b)],
                 f"{{num_groups = {groups} : i64, {eps_attr(eps)}}}")
    assert_close("group_norm", y, F.group_norm(x, groups, w, b, eps=eps))


@pytest.mark.parametrize("shape", [(2, 3, 10), (2, 4, 5, 6), (1, 2, 3, 4, 5), (3, 2, 2)],
                         ids=str)
@pytest.mark.parametrize("affine", ["both", "weight", "none"])
@pytest.mark.parametrize("running", [False, True])
def test_instance_norm(shape, affine, running):
    c = shape[1]
    x = sample(shape, 1, scale=2.0, offset=1.0)
    w = sample(c, 2) if affine in ("both", "weight") else None
    b = sample(c, 3) if affine == "both" else None
    rm = sample(c, 4) if running else None
    rv = torch.rand(c, generator=torch.Generator().manual_seed(5)) + 0.2 if running else None
    y = run_norm("instance_norm", x, [("weight", w), ("bias", b), ("running_mean", rm),
                                      ("running_var", rv)],
                 "{" + eps_attr(1e-4) + "}")
    # use_input_stats=False: a track_running_stats module in eval mode.
    expected = F.instance_norm(x, rm, rv, w, b, use_input_stats=not running, eps=1e-4)
    assert_close("instance_norm(running stats)" if running else "instance_norm", y, expected)
