//===- KernelSupport.h - shared plumbing of the reference kernels ---------===//
//
// The reference kernels are written for clarity: each group file registers
// factories that check a node once (attributes, dtypes, shapes) and return a
// kernel wrapping a plain function of the input and output tensors. The node
// checks and attribute readers of every group live here, so that a wrong
// node reads the same whichever kernel rejects it.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_KERNELSUPPORT_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_KERNELSUPPORT_H

#include "quill/runtime/Kernel.h"

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace quill::reference {

using RunFn = std::function<Status(const std::vector<const Tensor *> &,
                                   const std::vector<Tensor *> &)>;

/// What a factory returns: a kernel, nullptr to decline, or an error.
using KernelOr = Expected<std::unique_ptr<Kernel>>;

/// A kernel that runs `fn`.
std::unique_ptr<Kernel> makeKernel(RunFn fn);

/// f32 without quantization: what the float kernels compute on.
inline bool isPlainF32(const ValueInfo &v) {
  return !v.quant && v.dtype == DType::f32;
}

/// True when every present input and every output of `node` is f32 without
/// quantization: the float reference kernels decline anything else.
bool isFloatNode(const Node &node, const Graph &graph);

/// Registers `factory` for `kind` on the reference backend behind an
/// isFloatNode test: other nodes are declined (quantized kernels live
/// elsewhere).
void addFloatKernel(KernelRegistry &registry, const std::string &kind,
                    KernelFactory factory);

/// The static type of input `i` / output `i` of `node`.
const ValueInfo &inputInfo(const Node &node, const Graph &graph, size_t i);
const ValueInfo &outputInfo(const Node &node, const Graph &graph, size_t i);

/// The data of input `i`, nullptr for an absent optional operand.
inline const float *optionalData(const std::vector<const Tensor *> &in,
                                 size_t i) {
  return in[i] ? in[i]->data<float>() : nullptr;
}

/// "[2, 3, 4]", for messages.
std::string formatShape(const std::vector<int64_t> &shape);

/// An error unless `node` has `inputs` inputs and `outputs` outputs, every
/// input present but those listed in `optional` (which may be kNoValue),
/// all of static shape.
Status checkArity(const Node &node, const Graph &graph, size_t inputs,
                  size_t outputs, std::initializer_list<size_t> optional = {});

/// An error naming `what` unless `value` has shape `expected`.
Status expectShape(const ValueInfo &value, const std::string &what,
                   const std::vector<int64_t> &expected);

/// Row-major strides of `shape`, in elements.
std::vector<int64_t> rowMajorStrides(const std::vector<int64_t> &shape);

/// Reads attribute `name` into `dst`; when absent `dst` keeps its value,
/// which the caller initialises to the ODS default.
template <typename T>
Status readAttr(const Node &node, const std::string &name, T &dst) {
  Expected<T> v = node.attrs.get<T>(name, dst);
  if (!v.ok())
    return v.status();
  dst = *v;
  return Status::success();
}

/// readAttr of a list attribute that must have `n` entries; an empty `dst`
/// (no default) makes the attribute required.
template <typename T>
Status readList(const Node &node, const std::string &name, size_t n,
                std::vector<T> &dst) {
  if (dst.empty() && !node.attrs.has(name))
    return Status::error("missing attribute '" + name + "'");
  if (Status s = readAttr(node, name, dst); !s.ok())
    return s;
  if (dst.size() != n)
    return Status::error(name + " has " + std::to_string(dst.size()) +
                         " entries, expected " + std::to_string(n));
  return Status::success();
}

/// readList of integers that must each be at least `min`.
Status readList(const Node &node, const std::string &name, size_t n,
                int64_t min, std::vector<int64_t> &dst);

/// The integer attribute `name` (`fallback` when absent, required without
/// one) as a dimension in [0, rank).
Expected<int64_t> dimAttr(const Node &node, const std::string &name,
                          int64_t rank,
                          std::optional<int64_t> fallback = std::nullopt);

/// True for fused_activation = relu (PyTorch's fused ConvReLU, LinearReLU
/// and BNReLU modules), false when the attribute is absent.
Expected<bool> fusedRelu(const Node &node);

/// The observer config a node carries as "observer.<field>" attributes
/// (passes/translate: the fields of #quill.observer); observe and
/// fake_quant nodes share it.
Expected<observers::ObserverConfig> observerConfig(const Attributes &attrs);

// One registration function per group file.
void registerObserveKernels(KernelRegistry &registry);
void registerConvKernels(KernelRegistry &registry);
void registerLinearKernels(KernelRegistry &registry);
void registerNormKernels(KernelRegistry &registry);
void registerActivationKernels(KernelRegistry &registry);
void registerElementwiseKernels(KernelRegistry &registry);
void registerPoolKernels(KernelRegistry &registry);
void registerShapeKernels(KernelRegistry &registry);
void registerInterpolateKernels(KernelRegistry &registry);
void registerEmbeddingKernels(KernelRegistry &registry);
void registerRecurrentKernels(KernelRegistry &registry);
void registerAttentionKernels(KernelRegistry &registry);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_KERNELSUPPORT_H
