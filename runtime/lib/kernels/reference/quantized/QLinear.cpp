//===- QLinear.cpp - static quantized linear; the accumulator rule --------===//
//
// quantized::linear(_relu): y[r, n] from the exact integer sum over k of
// (x[r, k] - zx) * (w[n, k] - zw[n]), requantized as Requantize.h says.
//
//===----------------------------------------------------------------------===//

#include "../Linear.h"
#include "Requantize.h"

namespace quill::reference {

Expected<AccumulatorRequant>
AccumulatorRequant::make(const Node &node, const Graph &graph,
                         int64_t weightAxis, int64_t channels, bool relu) {
  AccumulatorRequant r;
  Expected<Numerics> numerics = readNumerics(node);
  if (!numerics.ok())
    return numerics.status();
  r.numerics_ = *numerics;
  const ValueInfo &input = inputInfo(node, graph, 0);
  const ValueInfo &weight = inputInfo(node, graph, 1);
  if (input.dtype != DType::u8 && input.dtype != DType::i8)
    return Status::error("a quantized input must be u8 or i8, got " +
                         std::string(dtypeName(input.dtype)));
  if (weight.dtype != DType::i8)
    return Status::error("a quantized weight must be i8, got " +
                         std::string(dtypeName(weight.dtype)));
  Expected<TensorQuant> in = perTensorQuant(input, "input");
  Expected<TensorQuant> w = TensorQuant::of(weight, "weight");
  Expected<TensorQuant> out =
      perTensorQuant(outputInfo(node, graph, 0), "result");
  for (const Expected<TensorQuant> *q : {&in, &w, &out})
    if (!q->ok())
      return q->status();
  if (weight.quant->perAxis() && weight.quant->axis != weightAxis)
    return Status::error("weight must be quantized per tensor or along axis " +
                         std::to_string(weightAxis) + ", not axis " +
                         std::to_string(weight.quant->axis));
  if (node.inputs.size() == 3 && node.inputs[2] != kNoValue &&
      !isPlainF32(inputInfo(node, graph, 2)))
    return Status::error("bias must be f32 without quantization");
  r.in_ = *in;
  r.weight_ = *w;
  r.out_ = *out;
  r.lo_ = relu ? r.out_.zeroPoint[0] : r.out_.range.lo;
  r.hi_ = r.out_.range.hi;

  double sx = r.in_.scale[0], sy = r.out_.scale[0];
  for (size_t c = 0; c < r.weight_.scale.size(); ++c) {
    double sw = r.weight_.scale[c];
    if (r.numerics_ == Numerics::onednn) {
      float bs = static_cast<float>(1.0 / sx) * static_cast<float>(1.0 / sw);
      r.biasScale_.push_back(bs);
      r.outScale_.push_back(static_cast<float>(1.0 / sy) / bs);
    } else {
      r.biasScale_.push_back(1.0f / static_cast<float>(sw * sx));
      r.outScale_.push_back((static_cast<float>(sw) * static_cast<float>(sx)) *
                            (1.0f / static_cast<float>(sy)));
    }
  }
  int64_t scales = static_cast<int64_t>(r.weight_.scale.size());
  for (int64_t oc = 0; oc < channels; ++oc)
    r.scaleOf_.push_back(oc % scales);
  r.x.resize(numElements(input.shape));
  r.w.resize(numElements(weight.shape));
  r.biasF_.assign(channels, 0.0f);
  r.biasQ_.assign(channels, 0);
  return r;
}

void AccumulatorRequant::prepare(const Tensor &input, const Tensor &weight,
                                 const float *bias) {
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<int32_t>(loadInt(input.raw(), in_.dtype, i) -
                                in_.zeroPoint[0]);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = static_cast<int32_t>(loadInt(weight.raw(), weight_.dtype, i) -
                                weight_.zeroPoint[weight_.channelOf(i)]);
  if (!bias)
    return;
  const StorageRange i32 = *storageRange(DType::i32);
  for (size_t oc = 0; oc < biasF_.size(); ++oc) {
    float scale = biasScale_[scaleOf_[oc]];
    if (numerics_ == Numerics::onednn)
      biasF_[oc] = bias[oc] * scale;
    else
      biasQ_[oc] = quantizeValue(bias[oc], scale, 0, i32);
  }
}

void AccumulatorRequant::store(Tensor &y, int64_t at, int64_t acc,
                               int64_t oc) const {
  float scale = outScale_[scaleOf_[oc]];
  int64_t q;
  if (numerics_ == Numerics::onednn) {
    float v = (static_cast<float>(acc) + biasF_[oc]) * scale;
    q = roundClamp(v + static_cast<float>(out_.zeroPoint[0]), lo_, hi_);
  } else {
    float v = static_cast<float>(acc + biasQ_[oc]) * scale;
    q = roundClamp(v, lo_ - hi_, hi_ - lo_) + out_.zeroPoint[0];
    q = std::min(std::max(q, lo_), hi_);
  }
  storeInt(y.raw(), out_.dtype, at, q);
}

namespace {

KernelOr makeQLinear(const Node &node, const Graph &graph) {
  if (!isStaticQuantized(node, graph))
    return std::unique_ptr<Kernel>();
  Expected<LinearShape> shape = checkLinear(node, graph);
  if (!shape.ok())
    return shape.status();
  Expected<AccumulatorRequant> requant =
      AccumulatorRequant::make(node, graph, 0, shape->out, shape->relu);
  if (!requant.ok())
    return requant.status();
  return makeKernel([s = *shape, r = std::move(*requant)](
                        const std::vector<const Tensor *> &in,
                        const std::vector<Tensor *> &out) mutable {
    r.prepare(*in[0], *in[1], s.hasBias ? in[2]->data<float>() : nullptr);
    for (int64_t row = 0; row < s.rows; ++row)
      for (int64_t n = 0; n < s.out; ++n) {
        const int32_t *xr = r.x.data() + row * s.in;
        const int32_t *wr = r.w.data() + n * s.in;
        int64_t acc = 0;
        for (int64_t k = 0; k < s.in; ++k)
          acc += static_cast<int64_t>(xr[k]) * wr[k];
        r.store(*out[0], row * s.out + n, acc, n);
      }
    return Status::success();
  });
}

} // namespace

void registerQLinearKernels(KernelRegistry &registry) {
  registry.add("linear", "reference", makeQLinear);
}

} // namespace quill::reference
