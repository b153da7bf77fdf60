//===- PrepareCore.cpp - observer insertion of quill-prepare(-qat) --------===//
//
// PyTorch 1.13's insert_observers_for_model over quill ops. The BackendConfig
// entries are matched by the generic PatternMatcher (longest first); each
// op's QConfig comes from QConfigAssignment, a match's from its root op. Ops
// are then visited in program order: at the first op of a match its inputs
// are observed, at its last op its output (PyTorch's node order, which also
// numbers the observers). Everything an entry contributes is read from the
// table (observation type, dtype configs and their constraints,
// input_type_to_index, num_tensor_args_to_observation_type,
// input_output_observed, overwrite_output_observer) or from ODS interfaces
// (WeightedOpInterface, FoldableNormOpInterface): no op is known by name.
//
// A quantized value is the result of an observe or fake_quant op. Ops that
// share one observer instance in PyTorch (a share-qparams op's input and
// output, cat's inputs and output) get observer ops with one id: one id is
// one observer (quill-verify-graph, the runtime's calibration).
//
//===----------------------------------------------------------------------===//

#include "PrepareCore.h"

#include "PatternMatcher.h"
#include "QConfigAssignment.h"

#include "quill/Dialect/Quill/QuillOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <limits>

namespace mlir::quill {
namespace {

//===----------------------------------------------------------------------===//
// Quantizers and what the QConfig asks of a match
//===----------------------------------------------------------------------===//

/// What an inserted op applies: an observer, or a fake-quant around one.
struct Quantizer {
  ObserverSpecAttr spec;
  std::optional<FakeQuantKind> fakeQuant;

  bool operator==(const Quantizer &o) const {
    return spec == o.spec && fakeQuant == o.fakeQuant;
  }
  bool operator!=(const Quantizer &o) const { return !(*this == o); }
  QDType dtype() const { return spec.getDtype(); }
  bool isDynamic() const { return spec.getIsDynamic(); }
};

Quantizer toQuantizer(const QuantizerSpec &s) {
  return {s.observer, s.fakeQuant};
}

std::optional<Quantizer> quantizerOf(Operation *op) {
  if (auto o = dyn_cast<ObserveOp>(op))
    return Quantizer{o.getObserver(), std::nullopt};
  if (auto f = dyn_cast<FakeQuantOp>(op))
    return Quantizer{f.getObserver(), f.getKind()};
  return std::nullopt;
}

std::optional<int64_t> observerId(Operation *op) {
  std::optional<int64_t> id;
  visitObserverOp(op, [&](auto o) { id = static_cast<int64_t>(o.getId()); });
  return id;
}

void setObserverId(Operation *op, int64_t id) {
  visitObserverOp(op, [&](auto o) { o.setId(id); });
}

/// The observe or fake_quant op that produces `v`, whose qparams `v` has
/// after convert; null for a float value.
Operation *observerOf(Value v) {
  Operation *def = v.getDefiningOp();
  return def && quantizerOf(def) ? def : nullptr;
}

/// What `observerOf(v)` applies; nullopt for a float value.
std::optional<Quantizer> carried(Value v) {
  Operation *observer = observerOf(v);
  return observer ? quantizerOf(observer) : std::nullopt;
}

bool isFloatTensor(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && isa<FloatType>(type.getElementType());
}

bool isIntegerDType(QDType d) { return getQDTypeRange(d).has_value(); }

/// activation_is_statically_quantized: such an activation gets an output
/// observer.
bool isStaticActivation(ObserverSpecAttr s) {
  QDType d = s.getDtype();
  return !s.getIsDynamic() &&
         (d == QDType::quint8 || d == QDType::qint8 || d == QDType::float16);
}

/// The dtypes a QConfig asks of a match (get_target_activation_dtype_for_node).
/// Dynamic quantization leaves the output float; a float16 bias goes with
/// static float16 activations and weights; weight-only entries keep their
/// activations float.
struct Targets {
  QDType input = QDType::float32, output = QDType::float32,
         weight = QDType::float32, bias = QDType::float32;
  bool dynamic = false;
};

Targets targetsFor(const QConfig &q, bool inputOutputObserved) {
  ObserverSpecAttr act = q.activation.observer, weight = q.weight.observer;
  Targets t;
  t.weight = weight.getDtype();
  if (!inputOutputObserved)
    return t;
  t.dynamic = act.getIsDynamic();
  t.input = act.getDtype();
  t.output = t.dynamic ? QDType::float32 : act.getDtype();
  if (act.getDtype() == QDType::float16 &&
      weight.getDtype() == QDType::float16 && !t.dynamic)
    t.bias = QDType::float16;
  return t;
}

/// What the operands of a match's first op are. Weights and biases come from
/// input_type_to_index, else WeightedOpInterface; a normalization's
/// statistics and affine parameters are neither weights nor activations
/// (PyTorch keeps them inside the module); every other float tensor operand
/// is an activation.
struct OperandRoles {
  /// The weight operands (one, or an RNN's matrices) and the bias.
  SmallVector<unsigned, 2> weights;
  std::optional<unsigned> bias;
  SmallVector<unsigned, 4> activations;
  /// Tensor operands of any type (num_tensor_args_to_observation_type).
  int64_t tensorOperands = 0;
};

OperandRoles classifyOperands(Operation *op,
                              const BackendPatternConfig &entry) {
  OperandRoles roles;
  auto declared = [&](const char *key) -> std::optional<unsigned> {
    auto it = entry.inputTypeToIndex.find(key);
    if (it == entry.inputTypeToIndex.end() || it->second < 0 ||
        it->second >= static_cast<int64_t>(op->getNumOperands()))
      return std::nullopt;
    return static_cast<unsigned>(it->second);
  };
  // The table names the weight (input_type_to_index), else the op does
  // (QuantizableWeightsOpInterface: conv, linear, embeddings, RNNs).
  if (std::optional<unsigned> w = declared("weight"))
    roles.weights.push_back(*w);
  else if (auto quantizable = dyn_cast<QuantizableWeightsOpInterface>(op))
    for (OpOperand *w : quantizable.getQuantizableWeights())
      roles.weights.push_back(w->getOperandNumber());
  roles.bias = declared("bias");
  if (auto weighted = dyn_cast<WeightedOpInterface>(op)) {
    MutableOperandRange bias = weighted.getBiasMutable();
    if (!roles.bias && bias.size() == 1)
      roles.bias = bias[0].getOperandNumber();
  }
  llvm::SmallSet<unsigned, 4> parameters;
  parameters.insert(roles.weights.begin(), roles.weights.end());
  if (roles.bias)
    parameters.insert(*roles.bias);
  if (auto norm = dyn_cast<FoldableNormOpInterface>(op))
    for (Value v : {norm.getRunningMean(), norm.getRunningVar(),
                    norm.getWeight(), norm.getBias()})
      for (OpOperand &operand : op->getOpOperands())
        if (v && operand.get() == v && operand.getOperandNumber() != 0)
          parameters.insert(operand.getOperandNumber());
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<TensorType>(operand.get().getType()))
      continue;
    ++roles.tensorOperands;
    unsigned i = operand.getOperandNumber();
    if (!parameters.contains(i) && isFloatTensor(operand.get()))
      roles.activations.push_back(i);
  }
  return roles;
}

//===----------------------------------------------------------------------===//
// Dtype configs and their constraints
//===----------------------------------------------------------------------===//

std::string formatNumber(double v) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::json::Value(v);
  return text;
}

std::string describeObserver(ObserverSpecAttr s) {
  std::string text =
      (stringifyObserverKind(s.getKind()) + " " + stringifyQDType(s.getDtype()))
          .str();
  if (s.getKind() == ObserverKind::fixed_qparams)
    text += " (scale " + formatNumber(*s.getScaleValue()) + ", zero_point " +
            std::to_string(*s.getZeroPoint()) + ")";
  return text;
}

/// calculate_qmin_qmax; nullopt for observers that hold no range
/// (placeholder, noop, recording, reuse_input), which PyTorch's constraint
/// check rejects.
std::optional<std::pair<int64_t, int64_t>> observerRange(ObserverSpecAttr s) {
  std::optional<std::pair<int64_t, int64_t>> full =
      getQDTypeRange(s.getDtype());
  if (!s.hasQParams() || !full)
    return std::nullopt;
  // Python's floor division.
  auto half = [](int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); };
  if (s.getQuantMin()) {
    std::pair<int64_t, int64_t> r{*s.getQuantMin(), *s.getQuantMax()};
    return s.getReduceRange() ? std::make_pair(half(r.first), half(r.second))
                              : r;
  }
  if (s.getReduceRange() &&
      (s.getDtype() == QDType::quint8 || s.getDtype() == QDType::qint8))
    return std::make_pair(half(full->first), half(full->second));
  return full;
}

/// _qconfig_satisfies_dtype_config_constraints for one observer: the
/// constraint it violates, or nullopt. An observer of another dtype is not
/// judged here (the dtype mismatch is). Quill checks each quant bound on
/// its own and reads a fixed_qparams observer's scale where PyTorch reads
/// an eps it does not have; the exact-match constraints are PyTorch 2.x's.
std::optional<std::string> violatedConstraint(StringRef role,
                                              ObserverSpecAttr spec,
                                              const DTypeWithConstraints &c) {
  if (spec.getDtype() != c.dtype)
    return std::nullopt;
  std::string observer = (role + " observer " + describeObserver(spec)).str();
  bool fixed = spec.getKind() == ObserverKind::fixed_qparams;

  if (c.quantMinLowerBound || c.quantMaxUpperBound) {
    std::optional<std::pair<int64_t, int64_t>> range = observerRange(spec);
    std::string lower =
        c.quantMinLowerBound
            ? "quant_min >= " + std::to_string(*c.quantMinLowerBound)
            : "";
    std::string upper =
        c.quantMaxUpperBound
            ? "quant_max <= " + std::to_string(*c.quantMaxUpperBound)
            : "";
    if (!range)
      return observer + " has no quant_min/quant_max to check against " +
             (lower.empty() ? upper : lower);
    std::string text = observer + " [" + std::to_string(range->first) + ", " +
                       std::to_string(range->second) + "] violates ";
    if (c.quantMinLowerBound && range->first < *c.quantMinLowerBound)
      return text + lower;
    if (c.quantMaxUpperBound && range->second > *c.quantMaxUpperBound)
      return text + upper;
  }

  if (c.scaleMinLowerBound) {
    std::optional<double> scaleMin;
    if (fixed)
      scaleMin = spec.getScaleValue();
    else if (spec.keepsMinMax())
      scaleMin = spec.getEpsValue();
    std::string bound = "scale >= " + formatNumber(*c.scaleMinLowerBound);
    if (!scaleMin)
      return observer + " has no eps to check against " + bound;
    if (*scaleMin < *c.scaleMinLowerBound)
      return observer + (fixed ? " scale " : " eps ") +
             formatNumber(*scaleMin) + " violates " + bound;
  }
  // Only a fixed scale can be held to an upper bound before calibration.
  if (c.scaleMaxUpperBound && fixed &&
      *spec.getScaleValue() > *c.scaleMaxUpperBound)
    return observer + " scale " + formatNumber(*spec.getScaleValue()) +
           " violates scale <= " + formatNumber(*c.scaleMaxUpperBound);

  if (c.scaleExactMatch || c.zeroPointExactMatch) {
    bool matches =
        fixed &&
        (!c.scaleExactMatch || *spec.getScaleValue() == *c.scaleExactMatch) &&
        (!c.zeroPointExactMatch ||
         *spec.getZeroPoint() == *c.zeroPointExactMatch);
    if (!matches) {
      std::string wanted;
      if (c.scaleExactMatch)
        wanted += "scale == " + formatNumber(*c.scaleExactMatch);
      if (c.zeroPointExactMatch)
        wanted += (wanted.empty() ? "" : ", ") + std::string("zero_point == ") +
                  std::to_string(*c.zeroPointExactMatch);
      return observer +
             " is not the fixed_qparams observer the backend "
             "requires (" +
             wanted + ")";
    }
  }
  return std::nullopt;
}

std::string describeDType(QDType dtype, bool dynamic = false) {
  return (stringifyQDType(dtype) + (dynamic ? " (dynamic)" : "")).str();
}

/// Why `config` cannot take the QConfig (PyTorch's
/// _is_pattern_dtype_config_and_qconfig_supported_by_backend); empty if it
/// can. Inputs are judged when the op has activation operands, weights and
/// biases when it has them.
std::string rejection(const DTypeConfig &config, const QConfig &q,
                      const Targets &t, const OperandRoles &roles) {
  ObserverSpecAttr act = q.activation.observer, weight = q.weight.observer;
  if (config.input && !roles.activations.empty()) {
    if (config.input->dtype != t.input)
      return "input_dtype " + describeDType(config.input->dtype) +
             " does not match the activation's " +
             describeDType(t.input, t.dynamic);
    if (config.isDynamic.value_or(false) != t.dynamic)
      return std::string("is_dynamic ") +
             (config.isDynamic.value_or(false) ? "true" : "false") +
             " does not match the " + (t.dynamic ? "dynamic" : "static") +
             " activation";
    if (std::optional<std::string> v =
            violatedConstraint("activation", act, *config.input))
      return *v;
  }
  if (config.weight && !roles.weights.empty()) {
    if (config.weight->dtype != t.weight)
      return "weight_dtype " + describeDType(config.weight->dtype) +
             " does not match the weight's " + describeDType(t.weight);
    if (std::optional<std::string> v =
            violatedConstraint("weight", weight, *config.weight))
      return *v;
  }
  if (config.bias && roles.bias && config.bias->dtype != t.bias)
    return "bias_dtype " + describeDType(config.bias->dtype) +
           " does not match the bias's " + describeDType(t.bias);
  if (config.output) {
    if (config.output->dtype != t.output)
      return "output_dtype " + describeDType(config.output->dtype) +
             " does not match the output's " + describeDType(t.output);
    if (std::optional<std::string> v =
            violatedConstraint("activation", act, *config.output))
      return *v;
  }
  return {};
}

/// PyTorch 1.13's _validate_fixed_qparams_qconfigs: an op whose entry fixes
/// its output qparams needs that fixed_qparams observer (or a fake-quant of
/// it) as its QConfig's activation; float16 placeholders pass too. A fixed
/// observer of another dtype is the user's choice (the entry's observer
/// only replaces quint8 activations).
bool contradictsFixedQParams(ObserverSpecAttr act, ObserverSpecAttr fixed) {
  if (act.getKind() == ObserverKind::placeholder &&
      act.getDtype() == QDType::float16)
    return false;
  if (act.getKind() != ObserverKind::fixed_qparams)
    return true;
  return act.getDtype() == fixed.getDtype() &&
         (act.getScaleValue() != fixed.getScaleValue() ||
          act.getZeroPoint() != fixed.getZeroPoint());
}

ObserverSpecAttr withChannelAxis(ObserverSpecAttr s, int64_t axis) {
  if (!s.isPerChannel() || s.getChAxis() == axis)
    return s;
  return ObserverSpecAttr::get(
      s.getContext(), s.getKind(), s.getDtype(), s.getQscheme(),
      s.getQuantMin(), s.getQuantMax(), s.getReduceRange(), s.getEps(), axis,
      s.getAveragingConstant(), s.getBins(), s.getScale(), s.getZeroPoint(),
      s.getIsDynamic());
}

//===----------------------------------------------------------------------===//
// The pass over one function
//===----------------------------------------------------------------------===//

/// One match and what was decided for it.
struct Plan {
  const PatternMatch *match = nullptr;
  /// Its QConfig's op (the entry's root op) and the op whose operands are
  /// observed (the pattern's default root, the first op in dataflow order).
  Operation *qconfigOp = nullptr, *inputOp = nullptr;
  const QConfig *qconfig = nullptr;
  ObservationType observation =
      ObservationType::OutputUseDifferentObserverAsInput;
  OperandRoles roles;
  Targets targets;
  const DTypeConfig *dtypeConfig = nullptr;
  bool quantized = false;

  const BackendPatternConfig &entry() const { return *match->config; }
  /// The output's observer is the input's (PyTorch's
  /// maybe_make_input_output_share_observers): share-qparams ops with one
  /// activation, and any op whose activation is a ReuseInputObserver.
  bool sharesInput() const {
    return qconfig->activation.observer.getKind() ==
               ObserverKind::reuse_input ||
           (observation == ObservationType::OutputShareObserverWithInput &&
            roles.activations.size() <= 1);
  }
  /// cat / stack: every input's observer and the output's are one.
  bool sharesAll() const {
    return observation == ObservationType::OutputShareObserverWithInput &&
           roles.activations.size() > 1;
  }
};

class Preparer {
public:
  Preparer(func::FuncOp fn, const BackendConfig &backend,
           const QConfigMapping &mapping, const PrepareOptions &options)
      : fn(fn), backend(backend), options(options), qconfigs(fn, mapping),
        matcher(backend) {}

  LogicalResult run();

private:
  func::FuncOp fn;
  const BackendConfig &backend;
  const PrepareOptions &options;
  QConfigAssignment qconfigs;
  PatternMatcher matcher;
  int64_t nextId = 0;

  std::string prefix() const { return (options.passName + ": ").str(); }
  std::string describeEntry(const PatternMatch &m) const;

  LogicalResult prepareBlock(Block &block);
  bool decide(Plan &p);
  LogicalResult observeInputs(Plan &p);
  LogicalResult observeOutput(Plan &p);
  LogicalResult observeOperand(OpOperand &operand, const Quantizer &q,
                               bool dynamic, Operation *served);
  Operation *getOrCreateObserver(Value v, const Quantizer &q, Operation *served,
                                 std::optional<int64_t> id = std::nullopt);
  LogicalResult observeResult(Value result, const Quantizer &q,
                              Operation *served,
                              std::optional<int64_t> id = std::nullopt);
  void mergeObservers(int64_t from, int64_t into);
  LogicalResult observeQuantizedInputs();
  LogicalResult observeQuantizedOutputs();
};

std::string Preparer::describeEntry(const PatternMatch &m) const {
  const PatternNode &pattern = m.config->pattern;
  std::string ops = pattern.isChain() ? llvm::join(pattern.chainOps(), " -> ")
                                      : pattern.op + "(...)";
  return "backend '" + backend.name + "' entry #" +
         std::to_string(m.configIndex) + " (" + ops + ")";
}

LogicalResult Preparer::run() {
  int64_t largest = -1;
  fn.walk([&](Operation *op) {
    if (std::optional<int64_t> id = observerId(op))
      largest = std::max(largest, *id);
  });
  if (largest == std::numeric_limits<int64_t>::max())
    return fn.emitError() << prefix() << "no observer id is left after "
                          << largest;
  nextId = largest + 1;
  if (failed(observeQuantizedInputs()))
    return failure();
  SmallVector<Block *> blocks;
  fn.walk([&](Block *block) { blocks.push_back(block); });
  for (Block *block : blocks)
    if (failed(prepareBlock(*block)))
      return failure();
  return observeQuantizedOutputs();
}

LogicalResult Preparer::prepareBlock(Block &block) {
  PatternMatcher::OpFilter notNone = [&](Operation *op) {
    const QConfigAssignment::Entry *e = qconfigs.lookup(op);
    return !e || e->qconfig.has_value();
  };
  std::vector<PatternMatch> matches = matcher.matchBlock(block, notNone);
  std::vector<Plan> plans(matches.size());
  DenseMap<Operation *, Plan *> byInputOp, byLastOp;
  for (auto [match, plan] : llvm::zip(matches, plans)) {
    plan.match = &match;
    // The entry's root op: the default root unless root_op names another
    // op of the match ("*" roots fall back to the last op).
    StringRef rootName = match.config->getRootOp();
    Operation *defaultRoot = match.getDefaultRootOp();
    plan.qconfigOp = defaultRoot;
    if (!defaultRoot || defaultRoot->getName().getStringRef() != rootName) {
      SmallVector<Operation *, 4> ops = match.getOps();
      auto *it = llvm::find_if(ops, [&](Operation *op) {
        return op->getName().getStringRef() == rootName;
      });
      plan.qconfigOp = it != ops.end() ? *it : match.getLastOp();
    }
    plan.inputOp = defaultRoot ? defaultRoot : plan.qconfigOp;
    byInputOp[plan.inputOp] = &plan;
    byLastOp[match.getLastOp()] = &plan;
  }
  // Observers are inserted next to the ops; visit the original ones only.
  SmallVector<Operation *> ops =
      llvm::to_vector(llvm::make_pointer_range(block));
  for (Operation *op : ops) {
    if (Plan *p = byInputOp.lookup(op))
      if (decide(*p) && failed(observeInputs(*p)))
        return failure();
    if (Plan *p = byLastOp.lookup(op))
      if (p->quantized && failed(observeOutput(*p)))
        return failure();
  }
  return success();
}

bool Preparer::decide(Plan &p) {
  const BackendPatternConfig &entry = p.entry();
  const QConfigAssignment::Entry *e = qconfigs.lookup(p.qconfigOp);
  if (!e || !e->qconfig)
    return false;
  p.qconfig = &*e->qconfig;
  ObserverSpecAttr act = p.qconfig->activation.observer;
  Operation *op = p.qconfigOp;

  if (ObserverSpecAttr fixed = entry.overwriteOutputObserver;
      fixed && contradictsFixedQParams(act, fixed)) {
    op->emitWarning() << prefix() << describeOp(op)
                      << " stays float: its QConfig's activation observer "
                      << describeObserver(act)
                      << " contradicts the fixed qparams (scale "
                      << formatNumber(*fixed.getScaleValue()) << ", zero_point "
                      << *fixed.getZeroPoint() << ") of "
                      << describeEntry(*p.match)
                      << "; give it that fixed_qparams observer, as "
                         "get_default_qconfig_mapping does (PyTorch 1.13's "
                         "prepare_fx rejects this QConfigMapping)";
    return false;
  }

  p.roles = classifyOperands(p.inputOp, entry);
  p.observation = entry.observationType;
  if (!entry.numTensorArgsToObservationType.empty()) {
    auto it = entry.numTensorArgsToObservationType.find(p.roles.tensorOperands);
    if (it == entry.numTensorArgsToObservationType.end()) {
      op->emitRemark() << prefix() << describeOp(op)
                       << " stays float: " << describeEntry(*p.match)
                       << " gives no observation type for "
                       << p.roles.tensorOperands << " tensor operands";
      return false;
    }
    p.observation = it->second;
  }

  p.targets = targetsFor(*p.qconfig, entry.inputOutputObserved);
  std::string reasons;
  for (auto [i, config] : llvm::enumerate(entry.dtypeConfigs)) {
    std::string why = rejection(config, *p.qconfig, p.targets, p.roles);
    if (why.empty()) {
      p.dtypeConfig = &config;
      break;
    }
    reasons += (reasons.empty() ? "" : "; ") + std::string("dtype config #") +
               std::to_string(i) + ": " + why;
  }
  if (!p.dtypeConfig) {
    op->emitRemark() << prefix() << describeOp(op)
                     << " stays float: " << describeEntry(*p.match)
                     << " accepts no dtype config "
                     << "for its QConfig: "
                     << (reasons.empty() ? "it has none" : reasons);
    return false;
  }
  if (!entry.inputOutputObserved && p.roles.weights.empty()) {
    op->emitRemark() << prefix() << describeOp(op)
                     << " stays float: " << describeEntry(*p.match)
                     << " quantizes a weight only, and the op declares no "
                        "weight (QuantizableWeightsOpInterface or "
                        "input_type_to_index)";
    return false;
  }
  return p.quantized = true;
}

LogicalResult Preparer::observeInputs(Plan &p) {
  const BackendPatternConfig &entry = p.entry();
  Operation *op = p.inputOp;
  Quantizer act = toQuantizer(p.qconfig->activation);
  // A ReuseInputObserver inserts nothing (observeOutput shares the
  // observer upstream or gives up).
  bool observeActivations = entry.inputOutputObserved &&
                            p.targets.input != QDType::float32 &&
                            act.spec.getKind() != ObserverKind::reuse_input;
  if (observeActivations)
    for (unsigned i : p.roles.activations) {
      // Dynamic quantization observes the first input only, as PyTorch.
      if (p.targets.dynamic && i != 0)
        continue;
      if (failed(
              observeOperand(op->getOpOperand(i), act, p.targets.dynamic, op)))
        return failure();
    }
  // Weights are observed when the accepted dtype config quantizes them
  // (not the norms, whose configs name no weight dtype: PyTorch's
  // NON_QUANTIZABLE_WEIGHT_OPS).
  if (!p.roles.weights.empty() && p.dtypeConfig->weight &&
      p.targets.weight != QDType::float32) {
    Quantizer weight = toQuantizer(p.qconfig->weight);
    if (auto weighted = dyn_cast<WeightedOpInterface>(op))
      weight.spec =
          withChannelAxis(weight.spec, weighted.getWeightOutputChannelAxis());
    for (unsigned w : p.roles.weights)
      if (failed(observeOperand(op->getOpOperand(w), weight,
                                /*dynamic=*/false, op)))
        return failure();
  }
  // PyTorch observes a bias with the activation's observer when it is not
  // float (static float16).
  if (p.roles.bias && p.targets.bias != QDType::float32)
    return observeOperand(op->getOpOperand(*p.roles.bias), act,
                          /*dynamic=*/false, op);
  return success();
}

LogicalResult Preparer::observeOutput(Plan &p) {
  const BackendPatternConfig &entry = p.entry();
  ObserverSpecAttr act = p.qconfig->activation.observer;
  Operation *last = p.match->getLastOp();
  Value result = last->getResult(0);
  if (!entry.inputOutputObserved || !isStaticActivation(act) ||
      !isFloatTensor(result))
    return success();
  Operation *source =
      p.roles.activations.empty()
          ? nullptr
          : observerOf(p.inputOp->getOperand(p.roles.activations.front()));
  if (p.sharesInput()) {
    // The input's observer once more; with none upstream (a
    // ReuseInputObserver after a float value) the output stays float.
    if (!source)
      return success();
    return observeResult(result, *quantizerOf(source), last,
                         observerId(source));
  }
  if (p.sharesAll() && source) {
    // The inputs' observers become the first one (PyTorch points their
    // modules to its instance); observers of another spec stay apart.
    for (unsigned i : llvm::drop_begin(p.roles.activations))
      if (Operation *other = observerOf(p.inputOp->getOperand(i));
          other && quantizerOf(other) == quantizerOf(source) &&
          observerId(other) != observerId(source))
        mergeObservers(*observerId(other), *observerId(source));
    return observeResult(result, *quantizerOf(source), last,
                         observerId(source));
  }
  // get_activation_ctr: the entry's fixed observer replaces a quint8
  // activation; under QAT inside a fixed_qparams_fake_quantize.
  Quantizer out = toQuantizer(p.qconfig->activation);
  if (ObserverSpecAttr fixed = entry.overwriteOutputObserver;
      fixed && act.getDtype() == QDType::quint8)
    out = {fixed, options.qat ? std::optional<FakeQuantKind>(
                                    FakeQuantKind::fixed_qparams_fake_quantize)
                              : std::nullopt};
  return observeResult(result, out, last);
}

LogicalResult Preparer::observeResult(Value result, const Quantizer &q,
                                      Operation *served,
                                      std::optional<int64_t> id) {
  Operation *observer = getOrCreateObserver(result, q, served, id);
  if (!observer)
    return failure();
  result.replaceAllUsesExcept(observer->getResult(0), observer);
  return success();
}

void Preparer::mergeObservers(int64_t from, int64_t into) {
  fn.walk([&](Operation *op) {
    if (observerId(op) == from)
      setObserverId(op, into);
  });
}

LogicalResult Preparer::observeOperand(OpOperand &operand, const Quantizer &q,
                                       bool dynamic, Operation *served) {
  Value v = operand.get();
  if (!isFloatTensor(v))
    return success();
  // Static: a value already quantized to the dtype needs nothing more
  // (PyTorch compares dtypes); dynamic: only the same placeholder will do.
  std::optional<Quantizer> have = carried(v);
  bool satisfied =
      dynamic ? have == q
              : have && !have->isDynamic() && have->dtype() == q.dtype();
  if (satisfied)
    return success();
  Operation *observer = getOrCreateObserver(v, q, served);
  if (!observer)
    return failure();
  operand.set(observer->getResult(0));
  return success();
}

/// Where a new observer of `v` goes: right after its definition, as
/// PyTorch's graph.inserting_after(node) (so a later observer of a value
/// comes first); for a block argument after the observers of the arguments
/// before it, as placeholders come in argument order. A shared observer is
/// fed in program order, so the order is PyTorch's.
Block::iterator afterDefinition(Value v) {
  if (Operation *def = v.getDefiningOp())
    return std::next(Block::iterator(def));
  auto arg = cast<BlockArgument>(v);
  Block *block = arg.getOwner();
  return llvm::find_if(*block, [&](Operation &op) {
    auto observed = quantizerOf(&op) ? dyn_cast<BlockArgument>(op.getOperand(0))
                                     : BlockArgument();
    return !observed || observed.getOwner() != block ||
           observed.getArgNumber() >= arg.getArgNumber();
  });
}

/// An observer of `v` applying `q` (with `id`, if given: a shared one): one
/// already reading `v` (never a duplicate), moved up if a user would precede
/// it, or a new one right after `v`'s definition with the served op's
/// `quill.module` and `id` or the next id.
Operation *Preparer::getOrCreateObserver(Value v, const Quantizer &q,
                                         Operation *served,
                                         std::optional<int64_t> id) {
  Block *block = v.getParentBlock();
  for (Operation *existing : v.getUsers()) {
    if (quantizerOf(existing) != q || (id && observerId(existing) != id))
      continue;
    Operation *at = block->findAncestorOpInBlock(*existing);
    bool misplaced = !at || llvm::any_of(v.getUsers(), [&](Operation *user) {
      Operation *userAt = block->findAncestorOpInBlock(*user);
      return userAt && userAt != at && userAt->isBeforeInBlock(at);
    });
    Block::iterator where = afterDefinition(v);
    if (misplaced && &*where != existing)
      existing->moveBefore(block, where);
    return existing;
  }

  ObserverSpecAttr spec = q.spec;
  int64_t rank = cast<RankedTensorType>(v.getType()).getRank();
  if (spec.isPerChannel() &&
      (spec.getChAxis() < 0 || spec.getChAxis() >= rank)) {
    served->emitError() << prefix() << "per-channel observer "
                        << describeObserver(spec) << " of "
                        << describeOp(served) << " has ch_axis "
                        << spec.getChAxis() << " but the value has rank "
                        << rank;
    return nullptr;
  }
  OpBuilder builder(served->getContext());
  builder.setInsertionPoint(block, afterDefinition(v));
  Location loc = served->getLoc();
  uint64_t newId = id ? *id : nextId++;
  DenseF64ArrayAttr noF64;
  DenseI64ArrayAttr noI64;
  DenseF32ArrayAttr noF32;
  Operation *observer =
      q.fakeQuant
          ? FakeQuantOp::create(builder, loc, v, newId, *q.fakeQuant, spec,
                                noF64, noI64, noF64, noF32, noF32, noF32)
                .getOperation()
          : ObserveOp::create(builder, loc, v, newId, spec, noF64, noI64, noF64,
                              noF32, noF32, noF32)
                .getOperation();
  if (Attribute module = served->getAttr(QuillDialect::kModuleAttrName))
    observer->setAttr(QuillDialect::kModuleAttrName, module);
  return observer;
}

std::vector<int64_t> sortedUnique(ArrayRef<int64_t> values) {
  std::vector<int64_t> out(values.begin(), values.end());
  llvm::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A quantized argument's qparams must be known when the function is
// compiled, so it is observed once, at entry, with the activation observer
// of its first user that quantizes activations statically.
LogicalResult Preparer::observeQuantizedInputs() {
  std::vector<int64_t> indices = sortedUnique(options.inputQuantizedIdxs);
  if (indices.empty())
    return success();
  for (int64_t index : indices) {
    if (index < 0 || index >= static_cast<int64_t>(fn.getNumArguments()))
      return fn.emitError()
             << prefix() << "input-quantized-idxs: no argument #" << index
             << " (the function has " << fn.getNumArguments() << ")";
    BlockArgument arg = fn.getArgument(index);
    if (!isFloatTensor(arg))
      return fn.emitError() << prefix() << "input-quantized-idxs: argument #"
                            << index << " is not a float tensor";
    Operation *user = nullptr;
    const QConfig *qconfig = nullptr;
    fn.walk<WalkOrder::PreOrder>([&](Operation *op) {
      const QConfigAssignment::Entry *e = qconfigs.lookup(op);
      if (!llvm::is_contained(op->getOperands(), Value(arg)) || !e ||
          !e->qconfig || !isStaticActivation(e->qconfig->activation.observer))
        return WalkResult::advance();
      user = op;
      qconfig = &*e->qconfig;
      return WalkResult::interrupt();
    });
    if (!user)
      return fn.emitError()
             << prefix() << "input-quantized-idxs: argument #" << index
             << " has no user whose QConfig quantizes "
                "activations statically, so nothing says how "
                "to observe it";
    Operation *observer =
        getOrCreateObserver(arg, toQuantizer(qconfig->activation), user);
    if (!observer)
      return failure();
    arg.replaceAllUsesExcept(observer->getResult(0), observer);
  }
  fn->setAttr(QuillDialect::kInputQuantizedIdxsAttrName,
              DenseI64ArrayAttr::get(fn.getContext(), indices));
  return success();
}

// PyTorch's maybe_insert_observers_before_graph_output: a returned value not
// quantized yet gets its producer's activation observer.
LogicalResult Preparer::observeQuantizedOutputs() {
  std::vector<int64_t> indices = sortedUnique(options.outputQuantizedIdxs);
  if (indices.empty())
    return success();
  WalkResult walk = fn.walk([&](func::ReturnOp ret) {
    for (int64_t index : indices) {
      if (index < 0 || index >= static_cast<int64_t>(ret.getNumOperands())) {
        ret.emitError() << prefix() << "output-quantized-idxs: no result #"
                        << index << " (the function returns "
                        << ret.getNumOperands() << ")";
        return WalkResult::interrupt();
      }
      Value v = ret.getOperand(index);
      if (!isFloatTensor(v)) {
        ret.emitError() << prefix() << "output-quantized-idxs: result #"
                        << index << " is not a float tensor";
        return WalkResult::interrupt();
      }
      std::optional<Quantizer> have = carried(v);
      if (have && !have->isDynamic() && isIntegerDType(have->dtype()))
        continue;
      Operation *producer = v.getDefiningOp();
      const QConfigAssignment::Entry *e =
          producer ? qconfigs.lookup(producer) : nullptr;
      if (!e || !e->qconfig ||
          !isStaticActivation(e->qconfig->activation.observer)) {
        ret.emitError() << prefix() << "output-quantized-idxs: result #"
                        << index << " comes from "
                        << (producer ? describeOp(producer)
                                     : std::string("a function argument"))
                        << ", whose QConfig does not quantize activations "
                           "statically";
        return WalkResult::interrupt();
      }
      Operation *observer =
          getOrCreateObserver(v, toQuantizer(e->qconfig->activation), producer);
      if (!observer)
        return WalkResult::interrupt();
      ret.setOperand(index, observer->getResult(0));
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  fn->setAttr(QuillDialect::kOutputQuantizedIdxsAttrName,
              DenseI64ArrayAttr::get(fn.getContext(), indices));
  return success();
}

} // namespace

PrepareTables loadPrepareTables(StringRef passName, StringRef backend,
                                StringRef qconfig, MLIRContext *ctx) {
  PrepareTables tables;
  llvm::Expected<BackendConfig> b = loadBackendConfig(backend, ctx);
  if (!b) {
    tables.loadError = (passName + ": cannot load backend '" + backend +
                        "': " + llvm::toString(b.takeError()))
                           .str();
    return tables;
  }
  llvm::Expected<QConfigMapping> m = loadQConfigMapping(qconfig, ctx);
  if (!m) {
    tables.loadError = (passName + ": cannot load qconfig '" + qconfig +
                        "': " + llvm::toString(m.takeError()))
                           .str();
    return tables;
  }
  tables.backend = std::make_shared<const BackendConfig>(std::move(*b));
  tables.mapping = std::make_shared<const QConfigMapping>(std::move(*m));
  return tables;
}

LogicalResult prepareFunction(func::FuncOp fn, const PrepareTables &tables,
                              const PrepareOptions &options) {
  if (!tables.loadError.empty())
    return fn.emitError(tables.loadError);
  if (fn.isExternal())
    return success();
  return Preparer(fn, *tables.backend, *tables.mapping, options).run();
}

} // namespace mlir::quill
