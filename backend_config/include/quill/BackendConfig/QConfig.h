//===- QConfig.h - which observers quantize which ops -----------*- C++ -*-===//
//
// Quill's mirror of torch.ao.quantization's QConfig and QConfigMapping. A
// QConfig pairs the activation and weight quantizers; a QConfigMapping picks
// one per op with PyTorch's precedence:
//   global < object type < module-name regex (first match) < module name
//   (falling back to parent names) < module name + object type + index.
// A missing QConfig (std::nullopt, PyTorch's None) leaves the op float.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_BACKENDCONFIG_QCONFIG_H
#define QUILL_BACKENDCONFIG_QCONFIG_H

#include "quill/Dialect/Quill/QuillDialect.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace mlir::quill {

/// One side of a QConfig: an observer, optionally wrapped in a fake-quant
/// module (QAT).
struct QuantizerSpec {
  ObserverSpecAttr observer;
  std::optional<FakeQuantKind> fakeQuant;

  bool operator==(const QuantizerSpec &o) const {
    return observer == o.observer && fakeQuant == o.fakeQuant;
  }
};

struct QConfig {
  QuantizerSpec activation, weight;
  bool operator==(const QConfig &o) const {
    return activation == o.activation && weight == o.weight;
  }
};

/// PyTorch's QConfigAny: std::nullopt is None.
using QConfigAny = std::optional<QConfig>;

/// What a QConfigMapping needs to know about one op.
struct OpIdentity {
  /// The quill op name ("quill.conv2d").
  llvm::StringRef opName;
  /// `quill.module_type`, e.g. "torch.nn.modules.conv.Conv2d" or
  /// "torch.nn.Conv2d" (any spelling TorchNames.h knows; may be empty).
  llvm::StringRef moduleType;
  /// `quill.module`, e.g. "layer1.0.conv1"; empty for the root module.
  llvm::StringRef modulePath;
  /// How many earlier ops of the function had the same modulePath and the
  /// same objectType() (the index of module_name_object_type_order rules).
  int64_t occurrence = 0;

  /// What the op is counted under: its moduleType in canonical spelling if
  /// set, else its opName.
  llvm::StringRef objectType() const;
};

class QConfigMapping {
public:
  /// An object type is a quill op name ("quill.linear"), matching the op
  /// whatever its module type, or a PyTorch type, function or method
  /// ("torch.nn.Linear", "torch.nn.functional.linear", "reshape") matching
  /// the op whose `quill.module_type` names the same Python object: known
  /// names are stored and compared in their canonical spelling
  /// (canonicalTorchName: "torch.nn.modules.linear.Linear",
  /// "torch._C._nn.linear"), others as written. An entry naming the op's
  /// module type beats one naming its quill op.
  struct ObjectTypeEntry {
    std::string objectType;
    QConfigAny qconfig;
  };
  struct ModuleNameRegexEntry {
    std::string regex;
    /// `regex` compiled once, when set.
    std::regex compiled;
    QConfigAny qconfig;
  };
  struct ModuleNameEntry {
    std::string moduleName;
    QConfigAny qconfig;
  };
  struct OrderEntry {
    /// objectType is stored as in ObjectTypeEntry.
    std::string moduleName, objectType;
    int64_t index;
    QConfigAny qconfig;
  };

  QConfigMapping &setGlobal(QConfigAny qconfig);
  /// Setting a key again replaces its qconfig in place (PyTorch's
  /// OrderedDict semantics), keeping the first registration's position.
  QConfigMapping &setObjectType(llvm::StringRef objectType, QConfigAny qconfig);
  /// Matched like Python's re.match (anchored at the start of the module
  /// path only). Quill compiles ECMAScript regexes, which agree with
  /// Python's on the common syntax; a regex that does not compile, or uses
  /// syntax whose meaning would differ (\A, \Z, (?P<name>...)), is an error
  /// and leaves the mapping unchanged.
  llvm::Error setModuleNameRegex(llvm::StringRef regex, QConfigAny qconfig);
  QConfigMapping &setModuleName(llvm::StringRef name, QConfigAny qconfig);
  QConfigMapping &setModuleNameObjectTypeOrder(llvm::StringRef name,
                                               llvm::StringRef objectType,
                                               int64_t index,
                                               QConfigAny qconfig);

  /// The qconfig for one op, by PyTorch's precedence.
  QConfigAny resolve(const OpIdentity &op) const;

  const QConfigAny &getGlobal() const { return global; }
  llvm::ArrayRef<ObjectTypeEntry> getObjectTypes() const { return objectTypes; }
  llvm::ArrayRef<ModuleNameRegexEntry> getModuleNameRegexes() const {
    return regexes;
  }
  llvm::ArrayRef<ModuleNameEntry> getModuleNames() const { return names; }
  llvm::ArrayRef<OrderEntry> getOrders() const { return orders; }

private:
  QConfigAny global;
  std::vector<ObjectTypeEntry> objectTypes;
  std::vector<ModuleNameRegexEntry> regexes;
  std::vector<ModuleNameEntry> names;
  std::vector<OrderEntry> orders;
};

/// Preset names: "x86", "fbgemm", "qnnpack", "onednn" (PyTorch's
/// get_default_qconfig_mapping), "qat_x86", "qat_fbgemm", "qat_qnnpack",
/// "qat_onednn" (get_default_qat_qconfig_mapping), "dynamic",
/// "dynamic_per_channel", "float16_dynamic", "float16_static",
/// "weight_only_embedding", "weight_only_embedding_4bit",
/// "symmetric_qnnpack".
llvm::ArrayRef<llvm::StringRef> qconfigPresetNames();
llvm::Expected<QConfigMapping> getQConfigPreset(llvm::StringRef name,
                                                MLIRContext *ctx);

/// A preset name, or the path of a JSON file (see docs/qconfig.md).
llvm::Expected<QConfigMapping> loadQConfigMapping(llvm::StringRef nameOrPath,
                                                  MLIRContext *ctx);
/// Parses and validates JSON text; errors name the JSON path of the field.
llvm::Expected<QConfigMapping> parseQConfigMapping(llvm::StringRef json,
                                                   MLIRContext *ctx);
llvm::json::Value toJSON(const QConfigMapping &mapping);

} // namespace mlir::quill

#endif // QUILL_BACKENDCONFIG_QCONFIG_H
