// Seals of the records that decide money or compliance (lib/store/seals.cpp) and the
// projection check of svc audit verify (lib/store/verify.cpp verify_projection): a
// row edited, deleted or inserted behind svc's back is named by table and key.
#include "seals.hpp"

#include <doctest/doctest.h>

#include "masterdata.hpp"
#include "migrations.hpp"
#include "projection.hpp"
#include "sites.hpp"
#include "sla_fixtures.hpp"
#include "test_util.hpp"
#include "verify.hpp"

using namespace svc;
using svc::test::created;
using svc::test::ev;

namespace {
struct Fixture {
  test::TempStore ts;
  Store& s = *ts.store;
  Day today = *parse_date("2026-11-23");
  Fixture() {
    add_outlet(s, Outlet{"SZ-01", "苏州", "华东", "", "", "", true});
    Engineer e;
    e.id = "E-1", e.name = "王工", e.outlet = "SZ-01";
    add_engineer(s, e);
    for (auto [site, version] : {std::pair{"A厂", "3.1"}, {"B厂", "3.2"}, {"C厂", "3.3"}}) {
      SiteUpdate u;
      u.site = site, u.customer = "C-1", u.model = "RB-200", u.version = version, u.op = "E-1", u.day = today, u.qty = 1;
      record_site_update(s, u, today);
    }
  }
  // The findings as "table (key): problem".
  std::vector<std::string> findings() {
    std::vector<std::string> out;
    for (auto& f : verify_seals(s).findings) out.push_back(f.table + " (" + f.key + "): " + f.problem);
    return out;
  }
};
}  // namespace

TEST_CASE("seals: intact after writes through svc, with a head per table") {
  Fixture f;
  auto r = verify_seals(f.s);
  CHECK(r.findings.empty());
  CHECK(r.tables.size() == sealed_tables().size());
  for (auto& t : r.tables)
    if (t.table == "site_updates") {
      CHECK(t.rows == 3);
      CHECK(t.head.size() == 64);
      CHECK(t.head != std::string(64, '0'));
    } else {
      CHECK(t.rows == 0);
    }
}

TEST_CASE("seals: a row edited, deleted or inserted with SQL is named by table and key") {
  Fixture f;
  SUBCASE("edited") {
    f.s.db().exec("UPDATE site_updates SET version = '9.9' WHERE id = 2");
    CHECK(f.findings() == std::vector<std::string>{"site_updates (id=2): edited"});
  }
  SUBCASE("edited to a different type with the same bytes") {
    f.s.db().exec("UPDATE site_updates SET version = CAST('3.1' AS BLOB) WHERE id = 1");
    CHECK(f.findings() == std::vector<std::string>{"site_updates (id=1): edited"});
  }
  SUBCASE("deleted") {
    f.s.db().exec("DELETE FROM site_updates WHERE id = 3");
    CHECK(f.findings() == std::vector<std::string>{"site_updates (id=3): deleted"});
  }
  SUBCASE("inserted") {
    f.s.db().exec(
        "INSERT INTO site_updates(site, customer, day, model, qty, version, operator, region, recorded_at) "
        "VALUES('X', 'C', '2026-11-01', 'RB-200', 1, '9.9', 'E-1', '华东', 0)");
    CHECK(f.findings() == std::vector<std::string>{"site_updates (id=4): inserted"});
  }
  SUBCASE("a seal altered or removed") {
    f.s.db().exec("UPDATE seals SET digest = zeroblob(32) WHERE tbl = 'site_updates' AND seq = 2");
    auto v = f.findings();
    REQUIRE(v.size() == 2);
    CHECK(v[0] == "site_updates (id=2): seal altered");
    CHECK(v[1] == "site_updates (id=2): edited");  // its row no longer matches the (altered) seal
  }
  SUBCASE("a seal removed in the middle") {
    f.s.db().exec("DELETE FROM seals WHERE tbl = 'site_updates' AND seq = 2");
    auto v = f.findings();
    CHECK(v == std::vector<std::string>{"site_updates (id=3): seal altered", "site_updates (id=2): inserted"});
  }
}

TEST_CASE("seal_unsealed_rows seals rows stored before the seals, once") {
  Fixture f;
  f.s.db().exec(
      "INSERT INTO cost_entries(ticket, kind, amount_cents, day, note, at) VALUES('T1', 'travel', 100, '2026-11-01', "
      "NULL, 0)");
  CHECK(f.findings() == std::vector<std::string>{"cost_entries (id=1): inserted"});
  CHECK(seal_unsealed_rows(f.s) == 1);
  CHECK(f.findings().empty());
  CHECK(seal_unsealed_rows(f.s) == 0);
}

TEST_CASE("migration 018 from a schema-17 store: training results get ids, older rows are sealed") {
  test::TempDir dir;
  std::string path = dir.at("old.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const auto& m : migrations()) {
      if (m.version > 17) break;
      db.exec(m.sql);
    }
    db.exec("PRAGMA user_version = 17");
    db.exec("INSERT INTO outlets(id, name, region) VALUES('SZ-01', '苏州', '华东')");
    db.exec("INSERT INTO engineers(id, name, outlet, region) VALUES('E-1', '王工', 'SZ-01', '华东')");
    db.exec("INSERT INTO training_plans(year, topic, title, added_at) VALUES(2026, 'repair', '维修', 0)");
    db.exec("INSERT INTO training_sessions(id, plan, day, added_at) VALUES('S1', 1, '2026-03-10', 0)");
    db.exec("INSERT INTO training_attendees(session, engineer) VALUES('S1', 'E-1')");
    db.exec("INSERT INTO training_results VALUES('S1', 'E-1', 'written', 70, 5), ('S1', 'E-1', 'practical', 80, 6)");
    db.exec(
        "INSERT INTO site_updates(site, customer, day, model, qty, version, operator, region, recorded_at) "
        "VALUES('A厂', 'C-1', '2026-10-01', 'RB-200', 1, '3.1', 'E-1', '华东', 0)");
  }
  StoreOptions o;
  o.path = path;
  Store s(o);
  CHECK(s.schema_version() == Store::latest_schema_version());
  CHECK(s.db().execAndGet("SELECT group_concat(id || ':' || method || ':' || score, ' ') FROM training_results")
            .getString() == "1:written:70.0 2:practical:80.0");
  auto r = verify_seals(s);
  CHECK(r.findings.empty());
  std::int64_t rows = 0;
  for (auto& t : r.tables) rows += t.rows;
  CHECK(rows == 5);  // 1 session, 1 attendee, 2 results, 1 site update
  s.db().exec("UPDATE training_results SET score = 90 WHERE id = 1");
  REQUIRE(verify_seals(s).findings.size() == 1);
  CHECK(verify_seals(s).findings[0].table == "training_results");
  CHECK(verify_seals(s).findings[0].key == "id=1");
}

TEST_CASE("verify_projection: every ticket's row against its events") {
  test::TempStore ts;
  ts.add({created("2026-11-09 08:30", "V1"), ev("2026-11-09 09:00", "V1", EventKind::Responded),
          created("2026-11-09 09:10", "V2")});
  rebuild_projection(*ts.store);
  auto r = verify_projection(*ts.store);
  CHECK(r.checked == 2);
  CHECK(r.findings.empty());
  SUBCASE("edited") {
    ts.store->db().exec("UPDATE tickets SET state = 'closed' WHERE ticket = 'V1'");
    r = verify_projection(*ts.store);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].ticket == "V1");
    CHECK(r.findings[0].problem == "edited");
    CHECK(r.findings[0].reason.find("state") != std::string::npos);
    CHECK(r.checked == 1);
  }
  SUBCASE("deleted") {
    ts.store->db().exec("DELETE FROM tickets WHERE ticket = 'V1'");
    r = verify_projection(*ts.store);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].ticket == "V1");
    CHECK(r.findings[0].problem == "deleted");
  }
  SUBCASE("inserted, before and after the others") {
    ts.store->db().exec("INSERT INTO tickets(ticket, state, last_ts, events) VALUES('A0', 'open', 0, 0), ('Z9', 'open', 0, 0)");
    r = verify_projection(*ts.store);
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].ticket == "A0");
    CHECK(r.findings[0].problem == "inserted");
    CHECK(r.findings[1].ticket == "Z9");
    CHECK(r.checked == 2);
  }
}
