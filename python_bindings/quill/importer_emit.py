"""The function under construction (Builder) and the view an op emitter gets
of it for one FX node (Context)."""

import functools

import numpy as np
import torch
from torch.fx.passes.shape_prop import TensorMetadata

from .importer_mlir import Names, Tensor, attr_dict, element_type, string, tensor_type


class Unsupported(Exception):
    """Raised by an emitter that cannot import its node; the driver adds the
    node, target and module path (or emits an opaque call)."""


def result_types(meta):
    """[(shape, dtype)] of the tensors in a node's tensor_meta, in order."""
    if isinstance(meta, TensorMetadata):
        return [(tuple(meta.shape), meta.dtype)]
    if isinstance(meta, (tuple, list)):
        return [t for m in meta for t in result_types(m)]
    if isinstance(meta, dict):
        return [t for m in meta.values() for t in result_types(m)]
    return []


def rebuild(meta, values):
    """`meta` with its tensors replaced by `values` (an iterator), in order."""
    if isinstance(meta, TensorMetadata):
        return next(values)
    if isinstance(meta, (tuple, list)):
        return type(meta)(rebuild(m, values) for m in meta)
    if isinstance(meta, dict):
        return {k: rebuild(m, values) for k, m in meta.items()}
    return meta


class Builder:
    """Lines of `func.func @forward`, its weight constants and resources."""

    def __init__(self):
        self.names = Names()
        self.keys = Names()
        self.arguments = []
        self.constants = []
        self.body = []
        self.declarations = {}
        self.resources = {}
        self._weights = {}

    def checkpoint(self):
        """The state to return to if an emitter gives up half way."""
        return (len(self.body), len(self.constants), list(self.resources),
                list(self._weights))

    def restore(self, checkpoint):
        """Drops what was emitted since `checkpoint`."""
        body, constants, keys, weights = checkpoint
        del self.body[body:], self.constants[constants:]
        for key in list(self.resources)[len(keys):]:
            del self.resources[key]
        for w in list(self._weights)[len(weights):]:
            del self._weights[w]

    def argument(self, name, shape, dtype):
        t = Tensor("%" + self.names.fresh(name), shape, dtype)
        self.arguments.append(t)
        return t

    def constant(self, array, base, module=None):
        """An `arith.constant dense_resource<key>` holding `array`."""
        array = np.ascontiguousarray(array)
        key = self.keys.fresh(base)
        self.resources[key] = array
        dtype = torch.from_numpy(np.empty(0, array.dtype)).dtype
        t = Tensor("%" + self.names.fresh(base.replace(".", "_")), array.shape, dtype)
        attrs = f" {{quill.module = {string(module)}}}" if module is not None else ""
        self.constants.append(f"  {t.name} = arith.constant{attrs} "
                              f"dense_resource<{key}> : {t.type}")
        return t

    def weight(self, qualified_name, tensor):
        """The constant of a parameter or buffer, one per tensor (shared
        weights keep their first name)."""
        entry = self._weights.get(id(tensor))
        if entry is None:
            element_type(tensor.dtype)  # fails early on an unrepresentable dtype
            t = self.constant(tensor.detach().cpu().numpy(), qualified_name, qualified_name)
            entry = self._weights[id(tensor)] = (t, tensor)  # keeps the id unique
        return entry[0]

    def declare(self, target, operand_types, result_types_):
        """The private function an opaque call of `target` calls: one per
        target and signature, named after the target."""
        signature = (tuple(operand_types), tuple(result_types_))
        for symbol, (t, sig) in self.declarations.items():
            if t == target and sig == signature:
                return symbol
        base = target if target.startswith("torch.") else "torch." + target
        symbol = self.names.fresh(base)
        self.declarations[symbol] = (target, signature)
        return symbol

    def text(self, outputs):
        args = ", ".join(f"{a.name}: {a.type}" for a in self.arguments)
        types = [o.type for o in outputs]
        result = types[0] if len(types) == 1 else "(" + ", ".join(types) + ")"
        lines = []
        for symbol, (_, (operands, results)) in self.declarations.items():
            res = results[0] if len(results) == 1 else "(" + ", ".join(results) + ")"
            lines.append(f"func.func private @{symbol}({', '.join(operands)}) -> {res}")
        lines.append(f"func.func @forward({args}) -> {result} {{")
        lines += self.constants
        lines += self.body
        ret = ", ".join(o.name for o in outputs)
        lines.append(f"  return {ret} : {', '.join(types)}" if outputs else "  return")
        lines.append("}")
        return "\n".join(lines) + "\n"


class Context:
    """What an emitter sees of the FX node it imports: the result types
    ShapeProp recorded, the module path and type for the op attributes, and
    ways to emit ops and weights."""

    def __init__(self, builder, node, path, module_type):
        self.builder = builder
        self.node = node
        self.path = path
        self.module_type = module_type
        self.meta = node.meta.get("tensor_meta")

    # Results as ShapeProp saw them.
    @property
    def outs(self):
        return result_types(self.meta)

    @property
    def out(self):
        outs = self.outs
        if not isinstance(self.meta, TensorMetadata):
            raise Unsupported(f"expected one tensor result, got {self.meta!r}")
        return outs[0]

    def rebuild(self, values):
        return rebuild(self.meta, iter(values))

    def param(self, module, name):
        """The constant of `module.<name>` (the module this node calls), or
        None if it is None."""
        tensor = functools.reduce(getattr, name.split("."), module)
        if tensor is None:
            return None
        return self.builder.weight(f"{self.path}.{name}" if self.path else name, tensor)

    # Emission.
    def emit(self, op, operands, attrs=None, results=None, text=None, form="functional"):
        """Appends `%r = op <text> {attrs} : <types>` and returns the result
        values. `operands` are Tensors (their names are the operand text
        unless `text` is given), `results` [(shape, dtype)] (default: the
        node's). `form`: "functional" `(T, T) -> T`, "unary" `T -> T` or
        "variadic" `T -> T, T` (chunk, split)."""
        results = self.outs if results is None else results
        attrs = dict(attrs or {})
        if self.path:
            attrs["quill.module"] = string(self.path)
        attrs["quill.module_type"] = string(self.module_type)
        lhs, values = self._results(results)
        if text is None:
            text = ", ".join(o.name for o in operands)
        res_types = [tensor_type(s, d) for s, d in results]
        in_types = [o.type for o in operands]
        if form == "unary":
            sig = f"{in_types[0]} -> {res_types[0]}"
        elif form == "variadic":
            sig = f"{in_types[0]} -> {', '.join(res_types)}"
        else:
            res = res_types[0] if len(res_types) == 1 else "(" + ", ".join(res_types) + ")"
            sig = f"({', '.join(in_types)}) -> {res}"
        self.builder.body.append(f"  {lhs}{op} {text}{attr_dict(attrs)} : {sig}")
        return values

    def _results(self, results):
        """`%name = ` (`%name:n = `) and the result values, named after the
        node."""
        name = self.builder.names.fresh(self.node.name)
        if len(results) == 1:
            return f"%{name} = ", [Tensor(f"%{name}", *results[0])]
        values = [Tensor(f"%{name}#{i}", s, d) for i, (s, d) in enumerate(results)]
        return (f"%{name}:{len(results)} = " if results else ""), values

    def unary(self, op, x, attrs=None, result=None):
        """`op %x {attrs} : T -> T'` (result type: the node's by default)."""
        return self.emit(op, [x], attrs, None if result is None else [result], form="unary")[0]

    def call(self, op, operands, attrs=None, result=None):
        """`op %a, %b {attrs} : (T, T) -> T'` with one result."""
        return self.emit(op, operands, attrs, None if result is None else [result])[0]

    def opaque(self, operands):
        """`func.call` of a private declaration standing for the node's
        target (keep_unsupported): a float op the quill dialect cannot
        express, recorded by its quill.module_type."""
        results = self.outs
        res_types = [tensor_type(s, d) for s, d in results]
        target = self.module_type if self.node.op != "call_method" else \
            "Tensor." + self.module_type
        symbol = self.builder.declare(target, [o.type for o in operands], res_types)
        lhs, values = self._results(results)
        attrs = {"quill.module": string(self.path)} if self.path else {}
        attrs["quill.module_type"] = string(self.module_type)
        res = res_types[0] if len(res_types) == 1 else "(" + ", ".join(res_types) + ")"
        self.builder.body.append(
            f"  {lhs}func.call @{symbol}({', '.join(o.name for o in operands)})"
            f"{attr_dict(attrs)} : ({', '.join(o.type for o in operands)}) -> {res}")
        return self.rebuild(values)
