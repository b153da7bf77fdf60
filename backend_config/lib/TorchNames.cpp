//===- TorchNames.cpp - PyTorch module/function names -> quill ops --------===//
//
// Every PyTorch module class, function and Tensor method that appears in
// PyTorch 1.13's backend configs and default QConfigMappings, plus the
// obvious names of the other quill ops. Module, QAT, fused (intrinsic) and
// reference variants collapse onto one quill op: nn.Conv2d, nnqat.Conv2d,
// nni.ConvReLU2d and nniqat.ConvBnReLU2d are all quill.conv2d (a fused
// module is the op after quill-fuse, with its activation folded in).
// Spelling rule: see TorchNames.h.
//
//===----------------------------------------------------------------------===//

#include "quill/BackendConfig/TorchNames.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

#include <cassert>

using namespace mlir::quill;
using llvm::ArrayRef;
using llvm::StringLiteral;
using llvm::StringRef;

namespace {

const int64_t kRank1d[] = {2, 3}, kRank2d[] = {4}, kRank3d[] = {5};

/// The PyTorch packages of module classes, under every name PyTorch 1.13
/// makes them importable as (the torch.ao.* spellings are where it is
/// moving them; Python reports those for the live classes).
enum class Package { NN, Intrinsic, IntrinsicQat, Qat, Reference };

ArrayRef<StringLiteral> packageSpellings(Package package) {
  static const StringLiteral nn[] = {"torch.nn"};
  static const StringLiteral intrinsic[] = {"torch.ao.nn.intrinsic",
                                            "torch.nn.intrinsic"};
  static const StringLiteral intrinsicQat[] = {"torch.nn.intrinsic.qat"};
  static const StringLiteral qat[] = {"torch.ao.nn.qat", "torch.nn.qat"};
  static const StringLiteral reference[] = {"torch.ao.nn.quantized.reference",
                                            "torch.nn.quantized._reference"};
  switch (package) {
  case Package::NN:
    return nn;
  case Package::Intrinsic:
    return intrinsic;
  case Package::IntrinsicQat:
    return intrinsicQat;
  case Package::Qat:
    return qat;
  case Package::Reference:
    return reference;
  }
  llvm_unreachable("unknown package");
}

/// A module class, known as "<package>.<Class>" and, where Python defines
/// it, "<package>.modules.<file>.<Class>".
struct ModuleClass {
  Package package;
  StringLiteral file, cls, op;
  ArrayRef<int64_t> ranks = {};
};

const ModuleClass kModules[] = {
    // torch.nn
    {Package::NN, "conv", "Conv1d", "quill.conv1d"},
    {Package::NN, "conv", "Conv2d", "quill.conv2d"},
    {Package::NN, "conv", "Conv3d", "quill.conv3d"},
    {Package::NN, "conv", "ConvTranspose1d", "quill.conv_transpose1d"},
    {Package::NN, "conv", "ConvTranspose2d", "quill.conv_transpose2d"},
    {Package::NN, "conv", "ConvTranspose3d", "quill.conv_transpose3d"},
    {Package::NN, "linear", "Linear", "quill.linear"},
    {Package::NN, "linear", "Identity", "quill.identity"},
    {Package::NN, "activation", "ReLU", "quill.relu"},
    {Package::NN, "activation", "ReLU6", "quill.relu6"},
    {Package::NN, "activation", "Hardtanh", "quill.hardtanh"},
    {Package::NN, "activation", "LeakyReLU", "quill.leaky_relu"},
    {Package::NN, "activation", "ELU", "quill.elu"},
    {Package::NN, "activation", "GELU", "quill.gelu"},
    {Package::NN, "activation", "Hardswish", "quill.hardswish"},
    {Package::NN, "activation", "Hardsigmoid", "quill.hardsigmoid"},
    {Package::NN, "activation", "Sigmoid", "quill.sigmoid"},
    {Package::NN, "activation", "Tanh", "quill.tanh"},
    {Package::NN, "activation", "SiLU", "quill.silu"},
    {Package::NN, "activation", "Softmax", "quill.softmax"},
    {Package::NN, "activation", "PReLU", "quill.prelu"},
    {Package::NN, "activation", "MultiheadAttention",
     "quill.multihead_attention"},
    {Package::NN, "batchnorm", "BatchNorm1d", "quill.batch_norm", kRank1d},
    {Package::NN, "batchnorm", "BatchNorm2d", "quill.batch_norm", kRank2d},
    {Package::NN, "batchnorm", "BatchNorm3d", "quill.batch_norm", kRank3d},
    {Package::NN, "instancenorm", "InstanceNorm1d", "quill.instance_norm"},
    {Package::NN, "instancenorm", "InstanceNorm2d", "quill.instance_norm"},
    {Package::NN, "instancenorm", "InstanceNorm3d", "quill.instance_norm"},
    {Package::NN, "normalization", "LayerNorm", "quill.layer_norm"},
    {Package::NN, "normalization", "GroupNorm", "quill.group_norm"},
    {Package::NN, "pooling", "MaxPool1d", "quill.max_pool1d"},
    {Package::NN, "pooling", "MaxPool2d", "quill.max_pool2d"},
    {Package::NN, "pooling", "MaxPool3d", "quill.max_pool3d"},
    {Package::NN, "pooling", "AvgPool1d", "quill.avg_pool1d"},
    {Package::NN, "pooling", "AvgPool2d", "quill.avg_pool2d"},
    {Package::NN, "pooling", "AvgPool3d", "quill.avg_pool3d"},
    {Package::NN, "pooling", "AdaptiveAvgPool1d", "quill.adaptive_avg_pool1d"},
    {Package::NN, "pooling", "AdaptiveAvgPool2d", "quill.adaptive_avg_pool2d"},
    {Package::NN, "pooling", "AdaptiveAvgPool3d", "quill.adaptive_avg_pool3d"},
    {Package::NN, "dropout", "Dropout", "quill.dropout"},
    {Package::NN, "flatten", "Flatten", "quill.flatten"},
    {Package::NN, "pixelshuffle", "PixelShuffle", "quill.pixel_shuffle"},
    {Package::NN, "upsampling", "Upsample", "quill.interpolate"},
    {Package::NN, "rnn", "LSTM", "quill.lstm"},
    {Package::NN, "rnn", "GRU", "quill.gru"},
    {Package::NN, "sparse", "Embedding", "quill.embedding"},
    {Package::NN, "sparse", "EmbeddingBag", "quill.embedding_bag"},
    // torch.nn.intrinsic: fused modules, the root op after quill-fuse.
    {Package::Intrinsic, "fused", "ConvReLU1d", "quill.conv1d"},
    {Package::Intrinsic, "fused", "ConvReLU2d", "quill.conv2d"},
    {Package::Intrinsic, "fused", "ConvReLU3d", "quill.conv3d"},
    {Package::Intrinsic, "fused", "ConvBn1d", "quill.conv1d"},
    {Package::Intrinsic, "fused", "ConvBn2d", "quill.conv2d"},
    {Package::Intrinsic, "fused", "ConvBn3d", "quill.conv3d"},
    {Package::Intrinsic, "fused", "ConvBnReLU1d", "quill.conv1d"},
    {Package::Intrinsic, "fused", "ConvBnReLU2d", "quill.conv2d"},
    {Package::Intrinsic, "fused", "ConvBnReLU3d", "quill.conv3d"},
    {Package::Intrinsic, "fused", "LinearReLU", "quill.linear"},
    {Package::Intrinsic, "fused", "LinearBn1d", "quill.linear"},
    {Package::Intrinsic, "fused", "BNReLU2d", "quill.batch_norm", kRank2d},
    {Package::Intrinsic, "fused", "BNReLU3d", "quill.batch_norm", kRank3d},
    // torch.nn.intrinsic.qat
    {Package::IntrinsicQat, "conv_fused", "ConvReLU1d", "quill.conv1d"},
    {Package::IntrinsicQat, "conv_fused", "ConvReLU2d", "quill.conv2d"},
    {Package::IntrinsicQat, "conv_fused", "ConvReLU3d", "quill.conv3d"},
    {Package::IntrinsicQat, "conv_fused", "ConvBn1d", "quill.conv1d"},
    {Package::IntrinsicQat, "conv_fused", "ConvBn2d", "quill.conv2d"},
    {Package::IntrinsicQat, "conv_fused", "ConvBn3d", "quill.conv3d"},
    {Package::IntrinsicQat, "conv_fused", "ConvBnReLU1d", "quill.conv1d"},
    {Package::IntrinsicQat, "conv_fused", "ConvBnReLU2d", "quill.conv2d"},
    {Package::IntrinsicQat, "conv_fused", "ConvBnReLU3d", "quill.conv3d"},
    {Package::IntrinsicQat, "linear_relu", "LinearReLU", "quill.linear"},
    {Package::IntrinsicQat, "linear_fused", "LinearBn1d", "quill.linear"},
    // torch.nn.qat
    {Package::Qat, "conv", "Conv1d", "quill.conv1d"},
    {Package::Qat, "conv", "Conv2d", "quill.conv2d"},
    {Package::Qat, "conv", "Conv3d", "quill.conv3d"},
    {Package::Qat, "linear", "Linear", "quill.linear"},
    {Package::Qat, "embedding_ops", "Embedding", "quill.embedding"},
    {Package::Qat, "embedding_ops", "EmbeddingBag", "quill.embedding_bag"},
    // torch.nn.quantized._reference: the reference quantized modules.
    {Package::Reference, "conv", "Conv1d", "quill.conv1d"},
    {Package::Reference, "conv", "Conv2d", "quill.conv2d"},
    {Package::Reference, "conv", "Conv3d", "quill.conv3d"},
    {Package::Reference, "conv", "ConvTranspose1d", "quill.conv_transpose1d"},
    {Package::Reference, "conv", "ConvTranspose2d", "quill.conv_transpose2d"},
    {Package::Reference, "conv", "ConvTranspose3d", "quill.conv_transpose3d"},
    {Package::Reference, "linear", "Linear", "quill.linear"},
    {Package::Reference, "rnn", "LSTM", "quill.lstm"},
    {Package::Reference, "sparse", "Embedding", "quill.embedding"},
    {Package::Reference, "sparse", "EmbeddingBag", "quill.embedding_bag"},
};

/// A function, by Python's spelling of the live object and, where PyTorch
/// exports the same object under a public name, that alias
/// (`torch.nn.functional.conv2d is torch.conv2d`; F.relu is not torch.relu,
/// so they are two rows); or a Tensor method (bare name). The parity test
/// checks every alias with Python's `is`.
struct Callable {
  StringLiteral name, op, alias = "";
};

const Callable kCallables[] = {
    {"torch.conv1d", "quill.conv1d", "torch.nn.functional.conv1d"},
    {"torch.conv2d", "quill.conv2d", "torch.nn.functional.conv2d"},
    {"torch.conv3d", "quill.conv3d", "torch.nn.functional.conv3d"},
    {"torch.conv_transpose1d", "quill.conv_transpose1d",
     "torch.nn.functional.conv_transpose1d"},
    {"torch.conv_transpose2d", "quill.conv_transpose2d",
     "torch.nn.functional.conv_transpose2d"},
    {"torch.conv_transpose3d", "quill.conv_transpose3d",
     "torch.nn.functional.conv_transpose3d"},
    {"torch._C._nn.linear", "quill.linear", "torch.nn.functional.linear"},
    {"torch.matmul", "quill.matmul"},
    {"matmul", "quill.matmul"},
    {"torch.bmm", "quill.batch_matmul"},
    {"bmm", "quill.batch_matmul"},
    {"_operator.add", "quill.add", "operator.add"},
    {"torch.add", "quill.add"},
    {"add", "quill.add"},
    {"_operator.sub", "quill.sub", "operator.sub"},
    {"torch.sub", "quill.sub"},
    {"sub", "quill.sub"},
    {"_operator.mul", "quill.mul", "operator.mul"},
    {"torch.mul", "quill.mul"},
    {"mul", "quill.mul"},
    {"_operator.truediv", "quill.div", "operator.truediv"},
    {"torch.div", "quill.div"},
    {"div", "quill.div"},
    {"torch.cat", "quill.cat"},
    {"torch.stack", "quill.stack"},
    {"torch.relu", "quill.relu"},
    {"torch.relu_", "quill.relu", "torch.nn.functional.relu_"},
    {"torch.nn.functional.relu", "quill.relu"},
    {"relu", "quill.relu"},
    {"relu_", "quill.relu"},
    {"torch.nn.functional.relu6", "quill.relu6"},
    {"torch.nn.functional.hardtanh", "quill.hardtanh"},
    {"torch._C._nn.hardtanh_", "quill.hardtanh",
     "torch.nn.functional.hardtanh_"},
    {"torch.clamp", "quill.clamp"},
    {"clamp", "quill.clamp"},
    {"torch.nn.functional.elu", "quill.elu"},
    {"torch.nn.functional.leaky_relu", "quill.leaky_relu"},
    {"torch._C._nn.gelu", "quill.gelu", "torch.nn.functional.gelu"},
    {"torch.nn.functional.hardswish", "quill.hardswish"},
    {"torch.nn.functional.hardsigmoid", "quill.hardsigmoid"},
    {"hardsigmoid", "quill.hardsigmoid"},
    {"hardsigmoid_", "quill.hardsigmoid"},
    {"torch.sigmoid", "quill.sigmoid"},
    {"torch.nn.functional.sigmoid", "quill.sigmoid"},
    {"sigmoid", "quill.sigmoid"},
    {"sigmoid_", "quill.sigmoid"},
    {"torch.tanh", "quill.tanh"},
    {"torch.nn.functional.tanh", "quill.tanh"},
    {"tanh", "quill.tanh"},
    {"tanh_", "quill.tanh"},
    {"torch.nn.functional.silu", "quill.silu"},
    {"torch.softmax", "quill.softmax"},
    {"torch.nn.functional.softmax", "quill.softmax"},
    {"softmax", "quill.softmax"},
    {"torch.prelu", "quill.prelu", "torch.nn.functional.prelu"},
    {"torch.nn.functional.batch_norm", "quill.batch_norm"},
    {"torch.nn.functional.layer_norm", "quill.layer_norm"},
    {"torch.nn.functional.group_norm", "quill.group_norm"},
    {"torch.nn.functional.instance_norm", "quill.instance_norm"},
    {"torch.nn.functional.dropout", "quill.dropout"},
    {"torch.nn.functional.max_pool1d", "quill.max_pool1d"},
    {"torch.nn.functional.max_pool2d", "quill.max_pool2d"},
    {"torch.nn.functional.max_pool3d", "quill.max_pool3d"},
    {"torch.avg_pool1d", "quill.avg_pool1d", "torch.nn.functional.avg_pool1d"},
    {"torch._C._nn.avg_pool2d", "quill.avg_pool2d",
     "torch.nn.functional.avg_pool2d"},
    {"torch._C._nn.avg_pool3d", "quill.avg_pool3d",
     "torch.nn.functional.avg_pool3d"},
    {"torch.adaptive_avg_pool1d", "quill.adaptive_avg_pool1d",
     "torch.nn.functional.adaptive_avg_pool1d"},
    {"torch.nn.functional.adaptive_avg_pool2d", "quill.adaptive_avg_pool2d"},
    {"torch.nn.functional.adaptive_avg_pool3d", "quill.adaptive_avg_pool3d"},
    {"torch.mean", "quill.mean"},
    {"mean", "quill.mean"},
    {"torch.nn.functional.interpolate", "quill.interpolate"},
    {"torch.nn.functional.pad", "quill.pad"},
    {"torch.flatten", "quill.flatten"},
    {"flatten", "quill.flatten"},
    {"torch.reshape", "quill.reshape"},
    {"reshape", "quill.reshape"},
    {"view", "quill.reshape"},
    {"torch.permute", "quill.permute"},
    {"permute", "quill.permute"},
    {"torch.transpose", "quill.transpose"},
    {"transpose", "quill.transpose"},
    {"torch.squeeze", "quill.squeeze"},
    {"squeeze", "quill.squeeze"},
    {"squeeze_", "quill.squeeze"},
    {"torch.unsqueeze", "quill.unsqueeze"},
    {"unsqueeze", "quill.unsqueeze"},
    {"unsqueeze_", "quill.unsqueeze"},
    {"torch.chunk", "quill.chunk"},
    {"chunk", "quill.chunk"},
    {"torch.functional.split", "quill.split", "torch.split"},
    {"split", "quill.split"},
    {"torch.pixel_shuffle", "quill.pixel_shuffle",
     "torch.nn.functional.pixel_shuffle"},
    {"torch.nn.functional.embedding", "quill.embedding"},
    {"torch.nn.functional.embedding_bag", "quill.embedding_bag"},
};

/// PyTorch pattern ops Quill does not represent, and why. Each appears in
/// PyTorch 1.13's backend configs (share-qparams and RNN groups), by its
/// live spelling, with an alias as in Callable;
/// test/python/test_backend_config_parity.py checks that this is exactly
/// the part of those configs without a quill op, and that
/// docs/backend-config.md lists it.
struct Unrepresented {
  StringLiteral name, reason, alias = "";
};

constexpr StringLiteral kShapeQuery =
    "returns Python ints (a torch.Size), not a tensor; Quill graphs have "
    "static shapes and the importer folds the value";
constexpr StringLiteral kLayoutNoOp =
    "a memory-layout or autograd no-op on values; the importer drops it";
constexpr StringLiteral kNoRepeat = "no quill op for repeat/tiling yet";
constexpr StringLiteral kFloorDiv =
    "Python integer arithmetic on sizes in traced graphs (x.size(0) // 2), "
    "folded by the importer; tensor floor division is quill.div with "
    "rounding_mode = floor, which PyTorch does not list as share-qparams";
constexpr StringLiteral kCell =
    "single-step RNN cell; Quill has whole-sequence quill.lstm and quill.gru";

const Unrepresented kUnrepresented[] = {
    {"size", kShapeQuery},
    {"shape", kShapeQuery},
    {"contiguous", kLayoutNoOp},
    {"detach", kLayoutNoOp},
    {"detach_", kLayoutNoOp},
    {"resize_", "resizes storage in place; Quill ops have value semantics"},
    {"repeat", kNoRepeat},
    {"repeat_interleave", kNoRepeat},
    {"torch.repeat_interleave", kNoRepeat},
    {"_operator.floordiv", kFloorDiv, "operator.floordiv"},
    {"torch.nn.modules.rnn.GRUCell", kCell, "torch.nn.GRUCell"},
    {"torch.nn.modules.rnn.LSTMCell", kCell, "torch.nn.LSTMCell"},
    {"torch.nn.modules.rnn.RNNCell", kCell, "torch.nn.RNNCell"},
    {"torch.ao.nn.quantized.reference.modules.rnn.GRUCell", kCell},
    {"torch.ao.nn.quantized.reference.modules.rnn.LSTMCell", kCell},
    {"torch.ao.nn.quantized.reference.modules.rnn.RNNCell", kCell},
};

/// Every spelling, keyed by itself. An entry's `name` and `canonical` point
/// into the map's keys, which StringMap never moves.
const llvm::StringMap<TorchNameInfo> &table() {
  static const llvm::StringMap<TorchNameInfo> map = [] {
    llvm::StringMap<TorchNameInfo> m;
    auto add = [&m](StringRef name, TorchNameInfo info) -> StringRef {
      auto [it, inserted] = m.try_emplace(name, info);
      assert(inserted && "a PyTorch name is listed twice");
      (void)inserted;
      it->second.name = it->getKey();
      if (info.canonical.empty())
        it->second.canonical = it->getKey();
      return it->getKey();
    };
    for (const ModuleClass &c : kModules) {
      ArrayRef<StringLiteral> packages = packageSpellings(c.package);
      TorchNameInfo info;
      info.op = c.op;
      info.inputRanks = c.ranks;
      // Python reports the first package's defining file.
      info.canonical = add(
          (packages.front() + ".modules." + c.file + "." + c.cls).str(), info);
      for (StringRef package : packages)
        for (const std::string &spelling :
             {(package + "." + c.cls).str(),
              (package + ".modules." + c.file + "." + c.cls).str()})
          if (spelling != info.canonical)
            add(spelling, info);
    }
    for (const Callable &c : kCallables) {
      TorchNameInfo info;
      info.op = c.op;
      info.canonical = add(c.name, info);
      if (!c.alias.empty())
        add(c.alias, info);
    }
    for (const Unrepresented &u : kUnrepresented) {
      TorchNameInfo info;
      info.unrepresentedReason = u.reason;
      info.canonical = add(u.name, info);
      if (!u.alias.empty())
        add(u.alias, info);
    }
    return m;
  }();
  return map;
}

const TorchNameInfo *lookup(StringRef torchName) {
  auto it = table().find(torchName);
  return it == table().end() ? nullptr : &it->second;
}

} // namespace

std::optional<StringRef> mlir::quill::quillOpForTorchName(StringRef torchName) {
  const TorchNameInfo *info = lookup(torchName);
  if (!info || info->op.empty())
    return std::nullopt;
  return info->op;
}

ArrayRef<int64_t> mlir::quill::torchNameInputRanks(StringRef torchName) {
  const TorchNameInfo *info = lookup(torchName);
  return info ? info->inputRanks : ArrayRef<int64_t>();
}

std::optional<StringRef>
mlir::quill::unrepresentedTorchNameReason(StringRef torchName) {
  const TorchNameInfo *info = lookup(torchName);
  if (!info || info->unrepresentedReason.empty())
    return std::nullopt;
  return info->unrepresentedReason;
}

std::optional<StringRef> mlir::quill::canonicalTorchName(StringRef torchName) {
  const TorchNameInfo *info = lookup(torchName);
  if (!info)
    return std::nullopt;
  return info->canonical;
}

std::vector<TorchNameInfo> mlir::quill::torchNameTable() {
  std::vector<TorchNameInfo> names;
  for (const auto &entry : table())
    names.push_back(entry.second);
  llvm::sort(names, [](const TorchNameInfo &a, const TorchNameInfo &b) {
    return a.name < b.name;
  });
  return names;
}
