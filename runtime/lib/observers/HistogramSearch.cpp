//===- HistogramSearch.cpp - HistogramObserver's min/max search -----------===//
//
// _non_linear_param_search and _compute_quantization_error: trim bins from
// the side with less mass in steps of 1e-5 of the total, while the L2 error
// of quantizing the histogram (uniform density per bin) onto dstBins levels
// keeps falling. PyTorch mixes Python doubles (bin widths, thresholds, the
// error total) with float32 tensors (everything per bin); so does this file.
//
//===----------------------------------------------------------------------===//

#include "Histogram.h"
#include "TorchArith.h"

#include <algorithm>
#include <limits>

namespace quill::observers::detail {
namespace {
// _get_norm: density * (end^3 - begin^3) / 3.
float l2Norm(float begin, float end, float density) {
  return density * ((end * end * end - begin * begin * begin) / 3.0f);
}

// L2 error of quantizing bins [startBin, endBin] onto dstBins levels.
// `terms` is scratch space of hist.size().
double quantizationError(const std::vector<float> &hist, float minVal,
                         float maxVal, int64_t startBin, int64_t endBin,
                         double dstBins, std::vector<float> &terms) {
  const auto bins = static_cast<int64_t>(hist.size());
  const double binWidth =
      (static_cast<double>(maxVal) - static_cast<double>(minVal)) / bins;
  const double dstBinWidth =
      binWidth * static_cast<double>(endBin - startBin + 1) / dstBins;
  if (dstBinWidth == 0.0)
    return 0.0;
  // Python floats meeting float32 tensors are rounded to float32.
  const float width = static_cast<float>(binWidth);
  const float dstWidth = static_cast<float>(dstBinWidth);
  const float half = static_cast<float>(dstBinWidth / 2);
  const float negHalf = static_cast<float>(-dstBinWidth / 2);
  const float lastDst = static_cast<float>(dstBins - 1);
  // A destination bin fully covered by a source bin: _get_norm(-w/2, w/2)
  // without its density factor.
  const float fullBin =
      (half * half * half - negHalf * negHalf * negHalf) / 3.0f;
  auto dstBinOf = [&](float x) {
    return std::min(std::max(floorDivide(x, dstWidth), 0.0f), lastDst);
  };
  for (int64_t i = 0; i < bins; ++i) {
    const float srcBegin = static_cast<float>(i - startBin) * width;
    const float srcEnd = srcBegin + width;
    const float dstOfBegin = dstBinOf(srcBegin);
    const float dstOfEnd = dstBinOf(srcEnd);
    const float density = hist[i] / width;
    float norm = 0.0f;
    norm += l2Norm(srcBegin - (dstOfBegin + 0.5f) * dstWidth, half, density);
    norm += (dstOfEnd - dstOfBegin - 1.0f) * (density * fullBin);
    norm += l2Norm(negHalf, srcEnd - (dstOfEnd * dstWidth + half), density);
    terms[i] = norm;
  }
  return cascadeSum(terms.data(), bins);
}
} // namespace

std::pair<float, float> nonLinearParamSearch(const std::vector<float> &hist,
                                             float minVal, float maxVal,
                                             double dstBins) {
  const auto bins = static_cast<int64_t>(hist.size());
  const float binWidth = (maxVal - minVal) / static_cast<float>(bins);
  const double total = cascadeSum(hist.data(), bins);
  // torch.cumsum on float32 accumulates in double, stores float32.
  std::vector<float> cumulative(bins);
  double running = 0.0;
  for (int64_t i = 0; i < bins; ++i) {
    running += hist[i];
    cumulative[i] = static_cast<float>(running);
  }

  const double stepSize = 1e-5;
  double alpha = 0.0, beta = 1.0;
  int64_t startBin = 0, endBin = bins - 1;
  double normMin = std::numeric_limits<double>::infinity();
  std::vector<float> terms(bins);
  while (alpha < beta) {
    const double nextAlpha = alpha + stepSize;
    const double nextBeta = beta - stepSize;
    // Tensor-vs-Python-float comparisons happen in float32.
    const float lowMass = static_cast<float>(nextAlpha * total);
    const float highMass = static_cast<float>(nextBeta * total);
    int64_t l = startBin, r = endBin;
    while (l < endBin && cumulative[l] < lowMass)
      ++l;
    while (r > startBin && cumulative[r] > highMass)
      --r;
    int64_t nextStart = startBin, nextEnd = endBin;
    if (l - startBin > endBin - r) {
      nextStart = l;
      alpha = nextAlpha;
    } else {
      nextEnd = r;
      beta = nextBeta;
    }
    if (nextStart == startBin && nextEnd == endBin)
      continue;
    const double norm = quantizationError(hist, minVal, maxVal, nextStart,
                                          nextEnd, dstBins, terms);
    if (norm > normMin)
      break;
    normMin = norm;
    startBin = nextStart;
    endBin = nextEnd;
  }
  return {minVal + binWidth * static_cast<float>(startBin),
          minVal + binWidth * static_cast<float>(endBin + 1)};
}

} // namespace quill::observers::detail
