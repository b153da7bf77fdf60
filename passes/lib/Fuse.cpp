//===- Fuse.cpp - table-driven fusion (quill-fuse) ------------------------===//
//
// PyTorch's fuse_fx over quill ops: the BackendConfig's fusion entries (those
// with a fused_op) are matched by the generic PatternMatcher, and each match
// is folded into its root op. What an op contributes is asked through the
// ODS interfaces (WeightedOpInterface, FoldableNormOpInterface,
// FusibleActivationOpInterface, FusedActivationOpInterface), never by name.
//
//===----------------------------------------------------------------------===//

#include "ConstantTensors.h"
#include "FoldBatchNorm.h"
#include "PatternMatcher.h"
#include "QConfigAssignment.h"

#include "quill/BackendConfig/BackendConfig.h"
#include "quill/BackendConfig/QConfig.h"
#include "quill/Dialect/Quill/QuillOps.h"
#include "quill/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::quill {
#define GEN_PASS_DEF_QUILLFUSE
#include "quill/Passes/Passes.h.inc"

namespace {
// "quill.relu(quill.batch_norm[rank 4](quill.conv2d))": the entry's pattern
// as a call tree, the last op outermost.
std::string formatPattern(const PatternNode &node) {
  std::string text = node.op;
  if (!node.inputRanks.empty()) {
    text += "[rank ";
    text +=
        llvm::join(llvm::map_range(node.inputRanks,
                                   [](int64_t r) { return std::to_string(r); }),
                   "|");
    text += "]";
  }
  if (!node.args.empty()) {
    text += "(";
    text += llvm::join(llvm::map_range(node.args, formatPattern), ", ");
    text += ")";
  }
  return text;
}

// The folded weight and bias of the root while a match is planned.
struct FoldState {
  RankedTensorType weightType;
  std::vector<float> weight, bias; // bias empty: the root has none yet
};

/// Plans and applies the rewrite of one match. Everything is checked before
/// the IR changes, so a failed match leaves its ops as they were.
class MatchFuser {
public:
  MatchFuser(const PatternMatch &match, const BackendConfig &backend,
             const QConfigAssignment *qconfigs)
      : match(match), backend(backend), qconfigs(qconfigs),
        entry(*match.config) {}

  LogicalResult run() {
    root = match.getDefaultRootOp();
    if (failed(checkEntry()) || failed(checkQConfigs()) ||
        failed(collectChain()) || failed(plan()))
      return failure();
    apply();
    return success();
  }

private:
  const PatternMatch &match;
  const BackendConfig &backend;
  const QConfigAssignment *qconfigs;
  const BackendPatternConfig &entry;
  Operation *root = nullptr;
  /// The ops folded into the root, in dataflow order.
  SmallVector<Operation *> absorbed;
  std::optional<FoldState> fold;
  std::optional<FusedActivation> activation;

  std::string describeEntry() const {
    return "backend '" + backend.name + "' entry #" +
           std::to_string(match.configIndex) + " " +
           formatPattern(entry.pattern);
  }

  static std::string notConstant(StringRef operand, Operation *op) {
    return ("operand '" + operand + "' of " + describeOp(op) +
            " is not a constant f32 tensor (dense or dense_resource)")
        .str();
  }

  InFlightDiagnostic errorAt(Operation *op) const {
    return op->emitError() << "quill-fuse (" << describeEntry() << "): ";
  }

  LogicalResult checkEntry() {
    if (!root)
      return errorAt(match.getLastOp())
             << "the pattern's root (its first op) is \"*\": nothing to fuse "
                "into";
    if (entry.fusedOp != root->getName().getStringRef())
      return errorAt(root) << "fused_op '" << entry.fusedOp
                           << "' must name the pattern's root op '"
                           << root->getName()
                           << "': Quill fuses a match into its root op";
    return success();
  }

  // PyTorch's prepare rejects a fused module whose parts have different
  // qconfigs; None ones never reach here (the matcher skips them).
  LogicalResult checkQConfigs() {
    if (!qconfigs)
      return success();
    const QConfigAssignment::Entry *rootEntry = qconfigs->lookup(root);
    for (Operation *op : match.getOps()) {
      const QConfigAssignment::Entry *e = qconfigs->lookup(op);
      if (op == root || !rootEntry || !e || e->qconfig == rootEntry->qconfig)
        continue;
      InFlightDiagnostic diag = errorAt(op)
                                << describeOp(op) << " and " << describeOp(root)
                                << " would be fused but have different "
                                   "QConfigs; give them the same one";
      diag.attachNote(root->getLoc()) << describeOp(root) << " is here";
      return diag;
    }
    return success();
  }

  // The root is the pattern's default root: the innermost first argument.
  // Every other matched op must sit on that path (each one reading the
  // previous one as operand 0), else there is no single op to fuse into.
  LogicalResult collectChain() {
    const PatternNode *node = &entry.pattern;
    SmallVector<Operation *> path;
    while (true) {
      path.push_back(match.getOp(*node));
      if (node->args.empty())
        break;
      node = &node->args.front();
    }
    if (path.back() != root || match.getOps().size() != path.size())
      return errorAt(match.getLastOp())
             << "only a chain of ops, each reading the previous one as its "
                "first operand, can be fused into one op";
    absorbed.assign(path.rbegin() + 1, path.rend());
    return success();
  }

  LogicalResult plan() {
    auto host = dyn_cast<FusedActivationOpInterface>(root);
    if (host)
      activation = host.getFusedActivation();
    for (Operation *op : absorbed) {
      if (auto norm = dyn_cast<FoldableNormOpInterface>(op)) {
        if (failed(planFold(norm)))
          return failure();
      } else if (auto act = dyn_cast<FusibleActivationOpInterface>(op)) {
        if (!host)
          return errorAt(op) << describeOp(root)
                             << " has no fused_activation attribute to take "
                             << describeOp(op);
        FusedActivation kind = act.getAsFusedActivation();
        if (activation && *activation != kind)
          return errorAt(op) << describeOp(root) << " already applies "
                             << stringifyFusedActivation(*activation);
        activation = kind;
      } else {
        return errorAt(op) << "cannot fuse " << describeOp(op) << " into "
                           << describeOp(root)
                           << ": it is neither a foldable normalization nor "
                              "a fusible activation";
      }
    }
    return success();
  }

  LogicalResult planFold(FoldableNormOpInterface norm) {
    Operation *op = norm.getOperation();
    auto weighted = dyn_cast<WeightedOpInterface>(root);
    auto fail = [&]() {
      return errorAt(op) << "cannot fold " << describeOp(op) << " into "
                         << describeOp(root) << ": ";
    };
    if (!weighted)
      return fail() << describeOp(root)
                    << " has no weight (it is no WeightedOpInterface)";
    if (activation)
      return fail() << "the activation "
                    << stringifyFusedActivation(*activation)
                    << " comes before the normalization";
    int64_t normAxis = norm.getChannelAxis(),
            rootAxis = weighted.getResultChannelAxis();
    if (normAxis != rootAxis)
      return fail() << describeOp(op) << " normalizes dimension " << normAxis
                    << " but the output channels of " << describeOp(root)
                    << " are dimension " << rootAxis;
    if (failed(weighted.checkOutputChannelsScalable([&] { return fail(); })))
      return failure();
    if (!fold) {
      std::optional<std::vector<float>> w =
          readF32Constant(weighted.getWeight());
      if (!w)
        return fail() << notConstant("weight", root);
      fold.emplace();
      fold->weightType = cast<RankedTensorType>(weighted.getWeight().getType());
      fold->weight = std::move(*w);
      if (Value bias = weighted.getBias()) {
        std::optional<std::vector<float>> b = readF32Constant(bias);
        if (!b)
          return fail() << notConstant("bias", root);
        fold->bias = std::move(*b);
      }
    }
    int64_t axis = weighted.getWeightOutputChannelAxis();
    size_t channels = fold->weightType.getDimSize(axis);

    // The statistics: required, or optional (null value = ones / zeros).
    std::vector<float> params[4];
    const std::pair<Value, StringRef> operands[4] = {
        {norm.getRunningMean(), "running_mean"},
        {norm.getRunningVar(), "running_var"},
        {norm.getWeight(), "weight"},
        {norm.getBias(), "bias"}};
    for (auto [i, operand] : llvm::enumerate(operands)) {
      auto [value, name] = operand;
      if (!value)
        continue;
      std::optional<std::vector<float>> v = readF32Constant(value);
      if (!v)
        return fail() << notConstant(name, op);
      if (v->size() != channels)
        return fail() << "operand '" << name << "' of " << describeOp(op)
                      << " has " << v->size() << " values for " << channels
                      << " output channels";
      params[i] = std::move(*v);
    }
    BatchNormParams bn{params[0], params[1], params[2], params[3],
                       norm.getEps().convertToDouble()};
    BiasFoldOrder order =
        weighted.getBatchNormFoldRule() == BatchNormFoldRule::linear
            ? BiasFoldOrder::Linear
            : BiasFoldOrder::Conv;
    FoldedWeights folded = foldBatchNorm(
        fold->weight, fold->weightType.getShape(), axis, fold->bias, bn, order);
    fold->weight = std::move(folded.weight);
    fold->bias = std::move(folded.bias);
    return success();
  }

  void apply() {
    // Constants the fold replaced: erased below if nothing else reads them.
    llvm::SetVector<Operation *> maybeDead;
    auto noteOperands = [&](Operation *op) {
      for (Value v : op->getOperands())
        if (Operation *def = v.getDefiningOp())
          if (def->hasTrait<::mlir::OpTrait::ConstantLike>())
            maybeDead.insert(def);
    };

    if (fold) {
      auto weighted = cast<WeightedOpInterface>(root);
      noteOperands(root);
      OpBuilder builder(root);
      Value oldWeight = weighted.getWeight(), oldBias = weighted.getBias();
      Value weight =
          createConstant<float>(builder, oldWeight.getLoc(), fold->weightType,
                                fold->weight, oldWeight, "_fused");
      auto biasType =
          RankedTensorType::get({static_cast<int64_t>(fold->bias.size())},
                                fold->weightType.getElementType());
      Value bias =
          oldBias ? createConstant<float>(builder, oldBias.getLoc(), biasType,
                                          fold->bias, oldBias, "_fused")
                  : createConstant<float>(builder, root->getLoc(), biasType,
                                          fold->bias, oldWeight, "_fused_bias");
      weighted.getWeightMutable().set(weight);
      weighted.getBiasMutable().assign(bias);
    }
    if (activation)
      cast<FusedActivationOpInterface>(root).setFusedActivation(activation);

    Operation *last = match.getLastOp();
    if (last != root) {
      Value result = root->getResult(0);
      result.setType(last->getResult(0).getType());
      last->getResult(0).replaceAllUsesWith(result);
      for (Operation *op : llvm::reverse(absorbed)) {
        noteOperands(op);
        op->erase();
      }
    }
    for (Operation *op : maybeDead)
      if (op->use_empty())
        op->erase();
  }
};

struct FusePass : impl::QuillFuseBase<FusePass> {
  using Base::Base;

  // Loaded once per pass-manager run and shared by the per-thread clones. A
  // load error is reported on each function, where it has a location.
  LogicalResult initialize(MLIRContext *ctx) override {
    loadError.clear();
    llvm::Expected<BackendConfig> loaded = loadBackendConfig(backend, ctx);
    if (!loaded) {
      loadError = "quill-fuse: cannot load backend '" + backend +
                  "': " + llvm::toString(loaded.takeError());
      return success();
    }
    tables = std::make_shared<const BackendConfig>(std::move(*loaded));
    mapping.reset();
    if (qconfig.empty())
      return success();
    llvm::Expected<QConfigMapping> m = loadQConfigMapping(qconfig, ctx);
    if (!m) {
      loadError = "quill-fuse: cannot load qconfig '" + qconfig +
                  "': " + llvm::toString(m.takeError());
      return success();
    }
    mapping = std::make_shared<const QConfigMapping>(std::move(*m));
    return success();
  }

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (!loadError.empty()) {
      fn.emitError(loadError);
      return signalPassFailure();
    }
    std::optional<QConfigAssignment> qconfigs;
    PatternMatcher::OpFilter notNone;
    if (mapping) {
      qconfigs.emplace(fn, *mapping);
      notNone = [&](Operation *op) {
        const QConfigAssignment::Entry *e = qconfigs->lookup(op);
        return !e || e->qconfig.has_value();
      };
    }
    PatternMatcher matcher(*tables, [](const BackendPatternConfig &c) {
      return !c.fusedOp.empty();
    });

    // Match everything first: a rewrite only touches its own ops and the
    // constants nothing else reads, so the other matches stay valid.
    SmallVector<Block *> blocks;
    fn.walk([&](Block *block) { blocks.push_back(block); });
    bool ok = true;
    for (Block *block : blocks)
      for (const PatternMatch &m : matcher.matchBlock(*block, notNone))
        ok &= succeeded(
            MatchFuser(m, *tables, qconfigs ? &*qconfigs : nullptr).run());
    if (!ok)
      signalPassFailure();
  }

  std::shared_ptr<const BackendConfig> tables;
  std::shared_ptr<const QConfigMapping> mapping;
  std::string loadError;
};
} // namespace
} // namespace mlir::quill
