// Tamper evidence: every stored event carries chain = SHA-256(previous chain
// hex ‖ content digest hex), the genesis previous value being 64 '0's, in seq
// order. verify_chain recomputes both from the stored columns and names the
// first link that does not match.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

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

// Walks the events in seq order. `progress` (optional) is called every 65536 events with the count so far.
VerifyResult verify_chain(Store& store, const std::function<void(std::int64_t)>& progress = {});

}  // namespace svc
