//===- Report.cpp - what quantization did to a model ----------------------===//

#include "Report.h"

#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/Support/Format.h"

#include <cmath>

namespace quill::run {

namespace {

bool isQuantized(mlir::Type type) {
  return mlir::isa<mlir::quant::QuantizedType>(
      mlir::getElementTypeOrSelf(type));
}

/// Bytes of every constant of a model's graph (its weights).
size_t constantBytes(const Model &model) {
  size_t bytes = 0;
  for (const ValueInfo &v : model.executor->graph().values)
    if (v.constant)
      bytes += v.constant->byteSize();
  return bytes;
}

std::string kib(size_t bytes) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.1f KiB", bytes / 1024.0);
  return s;
}

/// How one op of the quantized graph computes: a category and, for all but
/// plain int8, what it means or why.
std::pair<std::string, std::string> describe(mlir::Operation *op,
                                             const Remarks &remarks) {
  if (llvm::any_of(op->getResultTypes(), isQuantized))
    return {"int8", ""};
  if (llvm::any_of(op->getOperandTypes(), isQuantized))
    return {"dynamic", "int8 weights, activations quantized per call"};
  bool weightOnly = llvm::any_of(op->getOperands(), [](mlir::Value v) {
    mlir::Operation *def = v.getDefiningOp();
    return def &&
           (mlir::isa<mlir::quill::DequantizeFloatQParamsOp>(def) ||
            (mlir::isa<mlir::quant::DequantizeCastOp>(def) &&
             def->getOperand(0).getDefiningOp<mlir::quant::StorageCastOp>()));
  });
  if (weightOnly)
    return {"weight-only", "int8 weights dequantized, float compute"};
  auto it = remarks.find(op->getLoc());
  if (it != remarks.end())
    return {"float", it->second};
  return {"float", "not observed (its qconfig is None, or no BackendConfig "
                   "pattern covers it)"};
}

} // namespace

Expected<Comparison> compareOutputs(Model &floatModel, Model &quantModel,
                                    const std::string &samplesPath) {
  Expected<Batches> batches = readBatches(floatModel, samplesPath);
  if (!batches.ok())
    return batches.status();
  double signal = 0, noise = 0;
  int64_t agree = 0;
  for (int64_t b = 0; b < batches->count; ++b) {
    std::vector<Tensor> inputs = batches->inputs(floatModel, b);
    if (Status s = floatModel.executor->run(inputs); !s.ok())
      return Status::error("float model, sample " + std::to_string(b) + ": " +
                           s.message());
    if (Status s = quantModel.executor->run(inputs); !s.ok())
      return Status::error("quantized model, sample " + std::to_string(b) +
                           ": " + s.message());
    const std::vector<Tensor> &ref = floatModel.executor->outputs();
    const std::vector<Tensor> &got = quantModel.executor->outputs();
    if (ref.size() != got.size())
      return Status::error("the models have different numbers of results");
    for (size_t o = 0; o < ref.size(); ++o) {
      if (ref[o].dtype() != DType::f32 || got[o].dtype() != DType::f32 ||
          ref[o].numel() != got[o].numel())
        return Status::error("result " + std::to_string(o) +
                             " is not float32 of one shape in both models");
      const float *r = ref[o].data<float>(), *g = got[o].data<float>();
      for (int64_t i = 0; i < ref[o].numel(); ++i) {
        signal += double(r[i]) * r[i];
        noise += (double(r[i]) - g[i]) * (double(r[i]) - g[i]);
      }
    }
    // Top-1 over the last dimension of the first result, row by row.
    const Tensor &r = ref[0], &g = got[0];
    int64_t width = r.rank() ? r.dim(r.rank() - 1) : 1;
    bool same = true;
    for (int64_t row = 0; width > 0 && row < r.numel() / width; ++row) {
      const float *rr = r.data<float>() + row * width;
      const float *gr = g.data<float>() + row * width;
      same &= std::max_element(rr, rr + width) - rr ==
              std::max_element(gr, gr + width) - gr;
    }
    agree += same;
  }
  Comparison c;
  c.samples = batches->count;
  c.sqnr = noise == 0 ? INFINITY : 10 * std::log10(signal / noise);
  c.top1 = c.samples ? double(agree) / c.samples : 0;
  return c;
}

void printReport(llvm::raw_ostream &os, const Model &floatModel,
                 const Model &quantModel, const Remarks &remarks,
                 const std::optional<Comparison> &comparison) {
  os << "== Quill quantization report (" << quantModel.name << ") ==\n";
  std::map<std::string, int> counts;
  for (mlir::Operation *op : quantModel.nodeOps) {
    if (!mlir::isa<mlir::quill::QuillDialect>(op->getDialect()) ||
        mlir::isa<mlir::quill::DequantizeFloatQParamsOp,
                  mlir::quill::FakeQuantDynamicOp>(op))
      continue;
    auto [category, detail] = describe(op, remarks);
    counts[category]++;
    auto module = op->getAttrOfType<mlir::StringAttr>("quill.module");
    os << llvm::format("  %-28s %-12s ", op->getName().getStringRef().data(),
                       module ? module.getValue().str().c_str() : "-")
       << category << (detail.empty() ? "" : ": ") << detail << "\n";
  }
  os << "ops:";
  const char *separator = " ";
  for (auto &[how, n] : counts) {
    os << separator << n << " " << how;
    separator = ", ";
  }
  size_t before = constantBytes(floatModel), after = constantBytes(quantModel);
  os << "\nweights: " << kib(before) << " float -> " << kib(after)
     << " quantized ("
     << llvm::format("%.2fx", after ? double(before) / after : 0.0)
     << " smaller)\n";
  if (comparison)
    os << "held-out samples: " << comparison->samples
       << "; int8 vs float: SQNR " << llvm::format("%.2f dB", comparison->sqnr)
       << ", top-1 agreement "
       << llvm::format("%.1f%%", 100 * comparison->top1) << "\n";
}

} // namespace quill::run
