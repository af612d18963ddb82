// Checking the values of command-line options that name master data or a
// closed set, before a query runs: a filter that matches nothing known is a
// usage error (exit 2) with a did-you-mean, not an empty answer that passes a
// nightly check. One helper for every command (docs/admin.md "Filters").
#pragma once
#include <string>
#include <vector>

#include "store.hpp"

namespace svc {

enum class FilterKind {
  // master data (and what the store's tickets and books name)
  Outlet,     // outlets.id, tickets.outlet
  Engineer,   // engineers.id, tickets.engineer
  Region,     // regions, outlets.region, engineers.region, tickets.region
  Warehouse,  // warehouses.id, 'central'
  Part,       // the parts catalogue, parts in the ledger
  Product,    // products.model, tickets.product
  Model,      // machine models of site updates and products
  AssetKind,  // kinds of maintenance assets
  Ticket,     // tickets and events
  // closed sets (no store needed)
  Type,       // service types: repair install …
  Urgency,    // urgent normal
  Channel,    // phone web app email letter onsite
  State,      // ticket states: new responded … cancelled, paused
  EventKind,  // event kinds: created responded … closed
};

// "outlet", "service type", …: what a value of this kind is, for messages.
const char* filter_noun(FilterKind k);
// True for the closed sets (Type, Urgency, Channel, State, EventKind).
bool is_closed_set(FilterKind k);
// The values of a closed set; empty for master data kinds.
const std::vector<std::string>& closed_set(FilterKind k);

// Throws UsageError (exit 2) "--outlet: unknown outlet 'SH-1' (did you mean
// 'SH-01'?)" when `value` is not empty and is neither in the master data nor
// named by the store's tickets (or, for a closed set, not one of its values).
// `option` is the option as the user typed it ("--outlet").
void check_filter(Store& s, FilterKind k, const std::string& value, const char* option);

// A closed set's check, without a store (e.g. before the store is opened).
void check_choice(FilterKind k, const std::string& value, const char* option);
// The same for a set of choices given here (a --by grouping, a --status):
// "--by: unknown grouping 'regoin' (did you mean 'region'?); one of: region, outlet".
void check_choice(const std::vector<std::string>& choices, const std::string& value, const char* option,
                  const char* noun);

}  // namespace svc
