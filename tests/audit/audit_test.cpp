#include "audit.hpp"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <sstream>

#include "error.hpp"
#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;

namespace {
std::vector<Event> worked_example() {
  return {created("2026-11-06 16:00", "T1"), ev("2026-11-09 09:00", "T1", EventKind::Responded),
          ev("2026-11-09 10:00", "T1", EventKind::Paused), ev("2026-11-09 14:00", "T1", EventKind::Resumed)};
}
}  // namespace

TEST_CASE("audit sla: the store view evaluates like evaluate_ticket, on random tickets") {
  svc::test::TempStore ts;
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  std::mt19937 rng(7);
  const EventKind kinds[] = {EventKind::Responded, EventKind::Dispatched, EventKind::Arrived, EventKind::Completed,
                             EventKind::Rejected,  EventKind::Reopened,   EventKind::FollowedUp, EventKind::Paused,
                             EventKind::Resumed,   EventKind::Cancelled,  EventKind::Closed,   EventKind::Signed};
  std::vector<std::vector<Event>> tickets;
  std::vector<Event> log;
  Instant base = at("2026-11-02 08:00", p.tz);
  for (int t = 0; t < 200; ++t) {
    std::string id = fmt::format("R{:03}", t);
    Instant c = base + Instant(rng() % (20 * 24)) * 3600 * kMicrosPerSecond;
    Event cr = created("2026-11-02 08:00", id.c_str(),
                       {{Field::Urgency, rng() % 4 == 0 ? "urgent" : "normal"},
                        {Field::Type, rng() % 5 == 0 ? "consultation" : "repair"},
                        {Field::DistanceKm, rng() % 6 == 0 ? "150" : "12"}});
    cr.ts = c;
    std::vector<Event> evs = {cr};
    int n = int(rng() % 10);
    for (int k = 0; k < n; ++k) {
      Event e;
      e.ticket = id;
      e.kind = kinds[rng() % 12];
      e.ts = c + Instant(rng() % (96 * 60)) * 60 * kMicrosPerSecond;
      if (e.kind == EventKind::Dispatched) e.at(Field::Engineer) = fmt::format("E-{}", rng() % 5);
      if (e.kind == EventKind::FollowedUp) e.at(Field::Satisfaction) = "4";
      if (e.kind == EventKind::Signed && rng() % 3 == 0) {  // some fees, approved or not
        e.kind = EventKind::Fee;
        e.at(Field::Amount) = "10.00";
        e.at(Field::Approved) = rng() % 2 ? "yes" : "no";
      }
      e.id = fmt::format("{}-{}", id, k);
      evs.push_back(e);
    }
    for (auto& e : evs) log.push_back(e);
    tickets.push_back(evs);
  }
  // store in an interleaved order: seq order differs from log order
  std::shuffle(log.begin(), log.end(), rng);
  ts.add(log);
  Instant as_of = at("2026-11-15 12:00", p.tz);
  SlaStoreView view(*ts.store, as_of);
  std::map<std::string, std::size_t> idx;
  for (std::size_t i = 0; i < view.size(); ++i) idx[std::string(view.ticket(i))] = i;
  int compared = 0;
  for (auto& evs : tickets) {
    // log order: ts, then seq
    auto stored = ts.store->ticket_events(evs[0].ticket);
    auto want = evaluate_ticket(stored, p, cal, as_of);
    if (!want.created) {
      CHECK(idx.count(evs[0].ticket) == 0);
      continue;
    }
    REQUIRE(idx.count(evs[0].ticket) == 1);
    auto got = view.evaluate(idx[evs[0].ticket], p, cal);
    CHECK(got.status == want.status);
    CHECK(got.rule == want.rule);
    CHECK(got.engineer == want.engineer);
    REQUIRE(got.targets.size() == want.targets.size());
    for (size_t k = 0; k < got.targets.size(); ++k) {
      CHECK(got.targets[k].status == want.targets[k].status);
      CHECK(got.targets[k].elapsed == want.targets[k].elapsed);
      CHECK(got.targets[k].due == want.targets[k].due);
    }
    ++compared;
  }
  CHECK(compared > 100);

  // integrity: the audit's prefilter loses no finding
  std::size_t want_findings = 0;
  for (auto& evs : tickets) {
    auto stored = ts.store->ticket_events(evs[0].ticket);
    if (evaluate_ticket(stored, p, cal, as_of).created) want_findings += integrity_findings(stored, as_of).size();
  }
  IntegrityOptions io;
  io.as_of = as_of;
  io.format = Format::Csv;
  std::ostringstream os;
  CHECK(audit_integrity(*ts.store, p, io, os) == std::int64_t(want_findings));
  CHECK(want_findings > 10);
}

TEST_CASE("audit sla: JSON listing of the worked example, filters, --ticket") {
  svc::test::TempStore ts;
  ts.add(worked_example());
  ts.add({created("2026-11-09 15:00", "T2", {{Field::Outlet, "BJ-02"}, {Field::Region, "华北"}})});
  Policy p = default_policy();
  SlaAuditOptions o;
  o.as_of = at("2026-11-09 16:00", p.tz);
  o.format = Format::Json;
  std::ostringstream os;
  auto c = audit_sla(*ts.store, p, o, os);
  CHECK(os.str().rfind(R"({"as_of":"2026-11-09T16:00:00+08:00","tickets":[{"ticket":"T1","outlet":"SH-01")", 0) == 0);
  CHECK(os.str().find("T2") == std::string::npos);  // nothing breached or at risk
  CHECK(c.tickets == 2);
  CHECK(c.late == 1);
  CHECK(c.open == 1);
  CHECK(c.breached == 1);
  CHECK(c.listed == 1);
  CHECK(c.fails(FailOn::Breach));
  o.all = true;
  os.str("");
  audit_sla(*ts.store, p, o, os);
  CHECK(os.str().find(R"({"ticket":"T2","outlet":"BJ-02","region":"华北","rule":"standard","status":"open")") !=
        std::string::npos);
  o.filter.region = "华北";
  os.str("");
  c = audit_sla(*ts.store, p, o, os);
  CHECK(c.tickets == 1);
  CHECK_FALSE(c.fails(FailOn::AtRisk));
  o.filter = {};
  o.filter.from = parse_date("2026-11-07");
  os.str("");
  c = audit_sla(*ts.store, p, o, os);
  CHECK(c.tickets == 1);
  o.filter = {};
  o.ticket = "T1";
  o.format = Format::Table;
  os.str("");
  audit_sla(*ts.store, p, o, os);
  CHECK(os.str().find("rule      remote does not apply: distance_km 12 is not over 100") != std::string::npos);
  CHECK(os.str().find("rule      standard applies: no conditions (matches every ticket)") != std::string::npos);
  CHECK(os.str().find("paused    2026-11-09 10:00 - 2026-11-09 14:00") != std::string::npos);
  o.ticket = "NOPE";
  CHECK_THROWS_AS(audit_sla(*ts.store, p, o, os), NoInputError);
}

TEST_CASE("format_hm") {
  CHECK(format_hm(0) == "0m");
  CHECK(format_hm(41 * 3600 * kMicrosPerSecond) == "41h00m");
  CHECK(format_hm((90 * 60 + 5) * kMicrosPerSecond) == "1h30m05s");
}

TEST_CASE("audit sla: every event kind survives the store scan") {
  // the scan reads kinds with its own fast parser: each one must come back as written
  svc::test::TempStore ts;
  std::vector<Event> evs = {created("2026-11-09 08:00", "K1")};
  for (int k = 1; k < kEventKindCount; ++k) {
    Event e;
    e.ticket = "K1";
    e.kind = static_cast<EventKind>(k);
    e.ts = evs.back().ts + 60 * kMicrosPerSecond;
    e.id = fmt::format("K1-{}", k);
    evs.push_back(e);
  }
  ts.add(evs);
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  Instant as_of = at("2026-11-10 12:00", p.tz);
  SlaStoreView view(*ts.store, as_of);
  REQUIRE(view.size() == 1);
  CHECK(view.events(0) == std::size_t(kEventKindCount - 1));  // a voided event counts for nothing
  auto got = view.evaluate(0, p, cal);
  auto want = evaluate_ticket(evs, p, cal, as_of);
  CHECK(got.status == want.status);
  CHECK(got.cancelled);
  REQUIRE(got.targets.size() == want.targets.size());
  for (size_t k = 0; k < got.targets.size(); ++k) CHECK(got.targets[k].status == want.targets[k].status);
}
