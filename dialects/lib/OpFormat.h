//===- OpFormat.h - custom assembly directives of quill ops ---------------===//
//
// Declared here so that every generated op-definition shard sees them.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_DIALECTS_LIB_OPFORMAT_H
#define QUILL_DIALECTS_LIB_OPFORMAT_H

#include "mlir/IR/OpImplementation.h"

namespace mlir::quill {
/// `%rhs` or a float literal: the right side of add/sub/mul/div.
ParseResult
parseOperandOrScalar(OpAsmParser &parser,
                     std::optional<OpAsmParser::UnresolvedOperand> &rhs,
                     FloatAttr &scalar);
void printOperandOrScalar(OpAsmPrinter &p, Operation *op, Value rhs,
                          FloatAttr scalar);
} // namespace mlir::quill

#endif // QUILL_DIALECTS_LIB_OPFORMAT_H
