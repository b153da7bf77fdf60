//===- Dynamic.cpp - fake_quant_dynamic and dynamically quantized linear --===//
//
// fake_quant_dynamic is the reference form of dynamic quantization:
// torch.quantize_per_tensor_dynamic(x, dtype, reduce_range).dequantize(),
// or a round trip through float16. `linear` with a float input and an i8
// quantized weight is quantized::linear_dynamic (linear_relu_dynamic with
// fused_activation = relu); attribute `reduce_range` defaults to true, as
// nn.quantized.dynamic.Linear passes it. Both follow the engine named by
// `numerics` (DynamicQuant.h has the rules).
//
//===----------------------------------------------------------------------===//

#include "../Linear.h"
#include "DynamicQuant.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quill::reference {
namespace {

/// x -> IEEE half -> float, rounding to nearest even: values beyond the
/// half range become infinite, small ones subnormal or zero (as c10::Half).
float roundToHalf(float x) {
  if (std::isnan(x))
    return x;
  const float magnitude = std::fabs(x);
  float r;
  if (magnitude >= 65520.0f) { // half(65504 + 16) rounds up to inf
    r = std::numeric_limits<float>::infinity();
  } else {
    // Round to the half grid at this magnitude: 11 significant bits for
    // normal halves, a fixed step of 2^-24 below 2^-14.
    int exponent;
    std::frexp(magnitude, &exponent); // magnitude = m * 2^exponent, m in [.5,1)
    const int step = std::max(exponent - 11, -24);
    r = std::ldexp(std::nearbyint(std::ldexp(magnitude, -step)), step);
  }
  return std::copysign(r, x);
}

KernelOr fakeQuantDynamic(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  const ValueInfo &in = inputInfo(node, graph, 0);
  const ValueInfo &out = outputInfo(node, graph, 0);
  if (!isPlainF32(in) || !isPlainF32(out))
    return Status::error("expects an f32 input and result");
  if (Status s = expectShape(out, "result", in.shape); !s.ok())
    return s;
  Expected<std::string> dtypeAttr = node.attrs.get<std::string>("dtype");
  if (!dtypeAttr.ok())
    return dtypeAttr.status();
  const std::string &dtype = *dtypeAttr;
  bool reduceRange = false;
  if (Status s = readAttr(node, "reduce_range", reduceRange); !s.ok())
    return s;
  Expected<Numerics> engine = readNumerics(node);
  if (!engine.ok())
    return engine.status();

  if (dtype == "float16")
    return makeKernel([](const std::vector<const Tensor *> &inputs,
                         const std::vector<Tensor *> &outputs) {
      const float *x = inputs[0]->data<float>();
      float *y = outputs[0]->data<float>();
      for (int64_t i = 0; i < inputs[0]->numel(); ++i)
        y[i] = roundToHalf(x[i]);
      return Status::success();
    });
  int64_t qmin, qmax;
  if (dtype == "quint8") {
    qmin = 0;
    qmax = 255;
  } else if (dtype == "qint8") {
    qmin = -128;
    qmax = 127;
  } else {
    return Status::error("dtype must be quint8, qint8 or float16, got '" +
                         dtype + "'");
  }
  return makeKernel(
      [=, engine = *engine](const std::vector<const Tensor *> &inputs,
                            const std::vector<Tensor *> &outputs) {
        return fakeQuantizeDynamic(inputs[0]->data<float>(), inputs[0]->numel(),
                                   qmin, qmax, reduceRange, engine,
                                   outputs[0]->data<float>());
      });
}

KernelOr dynamicLinear(const Node &node, const Graph &graph) {
  // Mine: float activations around a weight that is not. The float kernel
  // takes all-float nodes, the static kernels quantized activations.
  if (node.inputs.size() < 2 || node.outputs.size() != 1 ||
      node.inputs[0] == kNoValue || node.inputs[1] == kNoValue ||
      !isPlainF32(inputInfo(node, graph, 0)) ||
      !isPlainF32(outputInfo(node, graph, 0)) ||
      isPlainF32(inputInfo(node, graph, 1)))
    return std::unique_ptr<Kernel>();
  Expected<LinearShape> shape = checkLinear(node, graph);
  if (!shape.ok())
    return shape.status();
  if (shape->hasBias && !isPlainF32(inputInfo(node, graph, 2)))
    return Status::error("a dynamically quantized linear takes an f32 bias");
  bool reduceRange = true;
  if (Status s = readAttr(node, "reduce_range", reduceRange); !s.ok())
    return s;
  Expected<Numerics> engine = readNumerics(node);
  if (!engine.ok())
    return engine.status();
  Expected<DynamicLinear> linear =
      DynamicLinear::create(inputInfo(node, graph, 1), "the weight", *engine,
                            reduceRange, shape->relu, shape->rows);
  if (!linear.ok())
    return linear.status();
  return makeKernel([linear = std::move(*linear),
                     s = *shape](const std::vector<const Tensor *> &inputs,
                                 const std::vector<Tensor *> &outputs) mutable {
    return linear.run(inputs[0]->data<float>(), s.rows,
                      inputs[1]->data<int8_t>(),
                      s.hasBias ? inputs[2]->data<float>() : nullptr,
                      outputs[0]->data<float>());
  });
}

} // namespace

void registerDynamicKernels(KernelRegistry &registry) {
  registry.add("fake_quant_dynamic", "reference", fakeQuantDynamic);
  registry.add("linear", "reference", dynamicLinear);
  registerDynamicRecurrentKernels(registry);
}

} // namespace quill::reference
