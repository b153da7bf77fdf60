"""examples/cnn_float.mlir through quant-run against PyTorch.

The example is the conv/bn/relu/pool/linear model of
scripts/gen_example_cnn.py: the test rebuilds that seeded model, checks the
committed IR and expected output are what the script writes today, and that
quant-run's output equals PyTorch's within 1e-5 relative.
"""

import importlib.util
import pathlib
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from quill_harness import QUANT_RUN, ROOT  # noqa: E402

EXAMPLE = ROOT / "examples" / "cnn_float.mlir"


def generator():
    sys.path.insert(0, str(ROOT / "scripts"))  # its helper module
    spec = importlib.util.spec_from_file_location("gen_example_cnn",
                                                  ROOT / "scripts" / "gen_example_cnn.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_is_generated_from_the_model():
    gen = generator()
    assert EXAMPLE.read_text() == gen.mlir_text(gen.build_model()), \
        "examples/cnn_float.mlir is stale: run scripts/gen_example_cnn.py"
    np.testing.assert_array_equal(np.load(ROOT / "examples" / "cnn_float_input.npy"),
                                  gen.example_input())


def test_quant_run_matches_pytorch(tmp_path):
    gen = generator()
    x = np.load(ROOT / "examples" / "cnn_float_input.npy")
    with torch.no_grad():
        expected = gen.build_model()(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(np.load(ROOT / "examples" / "cnn_float_expected.npy"), expected,
                               rtol=1e-5, atol=1e-7)
    out = tmp_path / "out.npy"
    proc = subprocess.run([str(QUANT_RUN), str(EXAMPLE), "--input",
                           str(ROOT / "examples" / "cnn_float_input.npy"), "--output", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    y = np.load(out)
    assert y.dtype == np.float32 and y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-7)


def test_fused_example_matches_pytorch(tmp_path):
    """quill-fuse (x86 table) keeps the function: conv+bn+relu folded."""
    fused = tmp_path / "fused.mlir"
    proc = subprocess.run([str(QUANT_RUN.parent / "quant-opt"), str(EXAMPLE),
                           "--quill-fuse=backend=x86", "-o", str(fused)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = fused.read_text()
    assert "quill.batch_norm" not in text and "quill.relu " not in text
    assert text.count("#quill.fused_activation<relu>") == 2
    out = tmp_path / "out.npy"
    proc = subprocess.run([str(QUANT_RUN), str(fused), "--input",
                           str(ROOT / "examples" / "cnn_float_input.npy"), "--output", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    np.testing.assert_allclose(np.load(out), np.load(ROOT / "examples" / "cnn_float_expected.npy"),
                               rtol=1e-5, atol=1e-7)
