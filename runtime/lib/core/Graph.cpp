//===- Graph.cpp - structural checks of a runtime graph -------------------===//

#include "quill/runtime/Graph.h"

namespace quill {

Status Graph::validate() const {
  const int64_t n = static_cast<int64_t>(values.size());
  std::vector<bool> defined(n, false);
  auto bad = [&](const std::string &what, int64_t id) {
    return Status::error(what + " refers to value " + std::to_string(id) +
                         ", but the graph has " + std::to_string(n));
  };
  for (int64_t id = 0; id < n; ++id) {
    const ValueInfo &v = values[id];
    if (!v.constant)
      continue;
    // Kernels trust the static type: the data must be exactly that.
    if (v.constant->dtype() != v.dtype || v.constant->shape() != v.shape)
      return Status::error("constant value " + std::to_string(id) +
                           " holds data of another dtype or shape than its "
                           "type");
    defined[id] = true;
  }
  for (int64_t id : inputs) {
    if (id < 0 || id >= n)
      return bad("a graph input", id);
    if (values[id].constant)
      return Status::error("graph input " + std::to_string(id) +
                           " is a constant");
    if (defined[id])
      return Status::error("value " + std::to_string(id) +
                           " is listed twice as a graph input");
    defined[id] = true;
  }
  for (const Node &node : nodes) {
    std::string where = "node '" + node.kind + "'" +
                        (node.location.empty() ? "" : " at " + node.location);
    for (int64_t id : node.inputs) {
      if (id == kNoValue)
        continue;
      if (id < 0 || id >= n)
        return bad(where, id);
      if (!defined[id])
        return Status::error(where + " uses value " + std::to_string(id) +
                             " before it is defined");
    }
    for (int64_t id : node.outputs) {
      if (id < 0 || id >= n)
        return bad(where, id);
      if (defined[id])
        return Status::error(where + " redefines value " + std::to_string(id));
      defined[id] = true;
    }
  }
  for (int64_t id : outputs) {
    if (id < 0 || id >= n)
      return bad("a graph output", id);
    if (!defined[id])
      return Status::error("graph output " + std::to_string(id) +
                           " is never defined");
  }
  return Status::success();
}

} // namespace quill
