"""The PyTorch-like API of the quill package (python_bindings/quill/api.py):
the stages, batch sizes other than the example's, presets and errors.
test_model_parity.py compares whole models with PyTorch."""

import pathlib
import sys

import numpy as np
import pytest
import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build" / "python_bindings"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import quill  # noqa: E402


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.fc = nn.Linear(4 * 8 * 8, 5)

    def forward(self, x):
        return self.fc(torch.flatten(self.relu(self.conv(x)), 1))


@pytest.fixture(scope="module")
def converted():
    torch.manual_seed(0)
    model = Net().eval()
    rng = np.random.default_rng(0)
    calib = [rng.standard_normal((1, 3, 8, 8)).astype(np.float32) for _ in range(4)]
    p = quill.prepare(quill.import_torch(model, (torch.from_numpy(calib[0]),)), "x86")
    assert "quill.observe" in p.to_mlir()
    p.calibrate(calib)
    return model, p, quill.convert(p), calib


def test_stages_print_their_ir(converted):
    _, p, q, _ = converted
    assert "quill.observe" in p.to_mlir()
    text = q.to_mlir()
    assert "quill.observe" not in text and "!quant.uniform" in text


def test_qparams_name_observers(converted):
    _, p, _, _ = converted
    observers = p.qparams()
    assert observers and all(o["scale"] for o in observers.values())
    assert {o["module"] for o in observers.values()} >= {"conv", "fc"}


def test_any_batch_size(converted):
    # A batch of 3 runs a graph re-imported at that shape, with the same
    # calibrated qparams: each row equals the one-sample result.
    _, _, q, _ = converted
    exe = quill.compile(q)
    x = np.random.default_rng(1).standard_normal((3, 3, 8, 8)).astype(np.float32)
    batched = exe(x)
    assert batched.shape == (3, 5)
    for i in range(3):
        np.testing.assert_array_equal(batched[i:i + 1], exe(x[i:i + 1]))


def test_int8_close_to_float(converted):
    # On data inside the calibrated ranges (the calibration samples).
    model, _, q, calib = converted
    exe = quill.compile(q)
    for x in calib:
        with torch.no_grad():
            want = model(torch.from_numpy(x)).numpy()
        assert np.abs(exe(x) - want).max() < 0.05 * np.abs(want).max()


def test_targets(converted):
    _, _, q, _ = converted
    with pytest.raises(quill.QuillError, match="oneDNN backend"):
        quill.compile(q, target="x86")
    with pytest.raises(quill.QuillError, match="XNNPACK backend"):
        quill.compile(q, target="arm")
    with pytest.raises(ValueError, match="unknown target"):
        quill.compile(q, target="gpu")


def test_calibration_batches_need_one_shape():
    m = quill.import_torch(Net().eval(), (torch.randn(1, 3, 8, 8),))
    p = quill.prepare(m, "x86")
    with pytest.raises(ValueError, match="different shapes"):
        p.calibrate([np.zeros((1, 3, 8, 8), np.float32), np.zeros((2, 3, 8, 8), np.float32)])
    with pytest.raises(ValueError, match="at least one batch"):
        p.calibrate([])


def test_uncalibrated_convert_is_a_quill_error():
    m = quill.import_torch(Net().eval(), (torch.randn(1, 3, 8, 8),))
    q = quill.convert(quill.prepare(m, "x86"))
    with pytest.raises(quill.QuillError, match="has no qparams"):
        quill.compile(q)(np.zeros((1, 3, 8, 8), np.float32))


def test_dynamic_needs_no_calibration():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 2)).eval()
    x = torch.randn(3, 6)
    q = quill.convert(quill.prepare(quill.import_torch(model, (x,)), "dynamic"))
    with torch.no_grad():
        want = model(x).numpy()
    np.testing.assert_allclose(quill.compile(q)(x), want, atol=0.05)


def test_prepare_qat_with_a_torch_mapping_matches_pytorch():
    # quill.prepare_qat with PyTorch's QAT mapping object; calibrate runs the
    # fake-quant ops as PyTorch's forward passes do; the int8 outputs equal
    # PyTorch's prepare_qat_fx -> convert_fx model's.
    from torch.ao.quantization import get_default_qat_qconfig_mapping
    from torch.ao.quantization.backend_config import get_native_backend_config
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_qat_fx
    from test_qat_pipeline_parity import Mlp
    torch.manual_seed(7)
    model = Mlp()
    batches = np.random.default_rng(8).standard_normal((6, 2, 8)).astype(np.float32)
    example = (torch.from_numpy(batches[0]),)

    p = quill.prepare_qat(quill.import_torch(model.eval(), example),
                          get_default_qat_qconfig_mapping("x86"))
    p.calibrate(list(batches))
    exe = quill.compile(quill.convert(p))

    torch.backends.quantized.engine = "onednn"
    config = get_native_backend_config()
    prepared = prepare_qat_fx(model.train(), get_default_qat_qconfig_mapping("x86"), example,
                              backend_config=config)
    with torch.no_grad():
        for x in batches:
            prepared(torch.from_numpy(x))
    q = convert_fx(prepared.eval(), backend_config=config)
    for x in batches:
        np.testing.assert_array_equal(exe(x), q(torch.from_numpy(x)).detach().numpy())
