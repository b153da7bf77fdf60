//===- Conv.h - the convolution plan, shared by float and quantized convs -===//
//
// Conv.cpp's banner explains the gather formulation. The plan (shapes,
// index maps, weight layout) and the loop over output elements are the
// same for float and quantized convolutions; only the element types, the
// accumulator and what becomes of each sum differ.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_CONV_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_CONV_H

#include "KernelSupport.h"

namespace quill::reference {

/// Everything a run needs, checked and precomputed by the factory.
struct ConvPlan {
  int64_t batch = 1, groups = 1, inPerGroup = 0, outPerGroup = 0;
  int64_t inSpatial = 1, outSpatial = 1, taps = 1;
  std::vector<int64_t> outSizes, kernelSizes;
  /// inputOffset[d][o * kernel[d] + k]: the input coordinate along spatial
  /// dimension d that output coordinate o reads through tap k, times that
  /// dimension's row-major stride; -1 when the tap falls outside the input.
  std::vector<std::vector<int64_t>> inputOffset;
  /// w(oc = g*outPerGroup + j, ic = g*inPerGroup + i, k) is at
  /// g*weightGroup + j*weightOut + i*weightIn + k.
  int64_t weightGroup = 0, weightOut = 0, weightIn = 0;
  bool hasBias = false, relu = false;
};

/// Checks a conv (or transposed conv, `transposed`) node with n spatial
/// dimensions against PyTorch's rules and plans it.
Expected<ConvPlan> planConv(const Node &node, const Graph &graph, size_t n,
                            bool transposed);

/// The taps of one output position that read inside the input: scratch
/// space sized once, so that a run does not allocate.
struct ConvTaps {
  std::vector<int64_t> valid, offsets, outCoords, tapCoords;

  explicit ConvTaps(const ConvPlan &p);
  /// Fills valid/offsets with the taps of output position `o` that read
  /// inside the input; returns how many.
  int64_t gather(const ConvPlan &p, int64_t o);
};

/// Calls finish(sum, oc, at) for every output element, `at` its offset in
/// the [N, C_out, spatial...] result and `sum` the Acc sum, from start(oc),
/// of x * w over its taps: input channels in order, each channel's taps in
/// row-major kernel order (x, w in the layouts of the plan).
template <typename Acc, typename X, typename W, typename Start, typename Finish>
void convolve(const ConvPlan &p, ConvTaps &taps, const X *x, const W *w,
              Start &&start, Finish &&finish) {
  int64_t cin = p.groups * p.inPerGroup, cout = p.groups * p.outPerGroup;
  for (int64_t b = 0; b < p.batch; ++b)
    for (int64_t o = 0; o < p.outSpatial; ++o) {
      int64_t count = taps.gather(p, o);
      for (int64_t g = 0; g < p.groups; ++g)
        for (int64_t j = 0; j < p.outPerGroup; ++j) {
          int64_t oc = g * p.outPerGroup + j;
          Acc sum = start(oc);
          for (int64_t i = 0; i < p.inPerGroup; ++i) {
            const X *xc = x + (b * cin + g * p.inPerGroup + i) * p.inSpatial;
            const W *wc =
                w + g * p.weightGroup + j * p.weightOut + i * p.weightIn;
            for (int64_t t = 0; t < count; ++t)
              sum += static_cast<Acc>(xc[taps.offsets[t]]) *
                     static_cast<Acc>(wc[taps.valid[t]]);
          }
          finish(sum, oc, (b * cout + oc) * p.outSpatial + o);
        }
    }
}

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_CONV_H
