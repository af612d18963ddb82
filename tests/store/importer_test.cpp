#include "importer.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "error.hpp"
#include "projection.hpp"
#include "verify.hpp"
#include "importer_fixtures.hpp"
#include "test_util.hpp"

using namespace svc;
using namespace svc::importer_test;

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
      "A1,2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\"two\nlines, a \\ and \\n\nend\"\n"  // LF only: a CR is refused (free text)
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
