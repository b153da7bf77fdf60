"""quant-run's numpy files as numpy sees them: every supported dtype (0-d and
empty arrays included) goes in through np.save / np.savez_compressed and
comes back through np.load from quant-run's .npy and .npz outputs
unchanged. (The format details and corrupt files are tested in
test/unit/NumpyIOTest.cpp; the command line in test/QuantRun.)"""

import pathlib
import subprocess
import sys

import numpy as np
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from quill_harness import QUANT_RUN, tensor_type  # noqa: E402


def arrays():
    rng = np.random.default_rng(11)
    return [
        rng.standard_normal((2, 3, 4)).astype(np.float32),
        rng.standard_normal((5,)).astype(np.float16),
        rng.integers(-2**62, 2**62, (3, 2), dtype=np.int64),
        rng.integers(-2**31, 2**31 - 1, (4,), dtype=np.int32),
        rng.integers(-128, 128, (2, 2), dtype=np.int8),
        rng.integers(0, 256, (7,), dtype=np.uint8),
        rng.uniform(size=(3, 3)) < 0.5,
        np.array(2.5, dtype=np.float32),
        np.zeros((0, 4), dtype=np.float32),
    ]


def identity(xs):
    """A function returning its arguments in reverse order."""
    args = ", ".join(f"%a{i}: {tensor_type(x)}" for i, x in enumerate(xs))
    results = ", ".join(tensor_type(x) for x in reversed(xs))
    values = ", ".join(f"%a{i}" for i in reversed(range(len(xs))))
    return f"func.func @f({args}) -> ({results}) {{\n  return {values} : {results}\n}}\n"


def run(args):
    proc = subprocess.run([str(QUANT_RUN), *map(str, args)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def check(got, want):
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


def test_npy_in_npy_out(tmp_path):
    xs = arrays()
    (tmp_path / "m.mlir").write_text(identity(xs))
    args = [tmp_path / "m.mlir"]
    for i, x in enumerate(xs):
        np.save(tmp_path / f"in{i}.npy", x)
        args += ["--input", tmp_path / f"in{i}.npy"]
    for i in range(len(xs)):
        args += ["--output", tmp_path / f"out{i}.npy"]
    run(args)
    for i, x in enumerate(reversed(xs)):
        check(np.load(tmp_path / f"out{i}.npy", allow_pickle=False), x)
        # Byte for byte what np.save writes.
        np.save(tmp_path / "ref.npy", x)
        assert (tmp_path / f"out{i}.npy").read_bytes() == (tmp_path / "ref.npy").read_bytes()


@pytest.mark.parametrize("save", [np.savez, np.savez_compressed])
def test_npz_in_npz_out(tmp_path, save):
    xs = arrays()
    (tmp_path / "m.mlir").write_text(identity(xs))
    save(tmp_path / "in.npz", *xs)
    run([tmp_path / "m.mlir", "--inputs", tmp_path / "in.npz", "--output", tmp_path / "out.npz"])
    with np.load(tmp_path / "out.npz", allow_pickle=False) as out:
        assert out.files == [f"arr_{i}" for i in range(len(xs))]
        for i, x in enumerate(reversed(xs)):
            check(out[f"arr_{i}"], x)


def test_progress_bar_only_on_a_terminal(tmp_path):
    """A calibration of a few seconds draws a bar on a terminal, and writes
    nothing to a pipe."""
    import os
    import pty
    import time

    observers = 90
    lines = ["func.func @f(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {"]
    prev = "%x"
    for i in range(observers):
        lines.append(f"  %o{i} = quill.observe {prev} {{id = {i} : i64, "
                     "observer = #quill.observer<histogram_torch113, quint8>} : tensor<64x64xf32>")
        prev = f"%o{i}"
    lines += [f"  return {prev} : tensor<64x64xf32>", "}"]
    (tmp_path / "m.mlir").write_text("\n".join(lines) + "\n")
    rng = np.random.default_rng(3)
    batches = rng.standard_normal((150, 64, 64)) * np.arange(1, 151).reshape(150, 1, 1)
    np.save(tmp_path / "d.npy", batches.astype(np.float32))
    args = [str(QUANT_RUN), str(tmp_path / "m.mlir"), "--calibrate", str(tmp_path / "d.npy"),
            "-o", str(tmp_path / "out.mlir")]

    piped = subprocess.run(args, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""

    main, secondary = pty.openpty()
    start = time.monotonic()
    proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=secondary)
    elapsed = time.monotonic() - start
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    assert proc.returncode == 0
    if elapsed < 1.1:  # the bar shows after 1 s
        pytest.skip(f"calibration took {elapsed:.2f} s: too fast to show the bar")
    text = output.decode()
    assert "calibrating [" in text and "150/150" in text, text
    assert text.endswith("\r\x1b[K"), repr(text[-40:])
