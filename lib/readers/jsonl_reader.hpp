// A streaming JSON Lines reader: one JSON object per line whose values are
// strings or numbers (numbers keep their JSON text, e.g. 12.50 → "12.50").
// Blank lines are skipped; null is an absent value; nested values, arrays,
// booleans, a line that is not an object and bad JSON make the record bad.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input.hpp"

namespace svc {

struct JsonlRecord {
  std::uint64_t line = 0;
  std::string text;  // the line as it came in (without its line end)
  std::vector<std::pair<std::string, std::string>> values;  // key → value text, in line order
  std::string error;  // why the record is bad; empty when well formed
};

class JsonlReader {
 public:
  explicit JsonlReader(ByteSource& src);
  bool next(JsonlRecord& r);
  ByteSource& source() { return src_; }

 private:
  bool fill();
  ByteSource& src_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false, started_ = false;
  std::uint64_t line_ = 0;
};

}  // namespace svc
