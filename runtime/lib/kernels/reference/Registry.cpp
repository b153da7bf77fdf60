//===- Registry.cpp - the reference kernel set ----------------------------===//

#include "KernelSupport.h"
#include "quantized/QuantSupport.h"

namespace quill {

const KernelRegistry &KernelRegistry::reference() {
  static const KernelRegistry registry = [] {
    KernelRegistry r;
    reference::registerObserveKernels(r);
    reference::registerConvKernels(r);
    reference::registerLinearKernels(r);
    reference::registerNormKernels(r);
    reference::registerActivationKernels(r);
    reference::registerElementwiseKernels(r);
    reference::registerPoolKernels(r);
    reference::registerShapeKernels(r);
    reference::registerInterpolateKernels(r);
    reference::registerEmbeddingKernels(r);
    reference::registerRecurrentKernels(r);
    reference::registerAttentionKernels(r);
    reference::registerQuantizedKernels(r);
    reference::registerDynamicKernels(r);
    reference::registerWeightOnlyKernels(r);
    return r;
  }();
  return registry;
}

} // namespace quill
