//===- Bindings.cpp - the quill._quill extension --------------------------===//
//
// numpy arrays in and out of Module.h's types, Python exceptions out of
// its errors. Input arrays are borrowed (no copy) for the duration of a
// call; results are copied into fresh numpy arrays.
//
//===----------------------------------------------------------------------===//

#include "Module.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace quill;
using namespace quill::python;

namespace {

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// The runtime dtype of a numpy dtype (bool is a u8 tensor of 0/1).
std::optional<std::pair<DType, bool>> runtimeType(const py::dtype &dtype) {
  char kind = dtype.kind();
  ssize_t size = dtype.itemsize();
  char order = py::cast<std::string>(dtype.attr("byteorder"))[0];
  if (order == '>')
    return std::nullopt; // big-endian data
  if (kind == 'b')
    return std::make_pair(DType::u8, true);
  if (kind == 'f' && size == 4)
    return std::make_pair(DType::f32, false);
  if (kind == 'f' && size == 2)
    return std::make_pair(DType::f16, false);
  if (kind == 'i' && size == 1)
    return std::make_pair(DType::i8, false);
  if (kind == 'u' && size == 1)
    return std::make_pair(DType::u8, false);
  if (kind == 'i' && size == 4)
    return std::make_pair(DType::i32, false);
  if (kind == 'i' && size == 8)
    return std::make_pair(DType::i64, false);
  return std::nullopt;
}

py::dtype numpyDType(DType dtype, bool isBool) {
  return py::dtype(numpyName(dtype, isBool));
}

/// Borrows the data of `obj` (a numpy array, or anything np.asarray takes
/// without copying it into another dtype); `keep` holds what it borrows.
/// `expected` names the wanted type in the error for an unsupported dtype.
npy::Array borrowArray(py::handle obj, const std::string &what,
                       std::vector<py::array> &keep,
                       const ArraySpec *expected = nullptr) {
  py::array a = py::array::ensure(obj, py::array::c_style);
  if (!a)
    throw Error(what + " is not an array (" +
                py::cast<std::string>(py::repr(obj.get_type())) + ")");
  std::vector<int64_t> shape(a.shape(), a.shape() + a.ndim());
  std::optional<std::pair<DType, bool>> type = runtimeType(a.dtype());
  if (!type) {
    std::string got = what + " is " +
                      py::cast<std::string>(py::str(a.dtype())) + " " +
                      shapeText(shape);
    if (expected)
      throw Error(got + ", expected " +
                  numpyName(expected->dtype, expected->isBool) + " " +
                  shapeText(expected->shape) + " (" + expected->type + ")");
    throw Error(got + ": unsupported dtype (supported: float32, float16, "
                      "int64, int32, int8, uint8, bool)");
  }
  keep.push_back(a);
  return {Tensor::borrow(type->first, shape, const_cast<void *>(a.data())),
          type->second};
}

/// One array per argument of `function` from a list or tuple; `context`
/// starts the messages.
std::vector<npy::Array> borrowInputs(py::handle seq, const std::string &context,
                                     const std::string &function,
                                     const std::vector<ArraySpec> &specs,
                                     std::vector<py::array> &keep) {
  if (!py::isinstance<py::list>(seq) && !py::isinstance<py::tuple>(seq))
    throw Error(context + "the inputs of " + function +
                " must be a list of arrays, one per argument (got " +
                py::cast<std::string>(py::repr(seq.get_type())) + ")");
  std::vector<npy::Array> arrays;
  size_t i = 0;
  for (py::handle item : seq) {
    arrays.push_back(borrowArray(
        item, context + "argument " + std::to_string(i) + " of " + function,
        keep, i < specs.size() ? &specs[i] : nullptr));
    ++i;
  }
  return arrays;
}

py::list specList(const std::vector<ArraySpec> &specs) {
  py::list out;
  for (const ArraySpec &s : specs)
    out.append(py::make_tuple(numpyDType(s.dtype, s.isBool),
                              py::tuple(py::cast(s.shape))));
  return out;
}

py::array copyArray(const npy::Array &array) {
  py::array out(numpyDType(array.tensor.dtype(), array.isBool),
                array.tensor.shape());
  std::memcpy(out.mutable_data(), array.tensor.raw(), array.tensor.byteSize());
  return out;
}

template <typename T> py::object optionalList(const std::vector<T> &values) {
  return values.empty() ? py::object(py::none()) : py::object(py::cast(values));
}

py::dict observerDict(const ObserverInfo &o) {
  py::dict d;
  d["function"] = o.function;
  d["id"] = o.id;
  d["op"] = o.op;
  d["kind"] = o.kind;
  d["dtype"] = o.dtype;
  d["qscheme"] = o.qscheme;
  d["ch_axis"] = o.chAxis;
  d["module"] = o.module;
  d["module_type"] = o.moduleType;
  d["input_op"] = o.inputOp.empty() ? py::object(py::none())
                                    : py::object(py::str(o.inputOp));
  d["input_index"] = o.inputIndex;
  d["input_module"] = o.inputModule;
  d["scale"] = optionalList(o.scale);
  d["zero_point"] = optionalList(o.zeroPoint);
  if (!o.floatZeroPoint.empty())
    d["float_zero_point"] = o.floatZeroPoint;
  d["min_val"] = optionalList(o.minVal);
  d["max_val"] = optionalList(o.maxVal);
  return d;
}

std::vector<py::array> runExecutor(Runner &runner, py::handle inputs) {
  std::vector<py::array> keep;
  std::vector<npy::Array> arrays =
      borrowInputs(inputs, "", runner.name(), runner.args(), keep);
  runner.check(arrays);
  std::vector<py::array> outputs;
  std::vector<void *> buffers;
  for (const ArraySpec &s : runner.results()) {
    outputs.emplace_back(numpyDType(s.dtype, s.isBool), s.shape);
    buffers.push_back(outputs.back().mutable_data());
  }
  {
    py::gil_scoped_release release;
    runner.run(arrays, buffers);
  }
  return outputs;
}

std::vector<std::string> calibrate(Module &module, py::handle batches,
                                   py::object progress) {
  std::unique_ptr<Calibration> calibration = module.beginCalibration();
  py::object total = py::none();
  if (py::hasattr(batches, "__len__"))
    total = py::int_(py::len(batches));
  int64_t b = 0;
  for (py::handle batch : batches) {
    std::string context = "calibration batch " + std::to_string(b) + ": ";
    py::object inputs = py::reinterpret_borrow<py::object>(batch);
    if (!py::isinstance<py::list>(batch) && !py::isinstance<py::tuple>(batch))
      inputs = py::make_tuple(batch); // one array: a one-argument model
    std::vector<py::array> keep;
    calibration->feed(borrowInputs(inputs, context, calibration->name(),
                                   calibration->args(), keep),
                      b);
    ++b;
    if (!progress.is_none())
      progress(b, total);
  }
  return calibration->finish();
}

} // namespace

PYBIND11_MODULE(_quill, m) {
  m.doc() = "Quill's C++ core: parse, transform, calibrate and run quill "
            "modules (see python_bindings/README.md)";
  py::register_exception<Error>(m, "QuillError");

  py::class_<Runner>(m, "Executor",
                     "A translated function with its kernels "
                     "(Module.executor()).")
      .def("run", &runExecutor, py::arg("inputs"),
           "Runs the function on one array per argument (exact dtype and "
           "shape); returns one new array per result.")
      .def("__call__", &runExecutor, py::arg("inputs"))
      .def_property_readonly(
          "input_types", [](const Runner &r) { return specList(r.args()); },
          "[(numpy dtype, shape)] of the arguments")
      .def_property_readonly(
          "output_types", [](const Runner &r) { return specList(r.results()); },
          "[(numpy dtype, shape)] of the results");

  py::class_<Module>(m, "Module", "A quill module with its own MLIR context.")
      .def(py::init([](const std::string &text, py::object resources,
                       const std::string &name) {
             std::map<std::string, npy::Array> arrays;
             std::vector<py::array> keep;
             if (!resources.is_none())
               for (py::handle item : resources.attr("items")()) {
                 auto k = py::cast<std::string>(item[py::int_(0)]);
                 arrays[k] = borrowArray(item[py::int_(1)],
                                         "resources['" + k + "']", keep);
               }
             return std::make_unique<Module>(text, arrays, name);
           }),
           py::arg("mlir_text"), py::arg("resources") = py::none(),
           py::arg("name") = "<quill>",
           "Parses and verifies (quill-verify-graph) a module. Each "
           "dense_resource<key> without data in the text takes the bytes of "
           "resources[key] (a numpy array of the tensor's dtype and size, "
           "copied). `name` names the text in diagnostics.")
      .def("run_passes", &Module::runPasses, py::arg("pipeline"),
           "Runs a pass pipeline, e.g. 'func.func(quill-fuse{backend=x86 "
           "qconfig=x86})'; returns the warnings and remarks.")
      .def("text", &Module::text, py::arg("elide_resources") = true,
           "The module's MLIR text; with elide_resources, no "
           "dialect_resources section (the weights stay in resources()).")
      .def(
          "resources",
          [](const Module &module) {
            py::dict out;
            for (const auto &[key, array] : module.resources())
              out[py::str(key)] = copyArray(array);
            return out;
          },
          "Every dense_resource the module uses: key -> numpy array (copy).")
      .def(
          "observers",
          [](const Module &module) {
            py::list out;
            for (const ObserverInfo &o : module.observers())
              out.append(observerDict(o));
            return out;
          },
          "Every quill.observe / quill.fake_quant op: id, kind, dtype, "
          "qscheme, ch_axis, module, module_type, the observed value "
          "(input_op, input_index, input_module) and the calibration "
          "results (scale, zero_point, min_val, max_val; None before).")
      .def(
          "set_qparams",
          [](Module &module, py::dict qparams) {
            // id -> a dict as observers() gives (scale, zero_point or
            // float_zero_point); entries without a scale are skipped.
            std::map<int64_t, ObserverInfo> byId;
            for (auto [key, value] : qparams) {
              py::dict entry = py::reinterpret_borrow<py::dict>(value);
              if (!entry.contains("scale") || entry["scale"].is_none())
                continue;
              ObserverInfo q;
              q.scale = entry["scale"].cast<std::vector<double>>();
              if (entry.contains("float_zero_point") &&
                  !entry["float_zero_point"].is_none())
                q.floatZeroPoint =
                    entry["float_zero_point"].cast<std::vector<double>>();
              else
                q.zeroPoint = entry["zero_point"].cast<std::vector<int64_t>>();
              byId[key.cast<int64_t>()] = std::move(q);
            }
            module.setQParams(byId);
          },
          py::arg("qparams"),
          "Writes qparams (observer id -> {scale, zero_point | "
          "float_zero_point}, as observers() gives) onto the observe and "
          "fake_quant ops of those ids, as calibration would.")
      .def("calibrate", &calibrate, py::arg("batches"),
           py::arg("progress") = py::none(),
           "Feeds every batch (a list of arrays, one per argument of the "
           "first public function, or one array) to the observers and writes "
           "their statistics and qparams into the module, all or nothing; "
           "calls progress(done, total) after each batch. Returns the "
           "warnings.")
      .def("executor", &Module::executor, py::arg("function") = "",
           py::arg("backend") = "reference",
           "Translates `function` (default: the first public one) into an "
           "Executor; later changes to the module do not affect it.");
}
