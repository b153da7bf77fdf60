//===- QConfigAssignment.cpp - the QConfig of every op of a function ------===//

#include "QConfigAssignment.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace mlir::quill;

namespace {
llvm::StringRef stringAttr(Operation *op, llvm::StringRef name) {
  if (auto s = op->getAttrOfType<StringAttr>(name))
    return s.getValue();
  return {};
}
} // namespace

QConfigAssignment::QConfigAssignment(Operation *root,
                                     const QConfigMapping &mapping) {
  // (module path, object type) -> ops seen so far. StringRefs point into
  // attribute and op-name storage owned by the context.
  llvm::StringMap<llvm::StringMap<int64_t>> counters;
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (!isa_and_nonnull<QuillDialect>(op->getDialect()))
      return;
    OpIdentity id;
    id.opName = op->getName().getStringRef();
    id.moduleType = stringAttr(op, QuillDialect::kModuleTypeAttrName);
    id.modulePath = stringAttr(op, QuillDialect::kModuleAttrName);
    id.occurrence = counters[id.modulePath][id.objectType()]++;
    QConfigAny qconfig = mapping.resolve(id);
    entries.try_emplace(op, Entry{id, std::move(qconfig)});
  });
}

const QConfigAssignment::Entry *QConfigAssignment::lookup(Operation *op) const {
  auto it = entries.find(op);
  return it == entries.end() ? nullptr : &it->second;
}

std::string mlir::quill::describeOp(Operation *op) {
  std::string text = "'" + op->getName().getStringRef().str() + "'";
  llvm::StringRef module = stringAttr(op, QuillDialect::kModuleAttrName);
  if (!module.empty())
    text += " (module \"" + module.str() + "\")";
  return text;
}
