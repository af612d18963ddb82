// Fuzz target: the mapping rules (svc import --map). The input is a rules file,
// optionally followed by a line "%%" and a CSV export read through the rules.
#include <cstdint>
#include <memory>
#include <string_view>

#include "error.hpp"
#include "fuzz_util.hpp"
#include "mapping.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static svc::fuzz::MemFile rules_file("rules.toml"), csv_file("export.csv");
  static const svc::TimeZone tz = svc::TimeZone::locate("Asia/Shanghai");
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view rules = in, csv;
  if (auto p = in.find("\n%%\n"); p != std::string_view::npos) rules = in.substr(0, p + 1), csv = in.substr(p + 4);
  rules_file.set(reinterpret_cast<const std::uint8_t*>(rules.data()), rules.size());
  csv_file.set(reinterpret_cast<const std::uint8_t*>(csv.data()), csv.size());
  try {
    auto r = std::make_shared<svc::MapRules>(svc::load_map_rules(rules_file.path()));
    auto src = svc::open_mapped(csv_file.path(), r, "export.csv", tz);
    svc::RawRecord rec;
    for (int n = 0; n < 100000 && src->next(rec); ++n) (void)src->original(), (void)src->explain("missing type");
    (void)src->skipped();
  } catch (const svc::Error&) {
  }
  return 0;
}
