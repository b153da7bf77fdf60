//===- QuantGraphBuilder.h - quantized runtime graphs by hand, for tests --===//
//
// QuantizedKernelTest.cpp builds one-node graphs over quantized values and
// runs them through the reference registry; these helpers make the values,
// run a node and give the test's own dequantize / quantize (NUMERICS.md).
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_TEST_UNIT_QUANTGRAPHBUILDER_H
#define QUILL_TEST_UNIT_QUANTGRAPHBUILDER_H

#include "GraphBuilder.h"

#include "quill/runtime/Kernel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quill::test {

/// Per-tensor quantization parameters.
inline QuantParams perTensor(double scale, int64_t zeroPoint) {
  return QuantParams{{scale}, {zeroPoint}, -1};
}

/// A new quantized value of `g`; returns its id.
inline int64_t addQuantValue(Graph &g, std::vector<int64_t> shape, DType dtype,
                             QuantParams quant) {
  int64_t id = addValue(g, std::move(shape), dtype);
  g.values[id].quant = std::move(quant);
  return id;
}

/// Element i of an integer tensor (u8, i8, i32).
inline int64_t intAt(const Tensor &t, int64_t i) {
  switch (t.dtype()) {
  case DType::u8:
    return t.data<uint8_t>()[i];
  case DType::i8:
    return t.data<int8_t>()[i];
  default:
    return t.data<int32_t>()[i];
  }
}

inline void setIntAt(Tensor &t, int64_t i, int64_t v) {
  switch (t.dtype()) {
  case DType::u8:
    t.data<uint8_t>()[i] = static_cast<uint8_t>(v);
    return;
  case DType::i8:
    t.data<int8_t>()[i] = static_cast<int8_t>(v);
    return;
  default:
    t.data<int32_t>()[i] = static_cast<int32_t>(v);
  }
}

/// Channel of element i of a value quantized per axis (0 per tensor).
inline int64_t channelOf(const ValueInfo &v, int64_t i) {
  if (!v.quant || v.quant->axis < 0)
    return 0;
  int64_t inner = 1;
  for (size_t d = v.quant->axis + 1; d < v.shape.size(); ++d)
    inner *= v.shape[d];
  return (i / inner) % v.shape[v.quant->axis];
}

/// The float values of a quantized tensor of type `v`: (q - zp) * scale.
inline std::vector<float> dequantized(const ValueInfo &v, const Tensor &t) {
  std::vector<float> x(t.numel());
  for (int64_t i = 0; i < t.numel(); ++i) {
    int64_t c = channelOf(v, i);
    x[i] = static_cast<float>(intAt(t, i) - v.quant->zeroPoints[c]) *
           static_cast<float>(v.quant->scales[c]);
  }
  return x;
}

/// `x` quantized with the parameters of `v`: clamp(zp + nearbyint(x/s)).
inline Tensor quantized(const ValueInfo &v, const float *x) {
  Tensor t = Tensor::allocate(v.dtype, v.shape);
  int64_t lo = v.dtype == DType::u8   ? 0
               : v.dtype == DType::i8 ? -128
                                      : std::numeric_limits<int32_t>::min();
  int64_t hi = v.dtype == DType::u8   ? 255
               : v.dtype == DType::i8 ? 127
                                      : std::numeric_limits<int32_t>::max();
  for (int64_t i = 0; i < t.numel(); ++i) {
    int64_t c = channelOf(v, i);
    float inv = 1.0f / static_cast<float>(v.quant->scales[c]);
    double r = std::nearbyint(x[i] * inv) + v.quant->zeroPoints[c];
    setIntAt(t, i, static_cast<int64_t>(std::clamp<double>(r, lo, hi)));
  }
  return t;
}

/// Creates the kernel of g's only node on the reference backend and runs it
/// once on `inputs` (nullptr for an absent operand); returns the results.
inline Expected<std::vector<Tensor>>
runNode(const Graph &g, const std::vector<const Tensor *> &inputs) {
  Expected<std::unique_ptr<Kernel>> k =
      KernelRegistry::reference().create(g.nodes[0], g, "reference");
  if (!k.ok())
    return k.status();
  if (!*k)
    return Status::error("declined");
  std::vector<Tensor> results;
  for (int64_t id : g.nodes[0].outputs) {
    results.push_back(Tensor::allocate(g.values[id].dtype, g.values[id].shape));
    results.back().setQuant(g.values[id].quant);
  }
  std::vector<Tensor *> outs;
  for (Tensor &t : results)
    outs.push_back(&t);
  if (Status s = (*k)->run(inputs, outs); !s.ok())
    return s;
  return results;
}

} // namespace quill::test

#endif // QUILL_TEST_UNIT_QUANTGRAPHBUILDER_H
