// Fuzz target: the small CSV reader of master-data files (lib/core/small_csv:
// parts catalogue, stock-take sheets, outlets, engineers). Either the file is
// read — a header, and records as wide as it, on strictly increasing lines,
// valid UTF-8 without NUL bytes — or it is refused with a DataError whose
// every problem is "FILE:LINE: message".
#include <cstdint>
#include <string>

#include "error.hpp"
#include "fuzz_util.hpp"
#include "small_csv.hpp"

namespace {

bool has_file_line(const std::string& p) {
  const std::string prefix = "fuzz.csv:";
  if (p.rfind(prefix, 0) != 0 || p.size() <= prefix.size()) return false;
  return p[prefix.size()] >= '1' && p[prefix.size()] <= '9';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> problems;
  auto rows = svc::split_csv(text, "fuzz.csv", problems);
  int last = 0;
  for (const auto& r : rows) {
    FUZZ_CHECK(r.line > last);
    FUZZ_CHECK(!r.fields.empty());
    last = r.line;
  }
  for (const auto& p : problems) FUZZ_CHECK(has_file_line(p));
  try {
    svc::CsvFile f = svc::parse_small_csv(text, "fuzz.csv");
    FUZZ_CHECK(problems.empty());  // malformed quoting is always refused
    FUZZ_CHECK(!f.header.empty());
    last = 1;
    for (const auto& r : f.records) {
      FUZZ_CHECK(r.line > last);
      FUZZ_CHECK(r.fields.size() == f.header.size());
      for (const auto& x : r.fields) FUZZ_CHECK(x.find('\0') == std::string::npos);
      last = r.line;
    }
    try {
      auto idx = svc::map_columns(f, {"part", "name", "counted", "reason"}, {"part"});
      FUZZ_CHECK(idx.size() == f.header.size());
    } catch (const svc::DataError& e) {
      FUZZ_CHECK(!e.problems.empty());
      for (const auto& p : e.problems) FUZZ_CHECK(p.rfind("fuzz.csv:1: ", 0) == 0);
    }
  } catch (const svc::DataError& e) {
    FUZZ_CHECK(!e.problems.empty());
    for (const auto& p : e.problems) FUZZ_CHECK(has_file_line(p));
  }
  return 0;
}
