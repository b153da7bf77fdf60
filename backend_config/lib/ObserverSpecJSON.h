//===- ObserverSpecJSON.h - #quill.observer as JSON -------------*- C++ -*-===//
//
// {"kind": "histogram", "dtype": "quint8", "reduce_range": true, ...}: the
// keyword fields of #quill.observer<...>, omitted at their defaults. Both
// tables use it: a QConfig's activation and weight sides, a backend's
// overwrite_output_observer.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_BACKENDCONFIG_LIB_OBSERVERSPECJSON_H
#define QUILL_BACKENDCONFIG_LIB_OBSERVERSPECJSON_H

#include "quill/Dialect/Quill/QuillDialect.h"

#include "llvm/Support/JSON.h"

namespace mlir::quill {

llvm::json::Value toJSON(ObserverSpecAttr spec);

/// Reads a spec and runs its verifier, reporting errors through `path`
/// (see JSONHelpers.h); null on error. `extraKeys` are keys of the same
/// object that the caller reads (a QConfig side's "fake_quant").
ObserverSpecAttr
observerSpecFromJSON(const llvm::json::Value &value, llvm::json::Path path,
                     MLIRContext *ctx,
                     llvm::ArrayRef<llvm::StringRef> extraKeys = {});

} // namespace mlir::quill

#endif // QUILL_BACKENDCONFIG_LIB_OBSERVERSPECJSON_H
