"""quill.multihead_attention against F.multi_head_attention_forward (1.13).

Cases: sequence-first, batch_first and unbatched inputs; self and cross
attention (different source length); 1, 2 and 4 heads; with and without each
projection bias; no mask, bool or float attn_mask (2-d and 3-d), bool or float
key_padding_mask and their combinations (PyTorch merges them: logical_or,
or masked_fill with -inf); with and without the attention-weights result,
averaged or per head; a fully masked row (NaN in PyTorch and here).
"""

import itertools

import pytest
import torch
import torch.nn.functional as F

from kernel_compare import assert_close
from quill_harness import mlir_constant, run_mlir, tensor_type


def rand(shape, seed):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def run_attention(q, k, v, params, heads, attn_mask=None, kpm=None, batch_first=False,
                  need_weights=False, average=True):
    """Compares the quill op with PyTorch on (q, k, v) in the op's layout."""
    w_in, b_in, w_out, b_out = params
    batched = q.dim() == 3
    to_seq = (lambda t: t.transpose(0, 1)) if batched and batch_first else (lambda t: t)
    out, weights = F.multi_head_attention_forward(
        to_seq(q), to_seq(k), to_seq(v), q.shape[-1], heads, w_in, b_in, None, None, False, 0.0,
        w_out, b_out, training=False, key_padding_mask=kpm, need_weights=need_weights,
        attn_mask=attn_mask, average_attn_weights=average)
    results = [to_seq(out)] + ([weights] if need_weights else [])

    inputs, arg_types = [q, k, v], [tensor_type(a) for a in (q, k, v)]
    consts = [f"%w_in = {mlir_constant(w_in)}", f"%w_out = {mlir_constant(w_out)}"]
    in_proj, out_proj = "%w_in", "%w_out"
    operand_types = arg_types + [tensor_type(w_in)]
    if b_in is not None:
        consts.append(f"%b_in = {mlir_constant(b_in)}")
        in_proj += ", %b_in"
        operand_types.append(tensor_type(b_in))
    operand_types.append(tensor_type(w_out))
    if b_out is not None:
        consts.append(f"%b_out = {mlir_constant(b_out)}")
        out_proj += ", %b_out"
        operand_types.append(tensor_type(b_out))
    masks = ""
    for name, m in (("attn_mask", attn_mask), ("key_padding_mask", kpm)):
        if m is not None:
            inputs.append(m)
            arg_types.append(tensor_type(m))
            operand_types.append(tensor_type(m))
            masks += f" {name} %a{len(inputs) - 1}"
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(arg_types))
    attrs = [f"num_heads = {heads} : i64"]
    if batch_first:
        attrs.append("batch_first = true")
    if not average:
        attrs.append("average_attn_weights = false")
    result_types = ", ".join(tensor_type(r) for r in results)
    names = ", ".join(f"%r{i}" for i in range(len(results)))
    nl = "\n  "
    mlir = f"""func.func @f({args}) -> ({result_types}) {{
  {nl.join(consts)}
  {names} = quill.multihead_attention %a0, %a1, %a2 in_proj {in_proj} out_proj {out_proj}{masks}
      {{{", ".join(attrs)}}} : ({", ".join(operand_types)}) -> ({result_types})
  return {names} : {result_types}
}}"""
    got = run_mlir(mlir, inputs)
    assert len(got) == len(results)
    for name, g, w in zip(["output", "attn_weights"], got, results):
        assert_close(f"multihead_attention.{name}", g, w.detach().numpy())


def params(E, bias_in=True, bias_out=True, seed=10):
    return (rand((3 * E, E), seed) / E ** 0.5, rand((3 * E,), seed + 1) if bias_in else None,
            rand((E, E), seed + 2) / E ** 0.5, rand((E,), seed + 3) if bias_out else None)


def inputs(L, S, N, E, batch_first, self_attention):
    def shaped(T, seed):
        if N is None:
            return rand((T, E), seed)
        return rand((N, T, E) if batch_first else (T, N, E), seed)
    q = shaped(L, 1)
    if self_attention:
        return q, q, q
    return q, shaped(S, 2), shaped(S, 3)


@pytest.mark.parametrize("batch_first,self_attention,heads,need_weights,average", [
    (bf, sa, h, nw, av) for bf, sa, h, (nw, av) in itertools.product(
        [False, True], [True, False], [1, 2, 4], [(False, True), (True, True), (True, False)])])
def test_layouts_and_weights(batch_first, self_attention, heads, need_weights, average):
    L, S, N, E = 5, 5 if self_attention else 7, 3, 8
    q, k, v = inputs(L, S, N, E, batch_first, self_attention)
    run_attention(q, k, v, params(E), heads, batch_first=batch_first,
                  need_weights=need_weights, average=average)


@pytest.mark.parametrize("bias_in,bias_out", [(False, True), (True, False), (False, False)])
def test_without_biases(bias_in, bias_out):
    q, k, v = inputs(4, 6, 2, 6, False, False)
    run_attention(q, k, v, params(6, bias_in, bias_out), 3, need_weights=True)


def bool_mask(shape, seed):
    m = torch.rand(shape, generator=torch.Generator().manual_seed(seed)) < 0.3
    m[..., 0] = False  # keep every row partly visible
    return m


def float_mask(shape, seed):
    return rand(shape, seed)


MASKS = {
    "none": lambda L, S, NH, N: (None, None),
    "bool2d": lambda L, S, NH, N: (bool_mask((L, S), 20), None),
    "float2d": lambda L, S, NH, N: (float_mask((L, S), 21), None),
    "bool3d": lambda L, S, NH, N: (bool_mask((NH, L, S), 22), None),
    "float3d": lambda L, S, NH, N: (float_mask((NH, L, S), 23), None),
    "kpm_bool": lambda L, S, NH, N: (None, bool_mask((N, S), 24)),
    "kpm_float": lambda L, S, NH, N: (None, float_mask((N, S), 25)),
    "bool2d+kpm_bool": lambda L, S, NH, N: (bool_mask((L, S), 26), bool_mask((N, S), 27)),
    "float3d+kpm_bool": lambda L, S, NH, N: (float_mask((NH, L, S), 28), bool_mask((N, S), 29)),
    "bool3d+kpm_float": lambda L, S, NH, N: (bool_mask((NH, L, S), 30),
                                             float_mask((N, S), 31).clamp(min=0)),
}


@pytest.mark.parametrize("mask", sorted(MASKS))
@pytest.mark.parametrize("batch_first", [False, True])
def test_masks(mask, batch_first):
    L, S, N, E, heads = 4, 6, 2, 8, 2
    q, k, v = inputs(L, S, N, E, batch_first, False)
    attn_mask, kpm = MASKS[mask](L, S, N * heads, N)
    run_attention(q, k, v, params(E), heads, attn_mask, kpm, batch_first=batch_first,
                  need_weights=True, average=False)


@pytest.mark.parametrize("mask", ["none", "bool2d", "float2d", "bool3d", "kpm_bool", "kpm_float"])
@pytest.mark.parametrize("need_weights,average", [(False, True), (True, True), (True, False)])
def test_unbatched(mask, need_weights, average):
    L, S, E, heads = 3, 5, 4, 2
    q, k, v = inputs(L, S, None, E, False, False)
    attn_mask, kpm = MASKS[mask](L, S, heads, 1)
    if kpm is not None:
        kpm = kpm[0]
    run_attention(q, k, v, params(E), heads, attn_mask, kpm, need_weights=need_weights,
                  average=average)


def test_fully_masked_row_is_nan_like_pytorch():
    L, S, N, E = 3, 4, 2, 4
    q, k, v = inputs(L, S, N, E, False, False)
    kpm = torch.zeros(N, S, dtype=torch.bool)
    kpm[1] = True
    run_attention(q, k, v, params(E), 2, None, kpm, need_weights=True)


def test_float_masks_together_are_rejected():
    L, S, N, E = 3, 4, 2, 4
    q, k, v = inputs(L, S, N, E, False, False)
    with pytest.raises(RuntimeError, match="float key_padding_mask cannot be combined"):
        run_attention_quill_only(q, k, v, float_mask((L, S), 1), float_mask((N, S), 2))


def run_attention_quill_only(q, k, v, attn_mask, kpm):
    """The op with both masks float, which PyTorch itself rejects."""
    w_in, b_in, w_out, b_out = params(q.shape[-1])
    t = tensor_type
    mlir = f"""func.func @f(%q: {t(q)}, %k: {t(k)}, %v: {t(v)}, %m: {t(attn_mask)}, %p: {t(kpm)}) -> {t(q)} {{
  %wi = {mlir_constant(w_in)}
  %wo = {mlir_constant(w_out)}
  %y = quill.multihead_attention %q, %k, %v in_proj %wi out_proj %wo attn_mask %m key_padding_mask %p
      {{num_heads = 2 : i64}} : ({t(q)}, {t(k)}, {t(v)}, {t(w_in)}, {t(w_out)}, {t(attn_mask)}, {t(kpm)}) -> {t(q)}
  return %y : {t(q)}
}}"""
    return run_mlir(mlir, [q, k, v, attn_mask, kpm])
