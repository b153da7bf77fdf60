//===- Prepare.cpp - observer insertion (quill-prepare) -------------------===//
//
// PyTorch's prepare_fx: the shared work is in PrepareCore.cpp.
//
//===----------------------------------------------------------------------===//

#include "PrepareCore.h"

#include "quill/Passes/Passes.h"

namespace mlir::quill {
#define GEN_PASS_DEF_QUILLPREPARE
#include "quill/Passes/Passes.h.inc"

namespace {
struct QuillPreparePass
    : PreparePass<QuillPreparePass, impl::QuillPrepareBase, /*qat=*/false> {
  using PreparePass::PreparePass;
};
} // namespace
} // namespace mlir::quill
