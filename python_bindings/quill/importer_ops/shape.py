"""Shape ops: flatten, reshape/view, permute, transpose, (un)squeeze, pad,
interpolate, pixel shuffle, chunk/split, indexing, and the no-ops."""

import operator

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..importer_mlir import Tensor, boolean, enum, f64, f64_array, i64, i64_array
from .registry import function, method, module
from .util import Unsupported, axis, tensor


def pad_tensor(ctx, x, pads, mode="constant", value=0.0):
    """`quill.pad` with PyTorch's pad list (last dimension first); computes
    the result type itself (the padded value may be an intermediate)."""
    pads = [int(p) for p in pads]
    shape = list(x.shape)
    for i in range(len(pads) // 2):
        shape[-1 - i] += pads[2 * i] + pads[2 * i + 1]
    attrs = {"pad": i64_array(pads)}
    if mode != "constant":
        attrs["mode"] = enum("pad_mode", mode)
    if value:
        attrs["value"] = f64(value)
    return ctx.unary("quill.pad", x, attrs, (tuple(shape), x.dtype))


@function(F.pad)
def pad(ctx, input, pad, mode="constant", value=None):
    if mode not in ("constant", "reflect", "replicate", "circular"):
        raise Unsupported(f"pad mode {mode!r}")
    return pad_tensor(ctx, tensor(input, "input"), pad, mode, value or 0.0)


_PAD_MODULES = {nn.ReflectionPad1d: "reflect", nn.ReflectionPad2d: "reflect",
                nn.ReflectionPad3d: "reflect", nn.ReplicationPad1d: "replicate",
                nn.ReplicationPad2d: "replicate", nn.ReplicationPad3d: "replicate",
                nn.ZeroPad2d: "constant", nn.ConstantPad1d: "constant",
                nn.ConstantPad2d: "constant", nn.ConstantPad3d: "constant"}


@module(*_PAD_MODULES)
def pad_module(ctx, m, input):
    return pad_tensor(ctx, tensor(input, "input"), m.padding, _PAD_MODULES[type(m)],
                      getattr(m, "value", 0.0))


def _flatten(ctx, input, start_dim, end_dim):
    x = tensor(input, "input")
    attrs = {}
    if start_dim != 0:
        attrs["start_dim"] = i64(start_dim)
    if end_dim != -1:
        attrs["end_dim"] = i64(end_dim)
    return ctx.unary("quill.flatten", x, attrs)


@function(torch.flatten)
@method("flatten")
def flatten(ctx, input, start_dim=0, end_dim=-1):
    return _flatten(ctx, input, start_dim, end_dim)


@module(nn.Flatten)
def flatten_module(ctx, m, input):
    return _flatten(ctx, input, m.start_dim, m.end_dim)


def reshape_to(ctx, x, shape=None):
    """`quill.reshape` to `shape` (the node's result type by default)."""
    x = tensor(x, "input")
    result = None if shape is None else (tuple(shape), x.dtype)
    return ctx.unary("quill.reshape", x, result=result)


@function(torch.reshape)
@method("reshape", "view")
def reshape(ctx, input, *shape):
    if len(shape) == 1 and isinstance(shape[0], torch.dtype):
        raise Unsupported("view as another dtype")
    return reshape_to(ctx, input)


@method("view_as", "reshape_as")
def reshape_as(ctx, input, other):
    return reshape_to(ctx, input)


@module(nn.Unflatten)
def unflatten_module(ctx, m, input):
    return reshape_to(ctx, input)


@method("unflatten")
def unflatten(ctx, input, dim, sizes):
    return reshape_to(ctx, input)


@function(torch.permute)
@method("permute")
def permute(ctx, input, *dims):
    x = tensor(input, "input")
    if len(dims) == 1 and isinstance(dims[0], (list, tuple)):
        dims = dims[0]
    return ctx.unary("quill.permute", x, {"dims": i64_array(axis(d, x.rank) for d in dims)})


@function(torch.transpose, torch.swapaxes, torch.swapdims)
@method("transpose", "swapaxes", "swapdims")
def transpose(ctx, input, dim0, dim1):
    x = tensor(input, "input")
    return ctx.unary("quill.transpose", x, {"dim0": i64(axis(dim0, x.rank)),
                                            "dim1": i64(axis(dim1, x.rank))})


@function(torch.t)
@method("t")
def t(ctx, input):
    x = tensor(input, "input")
    if x.rank < 2:
        return x
    return ctx.unary("quill.transpose", x, {"dim0": i64(0), "dim1": i64(1)})


@function(torch.squeeze)
@method("squeeze", "squeeze_")
def squeeze(ctx, input, dim=None):
    x = tensor(input, "input")
    attrs = {}
    if dim is not None:
        dims = dim if isinstance(dim, (list, tuple)) else [dim]
        attrs["dims"] = i64_array(axis(d, x.rank) for d in dims)
    return ctx.unary("quill.squeeze", x, attrs)


@function(torch.unsqueeze)
@method("unsqueeze", "unsqueeze_")
def unsqueeze(ctx, input, dim):
    x = tensor(input, "input")
    d = int(dim)
    return ctx.unary("quill.unsqueeze", x, {"dim": i64(d % (x.rank + 1))})


@method("contiguous", "detach", "detach_", "clone", "requires_grad_")
@function(torch.clone)
def no_op(ctx, input, *args, **kwargs):
    """Memory-layout and autograd no-ops on values."""
    return tensor(input, "input")


@method("to", "type", "type_as", "float")
def convert(ctx, input, *args, **kwargs):
    """Device and dtype conversions that keep the element type."""
    x = tensor(input, "input")
    if ctx.out != (x.shape, x.dtype):
        raise Unsupported(f"conversion to {ctx.out[1]}")
    return x


_INTERPOLATE_MODES = {"nearest": "nearest", "nearest-exact": "nearest_exact",
                      "linear": "linear", "bilinear": "bilinear", "bicubic": "bicubic",
                      "trilinear": "trilinear"}


def _interpolate(ctx, input, size, scale_factor, mode, align_corners, recompute_scale_factor,
                 antialias=False):
    x = tensor(input, "input")
    n = x.rank - 2
    if antialias:
        raise Unsupported("interpolate with antialias=True")
    if mode == "area":  # PyTorch computes it as adaptive average pooling
        return ctx.unary(f"quill.adaptive_avg_pool{n}d", x,
                         {"output_size": i64_array(ctx.out[0][2:])})
    if mode not in _INTERPOLATE_MODES:
        raise Unsupported(f"interpolate mode {mode!r}")
    attrs = {}
    if scale_factor is not None and not recompute_scale_factor:
        scales = scale_factor if isinstance(scale_factor, (list, tuple)) else [scale_factor] * n
        attrs["scale_factor"] = f64_array(scales)
    else:  # a size, or scales PyTorch turns into the output size
        attrs["size"] = i64_array(ctx.out[0][2:])
    attrs["mode"] = enum("interpolate_mode", _INTERPOLATE_MODES[mode])
    if align_corners:
        attrs["align_corners"] = boolean(True)
    return ctx.unary("quill.interpolate", x, attrs)


@function(F.interpolate, F.upsample)
def interpolate(ctx, input, size=None, scale_factor=None, mode="nearest", align_corners=None,
                recompute_scale_factor=None, antialias=False):
    return _interpolate(ctx, input, size, scale_factor, mode, align_corners,
                        recompute_scale_factor, antialias)


@module(nn.Upsample, nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d)
def upsample_module(ctx, m, input):
    return _interpolate(ctx, input, m.size, m.scale_factor, m.mode, m.align_corners,
                        getattr(m, "recompute_scale_factor", None))


@module(nn.PixelShuffle)
def pixel_shuffle_module(ctx, m, input):
    return pixel_shuffle(ctx, input, m.upscale_factor)


@function(F.pixel_shuffle)
def pixel_shuffle(ctx, input, upscale_factor):
    return ctx.unary("quill.pixel_shuffle", tensor(input, "input"),
                     {"upscale_factor": i64(upscale_factor)})


def _channel_shuffle(ctx, input, groups):
    """[N, C, ...] -> [N, g, C/g, ...] -> transpose(1, 2) -> [N, C, ...]."""
    x = tensor(input, "input")
    n, c, rest = x.shape[0], x.shape[1], x.shape[2:]
    split = reshape_to(ctx, x, (n, groups, c // groups) + rest)
    swapped = ctx.unary("quill.transpose", split, {"dim0": i64(1), "dim1": i64(2)},
                        ((n, c // groups, groups) + rest, x.dtype))
    return reshape_to(ctx, swapped)


@module(nn.ChannelShuffle)
def channel_shuffle_module(ctx, m, input):
    return _channel_shuffle(ctx, input, m.groups)


@function(F.channel_shuffle, torch.channel_shuffle)
def channel_shuffle(ctx, input, groups):
    return _channel_shuffle(ctx, input, groups)


@function(torch.chunk)
@method("chunk")
def chunk(ctx, input, chunks, dim=0):
    x = tensor(input, "input")
    values = ctx.emit("quill.chunk", [x], {"chunks": i64(chunks),
                                           "dim": i64(axis(dim, x.rank))},
                      form="variadic")
    return ctx.rebuild(values)


@function(torch.split)
def split(ctx, tensor_, split_size_or_sections, dim=0):
    return split_method(ctx, tensor_, split_size_or_sections, dim)


@method("split")
def split_method(ctx, input, split_size, dim=0):
    x, split_size_or_sections = tensor(input, "input"), split_size
    if isinstance(split_size_or_sections, (list, tuple)):
        attrs = {"split_sizes": i64_array(split_size_or_sections)}
    else:
        attrs = {"split_size": i64(split_size_or_sections)}
    attrs["dim"] = i64(axis(dim, x.rank))
    return ctx.rebuild(ctx.emit("quill.split", [x], attrs, form="variadic"))


@method("split_with_sizes")
def split_with_sizes(ctx, input, split_sizes, dim=0):
    return split_method(ctx, input, list(split_sizes), dim)


@function(operator.getitem)
def getitem(ctx, container, index):
    if not isinstance(container, Tensor):  # tuples of results, folded sizes
        return container[index]
    return _index(ctx, container, index if isinstance(index, tuple) else (index,))


def _index(ctx, x, index):
    """Basic indexing (ints, unit-step slices, None, ...) as quill.split to
    cut, quill.squeeze to drop integer-indexed dimensions and
    quill.unsqueeze for None: the quill dialect has no slice op."""
    consumed = sum(1 for i in index if i is not None and i is not Ellipsis)
    if consumed > x.rank or sum(1 for i in index if i is Ellipsis) > 1:
        raise Unsupported(f"index {index!r} on a rank-{x.rank} tensor")
    expanded = []
    for i in index:
        if i is Ellipsis:
            expanded += [slice(None)] * (x.rank - consumed)
        else:
            expanded.append(i)
    expanded += [slice(None)] * (x.rank - sum(1 for i in expanded if i is not None))
    d, dropped, inserted = 0, [], []
    for position, i in enumerate(expanded):
        if i is None:
            inserted.append(position - len(dropped))
            continue
        size = x.shape[d]
        if isinstance(i, bool) or not (isinstance(i, int) or isinstance(i, slice)):
            raise Unsupported(f"indexing with {i!r}")
        if isinstance(i, int):
            if not -size <= i < size:
                raise Unsupported(f"index {i} out of range for size {size}")
            start, length = i % size, 1
            dropped.append(d)
        else:
            start, stop, step = i.indices(size)
            if step != 1 or stop <= start:
                raise Unsupported(f"slice {i!r} (only non-empty unit-step slices)")
            start, length = start, stop - start
        if length != size:
            x = _cut(ctx, x, d, start, length)
        d += 1
    if dropped:
        shape = tuple(s for k, s in enumerate(x.shape) if k not in dropped)
        x = ctx.unary("quill.squeeze", x, {"dims": i64_array(dropped)}, (shape, x.dtype))
    for position in inserted:
        shape = x.shape[:position] + (1,) + x.shape[position:]
        x = ctx.unary("quill.unsqueeze", x, {"dim": i64(position)}, (shape, x.dtype))
    return x


def _cut(ctx, x, d, start, length):
    """Elements [start, start + length) of dimension d, by quill.split."""
    sizes = [s for s in (start, length, x.shape[d] - start - length) if s > 0]
    results = [(x.shape[:d] + (s,) + x.shape[d + 1:], x.dtype) for s in sizes]
    pieces = ctx.emit("quill.split", [x], {"split_sizes": i64_array(sizes), "dim": i64(d)},
                      results, form="variadic")
    return pieces[1 if start > 0 else 0]


@function(getattr)
def attribute(ctx, obj, name):
    """Tensor-valued attributes (shape reads fold before emitters run)."""
    x = tensor(obj, "object")
    if name == "data":
        return x
    if name in ("T", "mT") and x.rank >= 2:
        dims = list(range(x.rank))
        if name == "T":
            dims.reverse()
        else:
            dims[-2:] = dims[:-3:-1]
        return ctx.unary("quill.permute", x, {"dims": i64_array(dims)})
    raise Unsupported(f"attribute {name!r}")


@method("expand", "expand_as", "broadcast_to")
@function(torch.broadcast_to)
def expand(ctx, input, *sizes):
    """Broadcasting to the result's shape: new leading dimensions by
    quill.unsqueeze, size-1 dimensions repeated by quill.cat of copies (the
    dialect has no broadcast op; cat is exact and keeps quantization
    parameters)."""
    x = tensor(input, "input")
    shape = ctx.out[0]
    while x.rank < len(shape):
        x = ctx.unary("quill.unsqueeze", x, {"dim": i64(0)}, ((1,) + x.shape, x.dtype))
    for d, (have, want) in enumerate(zip(x.shape, shape)):
        if have != want:
            result = (x.shape[:d] + (want,) + x.shape[d + 1:], x.dtype)
            x = ctx.call("quill.cat", [x] * want, {"dim": i64(d)}, result)
    return x
