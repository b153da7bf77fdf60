//===- PassThrough.cpp - Observers that keep no statistics ----------------===//
//
// Placeholder, FixedQParams, Noop, ReuseInput and Recording: identities in
// the graph. Only FixedQParams has qparams (its fixed ones); Recording keeps
// copies of what it saw (PyTorch's tensor_val). They do not look at the
// values, so NaN passes through them as in PyTorch.
//
//===----------------------------------------------------------------------===//

#include "ObserverImpl.h"

namespace quill::observers::detail {
namespace {

class PassThroughObserver final : public Observer {
public:
  explicit PassThroughObserver(const ObserverConfig &config)
      : Observer(config) {}

  Status observe(const float *data,
                 const std::vector<int64_t> &shape) override {
    Expected<int64_t> count = checkInput(config(), data, shape, false);
    if (!count.ok())
      return count.status();
    if (config().kind == ObserverKind::recording)
      recorded_.push_back({shape, std::vector<float>(data, data + *count)});
    return Status::success();
  }

  Expected<QParams> calculateQParams() const override {
    if (config().kind != ObserverKind::fixed_qparams)
      return observerError(config(), "has no qparams (PyTorch raises in "
                                     "calculate_qparams)");
    QParams q;
    q.scale = {static_cast<float>(*config().scale)};
    q.zeroPoint = {*config().zeroPoint};
    return q;
  }

  ObserverState state() const override {
    ObserverState s;
    s.kind = config().kind;
    s.recorded = recorded_;
    return s;
  }

  Status setState(const ObserverState &s) override {
    if (Status st = checkState(s); !st.ok())
      return st;
    recorded_ = s.recorded;
    return Status::success();
  }

  Status merge(const ObserverState &other) override {
    if (Status st = checkState(other); !st.ok())
      return st;
    recorded_.insert(recorded_.end(), other.recorded.begin(),
                     other.recorded.end());
    return Status::success();
  }

private:
  Status checkState(const ObserverState &s) const {
    if (Status st = checkStateKind(config(), s); !st.ok())
      return st;
    if (!s.minVal.empty() || !s.maxVal.empty() || !s.histogram.empty())
      return observerError(config(), "keeps no min/max or histogram state");
    for (const RecordedTensor &t : s.recorded) {
      Expected<int64_t> count =
          checkInput(config(), t.data.data(), t.shape, false);
      if (!count.ok() || static_cast<size_t>(*count) != t.data.size())
        return observerError(config(), "recorded tensor data does not "
                                       "match its shape");
    }
    return Status::success();
  }

  std::vector<RecordedTensor> recorded_; // recording only
};
} // namespace

std::unique_ptr<Observer>
makePassThroughObserver(const ObserverConfig &config) {
  return std::make_unique<PassThroughObserver>(config);
}

} // namespace quill::observers::detail
