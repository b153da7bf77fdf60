//===- MinMax.cpp - MinMaxObserver and MovingAverageMinMaxObserver --------===//
//
// Running min/max of every batch (NUMERICS.md "Observer -> (scale,
// zero_point)"); the moving-average kind takes the first batch's min/max and
// then m += c * (batch - m) in float32, c = float(averaging_constant).
//
//===----------------------------------------------------------------------===//

#include "ObserverImpl.h"

#include <algorithm>
#include <limits>

namespace quill::observers::detail {
namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();

class MinMaxObserver final : public Observer {
public:
  explicit MinMaxObserver(const ObserverConfig &config)
      : Observer(config), moving_(isMovingAverageKind(config.kind)),
        c_(static_cast<float>(config.averagingConstant)) {}

  Status observe(const float *data,
                 const std::vector<int64_t> &shape) override {
    Expected<int64_t> count = checkInput(config(), data, shape, true);
    if (!count.ok())
      return count.status();
    if (*count == 0)
      return Status::success();
    auto [lo, hi] = std::minmax_element(data, data + *count);
    update(*lo, *hi);
    return Status::success();
  }

  Expected<QParams> calculateQParams() const override {
    return computeQParams(config(), {min_}, {max_}, /*perTensor=*/true);
  }

  ObserverState state() const override {
    ObserverState s;
    s.kind = config().kind;
    s.minVal = {min_};
    s.maxVal = {max_};
    return s;
  }

  Status setState(const ObserverState &s) override {
    if (Status st = checkState(s); !st.ok())
      return st;
    min_ = s.minVal[0];
    max_ = s.maxVal[0];
    return Status::success();
  }

  Status merge(const ObserverState &other) override {
    if (Status st = checkState(other); !st.ok())
      return st;
    if (!neverObserved(other.minVal[0], other.maxVal[0]))
      update(other.minVal[0], other.maxVal[0]);
    return Status::success();
  }

private:
  // One batch with extremes (lo, hi); a moving average starts at the first.
  void update(float lo, float hi) {
    foldRange(min_, max_, lo, hi, moving_ && !neverObserved(min_, max_), c_);
  }

  Status checkState(const ObserverState &s) const {
    if (Status st = checkStateKind(config(), s); !st.ok())
      return st;
    if (s.minVal.size() != 1 || s.maxVal.size() != 1)
      return observerError(config(), "state needs one min_val and one "
                                     "max_val");
    return Status::success();
  }

  const bool moving_;
  const float c_;
  float min_ = kInf;
  float max_ = -kInf;
};
} // namespace

std::unique_ptr<Observer> makeMinMaxObserver(const ObserverConfig &config) {
  return std::make_unique<MinMaxObserver>(config);
}

} // namespace quill::observers::detail
