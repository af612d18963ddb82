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

TEST_CASE("audit sla: the streamed listing is the one built ticket by ticket, over many id ranges and thread counts") {
  // More tickets than one range (1024) holds, with ids of mixed lengths and
  // prefixes (byte order is not number order), some created after as_of, two
  // outlets; the listing must equal the one evaluate_ticket gives ticket by
  // ticket in id order (--all) or most overdue first (the default), whatever
  // the number of worker threads.
  svc::test::TempStore ts;
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  std::mt19937 rng(3);
  const EventKind kinds[] = {EventKind::Responded, EventKind::Dispatched, EventKind::Arrived, EventKind::Completed,
                             EventKind::Paused,    EventKind::Resumed,    EventKind::Closed,  EventKind::FollowedUp};
  const char* prefixes[] = {"T", "T-", "a", "T0"};
  std::vector<Event> log;
  std::vector<std::string> ids;
  const Instant base = at("2026-11-02 08:00", p.tz);
  for (int i = 0; i < 2300; ++i) {
    std::string id = fmt::format("{}{}", prefixes[rng() % 4], i);
    ids.push_back(id);
    Event cr = created("2026-11-02 08:00", id.c_str(),
                       {{Field::Urgency, rng() % 4 == 0 ? "urgent" : "normal"},
                        {Field::Outlet, rng() % 3 == 0 ? "BJ-02" : "SH-01"}});
    cr.ts = base + Instant(rng() % (16 * 24)) * 3600 * kMicrosPerSecond;
    log.push_back(cr);
    for (int k = 0, n = int(rng() % 6); k < n; ++k) {
      Event e;
      e.ticket = id;
      e.kind = kinds[rng() % 8];
      e.ts = cr.ts + Instant(rng() % (72 * 60)) * 60 * kMicrosPerSecond;
      if (e.kind == EventKind::Dispatched) e.at(Field::Engineer) = fmt::format("E-{}", rng() % 4);
      if (e.kind == EventKind::FollowedUp) e.at(Field::Satisfaction) = "4";
      e.id = fmt::format("{}-{}", id, k);
      log.push_back(e);
    }
  }
  std::shuffle(log.begin(), log.end(), rng);
  ts.add(log);
  std::sort(ids.begin(), ids.end());
  const Instant as_of = at("2026-11-12 12:00", p.tz);

  // the reference, ticket by ticket
  std::string all_json, flagged_json, all_csv, sh_json;
  std::vector<std::pair<Instant, std::string>> flagged;
  std::map<std::string, std::string> rendered;
  int created_count = 0;
  for (const auto& id : ids) {
    TicketSla t = evaluate_ticket(ts.store->ticket_events(id), p, cal, as_of, false);
    if (!t.created) continue;
    ++created_count;
    std::string one;
    append_sla_json(one, t, p.tz);
    rendered[id] = one;
    all_json += (all_json.empty() ? "" : ",") + one;
    if (t.outlet == "SH-01") sh_json += (sh_json.empty() ? "" : ",") + one;
    auto row = sla_row(t, p.tz, Format::Csv);
    for (std::size_t k = 0; k < row.size(); ++k) all_csv += (k ? "," : "") + csv_field(row[k]);
    all_csv += "\r\n";
    if (t.any(TargetStatus::Breached) || t.at_risk()) flagged.emplace_back(t.max_overdue(), id);
  }
  std::sort(flagged.begin(), flagged.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (const auto& [overdue, id] : flagged) flagged_json += (flagged_json.empty() ? "" : ",") + rendered[id];
  REQUIRE(created_count > 1200);  // more than one range of 1024
  REQUIRE(created_count < 2300);  // some are created after as_of
  REQUIRE(flagged.size() > 50);
  const std::string head = R"({"as_of":"2026-11-12T12:00:00+08:00","tickets":[)";
  std::ostringstream csv_head;
  write_csv_row(csv_head, sla_columns(Format::Csv));

  for (const char* threads : {"1", "2", "3"}) {
    CAPTURE(threads);
    ::setenv("SVC_THREADS", threads, 1);
    auto run = [&](bool all, Format f, const std::string& outlet, SlaCounts* counts = nullptr) {
      SlaAuditOptions o;
      o.as_of = as_of;
      o.all = all;
      o.format = f;
      o.filter.outlet = outlet;
      std::ostringstream os;
      SlaCounts c = audit_sla(*ts.store, p, o, os);
      if (counts) *counts = c;
      return os.str();
    };
    SlaCounts c;
    CHECK(run(true, Format::Json, "", &c) == head + all_json + "]}\n");
    CHECK(c.tickets == created_count);
    CHECK(c.listed == created_count);
    CHECK(run(false, Format::Json, "", &c) == head + flagged_json + "]}\n");
    CHECK(c.tickets == created_count);
    CHECK(c.listed == std::int64_t(flagged.size()));
    CHECK(run(true, Format::Csv, "") == csv_head.str() + all_csv);
    CHECK(run(true, Format::Json, "SH-01") == head + sh_json + "]}\n");
    CHECK(run(true, Format::Json, "NONE") == head + "]}\n");
    // tables: written in two passes (widths, then lines), as write_table writes the whole
    for (bool all : {true, false}) {
      CAPTURE(all);
      Table tab;
      tab.headers = sla_columns(Format::Table);
      tab.align.assign(tab.headers.size(), Align::Left);
      tab.align[9] = Align::Right;
      if (all) {
        for (const auto& id : ids)
          if (rendered.count(id)) tab.add(sla_row(evaluate_ticket(ts.store->ticket_events(id), p, cal, as_of, false), p.tz, Format::Table));
      } else {
        for (const auto& [overdue, id] : flagged)
          tab.add(sla_row(evaluate_ticket(ts.store->ticket_events(id), p, cal, as_of, false), p.tz, Format::Table));
      }
      std::string got = run(all, Format::Table, "", &c);
      std::ostringstream want;
      write_table(want, tab);
      want << c.line(as_of, p.tz) << "\n";
      CHECK(got == want.str());
      CHECK(c.listed == std::int64_t(tab.rows.size()));
    }
    std::ostringstream none;
    none << run(true, Format::Table, "NONE", &c);
    CHECK(none.str() == c.line(as_of, p.tz) + "\n");  // no rows: no head either
  }
  ::unsetenv("SVC_THREADS");
}
