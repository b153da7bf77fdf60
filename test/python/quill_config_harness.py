"""Runs build/bin/quill-config from pytest, names PyTorch objects, and
checks Quill observer specs against PyTorch's live observers.

PyTorch objects are named by the rule of
backend_config/include/quill/BackendConfig/TorchNames.h, implemented once in
quill.torch_config (`torch_name`, `torch_name_table`); `resolve` goes the
other way, for any dotted spelling, so tests can check Quill's names with
Python's `is`.
"""

import importlib
import json
import os
import pathlib
import re
import subprocess
import sys

import torch
import torch.ao.quantization as tq
from torch.ao.quantization import fake_quantize as fq
from torch.ao.quantization import observer as ob
from torch.ao.quantization.utils import calculate_qmin_qmax

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("QUILL_BUILD_DIR", ROOT / "build"))
QUILL_CONFIG = BUILD / "bin" / "quill-config"
# The quill package as the other tests import it (the build tree's, which
# has the extension too), else from the sources: quill.torch_config is pure
# Python. It runs the same quill-config as the tests.
sys.path[0:0] = [str(BUILD / "python_bindings"), str(ROOT / "python_bindings")]
os.environ.setdefault("QUILL_CONFIG", str(QUILL_CONFIG))

from quill.torch_config import (  # noqa: E402
    DEFAULT_AVERAGING_CONSTANT,
    DEFAULT_BINS,
    DEFAULT_EPS,
    DTYPES,
    FAKE_QUANT_KINDS,
    OBSERVER_KINDS,
    PER_CHANNEL_KINDS,
    QSCHEMES,
    torch_name,
    torch_name_table,
)

__all__ = ["ROOT", "BUILD", "QUILL_CONFIG", "run_quill_config",
           "quill_config_json", "torch_name", "torch_name_table", "resolve",
           "check_qconfig", "TORCH_PRESETS", "quill_operand_positions",
           "parse_pattern"]


def run_quill_config(*args):
    assert QUILL_CONFIG.exists(), f"build quill-config first ({QUILL_CONFIG})"
    return subprocess.run([str(QUILL_CONFIG), *args], capture_output=True,
                          text=True)


def quill_config_json(*args):
    """quill-config's output, which must succeed, as JSON."""
    result = run_quill_config(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def resolve(name):
    """The Python object a dotted name spells (importing its module)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for part in parts[i:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(name)


def quill_operand_positions():
    """quill op -> its operand names in ODS order, from docs/dialect/."""
    positions = {}
    for page in (ROOT / "docs" / "dialect").glob("*.md"):
        for section in re.split(r"^### ", page.read_text(), flags=re.M)[1:]:
            op = re.match(r"`([\w.]+)`", section)
            operands = re.search(r"#### Operands:\n\n(.*?)\n\n", section,
                                 re.S)
            if op and operands:
                positions[op.group(1)] = re.findall(r"^\| `(\w+)` \|",
                                                    operands.group(1), re.M)
    return positions


# Patterns in a canonical, hashable form: (op, input_ranks, args), as
# quill.torch_config.pattern_tree builds them from PyTorch's.
def _parse_node(node):
    if isinstance(node, str):
        return (node, (), ())
    return (node["op"], tuple(node.get("input_ranks", ())),
            tuple(_parse_node(a) for a in node.get("args", ())))


def parse_pattern(pattern):
    """A pattern as quill-config prints it: op, chain list or tree."""
    if isinstance(pattern, list):
        node = None
        for op in pattern:
            node = (op, (), (node,) if node else ())
        return node
    return _parse_node(pattern)


# The PyTorch object each qconfig preset of `quill-config list` mirrors
# (docs/qconfig.md#presets). The weight-only embedding presets are
# object-type rules for PyTorch's embedding modules and functions.
def _embedding_rules(qconfig):
    mapping = tq.QConfigMapping()
    for t in (torch.nn.Embedding, torch.nn.EmbeddingBag,
              torch.nn.functional.embedding,
              torch.nn.functional.embedding_bag):
        mapping.set_object_type(t, qconfig)
    return mapping


TORCH_PRESETS = {
    **{b: lambda b=b: tq.get_default_qconfig_mapping(b)
       for b in ("x86", "fbgemm", "qnnpack", "onednn")},
    **{f"qat_{b}": lambda b=b: tq.get_default_qat_qconfig_mapping(b)
       for b in ("x86", "fbgemm", "qnnpack", "onednn")},
    # A single QConfig: the global one.
    "dynamic": lambda: tq.default_dynamic_qconfig,
    "dynamic_per_channel": lambda: tq.per_channel_dynamic_qconfig,
    "float16_dynamic": lambda: tq.float16_dynamic_qconfig,
    "float16_static": lambda: tq.float16_static_qconfig,
    "symmetric_qnnpack": lambda: tq.default_symmetric_qnnpack_qconfig,
    "weight_only_embedding":
        lambda: _embedding_rules(tq.float_qparams_weight_only_qconfig),
    "weight_only_embedding_4bit":
        lambda: _embedding_rules(tq.float_qparams_weight_only_qconfig_4bit),
}


# Field-by-field comparison of a Quill observer spec with the PyTorch
# observer its constructor builds: an oracle independent of the
# translation in quill.torch_config.
def check_observer(where, obs, spec, histogram="histogram"):
    kind = OBSERVER_KINDS[type(obs)]
    if kind == "histogram":
        kind = histogram
    assert spec["kind"] == kind, where
    assert spec["dtype"] == DTYPES[obs.dtype], where
    default_qscheme = ("per_channel_affine" if kind in PER_CHANNEL_KINDS
                       else "per_tensor_affine")
    qscheme = QSCHEMES[obs.qscheme] if hasattr(obs, "qscheme") \
        else default_qscheme
    assert spec.get("qscheme", default_qscheme) == qscheme, where

    reduce_range = getattr(obs, "reduce_range", False)
    assert spec.get("reduce_range", False) == reduce_range, where
    has_range = "quant_min" in spec
    assert has_range == ("quant_max" in spec), where
    if isinstance(obs, ob.UniformQuantizationObserverBase):
        # PyTorch keeps the effective (reduced) range; Quill the
        # constructor's arguments. Reduce ours with PyTorch's own rule.
        assert has_range == obs.has_customized_qrange, where
        effective = calculate_qmin_qmax(
            spec.get("quant_min"), spec.get("quant_max"), has_range,
            obs.dtype, reduce_range)
        assert effective == (obs.quant_min, obs.quant_max), where
        assert spec.get("eps", DEFAULT_EPS) == obs.eps.item(), where
    elif isinstance(obs, ob.FixedQParamsObserver):
        assert (spec["quant_min"], spec["quant_max"]) == \
            (obs.quant_min, obs.quant_max), where
    else:
        assert not has_range, where
    if "eps" in spec:
        assert isinstance(obs, ob.UniformQuantizationObserverBase), where

    assert spec.get("ch_axis", 0) == getattr(obs, "ch_axis", 0), where
    assert spec.get("averaging_constant", DEFAULT_AVERAGING_CONSTANT) == \
        getattr(obs, "averaging_constant", DEFAULT_AVERAGING_CONSTANT), where
    assert spec.get("bins", DEFAULT_BINS) == \
        getattr(obs, "bins", DEFAULT_BINS), where
    if isinstance(obs, ob.HistogramObserver):
        # Not an ObserverSpec field: Quill's histogram always upsamples 128x.
        assert obs.upsample_rate == 128, where
    if isinstance(obs, ob.FixedQParamsObserver):
        assert spec["scale"] == obs.scale.item(), where
        assert spec["zero_point"] == obs.zero_point.item(), where
    else:
        assert "scale" not in spec and "zero_point" not in spec, where
    # 1.13's PlaceholderObserver marks dynamic quantization with a
    # compute_dtype (equal to its dtype in every preset); Quill's is_dynamic.
    dynamic = hasattr(obs, "compute_dtype")
    if dynamic:
        assert obs.compute_dtype == obs.dtype, where
    assert spec.get("is_dynamic", False) == dynamic, where


def check_quantizer(where, constructor, spec, histogram="histogram"):
    instance = constructor()
    if isinstance(instance, fq.FakeQuantizeBase):
        assert spec.get("fake_quant") == FAKE_QUANT_KINDS[type(instance)], \
            where
        check_observer(where, instance.activation_post_process, spec,
                       histogram)
    else:
        assert "fake_quant" not in spec, where
        check_observer(where, instance, spec, histogram)


def check_qconfig(where, torch_qconfig, quill_qconfig, histogram="histogram"):
    if torch_qconfig is None:
        assert quill_qconfig is None, where
        return
    assert quill_qconfig is not None, where
    check_quantizer(f"{where}.activation", torch_qconfig.activation,
                    quill_qconfig["activation"], histogram)
    check_quantizer(f"{where}.weight", torch_qconfig.weight,
                    quill_qconfig["weight"], histogram)
