#pragma once
// Internal to the audit files (audit.cpp, audit_sla_output.cpp, audit_sla.cpp,
// audit_integrity.cpp): helpers that more than one of them needs. Not a
// public header.

#include <string>
#include <string_view>

#include "audit.hpp"

namespace svc::audit_detail {

// A JSON string, as json_escape writes it, without allocating on the common
// path (well-formed UTF-8 with nothing to escape). Defined in audit_sla_output.cpp.
void append_json_string(std::string& out, std::string_view s);

// called per ticket: inline here, as it was within the one file
inline bool listed(const TicketSla& t) { return t.any(TargetStatus::Breached) || t.at_risk(); }

}  // namespace svc::audit_detail
