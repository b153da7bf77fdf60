//===- ConvOps.cpp - verifiers of convolutions and matrix products --------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;
namespace shape = ::quill::shape;

namespace {
// A per-axis quantized weight is quantized along its output-channel
// dimension: 0 for conv and linear ([C_out, ...]), 1 for transposed
// convolutions ([C_in, C_out/groups, ...]).
LogicalResult weightAxisIs(Operation *op, Value weight, int64_t axis) {
  auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(
      cast<ShapedType>(weight.getType()).getElementType());
  if (!q || q.getQuantizedDimension() == axis)
    return success();
  return op->emitOpError("weight must be quantized per axis along dimension ")
         << axis << " (output channels), got dimension "
         << q.getQuantizedDimension();
}

// PyTorch adds a float bias of the input's dtype; an i32 (or quantized)
// bias is the int8 form (scale s_x*s_w) and needs a quantized input.
LogicalResult checkBiasType(Operation *op, Value input, Value bias) {
  if (!bias)
    return success();
  Type in = cast<ShapedType>(input.getType()).getElementType();
  Type b = cast<ShapedType>(bias.getType()).getElementType();
  if (isa<FloatType>(b)) {
    if (b == expressedType(in))
      return success();
    return op->emitOpError("bias element type ")
           << b << " differs from the input's " << expressedType(in);
  }
  if (isa<quant::QuantizedType>(in)) {
    if (!isa<quant::QuantizedType>(b) || expressedType(b) == expressedType(in))
      return success();
    return op->emitOpError("bias element type ")
           << b << " does not stand for the input's " << expressedType(in);
  }
  return op->emitOpError("an integer or quantized bias (")
         << b << ") needs a quantized input";
}

// Rules common to convolutions (outputPadding empty) and transposed
// convolutions with n spatial dims. The weight is [C_out, C_in/groups, k...],
// or [C_in, C_out/groups, k...] when transposed.
template <typename OpT>
LogicalResult verifyConvLike(OpT op, size_t n,
                             std::optional<ArrayRef<int64_t>> outputPadding) {
  Operation *o = op.getOperation();
  bool transposed = outputPadding.has_value();
  // PyTorch 1.13 takes an unbatched [C, spatial...] input too.
  if (failed(rankIn(o, op.getWeight(), "weight", n + 2, n + 2)) ||
      failed(rankIn(o, op.getInput(), "input", n + 1, n + 2)) ||
      failed(rankIn(o, op.getResult(), "result", rankOf(op.getInput()),
                    rankOf(op.getInput()))) ||
      failed(listOf(o, "stride", op.getStride(), n, 1)) ||
      failed(listOf(o, "padding", op.getPadding(), n, 0)) ||
      failed(listOf(o, "dilation", op.getDilation(), n, 1)))
    return failure();
  if (transposed) {
    if (failed(listOf(o, "output_padding", *outputPadding, n, 0)))
      return failure();
    // PyTorch: output padding must be smaller than either stride or dilation.
    for (size_t i = 0; i < n; ++i) {
      int64_t pad = (*outputPadding)[i];
      if (pad >= op.getStride()[i] && pad >= op.getDilation()[i])
        return op.emitOpError("output_padding ")
               << pad << " must be smaller than the stride ("
               << op.getStride()[i] << ") or the dilation ("
               << op.getDilation()[i] << ")";
    }
  }
  int64_t groups = op.getGroups();
  if (groups < 1)
    return op.emitOpError("groups must be >= 1, got ") << groups;

  Shape in = shapeOf(op.getInput()), w = shapeOf(op.getWeight());
  // Unbatched: view the input as a batch of one, then drop it again.
  bool batched = in.size() == n + 2;
  if (!batched)
    in.insert(in.begin(), 1);
  auto timesGroups = [&](int64_t d) {
    return d == ShapedType::kDynamic ? d : d * groups;
  };
  int64_t cin = in[1];
  int64_t cinFromWeight = transposed ? w[0] : timesGroups(w[1]);
  int64_t cout = transposed ? timesGroups(w[1]) : w[0];
  if (cin != ShapedType::kDynamic && cin % groups != 0)
    return op.emitOpError("input channels (")
           << cin << ") must be divisible by groups (" << groups << ")";
  if (!sizesAgree(cin, cinFromWeight))
    return op.emitOpError("input has ")
           << cin << " channels but the weight expects " << cinFromWeight
           << " (weight shape " << formatShape(w) << ", groups " << groups
           << ")";
  if (cout != ShapedType::kDynamic && cout % groups != 0)
    return op.emitOpError("output channels (")
           << cout << ") must be divisible by groups (" << groups << ")";
  if (Value bias = op.getBias())
    if (failed(isVectorOf(o, bias, "bias", cout)))
      return failure();
  if (failed(weightAxisIs(o, op.getWeight(), transposed ? 1 : 0)) ||
      failed(checkBiasType(o, op.getInput(), op.getBias())))
    return failure();

  Shape expected = {in[0], cout};
  for (size_t i = 0; i < n; ++i) {
    int64_t k = w[i + 2], s = op.getStride()[i], p = op.getPadding()[i],
            d = op.getDilation()[i];
    int64_t size = ShapedType::kDynamic;
    if (k == 0)
      return op.emitOpError("kernel size ")
             << i << " is 0; weight shape " << formatShape(w);
    if (k != ShapedType::kDynamic)
      size = transposed ? shape::convTransposeOutputSize(
                              in[i + 2], k, s, p, d, (*outputPadding)[i])
                        : shape::convOutputSize(in[i + 2], k, s, p, d);
    if (size != ShapedType::kDynamic && size < 1)
      return op.emitOpError("spatial dimension ")
             << i << " of size " << in[i + 2] << " gives output size " << size
             << " with kernel " << k << ", stride " << s << ", padding " << p
             << ", dilation " << d;
    expected.push_back(size);
  }
  if (!batched)
    expected.erase(expected.begin());
  if (failed(sameExpressedType(o, {op.getInput(), op.getWeight(),
                                   op.getResult()})))
    return failure();
  return resultHasShape(o, op.getResult(), expected);
}
} // namespace

LogicalResult Conv1dOp::verify() { return verifyConvLike(*this, 1, {}); }
LogicalResult Conv2dOp::verify() { return verifyConvLike(*this, 2, {}); }
LogicalResult Conv3dOp::verify() { return verifyConvLike(*this, 3, {}); }
LogicalResult ConvTranspose1dOp::verify() {
  return verifyConvLike(*this, 1, getOutputPadding());
}
LogicalResult ConvTranspose2dOp::verify() {
  return verifyConvLike(*this, 2, getOutputPadding());
}
LogicalResult ConvTranspose3dOp::verify() {
  return verifyConvLike(*this, 3, getOutputPadding());
}


LogicalResult LinearOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getInput(), "input", 1, kAnyRank)) ||
      failed(rankIn(o, getWeight(), "weight", 2, 2)))
    return failure();
  Shape in = shapeOf(getInput()), w = shapeOf(getWeight());
  if (!sizesAgree(in.back(), w[1]))
    return emitOpError("input has ")
           << in.back() << " features but the weight expects " << w[1];
  if ((getBias() && failed(isVectorOf(o, getBias(), "bias", w[0]))) ||
      failed(weightAxisIs(o, getWeight(), 0)) ||
      failed(checkBiasType(o, getInput(), getBias())))
    return failure();
  if (failed(sameExpressedType(o, {getInput(), getWeight(), getResult()})))
    return failure();
  Shape expected = in;
  expected.back() = w[0];
  return resultHasShape(o, getResult(), expected);
}

LogicalResult MatmulOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getLhs(), "lhs", 1, kAnyRank)) ||
      failed(rankIn(o, getRhs(), "rhs", 1, kAnyRank)) ||
      failed(sameExpressedType(o, {getLhs(), getRhs(), getResult()})))
    return failure();
  Shape a = shapeOf(getLhs()), b = shapeOf(getRhs());
  bool aVec = a.size() == 1, bVec = b.size() == 1;
  // torch.matmul: promote 1-d operands, multiply, drop the promoted dims.
  if (aVec)
    a.insert(a.begin(), 1);
  if (bVec)
    b.push_back(1);
  if (!sizesAgree(a.back(), b[b.size() - 2]))
    return emitOpError("contracting dimensions differ: lhs has ")
           << a.back() << ", rhs has " << b[b.size() - 2];
  Shape aBatch(a.begin(), a.end() - 2), bBatch(b.begin(), b.end() - 2);
  auto batch = shape::broadcastShapes(aBatch, bBatch);
  if (!batch)
    return emitOpError("batch dimensions ")
           << formatShape(aBatch) << " and " << formatShape(bBatch)
           << " do not broadcast";
  Shape expected = *batch;
  if (!aVec)
    expected.push_back(a[a.size() - 2]);
  if (!bVec)
    expected.push_back(b.back());
  return resultHasShape(o, getResult(), expected);
}

LogicalResult BatchMatmulOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getLhs(), "lhs", 3, 3)) ||
      failed(rankIn(o, getRhs(), "rhs", 3, 3)) ||
      failed(sameExpressedType(o, {getLhs(), getRhs(), getResult()})))
    return failure();
  Shape a = shapeOf(getLhs()), b = shapeOf(getRhs());
  if (!sizesAgree(a[0], b[0]))
    return emitOpError("batch sizes differ: ") << a[0] << " and " << b[0];
  if (!sizesAgree(a[2], b[1]))
    return emitOpError("contracting dimensions differ: lhs has ")
           << a[2] << ", rhs has " << b[1];
  int64_t batch = a[0] == ShapedType::kDynamic ? b[0] : a[0];
  return resultHasShape(o, getResult(), {batch, a[1], b[2]});
}
