"""The extension quill._quill against the command-line tools.

The same model goes through the binding (weights handed over as numpy
arrays) and through quant-opt / quant-run (weights as hex blobs in the
text); the IR, the calibrated qparams and the outputs must be identical.
Errors must be QuillError with the MLIR diagnostic, never a crash.
"""

import pathlib
import re
import subprocess
import sys
import time

import numpy as np
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from quill_harness import BUILD, QUANT_RUN, ROOT  # noqa: E402

sys.path.insert(0, str(BUILD / "python_bindings"))
from quill import _quill  # noqa: E402  (build/python_bindings)

QUANT_OPT = BUILD / "bin" / "quant-opt"
EXAMPLE = ROOT / "examples" / "resnet_float.mlir"
CALIB = np.load(ROOT / "examples" / "resnet_calib.npy")  # (16, 1, 3, 16, 16)
TEST = np.load(ROOT / "examples" / "resnet_test.npy")  # (8, 1, 3, 16, 16)
PREPARE = ("func.func(quill-fuse{backend=x86 qconfig=x86},"
           "quill-prepare{backend=x86 qconfig=x86})")
CONVERT = "func.func(quill-convert{backend=x86})"
_DTYPES = {"f32": np.float32, "f16": np.float16, "i64": np.int64,
           "i32": np.int32, "i8": np.int8, "ui8": np.uint8, "i1": np.bool_}


def split_resources(text):
    """(text without its dialect_resources section, {key: array}): the form
    the importer hands to quill._quill.Module."""
    body, _, section = text.partition("{-#")
    types = dict(re.findall(r"dense_resource<(\w+)> : tensor<[0-9x]*x(\w+)>", body))
    resources = {}
    for key, hex_data in re.findall(r'^\s*(\w+): "0x([0-9A-F]+)"', section, re.M):
        data = bytes.fromhex(hex_data)[4:]  # after the alignment word
        resources[key] = np.frombuffer(data, _DTYPES[types[key]]).copy()
    return body, resources


def run_tool(args):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def same_ir(a, b):
    """Equal texts, up to the trailing newline quant-opt adds."""
    return a.rstrip("\n") == b.rstrip("\n")


def quant_run(model, x, tmp):
    np.save(tmp / "x.npy", x)
    run_tool([QUANT_RUN, model, "--input", tmp / "x.npy", "--output", tmp / "y.npy"])
    return np.load(tmp / "y.npy")


@pytest.fixture(scope="module")
def example():
    return split_resources(EXAMPLE.read_text())


@pytest.fixture(scope="module")
def tools_flow(tmp_path_factory):
    """quant-opt fuse+prepare, quant-run --calibrate, quant-opt convert."""
    tmp = tmp_path_factory.mktemp("tools")
    observed, calibrated, quantized = (tmp / f"{s}.mlir"
                                       for s in ("observed", "calibrated", "quantized"))
    run_tool([QUANT_OPT, EXAMPLE, f"--pass-pipeline=builtin.module({PREPARE})",
              "-o", observed])
    np.save(tmp / "calib.npy", CALIB)
    run_tool([QUANT_RUN, observed, "--calibrate", tmp / "calib.npy", "-o", calibrated])
    run_tool([QUANT_OPT, calibrated, f"--pass-pipeline=builtin.module({CONVERT})",
              "-o", quantized])
    return {"tmp": tmp, "observed": observed, "calibrated": calibrated,
            "quantized": quantized}


def test_resources_parse_and_run_like_quant_run(example, tmp_path):
    text, resources = example
    assert "{-#" not in text and len(resources) == 14
    m = _quill.Module(text, resources)
    exe = m.executor()
    assert exe.input_types == [(np.dtype(np.float32), (1, 3, 16, 16))]
    for x in TEST[:2]:
        (y,) = exe.run([x])
        np.testing.assert_array_equal(y, quant_run(EXAMPLE, x, tmp_path))


def test_text_and_resources_round_trip(example):
    text, resources = example
    m = _quill.Module(text, resources)
    elided = m.text()
    assert "dense_resource<conv1_weight>" in elided and "{-#" not in elided
    back = m.resources()
    assert back.keys() == resources.keys()
    for key, array in resources.items():
        assert back[key].dtype == array.dtype
        np.testing.assert_array_equal(back[key].ravel(), array)
    # The full text is self-contained, with the same blobs as the example.
    full = m.text(elide_resources=False)
    assert split_resources(full)[1].keys() == resources.keys()
    again = _quill.Module(full)
    assert again.text(elide_resources=False) == full
    # After passes (which add resources, e.g. fused weights) too.
    m.run_passes(PREPARE)
    again = _quill.Module(m.text(), m.resources())
    assert again.text(elide_resources=False) == m.text(elide_resources=False)


def test_passes_and_calibration_match_the_tools(example, tools_flow):
    m = _quill.Module(*example)
    m.run_passes(PREPARE)
    assert same_ir(m.text(elide_resources=False), tools_flow["observed"].read_text())
    assert all(o["scale"] is None for o in m.observers())
    seen = []
    m.calibrate([[x] for x in CALIB], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(b + 1, len(CALIB)) for b in range(len(CALIB))]
    calibrated = tools_flow["calibrated"].read_text()
    assert same_ir(m.text(elide_resources=False), calibrated)
    # observers() reports what quant-run wrote, exactly.
    observers = m.observers()
    assert len(observers) == len(re.findall(r"quill\.observe ", calibrated))
    for o in observers:
        line = next(line for line in calibrated.splitlines()
                    if "quill.observe" in line and re.search(rf"[{{ ]id = {o['id']} : i64", line))
        scale = re.search(r"scale = array<f64: ([^>]*)>", line).group(1)
        zero_point = re.search(r"zero_point = array<i64: ([^>]*)>", line).group(1)
        assert o["scale"] == [float(s) for s in scale.split(", ")]
        assert o["zero_point"] == [int(z) for z in zero_point.split(", ")]
        assert o["op"] == "quill.observe" and o["dtype"] in ("quint8", "qint8")
    by_input = {(o["input_op"], o["input_module"]) for o in observers}
    assert (None, None) in by_input  # the graph input
    assert ("arith.constant", "fc.weight") in by_input  # a weight observer


def test_converted_executor_matches_quant_run(example, tools_flow, tmp_path):
    m = _quill.Module(*example)
    m.run_passes(PREPARE)
    m.calibrate([x for x in CALIB])  # one array per batch: a one-argument model
    m.run_passes(f"builtin.module({CONVERT})")
    assert same_ir(m.text(elide_resources=False), tools_flow["quantized"].read_text())
    exe = m.executor()
    for x in TEST[:2]:
        np.testing.assert_array_equal(exe([x])[0],
                                      quant_run(tools_flow["quantized"], x, tmp_path))


def test_generic_passes_and_batches_from_a_generator(example):
    m = _quill.Module(*example)
    assert m.run_passes("canonicalize,cse") == []
    m.run_passes(PREPARE)
    seen = []
    m.calibrate(([x] for x in CALIB[:3]), progress=lambda *a: seen.append(a))
    assert seen == [(1, None), (2, None), (3, None)]
    assert all(o["scale"] is not None for o in m.observers())


def test_calibration_resumes_from_written_statistics(example):
    once, twice = _quill.Module(*example), _quill.Module(*example)
    for m in (once, twice):
        m.run_passes(PREPARE)
    once.calibrate([[x] for x in CALIB])
    twice.calibrate([[x] for x in CALIB[:7]])
    twice.calibrate([[x] for x in CALIB[7:]])
    assert once.observers() == twice.observers()


def test_executor_is_a_snapshot(example):
    m = _quill.Module(*example)
    exe = m.executor()
    before = exe.run([TEST[0]])[0]
    m.run_passes(PREPARE)
    del m
    np.testing.assert_array_equal(exe.run([TEST[0]])[0], before)


def error(fn):
    with pytest.raises(_quill.QuillError) as info:
        fn()
    return str(info.value)


def test_parse_errors_are_located():
    message = error(lambda: _quill.Module("func.func @f(%x: tensor<2xf32>) {\n"
                                          "  return %y : tensor<2xf32>\n}", name="bad.mlir"))
    assert message.startswith("cannot parse the module:\nbad.mlir:2:10: error: "
                              "use of undeclared SSA value name")
    message = error(lambda: _quill.Module(
        "func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {\n"
        "  %o = quill.observe %x {id = -1 : i64, observer = #quill.observer<min_max, quint8>}"
        " : tensor<2xf32>\n  return %o : tensor<2xf32>\n}"))
    assert "<quill>:2:8: error: 'quill.observe' op id must be non-negative" in message


def test_resource_errors(example):
    text, resources = example
    missing = dict(resources)
    del missing["fc_bias"]
    assert re.search(r"<quill>:\d+:\d+: error: dense_resource<fc_bias> has no data: "
                     r"resources has no key 'fc_bias'", error(lambda: _quill.Module(text, missing)))
    wrong = dict(resources, fc_bias=resources["fc_bias"].astype(np.int64))
    assert ("resources['fc_bias'] is int64 with 10 elements; dense_resource<fc_bias> is "
            "tensor<10xf32> (float32, 10 elements)") in error(lambda: _quill.Module(text, wrong))
    short = dict(resources, fc_bias=resources["fc_bias"][:3])
    assert "resources['fc_bias'] is float32 with 3 elements" in error(
        lambda: _quill.Module(text, short))
    odd = dict(resources, fc_bias=resources["fc_bias"].astype(np.float64))
    assert "resources['fc_bias'] is float64 (10,): unsupported dtype" in error(
        lambda: _quill.Module(text, odd))
    assert "give it once" in error(lambda: _quill.Module(EXAMPLE.read_text(), resources))


def test_pass_errors(example):
    m = _quill.Module(*example)
    assert error(lambda: m.run_passes("func.func(no-such-pass)")).startswith(
        "bad pass pipeline 'func.func(no-such-pass)': ")
    message = error(lambda: m.run_passes("func.func(quill-prepare{backend=nope})"))
    assert message.startswith("pass pipeline 'func.func(quill-prepare{backend=nope})' failed:\n")
    assert "nope" in message
    # The module is still usable.
    assert m.executor().run([TEST[0]])[0].shape == (1, 10)


def test_executor_input_errors(example):
    exe = _quill.Module(*example).executor()
    x = TEST[0]
    assert error(lambda: exe.run([x[:, :2]])) == (
        "argument 0 of @resnet_float is float32 (1, 2, 16, 16), expected float32 "
        "(1, 3, 16, 16) (tensor<1x3x16x16xf32>)")
    assert error(lambda: exe.run([x.astype(np.float64)])) == (
        "argument 0 of @resnet_float is float64 (1, 3, 16, 16), expected float32 "
        "(1, 3, 16, 16) (tensor<1x3x16x16xf32>)")
    assert error(lambda: exe.run([x.astype(np.int64)])).startswith(
        "argument 0 of @resnet_float is int64 (1, 3, 16, 16), expected float32")
    assert error(lambda: exe.run([x, x])) == "@resnet_float takes 1 input(s), got 2"
    assert "must be a list of arrays" in error(lambda: exe.run(x))
    assert error(lambda: exe.run([object()])).startswith("argument 0 of @resnet_float is object ()")
    # Non-contiguous input: copied to C order, same result.
    wide = np.zeros((1, 3, 16, 32), np.float32)
    wide[..., ::2] = x
    np.testing.assert_array_equal(exe.run([wide[..., ::2]])[0], exe.run([x])[0])


def test_calibration_errors_leave_the_module_untouched(example):
    m = _quill.Module(*example)
    m.run_passes(PREPARE)
    before = m.text()
    bad = [[CALIB[0]], [CALIB[1][:, :2]]]
    assert error(lambda: m.calibrate(bad)).startswith(
        "calibration batch 1: argument 0 of @resnet_float is float32 (1, 2, 16, 16)")
    nan = CALIB[:2].copy()
    nan[1, 0, 0, 0, 0] = np.nan
    assert "calibration batch 1: " in error(lambda: m.calibrate(list(nan)))
    assert m.text() == before

    def meddle(done, total):
        m.run_passes(PREPARE)
    assert "while the module is being calibrated" in error(
        lambda: m.calibrate(list(CALIB[:1]), progress=meddle))
    assert m.text() == before


def test_calibration_returns_warnings():
    m = _quill.Module("""func.func @f(%x: tensor<0xf32>) -> tensor<0xf32> {
      %o = quill.observe %x {id = 3 : i64, observer = #quill.observer<min_max, quint8>} : tensor<0xf32>
      return %o : tensor<0xf32>
    }""", name="empty.mlir")
    (warning,) = m.calibrate([np.zeros(0, np.float32)])
    assert warning.startswith("empty.mlir:2:12: warning: observer id 3 saw no data")
    (o,) = m.observers()
    assert (o["scale"], o["zero_point"], o["module"]) == ([1.0], [0], None)


def test_int64_bool_uint8_inputs_and_outputs():
    text = """func.func @f(%i: tensor<2x3xi64>, %b: tensor<3xi1>, %u: tensor<4xui8>)
        -> (tensor<2x3x4xf32>, tensor<3xi1>, tensor<4xui8>) {
      %w = arith.constant dense_resource<table> : tensor<10x4xf32>
      %e = quill.embedding %i, %w : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x3x4xf32>
      return %e, %b, %u : tensor<2x3x4xf32>, tensor<3xi1>, tensor<4xui8>
    }"""
    table = np.arange(40, dtype=np.float32).reshape(10, 4)
    exe = _quill.Module(text, {"table": table}).executor()
    assert [t[0] for t in exe.output_types] == [np.float32, np.bool_, np.uint8]
    i = np.array([[1, 0, 9], [3, 3, 2]])
    b = np.array([True, False, True])
    u = np.array([0, 7, 200, 255], np.uint8)
    e, b_out, u_out = exe.run([i, b, u])
    np.testing.assert_array_equal(e, table[i])
    assert b_out.dtype == np.bool_ and (b_out == b).all()
    np.testing.assert_array_equal(u_out, u)
    assert error(lambda: exe.run([i.astype(np.int32), b, u])).startswith(
        "argument 0 of @f is int32 (2, 3), expected int64 (2, 3)")
    assert error(lambda: exe.run([i, b.astype(np.uint8), u])).startswith(
        "argument 1 of @f is uint8 (3,), expected bool (3,)")


def test_resnet50_sized_parse_is_fast():
    """25M float parameters in 160 tensors: no hex, one copy."""
    n, size = 160, 25_000_000 // 160
    lines = "\n".join(f"  %w{i} = arith.constant dense_resource<w{i}> : tensor<{size}xf32>"
                      for i in range(n))
    text = f"func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {{\n{lines}\n" \
           "  return %x : tensor<2xf32>\n}"
    resources = {f"w{i}": np.full(size, i, np.float32) for i in range(n)}
    start = time.perf_counter()
    m = _quill.Module(text, resources)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"parsing took {elapsed:.2f} s"
    assert m.resources()["w7"][0] == 7
