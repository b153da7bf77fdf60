//===- QuantSupport.cpp - shared plumbing of the quantized kernels --------===//

#include "QuantSupport.h"

#include <limits>
#include <map>

namespace quill::reference {

void registerQuantizedKernels(KernelRegistry &registry) {
  registerQuantizeKernels(registry);
  registerQConvKernels(registry);
  registerQLinearKernels(registry);
  registerQElementwiseKernels(registry);
  registerQPoolKernels(registry);
  registerQActivationKernels(registry);
  registerQShapeKernels(registry);
  registerFakeQuantKernels(registry);
}

bool hasQuantizedOperand(const Node &node, const Graph &graph) {
  for (const std::vector<int64_t> *ids : {&node.inputs, &node.outputs})
    for (int64_t id : *ids)
      if (id != kNoValue && id >= 0 &&
          id < static_cast<int64_t>(graph.values.size()) &&
          graph.values[id].quant)
        return true;
  return false;
}

Expected<StorageRange> storageRange(DType dtype) {
  switch (dtype) {
  case DType::u8:
    return StorageRange{0, 255};
  case DType::i8:
    return StorageRange{-128, 127};
  case DType::i32:
    return StorageRange{std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max()};
  default:
    return Status::error("quantized values are stored as u8, i8 or i32, not " +
                         std::string(dtypeName(dtype)));
  }
}

Expected<TensorQuant> TensorQuant::of(const ValueInfo &value,
                                      const std::string &what) {
  if (!value.quant)
    return Status::error(what + " is not quantized");
  const QuantParams &q = *value.quant;
  Expected<StorageRange> range = storageRange(value.dtype);
  if (!range.ok())
    return Status::error(what + ": " + range.status().message());
  TensorQuant t;
  t.dtype = value.dtype;
  t.range = *range;
  t.doubleScale = q.perAxis();
  size_t expected = 1;
  if (q.perAxis()) {
    int64_t rank = static_cast<int64_t>(value.shape.size());
    if (q.axis >= rank)
      return Status::error(what + " is quantized along axis " +
                           std::to_string(q.axis) + " but has rank " +
                           std::to_string(rank));
    t.channels = value.shape[q.axis];
    t.inner =
        numElements({value.shape.begin() + q.axis + 1, value.shape.end()});
    expected = static_cast<size_t>(t.channels);
  }
  if (q.scales.size() != expected || q.zeroPoints.size() != expected)
    return Status::error(what + " has " + std::to_string(q.scales.size()) +
                         " scales and " + std::to_string(q.zeroPoints.size()) +
                         " zero points, expected " + std::to_string(expected));
  for (size_t c = 0; c < expected; ++c) {
    float s = static_cast<float>(q.scales[c]);
    if (!(s > 0.0f) || !std::isfinite(s) || !std::isfinite(1.0f / s))
      return Status::error(what + " has scale " + std::to_string(q.scales[c]) +
                           "; scales must be positive and finite in float");
    int64_t zp = q.zeroPoints[c];
    if (zp < t.range.lo || zp > t.range.hi)
      return Status::error(what + " has zero point " + std::to_string(zp) +
                           ", outside the " +
                           std::string(dtypeName(value.dtype)) + " range");
    t.scale.push_back(q.scales[c]);
    t.scaleF.push_back(s);
    t.inv.push_back(1.0f / s);
    t.zeroPoint.push_back(zp);
  }
  return t;
}

void TensorQuant::dequantize(const Tensor &q, float *x) const {
  const void *data = q.raw();
  for (int64_t i = 0, n = q.numel(); i < n; ++i)
    x[i] = dequantize(loadInt(data, dtype, i), channelOf(i));
}

void TensorQuant::quantize(const float *x, Tensor &q) const {
  void *data = q.raw();
  for (int64_t i = 0, n = q.numel(); i < n; ++i)
    storeInt(data, dtype, i, quantize(x[i], channelOf(i)));
}

Expected<TensorQuant> perTensorQuant(const ValueInfo &value,
                                     const std::string &what) {
  if (value.quant && value.quant->perAxis())
    return Status::error(what +
                         " must be quantized per tensor, not along "
                         "axis " +
                         std::to_string(value.quant->axis));
  return TensorQuant::of(value, what);
}

Expected<Numerics> readNumerics(const Node &node) {
  std::string name = "onednn";
  if (Status s = readAttr(node, "numerics", name); !s.ok())
    return s;
  if (name == "onednn")
    return Numerics::onednn;
  if (name == "qnnpack")
    return Numerics::qnnpack;
  return Status::error("unknown numerics '" + name +
                       "' (expected onednn or qnnpack)");
}

//===----------------------------------------------------------------------===//
// The reference model
//===----------------------------------------------------------------------===//

namespace {

/// "input #i" / "result #k", for messages.
std::string operandName(bool input, size_t i) {
  return (input ? "input #" : "result #") + std::to_string(i);
}

/// Dequantize -> float kernel -> quantize, with buffers sized once.
struct ReferenceModelKernel : Kernel {
  // The float twin of the node, which the float kernel may refer to.
  Graph twin;
  std::unique_ptr<Kernel> floatKernel;
  // Per operand: its quantization (none for f32 operands) and float buffer.
  std::vector<std::optional<TensorQuant>> inQuant, outQuant;
  std::vector<Tensor> floatIn, floatOut;
  // The operands the float kernel sees.
  std::vector<const Tensor *> in;
  std::vector<Tensor *> out;

  Status run(const std::vector<const Tensor *> &inputs,
             const std::vector<Tensor *> &outputs) override {
    for (size_t i = 0; i < inputs.size(); ++i) {
      in[i] = inputs[i];
      if (inQuant[i] && inputs[i]) {
        inQuant[i]->dequantize(*inputs[i], floatIn[i].data<float>());
        in[i] = &floatIn[i];
      }
    }
    for (size_t k = 0; k < outputs.size(); ++k)
      out[k] = outQuant[k] ? &floatOut[k] : outputs[k];
    if (Status s = floatKernel->run(in, out); !s.ok())
      return s;
    for (size_t k = 0; k < outputs.size(); ++k)
      if (outQuant[k])
        outQuant[k]->quantize(floatOut[k].data<float>(), *outputs[k]);
    return Status::success();
  }
};

/// The f32 twin of `value`; a quantized constant is dequantized.
ValueInfo floatTwin(const ValueInfo &value,
                    const std::optional<TensorQuant> &quant) {
  ValueInfo v;
  v.shape = value.shape;
  if (value.constant) {
    v.constant = *value.constant;
    if (quant) {
      Tensor t = Tensor::allocate(DType::f32, value.shape);
      quant->dequantize(*value.constant, t.data<float>());
      v.constant = t;
    }
  }
  return v;
}

} // namespace

KernelOr makeReferenceModelKernel(const Node &node, const Graph &graph) {
  if (!hasQuantizedOperand(node, graph))
    return std::unique_ptr<Kernel>();
  auto k = std::make_unique<ReferenceModelKernel>();
  Node twinNode = node;
  std::map<int64_t, int64_t> ids; // graph id -> twin id
  auto operand = [&](bool input, size_t i, int64_t &id,
                     std::optional<TensorQuant> &quant) -> Status {
    if (id == kNoValue)
      return Status::success();
    if (id < 0 || id >= static_cast<int64_t>(graph.values.size()))
      return Status::error(operandName(input, i) + " is not a value");
    const ValueInfo &value = graph.values[id];
    if (value.quant) {
      Expected<TensorQuant> q = TensorQuant::of(value, operandName(input, i));
      if (!q.ok())
        return q.status();
      quant = *q;
    } else if (value.dtype != DType::f32) {
      return Status::error(operandName(input, i) + " has dtype " +
                           std::string(dtypeName(value.dtype)) +
                           "; the quantized reference model takes quantized "
                           "or f32 values");
    }
    for (int64_t d : value.shape)
      if (d < 0)
        return Status::error("needs static shapes, got " +
                             formatShape(value.shape));
    auto [it, fresh] = ids.emplace(id, k->twin.values.size());
    if (fresh)
      k->twin.values.push_back(floatTwin(value, quant));
    id = it->second;
    return Status::success();
  };
  k->inQuant.resize(node.inputs.size());
  k->outQuant.resize(node.outputs.size());
  for (size_t i = 0; i < node.inputs.size(); ++i)
    if (Status s = operand(true, i, twinNode.inputs[i], k->inQuant[i]); !s.ok())
      return s;
  for (size_t i = 0; i < node.outputs.size(); ++i)
    if (Status s = operand(false, i, twinNode.outputs[i], k->outQuant[i]);
        !s.ok())
      return s;
  twinNode.location.clear();
  k->twin.nodes.push_back(twinNode);

  Expected<std::unique_ptr<Kernel>> floatKernel =
      KernelRegistry::reference().create(k->twin.nodes[0], k->twin,
                                         "reference");
  if (!floatKernel.ok()) {
    // Drop the "kind: " the registry puts first; ours adds it again.
    std::string message = floatKernel.status().message();
    std::string prefix = node.kind + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0)
      message.erase(0, prefix.size());
    return Status::error(message);
  }
  k->floatKernel = std::move(*floatKernel);
  for (size_t i = 0; i < node.inputs.size(); ++i)
    k->floatIn.push_back(
        k->inQuant[i]
            ? Tensor::allocate(DType::f32, graph.values[node.inputs[i]].shape)
            : Tensor());
  for (size_t i = 0; i < node.outputs.size(); ++i)
    k->floatOut.push_back(
        k->outQuant[i]
            ? Tensor::allocate(DType::f32, graph.values[node.outputs[i]].shape)
            : Tensor());
  k->in.resize(node.inputs.size());
  k->out.resize(node.outputs.size());
  return std::unique_ptr<Kernel>(std::move(k));
}

} // namespace quill::reference
