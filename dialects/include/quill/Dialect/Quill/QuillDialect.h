//===- QuillDialect.h - the quill dialect, its enums and attributes -------===//
//
// Include this to use the dialect; QuillOps.h adds the op classes.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_DIALECT_QUILL_QUILLDIALECT_H
#define QUILL_DIALECT_QUILL_QUILLDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "quill/Dialect/Quill/QuillOpsDialect.h.inc"
#include "quill/Dialect/Quill/QuillEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "quill/Dialect/Quill/QuillAttrs.h.inc"

namespace mlir::quill {
/// (min, max) of an integer quantized dtype (torch.iinfo); nullopt for the
/// float dtypes. Observer specs and BackendConfig dtype constraints use it.
std::optional<std::pair<int64_t, int64_t>> getQDTypeRange(QDType dtype);
} // namespace mlir::quill

#endif // QUILL_DIALECT_QUILL_QUILLDIALECT_H
