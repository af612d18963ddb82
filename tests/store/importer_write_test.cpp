// lib/store/importer_write.cpp: the bulk-load decision, the in-memory id
// table of a bulk load, insert and id conflicts, the projection of new tickets.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "importer_fixtures.hpp"
#include "importer_internal.hpp"
#include "projection.hpp"
#include "test_util.hpp"
#include "verify.hpp"

using namespace svc;
using namespace svc::importer_test;

TEST_CASE("bulk_worth_it: an empty store always; else a file of >= 1 MB into at most twice its estimated events") {
  using importer_detail::bulk_worth_it;
  CHECK(bulk_worth_it(0, 0));
  CHECK(bulk_worth_it(0, 500));
  // 100 bytes a record: 1,000,000 bytes ≈ 10,000 records, the smallest file worth it
  CHECK(bulk_worth_it(1, 1000000));
  CHECK(bulk_worth_it(20000, 1000000));
  CHECK_FALSE(bulk_worth_it(20001, 1000000));
  CHECK_FALSE(bulk_worth_it(1, 999999));
  CHECK(bulk_worth_it(2000000, 100000000));
  CHECK_FALSE(bulk_worth_it(2000001, 100000000));
  // seq must fit the table's 32 bits
  CHECK(bulk_worth_it((std::int64_t(1) << 31) - 1, std::uint64_t(1) << 40));
  CHECK_FALSE(bulk_worth_it(std::int64_t(1) << 31, std::uint64_t(1) << 40));
}

TEST_CASE("bulk load into a new store: the id table grows past its first 65,536 slots and still finds every id") {
  Fixture f;
  // 40,000 events: the table (kept at most half full) outgrows its first 65,536 slots while they go in
  std::string body = "X1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                     ",2026-11-02 09:00,T1,responded,,,,,,,,first\n";
  for (int i = 0; i < 40000; ++i) body += fmt::format(",2026-11-02 10:00,T1,responded,,,,,,,,n{}\n", i);
  // the first records again, after both rebuilds: a duplicate, and X1 with other content
  auto bad = f.import(body + ",2026-11-02 09:00,T1,responded,,,,,,,,first\n"
                             "X1,2026-11-02 08:16,T1,created,repair,normal,phone,华东,SH-01,,,\n");
  CHECK(bad.failed);
  CHECK(f.problems(bad) == "40005: id 'X1' was used at line 2 for a different event\n");
  CHECK(f.count("SELECT count(*) FROM events") == 0);
  auto r = f.import(body + ",2026-11-02 09:00,T1,responded,,,,,,,,first\n"
                           "X1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n");
  REQUIRE_FALSE(r.failed);
  CHECK(r.added == 40002);
  CHECK(r.duplicate == 2);
  CHECK(f.count("SELECT count(*) FROM events") == 40002);
  CHECK(f.count("SELECT events FROM tickets WHERE ticket = 'T1'") == 40002);
}

TEST_CASE("import into a new store (bulk load): duplicates and reused ids found without the id index; indexes back") {
  Fixture f;
  const std::string indexes = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = "
                              "'index' AND tbl_name = 'events' ORDER BY name)";
  const std::string all = "events_by_id,events_by_ticket,events_complaints,events_voided";  // 025: the complaint register's
  CHECK(f.dump(indexes) == all + "|\n");
  // a reused id in the file: nothing stored, the dropped indexes come back with the rollback
  auto bad = f.import(std::string("A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                                  "A2,2026-11-02 09:00,T1,responded,,,,,,,,\n"
                                  "A2,2026-11-02 09:05,T1,responded,,,,,,,,\n"));
  CHECK(bad.failed);
  CHECK(f.problems(bad) == "4: id 'A2' was used at line 3 for a different event\n");
  CHECK(f.count("SELECT count(*) FROM events") == 0);
  CHECK(f.dump(indexes) == all + "|\n");
  // duplicates of given and of derived ids: counted, stored once
  auto r = f.import(std::string("A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                                ",2026-11-02 09:00,T1,responded,,,,,,,,预约\n"
                                "A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                                ",2026-11-02 09:00,T1,responded,,,,,,,,预约\n"
                                ",2026-11-02 09:00,T1,responded,,,,,,,,另一个\n"));
  CHECK_FALSE(r.failed);
  CHECK(r.added == 3);
  CHECK(r.duplicate == 2);
  CHECK(f.count("SELECT count(*) FROM events") == 3);
  CHECK(f.dump(indexes) == all + "|\n");
  // the id index is unique again, and a second file is checked against it
  CHECK_THROWS(f.store->db().exec("INSERT INTO events (id, ts, ticket, event, chain) VALUES ('A1', 1, 'T9', 'created', x'00')"));
  auto again = f.import("A1,2026-11-02 08:20,T1,created,repair,normal,phone,华东,SH-01,,,\n");
  CHECK(again.failed);
  CHECK(f.problems(again).find("id 'A1' is already in the store with different content") != std::string::npos);
  auto verify = verify_chain(*f.store);
  CHECK(verify.checked == 3);
  CHECK_FALSE(verify.broken);
}

TEST_CASE("a large file into a small store (bulk load): stored ids found through the in-memory table") {
  Fixture f;
  REQUIRE_FALSE(f.import("A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                         "A2,2026-11-02 09:00,T1,responded,,,,,,,,\n").failed);
  const std::string before = f.dump("SELECT seq, id, hex(chain) FROM events ORDER BY seq");
  // 11 MB: worth a bulk load into a store of 2 events
  std::string big = "A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                    ",2026-11-03 08:00,T2,created,repair,normal,phone,华东,SH-01,,,\n";
  const std::string pad(60, 'x');
  for (int i = 0; i < 110000; ++i) big += fmt::format(",2026-11-03 09:00,T2,responded,,,,,,,,{}{}\n", pad, i);
  auto bad = f.import(big + "A2,2026-11-02 09:30,T1,responded,,,,,,,,\n");
  CHECK(bad.failed);
  CHECK(f.problems(bad) == "110004: id 'A2' is already in the store with different content (stored: T1 responded at "
                           "2026-11-02T09:00:00+08:00)\n");
  CHECK(f.dump("SELECT seq, id, hex(chain) FROM events ORDER BY seq") == before);
  CHECK(f.count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'") == 4);
  auto r = f.import(big + "A2,2026-11-02 09:00,T1,responded,,,,,,,,\n");
  REQUIRE_FALSE(r.failed);
  CHECK(r.added == 110001);
  CHECK(r.duplicate == 2);
  CHECK(f.count("SELECT count(*) FROM events") == 110003);
  CHECK(f.count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'") == 4);
  CHECK(f.count("SELECT events FROM tickets WHERE ticket = 'T2'") == 110001);
  auto v = verify_chain(*f.store);
  CHECK(v.checked == 110003);
  CHECK_FALSE(v.broken);
}
TEST_CASE("a new ticket with voids gets the projection a rebuild gives (voids resolved without reading back)") {
  Fixture f;
  const std::string header = "id,ts,ticket,event,type,urgency,channel,region,outlet,engineer,labor_hours,ref,note\n";
  auto r = f.import(std::string(",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,,\n"
                                "D1,2026-11-02 09:00,T1,dispatched,,,,,,E-1,,,\n"
                                ",2026-11-02 09:10,T1,dispatched,,,,,,E-2,,,\n"
                                "C1,2026-11-02 15:00,T1,completed,,,,,,,2,,\n"
                                ",2026-11-03 10:00,T1,voided,,,,,,,,C1,工时填错\n"
                                ",2026-11-03 10:00,T1,completed,,,,,,,3,,\n"
                                ",2026-11-03 11:00,T1,voided,,,,,,,,D1,派错\n"
                                ",2026-11-02 08:00,T2,created,install,urgent,app,华南,GZ-01,,,,\n"),
                    {}, header);
  REQUIRE_FALSE(r.failed);
  CHECK(r.added == 8);
  std::string incremental = f.dump("SELECT ticket, state, engineer, completed_at, events, hex(digest) FROM tickets ORDER BY ticket");
  CHECK(incremental.find("T1|completed|E-2|") != std::string::npos);
  CHECK(rebuild_projection(*f.store) == 2);
  CHECK(f.dump("SELECT ticket, state, engineer, completed_at, events, hex(digest) FROM tickets ORDER BY ticket") ==
        incremental);
}
