//===- JSONHelpers.cpp - what the table readers share ---------------------===//

#include "JSONHelpers.h"

#include "llvm/ADT/STLExtras.h"

#include <utility>

using namespace mlir;
using namespace mlir::quill;
namespace json = llvm::json;

namespace {
// The message behind the last reportJSONError on this thread. Path::report
// records the path; the message waits here until takeJSONError.
thread_local std::string pendingMessage;
constexpr llvm::StringLiteral kPendingMarker = "invalid value";
constexpr llvm::StringLiteral kRootMarker = " at (root)";
} // namespace

void mlir::quill::reportJSONError(json::Path path, const Twine &message) {
  pendingMessage = message.str();
  path.report(kPendingMarker);
}

llvm::Error mlir::quill::takeJSONError(const json::Path::Root &root) {
  // An unnamed root prints "<message> at (root).a[1].b", or only the message
  // for an error at the root itself.
  std::string text = llvm::toString(root.getError());
  std::string pending = std::exchange(pendingMessage, std::string());
  StringRef message = text, where;
  size_t at = message.find(kRootMarker);
  if (at != StringRef::npos) {
    where = message.drop_front(at + kRootMarker.size());
    where.consume_front(".");
    message = message.take_front(at);
  }
  if (message == kPendingMarker && !pending.empty())
    message = pending;
  if (where.empty())
    return llvm::createStringError(message);
  return llvm::createStringError(Twine(where) + ": " + message);
}

const json::Object *mlir::quill::readObject(const json::Value &value,
                                            json::Path path,
                                            ArrayRef<StringRef> allowed,
                                            llvm::StringLiteral notObject) {
  const json::Object *object = value.getAsObject();
  if (!object) {
    path.report(notObject);
    return nullptr;
  }
  std::optional<StringRef> unknown;
  for (const auto &[key, unused] : *object)
    if (!llvm::is_contained(allowed, StringRef(key)) &&
        (!unknown || StringRef(key) < *unknown))
      unknown = StringRef(key);
  if (!unknown)
    return object;
  reportJSONError(path.field(*unknown), "unknown field '" + *unknown +
                                            "' (expected " +
                                            llvm::join(allowed, ", ") + ")");
  return nullptr;
}

bool mlir::quill::readString(const json::Value &value, json::Path path,
                             StringRef &out) {
  std::optional<StringRef> s = value.getAsString();
  if (!s) {
    path.report("expected a string");
    return false;
  }
  out = *s;
  return true;
}
