// Spare parts (issue 8, docs/parts.md): the catalogue, the warehouses, the
// append-only movement ledger with its stock books and moving-average
// valuation, old-part claims to suppliers, and the parts cost of tickets.
//
// Every recording function checks everything first and then writes the
// movement, the stock balance and the valuation in ONE transaction; a refusal
// throws DataError (65) and changes nothing. The *_in_tx variants do the same
// inside a transaction the caller already holds (Store::write), so that a
// command can record a ticket event and its movement together.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "limits.hpp"
#include "policy.hpp"
#include "store.hpp"
#include "timeutil.hpp"

namespace svc {

// ---- valuation arithmetic (pure) -------------------------------------------

// num / den rounded half up (away from zero on .5); den > 0.
std::int64_t div_half_up(std::int64_t num, std::int64_t den);
// The moving-average unit cost after `in_qty` units worth `in_value` cents
// join `on_hand` units at `avg` cents: (on_hand*avg + in_value) / (on_hand +
// in_qty), half up to the cent. With nothing on hand, in_value / in_qty.
std::int64_t moving_average(std::int64_t on_hand, std::int64_t avg, std::int64_t in_qty, std::int64_t in_value);
// The value of taking `qty` out of a pool of `pool_qty` units worth
// `pool_value` cents: the exact remainder when it empties the pool, else
// pool_value * qty / pool_qty half up.
std::int64_t share_of(std::int64_t pool_value, std::int64_t pool_qty, std::int64_t qty);
// The moving average after a reversal puts `qty` units (signed) worth `value`
// cents (signed) back into, or takes them out of, a pool of `on_hand` units
// at `avg`: (on_hand*avg + value) / (on_hand + qty), half up, never below 0;
// when no unit is left, `avg_before` (the average just before the reversed
// movement). docs/parts.md, "Correcting the ledger".
std::int64_t reversal_average(std::int64_t on_hand, std::int64_t avg, std::int64_t qty, std::int64_t value,
                              std::int64_t avg_before);

// ---- catalogue -------------------------------------------------------------

struct Part {
  std::string part;                       // part number
  std::string name;
  std::string spec;                       // specification
  std::string unit = "pc";
  std::string supplier;
  std::optional<std::int64_t> list_cents; // list price
  std::int64_t min_stock = 0;             // per warehouse
  bool claimable = false;                 // old parts can be claimed back from the supplier
};

// Only the fields that are set change.
struct PartUpdate {
  std::optional<std::string> name, spec, unit, supplier;
  std::optional<std::int64_t> list_cents;
  std::optional<std::int64_t> min_stock;
  std::optional<bool> claimable;
};

// Checks a part number: 1-64 characters, no control characters, no leading or
// trailing space, no comma.
bool valid_part_number(std::string_view s);
// "yes"/"no", "true"/"false", "1"/"0".
std::optional<bool> parse_yes_no(std::string_view s);

void add_part(Store& s, const Part& p);                  // refused when it exists
void update_part(Store& s, const std::string& part, const PartUpdate& u);
std::optional<Part> find_part(Store& s, const std::string& part);
std::vector<Part> list_parts(Store& s);

struct CatalogImport {
  int read = 0, added = 0, updated = 0;
};
// CSV with columns part,name[,spec,unit,supplier,list_price,min_stock,claimable]
// in any order. All or nothing: every bad line is a FILE:LINE problem (65). A
// part already in the catalogue is updated; an empty field keeps its value.
CatalogImport import_catalog(Store& s, const std::string& path);

// ---- warehouses ------------------------------------------------------------

struct Warehouse {
  std::string id;      // 'central' or an outlet id
  std::string kind;    // central | outlet
  std::string outlet;  // for kind outlet
};
// Adds an outlet warehouse (`outlet` defaults to `id`).
void add_warehouse(Store& s, const std::string& id, const std::string& outlet = "");
std::vector<Warehouse> list_warehouses(Store& s);

// ---- the ledger ------------------------------------------------------------

enum class MoveKind { Receive, Transfer, Issue, Consume, ReturnNew, ReturnOld, Scrap, Count, Claim };
std::string_view to_string(MoveKind k);  // "receive" … "return-new" …
std::optional<MoveKind> parse_move_kind(std::string_view s);

struct Movement {
  std::int64_t id = 0;
  Instant ts = 0;
  MoveKind kind = MoveKind::Receive;
  std::string warehouse, part;
  std::string book;               // "new", "old", or "" (consume: no stock change)
  std::int64_t qty = 0;           // signed change of the book (consume: -fitted)
  std::int64_t unit_cents = 0;
  std::int64_t value_cents = 0;   // signed
  std::int64_t avg_cents = 0;     // part's moving average after the movement
  std::string reference, user, ticket, event_id;
  std::int64_t pair_id = 0, claim_id = 0;
  std::string approved_by, reason;  // reason: scrap, count, and why a reversal was made
  std::int64_t reverses = 0;        // a reversal: the movement it cancels (0 = an ordinary movement)
};

// Who and when, for every recording call. ts = 0 means now().
struct Actor {
  Instant ts = 0;
  std::string user;
};

// `force` (every recording args): --force --reason for a value beyond the
// policy's [limits] or a closed ticket; the reason goes in the movement's reason.
struct ReceiveArgs {
  std::string part, warehouse = "central", receipt;
  std::int64_t qty = 0, unit_cents = 0;
  LimitOverride force{};
};
struct TransferArgs {
  std::string part, from, to, reference;
  std::int64_t qty = 0;
  LimitOverride force{};
};
struct IssueArgs {
  std::string ticket, part, warehouse, requisition, approved_by;
  std::int64_t qty = 0;
  LimitOverride force{};
};
struct ConsumeArgs {
  // event_id: the ticket's part_used event, already stored (imported, or
  // written by 'svc ticket complete --part'); "" = consume() writes the
  // part_used event itself at the actor's time, in the same transaction.
  std::string ticket, part, event_id;
  std::int64_t qty = 0;
  LimitOverride force{};
  std::string reason{};  // recorded in the consume movement's reason (set by consume())
};
struct ReturnArgs {
  std::string ticket, part, warehouse;  // warehouse "" = where the part was issued from
  std::int64_t qty = 0;
  bool old_part = false;  // false: return-new (unused), true: return-old (the replaced part)
  std::string reference;
  LimitOverride force{};
};
struct ScrapArgs {
  std::string warehouse, part, reason;
  std::int64_t qty = 0;
  bool old_part = false;  // scrap from the old-parts book
  LimitOverride force{};    // its reason is the scrap's reason
};
struct CountLine {
  std::string part;
  std::int64_t counted = 0;
  std::string reason;
  int line = 0;  // in the stock-take file, for messages
};
struct CountVariance {
  std::string part;
  std::int64_t system = 0, counted = 0, variance = 0, value_cents = 0;
  std::string reason;
  std::int64_t movement_id = 0;  // 0 when there was no variance
};
struct ClaimOpenArgs {
  std::string warehouse, part, ticket, supplier, reference;
  std::int64_t qty = 0;
  std::optional<std::int64_t> claimed_cents;
  LimitOverride force{};
};

struct Claim {
  std::int64_t id = 0;
  Instant opened_at = 0;
  std::string warehouse, part, ticket, supplier, status, reference, user, reason;
  std::int64_t qty = 0;
  std::optional<std::int64_t> claimed_cents, accepted_cents;
  std::optional<Instant> submitted_at, decided_at;
};

class PartsLedger {
 public:
  PartsLedger(Store& s, const Policy& p) : s_(s), p_(p) {}

  Movement receive(const ReceiveArgs& a, const Actor& who);
  // One movement out of `from`, one into `to`, one transaction. One side is central.
  std::pair<Movement, Movement> transfer(const TransferArgs& a, const Actor& who);
  Movement issue(const IssueArgs& a, const Actor& who);
  // With a.event_id: links that stored part_used event. Without: records the
  // part_used event on the ticket (only while the engineer is on site) and
  // links it (`note` goes on that event). Either way one transaction, and
  // one consume per event.
  Movement consume(const ConsumeArgs& a, const Actor& who, const std::string& note = "");
  Movement consume_in_tx(const ConsumeArgs& a, const Actor& who);  // a.event_id required
  Movement give_back(const ReturnArgs& a, const Actor& who);
  Movement scrap(const ScrapArgs& a, const Actor& who);
  // Applies a stock-take of the new-parts book of `warehouse`: one count
  // movement per part whose counted quantity differs. Parts not listed are
  // not changed. All or nothing.
  std::vector<CountVariance> count(const std::string& warehouse, const std::vector<CountLine>& lines,
                                   const Actor& who, const std::string& sheet_name);

  std::int64_t open_claim(const ClaimOpenArgs& a, const Actor& who);
  // open -> submitted: the old parts leave the old-parts book (claim movement).
  Movement submit_claim(std::int64_t id, const std::string& reference, const Actor& who);
  // submitted -> accepted (with the amount the supplier pays) | rejected.
  void decide_claim(std::int64_t id, bool accepted, std::optional<std::int64_t> amount_cents,
                    const std::string& reason, const Actor& who, const LimitOverride& force = {});

  // Corrects the ledger by reversal (docs/parts.md, "Correcting the ledger"):
  // appends the opposite of movement `id` (same kind, opposite quantity and
  // value, `reverses` = id, `reason` = why, who.user, who.ts) and the stock
  // and average that follow, in one transaction. A transfer is reversed as a
  // whole (both halves, whichever id is given). Refused (DataError, nothing
  // written): a reversal, a movement already reversed, no reason, a time
  // before the movement or the part's last movement in that warehouse, a book
  // that would go negative, a ticket whose later movements depend on it
  // (parts fitted or returned from a reversed issue; old parts back for a
  // reversed consume), a claim movement of a claim not rejected. An unknown
  // id throws NoInputError (66). Returns the reversal movement(s).
  std::vector<Movement> reverse(std::int64_t id, const std::string& reason, const Actor& who);

 private:
  Store& s_;
  const Policy& p_;
};

// Reads a stock-take CSV (columns part,counted[,reason]) into lines; FILE:LINE
// problems (65) for bad quantities, repeated parts, unknown columns.
std::vector<CountLine> read_count_sheet(const std::string& path);

// Links every part_used event that has no consume movement yet to the issues of
// its ticket (a consume movement per event, in log order, one transaction).
struct Unmatched {
  std::string event_id, ticket, part;
  std::int64_t qty = 0;
  Instant ts = 0;
  std::string reason;
};
struct ReconcileResult {
  std::vector<Movement> linked;
  std::vector<Unmatched> unmatched;
};
ReconcileResult reconcile(Store& s, const Policy& p, const std::string& user, bool dry_run = false);

// For voiding a part_used event (svc ticket void): reverses the consume
// movement that stands for event `event_id`, if there is one and it is not
// reversed yet, as `svc parts reverse` would (kind consume, opposite quantity
// and value, reverses = its id, reason, user, at). The parts go back to the
// ticket's outstanding issues (to be fitted again or returned); the event
// stays linked to the consume, so reconcile never links it again.
//   - Joins the caller's open transaction (Store::write nests as a
//     savepoint); call it from inside the Store::write that voids the event.
//     Outside one it is its own transaction.
//   - Returns the reversal written, or nothing when no consume stands for the
//     event (never linked: nothing to undo) or it is already reversed.
//   - Throws DataError (the caller's transaction should then roll back) when
//     `reason` is empty, `at` is before the consume, or old parts were
//     already brought back for that fitting ('svc parts reverse' the
//     return-old movement first).
std::vector<Movement> reverse_consumption_for_event(Store& s, const std::string& event_id, const std::string& reason,
                                                    const std::string& user, Instant at);

// ---- listings --------------------------------------------------------------

struct StockRow {
  std::string warehouse, part, name, unit;
  std::int64_t qty = 0, old_qty = 0, min_stock = 0, avg_cents = 0, value_cents = 0;
  bool below_min = false;
};
// Stock of every part a warehouse holds or has held (central: every part in
// the catalogue). `warehouse` "" = all warehouses.
std::vector<StockRow> stock(Store& s, const std::string& warehouse, bool below_min_only);

struct LedgerRow {
  Movement m;
  std::int64_t balance = 0;      // the book's balance after the movement (consume: unchanged)
  std::int64_t reversed_by = 0;  // the reversal that cancels this movement, 0 = none
};
std::vector<LedgerRow> ledger(Store& s, const std::string& part, const std::string& warehouse);

std::vector<Claim> claims(Store& s, const std::string& status);
std::optional<Claim> find_claim(Store& s, std::int64_t id);

// ---- costs -----------------------------------------------------------------

// The parts cost of tickets at actual cost: each consume movement at the cost
// of the issues it was fitted from (moving average at issue time); a part_used
// event not yet linked to an issue at the part's current moving average (or
// its list price when it was never received). `ticket_filter` is an optional
// SQL condition on the tickets table alias t with bound text parameters, as
// in Store::for_each_ticket; "" = every ticket.
std::map<std::string, std::int64_t> parts_cost_by_ticket(Store& s, const std::string& ticket_filter = "",
                                                         const std::vector<std::string>& params = {});
std::int64_t parts_cost_cents(Store& s, const std::string& ticket_filter = "",
                              const std::vector<std::string>& params = {});

}  // namespace svc
