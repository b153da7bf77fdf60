//===- NormOps.cpp - verifiers of normalization ops -----------------------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;

namespace {
LogicalResult checkEps(Operation *op, double eps) {
  if (eps >= 0.0 && std::isfinite(eps))
    return success();
  return op->emitOpError("eps must be non-negative and finite, got ") << eps;
}

// Channel-wise parameters ([C], C = input dim 1), null values skipped.
LogicalResult checkPerChannel(Operation *op, Value input,
                              ArrayRef<std::pair<Value, StringRef>> params) {
  int64_t c = shapeOf(input)[1];
  for (auto [v, name] : params)
    if (v && failed(isVectorOf(op, v, name, c)))
      return failure();
  return success();
}

// Normalization keeps the input shape; quantized types count as expressed.
LogicalResult sameShapeAsInput(Operation *op, Value input, Value result) {
  if (failed(sameExpressedType(op, {input, result})))
    return failure();
  return resultHasShape(op, result, shapeOf(input));
}
} // namespace

LogicalResult BatchNormOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getInput(), "input", 2, 5)) ||
      failed(checkEps(o, getEps().convertToDouble())) ||
      failed(checkPerChannel(o, getInput(),
                             {{getRunningMean(), "running_mean"},
                              {getRunningVar(), "running_var"},
                              {getWeight(), "weight"},
                              {getBias(), "bias"}})))
    return failure();
  return sameShapeAsInput(o, getInput(), getResult());
}

LogicalResult LayerNormOp::verify() {
  Operation *o = getOperation();
  ArrayRef<int64_t> normalized = getNormalizedShape();
  if (normalized.empty())
    return emitOpError("normalized_shape must not be empty");
  for (int64_t d : normalized)
    if (d < 1)
      return emitOpError("normalized_shape sizes must be >= 1, got ") << d;
  Shape in = shapeOf(getInput());
  if (in.size() < normalized.size())
    return emitOpError("input rank ")
           << in.size() << " is smaller than normalized_shape "
           << formatShape(normalized);
  Shape trailing(in.end() - normalized.size(), in.end());
  for (size_t i = 0; i < normalized.size(); ++i)
    if (!sizesAgree(trailing[i], normalized[i]))
      return emitOpError("input trailing dimensions ")
             << formatShape(trailing) << " do not match normalized_shape "
             << formatShape(normalized);
  if ((getWeight() && failed(hasShape(o, getWeight(), "weight", normalized))) ||
      (getBias() && failed(hasShape(o, getBias(), "bias", normalized))) ||
      failed(checkEps(o, getEps().convertToDouble())))
    return failure();
  return sameShapeAsInput(o, getInput(), getResult());
}

LogicalResult GroupNormOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getInput(), "input", 2, kAnyRank)) ||
      failed(checkEps(o, getEps().convertToDouble())))
    return failure();
  int64_t groups = getNumGroups();
  if (groups < 1)
    return emitOpError("num_groups must be >= 1, got ") << groups;
  int64_t c = shapeOf(getInput())[1];
  if (c != ShapedType::kDynamic && c % groups != 0)
    return emitOpError("channels (")
           << c << ") must be divisible by num_groups (" << groups << ")";
  if (failed(checkPerChannel(o, getInput(),
                             {{getWeight(), "weight"}, {getBias(), "bias"}})))
    return failure();
  return sameShapeAsInput(o, getInput(), getResult());
}

LogicalResult InstanceNormOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getInput(), "input", 3, 5)) ||
      failed(checkEps(o, getEps().convertToDouble())))
    return failure();
  if (static_cast<bool>(getRunningMean()) != static_cast<bool>(getRunningVar()))
    return emitOpError("running_mean and running_var must be given together");
  if (failed(checkPerChannel(o, getInput(),
                             {{getWeight(), "weight"},
                              {getBias(), "bias"},
                              {getRunningMean(), "running_mean"},
                              {getRunningVar(), "running_var"}})))
    return failure();
  return sameShapeAsInput(o, getInput(), getResult());
}
