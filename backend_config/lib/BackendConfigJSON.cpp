//===- BackendConfigJSON.cpp - BackendConfig as JSON ----------------------===//
//
// The format follows PyTorch's BackendConfig.to_dict() keys, with quill ops
// in the patterns (see docs/backend-config.md):
//
//   {"name": "my_backend",
//    "configs": [{"pattern": ["quill.conv2d", "quill.relu"],
//                 "fused_op": "quill.conv2d",
//                 "dtype_configs": [{"input_dtype": "quint8", ...}]}, ...]}
//
// Reading validates everything a pass later relies on (ops exist, bounds are
// ordered, fused_op is the root op, weight/bias positions are the root op's
// operands), so printing and reading back is the identity and a bad file is
// an error naming the JSON path of the offending field.
//
//===----------------------------------------------------------------------===//

#include "JSONHelpers.h"
#include "ObserverSpecJSON.h"
#include "quill/BackendConfig/BackendConfig.h"
#include "quill/BackendConfig/TorchNames.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <type_traits>

using namespace mlir;
using namespace mlir::quill;
namespace json = llvm::json;

namespace {

//===----------------------------------------------------------------------===//
// Weight and bias operand positions
//===----------------------------------------------------------------------===//

// ODS's odsIndex_weight / odsIndex_bias constants, where the op has them.
template <typename OpT, typename = void>
struct WeightIndex : std::integral_constant<int, -1> {};
template <typename OpT>
struct WeightIndex<OpT, std::void_t<decltype(OpT::odsIndex_weight)>>
    : std::integral_constant<int, OpT::odsIndex_weight> {};
template <typename OpT, typename = void>
struct BiasIndex : std::integral_constant<int, -1> {};
template <typename OpT>
struct BiasIndex<OpT, std::void_t<decltype(OpT::odsIndex_bias)>>
    : std::integral_constant<int, OpT::odsIndex_bias> {};

template <typename... Ops>
std::optional<int64_t> odsOperandIndexOf(StringRef op, StringRef operand) {
  int index = -1;
  ((op == Ops::getOperationName()
        ? (void)(index = operand == "weight" ? WeightIndex<Ops>::value
                                             : BiasIndex<Ops>::value)
        : void()),
   ...);
  if (index < 0)
    return std::nullopt;
  return index;
}

/// The ODS operand position of `operand` ("weight" or "bias") of a quill op:
/// what input_type_to_index must say. The ops with weight operands; an op
/// missing here has no weight/bias entries to declare.
std::optional<int64_t> odsOperandIndex(StringRef op, StringRef operand) {
  return odsOperandIndexOf<
      Conv1dOp, Conv2dOp, Conv3dOp, ConvTranspose1dOp, ConvTranspose2dOp,
      ConvTranspose3dOp, LinearOp, BatchNormOp, LayerNormOp, GroupNormOp,
      InstanceNormOp, PreluOp, EmbeddingOp, EmbeddingBagOp>(op, operand);
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

constexpr StringRef kConfigKeys[] = {"name", "configs"};
constexpr StringRef kPatternConfigKeys[] = {
    "pattern",
    "observation_type",
    "dtype_configs",
    "root_op",
    "fused_op",
    "reference_quantized_op",
    "input_type_to_index",
    "num_tensor_args_to_observation_type",
    "input_output_observed",
    "overwrite_output_observer"};
constexpr StringRef kNodeKeys[] = {"op", "input_ranks", "args"};
constexpr StringRef kDTypeConfigKeys[] = {
    "input_dtype", "output_dtype", "weight_dtype", "bias_dtype", "is_dynamic"};
constexpr StringRef kDTypeKeys[] = {"dtype",
                                    "quant_min_lower_bound",
                                    "quant_max_upper_bound",
                                    "scale_min_lower_bound",
                                    "scale_max_upper_bound",
                                    "scale_exact_match",
                                    "zero_point_exact_match"};

std::string formatNumber(double value) {
  return llvm::formatv("{0}", json::Value(value)).str();
}

std::string formatRanks(ArrayRef<int64_t> ranks) {
  return llvm::join(
      llvm::map_range(ranks, [](int64_t r) { return std::to_string(r); }),
      ", ");
}

class Reader {
public:
  explicit Reader(MLIRContext *ctx) : ctx(ctx) {}

  bool readBackendConfig(const json::Value &value, json::Path path,
                         BackendConfig &out);

private:
  bool readOp(const json::Value &value, json::Path path, std::string &op,
              std::vector<int64_t> *impliedRanks = nullptr);
  bool readNode(const json::Value &value, json::Path path, bool allowArgs,
                PatternNode &out);
  bool readPattern(const json::Value &value, json::Path path, PatternNode &out);
  bool readObservationType(const json::Value &value, json::Path path,
                           ObservationType &out);
  bool readDType(const json::Value &value, json::Path path,
                 DTypeWithConstraints &out);
  bool readDTypeConfig(const json::Value &value, json::Path path,
                       DTypeConfig &out);
  bool readPatternConfig(const json::Value &value, json::Path path,
                         BackendPatternConfig &out);
  bool checkRoot(json::Path path, const BackendPatternConfig &config);
  bool readInputTypeToIndex(const json::Value &value, json::Path path,
                            BackendPatternConfig &out);
  bool readNumTensorArgs(const json::Value &value, json::Path path,
                         std::map<int64_t, ObservationType> &out);

  MLIRContext *ctx;
};

/// A quill op name, a PyTorch name of one (which may imply input ranks), or
/// "*" (any value; the callers decide where it may appear).
bool Reader::readOp(const json::Value &value, json::Path path, std::string &op,
                    std::vector<int64_t> *impliedRanks) {
  StringRef name;
  if (!readString(value, path, name))
    return false;
  if (name == PatternNode::kAny) {
    op = name.str();
    return true;
  }
  if (name.starts_with("quill.") &&
      RegisteredOperationName::lookup(name, ctx)) {
    op = name.str();
    return true;
  }
  if (std::optional<StringRef> quillOp = quillOpForTorchName(name)) {
    op = quillOp->str();
    if (impliedRanks) {
      ArrayRef<int64_t> ranks = torchNameInputRanks(name);
      impliedRanks->assign(ranks.begin(), ranks.end());
    }
    return true;
  }
  if (std::optional<StringRef> reason = unrepresentedTorchNameReason(name)) {
    reportJSONError(path,
                    "PyTorch op '" + name + "' has no quill op: " + *reason);
    return false;
  }
  reportJSONError(path, "unknown op '" + name +
                            "' (not a quill op or known PyTorch name)");
  return false;
}

/// One pattern node: an op name, or {"op": ..., "input_ranks": [...],
/// "args": [...]} (args only in the tree form).
bool Reader::readNode(const json::Value &value, json::Path path, bool allowArgs,
                      PatternNode &out) {
  if (value.getAsString())
    return readOp(value, path, out.op, &out.inputRanks);
  ArrayRef<StringRef> keys(kNodeKeys);
  const json::Object *object =
      readObject(value, path, allowArgs ? keys : keys.drop_back());
  if (!object)
    return false;
  const json::Value *op = object->get("op");
  if (!op) {
    path.field("op").report("missing value");
    return false;
  }
  if (!readOp(*op, path.field("op"), out.op, &out.inputRanks))
    return false;

  if (const json::Value *ranksValue = object->get("input_ranks")) {
    json::Path ranksPath = path.field("input_ranks");
    const json::Array *ranks = ranksValue->getAsArray();
    if (!ranks || ranks->empty()) {
      ranksPath.report("expected a non-empty array of ranks");
      return false;
    }
    std::vector<int64_t> explicitRanks;
    for (auto [i, rank] : llvm::enumerate(*ranks)) {
      std::optional<int64_t> r = rank.getAsInteger();
      if (!r || *r < 0) {
        ranksPath.index(i).report("expected a non-negative integer rank");
        return false;
      }
      explicitRanks.push_back(*r);
    }
    // Sorted and unique, so equal constraints compare equal.
    llvm::sort(explicitRanks);
    explicitRanks.erase(std::unique(explicitRanks.begin(), explicitRanks.end()),
                        explicitRanks.end());
    if (!out.inputRanks.empty() && out.inputRanks != explicitRanks) {
      reportJSONError(ranksPath, "input_ranks contradict the ranks the "
                                 "PyTorch name implies (" +
                                     formatRanks(out.inputRanks) + ")");
      return false;
    }
    out.inputRanks = std::move(explicitRanks);
  }

  if (const json::Value *argsValue = object->get("args")) {
    json::Path argsPath = path.field("args");
    const json::Array *args = argsValue->getAsArray();
    if (!args || args->empty()) {
      argsPath.report("expected a non-empty array of pattern nodes");
      return false;
    }
    for (auto [i, arg] : llvm::enumerate(*args)) {
      PatternNode child;
      if (!readNode(arg, argsPath.index(i), /*allowArgs=*/true, child))
        return false;
      out.args.push_back(std::move(child));
    }
  }
  if (out.isAny() && (!out.args.empty() || !out.inputRanks.empty())) {
    path.report("'*' matches any value: it takes no args or input_ranks");
    return false;
  }
  return true;
}

/// A pattern: one op, a chain in dataflow order, or a tree rooted at the
/// last op. "*" may only be an argument of a tree node.
bool Reader::readPattern(const json::Value &value, json::Path path,
                         PatternNode &out) {
  if (const json::Array *chain = value.getAsArray()) {
    if (chain->empty()) {
      path.report("expected at least one op");
      return false;
    }
    for (auto [i, element] : llvm::enumerate(*chain)) {
      PatternNode next;
      if (!readNode(element, path.index(i), /*allowArgs=*/false, next))
        return false;
      if (next.isAny()) {
        path.index(i).report("'*' may only be an argument in the tree form");
        return false;
      }
      if (i > 0)
        next.args.push_back(std::move(out));
      out = std::move(next);
    }
    return true;
  }
  if (!readNode(value, path, /*allowArgs=*/true, out))
    return false;
  if (out.isAny()) {
    path.report("a pattern cannot be just '*'");
    return false;
  }
  return true;
}

bool Reader::readObservationType(const json::Value &value, json::Path path,
                                 ObservationType &out) {
  std::optional<ObservationType> type = readEnum<ObservationType>(
      value, path, "observation type",
      static_cast<unsigned>(ObservationType::OutputShareObserverWithInput),
      parseObservationType, stringifyObservationType);
  out = type.value_or(out);
  return type.has_value();
}

/// "quint8", or {"dtype": "qint8", "quant_min_lower_bound": -127, ...}.
bool Reader::readDType(const json::Value &value, json::Path path,
                       DTypeWithConstraints &out) {
  const json::Object *object = nullptr;
  const json::Value *dtypeValue = &value;
  json::Path dtypePath = path;
  if (!value.getAsString()) {
    object = readObject(value, path, kDTypeKeys);
    if (!object)
      return false;
    dtypeValue = object->get("dtype");
    dtypePath = path.field("dtype");
    if (!dtypeValue) {
      dtypePath.report("missing value");
      return false;
    }
  }
  std::optional<DType> dtype = readQDType(*dtypeValue, dtypePath);
  if (!dtype)
    return false;
  out = DTypeWithConstraints();
  out.dtype = *dtype;
  if (!object)
    return true;

  StringRef name = stringifyQDType(*dtype);
  std::optional<std::pair<int64_t, int64_t>> range = getQDTypeRange(*dtype);
  auto readInt = [&](StringRef key, std::optional<int64_t> &field) {
    if (!readField(*object, path, key, field))
      return false;
    if (field && !range) {
      reportJSONError(path.field(key),
                      key + " needs an integer dtype, not " + name);
      return false;
    }
    return true;
  };
  auto readScale = [&](StringRef key, std::optional<double> &field) {
    if (!readField(*object, path, key, field))
      return false;
    if (!field)
      return true;
    // A zero lower bound constrains nothing; other scales must be positive.
    bool ok = key == "scale_min_lower_bound" ? *field >= 0 : *field > 0;
    if (!ok) {
      reportJSONError(
          path.field(key),
          key + " must be " +
              (key == "scale_min_lower_bound" ? "non-negative" : "positive") +
              ", got " + formatNumber(*field));
      return false;
    }
    return true;
  };
  if (!readInt("quant_min_lower_bound", out.quantMinLowerBound) ||
      !readInt("quant_max_upper_bound", out.quantMaxUpperBound) ||
      !readInt("zero_point_exact_match", out.zeroPointExactMatch) ||
      !readScale("scale_min_lower_bound", out.scaleMinLowerBound) ||
      !readScale("scale_max_upper_bound", out.scaleMaxUpperBound) ||
      !readScale("scale_exact_match", out.scaleExactMatch))
    return false;

  if (out.quantMinLowerBound && out.quantMaxUpperBound &&
      *out.quantMinLowerBound > *out.quantMaxUpperBound) {
    reportJSONError(path.field("quant_min_lower_bound"),
                    "quant_min_lower_bound " + Twine(*out.quantMinLowerBound) +
                        " is greater than quant_max_upper_bound " +
                        Twine(*out.quantMaxUpperBound));
    return false;
  }
  if (out.scaleMinLowerBound && out.scaleMaxUpperBound &&
      *out.scaleMinLowerBound > *out.scaleMaxUpperBound) {
    reportJSONError(path.field("scale_min_lower_bound"),
                    "scale_min_lower_bound " +
                        formatNumber(*out.scaleMinLowerBound) +
                        " is greater than scale_max_upper_bound " +
                        formatNumber(*out.scaleMaxUpperBound));
    return false;
  }
  if (out.zeroPointExactMatch && (*out.zeroPointExactMatch < range->first ||
                                  *out.zeroPointExactMatch > range->second)) {
    reportJSONError(path.field("zero_point_exact_match"),
                    "zero_point_exact_match " +
                        Twine(*out.zeroPointExactMatch) + " is outside the " +
                        name + " range [" + Twine(range->first) + ", " +
                        Twine(range->second) + "]");
    return false;
  }
  return true;
}

bool Reader::readDTypeConfig(const json::Value &value, json::Path path,
                             DTypeConfig &out) {
  const json::Object *object = readObject(value, path, kDTypeConfigKeys);
  if (!object)
    return false;
  std::pair<StringRef, std::optional<DTypeWithConstraints> *> fields[] = {
      {"input_dtype", &out.input},
      {"output_dtype", &out.output},
      {"weight_dtype", &out.weight},
      {"bias_dtype", &out.bias}};
  for (auto [key, field] : fields) {
    const json::Value *v = object->get(key);
    if (!v)
      continue;
    DTypeWithConstraints dtype;
    if (!readDType(*v, path.field(key), dtype))
      return false;
    *field = dtype;
  }
  return readField(*object, path, "is_dynamic", out.isDynamic);
}

bool Reader::readPatternConfig(const json::Value &value, json::Path path,
                               BackendPatternConfig &out) {
  const json::Object *object = readObject(value, path, kPatternConfigKeys);
  if (!object)
    return false;
  const json::Value *pattern = object->get("pattern");
  if (!pattern) {
    path.field("pattern").report("missing value");
    return false;
  }
  if (!readPattern(*pattern, path.field("pattern"), out.pattern))
    return false;

  if (const json::Value *v = object->get("observation_type"))
    if (!readObservationType(*v, path.field("observation_type"),
                             out.observationType))
      return false;

  if (const json::Value *v = object->get("dtype_configs")) {
    json::Path dtypesPath = path.field("dtype_configs");
    const json::Array *dtypes = v->getAsArray();
    if (!dtypes) {
      dtypesPath.report("expected an array");
      return false;
    }
    for (auto [i, dtype] : llvm::enumerate(*dtypes)) {
      DTypeConfig config;
      if (!readDTypeConfig(dtype, dtypesPath.index(i), config))
        return false;
      out.dtypeConfigs.push_back(config);
    }
  }

  std::pair<StringRef, std::string *> ops[] = {
      {"root_op", &out.rootOp},
      {"fused_op", &out.fusedOp},
      {"reference_quantized_op", &out.referenceQuantizedOp}};
  for (auto [key, field] : ops) {
    const json::Value *v = object->get(key);
    if (!v)
      continue;
    if (!readOp(*v, path.field(key), *field))
      return false;
    if (*field == PatternNode::kAny) {
      path.field(key).report("expected an op, not '*'");
      return false;
    }
  }
  if (!checkRoot(path, out))
    return false;

  if (const json::Value *v = object->get("input_type_to_index"))
    if (!readInputTypeToIndex(*v, path.field("input_type_to_index"), out))
      return false;
  if (const json::Value *v = object->get("num_tensor_args_to_observation_type"))
    if (!readNumTensorArgs(*v,
                           path.field("num_tensor_args_to_observation_type"),
                           out.numTensorArgsToObservationType))
      return false;
  if (!readField(*object, path, "input_output_observed",
                 out.inputOutputObserved))
    return false;

  if (const json::Value *v = object->get("overwrite_output_observer")) {
    out.overwriteOutputObserver =
        observerSpecFromJSON(*v, path.field("overwrite_output_observer"), ctx);
    if (!out.overwriteOutputObserver)
      return false;
  }
  return true;
}

/// {"weight": 1, "bias": 2}: must be the root op's operand positions.
bool Reader::readInputTypeToIndex(const json::Value &value, json::Path path,
                                  BackendPatternConfig &out) {
  const json::Object *map = readObject(value, path, {"weight", "bias"});
  if (!map)
    return false;
  StringRef root = out.getRootOp();
  for (const auto &entry : *map) {
    StringRef key = entry.first;
    std::optional<int64_t> i;
    if (!readField(*map, path, key, i))
      return false;
    std::optional<int64_t> expected = odsOperandIndex(root, key);
    if (!expected) {
      reportJSONError(path.field(key), root + " has no " + key + " operand");
      return false;
    }
    if (*i != *expected) {
      reportJSONError(path.field(key), key + " of " + root + " is operand " +
                                           Twine(*expected) + ", not " +
                                           Twine(*i));
      return false;
    }
    out.inputTypeToIndex[key.str()] = *i;
  }
  return true;
}

/// {"1": "output_share_observer_with_input", ...}
bool Reader::readNumTensorArgs(const json::Value &value, json::Path path,
                               std::map<int64_t, ObservationType> &out) {
  const json::Object *map = value.getAsObject();
  if (!map) {
    path.report("expected an object");
    return false;
  }
  for (const auto &[key, type] : *map) {
    int64_t count;
    if (StringRef(key).getAsInteger(10, count) || count < 0) {
      reportJSONError(path.field(key),
                      "expected a number of tensor arguments, got '" +
                          StringRef(key) + "'");
      return false;
    }
    if (!readObservationType(type, path.field(key), out[count]))
      return false;
  }
  return true;
}

bool containsOp(const PatternNode &node, StringRef op) {
  return node.op == op || llvm::any_of(node.args, [&](const PatternNode &arg) {
           return containsOp(arg, op);
         });
}

/// The root op governs the match: it must be a real op of the pattern, and
/// a fusion entry becomes it.
bool Reader::checkRoot(json::Path path, const BackendPatternConfig &config) {
  StringRef root = config.getRootOp();
  if (root == PatternNode::kAny) {
    path.field("pattern").report(
        "the default root (innermost first argument) is '*'; set root_op");
    return false;
  }
  if (!config.rootOp.empty() && !containsOp(config.pattern, root)) {
    reportJSONError(path.field("root_op"),
                    "root_op '" + root + "' is not in the pattern");
    return false;
  }
  if (!config.fusedOp.empty() && config.fusedOp != root) {
    reportJSONError(path.field("fused_op"),
                    "fused_op '" + config.fusedOp + "' must be the root op '" +
                        root +
                        "': quill-fuse folds the rest of the match into it");
    return false;
  }
  return true;
}

bool Reader::readBackendConfig(const json::Value &value, json::Path path,
                               BackendConfig &out) {
  const json::Object *object = readObject(value, path, kConfigKeys);
  if (!object)
    return false;
  if (const json::Value *name = object->get("name")) {
    StringRef s;
    if (!readString(*name, path.field("name"), s))
      return false;
    out.name = s.str();
  }
  const json::Value *configsValue = object->get("configs");
  if (!configsValue)
    return true;
  json::Path configsPath = path.field("configs");
  const json::Array *configs = configsValue->getAsArray();
  if (!configs) {
    configsPath.report("expected an array");
    return false;
  }
  for (auto [i, entry] : llvm::enumerate(*configs)) {
    BackendPatternConfig config;
    if (!readPatternConfig(entry, configsPath.index(i), config))
      return false;
    // Each pattern once: a second entry would shadow or contradict the first.
    for (auto [j, earlier] : llvm::enumerate(out.configs))
      if (earlier.pattern == config.pattern) {
        reportJSONError(configsPath.index(i).field("pattern"),
                        "duplicate pattern (configs[" + Twine(j) +
                            "] has the same one)");
        return false;
      }
    out.configs.push_back(std::move(config));
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

json::Value nodeToJSON(const PatternNode &node) {
  if (node.args.empty() && node.inputRanks.empty())
    return node.op;
  json::Object object{{"op", node.op}};
  if (!node.inputRanks.empty())
    object["input_ranks"] = node.inputRanks;
  if (!node.args.empty()) {
    json::Array args;
    for (const PatternNode &arg : node.args)
      args.push_back(nodeToJSON(arg));
    object["args"] = std::move(args);
  }
  return object;
}

json::Value patternToJSON(const PatternNode &pattern) {
  if (!pattern.isChain() || pattern.args.empty())
    return nodeToJSON(pattern);
  json::Array chain;
  for (const std::string &op : pattern.chainOps())
    chain.push_back(op);
  return chain;
}

json::Value dtypeToJSON(const DTypeWithConstraints &d) {
  StringRef name = stringifyQDType(d.dtype);
  DTypeWithConstraints unconstrained;
  unconstrained.dtype = d.dtype;
  if (d == unconstrained)
    return name;
  json::Object object{{"dtype", name}};
  if (d.quantMinLowerBound)
    object["quant_min_lower_bound"] = *d.quantMinLowerBound;
  if (d.quantMaxUpperBound)
    object["quant_max_upper_bound"] = *d.quantMaxUpperBound;
  if (d.scaleMinLowerBound)
    object["scale_min_lower_bound"] = *d.scaleMinLowerBound;
  if (d.scaleMaxUpperBound)
    object["scale_max_upper_bound"] = *d.scaleMaxUpperBound;
  if (d.scaleExactMatch)
    object["scale_exact_match"] = *d.scaleExactMatch;
  if (d.zeroPointExactMatch)
    object["zero_point_exact_match"] = *d.zeroPointExactMatch;
  return object;
}

json::Value dtypeConfigToJSON(const DTypeConfig &c) {
  json::Object object;
  std::pair<StringRef, const std::optional<DTypeWithConstraints> *> fields[] = {
      {"input_dtype", &c.input},
      {"output_dtype", &c.output},
      {"weight_dtype", &c.weight},
      {"bias_dtype", &c.bias}};
  for (auto [key, field] : fields)
    if (*field)
      object[key] = dtypeToJSON(**field);
  if (c.isDynamic)
    object["is_dynamic"] = *c.isDynamic;
  return object;
}

json::Value patternConfigToJSON(const BackendPatternConfig &c) {
  json::Object object{{"pattern", patternToJSON(c.pattern)}};
  if (c.observationType != BackendPatternConfig().observationType)
    object["observation_type"] = stringifyObservationType(c.observationType);
  if (!c.dtypeConfigs.empty()) {
    json::Array dtypes;
    for (const DTypeConfig &d : c.dtypeConfigs)
      dtypes.push_back(dtypeConfigToJSON(d));
    object["dtype_configs"] = std::move(dtypes);
  }
  if (!c.rootOp.empty())
    object["root_op"] = c.rootOp;
  if (!c.fusedOp.empty())
    object["fused_op"] = c.fusedOp;
  if (!c.referenceQuantizedOp.empty())
    object["reference_quantized_op"] = c.referenceQuantizedOp;
  if (!c.inputTypeToIndex.empty()) {
    json::Object map;
    for (const auto &[operand, index] : c.inputTypeToIndex)
      map[operand] = index;
    object["input_type_to_index"] = std::move(map);
  }
  if (!c.numTensorArgsToObservationType.empty()) {
    json::Object map;
    for (const auto &[count, type] : c.numTensorArgsToObservationType)
      map[std::to_string(count)] = stringifyObservationType(type);
    object["num_tensor_args_to_observation_type"] = std::move(map);
  }
  if (!c.inputOutputObserved)
    object["input_output_observed"] = false;
  if (c.overwriteOutputObserver)
    object["overwrite_output_observer"] = toJSON(c.overwriteOutputObserver);
  return object;
}

} // namespace

llvm::Expected<BackendConfig>
mlir::quill::parseBackendConfig(StringRef text, MLIRContext *ctx) {
  ctx->getOrLoadDialect<QuillDialect>();
  return parseJSONTable<BackendConfig>(
      text, [&](const json::Value &value, json::Path path, BackendConfig &out) {
        return Reader(ctx).readBackendConfig(value, path, out);
      });
}

llvm::Expected<BackendConfig>
mlir::quill::loadBackendConfig(StringRef nameOrPath, MLIRContext *ctx) {
  return loadBuiltinOrFile<BackendConfig>(
      nameOrPath, nativeBackendNames(), "native backend",
      [&](StringRef name) { return getNativeBackendConfig(name, ctx); },
      [&](StringRef text) { return parseBackendConfig(text, ctx); });
}

json::Value mlir::quill::toJSON(const BackendConfig &config) {
  json::Array configs;
  for (const BackendPatternConfig &c : config.configs)
    configs.push_back(patternConfigToJSON(c));
  return json::Object{{"name", config.name}, {"configs", std::move(configs)}};
}
