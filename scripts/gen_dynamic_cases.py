#!/usr/bin/python3
"""Writes test/unit/data/dynamic/*.npz: inputs and what PyTorch 1.13 computes
from them for dynamic and weight-only quantization, the oracle of
test/unit/DynamicKernelTest.cpp.

Run with Debian's Python (it has torch): /usr/bin/python3 scripts/gen_dynamic_cases.py
Fixed seeds: the output is the same on every run. Each archive holds cases
c0, c1, ... as arrays named "c<i>_<field>"; doubles (PyTorch's weight scales)
are stored as the int64 of their bits, as the runtime's .npz reader has no
float64. `cfg` is a small int32 vector described per file below.

  fake_quant_dynamic.npz  x, y; cfg = [engine, dtype, reduce_range]
      y = torch.quantize_per_tensor_dynamic(x, dtype, reduce_range)
          .dequantize() (x.half().float() for float16)
  linear.npz              x, w (int8), w_scale (bits), w_zp, [bias], y;
      cfg = [engine, reduce_range, relu, per_channel]
      y = quantized::linear_dynamic / linear_relu_dynamic
  recurrent.npz           x, [h0, c0], per layer and direction l<k>d<j>_
      w_ih, w_ih_scale, w_ih_zp, w_hh..., b_ih, b_hh; y, hn, [cn];
      cfg = [lstm, engine, layers, bidirectional, batch_first, states,
             per_channel, hidden, unbatched]
      nn.quantized.dynamic.LSTM / GRU converted from a float module
  float_qparams.npz       q (uint8, 4-bit values unpacked), scales, zero_points,
      y; cfg = [bit_width]   y = Tensor.dequantize() of the
      per_channel_affine_float_qparams tensor (quint8 / quint4x2)

engine: 0 onednn, 1 qnnpack; dtype: 0 quint8, 1 qint8, 2 float16.

`--measure-embedding-bag` prints, instead, how PyTorch's weight-only
quantized EmbeddingBag / Embedding compare with dequantize -> float
embedding_bag (what Quill runs).
"""
import os

os.environ["ATEN_CPU_CAPABILITY"] = "avx2"

import contextlib  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.ao.nn.quantized as nnq  # noqa: E402
import torch.ao.nn.quantized.dynamic as nnqd  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.ao.quantization import qconfig as qc  # noqa: E402
from torch.ao.quantization.observer import PerChannelMinMaxObserver  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "test/unit/data/dynamic"
ENGINES = ("onednn", "qnnpack")
DTYPES = (torch.quint8, torch.qint8, torch.float16)
f32 = np.float32

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # qnnpack's reduce_range warning


def bits(scales):
    return np.asarray(scales, dtype=np.float64).view(np.int64)


def weight_arrays(prefix, wq):
    """The stored integers, scales (as bits) and zero points of a qint8 weight."""
    if wq.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
        scales, zps = [wq.q_scale()], [wq.q_zero_point()]
    else:
        scales = wq.q_per_channel_scales().double().numpy()
        zps = wq.q_per_channel_zero_points().numpy()
    return {prefix: wq.int_repr().numpy(), prefix + "_scale": bits(scales),
            prefix + "_zp": np.asarray(zps, dtype=np.int64)}


def halfway_values(rng, lo, hi, scale, zp, qmin, qmax, count):
    """Floats within a few ulps of (k + 1/2) * scale: where the engines'
    rounding rules (reciprocal in float or double, zero point added before
    or after rounding) disagree."""
    out = [f32(lo), f32(hi)]
    while len(out) < count:
        k = rng.integers(qmin - zp, qmax - zp)
        v = f32((k + 0.5) * scale)
        steps = rng.integers(-3, 4)
        for _ in range(abs(steps)):
            v = np.nextafter(v, f32(np.sign(steps) * np.inf))
        if lo <= v <= hi:
            out.append(v)
    return np.array(out, dtype=f32)


def choose_qparams(lo, hi, dtype, reduce_range):
    """The qparams of quantize_per_tensor_dynamic on the current engine, the
    ones linear_dynamic picks too (to aim halfway values)."""
    q = torch.quantize_per_tensor_dynamic(torch.tensor([lo, hi]), dtype, reduce_range)
    return q.q_scale(), q.q_zero_point()


def fake_quant_cases(rng):
    cases = []
    gen = torch.Generator().manual_seed(1)

    def tensor(kind, n, dtype, rr):
        r = lambda *s: torch.randn(*s, generator=gen)  # noqa: E731
        if kind == 0:
            return r(n) * float(torch.rand(1, generator=gen) * 10)
        if kind == 1:
            return torch.zeros(n)
        if kind == 2:
            return torch.full((n,), 3.0)
        if kind == 3:
            return torch.full((n,), -0.7)
        if kind == 4:
            return torch.rand(n, generator=gen) * 2 + 0.5  # all positive
        if kind == 5:
            return -torch.rand(n, generator=gen) * 100  # all negative
        if kind == 6:
            return r(n) * 1e-6  # tiny range: scale raised to 6.1e-5
        if kind == 7:
            return r(3, n // 3) * 4 + 1  # rank 2
        if kind == 8:  # float16 only: overflow, subnormals, halfway points
            x = r(n) * 100
            x[:8] = torch.tensor([7e4, -65520, 65519, 1e-6, -3e-8, 6e-8, 1 + 2 ** -11,
                                  1 + 3 * 2 ** -11])
            return x
        lo, hi = -float(torch.rand(1, generator=gen) * 3), float(torch.rand(1, generator=gen) * 5)
        qmin, qmax = (0, 255) if dtype == torch.quint8 else (-128, 127)
        s, zp = choose_qparams(lo, hi, dtype, rr)
        return torch.from_numpy(halfway_values(rng, lo, hi, s, zp, qmin, qmax, n))

    for engine_id, engine in enumerate(ENGINES):
        torch.backends.quantized.engine = engine
        for dtype_id, dtype in enumerate(DTYPES):
            half = dtype == torch.float16
            for rr in (False,) if half else (False, True):
                for kind in (0, 6, 8) if half else (0, 1, 2, 3, 4, 5, 6, 7, 9):
                    x = tensor(kind, 160 if kind == 9 else 60, dtype, rr).float()
                    if half:
                        y = x.half().float()
                    else:
                        y = torch.quantize_per_tensor_dynamic(x, dtype, rr).dequantize()
                    cases.append({"x": x.numpy(), "y": y.numpy(),
                                  "cfg": np.array([engine_id, dtype_id, rr], np.int32)})
    return cases


def qweight(w, per_channel, rng):
    """A qint8 weight with scales that are not float32 values (PyTorch keeps
    doubles), symmetric as the dynamic qconfigs make them."""
    n = w.shape[0]
    if per_channel:
        s = torch.tensor(rng.random(n) * 0.02 + 1e-3, dtype=torch.double)
        return torch.quantize_per_channel(w, s, torch.zeros(n, dtype=torch.long), 0, torch.qint8)
    return torch.quantize_per_tensor(w, float(rng.random() * 0.02 + 1e-3), 0, torch.qint8)


def linear_cases(rng):
    cases = []
    gen = torch.Generator().manual_seed(2)
    shapes = [((4, 16), 8), ((2, 3, 17), 5), ((1, 7), 12), ((4, 32), 3)]
    for engine_id, engine in enumerate(ENGINES):
        torch.backends.quantized.engine = engine
        for per_channel in (False, True):
            for rr in (False, True):
                for relu in (False, True):
                    for i, (xshape, n) in enumerate(shapes):
                        k = xshape[-1]
                        x = torch.randn(*xshape, generator=gen) * 3 + float(torch.randn(1, generator=gen))
                        if i == 3:  # halfway values: the quantization rules differ
                            lo, hi = -2.0, 3.0
                            s, zp = choose_qparams(lo, hi, torch.quint8, rr)
                            x = torch.from_numpy(halfway_values(
                                rng, lo, hi, s, zp, 0, 255, x.numel()).reshape(xshape))
                        if i == 2 and relu:
                            x = torch.zeros(*xshape)  # the 0.1 default scale
                        w = torch.randn(n, k, generator=gen)
                        bias = torch.randn(n, generator=gen) * (10 if i % 2 else 0.1)
                        if (i + relu) % 3 == 0:
                            bias = None
                        wq = qweight(w, per_channel, rng)
                        packed = torch.ops.quantized.linear_prepack(wq, bias)
                        op = (torch.ops.quantized.linear_relu_dynamic if relu
                              else torch.ops.quantized.linear_dynamic)
                        y = op(x, packed, rr)
                        case = {"x": x.numpy(), "y": y.numpy(),
                                "cfg": np.array([engine_id, rr, relu, per_channel], np.int32)}
                        case.update(weight_arrays("w", wq))
                        if bias is not None:
                            case["bias"] = bias.numpy()
                        cases.append(case)
    return cases


def recurrent_cases():
    cases = []
    torch.manual_seed(3)
    configs = [  # lstm, layers, bidirectional, batch_first, states, per_channel, unbatched
        (True, 1, False, False, True, False, False),
        (True, 2, True, False, False, False, False),
        (True, 1, False, True, True, True, False),
        (True, 2, False, False, True, False, True),
        (False, 1, False, False, True, False, False),
        (False, 2, True, True, True, True, False),
        (False, 1, True, False, False, False, True),
    ]
    for engine_id, engine in enumerate(ENGINES):
        torch.backends.quantized.engine = engine
        for lstm, layers, bidir, batch_first, states, per_channel, unbatched in configs:
            I, H, T, N = 5, 6, 7, 1 if unbatched else 3
            D = 2 if bidir else 1
            f = (torch.nn.LSTM if lstm else torch.nn.GRU)(
                I, H, num_layers=layers, bidirectional=bidir, batch_first=batch_first)
            f.qconfig = qc.per_channel_dynamic_qconfig if per_channel else qc.default_dynamic_qconfig
            m = (nnqd.LSTM if lstm else nnqd.GRU).from_float(f)
            x = torch.randn(N, T, I) if batch_first else torch.randn(T, N, I)
            h0, c0 = torch.randn(layers * D, N, H), torch.randn(layers * D, N, H)
            with torch.no_grad():
                hx = ((h0, c0) if lstm else h0) if states else None
                y, finals = m(x, hx)
            finals = list(finals) if lstm else [finals]
            # nn.quantized.dynamic takes no unbatched input: batch 1, squeezed.
            squeeze = (lambda t, d: t.squeeze(d)) if unbatched else (lambda t, d: t)
            case = {"x": squeeze(x, 1).numpy(), "y": squeeze(y, 1).numpy(),
                    "hn": squeeze(finals[0], 1).numpy(),
                    "cfg": np.array([lstm, engine_id, layers, bidir, batch_first, states,
                                     per_channel, H, unbatched], np.int32)}
            if lstm:
                case["cn"] = squeeze(finals[1], 1).numpy()
            if states:
                case["h0"] = squeeze(h0, 1).numpy()
                if lstm:
                    case["c0"] = squeeze(c0, 1).numpy()
            wb = m._weight_bias()
            for layer in range(layers):
                for d in range(D):
                    suffix = "_l%d%s" % (layer, "_reverse" if d else "")
                    prefix = "l%dd%d_" % (layer, d)
                    for kind in ("ih", "hh"):
                        case.update(weight_arrays(prefix + "w_" + kind,
                                                  wb["weight"]["weight_" + kind + suffix]))
                        case[prefix + "b_" + kind] = wb["bias"]["bias_" + kind + suffix].detach().numpy()
            cases.append(case)
    return cases


def unpacked_ints(q, bit_width):
    ir = q.int_repr().numpy()
    if bit_width == 8:
        return ir
    # quint4x2: two values per byte over the flattened tensor, low nibble first.
    return np.stack([ir & 0xF, ir >> 4], -1).reshape(-1)[:q.numel()].reshape(q.shape)


def float_qparams_cases():
    cases = []
    torch.manual_seed(4)
    for bit_width, dtype in ((8, torch.quint8), (4, torch.quint4x2)):
        for t in range(6):
            n, d = 5 + t, 6 + 2 * t + t % 2
            w = torch.randn(n, d) * (1 + t)
            if t == 2:
                w[1] = 1.5  # constant row: scale 1.0
                w[3] = 0.0
            if t == 4:
                w = w.abs() + 2  # all positive rows
            obs = PerChannelMinMaxObserver(dtype=dtype, ch_axis=0,
                                           qscheme=torch.per_channel_affine_float_qparams)
            obs(w)
            scales, zps = obs.calculate_qparams()
            q = torch.quantize_per_channel(w, scales, zps, 0, dtype)
            cases.append({"q": unpacked_ints(q, bit_width).astype(np.uint8),
                          "scales": q.q_per_channel_scales().float().numpy(),
                          "zero_points": q.q_per_channel_zero_points().float().numpy(),
                          "y": q.dequantize().numpy(),
                          "cfg": np.array([bit_width], np.int32)})
    return cases


@contextlib.contextmanager
def quiet_stderr():
    """Drops what C++ writes to stderr: qnnpack logs its reduce_range
    warning on every call."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def save(name, cases):
    arrays = {"c%d_%s" % (i, k): v for i, c in enumerate(cases) for k, v in c.items()}
    np.savez_compressed(OUT / name, **arrays)
    print("%s: %d cases" % (name, len(cases)))


def measure_embedding_bag():
    """PyTorch's weight-only quantized modules against dequantize -> float op."""
    torch.manual_seed(5)
    for name, qconfig in (("8-bit", qc.float_qparams_weight_only_qconfig),
                          ("4-bit", qc.float_qparams_weight_only_qconfig_4bit)):
        for mode in ("sum", "mean", "max"):
            worst = worst_rel = 0.0
            exact = total = 0
            for t in range(40):
                n, d = 30, 8 * (1 + t % 4)
                m = torch.nn.EmbeddingBag(n, d, mode=mode)
                with torch.no_grad():
                    m.weight.mul_(1 + t % 7)
                m.qconfig = qconfig
                qm = nnq.EmbeddingBag.from_float(m)
                idx = torch.randint(0, n, (50,))
                off = torch.tensor([0, 3, 3, 10, 30])
                psw = torch.rand(50) if mode == "sum" and t % 2 else None
                got = qm(idx, off, per_sample_weights=psw)
                want = F.embedding_bag(idx, qm.weight().dequantize(), off, mode=mode,
                                       per_sample_weights=psw)
                diff = (got - want).abs()
                worst = max(worst, float(diff.max()))
                worst_rel = max(worst_rel, float((diff / want.abs().clamp(min=1e-3)).max()))
                exact += int((diff == 0).sum())
                total += diff.numel()
            print("EmbeddingBag %s mode=%s: max abs %.3g, max rel %.3g, exact %d/%d"
                  % (name, mode, worst, worst_rel, exact, total))
        m = torch.nn.Embedding(30, 16)
        m.qconfig = qconfig
        qm = nnq.Embedding.from_float(m)
        idx = torch.randint(0, 30, (4, 5))
        got = qm(idx)
        want = F.embedding(idx, qm.weight().dequantize())
        if got.shape != want.shape:
            print("Embedding %s: PyTorch returns shape %s (expected %s)"
                  % (name, tuple(got.shape), tuple(want.shape)))
        else:
            print("Embedding %s: max abs %.3g" % (name, float((got - want).abs().max())))


def main():
    if "--measure-embedding-bag" in sys.argv:
        measure_embedding_bag()
        return
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    with quiet_stderr():
        linear, recurrent = linear_cases(rng), recurrent_cases()
    save("fake_quant_dynamic.npz", fake_quant_cases(rng))
    save("linear.npz", linear)
    save("recurrent.npz", recurrent)
    save("float_qparams.npz", float_qparams_cases())


if __name__ == "__main__":
    main()
