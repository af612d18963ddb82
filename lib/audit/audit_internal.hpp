#pragma once
// Internal to the audit files (audit.cpp, audit_sla_output.cpp, audit_sla.cpp,
// audit_integrity.cpp): helpers that more than one of them needs. Not a
// public header.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.hpp"

namespace svc::audit_detail {

// A JSON string, as json_escape writes it, without allocating on the common
// path (well-formed UTF-8 with nothing to escape). Defined in audit_sla_output.cpp.
void append_json_string(std::string& out, std::string_view s);

// The lean form of one ticket (lib/rules/sla.hpp) from its digest, as SLA
// evaluation reads it as of as_of: `f` the attributes of its first `created`
// event that counts (customer, product and serial only with unit_attributes),
// `evs` its events that count, in log order; string views into `digest` and
// `ticket`. Returns the created event's ts; nullopt when it has no such
// created event. Defined in audit.cpp.
std::optional<Instant> lean_ticket(std::string_view ticket, std::string_view digest, Instant as_of, bool unit_attributes,
                 TicketFacts& f, std::vector<SlaEvent>& evs);

// called per ticket: inline here, as it was within the one file
inline bool listed(const TicketSla& t) { return t.any(TargetStatus::Breached) || t.at_risk(); }

}  // namespace svc::audit_detail
