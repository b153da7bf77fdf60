"""The PyTorch-like API: import, prepare, calibrate, convert, compile.

    m = quill.import_torch(model, (x,))
    p = quill.prepare(m, "x86")               # or a torch QConfigMapping
    p.calibrate(batches)
    q = quill.convert(p)
    exe = quill.compile(q, target="reference")
    y = exe(x)                                # numpy, any batch size

Every stage is a quill-dialect module (`to_mlir()` prints it). Shapes are
static in Quill's IR, so a model is re-imported for each new input shape
(the batch size): prepare is deterministic, so the observers of the new
graph have the same ids, and they take the calibrated qparams by id.
"""

import json
import os
import tempfile

import numpy as np

from .importer import import_graph


def _ext():
    """The compiled extension, imported when first needed: the importer and
    the config translation work without it."""
    from . import _quill
    return _quill

_NATIVE_BACKENDS = ("x86", "fbgemm", "qnnpack", "native")


def _numpy(x):
    if hasattr(x, "detach"):
        x = x.detach().cpu().numpy()
    return np.ascontiguousarray(x)


def _as_inputs(batch):
    """One call's arguments as a list of numpy arrays."""
    if isinstance(batch, (list, tuple)):
        return [_numpy(x) for x in batch]
    return [_numpy(batch)]


class _Tables:
    """The BackendConfig and QConfigMapping as the passes read them: native
    names and presets as they are, anything else written to a JSON file."""

    def __init__(self, backend_config, qconfig_mapping, qat, float_leaves=()):
        self._dir = tempfile.TemporaryDirectory(prefix="quill-")
        self._float_leaves = float_leaves
        self.backend = self._resolve(backend_config, "backend", self._backend_json)
        if qconfig_mapping is None:
            qconfig_mapping = ("qat_" if qat else "") + (
                backend_config if isinstance(backend_config, str)
                and backend_config in _NATIVE_BACKENDS else "x86")
        self.qconfig = self._resolve(qconfig_mapping, "qconfig", self._qconfig_json)

    def _resolve(self, table, name, to_json):
        if isinstance(table, str):
            return table  # a native name, a preset or a JSON path
        path = os.path.join(self._dir.name, f"{name}.json")
        with open(path, "w") as f:
            f.write(to_json(table))
        return path

    @staticmethod
    def _backend_json(config):
        if isinstance(config, dict):
            return json.dumps(config)
        from .torch_config import backend_config_to_json
        return backend_config_to_json(config)

    def _qconfig_json(self, mapping):
        if isinstance(mapping, dict) and "global" in mapping:
            return json.dumps(mapping)
        from .torch_config import qconfig_mapping_to_json
        # PyTorch objects: their HistogramObserver is 1.13's, bit for bit,
        # and the torch.nn modules torch.fx keeps whole stay float, as in
        # prepare_fx (a None qconfig for their module paths, unless the
        # mapping names them).
        table = json.loads(qconfig_mapping_to_json(mapping, histogram="torch113"))
        named = {name for name, _ in table["module_name"]}
        table["module_name"] += [[p, None] for p in self._float_leaves if p not in named]
        return json.dumps(table)


class _Stage:
    """A model at one stage of the flow, specialized to the input shapes it
    has seen. Subclasses say how a graph of new shapes is built."""

    def __init__(self, torch_model, example_inputs):
        self._torch_model = torch_model
        self._example = [_numpy(x) for x in example_inputs]
        self._modules = {}

    def _shapes(self, inputs):
        return tuple(tuple(x.shape) for x in inputs)

    def _module(self, inputs=None):
        """The stage's module for these inputs' shapes (the example's by
        default), built once."""
        inputs = self._example if inputs is None else inputs
        key = self._shapes(inputs)
        if key not in self._modules:
            self._modules[key] = self._build(inputs)
        return self._modules[key]

    def _imported(self, inputs):
        import torch
        examples = tuple(torch.from_numpy(x) for x in inputs)
        graph = import_graph(self._torch_model, examples)
        self.float_leaves = graph.float_leaves
        return _ext().Module(graph.mlir, graph.resources)

    def to_mlir(self):
        """The module for the example inputs, as .mlir text."""
        return self._module().text(elide_resources=False)


class FloatModel(_Stage):
    """An imported float graph (`quill.import_torch`)."""

    def _build(self, inputs):
        return self._imported(inputs)


class PreparedModel(_Stage):
    """A graph with observers or fake-quant ops (`quill.prepare`)."""

    def __init__(self, float_model, tables, qat):
        super().__init__(float_model._torch_model, float_model._example)
        self._tables = tables
        self._qat = qat
        self._calibrated_shapes = None

    def _pipeline(self):
        t = self._tables
        prepare = "quill-prepare-qat" if self._qat else "quill-prepare"
        return (f"func.func(quill-fuse{{backend={t.backend} qconfig={t.qconfig}}},"
                f"{prepare}{{backend={t.backend} qconfig={t.qconfig}}})")

    def _build(self, inputs):
        module = self._imported(inputs)
        module.run_passes(self._pipeline())
        return module

    def calibrate(self, batches):
        """Runs every batch (a tensor or array, or a tuple of them for
        several arguments) through the observers, in order, with a progress
        bar on a terminal. All batches need one shape: one specialized graph
        feeds the observers."""
        batches = [_as_inputs(b) for b in batches]
        if not batches:
            raise ValueError("calibrate needs at least one batch")
        shapes = {self._shapes(b) for b in batches}
        if len(shapes) != 1:
            raise ValueError(f"calibration batches have different shapes {sorted(shapes)}; "
                             "give batches of one shape")
        self._module(batches[0]).calibrate(batches, progress=_progress_bar("calibrating"))
        self._calibrated_shapes = shapes.pop()
        return self

    def _calibrated(self):
        if self._calibrated_shapes is None:
            return self._module()
        return self._modules[self._calibrated_shapes]

    def qparams(self):
        """Observer id -> {"scale", "zero_point", "module", ...} of the
        calibrated graph."""
        return {o["id"]: o for o in self._calibrated().observers()}


class QuantizedModel(_Stage):
    """A converted graph (`quill.convert`)."""

    def __init__(self, prepared, reference):
        super().__init__(prepared._torch_model, prepared._example)
        self._prepared = prepared
        self._reference = reference
        self._qparams = prepared.qparams()

    def _pipeline(self):
        t = self._prepared._tables
        ref = " reference-only=true" if self._reference else ""
        return f"func.func(quill-convert{{backend={t.backend}{ref}}})"

    def _build(self, inputs):
        # The prepared graph at these shapes, given the calibrated qparams
        # by observer id (weight observers need none: convert computes them).
        module = self._prepared._build(inputs)
        module.set_qparams({i: o for i, o in self._qparams.items() if o.get("scale")})
        module.run_passes(self._pipeline())
        return module


def _progress_bar(label):
    """A progress(done, total) callback drawing a bar on stderr when it is a
    terminal (None otherwise: nothing to draw)."""
    import sys
    if not sys.stderr.isatty():
        return None

    def draw(done, total):
        width = 30
        filled = width * done // total if total else 0
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] "
                         f"{done}/{total if total else '?'}")
        if total and done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return draw


class Executable:
    """A converted model compiled for a target; call it like the module."""

    def __init__(self, model, target):
        self._model = model
        self._target = target
        self._executors = {}

    def __call__(self, *inputs):
        arrays = [_numpy(x) for x in inputs]
        key = tuple(tuple(a.shape) for a in arrays)
        if key not in self._executors:
            self._executors[key] = self._model._module(arrays).executor()
        outputs = self._executors[key].run(arrays)
        return outputs[0] if len(outputs) == 1 else tuple(outputs)


def import_torch(model, example_inputs):
    """Traces `model` (eval mode) with torch.fx and imports it."""
    model = model.eval()
    return FloatModel(model, example_inputs)


def prepare(model, qconfig_mapping=None, backend_config="x86"):
    """PyTorch's prepare_fx: fuses and inserts observers.

    qconfig_mapping: a preset name ("x86", "qnnpack", "dynamic",
    "weight_only_embedding", ... — `quill-config list`), a JSON path, a Quill
    QConfigMapping dict, or a torch.ao.quantization QConfigMapping / QConfig
    (translated faithfully). Default: the backend's preset. backend_config:
    a native name, a JSON path or dict, or a torch BackendConfig."""
    model._module()  # imported: its float leaves are known
    return PreparedModel(model, _Tables(backend_config, qconfig_mapping, False,
                                        model.float_leaves), qat=False)


def prepare_qat(model, qconfig_mapping=None, backend_config="x86"):
    """PyTorch's prepare_qat_fx: fake-quant ops instead of observers (default
    mapping: the backend's QAT preset). Training happens in PyTorch; run
    calibrate() to let the fake-quants see data, or convert a graph whose
    fake-quants carry trained ranges."""
    model._module()
    return PreparedModel(model, _Tables(backend_config, qconfig_mapping, True,
                                        model.float_leaves), qat=True)


def convert(prepared, reference=False):
    """PyTorch's convert_fx (convert_to_reference_fx with reference=True)."""
    return QuantizedModel(prepared, reference)


_TARGETS = {
    "reference": None,
    "x86": "the oneDNN backend (x86) is not built yet: use target=\"reference\"",
    "arm": "the XNNPACK backend (arm) is not built yet: use target=\"reference\"",
}


def compile(model, target="reference"):
    """An executable for `target`: "reference" (the reference kernels, with
    the onednn rules for the x86 table and the qnnpack rules for qnnpack);
    "x86" and "arm" name backends that do not exist yet."""
    if target not in _TARGETS:
        raise ValueError(f"unknown target {target!r} (choose from {', '.join(_TARGETS)})")
    if _TARGETS[target]:
        raise _ext().QuillError(_TARGETS[target])
    return Executable(model, target)
