#include "kpi.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <random>

#include "report_data.hpp"
#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

TEST_CASE("facts: final completion, rework, last satisfaction, responsible complaints") {
  std::vector<Event> evs = {
      created("2026-11-02 08:15"),
      ev("2026-11-02 09:45", EventKind::Responded),
      ev("2026-11-02 10:05", EventKind::Dispatched, {{Field::Engineer, "E-017"}}),
      ev("2026-11-02 15:50", EventKind::Completed, {{Field::LaborHours, "1.5"}}),
      ev("2026-11-02 16:00", EventKind::Rejected),
      ev("2026-11-03 09:00", EventKind::Dispatched, {{Field::Engineer, "E-020"}}),
      ev("2026-11-03 11:00", EventKind::Completed, {{Field::LaborHours, "2"}}),
      ev("2026-11-03 12:00", EventKind::FollowedUp, {{Field::Satisfaction, "5"}}),
      ev("2026-11-03 12:30", EventKind::Complaint, {{Field::Responsible, "yes"}, {Field::Note, "<b>slow</b>"}}),
      ev("2026-11-04 10:00", EventKind::FollowedUp, {{Field::Satisfaction, "3"}}),
      ev("2026-11-04 10:10", EventKind::PartUsed, {{Field::Part, "CAP-35"}, {Field::Qty, "2"}}),
      ev("2026-11-04 10:20", EventKind::Fee, {{Field::Amount, "120.50"}, {Field::Approved, "yes"}}),
      ev("2026-11-04 10:25", EventKind::Fee, {{Field::Amount, "80.00"}, {Field::Approved, "no"}}),
      ev("2026-11-04 10:26", EventKind::Fee, {{Field::Amount, "15.00"}, {Field::Approved, "no"}}),
      ev("2026-11-04 11:00", EventKind::Closed),
  };
  auto t = extract_facts(evs, at("2026-11-23 20:00"));
  REQUIRE(t);
  CHECK(t->outlet == "SH-01");
  CHECK(t->region == "华东");
  CHECK(t->engineer == std::optional<std::string>("E-020"));
  CHECK(t->final_completion);
  CHECK(t->rework);
  CHECK(t->followed_up);
  CHECK(t->satisfaction == 3);  // the LAST follow-up counts
  CHECK(t->responsible_complaint);
  CHECK(t->complaint_note == "<b>slow</b>");
  REQUIRE(t->response);
  CHECK(*t->response == 90 * 60 * kMicrosPerSecond);
  CHECK(t->labor_hours == doctest::Approx(3.5));
  CHECK(t->fees_cents == 12050);              // approved: money collected
  CHECK(t->unapproved_fees_cents == 9500);    // approved = no: apart
  REQUIRE(t->parts.size() == 1);
  CHECK(t->parts[0].second == 2);
  CHECK(t->closed);
  CHECK_FALSE(t->cancelled);

  SUBCASE("only events at or before as_of count") {
    auto early = extract_facts(evs, at("2026-11-02 15:55"));
    REQUIRE(early);
    CHECK(early->final_completion);
    CHECK_FALSE(early->rework);
    CHECK_FALSE(early->followed_up);
    CHECK(early->engineer == std::optional<std::string>("E-017"));
    CHECK_FALSE(extract_facts(evs, at("2026-11-02 08:14")));
  }
  SUBCASE("a reopen after the last completion undoes the final completion") {
    evs.push_back(ev("2026-11-05 09:00", EventKind::Reopened));
    auto r = extract_facts(evs, at("2026-11-23 20:00"));
    CHECK_FALSE(r->final_completion);
    CHECK_FALSE(r->closed);
  }
}

TEST_CASE("facts: never dispatched, never responded, cancelled, irresponsible complaint") {
  std::vector<Event> evs = {
      created("2026-11-02 08:15"),
      ev("2026-11-02 09:00", EventKind::Complaint, {{Field::Responsible, "no"}}),
      ev("2026-11-02 10:00", EventKind::Cancelled),
  };
  auto t = extract_facts(evs, at("2026-11-23 20:00"));
  REQUIRE(t);
  CHECK_FALSE(t->engineer);
  CHECK_FALSE(t->response);
  CHECK(t->complaint);
  CHECK_FALSE(t->responsible_complaint);
  CHECK(t->cancelled);
  CHECK(t->satisfaction == 0);
}

TEST_CASE("nearest-rank percentiles") {
  CHECK_FALSE(nearest_rank({}, 50));
  CHECK(*nearest_rank({7}, 50) == 7);  // N = 1
  CHECK(*nearest_rank({7}, 90) == 7);
  std::vector<Instant> ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(*nearest_rank(ten, 50) == 5);   // rank ceil(5) = 5
  CHECK(*nearest_rank(ten, 90) == 9);   // rank ceil(9) = 9, not 10
  std::vector<Instant> eleven = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  CHECK(*nearest_rank(eleven, 50) == 6);   // ceil(5.5) = 6
  CHECK(*nearest_rank(eleven, 90) == 10);  // ceil(9.9) = 10
  std::vector<Instant> two = {1, 2};
  CHECK(*nearest_rank(two, 50) == 1);
  CHECK(*nearest_rank(two, 90) == 2);
  std::vector<Instant> thirty(30);
  for (int i = 0; i < 30; ++i) thirty[size_t(i)] = i + 1;
  CHECK(*nearest_rank(thirty, 90) == 27);  // 0.9 × 30 = 27 exactly: no float drift to 28
}

TEST_CASE("KPI rates, and absent denominators") {
  Kpis k;
  CHECK_FALSE(k.timeliness());
  CHECK_FALSE(k.satisfaction());
  CHECK_FALSE(k.complaint_rate());
  CHECK_FALSE(k.first_time_fix());
  CHECK_FALSE(k.response_h(50));

  auto a = facts("A", TicketStatus::OnTime);
  a.followed_up = true, a.satisfaction = 4, a.final_completion = true, a.response = 2 * 3600 * kMicrosPerSecond;
  auto b = facts("B", TicketStatus::Late);
  b.followed_up = true, b.satisfaction = 3, b.final_completion = true, b.rework = true;
  b.responsible_complaint = true, b.response = 30 * 60 * kMicrosPerSecond;
  auto c = facts("C", TicketStatus::Open);
  c.type = "complaint", c.responsible_complaint = true;  // complaint tickets are outside the complaint rate
  auto d = facts("D", TicketStatus::None);
  for (auto* t : {&a, &b, &c, &d}) k.add(*t);
  k.finish();
  CHECK(k.tickets == 4);
  CHECK(k.on_time == 1);
  CHECK(k.late == 1);
  CHECK(k.open() == 2);  // open and none both count as open
  CHECK(*k.timeliness() == 0.5);
  CHECK(k.followed_up == 2);
  CHECK(k.satisfied == 1);
  CHECK(*k.satisfaction() == 0.5);
  CHECK(k.complaints == 1);
  CHECK(k.non_complaint == 3);
  CHECK(*k.complaint_rate() == doctest::Approx(1.0 / 3));
  CHECK(*k.first_time_fix() == 0.5);
  CHECK(*k.response_h(50) == 0.5);
  CHECK(*k.response_h(90) == 2.0);
}

TEST_CASE("threshold checks: absent rates miss nothing, rates on the threshold pass") {
  KpiPolicy p;
  Kpis k;
  auto c = check_kpis(k, p);
  CHECK_FALSE(c.timeliness);
  CHECK(c.missed() == 0);
  k.on_time = 9, k.late = 1;            // 0.90: on the threshold
  k.followed_up = 20, k.satisfied = 17;  // 0.85
  k.non_complaint = 100, k.complaints = 3;  // 0.03
  c = check_kpis(k, p);
  CHECK(c.timeliness == true);
  CHECK(c.satisfaction == true);
  CHECK(c.complaint_rate == true);
  k.late = 2, k.satisfied = 16, k.complaints = 4;
  c = check_kpis(k, p);
  CHECK(c.missed() == 3);
}

TEST_CASE("kpi_report: scope, grouping, the null engineer group") {
  Period nov = parse_period("2026-11", shanghai());
  std::vector<ReportTicket> ts;
  auto a = facts("A", TicketStatus::OnTime);
  a.engineer = "E-2";
  auto b = facts("B", TicketStatus::Late);
  b.engineer = "E-1";
  b.region = "华北";
  auto c = facts("C", TicketStatus::Open);  // never dispatched
  auto cancelled = facts("X", TicketStatus::Cancelled);
  cancelled.cancelled = true;
  cancelled.engineer = "E-9";
  auto october = facts("O", TicketStatus::OnTime);
  october.created = at("2026-10-31 23:59:59");
  october.engineer = "E-9";
  ts = {a, b, c, cancelled, october};

  auto r = kpi_report(ts, nov, GroupBy::Engineer, at("2026-11-23 20:00"));
  CHECK(r.total.tickets == 3);
  REQUIRE(r.groups.size() == 3);
  CHECK(r.groups[0].key == std::optional<std::string>("E-1"));
  CHECK(r.groups[1].key == std::optional<std::string>("E-2"));
  CHECK_FALSE(r.groups[2].key);  // null key last
  CHECK(r.groups[2].kpis.tickets == 1);

  auto byregion = kpi_report(ts, nov, GroupBy::Region, at("2026-11-23 20:00"));
  REQUIRE(byregion.groups.size() == 2);
  CHECK(byregion.groups[0].key == std::optional<std::string>("华东"));
  CHECK(byregion.groups[0].kpis.tickets == 2);

  CHECK(kpi_report(ts, nov, GroupBy::None, 0).groups.empty());
  CHECK(parse_group_by("engineer") == GroupBy::Engineer);
  CHECK_FALSE(parse_group_by("colour"));
}

TEST_CASE("spec §2 worked example T1 through the SLA engine: late, response 65 h, pauses not taken out") {
  // T1: created Friday 2026-11-06 16:00, responded Monday 09:00 (65 calendar hours: response breached),
  // paused Monday 10:00-14:00; as of Monday 16:00 the ticket is late (spec §2).
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  std::vector<Event> evs = {
      ev("2026-11-06 16:00", EventKind::Created,
         {{Field::Type, "repair"}, {Field::Urgency, "normal"}, {Field::Region, "华东"}, {Field::Outlet, "SH-01"},
          {Field::DistanceKm, "12"}}),
      ev("2026-11-09 09:00", EventKind::Responded),
      ev("2026-11-09 10:00", EventKind::Paused),
      ev("2026-11-09 14:00", EventKind::Resumed),
  };
  auto t = ticket_facts(evs, p, cal, at("2026-11-09 16:00"));
  REQUIRE(t);
  CHECK(t->status == TicketStatus::Late);
  CHECK(t->breached_targets == 2);  // response and arrival
  CHECK(t->findings == 0);
  Kpis k;
  k.add(*t);
  k.finish();
  CHECK(*k.response_h(50) == 65.0);  // created → first responded on the calendar clock; the pause is after it
  CHECK(*k.response_h(90) == 65.0);
  CHECK(*k.timeliness() == 0.0);
  CHECK(k.open() == 0);
  CHECK_FALSE(k.satisfaction());     // no follow-up: absent, not 0
  CHECK(*k.complaint_rate() == 0.0);  // one non-complaint ticket, no complaint
  CHECK_FALSE(k.first_time_fix());    // no final completion: absent

  SUBCASE("pauses are not taken out of the response time") {
    std::vector<Event> paused = {evs[0], ev("2026-11-06 16:30", EventKind::Paused),
                                 ev("2026-11-07 16:30", EventKind::Resumed),
                                 ev("2026-11-07 17:00", EventKind::Responded)};
    auto r = ticket_facts(paused, p, cal, at("2026-11-09 16:00"));
    REQUIRE(r->response);
    CHECK(*r->response == 25 * 3600 * kMicrosPerSecond);
  }
  SUBCASE("a ticket created after as_of does not exist yet") {
    CHECK_FALSE(ticket_facts(evs, p, cal, at("2026-11-06 15:59")));
  }
}

TEST_CASE("spec §6 example figures: rates to 6 significant digits, open = tickets - on time - late") {
  Kpis k;
  k.tickets = 812, k.on_time = 700, k.late = 60;
  k.followed_up = 640, k.satisfied = 590;
  k.non_complaint = 812, k.complaints = 9;
  CHECK(k.open() == 52);
  CHECK(fmt::format("{:.6f}", *k.timeliness()) == "0.921053");
  CHECK(fmt::format("{:.6f}", *k.satisfaction()) == "0.921875");
  CHECK(fmt::format("{:.6f}", *k.complaint_rate()) == "0.011084");
  auto c = check_kpis(k, KpiPolicy{});
  CHECK(c.timeliness == true);
  CHECK(c.satisfaction == true);
  CHECK(c.complaint_rate == true);
}

TEST_CASE("scope: created in the period in local time, cancelled tickets out; complaint tickets out of the complaint rate only") {
  Period w47 = parse_period("2026-W47", shanghai());
  auto first = facts("F", TicketStatus::OnTime);
  first.created = at("2026-11-16 00:00");  // Monday 00:00 local = Sunday 16:00 UTC: in
  auto last = facts("L", TicketStatus::Late);
  last.created = at("2026-11-22 23:59:59");  // Sunday night local: in
  auto after = facts("A", TicketStatus::Late);
  after.created = at("2026-11-23 00:00");  // next Monday: out
  auto before = facts("B", TicketStatus::Late);
  before.created = at("2026-11-15 23:59:59");  // out
  auto complaint = facts("C", TicketStatus::OnTime);
  complaint.type = "complaint";
  complaint.created = at("2026-11-18 10:00");
  complaint.followed_up = true, complaint.satisfaction = 5;
  auto r = kpi_report({first, last, after, before, complaint}, w47, GroupBy::None, at("2026-11-23 20:00"));
  CHECK(r.total.tickets == 3);
  CHECK(r.total.on_time == 2);
  CHECK(r.total.late == 1);
  CHECK(r.total.non_complaint == 2);       // the complaint ticket counts everywhere but here
  CHECK(r.total.satisfaction() == 1.0);  // ... e.g. its follow-up counts
}

TEST_CASE("FactSet: parts iterate as one sequence in order, empty parts skipped; a vector is one part") {
  auto mk = [](const char* id) {
    ReportTicket t;
    t.ticket = id;
    return t;
  };
  auto names = [](const FactSet& f) {
    std::string s;
    for (const auto& t : f) s += t.ticket;
    return s;
  };
  FactSet none;
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(none.begin() == none.end());
  auto f = FactSet::of_parts({{}, {mk("A"), mk("B")}, {}, {mk("C")}, {}});
  CHECK(names(f) == "ABC");
  CHECK(f.size() == 3);
  CHECK(!f.empty());
  CHECK(std::distance(f.begin(), f.end()) == 3);
  CHECK(names(FactSet::of_parts({{}, {}})) == "");
  CHECK(FactSet::of_parts({{}, {}}).empty());
  CHECK(names(std::vector<ReportTicket>{mk("X"), mk("Y")}) == "XY");
  CHECK(names({mk("P")}) == "P");
}

TEST_CASE("repeat repairs (sla.md §3): 0 days, exactly the window, one second past, cancelled and uncompleted earlier tickets") {
  const Instant day = 86400 * kMicrosPerSecond, sec = kMicrosPerSecond;
  const Instant t0 = 1'800'000'000 * sec;
  auto repair = [](const char* id, const char* serial, Instant created) {
    ReportTicket t;
    t.ticket = id, t.type = "repair", t.serial = serial, t.created = created;
    return t;
  };
  std::unordered_map<std::string, std::vector<UnitService>> h;
  h["S"] = {{"A", std::string("E-1"), t0, false}, {"X", std::nullopt, t0 + 10 * day, true},
            {"Y", std::nullopt, std::nullopt, false}};
  std::vector<ReportTicket> ts = {repair("R0", "S", t0), repair("R30", "S", t0 + 30 * day),
                                  repair("R30s", "S", t0 + 30 * day + sec), repair("Rb", "S", t0 - sec),
                                  repair("Rother", "T", t0 + day)};
  ReportTicket inst = repair("I", "S", t0 + day);
  inst.type = "install";  // only repairs are counted
  ts.push_back(inst);
  mark_repeat_repairs(ts, h, 30);
  CHECK(ts[0].repeat_repair);  // the same instant: 0 days
  CHECK(ts[0].repeat_of == "A");
  CHECK(ts[0].repeat_prev_engineer == std::optional<std::string>("E-1"));
  CHECK(ts[1].repeat_repair);   // exactly 30 × 24 h
  CHECK_FALSE(ts[2].repeat_repair);  // one second past (the cancelled X, 10 days later, does not count)
  CHECK_FALSE(ts[3].repeat_repair);  // created before the earlier completion
  CHECK_FALSE(ts[4].repeat_repair);  // another unit
  CHECK_FALSE(ts[5].repeat_repair);  // not a repair
  mark_repeat_repairs(ts, h, 29);
  CHECK_FALSE(ts[1].repeat_repair);  // the window is policy
  Kpis k;
  for (auto& t : ts) k.add(t);
  CHECK(k.repairs_with_serial == 5);
  CHECK(k.repeat_repairs == 1);
  CHECK(k.repeat_repair_rate() == doctest::Approx(0.2));
}

namespace {
// The repeat-repair rule as written in sla.md §3, one earlier ticket at a time
// (what mark_repeat_repairs did before it searched sorted completions).
void repeats_by_rule(std::vector<ReportTicket>& tickets,
                     const std::unordered_map<std::string, std::vector<UnitService>>& history, int repeat_days) {
  const Instant window = Instant(repeat_days) * 24 * 3600 * kMicrosPerSecond;
  for (ReportTicket& t : tickets) {
    t.repeat_repair = false;
    t.repeat_of.clear();
    if (t.type != "repair" || t.serial.empty() || !history.count(t.serial)) continue;
    for (const UnitService& u : history.at(t.serial))
      if (u.ticket != t.ticket && !u.cancelled && u.completed_at && *u.completed_at <= t.created &&
          t.created - *u.completed_at <= window) {
        if (!t.repeat_repair || *u.completed_at > t.repeat_prev_completed ||
            (*u.completed_at == t.repeat_prev_completed && u.ticket < t.repeat_of)) {
          t.repeat_of = u.ticket;
          t.repeat_prev_completed = *u.completed_at;
          t.repeat_prev_engineer = u.engineer;
        }
        t.repeat_repair = true;
      }
  }
}
}  // namespace

TEST_CASE("mark_repeat_repairs: the same as the rule applied to every earlier ticket, on random units") {
  std::mt19937 rng(11);
  const Instant hour = 3600 * kMicrosPerSecond;
  for (int round = 0; round < 40; ++round) {
    std::unordered_map<std::string, std::vector<UnitService>> h;
    std::vector<ReportTicket> ts;
    for (int i = 0; i < 300; ++i) {
      std::string serial = "S" + std::to_string(rng() % 7);
      std::string id = fmt::format("T{:04}", i);  // ids are unique in the store
      UnitService u{id, rng() % 3 ? std::optional<std::string>("E-" + std::to_string(rng() % 3)) : std::nullopt,
                    rng() % 4 ? std::optional<Instant>(Instant(rng() % 50) * 12 * hour) : std::nullopt,
                    rng() % 6 == 0};
      h[serial].push_back(u);
      if (rng() % 2) {
        ReportTicket t;
        t.ticket = rng() % 3 ? id : fmt::format("N{:04}", i);  // mostly a ticket that is in its unit's history itself
        t.serial = rng() % 10 ? serial : "", t.type = rng() % 5 ? "repair" : "install";
        t.created = Instant(rng() % 60) * 12 * hour;  // ties with completions on purpose
        ts.push_back(t);
      }
    }
    auto want = ts, got = ts;
    const int days = int(rng() % 12);
    repeats_by_rule(want, h, days);
    mark_repeat_repairs(got, h, days);
    // the same tickets cut into several vectors (an empty one among them)
    std::vector<std::vector<ReportTicket>> parts(4);
    for (std::size_t i = 0; i < ts.size(); ++i) parts[i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 3].push_back(ts[i]);
    mark_repeat_repairs(parts, h, days);
    std::size_t next[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < ts.size(); ++i) {
      CAPTURE(round);
      CAPTURE(i);
      const std::size_t p = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 3;
      const ReportTicket& in_part = parts[p][next[p]++];
      CHECK(in_part.repeat_repair == want[i].repeat_repair);
      CHECK(in_part.repeat_of == want[i].repeat_of);
      CHECK(got[i].repeat_repair == want[i].repeat_repair);
      CHECK(got[i].repeat_of == want[i].repeat_of);
      if (want[i].repeat_repair) {
        CHECK(got[i].repeat_prev_completed == want[i].repeat_prev_completed);
        CHECK(got[i].repeat_prev_engineer == want[i].repeat_prev_engineer);
      }
    }
  }
}

TEST_CASE("unit_service: cancelled, last engineer and final completion as extract_facts has them, as of any instant") {
  std::mt19937 rng(5);
  const EventKind kinds[] = {EventKind::Created,  EventKind::Dispatched, EventKind::Completed, EventKind::Rejected,
                             EventKind::Reopened, EventKind::Cancelled,  EventKind::Closed,    EventKind::Responded,
                             EventKind::Voided};
  int compared = 0;
  for (int round = 0; round < 500; ++round) {
    std::vector<Event> evs;
    Instant ts = 1'800'000'000 * kMicrosPerSecond;
    const int n = int(rng() % 9);
    for (int k = 0; k < n; ++k) {
      Event e;
      e.ticket = "T1";
      e.kind = kinds[rng() % 9];
      e.ts = ts += Instant(rng() % 3) * 3600 * kMicrosPerSecond;  // equal times too
      if (e.kind == EventKind::Dispatched && rng() % 4) e.at(Field::Engineer) = "E-" + std::to_string(rng() % 3);
      if (rng() % 5 == 0) e.voided_at = e.ts + Instant(rng() % 3) * 3600 * kMicrosPerSecond;
      evs.push_back(e);
    }
    std::vector<SlaEvent> lean;
    for (const Event& e : evs)
      lean.push_back({e.ts, e.kind, e.kind == EventKind::Dispatched ? std::string_view(e.get(Field::Engineer)) : "",
                      e.voided_at});
    const Instant as_of = 1'800'000'000 * kMicrosPerSecond + Instant(rng() % 20) * 3600 * kMicrosPerSecond;
    auto f = extract_facts(evs, as_of);
    auto u = unit_service("T1", lean, as_of);
    REQUIRE(f.has_value() == u.has_value());
    if (!f) continue;
    CHECK(u->ticket == "T1");
    CHECK(u->cancelled == f->cancelled);
    CHECK(u->engineer == f->engineer);
    CHECK(u->completed_at == (f->final_completion ? std::optional<Instant>(f->completed_at) : std::nullopt));
    ++compared;
  }
  CHECK(compared > 100);
}
