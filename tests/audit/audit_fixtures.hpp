// The audit tests' data (tests/audit/audit*_test.cpp): the spec's worked
// example (sla.md): created on a Friday at 16:00, responded Monday 09:00,
// paused 10:00-14:00.
#pragma once
#include <vector>

#include "sla_fixtures.hpp"

namespace svc::audit_test {

using test::created;
using test::ev;

inline std::vector<Event> worked_example() {
  return {created("2026-11-06 16:00", "T1"), ev("2026-11-09 09:00", "T1", EventKind::Responded),
          ev("2026-11-09 10:00", "T1", EventKind::Paused), ev("2026-11-09 14:00", "T1", EventKind::Resumed)};
}

}  // namespace svc::audit_test
