//===- WeightOnly.cpp - dequantize_float_qparams (weight-only embeddings) -===//
//
// The dequantize of PyTorch's per_channel_affine_float_qparams tensors
// (quint8, or quint4x2 unpacked one value per byte), the weights of
// weight-only quantized nn.Embedding / nn.EmbeddingBag:
//
//   y = (float(q) - zero_point[c]) * scale[c]     (float32, c along `axis`)
//
// bit for bit what Tensor.dequantize() gives in 1.13 for both dtypes.
// PyTorch's own quantized embedding_bag ops differ from dequantize ->
// embedding_bag: they store scale and bias = -zero_point * scale (in float16
// for 4 bits) per row and sum scale * q + bias (scripts/gen_dynamic_cases.py
// measures it).
//
//===----------------------------------------------------------------------===//

#include "QuantSupport.h"

namespace quill::reference {
namespace {

KernelOr dequantizeFloatQParams(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 3, 1); !s.ok())
    return s;
  const ValueInfo &q = inputInfo(node, graph, 0);
  const ValueInfo &out = outputInfo(node, graph, 0);
  if (q.dtype != DType::u8 || q.quant)
    return Status::error("the input must be plain u8 storage, got " +
                         std::string(dtypeName(q.dtype)) +
                         (q.quant ? " with quantization" : ""));
  for (size_t i : {1, 2})
    if (!isPlainF32(inputInfo(node, graph, i)))
      return Status::error("scales and zero_points must be f32");
  if (!isPlainF32(out))
    return Status::error("the result must be f32");
  if (Status s = expectShape(out, "result", q.shape); !s.ok())
    return s;
  int64_t rank = static_cast<int64_t>(q.shape.size());
  if (rank == 0)
    return Status::error("the input must have rank >= 1");
  Expected<int64_t> axis = dimAttr(node, "axis", rank, int64_t(0));
  if (!axis.ok())
    return axis.status();
  int64_t bits = 8;
  if (Status s = readAttr(node, "bit_width", bits); !s.ok())
    return s;
  if (bits != 8 && bits != 4)
    return Status::error("bit_width must be 8 or 4, got " +
                         std::to_string(bits));
  int64_t channels = q.shape[*axis];
  for (size_t i : {1, 2})
    if (Status s = expectShape(inputInfo(node, graph, i),
                               i == 1 ? "scales" : "zero_points", {channels});
        !s.ok())
      return s;
  // Element i is in channel (i / inner) % channels.
  int64_t inner = numElements({q.shape.begin() + *axis + 1, q.shape.end()});
  int maxValue = (1 << bits) - 1;
  return makeKernel([=](const std::vector<const Tensor *> &inputs,
                        const std::vector<Tensor *> &outputs) {
    const uint8_t *values = inputs[0]->data<uint8_t>();
    const float *scales = inputs[1]->data<float>();
    const float *zeroPoints = inputs[2]->data<float>();
    float *y = outputs[0]->data<float>();
    for (int64_t i = 0; i < inputs[0]->numel(); ++i) {
      if (values[i] > maxValue)
        return Status::error("value " + std::to_string(values[i]) +
                             " does not fit in " + std::to_string(bits) +
                             " bits");
      int64_t c = (i / inner) % channels;
      y[i] = (static_cast<float>(values[i]) - zeroPoints[c]) * scales[c];
    }
    return Status::success();
  });
}

} // namespace

void registerWeightOnlyKernels(KernelRegistry &registry) {
  registry.add("dequantize_float_qparams", "reference", dequantizeFloatQParams);
}

} // namespace quill::reference
