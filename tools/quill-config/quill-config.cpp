//===- quill-config.cpp - inspect and check Quill's tables ----------------===//
//
//   quill-config backend <name|file.json>   print a BackendConfig as JSON
//   quill-config qconfig <name|file.json>   print a QConfigMapping as JSON
//   quill-config list                       native backends and presets
//   quill-config torch-names                the PyTorch names Quill knows
//
// Loading validates: a bad JSON file gives an error naming the offending
// field and exit code 1. The printed JSON loads back unchanged, so a native
// table is a starting point for a custom backend.
//
//===----------------------------------------------------------------------===//

#include "quill/BackendConfig/BackendConfig.h"
#include "quill/BackendConfig/QConfig.h"
#include "quill/BackendConfig/TorchNames.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::quill;

static int usage() {
  llvm::errs() << "usage: quill-config backend <name|file.json>\n"
                  "       quill-config qconfig <name|file.json>\n"
                  "       quill-config list\n"
                  "       quill-config torch-names\n";
  return 2;
}

template <typename T> static int print(llvm::Expected<T> loaded) {
  if (!loaded) {
    llvm::WithColor::error(llvm::errs(), "quill-config")
        << llvm::toString(loaded.takeError()) << "\n";
    return 1;
  }
  llvm::outs() << llvm::formatv("{0:2}", toJSON(*loaded)) << "\n";
  return 0;
}

// {"names": {name: {"op", "canonical", "input_ranks"}},
//  "unrepresented": {name: {"canonical", "reason"}}}: the table behind
// PyTorch names in patterns and object types, for tests and for users
// looking up a spelling.
static int printTorchNames() {
  llvm::json::Object names, unrepresented;
  for (const TorchNameInfo &info : torchNameTable()) {
    if (info.op.empty())
      unrepresented[info.name] = llvm::json::Object{
          {"canonical", info.canonical}, {"reason", info.unrepresentedReason}};
    else
      names[info.name] = llvm::json::Object{
          {"op", info.op},
          {"canonical", info.canonical},
          {"input_ranks", llvm::json::Array(info.inputRanks)}};
  }
  llvm::json::Value table = llvm::json::Object{
      {"names", std::move(names)}, {"unrepresented", std::move(unrepresented)}};
  llvm::outs() << llvm::formatv("{0:2}", table) << "\n";
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  MLIRContext ctx;
  ctx.loadDialect<QuillDialect>();
  llvm::StringRef cmd = argc > 1 ? argv[1] : "";
  if (cmd == "list" && argc == 2) {
    llvm::outs() << "backends:";
    for (llvm::StringRef name : nativeBackendNames())
      llvm::outs() << " " << name;
    llvm::outs() << "\nqconfig presets:";
    for (llvm::StringRef name : qconfigPresetNames())
      llvm::outs() << " " << name;
    llvm::outs() << "\n";
    return 0;
  }
  if (cmd == "torch-names" && argc == 2)
    return printTorchNames();
  if (argc != 3)
    return usage();
  if (cmd == "backend")
    return print(loadBackendConfig(argv[2], &ctx));
  if (cmd == "qconfig")
    return print(loadQConfigMapping(argv[2], &ctx));
  return usage();
}
