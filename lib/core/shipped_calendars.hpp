// The holiday calendars shipped with svc, embedded from examples/calendars/*.toml
// at build time (cmake/EmbedCalendars.cmake): a policy includes one by name,
// e.g. [calendar] include = ["cn-2026"] (docs/policy.md).
#pragma once
#include <vector>

namespace svc {
struct ShippedCalendar {
  const char* name;  // file name without .toml, e.g. "cn-2026"
  const char* text;  // the TOML text of the file
};
// Sorted by name.
const std::vector<ShippedCalendar>& shipped_calendars();
}  // namespace svc
