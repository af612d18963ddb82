// Ticket ids made from the policy's pattern ([tickets] id_pattern), e.g.
// "T{yyyymmdd}{seq:05}" -> T2026112300001. See docs/tickets.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timeutil.hpp"

namespace svc {

// Problems with a pattern, "" when it is valid. Tokens: {yyyy} {yy} {mm} {dd}
// {yyyymmdd} and exactly one {seq} or {seq:N} (N = 1-9, zero-padded width);
// literal text from [A-Za-z0-9._-].
std::string check_id_pattern(std::string_view pattern);

// The pattern with its date tokens expanded for local day `d`, split at {seq}.
struct IdTemplate {
  std::string prefix, suffix;
  int width = 1;  // minimum digits of the sequence number
  // The id with sequence number n.
  std::string make(std::int64_t n) const;
  // The sequence number of an id made from this template, or nullopt.
  std::optional<std::int64_t> seq_of(std::string_view id) const;
};
// Throws DataError when the pattern is invalid.
IdTemplate expand_id_pattern(std::string_view pattern, Day d);

// The next id: one more than the largest sequence number among `existing` ids
// made from the template (1 when there is none).
std::string next_ticket_id(const IdTemplate& t, const std::vector<std::string>& existing);

}  // namespace svc
