"""Batch, layer, group and instance normalization (eval mode)."""

import torch.nn as nn
import torch.nn.functional as F

from ..importer_mlir import f64, i64, i64_array
from .registry import function, module
from .util import Unsupported, same_dtype, tensor


def _eps(eps):
    return {"eps": f64(eps)} if eps != 1e-5 else {}


def _keyword_operands(x, named):
    """`%x, ... weight %w bias %b`-style operands; returns (values, text)."""
    values, text = [x], x.name
    for keyword, value in named:
        if value is None:
            continue
        values.append(tensor(value, keyword or "operand"))
        text += f" {keyword} {value.name}" if keyword else f", {value.name}"
    return values, text


def batch_norm(ctx, input, running_mean, running_var, weight, bias, eps):
    x = tensor(input, "input")
    same_dtype(ctx, x)
    if running_mean is None or running_var is None:
        raise Unsupported("batch norm without running statistics (batch statistics in eval)")
    values, text = _keyword_operands(x, [("", running_mean), ("", running_var),
                                         ("weight", weight), ("bias", bias)])
    return ctx.emit("quill.batch_norm", values, _eps(eps), text=text)[0]


@module(nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)
def batch_norm_module(ctx, m, input):
    if not m.track_running_stats:
        raise Unsupported("BatchNorm with track_running_stats=False normalizes with "
                          "batch statistics")
    return batch_norm(ctx, input, ctx.param(m, "running_mean"), ctx.param(m, "running_var"),
                      ctx.param(m, "weight"), ctx.param(m, "bias"), m.eps)


@function(F.batch_norm)
def batch_norm_function(ctx, input, running_mean, running_var, weight=None, bias=None,
                        training=False, momentum=0.1, eps=1e-5):
    if training:
        raise Unsupported("batch_norm with training=True")
    return batch_norm(ctx, input, running_mean, running_var, weight, bias, eps)


@module(nn.LayerNorm)
def layer_norm_module(ctx, m, input):
    return layer_norm(ctx, input, m.normalized_shape, ctx.param(m, "weight"),
                      ctx.param(m, "bias"), m.eps)


@function(F.layer_norm)
def layer_norm(ctx, input, normalized_shape, weight=None, bias=None, eps=1e-5):
    x = tensor(input, "input")
    same_dtype(ctx, x)
    values, text = _keyword_operands(x, [("weight", weight), ("bias", bias)])
    attrs = {"normalized_shape": i64_array(normalized_shape), **_eps(eps)}
    return ctx.emit("quill.layer_norm", values, attrs, text=text)[0]


@module(nn.GroupNorm)
def group_norm_module(ctx, m, input):
    return group_norm(ctx, input, m.num_groups, ctx.param(m, "weight"), ctx.param(m, "bias"),
                      m.eps)


@function(F.group_norm)
def group_norm(ctx, input, num_groups, weight=None, bias=None, eps=1e-5):
    x = tensor(input, "input")
    same_dtype(ctx, x)
    values, text = _keyword_operands(x, [("weight", weight), ("bias", bias)])
    attrs = {"num_groups": i64(num_groups), **_eps(eps)}
    return ctx.emit("quill.group_norm", values, attrs, text=text)[0]


@module(nn.InstanceNorm1d, nn.InstanceNorm2d, nn.InstanceNorm3d)
def instance_norm_module(ctx, m, input):
    x = tensor(input, "input")
    if x.rank == m._get_no_batch_dim():
        raise Unsupported("unbatched instance norm")
    return instance_norm(ctx, x, ctx.param(m, "running_mean"), ctx.param(m, "running_var"),
                         ctx.param(m, "weight"), ctx.param(m, "bias"),
                         not m.track_running_stats, eps=m.eps)


@function(F.instance_norm)
def instance_norm(ctx, input, running_mean=None, running_var=None, weight=None, bias=None,
                  use_input_stats=True, momentum=0.1, eps=1e-5):
    x = tensor(input, "input")
    same_dtype(ctx, x)
    if use_input_stats:  # the running statistics are only updated, not used
        running_mean = running_var = None
    elif running_mean is None or running_var is None:
        raise Unsupported("instance_norm with use_input_stats=False needs running statistics")
    values, text = _keyword_operands(x, [("weight", weight), ("bias", bias),
                                         ("running_mean", running_mean),
                                         ("running_var", running_var)])
    return ctx.emit("quill.instance_norm", values, _eps(eps), text=text)[0]
