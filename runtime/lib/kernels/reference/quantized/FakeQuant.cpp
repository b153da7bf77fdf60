//===- FakeQuant.cpp - quill.fake_quant (QAT), PyTorch's FakeQuantize -----===//
//
// The forward of a FakeQuantize module with observer and fake-quant enabled
// (PyTorch 1.13): feed the batch to the observer, take qparams, then
//   inv = 1.0f / scale; q = zp + nearbyint(x * inv);
//   y = (clamp(q, qmin, qmax) - zp) * scale          (NUMERICS.md)
// per tensor, or per channel along the observer's ch_axis. Where the
// qparams come from depends on `kind`:
//   fake_quantize, learnable_fake_quantize: the observer's
//     calculate_qparams (learnable rounds its float zero point, which the
//     observer gives as an integer already);
//   fused_moving_avg_obs_fake_quantize: the observer's running min/max
//     (moving average) through the double-precision ChooseQuantizationParams
//     (observers::chooseQParams; symmetric schemes preserve sparsity);
//   fixed_qparams_fake_quantize: the observer's fixed scale and zero point.
// A node with trained `scale` / `zero_point` attributes uses those and
// leaves the observer alone (observer disabled); `min_val` / `max_val`
// seed the observer's statistics.
//
//===----------------------------------------------------------------------===//

#include "QuantSupport.h"

namespace quill::reference {

namespace {

using observers::ObserverKind;
using observers::QScheme;

enum class Source { observer, fused, fixed, trained };

class FakeQuantKernel : public Kernel {
public:
  FakeQuantKernel(std::shared_ptr<observers::Observer> observer, Source source,
                  observers::QRange range, int64_t channels, int64_t inner)
      : observer_(std::move(observer)), source_(source), range_(range),
        channels_(channels), inner_(inner) {}

  /// The qparams of a fixed or trained node.
  Status setQParams(const std::vector<double> &scale,
                    const std::vector<int64_t> &zeroPoint) {
    size_t n = static_cast<size_t>(channels_);
    if (scale.size() != n || zeroPoint.size() != n)
      return Status::error("expected " + std::to_string(n) +
                           " scales and zero points, got " +
                           std::to_string(scale.size()) + " and " +
                           std::to_string(zeroPoint.size()));
    scale_.assign(scale.begin(), scale.end());
    zeroPoint_ = zeroPoint;
    for (float s : scale_)
      if (!(s > 0.0f) || !std::isfinite(1.0f / s))
        return Status::error("scale " + std::to_string(s) +
                             " must be positive and finite in float");
    return Status::success();
  }

  Status run(const std::vector<const Tensor *> &inputs,
             const std::vector<Tensor *> &outputs) override {
    const Tensor &x = *inputs[0];
    if (source_ == Source::observer || source_ == Source::fused) {
      if (Status s = observer_->observe(x.data<float>(), x.shape()); !s.ok())
        return s;
      if (Status s = updateQParams(); !s.ok())
        return s;
    }
    const float *in = x.data<float>();
    float *y = outputs[0]->data<float>();
    for (int64_t i = 0, n = x.numel(); i < n; ++i) {
      int64_t c = (i / inner_) % channels_;
      float scale = scale_[c];
      int64_t zp = zeroPoint_[c];
      // zp + nearbyint in float, then clamped, as PyTorch's kernel.
      float q = static_cast<float>(zp) + std::nearbyint(in[i] * (1.0f / scale));
      q = std::fmin(std::fmax(q, static_cast<float>(range_.qmin)),
                    static_cast<float>(range_.qmax));
      y[i] = (q - static_cast<float>(zp)) * scale;
    }
    return Status::success();
  }

  observers::Observer *observer() override { return observer_.get(); }
  bool shareObserverOf(Kernel &owner) override {
    auto *first = dynamic_cast<FakeQuantKernel *>(&owner);
    if (!first)
      return false;
    observer_ = first->observer_;
    return true;
  }

private:
  Status updateQParams() {
    Expected<observers::QParams> q =
        source_ == Source::observer
            ? observer_->calculateQParams()
            : observers::fusedFakeQuantQParams(*observer_);
    if (!q.ok())
      return q.status();
    scale_ = q->scale;
    zeroPoint_ = q->zeroPoint;
    return Status::success();
  }

  std::shared_ptr<observers::Observer> observer_;
  Source source_;
  observers::QRange range_;
  int64_t channels_, inner_;
  std::vector<float> scale_;
  std::vector<int64_t> zeroPoint_;
};

Expected<Source> sourceOf(const Node &node,
                          const observers::ObserverConfig &config) {
  if (node.attrs.has("scale") || node.attrs.has("zero_point"))
    return Source::trained;
  std::string kind;
  if (Status s = readAttr(node, "kind", kind); !s.ok())
    return s;
  if (kind == "fake_quantize" || kind == "learnable_fake_quantize")
    return Source::observer;
  if (kind == "fixed_qparams_fake_quantize") {
    if (config.kind != ObserverKind::fixed_qparams)
      return Status::error(kind + " needs a fixed_qparams observer");
    return Source::fixed;
  }
  if (kind == "fused_moving_avg_obs_fake_quantize") {
    if (config.kind != ObserverKind::moving_average_min_max &&
        config.kind != ObserverKind::moving_average_per_channel_min_max)
      return Status::error(kind + " needs a moving-average observer");
    return Source::fused;
  }
  return Status::error("unknown fake-quant kind '" + kind + "'");
}

KernelOr makeFakeQuant(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  const ValueInfo &in = inputInfo(node, graph, 0);
  if (!isFloatNode(node, graph))
    return Status::error("fake_quant takes and gives f32 values");
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", in.shape);
      !s.ok())
    return s;
  Expected<observers::ObserverConfig> config = observerConfig(node.attrs);
  if (!config.ok())
    return config.status();
  Expected<Source> source = sourceOf(node, *config);
  if (!source.ok())
    return source.status();
  Expected<observers::QRange> range = observers::calculateQMinQMax(*config);
  if (!range.ok())
    return range.status();
  auto observer = observers::createObserver(*config);
  if (!observer.ok())
    return observer.status();

  bool perChannel = config->qscheme == QScheme::per_channel_affine ||
                    config->qscheme == QScheme::per_channel_symmetric;
  int64_t channels = 1, inner = 1;
  if (perChannel) {
    Expected<int64_t> axis =
        dimAttr(node, "observer.ch_axis", in.shape.size(), 0);
    if (!axis.ok())
      return axis.status();
    channels = in.shape[*axis];
    inner = numElements({in.shape.begin() + *axis + 1, in.shape.end()});
  }
  auto kernel = std::make_unique<FakeQuantKernel>(
      std::shared_ptr<observers::Observer>(std::move(*observer)), *source,
      *range, channels, inner);
  std::vector<double> scale(channels, 1.0);
  std::vector<int64_t> zeroPoint(channels, 0);
  if (*source == Source::fixed) {
    scale.assign(1, config->scale.value_or(1.0));
    zeroPoint.assign(1, config->zeroPoint.value_or(0));
  }
  for (Status s :
       {readAttr(node, "scale", scale), readAttr(node, "zero_point", zeroPoint),
        kernel->setQParams(scale, zeroPoint)})
    if (!s.ok())
      return s;
  if (node.attrs.has("min_val") || node.attrs.has("max_val")) {
    observers::ObserverState state = kernel->observer()->state();
    std::vector<double> lo, hi;
    for (Status s :
         {readAttr(node, "min_val", lo), readAttr(node, "max_val", hi)})
      if (!s.ok())
        return s;
    state.minVal.assign(lo.begin(), lo.end());
    state.maxVal.assign(hi.begin(), hi.end());
    if (Status s = kernel->observer()->setState(state); !s.ok())
      return s;
  }
  return std::unique_ptr<Kernel>(std::move(kernel));
}

} // namespace

void registerFakeQuantKernels(KernelRegistry &registry) {
  registry.add("fake_quant", "reference", makeFakeQuant);
}

} // namespace quill::reference
