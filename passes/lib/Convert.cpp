//===- Convert.cpp - quill-convert: observed graph -> quantized graph -----===//
//
// PyTorch's convert_fx in two stages (docs/convert.md):
//  1. reference model: each observer or fake-quant op becomes what it says
//     about its value — quant.qcast -> quant.dcast for a static int8 value
//     (weights quantized now into constants), quill.fake_quant_dynamic for a
//     dynamic or float16 placeholder, nothing for the others;
//  2. unless reference-only, each BackendConfig pattern whose ops read
//     dcast'ed (or dynamically quantized) inputs and whose result feeds a
//     qcast is folded into its root op on quantized types, the last op's
//     activation becoming `fused_activation`. Everything else stays float
//     between a dcast and a qcast.
//
//===----------------------------------------------------------------------===//

#include "ConstantTensors.h"
#include "ObserverQParams.h"
#include "PatternMatcher.h"

#include "quill/BackendConfig/BackendConfig.h"
#include "quill/Dialect/Quill/QuillOps.h"
#include "quill/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::quill {
#define GEN_PASS_DEF_QUILLCONVERT
#include "quill/Passes/Passes.h.inc"

namespace {

//===----------------------------------------------------------------------===//
// Stage 1: observers -> reference quantized model
//===----------------------------------------------------------------------===//

ObserverSpecAttr specOf(Operation *op) {
  ObserverSpecAttr spec;
  visitObserverOp(op, [&](auto o) { spec = o.getObserver(); });
  return spec;
}

RankedTensorType withElementType(Value v, Type element) {
  return cast<RankedTensorType>(v.getType()).clone(element);
}

/// A constant quantized now: arith.constant of the storage integers,
/// quant.scast to the quantized type, quant.dcast back to float.
FailureOr<Value> quantizeConstant(OpBuilder &b, Operation *observer,
                                  Value input, const QParamsOf &qp,
                                  Type qtype) {
  std::optional<std::vector<float>> data = readF32Constant(input);
  if (!data)
    return observer->emitError("cannot read the constant it observes");
  auto type = cast<RankedTensorType>(input.getType());
  std::vector<int64_t> q = quantizeData(*data, type.getShape(), qp);
  Location loc = observer->getLoc();
  Value storage;
  if (qp.dtype == QDType::qint32) {
    std::vector<int32_t> v(q.begin(), q.end());
    storage = createConstant<int32_t>(b, loc, type.clone(b.getIntegerType(32)),
                                      v, input, "_q");
  } else {
    // u8 values are stored in the quantized type's signless i8 storage.
    std::vector<int8_t> v(q.size());
    for (size_t i = 0; i < q.size(); ++i)
      v[i] = static_cast<int8_t>(static_cast<uint8_t>(q[i] & 0xff));
    storage = createConstant<int8_t>(b, loc, type.clone(b.getIntegerType(8)), v,
                                     input, "_q");
  }
  Value quantized =
      quant::StorageCastOp::create(b, loc, type.clone(qtype), storage);
  return quant::DequantizeCastOp::create(b, loc, type, quantized).getResult();
}

/// Weight-only embeddings: float zero points have no !quant.uniform type.
FailureOr<Value> quantizeFloatQParams(OpBuilder &b, Operation *observer,
                                      Value input, const QParamsOf &qp) {
  std::optional<std::vector<float>> data = readF32Constant(input);
  if (!data)
    return observer->emitError("float-qparams observers quantize constant "
                               "weights only");
  auto type = cast<RankedTensorType>(input.getType());
  std::vector<int64_t> q = quantizeData(*data, type.getShape(), qp);
  std::vector<uint8_t> bytes(q.begin(), q.end());
  std::vector<float> scales(qp.scales.begin(), qp.scales.end());
  Location loc = observer->getLoc();
  auto rows = RankedTensorType::get({int64_t(scales.size())}, b.getF32Type());
  Value storage = createConstant<uint8_t>(
      b, loc, type.clone(b.getIntegerType(8, /*isSigned=*/false)), bytes, input,
      "_q");
  Value scale = createConstant<float>(b, loc, rows, scales, input, "_scales");
  Value zp = createConstant<float>(b, loc, rows, qp.floatZeroPoints, input,
                                   "_zero_points");
  int64_t bits = qp.dtype == QDType::quint4x2 ? 4 : 8;
  return DequantizeFloatQParamsOp::create(b, loc, type, storage, scale, zp,
                                          qp.axis, bits)
      .getResult();
}

/// What replaces one observer op; null when the value stays as it is.
FailureOr<Value> lowerObserver(OpBuilder &b, Operation *op) {
  ObserverSpecAttr spec = specOf(op);
  Value input = op->getOperand(0);
  Location loc = op->getLoc();
  QDType dtype = spec.getDtype();
  bool isInt = dtype == QDType::quint8 || dtype == QDType::qint8 ||
               dtype == QDType::qint32 || dtype == QDType::quint4x2;
  // Placeholders: dynamic int8, float16 (static or dynamic), or float.
  if (spec.getKind() == ObserverKind::placeholder) {
    if (dtype == QDType::float32 || (isInt && !spec.getIsDynamic()))
      return Value();
    // PyTorch's convert picks reduce_range from the engine (fbgemm/x86
    // only); onednn and qnnpack, Quill's rules, use the full range.
    return FakeQuantDynamicOp::create(b, loc, input, dtype,
                                      /*reduce_range=*/false)
        .getResult();
  }
  if (!spec.hasQParams() || !isInt)
    return Value(); // noop, recording, reuse_input: nothing to quantize
  FailureOr<QParamsOf> qp = readQParams(op);
  if (failed(qp))
    return failure();
  if (!qp->floatZeroPoints.empty())
    return quantizeFloatQParams(b, op, input, *qp);
  FailureOr<Type> qtype = quantizedElementType(op, *qp);
  if (failed(qtype))
    return failure();
  if (matchPattern(input, m_Constant()))
    return quantizeConstant(b, op, input, *qp, *qtype);
  Value q = quant::QuantizeCastOp::create(
      b, loc, withElementType(input, *qtype), input);
  return quant::DequantizeCastOp::create(b, loc, input.getType(), q)
      .getResult();
}

/// A reuse_input observer after a share-qparams op: the value is quantized
/// like the op's input, if that is quantized (PyTorch's shared observer).
Value lowerReuseInput(OpBuilder &b, Operation *op) {
  Operation *shareOp = op->getOperand(0).getDefiningOp();
  if (!shareOp || shareOp->getNumOperands() == 0)
    return {};
  auto dq = shareOp->getOperand(0).getDefiningOp<quant::DequantizeCastOp>();
  if (!dq)
    return {};
  Value input = op->getOperand(0);
  Type qelem = getElementTypeOrSelf(dq.getInput().getType());
  Value q = quant::QuantizeCastOp::create(b, op->getLoc(),
                                          withElementType(input, qelem), input);
  return quant::DequantizeCastOp::create(b, op->getLoc(), input.getType(), q)
      .getResult();
}

LogicalResult buildReferenceModel(func::FuncOp func) {
  SmallVector<Operation *> observers;
  func.walk([&](Operation *op) {
    if (specOf(op))
      observers.push_back(op);
  });
  // Program order: a reuse_input observer sees its upstream value lowered.
  for (Operation *op : observers) {
    OpBuilder b(op);
    FailureOr<Value> replacement =
        specOf(op).getKind() == ObserverKind::reuse_input
            ? FailureOr<Value>(lowerReuseInput(b, op))
            : lowerObserver(b, op);
    if (failed(replacement))
      return failure();
    op->getResult(0).replaceAllUsesWith(*replacement ? *replacement
                                                     : op->getOperand(0));
    op->erase();
  }
  return success();
}

/// The arguments and results prepare recorded as quantized
/// (quill.input_quantized_idxs / quill.output_quantized_idxs, PyTorch's
/// input/output_quantized_idxs) get their observers' quantized types: the
/// caller passes and receives int8 tensors.
LogicalResult quantizeInterface(func::FuncOp func) {
  Block &body = func.getBody().front();
  auto inputs = func->getAttrOfType<DenseI64ArrayAttr>(
      QuillDialect::kInputQuantizedIdxsAttrName);
  auto outputs = func->getAttrOfType<DenseI64ArrayAttr>(
      QuillDialect::kOutputQuantizedIdxsAttrName);
  auto returnOp = cast<func::ReturnOp>(body.getTerminator());
  for (int64_t i : inputs ? inputs.asArrayRef() : ArrayRef<int64_t>()) {
    if (i < 0 || i >= static_cast<int64_t>(body.getNumArguments()))
      return func.emitError("input_quantized_idxs names argument ")
             << i << " of " << body.getNumArguments();
    BlockArgument arg = body.getArgument(i);
    quant::QuantizeCastOp q;
    for (Operation *user : arg.getUsers())
      if ((q = dyn_cast<quant::QuantizeCastOp>(user)))
        break;
    if (!q)
      return func.emitError("argument ")
             << i << " is marked quantized but no static observer gives "
             << "it a quantized type";
    // Its other users read the float value: they get a dequantize.
    SmallVector<OpOperand *> floatUses;
    for (OpOperand &use : arg.getUses())
      if (use.getOwner() != q)
        floatUses.push_back(&use);
    Type floatType = arg.getType();
    arg.setType(q.getResult().getType());
    q.getResult().replaceAllUsesWith(arg);
    q.erase();
    if (!floatUses.empty()) {
      OpBuilder b(&body, body.begin());
      Value dq =
          quant::DequantizeCastOp::create(b, func.getLoc(), floatType, arg);
      for (OpOperand *use : floatUses)
        use->set(dq);
    }
  }
  for (int64_t i : outputs ? outputs.asArrayRef() : ArrayRef<int64_t>()) {
    if (i < 0 || i >= static_cast<int64_t>(returnOp.getNumOperands()))
      return func.emitError("output_quantized_idxs names result ")
             << i << " of " << returnOp.getNumOperands();
    auto dq = returnOp.getOperand(i).getDefiningOp<quant::DequantizeCastOp>();
    if (!dq)
      return func.emitError("result ")
             << i << " is marked quantized but no static observer gives it "
             << "a quantized type";
    returnOp.setOperand(i, dq.getInput());
  }
  func.setType(FunctionType::get(func.getContext(), body.getArgumentTypes(),
                                 returnOp.getOperandTypes()));
  func->removeAttr(QuillDialect::kInputQuantizedIdxsAttrName);
  func->removeAttr(QuillDialect::kOutputQuantizedIdxsAttrName);
  return success();
}

//===----------------------------------------------------------------------===//
// Stage 2: fold reference patterns into quantized ops
//===----------------------------------------------------------------------===//

std::optional<QDType> qdtypeOf(Type type) {
  auto q = dyn_cast<quant::QuantizedType>(getElementTypeOrSelf(type));
  if (!q)
    return std::nullopt;
  switch (q.getStorageTypeIntegralWidth()) {
  case 8:
    return q.isSigned() ? QDType::qint8 : QDType::quint8;
  case 32:
    return QDType::qint32;
  default:
    return std::nullopt;
  }
}

/// The dtypes a folded match would compute with, as a DTypeConfig sees them.
struct MatchDTypes {
  std::optional<QDType> input, weight, output;
  bool dynamic = false;
};

bool accepts(const DTypeWithConstraints &c, std::optional<QDType> dtype) {
  return dtype ? c.dtype == *dtype : c.dtype == QDType::float32;
}

bool anyConfigAccepts(const BackendPatternConfig &config,
                      const MatchDTypes &m) {
  for (const DTypeConfig &dc : config.dtypeConfigs) {
    if (dc.input && !accepts(*dc.input, m.input))
      continue;
    if (dc.weight && m.weight && !accepts(*dc.weight, m.weight))
      continue;
    if (m.dynamic) {
      // A dynamic op's output is float whatever the config names.
      if (!dc.isDynamic.value_or(false))
        continue;
    } else if (dc.isDynamic.value_or(false) ||
               (dc.output && !accepts(*dc.output, m.output))) {
      continue;
    }
    return true;
  }
  return false;
}

class Folder {
public:
  Folder(const BackendConfig &config, bool explain)
      : matcher(config), explain(explain) {}

  void run(func::FuncOp func) {
    for (Block &block : func.getBody()) {
      std::vector<PatternMatch> matches =
          matcher.matchBlock(block, [](Operation *op) {
            return isa<QuillDialect>(op->getDialect());
          });
      for (const PatternMatch &m : matches)
        fold(m);
    }
  }

private:
  void fold(const PatternMatch &m);
  void reject(Operation *op, const Twine &why) {
    if (explain)
      op->emitRemark("left in reference form: ") << why;
  }

  PatternMatcher matcher;
  bool explain;
};

void Folder::fold(const PatternMatch &m) {
  Operation *root = m.getDefaultRootOp();
  Operation *last = m.getLastOp();
  if (!root)
    return;
  SmallVector<Operation *, 4> ops = m.getOps();
  // Ops after the root must be activations the root can apply itself.
  std::optional<FusedActivation> activation;
  for (Operation *op : ops) {
    if (op == root)
      continue;
    auto act = dyn_cast<FusibleActivationOpInterface>(op);
    auto fusedRoot = dyn_cast<FusedActivationOpInterface>(root);
    if (!act || !fusedRoot || fusedRoot.getFusedActivation() || activation ||
        op->getOperand(0).getDefiningOp() != root)
      return reject(root, "the pattern has no single quantized op");
    activation = act.getAsFusedActivation();
  }

  // Inputs: dcast'ed values become their quantized source; a dynamically
  // quantized one its float source. Integer operands (indices) and float
  // constants (biases) stay.
  SmallVector<Value> operands;
  MatchDTypes dtypes;
  Value weight;
  if (auto weighted = dyn_cast<WeightedOpInterface>(root))
    weight = weighted.getWeight();
  bool anyQuantized = false, floatActivation = false;
  for (Value v : root->getOperands()) {
    if (auto dq = v.getDefiningOp<quant::DequantizeCastOp>()) {
      Value q = dq.getInput();
      operands.push_back(q);
      anyQuantized = true;
      if (v == weight)
        dtypes.weight = qdtypeOf(q.getType());
      else if (!dtypes.input)
        dtypes.input = qdtypeOf(q.getType());
      continue;
    }
    if (auto dyn = v.getDefiningOp<FakeQuantDynamicOp>()) {
      if (dyn.getDtype() == QDType::float16)
        return reject(root, "float16 dynamic ops have no quantized kernel");
      operands.push_back(dyn.getInput());
      dtypes.dynamic = true;
      dtypes.input = dyn.getDtype();
      anyQuantized = true;
      continue;
    }
    operands.push_back(v);
    if (isa<FloatType>(getElementTypeOrSelf(v.getType())) &&
        !matchPattern(v, m_Constant()))
      floatActivation = true;
  }
  if (!anyQuantized)
    return; // a float op: nothing was observed
  // Float activations may only be a dynamic op's extra inputs (RNN states).
  if (floatActivation && !dtypes.dynamic)
    return reject(root, "an input is not quantized");

  // Output: a static op's single result feeds exactly one qcast.
  SmallVector<Type> resultTypes;
  quant::QuantizeCastOp qcast;
  if (dtypes.dynamic) {
    resultTypes.assign(last->getResultTypes().begin(),
                       last->getResultTypes().end());
  } else {
    if (last->getNumResults() != 1 || !last->getResult(0).hasOneUse() ||
        !(qcast = dyn_cast<quant::QuantizeCastOp>(
              *last->getResult(0).getUsers().begin())))
      return reject(root, "its result is not quantized");
    resultTypes.push_back(qcast.getResult().getType());
    dtypes.output = qdtypeOf(qcast.getResult().getType());
  }
  if (!anyConfigAccepts(*m.config, dtypes))
    return reject(root, "no dtype config of its BackendConfig entry accepts "
                        "these dtypes");

  OpBuilder b(last);
  Operation *folded = b.clone(*root);
  folded->setOperands(operands);
  for (auto [r, t] : llvm::zip(folded->getResults(), resultTypes))
    r.setType(t);
  if (activation)
    cast<FusedActivationOpInterface>(folded).setFusedActivation(activation);
  if (qcast) {
    qcast.getResult().replaceAllUsesWith(folded->getResult(0));
    qcast.erase();
  } else {
    last->replaceAllUsesWith(folded->getResults());
  }
  for (Operation *op : ops) // last first: each op's user is gone
    op->erase();
}

/// Requantizations to the type a value already has: qcast(dcast(x)) -> x.
void foldRequantize(func::FuncOp func) {
  func.walk([](quant::QuantizeCastOp q) {
    auto dq = q.getInput().getDefiningOp<quant::DequantizeCastOp>();
    if (dq && dq.getInput().getType() == q.getResult().getType()) {
      q.getResult().replaceAllUsesWith(dq.getInput());
      q.erase();
    }
  });
}

/// Removes the casts and constants (float weights replaced by quantized
/// ones) nothing reads any more.
void eraseDead(func::FuncOp func) {
  // Backwards, so that a user goes before the values it reads.
  for (Block &block : func.getBody())
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
      if (op.use_empty() && op.getNumResults() > 0 &&
          isa<quant::DequantizeCastOp, quant::QuantizeCastOp,
              quant::StorageCastOp, arith::ConstantOp, FakeQuantDynamicOp,
              DequantizeFloatQParamsOp>(op))
        op.erase();
}

struct ConvertPass : impl::QuillConvertBase<ConvertPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *ctx) override {
    auto loaded = loadBackendConfig(backend, ctx);
    if (!loaded) {
      loadError = llvm::toString(loaded.takeError());
      return success(); // reported per function, at a location
    }
    config = std::make_shared<BackendConfig>(std::move(*loaded));
    if (numerics.empty())
      resolvedNumerics = config->name == "qnnpack" ? "qnnpack" : "onednn";
    else
      resolvedNumerics = numerics;
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (!config) {
      func.emitError("cannot load backend '") << backend << "': " << loadError;
      return signalPassFailure();
    }
    if (resolvedNumerics != "onednn" && resolvedNumerics != "qnnpack") {
      func.emitError("numerics must be 'onednn' or 'qnnpack', got '")
          << resolvedNumerics << "'";
      return signalPassFailure();
    }
    if (failed(buildReferenceModel(func)) || failed(quantizeInterface(func)))
      return signalPassFailure();
    func->setAttr("quill.numerics",
                  StringAttr::get(&getContext(), resolvedNumerics));
    if (!referenceOnly) {
      Folder(*config, explain).run(func);
      foldRequantize(func);
    }
    eraseDead(func);
  }

  std::shared_ptr<BackendConfig> config;
  std::string loadError, resolvedNumerics;
};

} // namespace
} // namespace mlir::quill
