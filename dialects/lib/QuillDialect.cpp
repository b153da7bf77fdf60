//===- QuillDialect.cpp - dialect registration and attribute checks -------===//

#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::quill;

#include "quill/Dialect/Quill/QuillEnums.cpp.inc"
#include "quill/Dialect/Quill/QuillInterfaces.cpp.inc"
#include "quill/Dialect/Quill/QuillOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "quill/Dialect/Quill/QuillAttrs.cpp.inc"

void QuillDialect::initialize() {
  registerQuillDialectOperations(this);
  addAttributes<
#define GET_ATTRDEF_LIST
#include "quill/Dialect/Quill/QuillAttrs.cpp.inc"
      >();
}

// `quill.module` and `quill.module_type` may sit on any op (constants too);
// the function-level attributes on functions only; other `quill.*`
// discardable attributes are typos and rejected.
LogicalResult QuillDialect::verifyOperationAttribute(Operation *op,
                                                     NamedAttribute attr) {
  StringRef name = attr.getName().strref();
  if (name == kNumericsAttrName) {
    auto str = dyn_cast<StringAttr>(attr.getValue());
    if (!isa<FunctionOpInterface>(op) || !str ||
        (str.getValue() != "onednn" && str.getValue() != "qnnpack"))
      return op->emitError() << "'" << name
                             << "' must be \"onednn\" or \"qnnpack\" on a "
                                "function";
    return success();
  }
  if (name == kInputQuantizedIdxsAttrName ||
      name == kOutputQuantizedIdxsAttrName) {
    if (!isa<FunctionOpInterface>(op) ||
        !isa<DenseI64ArrayAttr>(attr.getValue()))
      return op->emitError()
             << "'" << name << "' must be an array<i64> on a function";
    return success();
  }
  if (name != kModuleAttrName && name != kModuleTypeAttrName)
    return op->emitError() << "unknown quill attribute '" << name
                           << "' (expected '" << kModuleAttrName << "', '"
                           << kModuleTypeAttrName << "' or a function's '"
                           << kNumericsAttrName << "', '"
                           << kInputQuantizedIdxsAttrName << "', '"
                           << kOutputQuantizedIdxsAttrName << "')";
  auto str = dyn_cast<StringAttr>(attr.getValue());
  if (!str || str.getValue().empty())
    return op->emitError() << "'" << name
                           << "' must be a non-empty string attribute";
  return success();
}
