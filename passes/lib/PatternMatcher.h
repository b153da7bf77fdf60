//===- PatternMatcher.h - match BackendConfig patterns against ops --------===//
//
// The one matcher of the table-driven passes (fuse now, prepare and convert
// later): a BackendPatternConfig's pattern is a tree rooted at the last op of
// the match, args[i] describing the producer of operand i, as PyTorch's
// reversed pattern tuples. It knows no op: only names, ranks and use counts.
//
// Rules (PyTorch's fx matcher, made explicit):
//  - a node matches an op of its name; "*" matches any value, block
//    arguments included, whatever its uses (a "*" tree root matches
//    nothing: a match ends at an op);
//  - `input_ranks` constrains the rank of the op's operand 0;
//  - every matched op but the last (the tree root) has a single use and
//    lives in the last op's block;
//  - longer patterns (counting every node) are tried first, ties in table
//    order; the first that matches wins;
//  - ops are visited from the end of a block backwards, so the last op of a
//    chain claims it, and each op belongs to at most one match.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_PATTERNMATCHER_H
#define QUILL_PASSES_PATTERNMATCHER_H

#include "quill/BackendConfig/BackendConfig.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <optional>
#include <vector>

namespace mlir::quill {

/// One pattern node and what it matched.
struct MatchedNode {
  const PatternNode *node;
  /// The matched op; null for a "*" node.
  Operation *op;
  /// The value the node stands for (the op's result, or the "*" value).
  Value value;
};

struct PatternMatch {
  /// The table entry and its index in the BackendConfig.
  const BackendPatternConfig *config = nullptr;
  size_t configIndex = 0;
  /// Every node in pre-order: nodes[0] is the tree root (the last op).
  llvm::SmallVector<MatchedNode, 4> nodes;

  Operation *getLastOp() const { return nodes.front().op; }
  /// The op matched by a node of the pattern, null if it is "*".
  Operation *getOp(const PatternNode &node) const;
  /// The op of the pattern's default root (the first op in dataflow order,
  /// e.g. the conv of conv -> bn -> relu); null if that node is "*".
  Operation *getDefaultRootOp() const;
  /// The matched ops (no "*"), last op first.
  llvm::SmallVector<Operation *, 4> getOps() const;
};

class PatternMatcher {
public:
  /// Decides whether an op may be part of any match (e.g. its qconfig is
  /// not None). Null: every op may.
  using OpFilter = std::function<bool(Operation *)>;

  /// Matches the entries of `config` that `select` accepts (all if null).
  /// `config` must outlive the matcher and its matches.
  PatternMatcher(const BackendConfig &config,
                 std::function<bool(const BackendPatternConfig &)> select = {});

  /// The first entry, in priority order, whose pattern matches with `op` as
  /// its last op, skipping ops in `claimed` or rejected by `filter`.
  std::optional<PatternMatch>
  matchAt(Operation *op, const OpFilter &filter,
          const llvm::DenseSet<Operation *> &claimed) const;

  /// Every match in `block` (not nested regions), walking backwards; the
  /// result is in that order (last match in the block first).
  std::vector<PatternMatch> matchBlock(Block &block,
                                       const OpFilter &filter = {}) const;

private:
  const BackendConfig &config;
  /// Indices into config.configs, longest pattern first, ties in order.
  std::vector<size_t> order;
};

} // namespace mlir::quill

#endif // QUILL_PASSES_PATTERNMATCHER_H
