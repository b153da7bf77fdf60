"""Reference linear, matmul and batch_matmul kernels vs PyTorch.

linear: inputs of rank 1 to 4, bias or none, fused relu, the weight inlined
as a constant or passed as an argument. matmul: every torch.matmul shape
rule (1-d x 1-d dot product, 1-d promotion on either side, batch
broadcasting across ranks and size-1 dimensions, empty contraction).
batch_matmul: torch.bmm, including an empty batch.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quill_harness import mlir_constant, run_mlir, tensor_type


def _check(out, ref):
    ref = ref.numpy()
    assert out.shape == ref.shape and out.dtype == np.float32
    scale = max(1.0, float(np.abs(ref).max(initial=0.0)))
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6 * scale)


def _randn(gen, *shape):
    return torch.randn(shape, generator=gen)


# (input shape, out_features, bias, relu, weight passed as an argument)
LINEAR_CASES = [
    ((16,), 8, True, False, False),
    ((5, 16), 8, False, False, False),
    ((2, 3, 16), 8, True, True, False),
    ((2, 1, 3, 7), 4, True, False, False),
    ((4, 1), 3, True, True, False),
    ((3, 9), 1, False, True, False),
    ((6, 33), 5, True, False, True),
    ((0, 4), 3, True, False, False),
]


@pytest.mark.parametrize(
    "shape,out_features,has_bias,relu,weight_arg", LINEAR_CASES,
    ids=["x".join(map(str, c[0])) + f"-out{c[1]}" + ("-bias" if c[2] else "")
         + ("-relu" if c[3] else "") + ("-warg" if c[4] else "")
         for c in LINEAR_CASES])
def test_linear(shape, out_features, has_bias, relu, weight_arg):
    gen = torch.Generator().manual_seed(len(shape) * 100 + shape[-1] + out_features)
    x = _randn(gen, *shape)
    w = _randn(gen, out_features, shape[-1])
    b = _randn(gen, out_features) if has_bias else None
    ref = F.linear(x, w, b)
    if relu:
        ref = F.relu(ref)

    args, consts = [f"%x: {tensor_type(x)}"], []
    if weight_arg:
        args.append(f"%w: {tensor_type(w)}")
    else:
        consts.append(f"%w = {mlir_constant(w)}")
    operands, types = ["%x", "%w"], [tensor_type(x), tensor_type(w)]
    if has_bias:
        consts.append(f"%b = {mlir_constant(b)}")
        operands.append("%b")
        types.append(tensor_type(b))
    attrs = " {fused_activation = #quill.fused_activation<relu>}" if relu else ""
    body = "".join(f"  {c}\n" for c in consts)
    mlir = f"""func.func @f({', '.join(args)}) -> {tensor_type(ref)} {{
{body}  %y = quill.linear {', '.join(operands)}{attrs} : ({', '.join(types)}) -> {tensor_type(ref)}
  return %y : {tensor_type(ref)}
}}"""
    (out,) = run_mlir(mlir, [x, w] if weight_arg else [x])
    _check(out, ref)


def _run_binary(op, a, b, ref):
    # tensor_type sees a 0-d array as 1-d (np.ascontiguousarray makes ndim >= 1).
    result = tensor_type(ref) if ref.dim() else "tensor<f32>"
    mlir = f"""func.func @f(%a: {tensor_type(a)}, %b: {tensor_type(b)}) -> {result} {{
  %y = quill.{op} %a, %b : ({tensor_type(a)}, {tensor_type(b)}) -> {result}
  return %y : {result}
}}"""
    (out,) = run_mlir(mlir, [a, b])
    return out


MATMUL_CASES = [
    ((4,), (4,)),              # dot product, rank-0 result
    ((4,), (4, 3)),            # 1-d lhs promoted to [1, 4]
    ((3, 4), (4,)),            # 1-d rhs promoted to [4, 1]
    ((3, 4), (4, 5)),
    ((2, 3, 4), (4, 5)),       # rhs broadcast over the batch
    ((4,), (2, 4, 5)),         # 1-d lhs with a batched rhs
    ((2, 3, 4), (4,)),         # batched lhs with a 1-d rhs
    ((2, 1, 3, 4), (5, 4, 2)),  # batch [2, 1] x [5] -> [2, 5]
    ((1, 3, 4), (2, 4, 5)),
    ((3, 1, 2, 3), (1, 4, 3, 2)),
    ((2, 2, 40), (40, 3)),     # a longer contraction
    ((3, 0), (0, 4)),          # empty contraction: zeros
]


@pytest.mark.parametrize("a_shape,b_shape", MATMUL_CASES,
                         ids=["x".join(map(str, a)) + "-" + "x".join(map(str, b))
                              for a, b in MATMUL_CASES])
def test_matmul(a_shape, b_shape):
    gen = torch.Generator().manual_seed(MATMUL_CASES.index((a_shape, b_shape)))
    a, b = _randn(gen, *a_shape), _randn(gen, *b_shape)
    ref = torch.matmul(a, b)
    _check(_run_binary("matmul", a, b, ref), ref)


BMM_CASES = [
    ((2, 3, 4), (2, 4, 5)),
    ((1, 1, 1), (1, 1, 1)),
    ((3, 5, 2), (3, 2, 7)),
    ((4, 1, 6), (4, 6, 1)),
    ((0, 3, 4), (0, 4, 5)),    # empty batch
]


@pytest.mark.parametrize("a_shape,b_shape", BMM_CASES,
                         ids=["x".join(map(str, a)) + "-" + "x".join(map(str, b))
                              for a, b in BMM_CASES])
def test_batch_matmul(a_shape, b_shape):
    gen = torch.Generator().manual_seed(100 + BMM_CASES.index((a_shape, b_shape)))
    a, b = _randn(gen, *a_shape), _randn(gen, *b_shape)
    ref = torch.bmm(a, b)
    _check(_run_binary("batch_matmul", a, b, ref), ref)
