//===- Tensor.h - a dense tensor, owning or borrowed ------------*- C++ -*-===//
//
// Contiguous row-major storage of one dtype with an optional quantization
// (per tensor, or per axis like !quant.uniform<i8:f32:0, {...}>). A Tensor
// either owns its bytes (shared, cheap to copy) or borrows caller memory;
// kernels only ever see Tensors, never raw buffers.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_TENSOR_H
#define QUILL_RUNTIME_TENSOR_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace quill {

enum class DType : uint8_t { f32, f16, i8, u8, i32, i64 };

size_t dtypeSize(DType dtype);
/// "f32", "f16", "i8", "u8", "i32", "i64".
std::string_view dtypeName(DType dtype);
std::optional<DType> parseDType(std::string_view name);

/// Quantization of a stored integer tensor: x = (q - zeroPoint) * scale.
/// `axis` < 0 means per tensor (one scale and zero point). Scales are
/// doubles, as PyTorch stores q_scale().
struct QuantParams {
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;
  int64_t axis = -1;

  bool perAxis() const { return axis >= 0; }
  bool operator==(const QuantParams &o) const {
    return scales == o.scales && zeroPoints == o.zeroPoints && axis == o.axis;
  }
};

int64_t numElements(const std::vector<int64_t> &shape);

class Tensor {
public:
  Tensor() = default;
  /// Zero-filled owned storage. Every size must be >= 0 (static shapes;
  /// callers check shapes that come from outside).
  static Tensor allocate(DType dtype, std::vector<int64_t> shape);
  /// Borrows `data`, which must outlive the tensor and every copy of it.
  static Tensor borrow(DType dtype, std::vector<int64_t> shape, void *data);

  DType dtype() const { return dtype_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t dim(int64_t i) const { return shape_[i]; }
  int64_t numel() const { return numElements(shape_); }
  size_t byteSize() const { return numel() * dtypeSize(dtype_); }
  /// Row-major strides in elements.
  std::vector<int64_t> strides() const;

  void *raw() { return data_; }
  const void *raw() const { return data_; }
  template <typename T> T *data() { return static_cast<T *>(data_); }
  template <typename T> const T *data() const {
    return static_cast<const T *>(data_);
  }

  const std::optional<QuantParams> &quant() const { return quant_; }
  void setQuant(std::optional<QuantParams> quant) { quant_ = std::move(quant); }

private:
  DType dtype_ = DType::f32;
  std::vector<int64_t> shape_;
  std::shared_ptr<uint8_t[]> owner_;
  void *data_ = nullptr;
  std::optional<QuantParams> quant_;
};

} // namespace quill

#endif // QUILL_RUNTIME_TENSOR_H
