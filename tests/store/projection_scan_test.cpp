#include "projection_scan.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <map>
#include <set>
#include <mutex>

#include "error.hpp"
#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::TempStore;

namespace {
// n tickets, each with a created event
void fill(TempStore& ts, int n) {
  std::vector<Event> evs;
  for (int i = 0; i < n; ++i) {
    Event e;
    e.id = "e" + std::to_string(i);
    e.ticket = "T" + std::to_string(1000 + i);
    e.kind = EventKind::Created;
    e.ts = 1'000'000 * i;
    evs.push_back(e);
  }
  ts.add(evs);
}
}  // namespace

TEST_CASE("scan_tickets: every ticket once, parts in rowid order, values bound") {
  TempStore ts;
  fill(ts, 97);
  for (int parts : {1, 2, 3, 8}) {
    CAPTURE(parts);
    std::mutex m;
    std::map<int, std::vector<std::int64_t>> by_part;
    std::map<std::string, int> seen;
    scan_tickets(
        *ts.store, "SELECT rowid, ticket FROM tickets WHERE created_at >= :min AND rowid BETWEEN :lo AND :hi", parts,
        [](sqlite3_stmt* st) { sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":min"), 5'000'000); },
        [&](int k, sqlite3_stmt* st) {
          while (sqlite3_step(st) == SQLITE_ROW) {
            std::lock_guard lk(m);
            by_part[k].push_back(sqlite3_column_int64(st, 0));
            ++seen[reinterpret_cast<const char*>(sqlite3_column_text(st, 1))];
          }
        },
        0);
    CHECK(seen.size() == 92);  // T1000..T1004 are before :min
    for (auto& [t, n] : seen) CHECK(n == 1);
    CHECK(int(by_part.size()) <= parts);
    std::int64_t last = -1;
    for (auto& [k, rows] : by_part)
      for (auto r : rows) {
        CHECK(r > last);
        last = r;
      }
  }
}

TEST_CASE("scan_tickets: a small table is one part; an exception in a part reaches the caller") {
  TempStore ts;
  fill(ts, 10);
  std::set<int> parts_seen;
  scan_tickets(*ts.store, "SELECT ticket FROM tickets WHERE rowid BETWEEN :lo AND :hi", 4, [](sqlite3_stmt*) {},
               [&](int k, sqlite3_stmt* st) {
                 while (sqlite3_step(st) == SQLITE_ROW) parts_seen.insert(k);
               });
  CHECK(parts_seen == std::set<int>{0});
  CHECK_THROWS_AS(scan_tickets(
                      *ts.store, "SELECT ticket FROM tickets WHERE rowid BETWEEN :lo AND :hi", 3, [](sqlite3_stmt*) {},
                      [&](int k, sqlite3_stmt*) {
                        if (k == 2) throw DataError("part 2 failed", {});
                      },
                      0),
                  DataError);
}

TEST_CASE("analysis_threads: $SVC_THREADS, else the cores up to 4") {
  ::setenv("SVC_THREADS", "3", 1);
  CHECK(analysis_threads() == 3);
  ::setenv("SVC_THREADS", "999", 1);
  CHECK(analysis_threads() == 64);
  ::unsetenv("SVC_THREADS");
  CHECK(analysis_threads() >= 1);
  CHECK(analysis_threads() <= 4);
}
