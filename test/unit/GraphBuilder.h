//===- GraphBuilder.h - runtime graphs built by hand, for unit tests ------===//
//
// Shared by ExecutorTest.cpp and KernelFactoryTest.cpp: they build Graphs
// directly (no MLIR) to reach the cases the verifier would reject first.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_TEST_UNIT_GRAPHBUILDER_H
#define QUILL_TEST_UNIT_GRAPHBUILDER_H

#include "quill/runtime/Graph.h"

#include <cstring>
#include <string>
#include <vector>

namespace quill::test {

inline bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

/// A new value of `g`; returns its id.
inline int64_t addValue(Graph &g, std::vector<int64_t> shape,
                        DType dtype = DType::f32) {
  ValueInfo v;
  v.dtype = dtype;
  v.shape = std::move(shape);
  g.values.push_back(std::move(v));
  return static_cast<int64_t>(g.values.size()) - 1;
}

/// A new constant f32 value holding `data` (zeros when empty).
inline int64_t addConstant(Graph &g, std::vector<int64_t> shape,
                           const std::vector<float> &data = {}) {
  Tensor t = Tensor::allocate(DType::f32, shape);
  if (!data.empty())
    std::memcpy(t.raw(), data.data(), t.byteSize());
  int64_t id = addValue(g, std::move(shape));
  g.values[id].constant = t;
  return id;
}

inline Node makeNode(std::string kind, std::vector<int64_t> inputs,
                     std::vector<int64_t> outputs, std::string location = "") {
  Node n;
  n.kind = std::move(kind);
  n.inputs = std::move(inputs);
  n.outputs = std::move(outputs);
  n.location = std::move(location);
  return n;
}

} // namespace quill::test

#endif // QUILL_TEST_UNIT_GRAPHBUILDER_H
