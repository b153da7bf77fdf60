"""Argument normalization shared by the emitters."""

from ..importer_emit import Unsupported
from ..importer_mlir import Tensor


def ntuple(value, n):
    """PyTorch's _ntuple: an int repeated n times, a sequence as a tuple."""
    if isinstance(value, (list, tuple)):
        if len(value) == 1 and n > 1:
            return tuple(int(value[0]) for _ in range(n))
        return tuple(int(v) for v in value)
    return (int(value),) * n


def axis(d, rank):
    """A dimension index made non-negative."""
    d = int(d)
    if not -max(rank, 1) <= d < max(rank, 1):
        raise Unsupported(f"dimension {d} out of range for rank {rank}")
    return d % max(rank, 1)


def tensor(value, what):
    """`value` if it is a tensor of the graph, else Unsupported."""
    if not isinstance(value, Tensor):
        raise Unsupported(f"{what} must be a tensor, got {value!r}")
    return value


def scalar(value):
    """True for Python numbers (folded sizes included)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def same_dtype(ctx, *values):
    """Unsupported unless the node's result has the operands' element type
    (Quill ops do not promote)."""
    dtype = ctx.out[1]
    for v in values:
        if isinstance(v, Tensor) and v.dtype != dtype:
            raise Unsupported(f"type promotion from {v.dtype} to {dtype}")
