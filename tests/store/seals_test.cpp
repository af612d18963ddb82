// Seals of the records that decide money or compliance (lib/store/seals.cpp) and the
// projection check of svc audit verify (lib/store/verify.cpp verify_projection): a
// row edited, deleted or inserted behind svc's back is named by table and key.
#include "seals.hpp"

#include <doctest/doctest.h>

#include <algorithm>

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
    } else if (t.table == "outlets" || t.table == "engineers") {
      CHECK(t.rows == 1);  // master data, sealed since 022
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
  CHECK(seal_unsealed_rows(f.s, 18) == 1);
  CHECK(f.findings().empty());
  CHECK(seal_unsealed_rows(f.s, 18) == 0);
}

TEST_CASE("seals 022: master data that money follows; svc's own updates keep it intact") {
  Fixture f;
  SUBCASE("an engineer's outlet changed behind svc's back") {
    add_outlet(f.s, Outlet{"SZ-02", "苏州二店", "华东", "", "", "", true});
    f.s.db().exec("UPDATE engineers SET outlet = 'SZ-02' WHERE id = 'E-1'");
    CHECK(f.findings() == std::vector<std::string>{"engineers (id=E-1): edited"});
  }
  SUBCASE("an outlet's region changed, an engineer inserted") {
    f.s.db().exec("UPDATE outlets SET region = '华南'");
    f.s.db().exec("INSERT INTO engineers(id, name, outlet, region) VALUES('E-9', '假', 'SZ-01', '华东')");
    CHECK(f.findings() == std::vector<std::string>{"outlets (id=SZ-01): edited", "engineers (id=E-9): inserted"});
  }
  SUBCASE("updates through svc: the row's new seal, every engineer moved with its outlet's region included") {
    OutletPatch op;
    op.region = "华南", op.name = "苏州店";
    update_outlet(f.s, "SZ-01", op);
    EngineerPatch ep;
    ep.level = 3;
    update_engineer(f.s, "E-1", ep);
    CHECK(f.findings().empty());
    CHECK(f.s.db().execAndGet("SELECT region FROM engineers WHERE id = 'E-1'").getString() == "华南");
    CHECK(f.s.db().execAndGet("SELECT count(*) FROM seals WHERE tbl = 'engineers'").getInt() == 3);
  }
  SUBCASE("claims, corrections, maintenance work, parts, products, units are sealed tables") {
    std::vector<std::string> names;
    for (auto& t : sealed_tables()) names.push_back(t.name);
    for (const char* t : {"corrections", "part_claims", "maint_work", "imports", "parts", "products", "units",
                          "outlets", "engineers"})
      CHECK_MESSAGE(std::find(names.begin(), names.end(), t) != names.end(), t);
  }
}

TEST_CASE("seal_unsealed_rows(022) seals only the tables sealed by 022: a row inserted into an older one stays a finding") {
  Fixture f;
  f.s.db().exec(
      "INSERT INTO cost_entries(ticket, kind, amount_cents, day, note, at) VALUES('T1', 'travel', 100, '2026-11-01', "
      "NULL, 0)");
  f.s.db().exec("INSERT INTO parts(part, name, list_cents) VALUES('CAP-35', '电容', 2000)");
  CHECK(seal_unsealed_rows(f.s, 22) == 1);  // the part, as of "the upgrade"
  CHECK(f.findings() == std::vector<std::string>{"cost_entries (id=1): inserted"});
}

TEST_CASE("seals: a dropped sealed table or a dropped seals table is a finding, not an error") {
  Fixture f;
  SUBCASE("a sealed table") {
    f.s.db().exec("DROP TABLE site_update_voids");
    f.s.db().exec("DROP TABLE site_updates");
    auto v = f.findings();
    CHECK(v == std::vector<std::string>{"site_updates (): table dropped", "site_update_voids (): table dropped"});
    CHECK(verify_seals(f.s).findings[0].reason.find("3 seals") != std::string::npos);
  }
  SUBCASE("the seals") {
    f.s.db().exec("DROP TABLE seals");
    CHECK(f.findings() == std::vector<std::string>{"seals (): table dropped"});
  }
}

TEST_CASE("migration 022 from a schema-21 store: events get identity seals, claims and master data are sealed as of the upgrade") {
  test::TempDir dir;
  std::string path = dir.at("old21.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const auto& m : migrations()) {
      if (m.version > 21) break;
      db.exec(m.sql);
    }
    db.exec("PRAGMA user_version = 21");
    std::string prev(64, '0');
    int n = 0;
    for (const char* id : {"a1", "a2", "a3"}) {
      Event e;
      e.id = id, e.ticket = "T1", e.kind = n == 0 ? EventKind::Created : EventKind::Responded, e.ts = 1000 * ++n;
      prev = chain_hash(prev, content_digest(e));
      SQLite::Statement ins(db, "INSERT INTO events(id, ts, ticket, event, chain, import_id) VALUES(?,?,?,?,?,1)");
      ins.bind(1, e.id), ins.bind(2, std::int64_t(e.ts)), ins.bind(3, e.ticket), ins.bind(4, std::string(to_string(e.kind)));
      std::string b = blob_of_hex(prev);
      ins.bind(5, b.data(), int(b.size()));
      ins.exec();
    }
    db.exec("INSERT INTO imports VALUES(1, 0, 'log.csv', 3, 3, 0, 0)");
    db.exec("INSERT INTO corrections VALUES('a3', 'clerk', 5)");
    db.exec("INSERT INTO parts(part, name, list_cents) VALUES('CAP-35', '电容', 2000)");
  }
  StoreOptions o;
  o.path = path;
  Store s(o);
  CHECK(s.schema_version() == Store::latest_schema_version());
  CHECK(s.db().execAndGet("SELECT count(*) FROM events WHERE length(seal) = 32").getInt() == 3);
  auto v = verify_chain(s);
  CHECK(v.checked == 3);
  CHECK_FALSE(v.broken);
  auto r = verify_seals(s);
  CHECK(r.findings.empty());
  std::int64_t rows = 0;
  for (auto& t : r.tables) rows += t.rows;
  CHECK(rows == 3);  // the import, the correction, the part
  s.db().exec("UPDATE corrections SET user = 'boss'");
  REQUIRE(verify_seals(s).findings.size() == 1);
  CHECK(verify_seals(s).findings[0].key == "event_id=a3");
  s.db().exec("UPDATE events SET id = 'zz' WHERE id = 'a2'");  // an id changed after the upgrade
  REQUIRE(verify_chain(s).broken);
  CHECK(verify_chain(s).broken->seq == 2);
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
  CHECK(rows == 7);  // 1 session, 1 attendee, 2 results, 1 site update; and (022) 1 outlet, 1 engineer
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
