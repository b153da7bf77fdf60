"""Arithmetic (tensor or scalar operands), cat and stack."""

import operator

import torch

from ..importer_mlir import Tensor, enum, f64, float_literal, i64
from .registry import function, method
from .util import Unsupported, axis, same_dtype, scalar, tensor


def _scalar_text(x, s):
    return f"{x.name}, {float_literal(s)}"


def binary(ctx, op, lhs, rhs, attrs=None, result=None):
    """`op lhs, rhs` with a tensor or scalar right operand."""
    attrs = dict(attrs or {})
    if not lhs.dtype.is_floating_point:
        raise Unsupported(f"arithmetic on {lhs.dtype} tensors")
    if isinstance(rhs, Tensor):
        same_dtype(ctx, lhs, rhs)
        return ctx.emit(op, [lhs, rhs], attrs, None if result is None else [result])[0]
    if not scalar(rhs):
        raise Unsupported(f"operand {rhs!r}")
    same_dtype(ctx, lhs)
    return ctx.emit(op, [lhs], attrs, None if result is None else [result],
                    text=_scalar_text(lhs, rhs))[0]


def _alpha(alpha):
    if not scalar(alpha):
        raise Unsupported(f"alpha {alpha!r}")
    return {"alpha": f64(alpha)} if alpha != 1 else {}


@function(operator.add, operator.iadd, torch.add)
@method("add", "add_")
def add(ctx, input, other, alpha=1):
    if not isinstance(input, Tensor):  # scalar + tensor
        if alpha != 1:
            raise Unsupported("a scalar plus alpha * tensor")
        input, other = other, input
    return binary(ctx, "quill.add", tensor(input, "input"), other, _alpha(alpha))


@function(operator.mul, operator.imul, torch.mul, torch.multiply)
@method("mul", "mul_", "multiply")
def mul(ctx, input, other):
    if not isinstance(input, Tensor):
        input, other = other, input
    return binary(ctx, "quill.mul", tensor(input, "input"), other)


@function(operator.sub, operator.isub, torch.sub, torch.subtract)
@method("sub", "sub_", "subtract")
def sub(ctx, input, other, alpha=1):
    if not isinstance(input, Tensor):
        # s - x as (-x) + s: both steps are exact rewrites in IEEE arithmetic.
        x = tensor(other, "other")
        if not scalar(input):
            raise Unsupported(f"operand {input!r}")
        negated = binary(ctx, "quill.mul", x, -float(alpha), result=(x.shape, x.dtype))
        return binary(ctx, "quill.add", negated, input)
    return binary(ctx, "quill.sub", input, other, _alpha(alpha))


@function(operator.neg, torch.neg, torch.negative)
@method("neg", "negative")
def neg(ctx, input):
    return binary(ctx, "quill.mul", tensor(input, "input"), -1.0)


def _div(ctx, input, other, rounding_mode):
    if not isinstance(input, Tensor):
        raise Unsupported("a scalar divided by a tensor (no reciprocal op)")
    attrs = {}
    if rounding_mode is not None:
        attrs["rounding_mode"] = enum("rounding_mode", rounding_mode)
    return binary(ctx, "quill.div", input, other, attrs)


@function(operator.truediv, operator.itruediv, torch.div, torch.divide, torch.true_divide)
@method("div", "div_", "divide", "true_divide")
def div(ctx, input, other, rounding_mode=None):
    return _div(ctx, input, other, rounding_mode)


@function(operator.floordiv, operator.ifloordiv, torch.floor_divide)
@method("floor_divide")
def floordiv(ctx, input, other):
    return _div(ctx, input, other, "floor")


def _joined(ctx, op, tensors, d, rank_delta):
    values = [tensor(t, "tensors[]") for t in tensors]
    same_dtype(ctx, *values)
    return ctx.call(op, values, {"dim": i64(axis(d, values[0].rank + rank_delta))})


@function(torch.cat, torch.concat)
def cat(ctx, tensors, dim=0):
    return _joined(ctx, "quill.cat", tensors, dim, 0)


@function(torch.stack)
def stack(ctx, tensors, dim=0):
    return _joined(ctx, "quill.stack", tensors, dim, 1)
