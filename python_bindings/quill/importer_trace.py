"""Tracing for the importer: torch.fx with module paths, then the example's
shapes and Python values on every node.

`trace(module, leaf)` is torch.fx's symbolic tracing with these changes:
- every node records the path of the module whose forward created it
  (node.meta["quill_module"], "" for the root): PyTorch 1.13's tracer does
  not record nn_module_stack;
- `leaf(m, qualified_name)` says which modules stay call_module nodes;
- transformer encoder layers are traced through their slow path (the fast
  path's checks branch on tensor properties, which a proxy cannot answer);
- unpacking a proxy (`n, c, h, w = x.size()`) works on Python 3.11.

`propagate(gm, inputs)` runs ShapeProp and also keeps each node's value when
it holds no tensor (sizes, Python ints), so that size arithmetic folds to
the example's constants, and the tensors computed from no input and no
weight.
"""

import dis
import inspect

import torch
import torch.fx
from torch.fx.passes.shape_prop import ShapeProp


class _Proxy(torch.fx.Proxy):
    """Proxy whose unpacking (`n, c, h, w = x.size()`) also works on Python
    3.11: torch 1.13 finds the UNPACK_SEQUENCE by `f_lasti // 2`, which the
    3.11 inline caches break."""

    def __iter__(self):
        frame = inspect.currentframe().f_back
        for inst in dis.get_instructions(frame.f_code):
            if inst.offset == frame.f_lasti:
                if inst.opname == "UNPACK_SEQUENCE":
                    return (self[i] for i in range(inst.argval))
                break
        return self.tracer.iter(self)

    def __getattr__(self, k):
        return _Attribute(self, k)


class _Attribute(torch.fx.proxy.Attribute, _Proxy):
    pass


def _encoder_layer_forward(layer, src, src_mask=None, src_key_padding_mask=None):
    """nn.TransformerEncoderLayer.forward without the fast path (same math)."""
    x = src
    if layer.norm_first:
        x = x + layer._sa_block(layer.norm1(x), src_mask, src_key_padding_mask)
        x = x + layer._ff_block(layer.norm2(x))
    else:
        x = layer.norm1(x + layer._sa_block(x, src_mask, src_key_padding_mask))
        x = layer.norm2(x + layer._ff_block(x))
    return x


def _encoder_forward(encoder, src, mask=None, src_key_padding_mask=None):
    """nn.TransformerEncoder.forward without the nested-tensor fast path."""
    output = src
    for layer in encoder.layers:
        output = layer(output, src_mask=mask, src_key_padding_mask=src_key_padding_mask)
    if encoder.norm is not None:
        output = encoder.norm(output)
    return output


_SLOW_PATHS = {
    torch.nn.TransformerEncoderLayer: _encoder_layer_forward,
    torch.nn.TransformerEncoder: _encoder_forward,
}


class _Tracer(torch.fx.Tracer):
    def __init__(self, leaf):
        super().__init__()
        self._leaf = leaf
        self._scopes = [""]

    def proxy(self, node):
        return _Proxy(node, self)

    def is_leaf_module(self, m, qualified_name):
        return self._leaf(m, qualified_name)

    def call_module(self, m, forward, args, kwargs):
        path = self.path_of_module(m)
        if self.is_leaf_module(m, path):
            return self.create_proxy("call_module", path, args, kwargs)
        slow = _SLOW_PATHS.get(type(m))
        if slow is not None:
            forward = slow.__get__(m)
        self._scopes.append(path)
        try:
            return forward(*args, **kwargs)
        finally:
            self._scopes.pop()

    def create_node(self, kind, target, args, kwargs, name=None, type_expr=None):
        node = super().create_node(kind, target, args, kwargs, name, type_expr)
        node.meta["quill_module"] = target if kind == "call_module" else self._scopes[-1]
        return node


def trace(module, leaf):
    """A GraphModule of `module`; `leaf(m, qualified_name)` says which
    submodules stay call_module nodes."""
    name = type(module).__name__
    slow = _SLOW_PATHS.get(type(module))
    if slow is None:
        graph = _Tracer(leaf).trace(module)
    else:  # the tracer calls type(root).forward: swap the class while tracing
        cls = module.__class__
        module.__class__ = type(name, (cls,), {"forward": slow})
        try:
            graph = _Tracer(leaf).trace(module)
        finally:
            module.__class__ = cls
    return torch.fx.GraphModule(module, graph, name)


# Tensors that depend on their argument's shape only (zeros_like).
_SHAPE_ONLY = {torch.zeros_like, torch.ones_like, torch.full_like, "new_zeros", "new_ones",
               "new_full", "new_tensor"}


class _ValueProp(ShapeProp):
    """ShapeProp that also keeps tensor-free results (torch.Size, ints) in
    meta["quill_value"], and in meta["quill_constant"] the tensors that
    functions compute from no input and no weight (torch.arange(n),
    zeros_like(x))."""

    def __init__(self, gm):
        super().__init__(gm)
        self._constant = set()

    def run_node(self, n):
        result = super().run_node(n)
        if "tensor_meta" not in n.meta:
            n.meta["quill_value"] = result
        if n.op in ("call_function", "call_method") and (
                n.target in _SHAPE_ONLY or all(a in self._constant for a in n.all_input_nodes)):
            self._constant.add(n)
            if "tensor_meta" in n.meta:
                n.meta["quill_constant"] = result
        return result


def propagate(gm, inputs):
    """Runs `gm` on `inputs` (no grad), annotating every node; returns the
    outputs."""
    with torch.no_grad():
        return _ValueProp(gm).propagate(*inputs)
