//===- QuantRun.h - the pieces of the quant-run tool ------------*- C++ -*-===//
//
// quant-run loads a quill function (Model.cpp), then either runs it on numpy
// inputs (Run.cpp) or calibrates its observers and writes their results
// back into the IR (Calibrate.cpp). quill-quantize and the Python extension
// (python_bindings/src) share these pieces. docs/quant-run.md is the user's
// guide.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_TOOLS_QUANTRUN_QUANTRUN_H
#define QUILL_TOOLS_QUANTRUN_QUANTRUN_H

#include "quill/Translate/ToRuntimeGraph.h"
#include "quill/runtime/Executor.h"
#include "quill/runtime/NumpyIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/SourceMgr.h"

#include <chrono>
#include <string>
#include <vector>

namespace quill::run {

/// What the function expects of one argument or gives as one result.
struct TensorSpec {
  DType dtype = DType::f32;
  bool isBool = false; // i1: numpy bool, held as u8
  std::vector<int64_t> shape;
  std::optional<QuantParams> quant; // of a !quant.uniform type
  std::string type;                 // the MLIR type, for messages
};

/// A parsed, verified and translated function, ready to run.
struct Model {
  /// loadModel's parse; empty when built on a caller's module (buildModel).
  mlir::OwningOpRef<mlir::ModuleOp> owned;
  mlir::ModuleOp module;
  mlir::func::FuncOp func;
  std::string name; // "@f", for messages
  std::vector<TensorSpec> args, results;
  /// The op of each graph node (calibration writes into observe ops).
  std::vector<mlir::Operation *> nodeOps;
  std::unique_ptr<Executor> executor;
};

/// A context with the dialects of a Quill graph loaded, whose diagnostics
/// point at a line without printing the whole op.
std::unique_ptr<mlir::MLIRContext> makeContext();

/// Parses the main buffer of `sources` (diagnostics go to the context's
/// handler), then buildModel; its unlocated errors go to fail().
mlir::FailureOr<Model> loadModel(mlir::MLIRContext &ctx,
                                 llvm::SourceMgr &sources,
                                 const std::string &function,
                                 const std::string &backend);

/// Verifies `module` as quill-verify-graph does, picks `function` (empty:
/// the first public function with a body), translates it and creates its
/// kernels. Located errors go to the context's diagnostic handlers, the
/// others (unknown backend or function, kernel creation) to `error`. The
/// model borrows `module`.
mlir::FailureOr<Model> buildModel(mlir::ModuleOp module,
                                  const std::string &function,
                                  const std::string &backend,
                                  std::string &error);

/// An error unless `array` has the dtype and shape of `spec`; `what` names
/// the array in the message ("x.npy (argument 0 of @f) is int8 (2, 3),
/// expected float32 (2, 3) (tensor<2x3xf32>)").
Status checkArray(const npy::Array &array, const TensorSpec &spec,
                  const std::string &what);
/// The same for an array of this dtype and shape.
Status checkType(DType dtype, bool isBool, const std::vector<int64_t> &shape,
                 const TensorSpec &spec, const std::string &what);

/// The members of an .npz file in argument order: np.savez(path, x0, x1)
/// names them arr_0, arr_1; any other name, or a missing one, is an error.
Expected<std::vector<npy::Array>>
arraysByArgument(std::vector<npy::NamedArray> members, const Model &model,
                 const std::string &path);

struct RunOptions {
  std::vector<std::string> inputs;  // --input, one per argument
  std::string inputsNpz;            // --inputs
  std::vector<std::string> outputs; // --output, one per result (or one .npz)
  std::string outputDir;            // --output-dir
};
/// Runs the model once; 0 on success, 1 with a message on stderr otherwise.
int runModel(Model &model, const RunOptions &options);

/// Arrays with a leading batch dimension, one per argument: an .npy for a
/// one-argument function, else an .npz (arr_0, arr_1, ...).
struct Batches {
  std::vector<npy::Array> arrays;
  int64_t count = 0;
  /// Batch `b` of every argument (views into `arrays`).
  std::vector<Tensor> inputs(const Model &model, int64_t b);
};
Expected<Batches> readBatches(const Model &model, const std::string &path);

struct CalibrateOptions {
  std::string data;   // --calibrate: .npz (or .npy for one argument)
  std::string output; // -o: the calibrated .mlir ("-" for stdout)
  std::vector<std::string> stateIn; // --observer-state-in: shards to merge
  std::string stateOut;             // --observer-state-out
};
/// Feeds every calibration batch through the model, merges the shards of
/// `stateIn`, and writes observer statistics and qparams into its observe
/// ops (and the states to `stateOut`); 0 on success.
int calibrateModel(Model &model, const CalibrateOptions &options);

/// An observe or fake_quant op, its id and its kernel's observer.
struct Observed {
  mlir::Operation *op;
  int64_t id;
  observers::Observer *observer;
};
/// A model's observers: `all` in graph order, `unique` the first op of
/// each id (ops sharing an id share one observer, saved and resumed once).
struct ModelObservers {
  std::vector<Observed> all, unique;
};
/// The observers of `model`, each resumed from the statistics an earlier
/// calibration left on its op (errors are located diagnostics). Running the
/// model's executor then feeds them.
mlir::FailureOr<ModelObservers> collectObservers(Model &model);
/// Writes every observer's statistics and qparams into its op and verifies
/// the module; errors and warnings are located diagnostics.
mlir::LogicalResult writeObservers(Model &model,
                                   const ModelObservers &observers);

/// An observer's state and its observe op's id (StateFile.cpp).
struct IdState {
  int64_t id = 0;
  observers::ObserverState state;
};
std::string serializeStates(const std::vector<IdState> &states);
Expected<std::vector<IdState>> readStates(const std::string &path);

/// A progress bar on stderr, drawn only when stderr is a terminal and the
/// work has taken more than a second.
class Progress {
public:
  Progress(std::string label, size_t total);
  ~Progress();
  void update(size_t done);

private:
  std::string label_;
  size_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, lastDraw_;
};

/// "<tool>: error: <message>" on stderr; returns 1.
int fail(const std::string &message);
/// The <tool> of fail()'s messages (default "quant-run").
void setToolName(std::string name);

} // namespace quill::run

#endif // QUILL_TOOLS_QUANTRUN_QUANTRUN_H
