//===- quill-quantize.cpp - float model to int8 in one command ------------===//
//
//   quill-quantize model.mlir --calibration calib.npy --test test.npy
//       --work-dir out [--backend x86] [--qconfig x86]
//
// The whole static flow, each stage's IR left in the work directory for
// inspection: quill-fuse + quill-prepare (observed.mlir), calibration on
// the samples (calibrated.mlir), quill-convert (quantized.mlir); then the
// float and the quantized model run on the held-out samples and a report
// says which ops run int8 and why the others stay float, the size of the
// weights, and the SQNR and top-1 agreement of the int8 output against
// float. See docs/quantize.md.
//
//===----------------------------------------------------------------------===//

#include "QuantRun.h"
#include "Report.h"

#include "quill/Passes/Passes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

namespace cl = llvm::cl;
using namespace quill;
using namespace quill::run;

static cl::OptionCategory category("quill-quantize options");
static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<float-model.mlir>"),
                                      cl::cat(category));
static cl::opt<std::string> calibration(
    "calibration", cl::value_desc("samples.npy|npz"), cl::cat(category),
    cl::desc("calibration samples, a leading batch dimension per argument "
             "(not needed by dynamic and weight-only qconfigs)"));
static cl::opt<std::string>
    test("test", cl::value_desc("samples.npy|npz"), cl::cat(category),
         cl::desc("held-out samples the report compares int8 and float on "
                  "(without: no comparison)"));
static cl::opt<std::string> workDir(
    "work-dir", cl::Required, cl::value_desc("dir"), cl::cat(category),
    cl::desc("where observed.mlir, calibrated.mlir and quantized.mlir go"));
static cl::opt<std::string> backend(
    "backend", cl::init("x86"), cl::cat(category),
    cl::desc("BackendConfig: a native name or a JSON path (default x86)"));
static cl::opt<std::string> qconfig(
    "qconfig", cl::init(""), cl::cat(category),
    cl::desc("QConfigMapping: a preset name or a JSON path (default: the "
             "backend's preset)"));

namespace {

/// Parses `path`, runs `passes` on it and writes the result to `out`.
/// Remarks go to `remarks` (by op location) instead of the terminal.
mlir::LogicalResult
runPasses(mlir::MLIRContext &ctx, const std::string &path,
          const std::string &out,
          llvm::function_ref<void(mlir::PassManager &)> passes,
          Remarks *remarks = nullptr) {
  llvm::SourceMgr sources;
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return mlir::failure(fail("cannot open '" + path + "'"));
  sources.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  mlir::SourceMgrDiagnosticHandler diagnostics(sources, &ctx);
  mlir::ScopedDiagnosticHandler collect(&ctx, [&](mlir::Diagnostic &d) {
    if (!remarks || d.getSeverity() != mlir::DiagnosticSeverity::Remark)
      return mlir::failure(); // printed by the source manager handler
    (*remarks)[d.getLocation()] = d.str();
    return mlir::success();
  });
  auto module = mlir::parseSourceFile<mlir::ModuleOp>(sources, &ctx);
  if (!module)
    return mlir::failure();
  mlir::PassManager pm(&ctx);
  passes(pm);
  if (mlir::failed(pm.run(*module)))
    return mlir::failure();
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  npy::AtomicFiles files;
  if (Status s = files.stage(out, text); !s.ok())
    return mlir::failure(fail(s.message()));
  if (Status s = files.commit(); !s.ok())
    return mlir::failure(fail(s.message()));
  return mlir::success();
}

mlir::FailureOr<Model> load(mlir::MLIRContext &ctx, llvm::SourceMgr &sources,
                            const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) {
    fail("cannot open '" + path + "'");
    return mlir::failure();
  }
  sources.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return loadModel(ctx, sources, "", "reference");
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  setToolName("quill-quantize");
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "quill-quantize: fuse, prepare, calibrate, convert and evaluate a "
      "float model\n");
  if (qconfig.empty())
    qconfig = backend;
  if (std::error_code ec = llvm::sys::fs::create_directories(workDir))
    return fail("cannot create '" + workDir + "': " + ec.message());
  std::string observed = workDir + "/observed.mlir";
  std::string calibrated = workDir + "/calibrated.mlir";
  std::string quantized = workDir + "/quantized.mlir";

  std::unique_ptr<mlir::MLIRContext> context = makeContext();
  mlir::MLIRContext &ctx = *context;

  // 1. Fuse and insert observers.
  if (mlir::failed(
          runPasses(ctx, modelPath, observed, [&](mlir::PassManager &pm) {
            pm.addNestedPass<mlir::func::FuncOp>(
                mlir::quill::createQuillFuse({backend, qconfig}));
            pm.addNestedPass<mlir::func::FuncOp>(
                mlir::quill::createQuillPrepare({backend, qconfig, {}, {}}));
          })))
    return 1;
  // 2. Calibrate (dynamic and weight-only graphs have nothing to measure:
  // their observers are placeholders and weight observers).
  if (calibration.empty()) {
    if (std::error_code ec = llvm::sys::fs::copy_file(observed, calibrated))
      return fail("cannot write '" + calibrated + "': " + ec.message());
  } else {
    llvm::SourceMgr sources;
    mlir::SourceMgrDiagnosticHandler diagnostics(sources, &ctx);
    mlir::FailureOr<Model> model = load(ctx, sources, observed);
    if (mlir::failed(model))
      return 1;
    CalibrateOptions options;
    options.data = calibration;
    options.output = calibrated;
    if (int rc = calibrateModel(*model, options))
      return rc;
  }
  // 3. Convert, keeping why each op stays float.
  Remarks remarks;
  if (mlir::failed(runPasses(
          ctx, calibrated, quantized,
          [&](mlir::PassManager &pm) {
            pm.addNestedPass<mlir::func::FuncOp>(
                mlir::quill::createQuillConvert({backend, false, "", true}));
          },
          &remarks)))
    return 1;
  // 4. Run both models on the held-out samples and report.
  llvm::SourceMgr floatSources, quantSources;
  mlir::SourceMgrDiagnosticHandler floatDiagnostics(floatSources, &ctx);
  mlir::FailureOr<Model> floatModel = load(ctx, floatSources, modelPath);
  if (mlir::failed(floatModel))
    return 1;
  mlir::SourceMgrDiagnosticHandler quantDiagnostics(quantSources, &ctx);
  mlir::FailureOr<Model> quantModel = load(ctx, quantSources, quantized);
  if (mlir::failed(quantModel))
    return 1;
  std::optional<Comparison> comparison;
  if (!test.empty()) {
    Expected<Comparison> compared =
        compareOutputs(*floatModel, *quantModel, test);
    if (!compared.ok())
      return fail(compared.status().message());
    comparison = *compared;
  }
  printReport(llvm::outs(), *floatModel, *quantModel, remarks, comparison);
  llvm::outs() << "\nstages: " << observed << ", " << calibrated << ", "
               << quantized << "\n";
  return 0;
}
