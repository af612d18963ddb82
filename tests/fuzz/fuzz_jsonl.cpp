// Fuzz target: the JSON Lines reader (flat objects of strings and numbers)
// and the JSON Lines log source.
#include <cstdint>

#include "csv_reader.hpp"
#include "error.hpp"
#include "fuzz_util.hpp"
#include "input.hpp"
#include "jsonl_reader.hpp"
#include "log_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static svc::fuzz::MemFile file("fuzz.jsonl");
  const std::string& path = file.set(data, size);
  try {
    auto in = svc::ByteSource::open(path, "fuzz.jsonl");
    svc::JsonlReader reader(*in);
    svc::JsonlRecord r;
    std::uint64_t last = 0;
    while (reader.next(r)) {
      FUZZ_CHECK(r.line > last);
      last = r.line;
      if (r.error.empty())
        for (const auto& [k, v] : r.values) FUZZ_CHECK(svc::utf8_problem(v).empty());
    }
  } catch (const svc::Error&) {
  }
  try {
    auto src = svc::open_log(path, "jsonl", "fuzz.jsonl");
    svc::RawRecord r;
    while (src->next(r)) (void)src->raw_line();
  } catch (const svc::Error&) {
  }
  return 0;
}
