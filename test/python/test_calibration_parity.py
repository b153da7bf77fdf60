"""Calibration through quant-run against torch.ao.quantization 1.13.

Every observer configuration PyTorch accepts - each kind x dtype x qscheme,
with reduce_range, custom quant ranges, eps, averaging constants, channel
axes and histogram sizes - becomes a quill.observe op on the input of an
observed graph (the ops are identities, so a chain of them all see the
input). `quant-run --calibrate` feeds each scenario's batches through the
graph; the same batches go through the PyTorch observer, and the scale,
zero point, min/max and histogram written into the IR must equal PyTorch's
to the last bit (quant-run writes the float32 scale as an exact f64).

`histogram_torch113` is compared with 1.13's HistogramObserver as it is;
`histogram` (the corrected algorithm, docs/observers.md) with 1.13's
HistogramObserver given the float histc range instead of the int-truncated
one. Configurations PyTorch's constructors reject must be rejected by the
#quill.observer verifier too.

PyTorch runs in a subprocess pinned to its AVX2 kernels on one thread (the
arithmetic Quill reproduces, see runtime/lib/observers/TorchArith.h): this
file is also that subprocess's program (`--oracle`).
"""

import collections
import itertools
import json
import os
import pathlib
import re
import struct
import subprocess
import sys
import tempfile

import numpy as np
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from quill_harness import BUILD, QUANT_RUN  # noqa: E402

QUANT_OPT = BUILD / "bin" / "quant-opt"

PER_TENSOR_KINDS = ("min_max", "moving_average_min_max", "histogram", "histogram_torch113")
PER_CHANNEL_KINDS = ("per_channel_min_max", "moving_average_per_channel_min_max")
HISTOGRAM_KINDS = ("histogram", "histogram_torch113")
STATISTICS_KINDS = PER_TENSOR_KINDS + PER_CHANNEL_KINDS
PASS_THROUGH_KINDS = ("placeholder", "noop", "recording", "reuse_input")
DTYPES = ("quint8", "qint8", "qint32", "quint4x2")
EPS = 1.1920928955078125e-07


# ------------------------------------------------------------------ inputs

def scenarios():
    """name -> list of float32 batches of one shape: random and adversarial."""
    rng = np.random.default_rng(4)

    def batches(shape, *gens):
        return [np.asarray(g(shape), dtype=np.float32) for g in gens]

    mixed = batches(
        (4, 3, 5),
        lambda s: rng.standard_normal(s),
        lambda s: rng.standard_normal(s) * 3 + 2,
        lambda s: rng.uniform(0.1, 5.0, s),             # positive only
        lambda s: -rng.uniform(0.5, 2.0, s),            # negative only
        lambda s: np.zeros(s),
        lambda s: np.full(s, 3.0),
        lambda s: rng.standard_normal(s) * 1e-40,       # denormals
        lambda s: rng.standard_normal(s) * 40.0,
        lambda s: np.where(rng.uniform(size=s) < 0.5, 0.0, rng.standard_normal(s)),
    )
    return {
        "mixed": mixed,
        # One channel per row of a small matrix; per-channel on a 1-d input.
        "small": batches((2, 3), lambda s: rng.standard_normal(s),
                         lambda s: rng.uniform(-7, 0.5, s), lambda s: rng.standard_normal(s) * 0.01),
        "zeros": batches((2, 3), np.zeros, np.zeros),
        "constant": batches((2, 3), lambda s: np.full(s, 3.0)),
        "negative_constant": batches((2, 3), lambda s: np.full(s, -0.75)),
        "single": [np.array([0.5], np.float32), np.array([-2.0], np.float32),
                   np.array([7.25], np.float32)],
        "huge": batches((2, 3), lambda s: rng.uniform(-1e38, 1e38, s),
                        lambda s: rng.standard_normal(s)),
        "large_first": batches((2, 3), lambda s: rng.standard_normal(s) * 1e6,
                               lambda s: rng.standard_normal(s) * 1e-3),
        "growing": [np.asarray(rng.standard_normal((6,)) * 2.0 ** k, np.float32) for k in range(8)],
        # Zero points exactly half-way: min/scale = -1.5 and -0.5 (quint8).
        "tie_odd": [np.array([-1.5, 253.5], np.float32)],
        "tie_even": [np.array([-0.5, 254.5], np.float32)],
        "empty": [np.zeros((0, 3), np.float32), np.zeros((0, 3), np.float32)],
    }


# ---------------------------------------------------------- configurations

def uniform_configs(kind, channel_axes):
    """A min/max or histogram kind: every dtype x qscheme x reduce_range with
    the other arguments at their defaults, then each other argument varied
    over those combinations (custom ranges, eps, averaging constant, bins,
    channel axis)."""
    per_channel = kind in PER_CHANNEL_KINDS
    qschemes = (("per_channel_affine", "per_channel_symmetric", "per_channel_affine_float_qparams")
                if per_channel else ("per_tensor_affine", "per_tensor_symmetric"))
    axis = {"ch_axis": channel_axes[0]} if per_channel else {}
    moving = kind.startswith("moving_average")

    def config(dtype, qscheme, reduce_range, **extra):
        return dict(dict(kind=kind, dtype=dtype, qscheme=qscheme, reduce_range=reduce_range,
                         eps=EPS, **axis), **extra)

    for dtype, qscheme, reduce_range in itertools.product(DTYPES, qschemes, (False, True)):
        yield config(dtype, qscheme, reduce_range)
    # Histogram variants use 64 bins: PyTorch's 2048-bin histogram is slow.
    few_bins = {"bins": 64} if kind in HISTOGRAM_KINDS else {}
    for qscheme, reduce_range in itertools.product(qschemes, (False, True)):
        for dtype, lo, hi in (("quint8", 0, 127), ("quint8", 0, 15),
                              ("qint8", -127, 127), ("qint8", -64, 63)):
            yield config(dtype, qscheme, reduce_range, quant_min=lo, quant_max=hi, **few_bins)
    for dtype, qscheme in itertools.product(("quint8", "qint8"), qschemes):
        yield config(dtype, qscheme, False, eps=2.0 ** -12, **few_bins)
        if moving:
            yield config(dtype, qscheme, False, averaging_constant=0.5)
        if kind in HISTOGRAM_KINDS and (dtype, qscheme) == ("quint8", "per_tensor_affine"):
            yield config(dtype, qscheme, True, bins=3)  # slow in PyTorch: once
    for a in channel_axes[1:]:
        for dtype, qscheme in (("quint8", "per_channel_affine"), ("qint8", "per_channel_symmetric"),
                               ("quint8", "per_channel_affine_float_qparams")):
            yield config(dtype, qscheme, False, ch_axis=a)


def fixed_configs():
    for dtype, scale, zp in (("quint8", 1 / 256, 0), ("quint8", 2 / 256, 128),
                             ("qint8", 1 / 256, -128), ("qint8", 2 / 256, 0)):
        yield dict(kind="fixed_qparams", dtype=dtype, scale=scale, zero_point=zp)


# PyTorch's histogram search takes ~1 s on data of a few extreme values:
# there the histogram kinds get only these two configurations.
FEW_HISTOGRAMS = ("tie_odd", "tie_even", "huge")


def configs_for(name, shape):
    """Every configuration that applies to scenario `name` of `shape`."""
    rank = len(shape)
    axes = sorted({a for a in (0, 1, 2, -1) if -rank <= a < rank}) if rank else []
    out = []
    for kind in PER_TENSOR_KINDS:
        configs = list(uniform_configs(kind, []))
        if kind in HISTOGRAM_KINDS and name in FEW_HISTOGRAMS:
            configs = [c for c in configs if len(c) == 5 and not c["reduce_range"] and
                       (c["dtype"], c["qscheme"]) in (("quint8", "per_tensor_affine"),
                                                      ("qint8", "per_tensor_symmetric"))]
        out += configs
    for kind in PER_CHANNEL_KINDS if axes else ():
        configs = list(uniform_configs(kind, axes))
        if rank == 1:  # PyTorch's per-channel observers fail on 1-d input
            configs = [c for c in configs if len(c) == 6 and not c["reduce_range"] and
                       (c["dtype"], c["qscheme"]) in (("quint8", "per_channel_affine"),
                                                      ("qint8", "per_channel_symmetric"))]
        out += configs
    out += fixed_configs()
    for kind in PASS_THROUGH_KINDS:
        out.append(dict(kind=kind, dtype="float16" if kind == "placeholder" else "quint8"))
    return out


def spec_text(c):
    """The #quill.observer of a configuration."""
    fields = [c["kind"], c["dtype"]]
    for key in ("qscheme", "quant_min", "quant_max", "reduce_range", "eps", "ch_axis",
                "averaging_constant", "bins", "scale", "zero_point"):
        if key not in c or (c["kind"] in PASS_THROUGH_KINDS and key != "qscheme"):
            continue
        v = c[key]
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif not isinstance(v, str):
            v = repr(v)
        fields.append(f"{key} = {v}")
    return "#quill.observer<" + ", ".join(fields) + ">"


# ------------------------------------------------------------------ oracle

def oracle_main(request_path, result_path):
    """Runs the PyTorch observers of a request file; writes exact results."""
    os.environ["ATEN_CPU_CAPABILITY"] = "avx2"
    import contextlib
    import warnings

    import torch
    import torch.ao.quantization.observer as obs

    torch.set_num_threads(1)
    warnings.simplefilter("ignore")
    dtypes = {"quint8": torch.quint8, "qint8": torch.qint8, "qint32": torch.qint32,
              "quint4x2": torch.quint4x2, "float16": torch.float16, "float32": torch.float32}
    schemes = {s: getattr(torch, s) for s in (
        "per_tensor_affine", "per_tensor_symmetric", "per_channel_affine",
        "per_channel_symmetric", "per_channel_affine_float_qparams")}

    @contextlib.contextmanager
    def float_histc_range():
        # The corrected histogram: histc gets the float range (1.13 wraps it
        # in int()); shadowing `int` in observer.py for float tensors does it.
        def int_(v):
            if isinstance(v, torch.Tensor) and v.is_floating_point():
                return v.item()
            return int(v)
        obs.int = int_
        try:
            yield
        finally:
            del obs.int

    def make(c):
        dtype = dtypes[c["dtype"]]
        kind = c["kind"]
        if kind == "fixed_qparams":
            return obs.FixedQParamsObserver(c["scale"], c["zero_point"], dtype=dtype)
        if kind == "placeholder":
            return obs.PlaceholderObserver(dtype=dtype)
        if kind == "noop":
            return obs.NoopObserver(dtype=dtype)
        if kind == "recording":
            return obs.RecordingObserver(dtype=dtype)
        if kind == "reuse_input":
            return obs.ReuseInputObserver()
        args = dict(dtype=dtype, qscheme=schemes[c["qscheme"]], reduce_range=c["reduce_range"],
                    quant_min=c.get("quant_min"), quant_max=c.get("quant_max"), eps=c["eps"])
        if "averaging_constant" in c:
            args["averaging_constant"] = c["averaging_constant"]
        if "ch_axis" in c:
            args["ch_axis"] = c["ch_axis"]
        if "bins" in c:
            args["bins"] = c["bins"]
        return {"min_max": obs.MinMaxObserver,
                "moving_average_min_max": obs.MovingAverageMinMaxObserver,
                "per_channel_min_max": obs.PerChannelMinMaxObserver,
                "moving_average_per_channel_min_max": obs.MovingAveragePerChannelMinMaxObserver,
                "histogram": obs.HistogramObserver,
                "histogram_torch113": obs.HistogramObserver}[kind](**args)

    def f32_bits(t):
        return [struct.unpack("<I", struct.pack("<f", float(v)))[0] for v in t.reshape(-1)]

    request = json.loads(pathlib.Path(request_path).read_text())
    data = np.load(request["data"])
    results = {}
    for name, configs in request["scenarios"].items():
        batches = [torch.from_numpy(b.copy()) for b in data[name]]
        out = []
        for c in configs:
            try:
                o = make(c)
            except Exception as e:  # noqa: BLE001 - any constructor refusal
                out.append({"error": "config", "torch": f"{type(e).__name__}: {e}"[:200]})
                continue
            try:
                with float_histc_range() if c["kind"] == "histogram" else contextlib.nullcontext():
                    for b in batches:
                        o(b)
                if c["kind"] in PASS_THROUGH_KINDS:  # no qparams: PyTorch raises
                    out.append({})
                    continue
                scale, zp = o.calculate_qparams()
            except Exception as e:  # noqa: BLE001
                out.append({"error": "run", "torch": f"{type(e).__name__}: {e}"[:200]})
                continue
            r = {"scale": f32_bits(scale)}
            if zp.is_floating_point():
                r["float_zero_point"] = f32_bits(zp)
            else:
                r["zero_point"] = [int(v) for v in zp.reshape(-1)]
            if c["kind"] in STATISTICS_KINDS:
                r["min_val"] = f32_bits(o.min_val)
                r["max_val"] = f32_bits(o.max_val)
            if c["kind"] in HISTOGRAM_KINDS:
                r["histogram"] = f32_bits(o.histogram)
            out.append(r)
        results[name] = out
    pathlib.Path(result_path).write_text(json.dumps(results))


# ---------------------------------------------------------------- IR parse

_OBSERVE = re.compile(r"quill\.observe %\S+ \{(.*)\} : tensor")
_ARRAY = re.compile(r"(\w+) = array<(f32|f64|i64)(?:: ([^>]*))?>")


def _value(token, kind):
    token = token.strip()
    if kind == "i64":
        return int(token)
    if token.startswith("0x"):
        bits = int(token, 16)
        return struct.unpack("<f", struct.pack("<I", bits))[0] if kind == "f32" else \
            struct.unpack("<d", struct.pack("<Q", bits))[0]
    return float(token)


def parse_observers(ir):
    """id -> {attribute: list of values} for every quill.observe in `ir`."""
    out = {}
    for m in _OBSERVE.finditer(ir):
        attrs = m.group(1)
        ident = int(re.search(r"\bid = (\d+) : i64", attrs).group(1))
        arrays = {}
        for name, kind, body in _ARRAY.findall(attrs):
            vals = [_value(t, kind) for t in body.split(",")] if body else []
            if kind == "f32":  # parse as float32 (the printer's semantics)
                vals = [struct.unpack("<I", struct.pack("<f", v))[0] for v in vals]
            arrays[name] = (kind, vals)
        out[ident] = arrays
    return out


def f32_of_f64(v):
    """The float32 bits of a double that must hold a float32 exactly."""
    bits = struct.unpack("<I", struct.pack("<f", v))[0]
    assert struct.unpack("<f", struct.pack("<I", bits))[0] == v or v != v, \
        f"{v!r} is not a float32 value"
    return bits


# ------------------------------------------------------------------ tests

def observed_graph(shape, specs):
    t = "tensor<" + "".join(f"{d}x" for d in shape) + "f32>"
    lines = [f"func.func @observed(%x: {t}) -> {t} {{"]
    prev = "%x"
    for i, spec in enumerate(specs):
        lines.append(f"  %o{i} = quill.observe {prev} {{id = {i} : i64, observer = {spec}}} : {t}")
        prev = f"%o{i}"
    lines += [f"  return {prev} : {t}", "}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def parity():
    """Runs PyTorch and quant-run on every scenario; returns the comparison."""
    data = scenarios()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        np.savez(tmp / "scenarios.npz", **{k: np.stack(v) for k, v in data.items()})
        configs = {name: configs_for(name, batches[0].shape) for name, batches in data.items()}
        (tmp / "request.json").write_text(json.dumps(
            {"data": str(tmp / "scenarios.npz"), "scenarios": configs}))
        subprocess.run([sys.executable, __file__, "--oracle", str(tmp / "request.json"),
                        str(tmp / "oracle.json")], check=True)
        oracle = json.loads((tmp / "oracle.json").read_text())

        runs = {}
        for name, batches in data.items():
            ok = [(c, r) for c, r in zip(configs[name], oracle[name]) if "error" not in r]
            model = tmp / f"{name}.mlir"
            model.write_text(observed_graph(batches[0].shape, [spec_text(c) for c, _ in ok]))
            np.save(tmp / f"{name}.npy", np.stack(batches))
            proc = subprocess.run([str(QUANT_RUN), str(model), "--calibrate", str(tmp / f"{name}.npy"),
                                   "-o", "-"], capture_output=True, text=True)
            runs[name] = dict(ok=ok, configs=configs[name], oracle=oracle[name], proc=proc)
        return runs


def _mismatches(config, expect, got):
    """The differences between PyTorch's results and an observe op's attributes."""
    diffs = []
    kind = config["kind"]
    if kind in PASS_THROUGH_KINDS:
        return [f"unexpected {k}" for k in got]
    if kind in PER_CHANNEL_KINDS and not expect["min_val"]:
        # Never saw data: PyTorch's single default scale does not fit a
        # per-channel op; quant-run writes nothing (and warns).
        return [f"unexpected {k}" for k in got]
    scale = [f32_of_f64(v) for v in got.get("scale", ("f64", []))[1]]
    if scale != expect["scale"]:
        diffs.append(f"scale {scale} != torch {expect['scale']}")
    for key in ("zero_point", "float_zero_point", "min_val", "max_val", "histogram"):
        want = expect.get(key)
        have = got.get(key, (None, None))[1]
        if key == "float_zero_point" and have is not None:
            have = [f32_of_f64(v) for v in have]
        if key in ("min_val", "max_val", "histogram") and kind not in STATISTICS_KINDS:
            want = None
        if want != have:
            diffs.append(f"{key} {have} != torch {want}")
    return diffs


def test_every_accepted_configuration_matches_torch(parity):
    """Scale, zero point, min/max and histogram equal PyTorch's, bit for bit."""
    summary = collections.Counter()
    failures = []
    for name, run in parity.items():
        proc = run["proc"]
        assert proc.returncode == 0, f"scenario {name}: quant-run failed:\n{proc.stderr[-3000:]}"
        got = parse_observers(proc.stdout)
        assert len(got) == len(run["ok"]), name
        for i, (config, expect) in enumerate(run["ok"]):
            diffs = _mismatches(config, expect, got[i])
            summary[config["kind"], not diffs] += 1
            if diffs:
                failures.append(f"{name} {spec_text(config)}: " + "; ".join(diffs))
    kinds = sorted({k for k, _ in summary})
    print("\ncalibration parity (exact / compared) per observer kind:")
    for k in kinds:
        print(f"  {k:36s} {summary[k, True]:5d} / {summary[k, True] + summary[k, False]}")
    assert not failures, f"{len(failures)} mismatches:\n" + "\n".join(failures[:40])
    # Every kind was compared, in every scenario.
    assert set(kinds) == set(STATISTICS_KINDS + PASS_THROUGH_KINDS + ("fixed_qparams",))


def test_torch_refusals_are_quill_refusals(parity):
    """A configuration PyTorch's constructor rejects does not verify."""
    refused = {}
    for run in parity.values():
        for c, r in zip(run["configs"], run["oracle"]):
            if r.get("error") == "config":
                refused[spec_text(c)] = r["torch"]
    assert refused, "expected PyTorch to refuse some configurations"
    chunks = [f"func.func @f{i}(%x: tensor<4x3x5xf32>) -> tensor<4x3x5xf32> {{\n"
              f"  %0 = quill.observe %x {{id = 0 : i64, observer = {spec}}} : tensor<4x3x5xf32>\n"
              f"  return %0 : tensor<4x3x5xf32>\n}}\n" for i, spec in enumerate(refused)]
    text = "// -----\n".join(chunks)
    with tempfile.NamedTemporaryFile("w", suffix=".mlir") as f:
        f.write(text)
        f.flush()
        proc = subprocess.run([str(QUANT_OPT), f.name, "--split-input-file", "-o", "/dev/null"],
                              capture_output=True, text=True)
    error_lines = {int(m.group(1)) for m in re.finditer(r":(\d+):\d+: error:", proc.stderr)}
    starts = [1]
    for chunk in chunks[:-1]:
        starts.append(starts[-1] + chunk.count("\n") + 1)
    accepted = [spec for spec, start in zip(refused, starts)
                if not any(start <= line < start + 4 for line in error_lines)]
    assert not accepted, "PyTorch refuses, Quill accepts:\n" + "\n".join(
        f"{s}  (torch: {refused[s]})" for s in accepted)


def test_torch_run_errors_are_quill_errors(parity):
    """Where PyTorch's observer fails on the data, quant-run fails too."""
    failed = []
    data = scenarios()
    for name, run in parity.items():
        for c, r in zip(run["configs"], run["oracle"]):
            if r.get("error") != "run":
                continue
            with tempfile.TemporaryDirectory() as tmp:
                tmp = pathlib.Path(tmp)
                (tmp / "m.mlir").write_text(observed_graph(data[name][0].shape, [spec_text(c)]))
                np.save(tmp / "d.npy", np.stack(data[name]))
                proc = subprocess.run([str(QUANT_RUN), str(tmp / "m.mlir"), "--calibrate",
                                       str(tmp / "d.npy"), "-o", str(tmp / "out.mlir")],
                                      capture_output=True, text=True)
                if proc.returncode != 1 or (tmp / "out.mlir").exists() or \
                        "error" not in proc.stderr:
                    failed.append(f"{name} {spec_text(c)} (torch: {r['torch']})")
    assert not failed, "PyTorch fails, quant-run does not:\n" + "\n".join(failed)


def test_nan_names_the_batch_and_observer(tmp_path):
    batches = np.zeros((3, 2, 3), np.float32)
    batches[2, 1, 0] = np.nan
    np.save(tmp_path / "d.npy", batches)
    (tmp_path / "m.mlir").write_text(observed_graph(
        (2, 3), ["#quill.observer<placeholder, float16>", "#quill.observer<histogram, quint8>"]))
    (tmp_path / "out.mlir").write_text("keep")
    proc = subprocess.run([str(QUANT_RUN), str(tmp_path / "m.mlir"), "--calibrate",
                           str(tmp_path / "d.npy"), "-o", str(tmp_path / "out.mlir")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "calibration batch 2 of 3:" in proc.stderr
    assert "observer id 1: observer histogram: input contains NaN" in proc.stderr
    assert (tmp_path / "out.mlir").read_text() == "keep"


def test_infinite_scale_is_an_error(tmp_path):
    """PyTorch's MinMaxObserver returns scale inf for data reaching inf."""
    batches = np.zeros((2, 2, 3), np.float32)
    batches[1, 0, 2] = np.inf
    np.save(tmp_path / "d.npy", batches)
    (tmp_path / "m.mlir").write_text(observed_graph((2, 3), ["#quill.observer<min_max, quint8>"]))
    proc = subprocess.run([str(QUANT_RUN), str(tmp_path / "m.mlir"), "--calibrate",
                           str(tmp_path / "d.npy"), "-o", str(tmp_path / "out.mlir")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "m.mlir:2:9: error: observer id 0: the calibration data reach +-inf, so the scale " \
        "is infinite" in proc.stderr, proc.stderr
    assert not (tmp_path / "out.mlir").exists()


if __name__ == "__main__" and sys.argv[1:2] == ["--oracle"]:
    oracle_main(sys.argv[2], sys.argv[3])
