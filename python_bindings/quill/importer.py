"""torch.fx importer: a torch.nn.Module and example inputs become a quill
float graph.

    from quill.importer import import_graph
    g = import_graph(model, (x,))
    g.mlir          # `func.func @forward(...)`, weights as dense_resource<key>
    g.resources     # key -> numpy array (the bytes of each dense_resource)
    g.to_text()     # g.mlir plus the resources as hex: a self-contained .mlir

The model is traced in eval mode with torch.fx (importer_trace), run once on
the examples for every value's shape (shapes are static: the example's batch
size), and each FX node is turned into quill ops by the emitter registered
for its module class, function or Tensor method (importer_ops). Every op
carries `quill.module` (the path of the module the node belongs to; absent
for the root) and `quill.module_type` (Quill's spelling of the module class,
function or method), which QConfigMapping rules match. Python values
computed from shapes (`x.size(0) // 2`) fold to the example's constants, as
do tensors computed from no input and no weight.

An op the importer cannot express raises UnsupportedOpError naming the FX
node, its target and module path. With keep_unsupported=True it becomes an
opaque float call instead:

    func.func private @torch.nn.functional.glu(tensor<2x8xf32>) -> tensor<2x4xf32>
    ...
    %glu = func.call @torch.nn.functional.glu(%x) {quill.module = "block",
        quill.module_type = "torch.nn.functional.glu"} : (tensor<2x8xf32>) -> tensor<2x4xf32>

The call's quill.module_type records the target (Tensor methods: the method
name, declared as @torch.Tensor.<name>); one private declaration per
target and signature; the node's tensor arguments (and a called module's
parameters and buffers) are the operands. Quill's passes leave the call
alone and quant-run refuses to run it, naming it.
"""

import contextlib
import inspect

import torch
from torch.fx.passes.shape_prop import TensorMetadata

from .importer_emit import Builder, Context, Unsupported, rebuild, result_types
from .importer_mlir import Tensor
from .importer_ops import FUNCTIONS, METHODS, module_emitter, torch_name
from .importer_trace import propagate, trace

__all__ = ["import_graph", "ImportedGraph", "UnsupportedOpError"]


class UnsupportedOpError(Exception):
    """An FX node the quill dialect cannot express."""

    def __init__(self, node, target, module_path, reason):
        self.node, self.target, self.module_path, self.reason = node, target, module_path, reason
        where = f"module '{module_path}'" if module_path else "the root module"
        super().__init__(f"cannot import FX node '{node}' ({target}) in {where}: {reason} "
                         "(import_graph(..., keep_unsupported=True) keeps it as an "
                         "opaque float call)")


class ImportedGraph:
    """The imported function: text, weights (numpy arrays sharing memory with
    the module's tensors where possible), argument and result names."""

    def __init__(self, mlir, resources, input_names, output_names, float_leaves=()):
        self.mlir = mlir
        self.resources = resources
        self.input_names = input_names
        self.output_names = output_names
        # Paths of torch.nn modules torch.fx keeps as one call (so PyTorch's
        # prepare_fx leaves them float) that the importer traced through,
        # outermost only (nn.TransformerEncoder and its layers).
        self.float_leaves = list(float_leaves)

    def to_text(self):
        """The function with its resources as a `dialect_resources` section
        (hex blobs: the alignment as a little-endian u32, then the bytes)."""
        blobs = ",\n".join(
            f'      {key}: "0x{a.dtype.alignment:02X}000000{a.tobytes().hex()}"'
            for key, a in self.resources.items())
        if not blobs:
            return self.mlir
        return (f"{self.mlir}\n{{-#\n  dialect_resources: {{\n    builtin: {{\n{blobs}\n"
                "    }\n  }\n#-}\n")


# Tensor-free results that read only shapes and types (folded even though a
# tensor is an argument); any other tensor-free result folds only when it is
# computed from Python values (size arithmetic).
_SHAPE_METHODS = {"size", "dim", "ndimension", "numel", "nelement", "is_floating_point"}
_SHAPE_ATTRIBUTES = {"shape", "ndim", "dtype", "device", "is_cuda", "is_quantized"}


def _reads_shape(node):
    if node.op == "call_method":
        return node.target in _SHAPE_METHODS
    if node.op == "call_function":
        if node.target is getattr:
            return node.args[1] in _SHAPE_ATTRIBUTES
        return node.target is len
    return False


def _tensors(value):
    """The graph tensors in a (nested) argument."""
    if isinstance(value, Tensor):
        return [value]
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in _tensors(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _tensors(v)]
    return []


@contextlib.contextmanager
def _eval_mode(module):
    """Eval mode while tracing and propagating, the caller's flags after."""
    modes = [(m, m.training) for m in module.modules()]
    module.eval()
    try:
        yield
    finally:
        for m, training in modes:
            m.training = training


class _Importer:
    def __init__(self, gm, keep_unsupported):
        self.gm = gm
        self.keep_unsupported = keep_unsupported
        self.builder = Builder()
        self.env = {}
        self._signatures = {}

    def run(self):
        outputs = None
        for node in self.gm.graph.nodes:
            if node.op == "output":
                outputs = self._outputs(node.args[0])
            else:
                self.env[node] = self._node(node)
        return ImportedGraph(self.builder.text(outputs), self.builder.resources,
                             [a.name[1:] for a in self.builder.arguments],
                             [o.name[1:] for o in outputs])

    def _node(self, node):
        if node.op == "placeholder":
            meta = node.meta.get("tensor_meta")
            if meta is None:
                return node.meta.get("quill_value")  # a non-tensor example (static)
            if isinstance(meta, TensorMetadata):
                return self.builder.argument(node.target, meta.shape, meta.dtype)
            # A tuple (or list, dict) of tensors: one argument each.
            return rebuild(meta, iter([self.builder.argument(f"{node.target}_{i}", *t)
                                       for i, t in enumerate(result_types(meta))]))
        if node.op == "get_attr":
            value = self.gm
            for part in node.target.split("."):
                value = getattr(value, part)
            if isinstance(value, torch.Tensor):
                return self.builder.weight(node.target, value)
            return value
        args = torch.fx.node.map_arg(node.args, self.env.__getitem__)
        kwargs = torch.fx.node.map_arg(node.kwargs, self.env.__getitem__)
        tensor_args = _tensors((args, kwargs))
        if "quill_value" in node.meta and (not tensor_args or _reads_shape(node)):
            return node.meta["quill_value"]
        if "quill_constant" in node.meta:
            if all("quill_constant" in user.meta for user in node.users):
                return None  # only feeds other folded tensors
            return self._constant(node)
        return self._op(node, args, kwargs, tensor_args)

    def _constant(self, node):
        """A tensor computed from no input and no weight, as constants."""
        values = []

        def fold(value):
            if isinstance(value, torch.Tensor):
                values.append(self.builder.constant(value.detach().cpu().numpy(), node.name))
            elif isinstance(value, (tuple, list)):
                for v in value:
                    fold(v)
        fold(node.meta["quill_constant"])
        ctx = Context(self.builder, node, "", "")
        return ctx.rebuild(values)

    def _op(self, node, args, kwargs, tensor_args):
        path = node.meta.get("quill_module", "")
        module = None
        if node.op == "call_module":
            module = self.gm.get_submodule(node.target)
            emitter, module_type = module_emitter(module), torch_name(type(module))
            prefix = (module,)
        elif node.op == "call_function":
            emitter, module_type = FUNCTIONS.get(node.target), _function_name(node.target)
            prefix = ()
        else:
            emitter, module_type = METHODS.get(node.target), node.target
            prefix = ()
        ctx = Context(self.builder, node, path, module_type)
        checkpoint = self.builder.checkpoint()
        try:
            if emitter is None:
                raise Unsupported("the quill dialect has no op for it")
            self._bind(emitter, ctx, *prefix, *args, **kwargs)
            return emitter(ctx, *prefix, *args, **kwargs)
        except Unsupported as e:
            self.builder.restore(checkpoint)
            if not self.keep_unsupported:
                raise UnsupportedOpError(node.name, f"{node.op} {module_type}", path,
                                         str(e)) from None
            if module is not None:  # the module's weights go along
                tensor_args += [ctx.param(module, n) for n, _ in
                                list(module.named_parameters()) + list(module.named_buffers())]
            return ctx.opaque(tensor_args)

    def _bind(self, emitter, *args, **kwargs):
        signature = self._signatures.get(emitter)
        if signature is None:
            signature = self._signatures[emitter] = inspect.signature(emitter)
        try:
            signature.bind(*args, **kwargs)
        except TypeError as e:
            raise Unsupported(f"arguments not understood ({e})") from None

    def _outputs(self, value):
        tensors = []

        def collect(v):
            if isinstance(v, Tensor):
                tensors.append(v)
            elif isinstance(v, (tuple, list)):
                for x in v:
                    collect(x)
            elif isinstance(v, dict):
                for x in v.values():
                    collect(x)
            elif v is not None:
                raise Unsupported(f"the model returns {v!r}, not a tensor")
        collect(torch.fx.node.map_arg(value, self.env.__getitem__))
        return tensors


def _function_name(target):
    try:
        return torch_name(target)
    except AttributeError:
        return repr(target)


def import_graph(module, example_inputs, keep_unsupported=False):
    """Traces `module` (in eval mode; its training flags are restored after)
    and imports it for inputs shaped like `example_inputs` (a tuple of
    tensors, one per forward argument). Raises UnsupportedOpError for an op
    the quill dialect cannot express, unless keep_unsupported."""
    if isinstance(example_inputs, torch.Tensor):
        example_inputs = (example_inputs,)
    example_inputs = tuple(example_inputs)
    float_leaves = []

    def is_leaf(m, qualified_name):
        leaf = _is_leaf(m, qualified_name)
        if not leaf and _fx_keeps_whole(m) and not any(
                qualified_name.startswith(p + ".") for p in float_leaves):
            float_leaves.append(qualified_name)
        return leaf

    with _eval_mode(module):
        gm = trace(module, is_leaf)
        propagate(gm, example_inputs)
    try:
        graph = _Importer(gm, keep_unsupported).run()
    except Unsupported as e:  # outputs
        raise UnsupportedOpError("output", "output", "", str(e)) from None
    graph.float_leaves = float_leaves
    return graph


def _fx_keeps_whole(m):
    """torch.fx's default leaf rule (the one prepare_fx traces with)."""
    return (m.__module__.startswith("torch.nn") and
            not isinstance(m, (torch.nn.Sequential, torch.nn.ModuleList, torch.nn.ModuleDict)))


def _is_leaf(m, qualified_name):
    """Modules with an emitter stay call_module nodes, and so do other
    torch.nn modules (as in torch.fx, so that an unsupported one is named as
    such), except containers and the transformer layers traced through."""
    if module_emitter(m) is not None:
        return True
    if isinstance(m, (torch.nn.Sequential, torch.nn.ModuleList, torch.nn.ModuleDict,
                      torch.nn.TransformerEncoderLayer, torch.nn.TransformerEncoder)):
        return False
    return m.__module__.startswith(("torch.nn", "torch.ao.nn"))
