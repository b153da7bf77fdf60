//===- Npy.cpp - the .npy format (numpy/lib/format.py, versions 1-3) ------===//
//
// A file is the magic "\x93NUMPY", a major and minor version byte, the
// header length (u16 in 1.0, u32 in 2.0 and 3.0, little-endian), then the
// header - the repr of a Python dict with exactly the keys 'descr',
// 'fortran_order' and 'shape', padded with spaces to a 64-byte boundary and
// ended by a newline - then the raw data.
//
//===----------------------------------------------------------------------===//

#include "quill/runtime/NumpyIO.h"

#include <cstring>
#include <limits>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the numpy reader and writer assume a little-endian host");

namespace quill::npy {

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr size_t kAlign = 64;
/// numpy pads the header for the first dimension to grow to this many
/// digits in place (format.py GROWTH_AXIS_MAX_DIGITS).
constexpr size_t kGrowthAxisMaxDigits = 21;

/// A supported numpy dtype: its descr without the byte-order character.
struct DTypeEntry {
  std::string_view code; // "f4"
  DType dtype;
  bool isBool;
};
constexpr DTypeEntry kDTypes[] = {
    {"f4", DType::f32, false}, {"f2", DType::f16, false},
    {"i8", DType::i64, false}, {"i4", DType::i32, false},
    {"i1", DType::i8, false},  {"u1", DType::u8, false},
    {"b1", DType::u8, true},
};

std::string npName(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> names[] = {
      {"f2", "float16"}, {"f4", "float32"}, {"f8", "float64"},
      {"i1", "int8"},    {"i2", "int16"},   {"i4", "int32"},
      {"i8", "int64"},   {"u1", "uint8"},   {"u2", "uint16"},
      {"u4", "uint32"},  {"u8", "uint64"},  {"b1", "bool"},
      {"c8", "complex64"}, {"c16", "complex128"}};
  for (auto [c, name] : names)
    if (c == code)
      return std::string(name);
  return std::string(code);
}

Expected<const DTypeEntry *> lookupDescr(std::string_view descr) {
  std::string quoted = "'" + std::string(descr) + "'";
  if (descr.empty() || std::string_view("<>|=").find(descr[0]) ==
                           std::string_view::npos)
    return Status::error("unsupported dtype " + quoted);
  char order = descr[0];
  std::string_view code = descr.substr(1);
  for (const DTypeEntry &e : kDTypes) {
    if (e.code != code)
      continue;
    bool oneByte = dtypeSize(e.dtype) == 1;
    if (order == '>' && !oneByte)
      return Status::error("big-endian dtype " + quoted + " (" + npName(code) +
                           ") is not supported; save "
                           "a.astype(a.dtype.newbyteorder('<'))");
    return &e;
  }
  return Status::error("unsupported dtype " + quoted + " (" + npName(code) +
                       "); supported: float32, float16, int64, int32, int8, "
                       "uint8, bool");
}

/// The header dict, parsed as the Python literal numpy writes.
struct Header {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : s_(text) {}

  Expected<Header> parse() {
    Header h;
    bool seenDescr = false, seenOrder = false, seenShape = false;
    skipSpace();
    if (!consume('{'))
      return fail("the header is not a dict");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      Expected<std::string> key = string();
      if (!key.ok())
        return key.status();
      skipSpace();
      if (!consume(':'))
        return fail("expected ':' after '" + *key + "'");
      skipSpace();
      Status st = Status::success();
      if (*key == "descr" && !seenDescr) {
        seenDescr = true;
        if (peek() == '[')
          return fail("structured dtypes are not supported");
        Expected<std::string> descr = string();
        if (!descr.ok())
          return descr.status();
        h.descr = *descr;
      } else if (*key == "fortran_order" && !seenOrder) {
        seenOrder = true;
        st = boolean(h.fortranOrder);
      } else if (*key == "shape" && !seenShape) {
        seenShape = true;
        st = tuple(h.shape);
      } else {
        return fail("unexpected or repeated key '" + *key + "'");
      }
      if (!st.ok())
        return st;
      skipSpace();
      if (!consume(',')) {
        skipSpace();
        if (!consume('}'))
          return fail("expected ',' or '}'");
        break;
      }
    }
    skipSpace();
    if (pos_ != s_.size())
      return fail("unexpected text after the dict");
    if (!seenDescr || !seenOrder || !seenShape)
      return fail("it must have the keys 'descr', 'fortran_order' and "
                  "'shape'");
    return h;
  }

private:
  Status fail(const std::string &what) {
    return Status::error("bad .npy header (" + what + "): " +
                         std::string(s_.substr(0, 120)));
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool consume(char c) {
    if (peek() != c)
      return false;
    ++pos_;
    return true;
  }
  bool consumeWord(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w)
      return false;
    pos_ += w.size();
    return true;
  }
  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' ||
                                s_[pos_] == '\t' || s_[pos_] == '\r'))
      ++pos_;
  }
  Expected<std::string> string() {
    char quote = peek();
    if (quote != '\'' && quote != '"')
      return fail("expected a string");
    size_t end = s_.find(quote, pos_ + 1);
    if (end == std::string_view::npos)
      return fail("unterminated string");
    std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return out;
  }
  Status boolean(bool &out) {
    if (consumeWord("True"))
      out = true;
    else if (consumeWord("False"))
      out = false;
    else
      return fail("fortran_order must be True or False");
    return Status::success();
  }
  /// A tuple of non-negative ints: "()", "(3,)", "(2, 3)".
  Status tuple(std::vector<int64_t> &out) {
    if (!consume('('))
      return fail("shape must be a tuple");
    bool trailingComma = false;
    while (true) {
      skipSpace();
      if (consume(')'))
        break;
      size_t start = pos_;
      int64_t v = 0;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
        if (v > (std::numeric_limits<int64_t>::max() - 9) / 10)
          return fail("dimension too large");
        v = v * 10 + (s_[pos_++] - '0');
      }
      if (pos_ == start)
        return fail("shape must hold non-negative integers");
      out.push_back(v);
      skipSpace();
      trailingComma = consume(',');
      if (!trailingComma) {
        skipSpace();
        if (!consume(')'))
          return fail("expected ',' or ')' in shape");
        break;
      }
    }
    if (out.size() == 1 && !trailingComma)
      return fail("shape must be a tuple, e.g. (3,)");
    return Status::success();
  }

  std::string_view s_;
  size_t pos_ = 0;
};

uint32_t readLE(std::string_view bytes, size_t offset, size_t width) {
  uint32_t v = 0;
  for (size_t i = 0; i < width; ++i)
    v |= uint32_t(uint8_t(bytes[offset + i])) << (8 * i);
  return v;
}

std::string shapeRepr(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

std::string descrOf(const Array &array) {
  if (array.isBool)
    return "|b1";
  for (const DTypeEntry &e : kDTypes)
    if (e.dtype == array.tensor.dtype() && !e.isBool)
      return (dtypeSize(e.dtype) == 1 ? "|" : "<") + std::string(e.code);
  return "";
}

} // namespace

Expected<Array> parseNpy(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic.substr(0, bytes.size()))
    return Status::error("not an .npy file (bad magic string)");
  if (bytes.size() < kMagic.size() + 2)
    return Status::error("truncated .npy file (" +
                         std::to_string(bytes.size()) + " bytes)");
  int major = uint8_t(bytes[6]), minor = uint8_t(bytes[7]);
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    return Status::error("unsupported .npy format version " +
                         std::to_string(major) + "." + std::to_string(minor));
  size_t lenWidth = major == 1 ? 2 : 4;
  size_t prefix = kMagic.size() + 2 + lenWidth;
  if (bytes.size() < prefix)
    return Status::error("truncated .npy file (" +
                         std::to_string(bytes.size()) + " bytes)");
  size_t headerLen = readLE(bytes, kMagic.size() + 2, lenWidth);
  if (bytes.size() - prefix < headerLen)
    return Status::error("truncated .npy file: the header needs " +
                         std::to_string(prefix + headerLen) +
                         " bytes, the file has " +
                         std::to_string(bytes.size()));
  Expected<Header> header =
      HeaderParser(bytes.substr(prefix, headerLen)).parse();
  if (!header.ok())
    return header.status();
  if (header->fortranOrder)
    return Status::error("Fortran-order arrays are not supported; save "
                         "np.ascontiguousarray(a)");
  Expected<const DTypeEntry *> entry = lookupDescr(header->descr);
  if (!entry.ok())
    return entry.status();

  size_t itemSize = dtypeSize((*entry)->dtype);
  size_t have = bytes.size() - prefix - headerLen;
  size_t count = 1, need = 0;
  bool overflow = false;
  for (int64_t d : header->shape)
    overflow |= __builtin_mul_overflow(count, static_cast<size_t>(d), &count);
  overflow |= __builtin_mul_overflow(count, itemSize, &need);
  // An empty array needs no data, however large its other dimensions.
  for (int64_t d : header->shape)
    if (d == 0)
      overflow = false, count = need = 0;
  if (overflow || need != have)
    return Status::error(
        std::string(overflow || need > have ? "truncated .npy file"
                                            : "data size mismatch") +
        ": shape " + shapeRepr(header->shape) + " of '" + header->descr +
        "' needs " + (overflow ? "more than 2^64" : std::to_string(need)) +
        " bytes of data, the file has " + std::to_string(have));

  Array out;
  out.isBool = (*entry)->isBool;
  out.tensor = Tensor::allocate((*entry)->dtype, header->shape);
  const char *data = bytes.data() + prefix + headerLen;
  if (out.isBool) {
    uint8_t *dst = out.tensor.data<uint8_t>();
    for (size_t i = 0; i < count; ++i)
      dst[i] = data[i] != 0;
  } else if (have) {
    std::memcpy(out.tensor.raw(), data, have);
  }
  return out;
}

std::string encodeNpy(const Array &array) {
  const Tensor &t = array.tensor;
  std::string header = "{'descr': '" + descrOf(array) +
                       "', 'fortran_order': False, 'shape': " +
                       shapeRepr(t.shape()) + ", }";
  if (!t.shape().empty())
    header.append(kGrowthAxisMaxDigits - std::to_string(t.dim(0)).size(), ' ');
  // Version 1.0 unless the header length does not fit its u16.
  size_t lenWidth = header.size() + 1 + kAlign <= 0xffff ? 2 : 4;
  size_t prefix = kMagic.size() + 2 + lenWidth;
  header.append(kAlign - (prefix + header.size() + 1) % kAlign, ' ');
  header += '\n';

  std::string out(kMagic);
  out += char(lenWidth == 2 ? 1 : 2);
  out += char(0);
  for (size_t i = 0; i < lenWidth; ++i)
    out += char((header.size() >> (8 * i)) & 0xff);
  out += header;
  size_t offset = out.size();
  out.resize(offset + t.byteSize());
  if (array.isBool) {
    const uint8_t *src = t.data<uint8_t>();
    for (size_t i = 0; i < t.byteSize(); ++i)
      out[offset + i] = src[i] != 0;
  } else if (t.byteSize()) {
    std::memcpy(&out[offset], t.raw(), t.byteSize());
  }
  return out;
}

Expected<Array> readNpy(const std::string &path) {
  Expected<std::string> bytes = readFile(path);
  if (!bytes.ok())
    return bytes.status();
  Expected<Array> array = parseNpy(*bytes);
  if (!array.ok())
    return Status::error(path + ": " + array.status().message());
  return array;
}

Status writeNpy(const std::string &path, const Array &array) {
  if (array.isBool && array.tensor.dtype() != DType::u8)
    return Status::error(path + ": bool arrays must be held in u8 tensors");
  AtomicFiles files;
  if (Status s = files.stage(path, encodeNpy(array)); !s.ok())
    return s;
  return files.commit();
}

} // namespace quill::npy
