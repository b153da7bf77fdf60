// The numpy reader and writer (runtime/include/quill/runtime/NumpyIO.h)
// against files numpy wrote (test/unit/data/npy, scripts/gen_npy_cases.py):
// every supported dtype and format version, numpy's own rejections, and
// corrupted variants made here - every truncation, flipped bytes, edited
// headers and archive entries - which must give a clear error, never a
// crash. Writing reproduces numpy's .npy bytes exactly, and files are
// replaced atomically.

#include "quill/runtime/NumpyIO.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace quill;
using namespace quill::npy;

namespace {

std::string dataPath(const std::string &name) {
  return std::string(QUILL_NPY_DATA_DIR) + "/" + name;
}

std::string readData(const std::string &name) {
  Expected<std::string> bytes = readFile(dataPath(name));
  REQUIRE(bytes.ok());
  return *bytes;
}

Array load(const std::string &name) {
  Expected<Array> a = readNpy(dataPath(name));
  INFO(a.status().message());
  REQUIRE(a.ok());
  return *a;
}

/// The error of parsing `bytes`, which must fail.
std::string npyError(std::string_view bytes) {
  Expected<Array> a = parseNpy(bytes);
  REQUIRE_FALSE(a.ok());
  return a.status().message();
}
std::string npzError(std::string_view bytes) {
  Expected<std::vector<NamedArray>> a = parseNpz(bytes);
  REQUIRE_FALSE(a.ok());
  return a.status().message();
}

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

/// Replaces every occurrence of `from` (same length as `to`).
std::string replaceAll(std::string s, const std::string &from,
                       const std::string &to) {
  REQUIRE(from.size() == to.size());
  size_t n = 0;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at))
    s.replace(at, from.size(), to), ++n;
  REQUIRE(n > 0);
  return s;
}

template <typename T> std::vector<T> values(const Tensor &t) {
  const T *p = t.data<T>();
  return std::vector<T>(p, p + t.numel());
}

void checkF32(const Array &a) {
  CHECK(a.tensor.dtype() == DType::f32);
  CHECK_FALSE(a.isBool);
  CHECK(a.tensor.shape() == std::vector<int64_t>{2, 3});
  std::vector<float> v = values<float>(a.tensor);
  CHECK(v[0] == -1.5f);
  CHECK(v[1] == 0.0f);
  CHECK(v[2] == 0.25f);
  CHECK(v[3] == INFINITY);
  CHECK(v[4] == -INFINITY);
  CHECK(std::isnan(v[5]));
}

void checkI8(const Array &a) {
  CHECK(a.tensor.dtype() == DType::i8);
  CHECK(a.tensor.shape() == std::vector<int64_t>{5});
  CHECK(values<int8_t>(a.tensor) == std::vector<int8_t>{-128, -1, 0, 1, 127});
}

void checkBool(const Array &a) {
  CHECK(a.tensor.dtype() == DType::u8);
  CHECK(a.isBool);
  CHECK(a.tensor.shape() == std::vector<int64_t>{3});
  CHECK(values<uint8_t>(a.tensor) == std::vector<uint8_t>{1, 0, 1});
}

/// The three members np.savez(path, F32, I8, flags=B1) writes.
void checkSavez(const std::vector<NamedArray> &members) {
  REQUIRE(members.size() == 3);
  CHECK(members[0].name == "flags");
  CHECK(members[1].name == "arr_0");
  CHECK(members[2].name == "arr_1");
  checkBool(members[0].array);
  checkF32(members[1].array);
  checkI8(members[2].array);
}

/// A fresh empty directory, removed with its files at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/quill-npy-XXXXXX";
    REQUIRE(::mkdtemp(tmpl));
    path = tmpl;
  }
  ~TempDir() {
    for (const std::string &f : files())
      ::unlink((path + "/" + f).c_str());
    ::rmdir(path.c_str());
  }
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    DIR *d = ::opendir(path.c_str());
    while (dirent *e = d ? ::readdir(d) : nullptr)
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..")
        out.push_back(e->d_name);
    if (d)
      ::closedir(d);
    return out;
  }
};

} // namespace

TEST_CASE("npy: every supported dtype as numpy wrote it", "[npy]") {
  checkF32(load("f4_2x3.npy"));
  checkI8(load("i1_5.npy"));
  checkBool(load("b1_3.npy"));

  Array f16 = load("f2_4.npy");
  CHECK(f16.tensor.dtype() == DType::f16);
  // float16 bit patterns of 1.0, -2.5, 65504, 2^-24.
  CHECK(values<uint16_t>(f16.tensor) ==
        std::vector<uint16_t>{0x3c00, 0xc100, 0x7bff, 0x0001});

  Array i64 = load("i8_scalar.npy");
  CHECK(i64.tensor.dtype() == DType::i64);
  CHECK(i64.tensor.shape().empty());
  CHECK(values<int64_t>(i64.tensor) ==
        std::vector<int64_t>{-(int64_t(1) << 40) - 3});

  Array i32 = load("i4_0x3.npy");
  CHECK(i32.tensor.dtype() == DType::i32);
  CHECK(i32.tensor.shape() == std::vector<int64_t>{0, 3});

  Array u8 = load("u1_2x2x2.npy");
  CHECK(u8.tensor.dtype() == DType::u8);
  CHECK_FALSE(u8.isBool);
  CHECK(u8.tensor.shape() == std::vector<int64_t>{2, 2, 2});
  CHECK(values<uint8_t>(u8.tensor) ==
        std::vector<uint8_t>{0, 30, 60, 90, 120, 150, 180, 210});
}

TEST_CASE("npy: format versions 2.0 and 3.0", "[npy]") {
  checkF32(load("f4_2x3_v2.npy"));
  checkF32(load("f4_2x3_v3.npy"));
}

TEST_CASE("npy: the writer reproduces numpy's bytes", "[npy]") {
  for (const char *name : {"f4_2x3.npy", "f2_4.npy", "i8_scalar.npy",
                           "i4_0x3.npy", "i1_5.npy", "u1_2x2x2.npy",
                           "b1_3.npy"}) {
    INFO(name);
    std::string bytes = readData(name);
    Expected<Array> a = parseNpy(bytes);
    REQUIRE(a.ok());
    CHECK(encodeNpy(*a) == bytes);
  }
}

TEST_CASE("npy: numpy files Quill does not take", "[npy]") {
  CHECK(contains(npyError(readData("f8_2.npy")),
                 "unsupported dtype '<f8' (float64)"));
  CHECK(contains(npyError(readData("f4_big_endian.npy")),
                 "big-endian dtype '>f4'"));
  CHECK(contains(npyError(readData("f4_fortran.npy")),
                 "Fortran-order arrays are not supported"));
}

TEST_CASE("npy: every truncation is an error", "[npy]") {
  for (const char *name : {"f4_2x3.npy", "f4_2x3_v2.npy", "b1_3.npy"}) {
    std::string bytes = readData(name);
    for (size_t n = 0; n < bytes.size(); ++n) {
      INFO(name << " cut to " << n << " bytes");
      CHECK(contains(npyError(std::string_view(bytes).substr(0, n)),
                     "truncated"));
    }
  }
}

TEST_CASE("npy: corrupted files", "[npy]") {
  std::string good = readData("f4_2x3.npy");

  std::string magic = good;
  magic[1] = 'n';
  CHECK(npyError(magic) == "not an .npy file (bad magic string)");
  CHECK(npyError("PK\x03\x04 not numpy") ==
        "not an .npy file (bad magic string)");

  std::string version = good;
  version[6] = 4;
  CHECK(npyError(version) == "unsupported .npy format version 4.0");

  CHECK(contains(npyError(good + "x"),
                 "data size mismatch: shape (2, 3) of '<f4' needs 24 bytes "
                 "of data, the file has 25"));
  CHECK(contains(npyError(replaceAll(good, "(2, 3)", "(2, 4)")),
                 "truncated .npy file: shape (2, 4) of '<f4' needs 32 bytes"));
  CHECK(contains(npyError(replaceAll(good, "(2, 3)", "(9, 9)")),
                 "needs 324 bytes"));
  CHECK(contains(npyError(replaceAll(good, "'<f4'", "'<f8'")),
                 "unsupported dtype '<f8'"));
  CHECK(contains(npyError(replaceAll(good, "'<f4'", "'<c8'")),
                 "unsupported dtype '<c8' (complex64)"));
  CHECK(contains(npyError(replaceAll(good, "'<f4'", "'xf4'")),
                 "unsupported dtype 'xf4'"));
  // Header dicts numpy would refuse too.
  CHECK(contains(npyError(replaceAll(good, "'shape'", "'shapx'")),
                 "unexpected or repeated key 'shapx'"));
  CHECK(contains(npyError(replaceAll(good, "'shape': (2, 3)",
                                     "'descr': '<f4' ")),
                 "unexpected or repeated key 'descr'"));
  CHECK(contains(npyError(replaceAll(good, "'shape': (2, 3), ",
                                     "                 ")),
                 "it must have the keys"));
  CHECK(contains(npyError(replaceAll(good, "(2, 3)", "(6)   ")),
                 "shape must be a tuple"));
  CHECK(contains(npyError(replaceAll(good, "(2, 3)", "(2,-3)")),
                 "shape must hold non-negative integers"));
  CHECK(contains(npyError(replaceAll(good, "False", "Fals ")),
                 "fortran_order must be True or False"));
  CHECK(contains(npyError(replaceAll(good, "{", "[")), "not a dict"));
  CHECK(contains(npyError(replaceAll(good, ", }", " }}")),
                 "unexpected text after the dict"));
  // A header length pointing past the end of the file.
  std::string longHeader = good;
  longHeader[8] = char(0xff);
  CHECK(contains(npyError(longHeader), "truncated .npy file: the header "
                                       "needs"));
}

TEST_CASE("npy: a shape whose size overflows is refused", "[npy]") {
  std::string good = readData("f4_2x3.npy");
  std::string huge = good;
  huge.replace(huge.find("(2, 3)"), 6, "(4294967296, 4294967296, 1024)");
  // Keep the header length right: the replacement is longer.
  uint16_t len = uint16_t(uint8_t(huge[8]) | uint8_t(huge[9]) << 8);
  len += uint16_t(huge.size() - good.size());
  huge[8] = char(len & 0xff);
  huge[9] = char(len >> 8);
  std::string error = npyError(huge);
  INFO(error);
  CHECK(contains(error, "needs more than 2^64 bytes"));
}

TEST_CASE("npz: archives from np.savez and np.savez_compressed", "[npy]") {
  for (const char *name :
       {"savez.npz", "savez_compressed.npz", "savez_zip64.npz"}) {
    INFO(name);
    Expected<std::vector<NamedArray>> members = readNpz(dataPath(name));
    INFO(members.status().message());
    REQUIRE(members.ok());
    checkSavez(*members);
  }
}

TEST_CASE("npz: every truncation is an error", "[npy]") {
  for (const char *name :
       {"savez.npz", "savez_compressed.npz", "savez_zip64.npz"}) {
    std::string bytes = readData(name);
    for (size_t n = 0; n < bytes.size(); ++n) {
      INFO(name << " cut to " << n << " bytes");
      Expected<std::vector<NamedArray>> a =
          parseNpz(std::string_view(bytes).substr(0, n));
      CHECK_FALSE(a.ok());
    }
  }
}

TEST_CASE("npz: every flipped byte is caught or harmless", "[npy]") {
  // Flipping any single byte must never crash; bytes of member data are
  // caught by the CRC-32.
  for (const char *name : {"savez.npz", "savez_compressed.npz"}) {
    std::string bytes = readData(name);
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::string bad = bytes;
      bad[i] = char(bad[i] ^ 0x5a);
      (void)parseNpz(bad);
    }
  }
  std::string bytes = readData("savez.npz");
  // The float -1.5 of arr_0 is stored as-is: corrupt it.
  std::string minus15("\x00\x00\xc0\xbf", 4);
  size_t at = bytes.find(minus15);
  REQUIRE(at != std::string::npos);
  bytes[at + 2] = char(0xc1);
  CHECK(contains(npzError(bytes), "member 'arr_0.npy' fails its CRC-32"));
}

TEST_CASE("npz: malformed archives", "[npy]") {
  std::string stored = readData("savez.npz");
  CHECK(contains(npzError(replaceAll(stored, "arr_1.npy", "arr_0.npy")),
                 "duplicate member 'arr_0.npy'"));
  CHECK(contains(npzError(replaceAll(stored, "flags.npy", "flags.txt")),
                 "member 'flags.txt' is not an .npy array"));
  CHECK(contains(npzError(readData("f4_2x3.npy")), "no end record"));
  CHECK(contains(npzError(""), "empty file"));

  // Compression method 12 (bzip2) in the central directory entry.
  std::string bzip = stored;
  size_t central = bzip.find("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  bzip[central + 10] = 12;
  CHECK(contains(npzError(bzip), "compression method 12"));

  // A member whose .npy data is bad (with a CRC to match) is named.
  Array two{Tensor::allocate(DType::f32, {2}), false};
  Expected<std::string> archive = encodeNpz({{"x", two}});
  REQUIRE(archive.ok());
  std::string bad = replaceAll(*archive, "(2,)", "(3,)");
  size_t npyAt = bad.find("\x93NUMPY"), npySize = encodeNpy(two).size();
  uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef *>(bad.data() + npyAt), npySize));
  for (size_t at : {size_t(14), bad.find("PK\x01\x02") + 16})
    for (int i = 0; i < 4; ++i)
      bad[at + i] = char(crc >> (8 * i));
  CHECK(contains(npzError(bad), "member 'x': truncated .npy file: shape (3,)"));
}

TEST_CASE("npz: the writer's archives read back", "[npy]") {
  std::vector<NamedArray> members;
  members.push_back({"arr_0", load("f4_2x3.npy")});
  members.push_back({"arr_1", load("i1_5.npy")});
  members.push_back({"flags", load("b1_3.npy")});
  members.push_back({"empty", load("i4_0x3.npy")});
  members.push_back({"scalar", load("i8_scalar.npy")});
  for (bool compressed : {false, true}) {
    Expected<std::string> bytes = encodeNpz(members, compressed);
    REQUIRE(bytes.ok());
    Expected<std::vector<NamedArray>> back = parseNpz(*bytes);
    INFO(back.status().message());
    REQUIRE(back.ok());
    REQUIRE(back->size() == members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      CHECK((*back)[i].name == members[i].name);
      CHECK(encodeNpy((*back)[i].array) == encodeNpy(members[i].array));
    }
  }
  CHECK_FALSE(encodeNpz({members[0], members[0]}).ok());
  CHECK_FALSE(encodeNpz({{"", members[0].array}}).ok());
}

TEST_CASE("npy: files are replaced atomically", "[npy]") {
  TempDir dir;
  std::string path = dir.path + "/out.npy";
  Array f32 = load("f4_2x3.npy"), i8 = load("i1_5.npy");

  REQUIRE(writeNpy(path, f32).ok());
  CHECK(*readFile(path) == encodeNpy(f32));
  ::chmod(path.c_str(), 0640);

  // Staged but not committed: the destination is untouched and the
  // temporary file is gone.
  {
    AtomicFiles files;
    REQUIRE(files.stage(path, encodeNpy(i8)).ok());
    CHECK(dir.files().size() == 2);
  }
  CHECK(dir.files() == std::vector<std::string>{"out.npy"});
  CHECK(*readFile(path) == encodeNpy(f32));

  // One bad destination: nothing is written.
  {
    AtomicFiles files;
    REQUIRE(files.stage(path, encodeNpy(i8)).ok());
    Status s = files.stage(dir.path + "/missing/x.npy", "x");
    REQUIRE_FALSE(s.ok());
    CHECK(contains(s.message(), "cannot write '" + dir.path + "/missing/x.npy'"));
  }
  CHECK(dir.files() == std::vector<std::string>{"out.npy"});
  CHECK(*readFile(path) == encodeNpy(f32));

  // Committed: replaced, keeping the file's mode.
  REQUIRE(writeNpz(dir.path + "/out.npz", {{"a", i8}}, true).ok());
  REQUIRE(writeNpy(path, i8).ok());
  CHECK(*readFile(path) == encodeNpy(i8));
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  Expected<std::vector<NamedArray>> npz = readNpz(dir.path + "/out.npz");
  REQUIRE(npz.ok());
  checkI8((*npz)[0].array);

  CHECK(contains(readNpy(dir.path + "/none.npy").status().message(),
                 "cannot open '" + dir.path + "/none.npy'"));
  CHECK(contains(readNpy(dir.path).status().message(), "it is a directory"));
  CHECK(contains(writeNpy(dir.path + "/out.npy", Array{f32.tensor, true})
                     .message(),
                 "bool arrays must be held in u8 tensors"));
}

TEST_CASE("npy: links are followed, pipes written in place", "[npy]") {
  TempDir dir;
  Array i8 = load("i1_5.npy");
  std::string target = dir.path + "/target.npy", link = dir.path + "/link.npy";
  REQUIRE(writeNpy(target, load("f4_2x3.npy")).ok());
  REQUIRE(::symlink("target.npy", link.c_str()) == 0);
  REQUIRE(writeNpy(link, i8).ok());
  struct stat st;
  REQUIRE(::lstat(link.c_str(), &st) == 0);
  CHECK(S_ISLNK(st.st_mode));
  CHECK(*readFile(target) == encodeNpy(i8));

  // A pipe (like /dev/stdout) cannot be renamed over: it receives the bytes.
  std::string fifo = dir.path + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  REQUIRE(writeNpy(fifo, i8).ok());
  std::string got(encodeNpy(i8).size() + 1, '\0');
  ssize_t n = ::read(reader, got.data(), got.size());
  ::close(reader);
  REQUIRE(n >= 0);
  got.resize(static_cast<size_t>(n));
  CHECK(got == encodeNpy(i8));
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK(dir.files().size() == 3);

  CHECK(contains(writeNpy(dir.path, i8).message(), "it is a directory"));
}
