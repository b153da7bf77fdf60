//===- HistogramBinning.cpp - histc, widening and re-binning --------------===//

#include "Histogram.h"
#include "ObserverImpl.h"
#include "TorchArith.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace quill::observers::detail {
namespace {
// The fine grid of a widening has bins * downsampleRate cells; keep every
// cell index well inside int64.
constexpr double kMaxCells = 4611686018427387904.0; // 2^62
} // namespace

Expected<std::vector<float>> histc(const float *data, int64_t count,
                                   int64_t bins, double lo, double hi,
                                   bool strict) {
  if (lo == hi) {
    bool any = false;
    float mn = 0.0f, mx = 0.0f;
    for (int64_t i = 0; i < count; ++i) {
      if (!std::isfinite(data[i]))
        continue;
      mn = any ? std::min(mn, data[i]) : data[i];
      mx = any ? std::max(mx, data[i]) : data[i];
      any = true;
    }
    if (any) {
      lo = mn;
      hi = mx;
    }
  }
  if (lo == hi) {
    lo -= 1;
    hi += 1;
  }
  if (strict && !(lo < hi))
    return Status::error("torch.histc: max must be larger than min (range [" +
                         std::to_string(lo) + ", " + std::to_string(hi) + "])");
  // The bin edges are float32 (torch.linspace); only the outer two matter.
  const float left = static_cast<float>(lo);
  const float right = linspaceLast(left, static_cast<float>(hi), bins + 1);
  const float binCount = static_cast<float>(bins);
  std::vector<int64_t> counts(bins, 0);
  for (int64_t i = 0; i < count; ++i) {
    const float e = data[i];
    if (!std::isfinite(e) || e < left || right < e)
      continue;
    const float pos = (e - left) / (right - left) * binCount;
    // pos is NaN only for an empty float range; PyTorch's index then wraps
    // around to bin 0.
    int64_t bin = pos >= 0.0f ? static_cast<int64_t>(pos) : 0;
    counts[std::min(bin, bins - 1)] += 1;
  }
  return std::vector<float>(counts.begin(), counts.end());
}

Expected<WidenedRange> widenRange(float minVal, float maxVal, float combinedMin,
                                  float combinedMax, int64_t bins) {
  const float cellWidth =
      (maxVal - minVal) / static_cast<float>(bins * kUpsampleRate);
  const float binsWidth = static_cast<float>(bins) * cellWidth;
  const float rate = std::ceil((combinedMax - combinedMin) / binsWidth);
  const float start = std::nearbyint((minVal - combinedMin) / cellWidth);
  const double maxRate = kMaxCells / static_cast<double>(bins);
  if (!(rate >= 1.0f && rate <= maxRate && start >= 0.0f && start <= kMaxCells))
    return Status::error(
        "cannot widen the histogram range [" + formatFloat(minVal) + ", " +
        formatFloat(maxVal) + "] to [" + formatFloat(combinedMin) + ", " +
        formatFloat(combinedMax) + "]: downsample rate " + formatFloat(rate) +
        " is out of range (the old range is too narrow next to the new one)");
  WidenedRange r;
  r.downsampleRate = static_cast<int64_t>(rate);
  // Only the max is stretched, so one-sided data keeps min at 0.
  const float excess = static_cast<float>(r.downsampleRate) * binsWidth -
                       (combinedMax - combinedMin);
  r.min = combinedMin;
  r.max = combinedMax + excess;
  r.startIdx = static_cast<int64_t>(start);
  return r;
}

Status combineHistograms(std::vector<float> &hist,
                         const std::vector<float> &old,
                         const WidenedRange &range, bool strict) {
  const auto bins = static_cast<int64_t>(hist.size());
  const int64_t cells = bins * range.downsampleRate;
  const int64_t oldCells = bins * kUpsampleRate;
  int64_t first = range.startIdx;
  if (oldCells > cells || (strict && first + oldCells > cells))
    return Status::error("cannot place the upsampled histogram (cells [" +
                         std::to_string(first) + ", " +
                         std::to_string(first + oldCells) + ")) in a grid of " +
                         std::to_string(cells) +
                         " cells (PyTorch fails with a shape mismatch)");
  first = std::min(first, cells - oldCells);
  // The integral of the upsampled histogram, in double and in cell order as
  // torch.cumsum(dtype=double) computes it, sampled at the end of each new
  // bin; differences of consecutive samples (the earlier one rounded to
  // float32, as PyTorch stores it) are the re-binned counts.
  const int64_t end = first + oldCells;
  int64_t cell = first;
  double integral = 0.0;
  float previous = 0.0f;
  for (int64_t j = 0; j < bins; ++j) {
    const int64_t last = (j + 1) * range.downsampleRate - 1;
    for (; cell < end && cell <= last; ++cell)
      integral += static_cast<double>(old[(cell - first) / kUpsampleRate]);
    const double added = (integral - static_cast<double>(previous)) /
                         static_cast<double>(kUpsampleRate);
    hist[j] = hist[j] + static_cast<float>(added);
    previous = static_cast<float>(integral);
  }
  return Status::success();
}

void addRebinned(const std::vector<float> &hist, float lo, float hi,
                 float newLo, float newHi, std::vector<double> &out) {
  if (lo == newLo && hi == newHi) {
    for (size_t i = 0; i < hist.size(); ++i)
      out[i] += hist[i];
    return;
  }
  const auto bins = static_cast<int64_t>(out.size());
  const double width = (static_cast<double>(newHi) - newLo) / bins;
  const double srcWidth =
      (static_cast<double>(hi) - lo) / static_cast<double>(hist.size());
  // Position on the destination axis, in bins.
  auto position = [&](double x) { return width > 0 ? (x - newLo) / width : 0; };
  auto at = [&](double k) {
    return std::clamp<int64_t>(static_cast<int64_t>(k), 0, bins - 1);
  };
  for (size_t i = 0; i < hist.size(); ++i) {
    const double mass = hist[i];
    if (mass == 0)
      continue;
    const double a = position(lo + srcWidth * static_cast<double>(i));
    const double b = position(lo + srcWidth * static_cast<double>(i + 1));
    if (!(b > a)) {
      out[at(std::floor(a))] += mass;
      continue;
    }
    for (double k = std::floor(a); k < b; k += 1) {
      const double overlap = std::min(b, k + 1) - std::max(a, k);
      out[at(k)] += mass * overlap / (b - a);
    }
  }
}

} // namespace quill::observers::detail
