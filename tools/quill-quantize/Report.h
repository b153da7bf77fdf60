//===- Report.h - what quantization did to a model ------------------------===//

#ifndef QUILL_TOOLS_QUILLQUANTIZE_REPORT_H
#define QUILL_TOOLS_QUILLQUANTIZE_REPORT_H

#include "QuantRun.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace quill::run {

/// quill-convert's explain remarks, by the location of the op they are on.
using Remarks = llvm::DenseMap<mlir::Location, std::string>;

/// The quantized model's outputs against the float model's on held-out
/// samples.
struct Comparison {
  int64_t samples = 0;
  /// 20 log10(|float| / |float - int8|) over every output element, in dB.
  double sqnr = 0;
  /// Share of samples whose first output has the same argmax (last dim).
  double top1 = 0;
};

Expected<Comparison> compareOutputs(Model &floatModel, Model &quantModel,
                                    const std::string &samplesPath);

/// Ops by how they compute (int8, int8 weights, float and why), weight
/// bytes before and after, and the comparison if there is one.
void printReport(llvm::raw_ostream &os, const Model &floatModel,
                 const Model &quantModel, const Remarks &remarks,
                 const std::optional<Comparison> &comparison);

} // namespace quill::run

#endif // QUILL_TOOLS_QUILLQUANTIZE_REPORT_H
