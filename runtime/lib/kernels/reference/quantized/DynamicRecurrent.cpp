//===- DynamicRecurrent.cpp - nn.quantized.dynamic.LSTM and GRU -----------===//
//
// quill.lstm / quill.gru with f32 activations, states and biases and i8
// quantized w_ih, w_hh: torch.quantized_lstm / quantized_gru with
// use_dynamic, as nn.quantized.dynamic.LSTM / GRU (1.13, version 2) run
// them. Each weight is prepacked with its bias and every product is
// quantized::linear_dynamic with reduce_range = true (node attribute
// `reduce_range`, on the engine of `numerics`): W_ih x + b_ih once over the
// whole sequence of a layer and direction, W_hh h + b_hh per step over the
// batch, so the activation qparams come from those tensors (Recurrent.h).
// The gate math is the float kernel's.
//
//===----------------------------------------------------------------------===//

#include "../Recurrent.h"
#include "DynamicQuant.h"

#include <map>

namespace quill::reference {
namespace {

class DynamicGates : public GateLinear {
public:
  explicit DynamicGates(std::map<size_t, DynamicLinear> linears)
      : linears_(std::move(linears)) {}

  Status apply(size_t operand, const Tensor &weight, const float *bias,
               const float *x, int64_t rows, float *y) override {
    return linears_.at(operand).run(x, rows, weight.data<int8_t>(), bias, y);
  }

private:
  std::map<size_t, DynamicLinear> linears_; // by weight operand
};

KernelOr dynamicRecurrent(const Node &node, const Graph &graph, bool lstm) {
  // Mine when a weight operand is not plain f32; the float kernel takes the
  // rest.
  size_t firstWeight = lstm ? 3 : 2;
  bool quantized = false;
  for (size_t i = firstWeight; i < node.inputs.size(); ++i)
    quantized |=
        node.inputs[i] != kNoValue && !isPlainF32(inputInfo(node, graph, i));
  if (!quantized)
    return std::unique_ptr<Kernel>();
  Expected<RecurrentPlan> plan = planRecurrent(node, graph, lstm);
  if (!plan.ok())
    return plan.status();
  const RecurrentPlan &p = *plan;
  for (const std::vector<int64_t> *ids : {&node.inputs, &node.outputs})
    for (size_t i = 0; i < ids->size(); ++i) {
      int64_t id = (*ids)[i];
      bool weight = ids == &node.inputs && i >= firstWeight &&
                    (i - firstWeight) % (p.biases ? 4 : 2) < 2;
      if (id != kNoValue && !weight && !isPlainF32(graph.values[id]))
        return Status::error("with quantized weights, the input, states, "
                             "biases and results must be f32");
    }

  bool reduceRange = true;
  if (Status s = readAttr(node, "reduce_range", reduceRange); !s.ok())
    return s;
  Expected<Numerics> engine = readNumerics(node);
  if (!engine.ok())
    return engine.status();
  std::map<size_t, DynamicLinear> linears;
  for (int64_t l = 0; l < p.layers; ++l)
    for (int64_t d = 0; d < p.dirs; ++d) {
      std::string where =
          "layer " + std::to_string(l) + (d ? " reverse " : " ");
      size_t base = p.weightOperand(l, d);
      for (size_t k : {0, 1}) {
        Expected<DynamicLinear> linear = DynamicLinear::create(
            inputInfo(node, graph, base + k), where + (k ? "w_hh" : "w_ih"),
            *engine, reduceRange, /*relu=*/false,
            k ? p.batch : p.steps * p.batch);
        if (!linear.ok())
          return linear.status();
        linears.emplace(base + k, std::move(*linear));
      }
    }
  return makeRecurrentKernel(
      p, std::make_unique<DynamicGates>(std::move(linears)));
}

} // namespace

void registerDynamicRecurrentKernels(KernelRegistry &registry) {
  registry.add("lstm", "reference", [](const Node &node, const Graph &graph) {
    return dynamicRecurrent(node, graph, /*lstm=*/true);
  });
  registry.add("gru", "reference", [](const Node &node, const Graph &graph) {
    return dynamicRecurrent(node, graph, /*lstm=*/false);
  });
}

} // namespace quill::reference
