//===- ElementwiseOps.cpp - binary arithmetic, cat and stack --------------===//

#include "OpFormat.h"
#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;
namespace shape = ::quill::shape;

// custom<OperandOrScalar>: either an SSA operand or a float literal.
ParseResult mlir::quill::parseOperandOrScalar(
    OpAsmParser &parser, std::optional<OpAsmParser::UnresolvedOperand> &rhs,
    FloatAttr &scalar) {
  OpAsmParser::UnresolvedOperand operand;
  OptionalParseResult r = parser.parseOptionalOperand(operand);
  if (r.has_value()) {
    if (failed(*r))
      return failure();
    rhs = operand;
    return success();
  }
  double value;
  if (parser.parseFloat(value))
    return failure();
  scalar = parser.getBuilder().getF64FloatAttr(value);
  return success();
}

void mlir::quill::printOperandOrScalar(OpAsmPrinter &p, Operation *,
                                       Value rhs, FloatAttr scalar) {
  if (rhs)
    p << rhs;
  else
    p.printFloat(scalar.getValue());
}

namespace {
Type elementTypeOf(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}

// Values PyTorch keeps in one quantized tensor type: when any of them is
// quantized, all have the identical element type (scale and zero point
// included); `perTensorOnly` also rejects per-axis quantization.
LogicalResult shareQuantizedType(Operation *op, ArrayRef<Value> values,
                                 StringRef rule, bool perTensorOnly) {
  Value quantized;
  for (Value v : values)
    if (v && isa<quant::QuantizedType>(elementTypeOf(v))) {
      quantized = v;
      break;
    }
  if (!quantized)
    return success();
  Type q = elementTypeOf(quantized);
  if (perTensorOnly && isa<quant::UniformQuantizedPerAxisType>(q))
    return op->emitOpError("supports only per-tensor quantization, got ") << q;
  for (Value v : values)
    if (v && elementTypeOf(v) != q)
      return op->emitOpError() << rule << ", got " << q << " and "
                               << elementTypeOf(v);
  return success();
}

template <typename OpT>
LogicalResult verifyBinary(OpT op) {
  Operation *o = op.getOperation();
  bool hasRhs = static_cast<bool>(op.getRhs());
  if (hasRhs == op.getScalar().has_value())
    return op.emitOpError(
        "takes exactly one of a tensor right operand and a scalar");
  if (op.getScalar() && !std::isfinite(op.getScalar()->convertToDouble()))
    return op.emitOpError("scalar must be finite");
  if (failed(sameExpressedType(o, {op.getLhs(), op.getRhs(), op.getResult()})))
    return failure();
  if (!hasRhs) {
    // The reference model's `x + scalar`: the result keeps the input's
    // scale and zero point (and saturates).
    if (failed(shareQuantizedType(
            o, {op.getLhs(), op.getResult()},
            "with a scalar operand, input and result share one quantized type",
            /*perTensorOnly=*/false)))
      return failure();
    return resultHasShape(o, op.getResult(), shapeOf(op.getLhs()));
  }
  Shape a = shapeOf(op.getLhs()), b = shapeOf(op.getRhs());
  auto out = shape::broadcastShapes(a, b);
  if (!out)
    return op.emitOpError("operand shapes ")
           << formatShape(a) << " and " << formatShape(b)
           << " do not broadcast";
  return resultHasShape(o, op.getResult(), *out);
}
} // namespace

LogicalResult AddOp::verify() { return verifyBinary(*this); }
LogicalResult SubOp::verify() { return verifyBinary(*this); }
LogicalResult MulOp::verify() { return verifyBinary(*this); }
LogicalResult DivOp::verify() { return verifyBinary(*this); }

// PyTorch 1.13's cat skips 1-d empty inputs (shape [0]) whatever the rank of
// the others: the legacy `torch.cat([torch.empty(0), x])` idiom.
static bool isLegacyEmpty(Value v) {
  Shape s = shapeOf(v);
  return s.size() == 1 && s[0] == 0;
}

LogicalResult CatOp::verify() {
  Operation *o = getOperation();
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  for (auto [i, v] : llvm::enumerate(getInputs()))
    if (rankOf(v) == 0)
      return emitOpError("input #")
             << i << " is zero-dimensional and cannot be concatenated";
  SmallVector<Value> all(getInputs());
  all.push_back(getResult());
  if (failed(sameExpressedType(o, all)) ||
      failed(shareQuantizedType(o, all,
                                "inputs and result share one quantized type "
                                "(PyTorch's cat does not requantize)",
                                /*perTensorOnly=*/true)))
    return failure();
  // The reference input: the first one that is not skipped. When every input
  // is skipped, PyTorch neither wraps nor checks dim and returns shape [0].
  auto ref =
      llvm::find_if(getInputs(), [](Value v) { return !isLegacyEmpty(v); });
  if (ref == getInputs().end())
    return resultHasShape(o, getResult(), {0});
  Shape first = shapeOf(*ref);
  int64_t rank = first.size();
  FailureOr<int64_t> dim = dimIn(o, "dim", getDim(), rank);
  if (failed(dim))
    return failure();
  Shape expected = first;
  expected[*dim] = 0;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    if (isLegacyEmpty(v))
      continue;
    Shape s = shapeOf(v);
    if (static_cast<int64_t>(s.size()) != rank)
      return emitOpError("input #")
             << i << " has rank " << s.size() << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d)
      if (d != *dim && !sizesAgree(s[d], first[d]))
        return emitOpError("input #")
               << i << " has shape " << formatShape(s)
               << ", which differs from " << formatShape(first)
               << " outside dimension " << *dim;
    expected[*dim] = (expected[*dim] == ShapedType::kDynamic ||
                      s[*dim] == ShapedType::kDynamic)
                         ? ShapedType::kDynamic
                         : expected[*dim] + s[*dim];
  }
  return resultHasShape(o, getResult(), expected);
}

LogicalResult StackOp::verify() {
  Operation *o = getOperation();
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  Shape first = shapeOf(getInputs().front());
  FailureOr<int64_t> dim = dimIn(o, "dim", getDim(), first.size() + 1);
  if (failed(dim))
    return failure();
  for (auto [i, v] : llvm::enumerate(getInputs()))
    if (failed(hasShape(o, v, "input #" + std::to_string(i), first)))
      return failure();
  SmallVector<Value> all(getInputs());
  all.push_back(getResult());
  // torch.stack is cat of the unsqueezed inputs: the same quantized rule.
  if (failed(sameExpressedType(o, all)) ||
      failed(shareQuantizedType(o, all,
                                "inputs and result share one quantized type "
                                "(PyTorch's stack does not requantize)",
                                /*perTensorOnly=*/true)))
    return failure();
  Shape expected = first;
  expected.insert(expected.begin() + *dim,
                  static_cast<int64_t>(getInputs().size()));
  return resultHasShape(o, getResult(), expected);
}
