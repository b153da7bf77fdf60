//===- Histogram.h - HistogramObserver's binning and search ---------------===//
//
// Private to runtime/lib/observers. The steps of PyTorch 1.13's
// HistogramObserver (NUMERICS.md "HistogramObserver"), each reproducing
// PyTorch's float32/double arithmetic, and the re-binning Quill adds for
// merging shards.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_LIB_OBSERVERS_HISTOGRAM_H
#define QUILL_RUNTIME_LIB_OBSERVERS_HISTOGRAM_H

#include "quill/runtime/Status.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace quill::observers::detail {

/// Fine-grid cells per histogram bin when histograms are combined.
constexpr int64_t kUpsampleRate = 128;

/// torch.histc(data, bins, min=lo, max=hi) over the finite elements of data:
/// an empty range means the data's range, then [v-1, v+1]. `strict` refuses
/// a range that is still empty in double, as histc does; otherwise all
/// samples of such a range fall into bin 0 as in PyTorch's float kernel.
/// Errors carry no observer prefix.
Expected<std::vector<float>> histc(const float *data, int64_t count,
                                   int64_t bins, double lo, double hi,
                                   bool strict);

/// _adjust_min_max: the combined range, its max stretched so that the old
/// bins split into kUpsampleRate cells that tile it `downsampleRate` cells
/// per new bin; startIdx is the cell where the old range begins.
struct WidenedRange {
  float min = 0.0f;
  float max = 0.0f;
  int64_t downsampleRate = 0;
  int64_t startIdx = 0;
};
Expected<WidenedRange> widenRange(float minVal, float maxVal, float combinedMin,
                                  float combinedMax, int64_t bins);

/// _combine_histograms: adds `old`, upsampled and re-binned onto `range`, to
/// `hist` (the new batch's counts over `range`). `strict` keeps PyTorch's
/// failure when rounding pushes the old cells past the grid; otherwise they
/// are shifted back inside.
Status combineHistograms(std::vector<float> &hist,
                         const std::vector<float> &old,
                         const WidenedRange &range, bool strict);

/// Adds the mass of `hist` (bins over [lo, hi]) to `out` (bins over
/// [newLo, newHi]), density uniform inside each source bin; a source range
/// lo == hi is a point mass.
void addRebinned(const std::vector<float> &hist, float lo, float hi,
                 float newLo, float newHi, std::vector<double> &out);

/// _non_linear_param_search: the trimmed [min, max] whose estimated L2
/// quantization error onto `dstBins` levels stops falling.
std::pair<float, float> nonLinearParamSearch(const std::vector<float> &hist,
                                             float minVal, float maxVal,
                                             double dstBins);

} // namespace quill::observers::detail

#endif // QUILL_RUNTIME_LIB_OBSERVERS_HISTOGRAM_H
