#!/usr/bin/python3
"""Writes test/unit/data/fold_bn_cases.json: conv/linear + batch-norm folding
cases computed by PyTorch (torch.nn.utils.fusion.fuse_conv_bn_eval and
fuse_linear_bn_eval), the oracle of test/unit/FoldBatchNormTest.cpp.

Run with Debian's Python (it has torch): /usr/bin/python3 scripts/gen_fold_bn_data.py
Fixed seeds: the output is the same on every run. float32 values are written
as Python floats (exact: every float32 is a double), so the C++ test compares
bit for bit.
"""
import json
import pathlib

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval, fuse_linear_bn_eval

OUT = pathlib.Path(__file__).resolve().parent.parent / "test/unit/data/fold_bn_cases.json"


def make_bn(cls, channels, affine, eps, tiny_var):
    bn = cls(channels, affine=affine, eps=eps)
    with torch.no_grad():
        bn.running_mean.uniform_(-2.0, 2.0)
        bn.running_var.uniform_(0.05, 3.0)
        if tiny_var:  # near-zero variance: inv dominated by eps
            bn.running_var[0] = 1e-7
        if affine:
            bn.weight.uniform_(-1.5, 1.5)
            bn.bias.uniform_(-1.0, 1.0)
    return bn.eval()


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()] if t is not None else None


def case(name, seed, layer_fn, bn_cls, channels, affine=True, eps=1e-5,
         tiny_var=False, transpose=False):
    torch.manual_seed(seed)
    layer = layer_fn().eval()
    with torch.no_grad():  # weights of a visible magnitude, not init's tiny ones
        layer.weight.uniform_(-3.0, 3.0)
        if layer.bias is not None:
            layer.bias.uniform_(-1.0, 1.0)
    bn = make_bn(bn_cls, channels, affine, eps, tiny_var)
    if isinstance(layer, nn.Linear):
        fused, order = fuse_linear_bn_eval(layer, bn), "linear"
    else:
        fused, order = fuse_conv_bn_eval(layer, bn, transpose=transpose), "conv"
    return {
        "name": name,
        "order": order,
        "channel_axis": 1 if transpose else 0,
        "weight_shape": list(layer.weight.shape),
        "weight": floats(layer.weight),
        "bias": floats(layer.bias),
        "running_mean": floats(bn.running_mean),
        "running_var": floats(bn.running_var),
        "gamma": floats(bn.weight),
        "beta": floats(bn.bias),
        "eps": bn.eps,
        "expected_weight": floats(fused.weight),
        "expected_bias": floats(fused.bias),
    }


def main():
    cases = [
        case("conv2d_bias", 1, lambda: nn.Conv2d(2, 3, 3), nn.BatchNorm2d, 3),
        case("conv2d_no_bias", 2, lambda: nn.Conv2d(3, 4, 2, bias=False), nn.BatchNorm2d, 4),
        case("conv2d_bn_not_affine", 3, lambda: nn.Conv2d(2, 3, 1), nn.BatchNorm2d, 3,
             affine=False),
        case("conv2d_grouped_eps_tiny_var", 4, lambda: nn.Conv2d(4, 6, 3, groups=2),
             nn.BatchNorm2d, 6, eps=1e-3, tiny_var=True),
        case("conv1d", 5, lambda: nn.Conv1d(3, 5, 3), nn.BatchNorm1d, 5),
        case("conv3d", 6, lambda: nn.Conv3d(2, 3, 2), nn.BatchNorm3d, 3),
        case("conv_transpose2d", 7, lambda: nn.ConvTranspose2d(3, 4, 3), nn.BatchNorm2d, 4,
             transpose=True),
        case("conv_transpose1d_no_bias", 8, lambda: nn.ConvTranspose1d(2, 3, 2, bias=False),
             nn.BatchNorm1d, 3, transpose=True),
        case("linear_bias", 9, lambda: nn.Linear(5, 4), nn.BatchNorm1d, 4),
        case("linear_no_bias_tiny_var", 10, lambda: nn.Linear(3, 6, bias=False),
             nn.BatchNorm1d, 6, tiny_var=True),
        case("linear_wide", 11, lambda: nn.Linear(24, 32), nn.BatchNorm1d, 32, eps=1e-4),
        case("conv2d_wide", 12, lambda: nn.Conv2d(4, 32, 3), nn.BatchNorm2d, 32),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # One case per line: readable diffs without one number per line.
    lines = ",\n".join("  " + json.dumps(c) for c in cases)
    OUT.write_text('{"generator": "scripts/gen_fold_bn_data.py", '
                   f'"torch": "{torch.__version__}",\n "cases": [\n{lines}\n]}}\n')
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
