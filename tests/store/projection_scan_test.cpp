#include "projection_scan.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
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
  for (auto [parts, chunks] : {std::pair{1, 0}, {2, 0}, {3, 0}, {8, 0}, {1, 16}, {2, 16}, {3, 7}, {2, 200}}) {
    CAPTURE(parts);
    CAPTURE(chunks);
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
        0, chunks);
    CHECK(seen.size() == 92);  // T1000..T1004 are before :min
    for (auto& [t, n] : seen) CHECK(n == 1);
    CHECK(int(by_part.size()) <= (parts == 1 ? 1 : std::max(parts, chunks)));
    if (parts > 1 && chunks > parts) CHECK(int(by_part.size()) > parts);  // the ranges, not one per thread
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
  CHECK_THROWS_AS(scan_tickets(
                      *ts.store, "SELECT ticket FROM tickets WHERE rowid BETWEEN :lo AND :hi", 2, [](sqlite3_stmt*) {},
                      [&](int k, sqlite3_stmt*) {
                        if (k == 5) throw DataError("range 5 failed", {});
                      },
                      0, 12),
                  DataError);
}

TEST_CASE("scan_tickets: rowids anywhere in the int64 range (near both ends, negative, sparse): every ticket once") {
  // A ticket's rowid is not svc's to choose: a row moved to 2^63-1 made the
  // range arithmetic overflow (every ticket counted 8 times; others dropped).
  const std::int64_t lo64 = INT64_MIN, hi64 = INT64_MAX;
  const std::vector<std::vector<std::int64_t>> layouts = {
      {hi64},                             // one row at 2^63-1, the rest 1..n
      {hi64, hi64 - 1, hi64 - 7},         // several near the top
      {lo64},                             // one at -2^63
      {lo64, hi64},                       // both ends: span 2^64
      {lo64 + 1, -1, 0, hi64 - 1},        // negative, zero, near both ends
      {std::int64_t(1) << 62, (std::int64_t(1) << 62) + 3, std::int64_t(1) << 40},  // sparse
      {-5, -4, -3},                       // negative only
  };
  for (const auto& moved : layouts) {
    TempStore ts;
    fill(ts, 40);
    {
      SQLite::Statement up(ts.store->db(), "UPDATE tickets SET rowid = ? WHERE ticket = ?");
      for (std::size_t i = 0; i < moved.size(); ++i) {
        up.bind(1, moved[i]);
        up.bind(2, "T" + std::to_string(1000 + 3 * i));
        REQUIRE(up.exec() == 1);
        up.reset();
      }
    }
    for (auto [parts, chunks] : {std::pair{1, 0}, {2, 0}, {4, 8}, {3, 7}, {2, 64}}) {
      CAPTURE(moved.front());
      CAPTURE(parts);
      CAPTURE(chunks);
      std::mutex m;
      std::map<std::string, int> seen;
      scan_tickets(
          *ts.store, "SELECT ticket FROM tickets WHERE rowid BETWEEN :lo AND :hi", parts, [](sqlite3_stmt*) {},
          [&](int, sqlite3_stmt* st) {
            while (sqlite3_step(st) == SQLITE_ROW) {
              std::lock_guard lk(m);
              ++seen[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))];
            }
          },
          0, chunks);
      CHECK(seen.size() == 40);
      for (auto& [t, n] : seen) CHECK_MESSAGE(n == 1, t);
    }
  }
}

TEST_CASE("ReadSnapshot: every connection reads the snapshot it opened, not a later commit") {
  TempStore ts;
  fill(ts, 30);
  auto count = [](const ReadSnapshot& snap, int k) {
    auto st = snap.prepare(k, "SELECT count(*) FROM tickets");
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
    return sqlite3_column_int64(st.get(), 0);
  };
  for (std::int64_t mmap : {std::int64_t(0), std::int64_t(1) << 30}) {
    ReadSnapshot snap(*ts.store, 3, mmap, 4096);
    REQUIRE(snap.size() == 3);
    Event e;
    e.id = "late" + std::to_string(mmap);
    e.ticket = "Z" + std::to_string(mmap);
    e.kind = EventKind::Created;
    ts.add({e});  // a commit after the snapshot
    for (int k = 0; k < 3; ++k) CHECK(count(snap, k) == (mmap ? 31 : 30));
  }
  ReadSnapshot after(*ts.store, 2);
  CHECK(count(after, 1) == 32);
  CHECK_THROWS_AS(after.prepare(0, "SELECT nope FROM tickets"), InternalError);
}

TEST_CASE("ticket_id_bounds: every n-th id in byte order; the ranges between them hold every ticket once") {
  TempStore ts;
  fill(ts, 97);  // T1000..T1096
  ReadSnapshot snap(*ts.store, 1);
  auto b = ticket_id_bounds(snap, 10);
  REQUIRE(b.size() == 9);
  CHECK(b.front() == "T1009");
  CHECK(b.back() == "T1089");
  CHECK(std::is_sorted(b.begin(), b.end()));
  CHECK(ticket_id_bounds(snap, 97).size() == 1);
  CHECK(ticket_id_bounds(snap, 98).empty());
  // the ranges [ "", b0 ), [b0, b1), ... [b8, a BLOB): a BLOB sorts after every TEXT
  auto st = snap.prepare(0, "SELECT count(*) FROM tickets WHERE ticket >= :lo AND ticket < :hi");
  std::int64_t total = 0;
  for (std::size_t k = 0; k <= b.size(); ++k) {
    sqlite3_reset(st.get());
    const std::string lo = k ? b[k - 1] : "";
    sqlite3_bind_text(st.get(), 1, lo.data(), int(lo.size()), SQLITE_TRANSIENT);
    static const char none = 0;
    if (k < b.size()) sqlite3_bind_text(st.get(), 2, b[k].data(), int(b[k].size()), SQLITE_TRANSIENT);
    else sqlite3_bind_blob(st.get(), 2, &none, 0, SQLITE_STATIC);
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
    CHECK(sqlite3_column_int64(st.get(), 0) == (k == 0 ? 9 : k < b.size() ? 10 : 8));
    total += sqlite3_column_int64(st.get(), 0);
  }
  CHECK(total == 97);
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
