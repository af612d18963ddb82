#include "sla.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "audit.hpp"
#include "config.hpp"
#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;

namespace {
constexpr Instant H = 3600 * kMicrosPerSecond;
constexpr Instant M = 60 * kMicrosPerSecond;

struct Fixture {
  Policy p = default_policy();
  BusinessCalendar cal{p.calendar, p.tz};
  TicketSla eval(const std::vector<Event>& evs, const char* as_of) { return evaluate_ticket(evs, p, cal, at(as_of, p.tz)); }
  std::string ts(Instant t) const { return format_rfc3339(t, p.tz); }
};

const TargetResult& target(const TicketSla& t, Target which) {
  for (const auto& x : t.targets)
    if (x.target == which) return x;
  FAIL("target not listed: " << to_string(which));
  throw std::logic_error("unreachable");
}

bool listed(const TicketSla& t, Target which) {
  for (const auto& x : t.targets)
    if (x.target == which) return true;
  return false;
}

// The worked example's T1 (spec §2), with or without its pause.
std::vector<Event> t1(bool pause) {
  std::vector<Event> v = {created("2026-11-06 16:00", "T1"), ev("2026-11-09 09:00", "T1", EventKind::Responded)};
  if (pause) {
    v.push_back(ev("2026-11-09 10:00", "T1", EventKind::Paused));
    v.push_back(ev("2026-11-09 14:00", "T1", EventKind::Resumed));
  }
  return v;
}

// JSON text without the whitespace between tokens (strings kept as they are).
std::string compact(const std::string& s) {
  std::string out;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      out += c;
      if (c == '\\') out += s[++i];
      else if (c == '"') in_str = false;
    } else if (c == '"') {
      in_str = true;
      out += c;
    } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      out += c;
    }
  }
  return out;
}
}  // namespace

TEST_CASE("worked example: response breached by 41 h on the calendar clock") {
  Fixture f;
  auto r = f.eval(t1(false), "2026-11-09 16:00");
  CHECK(r.rule == "standard");
  const auto& resp = target(r, Target::Response);
  CHECK(resp.status == TargetStatus::Breached);
  CHECK(resp.elapsed == 65 * H);
  CHECK(resp.overdue == 41 * H);
  CHECK(r.status == TicketStatus::Late);
}

TEST_CASE("worked example: resolution 3bd due Wednesday 16:00 without a pause") {
  Fixture f;
  for (const char* as_of : {"2026-11-06 16:00", "2026-11-07 12:00", "2026-11-09 16:00", "2026-11-11 15:59"}) {
    auto r = f.eval(t1(false), as_of);
    const auto& res = target(r, Target::Resolution);
    CHECK(res.status == TargetStatus::Pending);
    REQUIRE(res.due);
    CHECK(f.ts(*res.due) == "2026-11-11T16:00:00+08:00");
  }
  auto r = f.eval(t1(false), "2026-11-11 16:00");
  CHECK(target(r, Target::Resolution).status == TargetStatus::Pending);  // elapsed == target: not yet breached
  r = f.eval(t1(false), "2026-11-11 16:01");
  CHECK(target(r, Target::Resolution).status == TargetStatus::Breached);
  CHECK(target(r, Target::Resolution).overdue == 1 * M);
}

TEST_CASE("worked example: the pause moves resolution to Thursday 10:00") {
  Fixture f;
  for (const char* as_of : {"2026-11-09 16:00", "2026-11-09 14:00", "2026-11-10 09:00"}) {
    auto r = f.eval(t1(true), as_of);
    const auto& res = target(r, Target::Resolution);
    REQUIRE(res.due);
    CHECK(f.ts(*res.due) == "2026-11-12T10:00:00+08:00");
  }
}

TEST_CASE("worked example: as of Monday 16:00, 5 business hours elapsed, pending, ticket late") {
  Fixture f;
  auto r = f.eval(t1(true), "2026-11-09 16:00");
  const auto& res = target(r, Target::Resolution);
  CHECK(res.status == TargetStatus::Pending);
  CHECK(res.elapsed == 5 * H);
  CHECK_FALSE(res.at_risk);
  CHECK(r.status == TicketStatus::Late);
  CHECK(target(r, Target::Followup).status == TargetStatus::NotApplicable);
  CHECK(target(r, Target::Arrival).elapsed == 68 * H);  // 72 h less the 4 h pause
}

TEST_CASE("worked example: the JSON of spec §6, byte for byte") {
  Fixture f;
  auto evs = t1(true);
  std::ostringstream os;
  JsonWriter w(os);
  auto as_of = at("2026-11-09 16:00", f.p.tz);
  w.begin_object().field("as_of", format_rfc3339(as_of, f.p.tz));
  w.key("tickets").begin_array();
  write_sla_json(w, evaluate_ticket(evs, f.p, f.cal, as_of), f.p.tz);
  w.end_array().end_object();
  const std::string spec = R"({"as_of": "2026-11-09T16:00:00+08:00",
 "tickets": [{"ticket": "T1", "outlet": "SH-01", "region": "华东", "rule": "standard",
              "status": "late",
              "targets": {"response":   {"status": "breached", "elapsed_s": 234000, "target_s": 86400, "overdue_s": 147600},
                          "arrival":    {"status": "breached", "elapsed_s": 244800, "target_s": 86400, "overdue_s": 158400},
                          "resolution": {"status": "pending", "at_risk": false, "elapsed_s": 18000, "target_s": 86400, "due": "2026-11-12T10:00:00+08:00"},
                          "followup":   {"status": "n/a", "target_s": 86400}}}]})";
  CHECK(os.str() == compact(spec));
}

TEST_CASE("created outside working hours: the business clock waits for Monday") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-07 10:00", "T2")};  // Saturday
  auto r = f.eval(evs, "2026-11-09 08:30");
  const auto& res = target(r, Target::Resolution);
  CHECK(res.elapsed == 0);
  CHECK(target(r, Target::Response).elapsed == 46 * H + 30 * M);
  REQUIRE(res.due);
  CHECK(f.ts(*res.due) == "2026-11-11T17:30:00+08:00");  // Mon, Tue, Wed: three full days
}

TEST_CASE("across a holiday and on a 调休 Saturday") {
  Fixture f;
  std::vector<Event> evs = {created("2026-09-30 16:00", "T3"), ev("2026-10-10 11:00", "T3", EventKind::Completed)};
  auto r = f.eval(evs, "2026-10-10 12:00");
  const auto& res = target(r, Target::Resolution);
  // 1.5 h on 09-30, 8 h on 10-08 and 10-09, 2.5 h on the 调休 Saturday 10-10
  CHECK(res.elapsed == 20 * H);
  CHECK(res.status == TargetStatus::Met);
  // the followup clock starts at the completion, on the calendar clock
  const auto& fu = target(r, Target::Followup);
  CHECK(fu.status == TargetStatus::Pending);
  CHECK(fu.elapsed == 1 * H);
  REQUIRE(fu.due);
  CHECK(f.ts(*fu.due) == "2026-10-11T11:00:00+08:00");
  // still pending before the holiday week ends, due on the 调休 Saturday
  r = f.eval({evs[0]}, "2026-10-09 17:30");
  REQUIRE(target(r, Target::Resolution).due);
  CHECK(f.ts(*target(r, Target::Resolution).due) == "2026-10-10T16:00:00+08:00");  // 17.5 h done, 6.5 h on Saturday
}

TEST_CASE("a pause over a weekend comes off both clocks") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-13 10:00", "T4"), ev("2026-11-13 15:00", "T4", EventKind::Paused),
                            ev("2026-11-16 10:00", "T4", EventKind::Resumed)};
  auto r = f.eval(evs, "2026-11-16 12:00");
  const auto& resp = target(r, Target::Response);
  CHECK(resp.elapsed == 7 * H);  // 74 h less 67 h paused
  CHECK(resp.status == TargetStatus::Pending);
  REQUIRE(resp.due);
  CHECK(f.ts(*resp.due) == "2026-11-17T05:00:00+08:00");
  const auto& res = target(r, Target::Resolution);
  CHECK(res.elapsed == 6 * H);  // Fri 10:00-12:00, 13:00-15:00, Mon 10:00-12:00
  CHECK_FALSE(r.paused);
  REQUIRE(r.pauses.size() == 1);
}

TEST_CASE("a pause still open at as_of: elapsed stops, no due time") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-09 08:30", "T5"), ev("2026-11-09 10:00", "T5", EventKind::Paused)};
  auto r = f.eval(evs, "2026-11-09 16:00");
  CHECK(r.paused);
  for (const auto& x : r.targets) {
    if (x.status != TargetStatus::Pending) continue;
    CHECK(x.elapsed == 90 * M);
    CHECK_FALSE(x.due);
  }
  CHECK(target(r, Target::Resolution).status == TargetStatus::Pending);
  // it stays pending however long the pause lasts
  r = f.eval(evs, "2026-12-31 16:00");
  CHECK(target(r, Target::Response).status == TargetStatus::Pending);
  CHECK(target(r, Target::Response).elapsed == 90 * M);
  // resumed after as_of: still open as of then
  evs.push_back(ev("2026-11-10 09:00", "T5", EventKind::Resumed));
  r = f.eval(evs, "2026-11-09 16:00");
  CHECK(r.paused);
  CHECK_FALSE(target(r, Target::Response).due);
}

TEST_CASE("events after as_of do not count") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-09 08:30", "T6"), ev("2026-11-09 09:00", "T6", EventKind::Responded),
                            ev("2026-11-10 09:00", "T6", EventKind::Cancelled)};
  auto r = f.eval(evs, "2026-11-09 08:45");
  CHECK(target(r, Target::Response).status == TargetStatus::Pending);
  CHECK(target(r, Target::Response).elapsed == 15 * M);
  CHECK(r.status == TicketStatus::Open);
  r = f.eval(evs, "2026-11-09 12:00");
  CHECK(target(r, Target::Response).status == TargetStatus::Met);
  CHECK(r.status == TicketStatus::Open);
  r = f.eval(evs, "2026-11-08 12:00");  // before it was created
  CHECK(r.status == TicketStatus::None);
  CHECK_FALSE(r.created);
  CHECK(r.targets.empty());
}

TEST_CASE("rework: rejected and reopened move the final completion") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-09 08:30", "T7"), ev("2026-11-09 09:00", "T7", EventKind::Responded),
                            ev("2026-11-09 10:00", "T7", EventKind::Arrived),
                            ev("2026-11-09 11:00", "T7", EventKind::Completed),
                            ev("2026-11-09 11:30", "T7", EventKind::FollowedUp, {{Field::Satisfaction, "2"}}),
                            ev("2026-11-09 11:45", "T7", EventKind::Rejected)};
  auto r = f.eval(evs, "2026-11-09 16:00");
  CHECK(target(r, Target::Resolution).status == TargetStatus::Pending);
  CHECK(target(r, Target::Followup).status == TargetStatus::NotApplicable);  // no final completion
  evs.push_back(ev("2026-11-10 09:00", "T7", EventKind::Completed));
  r = f.eval(evs, "2026-11-10 12:00");
  const auto& res = target(r, Target::Resolution);
  CHECK(res.status == TargetStatus::Met);
  CHECK(f.ts(*res.stop) == "2026-11-10T09:00:00+08:00");
  CHECK(res.elapsed == 8 * H + 30 * M);
  // the follow-up before the final completion does not stop its clock
  const auto& fu = target(r, Target::Followup);
  CHECK(fu.status == TargetStatus::Pending);
  CHECK(f.ts(*fu.start) == "2026-11-10T09:00:00+08:00");
  CHECK(fu.elapsed == 3 * H);
  // closed, then reopened: open again, resolution without a final completion
  evs.push_back(ev("2026-11-10 10:00", "T7", EventKind::FollowedUp, {{Field::Satisfaction, "5"}}));
  evs.push_back(ev("2026-11-10 10:30", "T7", EventKind::Closed));
  r = f.eval(evs, "2026-11-10 12:00");
  CHECK(r.closed);
  CHECK(r.status == TicketStatus::OnTime);
  evs.push_back(ev("2026-11-11 09:00", "T7", EventKind::Reopened));
  r = f.eval(evs, "2026-11-11 12:00");
  CHECK_FALSE(r.closed);
  CHECK(target(r, Target::Resolution).status == TargetStatus::Pending);
  CHECK(target(r, Target::Followup).status == TargetStatus::NotApplicable);
  CHECK(r.status == TicketStatus::Open);
}

TEST_CASE("cancelled: targets not reached are n/a, reached ones keep their status") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-06 16:00", "T8"), ev("2026-11-09 09:00", "T8", EventKind::Responded),
                            ev("2026-11-09 10:00", "T8", EventKind::Cancelled),
                            ev("2026-11-09 11:00", "T8", EventKind::Arrived)};
  auto r = f.eval(evs, "2026-11-20 12:00");
  CHECK(r.status == TicketStatus::Cancelled);
  CHECK(r.cancelled);
  CHECK(target(r, Target::Response).status == TargetStatus::Breached);  // came before the cancellation
  CHECK(target(r, Target::Arrival).status == TargetStatus::NotApplicable);  // came after it
  CHECK(target(r, Target::Resolution).status == TargetStatus::NotApplicable);
  CHECK(target(r, Target::Followup).status == TargetStatus::NotApplicable);
  CHECK(r.any(TargetStatus::Breached));
}

TEST_CASE("closed without the stop event: breached, overdue 0 when time was not up") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-09 08:30", "T9"), ev("2026-11-09 09:00", "T9", EventKind::Responded),
                            ev("2026-11-09 10:00", "T9", EventKind::Closed)};
  auto r = f.eval(evs, "2026-11-20 12:00");
  CHECK(r.closed);
  const auto& arr = target(r, Target::Arrival);
  CHECK(arr.status == TargetStatus::Breached);
  CHECK(arr.elapsed == 90 * M);  // measured to the close, not to as_of
  CHECK(arr.overdue == 0);
  CHECK(f.ts(arr.clock_end) == "2026-11-09T10:00:00+08:00");
  CHECK(target(r, Target::Response).status == TargetStatus::Met);
  CHECK(target(r, Target::Followup).status == TargetStatus::NotApplicable);  // never started
  CHECK(r.status == TicketStatus::Late);
  // closed after its time was up: overdue counts to the close
  evs[2] = ev("2026-11-11 10:00", "T9", EventKind::Closed);
  r = f.eval(evs, "2026-11-20 12:00");
  CHECK(target(r, Target::Arrival).overdue == 25 * H + 30 * M);
  CHECK(r.max_overdue() == 25 * H + 30 * M);
}

TEST_CASE("rule order: the first rule whose when holds applies") {
  Fixture f;
  // urgent and a consultation: urgent comes first
  auto r = f.eval({created("2026-11-09 08:30", "R1", {{Field::Urgency, "urgent"}, {Field::Type, "consultation"}})},
                  "2026-11-09 09:00");
  CHECK(r.rule == "urgent");
  CHECK(r.rule_reason == "urgency = urgent");
  // remote beats urgent
  r = f.eval({created("2026-11-09 08:30", "R2", {{Field::Urgency, "urgent"}, {Field::DistanceKm, "150"}})},
             "2026-11-09 09:00");
  CHECK(r.rule == "remote");
  CHECK(r.rule_reason == "distance_km 150 > 100");
  CHECK_FALSE(listed(r, Target::Arrival));  // a target the rule does not define is not listed
  CHECK(r.targets.size() == 3);
  // exactly 100 km is not over 100
  r = f.eval({created("2026-11-09 08:30", "R3", {{Field::DistanceKm, "100"}})}, "2026-11-09 09:00");
  CHECK(r.rule == "standard");
  CHECK(r.rule_reason == "no conditions (matches every ticket)");
  r = f.eval({created("2026-11-09 08:30", "R4", {{Field::Type, "complaint"}})}, "2026-11-09 09:00");
  CHECK(r.rule == "consultation");
  CHECK(r.rule_reason == "type complaint is one of consultation, complaint");
  CHECK(rule_mismatch(f.p.rules[1], facts_of(created("2026-11-09 08:30", "R4"))) == "urgency is normal, not urgent");
}

TEST_CASE("distance_km_over never matches a ticket without a distance") {
  Fixture f;
  f.p.rules[0].when.distance_km_over = 0;  // "over 0 km" still needs a distance
  auto c = created("2026-11-09 08:30", "D1");
  c.at(Field::DistanceKm) = "";
  auto r = f.eval({c}, "2026-11-09 09:00");
  CHECK(r.rule == "standard");
  CHECK(rule_mismatch(f.p.rules[0], facts_of(c)) == "no distance_km, so not over 0");
  c.at(Field::DistanceKm) = "0.5";
  CHECK(f.eval({c}, "2026-11-09 09:00").rule == "remote");
}

TEST_CASE("no rule matching: no targets, status none") {
  Fixture f;
  f.p.rules.pop_back();  // drop the catch-all
  auto r = f.eval({created("2026-11-09 08:30", "N1"), ev("2026-11-12 08:30", "N1", EventKind::Responded)},
                  "2026-11-20 09:00");
  CHECK(r.rule_index == -1);
  CHECK(r.rule.empty());
  CHECK(r.targets.empty());
  CHECK(r.status == TicketStatus::None);
  CHECK(match_rule(created("2026-11-09 08:30", "N1"), f.p) == -1);
  // a cancelled ticket is cancelled whether or not a rule matched
  r = f.eval({created("2026-11-09 08:30", "N1"), ev("2026-11-09 09:00", "N1", EventKind::Cancelled)}, "2026-11-20 09:00");
  CHECK(r.status == TicketStatus::Cancelled);
}

TEST_CASE("on_time needs every measured target met; open otherwise") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-09 08:30", "O1"), ev("2026-11-09 09:00", "O1", EventKind::Responded)};
  CHECK(f.eval(evs, "2026-11-09 10:00").status == TicketStatus::Open);
  evs.push_back(ev("2026-11-09 10:00", "O1", EventKind::Arrived));
  evs.push_back(ev("2026-11-09 11:00", "O1", EventKind::Completed));
  evs.push_back(ev("2026-11-09 15:00", "O1", EventKind::FollowedUp, {{Field::Satisfaction, "5"}}));
  auto r = f.eval(evs, "2026-11-09 16:00");
  CHECK(r.status == TicketStatus::OnTime);
  // a rule without followup: n/a targets are simply not there
  auto c = created("2026-11-09 08:30", "O2", {{Field::Type, "consultation"}});
  r = f.eval({c, ev("2026-11-09 09:00", "O2", EventKind::Responded), ev("2026-11-09 11:00", "O2", EventKind::Completed)},
             "2026-11-09 16:00");
  CHECK(r.rule == "consultation");
  CHECK(r.status == TicketStatus::OnTime);
}

TEST_CASE("at_risk from warn_at x target; due at as_of when no time is left") {
  Fixture f;
  std::vector<Event> evs = {created("2026-11-09 08:00", "A1")};
  // response 24h: 80 % is 19h12m
  auto r = f.eval(evs, "2026-11-10 03:11");
  CHECK_FALSE(target(r, Target::Response).at_risk);
  r = f.eval(evs, "2026-11-10 03:12");
  CHECK(target(r, Target::Response).at_risk);
  CHECK(r.at_risk());
  CHECK(r.status == TicketStatus::Open);
  // exactly 24 h: still pending, no time left, due now
  r = f.eval(evs, "2026-11-10 08:00");
  const auto& resp = target(r, Target::Response);
  CHECK(resp.status == TargetStatus::Pending);
  REQUIRE(resp.due);
  CHECK(*resp.due == at("2026-11-10 08:00", f.p.tz));
  // business resolution with no time left at a closed hour: due at as_of too
  std::vector<Event> b = {created("2026-11-06 16:00", "A2")};
  r = f.eval(b, "2026-11-11 16:00");
  REQUIRE(target(r, Target::Resolution).due);
  CHECK(*target(r, Target::Resolution).due == at("2026-11-11 16:00", f.p.tz));
  f.p.warn_at = 0.5;
  r = f.eval(evs, "2026-11-09 20:00");
  CHECK(target(r, Target::Response).at_risk);
}

TEST_CASE("DST: Europe/Berlin calendar and business clocks on 2026-03-29 and 2026-10-25") {
  Policy p = default_policy();
  p.timezone = "Europe/Berlin";
  p.tz = TimeZone::locate(p.timezone);
  p.calendar.holidays.clear();
  p.calendar.extra_workdays.clear();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  auto make = [&](const char* ts) { return created(ts, "B1", {}, tz); };
  // spring: 24 calendar hours from Saturday noon end at 13:00 local on Sunday
  auto r = evaluate_ticket({make("2026-03-28 12:00")}, p, cal, at("2026-03-29 10:00", tz));
  const auto& resp = target(r, Target::Response);
  CHECK(resp.elapsed == 21 * H);  // 22 local hours, one of which never happened
  REQUIRE(resp.due);
  CHECK(format_rfc3339(*resp.due, tz) == "2026-03-29T13:00:00+02:00");
  // resolution 3bd from Friday 17:00: 0.5 h Friday, then Mon, Tue 8 h, Wed 7.5 h -> Wednesday 17:00
  r = evaluate_ticket({make("2026-03-27 17:00")}, p, cal, at("2026-03-30 09:30", tz));
  CHECK(target(r, Target::Resolution).elapsed == 90 * M);
  REQUIRE(target(r, Target::Resolution).due);
  CHECK(format_rfc3339(*target(r, Target::Resolution).due, tz) == "2026-04-01T17:00:00+02:00");
  // autumn: 24 calendar hours from Saturday noon end at 11:00 local on Sunday
  r = evaluate_ticket({make("2026-10-24 12:00")}, p, cal, at("2026-10-25 10:00", tz));
  CHECK(target(r, Target::Response).elapsed == 23 * H);
  REQUIRE(target(r, Target::Response).due);
  CHECK(format_rfc3339(*target(r, Target::Response).due, tz) == "2026-10-25T11:00:00+01:00");
  r = evaluate_ticket({make("2026-10-23 17:00"), ev("2026-10-26 09:30", "B1", EventKind::Completed, {}, tz)}, p, cal,
                      at("2026-10-26 12:00", tz));
  CHECK(target(r, Target::Resolution).status == TargetStatus::Met);
  CHECK(target(r, Target::Resolution).elapsed == 90 * M);
  CHECK(target(r, Target::Response).elapsed == 68 * H);  // to as_of: 67 local hours + the repeated one
}

TEST_CASE("evaluate_sla on the lean form equals evaluate_ticket") {
  Fixture f;
  auto evs = t1(true);
  evs.push_back(ev("2026-11-09 09:30", "T1", EventKind::Dispatched, {{Field::Engineer, "E-017"}}));
  sort_events(evs);
  auto full = f.eval(evs, "2026-11-10 12:00");
  std::vector<SlaEvent> lean;
  for (auto& e : evs) lean.push_back({e.ts, e.kind, e.get(Field::Engineer)});
  auto l = evaluate_sla(facts_of(evs[0]), lean, f.p, f.cal, at("2026-11-10 12:00", f.p.tz));
  CHECK(full.engineer == "E-017");
  CHECK(l.engineer == "E-017");
  REQUIRE(l.targets.size() == full.targets.size());
  for (size_t i = 0; i < l.targets.size(); ++i) {
    CHECK(l.targets[i].status == full.targets[i].status);
    CHECK(l.targets[i].elapsed == full.targets[i].elapsed);
    CHECK(l.targets[i].due == full.targets[i].due);
  }
}

// ---------------------------------------------------------------------------
// svc's `due` column and the "due" target (docs/policy.md, issue 16 item 9).

namespace {
Policy due_policy() {
  return load_policy_text(R"(
timezone = "Asia/Shanghai"
[[sla.rules]]
name = "agency"
resolution = "due"
[[sla.rules]]
name = "vip"
when = { customer = ["C-VIP", "C-GOLD"], product = "KFR-35" }
resolution = "4h"
[[sla.rules]]
name = "outlet"
when = { outlet = "SH-02", has_due = false }
resolution = "8h"
[[sla.rules]]
name = "standard"
resolution = "24h"
)",
                          "due.toml");
}
}  // namespace

TEST_CASE("a 'due' target measures against the ticket's own due time; tickets without one fall through") {
  Policy p = due_policy();
  BusinessCalendar cal{p.calendar, p.tz};
  auto eval = [&](const std::vector<Event>& evs, const char* as_of) {
    return evaluate_ticket(evs, p, cal, at(as_of, p.tz));
  };
  // due 10:00 + 30 h; completed exactly at the due time: met (both ends included).
  Event c = created("2026-11-02 10:00", "D1", {{Field::Due, "2026-11-03T08:00:00Z"}});  // 16:00 Shanghai next day
  auto r = eval({c, ev("2026-11-03 16:00", "D1", EventKind::Completed)}, "2026-11-05 00:00");
  CHECK(r.rule == "agency");
  REQUIRE(r.targets.size() == 1);
  CHECK(r.targets[0].limit.text == "due");
  CHECK(r.targets[0].limit.micros == 30 * H);
  CHECK(r.targets[0].status == TargetStatus::Met);
  // one second later: breached by one second
  r = eval({c, ev("2026-11-03 16:00:01", "D1", EventKind::Completed)}, "2026-11-05 00:00");
  CHECK(r.targets[0].status == TargetStatus::Breached);
  CHECK(r.targets[0].overdue == kMicrosPerSecond);
  // a pause stops the clock as for any target: 2 h paused, completed 1 h after the due time → met
  r = eval({c, ev("2026-11-02 12:00", "D1", EventKind::Paused), ev("2026-11-02 14:00", "D1", EventKind::Resumed),
            ev("2026-11-03 17:00", "D1", EventKind::Completed)},
           "2026-11-05 00:00");
  CHECK(r.targets[0].status == TargetStatus::Met);
  // pending: due shown at the due time itself when not paused
  r = eval({c}, "2026-11-03 10:00");
  CHECK(r.targets[0].status == TargetStatus::Pending);
  REQUIRE(r.targets[0].due);
  CHECK(*r.targets[0].due == at("2026-11-03 16:00", p.tz));
  // due equal to created: a zero-length target, met only by a completion at the same instant
  Event z = created("2026-11-02 10:00", "D2", {{Field::Due, "2026-11-02T02:00:00Z"}});
  CHECK(eval({z, ev("2026-11-02 10:00", "D2", EventKind::Completed)}, "2026-11-03 00:00").status == TicketStatus::OnTime);
  CHECK(eval({z, ev("2026-11-02 10:01", "D2", EventKind::Completed)}, "2026-11-03 00:00").status == TicketStatus::Late);

  // without a due time the `agency` rule does not apply; the explanation says why
  std::string reason;
  Event plain = created("2026-11-02 10:00", "D3");
  CHECK(match_rule(plain, p, &reason) == 3);
  CHECK(rule_mismatch(p.rules[0], facts_of(plain)) == "has no due time, which its target 'due' needs");
  CHECK(rule_mismatch(p.rules[1], facts_of(plain)) ==
        "customer is absent, not one of C-VIP, C-GOLD, product is absent, not KFR-35");
}

TEST_CASE("when keys on outlet, customer, product, serial and has_due") {
  Policy p = due_policy();
  std::string reason;
  Event vip = created("2026-11-02 10:00", "V1", {{Field::Customer, "C-GOLD"}, {Field::Product, "KFR-35"}});
  CHECK(match_rule(vip, p, &reason) == 1);
  CHECK(reason == "customer C-GOLD is one of C-VIP, C-GOLD, product = KFR-35");
  Event other_product = created("2026-11-02 10:00", "V2", {{Field::Customer, "C-VIP"}, {Field::Product, "KFR-26"}});
  CHECK(match_rule(other_product, p) == 3);
  Event sh02 = created("2026-11-02 10:00", "O1", {{Field::Outlet, "SH-02"}});
  CHECK(match_rule(sh02, p, &reason) == 2);
  CHECK(reason == "outlet = SH-02, has no due time");
  // has_due = false excludes a ticket with a due time (it goes to `agency` first anyway)
  Event sh02_due = created("2026-11-02 10:00", "O2", {{Field::Outlet, "SH-02"}, {Field::Due, "2026-11-09T00:00:00Z"}});
  CHECK(match_rule(sh02_due, p) == 0);
  CHECK(rule_mismatch(p.rules[2], facts_of(sh02_due)) == "has a due time");
  Policy s = load_policy_text("[[sla.rules]]\nname = \"unit\"\nwhen = { serial = \"SN-1\" }\nresolution = \"1h\"\n",
                              "s.toml");
  CHECK(match_rule(created("2026-11-02 10:00", "S1", {{Field::Serial, "SN-1"}}), s) == 0);
  CHECK(match_rule(created("2026-11-02 10:00", "S2", {{Field::Serial, "SN-2"}}), s) == -1);
}
