//===- PerChannel.cpp - PerChannelMinMaxObserver (+ moving average) -------===//
//
// Min/max per slice along ch_axis (PyTorch moves ch_axis to the front and
// reduces over the rest), running or moving-average like MinMax.cpp. Like
// PyTorch, ch_axis may be negative and the input needs rank >= 2.
//
//===----------------------------------------------------------------------===//

#include "ObserverImpl.h"

#include <algorithm>

namespace quill::observers::detail {
namespace {

class PerChannelObserver final : public Observer {
public:
  explicit PerChannelObserver(const ObserverConfig &config)
      : Observer(config), moving_(isMovingAverageKind(config.kind)),
        c_(static_cast<float>(config.averagingConstant)) {}

  Status observe(const float *data,
                 const std::vector<int64_t> &shape) override {
    Expected<int64_t> count = checkInput(config(), data, shape, true);
    if (!count.ok())
      return count.status();
    if (*count == 0)
      return Status::success();
    const auto rank = static_cast<int64_t>(shape.size());
    if (rank < 2)
      return observerError(config(),
                           "input of rank " + std::to_string(rank) +
                               " has no dimensions to reduce over (PyTorch "
                               "needs rank >= 2)");
    int64_t axis = config().chAxis;
    if (axis < -rank || axis >= rank)
      return observerError(config(), "ch_axis " + std::to_string(axis) +
                                         " is out of range for an input of "
                                         "rank " +
                                         std::to_string(rank));
    if (axis < 0)
      axis += rank;
    const int64_t channels = shape[axis];
    if (!min_.empty() && static_cast<int64_t>(min_.size()) != channels)
      return observerError(config(), "input has " + std::to_string(channels) +
                                         " channels along axis " +
                                         std::to_string(axis) +
                                         " but earlier inputs had " +
                                         std::to_string(min_.size()));

    // Row-major: element (outer, c, inner) sits at (outer*C + c)*inner_size
    // + inner.
    int64_t inner = 1;
    for (int64_t d = axis + 1; d < rank; ++d)
      inner *= shape[d];
    const int64_t outer = *count / (channels * inner);
    std::vector<float> lo(channels), hi(channels);
    for (int64_t c = 0; c < channels; ++c) {
      const float *first = data + c * inner;
      float mn = *first, mx = *first;
      for (int64_t o = 0; o < outer; ++o) {
        const float *row = data + (o * channels + c) * inner;
        auto [a, b] = std::minmax_element(row, row + inner);
        mn = std::min(mn, *a);
        mx = std::max(mx, *b);
      }
      lo[c] = mn;
      hi[c] = mx;
    }
    update(lo, hi);
    return Status::success();
  }

  Expected<QParams> calculateQParams() const override {
    return computeQParams(config(), min_, max_, /*perTensor=*/false);
  }

  ObserverState state() const override {
    ObserverState s;
    s.kind = config().kind;
    s.minVal = min_;
    s.maxVal = max_;
    return s;
  }

  Status setState(const ObserverState &s) override {
    if (Status st = checkState(s); !st.ok())
      return st;
    min_ = s.minVal;
    max_ = s.maxVal;
    return Status::success();
  }

  Status merge(const ObserverState &other) override {
    if (Status st = checkState(other); !st.ok())
      return st;
    if (other.minVal.empty())
      return Status::success();
    if (!min_.empty() && min_.size() != other.minVal.size())
      return observerError(config(), "cannot merge a state of " +
                                         std::to_string(other.minVal.size()) +
                                         " channels into one of " +
                                         std::to_string(min_.size()));
    update(other.minVal, other.maxVal);
    return Status::success();
  }

private:
  void update(const std::vector<float> &lo, const std::vector<float> &hi) {
    if (min_.empty()) {
      min_ = lo;
      max_ = hi;
      return;
    }
    for (size_t c = 0; c < min_.size(); ++c)
      foldRange(min_[c], max_[c], lo[c], hi[c], moving_, c_);
  }

  Status checkState(const ObserverState &s) const {
    if (Status st = checkStateKind(config(), s); !st.ok())
      return st;
    if (s.minVal.size() != s.maxVal.size())
      return observerError(
          config(), "state has " + std::to_string(s.minVal.size()) +
                        " min_val but " + std::to_string(s.maxVal.size()) +
                        " max_val entries");
    return Status::success();
  }

  const bool moving_;
  const float c_;
  std::vector<float> min_, max_; // empty until the first batch
};
} // namespace

std::unique_ptr<Observer> makePerChannelObserver(const ObserverConfig &config) {
  return std::make_unique<PerChannelObserver>(config);
}

} // namespace quill::observers::detail
