//===- Observers.h - PyTorch 1.13 observers, bit for bit ------------------===//
//
// MLIR-free calibration observers: each one records statistics of the float
// tensors it is shown and turns them into quantization parameters exactly as
// torch.ao.quantization 1.13 does (float32 arithmetic in PyTorch's operation
// order; see ../shared/NUMERICS.md and docs/observers.md).
//
//   auto obs = createObserver(ObserverConfig::defaults(
//       ObserverKind::histogram, QDType::quint8));
//   if (!obs.ok()) ...
//   Status s = (*obs)->observe(data, {8, 3, 32, 32});
//   Expected<QParams> q = (*obs)->calculateQParams();
//
// The enums spell their values exactly like the `#quill.observer` attribute
// (dialects/include/quill/Dialect/Quill/QuillAttrs.td), so the compiler maps
// one onto the other by name. State (min/max, histogram) can be saved, loaded
// and merged, so calibration can be split into shards.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_OBSERVERS_H
#define QUILL_RUNTIME_OBSERVERS_H

#include "quill/runtime/Status.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quill::observers {

enum class ObserverKind {
  min_max,
  moving_average_min_max,
  per_channel_min_max,
  moving_average_per_channel_min_max,
  histogram,          // 1.13's algorithm on the exact float range
  histogram_torch113, // 1.13 bit for bit, int-truncated histc range included
  placeholder,
  fixed_qparams,
  noop,
  recording,
  reuse_input,
};

enum class QDType { quint8, qint8, qint32, quint4x2, float16, float32 };

enum class QScheme {
  per_tensor_affine,
  per_tensor_symmetric,
  per_channel_affine,
  per_channel_symmetric,
  per_channel_affine_float_qparams,
};

const char *toString(ObserverKind kind);
const char *toString(QDType dtype);
const char *toString(QScheme qscheme);
std::optional<ObserverKind> parseObserverKind(std::string_view name);
std::optional<QDType> parseQDType(std::string_view name);
std::optional<QScheme> parseQScheme(std::string_view name);

/// The constructor arguments of an observer; the fields and defaults of
/// `#quill.observer`.
struct ObserverConfig {
  ObserverKind kind = ObserverKind::min_max;
  QDType dtype = QDType::quint8;
  QScheme qscheme = QScheme::per_tensor_affine;
  std::optional<int64_t> quantMin, quantMax; // both or neither
  bool reduceRange = false;
  double eps = 1.1920928955078125e-07; // torch.finfo(torch.float32).eps
  int64_t chAxis = 0;
  double averagingConstant = 0.01;
  int64_t bins = 2048;
  std::optional<double> scale;      // fixed_qparams only
  std::optional<int64_t> zeroPoint; // fixed_qparams only
  bool isDynamic = false;

  /// Every field at its default; per-channel kinds default to
  /// per_channel_affine.
  static ObserverConfig defaults(ObserverKind kind, QDType dtype);
};

/// Effective [qmin, qmax] of a uniform observer (calculate_qmin_qmax),
/// after reduce_range.
struct QRange {
  int64_t qmin = 0;
  int64_t qmax = 0;
};
Expected<QRange> calculateQMinQMax(const ObserverConfig &config);

/// One entry per tensor or per channel. Integer zero points, except under
/// per_channel_affine_float_qparams where `floatZeroPoint` is set instead.
struct QParams {
  std::vector<float> scale;
  std::vector<int64_t> zeroPoint;
  std::vector<float> floatZeroPoint;
};

/// A tensor kept by a recording observer.
struct RecordedTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
};

/// What get_observer_state_dict saves. Per-tensor kinds: one min and one max
/// (+inf/-inf before any data); per-channel kinds: one per channel (empty
/// before any data); histogram kinds add `bins` counts over [min, max];
/// recording keeps its tensors; the other kinds have no state.
struct ObserverState {
  ObserverKind kind = ObserverKind::min_max;
  std::vector<float> minVal, maxVal, histogram;
  std::vector<RecordedTensor> recorded;
};

/// Line-oriented text, floats as IEEE-754 bit patterns (exact, no locale).
std::string serializeState(const ObserverState &state);
Expected<ObserverState> parseState(std::string_view text);

class Observer {
public:
  virtual ~Observer() = default;
  const ObserverConfig &config() const { return config_; }

  /// Records one batch: `data` holds the elements of `shape` in row-major
  /// order. On error the state is unchanged.
  virtual Status observe(const float *data,
                         const std::vector<int64_t> &shape) = 0;
  /// PyTorch's calculate_qparams(); an error where PyTorch raises (no
  /// qparams for this kind, min > max).
  virtual Expected<QParams> calculateQParams() const = 0;

  virtual ObserverState state() const = 0;
  /// Replaces the statistics; the state's kind and sizes must fit.
  virtual Status setState(const ObserverState &state) = 0;
  /// Folds in a shard's statistics (docs/observers.md, "Merging"): min/max
  /// take the extremes, moving averages apply the other state as one more
  /// batch (order matters), histograms are re-binned onto the union range.
  virtual Status merge(const ObserverState &other) = 0;

protected:
  explicit Observer(ObserverConfig config) : config_(std::move(config)) {}

private:
  ObserverConfig config_;
};

/// Checks the config (the rules of PyTorch's constructors) and builds the
/// observer.
Expected<std::unique_ptr<Observer>>
createObserver(const ObserverConfig &config);

/// The double-precision routine of fused_moving_avg_obs_fake_quant and
/// dynamic quantization (ChooseQuantizationParams in PyTorch's C++). The
/// scale is the double PyTorch returns; fake-quant stores float(scale).
struct ChosenQParams {
  double scale = 1.0;
  int64_t zeroPoint = 0;
};
Expected<ChosenQParams> chooseQParams(float min, float max, int64_t qmin,
                                      int64_t qmax, bool preserveSparsity,
                                      bool reduceRange);
/// The qparams of a fused_moving_avg_obs_fake_quantize module over its
/// (moving-average) observer: chooseQParams on the running min/max of each
/// tensor or channel, preserving sparsity for symmetric schemes, within the
/// observer's quant range (reduce_range already applied). What its `scale`
/// and `zero_point` buffers hold after a batch.
Expected<QParams> fusedFakeQuantQParams(const Observer &observer);

/// NUMERICS.md quantize of one value with qparams (scale, zp):
/// clamp(zp + nearbyint(x * inv), qmin, qmax), inv = 1.0f / float(scale).
/// Like PyTorch, zp is added in float32 (exact for 8-bit values; it rounds
/// large i32 ones); NaN gives qmin, as x86's conversion. Shared by the
/// quantized kernels and the compiler, which quantizes weights with it.
inline int64_t quantizeValue(float x, float inv, int64_t zp, int64_t qmin,
                             int64_t qmax) {
  float v = static_cast<float>(zp) + std::nearbyint(x * inv);
  if (std::isnan(v))
    return qmin;
  double d = v;
  if (d <= static_cast<double>(qmin))
    return qmin;
  if (d >= static_cast<double>(qmax))
    return qmax;
  return static_cast<int64_t>(v);
}

/// torch._choose_qparams_per_tensor: [0, 255] over the data's min and max.
Expected<ChosenQParams> chooseQParamsPerTensor(const float *data, int64_t count,
                                               bool reduceRange);

} // namespace quill::observers

#endif // QUILL_RUNTIME_OBSERVERS_H
