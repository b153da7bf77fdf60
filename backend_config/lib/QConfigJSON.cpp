//===- QConfigJSON.cpp - QConfig and QConfigMapping as JSON ---------------===//
//
// The mapping mirrors PyTorch's QConfigMapping.to_dict():
//   {"global": QC, "object_type": [[type, QC]...],
//    "module_name_regex": [[regex, QC]...], "module_name": [[name, QC]...],
//    "module_name_object_type_order": [[name, type, index, QC]...]}
// QC is null (None) or {"activation": Q, "weight": Q}; Q is an observer spec
// ({"kind": "histogram", "dtype": "quint8", "reduce_range": true}) with an
// optional "fake_quant" class. Reading validates everything the printer can
// write, so printing and reading back is the identity.
//
//===----------------------------------------------------------------------===//

#include "JSONHelpers.h"
#include "ObserverSpecJSON.h"
#include "quill/BackendConfig/QConfig.h"
#include "quill/BackendConfig/TorchNames.h"

#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace mlir::quill;
namespace json = llvm::json;

//===----------------------------------------------------------------------===//
// QConfigs
//===----------------------------------------------------------------------===//

namespace {
constexpr llvm::StringLiteral kFakeQuantField = "fake_quant";

json::Value quantizerToJSON(const QuantizerSpec &quantizer) {
  json::Value value = toJSON(quantizer.observer);
  if (quantizer.fakeQuant)
    (*value.getAsObject())[kFakeQuantField] =
        stringifyFakeQuantKind(*quantizer.fakeQuant);
  return value;
}

std::optional<QuantizerSpec> readQuantizer(const json::Value &value,
                                           json::Path path, MLIRContext *ctx) {
  ObserverSpecAttr observer =
      observerSpecFromJSON(value, path, ctx, StringRef(kFakeQuantField));
  if (!observer)
    return std::nullopt;
  QuantizerSpec quantizer{observer, std::nullopt};
  const json::Value *fakeQuant = value.getAsObject()->get(kFakeQuantField);
  if (!fakeQuant)
    return quantizer;
  json::Path fakeQuantPath = path.field(kFakeQuantField);
  quantizer.fakeQuant = readEnum<FakeQuantKind>(
      *fakeQuant, fakeQuantPath, "fake_quant", getMaxEnumValForFakeQuantKind());
  if (!quantizer.fakeQuant ||
      !verifyAt(fakeQuantPath, ctx, [&](auto emitError) {
        return succeeded(
            observer.verifyFakeQuant(emitError, *quantizer.fakeQuant));
      }))
    return std::nullopt;
  return quantizer;
}

json::Value qconfigToJSON(const QConfigAny &qconfig) {
  if (!qconfig)
    return nullptr;
  return json::Object{{"activation", quantizerToJSON(qconfig->activation)},
                      {"weight", quantizerToJSON(qconfig->weight)}};
}

// null is PyTorch's None.
bool readQConfig(const json::Value &value, json::Path path, MLIRContext *ctx,
                 QConfigAny &out) {
  if (value.getAsNull()) {
    out = std::nullopt;
    return true;
  }
  const json::Object *object = readObject(value, path, {"activation", "weight"},
                                          "expected a qconfig object or null");
  if (!object)
    return false;
  const json::Value *activation = object->get("activation");
  const json::Value *weight = object->get("weight");
  if (!activation || !weight) {
    path.field(activation ? "weight" : "activation").report("missing value");
    return false;
  }
  std::optional<QuantizerSpec> act =
      readQuantizer(*activation, path.field("activation"), ctx);
  if (!act)
    return false;
  std::optional<QuantizerSpec> wt =
      readQuantizer(*weight, path.field("weight"), ctx);
  if (!wt)
    return false;
  out = QConfig{*act, *wt};
  return true;
}
} // namespace

//===----------------------------------------------------------------------===//
// QConfigMapping
//===----------------------------------------------------------------------===//

namespace {
constexpr llvm::StringLiteral kGlobal = "global", kObjectType = "object_type",
                              kRegex = "module_name_regex",
                              kModuleName = "module_name",
                              kOrder = "module_name_object_type_order";

// One rule: a JSON array of `size` elements.
const json::Array *readRule(const json::Value &value, json::Path path,
                            size_t size, llvm::StringLiteral shape) {
  const json::Array *rule = value.getAsArray();
  if (!rule || rule->size() != size) {
    path.report(shape);
    return nullptr;
  }
  return rule;
}

// A quill op name must name a quill op; anything else is a PyTorch type,
// function or method name, compared with `quill.module_type` by canonical
// spelling (TorchNames.h). `key` is what the mapping stores: the canonical
// spelling of a known PyTorch name, else the name as written.
bool readObjectType(const json::Value &value, json::Path path, MLIRContext *ctx,
                    StringRef &key) {
  StringRef written;
  if (!readString(value, path, written))
    return false;
  if (written.empty()) {
    path.report("an object type must not be empty");
    return false;
  }
  if (written.starts_with("quill.") &&
      !RegisteredOperationName::lookup(written, ctx)) {
    reportJSONError(path, "unknown quill op '" + written + "'");
    return false;
  }
  key = canonicalTorchName(written).value_or(written);
  return true;
}

// Two rules with the same key would silently keep only the later qconfig.
// Spellings of one PyTorch object are the same key.
bool checkUnique(llvm::StringMap<unsigned> &seen, StringRef key, unsigned index,
                 json::Path path, StringRef rules, StringRef what) {
  auto [it, inserted] = seen.try_emplace(key, index);
  if (!inserted)
    reportJSONError(path, "duplicate " + what + " '" + key + "' (first at " +
                              rules + "[" + Twine(it->second) + "])");
  return inserted;
}

// Calls `readOne(element, path)` on each element of the array at `key`.
template <typename ReadOne>
bool readRules(const json::Object &object, json::Path path, StringRef key,
               ReadOne readOne) {
  const json::Value *value = object.get(key);
  if (!value)
    return true;
  json::Path rulesPath = path.field(key);
  const json::Array *rules = value->getAsArray();
  if (!rules) {
    rulesPath.report("expected an array of rules");
    return false;
  }
  for (auto [i, rule] : llvm::enumerate(*rules))
    if (!readOne(rule, rulesPath.index(i), static_cast<unsigned>(i)))
      return false;
  return true;
}

bool readMapping(const json::Value &value, json::Path path, MLIRContext *ctx,
                 QConfigMapping &mapping) {
  const json::Object *object = readObject(
      value, path, {kGlobal, kObjectType, kRegex, kModuleName, kOrder},
      "expected a qconfig mapping object");
  if (!object)
    return false;
  if (const json::Value *global = object->get(kGlobal)) {
    QConfigAny qconfig;
    if (!readQConfig(*global, path.field(kGlobal), ctx, qconfig))
      return false;
    mapping.setGlobal(qconfig);
  }

  // [key, qconfig] rules; `set(key, qconfig, keyPath)` registers one in the
  // mapping.
  auto readKeyed = [&](StringRef rules, StringRef what,
                       llvm::StringLiteral shape, auto readKey, auto set) {
    llvm::StringMap<unsigned> seen;
    return readRules(
        *object, path, rules,
        [&](const json::Value &v, json::Path p, unsigned i) {
          const json::Array *rule = readRule(v, p, 2, shape);
          StringRef key;
          QConfigAny qconfig;
          return rule && readKey((*rule)[0], p.index(0), key) &&
                 checkUnique(seen, key, i, p.index(0), rules, what) &&
                 readQConfig((*rule)[1], p.index(1), ctx, qconfig) &&
                 set(key, qconfig, p.index(0));
        });
  };
  auto objectTypeKey = [&](const json::Value &v, json::Path p, StringRef &k) {
    return readObjectType(v, p, ctx, k);
  };
  if (!readKeyed(kObjectType, "object type", "expected [object type, qconfig]",
                 objectTypeKey,
                 [&](StringRef key, QConfigAny qconfig, json::Path) {
                   mapping.setObjectType(key, qconfig);
                   return true;
                 }) ||
      !readKeyed(kRegex, "regex", "expected [regex, qconfig]", readString,
                 [&](StringRef key, QConfigAny qconfig, json::Path p) {
                   if (llvm::Error error =
                           mapping.setModuleNameRegex(key, qconfig)) {
                     reportJSONError(p, llvm::toString(std::move(error)));
                     return false;
                   }
                   return true;
                 }) ||
      !readKeyed(kModuleName, "module name", "expected [module name, qconfig]",
                 readString,
                 [&](StringRef key, QConfigAny qconfig, json::Path) {
                   mapping.setModuleName(key, qconfig);
                   return true;
                 }))
    return false;

  llvm::StringMap<unsigned> seen;
  return readRules(
      *object, path, kOrder,
      [&](const json::Value &v, json::Path p, unsigned i) {
        const json::Array *rule =
            readRule(v, p, 4,
                     "expected [module name, object type, index, "
                     "qconfig]");
        StringRef name, objectType;
        QConfigAny qconfig;
        if (!rule || !readString((*rule)[0], p.index(0), name) ||
            !readObjectType((*rule)[1], p.index(1), ctx, objectType))
          return false;
        std::optional<int64_t> index = (*rule)[2].getAsInteger();
        if (!index || *index < 0) {
          p.index(2).report("expected a non-negative integer");
          return false;
        }
        std::string key =
            ("(" + name + ", " + objectType + ", " + Twine(*index) + ")").str();
        if (!checkUnique(seen, key, i, p, kOrder, "rule") ||
            !readQConfig((*rule)[3], p.index(3), ctx, qconfig))
          return false;
        mapping.setModuleNameObjectTypeOrder(name, objectType, *index, qconfig);
        return true;
      });
}
} // namespace

json::Value mlir::quill::toJSON(const QConfigMapping &mapping) {
  json::Array objectTypes, regexes, names, orders;
  for (const auto &entry : mapping.getObjectTypes())
    objectTypes.push_back(
        json::Array{entry.objectType, qconfigToJSON(entry.qconfig)});
  for (const auto &entry : mapping.getModuleNameRegexes())
    regexes.push_back(json::Array{entry.regex, qconfigToJSON(entry.qconfig)});
  for (const auto &entry : mapping.getModuleNames())
    names.push_back(
        json::Array{entry.moduleName, qconfigToJSON(entry.qconfig)});
  for (const auto &entry : mapping.getOrders())
    orders.push_back(json::Array{entry.moduleName, entry.objectType,
                                 entry.index, qconfigToJSON(entry.qconfig)});
  return json::Object{{kGlobal, qconfigToJSON(mapping.getGlobal())},
                      {kObjectType, std::move(objectTypes)},
                      {kRegex, std::move(regexes)},
                      {kModuleName, std::move(names)},
                      {kOrder, std::move(orders)}};
}

llvm::Expected<QConfigMapping>
mlir::quill::parseQConfigMapping(StringRef text, MLIRContext *ctx) {
  ctx->getOrLoadDialect<QuillDialect>();
  return parseJSONTable<QConfigMapping>(
      text,
      [&](const json::Value &value, json::Path path, QConfigMapping &out) {
        return readMapping(value, path, ctx, out);
      });
}

llvm::Expected<QConfigMapping>
mlir::quill::loadQConfigMapping(StringRef nameOrPath, MLIRContext *ctx) {
  return loadBuiltinOrFile<QConfigMapping>(
      nameOrPath, qconfigPresetNames(), "qconfig preset",
      [&](StringRef name) { return getQConfigPreset(name, ctx); },
      [&](StringRef text) { return parseQConfigMapping(text, ctx); });
}
