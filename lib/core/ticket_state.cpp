#include "ticket_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "error.hpp"

namespace svc {

namespace {
constexpr std::array<std::string_view, 10> kPhaseNames = {"none",     "new",    "responded", "scheduled", "on_site",
                                                          "completed", "signed", "rework",    "closed",    "cancelled"};
constexpr std::array<std::string_view, 16> kStepNames = {
    "create",   "respond", "schedule", "arrive", "complete", "sign", "reject",           "follow-up",
    "complain", "reopen",  "cancel",   "close",  "note",     "resolve-by-phone", "pause", "resume"};
}  // namespace

std::string_view to_string(Phase p) { return kPhaseNames[static_cast<int>(p)]; }

std::optional<Phase> parse_phase(std::string_view s) {
  for (size_t i = 0; i < kPhaseNames.size(); ++i)
    if (kPhaseNames[i] == s) return static_cast<Phase>(i);
  return std::nullopt;
}

const std::vector<std::string>& phase_names() {
  static const std::vector<std::string> v(kPhaseNames.begin() + 1, kPhaseNames.end());
  return v;
}

std::string_view to_string(Step s) { return kStepNames[static_cast<int>(s)]; }

TicketState derive_state(const std::vector<Event>& events, Instant at) {
  TicketState s;
  for (const Event& e : events) {
    if (!counts(e, at)) continue;  // later, withdrawn by then, or a void itself
    if (s.phase == Phase::None && e.kind != EventKind::Created) continue;  // before creation: ignored
    s.last_ts = s.last_ts ? std::max(*s.last_ts, e.ts) : e.ts;
    if (s.phase == Phase::Cancelled) continue;
    switch (e.kind) {
      case EventKind::Created:
        if (s.phase == Phase::None) s.phase = Phase::New, s.created = e.ts;
        break;
      case EventKind::Responded:
        s.responded = true;
        if (s.phase == Phase::New) s.phase = Phase::Responded;
        break;
      case EventKind::Dispatched:
        s.engineer = e.get(Field::Engineer);
        s.engineer_this_round = true;
        if (s.phase == Phase::New || s.phase == Phase::Responded || s.phase == Phase::Rework) s.phase = Phase::Scheduled;
        break;
      case EventKind::Arrived:
        if (s.phase != Phase::Closed) s.phase = Phase::OnSite;
        break;
      case EventKind::Completed:
        s.completed_ever = true;
        if (s.phase != Phase::Closed) s.phase = Phase::Completed;
        break;
      case EventKind::Signed:
        if (s.phase == Phase::Completed) s.phase = Phase::Signed;
        break;
      case EventKind::Rejected:
      case EventKind::Reopened:
        s.phase = Phase::Rework;
        s.engineer_this_round = false;
        break;
      case EventKind::Paused: s.paused = true; break;
      case EventKind::Resumed: s.paused = false; break;
      case EventKind::Cancelled: s.phase = Phase::Cancelled; break;
      case EventKind::Closed:
        s.phase = Phase::Closed;
        break;
      default: break;  // followed_up, complaint, part_used, fee: no change of phase
    }
  }
  return s;
}

std::vector<Step> allowed_steps(const TicketState& s) {
  using S = Step;
  std::vector<S> v;
  switch (s.phase) {
    case Phase::None: return {S::Create};
    case Phase::Cancelled: return {};
    case Phase::New: v = {S::Respond, S::Schedule, S::ResolveByPhone, S::Cancel}; break;
    case Phase::Responded: v = {S::Schedule, S::ResolveByPhone, S::Cancel}; break;
    case Phase::Scheduled: v = {S::Schedule, S::Arrive, S::Cancel}; break;
    case Phase::OnSite: v = {S::Complete, S::Schedule, S::Cancel}; break;
    case Phase::Completed: v = {S::Sign, S::Reject, S::FollowUp, S::Reopen, S::Close}; break;
    case Phase::Signed: v = {S::FollowUp, S::Reopen, S::Close}; break;
    case Phase::Rework: v = {S::Schedule, S::Arrive, S::Complete, S::Cancel}; break;
    case Phase::Closed: v = {S::FollowUp, S::Reopen}; break;
  }
  if (s.phase != Phase::Closed) v.push_back(s.paused ? S::Resume : S::Pause);
  v.push_back(S::Complain);
  v.push_back(S::Note);
  // arriving needs someone dispatched in this round of work
  if (!s.engineer_this_round) v.erase(std::remove(v.begin(), v.end(), S::Arrive), v.end());
  return v;
}

bool step_allowed(const TicketState& s, Step step) {
  auto v = allowed_steps(s);
  return std::find(v.begin(), v.end(), step) != v.end();
}

void require_step(const std::string& ticket, const TicketState& s, Step step) {
  if (step_allowed(s, step)) return;
  if (s.phase == Phase::None) throw NotFound(fmt::format("no ticket '{}' (create it with 'svc ticket create')", ticket));
  if (step == Step::Create) throw DataError(fmt::format("ticket '{}' already exists (it is {})", ticket, to_string(s.phase)));
  std::string allowed;
  for (Step a : allowed_steps(s)) {
    if (!allowed.empty()) allowed += ", ";
    allowed += to_string(a);
  }
  std::string why;
  if (step == Step::Arrive && (s.phase == Phase::Scheduled || s.phase == Phase::Rework || s.phase == Phase::Responded ||
                               s.phase == Phase::New))
    why = " (no engineer is dispatched for this visit: 'svc ticket schedule --engineer E' first)";
  else if (step == Step::Pause && s.paused) why = " (the clock is already paused)";
  else if (step == Step::Resume && !s.paused) why = " (the clock is not paused)";
  else if (step == Step::Sign && s.phase != Phase::Signed && s.phase != Phase::Closed) why = " (no completion to sign; 'sign --force --reason TEXT' records it anyway, as an integrity finding)";
  throw DataError(fmt::format("ticket '{}' is {}{}: '{}' is not allowed{}; allowed: {}", ticket, to_string(s.phase),
                              s.paused ? " and paused" : "", to_string(step), why,
                              allowed.empty() ? "nothing (a cancelled ticket is final)" : allowed));
}

}  // namespace svc
