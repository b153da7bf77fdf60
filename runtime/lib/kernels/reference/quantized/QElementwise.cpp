//===- QElementwise.cpp - quantized add: QNNPACK's fixed-point kernel -----===//
//
// Quantized add and mul (quantized::add, add_relu, mul, mul_relu, with
// numpy broadcasting, or a `scalar`) are the reference model
// (QActivation.cpp): dequantize both, alpha * b + a or a * b in float32,
// relu, quantize with the result's parameters. Under numerics = qnnpack an
// add of two u8 tensors of one shape into u8 is QNNPACK's fixed-point
// kernel instead, as PyTorch 1.13 picks it:
//
//   m = 2^(21 - e), e the exponent of max(sa/sy, sb/sy) (float32);
//   ma = lrint(sa/sy * m), mb = lrint(sb/sy * m);
//   acc = (a - za) * ma + (b - zb) * mb in int32, shifted right by 21 - e
//   rounding half away from zero; y = clamp(acc + zy, zy with relu).
//
// Other shapes and dtypes take PyTorch's generic kernel there too, i.e. the
// reference model; so do scales QNNPACK rejects (a ratio outside
// [2^-14, 2^8)), where PyTorch raises.
//
//===----------------------------------------------------------------------===//

#include "QuantSupport.h"

#include <algorithm>
#include <optional>

namespace quill::reference {

namespace {

struct QnnpackAdd {
  TensorQuant a, b, y;
  int64_t zeroPointProduct = 0, ma = 0, mb = 0, lo = 0;
  uint32_t shift = 0;

  static std::optional<QnnpackAdd> make(TensorQuant a, TensorQuant b,
                                        TensorQuant y, bool relu) {
    float ra = a.scaleF[0] / y.scaleF[0], rb = b.scaleF[0] / y.scaleF[0];
    for (float r : {ra, rb})
      if (!(r >= 0x1.0p-14f && r < 0x1.0p+8f))
        return std::nullopt;
    int exponent;
    std::frexp(std::max(ra, rb),
               &exponent); // max = f * 2^exponent, f in [.5, 1)
    QnnpackAdd p{a, b, y};
    p.shift = static_cast<uint32_t>(21 - (exponent - 1));
    float multiplier = std::ldexp(1.0f, static_cast<int>(p.shift));
    p.ma = std::lrint(ra * multiplier);
    p.mb = std::lrint(rb * multiplier);
    p.zeroPointProduct = -(p.ma * a.zeroPoint[0] + p.mb * b.zeroPoint[0]);
    p.lo = relu ? y.zeroPoint[0] : y.range.lo;
    return p;
  }

  Status operator()(const std::vector<const Tensor *> &in,
                    const std::vector<Tensor *> &out) const {
    const int32_t mask = static_cast<int32_t>((uint32_t(1) << shift) - 1);
    for (int64_t i = 0, n = out[0]->numel(); i < n; ++i) {
      int32_t acc = static_cast<int32_t>(
          zeroPointProduct + loadInt(in[0]->raw(), a.dtype, i) * ma +
          loadInt(in[1]->raw(), b.dtype, i) * mb);
      int32_t remainder = (acc & mask) - (acc < 0);
      int64_t q = (acc >> shift) + (remainder > (mask >> 1));
      storeInt(out[0]->raw(), y.dtype, i,
               std::clamp(q + y.zeroPoint[0], lo, y.range.hi));
    }
    return Status::success();
  }
};

/// The QNNPACK add when PyTorch would run it, else nullopt.
Expected<std::optional<QnnpackAdd>> qnnpackAdd(const Node &node,
                                               const Graph &graph) {
  Expected<Numerics> numerics = readNumerics(node);
  if (!numerics.ok())
    return numerics.status();
  if (*numerics != Numerics::qnnpack || node.inputs.size() != 2 ||
      node.outputs.size() != 1 || node.attrs.has("scalar") ||
      node.attrs.has("alpha"))
    return std::optional<QnnpackAdd>();
  if (Status s = checkArity(node, graph, 2, 1); !s.ok())
    return s;
  const ValueInfo *v[] = {&inputInfo(node, graph, 0),
                          &inputInfo(node, graph, 1),
                          &outputInfo(node, graph, 0)};
  for (const ValueInfo *x : v)
    if (x->dtype != DType::u8 || !x->quant || x->quant->perAxis() ||
        x->shape != v[0]->shape)
      return std::optional<QnnpackAdd>();
  Expected<TensorQuant> a = TensorQuant::of(*v[0], "input #0");
  Expected<TensorQuant> b = TensorQuant::of(*v[1], "input #1");
  Expected<TensorQuant> y = TensorQuant::of(*v[2], "result");
  for (const Expected<TensorQuant> *q : {&a, &b, &y})
    if (!q->ok())
      return q->status();
  Expected<bool> relu = fusedRelu(node);
  if (!relu.ok())
    return relu.status();
  return QnnpackAdd::make(*a, *b, *y, *relu);
}

KernelOr makeQAdd(const Node &node, const Graph &graph) {
  if (!hasQuantizedOperand(node, graph))
    return std::unique_ptr<Kernel>();
  Expected<std::optional<QnnpackAdd>> fixed = qnnpackAdd(node, graph);
  if (!fixed.ok())
    return fixed.status();
  if (*fixed)
    return makeKernel(**fixed);
  return makeReferenceModelKernel(node, graph);
}

} // namespace

void registerQElementwiseKernels(KernelRegistry &registry) {
  registry.add("add", "reference", makeQAdd);
}

} // namespace quill::reference
