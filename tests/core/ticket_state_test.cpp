// The ticket state machine (lib/core/ticket_state.cpp).
#include <doctest/doctest.h>

#include <algorithm>

#include "error.hpp"
#include "sla_fixtures.hpp"
#include "ticket_state.hpp"

using namespace svc;
using svc::test::created;
using svc::test::ev;

namespace {
constexpr Instant kEnd = std::numeric_limits<Instant>::max();
std::string steps(const TicketState& s) {
  std::string o;
  for (Step x : allowed_steps(s)) {
    if (!o.empty()) o += ' ';
    o += to_string(x);
  }
  return o;
}
std::string refusal(const TicketState& s, Step step) {
  try {
    require_step("T1", s, step);
  } catch (const DataError& e) {
    CHECK(e.exit_code() == 65);
    return e.what();
  } catch (const NotFound& e) {  // no such ticket
    CHECK(e.exit_code() == 66);
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("derive_state follows the happy path") {
  std::vector<Event> evs = {created("2026-11-02 08:15", "T1")};
  CHECK(derive_state({}, kEnd).phase == Phase::None);
  CHECK(derive_state(evs, kEnd).phase == Phase::New);
  evs.push_back(ev("2026-11-02 09:40", "T1", EventKind::Responded));
  CHECK(derive_state(evs, kEnd).phase == Phase::Responded);
  evs.push_back(ev("2026-11-02 10:05", "T1", EventKind::Dispatched, {{Field::Engineer, "E-017"}}));
  auto s = derive_state(evs, kEnd);
  CHECK(s.phase == Phase::Scheduled);
  CHECK(s.engineer == "E-017");
  evs.push_back(ev("2026-11-02 14:30", "T1", EventKind::Arrived));
  CHECK(derive_state(evs, kEnd).phase == Phase::OnSite);
  evs.push_back(ev("2026-11-02 15:50", "T1", EventKind::Completed));
  CHECK(derive_state(evs, kEnd).phase == Phase::Completed);
  evs.push_back(ev("2026-11-02 15:55", "T1", EventKind::Signed));
  CHECK(derive_state(evs, kEnd).phase == Phase::Signed);
  evs.push_back(ev("2026-11-03 10:00", "T1", EventKind::FollowedUp, {{Field::Satisfaction, "5"}}));
  CHECK(derive_state(evs, kEnd).phase == Phase::Signed);
  evs.push_back(ev("2026-11-03 10:05", "T1", EventKind::Closed));
  CHECK(derive_state(evs, kEnd).phase == Phase::Closed);
  // as of an earlier time
  CHECK(derive_state(evs, svc::test::at("2026-11-02 14:00", svc::test::shanghai())).phase == Phase::Scheduled);
}

TEST_CASE("rework, reopen, pauses and cancel") {
  std::vector<Event> evs = {created("2026-11-02 08:15", "T1"),
                            ev("2026-11-02 10:05", "T1", EventKind::Dispatched, {{Field::Engineer, "E-1"}}),
                            ev("2026-11-02 14:30", "T1", EventKind::Arrived),
                            ev("2026-11-02 15:50", "T1", EventKind::Completed),
                            ev("2026-11-02 15:55", "T1", EventKind::Rejected)};
  auto s = derive_state(evs, kEnd);
  CHECK(s.phase == Phase::Rework);
  CHECK_FALSE(s.engineer_this_round);
  CHECK(steps(s) == "schedule complete cancel pause complain note");  // no arrive before a new dispatch
  evs.push_back(ev("2026-11-03 09:00", "T1", EventKind::Dispatched, {{Field::Engineer, "E-2"}}));
  CHECK(derive_state(evs, kEnd).phase == Phase::Scheduled);
  evs.push_back(ev("2026-11-03 09:10", "T1", EventKind::Paused));
  s = derive_state(evs, kEnd);
  CHECK(s.paused);
  CHECK(steps(s) == "schedule arrive cancel resume complain note");
  evs.push_back(ev("2026-11-03 11:00", "T1", EventKind::Resumed));
  CHECK_FALSE(derive_state(evs, kEnd).paused);
  evs.push_back(ev("2026-11-03 12:00", "T1", EventKind::Cancelled));
  s = derive_state(evs, kEnd);
  CHECK(s.phase == Phase::Cancelled);
  CHECK(allowed_steps(s).empty());
  evs.push_back(ev("2026-11-03 13:00", "T1", EventKind::Completed));  // after cancel: ignored
  CHECK(derive_state(evs, kEnd).phase == Phase::Cancelled);
}

TEST_CASE("allowed steps per phase") {
  TicketState s;
  CHECK(steps(s) == "create");
  s.phase = Phase::New;
  CHECK(steps(s) == "respond schedule resolve-by-phone cancel pause complain note");
  s.phase = Phase::Scheduled;
  s.engineer_this_round = true;
  CHECK(steps(s) == "schedule arrive cancel pause complain note");
  s.phase = Phase::Completed;
  CHECK(steps(s) == "sign reject follow-up reopen close pause complain note");
  s.phase = Phase::Signed;
  CHECK(steps(s) == "follow-up reopen close pause complain note");
  s.phase = Phase::Closed;
  CHECK(steps(s) == "follow-up reopen complain note");
}

TEST_CASE("a refused step names the state and the allowed steps") {
  TicketState s;
  s.phase = Phase::Scheduled;
  s.engineer_this_round = true;
  std::string m = refusal(s, Step::Sign);
  CHECK(m.find("ticket 'T1' is scheduled: 'sign' is not allowed") != std::string::npos);
  CHECK(m.find("--force --reason") != std::string::npos);
  CHECK(m.find("allowed: schedule, arrive, cancel, pause, complain, note") != std::string::npos);
  s.phase = Phase::Cancelled;
  CHECK(refusal(s, Step::Note).find("is cancelled: 'note' is not allowed; allowed: nothing") != std::string::npos);
  s.phase = Phase::New;
  CHECK(refusal(s, Step::Create).find("already exists") != std::string::npos);
  CHECK(refusal(s, Step::Arrive).find("no engineer is dispatched") != std::string::npos);
  CHECK(refusal(s, Step::Resume).find("not paused") != std::string::npos);
  s.paused = true;
  CHECK(refusal(s, Step::Pause).find("is new and paused") != std::string::npos);
  TicketState none;
  CHECK(refusal(none, Step::Respond).find("no ticket 'T1'") != std::string::npos);
  CHECK(refusal(s, Step::Respond) == "");
}

TEST_CASE("phase names round-trip") {
  for (const auto& n : phase_names()) CHECK(to_string(*parse_phase(n)) == n);
  CHECK_FALSE(parse_phase("open"));
}
