//===- QConfigMapping.cpp - which qconfig an op gets ----------------------===//
//
// PyTorch 1.13's precedence (qconfig_mapping_utils.py and
// fx/qconfig_mapping_utils.py generate_qconfig_map), each rule overriding
// the ones before it:
//   global
//   < object type (get_object_type_qconfig)
//   < module_name_regex, first registered match (get_module_name_regex_qconfig)
//   < module_name, exact then parent names (get_module_name_qconfig)
//   < module_name_object_type_order, first registered match
//     (maybe_adjust_qconfig_for_module_name_object_type_order).
//
//===----------------------------------------------------------------------===//

#include "quill/BackendConfig/QConfig.h"
#include "quill/BackendConfig/TorchNames.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::quill;

namespace {
// PyTorch keeps each rule kind in an OrderedDict: setting a key again
// replaces its value where the key was first inserted.
template <typename Entry, typename Matches>
void upsert(std::vector<Entry> &entries, Matches matches, Entry entry) {
  for (Entry &e : entries)
    if (matches(e)) {
      e.qconfig = std::move(entry.qconfig);
      return;
    }
  entries.push_back(std::move(entry));
}

// Spellings of one PyTorch object are one object type (TorchNames.h);
// other names (quill ops, user classes) stand for themselves.
StringRef canonicalObjectType(StringRef name) {
  return canonicalTorchName(name).value_or(name);
}

// Object-type rules. A key naming the op's module type is what PyTorch
// would look up; a quill op name covers every PyTorch spelling of the op
// (module, function, method, QAT and fused modules) and hand-written IR,
// which carries no module type. The module type wins.
const QConfigAny *
findObjectType(ArrayRef<QConfigMapping::ObjectTypeEntry> entries,
               const OpIdentity &op) {
  StringRef moduleType = canonicalObjectType(op.moduleType);
  const QConfigAny *byOpName = nullptr;
  for (const auto &entry : entries) {
    if (!moduleType.empty() && entry.objectType == moduleType)
      return &entry.qconfig;
    if (entry.objectType == op.opName)
      byOpName = &entry.qconfig;
  }
  return byOpName;
}

// "a.b.c" -> "a.b" -> "a" -> "" (PyTorch's _parent_name).
StringRef parentName(StringRef name) {
  size_t dot = name.rfind('.');
  return dot == StringRef::npos ? StringRef() : name.take_front(dot);
}

// ECMAScript (std::regex) agrees with Python's re on the common subset (.,
// *, +, ?, {m,n}, [...], |, (...), (?:...), lookahead, lazy repeats,
// \d \w \s \b); std::regex rejects most of the rest ((?P<name>...), (?i),
// lookbehind). Escapes are checked here: ECMAScript reads some Python
// escapes as literal letters (\A, \Z) or not at all (\a, \N, \U).
llvm::Expected<std::regex> compileModuleNameRegex(StringRef pattern) {
  auto invalid = [&](const Twine &why) {
    return llvm::createStringError("invalid regex '" + pattern + "': " + why);
  };
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\')
      continue;
    char c = pattern[++i];
    if (llvm::isAlpha(c) && !StringRef("bBdDsSwWfnrtvxu").contains(c))
      return invalid(Twine("unsupported escape '\\") + Twine(c) +
                     "' (Quill regexes are ECMAScript; use ^ and $ for \\A "
                     "and \\Z)");
  }
  try {
    return std::regex(pattern.begin(), pattern.end(),
                      std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error &e) {
    return invalid(e.what());
  }
}

// Python's re.match(pattern, name): a match starting at the first character.
bool matchesModuleName(const std::regex &regex, StringRef name) {
  return std::regex_search(name.begin(), name.end(), regex,
                           std::regex_constants::match_continuous);
}
} // namespace

QConfigMapping &QConfigMapping::setGlobal(QConfigAny qconfig) {
  global = std::move(qconfig);
  return *this;
}

QConfigMapping &QConfigMapping::setObjectType(StringRef objectType,
                                              QConfigAny qconfig) {
  StringRef key = canonicalObjectType(objectType);
  upsert(
      objectTypes,
      [&](const ObjectTypeEntry &e) { return e.objectType == key; },
      ObjectTypeEntry{key.str(), std::move(qconfig)});
  return *this;
}

llvm::Error QConfigMapping::setModuleNameRegex(StringRef regex,
                                               QConfigAny qconfig) {
  for (ModuleNameRegexEntry &entry : regexes)
    if (entry.regex == regex) {
      entry.qconfig = std::move(qconfig);
      return llvm::Error::success();
    }
  llvm::Expected<std::regex> compiled = compileModuleNameRegex(regex);
  if (!compiled)
    return compiled.takeError();
  regexes.push_back({regex.str(), std::move(*compiled), std::move(qconfig)});
  return llvm::Error::success();
}

QConfigMapping &QConfigMapping::setModuleName(StringRef name,
                                              QConfigAny qconfig) {
  upsert(
      names, [&](const ModuleNameEntry &e) { return e.moduleName == name; },
      ModuleNameEntry{name.str(), std::move(qconfig)});
  return *this;
}

QConfigMapping &QConfigMapping::setModuleNameObjectTypeOrder(
    StringRef name, StringRef objectType, int64_t index, QConfigAny qconfig) {
  StringRef key = canonicalObjectType(objectType);
  upsert(
      orders,
      [&](const OrderEntry &e) {
        return e.moduleName == name && e.objectType == key && e.index == index;
      },
      OrderEntry{name.str(), key.str(), index, std::move(qconfig)});
  return *this;
}

QConfigAny QConfigMapping::resolve(const OpIdentity &op) const {
  const QConfigAny *result = &global;
  if (const QConfigAny *byType = findObjectType(objectTypes, op))
    result = byType;

  for (const ModuleNameRegexEntry &entry : regexes)
    if (matchesModuleName(entry.compiled, op.modulePath)) {
      result = &entry.qconfig;
      break;
    }

  // The root module's name "" never matches a module_name rule.
  bool foundName = false;
  for (StringRef name = op.modulePath; !name.empty() && !foundName;
       name = parentName(name))
    for (const ModuleNameEntry &entry : names)
      if (entry.moduleName == name) {
        result = &entry.qconfig;
        foundName = true;
        break;
      }

  StringRef objectType = op.objectType();
  for (const OrderEntry &entry : orders)
    if (entry.moduleName == op.modulePath && entry.objectType == objectType &&
        entry.index == op.occurrence) {
      result = &entry.qconfig;
      break;
    }
  return *result;
}

StringRef OpIdentity::objectType() const {
  return canonicalObjectType(moduleType.empty() ? opName : moduleType);
}
