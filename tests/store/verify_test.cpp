#include "verify.hpp"

#include <doctest/doctest.h>

#include "error.hpp"
#include "projection.hpp"
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

TEST_CASE("verify: an event's id and import are under its identity seal; rebuild refuses a broken chain") {
  svc::test::TempStore ts;
  ts.add(sample());
  CHECK_NOTHROW(require_intact_chain(*ts.store));
  auto& db = ts.store->db();
  SUBCASE("two ids swapped: the contents' chain still matches, the seal does not") {
    db.exec("CREATE TEMP TABLE pick AS SELECT seq, id FROM events WHERE seq IN (2, 4)");
    db.exec("UPDATE events SET id = 'swap-' || seq WHERE seq IN (2, 4)");
    db.exec("UPDATE events SET id = (SELECT p.id FROM pick p WHERE p.seq != events.seq) WHERE seq IN (2, 4)");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 2);
    CHECK(r.broken->reason.find("identity seal") != std::string::npos);
    CHECK(r.checked == 1);
    db.exec("UPDATE tickets SET state = 'closed'");
    CHECK_THROWS_AS(ts.store->write([&] { require_intact_chain(*ts.store); }), DataError);
    CHECK(db.execAndGet("SELECT count(*) FROM tickets WHERE state != 'closed'").getInt() == 0);  // nothing rebuilt
  }
  SUBCASE("the import changed") {
    db.exec("UPDATE events SET import_id = 7 WHERE seq = 3");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 3);
    CHECK(r.broken->reason.find("import (7)") != std::string::npos);
  }
  SUBCASE("a seal removed or forged") {
    db.exec("UPDATE events SET seal = NULL WHERE seq = 5");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->seq == 5);
    CHECK(r.broken->reason.find("no identity seal") != std::string::npos);
    db.exec("UPDATE events SET seal = zeroblob(32) WHERE seq = 5");
    REQUIRE(verify_chain(*ts.store).broken);
  }
  SUBCASE("the events table dropped") {
    db.exec("DROP TABLE events");
    auto r = verify_chain(*ts.store);
    REQUIRE(r.broken);
    CHECK(r.broken->reason.find("events table is missing") != std::string::npos);
    CHECK(verify_projection(*ts.store).findings.empty());  // nothing to compare with; the chain says why
  }
}

TEST_CASE("verify_projection: an unknown kind, a moved rowid, a dropped table are findings, not errors") {
  svc::test::TempStore ts;
  ts.add(sample());
  auto& db = ts.store->db();
  SUBCASE("an unknown event kind") {
    db.exec("UPDATE events SET event = 'teleported' WHERE seq = 3");
    auto r = verify_projection(*ts.store);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].problem == "not checked");
    CHECK(r.findings[0].reason.find("teleported") != std::string::npos);
  }
  SUBCASE("a row moved to a rowid svc's writes never get (near both ends, negative, zero)") {
    for (std::int64_t rowid : {INT64_MAX, INT64_MIN, std::int64_t(-1), std::int64_t(0), std::int64_t(1) << 62}) {
      CAPTURE(rowid);
      SQLite::Statement up(db, "UPDATE tickets SET rowid = ? WHERE ticket = 'V2'");
      up.bind(1, rowid);
      up.exec();
      auto r = verify_projection(*ts.store);
      REQUIRE(r.findings.size() == 1);
      CHECK(r.findings[0].ticket == "V2");
      CHECK(r.findings[0].problem == "moved");
      CHECK(r.findings[0].reason.find(std::to_string(rowid)) != std::string::npos);
      CHECK(r.checked == 2);  // its content still matches
    }
  }
  SUBCASE("the tickets table dropped") {
    db.exec("DROP TABLE tickets");
    auto r = verify_projection(*ts.store);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].problem == "table dropped");
  }
}
