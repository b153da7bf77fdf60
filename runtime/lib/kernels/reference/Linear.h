//===- Linear.h - the checks of a linear node, shared with quantized linear
//===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_LINEAR_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_LINEAR_H

#include "KernelSupport.h"

namespace quill::reference {

/// A checked linear node: `rows` input rows (every leading dimension) of
/// `in` features each give `out` features.
struct LinearShape {
  int64_t rows = 0, in = 0, out = 0;
  bool hasBias = false, relu = false;
};

/// Checks a linear node's operands (input [..., in], weight [out, in],
/// optional bias [out]), fused_activation and result shape.
Expected<LinearShape> checkLinear(const Node &node, const Graph &graph);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_LINEAR_H
