//===- Kernel.h - kernels and the registry that picks them ------*- C++ -*-===//
//
// A kernel is created once per node (checking attributes, dtypes and
// shapes, prepacking weights) and then run many times without allocating.
// The registry maps (node kind, backend) to factories; a factory may decline
// a node (returning nullptr) so that several kernels can serve one kind for
// different dtypes, tried in registration order.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNEL_H
#define QUILL_RUNTIME_KERNEL_H

#include "quill/runtime/Graph.h"
#include "quill/runtime/Observers.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace quill {

class Kernel {
public:
  virtual ~Kernel() = default;
  /// `outputs` are preallocated with the node's output shapes and dtypes.
  virtual Status run(const std::vector<const Tensor *> &inputs,
                     const std::vector<Tensor *> &outputs) = 0;
  /// The observer of an `observe` or `fake_quant` node, whose statistics
  /// calibration reads; nullptr for every other kernel.
  virtual observers::Observer *observer() { return nullptr; }
  /// Makes this observer kernel feed `owner`'s observer from now on: nodes
  /// with one observer id are one observer (PyTorch's instance shared by
  /// the share-qparams ops). False when `owner` is not a kernel of the same
  /// class or this kernel has no observer.
  virtual bool shareObserverOf(Kernel &owner) { return false; }
};

/// Builds a kernel for `node` of `graph`; nullptr means "not mine" (e.g. a
/// dtype this kernel does not handle), an error means the node is invalid.
using KernelFactory = std::function<Expected<std::unique_ptr<Kernel>>(
    const Node &node, const Graph &graph)>;

class KernelRegistry {
public:
  void add(std::string kind, std::string backend, KernelFactory factory);
  /// The first factory for (kind, backend) that accepts the node; an error
  /// naming the node's location when none does.
  Expected<std::unique_ptr<Kernel>> create(const Node &node, const Graph &graph,
                                           const std::string &backend) const;
  bool has(const std::string &kind, const std::string &backend) const;

  /// The reference kernels (every quill op, float graph + observers).
  static const KernelRegistry &reference();

private:
  struct Entry {
    std::string kind, backend;
    KernelFactory factory;
  };
  std::vector<Entry> entries_;
};

} // namespace quill

#endif // QUILL_RUNTIME_KERNEL_H
