//===- QuillOps.h - the quill op classes ----------------------------------===//

#ifndef QUILL_DIALECT_QUILL_QUILLOPS_H
#define QUILL_DIALECT_QUILL_QUILLOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "quill/Dialect/Quill/QuillDialect.h"
#include "quill/Dialect/Quill/QuillTraits.h"

#include "quill/Dialect/Quill/QuillInterfaces.h.inc"

#define GET_OP_CLASSES
#include "quill/Dialect/Quill/QuillOps.h.inc"

#endif // QUILL_DIALECT_QUILL_QUILLOPS_H
