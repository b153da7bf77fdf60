//===- QActivation.cpp - quantized ops defined by the reference model -----===//
//
// For these ops PyTorch's quantized kernels equal (or are meant to equal)
// dequantize -> float op -> quantize with the result's parameters, so one
// generic kernel (makeReferenceModelKernel) serves them all: activations
// (fixed-qparams ones included: NUMERICS.md finds sigmoid/tanh/hardsigmoid
// exact this way), normalizations, mean, matmul, mul (and add, see
// QElementwise.cpp), join ops whose inputs may have different parameters,
// and resampling. Measured against PyTorch 1.13
// (test/unit/QuantizedKernelTest.cpp): quantized batch_norm, whose kernel
// is clamp(zo + nearbyint(alpha[c] * (q - zi) + beta[c])), matched it on
// every element tested. max_pool is here too: dequantize is monotonic, so
// the float max of dequantized values requantized with the same parameters
// is the integer max itself.
//
//===----------------------------------------------------------------------===//

#include "QuantSupport.h"

namespace quill::reference {

void registerQActivationKernels(KernelRegistry &registry) {
  for (const char *kind :
       {"relu",         "relu6",         "hardtanh",    "clamp",
        "leaky_relu",   "elu",           "gelu",        "hardswish",
        "hardsigmoid",  "sigmoid",       "tanh",        "silu",
        "softmax",      "prelu",         "batch_norm",  "layer_norm",
        "group_norm",   "instance_norm", "mean",        "matmul",
        "batch_matmul", "mul",           "sub",         "div",
        "cat",          "stack",         "interpolate", "max_pool1d",
        "max_pool2d",   "max_pool3d"})
    registry.add(kind, "reference", makeReferenceModelKernel);
}

} // namespace quill::reference
