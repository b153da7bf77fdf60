//===- Executor.h - plan once, run many times -------------------*- C++ -*-===//
//
// Executor::create validates the graph, creates every kernel and plans
// memory: intermediate values share one arena, placed by their live ranges
// so that values that are never alive together reuse bytes. run() then
// allocates no tensor memory: it binds the caller's inputs, runs the
// kernels in order and leaves the outputs in the arena (valid until the
// next run).
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_EXECUTOR_H
#define QUILL_RUNTIME_EXECUTOR_H

#include "quill/runtime/Kernel.h"

namespace quill {

class Executor {
public:
  static Expected<std::unique_ptr<Executor>>
  create(Graph graph, const KernelRegistry &registry,
         const std::string &backend = "reference");

  /// `inputs` must match the graph's input dtypes and shapes.
  Status run(const std::vector<Tensor> &inputs);
  /// The graph outputs of the last run (views into the arena).
  const std::vector<Tensor> &outputs() const { return outputs_; }

  const Graph &graph() const { return graph_; }
  /// The kernel of node `index` (observers expose their statistics).
  Kernel &kernel(size_t index) { return *kernels_[index]; }
  /// Bytes of the intermediate-value arena, and what they would take
  /// without reuse.
  size_t arenaBytes() const { return arenaBytes_; }
  size_t unplannedBytes() const { return unplannedBytes_; }

private:
  Executor() = default;
  Status shareObservers();
  Status plan();

  Graph graph_;
  std::vector<std::unique_ptr<Kernel>> kernels_;
  std::shared_ptr<uint8_t[]> arena_;
  size_t arenaBytes_ = 0, unplannedBytes_ = 0;
  /// Per value: its tensor (constant, arena view, or bound input).
  std::vector<Tensor> slots_;
  std::vector<Tensor> outputs_;
  std::vector<const Tensor *> ins_;
  std::vector<Tensor *> outs_;
};

} // namespace quill

#endif // QUILL_RUNTIME_EXECUTOR_H
