//===- ToRuntimeGraph.h - a quill function as a runtime Graph ---*- C++ -*-===//
//
// Translates a `func.func` of quill ops and constants into the MLIR-free
// runtime's Graph, so that quant-run (and later the artifact writer) can run
// it. Translation is generic: a node's kind is the op name without "quill.",
// its attributes are the op's inherent attributes as plain values (enums by
// their names, `#quill.observer` by its fields under "observer.<field>",
// f32 arrays as doubles). An op the chosen kernel set cannot run, or a
// tensor of dynamic shape, is a located error.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_TRANSLATE_TORUNTIMEGRAPH_H
#define QUILL_TRANSLATE_TORUNTIMEGRAPH_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "quill/runtime/Kernel.h"

namespace mlir::quill {

struct TranslatedGraph {
  ::quill::Graph graph;
  /// The op each node came from, by node index (to write results back).
  std::vector<Operation *> nodeOps;
};

FailureOr<TranslatedGraph>
toRuntimeGraph(func::FuncOp func, const ::quill::KernelRegistry &registry,
               const std::string &backend = "reference");

} // namespace mlir::quill

#endif // QUILL_TRANSLATE_TORUNTIMEGRAPH_H
