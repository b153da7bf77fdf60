"""quill.embedding and quill.embedding_bag against PyTorch 1.13.

embedding: i64 and i32 indices of any rank, padding_idx (a plain lookup in
eval), f16 and quantized weights (rows are only moved), and an out-of-range
index as a run-time error. embedding_bag: sum/mean/max with offsets
(include_last_offset on and off, empty bags), 2-d indices, per_sample_weights,
padding_idx (skipped and not counted).
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import mlir_constant, run_mlir, tensor_type


def weight(rows=10, dim=4, seed=0):
    return torch.randn(rows, dim, generator=torch.Generator().manual_seed(seed))


def run_embedding(indices, w, want, attrs="", w_elem=None):
    it, wt, yt = tensor_type(indices), tensor_type(w, w_elem), tensor_type(want, w_elem)
    mlir = f"""func.func @f(%i: {it}, %w: {wt}) -> {yt} {{
  %y = quill.embedding %i, %w {{{attrs}}} : ({it}, {wt}) -> {yt}
  return %y : {yt}
}}"""
    (got,) = run_mlir(mlir, [indices, w])
    return got


@pytest.mark.parametrize("dtype", [torch.int64, torch.int32], ids=str)
@pytest.mark.parametrize("shape", [(6,), (2, 3), (2, 1, 3), (0,)])
@pytest.mark.parametrize("padding_idx", [None, 3, -2])
def test_embedding(dtype, shape, padding_idx):
    w = weight()
    idx = torch.randint(0, 10, shape, generator=torch.Generator().manual_seed(1), dtype=dtype)
    if idx.numel():
        idx.view(-1)[0] = 3  # the padding row is looked up like any other
    want = F.embedding(idx.long(), w, padding_idx=padding_idx)
    attrs = "" if padding_idx is None else f"padding_idx = {padding_idx} : i64"
    assert_close("embedding", run_embedding(idx.numpy(), w.numpy(), want.numpy(), attrs),
                 want.numpy())


def test_embedding_f16_and_quantized_weights_move_rows():
    idx = torch.tensor([[4, 0, 9], [9, 9, 1]])
    w = weight().half()
    want = F.embedding(idx, w)
    assert_close("embedding", run_embedding(idx.numpy(), w.numpy(), want.numpy()), want.numpy())
    q = torch.quantize_per_tensor(weight(), 0.02, 5, torch.qint8).int_repr()
    want = F.embedding(idx, q.long()).to(torch.int8)
    got = run_embedding(idx.numpy(), q.numpy(), want.numpy(),
                        w_elem="!quant.uniform<i8:f32, 2.0e-02:5>")
    assert_close("embedding", got, want.numpy())


@pytest.mark.parametrize("bad", [10, -1, 1 << 40])
def test_embedding_out_of_range_is_an_error(bad):
    idx = np.array([1, bad, 2], dtype=np.int64)
    w = weight().numpy()
    with pytest.raises(RuntimeError, match=rf"embedding: index {bad} is out of range \[0, 10\)"):
        run_embedding(idx, w, np.zeros((3, 4), np.float32))


def run_bag(indices, w, want, offsets=None, psw=None, attrs=""):
    names, types, inputs = ["%i"], [tensor_type(indices)], [indices]
    w_const = mlir_constant(w)
    operands = "%i, %w"
    for kw, arr in (("offsets", offsets), ("per_sample_weights", psw)):
        if arr is not None:
            names.append(f"%{kw}")
            types.append(tensor_type(arr))
            inputs.append(arr)
            operands += f" {kw} %{kw}"
    op_types = [types[0], tensor_type(w)] + types[1:]
    args = ", ".join(f"{n}: {t}" for n, t in zip(names, types))
    yt = tensor_type(want)
    mlir = f"""func.func @f({args}) -> {yt} {{
  %w = {w_const}
  %y = quill.embedding_bag {operands} {{{attrs}}} : ({", ".join(op_types)}) -> {yt}
  return %y : {yt}
}}"""
    (got,) = run_mlir(mlir, inputs)
    return got


BAGS = [
    # (indices, offsets) — 1-d with offsets, incl. empty bags
    ([1, 2, 4, 5, 4, 3, 2, 9], [0, 3, 3, 5]),
    ([0, 7, 7, 1], [0]),
    ([5, 5, 6], [0, 1, 2, 3]),
    ([], [0, 0]),
]


@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
@pytest.mark.parametrize("case", range(len(BAGS)))
@pytest.mark.parametrize("include_last", [False, True])
@pytest.mark.parametrize("padding_idx", [None, 5])
@pytest.mark.parametrize("dtype", [torch.int64, torch.int32], ids=str)
def test_embedding_bag_offsets(mode, case, include_last, padding_idx, dtype):
    indices, offsets = BAGS[case]
    if include_last:
        # The last offset closes the last bag (1.13 crashes in max mode when
        # it ends before the indices do, so it always ends at the end here).
        offsets = offsets + [len(indices)]
    w = weight()
    idx = torch.tensor(indices, dtype=dtype)
    off = torch.tensor(offsets, dtype=dtype)
    want = F.embedding_bag(idx, w, off, mode=mode, include_last_offset=include_last,
                           padding_idx=padding_idx)
    attrs = [f"mode = #quill.embedding_bag_mode<{mode}>"]
    if include_last:
        attrs.append("include_last_offset = true")
    if padding_idx is not None:
        attrs.append(f"padding_idx = {padding_idx} : i64")
    got = run_bag(idx.numpy(), w.numpy(), want.numpy(), offsets=off.numpy(), attrs=", ".join(attrs))
    assert_close(f"embedding_bag_{mode}", got, want.numpy())


@pytest.mark.parametrize("mode", ["sum", "mean", "max", None])
@pytest.mark.parametrize("padding_idx", [None, -8])
def test_embedding_bag_2d(mode, padding_idx):
    w = weight()
    idx = torch.tensor([[1, 2, 2], [4, 2, 9], [2, 2, 2], [0, 3, 8]])
    want = F.embedding_bag(idx, w, mode=mode or "mean", padding_idx=padding_idx)
    attrs = [] if mode is None else [f"mode = #quill.embedding_bag_mode<{mode}>"]
    if padding_idx is not None:
        attrs.append(f"padding_idx = {padding_idx} : i64")
    got = run_bag(idx.numpy(), w.numpy(), want.numpy(), attrs=", ".join(attrs))
    assert_close(f"embedding_bag_{mode or 'mean'}", got, want.numpy())


@pytest.mark.parametrize("two_d", [False, True])
def test_embedding_bag_per_sample_weights(two_d):
    w = weight(dim=6)
    g = torch.Generator().manual_seed(2)
    if two_d:
        idx, off = torch.randint(0, 10, (3, 4), generator=g), None
    else:
        idx, off = torch.randint(0, 10, (9,), generator=g), torch.tensor([0, 2, 2, 7])
    psw = torch.randn(idx.shape, generator=g)
    want = F.embedding_bag(idx, w, off, mode="sum", per_sample_weights=psw)
    got = run_bag(idx.numpy(), w.numpy(), want.numpy(), None if off is None else off.numpy(),
                  psw.numpy(), "mode = #quill.embedding_bag_mode<sum>")
    assert_close("embedding_bag_sum_psw", got, want.numpy())


@pytest.mark.parametrize("indices,offsets,message", [
    ([1, 12], [0], r"index 12 is out of range \[0, 10\)"),
    ([1, -1], [0], r"index -1 is out of range \[0, 10\)"),
    ([1, 2, 3], [1, 2], r"offsets\[0\] must be 0, got 1"),
    ([1, 2, 3], [0, 2, 1], r"offsets must not decrease"),
    ([1, 2, 3], [0, 4], r"offsets\[-1\] \(4\) is past the 3 indices"),
])
def test_embedding_bag_bad_data_is_an_error(indices, offsets, message):
    idx, off = np.array(indices, np.int64), np.array(offsets, np.int64)
    with pytest.raises(RuntimeError, match=message):
        run_bag(idx, weight().numpy(), np.zeros((len(offsets), 4), np.float32), offsets=off,
                attrs="mode = #quill.embedding_bag_mode<sum>")


def test_embedding_bag_2d_with_include_last_offset_is_rejected():
    # PyTorch would take the row starts as offsets and drop the last row
    # ([B, L] -> B-1 bags), which the op's [B, D] result cannot express.
    idx = np.array([[1, 2], [3, 4]], np.int64)
    with pytest.raises(RuntimeError, match="include_last_offset is not supported with 2-d"):
        run_bag(idx, weight().numpy(), np.zeros((2, 4), np.float32),
                attrs="mode = #quill.embedding_bag_mode<sum>, include_last_offset = true")
