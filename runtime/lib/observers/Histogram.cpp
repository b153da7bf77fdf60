//===- Histogram.cpp - HistogramObserver, corrected and 1.13 --------------===//
//
// Two kinds share PyTorch 1.13's algorithm (NUMERICS.md "HistogramObserver")
// and differ only in the range handed to torch.histc:
//   histogram_torch113  int(min), int(max): samples outside the truncated
//                       range are dropped; a range beyond int64 or an
//                       infinite sample fails, as in 1.13.
//   histogram           the exact float range (the later PyTorch fix), and
//                       ±inf samples are ignored (later PyTorch does too).
// Like PyTorch, a batch arriving while min == max restarts the histogram.
//
//===----------------------------------------------------------------------===//

#include "Histogram.h"
#include "ObserverImpl.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quill::observers::detail {
namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();

class HistogramObserver final : public Observer {
public:
  explicit HistogramObserver(const ObserverConfig &config)
      : Observer(config),
        torch113_(config.kind == ObserverKind::histogram_torch113),
        hist_(config.bins, 0.0f) {}

  Status observe(const float *data,
                 const std::vector<int64_t> &shape) override {
    Expected<int64_t> count = checkInput(config(), data, shape, true);
    if (!count.ok())
      return count.status();
    bool any = false;
    float lo = kInf, hi = -kInf;
    for (int64_t i = 0; i < *count; ++i) {
      const float v = data[i];
      if (std::isinf(v)) {
        if (torch113_)
          return observerError(config(),
                               "input contains infinity (PyTorch 1.13 fails "
                               "converting the histogram range to int)");
        continue;
      }
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      any = true;
    }
    if (!any)
      return Status::success();

    if (isEmpty() || min_ == max_) {
      Expected<std::vector<float>> h = binned(data, *count, lo, hi);
      if (!h.ok())
        return h.status();
      commit(lo, hi, std::move(*h));
      return Status::success();
    }
    Expected<WidenedRange> range = widenRange(
        min_, max_, std::min(lo, min_), std::max(hi, max_), config().bins);
    if (!range.ok())
      return observerError(config(), range.status().message());
    Expected<std::vector<float>> h =
        binned(data, *count, range->min, range->max);
    if (!h.ok())
      return h.status();
    if (range->min == min_ && range->max == max_) {
      for (size_t i = 0; i < hist_.size(); ++i)
        (*h)[i] += hist_[i];
    } else if (Status s = combineHistograms(*h, hist_, *range, torch113_);
               !s.ok()) {
      return observerError(config(), s.message());
    }
    commit(range->min, range->max, std::move(*h));
    return Status::success();
  }

  Expected<QParams> calculateQParams() const override {
    if (isEmpty())
      return computeQParams(config(), {min_}, {max_}, /*perTensor=*/true);
    // 2^bits levels of the dtype (torch.iinfo(dtype).bits; 8 for quint4x2).
    const double dstBins =
        config().dtype == QDType::qint32 ? 4294967296.0 : 256.0;
    auto [lo, hi] = nonLinearParamSearch(hist_, min_, max_, dstBins);
    return computeQParams(config(), {lo}, {hi}, /*perTensor=*/true);
  }

  ObserverState state() const override {
    ObserverState s;
    s.kind = config().kind;
    s.minVal = {min_};
    s.maxVal = {max_};
    s.histogram = hist_;
    return s;
  }

  Status setState(const ObserverState &s) override {
    if (Status st = checkState(s); !st.ok())
      return st;
    commit(s.minVal[0], s.maxVal[0], s.histogram);
    return Status::success();
  }

  Status merge(const ObserverState &other) override {
    if (Status st = checkState(other); !st.ok())
      return st;
    const float otherMin = other.minVal[0], otherMax = other.maxVal[0];
    if (neverObserved(otherMin, otherMax))
      return Status::success();
    if (isEmpty())
      return setState(other);
    const float lo = std::min(min_, otherMin), hi = std::max(max_, otherMax);
    std::vector<double> sum(hist_.size(), 0.0);
    addRebinned(hist_, min_, max_, lo, hi, sum);
    addRebinned(other.histogram, otherMin, otherMax, lo, hi, sum);
    commit(lo, hi, std::vector<float>(sum.begin(), sum.end()));
    return Status::success();
  }

private:
  bool isEmpty() const { return neverObserved(min_, max_); }

  void commit(float lo, float hi, std::vector<float> hist) {
    min_ = lo;
    max_ = hi;
    hist_ = std::move(hist);
  }

  // torch.histc over [lo, hi] as this kind passes the range.
  Expected<std::vector<float>> binned(const float *data, int64_t count,
                                      float lo, float hi) const {
    double left = lo, right = hi;
    if (torch113_) {
      // Python's int(): truncation, and an int64 Scalar for histc.
      const double limit = 9223372036854775808.0; // 2^63
      if (!(lo >= -limit && lo < limit && hi >= -limit && hi < limit))
        return observerError(config(),
                             "histogram range does not fit int64 (PyTorch "
                             "1.13 fails with 'Overflow when unpacking "
                             "long')");
      left = std::trunc(left);
      right = std::trunc(right);
    }
    Expected<std::vector<float>> h =
        histc(data, count, config().bins, left, right, torch113_);
    if (!h.ok())
      return observerError(config(), h.status().message());
    return h;
  }

  Status checkState(const ObserverState &s) const {
    if (Status st = checkStateKind(config(), s); !st.ok())
      return st;
    if (s.minVal.size() != 1 || s.maxVal.size() != 1 ||
        s.histogram.size() != hist_.size())
      return observerError(
          config(), "state needs one min_val, one max_val and " +
                        std::to_string(hist_.size()) + " histogram bins");
    return Status::success();
  }

  const bool torch113_;
  float min_ = kInf;
  float max_ = -kInf;
  std::vector<float> hist_; // config().bins counts over [min_, max_]
};
} // namespace

std::unique_ptr<Observer> makeHistogramObserver(const ObserverConfig &config) {
  return std::make_unique<HistogramObserver>(config);
}

} // namespace quill::observers::detail
