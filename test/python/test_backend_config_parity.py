"""Quill's native BackendConfigs and PyTorch-name table against PyTorch 1.13.

For each native table (x86, fbgemm, qnnpack, native) every entry of
torch's get_*_backend_config() is mapped to quill ops and must have a Quill
entry with the same pattern and settings; Quill must have no other entries.

PyTorch objects are named by the rule of
backend_config/include/quill/BackendConfig/TorchNames.h:
f"{obj.__module__}.{obj.__name__}" for classes and functions (the canonical
spelling), the string itself for Tensor methods; public aliases name the
same object. The names are translated with Quill's own table
(`quill-config torch-names`), which is checked here against the live
objects: every spelling exists, spellings with one canonical are one object
(`is`), different canonicals are different objects. Torch ops without a
quill op must be exactly Quill's unrepresented names (aliases included) and
docs/backend-config.md must list them as the tool does.
"""

import inspect
import json
import re
import tempfile

import pytest
import torch
from torch.ao.quantization import (
    get_default_qat_qconfig_mapping,
    get_default_qconfig_mapping,
)
from torch.ao.quantization.backend_config import (
    _common_operator_config_utils as groups,
    get_fbgemm_backend_config,
    get_native_backend_config,
    get_qnnpack_backend_config,
)
from torch.ao.quantization.backend_config.x86 import get_x86_backend_config

from quill_config_harness import (
    ROOT,
    parse_pattern,
    quill_config_json,
    quill_operand_positions,
    resolve,
    run_quill_config,
    torch_name,
    torch_name_table,
)
from quill.torch_config import (
    OBSERVATION,
    default_root,
    op_of,
    pattern_names,
    pattern_tree,
)

BACKENDS = {
    "x86": get_x86_backend_config,
    "fbgemm": get_fbgemm_backend_config,
    "qnnpack": get_qnnpack_backend_config,
    "native": get_native_backend_config,
}

# The pattern groups of _common_operator_config_utils.py and the backends
# that use them.
GROUPS = {
    "conv": groups._get_conv_configs,
    "linear": groups._get_linear_configs,
    "binary": groups._get_binary_op_configs,
    "cat": lambda dtypes: [groups._get_cat_config(dtypes)],
    "default_ops": groups._get_default_op_configs,
    "fixed_qparams": groups._get_fixed_qparams_op_configs,
    "share_qparams": groups._get_share_qparams_op_configs,
    "batch_norm": groups._get_bn_configs,
    "layer_norm": groups._get_ln_configs,
    "rnn": groups._get_rnn_op_configs,
    "embedding": groups._get_embedding_op_configs,
}
GROUPS_OF = {name: set(GROUPS) - {"layer_norm"} for name in BACKENDS}
GROUPS_OF["native"] = set(GROUPS)

DIFFERENT = "output_use_different_observer_as_input"


def load_backend(name_or_path):
    return quill_config_json("backend", str(name_or_path))


def load_backend_dict(config):
    """Loads a backend given as a Python dict; (stdout JSON or None, stderr)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
        json.dump(config, f)
        f.flush()
        result = run_quill_config("backend", f.name)
    if result.returncode != 0:
        return None, result.stderr
    return json.loads(result.stdout), result.stderr


@pytest.fixture(scope="module")
def table():
    return torch_name_table()


def can_map(pattern, table):
    """Whether every op of a torch pattern has a quill op."""
    return all(n == "*" or n in table["names"] for n in pattern_names(pattern))


def all_torch_names():
    names = set()
    for get in BACKENDS.values():
        for pattern, config in get().configs.items():
            names.update(pattern_names(pattern))
            for obj in (config.root_module, config.qat_module,
                        config.reference_quantized_module,
                        config.fused_module):
                if obj is not None:
                    names.add(torch_name(obj))
    return names


def qconfig_mapping_object_types():
    types = set()
    for get in (get_default_qconfig_mapping, get_default_qat_qconfig_mapping):
        for backend in ("x86", "fbgemm", "qnnpack", "onednn"):
            types.update(torch_name(t)
                         for t in get(backend).object_type_qconfigs)
    return types


def documented_unrepresented():
    """docs/backend-config.md's table: {name: {"canonical", "reason"}}."""
    text = (ROOT / "docs" / "backend-config.md").read_text()
    section = text.split("## PyTorch ops Quill does not represent")[1]
    section = section.split("\n## ")[0]
    rows = {}
    for name, aliases, reason in re.findall(
            r"^\| `([^`]+)` \| (.*?) \| (.*?) \|$", section, re.M):
        for spelling in [name] + re.findall(r"`([^`]+)`", aliases):
            rows[spelling] = {"canonical": name, "reason": reason}
    return rows


# Normalized settings, comparable between a torch entry and a Quill entry.
def torch_dtype(d):
    fields = {"dtype": str(d.dtype).removeprefix("torch.")}
    for key in ("quant_min_lower_bound", "quant_max_upper_bound",
                "scale_min_lower_bound", "scale_max_upper_bound"):
        if getattr(d, key) is not None:
            fields[key] = getattr(d, key)
    return fields


def torch_dtype_config(c):
    fields = {}
    for key in ("input", "output", "weight"):
        d = getattr(c, f"{key}_dtype_with_constraints")
        if d.dtype is not None:
            fields[f"{key}_dtype"] = torch_dtype(d)
    if c.bias_dtype is not None:
        fields["bias_dtype"] = {"dtype": str(c.bias_dtype).removeprefix("torch.")}
    if c.is_dynamic is not None:
        fields["is_dynamic"] = c.is_dynamic
    return fields


def quill_dtype_config(c):
    """A plain dtype string is a dtype without constraints."""
    return {key: {"dtype": value} if isinstance(value, str) else value
            for key, value in c.items()}


QUANT_RANGE = {"quint8": (0, 255), "qint8": (-128, 127)}


def torch_observer(partial):
    if partial is None:
        return None
    obs = partial()
    return {"class": type(obs).__name__, "dtype": str(obs.dtype)[6:],
            "qscheme": str(obs.qscheme)[6:], "quant_min": obs.quant_min,
            "quant_max": obs.quant_max, "scale": float(obs.scale),
            "zero_point": int(obs.zero_point)}


def quill_observer(spec):
    if spec is None:
        return None
    assert spec["kind"] == "fixed_qparams", spec
    low, high = QUANT_RANGE[spec["dtype"]]
    return {"class": "FixedQParamsObserver", "dtype": spec["dtype"],
            "qscheme": spec.get("qscheme", "per_tensor_affine"),
            "quant_min": spec.get("quant_min", low),
            "quant_max": spec.get("quant_max", high),
            "scale": spec["scale"], "zero_point": spec["zero_point"]}


def torch_settings(pattern, config, positions):
    """What a torch entry says, in Quill's terms."""
    root = op_of(config.root_module) if config.root_module else \
        default_root(pattern)
    index = {}
    for operand, torch_index in config._input_type_to_index.items():
        # torch counts the functional's arguments, Quill the root op's ODS
        # operands; both name the same operand.
        try:
            params = list(inspect.signature(config.pattern).parameters)
            assert params[torch_index] == operand, (config.pattern, operand)
        except (TypeError, ValueError):
            pass  # a builtin without a signature (torch.conv2d)
        index[operand] = positions[root].index(operand)
    return {
        "observation_type": OBSERVATION[config.observation_type],
        "dtype_configs": [torch_dtype_config(c) for c in config.dtype_configs],
        "num_tensor_args_to_observation_type": {
            n: OBSERVATION[o] for n, o in
            config._num_tensor_args_to_observation_type.items()},
        "input_output_observed": config._input_output_observed is not False,
        "overwrite_output_observer":
            torch_observer(config._overwrite_output_observer),
    }, root, index


def quill_settings(entry):
    pattern = parse_pattern(entry["pattern"])
    return {
        "observation_type": entry.get("observation_type", DIFFERENT),
        "dtype_configs": [quill_dtype_config(c)
                          for c in entry.get("dtype_configs", [])],
        "num_tensor_args_to_observation_type": {
            int(n): o for n, o in
            entry.get("num_tensor_args_to_observation_type", {}).items()},
        "input_output_observed": entry.get("input_output_observed", True),
        "overwrite_output_observer":
            quill_observer(entry.get("overwrite_output_observer")),
    }, entry.get("root_op", default_root(pattern))


def test_table_spellings_are_python_objects(table):
    rows = {**table["names"], **table["unrepresented"]}
    # Bare names are Tensor methods, or strings PyTorch's configs use
    # ("hardsigmoid" has no Tensor method).
    pytorch_strings = {n for n in all_torch_names() |
                       qconfig_mapping_object_types() if "." not in n}
    objects = {}
    for name, row in rows.items():
        canonical = row["canonical"]
        assert canonical in rows and rows[canonical]["canonical"] == canonical
        if "." not in name:
            assert canonical == name
            assert hasattr(torch.Tensor, name) or name in pytorch_strings, name
            continue
        obj = resolve(name)
        assert obj is resolve(canonical), (name, canonical)
        if name == canonical:
            assert torch_name(obj) == name
            objects.setdefault(id(obj), []).append(name)
    shared = [names for names in objects.values() if len(names) > 1]
    assert not shared, f"one object, several canonical spellings: {shared}"


def test_table_rows_agree(table):
    rows = {**table["names"], **table["unrepresented"]}
    for name, row in table["names"].items():
        canonical = rows[row["canonical"]]
        assert (canonical["op"], canonical["input_ranks"]) == \
            (row["op"], row["input_ranks"]), name
    for name, row in table["unrepresented"].items():
        assert rows[row["canonical"]]["reason"] == row["reason"], name


def test_pattern_reader_uses_the_table(table):
    """Every name in a pattern reads as its table row, or fails with its
    reason."""
    names = sorted(table["names"])
    out, err = load_backend_dict(
        {"name": "probe", "configs": [{"pattern": names}]})
    assert out is not None, err
    node = parse_pattern(out["configs"][0]["pattern"])
    for name in reversed(names):
        row = table["names"][name]
        assert (node[0], node[1]) == (row["op"], tuple(row["input_ranks"])), \
            name
        node = node[2][0] if node[2] else None
    for name, row in table["unrepresented"].items():
        out, err = load_backend_dict(
            {"name": "probe", "configs": [{"pattern": name}]})
        assert out is None
        assert f"configs[0].pattern: PyTorch op '{name}' has no quill op: " \
            f"{row['reason']}" in err


def test_pytorch_names_map_or_are_unrepresented(table):
    """Quill's unrepresented names are exactly the PyTorch names without a
    quill op, plus aliases of those."""
    names = all_torch_names() | qconfig_mapping_object_types()
    names.discard("*")
    unmapped = names - set(table["names"])
    unrepresented = table["unrepresented"]
    assert unmapped <= set(unrepresented), unmapped - set(unrepresented)
    canonicals = {row["canonical"] for row in unrepresented.values()}
    assert canonicals == unmapped


def test_docs_list_the_unrepresented_names(table):
    assert documented_unrepresented() == table["unrepresented"]


def test_qconfig_mapping_object_types_map(table):
    missing = qconfig_mapping_object_types() - set(table["names"])
    assert not missing


@pytest.mark.parametrize("backend", BACKENDS)
def test_pattern_groups_present(backend, table):
    quill = {parse_pattern(e["pattern"])
             for e in load_backend(backend)["configs"]}
    for group in GROUPS_OF[backend]:
        patterns = [c.pattern for c in GROUPS[group]([])]
        mapped = {pattern_tree(p) for p in patterns if can_map(p, table)}
        assert mapped, f"group {group} has no pattern with quill ops"
        assert mapped <= quill, (group, mapped - quill)


@pytest.mark.parametrize("backend", BACKENDS)
def test_entries_match(backend, table):
    positions = quill_operand_positions()
    quill = {}
    for entry in load_backend(backend)["configs"]:
        quill[parse_pattern(entry["pattern"])] = entry
    assert load_backend(backend)["name"] == backend

    # Torch entries that collapse onto one quill pattern must agree.
    by_pattern = {}
    for torch_pattern, config in BACKENDS[backend]().configs.items():
        if not can_map(torch_pattern, table):
            continue
        pattern = pattern_tree(torch_pattern)
        by_pattern.setdefault(pattern, []).append((torch_pattern, config))

    assert set(quill) == set(by_pattern), (
        f"missing in Quill: {set(by_pattern) - set(quill)}; "
        f"extra in Quill: {set(quill) - set(by_pattern)}")

    for pattern, configs in by_pattern.items():
        entry = quill[pattern]
        settings, root = quill_settings(entry)
        index = entry.get("input_type_to_index", {})
        torch_index = {}
        for torch_pattern, config in configs:
            where = (backend, torch_pattern)
            torch_fields, torch_root, operand_index = torch_settings(
                pattern, config, positions)
            assert torch_fields == settings, where
            assert torch_root == root, where
            if config.reference_quantized_module is not None:
                assert op_of(config.reference_quantized_module) == \
                    entry.get("reference_quantized_op", root), where
            for operand, position in operand_index.items():
                assert torch_index.setdefault(operand, position) == position
        assert index == torch_index, (backend, pattern)
        fused = any(c.fuser_method is not None or c.fused_module is not None
                    for _, c in configs)
        assert ("fused_op" in entry) == fused, (backend, pattern)
        if fused:
            assert entry["fused_op"] == root


@pytest.mark.parametrize("backend", BACKENDS)
def test_round_trip(backend, tmp_path):
    printed = run_quill_config("backend", backend).stdout
    path = tmp_path / f"{backend}.json"
    path.write_text(printed)
    assert run_quill_config("backend", str(path)).stdout == printed
