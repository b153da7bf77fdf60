"""Reference max/avg/adaptive pooling and mean kernels against PyTorch.

Covers 1-, 2- and 3-d pools, batched and unbatched, with stride, padding,
dilation, ceil_mode (including the rule that drops a last window starting in
the right padding), count_include_pad and divisor_override.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import run_mlir, tensor_type


def sample(shape, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=g) * 3.0


def ints(values):
    return "array<i64: " + ", ".join(str(v) for v in values) + ">"


def run_unary(op, x, out, attrs):
    tx, ty = tensor_type(x), tensor_type(out)
    mlir = f"""func.func @f(%x: {tx}) -> {ty} {{
  %y = quill.{op} %x {{{attrs}}} : {tx} -> {ty}
  return %y : {ty}
}}"""
    (y,) = run_mlir(mlir, [x])
    return y


def pool_attrs(n, kernel, stride=None, padding=0, dilation=None, ceil_mode=False):
    def tup(v):
        return v if isinstance(v, tuple) else (v,) * n
    attrs = [f"kernel_size = {ints(tup(kernel))}", f"padding = {ints(tup(padding))}",
             f"ceil_mode = {str(ceil_mode).lower()}"]
    if stride is not None:
        attrs.append(f"stride = {ints(tup(stride))}")
    if dilation is not None:
        attrs.append(f"dilation = {ints(tup(dilation))}")
    return ", ".join(attrs)


MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
ADAPTIVE = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}

# (spatial input size, kernel, stride, padding, dilation, ceil_mode)
MAX_CASES = [
    (8, 2, None, 0, None, False),
    (9, 3, 2, 1, None, False),
    (9, 3, 2, 1, None, True),
    (5, 2, 2, 1, None, True),   # ceil_mode: the last window would start in the padding
    (6, 3, 2, 1, None, True),
    (10, 3, 1, 1, 2, False),
    (11, 3, 3, 1, 3, True),
    (7, 4, 3, 2, None, True),
    (4, 4, None, 2, None, False),
    (1, 1, None, 0, None, True),
]


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("case", MAX_CASES, ids=str)
@pytest.mark.parametrize("batched", [True, False])
def test_max_pool(n, case, batched):
    size, kernel, stride, padding, dilation, ceil_mode = case
    if n == 3 and size > 9:
        size -= 3  # keep the 3-d cases small
    shape = ((2,) if batched else ()) + (3,) + (size,) * n
    x = sample(shape, n)
    expected = MAX_POOL[n](x, kernel, stride, padding, dilation or 1, ceil_mode)
    attrs = pool_attrs(n, kernel, stride, padding, dilation, ceil_mode)
    assert_close(f"max_pool{n}d", run_unary(f"max_pool{n}d", x, expected, attrs), expected)


def test_max_pool2d_mixed_sizes_and_nan():
    x = sample((1, 2, 9, 12), 7)
    x[0, 0, 1, 1] = float("nan")
    x[0, 1, 4, :] = float("-inf")
    args = dict(kernel_size=(2, 3), stride=(1, 2), padding=(1, 1), dilation=(2, 1),
                ceil_mode=True)
    expected = F.max_pool2d(x, **args)
    attrs = pool_attrs(2, (2, 3), (1, 2), (1, 1), (2, 1), True)
    assert_close("max_pool2d", run_unary("max_pool2d", x, expected, attrs), expected)


# (spatial input size, kernel, stride, padding, ceil_mode)
AVG_CASES = [
    (8, 2, None, 0, False),
    (9, 3, 2, 1, False),
    (9, 3, 2, 1, True),
    (5, 2, 2, 1, True),
    (6, 3, 2, 1, True),
    (7, 4, 3, 2, True),   # the last window overhangs the right padding
    (10, 5, 1, 2, False),
    (3, 3, None, 1, True),
]


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("case", AVG_CASES, ids=str)
@pytest.mark.parametrize("count_include_pad", [True, False])
def test_avg_pool(n, case, count_include_pad):
    size, kernel, stride, padding, ceil_mode = case
    shape = (2, 3) + (size,) * n
    x = sample(shape, n)
    expected = AVG_POOL[n](x, kernel, stride, padding, ceil_mode, count_include_pad)
    attrs = pool_attrs(n, kernel, stride, padding, None, ceil_mode)
    attrs += f", count_include_pad = {str(count_include_pad).lower()}"
    assert_close(f"avg_pool{n}d", run_unary(f"avg_pool{n}d", x, expected, attrs), expected)


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("divisor", [1, 3, 7, -2])
@pytest.mark.parametrize("batched", [True, False])
def test_avg_pool_divisor_override(n, divisor, batched):
    shape = ((2,) if batched else ()) + (3,) + (7,) * n
    x = sample(shape, divisor)
    args = dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)
    if n == 1:  # avg_pool1d has no divisor_override: pool a [.., 1, L] image
        expected = F.avg_pool2d(x.unsqueeze(-2), (1, 3), (1, 2), (0, 1), True,
                                divisor_override=divisor).squeeze(-2)
    else:
        expected = AVG_POOL[n](x, **args, divisor_override=divisor)
    attrs = pool_attrs(n, 3, 2, 1, None, True) + f", divisor_override = {divisor} : i64"
    assert_close(f"avg_pool{n}d", run_unary(f"avg_pool{n}d", x, expected, attrs), expected)


def test_avg_pool2d_unbatched_rectangular():
    x = sample((3, 7, 10), 9)
    expected = F.avg_pool2d(x, (3, 2), (2, 3), (1, 0), True, False)
    attrs = pool_attrs(2, (3, 2), (2, 3), (1, 0), None, True) + ", count_include_pad = false"
    assert_close("avg_pool2d", run_unary("avg_pool2d", x, expected, attrs), expected)


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("sizes", [(8, 4), (7, 3), (5, 7), (6, 1), (1, 1), (9, 9)], ids=str)
@pytest.mark.parametrize("batched", [True, False])
def test_adaptive_avg_pool(n, sizes, batched):
    size, out = sizes
    shape = ((2,) if batched else ()) + (3,) + (size,) * n
    x = sample(shape, size)
    expected = ADAPTIVE[n](x, (out,) * n)
    attrs = f"output_size = {ints((out,) * n)}"
    label = f"adaptive_avg_pool{n}d" + ("(global)" if out == 1 else "")
    assert_close(label, run_unary(f"adaptive_avg_pool{n}d", x, expected, attrs), expected)


def test_adaptive_avg_pool2d_mixed_and_global_large():
    x = sample((2, 3, 11, 6), 10)
    expected = F.adaptive_avg_pool2d(x, (4, 5))
    assert_close("adaptive_avg_pool2d",
                 run_unary("adaptive_avg_pool2d", x, expected, "output_size = array<i64: 4, 5>"),
                 expected)
    x = sample((1, 2, 64, 64), 11) + 10.0  # a global mean over 4096 values
    expected = F.adaptive_avg_pool2d(x, 1)
    assert_close("adaptive_avg_pool2d(global)",
                 run_unary("adaptive_avg_pool2d", x, expected, "output_size = array<i64: 1, 1>"),
                 expected)


@pytest.mark.parametrize("shape,dims", [
    ((2, 3, 4, 5), (2, 3)), ((2, 3, 4, 5), (-1,)), ((2, 3, 4, 5), (0, -1)),
    ((2, 3, 4, 5), ()), ((2, 3, 4, 5), (3, 1, 0, 2)), ((7,), (0,)),
    ((), ()), ((), (0,)),
    ((), (-1,)), ((3, 0, 2), (1,)), ((3, 0, 2), (2,)), ((100, 1000), (1,)),
])
@pytest.mark.parametrize("keepdim", [False, True])
def test_mean(shape, dims, keepdim):
    x = sample(shape, 12) + 1.0
    expected = torch.mean(x, dims, keepdim) if dims else torch.mean(x)
    if not dims and keepdim:
        expected = expected.reshape((1,) * len(shape))
    attrs = f"dims = {ints(dims) if dims else 'array<i64>'}, keepdim = {str(keepdim).lower()}"
    assert_close("mean", run_unary("mean", x, expected, attrs), expected)


@pytest.mark.parametrize("op,attrs,fn", [
    ("max_pool2d", "kernel_size = array<i64: 2, 2>", lambda x: F.max_pool2d(x, 2)),
    ("avg_pool1d", "kernel_size = array<i64: 3>", lambda x: F.avg_pool1d(x, 3)),
    ("adaptive_avg_pool3d", "output_size = array<i64: 2, 1, 3>",
     lambda x: F.adaptive_avg_pool3d(x, (2, 1, 3))),
], ids=["max_pool2d", "avg_pool1d", "adaptive_avg_pool3d"])
def test_pool_empty_batch(op, attrs, fn):
    n = int(op[-2])
    x = torch.empty((0, 3) + (6,) * n)
    expected = fn(x)
    assert_close(op, run_unary(op, x, expected, attrs), expected)


@pytest.mark.parametrize("spatial", [(1, 5), (7, 7), (16, 16), (56, 56), (3, 100, 20)])
def test_global_average_is_bit_exact(spatial):
    # A global adaptive average pool and a mean over trailing dims follow
    # PyTorch's cascade sum (CascadeSum.h): equal to the bit, from the
    # scalar path (< 8 elements) to several cascade levels.
    gen = torch.Generator().manual_seed(len(spatial) * 100 + spatial[-1])
    x = torch.randn((2, 3) + spatial, generator=gen) * 10
    n = len(spatial)
    pooled = getattr(F, f"adaptive_avg_pool{n}d")(x, 1)
    mean = x.mean(dim=tuple(range(2, 2 + n)))
    mlir = f"""func.func @f(%x: {tensor_type(x)}) -> ({tensor_type(pooled)}, {tensor_type(mean)}) {{
  %p = quill.adaptive_avg_pool{n}d %x {{output_size = array<i64: {', '.join(['1'] * n)}>}} : {tensor_type(x)} -> {tensor_type(pooled)}
  %m = quill.mean %x {{dims = array<i64: {', '.join(str(d) for d in range(2, 2 + n))}>}} : {tensor_type(x)} -> {tensor_type(mean)}
  return %p, %m : {tensor_type(pooled)}, {tensor_type(mean)}
}}"""
    got_pool, got_mean = run_mlir(mlir, [x])
    np.testing.assert_array_equal(got_pool, pooled.numpy())
    np.testing.assert_array_equal(got_mean, mean.numpy())
