"""Reference conv kernels (conv1d/2d/3d, conv_transpose1d/2d/3d) vs PyTorch.

Each case runs one quill op through quant-run (weights and bias inlined as
exact constants) and compares with torch.nn.functional on the same data:
strides, padding, dilation, groups (depthwise included), output_padding,
bias or none, fused relu, attribute defaults (omitted attributes), an empty
batch, and unbatched inputs ([C, spatial...], which PyTorch 1.13 accepts).
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quill_harness import mlir_constant, run_mlir, tensor_type

# (op, input shape, C_out, kernel, attributes, bias, relu); attributes use
# the op's names and are omitted from the IR when absent (ODS defaults).
CASES = [
    # conv1d
    ("conv1d", (2, 3, 10), 4, (3,), {}, True, False),
    ("conv1d", (2, 3, 11), 5, (3,), dict(stride=[2], padding=[1]), False, False),
    ("conv1d", (1, 3, 12), 6, (3,), dict(dilation=[2], padding=[2], groups=3), True, True),
    ("conv1d", (2, 4, 9), 8, (5,), dict(groups=4, padding=[2]), True, False),  # depthwise x2
    ("conv1d", (1, 2, 4), 3, (3,), dict(padding=[3], stride=[3]), True, True),
    # conv2d
    ("conv2d", (2, 3, 8, 8), 4, (3, 3), {}, True, False),
    ("conv2d", (1, 4, 9, 10), 6, (3, 3),
     dict(stride=[2, 1], padding=[1, 2], dilation=[2, 1], groups=2), True, False),
    ("conv2d", (2, 8, 7, 7), 8, (3, 3), dict(padding=[1, 1], groups=8), True, True),  # depthwise
    ("conv2d", (1, 3, 9, 5), 2, (3, 1), dict(stride=[3, 2]), False, False),
    ("conv2d", (1, 3, 5, 6), 4, (2, 2), dict(stride=[1, 1], padding=[0, 0], dilation=[1, 1], groups=1), False, True),
    ("conv2d", (2, 6, 6, 6), 4, (1, 1), dict(groups=2), False, True),
    ("conv2d", (0, 3, 6, 6), 4, (3, 3), dict(padding=[1, 1]), True, False),  # empty batch
    # conv3d
    ("conv3d", (1, 2, 5, 6, 4), 3, (2, 3, 2), {}, True, False),
    ("conv3d", (2, 4, 6, 5, 7), 6, (3, 2, 3),
     dict(stride=[2, 1, 2], padding=[1, 1, 0], dilation=[1, 2, 1], groups=2), True, True),
    ("conv3d", (1, 3, 4, 4, 4), 3, (3, 3, 3), dict(padding=[1, 1, 1], groups=3), False, False),
    # conv_transpose1d (weight [C_in, C_out/groups, k])
    ("conv_transpose1d", (2, 4, 5), 3, (3,), {}, True, False),
    ("conv_transpose1d", (1, 2, 6), 3, (4,), dict(stride=[3], padding=[1], output_padding=[2]), False, False),
    ("conv_transpose1d", (2, 3, 5), 2, (3,), dict(dilation=[2], output_padding=[1]), True, True),
    ("conv_transpose1d", (1, 4, 7), 6, (2,), dict(stride=[2], groups=2), True, False),
    ("conv_transpose1d", (1, 3, 5), 3, (3,), dict(padding=[1], groups=3), False, True),  # depthwise
    # conv_transpose2d
    ("conv_transpose2d", (1, 4, 4, 4), 2, (2, 2), dict(stride=[2, 2]), False, False),
    ("conv_transpose2d", (2, 4, 5, 3), 6, (3, 2),
     dict(stride=[2, 3], padding=[1, 0], output_padding=[1, 2], dilation=[1, 2], groups=2), True, True),
    ("conv_transpose2d", (1, 3, 4, 5), 4, (3, 3), dict(padding=[2, 1], dilation=[2, 1]), True, False),
    ("conv_transpose2d", (2, 6, 3, 3), 6, (3, 3), dict(stride=[2, 2], padding=[1, 1], groups=6), True, False),
    # conv_transpose3d
    ("conv_transpose3d", (1, 2, 3, 4, 3), 3, (3, 3, 3),
     dict(stride=[2, 2, 2], padding=[1, 1, 1], output_padding=[1, 0, 1]), True, False),
    ("conv_transpose3d", (2, 4, 3, 3, 2), 2, (2, 3, 2),
     dict(dilation=[2, 1, 2], stride=[1, 2, 1], groups=2, output_padding=[1, 1, 0]), False, True),
]


def _case_id(case):
    op, shape, cout, kernel, attrs, bias, relu = case
    parts = [op, "x".join(map(str, shape)), f"k{'x'.join(map(str, kernel))}"]
    parts += [f"{k}{'_'.join(map(str, v)) if isinstance(v, list) else v}"
              for k, v in attrs.items()]
    return "-".join(parts + (["bias"] if bias else []) + (["relu"] if relu else []))


def _attr_dict(attrs, relu):
    entries = []
    for name, value in attrs.items():
        if isinstance(value, list):
            entries.append(f"{name} = array<i64: {', '.join(map(str, value))}>")
        else:
            entries.append(f"{name} = {value} : i64")
    if relu:
        entries.append("fused_activation = #quill.fused_activation<relu>")
    return " {" + ", ".join(entries) + "}" if entries else ""


def _torch_conv(op, x, w, b, attrs):
    groups = attrs.get("groups", 1)
    common = dict(stride=attrs.get("stride", 1), padding=attrs.get("padding", 0),
                  dilation=attrs.get("dilation", 1), groups=groups)
    fn = getattr(F, op)
    if op.startswith("conv_transpose"):
        return fn(x, w, b, output_padding=attrs.get("output_padding", 0), **common)
    return fn(x, w, b, **common)


def _runs_in_summation_order(op, x, w, b, attrs):
    """Whether PyTorch computes this conv on its im2col + reference BLAS
    path (Slow2d/Slow3d), whose summation order the reference kernel
    follows bit for bit (Conv.cpp)."""
    if op.startswith("conv_transpose"):
        return False
    n = w.dim() - 2
    batched = x if x.dim() == n + 2 else x.unsqueeze(0)
    backend = torch._C._select_conv_backend(
        batched, w, b, attrs.get("stride", [1] * n), attrs.get("padding", [0] * n),
        attrs.get("dilation", [1] * n), False, [0] * n, attrs.get("groups", 1))
    return str(backend) in ("_ConvBackend.Slow2d", "_ConvBackend.Slow3d")


# Cases with a batch of one, run again without the batch dimension.
UNBATCHED = [c for c in CASES if c[1][0] == 1]


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_conv(case):
    _check_conv(case, unbatched=False)


@pytest.mark.parametrize("case", UNBATCHED, ids=[_case_id(c) for c in UNBATCHED])
def test_conv_unbatched(case):
    _check_conv(case, unbatched=True)


def _check_conv(case, unbatched):
    op, shape, cout, kernel, attrs, has_bias, relu = case
    seed = CASES.index(case)
    gen = torch.Generator().manual_seed(seed)
    cin, groups = shape[1], attrs.get("groups", 1)
    if op.startswith("conv_transpose"):
        w_shape = (cin, cout // groups, *kernel)
    else:
        w_shape = (cout, cin // groups, *kernel)
    x = torch.randn(shape, generator=gen)
    if unbatched:
        x = x[0]
    w = torch.randn(w_shape, generator=gen)
    b = torch.randn(cout, generator=gen) if has_bias else None
    with torch.no_grad():
        ref = _torch_conv(op, x, w, b, attrs)
        if relu:
            ref = F.relu(ref)

    operands, types = ["%x", "%w"], [tensor_type(x), tensor_type(w)]
    consts = [f"%w = {mlir_constant(w)}"]
    if has_bias:
        operands.append("%b")
        types.append(tensor_type(b))
        consts.append(f"%b = {mlir_constant(b)}")
    body = "\n  ".join(consts)
    mlir = f"""func.func @f(%x: {tensor_type(x)}) -> {tensor_type(ref)} {{
  {body}
  %y = quill.{op} {', '.join(operands)}{_attr_dict(attrs, relu)} : ({', '.join(types)}) -> {tensor_type(ref)}
  return %y : {tensor_type(ref)}
}}"""
    (out,) = run_mlir(mlir, [x])
    ref = ref.numpy()
    assert out.shape == ref.shape and out.dtype == np.float32
    scale = max(1.0, float(np.abs(ref).max(initial=0.0)))
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6 * scale)
    if _runs_in_summation_order(op, x, w, b, attrs):
        np.testing.assert_array_equal(out, ref)
