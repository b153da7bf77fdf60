"""Whole models through Quill's Python API and PyTorch's FX flow, side by side.

For each model: PyTorch 1.13 (prepare_fx -> calibrate on the batches ->
convert_fx, onednn engine) and Quill (quill.import_torch -> quill.prepare
with the same torch QConfigMapping object -> calibrate on the same batches ->
quill.convert -> quill.compile(target="reference")). Asserted:

- every activation observer's qparams equal PyTorch's to the last bit (the
  observers of both sides as multisets of (scale, zero_point)), and at
  least within relative 1e-5 with equal zero points;
- Quill's int8 output against PyTorch's int8 output: SQNR >= 40 dB and
  argmax agreement >= 99% over the test batches;
- Quill's int8-vs-float SQNR at most 0.5 dB below PyTorch's.

Models or checks that cannot pass yet are strict xfails naming the missing
piece (INEXACT, DIVERGES, UNSUPPORTED below).

Seeded weights, small inputs and few batches keep it fast; `--full` runs
bigger inputs and more batches.
"""

import pathlib
import sys

import numpy as np
import pytest
import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build" / "python_bindings"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

sys.path.insert(0, str(ROOT / "scripts"))
import quill  # noqa: E402  (build/python_bindings: the built package)
from gen_example_dynamic import LstmNet  # noqa: E402  (the dynamic example's model)
from pipeline_harness import sqnr  # noqa: E402


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.relu(self.conv2(x)) + x
        return self.fc(torch.flatten(self.pool(x), 1))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model=16, nhead=2, dim_feedforward=32,
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.head = nn.Linear(16, 4)

    def forward(self, x):
        return self.head(self.encoder(x))


def _torchvision(name):
    import torchvision
    return getattr(torchvision.models, name)(weights=None)


# name, builder, input shape (small / --full), qconfig mapping factory
MODELS = [
    ("small_cnn", SmallCnn, (1, 3, 16, 16), (1, 3, 32, 32), "x86"),
    ("resnet18", lambda: _torchvision("resnet18"), (1, 3, 32, 32), (1, 3, 224, 224), "x86"),
    ("mobilenet_v2", lambda: _torchvision("mobilenet_v2"), (1, 3, 32, 32), (1, 3, 224, 224), "x86"),
    ("transformer_encoder", Encoder, (1, 6, 16), (1, 32, 16), "x86"),
    ("lstm", LstmNet, (5, 1, 8), (20, 1, 8), "dynamic"),
]


def _mapping(kind):
    from torch.ao.quantization import (QConfigMapping, default_dynamic_qconfig,
                                       get_default_qconfig_mapping)
    if kind == "dynamic":
        return QConfigMapping().set_global(default_dynamic_qconfig)
    return get_default_qconfig_mapping(kind)


def _batches(shape, count, seed):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape).astype(np.float32) for _ in range(count)]


def _torch_observers(prepared):
    """(scale, zero_point) of every activation observer instance."""
    from torch.ao.quantization.observer import PlaceholderObserver
    seen, out = set(), []
    for name, module in prepared.named_modules():
        if "activation_post_process" not in name or id(module) in seen:
            continue
        seen.add(id(module))
        if not isinstance(module, PlaceholderObserver) and \
                module.dtype in (torch.quint8, torch.qint8):
            scale, zp = module.calculate_qparams()
            out.append((float(scale), int(zp)))
    return sorted(out)


def _quill_observers(prepared):
    """The same for Quill's activation observers (one entry per id)."""
    return sorted((float(o["scale"][0]), int(o["zero_point"][0]))
                  for o in prepared.qparams().values()
                  if o["scale"] and o["input_op"] != "arith.constant"
                  and o["dtype"] in ("quint8", "qint8"))


class Flows:
    """Both flows on one model: PyTorch's observers and int8 outputs, Quill's
    observers and outputs, and the float outputs."""

    def __init__(self, builder, shape, kind, batches):
        from torch.ao.quantization.backend_config import get_native_backend_config
        from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
        torch.manual_seed(0)
        model = builder().eval()
        calib = _batches(shape, batches, 1)
        test = _batches(shape, 2 * batches, 2)

        torch.backends.quantized.engine = "onednn"
        config = get_native_backend_config()
        example = (torch.from_numpy(calib[0]),)
        prepared = prepare_fx(model, _mapping(kind), example, backend_config=config)
        with torch.no_grad():
            for x in calib:
                prepared(torch.from_numpy(x))
        self.torch_observers = _torch_observers(prepared)
        torch_q = convert_fx(prepared, backend_config=config)

        p = quill.prepare(quill.import_torch(model, example), _mapping(kind),
                          backend_config="x86")
        if kind != "dynamic":
            p.calibrate(calib)
        self.quill_observers = _quill_observers(p)
        exe = quill.compile(quill.convert(p), target="reference")
        with torch.no_grad():
            self.float = [model(torch.from_numpy(x)).numpy() for x in test]
            self.torch_int8 = [torch_q(torch.from_numpy(x)).numpy() for x in test]
        self.quill_int8 = [exe(x) for x in test]


# Models whose float graph PyTorch computes partly in oneDNN (grouped and
# depthwise convs, resnet's 7x7 stem) or in vectorized kernels whose order
# the reference kernels do not follow: the activations those observers see
# differ in the last bit, so their qparams can differ by an ulp. (The
# encoder itself stays float on both sides: torch.fx keeps it whole.) Bit-exact qparams there need the oneDNN fp32 kernels
# (the x86 backend issue).
INEXACT = {
    "resnet18": "stem conv runs in oneDNN in PyTorch (needs the oneDNN fp32 kernels)",
    "mobilenet_v2": "depthwise convs run in oneDNN in PyTorch (needs the oneDNN fp32 kernels)",
    "transformer_encoder": "PyTorch's float encoder (its fused fast path, vectorized "
                           "softmax and layer_norm) differs from the reference kernels "
                           "in the last bit",
}
# Qparams an ulp apart (INEXACT) flip single LSBs, and through 20 layers of
# an untrained resnet18 the flips compound: Quill's int8 output is 29.7 dB
# from PyTorch's while both are 26 dB from float (Quill 0.2 dB closer).
DIVERGES = {
    "resnet18": INEXACT["resnet18"] + "; LSB flips compound over 20 layers",
}
UNSUPPORTED = {}


@pytest.fixture(scope="module")
def flows(request):
    cache = {}

    def get(name):
        if name not in cache:
            _, builder, small, big, kind = next(m for m in MODELS if m[0] == name)
            full = request.config.getoption("--full")
            cache[name] = Flows(builder, big if full else small, kind, 8 if full else 4)
        return cache[name]
    return get


def _xfail(names, name, request):
    if name in names:
        request.applymarker(pytest.mark.xfail(reason=names[name], strict=True))


@pytest.mark.parametrize("name", [m[0] for m in MODELS])
def test_observer_qparams_equal(name, flows, request):
    _xfail({**INEXACT, **UNSUPPORTED}, name, request)
    f = flows(name)
    assert f.quill_observers == f.torch_observers


@pytest.mark.parametrize("name", [m[0] for m in MODELS])
def test_observer_qparams_close(name, flows, request):
    # Where the float activations differ in the last bit (INEXACT), the
    # qparams still agree: equal zero points, scales within a few float32
    # ulps (relative 1e-5).
    _xfail(UNSUPPORTED, name, request)
    f = flows(name)
    assert len(f.quill_observers) == len(f.torch_observers)
    for (qs, qz), (ts, tz) in zip(f.quill_observers, f.torch_observers):
        assert qz == tz
        assert abs(qs - ts) <= 1e-5 * ts


@pytest.mark.parametrize("name", [m[0] for m in MODELS])
def test_int8_outputs_match_pytorch(name, flows, request):
    _xfail({**DIVERGES, **UNSUPPORTED}, name, request)
    f = flows(name)
    got = np.concatenate([g.ravel() for g in f.quill_int8])
    ref = np.concatenate([r.ravel() for r in f.torch_int8])
    assert sqnr(ref, got) >= 40
    top1 = [np.array_equal(np.argmax(g.reshape(-1, g.shape[-1]), -1),
                           np.argmax(r.reshape(-1, r.shape[-1]), -1))
            for g, r in zip(f.quill_int8, f.torch_int8)]
    assert np.mean(top1) >= 0.99


@pytest.mark.parametrize("name", [m[0] for m in MODELS])
def test_int8_as_close_to_float_as_pytorch(name, flows, request):
    _xfail(UNSUPPORTED, name, request)
    f = flows(name)
    got = np.concatenate([g.ravel() for g in f.quill_int8])
    ref = np.concatenate([r.ravel() for r in f.torch_int8])
    flt = np.concatenate([r.ravel() for r in f.float])
    assert sqnr(flt, got) >= sqnr(flt, ref) - 0.5
