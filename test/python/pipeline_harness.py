"""The command-line quantization flow from pytest, and PyTorch's FX flow to
compare it with.

    quill = quill_flow(tmp, "examples/resnet_float.mlir", calib, backend="x86",
                       qconfig="x86")
    quill.qtypes            # quantized result types of the converted graph
    quill.run(samples)      # outputs of the quantized model, one per sample
    torch_q = torch_flow(model, mapping, calib)   # prepare_fx/convert_fx

Both sides see the same calibration batches in the same order.
"""

import json
import os
import pathlib
import re
import subprocess

import numpy as np
import torch

from quill_harness import BUILD, QUANT_RUN

QUANT_OPT = BUILD / "bin" / "quant-opt"
QUILL_CONFIG = BUILD / "bin" / "quill-config"

# `quill.conv2d ... {... quill.module = "conv1" ...} : (...) -> tensor<...x!quant.uniform<u8:f32, 0.0179:3>>`
_UNIFORM = re.compile(r"!quant\.uniform<(u8|i8):f32, ([0-9.e+-]+)(?::(-?\d+))?>")


def run_tool(args):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{proc.stderr}")
    return proc


def parse_uniform(text):
    """(storage, scale, zero_point) of the last per-tensor !quant.uniform in text."""
    found = _UNIFORM.findall(text)
    if not found:
        return None
    storage, scale, zp = found[-1]
    return storage, float(scale), int(zp or 0)


class QuillFlow:
    """fuse -> prepare -> calibrate -> convert with quant-opt and quant-run."""

    def __init__(self, tmp, model, calib, backend, qconfig, fuse=True, extra_prepare=""):
        tmp = pathlib.Path(tmp)
        self.tmp = tmp
        self.observed = tmp / "observed.mlir"
        self.calibrated = tmp / "calibrated.mlir"
        self.quantized = tmp / "quantized.mlir"
        passes = []
        if fuse:
            passes.append(f"--quill-fuse=backend={backend} qconfig={qconfig}")
        passes.append(f"--quill-prepare=backend={backend} qconfig={qconfig} {extra_prepare}".strip())
        run_tool([QUANT_OPT, model, *passes, "-o", self.observed])
        np.save(tmp / "calib.npy", calib)
        run_tool([QUANT_RUN, self.observed, "--calibrate", tmp / "calib.npy",
                  "-o", self.calibrated])
        run_tool([QUANT_OPT, self.calibrated, f"--quill-convert=backend={backend}",
                  "-o", self.quantized])
        self.text = self.quantized.read_text()

    def op_lines(self, op):
        """The lines of the converted graph that define `quill.<op>` results."""
        return [l for l in self.text.splitlines() if re.search(rf"= quill\.{op} ", l)]

    def result_qparams(self, op, module=None):
        """(storage, scale, zp) of the result of the quill.<op> (of `module`)."""
        for line in self.op_lines(op):
            if module is None or f'quill.module = "{module}"' in line:
                return parse_uniform(line.split("->")[-1])
        raise KeyError(f"no quill.{op} for module {module}")

    def input_qparams(self):
        """(storage, scale, zp) the graph input is quantized with."""
        for line in self.text.splitlines():
            if "quant.qcast %arg0" in line:
                return parse_uniform(line.split(" to ")[-1])
        raise KeyError("the input is not quantized")

    def run(self, samples, model=None):
        """The model's output for each sample (stacked)."""
        model = model or self.quantized
        outs = []
        for i, x in enumerate(samples):
            path = self.tmp / f"sample{i}.npy"
            np.save(path, x)
            out = self.tmp / f"out{i}.npy"
            run_tool([QUANT_RUN, model, "--input", path, "--output", out])
            outs.append(np.load(out))
        return np.stack(outs)


def torch_flow(model, qconfig_mapping, calib, engine="onednn", backend_config=None,
               reference=False):
    """PyTorch's prepare_fx -> calibrate -> convert_fx on the same batches."""
    from torch.ao.quantization.backend_config import get_native_backend_config
    from torch.ao.quantization.quantize_fx import (convert_fx, convert_to_reference_fx,
                                                   prepare_fx)
    torch.backends.quantized.engine = engine
    backend_config = backend_config or get_native_backend_config()
    example = (torch.from_numpy(calib[0]),)
    prepared = prepare_fx(model, qconfig_mapping, example, backend_config=backend_config)
    with torch.no_grad():
        for x in calib:
            prepared(torch.from_numpy(x))
    convert = convert_to_reference_fx if reference else convert_fx
    return convert(prepared, backend_config=backend_config)


def lsb_diff(a, b, scale):
    """|a - b| in units of the output scale, rounded to whole LSBs."""
    return np.rint(np.abs(a.astype(np.float64) - b.astype(np.float64)) / scale).astype(np.int64)


def sqnr(reference, other):
    """20 log10(|ref| / |ref - other|) in dB (inf when equal)."""
    noise = np.linalg.norm(reference.astype(np.float64) - other.astype(np.float64))
    if noise == 0:
        return float("inf")
    return 20 * np.log10(np.linalg.norm(reference.astype(np.float64)) / noise)


def resource_blob(text, key, dtype):
    """The array in the `dialect_resources` blob `key` of an .mlir text."""
    m = re.search(rf'^\s*{re.escape(key)}: "0x([0-9A-F]+)"', text, re.M)
    if not m:
        raise KeyError(f"no resource {key}")
    return np.frombuffer(bytes.fromhex(m.group(1))[4:], dtype)  # after the alignment


def quantized_weight(text, key):
    """(int8 values, per-axis or per-tensor scales) of a quantized weight
    constant and the quant.scast that types it. `key` is the constant's
    dense_resource name, or for a `dense<...>` constant its shape ("16x8")."""
    m = re.search(rf"(%\S+) = arith.constant dense_resource<{re.escape(key)}> : "
                  r"tensor<([0-9x]+)xi8>", text)
    if m:
        values = resource_blob(text, key, np.int8)
    else:
        m = re.search(rf"(%\S+) = arith.constant dense<(.*)> : tensor<({re.escape(key)})xi8>",
                      text)
        if not m:
            raise KeyError(f"no quantized constant {key}")
        literal = m.group(2)
        values = (np.frombuffer(bytes.fromhex(literal[3:-1]), np.int8)
                  if literal.startswith('"0x') else np.array(json.loads(literal), np.int8))
        m = re.match(r"(%\S+) = .*tensor<([0-9x]+)xi8>", m.group(0))
    ssa, shape = m.group(1), [int(d) for d in m.group(2).split("x")]
    values = values.reshape(shape)
    s = re.search(rf"quant\.scast {re.escape(ssa)} : \S+ to tensor<[0-9x]+x"
                  r"!quant\.uniform<i8:f32(?::\d+, \{([^}]+)\}|, ([0-9.e+-]+))>>", text)
    scales = [float(x) for x in (s.group(1) or s.group(2)).split(",")]
    return values, scales
