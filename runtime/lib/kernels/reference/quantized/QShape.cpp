//===- QShape.cpp - shape ops whose quantized result requantizes ----------===//
//
// Shape.cpp's byte-copying kernels serve quantized tensors whose result
// keeps the input's parameters (PyTorch's share-qparams ops) and decline a
// result with other parameters, which any graph the verifier accepts may
// have. Those run as the reference model: dequantize, the float shape op,
// quantize with the result's parameters.
//
//===----------------------------------------------------------------------===//

#include "QuantSupport.h"

namespace quill::reference {

void registerQShapeKernels(KernelRegistry &registry) {
  for (const char *kind :
       {"flatten", "reshape", "permute", "transpose", "squeeze", "unsqueeze",
        "pad", "dropout", "identity", "pixel_shuffle", "chunk", "split"})
    registry.add(kind, "reference", makeReferenceModelKernel);
}

} // namespace quill::reference
