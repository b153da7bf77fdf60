//===- KernelRegistry.cpp -------------------------------------------------===//

#include "quill/runtime/Kernel.h"

namespace quill {

void KernelRegistry::add(std::string kind, std::string backend,
                         KernelFactory factory) {
  entries_.push_back({std::move(kind), std::move(backend), std::move(factory)});
}

bool KernelRegistry::has(const std::string &kind,
                         const std::string &backend) const {
  for (const Entry &e : entries_)
    if (e.kind == kind && e.backend == backend)
      return true;
  return false;
}

Expected<std::unique_ptr<Kernel>>
KernelRegistry::create(const Node &node, const Graph &graph,
                       const std::string &backend) const {
  std::string where = node.location.empty() ? "" : node.location + ": ";
  bool known = false;
  for (const Entry &e : entries_) {
    if (e.kind != node.kind || e.backend != backend)
      continue;
    known = true;
    Expected<std::unique_ptr<Kernel>> kernel = e.factory(node, graph);
    if (!kernel.ok())
      return Status::error(where + node.kind + ": " + kernel.status().message());
    if (*kernel)
      return kernel;
  }
  if (!known)
    return Status::error(where + "no " + backend + " kernel for '" +
                         node.kind + "'");
  return Status::error(where + "no " + backend + " kernel for '" + node.kind +
                       "' takes these operand types");
}

} // namespace quill
