//===- Files.cpp - whole-file reads and all-or-nothing writes -------------===//
//
// A destination file is only ever replaced by rename(2) of a complete,
// flushed temporary file in the same directory, so readers see the old file
// or the new one, never a partial write (DESIGN.md, "Errors"). Devices and
// pipes (/dev/stdout) cannot be renamed over; they are written last, in
// place.
//
//===----------------------------------------------------------------------===//

#include "quill/runtime/NumpyIO.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace quill::npy {

namespace {
std::string errnoText() { return std::strerror(errno); }

bool writeAll(int fd, std::string_view bytes) {
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

/// The mode a new file gets from open(2): 0666 less the umask.
mode_t newFileMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}
} // namespace

Expected<std::string> readFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status::error("cannot open '" + path + "': " + errnoText());
  struct stat st;
  bool statOk = ::fstat(fd, &st) == 0;
  if (!statOk || S_ISDIR(st.st_mode)) {
    std::string why = statOk ? "it is a directory" : errnoText();
    ::close(fd);
    return Status::error("cannot read '" + path + "': " + why);
  }
  std::string bytes;
  if (S_ISREG(st.st_mode))
    bytes.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      std::string why = errnoText();
      ::close(fd);
      return Status::error("cannot read '" + path + "': " + why);
    }
    if (n == 0)
      break;
    bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

AtomicFiles::~AtomicFiles() {
  for (const Staged &s : staged_)
    if (!s.temp.empty())
      ::unlink(s.temp.c_str());
}

Status AtomicFiles::stage(const std::string &path, std::string_view bytes) {
  auto error = [&](const std::string &why) {
    return Status::error("cannot write '" + path + "': " + why);
  };
  // Through a symbolic link, replace its target and keep the link.
  std::string target = path;
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    char *real = ::realpath(path.c_str(), nullptr);
    if (!real)
      return error(errnoText());
    target = real;
    std::free(real);
  }
  bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    return error("it is a directory");
  // A device, pipe or socket (/dev/null, /dev/stdout) cannot be replaced by
  // rename: it is written in place by commit().
  if (exists && !S_ISREG(st.st_mode)) {
    staged_.push_back({"", target, std::string(bytes)});
    return Status::success();
  }
  std::string temp = target + ".tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return error(errnoText());
  staged_.push_back({temp, target, ""});
  // Keep the mode of a file being replaced; a new file gets open(2)'s.
  bool ok = ::fchmod(fd, exists ? (st.st_mode & 07777) : newFileMode()) == 0 &&
            writeAll(fd, bytes) && ::fsync(fd) == 0;
  std::string why = ok ? "" : errnoText();
  ok = (::close(fd) == 0) && ok;
  if (!ok)
    return error(why.empty() ? errnoText() : why);
  return Status::success();
}

Status AtomicFiles::commit() {
  for (size_t i = 0; i < staged_.size(); ++i) {
    const Staged &s = staged_[i];
    bool ok;
    if (s.temp.empty()) {
      int fd = ::open(s.path.c_str(), O_WRONLY | O_CLOEXEC);
      ok = fd >= 0 && writeAll(fd, s.bytes);
      if (fd >= 0)
        ok = (::close(fd) == 0) && ok;
    } else {
      ok = ::rename(s.temp.c_str(), s.path.c_str()) == 0;
    }
    if (!ok) {
      Status error =
          Status::error("cannot write '" + s.path + "': " + errnoText());
      staged_.erase(staged_.begin(), staged_.begin() + i);
      return error;
    }
  }
  staged_.clear();
  return Status::success();
}

} // namespace quill::npy
