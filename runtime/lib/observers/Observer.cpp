//===- Observer.cpp - Input and state checks shared by all observers ------===//

#include "ObserverImpl.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace quill::observers::detail {

bool isPerChannelKind(ObserverKind k) {
  return k == ObserverKind::per_channel_min_max ||
         k == ObserverKind::moving_average_per_channel_min_max;
}
bool isMovingAverageKind(ObserverKind k) {
  return k == ObserverKind::moving_average_min_max ||
         k == ObserverKind::moving_average_per_channel_min_max;
}
bool isHistogramKind(ObserverKind k) {
  return k == ObserverKind::histogram || k == ObserverKind::histogram_torch113;
}
bool isUniformKind(ObserverKind k) {
  return k == ObserverKind::min_max || isPerChannelKind(k) ||
         isMovingAverageKind(k) || isHistogramKind(k);
}

std::string formatFloat(float v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

Status observerError(const ObserverConfig &config, const std::string &message) {
  return Status::error(std::string("observer ") + toString(config.kind) + ": " +
                       message);
}

Expected<int64_t> checkInput(const ObserverConfig &config, const float *data,
                             const std::vector<int64_t> &shape,
                             bool rejectNaN) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return observerError(config, "input shape has a negative size " +
                                       std::to_string(d));
    if (d != 0 && count > std::numeric_limits<int64_t>::max() / d)
      return observerError(config, "input shape overflows int64");
    count *= d;
  }
  if (count > 0 && !data)
    return observerError(config, "input data is null");
  if (rejectNaN)
    for (int64_t i = 0; i < count; ++i)
      if (std::isnan(data[i]))
        return observerError(config, "input contains NaN");
  return count;
}

Status checkStateKind(const ObserverConfig &config,
                      const ObserverState &state) {
  if (state.kind != config.kind)
    return observerError(config, std::string("cannot take the state of a ") +
                                     toString(state.kind) + " observer");
  return Status::success();
}

} // namespace quill::observers::detail
