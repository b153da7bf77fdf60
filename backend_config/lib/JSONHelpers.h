//===- JSONHelpers.h - what the table readers share -------------*- C++ -*-===//
//
// The BackendConfig, QConfig and observer-spec readers report every error
// at the JSON path of the offending value (`configs[3].pattern[1]: ...`).
// These are their common pieces: errors whose message quotes values,
// objects with a fixed set of keys, strings, enum names, and the dialect's
// verifiers reporting at a path.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_BACKENDCONFIG_LIB_JSONHELPERS_H
#define QUILL_BACKENDCONFIG_LIB_JSONHELPERS_H

#include "quill/Dialect/Quill/QuillDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <optional>

namespace mlir::quill {

/// json::Path::report keeps only string literals. The readers report
/// messages that quote values (and the verifiers') with reportJSONError and
/// turn the root's error into `path: message` with takeJSONError.
void reportJSONError(llvm::json::Path path, const llvm::Twine &message);
llvm::Error takeJSONError(const llvm::json::Path::Root &root);

/// `value` as an object whose keys are all in `allowed`. Otherwise reports
/// `notObject`, or the first unknown key in sorted order (a stable message
/// listing the allowed ones), and returns null.
const llvm::json::Object *
readObject(const llvm::json::Value &value, llvm::json::Path path,
           llvm::ArrayRef<llvm::StringRef> allowed,
           llvm::StringLiteral notObject = "expected an object");

bool readString(const llvm::json::Value &value, llvm::json::Path path,
                llvm::StringRef &out);

/// A string naming a case of an enum with cases 0..maxValue; an unknown
/// name is reported with the valid ones.
template <typename Enum, typename Symbolize, typename Stringify>
std::optional<Enum> readEnum(const llvm::json::Value &value,
                             llvm::json::Path path, llvm::StringRef what,
                             unsigned maxValue, Symbolize symbolize,
                             Stringify stringify) {
  llvm::StringRef name;
  if (!readString(value, path, name))
    return std::nullopt;
  if (std::optional<Enum> result = symbolize(name))
    return result;
  llvm::SmallVector<llvm::StringRef> names;
  for (unsigned i = 0; i <= maxValue; ++i)
    names.push_back(stringify(static_cast<Enum>(i)));
  reportJSONError(path, "unknown " + what + " '" + name +
                            "' (expected one of " + llvm::join(names, ", ") +
                            ")");
  return std::nullopt;
}

/// A quill dialect enum, by its generated symbolizeEnum / stringifyEnum.
template <typename Enum>
std::optional<Enum> readEnum(const llvm::json::Value &value,
                             llvm::json::Path path, llvm::StringRef what,
                             unsigned maxValue) {
  return readEnum<Enum>(
      value, path, what, maxValue,
      [](llvm::StringRef s) { return symbolizeEnum<Enum>(s); },
      [](Enum e) { return stringifyEnum(e); });
}

/// "quint8", "qint8" ...: the dtypes of observer specs and dtype configs.
inline std::optional<QDType> readQDType(const llvm::json::Value &value,
                                        llvm::json::Path path) {
  return readEnum<QDType>(value, path, "dtype", getMaxEnumValForQDType());
}

/// How readField reads a T, and what it reports when the value is not one.
template <typename T> struct JSONField;
template <> struct JSONField<int64_t> {
  static constexpr llvm::StringLiteral expected = "expected an integer";
  static std::optional<int64_t> get(const llvm::json::Value &v) {
    return v.getAsInteger();
  }
};
template <> struct JSONField<double> {
  static constexpr llvm::StringLiteral expected = "expected a number";
  static std::optional<double> get(const llvm::json::Value &v) {
    return v.getAsNumber();
  }
};
template <> struct JSONField<bool> {
  static constexpr llvm::StringLiteral expected = "expected true or false";
  static std::optional<bool> get(const llvm::json::Value &v) {
    return v.getAsBoolean();
  }
};

/// An optional field of `object`: absent leaves `out` unchanged, a value of
/// the wrong type is reported at `path.key`.
template <typename T>
bool readField(const llvm::json::Object &object, llvm::json::Path path,
               llvm::StringRef key, std::optional<T> &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return true;
  out = JSONField<T>::get(*value);
  if (!out)
    path.field(key).report(JSONField<T>::expected);
  return out.has_value();
}
template <typename T>
bool readField(const llvm::json::Object &object, llvm::json::Path path,
               llvm::StringRef key, T &out) {
  std::optional<T> value;
  if (!readField(object, path, key, value))
    return false;
  out = value.value_or(out);
  return true;
}

/// Parses `text` and reads it with `read(value, path, result)`: errors are
/// "invalid JSON: ..." or the reader's `path: message`.
template <typename T, typename Read>
llvm::Expected<T> parseJSONTable(llvm::StringRef text, Read read) {
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
  if (!value)
    return llvm::createStringError("invalid JSON: " +
                                   llvm::toString(value.takeError()));
  T result;
  llvm::json::Path::Root root;
  if (!read(*value, root, result))
    return takeJSONError(root);
  return result;
}

/// One of the built-in tables `names` (made by `builtin`), else the JSON
/// file at `nameOrPath` (read by `parse`); a file's errors start with its
/// path. `what` names the built-ins in errors ("native backend").
template <typename T>
llvm::Expected<T> loadBuiltinOrFile(
    llvm::StringRef nameOrPath, llvm::ArrayRef<llvm::StringRef> names,
    llvm::StringRef what,
    llvm::function_ref<llvm::Expected<T>(llvm::StringRef)> builtin,
    llvm::function_ref<llvm::Expected<T>(llvm::StringRef)> parse) {
  if (llvm::is_contained(names, nameOrPath))
    return builtin(nameOrPath);
  auto buffer = llvm::MemoryBuffer::getFile(nameOrPath, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(
        "'" + nameOrPath + "' is neither a " + what + " (" +
        llvm::join(names, ", ") +
        ") nor a readable file: " + buffer.getError().message());
  llvm::Expected<T> result = parse((*buffer)->getBuffer());
  if (!result)
    return llvm::createStringError(nameOrPath + ": " +
                                   llvm::toString(result.takeError()));
  return result;
}

/// Calls `check(emitError)` with an emitError whose message is reported at
/// `path`: the dialect's verifiers explain what is wrong, the path says
/// where.
template <typename Check>
bool verifyAt(llvm::json::Path path, MLIRContext *ctx, Check check) {
  std::string message;
  ScopedDiagnosticHandler capture(ctx, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  bool ok = check([ctx] { return emitError(UnknownLoc::get(ctx)); });
  if (!ok)
    reportJSONError(path, message);
  return ok;
}

} // namespace mlir::quill

#endif // QUILL_BACKENDCONFIG_LIB_JSONHELPERS_H
