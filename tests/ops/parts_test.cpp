#include "parts.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "config.hpp"
#include "error.hpp"
#include "importer.hpp"
#include "parts_audit.hpp"

using namespace svc;

namespace {

// A fresh store in a temp file, removed afterwards.
struct TempStore {
  std::string path;
  std::unique_ptr<Store> s;
  TempStore() {
    char tmpl[] = "/tmp/svc-parts-test-XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    path = tmpl;
    std::remove(path.c_str());
    StoreOptions o;
    o.path = path;
    o.create = true;
    s = std::make_unique<Store>(o);
  }
  ~TempStore() {
    s.reset();
    for (const char* suf : {"", "-wal", "-shm"}) std::remove((path + suf).c_str());
  }
  Store& operator*() { return *s; }
};

// Input files written by the tests, removed when the test binary exits.
struct TempFiles {
  std::vector<std::string> paths;
  ~TempFiles() {
    for (auto& p : paths) std::remove(p.c_str());
  }
} temp_files;

std::string write_file(const std::string& name, const std::string& text) {
  std::string p = "/tmp/svc-parts-test-" + std::to_string(getpid()) + "-" + name;
  std::ofstream(p, std::ios::binary) << text;
  temp_files.paths.push_back(p);
  return p;
}

Instant at(const char* s) { return *parse_timestamp(s, TimeZone::locate("Asia/Shanghai")); }

Actor who(const char* ts) { return {at(ts), "tester"}; }

// A ticket in the store: movements name only tickets that exist (lib/store/guards.hpp).
void open_ticket(Store& s, const char* ticket) {
  Event e;
  e.ticket = ticket;
  e.kind = EventKind::Created;
  e.ts = at("2026-10-30 08:00");
  e.at(Field::Type) = "repair";
  e.at(Field::Urgency) = "normal";
  e.at(Field::Region) = "华东";
  e.at(Field::Outlet) = "SH-01";
  append_events(s, default_policy(), {e}, "test");
}

void add_event(Store& s, const std::string& id, const char* ts, const std::string& ticket, const std::string& part,
               int qty) {
  SQLite::Statement st(s.db(),
                       "INSERT INTO events(id, ts, ticket, event, part, qty, chain) VALUES (?, ?, ?, 'part_used', ?, ?, x'00')");
  st.bind(1, id);
  st.bind(2, at(ts));
  st.bind(3, ticket);
  st.bind(4, part);
  st.bind(5, qty);
  st.exec();
}

std::int64_t balance(Store& s, const std::string& wh, const std::string& part, const std::string& book = "new") {
  for (const auto& r : stock(s, wh, false))
    if (r.part == part) return book == "new" ? r.qty : r.old_qty;
  return 0;
}

std::string refusal(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return e.what();
  } catch (const NotFound& e) {  // an unknown part, warehouse, ticket or claim (66)
    return e.what();
  }
  return "(not refused)";
}

// A catalogue with a claimable capacitor and an expensive motor, and outlet SH-01.
struct Fixture : TempStore {
  Policy p = default_policy();
  PartsLedger led{**this, p};
  Fixture() {
    Part cap;
    cap.part = "CAP", cap.name = "Capacitor", cap.claimable = true, cap.min_stock = 5, cap.supplier = "Acme";
    add_part(**this, cap);
    Part mot;
    mot.part = "MOT", mot.name = "Motor", mot.list_cents = 80000;
    add_part(**this, mot);
    add_warehouse(**this, "SH-01");
  }
};

}  // namespace

TEST_CASE("half-up division and the moving average, to the cent") {
  CHECK(div_half_up(15505, 15) == 1034);  // 1033.67
  CHECK(div_half_up(201, 2) == 101);      // .5 goes up
  CHECK(div_half_up(199, 2) == 100);      // 99.5 -> 100
  CHECK(div_half_up(-201, 2) == -101);    // symmetric
  CHECK(div_half_up(7, 3) == 2);
  // 10 @ 10.00, then 5 @ 11.01: (100.00 + 55.05) / 15 = 10.3367 -> 10.34
  CHECK(moving_average(0, 0, 10, 10 * 1000) == 1000);
  CHECK(moving_average(10, 1000, 5, 5 * 1101) == 1034);
  // 12 left @ 10.34, then 8 @ 9.99: (124.08 + 79.92) / 20 = 10.20 exactly
  CHECK(moving_average(12, 1034, 8, 8 * 999) == 1020);
  // 20 @ 10.20, then 1 @ 0.05: 204.05 / 21 = 9.7167 -> 9.72
  CHECK(moving_average(20, 1020, 1, 5) == 972);
  // nothing on hand: the receipt cost
  CHECK(moving_average(0, 4711, 3, 3 * 250) == 250);
  // pool shares add up to the pool exactly
  CHECK(share_of(1000, 3, 1) == 333);
  CHECK(share_of(667, 2, 1) == 334);
  CHECK(share_of(333, 1, 1) == 333);
}

TEST_CASE("moving average over several receipts through the ledger") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto m2 = f.led.receive({"CAP", "central", "G2", 5, 1101}, who("2026-11-02 09:00"));
  CHECK(m2.avg_cents == 1034);
  CHECK(m2.value_cents == 5505);
  auto iss = f.led.issue({"T1", "CAP", "central", "RQ1", "", 3}, who("2026-11-03 09:00"));
  CHECK(iss.value_cents == -3 * 1034);
  CHECK(iss.unit_cents == 1034);
  auto m3 = f.led.receive({"CAP", "central", "G3", 8, 999}, who("2026-11-04 09:00"));
  CHECK(m3.avg_cents == 1020);
  auto m4 = f.led.receive({"CAP", "central", "G4", 1, 5}, who("2026-11-05 09:00"));
  CHECK(m4.avg_cents == 972);
  CHECK(balance(*f, "central", "CAP") == 21);
  for (const auto& r : stock(*f, "central", false))
    if (r.part == "CAP") CHECK(r.value_cents == 21 * 972);
}

TEST_CASE("receive refusals") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-02 09:00"));
  CHECK(refusal([&] { f.led.receive({"CAX", "central", "G9", 1, 1}, who("2026-11-03 09:00")); }) ==
        "unknown part 'CAX' (did you mean 'CAP'?); add it with 'svc parts catalog add'");
  CHECK(refusal([&] { f.led.receive({"CAP", "XX-99", "G9", 1, 1}, who("2026-11-03 09:00")); })
            .find("unknown warehouse 'XX-99'") == 0);
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G1", 1, 1}, who("2026-11-03 09:00")); }) ==
        "receipt 'G1' is already registered for part CAP (movement #1)");
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "", 1, 1}, who("2026-11-03 09:00")); }).find("receipt number") !=
        std::string::npos);
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G5", 0, 1}, who("2026-11-03 09:00")); }).find("quantity") == 0);
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G5", 1, -1}, who("2026-11-03 09:00")); }) ==
        "unit cost must be >= 0");
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G5", 1, 1}, who("2026-11-01 09:00")); })
            .find("is before the last movement of CAP in 'central'") != std::string::npos);
  CHECK(balance(*f, "central", "CAP") == 10);
}

TEST_CASE("outlet warehouses are created on first use from the outlets table") {
  Fixture f;
  f.s->db().exec("INSERT INTO outlets(id, name, region) VALUES ('BJ-01', 'Beijing 1', '华北')");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-02 09:00"));
  f.led.transfer({"CAP", "central", "BJ-01", "TN-1", 4}, who("2026-11-03 09:00"));
  auto ws = list_warehouses(*f);
  REQUIRE(ws.size() == 3);
  CHECK(ws[0].id == "central");
  CHECK(ws[1].id == "BJ-01");
  CHECK(ws[1].kind == "outlet");
  CHECK_THROWS_AS(add_warehouse(*f, "BJ-01"), DataError);
  CHECK_THROWS_AS(add_warehouse(*f, "bad id"), DataError);
}

TEST_CASE("transfer: two movements in one transaction, and its refusals") {
  Fixture f;
  f.s->db().exec("INSERT INTO warehouses(id, kind, outlet) VALUES ('GZ-01', 'outlet', 'GZ-01')");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-02 09:00"));
  auto [out, in] = f.led.transfer({"CAP", "central", "SH-01", "TN-1", 4}, who("2026-11-03 09:00"));
  CHECK(out.qty == -4);
  CHECK(in.qty == 4);
  CHECK(in.pair_id == out.id);
  CHECK(out.value_cents == -4000);
  CHECK(balance(*f, "central", "CAP") == 6);
  CHECK(balance(*f, "SH-01", "CAP") == 4);
  f.led.transfer({"CAP", "SH-01", "central", "back", 1}, who("2026-11-04 09:00"));
  CHECK(balance(*f, "SH-01", "CAP") == 3);
  CHECK(refusal([&] { f.led.transfer({"CAP", "SH-01", "SH-01", "", 1}, who("2026-11-05 09:00")); }) ==
        "transfer from 'SH-01' to itself");
  CHECK(refusal([&] { f.led.transfer({"CAP", "SH-01", "GZ-01", "", 1}, who("2026-11-05 09:00")); })
            .find("transfers go between central and an outlet") == 0);
  CHECK(refusal([&] { f.led.transfer({"CAP", "SH-01", "central", "", 5}, who("2026-11-05 09:00")); }) ==
        "not enough stock in 'SH-01': 5 new CAP needed, the balance is 3");
  CHECK(balance(*f, "central", "CAP") == 7);
  CHECK(balance(*f, "SH-01", "CAP") == 3);
}

TEST_CASE("issue: stock never negative, approval above the threshold") {
  Fixture f;
  open_ticket(*f, "T1");
  open_ticket(*f, "T2");
  open_ticket(*f, "T3");
  f.led.receive({"MOT", "central", "G1", 2, 75000}, who("2026-11-02 09:00"));
  CHECK(refusal([&] { f.led.issue({"T1", "MOT", "central", "RQ1", "", 1}, who("2026-11-03 09:00")); }) ==
        "issue of 1 x MOT is worth 750.00, above the approval threshold 500.00 (parts.issue_approval_over): a "
        "supervisor must approve it (--approved-by)");
  auto m = f.led.issue({"T1", "MOT", "central", "RQ1", "boss", 1}, who("2026-11-03 09:00"));
  CHECK(m.approved_by == "boss");
  CHECK(refusal([&] { f.led.issue({"T2", "MOT", "central", "", "boss", 2}, who("2026-11-03 10:00")); }) ==
        "not enough stock in 'central': 2 new MOT needed, the balance is 1");
  CHECK(refusal([&] { f.led.issue({"T 2", "MOT", "central", "", "boss", 1}, who("2026-11-03 10:00")); })
            .find("ticket id 'T 2' is not valid") == 0);
  // at the threshold exactly no approval is needed
  f.p.parts.approval_over_cents = 75000;
  CHECK_NOTHROW(f.led.issue({"T3", "MOT", "central", "", "", 1}, who("2026-11-03 11:00")));
  CHECK(balance(*f, "central", "MOT") == 0);
}

TEST_CASE("consume links one part_used event to an earlier issue, valued at the issue cost") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "RQ1", "", 2}, who("2026-11-02 09:00"));
  // 8 on hand @ 10.00 + 10 @ 20.00: 280.00 / 18 = 15.556 -> 15.56
  f.led.receive({"CAP", "central", "G2", 10, 2000}, who("2026-11-02 10:00"));
  f.led.issue({"T1", "CAP", "central", "RQ2", "", 1}, who("2026-11-02 11:00"));
  add_event(*f, "e1", "2026-11-03 09:00", "T1", "CAP", 2);
  add_event(*f, "e2", "2026-11-03 10:00", "T1", "CAP", 1);
  add_event(*f, "e0", "2026-11-01 08:00", "T1", "CAP", 1);   // before any issue
  add_event(*f, "e3", "2026-11-03 11:00", "T1", "CAP", 5);   // more than issued
  SQLite::Statement(f.s->db(), "INSERT INTO events(id, ts, ticket, event, chain) VALUES ('c1', 0, 'T1', 'created', x'00')").exec();

  auto c1 = f.led.consume({"T1", "CAP", "e1", 2}, {0, "tester"});
  CHECK(c1.ts == at("2026-11-03 09:00"));  // the event's time
  CHECK(c1.qty == -2);
  CHECK(c1.book.empty());
  // pool: 2 @ 10.00 + 1 @ 15.56 = 35.56 for 3 -> 2 of them 23.7067 -> 23.71
  CHECK(c1.value_cents == -2371);
  auto c2 = f.led.consume({"T1", "CAP", "e2", 1}, {0, "tester"});
  CHECK(c2.value_cents == -1185);  // the exact remainder: 35.56 - 23.71
  CHECK(balance(*f, "central", "CAP") == 17);  // no stock change on consume

  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"}); }) ==
        "event 'e1' is already recorded as consume movement #" + std::to_string(c1.id));
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "nope", 1}, {0, "t"}); }) == "no event 'nope' in the store");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "c1", 1}, {0, "t"}); }) ==
        "event 'c1' is a created event, not part_used");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e3", 4}, {0, "t"}); }) ==
        "event 'e3' records 5 x CAP on T1, not 4 x CAP on T1");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e3", 5}, {0, "t"}); }).find("does not match an issue: 3 issued") !=
        std::string::npos);
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e0", 1}, {0, "t"}); }).find("does not match an issue: 0 issued") !=
        std::string::npos);
  // linked at the issue cost + unlinked e0 (1) and e3 (5) at the average 15.56
  CHECK(parts_cost_by_ticket(*f)["T1"] == 3556 + 6 * 1556);
}

// Appends one ticket event through the importer, as `svc import` would.
void ticket_event(Fixture& f, const char* ticket, EventKind k, const char* ts, const char* engineer = "") {
  Event e;
  e.ticket = ticket;
  e.kind = k;
  e.ts = at(ts);
  if (k == EventKind::Created) {
    e.at(Field::Type) = "repair";
    e.at(Field::Urgency) = "normal";
    e.at(Field::Region) = "华东";
    e.at(Field::Outlet) = "SH-01";
  }
  e.at(Field::Engineer) = engineer;
  append_events(*f, f.p, {e}, "test");
}

std::int64_t count_of(Store& s, const char* sql) {
  SQLite::Statement q(s.db(), sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

TEST_CASE("consume without an event writes the ticket's part_used event and its movement, one fact") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  ticket_event(f, "T1", EventKind::Created, "2026-11-02 08:00");
  ticket_event(f, "T1", EventKind::Dispatched, "2026-11-02 08:30", "E-1");
  f.led.issue({"T1", "CAP", "central", "RQ1", "", 3}, who("2026-11-02 09:00"));

  // not on site yet: refused with the ticket's state, nothing written
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "", 1}, who("2026-11-02 09:30")); }).find(
            "ticket 'T1' is scheduled: a part can be recorded as fitted only while the engineer is on site") == 0);
  CHECK(count_of(*f, "SELECT count(*) FROM events WHERE event = 'part_used'") == 0);
  CHECK(count_of(*f, "SELECT count(*) FROM part_movements WHERE kind = 'consume'") == 0);

  ticket_event(f, "T1", EventKind::Arrived, "2026-11-02 10:00");
  ConsumeArgs a{"T1", "CAP", "", 2};
  auto m = f.led.consume(a, who("2026-11-02 10:30"), "old one burnt");
  CHECK(m.ts == at("2026-11-02 10:30"));
  CHECK(m.qty == -2);
  CHECK(m.value_cents == -2000);
  REQUIRE_FALSE(m.event_id.empty());
  {
    SQLite::Statement q(f.s->db(), "SELECT ticket, part, qty, ts, note FROM events WHERE id = ? AND event = 'part_used'");
    q.bind(1, m.event_id);
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "T1");
    CHECK(q.getColumn(1).getString() == "CAP");
    CHECK(q.getColumn(2).getInt64() == 2);
    CHECK(q.getColumn(3).getInt64() == at("2026-11-02 10:30"));
    CHECK(q.getColumn(4).getString() == "old one burnt");
  }
  // the event written is linked: a second consume of it, or reconcile, links nothing
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", m.event_id, 2}, who("2026-11-02 10:40")); }) ==
        "event '" + m.event_id + "' is already recorded as consume movement #" + std::to_string(m.id));
  auto r = reconcile(*f, f.p, "t");
  CHECK(r.linked.empty());
  CHECK(r.unmatched.empty());
  // the same fitting recorded twice (same time, same content) is refused
  CHECK(refusal([&] { f.led.consume(a, who("2026-11-02 10:30"), "old one burnt"); }) ==
        "svc parts consume: already recorded: 1 of these events are in the store with the same time and content, "
        "nothing changed");
  // more than issued and not fitted: refused, and the event is not written either
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "", 2}, who("2026-11-02 11:00")); }).find(
            "does not match an issue: 3 issued to the ticket by then, 2 fitted") != std::string::npos);
  CHECK(count_of(*f, "SELECT count(*) FROM events WHERE event = 'part_used'") == 1);
  CHECK(count_of(*f, "SELECT count(*) FROM part_movements WHERE kind = 'consume'") == 1);
  // unknown part, unknown ticket
  CHECK(refusal([&] { f.led.consume({"T1", "GHOST", "", 1}, who("2026-11-02 11:00")); }).find("unknown part 'GHOST'") ==
        0);
  CHECK_THROWS_WITH_AS(f.led.consume({"T9", "CAP", "", 1}, who("2026-11-02 11:00")),
                       "no ticket 'T9' in the store (did you mean 'T1'?)", NoInputError);

  // a paused ticket (waiting for the part) resumes when the part is fitted
  Event pz;
  pz.ticket = "T1", pz.kind = EventKind::Paused, pz.ts = at("2026-11-02 11:00");
  append_events(*f, f.p, {pz}, "test");
  auto m2 = f.led.consume({"T1", "CAP", "", 1}, who("2026-11-02 12:00"));
  CHECK(m2.value_cents == -1000);
  CHECK(count_of(*f, "SELECT count(*) FROM events WHERE ticket = 'T1' AND event = 'resumed'") == 1);

  // once completed, parts are no longer fitted by consume
  ticket_event(f, "T1", EventKind::Completed, "2026-11-02 13:00");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "", 1}, who("2026-11-02 14:00")); }).find(
            "ticket 'T1' is completed: a part can be recorded as fitted only while") == 0);
  CHECK(parts_cost_by_ticket(*f)["T1"] == 3000);
}

TEST_CASE("return new re-enters stock at the issue cost; return old fills the old-parts book") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.transfer({"CAP", "central", "SH-01", "", 5}, who("2026-11-01 10:00"));
  f.led.issue({"T1", "CAP", "SH-01", "RQ1", "", 3}, who("2026-11-02 09:00"));
  f.led.receive({"CAP", "central", "G2", 5, 1300}, who("2026-11-02 10:00"));  // 7 @ 10 + 5 @ 13 -> 11.25
  auto rn = f.led.give_back({"T1", "CAP", "", 1, false, "RN-1"}, who("2026-11-03 09:00"));
  CHECK(rn.warehouse == "SH-01");
  CHECK(rn.value_cents == 1000);
  CHECK(rn.avg_cents == div_half_up(12 * 1125 + 1000, 13));
  CHECK(balance(*f, "SH-01", "CAP") == 3);
  CHECK(refusal([&] { f.led.give_back({"T1", "CAP", "", 3, false, ""}, who("2026-11-03 10:00")); }) ==
        "return of 3 unused CAP from ticket T1: only 2 issued to it and not fitted or returned");
  CHECK(refusal([&] { f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-03 10:00")); }) ==
        "return of 1 old CAP from ticket T1: 0 fitted on it, 0 old already back");
  add_event(*f, "e1", "2026-11-03 11:00", "T1", "CAP", 2);
  f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"});
  auto ro = f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-03 12:00"));
  CHECK(ro.book == "old");
  CHECK(ro.value_cents == 0);
  CHECK(balance(*f, "SH-01", "CAP", "old") == 1);
  f.led.give_back({"T1", "CAP", "central", 1, true, ""}, who("2026-11-03 12:00"));
  CHECK(balance(*f, "central", "CAP", "old") == 1);
  CHECK(refusal([&] { f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-03 13:00")); }) ==
        "return of 1 old CAP from ticket T1: 2 fitted on it, 2 old already back");
}

TEST_CASE("scrap: new stock at the average, old parts at zero; a reason is required") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 4, 1000}, who("2026-11-01 09:00"));
  CHECK(refusal([&] { f.led.scrap({"central", "CAP", "", 1, false}, who("2026-11-02 09:00")); }) ==
        "a scrap needs a reason (--reason)");
  auto m = f.led.scrap({"central", "CAP", "broken", 1, false}, who("2026-11-02 09:00"));
  CHECK(m.value_cents == -1000);
  CHECK(balance(*f, "central", "CAP") == 3);
  CHECK(refusal([&] { f.led.scrap({"central", "CAP", "x", 1, true}, who("2026-11-02 10:00")); }) ==
        "not enough stock in 'central': 1 old CAP needed, the balance is 0");
}

TEST_CASE("count: variances applied in one transaction, all or nothing") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.receive({"MOT", "central", "G2", 2, 75000}, who("2026-11-01 09:00"));
  // a bad line: nothing is applied
  try {
    f.led.count("central", {{"CAP", 8, "shrinkage", 2}, {"MOT", 3, "", 3}, {"XYZ", 1, "", 4}}, who("2026-11-05 09:00"),
                "st.csv");
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 2);
    CHECK(e.problems[0] == "st.csv:3: MOT: counted 3, the books say 2: a variance needs a reason");
    CHECK(e.problems[1] == "st.csv:4: unknown part 'XYZ'");
  }
  CHECK(balance(*f, "central", "CAP") == 10);
  auto vs = f.led.count("central", {{"CAP", 8, "shrinkage", 2}, {"MOT", 2, "", 3}}, who("2026-11-05 09:00"), "st.csv");
  REQUIRE(vs.size() == 2);
  CHECK(vs[0].variance == -2);
  CHECK(vs[0].value_cents == -2000);
  CHECK(vs[0].movement_id > 0);
  CHECK(vs[1].variance == 0);
  CHECK(vs[1].movement_id == 0);
  CHECK(balance(*f, "central", "CAP") == 8);
}

TEST_CASE("stock-take sheets: columns and values checked with FILE:LINE") {
  auto ok = write_file("count-ok.csv", "\xEF\xBB\xBFpart,counted,reason\r\nCAP,8,\"shrinkage, 2 lost\"\r\nMOT,0\r\n");
  auto lines = read_count_sheet(ok);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].reason == "shrinkage, 2 lost");
  CHECK(lines[1].counted == 0);
  CHECK(lines[1].line == 3);
  auto bad = write_file("count-bad.csv", "part,counted\nCAP,-1\nMOT,x\nCAP,2\nCAP,3\n");
  try {
    read_count_sheet(bad);
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 3);
    CHECK(e.problems[0] == bad + ":2: counted must be a whole number >= 0, got '-1'");
    CHECK(e.problems[2] == bad + ":5: part 'CAP' already counted on line 4");
  }
  auto col = write_file("count-col.csv", "part,countd\nCAP,1\n");
  try {
    read_count_sheet(col);
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 2);
    CHECK(e.problems[0] == col + ":1: unknown column 'countd' (did you mean 'counted'?)");
    CHECK(e.problems[1] == col + ":1: missing column 'counted'");
  }
  CHECK_THROWS_AS(read_count_sheet("/nonexistent/sheet.csv"), NoInputError);
}

TEST_CASE("claims: open -> submitted -> accepted | rejected, nothing else") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 3}, who("2026-11-01 10:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 3);
  f.led.consume({"T1", "CAP", "e1", 3}, {0, "t"});
  f.led.give_back({"T1", "CAP", "", 3, true, ""}, who("2026-11-03 09:00"));
  f.led.receive({"MOT", "central", "G2", 1, 100}, who("2026-11-01 09:00"));
  CHECK(refusal([&] { f.led.open_claim({"central", "MOT", "", "", "", 1, {}}, who("2026-11-04 09:00")); })
            .find("part MOT is not claimable") == 0);
  auto id = f.led.open_claim({"central", "CAP", "T1", "", "RMA-1", 2, 2000}, who("2026-11-04 09:00"));
  CHECK(find_claim(*f, id)->supplier == "Acme");
  CHECK(refusal([&] { f.led.open_claim({"central", "CAP", "", "", "", 2, {}}, who("2026-11-04 09:00")); }) ==
        "not enough old parts: 2 old CAP claimed, 'central' holds 3 of which 2 are in open claims");
  CHECK(refusal([&] { f.led.decide_claim(id, true, 100, "", who("2026-11-05 09:00")); }) ==
        "claim #" + std::to_string(id) + " is open: only a submitted claim can be accepted");
  auto m = f.led.submit_claim(id, "", who("2026-11-05 09:00"));
  CHECK(m.kind == MoveKind::Claim);
  CHECK(m.qty == -2);
  CHECK(m.claim_id == id);
  CHECK(m.reference == "RMA-1");
  CHECK(balance(*f, "central", "CAP", "old") == 1);
  CHECK(refusal([&] { f.led.submit_claim(id, "", who("2026-11-05 10:00")); }).find("only an open claim") !=
        std::string::npos);
  CHECK(refusal([&] { f.led.decide_claim(id, false, {}, "", who("2026-11-06 09:00")); }).find("--reason") !=
        std::string::npos);
  f.led.decide_claim(id, true, {}, "", who("2026-11-06 09:00"));  // the amount claimed
  auto c = *find_claim(*f, id);
  CHECK(c.status == "accepted");
  CHECK(*c.accepted_cents == 2000);
  CHECK(refusal([&] { f.led.decide_claim(id, false, {}, "late", who("2026-11-07 09:00")); }).find("is accepted") !=
        std::string::npos);
  auto id2 = f.led.open_claim({"central", "CAP", "", "", "", 1, {}}, who("2026-11-08 09:00"));
  f.led.submit_claim(id2, "RMA-2", who("2026-11-08 10:00"));
  CHECK(refusal([&] { f.led.decide_claim(id2, true, {}, "", who("2026-11-09 09:00")); }).find("--amount") !=
        std::string::npos);
  f.led.decide_claim(id2, false, {}, "misuse", who("2026-11-09 09:00"));
  CHECK(claims(*f, "rejected").size() == 1);
  CHECK(claims(*f, "").size() == 2);
  CHECK(refusal([&] { f.led.decide_claim(99, true, 1, "", who("2026-11-09 09:00")); }) == "no claim #99");
  CHECK_THROWS_AS(claims(*f, "pending"), UsageError);
}

TEST_CASE("the ledger is append-only and balances equal the sum of movements") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  CHECK_THROWS(f.s->db().exec("UPDATE part_movements SET qty = 11"));
  CHECK_THROWS(f.s->db().exec("DELETE FROM part_movements"));
  CHECK_THROWS(f.s->db().exec("UPDATE part_stock SET qty = -1"));
  auto rows = ledger(*f, "CAP", "");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].balance == 10);
  CHECK_THROWS_AS(ledger(*f, "NOPE", ""), NotFound);
  CHECK_THROWS_AS(stock(*f, "NOPE", false), DataError);
}

TEST_CASE("stock lists central for every part and --below-min") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.transfer({"CAP", "central", "SH-01", "", 7}, who("2026-11-01 10:00"));
  auto all = stock(*f, "", false);
  REQUIRE(all.size() == 3);  // central CAP, central MOT, SH-01 CAP
  auto low = stock(*f, "", true);
  REQUIRE(low.size() == 1);  // central CAP: 3 < 5 (MOT has no minimum)
  CHECK(low[0].warehouse == "central");
  CHECK(low[0].qty == 3);
}

TEST_CASE("catalogue: add, update, import all or nothing") {
  TempStore t;
  Part p;
  p.part = "FAN-1", p.name = "Fan";
  add_part(*t, p);
  CHECK_THROWS_AS(add_part(*t, p), DataError);
  p.part = "bad,id";
  CHECK_THROWS_AS(add_part(*t, p), DataError);
  PartUpdate u;
  u.min_stock = 4;
  u.claimable = true;
  update_part(*t, "FAN-1", u);
  CHECK(find_part(*t, "FAN-1")->min_stock == 4);
  CHECK(find_part(*t, "FAN-1")->claimable);
  CHECK_THROWS_AS(update_part(*t, "FAN-2", u), NotFound);

  auto bad = write_file("cat-bad.csv",
                        "part,name,list_price,claimable,min_stock\nA-1,Alpha,1.234,yes,1\nB-1,,2,maybe,-3\nC-1,Gamma,3,no,2\n");
  try {
    import_catalog(*t, bad);
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 4);
    CHECK(e.problems[0] == bad + ":2: list_price must be an amount >= 0 with at most 2 decimals, got '1.234'");
    CHECK(e.problems[1] == bad + ":3: min_stock must be a whole number >= 0, got '-3'");
    CHECK(e.problems[2] == bad + ":3: claimable must be yes or no, got 'maybe'");
    CHECK(e.problems[3] == bad + ":3: name is required");
  }
  CHECK(list_parts(*t).size() == 1);
  auto good = write_file("cat-good.csv", "part,name,spec,unit,supplier,list_price,min_stock,claimable\n"
                                         "FAN-1,,,,,,,\nCAP-2,\"Capacitor, 35µF\",450V,pc,Acme,12.5,10,yes\n");
  auto r = import_catalog(*t, good);
  CHECK(r.read == 2);
  CHECK(r.added == 1);
  CHECK(r.updated == 1);
  CHECK(find_part(*t, "FAN-1")->min_stock == 4);  // empty fields keep their value
  CHECK(find_part(*t, "CAP-2")->name == "Capacitor, 35µF");
  CHECK(*find_part(*t, "CAP-2")->list_cents == 1250);
}

TEST_CASE("reconcile links what matches, lists the rest, and dry-run changes nothing") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 1}, who("2026-11-01 10:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 1);
  add_event(*f, "e2", "2026-11-02 10:00", "T2", "CAP", 1);
  add_event(*f, "e3", "2026-11-02 11:00", "T3", "GHOST", 1);
  auto dry = reconcile(*f, f.p, "t", true);
  CHECK(dry.linked.size() == 1);
  CHECK(dry.unmatched.size() == 2);
  CHECK(reconcile(*f, f.p, "t", true).linked.size() == 1);  // still unlinked
  auto r = reconcile(*f, f.p, "t");
  REQUIRE(r.linked.size() == 1);
  CHECK(r.linked[0].event_id == "e1");
  REQUIRE(r.unmatched.size() == 2);
  CHECK(r.unmatched[0].reason.find("does not match an issue") != std::string::npos);
  CHECK(r.unmatched[1].reason.find("unknown part 'GHOST'") == 0);
  CHECK(reconcile(*f, f.p, "t").linked.empty());
  // costs: T1 at the issue cost, T2 at the average, T3 unknown part at 0
  auto costs = parts_cost_by_ticket(*f);
  CHECK(costs["T1"] == 1000);
  CHECK(costs["T2"] == 1000);
  CHECK(costs["T3"] == 0);
  CHECK(parts_cost_cents(*f) == 2000);
}

TEST_CASE("parts cost with a ticket filter on the tickets table") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 2);
  add_event(*f, "e2", "2026-11-02 09:00", "T2", "CAP", 3);
  f.s->db().exec("INSERT INTO tickets(ticket, outlet, state, last_ts, events) VALUES ('T1', 'SH-01', 'open', 0, 1), "
                 "('T2', 'BJ-01', 'open', 0, 1)");
  CHECK(parts_cost_cents(*f, "t.outlet = ?1", {"SH-01"}) == 2000);
  CHECK(parts_cost_cents(*f, "t.outlet = ?1", {"BJ-01"}) == 3000);
  CHECK(parts_cost_cents(*f) == 5000);
}

TEST_CASE("the [parts] policy section: defaults, values, FILE:LINE problems") {
  Policy d = default_policy();
  CHECK(d.parts.approval_over_cents == 50000);
  CHECK(d.parts.unconsumed_days == 7);
  CHECK(d.parts.old_part_days == 15);
  CHECK(d.parts.claim_days == 60);
  Policy p = load_policy_text("[parts]\nissue_approval_over = 1200.5\nunconsumed_days = 3\nold_part_days = 10\n"
                              "claim_days = 30\n",
                              "p.toml");
  CHECK(p.parts.approval_over_cents == 120050);
  CHECK(p.parts.unconsumed_days == 3);
  CHECK(p.parts.old_part_days == 10);
  CHECK(p.parts.claim_days == 30);
  CHECK(p.origins["parts.claim_days"] == "p.toml:5");
  auto probs = check_policy_text("[parts]\nissue_approval_over = 1.234\nunconsumed_days = 0\nold_part_days = 2.5\n"
                                 "claim_dayz = 3\n",
                                 "p.toml");
  REQUIRE(probs.size() == 4);
  CHECK(probs[0] == "p.toml:5: unknown key 'parts.claim_dayz' (did you mean 'parts.claim_days'?)");
  CHECK(probs[1] == "p.toml:2: parts.issue_approval_over must be an amount >= 0 with at most 2 decimals, got 1.234");
  CHECK(probs[2] == "p.toml:3: parts.unconsumed_days must be a whole number of days from 1 to 3650");
  CHECK(probs[3] == "p.toml:4: parts.old_part_days must be a whole number of days from 1 to 3650");
  auto toml = policy_to_toml(p, false);
  CHECK(toml.find("[parts]\nissue_approval_over = 1200.50\nunconsumed_days = 3\nold_part_days = 10\nclaim_days = 30\n") !=
        std::string::npos);
  // the printed policy reads back to the same values
  Policy back = load_policy_text(toml, "back.toml");
  CHECK(back.parts.approval_over_cents == 120050);
  CHECK(back.parts.claim_days == 30);
}

TEST_CASE("a write inside a write is one transaction: an inner failure undoes only the inner part") {
  Fixture f;
  open_ticket(*f, "T1");
  f.s->write([&] {
    f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
    CHECK_THROWS_AS(f.led.issue({"T1", "CAP", "central", "", "", 11}, who("2026-11-02 09:00")), DataError);
    f.led.issue({"T1", "CAP", "central", "", "", 1}, who("2026-11-02 09:00"));
  });
  CHECK(balance(*f, "central", "CAP") == 9);
  struct Abort {};
  try {
    f.s->write([&] {
      f.led.receive({"CAP", "central", "G2", 5, 1000}, who("2026-11-03 09:00"));
      throw Abort{};
    });
  } catch (const Abort&) {
  }
  CHECK(balance(*f, "central", "CAP") == 9);  // the outer rollback undoes the inner write
  CHECK(ledger(*f, "CAP", "").size() == 2);
}

// ---- corrections by reversal (issue 14, docs/parts.md "Correcting the ledger") ----

namespace {
std::string not_found(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const NoInputError& e) {
    return e.what();
  }
  return "(not refused with 66)";
}
// The audit's bookkeeping checks replay the ledger: a reversal must leave no mismatch.
std::vector<std::string> bookkeeping(Fixture& f) {
  std::vector<std::string> out;
  for (const auto& x : audit_parts(*f, f.p, at("2030-01-01 00:00")))
    if (x.check == PartsCheck::BalanceMismatch || x.check == PartsCheck::ValuationMismatch) out.push_back(x.detail);
  return out;
}
std::int64_t avg_now(Fixture& f, const std::string& part) {
  for (const auto& r : stock(*f, "central", false))
    if (r.part == part) return r.avg_cents;
  return -1;
}
}  // namespace

TEST_CASE("reversing a receipt takes its quantity and cost out of the average") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto g2 = f.led.receive({"CAP", "central", "G2", 6, 1155}, who("2026-11-02 09:00"));
  CHECK(g2.avg_cents == 1058);  // (100.00 + 69.30) / 16 = 10.58125
  auto r = f.led.reverse(g2.id, "entered at the wrong price", who("2026-11-02 10:00"));
  REQUIRE(r.size() == 1);
  CHECK(r[0].kind == MoveKind::Receive);
  CHECK(r[0].reverses == g2.id);
  CHECK(r[0].qty == -6);
  CHECK(r[0].unit_cents == 1155);
  CHECK(r[0].value_cents == -6930);
  CHECK(r[0].user == "tester");
  CHECK(r[0].reason == "entered at the wrong price");
  CHECK(r[0].ts == at("2026-11-02 10:00"));
  // (16 x 10.58 - 69.30) / 10 = 9.998 -> 10.00: back to the average before it
  CHECK(r[0].avg_cents == 1000);
  CHECK(avg_now(f, "CAP") == 1000);
  CHECK(balance(*f, "central", "CAP") == 10);
  // the same receipt number can be entered again, correctly
  auto again = f.led.receive({"CAP", "central", "G2", 6, 1150}, who("2026-11-02 11:00"));
  CHECK(again.avg_cents == 1056);  // (100.00 + 69.00) / 16 = 10.5625
  // the ledger shows both ends of the correction
  auto rows = ledger(*f, "CAP", "");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].reversed_by == r[0].id);
  CHECK(rows[2].m.reverses == g2.id);
  CHECK(rows[2].balance == 10);
  CHECK(rows[3].reversed_by == 0);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversal refusals: a reversal, twice, no reason, before the movement, unknown id") {
  Fixture f;
  open_ticket(*f, "T1");
  auto g1 = f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  CHECK(refusal([&] { f.led.reverse(g1.id, "", who("2026-11-02 09:00")); }) ==
        "reversing movement #1 needs a reason (--reason)");
  CHECK(refusal([&] { f.led.reverse(g1.id, "x", who("2026-10-31 09:00")); }).find("a reversal comes after what it "
                                                                                 "reverses") != std::string::npos);
  auto r = f.led.reverse(g1.id, "duplicate delivery note", who("2026-11-02 09:00"));
  CHECK(refusal([&] { f.led.reverse(g1.id, "again", who("2026-11-02 10:00")); }) ==
        "movement #1 was already reversed by #2");
  CHECK(refusal([&] { f.led.reverse(r[0].id, "undo", who("2026-11-02 10:00")); }) ==
        "movement #2 is the reversal of #1: a reversal cannot be reversed (record the movement again instead)");
  CHECK(not_found([&] { f.led.reverse(99, "x", who("2026-11-02 10:00")); }) ==
        "no movement #99 in the parts ledger (movements are numbered 1 to 2; see 'svc parts ledger --part P')");
  CHECK(ledger(*f, "CAP", "").size() == 2);  // nothing written by the refusals
  // the store refuses it too, whatever the caller
  CHECK_THROWS(SQLite::Statement(f.s->db(), "INSERT INTO part_movements(ts, kind, warehouse, part, book, qty, "
                                            "unit_cents, value_cents, avg_cents, user, reverses) VALUES "
                                            "(1, 'receive', 'central', 'CAP', 'new', 10, 1000, 10000, 0, 'x', 1)")
                   .exec());
  CHECK_THROWS(SQLite::Statement(f.s->db(), "INSERT INTO part_movements(ts, kind, warehouse, part, book, qty, "
                                            "unit_cents, value_cents, avg_cents, user, reverses) VALUES "
                                            "(1, 'receive', 'central', 'CAP', 'new', 10, 1000, 10000, 0, 'x', 2)")
                   .exec());
}

TEST_CASE("a receipt reversal that would make a balance negative is refused; one that empties the books restores the "
          "average before it") {
  Fixture f;
  open_ticket(*f, "T1");
  auto g1 = f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.transfer({"CAP", "central", "SH-01", "", 8}, who("2026-11-01 10:00"));
  CHECK(refusal([&] { f.led.reverse(g1.id, "x", who("2026-11-02 09:00")); }) ==
        "reversing receive #1 takes 10 new CAP out of 'central', the balance is 2: the parts have moved on since "
        "(reverse or record those movements first)");
  CHECK(balance(*f, "central", "CAP") == 2);

  f.led.issue({"T1", "CAP", "central", "", "", 2}, who("2026-11-02 09:00"));
  f.led.issue({"T1", "CAP", "SH-01", "", "", 8}, who("2026-11-02 09:00"));
  // nothing on hand; a receipt typed at 120.00 instead of 12.00 sets the average to 120.00 ...
  auto typo = f.led.receive({"CAP", "central", "G2", 5, 12000}, who("2026-11-03 09:00"));
  CHECK(typo.avg_cents == 12000);
  // ... and its reversal leaves no unit: the average is the one before it, 10.00
  auto r = f.led.reverse(typo.id, "typed 120.00 for 12.00", who("2026-11-03 10:00"));
  CHECK(r[0].avg_cents == 1000);
  CHECK(avg_now(f, "CAP") == 1000);
  auto ok = f.led.receive({"CAP", "central", "G2", 5, 1200}, who("2026-11-03 11:00"));
  CHECK(ok.avg_cents == 1200);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing a receipt after parts left at the old average: value-based, documented rounding") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto g2 = f.led.receive({"CAP", "central", "G2", 6, 1155}, who("2026-11-01 10:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 5}, who("2026-11-01 11:00"));  // 5 x 10.58 out
  auto r = f.led.reverse(g2.id, "wrong part delivered", who("2026-11-02 09:00"));
  // (11 x 10.58 - 69.30) / 5 = 9.416 -> 9.42
  CHECK(r[0].avg_cents == 942);
  CHECK(balance(*f, "central", "CAP") == 5);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing an issue puts the parts back at their issue cost and re-averages") {
  Fixture f;
  open_ticket(*f, "T1");
  open_ticket(*f, "T2");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.receive({"CAP", "central", "G2", 10, 2000}, who("2026-11-01 10:00"));  // 15.00
  auto iss = f.led.issue({"T1", "CAP", "central", "RQ1", "", 4}, who("2026-11-02 09:00"));
  CHECK(iss.value_cents == -6000);
  f.led.receive({"CAP", "central", "G3", 4, 3000}, who("2026-11-02 10:00"));  // (240 + 120) / 20 = 18.00
  add_event(*f, "e1", "2026-11-02 11:00", "T1", "CAP", 1);
  auto r = f.led.reverse(iss.id, "issued to the wrong ticket", who("2026-11-03 09:00"));
  REQUIRE(r.size() == 1);
  CHECK(r[0].qty == 4);
  CHECK(r[0].value_cents == 6000);
  CHECK(r[0].ticket == "T1");
  CHECK(r[0].avg_cents == 1750);  // (20 x 18.00 + 60.00) / 24
  CHECK(balance(*f, "central", "CAP") == 24);
  // the ticket holds nothing now, even for an event before the reversal
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e1", 1}, {0, "t"}); }).find("does not match an issue: 0 issued") !=
        std::string::npos);
  CHECK(bookkeeping(f).empty());

  // an issue whose parts were fitted: reverse the consume first
  auto i2 = f.led.issue({"T2", "CAP", "central", "", "", 3}, who("2026-11-04 09:00"));
  add_event(*f, "e2", "2026-11-04 10:00", "T2", "CAP", 2);
  auto c2 = f.led.consume({"T2", "CAP", "e2", 2}, {0, "t"});
  CHECK(refusal([&] { f.led.reverse(i2.id, "x", who("2026-11-05 09:00")); }) ==
        "issue #" + std::to_string(i2.id) + " gave 3 x CAP to ticket T2, of which 1 are still out (issued 3, fitted "
        "2, returned 0): reverse the consume or return movements first");
  f.led.reverse(c2.id, "part_used recorded on the wrong ticket", who("2026-11-05 09:00"));
  f.led.reverse(i2.id, "issued to the wrong ticket", who("2026-11-05 09:00"));
  CHECK(balance(*f, "central", "CAP") == 24);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing a transfer reverses both halves, whichever id is given") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto [out, in] = f.led.transfer({"CAP", "central", "SH-01", "TN-1", 6}, who("2026-11-01 10:00"));
  auto r = f.led.reverse(in.id, "sent to the wrong outlet", who("2026-11-02 09:00"));
  REQUIRE(r.size() == 2);
  CHECK(r[0].warehouse == "SH-01");
  CHECK(r[0].qty == -6);
  CHECK(r[0].reverses == in.id);
  CHECK(r[1].warehouse == "central");
  CHECK(r[1].qty == 6);
  CHECK(r[1].reverses == out.id);
  CHECK(r[1].pair_id == r[0].id);
  CHECK(balance(*f, "central", "CAP") == 10);
  CHECK(balance(*f, "SH-01", "CAP") == 0);
  CHECK(refusal([&] { f.led.reverse(out.id, "x", who("2026-11-02 10:00")); }) ==
        "movement #" + std::to_string(out.id) + " was already reversed by #" + std::to_string(r[1].id));
  auto [o2, i2] = f.led.transfer({"CAP", "central", "SH-01", "TN-2", 4}, who("2026-11-03 09:00"));
  f.led.issue({"T1", "CAP", "SH-01", "", "", 3}, who("2026-11-03 10:00"));
  CHECK(refusal([&] { f.led.reverse(o2.id, "x", who("2026-11-03 11:00")); })
            .find("takes 4 new CAP out of 'SH-01', the balance is 1") != std::string::npos);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing returns, scraps, stock-take variances and a rejected claim") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 4}, who("2026-11-01 10:00"));
  f.led.receive({"CAP", "central", "G2", 6, 1600}, who("2026-11-01 11:00"));  // (60 + 96) / 12 = 13.00
  auto rn = f.led.give_back({"T1", "CAP", "", 1, false, ""}, who("2026-11-02 09:00"));
  CHECK(rn.avg_cents == 1277);  // (156.00 + 10.00) / 13 = 12.769
  auto r1 = f.led.reverse(rn.id, "the part was not returned after all", who("2026-11-02 10:00"));
  CHECK(r1[0].qty == -1);
  CHECK(r1[0].value_cents == -1000);
  CHECK(r1[0].avg_cents == 1300);  // (13 x 12.77 - 10.00) / 12 = 13.0008
  CHECK(balance(*f, "central", "CAP") == 12);

  add_event(*f, "e1", "2026-11-02 11:00", "T1", "CAP", 3);
  f.led.consume({"T1", "CAP", "e1", 3}, {0, "t"});
  auto ro = f.led.give_back({"T1", "CAP", "", 2, true, ""}, who("2026-11-03 09:00"));
  auto r2 = f.led.reverse(ro.id, "old parts belonged to T9", who("2026-11-03 10:00"));
  CHECK(r2[0].book == "old");
  CHECK(r2[0].qty == -2);
  CHECK(balance(*f, "central", "CAP", "old") == 0);

  auto sc = f.led.scrap({"central", "CAP", "broken", 2, false}, who("2026-11-04 09:00"));
  CHECK(sc.value_cents == -2600);
  auto r3 = f.led.reverse(sc.id, "found intact", who("2026-11-04 10:00"));
  CHECK(r3[0].qty == 2);
  CHECK(r3[0].value_cents == 2600);
  CHECK(r3[0].avg_cents == 1300);
  CHECK(balance(*f, "central", "CAP") == 12);

  auto cnt = f.led.count("central", {{"CAP", 9, "shrinkage", 2}}, who("2026-11-05 09:00"), "sheet.csv");
  REQUIRE(cnt[0].movement_id != 0);
  auto r4 = f.led.reverse(cnt[0].movement_id, "three were in the returns bin", who("2026-11-05 10:00"));
  CHECK(r4[0].kind == MoveKind::Count);
  CHECK(r4[0].qty == 3);
  CHECK(balance(*f, "central", "CAP") == 12);

  // a claim movement: only when the supplier rejected the claim and sent the parts back
  f.led.give_back({"T1", "CAP", "", 2, true, ""}, who("2026-11-06 09:00"));
  auto cl = f.led.open_claim({"central", "CAP", "T1", "", "", 2, 2000}, who("2026-11-06 10:00"));
  auto sub = f.led.submit_claim(cl, "RMA-1", who("2026-11-06 11:00"));
  CHECK(refusal([&] { f.led.reverse(sub.id, "x", who("2026-11-06 12:00")); }).find("only the movement of a rejected "
                                                                                  "claim") != std::string::npos);
  f.led.decide_claim(cl, false, {}, "outside warranty", who("2026-11-07 09:00"));
  auto r5 = f.led.reverse(sub.id, "supplier sent the parts back", who("2026-11-08 09:00"));
  CHECK(r5[0].qty == 2);
  CHECK(r5[0].claim_id == cl);
  CHECK(balance(*f, "central", "CAP", "old") == 2);
  f.led.scrap({"central", "CAP", "not claimable after all", 2, true}, who("2026-11-08 10:00"));
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reverse_consumption_for_event: inside the caller's transaction, once, nothing when never linked") {
  Fixture f;
  open_ticket(*f, "T1");
  open_ticket(*f, "T3");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 3}, who("2026-11-01 10:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 2);
  add_event(*f, "e2", "2026-11-02 10:00", "T1", "CAP", 1);
  auto c1 = f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"});
  CHECK(parts_cost_cents(*f) == 2000 + 1000);  // e2 not linked: at the average

  // the lead's void: one transaction with the caller's own writes
  struct Abort {};
  try {
    f.s->write([&] {
      auto r = reverse_consumption_for_event(*f, "e1", "event voided", "lead", at("2026-11-03 09:00"));
      CHECK(r.size() == 1);
      throw Abort{};  // the caller's transaction fails: the reversal goes with it
    });
  } catch (const Abort&) {
  }
  CHECK(ledger(*f, "CAP", "").size() == 3);

  std::vector<Movement> r;
  f.s->write([&] { r = reverse_consumption_for_event(*f, "e1", "event voided", "lead", at("2026-11-03 09:00")); });
  REQUIRE(r.size() == 1);
  CHECK(r[0].kind == MoveKind::Consume);
  CHECK(r[0].reverses == c1.id);
  CHECK(r[0].qty == 2);
  CHECK(r[0].value_cents == 2000);
  CHECK(r[0].user == "lead");
  CHECK(r[0].reason == "event voided");
  CHECK(r[0].event_id.empty());
  CHECK(parts_cost_cents(*f) == 1000);  // e1 costs nothing now; e2 still at the average
  // again: nothing to do; an event never linked: nothing to do
  CHECK(reverse_consumption_for_event(*f, "e1", "again", "lead", at("2026-11-03 10:00")).empty());
  CHECK(reverse_consumption_for_event(*f, "e2", "never linked", "lead", at("2026-11-03 10:00")).empty());
  CHECK(reverse_consumption_for_event(*f, "nope", "unknown", "lead", at("2026-11-03 10:00")).empty());
  // the event stays accounted for: neither --event nor reconcile links it again
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"}); }) ==
        "event 'e1' is already recorded as consume movement #" + std::to_string(c1.id) + ", reversed by #" +
            std::to_string(r[0].id) + ": the event stays accounted for; record the fitting again as a new part_used "
            "(svc parts consume without --event)");
  auto rec = reconcile(*f, f.p, "t", true);
  REQUIRE(rec.linked.size() == 1);
  CHECK(rec.linked[0].event_id == "e2");
  // the 2 parts are outstanding on the ticket again: e2 (1) can take one of them
  CHECK(f.led.consume({"T1", "CAP", "e2", 1}, {0, "t"}).value_cents == -1000);

  // old parts back for the fitting: the void must undo that first
  f.led.issue({"T3", "CAP", "central", "", "", 1}, who("2026-11-04 09:00"));
  add_event(*f, "e3", "2026-11-04 10:00", "T3", "CAP", 1);
  f.led.consume({"T3", "CAP", "e3", 1}, {0, "t"});
  auto ro = f.led.give_back({"T3", "CAP", "", 1, true, ""}, who("2026-11-04 11:00"));
  CHECK(refusal([&] { reverse_consumption_for_event(*f, "e3", "void", "lead", at("2026-11-05 09:00")); })
            .find("reverse the return-old movement first") != std::string::npos);
  CHECK(refusal([&] { reverse_consumption_for_event(*f, "e3", "", "lead", at("2026-11-05 09:00")); })
            .find("needs a reason") != std::string::npos);
  f.led.reverse(ro.id, "old part was T1's", who("2026-11-05 09:00"));
  CHECK(reverse_consumption_for_event(*f, "e3", "void", "lead", at("2026-11-05 10:00")).size() == 1);
  CHECK(bookkeeping(f).empty());
}
