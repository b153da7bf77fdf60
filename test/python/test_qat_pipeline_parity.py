"""A fake-quant (QAT) graph converts like PyTorch's prepare_qat_fx model.

A seeded linear -> relu -> linear -> sigmoid model goes through PyTorch's
QAT flow (get_default_qat_qconfig_mapping("x86"), forward passes in train
mode over the same batches, convert_fx, onednn engine) and through Quill's
(quill-fuse, quill-prepare-qat, quant-run --calibrate running the fake-quant
ops, quill-convert). The fused fake-quants train with qparams of their own
routine, but convert (PyTorch's and Quill's) reads their observers'
calculate_qparams(); asserted: every scale and zero point equal, the
quantized weights and their per-channel scales equal, and the int8 outputs
equal.
"""

import pathlib
import sys

import numpy as np
import pytest
import torch
from torch import nn

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pipeline_harness import (QUANT_OPT, lsb_diff, parse_uniform,  # noqa: E402
                              quantized_weight, run_tool)
from quill_harness import QUANT_RUN, mlir_constant, tensor_type  # noqa: E402


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(16, 4)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.fc2(self.relu(self.fc1(x))))


def mlir_of(model):
    x, h, y = (2, 8), (2, 16), (2, 4)
    t = tensor_type
    return f"""func.func @mlp(%x: {t(np.zeros(x, np.float32))}) -> {t(np.zeros(y, np.float32))} {{
  %w1 = {mlir_constant(model.fc1.weight)}
  %b1 = {mlir_constant(model.fc1.bias)}
  %w2 = {mlir_constant(model.fc2.weight)}
  %b2 = {mlir_constant(model.fc2.bias)}
  %0 = quill.linear %x, %w1, %b1 {{quill.module = "fc1", quill.module_type = "torch.nn.Linear"}}
       : ({t(np.zeros(x, np.float32))}, {t(model.fc1.weight)}, {t(model.fc1.bias)}) -> {t(np.zeros(h, np.float32))}
  %1 = quill.relu %0 {{quill.module = "relu", quill.module_type = "torch.nn.ReLU"}}
       : {t(np.zeros(h, np.float32))} -> {t(np.zeros(h, np.float32))}
  %2 = quill.linear %1, %w2, %b2 {{quill.module = "fc2", quill.module_type = "torch.nn.Linear"}}
       : ({t(np.zeros(h, np.float32))}, {t(model.fc2.weight)}, {t(model.fc2.bias)}) -> {t(np.zeros(y, np.float32))}
  %3 = quill.sigmoid %2 {{quill.module = "sigmoid", quill.module_type = "torch.nn.Sigmoid"}}
       : {t(np.zeros(y, np.float32))} -> {t(np.zeros(y, np.float32))}
  return %3 : {t(np.zeros(y, np.float32))}
}}
"""


@pytest.fixture(scope="module")
def flows(tmp_path_factory):
    from torch.ao.quantization import get_default_qat_qconfig_mapping
    from torch.ao.quantization.backend_config import get_native_backend_config
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_qat_fx
    torch.manual_seed(7)
    model = Mlp()
    rng = np.random.default_rng(8)
    batches = rng.standard_normal((12, 2, 8)).astype(np.float32)
    tmp = tmp_path_factory.mktemp("qat")

    torch.backends.quantized.engine = "onednn"
    config = get_native_backend_config()
    prepared = prepare_qat_fx(model.train(), get_default_qat_qconfig_mapping("x86"),
                              (torch.from_numpy(batches[0]),), backend_config=config)
    with torch.no_grad():
        for x in batches:
            prepared(torch.from_numpy(x))
    q = convert_fx(prepared.eval(), backend_config=config)

    (tmp / "float.mlir").write_text(mlir_of(model))
    np.save(tmp / "batches.npy", batches)
    run_tool([QUANT_OPT, tmp / "float.mlir", "--quill-fuse=backend=x86",
              "--quill-prepare-qat=backend=x86 qconfig=qat_x86", "-o", tmp / "qat.mlir"])
    run_tool([QUANT_RUN, tmp / "qat.mlir", "--calibrate", tmp / "batches.npy",
              "-o", tmp / "trained.mlir"])
    run_tool([QUANT_OPT, tmp / "trained.mlir", "--quill-convert=backend=x86",
              "-o", tmp / "quantized.mlir"])
    return tmp, q, batches


def test_graph_has_fake_quants(flows):
    tmp, _, _ = flows
    text = (tmp / "qat.mlir").read_text()
    assert text.count("fused_moving_avg_obs_fake_quantize") == 5  # x, w1, fc1+relu, w2, fc2
    assert "fixed_qparams_fake_quantize" in text                    # sigmoid


def test_qparams_and_weights_equal_pytorch(flows):
    tmp, q, _ = flows
    text = (tmp / "quantized.mlir").read_text()
    lines = text.splitlines()

    def result_of(module):
        line = next(l for l in lines if f'quill.module = "{module}"' in l and "quill.linear" in l)
        return parse_uniform(line.split("->")[-1])[1:]

    qcast = next(l for l in lines if "quant.qcast %arg0" in l)
    assert parse_uniform(qcast.split(" to ")[-1])[1:] == \
        (float(q.fc1_input_scale_0), int(q.fc1_input_zero_point_0))
    assert result_of("fc1") == (float(q.fc1.scale), int(q.fc1.zero_point))
    assert result_of("fc2") == (float(q.fc2.scale), int(q.fc2.zero_point))
    for shape, module in [("16x8", q.fc1), ("4x16", q.fc2)]:
        values, scales = quantized_weight(text, shape)
        np.testing.assert_array_equal(values, module.weight().int_repr().numpy())
        assert scales == module.weight().q_per_channel_scales().tolist()


def test_int8_outputs_equal_pytorch(flows):
    tmp, q, batches = flows
    worst = 0
    for i, x in enumerate(batches):
        np.save(tmp / "x.npy", x)
        run_tool([QUANT_RUN, tmp / "quantized.mlir", "--input", tmp / "x.npy",
                  "--output", tmp / "y.npy"])
        with torch.no_grad():
            expected = q(torch.from_numpy(x)).numpy()
        worst = max(worst, int(lsb_diff(np.load(tmp / "y.npy"), expected, 1 / 256).max()))
    assert worst == 0
