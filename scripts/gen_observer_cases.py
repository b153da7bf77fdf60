#!/usr/bin/python3
"""Writes test/unit/data/observer_cases.json: observer inputs and the qparams,
min/max and histograms PyTorch 1.13 computes from them, the oracle of
test/unit/ObserverTest.cpp.

Run with Debian's Python (it has torch): /usr/bin/python3 scripts/gen_observer_cases.py
Fixed seeds: the output is the same on every run. Floats are stored exactly:
float32 as 8 hex digits of their bits, doubles as 16, input tensors as base64
of little-endian float32, so the C++ test compares bit for bit.

PyTorch is pinned to its AVX2 kernels on one thread, the configuration Quill
reproduces (runtime/lib/observers/TorchArith.h).

The `histogram` kind (the corrected algorithm) has no PyTorch 1.13 class; its
oracle is 1.13's HistogramObserver run the way later PyTorch runs it: the
histc range is the float min/max rather than int(min)/int(max), and ±inf
samples are dropped before observing.
"""
import os

os.environ["ATEN_CPU_CAPABILITY"] = "avx2"

import base64  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import pathlib  # noqa: E402
import struct  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.ao.quantization.observer as obs  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "test/unit/data/observer_cases.json"

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # reduce_range deprecation, uninitialized observers

DTYPES = {"quint8": torch.quint8, "qint8": torch.qint8, "qint32": torch.qint32,
          "quint4x2": torch.quint4x2, "float16": torch.float16, "float32": torch.float32}
SCHEMES = {"per_tensor_affine": torch.per_tensor_affine,
           "per_tensor_symmetric": torch.per_tensor_symmetric,
           "per_channel_affine": torch.per_channel_affine,
           "per_channel_symmetric": torch.per_channel_symmetric,
           "per_channel_affine_float_qparams": torch.per_channel_affine_float_qparams}
PER_CHANNEL = ("per_channel_min_max", "moving_average_per_channel_min_max")
HISTOGRAM = ("histogram", "histogram_torch113")
STATISTICS = ("min_max", "moving_average_min_max") + PER_CHANNEL + HISTOGRAM
INF = float("inf")


def f32_hex(v):
    return "%08x" % struct.unpack("<I", struct.pack("<f", v))[0]


def f64_hex(v):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]


def hist_hash(t):
    """FNV-1a 64 over the little-endian bytes of the float32 histogram."""
    h = 0xcbf29ce484222325
    for b in t.detach().numpy().astype("<f4").tobytes():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


# ---------------------------------------------------------------- inputs
INPUTS = {}


def add_input(name, batches):
    INPUTS[name] = [np.asarray(b, dtype=np.float32) for b in batches]


def build_inputs():
    rng = np.random.default_rng(20240531)
    normal = lambda shape, s=1.0, m=0.0: rng.standard_normal(shape) * s + m  # noqa: E731
    add_input("normal", [normal((4, 16), s, m) for s, m in
                         [(1.0, 0.1), (2.5, -0.3), (0.7, 0.5), (1.8, 0.0)]])
    add_input("uniform_pos", [rng.uniform(0, 6 * k, (64,)) for k in (1.0, 1.5, 0.8)])
    add_input("wide", [normal((64,), 1e4), normal((64,), 3e3, 500.0)])
    add_input("neg_only", [rng.uniform(-5, -0.5, (48,)) for _ in range(3)])
    add_input("widening", [normal((200,), 0.5 * 1.6 ** k, (-1) ** k * 0.3 * k)
                           for k in range(6)])
    add_input("narrowing", [normal((200,), s) for s in (3.0, 1.0, 0.5)])
    add_input("hist_many", [normal((128,), math.exp(rng.uniform(-2, 2)), rng.uniform(-3, 3))
                            for _ in range(12)])
    add_input("all_zero", [np.zeros((3, 4)), np.zeros((5,))])
    add_input("const_pos", [np.full((12,), 3.0), np.full((4,), 3.0)])
    add_input("const_neg", [np.full((8,), -2.5)])
    add_input("const_then_normal", [np.full((16,), 1.0), normal((64,)), normal((64,), 2.0)])
    add_input("single", [np.array([0.7])])
    add_input("single_neg", [np.array([-1.3])])
    add_input("huge", [normal((64,), 1e30), normal((64,), 3e29)])
    add_input("tiny", [normal((64,), 1e-30), normal((64,), 2e-30)])
    add_input("small", [normal((64,), 1e-4), normal((64,), 3e-5)])
    b = normal((30,))
    b[3], b[17] = INF, -INF
    add_input("inf", [b, normal((30,))])
    b = normal((30,))
    b[5] = INF
    add_input("pos_inf", [normal((30,)), b])
    b = normal((20,))
    b[7] = np.nan
    add_input("nan", [normal((20,)), b])
    add_input("empty_only", [np.zeros((0, 3))])
    add_input("empty_then_normal", [np.zeros((0, 3)), normal((40,))])
    add_input("int_trunc", [rng.uniform(-0.5, 2.7, (100,)), rng.uniform(-1.7, 3.9, (100,))])
    add_input("big_const", [np.full((10,), 1e10)])
    # min/scale exactly halfway between integers: round half to even.
    add_input("ties", [np.array([-2.5, 252.5, 0.0, 1.0])])
    add_input("ties2", [np.array([-3.5, 251.5])])
    # Per-channel: scale depends on the index along every axis, so each
    # ch_axis sees different channels.
    def graded(shape):
        x = normal(shape)
        for axis, n in enumerate(shape):
            g = np.linspace(0.5, 2.0, n).reshape([-1 if a == axis else 1 for a in range(len(shape))])
            x = x * g
        return x + 0.2
    add_input("pc3d", [graded((3, 4, 5)) for _ in range(3)])
    add_input("pc_moving", [graded((4, 8)) * (1 + 0.5 * k) for k in range(5)])
    add_input("pc_emb", [normal((10, 8), 0.8)])
    b = normal((4, 6))
    b[1, :], b[2, :], b[3, :] = 0.0, 3.0, -2.0
    add_input("pc_const_channel", [b])
    b = normal((3, 4))
    b[0, 1], b[1, 2] = INF, -INF
    add_input("pc_inf", [b])
    b = normal((3, 4))
    b[2, 0] = np.nan
    add_input("pc_nan", [normal((3, 4)), b])
    add_input("pc_rank1", [normal((5,))])
    add_input("pc_channel_change", [normal((2, 3)), normal((3, 3))])
    add_input("pc_empty", [np.zeros((0, 4))])
    # First batches whose max torch.histc drops with 255 bins: the vector
    # kernel of torch.linspace ends a little below it.
    while True:
        b = rng.uniform(-3, 4, (50,)).astype(np.float32)
        if torch.linspace(float(b.min()), float(b.max()), 256)[-1].item() < b.max():
            break
    add_input("edge_drop", [b, rng.uniform(-3, 4, (50,))])


def encode_input(batches):
    return [{"shape": list(b.shape),
             "data": base64.b64encode(b.astype("<f4").tobytes()).decode("ascii")}
            for b in batches]


# ---------------------------------------------------------------- observers
@contextlib.contextmanager
def exact_histc_range():
    """Later PyTorch passes histc the float range; 1.13 wraps it in int().
    Shadowing `int` inside observer.py for float tensors is that change."""
    def int_(v):
        if isinstance(v, torch.Tensor) and v.is_floating_point():
            return v.item()
        return int(v)
    obs.int = int_
    try:
        yield
    finally:
        del obs.int


def make_torch_observer(c):
    kind = c["kind"]
    dtype = DTYPES[c["dtype"]]
    uniform = dict(dtype=dtype, qscheme=SCHEMES[c["qscheme"]],
                   reduce_range=c["reduce_range"], quant_min=c.get("quant_min"),
                   quant_max=c.get("quant_max"), eps=c["eps"])
    if kind == "min_max":
        return obs.MinMaxObserver(**uniform)
    if kind == "moving_average_min_max":
        return obs.MovingAverageMinMaxObserver(averaging_constant=c["averaging_constant"], **uniform)
    if kind == "per_channel_min_max":
        return obs.PerChannelMinMaxObserver(ch_axis=c["ch_axis"], **uniform)
    if kind == "moving_average_per_channel_min_max":
        return obs.MovingAveragePerChannelMinMaxObserver(
            averaging_constant=c["averaging_constant"], ch_axis=c["ch_axis"], **uniform)
    if kind in HISTOGRAM:
        return obs.HistogramObserver(bins=c["bins"], **uniform)
    if kind == "fixed_qparams":
        return obs.FixedQParamsObserver(c["scale"], c["zero_point"], dtype=dtype,
                                        qscheme=SCHEMES[c["qscheme"]])
    if kind == "placeholder":
        return obs.PlaceholderObserver(dtype=dtype)
    if kind == "noop":
        return obs.NoopObserver(dtype=dtype)
    if kind == "recording":
        return obs.RecordingObserver(dtype=dtype)
    if kind == "reuse_input":
        return obs.ReuseInputObserver()
    raise ValueError(kind)


def full_config(c):
    """The case's config with every field, defaults as #quill.observer."""
    d = {"qscheme": "per_channel_affine" if c["kind"] in PER_CHANNEL else "per_tensor_affine",
         "reduce_range": False, "eps": float(torch.finfo(torch.float32).eps),
         "ch_axis": 0, "averaging_constant": 0.01, "bins": 2048}
    d.update(c)
    return d


def torch_error(e):
    return "%s: %s" % (type(e).__name__, str(e).splitlines()[0][:100] if str(e) else "")


def run_case(c, input_name):
    """Runs PyTorch; returns the expectation for Quill."""
    cfg = full_config(c)
    batches = INPUTS[input_name]
    has_nan = any(np.isnan(b).any() for b in batches)
    try:
        o = make_torch_observer(cfg)
    except Exception as e:  # noqa: BLE001 - any constructor failure
        return {"error": "config", "torch": torch_error(e)}
    phase = None
    try:
        for b in batches:
            x = torch.from_numpy(b.copy())
            if cfg["kind"] == "histogram":
                x = x[x.abs() != INF] if x.numel() else x
                if x.numel() == 0 and b.size:
                    continue
                with exact_histc_range():
                    o(x)
            else:
                o(x)
    except Exception as e:  # noqa: BLE001
        phase, err = "observe", e
    if phase is None:
        try:
            scale, zp = o.calculate_qparams()
        except Exception as e:  # noqa: BLE001
            phase, err = "calculate", e
    if has_nan and cfg["kind"] in STATISTICS:
        # Quill refuses NaN when it is observed; PyTorch fails later
        # (histc's int(nan), or the min <= max assertion).
        assert phase is not None, (c, input_name)
        return {"error": "observe", "nan": True, "torch": torch_error(err)}
    if phase is not None:
        return {"error": phase, "torch": torch_error(err)}
    scale = scale.reshape(-1)
    zp = zp.reshape(-1)
    expect = {"scale": [f32_hex(float(v)) for v in scale]}
    if zp.is_floating_point():
        expect["float_zero_point"] = [f32_hex(float(v)) for v in zp]
    else:
        expect["zero_point"] = [int(v) for v in zp]
    if cfg["kind"] in STATISTICS:
        expect["min_val"] = [f32_hex(float(v)) for v in o.min_val.reshape(-1)]
        expect["max_val"] = [f32_hex(float(v)) for v in o.max_val.reshape(-1)]
    if cfg["kind"] in HISTOGRAM:
        expect["histogram"] = hist_hash(o.histogram)
    return expect


def case(cases, input_name, **config):
    cases.append({"config": config, "input": input_name,
                  "expect": run_case(config, input_name)})


def observer_cases():
    cases = []
    per_tensor_kinds = ("min_max", "moving_average_min_max") + HISTOGRAM
    dtypes = ("quint8", "qint8", "qint32", "quint4x2")
    # Every per-tensor kind x dtype x qscheme x reduce_range.
    for kind in per_tensor_kinds:
        inputs = ("widening", "uniform_pos", "wide") if kind in HISTOGRAM else (
            "normal", "uniform_pos", "wide")
        for dtype in dtypes:
            for scheme in ("per_tensor_affine", "per_tensor_symmetric"):
                for rr in (False, True):
                    for inp in inputs:
                        case(cases, inp, kind=kind, dtype=dtype, qscheme=scheme, reduce_range=rr)
    # Adversarial inputs.
    adversarial = ("all_zero", "const_pos", "const_neg", "const_then_normal", "single",
                   "single_neg", "huge", "tiny", "small", "inf", "pos_inf", "nan",
                   "empty_only", "empty_then_normal", "int_trunc", "big_const", "ties", "ties2",
                   "narrowing", "neg_only", "hist_many")
    for kind in per_tensor_kinds:
        for inp in adversarial:
            case(cases, inp, kind=kind, dtype="quint8")
            case(cases, inp, kind=kind, dtype="qint8", qscheme="per_tensor_symmetric")
    for kind in ("min_max", "moving_average_min_max"):
        for inp in ("huge", "inf", "pos_inf"):
            case(cases, inp, kind=kind, dtype="qint32")
            case(cases, inp, kind=kind, dtype="qint8")
    # Custom quantization ranges, halved again by reduce_range.
    ranges = (("quint8", 0, 127), ("qint8", -127, 127), ("quint8", 0, 15), ("qint8", -64, 63),
              ("qint8", -8, 7), ("qint32", -1000, 1000), ("quint4x2", 0, 7), ("quint8", 0, 255))
    for kind in per_tensor_kinds:
        for dtype, lo, hi in ranges:
            for scheme in ("per_tensor_affine", "per_tensor_symmetric"):
                for rr in (False, True):
                    case(cases, "normal", kind=kind, dtype=dtype, qscheme=scheme,
                         reduce_range=rr, quant_min=lo, quant_max=hi)
    for dtype, lo, hi in (("qint32", -2 ** 31, 2 ** 31 - 1), ("quint8", 1, 255),
                          ("qint8", -200, 100)):
        case(cases, "normal", kind="min_max", dtype=dtype, quant_min=lo, quant_max=hi)
    # eps: the scale's lower bound.
    for kind in ("min_max", "histogram", "histogram_torch113"):
        for eps in (2.0 ** -12, 1e-3):
            case(cases, "small", kind=kind, dtype="qint8", qscheme="per_tensor_symmetric",
                 eps=eps, quant_min=-127, quant_max=127)
            case(cases, "small", kind=kind, dtype="quint8", eps=eps)
    # Moving averages with other constants.
    for c in (0.3, 1.0):
        case(cases, "normal", kind="moving_average_min_max", dtype="quint8", averaging_constant=c)
        case(cases, "pc_moving", kind="moving_average_per_channel_min_max", dtype="qint8",
             qscheme="per_channel_symmetric", averaging_constant=c)
    # Histogram sizes (bins + 1 a multiple of 16 moves histc's last edge).
    for kind in HISTOGRAM:
        case(cases, "edge_drop", kind=kind, dtype="quint8", bins=255)
        for bins in (1, 15, 16, 100, 255, 4095):
            case(cases, "widening", kind=kind, dtype="quint8", bins=bins)
            case(cases, "hist_many", kind=kind, dtype="qint8",
                 qscheme="per_tensor_symmetric", bins=bins)
    # Per-channel kinds x dtype x qscheme x reduce_range.
    pc_schemes = ("per_channel_affine", "per_channel_symmetric", "per_channel_affine_float_qparams")
    for kind in PER_CHANNEL:
        for dtype in dtypes:
            for scheme in pc_schemes:
                for rr in (False, True):
                    case(cases, "pc3d", kind=kind, dtype=dtype, qscheme=scheme, reduce_range=rr)
        for axis in (1, 2, -1, -2, -3, 3, -4):
            case(cases, "pc3d", kind=kind, dtype="qint8", qscheme="per_channel_symmetric",
                 ch_axis=axis)
            case(cases, "pc3d", kind=kind, dtype="quint8", ch_axis=axis)
        for inp in ("pc_const_channel", "pc_inf", "pc_nan", "pc_rank1", "pc_channel_change",
                    "pc_empty", "pc_moving", "all_zero"):
            for dtype, scheme in (("qint8", "per_channel_symmetric"), ("quint8", "per_channel_affine"),
                                  ("quint8", "per_channel_affine_float_qparams")):
                case(cases, inp, kind=kind, dtype=dtype, qscheme=scheme)
        for dtype in ("quint8", "quint4x2"):
            case(cases, "pc_emb", kind=kind, dtype=dtype,
                 qscheme="per_channel_affine_float_qparams")
        for lo, hi in ((-127, 127), (0, 15)):
            for rr in (False, True):
                dtype = "qint8" if lo < 0 else "quint8"
                case(cases, "pc3d", kind=kind, dtype=dtype, qscheme="per_channel_symmetric",
                     quant_min=lo, quant_max=hi, reduce_range=rr)
    # Observers without statistics.
    for kind, dtype in (("placeholder", "quint8"), ("placeholder", "float16"),
                        ("placeholder", "float32"), ("noop", "float16"),
                        ("recording", "quint8"), ("reuse_input", "quint8")):
        for inp in ("normal", "nan"):
            case(cases, inp, kind=kind, dtype=dtype)
    for dtype, scale, zp in (("quint8", 1 / 256, 0), ("quint8", 2 / 256, 128),
                             ("qint8", 1 / 256, -128), ("qint8", 2 / 256, 0),
                             ("quint8", 1 / 3, 3)):
        case(cases, "normal", kind="fixed_qparams", dtype=dtype, scale=scale, zero_point=zp)
    return cases


# ---------------------------------------------------- double-precision routine
def choose_cases():
    """torch._choose_qparams_per_tensor on single batches."""
    out = []
    for name in ("normal", "uniform_pos", "neg_only", "all_zero", "const_pos", "const_neg",
                 "single", "single_neg", "huge", "tiny", "small", "ties", "ties2"):
        for i, b in enumerate(INPUTS[name]):
            for rr in (False, True):
                s, z = torch._choose_qparams_per_tensor(torch.from_numpy(b.copy()), rr)
                out.append({"input": name, "batch": i, "reduce_range": rr,
                            "scale": f64_hex(s), "zero_point": z})
    return out


def fused_cases():
    """torch.fused_moving_avg_obs_fake_quant over all batches of an input: the
    running min/max it ends with and the float scale / zero point it stores."""
    out = []
    for name, per_channel in (("normal", False), ("widening", False), ("small", False),
                              ("tiny", False), ("all_zero", False), ("neg_only", False),
                              ("uniform_pos", False), ("pc3d", True), ("pc_moving", True),
                              ("pc_const_channel", True)):
        for qmin, qmax in ((0, 255), (-128, 127), (0, 127), (-127, 127)):
            for symmetric in (False, True):
                if per_channel:
                    rmin, rmax = torch.tensor([]), torch.tensor([])
                    scale, zp = torch.tensor([]), torch.tensor([], dtype=torch.int32)
                else:
                    rmin, rmax = torch.tensor(INF), torch.tensor(-INF)
                    scale, zp = torch.tensor([1.0]), torch.tensor([0], dtype=torch.int32)
                for b in INPUTS[name]:
                    torch.fused_moving_avg_obs_fake_quant(
                        torch.from_numpy(b.copy()), torch.tensor([1]), torch.tensor([1]),
                        rmin, rmax, scale, zp, 0.01, qmin, qmax, 0, per_channel, symmetric)
                out.append({"input": name, "quant_min": qmin, "quant_max": qmax,
                            "symmetric": symmetric,
                            "running_min": [f32_hex(float(v)) for v in rmin.reshape(-1)],
                            "running_max": [f32_hex(float(v)) for v in rmax.reshape(-1)],
                            "scale": [f32_hex(float(v)) for v in scale],
                            "zero_point": [int(v) for v in zp]})
    return out


def f32(v):
    return float(np.float32(v))


def primitive_cases():
    """The ATen kernels whose rounding Quill reproduces (TorchArith.h), each
    against PyTorch directly."""
    rng = np.random.default_rng(7)
    sums = []
    for n in (1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 255, 256, 2049):
        x = (rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 4, n)).astype(np.float32)
        sums.append({"data": base64.b64encode(x.astype("<f4").tobytes()).decode("ascii"),
                     "sum": f32_hex(torch.from_numpy(x).sum().item())})
    a = (rng.standard_normal(400) * 10.0 ** rng.uniform(-3, 3, 400)).astype(np.float32)
    b = (rng.uniform(0.01, 3, 400) * 10.0 ** rng.uniform(-3, 1, 400)).astype(np.float32)
    b[::7] *= -1
    a[::11] = b[::11] * np.float32(rng.integers(-5, 5))  # exact multiples
    a[::13] = 0.0
    q = torch.div(torch.from_numpy(a), torch.from_numpy(b), rounding_mode="floor")
    floor_div = [[f32_hex(x), f32_hex(y), f32_hex(z)] for x, y, z in zip(a, b, q.tolist())]
    linspace = []
    for steps in (2, 15, 16, 17, 32, 48, 256, 257, 2049, 4096):
        for _ in range(6):
            lo = f32(rng.uniform(-5, 0) * 10.0 ** rng.uniform(-3, 3))
            hi = f32(lo + rng.uniform(1e-3, 10) * 10.0 ** rng.uniform(-3, 3))
            last = torch.linspace(lo, hi, steps)[-1].item()
            linspace.append([f32_hex(lo), f32_hex(hi), steps, f32_hex(last)])
    histc = []
    for bins in (1, 3, 15, 16, 100, 255, 2048, 4095):
        for _ in range(3):
            lo = f32(rng.uniform(-5, 0) * 10.0 ** rng.uniform(-2, 2))
            hi = f32(lo + rng.uniform(1e-3, 10) * 10.0 ** rng.uniform(-2, 2))
            edges = torch.linspace(lo, hi, bins + 1).numpy()
            # Points on, just above and just below some edges, the outer two
            # always.
            pick = rng.choice(bins + 1, min(bins + 1, 24), replace=False)
            edges = np.concatenate([edges[pick], edges[[0, -1]]])
            x = np.concatenate([edges, np.nextafter(edges, np.float32(np.inf)),
                                np.nextafter(edges, np.float32(-np.inf)),
                                rng.uniform(lo, hi, 50), [lo, hi]]).astype(np.float32)
            h = torch.histc(torch.from_numpy(x), bins=bins, min=lo, max=hi)
            histc.append({"data": base64.b64encode(x.astype("<f4").tobytes()).decode("ascii"),
                          "bins": bins, "min": f64_hex(lo), "max": f64_hex(hi),
                          "histogram": hist_hash(h)})
    return {"sum": sums, "floor_divide": floor_div, "linspace_last": linspace,
            "histc": histc}


def config_json(c):
    out = dict(c)
    for key in ("eps", "averaging_constant", "scale"):
        if key in out:
            out[key] = f64_hex(out[key])
    return out


def main():
    build_inputs()
    cases = observer_cases()
    doc = {
        "torch": torch.__version__,
        "inputs": {k: encode_input(v) for k, v in INPUTS.items()},
        "cases": [dict(c, config=config_json(c["config"])) for c in cases],
        "choose_qparams": choose_cases(),
        "fused_fake_quant": fused_cases(),
        "primitives": primitive_cases(),
    }
    # One case per line: small diffs when the generator changes.
    lines = ["{"]
    keys = list(doc)
    for i, k in enumerate(keys):
        v = doc[k]
        sep = "," if i + 1 < len(keys) else ""
        if isinstance(v, list):
            lines.append(json.dumps(k) + ": [")
            lines += [json.dumps(e, separators=(",", ":")) + ("," if j + 1 < len(v) else "")
                      for j, e in enumerate(v)]
            lines.append("]" + sep)
        elif isinstance(v, dict):
            lines.append(json.dumps(k) + ": {")
            items = list(v.items())
            lines += [json.dumps(n) + ":" + json.dumps(e, separators=(",", ":")) +
                      ("," if j + 1 < len(items) else "") for j, (n, e) in enumerate(items)]
            lines.append("}" + sep)
        else:
            lines.append(json.dumps(k) + ": " + json.dumps(v) + sep)
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n")
    print("wrote %s: %d cases, %d choose_qparams, %d fused, %d bytes" % (
        OUT, len(cases), len(doc["choose_qparams"]), len(doc["fused_fake_quant"]),
        OUT.stat().st_size))


if __name__ == "__main__":
    main()
