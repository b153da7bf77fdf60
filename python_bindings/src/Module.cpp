//===- Module.cpp - parse, transform, calibrate and run a quill module ----===//
//
// Each Module owns an MLIRContext, the source buffer (so diagnostics show
// the offending line, also after passes) and the module. Weights arrive as
// numpy arrays: the text says `dense_resource<key>` and has no
// dialect_resources section; after parsing, each resource handle the
// module uses receives a copy of resources[key] as its blob. (Inserting
// blobs into the builtin dialect's manager before parsing does not work:
// the parser declares every key it meets anew, and the manager renames a
// key that already exists, to key_1.) A fresh context per module keeps the
// keys exactly as written.
//
//===----------------------------------------------------------------------===//

#include "Module.h"

#include "QuantRun.h"

#include "quill/Dialect/Quill/QuillDialect.h"
#include "quill/Dialect/Quill/QuillOps.h"
#include "quill/Passes/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstring>
#include <set>

using namespace mlir;

namespace quill::python {

namespace {

/// The output of a SourceMgrDiagnosticHandler, constructed before it.
struct DiagnosticText {
  std::string text;
  llvm::raw_string_ostream stream{text};
};

/// Collects the context's diagnostics while alive, formatted with their
/// location and source line: errors (with their notes) for the exception,
/// the others (warnings, remarks) for the caller.
class Diagnostics : private DiagnosticText, public SourceMgrDiagnosticHandler {
public:
  Diagnostics(llvm::SourceMgr &sources, MLIRContext *ctx)
      : SourceMgrDiagnosticHandler(sources, ctx, stream) {
    setHandler([this](Diagnostic &d) {
      emitDiagnostic(d);
      if (d.getSeverity() == DiagnosticSeverity::Error)
        errors += text;
      else
        others.push_back(StringRef(text).rtrim("\n").str());
      text.clear();
      return success();
    });
  }

  /// Throws `what`, followed by the errors collected so far.
  [[noreturn]] void fail(const std::string &what) const {
    std::string message = what;
    if (!errors.empty())
      message += ":\n" + errors;
    while (!message.empty() && message.back() == '\n')
      message.pop_back();
    throw Error(message);
  }

  std::string errors;
  std::vector<std::string> others;
};

/// The numpy dtype of a tensor element type, if the runtime has it.
std::optional<std::pair<DType, bool>> numpyType(Type elem) {
  if (elem.isF32())
    return std::make_pair(DType::f32, false);
  if (elem.isF16())
    return std::make_pair(DType::f16, false);
  auto i = dyn_cast<IntegerType>(elem);
  if (!i)
    return std::nullopt;
  switch (i.getWidth()) {
  case 1:
    return std::make_pair(DType::u8, true);
  case 8:
    return std::make_pair(i.isUnsigned() ? DType::u8 : DType::i8, false);
  case 32:
    return i.isUnsigned() ? std::nullopt
                          : std::optional(std::make_pair(DType::i32, false));
  case 64:
    return i.isUnsigned() ? std::nullopt
                          : std::optional(std::make_pair(DType::i64, false));
  }
  return std::nullopt;
}

/// Bytes per element of a resource blob of this element type (i1: one
/// byte; quantized types: their storage).
std::optional<size_t> elementBytes(Type elem) {
  if (auto q = dyn_cast<quant::QuantizedType>(elem))
    return (q.getStorageTypeIntegralWidth() + 7) / 8;
  if (elem.isIntOrFloat())
    return (elem.getIntOrFloatBitWidth() + 7) / 8;
  return std::nullopt;
}

std::string typeText(Type type) {
  std::string s;
  llvm::raw_string_ostream(s) << type;
  return s;
}

/// Calls `fn` on every dense_resource attribute of `module` with the op
/// holding it.
template <typename Fn> void forEachResource(ModuleOp module, Fn fn) {
  module->walk([&](Operation *op) {
    for (NamedAttribute attr : op->getAttrs())
      attr.getValue().walk([&](DenseResourceElementsAttr r) { fn(op, r); });
  });
}

/// Gives every dense_resource of `module` without data the bytes of
/// resources[key]; located errors for missing keys and mismatched arrays.
LogicalResult
attachResources(ModuleOp module,
                const std::map<std::string, npy::Array> &resources) {
  LogicalResult result = success();
  std::set<std::string> attached;
  forEachResource(module, [&](Operation *op, DenseResourceElementsAttr attr) {
    DenseResourceElementsHandle handle = attr.getRawHandle();
    std::string key = handle.getKey().str();
    auto it = resources.find(key);
    if (handle.getBlob() && !attached.count(key)) {
      if (it != resources.end()) {
        op->emitError("dense_resource<")
            << key << "> has data in the text's dialect_resources and in "
            << "resources['" << key << "']: give it once";
        result = failure();
      }
      return;
    }
    if (it == resources.end()) {
      op->emitError("dense_resource<")
          << key << "> has no data: resources has no key '" << key
          << "' (and the text no dialect_resources entry)";
      result = failure();
      return;
    }
    const npy::Array &array = it->second;
    ShapedType type = attr.getType();
    std::optional<size_t> elemBytes = elementBytes(type.getElementType());
    if (!elemBytes) {
      op->emitError("dense_resource<")
          << key << "> of " << type << " cannot take a numpy array";
      result = failure();
      return;
    }
    std::optional<std::pair<DType, bool>> expected =
        numpyType(type.getElementType());
    size_t bytes = type.getNumElements() * *elemBytes;
    bool typeOk = !expected || (expected->first == array.tensor.dtype() &&
                                expected->second == array.isBool);
    if (!typeOk || array.tensor.byteSize() != bytes) {
      InFlightDiagnostic diag =
          op->emitError("resources['")
          << key << "'] is " << numpyName(array.tensor.dtype(), array.isBool)
          << " with " << array.tensor.numel() << " elements; dense_resource<"
          << key << "> is " << typeText(type);
      if (expected)
        diag << " (" << numpyName(expected->first, expected->second) << ", "
             << type.getNumElements() << " elements)";
      result = failure();
      return;
    }
    if (attached.count(key))
      return; // a second use of the same key, same size
    // Aligned to the element, as a textual blob of this type would be.
    handle.getResource()->setBlob(HeapAsmResourceBlob::allocateAndCopyWithAlign(
        ArrayRef<char>(array.tensor.data<char>(), bytes), *elemBytes,
        /*dataIsMutable=*/false));
    attached.insert(key);
  });
  return result;
}

/// Registered once per process: the pipelines' pass names.
void registerPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::quill::registerQuillPasses();
    mlir::registerTransformsPasses();
  });
}

std::vector<ArraySpec> arraySpecs(const std::vector<run::TensorSpec> &specs) {
  std::vector<ArraySpec> out;
  for (const run::TensorSpec &s : specs)
    out.push_back({s.dtype, s.isBool, s.shape, s.type});
  return out;
}

void checkInputs(const std::vector<npy::Array> &inputs,
                 const std::vector<run::TensorSpec> &args,
                 const std::string &function, const std::string &context) {
  if (inputs.size() != args.size())
    throw Error(context + function + " takes " + std::to_string(args.size()) +
                " input(s), got " + std::to_string(inputs.size()));
  for (size_t i = 0; i < inputs.size(); ++i)
    if (Status s = run::checkArray(inputs[i], args[i],
                                   context + "argument " + std::to_string(i) +
                                       " of " + function);
        !s.ok())
      throw Error(s.message());
}

/// Borrowed input tensors with the arguments' quantization.
std::vector<Tensor> inputTensors(const std::vector<npy::Array> &inputs,
                                 const std::vector<run::TensorSpec> &args) {
  std::vector<Tensor> tensors;
  for (size_t i = 0; i < inputs.size(); ++i) {
    tensors.push_back(inputs[i].tensor);
    tensors.back().setQuant(args[i].quant);
  }
  return tensors;
}

} // namespace

const char *numpyName(DType dtype, bool isBool) {
  static const char *names[] = {"float32", "float16", "int8",
                                "uint8",   "int32",   "int64"};
  return isBool ? "bool" : names[static_cast<int>(dtype)];
}

struct Module::Impl {
  std::unique_ptr<MLIRContext> context;
  llvm::SourceMgr sources;
  OwningOpRef<ModuleOp> module;
  /// Set while a Calibration holds pointers into the module.
  bool calibrating = false;

  /// Throws if the module must not change now.
  void checkIdle(const char *what) const {
    if (calibrating)
      throw Error(std::string("cannot ") + what +
                  " while the module is being calibrated");
  }

  /// buildModel, with its errors thrown.
  run::Model build(const std::string &function, const std::string &backend) {
    Diagnostics diagnostics(sources, context.get());
    std::string error;
    FailureOr<run::Model> model =
        run::buildModel(*module, function, backend, error);
    if (failed(model))
      diagnostics.fail(error.empty() ? "cannot translate the module" : error);
    return std::move(*model);
  }
};

Module::Module(const std::string &text,
               const std::map<std::string, npy::Array> &resources,
               const std::string &bufferName)
    : impl_(std::make_unique<Impl>()) {
  registerPasses();
  impl_->context = run::makeContext();
  // One function per module: no thread pool per context.
  impl_->context->disableMultithreading();
  impl_->sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, bufferName), llvm::SMLoc());
  Diagnostics diagnostics(impl_->sources, impl_->context.get());
  impl_->module =
      parseSourceFile<ModuleOp>(impl_->sources, impl_->context.get());
  if (!impl_->module)
    diagnostics.fail("cannot parse the module");
  if (failed(attachResources(*impl_->module, resources)))
    diagnostics.fail("the module's resources do not fit");
  PassManager pm(impl_->context.get());
  pm.addNestedPass<func::FuncOp>(mlir::quill::createQuillVerifyGraph());
  if (failed(pm.run(*impl_->module)))
    diagnostics.fail("the module is not a valid quill graph");
}

Module::~Module() = default;

std::vector<std::string> Module::runPasses(const std::string &pipeline) {
  impl_->checkIdle("run passes");
  Diagnostics diagnostics(impl_->sources, impl_->context.get());
  PassManager pm(impl_->context.get());
  // The top level is the module: "builtin.module(...)" is optional.
  StringRef inner = StringRef(pipeline).trim();
  if (inner.starts_with("builtin.module(") && inner.ends_with(")"))
    inner = inner.drop_front(strlen("builtin.module(")).drop_back();
  std::string parseErrors;
  llvm::raw_string_ostream errs(parseErrors);
  if (failed(parsePassPipeline(inner, pm, errs)))
    throw Error("bad pass pipeline '" + pipeline +
                "': " + StringRef(parseErrors).rtrim().str());
  if (failed(pm.run(*impl_->module)))
    diagnostics.fail("pass pipeline '" + pipeline + "' failed");
  return diagnostics.others;
}

void Module::setQParams(const std::map<int64_t, ObserverInfo> &qparams) {
  impl_->checkIdle("set qparams");
  Diagnostics diagnostics(impl_->sources, impl_->context.get());
  MLIRContext *ctx = impl_->context.get();
  std::set<int64_t> found;
  auto apply = [&](auto op) {
    auto it = qparams.find(static_cast<int64_t>(op.getId()));
    if (it == qparams.end())
      return;
    found.insert(it->first);
    const ObserverInfo &q = it->second;
    op.setScaleAttr(DenseF64ArrayAttr::get(ctx, q.scale));
    if (!q.floatZeroPoint.empty())
      op.setFloatZeroPointAttr(DenseF64ArrayAttr::get(ctx, q.floatZeroPoint));
    else
      op.setZeroPointAttr(DenseI64ArrayAttr::get(ctx, q.zeroPoint));
  };
  impl_->module->walk(
      [&](Operation *op) { mlir::quill::visitObserverOp(op, apply); });
  for (const auto &[id, q] : qparams)
    if (!found.count(id))
      throw Error("set_qparams: no observer id " + std::to_string(id));
  if (failed(verify(*impl_->module)))
    diagnostics.fail("set_qparams: the qparams do not fit their observers");
}

std::string Module::text(bool elideResources) const {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  if (elideResources)
    flags.elideLargeResourceString(0);
  impl_->module->print(os, flags);
  // Eliding every resource still leaves an empty "{-# #-}" section.
  size_t open = text.rfind("\n{-#");
  if (elideResources && open != std::string::npos &&
      StringRef(text).drop_front(open + 4).trim() == "#-}")
    text.resize(open);
  return text;
}

std::vector<std::pair<std::string, npy::Array>> Module::resources() const {
  std::vector<std::pair<std::string, npy::Array>> out;
  std::set<std::string> seen;
  forEachResource(*impl_->module, [&](Operation *,
                                      DenseResourceElementsAttr attr) {
    DenseResourceElementsHandle handle = attr.getRawHandle();
    const AsmResourceBlob *blob = handle.getBlob();
    if (!blob || !seen.insert(handle.getKey().str()).second)
      return;
    ShapedType type = attr.getType();
    std::optional<std::pair<DType, bool>> dtype =
        numpyType(type.getElementType());
    // Untyped for numpy (e.g. quantized storage): the raw bytes.
    std::vector<int64_t> shape =
        dtype ? std::vector<int64_t>(type.getShape().begin(),
                                     type.getShape().end())
              : std::vector<int64_t>{
                    static_cast<int64_t>(blob->getData().size())};
    npy::Array array{Tensor::allocate(dtype ? dtype->first : DType::u8, shape),
                     dtype && dtype->second};
    ArrayRef<char> data = blob->getData();
    if (data.size() != array.tensor.byteSize())
      throw Error("dense_resource<" + handle.getKey().str() + "> has " +
                  std::to_string(data.size()) + " bytes, its type " +
                  typeText(type) + " needs " +
                  std::to_string(array.tensor.byteSize()));
    std::memcpy(array.tensor.raw(), data.data(), data.size());
    out.emplace_back(handle.getKey().str(), std::move(array));
  });
  return out;
}

std::vector<ObserverInfo> Module::observers() const {
  std::vector<ObserverInfo> out;
  auto stringAttr = [](Operation *op,
                       StringRef name) -> std::optional<std::string> {
    if (auto s = op->getAttrOfType<StringAttr>(name))
      return s.str();
    return std::nullopt;
  };
  auto describe = [&](auto op) {
    ObserverInfo info;
    info.function =
        op->template getParentOfType<func::FuncOp>().getSymName().str();
    info.id = static_cast<int64_t>(op.getId());
    info.op = op->getName().getStringRef().str();
    mlir::quill::ObserverSpecAttr spec = op.getObserver();
    info.kind = mlir::quill::stringifyObserverKind(spec.getKind()).str();
    info.dtype = mlir::quill::stringifyQDType(spec.getDtype()).str();
    info.qscheme = mlir::quill::stringifyQScheme(spec.getQscheme()).str();
    if (spec.isPerChannel())
      info.chAxis = spec.getChAxis();
    info.module = stringAttr(op, mlir::quill::QuillDialect::kModuleAttrName);
    info.moduleType =
        stringAttr(op, mlir::quill::QuillDialect::kModuleTypeAttrName);
    Value input = op.getInput();
    if (auto result = dyn_cast<OpResult>(input)) {
      info.inputOp = result.getOwner()->getName().getStringRef().str();
      info.inputIndex = result.getResultNumber();
      info.inputModule = stringAttr(result.getOwner(),
                                    mlir::quill::QuillDialect::kModuleAttrName);
    } else {
      info.inputIndex = cast<BlockArgument>(input).getArgNumber();
    }
    if (auto a = op.getScaleAttr())
      info.scale.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    if (auto a = op.getZeroPointAttr())
      info.zeroPoint.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    if (auto a = op.getFloatZeroPointAttr())
      info.floatZeroPoint.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    if (auto a = op.getMinValAttr())
      info.minVal.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    if (auto a = op.getMaxValAttr())
      info.maxVal.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    out.push_back(std::move(info));
  };
  impl_->module->walk(
      [&](Operation *op) { mlir::quill::visitObserverOp(op, describe); });
  return out;
}

std::unique_ptr<Runner> Module::executor(const std::string &function,
                                         const std::string &backend) {
  impl_->checkIdle("create an executor");
  run::Model model = impl_->build(function, backend);
  return std::make_unique<Runner>(std::move(model.executor),
                                  std::move(model.args),
                                  std::move(model.results), model.name);
}

std::unique_ptr<Calibration> Module::beginCalibration() {
  impl_->checkIdle("calibrate");
  return std::make_unique<Calibration>(*impl_);
}

//===----------------------------------------------------------------------===//
// Runner
//===----------------------------------------------------------------------===//

Runner::Runner(std::unique_ptr<Executor> executor,
               std::vector<run::TensorSpec> args,
               std::vector<run::TensorSpec> results, std::string name)
    : executor_(std::move(executor)), args_(std::move(args)),
      results_(std::move(results)), argSpecs_(arraySpecs(args_)),
      resultSpecs_(arraySpecs(results_)), name_(std::move(name)) {}

Runner::~Runner() = default;

void Runner::check(const std::vector<npy::Array> &inputs) const {
  checkInputs(inputs, args_, name_, "");
}

void Runner::run(const std::vector<npy::Array> &inputs,
                 const std::vector<void *> &outputs) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = executor_->run(inputTensors(inputs, args_)); !s.ok())
    throw Error(s.message());
  const std::vector<Tensor> &results = executor_->outputs();
  for (size_t i = 0; i < results.size(); ++i)
    std::memcpy(outputs[i], results[i].raw(), results[i].byteSize());
}

//===----------------------------------------------------------------------===//
// Calibration
//===----------------------------------------------------------------------===//

struct Calibration::State {
  Module::Impl &module;
  run::Model model;
  run::ModelObservers observers;
  std::vector<ArraySpec> args;
};

Calibration::Calibration(Module::Impl &module) {
  run::Model model = module.build("", "reference");
  Diagnostics diagnostics(module.sources, module.context.get());
  FailureOr<run::ModelObservers> observers = run::collectObservers(model);
  if (failed(observers))
    diagnostics.fail("cannot resume calibration");
  std::vector<ArraySpec> args = arraySpecs(model.args);
  state_ = std::make_unique<State>(
      State{module, std::move(model), std::move(*observers), std::move(args)});
  module.calibrating = true;
}

Calibration::~Calibration() { state_->module.calibrating = false; }

const std::string &Calibration::name() const { return state_->model.name; }

const std::vector<ArraySpec> &Calibration::args() const { return state_->args; }

void Calibration::feed(const std::vector<npy::Array> &inputs, int64_t batch) {
  run::Model &model = state_->model;
  std::string context = "calibration batch " + std::to_string(batch) + ": ";
  checkInputs(inputs, model.args, model.name, context);
  if (Status s = model.executor->run(inputTensors(inputs, model.args)); !s.ok())
    throw Error(context + s.message());
}

std::vector<std::string> Calibration::finish() {
  Module::Impl &module = state_->module;
  Diagnostics diagnostics(module.sources, module.context.get());
  // All or nothing: a failure halfway restores the ops' attributes.
  std::vector<std::pair<Operation *, DictionaryAttr>> saved;
  for (const run::Observed &o : state_->observers.all)
    saved.emplace_back(o.op, o.op->getAttrDictionary());
  if (failed(run::writeObservers(state_->model, state_->observers))) {
    for (auto [op, attrs] : saved)
      op->setAttrs(attrs);
    diagnostics.fail("cannot write the calibration results");
  }
  return diagnostics.others;
}

} // namespace quill::python
