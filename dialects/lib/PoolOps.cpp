//===- PoolOps.cpp - verifiers of pooling and reductions ------------------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/SmallSet.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;
namespace shape = ::quill::shape;

namespace {
struct PoolParams {
  ArrayRef<int64_t> kernel, stride, padding, dilation;
  bool ceilMode;
  // avg_pool3d also requires every spatial input size >= the kernel size,
  // whatever the padding (PyTorch 1.13 pool3d_shape_check, check_input_size).
  bool inputAtLeastKernel;
};

// Pooling moves or averages values without requantizing: PyTorch's quantized
// kernels give the result the input's dtype, scale and zero point.
LogicalResult sameQuantizedType(Operation *op, Value input, Value result) {
  Type in = cast<ShapedType>(input.getType()).getElementType();
  Type out = cast<ShapedType>(result.getType()).getElementType();
  if (in == out ||
      (!isa<quant::QuantizedType>(in) && !isa<quant::QuantizedType>(out)))
    return success();
  return op->emitOpError("result element type ")
         << out << " differs from the input's " << in
         << " (a quantized input and result share their scale and zero point)";
}

// Input [N, C, spatial...] or unbatched [C, spatial...]; the leading dims
// are kept and each spatial dim follows shape::poolOutputSize.
LogicalResult verifyPool(Operation *op, size_t n, const PoolParams &p) {
  Value input = op->getOperand(0), result = op->getResult(0);
  if (failed(rankIn(op, input, "input", n + 1, n + 2)) ||
      failed(listOf(op, "kernel_size", p.kernel, n, 1)) ||
      failed(listOf(op, "stride", p.stride, n, 1)) ||
      failed(listOf(op, "padding", p.padding, n, 0)) ||
      failed(listOf(op, "dilation", p.dilation, n, 1)))
    return failure();
  Shape in = shapeOf(input);
  size_t lead = in.size() - n;
  Shape expected(in.begin(), in.begin() + lead);
  for (size_t i = 0; i < n; ++i) {
    int64_t k = p.kernel[i], d = p.dilation[i], pad = p.padding[i];
    // PyTorch 1.13 bounds the padding by half the plain kernel, dilated or
    // not (pooling_output_shape; the effective-kernel bound came in 2.x).
    if (pad > k / 2)
      return op->emitOpError("padding ")
             << pad << " must be at most half of the kernel size " << k;
    if (p.inputAtLeastKernel && in[lead + i] != ShapedType::kDynamic &&
        in[lead + i] < k)
      return op->emitOpError("spatial dimension ")
             << i << " of size " << in[lead + i]
             << " is smaller than the kernel size " << k;
    int64_t size = shape::poolOutputSize(in[lead + i], k, p.stride[i], pad, d,
                                         p.ceilMode);
    if (size != ShapedType::kDynamic && size < 1)
      return op->emitOpError("spatial dimension ")
             << i << " of size " << in[lead + i] << " gives output size "
             << size << " with kernel " << k;
    expected.push_back(size);
  }
  if (failed(sameExpressedType(op, {input, result})) ||
      failed(sameQuantizedType(op, input, result)))
    return failure();
  return resultHasShape(op, result, expected);
}

template <typename OpT>
LogicalResult verifyMaxPool(OpT op, size_t n) {
  ArrayRef<int64_t> kernel = op.getKernelSize();
  return verifyPool(op, n,
                    {kernel, op.getStride().value_or(kernel), op.getPadding(),
                     op.getDilation(), op.getCeilMode(),
                     /*inputAtLeastKernel=*/false});
}

template <typename OpT>
LogicalResult verifyAvgPool(OpT op, size_t n) {
  if (auto d = op.getDivisorOverride(); d && *d == 0)
    return op.emitOpError("divisor_override must not be zero");
  ArrayRef<int64_t> kernel = op.getKernelSize();
  SmallVector<int64_t> ones(n, 1);
  return verifyPool(op, n,
                    {kernel, op.getStride().value_or(kernel), op.getPadding(),
                     ones, op.getCeilMode(),
                     /*inputAtLeastKernel=*/n == 3});
}

template <typename OpT>
LogicalResult verifyAdaptive(OpT op, size_t n) {
  Operation *o = op.getOperation();
  if (failed(rankIn(o, op.getInput(), "input", n + 1, n + 2)) ||
      failed(listOf(o, "output_size", op.getOutputSize(), n, 1)) ||
      failed(sameExpressedType(o, {op.getInput(), op.getResult()})) ||
      failed(sameQuantizedType(o, op.getInput(), op.getResult())))
    return failure();
  Shape in = shapeOf(op.getInput());
  Shape expected(in.begin(), in.end() - n);
  llvm::append_range(expected, op.getOutputSize());
  return resultHasShape(o, op.getResult(), expected);
}
} // namespace

LogicalResult MaxPool1dOp::verify() { return verifyMaxPool(*this, 1); }
LogicalResult MaxPool2dOp::verify() { return verifyMaxPool(*this, 2); }
LogicalResult MaxPool3dOp::verify() { return verifyMaxPool(*this, 3); }
LogicalResult AvgPool1dOp::verify() { return verifyAvgPool(*this, 1); }
LogicalResult AvgPool2dOp::verify() { return verifyAvgPool(*this, 2); }
LogicalResult AvgPool3dOp::verify() { return verifyAvgPool(*this, 3); }
LogicalResult AdaptiveAvgPool1dOp::verify() { return verifyAdaptive(*this, 1); }
LogicalResult AdaptiveAvgPool2dOp::verify() { return verifyAdaptive(*this, 2); }
LogicalResult AdaptiveAvgPool3dOp::verify() { return verifyAdaptive(*this, 3); }

LogicalResult MeanOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  int64_t rank = in.size();
  llvm::SmallSet<int64_t, 8> reduced;
  for (int64_t d : getDims()) {
    // Like PyTorch, a rank-0 input takes dim 0 or -1.
    FailureOr<int64_t> dim = dimIn(o, "dim", d, std::max<int64_t>(rank, 1));
    if (failed(dim))
      return failure();
    if (!reduced.insert(*dim).second)
      return emitOpError("dim ") << *dim << " appears more than once in dims";
  }
  if (failed(sameExpressedType(o, {getInput(), getResult()})) ||
      failed(sameQuantizedType(o, getInput(), getResult())))
    return failure();
  Shape expected;
  for (int64_t d = 0; d < rank; ++d) {
    bool isReduced = getDims().empty() || reduced.contains(d);
    if (!isReduced)
      expected.push_back(in[d]);
    else if (getKeepdim())
      expected.push_back(1);
  }
  return resultHasShape(o, getResult(), expected);
}
