// Shared by the files of `svc parts` (parts.cpp, parts_catalog.cpp,
// parts_ledger.cpp, parts_claims.cpp): the recording options (--at, --user,
// --format), the movement table and the setup function of each group of
// subcommands. Definitions in parts.cpp.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app.hpp"
#include "parts.hpp"

namespace svc::cli::parts_detail {

struct Recording {
  std::string at;      // --at
  std::string user;    // --user
  std::string format;  // --format
};

void add_recording(CLI::App* app, Recording& r);
Actor actor_of(const Recording& r, const Policy& p);
std::int64_t cents_option(const std::string& v, const char* name);
std::string when_text(Instant t, const Policy& p, Format f);
Table movements_table(const std::vector<LedgerRow>& rows, const Policy& p, Format f, bool with_balance);
void print_movements(const std::vector<Movement>& ms, const Policy& p, const std::string& format);
std::string yes_no(bool b);
// Opens the policy, the store and the ledger, records through `fn` and prints
// the movements it made in --format.
void record(Globals& g, const Recording& rec, const std::function<std::vector<Movement>(PartsLedger&, const Actor&)>& fn);

// One per group of subcommands, called by setup_parts in this order.
void setup_catalog(CLI::App& parent, Globals& g);    // parts_catalog.cpp
void setup_warehouse(CLI::App& parent, Globals& g);  // parts_catalog.cpp
void setup_movements(CLI::App& parent, Globals& g);  // parts_ledger.cpp
void setup_reverse(CLI::App& parent, Globals& g);    // parts_ledger.cpp
void setup_claims(CLI::App& parent, Globals& g);     // parts_claims.cpp
void setup_views(CLI::App& parent, Globals& g);      // parts_claims.cpp

}  // namespace svc::cli::parts_detail
