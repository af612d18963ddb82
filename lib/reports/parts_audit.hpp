// `svc audit parts` (docs/parts.md): what the parts rules say must not be
// left hanging, and the bookkeeping checks that must never fail.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy.hpp"
#include "store.hpp"
#include "timeutil.hpp"

namespace svc {

enum class PartsCheck {
  UnconsumedIssue,    // issued to a ticket, neither fitted nor returned within parts.unconsumed_days
  OldPartOverdue,     // claimable part fitted, old part not brought back within parts.old_part_days
  ClaimOverdue,       // claim not accepted or rejected within parts.claim_days of opening
  UnlinkedPartUsed,   // a part_used event with no consume movement (no matching issue; see reconcile)
  BalanceMismatch,    // a stock balance differs from the sum of its movements, or went negative
  ValuationMismatch,  // a recorded moving average or movement value differs from a replay of the ledger
};
std::string_view to_string(PartsCheck c);  // "unconsumed-issue" …
std::optional<PartsCheck> parse_parts_check(std::string_view s);
const std::vector<std::string>& parts_check_names();

struct PartsFinding {
  PartsCheck check = PartsCheck::UnconsumedIssue;
  std::string warehouse, part, ticket;
  std::string ref;       // "#12" movement, "claim #3", or the event id
  Instant since = 0;     // when the thing happened (0 for bookkeeping checks)
  Instant due = 0;       // when it was due (0 when not applicable)
  std::string detail;
};

// Every finding as of `as_of` (movements, events and claims recorded after it
// are not seen), sorted by check, then since, then ref. The bookkeeping checks
// (balance, valuation) look at the whole ledger.
std::vector<PartsFinding> audit_parts(Store& s, const Policy& p, Instant as_of);

}  // namespace svc
