// A streaming RFC 4180 reader for service logs and other systems' exports:
// header row, UTF-8 (a leading BOM is skipped), CRLF or LF, quoted fields with
// "" escapes, commas and newlines. Each record knows the physical line where
// it starts. Reads through a growing buffer; only the current record must fit.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "input.hpp"

namespace svc {

// Limits that keep a hostile or broken file from exhausting memory. A field
// longer than kMaxFieldBytes makes its record bad ("field too long"); a record
// (CSV) or line (JSON Lines) longer than kMaxRecordBytes cannot be read past,
// so it makes the whole file bad (DataError "FILE:LINE: record longer than …").
constexpr std::size_t kMaxFieldBytes = std::size_t(1) << 20;    // 1 MiB
constexpr std::size_t kMaxRecordBytes = std::size_t(16) << 20;  // 16 MiB

// "FILE:LINE: record longer than 16 MiB …" as a DataError.
[[noreturn]] void throw_record_too_long(const std::string& file, std::uint64_t line, bool csv);

struct CsvRecord {
  std::uint64_t line = 0;                // physical line where the record starts
  std::vector<std::string_view> fields;  // valid until the next call of next()
  // A structural problem that makes the record bad ("unterminated quoted
  // field", "NUL byte in column 'note'", "invalid UTF-8 …", too many fields);
  // empty when the record is well formed.
  std::string error;
};

class CsvReader {
 public:
  explicit CsvReader(ByteSource& src);
  // Reads the header row. False when the input is empty. Names are trimmed of
  // blanks; a problem with the header's own bytes throws DataError.
  bool read_header(std::vector<std::string>& names);
  // Reads the next data record; false at the end. Blank lines are skipped.
  bool next(CsvRecord& r);
  ByteSource& source() { return src_; }

 private:
  enum class Scan { Done, NeedMore, End };
  Scan scan(CsvRecord& r, std::size_t& consumed, std::uint64_t& newlines);
  bool fill();  // compacts, grows if full, reads more; false when nothing more came
  void check(CsvRecord& r);

  ByteSource& src_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::uint64_t line_ = 1;
  std::vector<std::string> header_;
  struct Span {
    std::size_t begin, len;
    bool escaped;
  };
  std::vector<Span> spans_;
};

// The first problem with a byte string as UTF-8 text, or "" when valid:
// "NUL byte" / "invalid UTF-8 (byte 0xff at offset 3)".
std::string utf8_problem(std::string_view s);

}  // namespace svc
