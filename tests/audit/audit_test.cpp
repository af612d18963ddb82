// The SLA store view (lib/audit/audit.cpp): one pass over the tickets
// projection evaluates like evaluate_ticket, every event kind survives the
// scan. The audits themselves are in tests/audit/audit_{sla,sla_output,integrity}_test.cpp.
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
