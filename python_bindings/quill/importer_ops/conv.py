"""Convolutions, linear layers and matrix products."""

import operator

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..importer_mlir import i64, i64_array
from .registry import function, method, module
from .shape import pad_tensor
from .util import Unsupported, ntuple, same_dtype, tensor


def _spatial_attrs(attrs, n, **values_and_defaults):
    for name, (value, default) in values_and_defaults.items():
        value = ntuple(value, n)
        if value != (default,) * n:
            attrs[name] = i64_array(value)


def _same_padding(ctx, x, weight, dilation, n):
    """padding="same": symmetric amounts in the op, an explicit quill.pad
    for the odd extra element PyTorch puts on the right."""
    kernel = weight.shape[-n:]
    totals = [d * (k - 1) for d, k in zip(ntuple(dilation, n), kernel)]
    if all(t % 2 == 0 for t in totals):
        return x, [t // 2 for t in totals]
    pads = []
    for t in reversed(totals):
        pads += [t // 2, t - t // 2]
    return pad_tensor(ctx, x, pads), [0] * n


def conv(ctx, input, weight, bias, stride, padding, dilation, groups):
    x, w = tensor(input, "input"), tensor(weight, "weight")
    n = w.rank - 2
    if isinstance(padding, str):
        if padding == "valid":
            padding = 0
        elif padding == "same":
            x, padding = _same_padding(ctx, x, w, dilation, n)
        else:
            raise Unsupported(f"padding={padding!r}")
    attrs = {}
    _spatial_attrs(attrs, n, stride=(stride, 1), padding=(padding, 0),
                   dilation=(dilation, 1))
    if groups != 1:
        attrs["groups"] = i64(groups)
    operands = [x, w] + ([tensor(bias, "bias")] if bias is not None else [])
    same_dtype(ctx, x)
    return ctx.call(f"quill.conv{n}d", operands, attrs)


@module(nn.Conv1d, nn.Conv2d, nn.Conv3d)
def conv_module(ctx, m, input):
    x = tensor(input, "input")
    padding = m.padding
    if m.padding_mode != "zeros":
        # As the module does: F.pad with the mode, then an unpadded conv.
        x = pad_tensor(ctx, x, m._reversed_padding_repeated_twice, m.padding_mode)
        padding = 0
    return conv(ctx, x, ctx.param(m, "weight"), ctx.param(m, "bias"), m.stride, padding,
                m.dilation, m.groups)


@function(F.conv1d, F.conv2d, F.conv3d)
def conv_function(ctx, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return conv(ctx, input, weight, bias, stride, padding, dilation, groups)


def conv_transpose(ctx, input, weight, bias, stride, padding, output_padding, groups,
                   dilation):
    x, w = tensor(input, "input"), tensor(weight, "weight")
    n = w.rank - 2
    attrs = {}
    _spatial_attrs(attrs, n, stride=(stride, 1), padding=(padding, 0),
                   output_padding=(output_padding, 0), dilation=(dilation, 1))
    if groups != 1:
        attrs["groups"] = i64(groups)
    operands = [x, w] + ([tensor(bias, "bias")] if bias is not None else [])
    same_dtype(ctx, x)
    return ctx.call(f"quill.conv_transpose{n}d", operands, attrs)


@module(nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)
def conv_transpose_module(ctx, m, input, output_size=None):
    if m.padding_mode != "zeros":
        raise Unsupported(f"padding_mode={m.padding_mode!r}")
    x = tensor(input, "input")
    n = x.rank - 2 if x.rank == m.weight.dim() else x.rank - 1
    # output_size only chooses output_padding: read it off the result.
    stride, padding, dilation = (ntuple(v, n) for v in (m.stride, m.padding, m.dilation))
    out = ctx.out[0][-n:]
    output_padding = [o - ((i - 1) * s - 2 * p + d * (k - 1) + 1)
                      for o, i, s, p, d, k in zip(out, x.shape[-n:], stride, padding, dilation,
                                                  m.kernel_size)]
    return conv_transpose(ctx, x, ctx.param(m, "weight"), ctx.param(m, "bias"), stride,
                          padding, output_padding, m.groups, dilation)


@function(F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d)
def conv_transpose_function(ctx, input, weight, bias=None, stride=1, padding=0,
                            output_padding=0, groups=1, dilation=1):
    return conv_transpose(ctx, input, weight, bias, stride, padding, output_padding, groups,
                          dilation)


@module(nn.Linear)
def linear_module(ctx, m, input):
    return linear(ctx, input, ctx.param(m, "weight"), ctx.param(m, "bias"))


@function(F.linear)
def linear(ctx, input, weight, bias=None):
    x = tensor(input, "input")
    same_dtype(ctx, x)
    operands = [x, tensor(weight, "weight")] + ([tensor(bias, "bias")] if bias is not None else [])
    return ctx.call("quill.linear", operands)


@function(torch.matmul, operator.matmul, torch.mm)
@method("matmul", "mm")
def matmul(ctx, input, other):
    a, b = tensor(input, "input"), tensor(other, "other")
    same_dtype(ctx, a, b)
    return ctx.call("quill.matmul", [a, b])


@function(torch.bmm)
@method("bmm")
def bmm(ctx, input, mat2):
    a, b = tensor(input, "input"), tensor(mat2, "mat2")
    same_dtype(ctx, a, b)
    return ctx.call("quill.batch_matmul", [a, b])
