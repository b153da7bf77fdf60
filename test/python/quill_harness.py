"""Runs quill IR through build/bin/quant-run from pytest.

The kernel parity tests write a small `.mlir` function (weights inlined as
exact hex constants), feed it numpy inputs and compare the outputs with
PyTorch's on the same data:

    w = mlir_constant(conv.weight)
    mlir = f'''func.func @f(%x: {tensor_type(x)}) -> {tensor_type(y)} {{
      %w = {w}
      %y = quill.conv2d %x, %w : ({tensor_type(x)}, {tensor_type(conv.weight)}) -> {tensor_type(y)}
      return %y : {tensor_type(y)}
    }}'''
    (out,) = run_mlir(mlir, [x])
"""

import os
import pathlib
import subprocess
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("QUILL_BUILD_DIR", ROOT / "build"))
QUANT_RUN = BUILD / "bin" / "quant-run"

_ELEMENT_TYPES = {
    np.dtype(np.float32): "f32",
    np.dtype(np.float16): "f16",
    np.dtype(np.int64): "i64",
    np.dtype(np.int32): "i32",
    np.dtype(np.int8): "i8",
    np.dtype(np.uint8): "ui8",
    np.dtype(np.bool_): "i1",
}


def _numpy(a):
    """A numpy array from a numpy array or a torch tensor."""
    if hasattr(a, "detach"):
        a = a.detach().cpu().numpy()
    return np.asarray(a, order="C")  # keeps 0-d arrays 0-d


def tensor_type(a, element=None):
    """`tensor<2x3xf32>` for an array (or torch tensor) of that shape."""
    a = _numpy(a)
    element = element or _ELEMENT_TYPES[a.dtype]
    return "tensor<" + "".join(f"{d}x" for d in a.shape) + element + ">"


def mlir_constant(a):
    """An exact `arith.constant` for an array: raw little-endian bytes in hex."""
    a = _numpy(a)
    if a.dtype == np.bool_:  # i1 has no hex form: nested literal lists
        def literal(x):
            if x.ndim == 0:
                return "true" if x else "false"
            return "[" + ", ".join(literal(y) for y in x) + "]"
        return f"arith.constant dense<{literal(a)}> : {tensor_type(a)}"
    data = a.astype(a.dtype.newbyteorder("<")).tobytes().hex().upper()
    return f'arith.constant dense<"0x{data}"> : {tensor_type(a)}'


def run_mlir(mlir, inputs, extra_args=()):
    """Runs the function in `mlir` on `inputs`; returns its results."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        model = tmp / "model.mlir"
        model.write_text(mlir)
        args = [str(QUANT_RUN), str(model)]
        for i, x in enumerate(inputs):
            path = tmp / f"in{i}.npy"
            np.save(path, _numpy(x))
            args += ["--input", str(path)]
        out_dir = tmp / "out"
        out_dir.mkdir()
        args += ["--output-dir", str(out_dir), *extra_args]
        proc = subprocess.run(args, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"quant-run failed:\n{proc.stderr}\n--- model ---\n{mlir}")
        outputs = sorted(out_dir.glob("result*.npy"),
                         key=lambda p: int(p.stem[len("result"):]))
        return [np.load(p) for p in outputs]
