"""quill.interpolate against F.interpolate of PyTorch 1.13.

Every mode of the ODS (nearest, nearest_exact, linear, bilinear, bicubic,
trilinear) x align_corners (absent, false, true where allowed) x size or
scale_factor. With scale_factor PyTorch (recompute_scale_factor off) uses
1/scale_factor for the source coordinates, not in/out: the cases include
scales whose output size does not divide evenly (1.7, 0.3, 2.4) and one whose
output size equals the input's although the scale is not 1 (3 * 1.2 -> 3).
Nearest modes only move elements and are also checked on quantized tensors.
"""

import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import run_mlir, tensor_type


def attr_list(kind, values):
    fmt = (lambda v: f"{v:.17e}") if kind == "f64" else str
    return f"array<{kind}: " + ", ".join(fmt(v) for v in values) + ">"


def run_interpolate(x, want, mode, size=None, scale=None, align=None, elem=None):
    attrs = [f"mode = #quill.interpolate_mode<{mode}>"]
    attrs.append(f"size = {attr_list('i64', size)}" if size else
                 f"scale_factor = {attr_list('f64', scale)}")
    if align is not None:
        attrs.append(f"align_corners = {str(align).lower()}")
    xt, yt = tensor_type(x, elem), tensor_type(want, elem)
    mlir = f"""func.func @f(%x: {xt}) -> {yt} {{
  %y = quill.interpolate %x {{{", ".join(attrs)}}} : {xt} -> {yt}
  return %y : {yt}
}}"""
    (got,) = run_mlir(mlir, [x])
    return got


def torch_mode(mode):
    return mode.replace("_", "-")  # nearest_exact is "nearest-exact" in torch


# (input shape, size, scale): one of size and scale is None.
RESIZES = {
    3: [((2, 3, 5), (9,), None), ((1, 2, 7), (3,), None), ((2, 2, 4), None, (2.0,)),
        ((1, 3, 5), None, (1.7,)), ((1, 2, 9), None, (0.3,)), ((1, 1, 3), None, (1.2,)),
        ((1, 2, 1), (4,), None), ((1, 2, 6), (1,), None), ((1, 1, 4), None, (1.0,))],
    4: [((1, 2, 4, 5), (7, 3), None), ((2, 1, 3, 3), (6, 6), None),
        ((1, 2, 5, 4), None, (2.0, 2.4)), ((1, 1, 7, 6), None, (0.5, 0.7)),
        ((1, 2, 3, 4), None, (1.2, 3.0)), ((1, 1, 1, 2), (3, 1), None),
        ((1, 1, 4, 4), (4, 4), None)],
    5: [((1, 2, 3, 4, 2), (5, 2, 3), None), ((1, 1, 2, 3, 4), None, (2.0, 1.5, 0.6)),
        ((1, 1, 4, 2, 3), None, (1.2, 2.0, 1.0))],
}

MODE_RANKS = {"nearest": (3, 4, 5), "nearest_exact": (3, 4, 5), "linear": (3,),
              "bilinear": (4,), "bicubic": (4,), "trilinear": (5,)}


def cases():
    for mode, ranks in MODE_RANKS.items():
        aligns = (None,) if mode.startswith("nearest") else (None, False, True)
        for rank in ranks:
            for i, (shape, size, scale) in enumerate(RESIZES[rank]):
                for align in aligns:
                    yield pytest.param(mode, shape, size, scale, align,
                                       id=f"{mode}-r{rank}-{i}-align{align}")


@pytest.mark.parametrize("mode,shape,size,scale,align", cases())
def test_interpolate(mode, shape, size, scale, align):
    x = torch.randn(shape, generator=torch.Generator().manual_seed(len(shape)))
    want = F.interpolate(x, size=size, scale_factor=scale and list(scale),
                         mode=torch_mode(mode), align_corners=align)
    got = run_interpolate(x.numpy(), want.numpy(), mode, size, scale, align)
    assert_close(mode, got, want.numpy())


@pytest.mark.parametrize("mode", ["nearest", "nearest_exact"])
@pytest.mark.parametrize("in_size,scale", [(5, 1.7), (7, 0.45), (3, 2.0), (6, 1.5), (10, 0.3)])
def test_nearest_index_boundaries(mode, in_size, scale):
    # A row 0..n-1 makes every chosen source index visible.
    x = torch.arange(in_size, dtype=torch.float32).reshape(1, 1, in_size)
    want = F.interpolate(x, scale_factor=scale, mode=torch_mode(mode))
    got = run_interpolate(x.numpy(), want.numpy(), mode, scale=(scale,))
    assert_close(mode, got, want.numpy())


@pytest.mark.parametrize("mode", ["nearest", "nearest_exact"])
@pytest.mark.parametrize("shape,scale", [
    ((1, 1, 4, 5), (1.2, 2.1)), ((2, 1, 4, 5), (1.2, 2.1)), ((1, 2, 4, 5), (1.2, 2.1)),
    ((1, 1, 4, 5, 3), (1.2, 2.1, 1.5)), ((1, 3, 4, 5, 3), (1.2, 2.1, 1.5)),
    ((1, 1, 4), (1.2,)), ((1, 1, 5), (2.1,))])
def test_nearest_one_channel(mode, shape, scale):
    # One channel: 1.13 runs its channels-last kernel for rank 4 and 5, which
    # copies when in == out and halves when out == 2*in (4*1.2 -> 4, 5*2.1 -> 10).
    x = torch.randn(shape, generator=torch.Generator().manual_seed(3))
    want = F.interpolate(x, scale_factor=list(scale), mode=torch_mode(mode))
    got = run_interpolate(x.numpy(), want.numpy(), mode, scale=scale)
    assert_close(mode, got, want.numpy())


@pytest.mark.parametrize("mode", ["nearest", "nearest_exact"])
def test_nearest_quantized(mode):
    q = torch.quantize_per_tensor(torch.randn(1, 2, 3, 5), 0.1, -4, torch.qint8)
    want = F.interpolate(q, scale_factor=[1.5, 2.2], mode=torch_mode(mode)).int_repr()
    got = run_interpolate(q.int_repr().numpy(), want.numpy(), mode, scale=(1.5, 2.2),
                          elem="!quant.uniform<i8:f32, 1.0e-01:-4>")
    assert_close(mode, got, want.numpy())
