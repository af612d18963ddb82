#include "importer.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "error.hpp"
#include "projection.hpp"
#include "verify.hpp"
#include "test_util.hpp"

using namespace svc;

namespace {

const char* kHeader = "id,ts,ticket,event,type,urgency,channel,region,outlet,engineer,satisfaction,note\n";

struct Fixture {
  test::TempDir dir;
  Policy policy = default_policy();
  std::unique_ptr<Store> store;
  int n = 0;
  Fixture() {
    StoreOptions o;
    o.path = dir.at("svc.db");
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ImportResult import(const std::string& body, ImportOptions opts = {}, const std::string& header = kHeader) {
    auto p = dir.file("in" + std::to_string(++n) + ".csv", header + body);
    Importer imp(*store, policy, opts);
    return imp.import_file(p);
  }
  std::int64_t count(const std::string& sql) { return store->db().execAndGet(sql).getInt64(); }
  std::string problems(const ImportResult& r) {
    std::string out;
    for (auto& p : r.problems) out += p.substr(p.find(':') + 1) + "\n";  // drop the temp path
    return out;
  }
  std::string dump(const std::string& sql) {
    SQLite::Statement q(store->db(), sql);
    std::string out;
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + "|";
      out += "\n";
    }
    return out;
  }
};

const char* kTicket =
    ",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\"空调不制冷, 外机异响\"\n"
    ",2026-11-02 09:40,T1,responded,,,,,,,,预约\n"
    ",2026-11-02 10:05,T1,dispatched,,,,,,E-017,,\n"
    ",2026-11-02T06:30:00Z,T1,arrived,,,,,,,,\n"
    ",2026-11-02 15:50,T1,completed,,,,,,,,\n"
    ",2026-11-03 10:00,T1,followed_up,,,,,,,5,\n";

}  // namespace

TEST_CASE("import: stores events with derived ids and a verifiable chain; re-import stores nothing") {
  Fixture f;
  auto r = f.import(kTicket);
  CHECK_FALSE(r.failed);
  CHECK(r.read == 6);
  CHECK(r.added == 6);
  CHECK(r.duplicate == 0);
  // chain and ids recomputed from the stored columns, in seq order
  std::string prev(64, '0');
  SQLite::Statement q(f.store->db(), std::string("SELECT ") + kEventSelectColumns + ", chain FROM events ORDER BY seq");
  int n = 0;
  while (q.executeStep()) {
    Event e = event_from_row(q);
    std::string digest = content_digest(e);
    CHECK(e.id == digest.substr(0, 32));
    auto c = q.getColumn(5 + kFieldCount);
    std::string chain = hex_of_blob(c.getBlob(), c.getBytes());
    CHECK(chain == chain_hash(prev, digest));
    prev = chain;
    ++n;
  }
  CHECK(n == 6);
  CHECK(f.store->last_chain() == prev);
  CHECK(f.count("SELECT count(*) FROM imports") == 1);
  std::string before = f.dump("SELECT * FROM events") + f.dump("SELECT * FROM tickets") + f.dump("SELECT * FROM imports");
  auto again = f.import(kTicket);
  CHECK(again.added == 0);
  CHECK(again.duplicate == 6);
  CHECK(f.dump("SELECT * FROM events") + f.dump("SELECT * FROM tickets") + f.dump("SELECT * FROM imports") == before);
}

TEST_CASE("import: digests equal content_digest for values with backslashes and line breaks (re-import is a duplicate)") {
  Fixture f;
  const char* body =
      "A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\"two\nlines, a \\ and \\n\r\nend\"\n"
      ",2026-11-02 09:00,T1,responded,,,,,,,,\"C:\\dir\\new\"\n";
  auto r = f.import(body);
  CHECK(r.added == 2);
  SQLite::Statement q(f.store->db(), std::string("SELECT ") + kEventSelectColumns + ", chain FROM events ORDER BY seq");
  std::string prev(64, '0');
  while (q.executeStep()) {
    Event e = event_from_row(q);
    auto c = q.getColumn(5 + kFieldCount);
    CHECK(hex_of_blob(c.getBlob(), c.getBytes()) == chain_hash(prev, content_digest(e)));
    prev = chain_hash(prev, content_digest(e));
    if (e.id != "A1") CHECK(e.id == content_digest(e).substr(0, 32));
  }
  auto again = f.import(body);
  CHECK_FALSE(again.failed);
  CHECK(again.duplicate == 2);
}

TEST_CASE("import: the projection row") {
  Fixture f;
  f.import(kTicket);
  CHECK(f.dump("SELECT ticket, type, urgency, region, outlet, engineer, state, satisfaction, events, "
               "completed_at IS NOT NULL, followed_up_at IS NOT NULL, closed_at IS NULL FROM tickets") ==
        "T1|repair|normal|华东|SH-01|E-017|completed|5|6|1|1|1|\n");
  f.import(",2026-11-03 11:00,T1,closed,,,,,,,,\n");
  CHECK(f.dump("SELECT state, events FROM tickets") == "closed|7|\n");
  f.import(",2026-11-04 09:00,T1,reopened,,,,,,,,\n,2026-11-04 10:00,T1,paused,,,,,,,,\n");
  CHECK(f.dump("SELECT state, closed_at IS NULL FROM tickets") == "paused|1|\n");
}

TEST_CASE("import: explicit ids, duplicates inside a file, ids reused with other content") {
  Fixture f;
  auto r = f.import(std::string("A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                                "A2,2026-11-02 09:00,T1,responded,,,,,,,,\n"
                                "A2,2026-11-02 09:00,T1,responded,,,,,,,,\n"));
  CHECK(r.added == 2);
  CHECK(r.duplicate == 1);
  CHECK(f.count("SELECT count(*) FROM events WHERE id = 'A1'") == 1);
  auto bad = f.import("A2,2026-11-02 09:30,T1,responded,,,,,,,,\n");
  CHECK(bad.failed);
  CHECK(f.problems(bad) == "2: id 'A2' is already in the store with different content (stored: T1 responded at "
                           "2026-11-02T09:00:00+08:00)\n");
  auto twice = f.import("B1,2026-11-02 10:00,T1,arrived,,,,,,,,\nB1,2026-11-02 10:01,T1,arrived,,,,,,,,\n");
  CHECK(twice.failed);
  CHECK(f.problems(twice) == "3: id 'B1' was used at line 2 for a different event\n");
  CHECK(f.count("SELECT count(*) FROM events") == 2);
}

TEST_CASE("import: every record-level rule, reported with its line; nothing stored") {
  Fixture f;
  auto r = f.import(",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                    ",2026-13-02 08:15,T1,responded,,,,,,,,\n"
                    ",2026-11-02 09:00,T1,creatd,,,,,,,,\n"
                    ",2026-11-02 09:00,T1,followed_up,,,,,,,7,\n"
                    ",2026-11-02 09:00,T1,dispatched,,,,,,,,\n"
                    ",2026-11-02 09:00,T 1,responded,,,,,,,,\n"
                    ",2026-11-02 09:00,T2,created,repairs,normal,,华东,,,,\n"
                    ",,T1,responded,,urgent,,,,,,\n"
                    ",2026-11-02 09:00,T1,,,,,,,,,\n");
  CHECK(r.failed);
  CHECK(r.added == 0);
  CHECK(r.read == 9);
  CHECK(f.problems(r) ==
        "3: bad ts '2026-13-02 08:15': no such date\n"
        "4: unknown event 'creatd' (did you mean 'created'?)\n"
        "5: satisfaction must be an integer 1-5, got '7'\n"
        "6: missing engineer (required for dispatched)\n"
        "7: bad ticket 'T 1': must match [A-Za-z0-9._-]{1,64}\n"
        "8: type must be one of repair|install|maintenance|consultation|complaint|return|replacement, got 'repairs'; "
        "missing outlet (required for created)\n"
        "9: missing ts\n"
        "10: missing event\n");
  CHECK(f.count("SELECT count(*) FROM events") == 0);
  CHECK(f.count("SELECT count(*) FROM tickets") == 0);
  CHECK(f.count("SELECT count(*) FROM imports") == 0);
}

TEST_CASE("import: ticket-level rules") {
  Fixture f;
  SUBCASE("no created, in the input or the store") {
    auto r = f.import(",2026-11-02 09:00,T9,responded,,,,,,,,\n");
    CHECK(f.problems(r) == "2: ticket T9 has no created event (in this input or in the store)\n");
  }
  SUBCASE("a bad created makes the ticket's other records bad") {
    auto r = f.import(",2026-11-02 09:00,T9,responded,,,,,,,,\n"
                      ",2026-11-02 08:00,T9,created,repair,soon,phone,华东,SH-01,,,\n");
    CHECK(f.problems(r) == "2: ticket T9 has no valid created event (the created at line 3 is bad)\n"
                           "3: urgency must be urgent|normal, got 'soon'\n");
  }
  SUBCASE("two created: in one file, or one stored") {
    auto r = f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                      ",2026-11-02 09:00,T9,responded,,,,,,,,\n"
                      ",2026-11-02 08:05,T9,created,repair,urgent,phone,华东,SH-01,,,\n");
    CHECK(f.problems(r) == "2: ticket T9 has 2 created events (line 2, line 4)\n"
                           "3: ticket T9 has 2 created events (line 2, line 4)\n"
                           "4: ticket T9 has 2 created events (line 2, line 4)\n");
    f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n");
    auto s = f.import(",2026-11-03 08:00,T9,created,repair,urgent,phone,华东,SH-01,,,\n");
    CHECK(f.problems(s) == "2: ticket T9 has 2 created events (one stored at 2026-11-02T08:00:00+08:00, line 2)\n");
  }
  SUBCASE("ts before created") {
    auto r = f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                      ",2026-11-02 07:59,T9,responded,,,,,,,,\n");
    CHECK(f.problems(r) == "3: ts 2026-11-02T07:59:00+08:00 is before the ticket's created at 2026-11-02T08:00:00+08:00\n");
  }
  SUBCASE("paused while paused, resumed while not paused, in log order not file order") {
    auto ok = f.import(",2026-11-02 12:00,T9,resumed,,,,,,,,\n"
                       ",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                       ",2026-11-02 10:00,T9,paused,,,,,,,,\n");
    CHECK_FALSE(ok.failed);
    CHECK(f.dump("SELECT state FROM tickets") == "open|\n");
    auto r = f.import(",2026-11-02 13:00,T9,resumed,,,,,,,,\n"
                      ",2026-11-02 14:00,T9,paused,,,,,,,,\n"
                      ",2026-11-02 15:00,T9,paused,,,,,,,,\n");
    CHECK(f.problems(r) == "2: resumed while not paused\n"
                           "4: paused while already paused (since 2026-11-02T14:00:00+08:00)\n");
    // a new event that would make a stored one wrong is the bad one
    auto s = f.import(",2026-11-02 11:00,T9,resumed,,,,,,,,\n");
    CHECK(f.problems(s) == "2: resumed conflicts with the stored resumed at 2026-11-02T12:00:00+08:00\n");
    CHECK(f.count("SELECT count(*) FROM events") == 3);
  }
  SUBCASE("events of a ticket over several files, in any order") {
    CHECK_FALSE(f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n").failed);
    CHECK_FALSE(f.import(",2026-11-02 18:00,T9,completed,,,,,,,,\n,2026-11-02 09:00,T9,responded,,,,,,,,\n").failed);
    CHECK(f.dump("SELECT state, events FROM tickets") == "completed|3|\n");
  }
}

TEST_CASE("import: atomic — a bad last record leaves the store exactly as it was") {
  Fixture f;
  f.import(kTicket);
  std::string before = f.dump("SELECT * FROM events") + f.dump("SELECT * FROM tickets") + f.dump("SELECT * FROM imports");
  std::string body;
  for (int i = 0; i < 500; ++i)
    body += ",2026-11-0" + std::to_string(5 + i % 3) + " 08:00,N" + std::to_string(i) +
            ",created,repair,normal,phone,华东,SH-01,,,\n";
  body += ",2026-11-05 09:00,N1,followed_up,,,,,,,0,\n";
  auto r = f.import(body);
  CHECK(r.failed);
  CHECK(r.problem_count == 1);
  CHECK(f.dump("SELECT * FROM events") + f.dump("SELECT * FROM tickets") + f.dump("SELECT * FROM imports") == before);
}

TEST_CASE("import: --skip-bad stores the good records and rejects the bad ones; the fixed reject file completes") {
  Fixture f;
  ImportOptions o;
  o.skip_bad = true;
  o.reject_path = f.dir.at("rejects.csv");
  auto r = f.import(",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                    ",2026-11-02 09:00,T1,followed_up,,,,,,,9,\"fine, \"\"really\"\"\"\n"
                    ",2026-11-02 09:10,T2,responded,,,,,,,,\n"
                    ",2026-11-02 08:10,T2,created,repair,normal,phone,华东,,,,\n"
                    ",2026-11-02 09:30,T1,responded,,,,,,,,\n",
                    o);
  CHECK_FALSE(r.failed);
  CHECK(r.read == 5);
  CHECK(r.added == 2);
  CHECK(r.rejected == 3);
  CHECK(r.problems.size() == 3);
  std::string rej = test::slurp(o.reject_path);
  CHECK(rej ==
        "id,ts,ticket,event,type,urgency,channel,region,outlet,engineer,satisfaction,note,reason\r\n"
        ",2026-11-02 09:00,T1,followed_up,,,,,,,9,\"fine, \"\"really\"\"\",\"satisfaction must be an integer 1-5, got "
        "'9'\"\r\n"
        ",2026-11-02 09:10,T2,responded,,,,,,,,,ticket T2 has no valid created event (the created at line 5 is bad)\r\n"
        ",2026-11-02 08:10,T2,created,repair,normal,phone,华东,,,,,missing outlet (required for created)\r\n");
  // fix the reject file and import it as it is (the reason column is ignored)
  std::string fixed = rej;
  fixed.replace(fixed.find(",9,"), 3, ",4,");
  fixed.replace(fixed.find("华东,,"), std::string("华东,,").size(), "华东,SH-02,");
  auto p = f.dir.file("fixed.csv", fixed);
  Importer imp(*f.store, f.policy);
  auto r2 = imp.import_file(p);
  CHECK_FALSE(r2.failed);
  CHECK(r2.added == 3);
  CHECK(f.count("SELECT count(*) FROM events") == 5);
  CHECK(f.dump("SELECT ticket, outlet, satisfaction FROM tickets ORDER BY ticket") == "T1|SH-01|4|\nT2|SH-02||\n");
}

TEST_CASE("import: JSON Lines with numbers and unicode escapes; unknown keys") {
  Fixture f;
  auto p = f.dir.file("a.jsonl",
                      "{\"ts\": \"2026-11-02T08:15:00+08:00\", \"ticket\": \"T1\", \"event\": \"created\", \"type\": "
                      "\"repair\", \"urgency\": \"normal\", \"region\": \"\\u534e\\u4e1c\", \"outlet\": \"SH-01\", "
                      "\"distance_km\": 12.50}\n\n"
                      "{\"ts\": \"2026-11-03 10:00\", \"ticket\": \"T1\", \"event\": \"followed_up\", \"satisfaction\": 5}\n");
  Importer imp(*f.store, f.policy);
  auto r = imp.import_file(p);
  CHECK_FALSE(r.failed);
  CHECK(r.added == 2);
  CHECK(f.dump("SELECT region, distance_km, satisfaction FROM tickets") == "华东|12.5|5|\n");
  CHECK(f.dump("SELECT distance_km FROM events WHERE event = 'created'") == "12.5|\n");
  auto q = f.dir.file("b.jsonl", "{\"ts\": \"2026-11-03 11:00\", \"ticket\": \"T1\", \"event\": \"closed\", \"urgncy\": \"x\"}\n");
  auto r2 = imp.import_file(q);
  CHECK(r2.failed);
  CHECK(r2.problems.at(0) == q + ":1: unknown column 'urgncy' (did you mean 'urgency'?)");
}

TEST_CASE("import: a header with an unknown column is a data error naming the nearest column") {
  Fixture f;
  try {
    f.import("", {}, "ts,ticket,event,urgncy\n");
    FAIL("no exception");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 1);
    CHECK(e.problems[0].find(":1: unknown column 'urgncy' (did you mean 'urgency'?)") != std::string::npos);
  }
  CHECK_THROWS_AS(f.import("", {}, "ts,ticket,note\n"), DataError);  // no event column
}

TEST_CASE("import: max_errors bounds the problems kept, not the count") {
  Fixture f;
  ImportOptions o;
  o.max_errors = 2;
  std::string body;
  for (int i = 0; i < 5; ++i) body += ",bad,T1,created,repair,normal,phone,华东,SH-01,,,\n";
  auto r = f.import(body, o);
  CHECK(r.problem_count == 5);
  CHECK(r.problems.size() == 2);
}

TEST_CASE("append_events validates against the store and throws DataError") {
  Fixture f;
  f.import(kTicket);
  Event e;
  e.ticket = "T1";
  e.kind = EventKind::Closed;
  e.ts = *parse_timestamp("2026-11-04 09:00", f.policy.tz);
  auto r = append_events(*f.store, f.policy, {e}, "svc ticket");
  CHECK(r.added == 1);
  CHECK(f.dump("SELECT state FROM tickets") == "closed|\n");
  Event bad = e;
  bad.ticket = "T404";
  try {
    append_events(*f.store, f.policy, {bad}, "svc ticket");
    FAIL("no exception");
  } catch (const DataError& err) {
    REQUIRE(err.problems.size() == 1);
    CHECK(err.problems[0] == "svc ticket:1: ticket T404 has no created event (in this input or in the store)");
  }
}

TEST_CASE("rebuild equals the incremental projection, byte for byte") {
  Fixture f;
  f.import(kTicket);
  f.import(",2026-11-05 08:00,T2,created,install,urgent,app,华南,GZ-01,,,\n"
           ",2026-11-05 09:00,T2,paused,,,,,,,,\n"
           ",2026-11-05 08:30,T2,dispatched,,,,,,E-1,,\n"
           ",2026-11-05 08:40,T2,dispatched,,,,,,E-2,,\n");
  f.import(",2026-11-06 09:00,T2,resumed,,,,,,,,\n,2026-11-06 10:00,T2,cancelled,,,,,,,,\n"
           ",2026-11-04 10:00,T1,rejected,,,,,,,,\n,2026-11-04 12:00,T1,completed,,,,,,,,\n");
  std::string incremental = f.dump("SELECT * FROM tickets ORDER BY ticket");
  CHECK(incremental.find("T2|") != std::string::npos);
  CHECK(rebuild_projection(*f.store) == 2);
  CHECK(f.dump("SELECT * FROM tickets ORDER BY ticket") == incremental);
}

TEST_CASE("import into a new store (bulk load): duplicates and reused ids found without the id index; indexes back") {
  Fixture f;
  const std::string indexes = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = "
                              "'index' AND tbl_name = 'events' ORDER BY name)";
  const std::string all = "events_by_id,events_by_ticket,events_voided";
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
  CHECK(f.count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'") == 3);
  auto r = f.import(big + "A2,2026-11-02 09:00,T1,responded,,,,,,,,\n");
  REQUIRE_FALSE(r.failed);
  CHECK(r.added == 110001);
  CHECK(r.duplicate == 2);
  CHECK(f.count("SELECT count(*) FROM events") == 110003);
  CHECK(f.count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'") == 3);
  CHECK(f.count("SELECT events FROM tickets WHERE ticket = 'T2'") == 110001);
  auto v = verify_chain(*f.store);
  CHECK(v.checked == 110003);
  CHECK_FALSE(v.broken);
}
