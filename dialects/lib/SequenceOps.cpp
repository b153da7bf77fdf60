//===- SequenceOps.cpp - embeddings, recurrent layers, attention ----------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;

namespace {
LogicalResult checkPaddingIdx(Operation *op, std::optional<int64_t> idx,
                              int64_t numEmbeddings) {
  if (!idx || numEmbeddings == ShapedType::kDynamic)
    return success();
  if (*idx < -numEmbeddings || *idx >= numEmbeddings)
    return op->emitOpError("padding_idx ")
           << *idx << " is out of range [-" << numEmbeddings << ", "
           << numEmbeddings << ")";
  return success();
}

int64_t times(int64_t a, int64_t b) {
  return a == ShapedType::kDynamic || b == ShapedType::kDynamic
             ? ShapedType::kDynamic
             : a * b;
}

// Shared by lstm and gru: input/state shapes and PyTorch's _flat_weights.
template <typename OpT>
LogicalResult verifyRecurrent(OpT op, int64_t gates, ArrayRef<Value> initial,
                              ArrayRef<Value> finals) {
  Operation *o = op.getOperation();
  int64_t hidden = op.getHiddenSize(), layers = op.getNumLayers();
  if (hidden < 1)
    return op.emitOpError("hidden_size must be >= 1, got ") << hidden;
  if (layers < 1)
    return op.emitOpError("num_layers must be >= 1, got ") << layers;
  if (failed(rankIn(o, op.getInput(), "input", 2, 3)))
    return failure();
  int64_t dirs = op.getBidirectional() ? 2 : 1;
  Shape in = shapeOf(op.getInput());
  // As in PyTorch, batch_first is ignored for an unbatched input.
  bool batched = in.size() == 3;
  int64_t steps = batched && op.getBatchFirst() ? in[1] : in[0];
  int64_t batch = !batched ? 1 : op.getBatchFirst() ? in[0] : in[1];
  Shape stateShape = {layers * dirs, batch, hidden};
  if (!batched)
    stateShape = {layers * dirs, hidden};
  for (auto [i, v] : llvm::enumerate(initial))
    if (v && failed(hasShape(o, v, i == 0 ? "h0" : "c0", stateShape)))
      return failure();

  uint64_t perDirection = op.getHasBiases() ? 4 : 2;
  // Saturating: a huge num_layers must not wrap around to the actual count.
  uint64_t expectedCount = llvm::SaturatingMultiply(
      llvm::SaturatingMultiply(static_cast<uint64_t>(layers),
                               static_cast<uint64_t>(dirs)),
      perDirection);
  auto weights = op.getWeights();
  if (weights.size() != expectedCount)
    return op.emitOpError("expects ")
           << expectedCount << " weights (" << layers << " layer(s) x " << dirs
           << " direction(s) x " << perDirection << "), got " << weights.size();
  for (int64_t l = 0; l < layers; ++l) {
    int64_t inSize = l == 0 ? in.back() : dirs * hidden;
    for (int64_t d = 0; d < dirs; ++d) {
      size_t base = (l * dirs + d) * perDirection;
      std::string where =
          "layer " + std::to_string(l) + (d ? " reverse " : " ");
      if (failed(hasShape(o, weights[base], where + "w_ih",
                          {gates * hidden, inSize})) ||
          failed(hasShape(o, weights[base + 1], where + "w_hh",
                          {gates * hidden, hidden})))
        return failure();
      if (op.getHasBiases() &&
          (failed(isVectorOf(o, weights[base + 2], where + "b_ih",
                             gates * hidden)) ||
           failed(isVectorOf(o, weights[base + 3], where + "b_hh",
                             gates * hidden))))
        return failure();
    }
  }
  Shape out = batched
                  ? (op.getBatchFirst() ? Shape{batch, steps, dirs * hidden}
                                        : Shape{steps, batch, dirs * hidden})
                  : Shape{steps, dirs * hidden};
  // PyTorch's check_input: the input (and states) have the weights' dtype;
  // quantized weights (dynamic quantization) count as their expressed type.
  SmallVector<Value> sameType = {op.getInput()};
  llvm::append_range(sameType, initial);
  llvm::append_range(sameType, weights);
  sameType.push_back(op.getOutput());
  llvm::append_range(sameType, finals);
  if (failed(sameExpressedType(o, sameType)) ||
      failed(resultHasShape(o, op.getOutput(), out)))
    return failure();
  for (Value v : finals)
    if (failed(resultHasShape(o, v, stateShape)))
      return failure();
  return success();
}
} // namespace

LogicalResult EmbeddingOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getWeight(), "weight", 2, 2)))
    return failure();
  Shape w = shapeOf(getWeight());
  if (failed(checkPaddingIdx(o, getPaddingIdx(), w[0])) ||
      failed(sameExpressedType(o, {getWeight(), getResult()})))
    return failure();
  Shape expected = shapeOf(getIndices());
  expected.push_back(w[1]);
  return resultHasShape(o, getResult(), expected);
}

LogicalResult EmbeddingBagOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getWeight(), "weight", 2, 2)) ||
      failed(rankIn(o, getIndices(), "indices", 1, 2)))
    return failure();
  Shape w = shapeOf(getWeight()), idx = shapeOf(getIndices());
  if (failed(checkPaddingIdx(o, getPaddingIdx(), w[0])))
    return failure();
  int64_t bags;
  if (idx.size() == 2) {
    if (getOffsets())
      return emitOpError("offsets must be absent when indices are 2-d");
    bags = idx[0];
  } else {
    if (!getOffsets())
      return emitOpError("offsets are required when indices are 1-d");
    if (failed(rankIn(o, getOffsets(), "offsets", 1, 1)))
      return failure();
    bags = shapeOf(getOffsets())[0];
    if (bags != ShapedType::kDynamic && getIncludeLastOffset()) {
      if (bags < 1)
        return emitOpError("include_last_offset needs at least one offset");
      --bags;
    }
  }
  if (Value psw = getPerSampleWeights()) {
    if (getMode() != EmbeddingBagMode::sum)
      return emitOpError("per_sample_weights are only supported with mode "
                         "sum, got mode ")
             << stringifyEmbeddingBagMode(getMode());
    if (failed(hasShape(o, psw, "per_sample_weights", idx)))
      return failure();
  }
  // PyTorch: per_sample_weights has the weight's dtype (the expressed type
  // of a quantized weight).
  if (failed(sameExpressedType(
          o, {getWeight(), getPerSampleWeights(), getResult()})))
    return failure();
  return resultHasShape(o, getResult(), {bags, w[1]});
}

namespace {
/// w_ih and w_hh of each layer and direction: the first two of every group
/// of `_flat_weights` (four with biases, two without).
template <typename OpT>
SmallVector<OpOperand *> recurrentWeightMatrices(OpT op) {
  SmallVector<OpOperand *> weights;
  size_t group = op.getHasBiases() ? 4 : 2;
  MutableArrayRef<OpOperand> operands = op.getWeightsMutable();
  for (size_t i = 0; i < operands.size(); ++i)
    if (i % group < 2)
      weights.push_back(&operands[i]);
  return weights;
}
} // namespace

SmallVector<OpOperand *> LstmOp::getQuantizableWeights() {
  return recurrentWeightMatrices(*this);
}

SmallVector<OpOperand *> GruOp::getQuantizableWeights() {
  return recurrentWeightMatrices(*this);
}

LogicalResult LstmOp::verify() {
  if (static_cast<bool>(getH0()) != static_cast<bool>(getC0()))
    return emitOpError("h0 and c0 must be given together");
  return verifyRecurrent(*this, 4, {getH0(), getC0()}, {getHN(), getCN()});
}

LogicalResult GruOp::verify() {
  return verifyRecurrent(*this, 3, {getH0()}, {getHN()});
}

LogicalResult MultiheadAttentionOp::verify() {
  Operation *o = getOperation();
  int64_t heads = getNumHeads();
  if (heads < 1)
    return emitOpError("num_heads must be >= 1, got ") << heads;
  if (failed(rankIn(o, getQuery(), "query", 2, 3)))
    return failure();
  Shape q = shapeOf(getQuery());
  size_t rank = q.size();
  // As in PyTorch, batch_first is ignored for unbatched inputs.
  bool batched = rank == 3;
  if (failed(rankIn(o, getKey(), "key", rank, rank)) ||
      failed(rankIn(o, getValue(), "value", rank, rank)))
    return failure();
  Shape k = shapeOf(getKey()), v = shapeOf(getValue());
  // Sequence / batch positions depend on batch_first.
  size_t seqDim = batched && getBatchFirst() ? 1 : 0;
  int64_t batch = !batched ? 1 : getBatchFirst() ? q[0] : q[1];
  int64_t embed = q.back();
  int64_t targetLen = q[seqDim], sourceLen = k[seqDim];
  if (embed != ShapedType::kDynamic && embed % heads != 0)
    return emitOpError("embed_dim (")
           << embed << ") must be divisible by num_heads (" << heads << ")";
  if (!sizesAgree(k.back(), embed) || !sizesAgree(v.back(), embed))
    return emitOpError("key and value must have embed_dim ")
           << embed << " (separate kdim/vdim are not supported)";
  if (!sizesAgree(k[seqDim], v[seqDim]))
    return emitOpError("key and value sequence lengths differ: ")
           << k[seqDim] << " and " << v[seqDim];
  if (batched &&
      (!sizesAgree(k[1 - seqDim], batch) || !sizesAgree(v[1 - seqDim], batch)))
    return emitOpError("query, key and value batch sizes differ");
  if (failed(hasShape(o, getInProjWeight(), "in_proj_weight",
                      {times(3, embed), embed})) ||
      failed(
          hasShape(o, getOutProjWeight(), "out_proj_weight", {embed, embed})) ||
      (getInProjBias() && failed(isVectorOf(o, getInProjBias(), "in_proj_bias",
                                            times(3, embed)))) ||
      (getOutProjBias() &&
       failed(isVectorOf(o, getOutProjBias(), "out_proj_bias", embed))))
    return failure();
  if (Value mask = getAttnMask()) {
    Shape m = shapeOf(mask);
    Shape twoD = {targetLen, sourceLen};
    Shape threeD = {times(batch, heads), targetLen, sourceLen};
    if (m.size() == 3 ? failed(hasShape(o, mask, "attn_mask", threeD))
                      : failed(hasShape(o, mask, "attn_mask", twoD)))
      return failure();
  }
  if (Value mask = getKeyPaddingMask()) {
    Shape expected = batched ? Shape{batch, sourceLen} : Shape{sourceLen};
    if (failed(hasShape(o, mask, "key_padding_mask", expected)))
      return failure();
  }
  // F.linear and baddbmm need one dtype: projections (quantized ones by
  // their expressed type), float biases and a float attn_mask follow the
  // query. Integer (int32) biases and bool masks are exempt.
  auto ifFloatOrQuantized = [](Value v) -> Value {
    if (!v)
      return v;
    Type e = cast<ShapedType>(v.getType()).getElementType();
    return isa<FloatType, quant::QuantizedType>(e) ? v : Value();
  };
  if (failed(sameExpressedType(
          o, {getQuery(), getKey(), getValue(), getInProjWeight(),
              ifFloatOrQuantized(getInProjBias()), getOutProjWeight(),
              ifFloatOrQuantized(getOutProjBias()),
              ifFloatOrQuantized(getAttnMask()), getOutput(),
              getAttnWeights()})) ||
      failed(resultHasShape(o, getOutput(), q)))
    return failure();
  if (Value w = getAttnWeights()) {
    Shape expected;
    if (batched)
      expected.push_back(batch);
    if (!getAverageAttnWeights())
      expected.push_back(heads);
    expected.push_back(targetLen);
    expected.push_back(sourceLen);
    return resultHasShape(o, w, expected);
  }
  return success();
}
