//===- ElementwiseOps.cpp - binary arithmetic, cat and stack --------------===//

#include "OpFormat.h"
#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

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
  if (!hasRhs)
    return resultHasShape(o, op.getResult(), shapeOf(op.getLhs()));
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

LogicalResult CatOp::verify() {
  Operation *o = getOperation();
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  Shape first = shapeOf(getInputs().front());
  int64_t rank = first.size();
  FailureOr<int64_t> dim = dimIn(o, "dim", getDim(), rank);
  if (failed(dim))
    return failure();
  Shape expected = first;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
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
    if (i > 0)
      expected[*dim] = (expected[*dim] == ShapedType::kDynamic ||
                        s[*dim] == ShapedType::kDynamic)
                           ? ShapedType::kDynamic
                           : expected[*dim] + s[*dim];
  }
  SmallVector<Value> all(getInputs());
  all.push_back(getResult());
  if (failed(sameExpressedType(o, all)))
    return failure();
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
  if (failed(sameExpressedType(o, all)))
    return failure();
  Shape expected = first;
  expected.insert(expected.begin() + *dim,
                  static_cast<int64_t>(getInputs().size()));
  return resultHasShape(o, getResult(), expected);
}
