"""Dynamic (LSTM + linear) and weight-only (embedding_bag) quantization of
the examples of scripts/gen_example_dynamic.py against PyTorch 1.13's FX
flow (prepare_fx, convert_fx, onednn engine).

Neither flow needs calibration data: dynamic activations get their qparams
per call and weight observers run over the weights at convert time. Asserted:
the quantized weights and their qparams equal PyTorch's, and the outputs
equal PyTorch's quantized modules' within float rounding.
"""

import importlib.util
import pathlib
import sys

import numpy as np
import pytest
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pipeline_harness import (QUANT_OPT, quantized_weight, resource_blob,  # noqa: E402
                              run_tool)
from quill_harness import QUANT_RUN, ROOT  # noqa: E402


def generator():
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(
        "gen_example_dynamic", ROOT / "scripts" / "gen_example_dynamic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def quill_convert(tmp, example, qconfig):
    out = tmp / "quantized.mlir"
    run_tool([QUANT_OPT, ROOT / "examples" / example,
              f"--quill-prepare=backend=x86 qconfig={qconfig}",
              "--quill-convert=backend=x86", "-o", out])
    return out


def quill_run(tmp, model, args):
    """Runs `model` once on `args` (arrays); returns its first result."""
    cmd = [QUANT_RUN, model]
    for i, a in enumerate(args):
        path = tmp / f"arg{i}.npy"
        np.save(path, a)
        cmd += ["--input", path]
    out = tmp / "out.npy"
    run_tool(cmd + ["--output", out])
    return np.load(out)


def torch_convert(model, mapping, example):
    from torch.ao.quantization.backend_config import get_native_backend_config
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.backends.quantized.engine = "onednn"
    config = get_native_backend_config()
    prepared = prepare_fx(model, mapping, example, backend_config=config)
    return convert_fx(prepared, backend_config=config)


def test_examples_are_generated_from_the_models():
    gen = generator()
    assert (ROOT / "examples" / "lstm_float.mlir").read_text() == gen.lstm_mlir(gen.build_lstm())
    assert (ROOT / "examples" / "embedding_bag_float.mlir").read_text() == \
        gen.bag_mlir(gen.build_bag())


def test_dynamic_lstm_and_linear(tmp_path):
    from torch.ao.quantization import QConfigMapping, default_dynamic_qconfig
    gen = generator()
    samples = np.load(ROOT / "examples" / "lstm_test.npy")
    q = torch_convert(gen.build_lstm(), QConfigMapping().set_global(default_dynamic_qconfig),
                      (torch.from_numpy(samples[0]),))
    model = quill_convert(tmp_path, "lstm_float.mlir", "dynamic")
    text = model.read_text()

    # Weights: per-tensor symmetric int8, equal values and scales.
    torch_weights = q.lstm._weight_bias()["weight"]
    for name in ["weight_ih_l0", "weight_hh_l0"]:
        values, scales = quantized_weight(text, f"lstm_{name}_q")
        np.testing.assert_array_equal(values, torch_weights[name].int_repr().numpy())
        assert scales == [torch_weights[name].q_scale()]
    values, scales = quantized_weight(text, "fc_weight_q")
    np.testing.assert_array_equal(values, q.fc.weight().int_repr().numpy())
    assert scales == [q.fc.weight().q_scale()]
    # Both ops run dynamically quantized: float activations, int8 weights.
    assert "quill.fake_quant_dynamic" not in text
    assert "quant.dcast" not in text

    worst = 0.0
    for x in samples:
        with torch.no_grad():
            expected = q(torch.from_numpy(x)).numpy()
        got = quill_run(tmp_path, model, [x])
        worst = max(worst, float(np.abs(got - expected).max()))
    print(f"dynamic lstm+linear: max abs difference to PyTorch {worst:.3g}")
    assert worst <= 1e-5, worst


def test_weight_only_embedding_bag(tmp_path):
    from torch import nn
    from torch.ao.quantization import QConfigMapping, float_qparams_weight_only_qconfig
    gen = generator()
    indices, offsets = (np.load(ROOT / "examples" / "embedding_bag_test.npz")[k]
                        for k in ("arr_0", "arr_1"))
    mapping = QConfigMapping().set_object_type(nn.EmbeddingBag, float_qparams_weight_only_qconfig)
    q = torch_convert(gen.build_bag(), mapping,
                      (torch.from_numpy(indices[0]), torch.from_numpy(offsets[0])))
    model = quill_convert(tmp_path, "embedding_bag_float.mlir", "weight_only_embedding")
    text = model.read_text()

    w = q.bag.weight()
    np.testing.assert_array_equal(resource_blob(text, "bag_weight_q", np.uint8).reshape(20, 8),
                                  w.int_repr().numpy())
    np.testing.assert_array_equal(resource_blob(text, "bag_weight_scales", np.float32),
                                  w.q_per_channel_scales().numpy().astype(np.float32))
    np.testing.assert_array_equal(resource_blob(text, "bag_weight_zero_points", np.float32),
                                  w.q_per_channel_zero_points().numpy().astype(np.float32))

    for idx, off in zip(indices, offsets):
        with torch.no_grad():
            expected = q(torch.from_numpy(idx), torch.from_numpy(off)).numpy()
        got = quill_run(tmp_path, model, [idx, off])
        # PyTorch's byte kernel sums q * scale + bias rows; Quill dequantizes
        # then sums: equal up to float rounding.
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
