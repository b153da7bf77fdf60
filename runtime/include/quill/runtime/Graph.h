//===- Graph.h - the runtime's model: values and nodes ----------*- C++ -*-===//
//
// A topologically ordered list of nodes over numbered values. A node's kind
// is the quill op name without the dialect prefix ("conv2d", "observe"); its
// attributes are the op's, as plain values. Constants are values with data.
// The compiler builds a Graph from MLIR (passes/lib/ToRuntimeGraph.cpp); an
// artifact loader will build one from a file.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_GRAPH_H
#define QUILL_RUNTIME_GRAPH_H

#include "quill/runtime/Status.h"
#include "quill/runtime/Tensor.h"

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace quill {

using AttrValue = std::variant<bool, int64_t, double, std::string,
                               std::vector<int64_t>, std::vector<double>>;

/// A node's attributes by name, with typed lookups that explain misuse.
class Attributes {
public:
  void set(std::string name, AttrValue value) {
    values_[std::move(name)] = std::move(value);
  }
  bool has(const std::string &name) const { return values_.count(name) != 0; }
  /// The attribute, or `fallback` when absent; an error if it has another
  /// type.
  template <typename T>
  Expected<T> get(const std::string &name, T fallback) const {
    auto it = values_.find(name);
    if (it == values_.end())
      return fallback;
    if (const T *v = std::get_if<T>(&it->second))
      return *v;
    return Status::error("attribute '" + name + "' has the wrong type");
  }
  /// A required attribute.
  template <typename T> Expected<T> get(const std::string &name) const {
    auto it = values_.find(name);
    if (it == values_.end())
      return Status::error("missing attribute '" + name + "'");
    if (const T *v = std::get_if<T>(&it->second))
      return *v;
    return Status::error("attribute '" + name + "' has the wrong type");
  }
  const std::map<std::string, AttrValue> &all() const { return values_; }

private:
  std::map<std::string, AttrValue> values_;
};

/// What is known of a value before running: its type, and its data for a
/// constant.
struct ValueInfo {
  DType dtype = DType::f32;
  std::vector<int64_t> shape;
  std::optional<QuantParams> quant;
  /// Set for constants (weights, biases, statistics).
  std::optional<Tensor> constant;
};

/// Marks an absent optional operand (a conv without bias).
constexpr int64_t kNoValue = -1;

struct Node {
  std::string kind;
  Attributes attrs;
  std::vector<int64_t> inputs;
  std::vector<int64_t> outputs;
  /// Where the node came from ("model.mlir:12:8"), for error messages.
  std::string location;
};

struct Graph {
  std::vector<ValueInfo> values;
  std::vector<Node> nodes;
  std::vector<int64_t> inputs, outputs;

  /// Every id in range, each non-constant value defined exactly once before
  /// its uses, inputs not constants.
  Status validate() const;
};

} // namespace quill

#endif // QUILL_RUNTIME_GRAPH_H
