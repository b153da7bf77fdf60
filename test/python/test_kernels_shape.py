"""Reference kernels of the shape ops against PyTorch 1.13.

Each case runs one quill op through quant-run and compares with the torch
function on the same data: flatten, reshape, permute, transpose, squeeze,
unsqueeze, chunk, split (several results), pad (every mode), dropout (eval),
identity, pixel_shuffle. Shape ops only move elements, so they are also run
on integer, f16 and quantized tensors, where the result must be bit-exact.
"""

import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import run_mlir, tensor_type


def run_op(op, x, results, attrs="", x_type=None, result_types=None):
    """Runs `quill.<op> %x {attrs}` with the given results' types."""
    x_type = x_type or tensor_type(x)
    result_types = result_types or [tensor_type(r) for r in results]
    types = ", ".join(result_types)
    names = ", ".join(f"%r{i}" for i in range(len(result_types)))
    mlir = f"""func.func @f(%x: {x_type}) -> ({types}) {{
  {names} = quill.{op} %x {{{attrs}}} : {x_type} -> {types}
  return {names} : {types}
}}"""
    return run_mlir(mlir, [x])


def check(op, x, want, attrs=""):
    """Runs op on x (a torch tensor) and compares with `want`."""
    want = list(want) if isinstance(want, (tuple, list)) else [want]
    got = run_op(op, x.numpy(), [w.numpy() for w in want], attrs)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert_close(op, g, w.contiguous().numpy())


def i64s(values):
    return "array<i64" + "".join(f"{', ' if i else ': '}{v}" for i, v in enumerate(values)) + ">"


def f64(value):
    """An f64 attribute that MLIR parses back to the same double."""
    return f"{value:.17e} : f64"


def rand(*shape, seed=0):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("shape,start,end", [
    ((2, 3, 4, 5), 0, -1), ((2, 3, 4, 5), 1, -1), ((2, 3, 4, 5), 1, 2),
    ((2, 3, 4, 5), -3, -2), ((2, 3, 4, 5), 2, 2), ((3,), 0, 0), ((), 0, -1),
    ((2, 0, 3), 0, 1),
])
def test_flatten(shape, start, end):
    x = rand(*shape)
    check("flatten", x, torch.flatten(x, start, end),
          f"start_dim = {start} : i64, end_dim = {end} : i64")


@pytest.mark.parametrize("src,dst", [((2, 6), (3, 4)), ((2, 3, 4), (24,)),
                                     ((1,), ()), ((), (1, 1)), ((4, 0), (0, 2))])
def test_reshape(src, dst):
    x = rand(*src)
    check("reshape", x, x.reshape(dst))


@pytest.mark.parametrize("shape,dims", [
    ((2, 3, 4, 5), (0, 2, 3, 1)), ((2, 3, 4, 5), (3, 2, 1, 0)),
    ((2, 3, 4, 5), (-1, 0, -2, 1)), ((4,), (0,)), ((3, 5), (1, 0)),
    ((2, 1, 3, 2, 2), (4, 2, 0, 3, 1)), ((), ()), ((2, 0, 3), (2, 0, 1)),
])
def test_permute(shape, dims):
    x = rand(*shape)
    check("permute", x, x.permute(dims), f"dims = {i64s(dims)}")


@pytest.mark.parametrize("shape,a,b", [
    ((2, 3), 0, 1), ((2, 3, 4), 0, 2), ((2, 3, 4), -1, -3), ((2, 3, 4), 1, 1),
    ((2, 3, 4, 5), 1, -1), ((), 0, -1),
])
def test_transpose(shape, a, b):
    x = rand(*shape)
    check("transpose", x, x.transpose(a, b), f"dim0 = {a} : i64, dim1 = {b} : i64")


@pytest.mark.parametrize("shape,dims", [
    ((1, 3, 1, 2), None), ((1, 3, 1, 2), (0,)), ((1, 3, 1, 2), (-2,)),
    ((1, 3, 1, 2), (1,)), ((1, 3, 1, 2), (0, 2)), ((1, 1), None),
    ((), (0,)),
])
def test_squeeze(shape, dims):
    x = rand(*shape)
    want = x.squeeze() if dims is None else x
    for d in sorted(((d + max(x.dim(), 1)) % max(x.dim(), 1) for d in dims or ()), reverse=True):
        want = want.squeeze(d)
    check("squeeze", x, want, "" if dims is None else f"dims = {i64s(dims)}")


@pytest.mark.parametrize("shape,dim", [((2, 3), 0), ((2, 3), -1), ((2, 3), 2),
                                       ((2, 3), -3), ((), 0), ((4,), 1)])
def test_unsqueeze(shape, dim):
    x = rand(*shape)
    check("unsqueeze", x, x.unsqueeze(dim), f"dim = {dim} : i64")


@pytest.mark.parametrize("shape,chunks,dim", [
    ((5, 6), 4, 1), ((5, 6), 2, 0), ((5, 6), 3, -1), ((2, 3), 5, 0),
    ((2, 7, 3), 3, -2), ((4,), 1, 0), ((3, 0), 2, 1),
])
def test_chunk(shape, chunks, dim):
    x = rand(*shape)
    check("chunk", x, torch.chunk(x, chunks, dim), f"chunks = {chunks} : i64, dim = {dim} : i64")


@pytest.mark.parametrize("shape,size,dim", [
    ((3, 7), 2, 1), ((3, 7), 7, 1), ((3, 7), 10, -1), ((6, 2, 2), 4, 0),
    ((3, 7), [1, 3, 3], 1), ((3, 7), [0, 7], -1), ((5, 2), [2, 1, 2], -2),
])
def test_split(shape, size, dim):
    x = rand(*shape)
    attr = f"split_size = {size} : i64" if isinstance(size, int) else f"split_sizes = {i64s(size)}"
    check("split", x, torch.split(x, size, dim), f"{attr}, dim = {dim} : i64")


PAD_CASES = [
    # (shape, pad, mode, value)
    ((1, 1, 4, 4), (1, 1, 2, 2), "constant", 0.0),
    ((2, 3, 5), (2, 0), "constant", -1.5),
    ((2, 3, 5), (-1, 2, 1, -2), "constant", 0.25),
    ((2, 3, 5), (1, 1, 1, 1, 1, 1), "constant", 3.0),
    ((3, 4), (-2, -1), "constant", 0.0),
    ((2, 3), (), "constant", 0.0),
    ((1, 2, 5), (2, 3), "reflect", 0.0),
    ((2, 5), (4, 1), "reflect", 0.0),
    ((1, 2, 4, 5), (1, 2, 3, 0), "reflect", 0.0),
    ((2, 4, 5), (0, 4, 3, 3), "reflect", 0.0),
    ((1, 2, 3, 4, 5), (1, 1, 2, 2, 1, 2), "reflect", 0.0),
    ((1, 2, 5), (3, 1), "replicate", 0.0),
    ((3, 1), (2, 2), "replicate", 0.0),
    ((1, 2, 3, 4), (0, 3, 2, 1), "replicate", 0.0),
    ((2, 3, 3, 4), (1, 1, 1, 1, 2, 0), "replicate", 0.0),
    ((1, 2, 5), (2, 3), "circular", 0.0),
    ((1, 2, 5), (5, 5), "circular", 0.0),
    ((1, 2, 3, 4), (1, 4, 3, 2), "circular", 0.0),
    ((2, 1, 2, 3, 4), (1, 0, 2, 2, 1, 1), "circular", 0.0),
]


@pytest.mark.parametrize("shape,pad,mode,value", PAD_CASES)
def test_pad(shape, pad, mode, value):
    x = rand(*shape)
    want = F.pad(x, pad, mode=mode, value=value) if mode == "constant" else F.pad(x, pad, mode=mode)
    attrs = f"pad = {i64s(pad)}, mode = #quill.pad_mode<{mode}>"
    if mode == "constant":
        attrs += f", value = {f64(value)}"
    check("pad", x, want, attrs)


@pytest.mark.parametrize("p", [0.0, 0.5, 1.0])
def test_dropout(p):
    x = rand(3, 4)
    check("dropout", x, F.dropout(x, p, training=False), f"p = {p!r} : f64")


def test_identity():
    x = rand(2, 3, 4)
    check("identity", x, torch.nn.Identity()(x))


@pytest.mark.parametrize("shape,r", [((1, 8, 3, 3), 2), ((2, 9, 2, 3), 3),
                                     ((2, 3, 4, 2, 2), 2), ((4, 3, 2), 1), ((3, 4, 1, 2), 2)])
def test_pixel_shuffle(shape, r):
    x = rand(*shape)
    check("pixel_shuffle", x, F.pixel_shuffle(x, r), f"upscale_factor = {r} : i64")


# Shape ops move bytes, so the same kernels serve f16 and quantized tensors
# (the dialect has no plain integer tensors), bit-exact. Index-moving ops are
# compared on the integer representation; constant padding quantizes the pad
# value (PyTorch's quantized F.pad).
MOVES = [
    ("permute", lambda t: t.permute(0, 2, 3, 1), f"dims = {i64s((0, 2, 3, 1))}"),
    ("transpose", lambda t: t.transpose(1, -1), "dim0 = 1 : i64, dim1 = -1 : i64"),
    ("chunk", lambda t: torch.chunk(t, 3, 1), "chunks = 3 : i64, dim = 1 : i64"),
    ("split", lambda t: torch.split(t, [1, 2], 2), f"split_sizes = {i64s((1, 2))}, dim = 2 : i64"),
    ("pixel_shuffle", lambda t: F.pixel_shuffle(t, 2), "upscale_factor = 2 : i64"),
    ("flatten", lambda t: t.flatten(1), "start_dim = 1 : i64"),
    ("pad", lambda t: F.pad(t.float(), (1, 1, 2, 0), mode="reflect").to(t.dtype),
     f"pad = {i64s((1, 1, 2, 0))}, mode = #quill.pad_mode<reflect>"),
    ("pad", lambda t: F.pad(t.float(), (2, 0, 1, 2), mode="circular").to(t.dtype),
     f"pad = {i64s((2, 0, 1, 2))}, mode = #quill.pad_mode<circular>"),
]


def test_f16():
    x = rand(2, 4, 3, 3).half()
    for op, fn, attrs in MOVES:
        check(op, x, fn(x), attrs)
    check("pad", x, F.pad(x.float(), (1, 2, 0, 1), value=7.25).half(),
          f"pad = {i64s((1, 2, 0, 1))}, value = 7.25 : f64")


def test_f16_pad_value_rounds_to_nearest_even():
    x = torch.zeros(1, 2, dtype=torch.float16)
    for value in (0.1, 65519.0, 65520.0, 1e-7, -3e-5, 2049.0, 6.1e-5):
        want = F.pad(x.float(), (1, 0), value=value).to(torch.float16)
        check("pad", x, want, f"pad = {i64s((1, 0))}, value = {f64(value)}")


@pytest.mark.parametrize("qdtype,storage", [
    (torch.quint8, "u8"), (torch.qint8, "i8"), (torch.qint32, "i32")])
def test_quantized(qdtype, storage):
    scale, zp = 0.05, 3
    q = torch.quantize_per_tensor(rand(2, 4, 3, 3), scale, zp, qdtype)
    elem = f"!quant.uniform<{storage}:f32, {scale!r}:{zp}>"
    x = q.int_repr()
    cases = [(op, fn(x), attrs) for op, fn, attrs in MOVES] + [
        ("pad", F.pad(q, (1, 1, 2, 0), value=0.52).int_repr(),
         f"pad = {i64s((1, 1, 2, 0))}, value = 0.52 : f64"),
        ("pad", F.pad(q, (1, 2), value=-1e10).int_repr(),
         f"pad = {i64s((1, 2))}, value = -1.0e+10 : f64"),
    ]
    for op, want, attrs in cases:
        want = list(want) if isinstance(want, tuple) else [want]
        got = run_op(op, x.numpy(), None, attrs, x_type=tensor_type(x, elem),
                     result_types=[tensor_type(w, elem) for w in want])
        for g, w in zip(got, want):
            assert_close(op, g, w.contiguous().numpy())
