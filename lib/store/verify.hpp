// Tamper evidence: every stored event carries chain = SHA-256(previous chain
// hex ‖ content digest hex), the genesis previous value being 64 '0's, in seq
// order. verify_chain recomputes both from the stored columns and names the
// first link that does not match. verify_projection checks the tickets table
// against the events; lib/store/seals.hpp checks the other sealed records.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store.hpp"

namespace svc {

struct BrokenLink {
  std::int64_t seq = 0;
  std::string id, ticket;
  std::string reason;  // what does not match
};

struct VerifyResult {
  std::int64_t checked = 0;          // events whose link matched
  std::optional<BrokenLink> broken;  // the first link that does not
};

// The genesis value: the "previous chain" of the first event.
const std::string& genesis_chain();

// One ticket whose row in the projection (the tickets table) is not the row
// its events give (lib/store/projection.hpp ticket_row).
struct ProjectionFinding {
  std::string ticket;   // "" for a finding about the whole table
  std::string problem;  // "edited" | "deleted" | "inserted" | "moved" (rowid) | "table dropped" | "not checked"
  std::string reason;   // in words, naming the first column that differs
};
struct ProjectionCheck {
  std::int64_t checked = 0;  // tickets whose row matched
  std::vector<ProjectionFinding> findings;
};
// Recomputes every ticket's row from its events and compares it with the
// stored one: a row edited, deleted, or inserted without events is named.
ProjectionCheck verify_projection(Store& store);

// The projection is derived data: `svc admin rebuild` recomputes it from the
// events, but only from a log whose chain and identity seals verify. Rebuilding
// from a tampered log would turn a tampered store into a verified one, so this
// throws DataError (65) naming the first broken link, and nothing is changed.
// Call it inside the rebuild's transaction.
void require_intact_chain(Store& store);

// Walks the events in seq order. `progress` (optional) is called every 65536 events with the count so far.
VerifyResult verify_chain(Store& store, const std::function<void(std::int64_t)>& progress = {});

}  // namespace svc
