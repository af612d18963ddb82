#include "verify.hpp"

#include <doctest/doctest.h>

#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::created;
using svc::test::ev;

namespace {
std::vector<Event> sample() {
  return {created("2026-11-09 08:30", "V1"), ev("2026-11-09 09:00", "V1", EventKind::Responded),
          created("2026-11-09 09:10", "V2"), ev("2026-11-09 10:00", "V1", EventKind::Completed, {{Field::Note, "更换电容"}}),
          ev("2026-11-09 11:00", "V2", EventKind::Fee, {{Field::Amount, "12.50"}, {Field::Approved, "yes"}})};
}
}  // namespace

TEST_CASE("verify: an intact chain, and an empty store") {
  svc::test::TempStore ts;
  auto r = verify_chain(*ts.store);
  CHECK(r.checked == 0);
  CHECK_FALSE(r.broken);
  ts.add(sample());
  r = verify_chain(*ts.store);
  CHECK(r.checked == 5);
  CHECK_FALSE(r.broken);
  CHECK(ts.store->last_chain() == ts.prev);
}

TEST_CASE("verify: a changed column breaks the link of that event") {
  svc::test::TempStore ts;
  auto evs = sample();
  ts.add(evs);
  ts.store->db().exec("UPDATE events SET note = 'nothing replaced' WHERE seq = 4");
  auto r = verify_chain(*ts.store);
  REQUIRE(r.broken);
  CHECK(r.broken->seq == 4);
  CHECK(r.broken->id == evs[3].id);
  CHECK(r.broken->ticket == "V1");
  CHECK(r.checked == 3);
}

TEST_CASE("verify: a changed time, a removed event, a forged chain value, an unknown kind") {
  {
    svc::test::TempStore ts;
    ts.add(sample());
    ts.store->db().exec("UPDATE events SET ts = ts + 1 WHERE seq = 2");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 2);
  }
  {
    svc::test::TempStore ts;
    ts.add(sample());
    ts.store->db().exec("DELETE FROM events WHERE seq = 3");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 4);  // the next event no longer chains
  }
  {
    svc::test::TempStore ts;
    ts.add(sample());
    ts.store->db().exec("UPDATE events SET chain = zeroblob(32) WHERE seq = 5");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 5);
  }
  {
    svc::test::TempStore ts;
    ts.add(sample());
    ts.store->db().exec("UPDATE events SET event = 'teleported' WHERE seq = 1");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 1);
    CHECK(r.broken->reason.find("teleported") != std::string::npos);
  }
}
