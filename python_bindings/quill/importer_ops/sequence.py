"""Embeddings, recurrent layers and multi-head attention (eval mode)."""

import operator

import torch.nn as nn
import torch.nn.functional as F

from ..importer_mlir import boolean, enum, i64
from .registry import function, module
from .util import Unsupported, tensor


def embedding(ctx, input, weight, padding_idx, max_norm):
    if max_norm is not None:
        raise Unsupported("embedding with max_norm (renormalizes the weight in place)")
    attrs = {"padding_idx": i64(padding_idx)} if padding_idx is not None else {}
    return ctx.call("quill.embedding", [tensor(input, "input"), tensor(weight, "weight")], attrs)


@module(nn.Embedding)
def embedding_module(ctx, m, input):
    return embedding(ctx, input, ctx.param(m, "weight"), m.padding_idx, m.max_norm)


@function(F.embedding)
def embedding_function(ctx, input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
                       scale_grad_by_freq=False, sparse=False):
    return embedding(ctx, input, weight, padding_idx, max_norm)


def embedding_bag(ctx, input, weight, offsets, max_norm, mode, per_sample_weights,
                  include_last_offset, padding_idx):
    if max_norm is not None:
        raise Unsupported("embedding_bag with max_norm (renormalizes the weight in place)")
    values = [tensor(input, "input"), tensor(weight, "weight")]
    text = f"{values[0].name}, {values[1].name}"
    for keyword, value in (("offsets", offsets), ("per_sample_weights", per_sample_weights)):
        if value is not None:
            values.append(tensor(value, keyword))
            text += f" {keyword} {value.name}"
    attrs = {}
    if mode != "mean":
        attrs["mode"] = enum("embedding_bag_mode", mode)
    if include_last_offset:
        attrs["include_last_offset"] = boolean(True)
    if padding_idx is not None:
        attrs["padding_idx"] = i64(padding_idx)
    return ctx.emit("quill.embedding_bag", values, attrs, text=text)[0]


@module(nn.EmbeddingBag)
def embedding_bag_module(ctx, m, input, offsets=None, per_sample_weights=None):
    return embedding_bag(ctx, input, ctx.param(m, "weight"), offsets, m.max_norm, m.mode,
                         per_sample_weights, m.include_last_offset, m.padding_idx)


@function(F.embedding_bag)
def embedding_bag_function(ctx, input, weight, offsets=None, max_norm=None, norm_type=2,
                           scale_grad_by_freq=False, mode="mean", sparse=False,
                           per_sample_weights=None, include_last_offset=False,
                           padding_idx=None):
    return embedding_bag(ctx, input, weight, offsets, max_norm, mode, per_sample_weights,
                         include_last_offset, padding_idx)


def _recurrent(ctx, m, op, input, states):
    """quill.lstm / quill.gru: results (output, h_n[, c_n]) in the module's
    nesting."""
    if getattr(m, "proj_size", 0):
        raise Unsupported("LSTM with proj_size")
    x = tensor(input, "input (a PackedSequence is not supported)")
    values, text = [x], x.name
    if states:
        states = [tensor(s, "initial state") for s in states]
        values += states
        text += " init(" + ", ".join(s.name for s in states) + ")"
    weights = [ctx.param(m, name) for name in m._flat_weights_names]
    values += weights
    text += " weights(" + ", ".join(w.name for w in weights) + ")"
    attrs = {"hidden_size": i64(m.hidden_size)}
    if m.num_layers != 1:
        attrs["num_layers"] = i64(m.num_layers)
    if m.bidirectional:
        attrs["bidirectional"] = boolean(True)
    if m.batch_first:
        attrs["batch_first"] = boolean(True)
    if not m.bias:
        attrs["has_biases"] = boolean(False)
    return ctx.rebuild(ctx.emit(op, values, attrs, text=text))


@module(nn.LSTM)
def lstm_module(ctx, m, input, hx=None):
    return _recurrent(ctx, m, "quill.lstm", input, list(hx) if hx is not None else [])


@module(nn.GRU)
def gru_module(ctx, m, input, hx=None):
    return _recurrent(ctx, m, "quill.gru", input, [hx] if hx is not None else [])


@module(nn.MultiheadAttention)
def multihead_attention_module(ctx, m, query, key, value, key_padding_mask=None,
                               need_weights=True, attn_mask=None, average_attn_weights=True):
    if not m._qkv_same_embed_dim:
        raise Unsupported("MultiheadAttention with kdim/vdim different from embed_dim")
    if m.bias_k is not None or m.add_zero_attn:
        raise Unsupported("MultiheadAttention with add_bias_kv or add_zero_attn")
    q, k, v = (tensor(t, n) for t, n in ((query, "query"), (key, "key"), (value, "value")))
    values = [q, k, v]
    text = f"{q.name}, {k.name}, {v.name}"
    for keyword, names in (("in_proj", ("in_proj_weight", "in_proj_bias")),
                           ("out_proj", ("out_proj.weight", "out_proj.bias"))):
        operands = [w for w in (ctx.param(m, n) for n in names) if w is not None]
        values += operands
        text += f" {keyword} " + ", ".join(w.name for w in operands)
    for keyword, mask in (("attn_mask", attn_mask), ("key_padding_mask", key_padding_mask)):
        if mask is not None:
            values.append(tensor(mask, keyword))
            text += f" {keyword} {mask.name}"
    attrs = {"num_heads": i64(m.num_heads)}
    if m.batch_first:
        attrs["batch_first"] = boolean(True)
    if need_weights and not average_attn_weights:
        attrs["average_attn_weights"] = boolean(False)
    # The attention weights are a result only when asked for and used.
    out, weights = ctx.outs[0], ctx.outs[1:]
    if weights and not _uses_item(ctx.node, 1):
        weights = []
    results = ctx.emit("quill.multihead_attention", values, attrs, [out] + weights, text=text)
    return results[0], (results[1] if weights else None)


def _uses_item(node, index):
    """Whether anything reads result `index` of a node returning a tuple."""
    return any(user.target is not operator.getitem or user.args[1] == index
               for user in node.users)
