// The complaint register's entry point for the write path of events: every
// complaint event and complaint-type ticket an import stores gets its row in
// `complaints` (docs/complaints.md), in the import's own transaction.
#pragma once
#include <cstdint>

namespace svc {
class Store;

// Registers the complaints that import `import_id` stored and that no row of
// `complaints` names yet (`svc ticket complain` writes its row itself, before
// its event). Numbered TICKET-C<n> (n: one more than the ticket's complaints,
// skipping numbers taken). Returns how many it registered.
std::int64_t register_imported_complaints(Store& s, std::int64_t import_id);
}  // namespace svc
