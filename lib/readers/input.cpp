#include "input.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "error.hpp"

namespace svc {

std::unique_ptr<ByteSource> ByteSource::open(const std::string& path, const std::string& display) {
  std::unique_ptr<ByteSource> s(new ByteSource());
  s->name_ = display.empty() ? path : display;
  int fd;
  if (path == "-") {
    fd = ::dup(STDIN_FILENO);
  } else {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) throw NoInputError(fmt::format("cannot read '{}': {}", s->name_, std::strerror(errno)));
  struct stat sb;
  if (::fstat(fd, &sb) == 0) {
    if (S_ISDIR(sb.st_mode)) {
      ::close(fd);
      throw NoInputError(fmt::format("cannot read '{}': it is a directory", path));
    }
    if (S_ISREG(sb.st_mode)) s->size_ = std::uint64_t(sb.st_size);
  }
  gzFile gz = gzdopen(fd, "rb");
  if (!gz) {
    ::close(fd);
    throw NoInputError(fmt::format("cannot read '{}': out of memory", path));
  }
  gzbuffer(gz, 1 << 18);
  s->gz_ = gz;
  return s;
}

ByteSource::~ByteSource() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
}

std::size_t ByteSource::read(char* buf, std::size_t n) {
  auto* gz = static_cast<gzFile>(gz_);
  std::size_t total = 0;
  while (total < n) {
    unsigned chunk = unsigned(std::min<std::size_t>(n - total, 1u << 30));
    int got = gzread(gz, buf + total, chunk);
    if (got < 0) {
      int err = 0;
      const char* msg = gzerror(gz, &err);
      if (err == Z_ERRNO) throw NoInputError(fmt::format("cannot read '{}': {}", name_, std::strerror(errno)));
      throw DataError(fmt::format("{}: corrupt gzip data: {}", name_, msg ? msg : "unknown error"));
    }
    total += std::size_t(got);
    if (got == 0 || (std::size_t(got) < chunk && gzeof(gz))) {
      int err = Z_OK;
      gzerror(gz, &err);
      if (err == Z_BUF_ERROR) throw DataError(fmt::format("{}: truncated gzip data (unexpected end of file)", name_));
      break;
    }
  }
  return total;
}

std::uint64_t ByteSource::position() const {
  long off = gzoffset(static_cast<gzFile>(gz_));
  return off < 0 ? 0 : std::uint64_t(off);
}

std::string format_from_extension(const std::string& path) {
  std::string p = path;
  auto ends = [&](const char* suf) {
    size_t n = std::strlen(suf);
    if (p.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
      if (std::tolower(static_cast<unsigned char>(p[p.size() - n + i])) != suf[i]) return false;
    return true;
  };
  if (ends(".gz")) p.resize(p.size() - 3);
  if (ends(".csv")) return "csv";
  if (ends(".jsonl") || ends(".ndjson")) return "jsonl";
  return "";
}

}  // namespace svc
