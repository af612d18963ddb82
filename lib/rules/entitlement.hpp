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
  bool covered() const { return remedy != Remedy::PaidRepair; }
};

// The entitlement on `on` for a service of the unit, given its earlier repairs
// (any order; those not completed before `on` are ignored) and the parts the
// service concerns (for the repair and key-part warranties; empty = not known).
Entitlement entitlement(const ProductTerms& terms, std::optional<Day> purchased, Day on,
                        const std::vector<PriorRepair>& repairs, const std::vector<std::string>& parts = {});

}  // namespace svc
