"""Dynamic and weight-only quantization through quant-run against live
PyTorch 1.13, on both engines (the function attribute quill.numerics):

- quill.fake_quant_dynamic = torch.quantize_per_tensor_dynamic + dequantize
  (float16: a round trip through half), bit for bit;
- quill.linear with a float input and a quant.scast i8 weight =
  quantized::linear_dynamic / linear_relu_dynamic, bit for bit;
- quill.lstm / quill.gru with quantized weights = nn.quantized.dynamic.LSTM /
  GRU, within float rounding (PyTorch's sigmoid and tanh round differently);
- quill.dequantize_float_qparams = Tensor.dequantize() of quint8 / quint4x2
  per_channel_affine_float_qparams weights, bit for bit, and followed by
  quill.embedding_bag what F.embedding_bag gives on those dequantized rows.

test/unit/DynamicKernelTest.cpp checks the same kernels on stored cases
(scripts/gen_dynamic_cases.py); this file checks the path from IR.
"""

import itertools

import numpy as np
import pytest
import torch
import torch.ao.nn.quantized.dynamic as nnqd
import torch.nn.functional as F
from torch.ao.quantization import qconfig as qc
from torch.ao.quantization.observer import PerChannelMinMaxObserver

from kernel_compare import assert_close
from quill_harness import mlir_constant, run_mlir, tensor_type

ENGINES = ["onednn", "qnnpack"]


@pytest.fixture(autouse=True)
def restore_engine():
    engine = torch.backends.quantized.engine
    yield
    torch.backends.quantized.engine = engine


def assert_bits(got, want):
    want = np.asarray(want, dtype=np.float32)
    assert got.shape == want.shape
    bad = np.flatnonzero(got.view(np.uint32) != want.view(np.uint32))
    assert bad.size == 0, f"{bad.size} of {got.size} differ, first at {bad[0]}: " \
                          f"{got.flat[bad[0]]!r} != {want.flat[bad[0]]!r}"


def quant_type(wq):
    """The !quant.uniform type of a qint8 weight (scales exact: %.17e)."""
    if wq.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
        params = "%.17e:%d" % (wq.q_scale(), wq.q_zero_point())
    else:
        pairs = zip(wq.q_per_channel_scales().tolist(), wq.q_per_channel_zero_points().tolist())
        params = "{" + ", ".join("%.17e:%d" % p for p in pairs) + "}"
        params = "%d, %s" % (wq.q_per_channel_axis(), params)
        return tensor_type(wq.int_repr(), f"!quant.uniform<i8:f32:{params}>")
    return tensor_type(wq.int_repr(), f"!quant.uniform<i8:f32, {params}>")


def weight_consts(name, wq):
    """MLIR lines defining %<name> as the quantized weight; returns its type."""
    raw = wq.int_repr()
    qt = quant_type(wq)
    return (f"%{name}_i = {mlir_constant(raw)}\n"
            f"  %{name} = quant.scast %{name}_i : {tensor_type(raw)} to {qt}"), qt


def numerics(engine):
    return f'attributes {{quill.numerics = "{engine}"}}'


def inputs_for(kind, gen):
    n = 257
    if kind == "zeros":
        return torch.zeros(n)
    if kind == "positive":
        return torch.rand(n, generator=gen) + 0.25
    if kind == "tiny":
        return torch.randn(4, 33, generator=gen) * 1e-6
    return torch.randn(3, 5, 7, generator=gen) * 4 - 1


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("dtype,reduce_range", [("quint8", False), ("quint8", True),
                                                ("qint8", False), ("qint8", True),
                                                ("float16", False)])
@pytest.mark.parametrize("kind", ["random", "zeros", "positive", "tiny"])
def test_fake_quant_dynamic(engine, dtype, reduce_range, kind):
    torch.backends.quantized.engine = engine
    x = inputs_for(kind, torch.Generator().manual_seed(7))
    if dtype == "float16":
        x = x * 3e4  # past the half range too
        want = x.half().float()
    else:
        want = torch.quantize_per_tensor_dynamic(x, getattr(torch, dtype), reduce_range).dequantize()
    t = tensor_type(x)
    mlir = f"""func.func @f(%x: {t}) -> {t} {numerics(engine)} {{
  %y = quill.fake_quant_dynamic %x {{dtype = #quill.qdtype<{dtype}>, reduce_range = {str(reduce_range).lower()}}} : {t}
  return %y : {t}
}}"""
    (got,) = run_mlir(mlir, [x])
    assert_bits(got, want.numpy())


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("per_channel,relu,bias,reduce_range",
                         list(itertools.product([False, True], repeat=4)))
def test_linear_dynamic(engine, per_channel, relu, bias, reduce_range):
    torch.backends.quantized.engine = engine
    gen = torch.Generator().manual_seed(11)
    x = torch.randn(2, 3, 19, generator=gen) * 2 + 0.5
    w = torch.randn(6, 19, generator=gen)
    b = torch.randn(6, generator=gen) if bias else None
    if per_channel:
        scales = w.abs().amax(1).double() / 127.3
        wq = torch.quantize_per_channel(w, scales, torch.zeros(6, dtype=torch.long), 0, torch.qint8)
    else:
        wq = torch.quantize_per_tensor(w, float(w.abs().max()) / 127.3, 0, torch.qint8)
    op = torch.ops.quantized.linear_relu_dynamic if relu else torch.ops.quantized.linear_dynamic
    want = op(x, torch.ops.quantized.linear_prepack(wq, b), reduce_range)

    wdef, wt = weight_consts("w", wq)
    operands, types = "%x, %w", [tensor_type(x), wt]
    bdef = ""
    if bias:
        bdef = f"%b = {mlir_constant(b)}"
        operands += ", %b"
        types.append(tensor_type(b))
    attrs = [f"reduce_range = {str(reduce_range).lower()}"]
    if relu:
        attrs.append("fused_activation = #quill.fused_activation<relu>")
    yt = tensor_type(want)
    mlir = f"""func.func @f(%x: {tensor_type(x)}) -> {yt} {numerics(engine)} {{
  {wdef}
  {bdef}
  %y = quill.linear {operands} {{{", ".join(attrs)}}} : ({", ".join(types)}) -> {yt}
  return %y : {yt}
}}"""
    (got,) = run_mlir(mlir, [x])
    assert_bits(got, want.numpy())


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("kind,layers,bidirectional,batch_first,per_channel",
                         [("lstm", 1, False, False, False), ("lstm", 2, True, True, True),
                          ("gru", 1, True, False, True), ("gru", 2, False, True, False)])
def test_recurrent_dynamic(engine, kind, layers, bidirectional, batch_first, per_channel):
    torch.backends.quantized.engine = engine
    torch.manual_seed(5)
    I, H, T, N = 4, 5, 6, 3
    float_cls, q_cls = (torch.nn.LSTM, nnqd.LSTM) if kind == "lstm" else (torch.nn.GRU, nnqd.GRU)
    m = float_cls(I, H, layers, bidirectional=bidirectional, batch_first=batch_first)
    m.qconfig = qc.per_channel_dynamic_qconfig if per_channel else qc.default_dynamic_qconfig
    qm = q_cls.from_float(m)
    x = torch.randn((N, T, I) if batch_first else (T, N, I))
    d = 2 if bidirectional else 1
    h0 = torch.randn(layers * d, N, H)
    c0 = torch.randn(layers * d, N, H)
    with torch.no_grad():
        out, finals = qm(x, (h0, c0) if kind == "lstm" else h0)
    results = [out] + (list(finals) if kind == "lstm" else [finals])
    states = [h0, c0] if kind == "lstm" else [h0]

    wb = qm._weight_bias()
    defs, names, types = [], [], []
    for layer in range(layers):
        for direction in range(d):
            suffix = "_l%d%s" % (layer, "_reverse" if direction else "")
            for part in ("ih", "hh"):
                name = f"w_{part}{layer}{direction}"
                text, t = weight_consts(name, wb["weight"]["weight_" + part + suffix])
                defs.append(text)
                names.append("%" + name)
                types.append(t)
            for part in ("ih", "hh"):
                b = wb["bias"]["bias_" + part + suffix].detach()
                defs.append(f"%b_{part}{layer}{direction} = {mlir_constant(b)}")
                names.append(f"%b_{part}{layer}{direction}")
                types.append(tensor_type(b))
    args = ", ".join(f"%{n}: {tensor_type(a)}" for n, a in zip(["x", "s0", "s1"], [x] + states))
    init = ", ".join(f"%s{i}" for i in range(len(states)))
    attrs = [f"hidden_size = {H} : i64", f"num_layers = {layers} : i64"]
    attrs += [f"{a} = true" for a, on in (("bidirectional", bidirectional),
                                          ("batch_first", batch_first)) if on]
    operand_types = ", ".join([tensor_type(a) for a in [x] + states] + types)
    result_types = ", ".join(tensor_type(r) for r in results)
    rnames = ", ".join(f"%r{i}" for i in range(len(results)))
    body = "\n  ".join(defs)
    mlir = f"""func.func @f({args}) -> ({result_types}) {numerics(engine)} {{
  {body}
  {rnames} = quill.{kind} %x init({init}) weights({", ".join(names)}) {{{", ".join(attrs)}}}
      : ({operand_types}) -> ({result_types})
  return {rnames} : {result_types}
}}"""
    got = run_mlir(mlir, [x] + states)
    for name, g, want in zip(["output", "h_n", "c_n"], got, results):
        assert_close(f"{kind}.{name}", g, want.numpy())


def float_qparams_weight(bits, n=12, d=10, seed=3):
    """A weight-only quantized embedding table: unpacked integers, scales,
    zero points and PyTorch's dequantized rows."""
    torch.manual_seed(seed)
    w = torch.randn(n, d) * 2
    w[4] = 0.75  # a constant row
    dtype = torch.quint8 if bits == 8 else torch.quint4x2
    obs = PerChannelMinMaxObserver(dtype=dtype, qscheme=torch.per_channel_affine_float_qparams)
    obs(w)
    scales, zps = obs.calculate_qparams()
    q = torch.quantize_per_channel(w, scales, zps, 0, dtype)
    ir = q.int_repr().numpy()
    if bits == 4:  # two values per byte, low nibble first
        ir = np.stack([ir & 0xF, ir >> 4], -1).reshape(n, d)
    return (ir.astype(np.uint8), q.q_per_channel_scales().float().numpy(),
            q.q_per_channel_zero_points().float().numpy(), q.dequantize())


def dequantize_lines(q, s, z, bits):
    wt = f"tensor<{q.shape[0]}x{q.shape[1]}xf32>"
    return f"""%q = {mlir_constant(q)}
  %s = {mlir_constant(s)}
  %z = {mlir_constant(z)}
  %w = quill.dequantize_float_qparams %q, %s, %z {{bit_width = {bits} : i64}} : ({tensor_type(q)}, {tensor_type(s)}, {tensor_type(z)}) -> {wt}""", wt


@pytest.mark.parametrize("bits", [8, 4])
def test_dequantize_float_qparams(bits):
    q, s, z, want = float_qparams_weight(bits)
    lines, wt = dequantize_lines(q, s, z, bits)
    mlir = f"""func.func @f() -> {wt} {{
  {lines}
  return %w : {wt}
}}"""
    (got,) = run_mlir(mlir, [])
    assert_bits(got, want.numpy())


@pytest.mark.parametrize("bits", [8, 4])
@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
def test_weight_only_embedding_bag(bits, mode):
    q, s, z, w = float_qparams_weight(bits)
    idx = torch.tensor([1, 4, 4, 11, 0, 7, 3, 3, 9])
    off = torch.tensor([0, 2, 2, 6])
    want = F.embedding_bag(idx, w, off, mode=mode)
    lines, wt = dequantize_lines(q, s, z, bits)
    yt = tensor_type(want)
    mlir = f"""func.func @f(%i: {tensor_type(idx)}, %o: {tensor_type(off)}) -> {yt} {{
  {lines}
  %y = quill.embedding_bag %i, %w offsets %o {{mode = #quill.embedding_bag_mode<{mode}>}} : ({tensor_type(idx)}, {wt}, {tensor_type(off)}) -> {yt}
  return %y : {yt}
}}"""
    (got,) = run_mlir(mlir, [idx, off])
    assert_close(f"embedding_bag.{mode}", got, want.numpy())
