//===- Module.h - what quill._quill offers, without Python or MLIR --------===//
//
// The pybind11 layer (Bindings.cpp) converts numpy arrays and Python values
// to and from these types; Module.cpp does the work with MLIR and the
// runtime. Keeping the two apart keeps each translation unit quick to
// compile. Every error is an `Error` carrying the MLIR diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PYTHON_MODULE_H
#define QUILL_PYTHON_MODULE_H

#include "quill/runtime/NumpyIO.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace quill {
class Executor;
namespace run {
struct TensorSpec;
}
} // namespace quill

namespace quill::python {

/// Becomes quill._quill.QuillError.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One observe or fake_quant op, for Module::observers().
struct ObserverInfo {
  std::string function;
  int64_t id = 0;
  std::string op;    // "quill.observe" or "quill.fake_quant"
  std::string kind;  // the observer class, e.g. "histogram"
  std::string dtype; // "quint8", "qint8", ...
  std::string qscheme;
  std::optional<int64_t> chAxis;                 // per-channel kinds only
  std::optional<std::string> module, moduleType; // of the observe op
  /// The observed value: a function argument (inputOp empty) or a result
  /// of inputOp, with that op's quill.module.
  std::string inputOp;
  int64_t inputIndex = 0;
  std::optional<std::string> inputModule;
  /// Calibration results; empty when not (yet) calibrated.
  std::vector<double> scale, floatZeroPoint;
  std::vector<int64_t> zeroPoint;
  std::vector<float> minVal, maxVal;
};

/// numpy's name for a runtime dtype ("float32", "bool", ...).
const char *numpyName(DType dtype, bool isBool);

/// A function's argument or result, as numpy sees it.
struct ArraySpec {
  DType dtype = DType::f32;
  bool isBool = false;
  std::vector<int64_t> shape;
  std::string type; // the MLIR type, for messages
};

/// A translated function with its kernels (quill._quill.Executor).
class Runner {
public:
  Runner(std::unique_ptr<Executor> executor, std::vector<run::TensorSpec> args,
         std::vector<run::TensorSpec> results, std::string name);
  ~Runner();

  const std::string &name() const { return name_; }
  const std::vector<ArraySpec> &args() const { return argSpecs_; }
  const std::vector<ArraySpec> &results() const { return resultSpecs_; }
  /// Throws unless `inputs` match the arguments exactly.
  void check(const std::vector<npy::Array> &inputs) const;
  /// Runs on checked inputs and copies every result into `outputs`
  /// (buffers of the results' sizes). Needs no Python: callers release the
  /// interpreter lock; a mutex keeps concurrent calls apart.
  void run(const std::vector<npy::Array> &inputs,
           const std::vector<void *> &outputs);

private:
  std::unique_ptr<Executor> executor_;
  std::vector<run::TensorSpec> args_, results_;
  std::vector<ArraySpec> argSpecs_, resultSpecs_;
  std::string name_;
  std::mutex mutex_;
};

class Calibration;

/// A parsed and verified quill module with its own MLIRContext.
class Module {
public:
  /// Parses `text` (diagnostics name the buffer `bufferName`); each
  /// `dense_resource<key>` without data in the text takes the bytes of
  /// resources[key] (copied).
  Module(const std::string &text,
         const std::map<std::string, npy::Array> &resources,
         const std::string &bufferName);
  ~Module();

  /// Runs a textual pass pipeline ("func.func(quill-fuse{...})", or wrapped
  /// in "builtin.module(...)"); returns the warnings and remarks.
  std::vector<std::string> runPasses(const std::string &pipeline);
  std::string text(bool elideResources) const;
  /// Every dense_resource the module uses, by key, typed by its tensor.
  std::vector<std::pair<std::string, npy::Array>> resources() const;
  std::vector<ObserverInfo> observers() const;
  /// Writes qparams (scale with zero_point or float_zero_point, per tensor or
  /// per channel) onto every observe / fake_quant op of `id`, as
  /// calibration would: how a graph re-imported at another input shape takes
  /// the qparams its twin was calibrated to. Throws on an unknown id or
  /// qparams that do not fit the op.
  void setQParams(const std::map<int64_t, ObserverInfo> &qparams);
  std::unique_ptr<Runner> executor(const std::string &function,
                                   const std::string &backend);
  /// Calibration on an executor of the first public function; see
  /// Calibration. The module cannot change until it is finished.
  std::unique_ptr<Calibration> beginCalibration();

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

/// Feeds batches to a model's observers; finish() writes what they learned
/// into the module. Dropped unfinished, it leaves the module untouched.
class Calibration {
public:
  Calibration(Module::Impl &module);
  ~Calibration();
  const std::string &name() const;
  const std::vector<ArraySpec> &args() const;
  /// Runs one batch (throws, naming `batch`, on a mismatch or an error).
  void feed(const std::vector<npy::Array> &inputs, int64_t batch);
  /// Writes statistics and qparams; returns the warnings.
  std::vector<std::string> finish();

private:
  struct State;
  std::unique_ptr<State> state_;
};

} // namespace quill::python

#endif // QUILL_PYTHON_MODULE_H
