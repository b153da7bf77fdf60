"""Activations, softmax, clamp, dropout and identity."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..importer_mlir import enum, f64, i64
from .registry import function, method, module
from .util import Unsupported, axis, same_dtype, scalar, tensor

_SIMPLE = {
    "relu": ((nn.ReLU,), (F.relu, torch.relu, F.relu_, torch.relu_), ("relu", "relu_")),
    "relu6": ((nn.ReLU6,), (F.relu6,), ()),
    "hardswish": ((nn.Hardswish,), (F.hardswish,), ()),
    "hardsigmoid": ((nn.Hardsigmoid,), (F.hardsigmoid,), ()),
    "sigmoid": ((nn.Sigmoid,), (torch.sigmoid, F.sigmoid, torch.sigmoid_),
                ("sigmoid", "sigmoid_")),
    "tanh": ((nn.Tanh,), (torch.tanh, F.tanh, torch.tanh_), ("tanh", "tanh_")),
    "silu": ((nn.SiLU,), (F.silu,), ()),
}


def _simple(op):
    def emit(ctx, input, *_, **__):  # inplace flags: value semantics
        x = tensor(input, "input")
        same_dtype(ctx, x)
        return ctx.unary(op, x)
    return emit


for _name, (_modules, _functions, _methods) in _SIMPLE.items():
    _emit = _simple("quill." + _name)
    module(*_modules)(lambda ctx, m, input, _e=_emit: _e(ctx, input))
    function(*_functions)(_emit)
    method(*_methods)(_emit)


def _gelu(ctx, x, approximate):
    attrs = {}
    if approximate != "none":
        attrs["approximate"] = enum("gelu_approximate", approximate)
    return ctx.unary("quill.gelu", tensor(x, "input"), attrs)


@module(nn.GELU)
def gelu_module(ctx, m, input):
    return _gelu(ctx, input, m.approximate)


@function(F.gelu)
def gelu(ctx, input, approximate="none"):
    return _gelu(ctx, input, approximate)


def _float_attrs(**values_and_defaults):
    return {k: f64(v) for k, (v, d) in values_and_defaults.items() if float(v) != d}


@module(nn.ELU)
def elu_module(ctx, m, input):
    return elu(ctx, input, m.alpha)


@function(F.elu)
def elu(ctx, input, alpha=1.0, inplace=False):
    return ctx.unary("quill.elu", tensor(input, "input"), _float_attrs(alpha=(alpha, 1.0)))


@module(nn.LeakyReLU)
def leaky_relu_module(ctx, m, input):
    return leaky_relu(ctx, input, m.negative_slope)


@function(F.leaky_relu)
def leaky_relu(ctx, input, negative_slope=0.01, inplace=False):
    return ctx.unary("quill.leaky_relu", tensor(input, "input"),
                     _float_attrs(negative_slope=(negative_slope, 0.01)))


@module(nn.Hardtanh)
def hardtanh_module(ctx, m, input):
    return hardtanh(ctx, input, m.min_val, m.max_val)


@function(F.hardtanh, F.hardtanh_)
def hardtanh(ctx, input, min_val=-1.0, max_val=1.0, inplace=False):
    return ctx.unary("quill.hardtanh", tensor(input, "input"),
                     _float_attrs(min_val=(min_val, -1.0), max_val=(max_val, 1.0)))


@function(torch.clamp, torch.clip, torch.clamp_)
@method("clamp", "clip", "clamp_", "clip_")
def clamp(ctx, input, min=None, max=None):
    attrs = {}
    for name, bound in (("min", min), ("max", max)):
        if bound is None:
            continue
        if not scalar(bound):
            raise Unsupported(f"clamp with a non-scalar {name} ({bound!r})")
        attrs[name] = f64(bound)
    x = tensor(input, "input")
    same_dtype(ctx, x)
    if not attrs:
        raise Unsupported("clamp without bounds")
    return ctx.unary("quill.clamp", x, attrs)


@module(nn.PReLU)
def prelu_module(ctx, m, input):
    return ctx.call("quill.prelu", [tensor(input, "input"), ctx.param(m, "weight")])


@function(F.prelu, torch.prelu)
def prelu(ctx, input, weight):
    return ctx.call("quill.prelu", [tensor(input, "input"), tensor(weight, "weight")])


def _softmax(ctx, input, d, dtype):
    x = tensor(input, "input")
    if dtype is not None and dtype != x.dtype:
        raise Unsupported(f"softmax computing in {dtype}")
    if d is None:  # PyTorch's legacy implicit dimension
        d = 0 if x.rank in (0, 1, 3) else 1
    return ctx.unary("quill.softmax", x, {"dim": i64(axis(d, x.rank))})


@module(nn.Softmax)
def softmax_module(ctx, m, input):
    return _softmax(ctx, input, m.dim, None)


@function(F.softmax)
def softmax(ctx, input, dim=None, _stacklevel=3, dtype=None):
    return _softmax(ctx, input, dim, dtype)


@function(torch.softmax)
@method("softmax")
def softmax_method(ctx, input, dim, dtype=None):
    return _softmax(ctx, input, dim, dtype)


_DROPOUTS = (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d, nn.AlphaDropout,
             nn.FeatureAlphaDropout)


@module(*_DROPOUTS)
def dropout_module(ctx, m, input):
    return _dropout(ctx, input, m.p)


def _dropout(ctx, input, p):
    return ctx.unary("quill.dropout", tensor(input, "input"), _float_attrs(p=(p, 0.5)))


@function(F.dropout, F.dropout1d, F.dropout2d, F.dropout3d, F.alpha_dropout,
          F.feature_alpha_dropout)
def dropout(ctx, input, p=0.5, training=True, inplace=False):
    if training:
        raise Unsupported("dropout with training=True drops values even in eval "
                          "mode; pass training=self.training")
    return _dropout(ctx, input, p)


@module(nn.Identity)
def identity_module(ctx, m, input, *args, **kwargs):
    return ctx.unary("quill.identity", tensor(input, "input"))


def _stochastic_depth_targets():
    try:
        from torchvision.ops import stochastic_depth
    except ImportError:
        return ()
    return (stochastic_depth,)


@function(*_stochastic_depth_targets())
def stochastic_depth(ctx, input, p, mode, training=True):
    """torchvision's stochastic depth: the identity in eval (kept as an op,
    as the FX graph has the node)."""
    if training and p > 0.0:
        raise Unsupported("stochastic_depth with training=True")
    return ctx.unary("quill.identity", tensor(input, "input"))
