// The 三包 entitlement of one unit on one day: return, exchange, free repair or
// paid repair, with the rule and the dates that decided it. A pure function of
// plain data (the product's terms, the unit's purchase date, the day, the
// unit's earlier repairs): no store, no clock. See docs/installed-base.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "policy.hpp"
#include "timeutil.hpp"
#include "warranty.hpp"

namespace svc {

// A product's 三包 terms, resolved: the product's own value, else the policy's
// default for its line, else the national default of [warranty].
struct ProductTerms {
  std::string model, line;
  int warranty_months = 12;         // whole unit
  std::string warranty_basis;       // "product", "line", "default"
  std::vector<std::string> key_parts;  // part numbers of the key parts (e.g. a compressor)
  int key_part_months = 12;         // warranty of the key parts
  int return_days = 7, exchange_days = 15, repairs_before_exchange = 2, repair_months = 3;
};

// What a product row says itself (std::nullopt / empty = not given).
struct ProductOwnTerms {
  std::string model, line;
  std::optional<int> warranty_months, key_part_months, return_days, exchange_days, repairs_before_exchange,
      repair_months;
  std::vector<std::string> key_parts;
};
ProductTerms resolve_terms(const WarrantyPolicy& p, const ProductOwnTerms& own);

// An earlier repair of the unit.
struct PriorRepair {
  std::string ticket;
  Day opened = 0;                    // local day the ticket was created
  std::optional<Day> completed;      // local day of its final completion; nullopt: not completed (does not count)
  std::vector<std::string> parts;    // parts fitted on it
};

enum class Remedy { Return, Exchange, FreeRepair, PaidRepair };
std::string_view to_string(Remedy r);  // "return" "exchange" "free_repair" "paid_repair"

// A part repaired earlier and still under its repair warranty on the day.
struct CoveredPart {
  std::string part, ticket;
  Day repaired = 0, until = 0;
};

struct Entitlement {
  Remedy remedy = Remedy::PaidRepair;
  std::vector<Remedy> choices;  // what the customer may choose, the remedy first
  // The deciding rule: return_days, exchange_days, repairs_before_exchange,
  // warranty, repair_warranty, key_part, out_of_warranty, no_purchase_date.
  std::string rule;
  std::string why;  // the rule and its dates, in words
  std::optional<Day> purchased;
  std::optional<int> days_since_purchase;
  std::optional<Day> warranty_end, key_part_end;
  int repairs_in_warranty = 0;             // completed repairs of this unit within warranty before the day
  std::vector<std::string> repair_tickets;  // their tickets, oldest first
  std::vector<CoveredPart> covered_parts;   // repaired parts still under their repair warranty
  Day on = 0;                               // the day it is for
  // What covers, for the rules that cover: the part (repair_warranty,
  // key_part; "" for the whole unit) and the last day its cover runs.
  std::string cover_part;
  std::optional<Day> cover_until;
  bool covered() const { return remedy != Remedy::PaidRepair; }
  // The whole unit is covered (return_days, exchange_days,
  // repairs_before_exchange, warranty): all of the work is free.
  bool whole_unit() const { return covered() && cover_part.empty(); }
};

// The entitlement on `on` for a service of the unit, given its earlier repairs
// (any order; those not completed before `on` are ignored) and the parts the
// service concerns (for the repair and key-part warranties; empty = not known).
Entitlement entitlement(const ProductTerms& terms, std::optional<Day> purchased, Day on,
                        const std::vector<PriorRepair>& repairs, const std::vector<std::string>& parts = {});

// "key part COMP until 2035-01-01", "part FM-220 repaired on 2031-06-01 (T1)
// until 2031-09-01", "in warranty until 2027-01-10", "return (day 3 of 7)";
// "" when nothing covers.
std::string cover_text(const Entitlement& e);

// One part's own cover on the entitlement's day, beyond the whole unit: its
// repair warranty (an earlier repair of it still runs) or the key-part
// warranty. nullopt when neither covers it.
struct PartCover {
  std::string part, rule;  // rule: repair_warranty | key_part
  Day until = 0;
  std::string ticket;      // repair_warranty: the repair that started it
};
std::optional<PartCover> part_cover(const ProductTerms& t, const Entitlement& e, const std::string& part);

// The fee standard's quote under an entitlement, what a fee may be at most:
// nothing (0.00, every part listed as covered) when the whole unit is covered;
// when a part's own warranty covers (repair_warranty, key_part) the labour and
// the covered parts are free and the other parts are quoted at list price; the
// full quote (make_quote) when nothing covers.
Quote covered_quote(const WarrantyPolicy& p, const std::string& type, std::vector<QuoteLine> parts,
                    const ProductTerms& t, const Entitlement& e);

// The last day of the repair warranty a repair completed on `completed`
// starts for the parts it fitted (repair_months); nullopt when the terms give
// none (repair_months 0).
std::optional<Day> repair_warranty_until(const ProductTerms& t, Day completed);

}  // namespace svc
