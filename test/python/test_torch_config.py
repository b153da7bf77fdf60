"""quill.torch_config: PyTorch 1.13 QConfigMappings and BackendConfigs as
Quill JSON.

Every qconfig preset and native table of `quill-config list` has a PyTorch
counterpart whose translation is what `quill-config` prints for the preset
or table; custom mappings and backends translate, load in `quill-config`
unchanged and mean what PyTorch's objects mean; what Quill cannot express
raises ValueError naming it.
"""

import json
import operator
import subprocess

import pytest
import torch
import torch.ao.quantization as tq
from torch import nn
from torch.ao.nn import intrinsic as nni
from torch.ao.quantization import QConfig, QConfigMapping
from torch.ao.quantization import fake_quantize as fq
from torch.ao.quantization import observer as ob
from torch.ao.quantization._learnable_fake_quantize import \
    _LearnableFakeQuantize
from torch.ao.quantization.backend_config import (
    BackendConfig,
    BackendPatternConfig,
    DTypeConfig,
    DTypeWithConstraints,
    ObservationType,
    get_fbgemm_backend_config,
    get_native_backend_config,
    get_qnnpack_backend_config,
)
from torch.ao.quantization.backend_config.x86 import get_x86_backend_config
from torch.ao.quantization.utils import MatchAllNode

from quill_config_harness import (
    BUILD,
    ROOT,
    TORCH_PRESETS,
    check_qconfig,
    parse_pattern,
    quill_config_json,
    quill_operand_positions,
    run_quill_config,
)
from quill.torch_config import (
    WEIGHT_BIAS_OPERANDS,
    backend_config_to_json,
    qconfig_mapping_to_json,
)

pytestmark = pytest.mark.filterwarnings(
    "ignore:Please use quant_min and quant_max:UserWarning")

TORCH_BACKENDS = {
    "x86": get_x86_backend_config,
    "fbgemm": get_fbgemm_backend_config,
    "qnnpack": get_qnnpack_backend_config,
    "native": get_native_backend_config,
}


def listed(kind):
    """The names `quill-config list` prints after "<kind>:"."""
    for line in run_quill_config("list").stdout.splitlines():
        if line.startswith(f"{kind}:"):
            return line.split(":", 1)[1].split()
    raise AssertionError(f"quill-config list has no {kind}")


def load(kind, text, tmp_path):
    """quill-config's printout of a JSON text: it must load."""
    path = tmp_path / f"{kind}.json"
    path.write_text(text)
    return quill_config_json(kind, str(path))


def by_pattern(table):
    return {parse_pattern(entry["pattern"]): entry
            for entry in table["configs"]}


# ------------------------------------------------------------- presets

def test_every_preset_and_table_has_a_torch_counterpart():
    assert sorted(listed("qconfig presets")) == sorted(TORCH_PRESETS)
    assert sorted(listed("backends")) == sorted(TORCH_BACKENDS)


@pytest.mark.parametrize("name", sorted(TORCH_PRESETS))
def test_preset(name):
    translated = json.loads(qconfig_mapping_to_json(TORCH_PRESETS[name]()))
    assert translated == quill_config_json("qconfig", name)


@pytest.mark.parametrize("name", sorted(TORCH_BACKENDS))
def test_native_table(name):
    translated = json.loads(backend_config_to_json(TORCH_BACKENDS[name]()))
    native = quill_config_json("backend", name)
    assert translated["name"] == native["name"]
    # The same entries; PyTorch's order differs for the binary ops.
    assert by_pattern(translated) == by_pattern(native)
    assert len(translated["configs"]) == len(native["configs"])


def test_weight_bias_operands_are_the_dialects():
    positions = quill_operand_positions()
    with_weights = {op for op, names in positions.items()
                    if "weight" in names or "bias" in names}
    assert set(WEIGHT_BIAS_OPERANDS) == with_weights
    for op, operands in WEIGHT_BIAS_OPERANDS.items():
        for operand, index in operands.items():
            assert positions[op][index] == operand, op


# ------------------------------------------------------ custom mappings

def custom_qconfigs():
    """QConfigs using every observer field and fake-quantize class."""
    return {
        "reduced_custom_range": QConfig(
            activation=ob.MinMaxObserver.with_args(
                quant_min=0, quant_max=127, reduce_range=True),
            weight=ob.PerChannelMinMaxObserver.with_args(
                dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
                ch_axis=1, eps=2 ** -10)),
        "moving_average": QConfig(
            activation=ob.MovingAverageMinMaxObserver.with_args(
                averaging_constant=0.5, qscheme=torch.per_tensor_symmetric),
            weight=ob.MovingAveragePerChannelMinMaxObserver.with_args(
                dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
                averaging_constant=0.25)),
        "histogram": QConfig(
            activation=ob.HistogramObserver.with_args(bins=1024,
                                                      reduce_range=True),
            weight=tq.default_weight_observer),
        "fixed": QConfig(
            activation=ob.FixedQParamsObserver.with_args(
                scale=2.0 / 256.0, zero_point=128),
            weight=ob.NoopObserver),
        "dynamic": QConfig(
            activation=ob.PlaceholderObserver.with_args(
                dtype=torch.quint8, compute_dtype=torch.quint8),
            weight=ob.RecordingObserver.with_args(dtype=torch.qint8)),
        "fake_quantize": QConfig(
            activation=fq.FakeQuantize.with_args(
                observer=ob.MovingAverageMinMaxObserver, quant_min=0,
                quant_max=255, reduce_range=True),
            weight=fq.FusedMovingAvgObsFakeQuantize.with_args(
                observer=ob.MovingAveragePerChannelMinMaxObserver,
                quant_min=-128, quant_max=127, dtype=torch.qint8,
                qscheme=torch.per_channel_symmetric)),
        "fixed_fake_quantize": QConfig(
            activation=fq.FixedQParamsFakeQuantize.with_args(
                observer=tq.default_fixed_qparams_range_0to1_observer),
            weight=_LearnableFakeQuantize.with_args(
                observer=ob.MinMaxObserver, quant_min=-128, quant_max=127,
                dtype=torch.qint8, qscheme=torch.per_tensor_symmetric)),
        "reuse_input": tq.default_reuse_input_qconfig,
    }


def custom_mapping():
    qc = custom_qconfigs()
    return (QConfigMapping()
            .set_global(tq.get_default_qconfig("x86"))
            .set_object_type(nn.Linear, qc["reduced_custom_range"])
            .set_object_type(nn.functional.linear, qc["reduced_custom_range"])
            .set_object_type(nn.Conv2d, qc["moving_average"])
            .set_object_type(nn.functional.conv2d, qc["histogram"])
            .set_object_type(nn.BatchNorm2d, qc["fixed"])
            .set_object_type(nni.BNReLU2d, qc["fixed"])
            .set_object_type(nn.LSTM, qc["dynamic"])
            .set_object_type("reshape", qc["reuse_input"])
            .set_object_type(nn.functional.relu, None)
            .set_module_name_regex(r"layer\d+\.0", qc["fake_quantize"])
            .set_module_name_regex("features.*", qc["fixed_fake_quantize"])
            .set_module_name("fc", None)
            .set_module_name("layer1", qc["histogram"])
            .set_module_name_object_type_order("layer2.0", operator.add, 1,
                                               None)
            .set_module_name_object_type_order("", nn.ReLU, 0,
                                               qc["moving_average"]))


def test_custom_mapping(tmp_path):
    mapping = custom_mapping()
    text = qconfig_mapping_to_json(mapping)
    translated = json.loads(text)
    assert load("qconfig", text, tmp_path) == translated

    qc = custom_qconfigs()
    # nn.Linear and F.linear share a qconfig: one quill.linear rule. Conv2d
    # and F.conv2d do not, and batch norms imply ranks: their own rules.
    assert [key for key, _ in translated["object_type"]] == [
        "quill.linear", "torch.nn.modules.conv.Conv2d", "torch.conv2d",
        "torch.nn.modules.batchnorm.BatchNorm2d",
        "torch.ao.nn.intrinsic.modules.fused.BNReLU2d",
        "torch.nn.modules.rnn.LSTM", "reshape", "torch.nn.functional.relu"]
    expected = [qc["reduced_custom_range"], qc["moving_average"],
                qc["histogram"], qc["fixed"], qc["fixed"], qc["dynamic"],
                qc["reuse_input"], None]
    for (key, quill), torch_qconfig in zip(translated["object_type"],
                                           expected):
        check_qconfig(key, torch_qconfig, quill)
    check_qconfig("global", mapping.global_qconfig, translated["global"])
    assert [r for r, _ in translated["module_name_regex"]] == \
        [r"layer\d+\.0", "features.*"]
    check_qconfig("regex", qc["fake_quantize"],
                  translated["module_name_regex"][0][1])
    check_qconfig("regex", qc["fixed_fake_quantize"],
                  translated["module_name_regex"][1][1])
    assert translated["module_name"][0] == ["fc", None]
    assert translated["module_name"][1][0] == "layer1"
    assert [rule[:3] for rule in translated["module_name_object_type_order"]] \
        == [["layer2.0", "_operator.add", 1],
            ["", "torch.nn.modules.activation.ReLU", 0]]
    assert translated["module_name_object_type_order"][0][3] is None


def test_qconfig_and_qconfig_dict_forms():
    qconfig = tq.get_default_qconfig("qnnpack")
    as_mapping = qconfig_mapping_to_json(QConfigMapping().set_global(qconfig))
    assert qconfig_mapping_to_json(qconfig) == as_mapping
    assert qconfig_mapping_to_json({"": qconfig}) == as_mapping
    legacy = {"": None, "object_type": [(nn.Linear, qconfig)],
              "module_name": [("fc", None)]}
    assert qconfig_mapping_to_json(legacy) == qconfig_mapping_to_json(
        QConfigMapping.from_dict(legacy))


def test_histogram_torch113(tmp_path):
    mapping = tq.get_default_qconfig_mapping("x86")
    text = qconfig_mapping_to_json(mapping, histogram="torch113")
    translated = json.loads(text)
    assert load("qconfig", text, tmp_path) == translated
    check_qconfig("global", mapping.global_qconfig, translated["global"],
                  histogram="histogram_torch113")
    assert "histogram" not in text.replace("histogram_torch113", "")


# ------------------------------------------------------- custom backend

def custom_backend():
    """test/BackendConfig/Inputs/custom-backend.json in PyTorch's terms
    (without its sigmoid entry: 1.13 has no exact-match constraints)."""
    weighted = DTypeConfig(input_dtype=torch.quint8,
                           output_dtype=torch.quint8,
                           weight_dtype=torch.qint8, bias_dtype=torch.float)
    narrow = DTypeConfig(
        input_dtype=torch.quint8, output_dtype=torch.quint8,
        weight_dtype=DTypeWithConstraints(dtype=torch.qint8,
                                          quant_min_lower_bound=-127,
                                          quant_max_upper_bound=127),
        bias_dtype=torch.float)
    plain = DTypeConfig(input_dtype=torch.quint8, output_dtype=torch.quint8)
    share = ObservationType.OUTPUT_SHARE_OBSERVER_WITH_INPUT
    return BackendConfig("my_backend").set_backend_pattern_configs([
        BackendPatternConfig((nn.ReLU, nn.ConvTranspose2d))
        .add_dtype_config(weighted)
        .set_fuser_method(lambda is_qat, relu, conv: nn.Sequential(conv,
                                                                   relu)),
        BackendPatternConfig((nn.ReLU, (nn.BatchNorm2d, nn.Conv2d)))
        .add_dtype_config(narrow)
        .set_fused_module(nni.ConvBnReLU2d),
        BackendPatternConfig((nn.ReLU, (torch.add, nn.Conv2d, MatchAllNode)))
        .add_dtype_config(plain)
        .set_root_module(torch.add)
        ._set_num_tensor_args_to_observation_type({
            1: share,
            2: ObservationType.OUTPUT_USE_DIFFERENT_OBSERVER_AS_INPUT}),
        BackendPatternConfig("reshape").set_observation_type(share)
        .add_dtype_config(plain),
    ])


def test_custom_backend(tmp_path):
    text = backend_config_to_json(custom_backend())
    translated = json.loads(text)
    assert load("backend", text, tmp_path) == translated
    written = quill_config_json(
        "backend", str(ROOT / "test/BackendConfig/Inputs/custom-backend.json"))
    written["configs"] = [entry for entry in written["configs"]
                          if entry["pattern"] != "quill.sigmoid"]
    assert by_pattern(translated) == by_pattern(written)


def test_custom_backend_fuses(tmp_path):
    """quill-fuse reads the translated table as the hand-written one."""
    path = tmp_path / "backend.json"
    path.write_text(backend_config_to_json(custom_backend()))
    graph = ROOT / "test/Passes/fuse-custom.mlir"

    def fuse(table):
        result = subprocess.run(
            [str(BUILD / "bin" / "quant-opt"), str(graph),
             f"--quill-fuse=backend={table}"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    fused = fuse(path)
    assert "fused_activation = #quill.fused_activation<relu>" in fused
    assert fused == fuse(
        ROOT / "test/BackendConfig/Inputs/custom-backend.json")


def test_unrepresented_entries_are_left_out():
    plain = DTypeConfig(input_dtype=torch.quint8, output_dtype=torch.quint8)
    config = BackendConfig("b").set_backend_pattern_configs([
        BackendPatternConfig(nn.LSTMCell).add_dtype_config(plain),
        BackendPatternConfig("size").add_dtype_config(plain),
        BackendPatternConfig(nn.Hardswish).add_dtype_config(plain),
    ])
    translated = json.loads(backend_config_to_json(config))
    assert [e["pattern"] for e in translated["configs"]] == ["quill.hardswish"]


# --------------------------------------------------------------- errors

class MyObserver(ob.MinMaxObserver):
    pass


class MyFakeQuantize(fq.FakeQuantize):
    pass


def qconfig_with(activation):
    return QConfig(activation=activation, weight=tq.default_weight_observer)


@pytest.mark.parametrize("mapping, message", [
    (qconfig_with(MyObserver), "Quill has no observer like .*MyObserver"),
    (qconfig_with(MyFakeQuantize),
     "Quill has no fake-quantize like .*MyFakeQuantize"),
    (qconfig_with(ob.HistogramObserver.with_args(upsample_rate=64)),
     "upsample_rate=64"),
    (qconfig_with(ob.PlaceholderObserver.with_args(
        dtype=torch.quint8, compute_dtype=torch.qint8)), "compute_dtype"),
    (qconfig_with(ob.PlaceholderObserver.with_args(dtype=torch.int8)),
     "no dtype torch.int8"),
    (qconfig_with(ob.NoopObserver.with_args(custom_op_name="op")),
     "custom_op_name"),
    (qconfig_with(_LearnableFakeQuantize.with_args(
        observer=ob.MinMaxObserver, scale=0.5)), "scale"),
    (QConfigMapping().set_object_type("size", None),
     "object_type 'size': Quill does not represent PyTorch's 'size': "
     "returns Python ints"),
    (QConfigMapping().set_object_type(nn.LSTMCell, None),
     "LSTMCell.*single-step RNN cell"),
    (QConfigMapping().set_module_name_object_type_order(
        "a", "contiguous", 0, None), "contiguous"),
    (QConfigMapping().set_object_type(torch.nn.Module(), None),
     "has no Python name"),
    ({"": None, "object_types": []}, "unknown keys"),
    ("x86", "expected a torch QConfigMapping"),
])
def test_mapping_errors(mapping, message):
    with pytest.raises(ValueError, match=message):
        qconfig_mapping_to_json(mapping)


def test_histogram_flag_error():
    with pytest.raises(ValueError, match="histogram must be one of"):
        qconfig_mapping_to_json(tq.default_qconfig, histogram="1.13")


def test_custom_names_pass_through():
    """Quill compares names it does not know as written (your own module
    classes)."""
    translated = json.loads(qconfig_mapping_to_json(
        QConfigMapping().set_object_type(MyObserver, None)))
    assert translated["object_type"] == [
        [f"{__name__}.MyObserver", None]]


def backend_of(*configs):
    return BackendConfig("b").set_backend_pattern_configs(list(configs))


PLAIN = DTypeConfig(input_dtype=torch.quint8, output_dtype=torch.quint8)
WEIGHTED = DTypeConfig(input_dtype=torch.quint8, output_dtype=torch.quint8,
                       weight_dtype=torch.qint8, bias_dtype=torch.float)


@pytest.mark.parametrize("config, message", [
    (backend_of(BackendPatternConfig(nn.Bilinear).add_dtype_config(PLAIN)),
     "'torch.nn.modules.linear.Bilinear' is not a PyTorch name Quill knows"),
    (backend_of(
        BackendPatternConfig(nn.Linear).add_dtype_config(WEIGHTED),
        BackendPatternConfig(nn.functional.linear).add_dtype_config(PLAIN)),
     "are one quill pattern quill.linear but disagree on dtype_configs"),
    (backend_of(BackendPatternConfig((nn.ReLU, nn.Linear))
                ._set_root_node_getter(lambda pattern: pattern[1])),
     "root_node_getter"),
    (backend_of(BackendPatternConfig(nn.Sigmoid)
                ._set_overwrite_output_fake_quantize(
                    tq.default_fixed_qparams_range_0to1_fake_quant)),
     "overwrite_output_fake_quantize must be"),
    (backend_of(BackendPatternConfig(nn.functional.gelu)
                ._set_input_type_to_index({"weight": 1})),
     "quill.gelu has no 'weight' operand"),
    (get_native_backend_config().to_dict(), "expected a torch BackendConfig"),
])
def test_backend_errors(config, message):
    with pytest.raises(ValueError, match=message):
        backend_config_to_json(config)
