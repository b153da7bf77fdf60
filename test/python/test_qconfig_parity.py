"""Quill's qconfig presets against PyTorch 1.13's live objects.

For each preset, `quill-config qconfig NAME` is compared field by field with
the torch.ao.quantization QConfigs it mirrors: each side's constructor is
called and the instance read (class, dtype, qscheme, effective quant range,
reduce_range, eps, ch_axis, averaging_constant, bins, fixed scale/zero_point,
dynamic flag; for fake-quantize modules the class and the observer in
activation_post_process).

Object types: for every key of PyTorch's default mapping, the quill op that
key names (from Quill's own PyTorch-name table, `quill-config torch-names`)
must resolve to a qconfig equal to PyTorch's for that key, with
QConfigMapping's object-type rule (a key naming the same object as the op's
quill.module_type, else a quill op key, else global). Object-type keys load
in their canonical spelling: Python's own name for the object an alias
names.
"""

import functools
import json
import tempfile

import pytest
import torch
import torch.ao.quantization as tq
from torch.ao.quantization import fake_quantize as fq
from torch.ao.quantization import observer as ob
from torch.ao.quantization._learnable_fake_quantize import \
    _LearnableFakeQuantize
from torch.ao.quantization.utils import calculate_qmin_qmax

from quill_config_harness import (
    quill_config_json,
    resolve,
    torch_name,
    torch_name_table,
)

# Constructing reduce_range observers warns about a future deprecation.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Please use quant_min and quant_max:UserWarning")


OBSERVER_KINDS = {
    ob.MinMaxObserver: "min_max",
    ob.MovingAverageMinMaxObserver: "moving_average_min_max",
    ob.PerChannelMinMaxObserver: "per_channel_min_max",
    ob.MovingAveragePerChannelMinMaxObserver:
        "moving_average_per_channel_min_max",
    # Quill's default histogram is 1.13's algorithm with its range bug fixed
    # (NUMERICS.md); same constructor arguments.
    ob.HistogramObserver: "histogram",
    ob.PlaceholderObserver: "placeholder",
    ob.FixedQParamsObserver: "fixed_qparams",
    ob.NoopObserver: "noop",
    ob.RecordingObserver: "recording",
    ob.ReuseInputObserver: "reuse_input",
}
FAKE_QUANT_KINDS = {
    fq.FakeQuantize: "fake_quantize",
    fq.FusedMovingAvgObsFakeQuantize: "fused_moving_avg_obs_fake_quantize",
    fq.FixedQParamsFakeQuantize: "fixed_qparams_fake_quantize",
    _LearnableFakeQuantize: "learnable_fake_quantize",
}
DTYPES = {
    torch.quint8: "quint8", torch.qint8: "qint8", torch.qint32: "qint32",
    torch.quint4x2: "quint4x2", torch.float16: "float16",
    torch.float32: "float32",
}
QSCHEMES = {
    torch.per_tensor_affine: "per_tensor_affine",
    torch.per_tensor_symmetric: "per_tensor_symmetric",
    torch.per_channel_affine: "per_channel_affine",
    torch.per_channel_symmetric: "per_channel_symmetric",
    torch.per_channel_affine_float_qparams: "per_channel_affine_float_qparams",
}
PER_CHANNEL_KINDS = {"per_channel_min_max",
                     "moving_average_per_channel_min_max"}
# The defaults of #quill.observer's keyword fields (QuillAttrs.td).
DEFAULT_EPS = torch.finfo(torch.float32).eps
DEFAULT_AVERAGING_CONSTANT = 0.01
DEFAULT_BINS = 2048


@functools.lru_cache(maxsize=None)
def quill_preset(name):
    return quill_config_json("qconfig", name)


def torch_names():
    return torch_name_table()["names"]


def quill_op_for(name):
    return torch_names()[name]["op"]


def canonical(name):
    """QConfigMapping's key for an object type (TorchNames.h)."""
    row = torch_names().get(name)
    return row["canonical"] if row else name


def check_observer(where, obs, spec):
    kind = OBSERVER_KINDS[type(obs)]
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


def check_quantizer(where, constructor, spec):
    instance = constructor()
    if isinstance(instance, fq.FakeQuantizeBase):
        assert spec.get("fake_quant") == FAKE_QUANT_KINDS[type(instance)], \
            where
        check_observer(where, instance.activation_post_process, spec)
    else:
        assert "fake_quant" not in spec, where
        check_observer(where, instance, spec)


def check_qconfig(where, torch_qconfig, quill_qconfig):
    if torch_qconfig is None:
        assert quill_qconfig is None, where
        return
    assert quill_qconfig is not None, where
    check_quantizer(f"{where}.activation", torch_qconfig.activation,
                    quill_qconfig["activation"])
    check_quantizer(f"{where}.weight", torch_qconfig.weight,
                    quill_qconfig["weight"])


def resolve_object_type(quill_mapping, op, module_type):
    """QConfigMapping::resolve's object-type step, for an op of quill op
    `op` imported with quill.module_type `module_type` (the presets have no
    regex, module-name or order rules)."""
    rules = dict(quill_mapping["object_type"])
    if canonical(module_type) in rules:
        return rules[canonical(module_type)]
    return rules.get(op, quill_mapping["global"])


def check_no_name_rules(mapping):
    assert mapping["module_name_regex"] == []
    assert mapping["module_name"] == []
    assert mapping["module_name_object_type_order"] == []


BACKENDS = ["x86", "fbgemm", "qnnpack", "onednn"]


@pytest.mark.parametrize("qat", [False, True], ids=["ptq", "qat"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_default_qconfig_mapping(backend, qat):
    if qat:
        expected = tq.get_default_qat_qconfig_mapping(backend)
        name = f"qat_{backend}"
    else:
        expected = tq.get_default_qconfig_mapping(backend)
        name = backend
    mapping = quill_preset(name)
    check_no_name_rules(mapping)
    check_qconfig(f"{name}: global", expected.global_qconfig,
                  mapping["global"])

    covered = set()
    for key, qconfig in expected.object_type_qconfigs.items():
        spelled = torch_name(key)
        op = quill_op_for(spelled)
        check_qconfig(f"{name}: object type {spelled} ({op})", qconfig,
                      resolve_object_type(mapping, op, spelled))
        covered.update({spelled, op})
    # Every Quill rule stands for one of PyTorch's keys.
    for key, _ in mapping["object_type"]:
        assert key in covered, f"{name}: rule {key} is not PyTorch's"


# Presets that are a single PyTorch QConfig set as the global qconfig.
GLOBAL_PRESETS = {
    "dynamic": tq.default_dynamic_qconfig,
    "dynamic_per_channel": tq.per_channel_dynamic_qconfig,
    "float16_dynamic": tq.float16_dynamic_qconfig,
    "float16_static": tq.float16_static_qconfig,
    "symmetric_qnnpack": tq.default_symmetric_qnnpack_qconfig,
}


@pytest.mark.parametrize("name", sorted(GLOBAL_PRESETS))
def test_global_presets(name):
    mapping = quill_preset(name)
    check_no_name_rules(mapping)
    assert mapping["object_type"] == []
    check_qconfig(f"{name}: global", GLOBAL_PRESETS[name], mapping["global"])


# Weight-only embedding presets: object-type rules for PyTorch's embedding
# modules and functions, no global (see docs/qconfig.md).
EMBEDDING_PRESETS = {
    "weight_only_embedding": tq.float_qparams_weight_only_qconfig,
    "weight_only_embedding_4bit": tq.float_qparams_weight_only_qconfig_4bit,
}
EMBEDDING_TYPES = [torch.nn.Embedding, torch.nn.EmbeddingBag,
                   torch.nn.functional.embedding,
                   torch.nn.functional.embedding_bag]


@pytest.mark.parametrize("name", sorted(EMBEDDING_PRESETS))
def test_weight_only_embedding_presets(name):
    mapping = quill_preset(name)
    check_no_name_rules(mapping)
    assert mapping["global"] is None
    ops = set()
    for key in EMBEDDING_TYPES:
        spelled = torch_name(key)
        op = quill_op_for(spelled)
        ops.add(op)
        check_qconfig(f"{name}: object type {spelled} ({op})",
                      EMBEDDING_PRESETS[name],
                      resolve_object_type(mapping, op, spelled))
    assert {key for key, _ in mapping["object_type"]} == ops


def test_object_type_keys_load_canonical():
    """Every alias in Quill's table, used as an object-type key, loads as
    Python's own spelling of the object it names."""
    aliases = {}
    for name, row in sorted(torch_names().items()):
        if row["canonical"] != name:
            aliases.setdefault(row["canonical"], []).append(name)
    assert aliases
    # Two spellings of one object in one mapping are a duplicate key: the
    # k-th file has the k-th alias of each object.
    for k in range(max(len(names) for names in aliases.values())):
        batch = [names[k] for names in aliases.values() if k < len(names)]
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump({"object_type": [[name, None] for name in batch]}, f)
            f.flush()
            mapping = quill_config_json("qconfig", f.name)
        keys = [key for key, _ in mapping["object_type"]]
        assert keys == [torch_name(resolve(name)) for name in batch]

