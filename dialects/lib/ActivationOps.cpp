//===- ActivationOps.cpp - verifiers of elementwise activations -----------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;

namespace {
// Elementwise: the result has the input's shape and expressed type.
LogicalResult verifyElementwise(Operation *op) {
  Value input = op->getOperand(0), result = op->getResult(0);
  if (failed(sameExpressedType(op, {input, result})))
    return failure();
  return resultHasShape(op, result, shapeOf(input));
}

LogicalResult finite(Operation *op, StringRef name, double v) {
  if (std::isfinite(v))
    return success();
  return op->emitOpError() << name << " must be finite, got " << v;
}
} // namespace

LogicalResult ReluOp::verify() { return verifyElementwise(*this); }
LogicalResult Relu6Op::verify() { return verifyElementwise(*this); }
LogicalResult HardswishOp::verify() { return verifyElementwise(*this); }
LogicalResult HardsigmoidOp::verify() { return verifyElementwise(*this); }
LogicalResult SigmoidOp::verify() { return verifyElementwise(*this); }
LogicalResult TanhOp::verify() { return verifyElementwise(*this); }
LogicalResult SiluOp::verify() { return verifyElementwise(*this); }
LogicalResult GeluOp::verify() { return verifyElementwise(*this); }

LogicalResult HardtanhOp::verify() {
  double lo = getMinVal().convertToDouble(), hi = getMaxVal().convertToDouble();
  if (failed(finite(*this, "min_val", lo)) ||
      failed(finite(*this, "max_val", hi)))
    return failure();
  if (lo > hi)
    return emitOpError("min_val (") << lo << ") must not exceed max_val ("
                                    << hi << ")";
  return verifyElementwise(*this);
}

LogicalResult ClampOp::verify() {
  if (!getMin() && !getMax())
    return emitOpError("needs at least one of min and max");
  if ((getMin() && std::isnan(getMin()->convertToDouble())) ||
      (getMax() && std::isnan(getMax()->convertToDouble())))
    return emitOpError("bounds must not be NaN");
  return verifyElementwise(*this);
}

LogicalResult LeakyReluOp::verify() {
  if (failed(finite(*this, "negative_slope",
                    getNegativeSlope().convertToDouble())))
    return failure();
  return verifyElementwise(*this);
}

LogicalResult EluOp::verify() {
  if (failed(finite(*this, "alpha", getAlpha().convertToDouble())))
    return failure();
  return verifyElementwise(*this);
}

LogicalResult SoftmaxOp::verify() {
  // A rank-0 input counts as rank 1 for dim (PyTorch's maybe_wrap_dim).
  int64_t rank = std::max<int64_t>(rankOf(getInput()), 1);
  if (failed(dimIn(*this, "dim", getDim(), rank)))
    return failure();
  return verifyElementwise(*this);
}

LogicalResult PreluOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getWeight(), "weight", 1, 1)))
    return failure();
  // PyTorch's prelu kernel reads the weight as the input's dtype.
  if (failed(sameExpressedType(o, {getInput(), getWeight(), getResult()})))
    return failure();
  Shape in = shapeOf(getInput());
  int64_t channels = in.size() >= 2 ? in[1] : 1;
  int64_t n = shapeOf(getWeight())[0];
  if (n != ShapedType::kDynamic && n != 1 && !sizesAgree(n, channels))
    return emitOpError("weight has ")
           << n << " elements; expected 1 or the channel count " << channels;
  return verifyElementwise(*this);
}
