//===- PrepareQAT.cpp - fake-quant insertion (quill-prepare-qat) ----------===//
//
// PyTorch's prepare_qat_fx: the shared work is in PrepareCore.cpp; QAT only
// changes the output quantizer of fixed-qparams ops.
//
//===----------------------------------------------------------------------===//

#include "PrepareCore.h"

#include "quill/Passes/Passes.h"

namespace mlir::quill {
#define GEN_PASS_DEF_QUILLPREPAREQAT
#include "quill/Passes/Passes.h.inc"

namespace {
struct QuillPrepareQATPass
    : PreparePass<QuillPrepareQATPass, impl::QuillPrepareQATBase,
                  /*qat=*/true> {
  using PreparePass::PreparePass;
};
} // namespace
} // namespace mlir::quill
