//===- TorchNames.h - PyTorch names of quill ops ----------------*- C++ -*-===//
//
// For users who think in PyTorch terms: the quill op that a PyTorch module
// class, function or Tensor method becomes ("torch.nn.Conv2d",
// "torch.nn.functional.conv2d", "torch.nn.intrinsic.ConvReLU2d" ->
// "quill.conv2d"). Pattern JSON and QConfigMapping object types accept
// either spelling.
//
// Spelling rule: either spelling works everywhere. A class or function has
// one canonical spelling, f"{obj.__module__}.{obj.__name__}" as Python
// reports it for the live object ("torch.nn.modules.conv.Conv2d";
// "torch.conv2d" for F.conv2d, a builtin; "torch._C._nn.linear" for
// F.linear; "_operator.add"), and the public aliases people type name the
// same object ("torch.nn.Conv2d", "torch.nn.functional.conv2d",
// "operator.add", "torch.nn.intrinsic.ConvReLU2d"). Only true aliases are
// one object: F.relu is not torch.relu. A Tensor method is its bare name
// ("reshape", "relu_"), as in PyTorch's configs.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_BACKENDCONFIG_TORCHNAMES_H
#define QUILL_BACKENDCONFIG_TORCHNAMES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <vector>

namespace mlir::quill {

/// The quill op for a PyTorch name, or nullopt if Quill has none.
std::optional<llvm::StringRef> quillOpForTorchName(llvm::StringRef torchName);

/// The operand-0 ranks a PyTorch name implies for its quill op: BatchNorm2d
/// is quill.batch_norm on rank-4 input, BatchNorm1d on rank 2 or 3. Empty
/// when the name implies no rank.
llvm::ArrayRef<int64_t> torchNameInputRanks(llvm::StringRef torchName);

/// For a PyTorch op that appears in PyTorch's backend configs but that Quill
/// deliberately does not represent ("size", "detach", nn.GRUCell ...): why.
std::optional<llvm::StringRef>
unrepresentedTorchNameReason(llvm::StringRef torchName);

/// The canonical spelling of the object a known PyTorch name (represented
/// or not) names: "torch.nn.Conv2d" -> "torch.nn.modules.conv.Conv2d",
/// "torch.nn.functional.conv2d" -> "torch.conv2d"; a canonical spelling or
/// a Tensor method maps to itself. nullopt for names Quill does not know.
std::optional<llvm::StringRef> canonicalTorchName(llvm::StringRef torchName);

/// One spelling Quill knows. Exactly one of `op` and `unrepresentedReason`
/// is set. The strings live as long as the program.
struct TorchNameInfo {
  llvm::StringRef name, canonical, op;
  llvm::ArrayRef<int64_t> inputRanks;
  llvm::StringRef unrepresentedReason;
};

/// Every known spelling, sorted by name (`quill-config torch-names`).
std::vector<TorchNameInfo> torchNameTable();

} // namespace mlir::quill

#endif // QUILL_BACKENDCONFIG_TORCHNAMES_H
