"""Max, average and adaptive average pooling, and mean."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..importer_mlir import boolean, i64, i64_array
from .registry import function, method, module
from .util import Unsupported, axis, ntuple, tensor


_RANKS = {nn.MaxPool1d: 1, nn.MaxPool2d: 2, nn.MaxPool3d: 3, nn.AvgPool1d: 1, nn.AvgPool2d: 2,
          nn.AvgPool3d: 3, nn.AdaptiveAvgPool1d: 1, nn.AdaptiveAvgPool2d: 2,
          nn.AdaptiveAvgPool3d: 3}


def _spatial_rank(m):
    return next(n for cls, n in _RANKS.items() if isinstance(m, cls))


def max_pool(ctx, n, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices):
    if return_indices:
        raise Unsupported("max pooling with return_indices=True")
    attrs = {"kernel_size": i64_array(ntuple(kernel_size, n))}
    if stride is not None and stride != []:
        attrs["stride"] = i64_array(ntuple(stride, n))
    if ntuple(padding, n) != (0,) * n:
        attrs["padding"] = i64_array(ntuple(padding, n))
    if ntuple(dilation, n) != (1,) * n:
        attrs["dilation"] = i64_array(ntuple(dilation, n))
    if ceil_mode:
        attrs["ceil_mode"] = boolean(True)
    return ctx.unary(f"quill.max_pool{n}d", tensor(input, "input"), attrs)


@module(nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d)
def max_pool_module(ctx, m, input):
    return max_pool(ctx, _spatial_rank(m), input, m.kernel_size, m.stride,
                    m.padding, m.dilation, m.ceil_mode, m.return_indices)


def _max_pool_function(n):
    def emit(ctx, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
             return_indices=False):
        return max_pool(ctx, n, input, kernel_size, stride, padding, dilation, ceil_mode,
                        return_indices)
    return emit


for _n, _fns in ((1, (F.max_pool1d, torch.max_pool1d)), (2, (F.max_pool2d, torch.max_pool2d)),
                 (3, (F.max_pool3d, torch.max_pool3d))):
    function(*_fns)(_max_pool_function(_n))


def avg_pool(ctx, n, input, kernel_size, stride, padding, ceil_mode, count_include_pad,
             divisor_override):
    attrs = {"kernel_size": i64_array(ntuple(kernel_size, n))}
    if stride is not None and stride != []:
        attrs["stride"] = i64_array(ntuple(stride, n))
    if ntuple(padding, n) != (0,) * n:
        attrs["padding"] = i64_array(ntuple(padding, n))
    if ceil_mode:
        attrs["ceil_mode"] = boolean(True)
    if not count_include_pad:
        attrs["count_include_pad"] = boolean(False)
    if divisor_override is not None:
        attrs["divisor_override"] = i64(divisor_override)
    return ctx.unary(f"quill.avg_pool{n}d", tensor(input, "input"), attrs)


@module(nn.AvgPool1d, nn.AvgPool2d, nn.AvgPool3d)
def avg_pool_module(ctx, m, input):
    return avg_pool(ctx, _spatial_rank(m), input, m.kernel_size, m.stride,
                    m.padding, m.ceil_mode, m.count_include_pad,
                    getattr(m, "divisor_override", None))


def _avg_pool_function(n):
    def emit(ctx, input, kernel_size, stride=None, padding=0, ceil_mode=False,
             count_include_pad=True, divisor_override=None):
        return avg_pool(ctx, n, input, kernel_size, stride, padding, ceil_mode,
                        count_include_pad, divisor_override)
    return emit


for _n, _fns in ((1, (F.avg_pool1d,)), (2, (F.avg_pool2d,)), (3, (F.avg_pool3d,))):
    function(*_fns)(_avg_pool_function(_n))


def adaptive_avg_pool(ctx, n, input):
    """The output size is the result's spatial shape (PyTorch's None
    entries resolved)."""
    x = tensor(input, "input")
    return ctx.unary(f"quill.adaptive_avg_pool{n}d", x,
                     {"output_size": i64_array(ctx.out[0][-n:])})


@module(nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d, nn.AdaptiveAvgPool3d)
def adaptive_avg_pool_module(ctx, m, input):
    return adaptive_avg_pool(ctx, _spatial_rank(m), input)


def _adaptive_avg_pool_function(n):
    def emit(ctx, input, output_size):
        return adaptive_avg_pool(ctx, n, input)
    return emit


for _n, _fn in ((1, F.adaptive_avg_pool1d), (2, F.adaptive_avg_pool2d),
                (3, F.adaptive_avg_pool3d)):
    function(_fn)(_adaptive_avg_pool_function(_n))


@function(torch.mean)
@method("mean")
def mean(ctx, input, dim=None, keepdim=False, dtype=None):
    x = tensor(input, "input")
    if dtype is not None and dtype != x.dtype:
        raise Unsupported(f"mean computing in {dtype}")
    if dim is None:
        dims = []
    else:
        dims = [axis(d, x.rank) for d in (dim if isinstance(dim, (list, tuple)) else [dim])]
    attrs = {"dims": i64_array(dims)}
    if keepdim:
        attrs["keepdim"] = boolean(True)
    return ctx.unary("quill.mean", x, attrs)
