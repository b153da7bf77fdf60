//===- BackendConfig.h - what a backend can quantize, and how ---*- C++ -*-===//
//
// Quill's mirror of torch.ao.quantization.backend_config: a BackendConfig is
// a list of BackendPatternConfig entries, each naming a pattern of quill ops
// and how it is fused, observed and converted. The fuse, prepare and convert
// passes read these tables; they hold no per-op knowledge of their own.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_BACKENDCONFIG_BACKENDCONFIG_H
#define QUILL_BACKENDCONFIG_BACKENDCONFIG_H

#include "quill/Dialect/Quill/QuillDialect.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mlir::quill {

/// A tensor dtype as PyTorch names it in a DTypeConfig: the dtypes of
/// observer specs ("quint8", "qint8", "qint32", "quint4x2", "float16",
/// "float32"; symbolizeQDType / stringifyQDType / getQDTypeRange).
using DType = QDType;

/// A dtype and the observer settings a backend's kernel can honour
/// (PyTorch's DTypeWithConstraints). Unset bounds are unconstrained.
struct DTypeWithConstraints {
  DType dtype = DType::float32;
  std::optional<int64_t> quantMinLowerBound;
  std::optional<int64_t> quantMaxUpperBound;
  std::optional<double> scaleMinLowerBound;
  std::optional<double> scaleMaxUpperBound;
  /// Fixed-qparams kernels: the observer must produce exactly these.
  std::optional<double> scaleExactMatch;
  std::optional<int64_t> zeroPointExactMatch;

  bool operator==(const DTypeWithConstraints &) const;
};

/// One supported combination of dtypes (PyTorch's DTypeConfig).
struct DTypeConfig {
  std::optional<DTypeWithConstraints> input, output, weight, bias;
  std::optional<bool> isDynamic;

  bool operator==(const DTypeConfig &) const;
};

/// How a pattern's output is observed relative to its input.
enum class ObservationType {
  /// Output gets its own observer (conv, linear, add ...).
  OutputUseDifferentObserverAsInput,
  /// Output shares the input's observer (pools, relu, reshape, cat ...).
  OutputShareObserverWithInput,
};
std::optional<ObservationType> parseObservationType(llvm::StringRef name);
llvm::StringRef stringifyObservationType(ObservationType type);

/// A pattern of quill ops as a tree rooted at the last op of the match (the
/// op whose result leaves the pattern), like PyTorch's reversed tuples:
/// conv -> bn -> relu is relu(bn(conv)). `args[i]` must produce operand i.
struct PatternNode {
  /// "*" matches any value (PyTorch's MatchAllNode).
  static constexpr llvm::StringLiteral kAny = "*";
  /// A quill op name ("quill.conv2d") or kAny.
  std::string op;
  /// If non-empty, the rank of operand 0 must be one of these (BatchNorm2d
  /// and BatchNorm1d are both quill.batch_norm).
  std::vector<int64_t> inputRanks;
  std::vector<PatternNode> args;

  bool isAny() const { return op == kAny; }
  /// A single op or a chain (each node has at most one arg, no constraints).
  bool isChain() const;
  /// The ops of a chain in dataflow order (first producer first).
  std::vector<std::string> chainOps() const;
  /// The first op in dataflow order: the innermost first argument (PyTorch's
  /// default root node getter).
  const PatternNode &defaultRoot() const;
  bool operator==(const PatternNode &) const;
};

/// One entry of a BackendConfig (PyTorch's BackendPatternConfig).
struct BackendPatternConfig {
  PatternNode pattern;
  ObservationType observationType =
      ObservationType::OutputUseDifferentObserverAsInput;
  std::vector<DTypeConfig> dtypeConfigs;
  /// The op whose qconfig and dtype config govern the match; empty means
  /// the pattern's default root.
  std::string rootOp;
  /// Non-empty for fusion entries: `quill-fuse` folds the rest of the match
  /// into the root op, which becomes this op (always the root op today:
  /// batch_norm is folded into the weights, relu into `fused_activation`).
  std::string fusedOp;
  /// The quantized op the reference pattern lowers to (empty: same op).
  std::string referenceQuantizedOp;
  /// Operand index of the root op's "weight" and "bias" inputs.
  std::map<std::string, int64_t> inputTypeToIndex;
  /// Binary ops: observation type by the number of tensor operands.
  std::map<int64_t, ObservationType> numTensorArgsToObservationType;
  /// False for weight-only ops (embedding): no activation observers.
  bool inputOutputObserved = true;
  /// Fixed-qparams ops: the output observer the backend requires (a
  /// fixed_qparams spec; under QAT it is wrapped in a
  /// fixed_qparams_fake_quantize).
  ObserverSpecAttr overwriteOutputObserver;

  /// The root op's name (rootOp, or the pattern's default root).
  llvm::StringRef getRootOp() const;
};

/// A named list of pattern configs. Order matters only for ties: matching
/// prefers longer patterns, then earlier entries.
struct BackendConfig {
  std::string name;
  std::vector<BackendPatternConfig> configs;
};

/// The native tables, PyTorch 1.13's of the same names: "x86" (oneDNN
/// kernels), "fbgemm" (the same entries), "qnnpack" (XNNPACK kernels) and
/// "native" (fbgemm plus layer_norm). 1.13 has no "onednn" table.
llvm::ArrayRef<llvm::StringRef> nativeBackendNames();
llvm::Expected<BackendConfig> getNativeBackendConfig(llvm::StringRef name,
                                                     MLIRContext *ctx);

/// A native name, or the path of a JSON file (see docs/backend-config.md).
llvm::Expected<BackendConfig> loadBackendConfig(llvm::StringRef nameOrPath,
                                                MLIRContext *ctx);
/// Parses and validates JSON text; errors name the JSON path of the field
/// (e.g. `configs[3].dtype_configs[0].input_dtype.quant_min_lower_bound`).
llvm::Expected<BackendConfig> parseBackendConfig(llvm::StringRef json,
                                                 MLIRContext *ctx);
llvm::json::Value toJSON(const BackendConfig &config);

} // namespace mlir::quill

#endif // QUILL_BACKENDCONFIG_BACKENDCONFIG_H
