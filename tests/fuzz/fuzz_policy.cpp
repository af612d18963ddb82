// Fuzz target: the policy loader and checker (svc.toml). Checking and loading
// must agree: a text with no problems loads, one with problems throws a
// DataError listing them.
#include <cstdint>
#include <string>

#include "config.hpp"
#include "error.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto problems = svc::check_policy_text(text, "fuzz.toml");
  for (const auto& p : problems) FUZZ_CHECK(p.rfind("fuzz.toml:", 0) == 0);
  try {
    svc::Policy p = svc::load_policy_text(text, "fuzz.toml");
    FUZZ_CHECK(problems.empty());
    (void)svc::policy_to_toml(p, true);
  } catch (const svc::DataError& e) {
    FUZZ_CHECK(!problems.empty());
  }
  return 0;
}
