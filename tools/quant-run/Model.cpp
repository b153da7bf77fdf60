//===- Model.cpp - parse, verify, translate, and what a function expects --===//

#include "QuantRun.h"

#include "quill/Dialect/Quill/QuillDialect.h"
#include "quill/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace quill::run {

namespace {

/// numpy's name for a runtime dtype.
std::string numpyName(DType dtype, bool isBool) {
  if (isBool)
    return "bool";
  switch (dtype) {
  case DType::f32:
    return "float32";
  case DType::f16:
    return "float16";
  case DType::i8:
    return "int8";
  case DType::u8:
    return "uint8";
  case DType::i32:
    return "int32";
  case DType::i64:
    return "int64";
  }
  return "?";
}

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

TensorSpec specOf(const ValueInfo &info, Type type) {
  TensorSpec spec;
  spec.dtype = info.dtype;
  spec.shape = info.shape;
  spec.quant = info.quant;
  spec.isBool = cast<ShapedType>(type).getElementType().isInteger(1);
  llvm::raw_string_ostream(spec.type) << type;
  return spec;
}

/// The named function ("f" or "@f"), or the first public one with a body.
FailureOr<func::FuncOp> pickFunction(ModuleOp module, StringRef name,
                                     std::string &error) {
  name.consume_front("@");
  std::string available;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    if (name.empty() ? f.isPublic() : f.getSymName() == name)
      return f;
    available += (available.empty() ? " @" : ", @") + f.getSymName().str();
  }
  std::string message = name.empty()
                            ? "no public function with a body to run"
                            : "no function @" + name.str() + " with a body";
  if (!available.empty())
    message += "; the module has" + available;
  error = message;
  return failure();
}

} // namespace

Status checkType(DType dtype, bool isBool, const std::vector<int64_t> &shape,
                 const TensorSpec &spec, const std::string &what) {
  if (dtype == spec.dtype && isBool == spec.isBool && shape == spec.shape)
    return Status::success();
  return Status::error(what + " is " + numpyName(dtype, isBool) + " " +
                       shapeText(shape) + ", expected " +
                       numpyName(spec.dtype, spec.isBool) + " " +
                       shapeText(spec.shape) + " (" + spec.type + ")");
}

Status checkArray(const npy::Array &array, const TensorSpec &spec,
                  const std::string &what) {
  return checkType(array.tensor.dtype(), array.isBool, array.tensor.shape(),
                   spec, what);
}

std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  registry
      .insert<mlir::quill::QuillDialect, quant::QuantDialect, func::FuncDialect,
              arith::ArithDialect, tensor::TensorDialect>();
  auto ctx = std::make_unique<MLIRContext>(registry);
  ctx->loadAllAvailableDialects();
  ctx->printOpOnDiagnostic(false);
  return ctx;
}

FailureOr<Model> loadModel(MLIRContext &ctx, llvm::SourceMgr &sources,
                           const std::string &function,
                           const std::string &backend) {
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sources, &ctx);
  if (!module)
    return failure();
  std::string error;
  FailureOr<Model> m = buildModel(*module, function, backend, error);
  if (failed(m)) {
    if (!error.empty())
      fail(error);
    return failure();
  }
  m->owned = std::move(module);
  return m;
}

FailureOr<Model> buildModel(ModuleOp module, const std::string &function,
                            const std::string &backend, std::string &error) {
  if (backend != "reference") {
    error = "unknown backend '" + backend + "' (available: reference)";
    return failure();
  }
  const KernelRegistry &registry = KernelRegistry::reference();
  Model m;
  m.module = module;
  // The graph-level rules (unique observer ids, quantized types of
  // non-quill ops) that op verifiers cannot see.
  PassManager pm(module.getContext());
  pm.addNestedPass<func::FuncOp>(mlir::quill::createQuillVerifyGraph());
  if (failed(pm.run(module)))
    return failure();
  FailureOr<func::FuncOp> func = pickFunction(module, function, error);
  if (failed(func))
    return failure();
  m.func = *func;
  m.name = "@" + m.func.getSymName().str();
  FailureOr<mlir::quill::TranslatedGraph> translated =
      mlir::quill::toRuntimeGraph(m.func, registry, backend);
  if (failed(translated))
    return failure();
  const Graph &g = translated->graph;
  for (auto [id, type] : llvm::zip(g.inputs, m.func.getArgumentTypes()))
    m.args.push_back(specOf(g.values[id], type));
  for (auto [id, type] : llvm::zip(g.outputs, m.func.getResultTypes()))
    m.results.push_back(specOf(g.values[id], type));
  m.nodeOps = std::move(translated->nodeOps);
  Expected<std::unique_ptr<Executor>> executor =
      Executor::create(std::move(translated->graph), registry, backend);
  if (!executor.ok()) {
    error = executor.status().message();
    return failure();
  }
  m.executor = std::move(*executor);
  return m;
}

Expected<std::vector<npy::Array>>
arraysByArgument(std::vector<npy::NamedArray> members, const Model &model,
                 const std::string &path) {
  size_t n = model.args.size();
  const std::string &fn = model.name;
  std::vector<npy::Array> out(n);
  std::vector<bool> found(n, false);
  for (npy::NamedArray &m : members) {
    size_t i = 0;
    bool positional =
        m.name.rfind("arr_", 0) == 0 && m.name.size() > 4 &&
        m.name.find_first_not_of("0123456789", 4) == std::string::npos &&
        (m.name.size() == 5 || m.name[4] != '0');
    if (positional)
      i = std::stoull(m.name.substr(4, 18));
    if (!positional || i >= n)
      return Status::error(path + ": member '" + m.name +
                           "' is not an argument of " + fn + " (it takes " +
                           std::to_string(n) + "; name them arr_0 .. arr_" +
                           std::to_string(n ? n - 1 : 0) +
                           ", as np.savez(path, x0, x1, ...) does)");
    out[i] = std::move(m.array);
    found[i] = true;
  }
  for (size_t i = 0; i < n; ++i)
    if (!found[i])
      return Status::error(path + ": no member 'arr_" + std::to_string(i) +
                           "' for argument " + std::to_string(i) + " of " + fn);
  return out;
}

namespace {
std::string toolName = "quant-run";
} // namespace

void setToolName(std::string name) { toolName = std::move(name); }

int fail(const std::string &message) {
  llvm::errs() << toolName << ": error: " << message << "\n";
  return 1;
}

} // namespace quill::run
