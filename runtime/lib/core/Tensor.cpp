//===- Tensor.cpp ---------------------------------------------------------===//

#include "quill/runtime/Tensor.h"

#include <cstring>

namespace quill {

size_t dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::f32:
  case DType::i32:
    return 4;
  case DType::f16:
    return 2;
  case DType::i8:
  case DType::u8:
    return 1;
  case DType::i64:
    return 8;
  }
  return 0;
}

static constexpr std::string_view kDTypeNames[] = {"f32", "f16", "i8",
                                                   "u8",  "i32", "i64"};

std::string_view dtypeName(DType dtype) {
  return kDTypeNames[static_cast<size_t>(dtype)];
}

std::optional<DType> parseDType(std::string_view name) {
  for (size_t i = 0; i < std::size(kDTypeNames); ++i)
    if (kDTypeNames[i] == name)
      return static_cast<DType>(i);
  return std::nullopt;
}

int64_t numElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

Tensor Tensor::allocate(DType dtype, std::vector<int64_t> shape) {
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  size_t bytes = t.byteSize();
  // Never a null pointer, even for empty tensors: kernels may take data().
  t.owner_ = std::shared_ptr<uint8_t[]>(new uint8_t[bytes ? bytes : 1]());
  t.data_ = t.owner_.get();
  return t;
}

Tensor Tensor::borrow(DType dtype, std::vector<int64_t> shape, void *data) {
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  t.data_ = data;
  return t;
}

std::vector<int64_t> Tensor::strides() const {
  std::vector<int64_t> s(shape_.size(), 1);
  for (int64_t i = rank() - 2; i >= 0; --i)
    s[i] = s[i + 1] * shape_[i + 1];
  return s;
}

} // namespace quill
