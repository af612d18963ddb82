// What the reports read from the store (lib/reports/report_data.cpp): the facts
// of the tickets created in a window as of an instant, repeat repairs across
// periods, catalogue prices, and the reports built on them.
#include "report_data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>

#include "reports.hpp"
#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;

namespace {

const TimeZone& tz() { return svc::test::shanghai(); }

// T0 (October, unit SN-1, completed, never dispatched); T1 the spec's worked example (late);
// T2 a repair of SN-1 completed Nov 10; T3 a repair of SN-1 on Nov 20 (a
// repeat of T2); T5 signed before completion (a finding); T9 in December.
void fill(svc::test::TempStore& ts) {
  ts.add({created("2026-10-20 09:00", "T0", {{Field::Serial, "SN-1"}}),
          ev("2026-10-20 15:00", "T0", EventKind::Completed)});
  ts.add({created("2026-11-06 16:00", "T1"), ev("2026-11-09 09:00", "T1", EventKind::Responded)});
  ts.add({created("2026-11-10 08:00", "T2", {{Field::Serial, "SN-1"}}),
          ev("2026-11-10 09:00", "T2", EventKind::Dispatched, {{Field::Engineer, "E-1"}}),
          ev("2026-11-10 12:00", "T2", EventKind::Completed)});
  ts.add({created("2026-11-20 08:00", "T3", {{Field::Serial, "SN-1"}})});
  ts.add({created("2026-11-21 08:00", "T5"), ev("2026-11-21 09:00", "T5", EventKind::Signed)});
  ts.add({created("2026-12-01 08:00", "T9")});
}

}  // namespace

TEST_CASE("load_facts: the tickets created in [from, to) by as_of, in id order, with SLA, findings and repeats") {
  svc::test::TempStore ts;
  fill(ts);
  Policy p = default_policy();
  Instant from = at("2026-11-01 00:00", tz()), to = at("2026-12-01 00:00", tz());
  std::vector<std::string> ids;
  std::map<std::string, ReportTicket> by;
  for (const ReportTicket& t : load_facts(*ts.store, p, from, to, at("2026-11-25 00:00", tz()))) {
    ids.push_back(t.ticket);
    by[t.ticket] = t;
  }
  CHECK(ids == std::vector<std::string>{"T1", "T2", "T3", "T5"});  // not T0 (October), not T9 (December)
  CHECK(by["T1"].status == TicketStatus::Late);
  CHECK(by["T1"].breached_targets == 3);  // response, arrival, resolution (due 11-11 16:00 without the pause)
  CHECK(by["T2"].engineer == std::optional<std::string>("E-1"));
  CHECK(by["T5"].findings == 1);
  CHECK(by["T1"].findings == 0);
  CHECK(by["T3"].repeat_repair);
  CHECK(by["T3"].repeat_of == "T2");
  CHECK(by["T3"].repeat_prev_engineer == std::optional<std::string>("E-1"));
  CHECK(by["T2"].repeat_repair);  // of T0, completed in October, 21 days before: the earlier ticket may be of any period
  CHECK(by["T2"].repeat_of == "T0");
  CHECK_FALSE(by["T1"].repeat_repair);  // no serial
}

TEST_CASE("load_facts: as_of before a creation leaves the ticket out; an empty window reads nothing") {
  svc::test::TempStore ts;
  fill(ts);
  Policy p = default_policy();
  Instant from = at("2026-11-01 00:00", tz()), to = at("2026-12-01 00:00", tz());
  std::vector<std::string> ids;
  for (const ReportTicket& t : load_facts(*ts.store, p, from, to, at("2026-11-15 00:00", tz()))) ids.push_back(t.ticket);
  CHECK(ids == std::vector<std::string>{"T1", "T2"});
  std::size_t n = 0;
  for (const ReportTicket& t : load_facts(*ts.store, p, to, from, at("2026-11-25 00:00", tz()))) n += t.ticket.size();
  CHECK(n == 0);
  std::vector<Event> no_created = {ev("2026-11-10 09:00", "X", EventKind::Responded)};
  BusinessCalendar cal(p.calendar, p.tz);
  CHECK_FALSE(ticket_facts(no_created, p, cal, at("2026-11-25 00:00", tz())));
}

TEST_CASE("part prices: the catalogue's list prices, none for an unpriced part") {
  svc::test::TempStore ts;
  ts.store->db().exec("INSERT INTO parts(part, name, list_cents) VALUES('CAP', 'c', 3550), ('FAN', 'f', NULL)");
  auto prices = part_prices(*ts.store);
  REQUIRE(prices.size() == 2);
  CHECK(prices.at("CAP") == std::optional<std::int64_t>(3550));
  CHECK_FALSE(prices.at("FAN"));
}

TEST_CASE("reports from the store: KPIs of the period, the repeat repairs, outlets with their corrections") {
  svc::test::TempStore ts;
  fill(ts);
  Policy p = default_policy();
  Period nov = parse_period("2026-11", tz());
  Instant as_of = at("2026-11-25 00:00", tz());
  KpiReport k = sla_report(*ts.store, p, nov, GroupBy::None, as_of);
  CHECK(k.total.tickets == 4);
  CHECK(k.total.late == 4);  // none of them responded within 24 h
  CHECK(k.total.on_time == 0);
  CHECK(k.total.findings == 1);
  CHECK(k.total.repairs_with_serial == 2);  // T2, T3
  CHECK(k.total.repeat_repairs == 2);

  auto rr = repeat_report(*ts.store, p, nov, as_of);
  REQUIRE(rr.size() == 2);  // in created order
  CHECK(rr[0].ticket == "T2");
  CHECK(rr[0].earlier == "T0");
  CHECK_FALSE(rr[0].earlier_engineer);  // T0 was never dispatched
  CHECK(rr.back().ticket == "T3");
  CHECK(rr.back().earlier == "T2");
  CHECK(rr.back().serial == "SN-1");
  CHECK(rr.back().earlier_completed == at("2026-11-10 12:00", tz()));
  CHECK(rr.back().earlier_engineer == std::optional<std::string>("E-1"));

  // a void on T1 counts as a correction of SH-01
  std::string target = ts.store->ticket_events("T1").back().id;
  ts.add({ev("2026-11-12 09:00", "T1", EventKind::Voided, {{Field::Ref, target.c_str()}, {Field::Note, "wrong"}})});
  OutletReport o = outlet_report(*ts.store, p, nov, as_of);
  REQUIRE(o.outlets.size() == 1);
  CHECK(o.outlets[0].outlet == "SH-01");
  CHECK(o.outlets[0].tickets == 4);
  CHECK(o.outlets[0].corrections == 1);
  CHECK(outlet_report(*ts.store, p, nov, at("2026-11-11 00:00", tz())).outlets[0].corrections == 0);
}

TEST_CASE("voids_by_outlet: the voids of the window's tickets per outlet, as the join of voided events gives them") {
  svc::test::TempStore ts;
  std::mt19937 rng(9);
  std::vector<Event> log;
  const char* outlets[] = {"SH-01", "BJ-02", "GZ-03"};
  for (int i = 0; i < 60; ++i) {
    std::string id = "T" + std::to_string(i);
    std::string day = fmt::format("2026-11-{:02} 09:00", 1 + rng() % 28);
    Event c = created(day.c_str(), id.c_str(), {{Field::Outlet, outlets[rng() % 3]}});
    Event r = ev(day.c_str(), id.c_str(), EventKind::Responded);
    r.ts += 3600 * kMicrosPerSecond;
    r.id = content_digest(r).substr(0, 32);
    log.push_back(c);
    log.push_back(r);
    for (int k = 0, n = int(rng() % 3); k < n; ++k) {  // voids of the response, a day or more later
      Event v = ev(day.c_str(), id.c_str(), EventKind::Voided, {{Field::Ref, r.id.c_str()}, {Field::Note, "typo"}});
      v.ts += Instant(1 + rng() % 20) * 86400 * kMicrosPerSecond + k;
      v.id = content_digest(v).substr(0, 32);
      log.push_back(v);
    }
  }
  ts.add(log);
  auto by_sql = [&](Instant from, Instant to, Instant as_of) {
    std::map<std::string, std::int64_t> out;
    SQLite::Statement q(ts.store->db(),
                        "SELECT t.outlet, count(*) FROM events v JOIN tickets t ON t.ticket = v.ticket "
                        "WHERE v.event = 'voided' AND v.ts <= ? AND t.created_at >= ? AND t.created_at < ? "
                        "GROUP BY t.outlet");
    q.bind(1, static_cast<std::int64_t>(as_of));
    q.bind(2, static_cast<std::int64_t>(from));
    q.bind(3, static_cast<std::int64_t>(to));
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
    return out;
  };
  const TimeZone& tz = svc::test::shanghai();
  std::int64_t seen = 0;
  for (const char* from : {"2026-11-01 00:00", "2026-11-10 00:00"})
    for (const char* to : {"2026-11-20 00:00", "2026-12-01 00:00"})
      for (const char* as_of : {"2026-11-15 00:00", "2026-12-31 00:00"}) {
        CAPTURE(from);
        CAPTURE(to);
        CAPTURE(as_of);
        auto want = by_sql(at(from, tz), at(to, tz), at(as_of, tz));
        CHECK(voids_by_outlet(*ts.store, at(from, tz), at(to, tz), at(as_of, tz)) == want);
        for (auto& [o, n] : want) seen += n;
      }
  CHECK(seen > 50);
}

TEST_CASE("repeat_report: the earlier ticket found among the window's facts and by the pass over the rest") {
  svc::test::TempStore ts;
  auto repair = [](const char* day, const char* id, const char* serial) {
    return created(day, id, {{Field::Serial, serial}, {Field::Product, "KFR-35GW"}});
  };
  ts.add({repair("2026-10-08 09:00", "A", "U1"), ev("2026-10-10 10:00", "A", EventKind::Completed),
          repair("2026-11-05 09:00", "B", "U1"),                                              // 26 days after A
          repair("2026-11-01 09:00", "C", "U2"), ev("2026-11-02 10:00", "C", EventKind::Completed),
          repair("2026-11-20 09:00", "D", "U2"),                                              // 18 days after C
          repair("2026-12-02 09:00", "E", "U1"), ev("2026-12-03 10:00", "E", EventKind::Completed),
          repair("2026-11-25 09:00", "F", "U3")});                                            // a unit seen once
  Policy p = default_policy();
  const TimeZone& tz = p.tz;
  auto tickets = [&](const Period& period, const char* as_of) {
    std::string out;
    for (const auto& r : repeat_report(*ts.store, p, period, at(as_of, tz))) out += r.ticket + "<" + r.earlier + " ";
    return out;
  };
  CHECK(tickets(parse_period("2026-11", tz), "2026-12-31 00:00") == "B<A D<C ");  // A outside the window, C inside
  CHECK(tickets(date_range("2026-10-01", "2026-11-30", tz), "2026-12-31 00:00") == "B<A D<C ");  // both inside
  CHECK(tickets(parse_period("2026-11", tz), "2026-11-10 00:00") == "B<A ");  // as of then, D was not created
  CHECK(tickets(parse_period("2026-12", tz), "2026-12-31 00:00") == "");     // E: B (same unit) never completed
}

TEST_CASE("load_facts_and_voids: one pass gives each window ticket's own facts, the repeats and voids_by_outlet") {
  // random tickets over Oct-Dec: units shared across months, completions,
  // reworks, cancellations, voided responses, some tickets without a serial
  svc::test::TempStore ts;
  std::mt19937 rng(17);
  std::vector<Event> log;
  const char* outlets[] = {"SH-01", "BJ-02", "GZ-03"};
  const char* types[] = {"repair", "repair", "install", "maintenance"};
  std::vector<std::string> ids;
  for (int i = 0; i < 240; ++i) {
    std::string id = fmt::format("T{:03}", i);
    ids.push_back(id);
    std::string day = fmt::format("2026-{}-{:02} 09:00", 10 + rng() % 3, 1 + rng() % 28);
    std::string serial = "SN-" + std::to_string(rng() % 40);
    std::vector<std::pair<Field, std::string>> attrs = {{Field::Outlet, outlets[rng() % 3]}, {Field::Type, types[rng() % 4]}};
    if (rng() % 5) attrs.emplace_back(Field::Serial, serial);
    Event c = created(day.c_str(), id.c_str(), {});
    for (auto& [f, v] : attrs) c.at(f) = v;
    c.id = content_digest(c).substr(0, 32);
    log.push_back(c);
    auto later = [&](EventKind k, Instant hours, std::vector<std::pair<Field, std::string>> a = {}) {
      Event e = ev(day.c_str(), id.c_str(), k);
      for (auto& [f, v] : a) e.at(f) = v;
      e.ts += hours * 3600 * kMicrosPerSecond;
      e.id = content_digest(e).substr(0, 32);
      log.push_back(e);
      return e;
    };
    Event r = later(EventKind::Responded, 1);
    if (rng() % 2) later(EventKind::Dispatched, 2, {{Field::Engineer, "E-" + std::to_string(rng() % 4)}});
    if (rng() % 4) later(EventKind::Completed, 5 + Instant(rng() % 30));
    if (rng() % 6 == 0) later(EventKind::Reopened, 40);
    if (rng() % 8 == 0) later(EventKind::Cancelled, 50);
    if (rng() % 3 == 0) later(EventKind::Voided, 24 * Instant(1 + rng() % 20), {{Field::Ref, r.id}, {Field::Note, "typo"}});
  }
  ts.add(log);
  Policy p = default_policy();
  const TimeZone& tz = p.tz;
  // the reference: each ticket read on its own (Store::ticket_events), every
  // ticket with a serial in the units' history
  auto reference = [&](Instant from, Instant to, Instant as_of) {
    BusinessCalendar cal(p.calendar, p.tz);
    std::vector<ReportTicket> facts;
    std::unordered_map<std::string, std::vector<UnitService>> history;
    for (const auto& id : ids) {
      auto evs = ts.store->ticket_events(id);
      auto t = ticket_facts(evs, p, cal, as_of);
      if (!t) continue;
      if (!t->serial.empty())
        history[t->serial].push_back(
            {t->ticket, t->engineer, t->final_completion ? std::optional<Instant>(t->completed_at) : std::nullopt, t->cancelled});
      if (t->created >= from && t->created < to) facts.push_back(*t);
    }
    mark_repeat_repairs(facts, history, p.kpi.repeat_days);
    return facts;
  };
  auto line = [](const ReportTicket& t) {
    return fmt::format("{} {} {} {} {} {} {} {} {} {} {}", t.ticket, t.outlet, t.type, t.serial, t.engineer.value_or("-"),
                       int(t.status), t.cancelled, t.final_completion, t.repeat_repair, t.repeat_of,
                       t.repeat_prev_engineer.value_or("-"));
  };
  std::int64_t repeats = 0, voids = 0;
  for (const char* from : {"2026-10-01 00:00", "2026-11-01 00:00"})
    for (const char* to : {"2026-11-01 00:00", "2026-12-01 00:00"})
      for (const char* as_of : {"2026-11-15 00:00", "2026-12-31 00:00"}) {
        CAPTURE(from);
        CAPTURE(to);
        CAPTURE(as_of);
        const Instant f = at(from, tz), t = at(to, tz), a = at(as_of, tz);
        const Instant vf = at("2026-11-01 00:00", tz), vt = at("2026-12-01 00:00", tz);
        std::map<std::string, std::int64_t> got_voids = {{"stale", 1}};
        std::vector<std::string> got, want;
        for (const ReportTicket& r : load_facts_and_voids(*ts.store, p, f, t, a, std::make_pair(vf, vt), &got_voids))
          got.push_back(line(r));
        for (const ReportTicket& r : reference(std::min(f, t), std::min(t, a + 1), a)) {
          want.push_back(line(r));
          repeats += r.repeat_repair;
        }
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        CHECK(got == want);
        if (t <= f) CHECK(got.empty());
        auto want_voids = voids_by_outlet(*ts.store, vf, vt, a);
        CHECK(got_voids == want_voids);
        for (auto& [o, n] : want_voids) voids += n;
      }
  CHECK(repeats > 20);
  CHECK(voids > 20);
}
