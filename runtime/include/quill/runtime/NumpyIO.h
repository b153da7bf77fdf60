//===- NumpyIO.h - numpy .npy and .npz files as Tensors ---------*- C++ -*-===//
//
// Reads and writes the files np.save / np.savez / np.savez_compressed make,
// so that quant-run takes its inputs and gives its outputs in numpy's own
// format. Supported: .npy versions 1.0, 2.0 and 3.0, C order, little-endian
// dtypes '<f4' '<f2' '<i8' '<i4' '|i1' '|u1' and '|b1' (bool, held as a u8
// tensor of 0/1 as the runtime holds i1); .npz archives with stored or
// deflated members, zip64 included (numpy always writes zip64 headers).
// Anything else - a truncated file, a bad magic string, Fortran order,
// big-endian or unsupported dtypes, a data size that does not match the
// shape, duplicate members - is an error that says what is wrong.
//
// Writers produce what numpy 1.24 writes (byte for byte for .npy) and go
// through a temporary file renamed into place, so a failed write never
// leaves a partial file.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_NUMPYIO_H
#define QUILL_RUNTIME_NUMPYIO_H

#include "quill/runtime/Status.h"
#include "quill/runtime/Tensor.h"

#include <string>
#include <string_view>
#include <vector>

namespace quill::npy {

/// An array from a numpy file. `isBool` marks numpy bool data, held in a u8
/// tensor of 0s and 1s.
struct Array {
  Tensor tensor;
  bool isBool = false;
};

/// A member of an .npz archive; `name` is without the ".npy" suffix, as
/// np.load reports it ("arr_0" for np.savez's positional arrays).
struct NamedArray {
  std::string name;
  Array array;
};

/// The contents of an .npy file. Errors do not name the file.
Expected<Array> parseNpy(std::string_view bytes);
/// The .npy bytes numpy would write for `array` (a quantized tensor is
/// written as its stored integers).
std::string encodeNpy(const Array &array);

/// The members of an .npz archive, in archive order.
Expected<std::vector<NamedArray>> parseNpz(std::string_view bytes);
/// An .npz archive of `arrays` (names must be unique); `compressed` deflates
/// the members like np.savez_compressed.
Expected<std::string> encodeNpz(const std::vector<NamedArray> &arrays,
                                bool compressed = false);

/// File versions of the above; errors start with the path.
Expected<Array> readNpy(const std::string &path);
Expected<std::vector<NamedArray>> readNpz(const std::string &path);
Status writeNpy(const std::string &path, const Array &array);
Status writeNpz(const std::string &path, const std::vector<NamedArray> &arrays,
                bool compressed = false);

/// The whole content of a file.
Expected<std::string> readFile(const std::string &path);

/// Writes several files all or nothing: stage() writes each to a temporary
/// file next to its destination (through a symbolic link: next to its
/// target); commit() renames them into place. Files not committed (an
/// error, or destruction before commit()) are removed, leaving the
/// destinations untouched. A destination that is a device or a pipe
/// (/dev/null, /dev/stdout) cannot be replaced: commit() writes it in place.
class AtomicFiles {
public:
  AtomicFiles() = default;
  AtomicFiles(const AtomicFiles &) = delete;
  AtomicFiles &operator=(const AtomicFiles &) = delete;
  ~AtomicFiles();

  Status stage(const std::string &path, std::string_view bytes);
  Status commit();

private:
  struct Staged {
    std::string temp, path; // temp empty: written in place at commit
    std::string bytes;      // for in-place writes only
  };
  std::vector<Staged> staged_;
};

} // namespace quill::npy

#endif // QUILL_RUNTIME_NUMPYIO_H
