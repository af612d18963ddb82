// Helpers shared by the fuzz targets: an in-memory file (memfd) that the
// library's path-based readers can open, and the time zones they parse in.
#pragma once
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace svc::fuzz {

// A file in memory reachable by a path (/proc/self/fd/N), rewritten per input.
class MemFile {
 public:
  explicit MemFile(const char* name) : fd_(memfd_create(name, 0)) {
    if (fd_ < 0) std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { ::close(fd_); }
  const std::string& set(const std::uint8_t* data, std::size_t size) {
    if (::ftruncate(fd_, 0) != 0) std::abort();
    for (std::size_t w = 0; w < size;) {
      ssize_t k = ::pwrite(fd_, data + w, size - w, off_t(w));
      if (k <= 0) std::abort();
      w += std::size_t(k);
    }
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

// Aborts (a finding) when an invariant does not hold, also in release builds.
#define FUZZ_CHECK(cond)                                                      \
  do {                                                                        \
    if (!(cond)) {                                                            \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

}  // namespace svc::fuzz
