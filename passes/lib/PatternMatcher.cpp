//===- PatternMatcher.cpp - match BackendConfig patterns against ops ------===//

#include "PatternMatcher.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::quill;

namespace {
// PyTorch's sorted_patterns_dict counts every entry of a pattern tuple.
size_t patternSize(const PatternNode &node) {
  size_t n = 1;
  for (const PatternNode &arg : node.args)
    n += patternSize(arg);
  return n;
}

bool rankAllowed(Operation *op, llvm::ArrayRef<int64_t> ranks) {
  if (ranks.empty())
    return true;
  if (op->getNumOperands() == 0)
    return false;
  auto type = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  return type && llvm::is_contained(ranks, type.getRank());
}

struct TreeMatcher {
  const PatternMatcher::OpFilter &filter;
  const llvm::DenseSet<Operation *> &claimed;
  Block *block;
  PatternMatch &match;

  // Matches `node` against `value`; `op` is the value's producer (the last
  // op for the tree root, where `value` is its first result).
  bool matchNode(const PatternNode &node, Value value, bool isTreeRoot) {
    if (node.isAny()) {
      match.nodes.push_back({&node, nullptr, value});
      return true;
    }
    Operation *op = value.getDefiningOp();
    if (!op || op->getName().getStringRef() != node.op ||
        op->getBlock() != block || claimed.contains(op) ||
        (filter && !filter(op)) || !rankAllowed(op, node.inputRanks))
      return false;
    // An intermediate result read elsewhere must stay: it cannot be fused
    // or observed as part of this pattern.
    if (!isTreeRoot && !op->hasOneUse())
      return false;
    if (node.args.size() > op->getNumOperands())
      return false;
    match.nodes.push_back({&node, op, value});
    for (auto [arg, operand] : llvm::zip(node.args, op->getOperands()))
      if (!matchNode(arg, operand, /*isTreeRoot=*/false))
        return false;
    return true;
  }
};
} // namespace

Operation *PatternMatch::getOp(const PatternNode &node) const {
  for (const MatchedNode &m : nodes)
    if (m.node == &node)
      return m.op;
  return nullptr;
}

Operation *PatternMatch::getDefaultRootOp() const {
  return getOp(config->pattern.defaultRoot());
}

llvm::SmallVector<Operation *, 4> PatternMatch::getOps() const {
  llvm::SmallVector<Operation *, 4> ops;
  for (const MatchedNode &m : nodes)
    if (m.op)
      ops.push_back(m.op);
  return ops;
}

PatternMatcher::PatternMatcher(
    const BackendConfig &config,
    std::function<bool(const BackendPatternConfig &)> select)
    : config(config) {
  for (size_t i = 0; i < config.configs.size(); ++i)
    if (!select || select(config.configs[i]))
      order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return patternSize(config.configs[a].pattern) >
           patternSize(config.configs[b].pattern);
  });
}

std::optional<PatternMatch>
PatternMatcher::matchAt(Operation *op, const OpFilter &filter,
                        const llvm::DenseSet<Operation *> &claimed) const {
  if (op->getNumResults() == 0)
    return std::nullopt;
  for (size_t index : order) {
    const BackendPatternConfig &entry = config.configs[index];
    if (entry.pattern.op != op->getName().getStringRef())
      continue;
    PatternMatch match;
    match.config = &entry;
    match.configIndex = index;
    TreeMatcher matcher{filter, claimed, op->getBlock(), match};
    if (matcher.matchNode(entry.pattern, op->getResult(0), /*isTreeRoot=*/true))
      return match;
  }
  return std::nullopt;
}

std::vector<PatternMatch>
PatternMatcher::matchBlock(Block &block, const OpFilter &filter) const {
  std::vector<PatternMatch> matches;
  llvm::DenseSet<Operation *> claimed;
  for (Operation &op : llvm::reverse(block)) {
    if (claimed.contains(&op))
      continue;
    std::optional<PatternMatch> match = matchAt(&op, filter, claimed);
    if (!match)
      continue;
    for (Operation *matched : match->getOps())
      claimed.insert(matched);
    matches.push_back(std::move(*match));
  }
  return matches;
}
