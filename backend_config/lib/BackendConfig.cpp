//===- BackendConfig.cpp - enums and pattern helpers ----------------------===//
//
// The small pieces of the data model: observation-type spellings
// (PyTorch's names), pattern-tree helpers and equality.
//
//===----------------------------------------------------------------------===//

#include "quill/BackendConfig/BackendConfig.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::quill;

std::optional<ObservationType>
mlir::quill::parseObservationType(StringRef name) {
  return llvm::StringSwitch<std::optional<ObservationType>>(name)
      .Case("output_use_different_observer_as_input",
            ObservationType::OutputUseDifferentObserverAsInput)
      .Case("output_share_observer_with_input",
            ObservationType::OutputShareObserverWithInput)
      .Default(std::nullopt);
}

StringRef mlir::quill::stringifyObservationType(ObservationType type) {
  switch (type) {
  case ObservationType::OutputUseDifferentObserverAsInput:
    return "output_use_different_observer_as_input";
  case ObservationType::OutputShareObserverWithInput:
    return "output_share_observer_with_input";
  }
  llvm_unreachable("unknown ObservationType");
}

bool DTypeWithConstraints::operator==(const DTypeWithConstraints &o) const {
  return dtype == o.dtype && quantMinLowerBound == o.quantMinLowerBound &&
         quantMaxUpperBound == o.quantMaxUpperBound &&
         scaleMinLowerBound == o.scaleMinLowerBound &&
         scaleMaxUpperBound == o.scaleMaxUpperBound &&
         scaleExactMatch == o.scaleExactMatch &&
         zeroPointExactMatch == o.zeroPointExactMatch;
}

bool DTypeConfig::operator==(const DTypeConfig &o) const {
  return input == o.input && output == o.output && weight == o.weight &&
         bias == o.bias && isDynamic == o.isDynamic;
}

// "*" is excluded: a chain is written as a list of op names, and a leading
// "*" would only say "any producer", which every chain already allows.
bool PatternNode::isChain() const {
  for (const PatternNode *node = this;; node = &node->args.front()) {
    if (node->isAny() || !node->inputRanks.empty() || node->args.size() > 1)
      return false;
    if (node->args.empty())
      return true;
  }
}

std::vector<std::string> PatternNode::chainOps() const {
  std::vector<std::string> ops;
  for (const PatternNode *node = this;; node = &node->args.front()) {
    ops.push_back(node->op);
    if (node->args.empty())
      break;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

const PatternNode &PatternNode::defaultRoot() const {
  const PatternNode *node = this;
  while (!node->args.empty())
    node = &node->args.front();
  return *node;
}

bool PatternNode::operator==(const PatternNode &o) const {
  return op == o.op && inputRanks == o.inputRanks && args == o.args;
}

StringRef BackendPatternConfig::getRootOp() const {
  if (!rootOp.empty())
    return rootOp;
  return pattern.defaultRoot().op;
}
