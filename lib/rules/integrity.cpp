#include "integrity.hpp"

#include <fmt/format.h>

namespace svc {

std::string_view to_string(Check c) {
  switch (c) {
    case Check::SignBeforeCompletion: return "sign-before-completion";
    case Check::UnapprovedFee: return "unapproved-fee";
    case Check::FeeOnCoveredWork: return "fee_on_covered_work";
  }
  return "?";
}

std::vector<Finding> integrity_findings(const std::vector<Event>& events, Instant as_of,
                                        const std::set<std::string>& covered_fees) {
  std::vector<Finding> out;
  const std::string* outlet = nullptr;
  const std::string* engineer = nullptr;
  bool completed = false;
  for (const auto& e : events)
    if (e.kind == EventKind::Created) {
      outlet = &e.get(Field::Outlet);
      break;
    }
  for (const auto& e : events) {
    if (!counts(e, as_of)) continue;
    switch (e.kind) {
      case EventKind::Dispatched: engineer = &e.get(Field::Engineer); break;
      case EventKind::Completed: completed = true; break;
      default: break;
    }
    Finding f;
    if (e.kind == EventKind::Signed && !completed) {
      f.check = Check::SignBeforeCompletion;
      f.detail = "signed with no completion before it";
    } else if (e.kind == EventKind::Fee && e.get(Field::Approved) == "no" && covered_fees.count(e.id)) {
      f.check = Check::FeeOnCoveredWork;
      f.detail = fmt::format("fee {} on covered work: {}", e.get(Field::Amount), e.get(Field::Note));
    } else if (e.kind == EventKind::Fee && e.get(Field::Approved) == "no") {
      f.check = Check::UnapprovedFee;
      f.detail = fmt::format("fee {} not approved", e.get(Field::Amount));
    } else {
      continue;
    }
    f.ticket = e.ticket;
    f.event_id = e.id;
    f.kind = e.kind;
    f.ts = e.ts;
    if (outlet) f.outlet = *outlet;
    if (engineer) f.engineer = *engineer;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace svc
