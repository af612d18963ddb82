#include "dispatch_score.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace svc {

std::string_view to_string(DistanceBand b) {
  switch (b) {
    case DistanceBand::Unknown: return "unknown";
    case DistanceBand::Near: return "near";
    case DistanceBand::Far: return "far";
    case DistanceBand::Beyond: return "beyond";
  }
  return "?";
}

DistanceBand distance_band(const DispatchPolicy& p, const std::optional<double>& km) {
  if (!km) return DistanceBand::Unknown;
  if (*km <= p.near_km) return DistanceBand::Near;
  if (*km <= p.service_radius_km) return DistanceBand::Far;
  return DistanceBand::Beyond;
}

bool remote_handling(const DispatchPolicy& p, const DispatchTicket& t) {
  return p.beyond_radius == "remote" && distance_band(p, t.distance_km) == DistanceBand::Beyond;
}

std::string format_points(double v) {
  if (v == 0) return "0";  // also -0
  double r = std::round(v * 100) / 100;  // weights are points: two decimals are plenty
  std::string s = fmt::format("{:.2f}", std::fabs(r));
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return (r < 0 ? "-" : "+") + s;
}

std::string reasons_text(const std::vector<Reason>& r) {
  std::string out;
  for (const auto& x : r) {
    if (!out.empty()) out += "; ";
    out += x.points == 0 ? x.text : fmt::format("{} ({})", x.text, format_points(x.points));
  }
  return out;
}

std::string Candidate::blocked() const {
  std::vector<std::string> why;
  if (inactive) why.emplace_back("inactive");
  if (other_region) why.emplace_back("other region");
  if (!conflicts.empty()) {
    std::string t;
    for (const auto& c : conflicts) t += (t.empty() ? "" : ", ") + c;
    why.push_back("double booking: " + t);
  }
  std::string out;
  for (const auto& w : why) out += (out.empty() ? "" : "; ") + w;
  return out;
}

namespace {
bool has_skill(const DispatchEngineer& e, const std::string& s) {
  return std::find(e.skills.begin(), e.skills.end(), s) != e.skills.end();
}
std::string km(double v) { return fmt::format("{} km", v); }
}  // namespace

namespace {
template <bool Explain>
Candidate score_impl(const DispatchPolicy& p, const DispatchTicket& t, const DispatchEngineer& e) {
  Candidate c;
  c.engineer = e.id;
  c.open = e.open;
  c.level = e.level;
  c.inactive = !e.active;
  // the text is only built when explaining (auto scores thousands of pairs, explains one)
  auto add = [&](const char* factor, double points, auto&& text) {
    if (points == 0) points = 0;  // no "-0" from 0 × a negative weight
    if constexpr (Explain) c.reasons.push_back({factor, points, std::string(text())});
    c.score += points;
  };
  const bool same_outlet = e.outlet == t.outlet;
  if (same_outlet) add("outlet", p.w_same_outlet, [&] { return fmt::format("same outlet {}", t.outlet); });
  else if (e.region == t.region) add("region", p.w_same_region, [&] { return fmt::format("same region {}, outlet {}", t.region, e.outlet); });
  else {
    c.other_region = true;
    add("region", 0, [&] { return fmt::format("other region {} (ticket in {}): needs --force", e.region, t.region); });
  }

  if (has_skill(e, t.type)) add("skill_type", p.w_skill_type, [&] { return fmt::format("skill {}", t.type); });
  else add("skill_type", 0, [&] { return fmt::format("no skill {}", t.type); });

  // the product's line, or a skill the model needs (docs/installed-base.md)
  const std::string* line_match = nullptr;
  if (!t.line.empty() && has_skill(e, t.line)) line_match = &t.line;
  for (const auto& n : t.needs)
    if (!line_match && has_skill(e, n)) line_match = &n;
  if (t.line.empty() && t.needs.empty()) add("skill_line", 0, [&] { return "product line unknown"; });
  else if (line_match) add("skill_line", p.w_skill_line, [&] { return fmt::format("skill {}", *line_match); });
  else add("skill_line", 0, [&] {
    std::string want = t.line;
    for (const auto& n : t.needs) want += (want.empty() ? "" : " or ") + n;
    return fmt::format("no skill {}", want);
  });

  add("workload", -p.w_workload * e.open, [&] { return e.open == 0 ? std::string("no open tickets")
                  : fmt::format("{} open ticket{}", e.open, e.open == 1 ? "" : "s"); });

  if (!t.window) add("conflict", 0, [&] { return "no appointment window yet"; });
  else {
    for (const auto& b : e.bookings) {
      if (b.ticket == t.ticket || !b.window.overlaps(*t.window)) continue;
      c.conflicts.push_back(b.ticket);
      add("conflict", -p.w_conflict, [&] { return fmt::format("double booking: window overlaps {}", b.ticket); });
    }
    if (c.conflicts.empty()) add("conflict", 0, [&] { return "free in the window"; });
  }

  switch (distance_band(p, t.distance_km)) {
    case DistanceBand::Unknown: add("distance", 0, [&] { return "distance unknown"; }); break;
    case DistanceBand::Near:
      if (same_outlet) add("distance", p.w_near, [&] { return fmt::format("near: {} from {}", km(*t.distance_km), t.outlet); });
      else add("distance", 0, [&] { return fmt::format("near {} ({}), not his outlet", t.outlet, km(*t.distance_km)); });
      break;
    case DistanceBand::Far:
      add("distance", 0, [&] { return fmt::format("far: {} from {} (near is up to {})", km(*t.distance_km), t.outlet, km(p.near_km)); });
      break;
    case DistanceBand::Beyond:
      if (p.beyond_radius == "remote")
        add("distance", 0, [&] { return fmt::format("remote handling: {} is beyond the {} service radius, no visit",
                                       km(*t.distance_km), km(p.service_radius_km)); });
      else
        add("distance", 0, [&] { return fmt::format("beyond the {} service radius: {}, a visit all the same",
                                       km(p.service_radius_km), km(*t.distance_km)); });
      break;
  }

  if (remote_handling(p, t))
    add("level", 2 * p.w_level * e.level, [&] { return fmt::format("level {} (counts double for remote handling)", e.level); });
  else add("level", p.w_level * e.level, [&] { return fmt::format("level {}", e.level); });
  return c;
}

}  // namespace

Candidate score_candidate(const DispatchPolicy& p, const DispatchTicket& t, const DispatchEngineer& e) {
  return score_impl<true>(p, t, e);
}

Candidate score_fast(const DispatchPolicy& p, const DispatchTicket& t, const DispatchEngineer& e) {
  return score_impl<false>(p, t, e);
}

bool better(const Candidate& a, const Candidate& b) {
  if (a.eligible() != b.eligible()) return a.eligible();
  if (a.score != b.score) return a.score > b.score;
  if (a.open != b.open) return a.open < b.open;
  if (a.level != b.level) return a.level > b.level;
  return a.engineer < b.engineer;
}

std::vector<Candidate> rank_candidates(const DispatchPolicy& p, const DispatchTicket& t,
                                       const std::vector<DispatchEngineer>& engineers) {
  std::vector<Candidate> v;
  v.reserve(engineers.size());
  for (const auto& e : engineers) v.push_back(score_candidate(p, t, e));
  std::sort(v.begin(), v.end(), better);
  return v;
}

}  // namespace svc
