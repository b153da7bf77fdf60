//===- quant-run.cpp - run or calibrate a quill graph from the shell ------===//
//
//   quant-run model.mlir --input x.npy [--input y.npy] --output out.npy
//   quant-run model.mlir --inputs in.npz --output-dir DIR   (DIR/result0.npy)
//   quant-run observed.mlir --calibrate calib.npz -o calibrated.mlir
//   quant-run observed.mlir --calibrate part1.npz --observer-state-out s1.txt
//   quant-run observed.mlir --observer-state-in s1.txt --observer-state-in
//       s2.txt -o calibrated.mlir                 (shards merged)
//
// Errors are located MLIR diagnostics (bad IR, ops the runtime cannot run)
// or "quant-run: error: ..." lines, with exit code 1; outputs are written
// only on success. See docs/quant-run.md.
//
//===----------------------------------------------------------------------===//

#include "QuantRun.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

namespace cl = llvm::cl;
using namespace quill::run;

static cl::OptionCategory category("quant-run options");

static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model.mlir>"),
                                      cl::cat(category));
static cl::list<std::string>
    inputs("input", cl::value_desc("file.npy"), cl::cat(category),
           cl::desc("an input array, once per function argument in order"));
static cl::opt<std::string>
    inputsNpz("inputs", cl::value_desc("file.npz"), cl::cat(category),
              cl::desc("all inputs in one archive: arr_0, arr_1, ... by "
                       "argument position (np.savez(path, x0, x1))"));
static cl::list<std::string>
    outputs("output", cl::value_desc("file.npy"), cl::cat(category),
            cl::desc("where a result goes, once per function result; or one "
                     ".npz for all of them (arr_0, arr_1, ...)"));
static cl::opt<std::string>
    outputDir("output-dir", cl::value_desc("dir"), cl::cat(category),
              cl::desc("write result i to DIR/result<i>.npy"));
static cl::opt<std::string>
    function("function", cl::value_desc("name"), cl::cat(category),
             cl::desc("the function to run (default: the first public one)"));
static cl::opt<std::string> backend("backend", cl::init("reference"),
                                    cl::cat(category),
                                    cl::desc("kernel set (reference)"));
static cl::opt<std::string>
    calibrate("calibrate", cl::value_desc("data.npz"), cl::cat(category),
              cl::desc("run every batch of the data through the observers and "
                       "write their statistics and qparams into the IR"));
static cl::opt<std::string>
    outputMlir("o", cl::value_desc("file.mlir"), cl::cat(category),
               cl::desc("the calibrated IR (with --calibrate; '-' = stdout)"));
static cl::list<std::string> stateIn(
    "observer-state-in", cl::value_desc("states.txt"), cl::cat(category),
    cl::desc("merge the observer states of a calibration shard (in order; "
             "with or without --calibrate data)"));
static cl::opt<std::string>
    stateOut("observer-state-out", cl::value_desc("states.txt"),
             cl::cat(category),
             cl::desc("write every observer's state after calibration"));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "quant-run: run a quill graph on numpy arrays, or calibrate its "
      "observers\n");

  bool calibrating = !calibrate.empty() || !stateIn.empty();
  if (calibrating && (!inputs.empty() || !inputsNpz.empty() ||
                      !outputs.empty() || !outputDir.empty()))
    return fail("--calibrate takes its data from the .npz and writes only "
                "-o: drop --input/--inputs/--output/--output-dir");
  if (!calibrating && (!outputMlir.empty() || !stateOut.empty()))
    return fail("-o and --observer-state-out are outputs of --calibrate (or "
                "--observer-state-in); results go to --output or "
                "--output-dir");

  std::unique_ptr<mlir::MLIRContext> context = makeContext();
  mlir::MLIRContext &ctx = *context;

  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(modelPath);
  if (!buffer)
    return fail("cannot open '" + modelPath +
                "': " + buffer.getError().message());
  llvm::SourceMgr sources;
  sources.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  mlir::SourceMgrDiagnosticHandler diagnostics(sources, &ctx);

  mlir::FailureOr<Model> model = loadModel(ctx, sources, function, backend);
  if (mlir::failed(model))
    return 1;
  if (calibrating)
    return calibrateModel(*model, {calibrate, outputMlir, stateIn, stateOut});
  return runModel(*model, {inputs, inputsNpz, outputs, outputDir});
}
