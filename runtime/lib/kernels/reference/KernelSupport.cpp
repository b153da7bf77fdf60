//===- KernelSupport.cpp - shared plumbing of the reference kernels -------===//

#include "KernelSupport.h"

#include "quill/runtime/ShapeRules.h"

#include <algorithm>

namespace quill::reference {

namespace {
class FnKernel : public Kernel {
public:
  explicit FnKernel(RunFn fn) : fn_(std::move(fn)) {}
  Status run(const std::vector<const Tensor *> &inputs,
             const std::vector<Tensor *> &outputs) override {
    return fn_(inputs, outputs);
  }

private:
  RunFn fn_;
};
} // namespace

std::unique_ptr<Kernel> makeKernel(RunFn fn) {
  return std::make_unique<FnKernel>(std::move(fn));
}

bool isFloatNode(const Node &node, const Graph &graph) {
  for (const std::vector<int64_t> *ids : {&node.inputs, &node.outputs})
    for (int64_t id : *ids)
      if (id != kNoValue && !isPlainF32(graph.values[id]))
        return false;
  return true;
}

void addFloatKernel(KernelRegistry &registry, const std::string &kind,
                    KernelFactory factory) {
  registry.add(kind, "reference",
               [factory = std::move(factory)](const Node &node,
                                              const Graph &graph) -> KernelOr {
                 if (!isFloatNode(node, graph))
                   return std::unique_ptr<Kernel>();
                 return factory(node, graph);
               });
}

const ValueInfo &inputInfo(const Node &node, const Graph &graph, size_t i) {
  return graph.values[node.inputs[i]];
}
const ValueInfo &outputInfo(const Node &node, const Graph &graph, size_t i) {
  return graph.values[node.outputs[i]];
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

Status checkArity(const Node &node, const Graph &graph, size_t inputs,
                  size_t outputs, std::initializer_list<size_t> optional) {
  if (node.inputs.size() != inputs || node.outputs.size() != outputs)
    return Status::error("expected " + std::to_string(inputs) + " inputs and " +
                         std::to_string(outputs) + " outputs, got " +
                         std::to_string(node.inputs.size()) + " and " +
                         std::to_string(node.outputs.size()));
  for (size_t i = 0; i < inputs; ++i)
    if (node.inputs[i] == kNoValue &&
        std::find(optional.begin(), optional.end(), i) == optional.end())
      return Status::error("input #" + std::to_string(i) + " is missing");
  for (const std::vector<int64_t> *ids : {&node.inputs, &node.outputs})
    for (int64_t id : *ids)
      if (id != kNoValue)
        for (int64_t d : graph.values[id].shape)
          if (d < 0)
            return Status::error("needs static shapes, got " +
                                 formatShape(graph.values[id].shape));
  return Status::success();
}

Status expectShape(const ValueInfo &value, const std::string &what,
                   const std::vector<int64_t> &expected) {
  if (value.shape == expected)
    return Status::success();
  return Status::error(what + " has shape " + formatShape(value.shape) +
                       ", expected " + formatShape(expected));
}

std::vector<int64_t> rowMajorStrides(const std::vector<int64_t> &shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t n = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = n;
    n *= shape[d];
  }
  return strides;
}

Status readList(const Node &node, const std::string &name, size_t n,
                int64_t min, std::vector<int64_t> &dst) {
  if (Status s = readList<int64_t>(node, name, n, dst); !s.ok())
    return s;
  for (int64_t v : dst)
    if (v < min)
      return Status::error(name + " entries must be >= " + std::to_string(min) +
                           ", got " + formatShape(dst));
  return Status::success();
}

Expected<int64_t> dimAttr(const Node &node, const std::string &name,
                          int64_t rank, std::optional<int64_t> fallback) {
  Expected<int64_t> dim = fallback ? node.attrs.get<int64_t>(name, *fallback)
                                   : node.attrs.get<int64_t>(name);
  if (!dim.ok())
    return dim;
  std::optional<int64_t> d = shape::normalizeDim(*dim, rank);
  if (!d)
    return Status::error(name + " " + std::to_string(*dim) +
                         " is out of range for rank " + std::to_string(rank));
  return *d;
}

Expected<bool> fusedRelu(const Node &node) {
  std::string act;
  if (Status s = readAttr(node, "fused_activation", act); !s.ok())
    return s;
  if (!act.empty() && act != "relu")
    return Status::error("unsupported fused_activation '" + act + "'");
  return act == "relu";
}

} // namespace quill::reference
