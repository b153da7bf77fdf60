//===- Npz.cpp - .npz archives: a ZIP file of .npy members ----------------===//
//
// np.savez writes a ZIP archive (PKWARE APPNOTE 6.3) with one "<name>.npy"
// member per array, stored (np.savez) or deflated (np.savez_compressed), and
// always with zip64 extra fields (numpy gh-10776). The reader trusts the
// central directory (found from the end-of-central-directory record, or its
// zip64 version), checks every member's local header, bounds and CRC-32,
// and inflates with zlib. The writer always uses the zip64 forms, so one
// layout serves small and >4 GiB archives alike.
//
//===----------------------------------------------------------------------===//

#include "quill/runtime/NumpyIO.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <set>

namespace quill::npy {

namespace {

constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50,
                   kEndSig = 0x06054b50, kZip64EndSig = 0x06064b50,
                   kZip64LocatorSig = 0x07064b50;
constexpr size_t kLocalSize = 30, kCentralSize = 46, kEndSize = 22,
                 kZip64EndSize = 56, kZip64LocatorSize = 20;
constexpr uint16_t kZip64ExtraId = 0x0001;
constexpr uint16_t kStored = 0, kDeflated = 8;
constexpr uint32_t kMax32 = 0xffffffff;
constexpr uint16_t kMax16 = 0xffff;
/// Bounds zlib's 32-bit avail_in/avail_out per call.
constexpr size_t kZlibChunk = size_t(1) << 30;

Status zipError(const std::string &what) {
  return Status::error("bad .npz file (" + what + ")");
}

/// Little-endian reads that know the end of the buffer.
class Reader {
public:
  Reader(std::string_view bytes, size_t pos) : b_(bytes), pos_(pos) {}
  bool has(size_t n) const { return pos_ <= b_.size() && b_.size() - pos_ >= n; }
  uint64_t u(size_t width) {
    uint64_t v = 0;
    for (size_t i = 0; i < width; ++i)
      v |= uint64_t(uint8_t(b_[pos_ + i])) << (8 * i);
    pos_ += width;
    return v;
  }
  void skip(size_t n) { pos_ += n; }
  std::string_view take(size_t n) {
    std::string_view s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  size_t pos() const { return pos_; }

private:
  std::string_view b_;
  size_t pos_;
};

struct Member {
  std::string name;
  uint16_t flags = 0, method = 0;
  uint32_t crc = 0;
  uint64_t compressedSize = 0, size = 0, localOffset = 0;
};

/// Where the central directory is and how many entries it has.
struct Directory {
  uint64_t entries = 0, size = 0, offset = 0;
};

Expected<Directory> findDirectory(std::string_view bytes) {
  if (bytes.size() < kEndSize)
    return zipError(bytes.empty() ? "empty file" : "truncated: no end record");
  // The end record sits before a comment of at most 64 KiB.
  size_t lowest = bytes.size() > kEndSize + kMax16
                      ? bytes.size() - kEndSize - kMax16
                      : 0;
  for (size_t at = bytes.size() - kEndSize + 1; at-- > lowest;) {
    Reader r(bytes, at);
    if (r.u(4) != kEndSig)
      continue;
    uint64_t disk = r.u(2), cdDisk = r.u(2), here = r.u(2);
    Directory d;
    d.entries = r.u(2);
    d.size = r.u(4);
    d.offset = r.u(4);
    uint64_t commentLen = r.u(2);
    if (at + kEndSize + commentLen != bytes.size())
      continue; // an accidental signature inside the comment or data
    if (disk != 0 || cdDisk != 0 || here != d.entries)
      return zipError("multi-disk archives are not supported");
    if (at >= kZip64LocatorSize) {
      Reader loc(bytes, at - kZip64LocatorSize);
      if (loc.u(4) == kZip64LocatorSig) {
        loc.skip(4);
        uint64_t recordAt = loc.u(8);
        Reader rec(bytes, recordAt);
        if (recordAt > bytes.size() || !rec.has(kZip64EndSize) ||
            rec.u(4) != kZip64EndSig)
          return zipError("truncated or corrupt zip64 end record");
        rec.skip(8 + 2 + 2 + 4 + 4 + 8); // size, versions, disks, entries here
        d.entries = rec.u(8);
        d.size = rec.u(8);
        d.offset = rec.u(8);
      }
    }
    if (d.offset > bytes.size() || d.size > bytes.size() - d.offset)
      return zipError("truncated: the central directory is out of the file");
    return d;
  }
  return zipError("truncated or not a ZIP archive: no end record");
}

/// Replaces the 0xffffffff fields of a central entry by its zip64 extra
/// field's values (they appear in this order, only when saturated).
Status applyZip64Extra(std::string_view extra, Member &m) {
  Reader r(extra, 0);
  while (r.has(4)) {
    uint16_t id = r.u(2), len = r.u(2);
    if (!r.has(len))
      return zipError("member '" + m.name + "' has a truncated extra field");
    Reader field(r.take(len), 0);
    if (id != kZip64ExtraId)
      continue;
    for (uint64_t *v : {&m.size, &m.compressedSize, &m.localOffset}) {
      if (*v != kMax32)
        continue;
      if (!field.has(8))
        return zipError("member '" + m.name + "' has a short zip64 field");
      *v = field.u(8);
    }
  }
  return Status::success();
}

Expected<std::vector<Member>> readDirectory(std::string_view bytes,
                                            const Directory &d) {
  std::vector<Member> members;
  Reader r(bytes.substr(0, d.offset + d.size), d.offset);
  for (uint64_t i = 0; i < d.entries; ++i) {
    if (!r.has(kCentralSize) || r.u(4) != kCentralSig)
      return zipError("corrupt central directory");
    Member m;
    r.skip(2 + 2); // versions
    m.flags = r.u(2);
    m.method = r.u(2);
    r.skip(2 + 2); // time, date
    m.crc = r.u(4);
    m.compressedSize = r.u(4);
    m.size = r.u(4);
    size_t nameLen = r.u(2), extraLen = r.u(2), commentLen = r.u(2);
    r.skip(2 + 2 + 4); // disk, attributes
    m.localOffset = r.u(4);
    if (!r.has(nameLen + extraLen + commentLen))
      return zipError("corrupt central directory");
    m.name = std::string(r.take(nameLen));
    if (Status s = applyZip64Extra(r.take(extraLen), m); !s.ok())
      return s;
    r.take(commentLen);
    members.push_back(std::move(m));
  }
  return members;
}

Expected<std::string> inflateRaw(std::string_view in, uint64_t size,
                                 const std::string &name) {
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
    return zipError("zlib could not start inflating '" + name + "'");
  size_t inDone = 0, outDone = 0;
  int rc = Z_OK;
  while (rc == Z_OK) {
    size_t inChunk = std::min(in.size() - inDone, kZlibChunk);
    size_t outChunk = std::min(out.size() - outDone, kZlibChunk);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data() + inDone));
    z.avail_in = static_cast<uInt>(inChunk);
    z.next_out = reinterpret_cast<Bytef *>(out.data() + outDone);
    z.avail_out = static_cast<uInt>(outChunk);
    rc = inflate(&z, Z_NO_FLUSH);
    inDone += inChunk - z.avail_in;
    outDone += outChunk - z.avail_out;
    // No progress with input and output space left means a cut stream.
    if (rc == Z_OK && inChunk == z.avail_in && outChunk == z.avail_out)
      rc = Z_BUF_ERROR;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END || outDone != size || inDone != in.size())
    return zipError("member '" + name + "': corrupt or truncated deflate data");
  return out;
}

std::string deflateRaw(std::string_view in) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, std::min(in.size(), kZlibChunk)), '\0');
  size_t inDone = 0, outDone = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out.size() - outDone < (1 << 16))
      out.resize(out.size() * 2 + (1 << 16));
    size_t inChunk = std::min(in.size() - inDone, kZlibChunk);
    size_t outChunk = std::min(out.size() - outDone, kZlibChunk);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data() + inDone));
    z.avail_in = static_cast<uInt>(inChunk);
    z.next_out = reinterpret_cast<Bytef *>(out.data() + outDone);
    z.avail_out = static_cast<uInt>(outChunk);
    bool last = inDone + inChunk == in.size();
    rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
    inDone += inChunk - z.avail_in;
    outDone += outChunk - z.avail_out;
  }
  deflateEnd(&z);
  out.resize(outDone);
  return out;
}

uint32_t crc32Of(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t done = 0; done < data.size();) {
    size_t n = std::min(data.size() - done, kZlibChunk);
    crc = crc32(crc, reinterpret_cast<const Bytef *>(data.data() + done),
                static_cast<uInt>(n));
    done += n;
  }
  return static_cast<uint32_t>(crc);
}

/// The uncompressed bytes of `m`, checked against its local header.
Expected<std::string> memberData(std::string_view bytes, const Member &m) {
  Reader r(bytes, m.localOffset);
  if (m.localOffset > bytes.size() || !r.has(kLocalSize) ||
      r.u(4) != kLocalSig)
    return zipError("member '" + m.name + "' has no local header");
  r.skip(2 + 2 + 2 + 2 + 2 + 4 + 4 + 4); // fields repeated in the directory
  size_t nameLen = r.u(2), extraLen = r.u(2);
  if (!r.has(nameLen + extraLen) || r.take(nameLen) != m.name)
    return zipError("member '" + m.name + "': local header does not match");
  r.take(extraLen);
  if (!r.has(m.compressedSize))
    return zipError("truncated: member '" + m.name + "' needs " +
                    std::to_string(m.compressedSize) + " bytes");
  std::string_view raw = r.take(m.compressedSize);
  if (m.flags & 1)
    return zipError("member '" + m.name + "' is encrypted");
  std::string data;
  if (m.method == kStored) {
    if (m.compressedSize != m.size)
      return zipError("stored member '" + m.name + "' has inconsistent sizes");
    data = std::string(raw);
  } else if (m.method == kDeflated) {
    Expected<std::string> inflated = inflateRaw(raw, m.size, m.name);
    if (!inflated.ok())
      return inflated.status();
    data = std::move(*inflated);
  } else {
    return zipError("member '" + m.name + "' uses compression method " +
                    std::to_string(m.method) +
                    "; only stored and deflate are supported");
  }
  if (crc32Of(data) != m.crc)
    return zipError("member '" + m.name + "' fails its CRC-32 check");
  return data;
}

void putLE(std::string &out, uint64_t v, size_t width) {
  for (size_t i = 0; i < width; ++i)
    out += char((v >> (8 * i)) & 0xff);
}

std::string zip64Extra(std::initializer_list<uint64_t> values) {
  std::string extra;
  putLE(extra, kZip64ExtraId, 2);
  putLE(extra, 8 * values.size(), 2);
  for (uint64_t v : values)
    putLE(extra, v, 8);
  return extra;
}

} // namespace

Expected<std::vector<NamedArray>> parseNpz(std::string_view bytes) {
  Expected<Directory> dir = findDirectory(bytes);
  if (!dir.ok())
    return dir.status();
  Expected<std::vector<Member>> members = readDirectory(bytes, *dir);
  if (!members.ok())
    return members.status();
  std::vector<NamedArray> out;
  std::set<std::string> seen;
  for (const Member &m : *members) {
    constexpr std::string_view suffix = ".npy";
    if (m.name.size() <= suffix.size() ||
        m.name.compare(m.name.size() - suffix.size(), suffix.size(),
                       suffix) != 0)
      return zipError("member '" + m.name + "' is not an .npy array");
    std::string name = m.name.substr(0, m.name.size() - suffix.size());
    if (!seen.insert(name).second)
      return zipError("duplicate member '" + m.name + "'");
    Expected<std::string> data = memberData(bytes, m);
    if (!data.ok())
      return data.status();
    Expected<Array> array = parseNpy(*data);
    if (!array.ok())
      return Status::error("member '" + name +
                           "': " + array.status().message());
    out.push_back({name, std::move(*array)});
  }
  return out;
}

Expected<std::string> encodeNpz(const std::vector<NamedArray> &arrays,
                                bool compressed) {
  std::set<std::string> seen;
  std::string out, directory;
  for (const NamedArray &a : arrays) {
    if (a.name.empty() || !seen.insert(a.name).second)
      return Status::error("npz member names must be unique and non-empty: '" +
                           a.name + "'");
    std::string name = a.name + ".npy";
    std::string data = encodeNpy(a.array);
    std::string stored = compressed ? deflateRaw(data) : data;
    uint32_t crc = crc32Of(data);
    uint16_t method = compressed ? kDeflated : kStored;
    // Every size and offset goes in zip64 extra fields; the local header
    // holds the two sizes, the central entry the offset too.
    std::string localExtra = zip64Extra({data.size(), stored.size()});
    std::string extra = zip64Extra({data.size(), stored.size(), out.size()});
    auto common = [&](std::string &h) {
      putLE(h, 45, 2); // version needed: zip64
      putLE(h, 0, 2);  // flags
      putLE(h, method, 2);
      putLE(h, 0, 2);      // time 00:00
      putLE(h, 0x21, 2);   // date 1980-01-01
      putLE(h, crc, 4);
      putLE(h, kMax32, 4); // sizes: see the zip64 field
      putLE(h, kMax32, 4);
      putLE(h, name.size(), 2);
    };
    putLE(directory, kCentralSig, 4);
    putLE(directory, 3 << 8 | 45, 2); // made by: Unix, zip64-aware
    common(directory);
    putLE(directory, extra.size(), 2);
    putLE(directory, 0, 2 + 2 + 2);        // comment, disk, internal attrs
    putLE(directory, 0100644u << 16, 4);   // regular file, rw-r--r--
    putLE(directory, kMax32, 4);           // offset: see the zip64 field
    directory += name;
    directory += extra;
    // The local extra field holds only the two sizes.
    putLE(out, kLocalSig, 4);
    common(out);
    putLE(out, localExtra.size(), 2);
    out += name;
    out += localExtra;
    out += stored;
  }
  uint64_t dirOffset = out.size(), zip64EndOffset = out.size() + directory.size();
  out += directory;
  putLE(out, kZip64EndSig, 4);
  putLE(out, kZip64EndSize - 12, 8);
  putLE(out, 3 << 8 | 45, 2);
  putLE(out, 45, 2);
  putLE(out, 0, 4 + 4);
  putLE(out, arrays.size(), 8);
  putLE(out, arrays.size(), 8);
  putLE(out, directory.size(), 8);
  putLE(out, dirOffset, 8);
  putLE(out, kZip64LocatorSig, 4);
  putLE(out, 0, 4);
  putLE(out, zip64EndOffset, 8);
  putLE(out, 1, 4);
  putLE(out, kEndSig, 4);
  putLE(out, 0, 2 + 2);
  putLE(out, kMax16, 2);
  putLE(out, kMax16, 2);
  putLE(out, kMax32, 4);
  putLE(out, kMax32, 4);
  putLE(out, 0, 2);
  return out;
}

Expected<std::vector<NamedArray>> readNpz(const std::string &path) {
  Expected<std::string> bytes = readFile(path);
  if (!bytes.ok())
    return bytes.status();
  Expected<std::vector<NamedArray>> arrays = parseNpz(*bytes);
  if (!arrays.ok())
    return Status::error(path + ": " + arrays.status().message());
  return arrays;
}

Status writeNpz(const std::string &path, const std::vector<NamedArray> &arrays,
                bool compressed) {
  Expected<std::string> bytes = encodeNpz(arrays, compressed);
  if (!bytes.ok())
    return Status::error(path + ": " + bytes.status().message());
  AtomicFiles files;
  if (Status s = files.stage(path, *bytes); !s.ok())
    return s;
  return files.commit();
}

} // namespace quill::npy
