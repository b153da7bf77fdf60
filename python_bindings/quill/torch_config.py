"""PyTorch 1.13 quantization configs as Quill's JSON tables.

    from quill.torch_config import (backend_config_to_json,
                                    qconfig_mapping_to_json)
    qconfig_mapping_to_json(tq.get_default_qconfig_mapping("x86"))
    backend_config_to_json(get_native_backend_config())

The JSON is the format of docs/qconfig.md and docs/backend-config.md, loaded
by `quill-config`, the passes and the `quill` API. Observers are read from
instances (each factory is called, as PyTorch's prepare does), so every
`with_args` argument is honoured exactly. PyTorch objects are named by
Quill's PyTorch-name table (`quill-config torch-names`): spellings of one
quill op that share a setting become one rule or entry keyed by the quill
op, as in Quill's presets and native tables. What Quill cannot express (a
custom observer class, an op Quill does not represent, spellings of one op
that disagree) raises ValueError naming it.
"""

import functools
import json
import os
import pathlib
import shutil
import subprocess

import torch
from torch.ao.quantization import QConfigMapping
from torch.ao.quantization import fake_quantize as fq
from torch.ao.quantization import observer as ob
from torch.ao.quantization._learnable_fake_quantize import \
    _LearnableFakeQuantize
from torch.ao.quantization.backend_config import BackendConfig, ObservationType
from torch.ao.quantization.utils import MatchAllNode

__all__ = ["qconfig_mapping_to_json", "backend_config_to_json",
           "qconfig_mapping_to_dict", "backend_config_to_dict"]

OBSERVER_KINDS = {
    ob.MinMaxObserver: "min_max",
    ob.MovingAverageMinMaxObserver: "moving_average_min_max",
    ob.PerChannelMinMaxObserver: "per_channel_min_max",
    ob.MovingAveragePerChannelMinMaxObserver:
        "moving_average_per_channel_min_max",
    # Quill's `histogram` is 1.13's algorithm with its range bug fixed
    # (docs/observers.md); `histogram="torch113"` picks the 1.13 one.
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
HISTOGRAM_KINDS = {"histogram": "histogram", "torch113": "histogram_torch113"}
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
# The defaults of #quill.observer's keyword fields (QuillAttrs.td), which
# the JSON omits.
DEFAULT_EPS = torch.finfo(torch.float32).eps
DEFAULT_AVERAGING_CONSTANT = 0.01
DEFAULT_BINS = 2048
OBSERVATION = {
    ObservationType.OUTPUT_USE_DIFFERENT_OBSERVER_AS_INPUT:
        "output_use_different_observer_as_input",
    ObservationType.OUTPUT_SHARE_OBSERVER_WITH_INPUT:
        "output_share_observer_with_input",
}
# ODS operand positions of the weight and bias of the quill ops that have
# them (BackendConfigJSON.cpp's odsOperandIndex): input_type_to_index counts
# the root op's operands, PyTorch the functional's arguments.
WEIGHT_BIAS_OPERANDS = {
    **{f"quill.{op}": {"weight": 1, "bias": 2} for op in (
        "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
        "conv_transpose3d", "linear", "layer_norm", "group_norm",
        "instance_norm")},
    "quill.batch_norm": {"weight": 3, "bias": 4},
    "quill.prelu": {"weight": 1},
    "quill.embedding": {"weight": 1},
    "quill.embedding_bag": {"weight": 1},
}


# ---------------------------------------------------------------- names

def torch_name(obj):
    """The spelling rule of TorchNames.h: a class or function as
    f"{obj.__module__}.{obj.__name__}" (its canonical spelling), a Tensor
    method (a string) as itself, MatchAllNode as "*"."""
    if isinstance(obj, str):
        return obj
    if obj is MatchAllNode:
        return "*"
    module, name = getattr(obj, "__module__", None), \
        getattr(obj, "__name__", None)
    if not isinstance(module, str) or not isinstance(name, str):
        raise ValueError(f"{obj!r} has no Python name (__module__.__name__) "
                         "Quill could match ops by")
    return f"{module}.{name}"


def quill_config_binary():
    """quill-config: $QUILL_CONFIG, else the build tree's (this file is
    <build>/python_bindings/quill/torch_config.py), else on PATH."""
    if os.environ.get("QUILL_CONFIG"):
        return os.environ["QUILL_CONFIG"]
    # Not resolved: the build tree may symlink this file to the sources.
    built = pathlib.Path(os.path.abspath(__file__)).parents[2] / "bin" / \
        "quill-config"
    if built.exists():
        return str(built)
    found = shutil.which("quill-config")
    if not found:
        raise RuntimeError("quill-config not found: build it, put it on PATH "
                           "or set QUILL_CONFIG")
    return found


@functools.lru_cache(maxsize=None)
def torch_name_table():
    """`quill-config torch-names`: {"names": {spelling: {"op", "canonical",
    "input_ranks"}}, "unrepresented": {spelling: {"canonical", "reason"}}}."""
    result = subprocess.run([quill_config_binary(), "torch-names"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"quill-config torch-names failed: {result.stderr}")
    return json.loads(result.stdout)


def _unrepresented(name, where):
    row = torch_name_table()["unrepresented"].get(name)
    if row:
        raise ValueError(f"{where}: Quill does not represent PyTorch's "
                         f"'{name}': {row['reason']}")


def _name_row(name):
    return torch_name_table()["names"].get(name)


# ------------------------------------------------------------ observers

def _instantiate(factory, where):
    if factory is None:
        raise ValueError(f"{where}: missing observer (QConfig needs both "
                         "activation and weight)")
    try:
        return factory()
    except Exception as e:
        raise ValueError(f"{where}: constructing {factory!r} failed: {e}") \
            from e


def _dtype(dtype, where):
    if dtype not in DTYPES:
        raise ValueError(f"{where}: Quill has no dtype {dtype}")
    return DTYPES[dtype]


def _unchanged(where, cls, **fields):
    """Constructor arguments Quill has no field for must keep their
    defaults: (value, default) pairs."""
    for field, (value, default) in fields.items():
        if value != default:
            raise ValueError(f"{where}: Quill cannot express {cls}'s "
                             f"{field}={value!r} (only {default!r})")


def _observer_spec(obs, where, histogram):
    kind = OBSERVER_KINDS.get(type(obs))
    if kind is None:
        raise ValueError(
            f"{where}: Quill has no observer like {torch_name(type(obs))}; "
            f"it has {', '.join(c.__name__ for c in OBSERVER_KINDS)}")
    cls = type(obs).__name__
    if kind == "histogram":
        kind = histogram
        _unchanged(where, cls, upsample_rate=(obs.upsample_rate, 128))
    spec = {"kind": kind, "dtype": _dtype(obs.dtype, where)}
    default_qscheme = torch.per_channel_affine if kind in PER_CHANNEL_KINDS \
        else torch.per_tensor_affine
    qscheme = getattr(obs, "qscheme", default_qscheme)
    if qscheme != default_qscheme:
        spec["qscheme"] = QSCHEMES[qscheme]
    if isinstance(obs, ob.UniformQuantizationObserverBase):
        if obs.has_customized_qrange:
            # PyTorch keeps the range after reduce_range halved it (floor
            # division); Quill takes it before. Both ends of [2a, 2b + 1]
            # halve to the same [a, b] and stay inside the dtype's range.
            low, high = obs.quant_min, obs.quant_max
            if obs.reduce_range:
                low, high = 2 * low, 2 * high + 1
            spec["quant_min"], spec["quant_max"] = low, high
        if obs.reduce_range:
            spec["reduce_range"] = True
        if obs.eps.item() != DEFAULT_EPS:
            spec["eps"] = obs.eps.item()
    if kind in PER_CHANNEL_KINDS and obs.ch_axis != 0:
        spec["ch_axis"] = obs.ch_axis
    if hasattr(obs, "averaging_constant") and \
            obs.averaging_constant != DEFAULT_AVERAGING_CONSTANT:
        spec["averaging_constant"] = obs.averaging_constant
    if isinstance(obs, ob.HistogramObserver) and obs.bins != DEFAULT_BINS:
        spec["bins"] = obs.bins
    if isinstance(obs, ob.FixedQParamsObserver):
        spec.update(quant_min=obs.quant_min, quant_max=obs.quant_max,
                    scale=obs.scale.item(), zero_point=obs.zero_point.item())
    if isinstance(obs, (ob.PlaceholderObserver, ob.NoopObserver)):
        _unchanged(where, cls, custom_op_name=(obs.custom_op, ""))
    # 1.13 marks dynamic quantization with PlaceholderObserver's
    # compute_dtype; Quill's is_dynamic quantizes to the observer's dtype.
    if hasattr(obs, "compute_dtype"):
        _unchanged(where, cls, compute_dtype=(obs.compute_dtype, obs.dtype))
        spec["is_dynamic"] = True
    return spec


def quantizer_spec(factory, where="observer", histogram="histogram"):
    """An observer or fake-quantize factory (class or with_args partial) as
    a Quill observer spec (+ "fake_quant")."""
    if histogram not in HISTOGRAM_KINDS:
        raise ValueError(f"histogram must be one of {sorted(HISTOGRAM_KINDS)}"
                         f", not {histogram!r}")
    instance = _instantiate(factory, where)
    if not isinstance(instance, fq.FakeQuantizeBase):
        return _observer_spec(instance, where, HISTOGRAM_KINDS[histogram])
    kind = FAKE_QUANT_KINDS.get(type(instance))
    if kind is None:
        raise ValueError(
            f"{where}: Quill has no fake-quantize like "
            f"{torch_name(type(instance))}; it has "
            f"{', '.join(c.__name__ for c in FAKE_QUANT_KINDS)}")
    if isinstance(instance, _LearnableFakeQuantize):
        # Quill's learnable scales come from the exporter, not from here;
        # channel_len only sizes them.
        _unchanged(where, "_LearnableFakeQuantize",
                   scale=(instance.scale.detach().unique().tolist(), [1.0]),
                   zero_point=(instance.zero_point.detach().unique().tolist(),
                               [0.0]),
                   use_grad_scaling=(instance.use_grad_scaling, False))
    spec = _observer_spec(instance.activation_post_process, where,
                          HISTOGRAM_KINDS[histogram])
    spec["fake_quant"] = kind
    return spec


def qconfig_to_dict(qconfig, where="qconfig", histogram="histogram"):
    """A QConfig (or None) as Quill's {"activation", "weight"} (or None)."""
    if qconfig is None:
        return None
    if not (hasattr(qconfig, "activation") and hasattr(qconfig, "weight")):
        raise ValueError(f"{where}: expected a QConfig or None, got "
                         f"{qconfig!r}")
    return {side: quantizer_spec(getattr(qconfig, side), f"{where}.{side}",
                                 histogram)
            for side in ("activation", "weight")}


# -------------------------------------------------------- QConfigMapping

LEGACY_KEYS = {"", "object_type", "module_name_regex", "module_name",
               "module_name_object_type_order"}


def _as_mapping(mapping):
    if isinstance(mapping, QConfigMapping):
        return mapping
    if isinstance(mapping, dict):  # a legacy qconfig_dict
        unknown = set(mapping) - LEGACY_KEYS
        if unknown:
            raise ValueError(f"qconfig_dict: unknown keys {sorted(unknown)} "
                             f"(expected {sorted(LEGACY_KEYS)})")
        return QConfigMapping.from_dict(mapping)
    if hasattr(mapping, "activation") and hasattr(mapping, "weight"):
        return QConfigMapping().set_global(mapping)
    raise ValueError("expected a torch QConfigMapping, a QConfig or a "
                     f"qconfig_dict, got {mapping!r}")


def _object_type_key(obj, where):
    """An object type as a Quill key: its canonical spelling."""
    name = torch_name(obj)
    _unrepresented(name, where)
    row = _name_row(name)
    return row["canonical"] if row else name


def _collapse_spellings(rules):
    """Spellings of one quill op (same input ranks) sharing one qconfig
    become one rule keyed by the quill op, at the first one's place, as in
    Quill's presets (docs/qconfig.md)."""
    groups = {}
    for key, qconfig in rules:
        row = _name_row(key)
        if row:
            groups.setdefault((row["op"], tuple(row["input_ranks"])),
                              []).append((key, qconfig))
    keys = {key for key, _ in rules}
    collapse = {}
    for (op, ranks), members in groups.items():
        # A quill-op key matches every rank: spellings implying ranks
        # (BatchNorm2d) stay themselves.
        if len(members) > 1 and not ranks and op not in keys and \
                all(q == members[0][1] for _, q in members):
            collapse.update({key: op for key, _ in members})
    out, seen = [], set()
    for key, qconfig in rules:
        key = collapse.get(key, key)
        if key not in seen:
            seen.add(key)
            out.append([key, qconfig])
    return out


def qconfig_mapping_to_dict(mapping, histogram="histogram"):
    """See qconfig_mapping_to_json; the JSON as a Python dict."""
    mapping = _as_mapping(mapping)

    def qc(qconfig, where):
        return qconfig_to_dict(qconfig, where, histogram)

    object_types = []
    for t, q in mapping.object_type_qconfigs.items():
        where = f"object_type {t!r}"
        object_types.append((_object_type_key(t, where), qc(q, where)))
    orders = []
    for (name, t, index), q in \
            mapping.module_name_object_type_order_qconfigs.items():
        where = f"module_name_object_type_order {(name, t, index)!r}"
        orders.append([name, _object_type_key(t, where), index,
                       qc(q, where)])
    return {
        "global": qc(mapping.global_qconfig, "global"),
        "object_type": _collapse_spellings(object_types),
        "module_name_regex": [
            [regex, qc(q, f"module_name_regex {regex!r}")]
            for regex, q in mapping.module_name_regex_qconfigs.items()],
        "module_name": [
            [name, qc(q, f"module_name {name!r}")]
            for name, q in mapping.module_name_qconfigs.items()],
        "module_name_object_type_order": orders,
    }


def qconfig_mapping_to_json(mapping, histogram="histogram"):
    """A torch.ao.quantization QConfigMapping (or a QConfig, meaning
    set_global, or a legacy qconfig_dict) as Quill QConfigMapping JSON.

    histogram: "histogram" maps HistogramObserver to Quill's corrected
    `histogram`, "torch113" to `histogram_torch113` (1.13 bit for bit)."""
    return json.dumps(qconfig_mapping_to_dict(mapping, histogram), indent=2,
                      sort_keys=True)


# --------------------------------------------------------- BackendConfig

def pattern_names(pattern):
    """The PyTorch names in a pattern ("*" for MatchAllNode)."""
    if isinstance(pattern, tuple):
        for part in pattern:
            yield from pattern_names(part)
    else:
        yield torch_name(pattern)


def pattern_tree(pattern):
    """PyTorch's reversed nested tuple (op, arg0, arg1, ...) as a hashable
    (op, input_ranks, args) tree of quill ops."""
    if isinstance(pattern, tuple):
        op, ranks, _ = pattern_tree(pattern[0])
        return (op, ranks, tuple(pattern_tree(a) for a in pattern[1:]))
    name = torch_name(pattern)
    if name == "*":
        return ("*", (), ())
    row = _name_row(name)
    return (row["op"], tuple(row["input_ranks"]), ())


def default_root(node):
    """PyTorch's default root: the innermost first argument's op."""
    while node[2]:
        node = node[2][0]
    return node[0]


def _node_json(node):
    op, ranks, args = node
    if not args and not ranks:
        return op
    out = {"op": op}
    if ranks:
        out["input_ranks"] = list(ranks)
    if args:
        out["args"] = [_node_json(a) for a in args]
    return out


def _pattern_json(node):
    """As quill-config prints it: an op, a chain of plain ops in dataflow
    order, else a tree."""
    chain, n = [], node
    while n[0] != "*" and not n[1] and len(n[2]) <= 1:
        chain.append(n[0])
        if not n[2]:
            return list(reversed(chain)) if len(chain) > 1 else chain[0]
        n = n[2][0]
    return _node_json(node)


def op_of(obj, where="op"):
    """The quill op a PyTorch class, function or method name stands for."""
    name = torch_name(obj)
    _unrepresented(name, where)
    row = _name_row(name)
    if row is None:
        raise ValueError(f"{where}: '{name}' is not a PyTorch name Quill "
                         "knows (quill-config torch-names)")
    return row["op"]


def _dtype_with_constraints(d, where):
    name = _dtype(d.dtype, where)
    bounds = {key: getattr(d, key) for key in (
        "quant_min_lower_bound", "quant_max_upper_bound",
        "scale_min_lower_bound", "scale_max_upper_bound")
        if getattr(d, key) is not None}
    return {"dtype": name, **bounds} if bounds else name


def _dtype_config(c, where):
    out = {}
    for key in ("input", "output", "weight"):
        d = getattr(c, f"{key}_dtype_with_constraints")
        if d.dtype is not None:
            out[f"{key}_dtype"] = _dtype_with_constraints(
                d, f"{where}.{key}_dtype")
    if c.bias_dtype is not None:
        out["bias_dtype"] = _dtype(c.bias_dtype, f"{where}.bias_dtype")
    if c.is_dynamic is not None:
        out["is_dynamic"] = c.is_dynamic
    return out


def _overwrite_output_observer(config, where):
    observer, fake_quant = config._overwrite_output_observer, \
        config._overwrite_output_fake_quantize
    spec = quantizer_spec(observer, f"{where}: overwrite_output_observer") \
        if observer is not None else None
    if fake_quant is not None:
        # Quill derives it: fixed_qparams_fake_quantize around the observer.
        wrapped = quantizer_spec(fake_quant,
                                 f"{where}: overwrite_output_fake_quantize")
        if wrapped != dict(spec or {},
                           fake_quant="fixed_qparams_fake_quantize"):
            raise ValueError(
                f"{where}: overwrite_output_fake_quantize must be "
                "FixedQParamsFakeQuantize around overwrite_output_observer "
                "(Quill derives it from the observer)")
    return spec


def _settings(tree, config, where):
    """What one PyTorch entry says, in Quill's terms: (settings all
    spellings of the quill pattern must share, input_type_to_index, fused
    op or None, reference quantized op or None)."""
    for getter in ("_root_node_getter", "_extra_inputs_getter"):
        if getattr(config, getter) is not None:
            raise ValueError(f"{where}: Quill cannot express a Python "
                             f"{getter.lstrip('_')} (it has root_op)")
    root = op_of(config.root_module, f"{where}: root_module") \
        if config.root_module is not None else default_root(tree)
    settings = {
        "observation_type": OBSERVATION[config.observation_type],
        "dtype_configs": [_dtype_config(c, f"{where}: dtype_configs[{i}]")
                          for i, c in enumerate(config.dtype_configs)],
        "root_op": root,
        "num_tensor_args_to_observation_type": {
            str(n): OBSERVATION[o] for n, o in
            sorted(config._num_tensor_args_to_observation_type.items())},
        "input_output_observed": config._input_output_observed is not False,
        "overwrite_output_observer":
            _overwrite_output_observer(config, where),
    }
    index = {}
    for operand in config._input_type_to_index:
        position = WEIGHT_BIAS_OPERANDS.get(root, {}).get(operand)
        if position is None:
            raise ValueError(f"{where}: input_type_to_index: {root} has no "
                             f"'{operand}' operand")
        index[operand] = position
    fused = None
    if config.fused_module is not None:
        fused = op_of(config.fused_module, f"{where}: fused_module")
    elif config.fuser_method is not None:
        fused = root
    reference = None
    if config.reference_quantized_module is not None:
        reference = op_of(config.reference_quantized_module,
                           f"{where}: reference_quantized_module")
    return settings, index, fused, reference


def _merge(tree, spellings):
    """One Quill entry from the PyTorch entries that spell one quill
    pattern: they must agree; each adds what it says (a functional's
    operand positions, a fusion, a reference module)."""
    first_where = None
    shared, index, fused, reference = None, {}, set(), set()
    for pattern, config in spellings:
        where = f"pattern {pattern!r}"
        settings, its_index, its_fused, its_reference = _settings(
            tree, config, where)
        if shared is None:
            shared, first_where = settings, where
        for key, value in settings.items():
            if value != shared[key]:
                raise ValueError(
                    f"{where} and {first_where} are one quill pattern "
                    f"{_pattern_json(tree)} but disagree on {key}: "
                    f"{value!r} vs {shared[key]!r}")
        for operand, position in its_index.items():
            index.setdefault(operand, position)
        fused.update({its_fused} - {None})
        reference.update({its_reference} - {None})
    root = shared["root_op"]
    for name, ops in (("fused op", fused), ("reference quantized op",
                                            reference)):
        if len(ops) > 1:
            raise ValueError(f"the spellings of {_pattern_json(tree)} name "
                             f"different {name}s: {sorted(ops)}")
    entry = {"pattern": _pattern_json(tree)}
    if shared["observation_type"] != "output_use_different_observer_as_input":
        entry["observation_type"] = shared["observation_type"]
    if shared["dtype_configs"]:
        entry["dtype_configs"] = shared["dtype_configs"]
    if root != default_root(tree):
        entry["root_op"] = root
    if fused:
        entry["fused_op"] = fused.pop()
    if reference and reference != {root}:
        entry["reference_quantized_op"] = reference.pop()
    if index:
        entry["input_type_to_index"] = index
    if shared["num_tensor_args_to_observation_type"]:
        entry["num_tensor_args_to_observation_type"] = \
            shared["num_tensor_args_to_observation_type"]
    if not shared["input_output_observed"]:
        entry["input_output_observed"] = False
    if shared["overwrite_output_observer"] is not None:
        entry["overwrite_output_observer"] = \
            shared["overwrite_output_observer"]
    return entry


def backend_config_to_dict(config):
    """See backend_config_to_json; the JSON as a Python dict."""
    if not isinstance(config, BackendConfig):
        raise ValueError(f"expected a torch BackendConfig, got {config!r}")
    table = torch_name_table()
    by_tree = {}
    for pattern, pattern_config in config.configs.items():
        names = [n for n in pattern_names(pattern) if n != "*"]
        unknown = [n for n in names if n not in table["names"]
                   and n not in table["unrepresented"]]
        if unknown:
            raise ValueError(f"pattern {pattern!r}: '{unknown[0]}' is not a "
                             "PyTorch name Quill knows (quill-config "
                             "torch-names)")
        # Quill's native tables leave out PyTorch's entries of ops it does
        # not represent (docs/backend-config.md); so does the translation.
        if any(n in table["unrepresented"] for n in names):
            continue
        by_tree.setdefault(pattern_tree(pattern), []).append(
            (pattern, pattern_config))
    return {"name": config.name,
            "configs": [_merge(tree, spellings)
                        for tree, spellings in by_tree.items()]}


def backend_config_to_json(config):
    """A torch BackendConfig as Quill BackendConfig JSON: PyTorch's
    module/functional/fused/QAT spellings of one quill pattern become one
    entry; entries naming ops Quill does not represent are left out, as in
    Quill's native tables."""
    return json.dumps(backend_config_to_dict(config), indent=2,
                      sort_keys=True)
