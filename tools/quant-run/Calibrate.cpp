//===- Calibrate.cpp - quant-run observed.mlir --calibrate data.npz -o ... ===//
//
// Calibration data holds one array per function argument (np.savez names
// them arr_0, arr_1, ...), each with a leading batch dimension: batch i
// feeds every argument its [i] slice, like `for x in loader: model(x)`.
// After the last batch each quill.observe op receives its observer's
// statistics and qparams as attributes (ObserveOp in ObserverOps.td). An
// op that already carries statistics (an earlier calibration) resumes
// from them. Nothing is written unless every batch ran.
//
//===----------------------------------------------------------------------===//

#include "QuantRun.h"

#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/IR/Verifier.h"

#include <cmath>
#include <map>
#include <set>

using namespace mlir;
namespace obs = ::quill::observers;

namespace quill::run {

namespace {

/// The statistics an earlier calibration left on `op`, if any.
template <typename OpT>
LogicalResult resumeFrom(OpT op, obs::Observer &observer) {
  if (!op.getMinValAttr())
    return success();
  obs::ObserverState state;
  state.kind = observer.config().kind;
  state.minVal = std::vector<float>(op.getMinValAttr().asArrayRef());
  state.maxVal = std::vector<float>(op.getMaxValAttr().asArrayRef());
  if (op.getHistogramAttr())
    state.histogram = std::vector<float>(op.getHistogramAttr().asArrayRef());
  if (Status s = observer.setState(state); !s.ok())
    return op.emitError("cannot resume calibration from its statistics: ")
           << s.message();
  return success();
}

template <typename OpT>
LogicalResult writeBack(OpT op, const obs::Observer &observer) {
  MLIRContext *ctx = op.getContext();
  obs::ObserverState state = observer.state();
  mlir::quill::ObserverSpecAttr spec = op.getObserver();
  // Only empty tensors reached it. PyTorch then warns and returns (1.0, 0);
  // that fits a per-tensor op, but a per-channel one would get a single
  // scale for all channels: it gets nothing.
  bool perTensorEmpty = state.minVal.size() == 1 &&
                        state.minVal[0] == INFINITY &&
                        state.maxVal[0] == -INFINITY;
  if (perTensorEmpty || (spec.isPerChannel() && state.minVal.empty()))
    op.emitWarning("observer id ")
        << op.getId() << " saw no data (every batch was empty): "
        << (perTensorEmpty ? "PyTorch's default qparams (1.0, 0) written"
                           : "no statistics or qparams written");
  if (spec.isPerChannel() && state.minVal.empty())
    return success();
  if (!state.minVal.empty()) {
    op.setMinValAttr(DenseF32ArrayAttr::get(ctx, state.minVal));
    op.setMaxValAttr(DenseF32ArrayAttr::get(ctx, state.maxVal));
  }
  if (!state.histogram.empty())
    op.setHistogramAttr(DenseF32ArrayAttr::get(ctx, state.histogram));
  if (!spec.hasQParams())
    return success();
  // calculate_qparams() of the observer, also under a fake-quant: what
  // PyTorch's convert reads (FakeQuantize.calculate_qparams delegates to
  // its observer), not the scale a fused fake-quant trains with.
  Expected<obs::QParams> q = observer.calculateQParams();
  if (!q.ok())
    return op.emitError("observer id ")
           << op.getId() << ": " << q.status().message();
  for (float s : q->scale)
    if (!std::isfinite(s))
      return op.emitError("observer id ")
             << op.getId() << ": the calibration data reach +-inf, so the "
             << "scale is infinite (PyTorch returns it; no quantized type "
             << "can hold it)";
  std::vector<double> scale(q->scale.begin(), q->scale.end());
  op.setScaleAttr(DenseF64ArrayAttr::get(ctx, scale));
  if (!q->floatZeroPoint.empty()) {
    std::vector<double> zp(q->floatZeroPoint.begin(), q->floatZeroPoint.end());
    op.setFloatZeroPointAttr(DenseF64ArrayAttr::get(ctx, zp));
  } else {
    op.setZeroPointAttr(DenseI64ArrayAttr::get(ctx, q->zeroPoint));
  }
  return success();
}

/// Folds a shard of --observer-state-in into the observers. The file must
/// hold exactly the function's observers.
Status mergeShard(const std::vector<Observed> &observed,
                  const std::string &function, const std::string &path) {
  Expected<std::vector<IdState>> states = readStates(path);
  if (!states.ok())
    return states.status();
  std::map<int64_t, const obs::ObserverState *> byId;
  for (const IdState &s : *states)
    byId[s.id] = &s.state;
  for (auto [op, id, observer] : observed) {
    auto it = byId.find(id);
    if (it == byId.end())
      return Status::error(path + ": no state for observer id " +
                           std::to_string(id) + " of " + function +
                           " (a state file of another graph?)");
    if (Status s = observer->merge(*it->second); !s.ok())
      return Status::error(path + ": observer id " + std::to_string(id) + ": " +
                           s.message());
    byId.erase(it);
  }
  if (!byId.empty())
    return Status::error(path + ": observer id " +
                         std::to_string(byId.begin()->first) + " is not in " +
                         function);
  return Status::success();
}

} // namespace

Expected<Batches> readBatches(const Model &model, const std::string &path) {
  const std::string &fn = model.name;
  std::vector<npy::Array> arrays;
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".npy") == 0) {
    if (model.args.size() != 1)
      return Status::error(fn + " takes " + std::to_string(model.args.size()) +
                           " arguments: give the calibration data as an .npz "
                           "with one member per argument");
    Expected<npy::Array> a = npy::readNpy(path);
    if (!a.ok())
      return a.status();
    arrays.push_back(std::move(*a));
  } else {
    Expected<std::vector<npy::NamedArray>> members = npy::readNpz(path);
    if (!members.ok())
      return members.status();
    Expected<std::vector<npy::Array>> byArg =
        arraysByArgument(std::move(*members), model, path);
    if (!byArg.ok())
      return byArg.status();
    arrays = std::move(*byArg);
  }
  int64_t batches = -1;
  for (size_t i = 0; i < arrays.size(); ++i) {
    const Tensor &t = arrays[i].tensor;
    std::string arg = path + " argument " + std::to_string(i);
    if (t.rank() == 0)
      return Status::error(arg + " is a scalar; calibration arrays have a "
                                 "leading batch dimension");
    // One batch: the array without its leading dimension.
    std::vector<int64_t> batch(t.shape().begin() + 1, t.shape().end());
    if (Status s = checkType(t.dtype(), arrays[i].isBool, batch, model.args[i],
                             arg + " of " + fn +
                                 " without its leading batch dimension");
        !s.ok())
      return s;
    if (batches >= 0 && t.dim(0) != batches)
      return Status::error(path + ": argument " + std::to_string(i) + " has " +
                           std::to_string(t.dim(0)) + " batches, argument 0 " +
                           std::to_string(batches));
    batches = t.dim(0);
  }
  if (batches <= 0)
    return Status::error(path + ": no calibration batches");
  return Batches{std::move(arrays), batches};
}

std::vector<Tensor> Batches::inputs(const Model &model, int64_t b) {
  std::vector<Tensor> inputs(arrays.size());
  for (size_t i = 0; i < arrays.size(); ++i) {
    Tensor &all = arrays[i].tensor;
    size_t bytes = all.byteSize() / count;
    inputs[i] = Tensor::borrow(all.dtype(), model.args[i].shape,
                               all.data<char>() + b * bytes);
    inputs[i].setQuant(model.args[i].quant);
  }
  return inputs;
}

FailureOr<ModelObservers> collectObservers(Model &model) {
  ModelObservers result;
  std::set<int64_t> seen;
  for (size_t i = 0; i < model.nodeOps.size(); ++i) {
    obs::Observer *o = model.executor->kernel(i).observer();
    LogicalResult resumed = success();
    if (o &&
        mlir::quill::visitObserverOp(
            model.nodeOps[i],
            [&](auto op) {
              int64_t id = static_cast<int64_t>(op.getId());
              result.all.push_back({op, id, o});
              if (seen.insert(id).second) {
                result.unique.push_back(result.all.back());
                resumed = resumeFrom(op, *o);
              }
            }) &&
        failed(resumed))
      return failure();
  }
  return result;
}

LogicalResult writeObservers(Model &model, const ModelObservers &observers) {
  for (const Observed &entry : observers.all) {
    LogicalResult written = success();
    mlir::quill::visitObserverOp(
        entry.op, [&](auto o) { written = writeBack(o, *entry.observer); });
    if (failed(written))
      return failure();
  }
  // The attributes must fit the op (e.g. one entry per channel).
  return verify(model.module);
}

int calibrateModel(Model &model, const CalibrateOptions &options) {
  if (options.output.empty() && options.stateOut.empty())
    return fail("calibration needs -o FILE for the calibrated IR (or "
                "--observer-state-out FILE)");
  FailureOr<ModelObservers> observers = collectObservers(model);
  if (failed(observers))
    return 1;

  if (!options.data.empty()) {
    auto data = readBatches(model, options.data);
    if (!data.ok())
      return fail(data.status().message());
    int64_t batches = data->count;
    Progress progress("calibrating", static_cast<size_t>(batches));
    for (int64_t b = 0; b < batches; ++b) {
      if (Status s = model.executor->run(data->inputs(model, b)); !s.ok())
        return fail("calibration batch " + std::to_string(b) + " of " +
                    std::to_string(batches) + ": " + s.message());
      progress.update(static_cast<size_t>(b + 1));
    }
  }
  for (const std::string &path : options.stateIn)
    if (Status s = mergeShard(observers->unique, model.name, path); !s.ok())
      return fail(s.message());

  npy::AtomicFiles files;
  if (!options.stateOut.empty()) {
    std::vector<IdState> states;
    for (auto [op, id, observer] : observers->unique)
      states.push_back({id, observer->state()});
    if (Status s = files.stage(options.stateOut, serializeStates(states));
        !s.ok())
      return fail(s.message());
  }
  if (!options.output.empty()) {
    if (failed(writeObservers(model, *observers)))
      return 1;
    std::string text;
    llvm::raw_string_ostream os(text);
    model.module->print(os);
    if (options.output == "-")
      llvm::outs() << text;
    else if (Status s = files.stage(options.output, text); !s.ok())
      return fail(s.message());
  }
  if (Status s = files.commit(); !s.ok())
    return fail(s.message());
  return 0;
}

} // namespace quill::run
