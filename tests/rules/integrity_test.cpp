#include "integrity.hpp"

#include <doctest/doctest.h>

#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;

TEST_CASE("integrity: sign-before-completion, one finding per offending event") {
  std::vector<Event> evs = {created("2026-11-09 08:30", "I1"),
                            ev("2026-11-09 09:00", "I1", EventKind::Dispatched, {{Field::Engineer, "E-001"}}),
                            ev("2026-11-09 10:00", "I1", EventKind::Signed),
                            ev("2026-11-09 10:05", "I1", EventKind::Signed),
                            ev("2026-11-09 11:00", "I1", EventKind::Dispatched, {{Field::Engineer, "E-002"}}),
                            ev("2026-11-09 12:00", "I1", EventKind::Completed),
                            ev("2026-11-09 12:05", "I1", EventKind::Signed)};
  auto f = integrity_findings(evs, at("2026-11-20 00:00", svc::test::shanghai()));
  REQUIRE(f.size() == 2);
  CHECK(f[0].check == Check::SignBeforeCompletion);
  CHECK(to_string(f[0].check) == "sign-before-completion");
  CHECK(f[0].event_id == evs[2].id);
  CHECK(f[1].event_id == evs[3].id);
  CHECK(f[0].ticket == "I1");
  CHECK(f[0].outlet == "SH-01");
  CHECK(f[0].engineer == "E-001");
  CHECK(f[0].ts == evs[2].ts);
  CHECK(f[0].kind == EventKind::Signed);
}

TEST_CASE("integrity: a completion that was later rejected still came before the signature") {
  std::vector<Event> evs = {created("2026-11-09 08:30", "I2"), ev("2026-11-09 10:00", "I2", EventKind::Completed),
                            ev("2026-11-09 10:10", "I2", EventKind::Rejected),
                            ev("2026-11-09 11:00", "I2", EventKind::Signed)};
  CHECK(integrity_findings(evs, at("2026-11-20 00:00", svc::test::shanghai())).empty());
}

TEST_CASE("integrity: unapproved fee; approved fees are fine; engineer empty when never dispatched") {
  std::vector<Event> evs = {created("2026-11-09 08:30", "I3"),
                            ev("2026-11-09 10:00", "I3", EventKind::Fee, {{Field::Amount, "120.00"}, {Field::Approved, "no"}}),
                            ev("2026-11-09 10:30", "I3", EventKind::Fee, {{Field::Amount, "80.00"}, {Field::Approved, "yes"}})};
  auto f = integrity_findings(evs, at("2026-11-20 00:00", svc::test::shanghai()));
  REQUIRE(f.size() == 1);
  CHECK(f[0].check == Check::UnapprovedFee);
  CHECK(to_string(f[0].check) == "unapproved-fee");
  CHECK(f[0].event_id == evs[1].id);
  CHECK(f[0].engineer.empty());
  CHECK(f[0].detail == "fee 120.00 not approved");
}

TEST_CASE("integrity: only events at or before as_of") {
  std::vector<Event> evs = {created("2026-11-09 08:30", "I4"), ev("2026-11-09 10:00", "I4", EventKind::Signed),
                            ev("2026-11-10 10:00", "I4", EventKind::Fee, {{Field::Amount, "5.00"}, {Field::Approved, "no"}})};
  CHECK(integrity_findings(evs, at("2026-11-09 09:59", svc::test::shanghai())).empty());
  CHECK(integrity_findings(evs, at("2026-11-09 10:00", svc::test::shanghai())).size() == 1);
  CHECK(integrity_findings(evs, at("2026-11-10 10:00", svc::test::shanghai())).size() == 2);
}
