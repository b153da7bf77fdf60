//===- Run.cpp - quant-run model.mlir --input x.npy --output y.npy --------===//
//
// Reads the inputs, checks them against the function's signature, runs the
// graph once and writes every result. Nothing is written unless the run
// succeeds, and then all outputs are renamed into place together.
//
//===----------------------------------------------------------------------===//

#include "QuantRun.h"

#include <sys/stat.h>

namespace quill::run {

namespace {

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The arrays of --input files or the --inputs archive, checked.
Expected<std::vector<npy::Array>> readInputs(const Model &model,
                                             const RunOptions &options) {
  const std::string &fn = model.name;
  size_t n = model.args.size();
  std::vector<npy::Array> arrays;
  std::vector<std::string> names;
  if (!options.inputsNpz.empty()) {
    if (!options.inputs.empty())
      return Status::error("give the inputs with --input or --inputs, not "
                           "both");
    Expected<std::vector<npy::NamedArray>> members =
        npy::readNpz(options.inputsNpz);
    if (!members.ok())
      return members.status();
    Expected<std::vector<npy::Array>> byArg =
        arraysByArgument(std::move(*members), model, options.inputsNpz);
    if (!byArg.ok())
      return byArg.status();
    arrays = std::move(*byArg);
    for (size_t i = 0; i < n; ++i)
      names.push_back(options.inputsNpz + " member 'arr_" + std::to_string(i) +
                      "'");
  } else {
    if (options.inputs.size() != n)
      return Status::error(fn + " takes " + std::to_string(n) +
                           " input(s); got " +
                           std::to_string(options.inputs.size()) +
                           " --input (give one .npy per argument, or "
                           "--inputs file.npz)");
    for (const std::string &path : options.inputs) {
      Expected<npy::Array> a = npy::readNpy(path);
      if (!a.ok())
        return a.status();
      arrays.push_back(std::move(*a));
      names.push_back(path);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    std::string what =
        names[i] + " (argument " + std::to_string(i) + " of " + fn + ")";
    if (Status s = checkArray(arrays[i], model.args[i], what); !s.ok())
      return s;
  }
  return arrays;
}

/// Where each result goes: --output files (or one .npz for all), or
/// DIR/result<i>.npy.
Status checkOutputs(const Model &model, const RunOptions &options) {
  size_t n = model.results.size();
  const std::string &fn = model.name;
  if (options.outputs.empty() == options.outputDir.empty())
    return Status::error("give --output (once per result, or one .npz) or "
                         "--output-dir, exactly one of them");
  if (!options.outputDir.empty()) {
    struct stat st;
    if (::stat(options.outputDir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      return Status::error("--output-dir '" + options.outputDir +
                           "' is not an existing directory");
    return Status::success();
  }
  bool oneNpz =
      options.outputs.size() == 1 && endsWith(options.outputs[0], ".npz");
  if (!oneNpz && options.outputs.size() != n)
    return Status::error(fn + " has " + std::to_string(n) + " result(s); got " +
                         std::to_string(options.outputs.size()) +
                         " --output (give one per result, or one .npz)");
  return Status::success();
}

Status writeOutputs(const Model &model, const RunOptions &options) {
  const std::vector<Tensor> &results = model.executor->outputs();
  npy::AtomicFiles files;
  auto array = [&](size_t i) {
    return npy::Array{results[i], model.results[i].isBool};
  };
  if (options.outputs.size() == 1 && endsWith(options.outputs[0], ".npz")) {
    std::vector<npy::NamedArray> members;
    for (size_t i = 0; i < results.size(); ++i)
      members.push_back({"arr_" + std::to_string(i), array(i)});
    Expected<std::string> bytes = npy::encodeNpz(members);
    if (!bytes.ok())
      return bytes.status();
    if (Status s = files.stage(options.outputs[0], *bytes); !s.ok())
      return s;
  } else {
    for (size_t i = 0; i < results.size(); ++i) {
      std::string path =
          options.outputDir.empty()
              ? options.outputs[i]
              : options.outputDir + "/result" + std::to_string(i) + ".npy";
      if (Status s = files.stage(path, npy::encodeNpy(array(i))); !s.ok())
        return s;
    }
  }
  return files.commit();
}

} // namespace

int runModel(Model &model, const RunOptions &options) {
  if (Status s = checkOutputs(model, options); !s.ok())
    return fail(s.message());
  Expected<std::vector<npy::Array>> arrays = readInputs(model, options);
  if (!arrays.ok())
    return fail(arrays.status().message());
  std::vector<Tensor> inputs;
  for (size_t i = 0; i < arrays->size(); ++i) {
    inputs.push_back((*arrays)[i].tensor);
    inputs.back().setQuant(model.args[i].quant);
  }
  if (Status s = model.executor->run(inputs); !s.ok())
    return fail(s.message());
  if (Status s = writeOutputs(model, options); !s.ok())
    return fail(s.message());
  return 0;
}

} // namespace quill::run
