// Fuzz target: the streaming CSV reader (header, records, quotes, line
// counting, UTF-8 and size checks) and the native CSV log source on top of it.
#include <cstdint>

#include "csv_reader.hpp"
#include "error.hpp"
#include "fuzz_util.hpp"
#include "input.hpp"
#include "log_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static svc::fuzz::MemFile file("fuzz.csv");
  const std::string& path = file.set(data, size);
  try {
    auto in = svc::ByteSource::open(path, "fuzz.csv");
    svc::CsvReader reader(*in);
    std::vector<std::string> names;
    if (reader.read_header(names)) {
      svc::CsvRecord r;
      std::uint64_t last = 0;
      std::size_t bytes = 0;
      while (reader.next(r)) {
        FUZZ_CHECK(r.line > last);  // records start on strictly increasing lines
        last = r.line;
        for (auto f : r.fields) {
          bytes += f.size();
          if (r.error.empty()) FUZZ_CHECK(svc::utf8_problem(f).empty() && f.size() <= svc::kMaxFieldBytes);
        }
      }
      FUZZ_CHECK(bytes <= size);  // unescaping never grows a field
    }
  } catch (const svc::Error&) {
  }
  try {  // the log source: header mapping to spec columns, record conversion
    auto src = svc::open_log(path, "csv", "fuzz.csv");
    svc::RawRecord r;
    while (src->next(r)) (void)src->original();
  } catch (const svc::Error&) {
  }
  return 0;
}
