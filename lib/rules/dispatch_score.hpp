// The dispatch scorer: how well one engineer fits one ticket, as a sum of
// weighted factors with a reason for each (docs/dispatch.md). Pure functions
// of plain data and the policy's [dispatch] section: no store, no clock.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "policy.hpp"
#include "timeutil.hpp"

namespace svc {

// An appointment window [from, to) held for a ticket.
struct Window {
  Instant from = 0, to = 0;
  bool overlaps(const Window& o) const { return from < o.to && o.from < to; }
};

// What the scorer needs of a ticket.
struct DispatchTicket {
  std::string ticket, outlet, region, type, urgency;
  std::string line;                    // product line ("" = unknown)
  std::vector<std::string> needs;      // skills a job on the model needs besides the line (products.skills)
  std::optional<double> distance_km;   // customer's distance from the ticket's outlet
  std::optional<Window> window;        // the ticket's current appointment window
};

// A window an engineer already holds, for another ticket.
struct Booking {
  std::string ticket;
  Window window;
};

// What the scorer needs of an engineer, with his current load.
struct DispatchEngineer {
  std::string id, name, outlet, region;
  std::vector<std::string> skills;
  int level = 1;
  bool active = true;
  int open = 0;                   // open tickets assigned to him now
  std::vector<Booking> bookings;  // current windows of those tickets
};

// One factor of a score: its name (outlet, region, skill_type, skill_line,
// workload, conflict, distance, level), the points it adds (negative:
// subtracts) and why, in words.
struct Reason {
  std::string factor;
  double points = 0;
  std::string text;
};

// How the ticket's distance is banded.
enum class DistanceBand { Unknown, Near, Far, Beyond };
std::string_view to_string(DistanceBand b);  // "unknown" "near" "far" "beyond"
DistanceBand distance_band(const DispatchPolicy& p, const std::optional<double>& km);
// Beyond the service radius and the policy says remote handling: no visit.
bool remote_handling(const DispatchPolicy& p, const DispatchTicket& t);

struct Candidate {
  std::string engineer;
  double score = 0;
  std::vector<Reason> reasons;           // in factor order
  std::vector<std::string> conflicts;    // tickets whose windows overlap the ticket's window
  bool other_region = false;             // not the ticket's region: needs --force, never chosen by auto
  bool inactive = false;
  int open = 0, level = 1;
  // May be given the ticket without --force: active, same region, no double booking.
  bool eligible() const { return !other_region && !inactive && conflicts.empty(); }
  // "other region", "inactive", "double booking: T7" — why not eligible, "" when eligible.
  std::string blocked() const;
};

// Scores one engineer for one ticket.
Candidate score_candidate(const DispatchPolicy& p, const DispatchTicket& t, const DispatchEngineer& e);

// The same score (and conflicts, eligibility) without the reasons: for auto,
// which scores every pair and explains only the chosen one.
Candidate score_fast(const DispatchPolicy& p, const DispatchTicket& t, const DispatchEngineer& e);

// The order of candidates: eligible first, then higher score, fewer open
// tickets, higher level, and engineer id (so equal inputs give equal order).
bool better(const Candidate& a, const Candidate& b);

// Scores and ranks every engineer for the ticket (best first).
std::vector<Candidate> rank_candidates(const DispatchPolicy& p, const DispatchTicket& t,
                                       const std::vector<DispatchEngineer>& engineers);

// "30" / "-15" / "7.5": points as shown to users (shortest form, sign on losses).
std::string format_points(double v);
// "same outlet SH-01 (+30); skill repair (+25); …"
std::string reasons_text(const std::vector<Reason>& r);

}  // namespace svc
