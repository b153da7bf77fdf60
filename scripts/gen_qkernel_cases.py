#!/usr/bin/python3
"""Writes test/unit/data/qkernels/*.json: PyTorch 1.13's quantized ops on
both engines (onednn, qnnpack), the oracle of test/unit/QuantizedKernelTest.cpp.

Each case is one runtime node: its kind, typed attributes, operands (integer
storage with scale / zero point / axis, or f32) and the results PyTorch
computed. `numerics` is set to the engine the results come from; `exact`
says whether Quill claims bit-exact agreement for that engine (NUMERICS.md),
otherwise the test allows 1 LSB and checks the share of exact matches.

Deterministic: a fixed seed per file. Run with /usr/bin/python3 (torch).
"""

import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
import torch.nn.quantized.functional as qF
from torch.ao.quantization import (FakeQuantize, FixedQParamsFakeQuantize,
                                   FusedMovingAvgObsFakeQuantize,
                                   MovingAverageMinMaxObserver,
                                   MovingAveragePerChannelMinMaxObserver)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test",
                   "unit", "data", "qkernels")
ENGINES = ("onednn", "qnnpack")
DTYPES = {torch.quint8: "u8", torch.qint8: "i8", torch.qint32: "i32"}


# --- operands -------------------------------------------------------------

def qvalue(q):
    """A quantized tensor as a case operand."""
    d = {"dtype": DTYPES[q.dtype], "shape": list(q.shape),
         "data": q.int_repr().flatten().tolist()}
    if q.qscheme() in (torch.per_channel_affine, torch.per_channel_symmetric):
        d.update(scale=q.q_per_channel_scales().tolist(),
                 zero_point=q.q_per_channel_zero_points().tolist(),
                 axis=q.q_per_channel_axis())
    else:
        d.update(scale=[q.q_scale()], zero_point=[q.q_zero_point()], axis=-1)
    return d


def fvalue(t):
    """An f32 tensor as a case operand (Python floats: exact in JSON)."""
    return {"dtype": "f32", "shape": list(t.shape),
            "data": t.float().flatten().tolist()}


def qtype(shape, dtype, scale, zp):
    """A quantized result whose data the test computes (no oracle)."""
    return {"dtype": DTYPES[dtype], "shape": list(shape), "scale": [scale],
            "zero_point": [zp], "axis": -1}


def attrs(**kw):
    """Typed attributes: i int, f float, b bool, s string, I/F lists."""
    out = {}
    for k, v in kw.items():
        if isinstance(v, bool):
            out[k] = ["b", v]
        elif isinstance(v, int):
            out[k] = ["i", v]
        elif isinstance(v, float):
            out[k] = ["f", v]
        elif isinstance(v, str):
            out[k] = ["s", v]
        elif all(isinstance(e, int) for e in v):
            out[k] = ["I", list(v)]
        else:
            out[k] = ["F", [float(e) for e in v]]
    return out


def case(name, kind, inputs, outputs, engine=None, exact=True, **kw):
    if engine:
        kw["numerics"] = engine
    return {"name": name + ("" if engine is None else " [" + engine + "]"),
            "kind": kind, "attrs": attrs(**kw), "inputs": inputs,
            "outputs": outputs, "exact": exact}


def quant(x, scale, zp, dtype=torch.quint8):
    return torch.quantize_per_tensor(x, scale, zp, dtype)


def rand_q(shape, scale=0.05, zp=128, dtype=torch.quint8, spread=3.0):
    return quant(torch.randn(shape) * spread, scale, zp, dtype)


def weight_q(w, per_channel, axis=0):
    red = [d for d in range(w.dim()) if d != axis]
    if per_channel:
        s = (w.abs().amax(red) / 127).double().clamp(min=1e-4)
        return torch.quantize_per_channel(
            w, s, torch.zeros(w.shape[axis], dtype=torch.long), axis,
            torch.qint8)
    return quant(w, float(w.abs().max() / 127), 0, torch.qint8)


def set_engine(engine):
    torch.backends.quantized.engine = engine


# --- groups ---------------------------------------------------------------

def quantize_cases():
    cases = []
    # Ties at every half step, out-of-range values, both signs. (1.13's
    # qint32 dequantize computes q - zp in int32, which wraps at the
    # extremes: no saturated i32 values.)
    x = torch.cat([torch.arange(-300, 300, dtype=torch.float32) * 0.025,
                   torch.randn(200) * 4])
    for dtype, zp in ((torch.quint8, 128), (torch.qint8, -3),
                      (torch.qint32, 7)):
        big = 1e9 if dtype != torch.qint32 else 1e7
        xs = torch.cat([x, torch.tensor([big, -big])])
        q = quant(xs, 0.05, zp, dtype)
        cases.append(case("quantize " + DTYPES[dtype], "quantize",
                          [fvalue(xs)], [qvalue(q)]))
        cases.append(case("dequantize " + DTYPES[dtype], "dequantize",
                          [qvalue(q)], [fvalue(q.dequantize())]))
    x = torch.randn(3, 4, 5) * 2
    s = torch.tensor([0.011, 0.023, 0.047, 0.1], dtype=torch.double)
    for dtype in (torch.quint8, torch.qint8):
        zps = torch.tensor([0, 3, 100, 7] if dtype == torch.quint8
                           else [0, -3, 100, -7])
        q = torch.quantize_per_channel(x, s, zps, 1, dtype)
        cases.append(case("quantize per axis " + DTYPES[dtype], "quantize",
                          [fvalue(x)], [qvalue(q)]))
        cases.append(case("dequantize per axis " + DTYPES[dtype],
                          "dequantize", [qvalue(q)],
                          [fvalue(q.dequantize())]))
    return cases


def linear_cases():
    cases = []
    for engine in ENGINES:
        set_engine(engine)
        for per_channel in (False, True):
            for bias in (True, False):
                for relu in (False, True):
                    x = rand_q((2, 5, 24), 0.0371, 128)
                    w = weight_q(torch.randn(16, 24), per_channel)
                    b = torch.randn(16) * 2 if bias else None
                    packed = torch.ops.quantized.linear_prepack(w, b)
                    op = (torch.ops.quantized.linear_relu if relu
                          else torch.ops.quantized.linear)
                    y = op(x, packed, 0.0913, 117)
                    kw = {"fused_activation": "relu"} if relu else {}
                    ins = [qvalue(x), qvalue(w)] + ([fvalue(b)] if bias
                                                    else [])
                    cases.append(case(
                        "linear pc=%d bias=%d relu=%d" % (per_channel, bias,
                                                          relu),
                        "linear", ins, [qvalue(y)], engine, **kw))
    return cases


def conv_cases():
    cases = []
    configs = [  # (dims, transposed, kwargs)
        (2, False, {}), (2, False, dict(groups=2)),
        (2, False, dict(groups=6, depthwise=True)),
        (2, False, dict(stride=2, padding=1, dilation=2)),
        (2, False, dict(relu=True, padding=1)),
        (1, False, dict(stride=2, padding=1)), (3, False, dict(padding=1)),
        (2, True, dict(stride=2, padding=1)), (2, True, dict(groups=2)),
        (2, True, dict(stride=2, output_padding=1)),
        (1, True, dict(stride=2)), (3, True, dict(stride=1)),
    ]
    for engine in ENGINES:
        set_engine(engine)
        for dims, transposed, kw in configs:
            for per_channel in (False, True):
                if transposed and per_channel and engine == "onednn":
                    continue  # disabled in 1.13
                if transposed and dims == 3 and engine == "qnnpack":
                    continue  # no qnnpack conv_transpose3d
                if kw.get("output_padding") and engine == "onednn":
                    continue  # onednn: zero output_padding only
                if transposed and per_channel and kw.get("groups"):
                    continue  # qnnpack rejects it
                groups = kw.get("groups", 1)
                cin = 6 if kw.get("depthwise") else 4
                cout = 6 if kw.get("depthwise") else 6
                size = {1: 11, 2: 7, 3: 4}[dims]
                k = 3 if dims < 3 else 2
                x = rand_q((2, cin) + (size,) * dims, 0.0371, 128)
                wshape = ((cin, cout // groups) if transposed
                          else (cout, cin // groups)) + (k,) * dims
                w = weight_q(torch.randn(wshape), per_channel,
                             1 if transposed else 0)
                b = torch.randn(cout) * 2
                st = [kw.get("stride", 1)] * dims
                pd = [kw.get("padding", 0)] * dims
                dl = [kw.get("dilation", 1)] * dims
                op_ = [kw.get("output_padding", 0)] * dims
                name = ("conv_transpose" if transposed else "conv") + \
                    "%dd" % dims
                if transposed:
                    packed = getattr(torch.ops.quantized, name + "_prepack")(
                        w, b, st, pd, op_, dl, groups)
                else:
                    packed = getattr(torch.ops.quantized, name + "_prepack")(
                        w, b, st, pd, dl, groups)
                relu = kw.get("relu", False)
                op = getattr(torch.ops.quantized, name + ("_relu" if relu
                                                           else ""))
                y = op(x, packed, 0.0913, 117)
                a = dict(stride=st, padding=pd, dilation=dl, groups=groups)
                if transposed:
                    a["output_padding"] = op_
                if relu:
                    a["fused_activation"] = "relu"
                cases.append(case(
                    "%s %s pc=%d" % (name, {k: v for k, v in kw.items()},
                                     per_channel),
                    name, [qvalue(x), qvalue(w), fvalue(b)], [qvalue(y)],
                    engine, **a))
    return cases


def elementwise_cases():
    cases = []
    shapes = [((4, 6, 7), (4, 6, 7)), ((4, 6, 7), (6, 1))]
    for engine in ENGINES:
        set_engine(engine)
        for op in ("add", "mul"):
            for relu in (False, True):
                for sa, sb in shapes:
                    a = rand_q(sa, 0.0371, 120, spread=2)
                    b = rand_q(sb, 0.0533, 131, spread=3)
                    sy, zy = (0.0613, 101) if op == "add" else (0.19, 101)
                    f = getattr(torch.ops.quantized,
                                op + ("_relu" if relu else ""))
                    y = f(a, b, sy, zy)
                    # Exact where Quill follows the engine's own rule: the
                    # qnnpack add of equal shapes (fixed point). Elsewhere
                    # Quill follows the reference model (NUMERICS.md).
                    exact = engine == "qnnpack" and op == "add" and sa == sb
                    kw = {"fused_activation": "relu"} if relu else {}
                    cases.append(case(
                        "%s relu=%d %s+%s" % (op, relu, sa, sb), op,
                        [qvalue(a), qvalue(b)], [qvalue(y)], engine,
                        exact=exact, **kw))
        # cat of inputs with different qparams: requantized.
        a = rand_q((2, 3, 4), 0.05, 128)
        b = rand_q((2, 2, 4), 0.03, 100)
        y = torch.ops.quantized.cat([a, b], 1, 0.04, 120)
        cases.append(case("cat requantized", "cat", [qvalue(a), qvalue(b)],
                          [qvalue(y)], engine, exact=False, dim=1))
        y = torch.ops.quantized.cat([a, quant(b.dequantize(), 0.05, 128)], 1,
                                    0.05, 128)
        cases.append(case("cat shared", "cat",
                          [qvalue(a), qvalue(quant(b.dequantize(), 0.05,
                                                   128))],
                          [qvalue(y)], engine, dim=1))
    return cases


def pool_cases():
    cases = []
    for engine in ENGINES:
        set_engine(engine)
        for dims in (1, 2, 3):
            size = {1: 13, 2: 9, 3: 5}[dims]
            for zp in (128, 77):  # the rules differ for odd zero points
                x = rand_q((2 if dims < 3 else 1, 3) + (size,) * dims, 0.05,
                           zp)
                for k, st, pd, ceil, cip, div in (
                        (3, 2, 1, False, True, None),
                        (2, 1, 1, False, False, None),
                        (3, 2, 1, True, True, None),
                        (2, 2, 0, False, True, 3)):
                    if div and dims == 1:
                        continue  # avg_pool1d has no divisor_override
                    if (engine == "qnnpack" and dims < 3 and not ceil and
                            (div or (pd and not cip))):
                        continue  # 1.13's QNNPACK ignores them (a bug)
                    f = getattr(F, "avg_pool%dd" % dims)
                    args = [x, k, st, pd, ceil, cip] + ([div] if dims > 1
                                                         else [])
                    y = f(*args)
                    a = dict(kernel_size=[k] * dims, stride=[st] * dims,
                             padding=[pd] * dims, ceil_mode=ceil,
                             count_include_pad=cip)
                    if div:
                        a["divisor_override"] = div
                    cases.append(case(
                        "avg_pool%dd zp=%d k%d s%d p%d ceil=%d cip=%d div=%s"
                        % (dims, zp, k, st, pd, ceil, cip, div),
                        "avg_pool%dd" % dims, [qvalue(x)], [qvalue(y)],
                        engine, **a))
                for out in ((1,) * dims, (4,) * dims, (5,) * dims):
                    y = getattr(F, "adaptive_avg_pool%dd" % dims)(x, out)
                    cases.append(case(
                        "adaptive_avg_pool%dd zp=%d %s" % (dims, zp, out),
                        "adaptive_avg_pool%dd" % dims, [qvalue(x)],
                        [qvalue(y)], engine, output_size=list(out)))
                if dims == 3:
                    continue  # no quantized max_pool3d in 1.13
                y = getattr(F, "max_pool%dd" % dims)(x, 3, 2, 1, 1, True)
                cases.append(case(
                    "max_pool%dd zp=%d" % (dims, zp), "max_pool%dd" % dims,
                    [qvalue(x)], [qvalue(y)], engine, kernel_size=[3] * dims,
                    stride=[2] * dims, padding=[1] * dims,
                    dilation=[1] * dims, ceil_mode=True))
    return cases


def activation_cases():
    cases = []
    for engine in ENGINES:
        set_engine(engine)
        x = rand_q((2, 6, 8, 10), 0.05, 128, spread=3)

        def add(name, kind, y, exact=False, inputs=None, **kw):
            cases.append(case(name, kind, inputs or [qvalue(x)], [qvalue(y)],
                              engine, exact=exact, **kw))

        add("relu", "relu", F.relu(x), exact=True)
        add("relu6", "relu6", torch.ops.quantized.relu6(x), exact=True)
        add("hardtanh", "hardtanh", qF.hardtanh(x, -1.0, 2.0), exact=True,
            min_val=-1.0, max_val=2.0)
        add("clamp", "clamp", torch.clamp(x, -0.5, 1.5), exact=True,
            min=-0.5, max=1.5)
        add("leaky_relu", "leaky_relu",
            qF.leaky_relu(x, 0.1, False, 0.04, 120), negative_slope=0.1)
        add("elu", "elu", qF.elu(x, 0.04, 120, 0.7), alpha=0.7)
        add("hardswish", "hardswish", qF.hardswish(x, 0.04, 120))
        add("sigmoid", "sigmoid", torch.sigmoid(x),
            exact=engine == "onednn")
        add("hardsigmoid", "hardsigmoid", F.hardsigmoid(x),
            exact=engine == "onednn")
        add("tanh", "tanh", torch.tanh(x), exact=engine == "onednn")
        add("softmax", "softmax",
            torch.ops.quantized.softmax(x, 1, 1.0 / 256, 0), dim=1)
        add("gelu", "gelu", F.gelu(x))
        add("mean", "mean", torch.mean(x, [2, 3], keepdim=True),
            dims=[2, 3], keepdim=True)
        add("interpolate bilinear", "interpolate",
            F.interpolate(x, scale_factor=2.0, mode="bilinear"),
            mode="bilinear", scale_factor=[2.0, 2.0])
        c = x.shape[1]
        w, b = torch.randn(c), torch.randn(c)
        mean, var = torch.randn(c), torch.rand(c) + 0.5
        add("batch_norm", "batch_norm",
            torch.ops.quantized.batch_norm2d(x, w, b, mean, var, 1e-5, 0.07,
                                             110),
            inputs=[qvalue(x), fvalue(mean), fvalue(var), fvalue(w),
                    fvalue(b)], exact=True, eps=1e-5)
        lw, lb = torch.randn(8, 10), torch.randn(8, 10)
        add("layer_norm", "layer_norm",
            torch.ops.quantized.layer_norm(x, [8, 10], lw, lb, 1e-5, 0.04,
                                           120),
            inputs=[qvalue(x), fvalue(lw), fvalue(lb)],
            normalized_shape=[8, 10], eps=1e-5)
        add("group_norm", "group_norm",
            torch.ops.quantized.group_norm(x, 3, w, b, 1e-5, 0.04, 120),
            inputs=[qvalue(x), fvalue(w), fvalue(b)], num_groups=3,
            eps=1e-5)
        add("instance_norm", "instance_norm",
            torch.ops.quantized.instance_norm(x, w, b, 1e-5, 0.04, 120),
            inputs=[qvalue(x), fvalue(w), fvalue(b), None, None], eps=1e-5)
    return cases


def fake_quant_cases():
    """FakeQuantize modules over a few batches: each batch's output and
    the scale / zero point after it."""
    cases = []
    makers = [
        ("fake_quantize", "moving_average_min_max", "per_tensor_affine",
         lambda: FakeQuantize(observer=MovingAverageMinMaxObserver,
                              quant_min=0, quant_max=255)),
        ("fake_quantize", "moving_average_per_channel_min_max",
         "per_channel_symmetric",
         lambda: FakeQuantize(
             observer=MovingAveragePerChannelMinMaxObserver, quant_min=-128,
             quant_max=127, dtype=torch.qint8,
             qscheme=torch.per_channel_symmetric, ch_axis=1)),
        ("fused_moving_avg_obs_fake_quantize", "moving_average_min_max",
         "per_tensor_affine",
         lambda: FusedMovingAvgObsFakeQuantize(
             observer=MovingAverageMinMaxObserver, quant_min=0,
             quant_max=255)),
        ("fused_moving_avg_obs_fake_quantize", "moving_average_min_max",
         "per_tensor_symmetric",
         lambda: FusedMovingAvgObsFakeQuantize(
             observer=MovingAverageMinMaxObserver, quant_min=-128,
             quant_max=127, dtype=torch.qint8,
             qscheme=torch.per_tensor_symmetric)),
        ("fused_moving_avg_obs_fake_quantize",
         "moving_average_per_channel_min_max", "per_channel_symmetric",
         lambda: FusedMovingAvgObsFakeQuantize(
             observer=MovingAveragePerChannelMinMaxObserver, quant_min=-128,
             quant_max=127, dtype=torch.qint8,
             qscheme=torch.per_channel_symmetric, ch_axis=0)),
        ("fixed_qparams_fake_quantize", "fixed_qparams", "per_tensor_affine",
         lambda: FixedQParamsFakeQuantize.with_args(
             observer=torch.ao.quantization.observer.FixedQParamsObserver
             .with_args(scale=1.0 / 256, zero_point=0, quant_min=0,
                        quant_max=255))()),
    ]
    for kind, obs_kind, qscheme, make in makers:
        fq = make()
        obs = fq.activation_post_process
        dtype = {torch.quint8: "quint8", torch.qint8: "qint8"}[fq.dtype]
        a = {"kind": kind, "id": 1, "observer.kind": obs_kind,
             "observer.dtype": dtype, "observer.qscheme": qscheme,
             "observer.quant_min": fq.quant_min,
             "observer.quant_max": fq.quant_max,
             "observer.ch_axis": getattr(obs, "ch_axis", 0),
             "observer.averaging_constant": float(
                 getattr(obs, "averaging_constant", 0.01))}
        if kind == "fixed_qparams_fake_quantize":
            a["observer.scale"] = float(fq.scale)
            a["observer.zero_point"] = int(fq.zero_point)
        batches = []
        for step in range(3):
            x = torch.randn(3, 4, 5) * (1 + step) + 0.3 * step
            y = fq(x)
            batches.append({"input": fvalue(x), "output": fvalue(y.detach()),
                            "scale": fq.scale.double().flatten().tolist(),
                            "zero_point": fq.zero_point.flatten().tolist()})
        cases.append({"name": "%s %s %s" % (kind, obs_kind, qscheme),
                      "attrs": attrs(**a), "batches": batches})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    groups = {"quantize": quantize_cases, "linear": linear_cases,
              "conv": conv_cases, "elementwise": elementwise_cases,
              "pool": pool_cases, "activation": activation_cases,
              "fake_quant": fake_quant_cases}
    for seed, (name, make) in enumerate(sorted(groups.items())):
        torch.manual_seed(seed)
        cases = make()
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"cases": cases}, f, separators=(",", ":"))
            f.write("\n")
        print(name, len(cases), "cases", file=sys.stderr)


if __name__ == "__main__":
    main()
