// Input files of svc import: a path, "-" (standard input) or a gzip file,
// read as a buffered stream of bytes (never the whole file in memory).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace svc {

class ByteSource {
 public:
  // Opens `path` ("-" = standard input). gzip data (by its magic bytes, so a
  // ".gz" file or a compressed stdin) is decompressed transparently.
  // `display` names it in messages (default: the path).
  // Throws NoInputError (66) when the file does not exist or cannot be read.
  static std::unique_ptr<ByteSource> open(const std::string& path, const std::string& display = "");
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // Reads up to n bytes; 0 at the end. Throws DataError on corrupt gzip data.
  std::size_t read(char* buf, std::size_t n);
  const std::string& name() const { return name_; }
  // For progress: size of the underlying file (0 when unknown, e.g. a pipe)
  // and how much of it has been consumed (compressed bytes for gzip).
  std::uint64_t size() const { return size_; }
  std::uint64_t position() const;
  bool is_stdin() const { return name_ == "-"; }

 private:
  ByteSource() = default;
  std::string name_;
  void* gz_ = nullptr;  // gzFile
  std::uint64_t size_ = 0;
};

// The input format named by a file's extension (".csv", ".jsonl", ".ndjson",
// each optionally followed by ".gz"): "csv", "jsonl", or "" when unknown.
std::string format_from_extension(const std::string& path);

}  // namespace svc
