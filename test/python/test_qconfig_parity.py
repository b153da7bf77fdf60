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

from quill_config_harness import (
    TORCH_PRESETS,
    check_qconfig,
    quill_config_json,
    resolve,
    torch_name,
    torch_name_table,
)

# Constructing reduce_range observers warns about a future deprecation.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Please use quant_min and quant_max:UserWarning")


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
    name = f"qat_{backend}" if qat else backend
    expected = TORCH_PRESETS[name]()
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
GLOBAL_PRESETS = ["dynamic", "dynamic_per_channel", "float16_dynamic",
                  "float16_static", "symmetric_qnnpack"]


@pytest.mark.parametrize("name", GLOBAL_PRESETS)
def test_global_presets(name):
    mapping = quill_preset(name)
    check_no_name_rules(mapping)
    assert mapping["object_type"] == []
    check_qconfig(f"{name}: global", TORCH_PRESETS[name](), mapping["global"])


# Weight-only embedding presets: object-type rules for PyTorch's embedding
# modules and functions, no global (see docs/qconfig.md).
@pytest.mark.parametrize("name", ["weight_only_embedding",
                                  "weight_only_embedding_4bit"])
def test_weight_only_embedding_presets(name):
    mapping = quill_preset(name)
    check_no_name_rules(mapping)
    assert mapping["global"] is None
    ops = set()
    for key, qconfig in TORCH_PRESETS[name]().object_type_qconfigs.items():
        spelled = torch_name(key)
        op = quill_op_for(spelled)
        ops.add(op)
        check_qconfig(f"{name}: object type {spelled} ({op})", qconfig,
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

