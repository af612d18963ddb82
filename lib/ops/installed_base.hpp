// The installed base: products (models, their line, the skills a job needs and
// their 三包 terms), customers, and units (the machines at customers' sites, by
// serial number) with their service history and entitlement. Tables:
// products, customers (001), units (014), tickets.serial (013). See
// docs/installed-base.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "entitlement.hpp"
#include "event.hpp"
#include "limits.hpp"
#include "masterdata.hpp"
#include "output.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

struct Product {
  std::string model;               // 1-64 characters, no control characters or commas, e.g. KFR-35GW
  std::string line;                // product line, e.g. 空调 (matched against engineers' skills)
  std::string name;                // display name, optional
  std::vector<std::string> skills; // skills a job on the model needs besides the line
  std::vector<std::string> key_parts;  // part numbers of the key parts
  // 三包 terms; nullopt = the policy's default
  std::optional<int> warranty_months, key_part_months, return_days, exchange_days, repairs_before_exchange,
      repair_months;
};

struct Customer {
  std::string id;       // 1-64 characters of A-Z a-z 0-9 . _ -
  std::string name;     // required
  std::string contact;  // phone: digits, spaces and + - ( )
  std::string address, region;
};

struct Unit {
  std::string serial;          // 1-64 characters, no control characters
  std::string model;           // products.model
  std::string customer;        // customers.id, "" = not known
  std::string address, region;
  std::optional<Day> purchased, installed;
  std::string install_ticket;
};

// Problems with one record's own values, as messages; empty when valid.
std::vector<std::string> validate(const Product& p);
std::vector<std::string> validate(const Customer& c);
std::vector<std::string> validate(const Unit& u);
// The unit's dates: purchased and installed not after today, not more than
// [limits] purchase_years before it, installed not before purchased (what a
// log's created event is held to as well). `p` nullptr: defaults, in UTC.
std::vector<std::string> unit_date_problems(const Unit& u, const Policy* p);

// "138****5678": all but the first 3 and last 4 characters masked (shorter
// values keep only their last 2).
std::string mask_contact(const std::string& contact);

// Reading. get_* throw NoInputError (66) with "did you mean" when not found.
std::optional<Product> find_product(Store& s, const std::string& model);
Product get_product(Store& s, const std::string& model);
std::vector<Product> list_products(Store& s, const std::string& line = "");
std::optional<Customer> find_customer(Store& s, const std::string& id);
Customer get_customer(Store& s, const std::string& id);
std::vector<Customer> list_customers(Store& s, const std::string& region = "");
std::optional<Unit> find_unit(Store& s, const std::string& serial);
Unit get_unit(Store& s, const std::string& serial);
struct UnitFilter {
  std::string customer, model, region;  // empty = any
};
std::vector<Unit> list_units(Store& s, const UnitFilter& f = {});

// The 三包 terms of a model: the product's own, else the policy's (a model not
// in the products table has only the policy's terms and no line).
ProductTerms terms_of(const WarrantyPolicy& p, const Product& prod);
ProductTerms model_terms(Store& s, const WarrantyPolicy& p, const std::string& model);

// Writing, each one transaction. DataError (65) on a duplicate; NoInputError
// (66) for an unknown model, customer or region named on the command line.
void add_product(Store& s, const Product& p);
void add_customer(Store& s, const Customer& c);
// `p`: the policy whose [limits] purchase_years and time zone judge the
// unit's dates (validate); nullptr = the defaults, in UTC.
void add_unit(Store& s, Unit u, const Policy* p = nullptr);

// Bulk loads from CSV (small_csv), all or nothing, upsert by key (the columns
// the file has replace the stored values; an empty cell means "not given").
// Every bad row is reported as "FILE:LINE: message" in one DataError (65).
ImportCounts import_products_text(Store& s, const std::string& text, const std::string& name);
ImportCounts import_customers_text(Store& s, const std::string& text, const std::string& name);
ImportCounts import_units_text(Store& s, const std::string& text, const std::string& name, const Policy* p = nullptr);
ImportCounts import_products_csv(Store& s, const std::string& path);
ImportCounts import_customers_csv(Store& s, const std::string& path);
ImportCounts import_units_csv(Store& s, const std::string& path, const Policy* p = nullptr);

// ---- the serial link between tickets and units: the `serial` of a ticket's
// created event (spec v2), imported or written by `svc ticket create --serial`.
// The serial of a ticket's unit ("" = none), and the tickets of a unit (by
// creation), read from the tickets projection.
std::string serial_of_ticket(Store& s, const std::string& ticket);
std::vector<std::string> tickets_of_serial(Store& s, const std::string& serial);

// A ticket of a unit or customer, from the tickets projection.
struct ServiceRecord {
  std::string ticket, type, product, state, engineer, serial;
  Instant created = 0;
  std::optional<Instant> completed;
  std::optional<int> satisfaction;
  std::vector<std::string> parts;  // fitted (part_used)
};
std::vector<ServiceRecord> unit_history(Store& s, const std::string& serial);

// The earlier repairs of a unit for the entitlement: completed repair tickets
// of its history other than `except`.
std::vector<PriorRepair> prior_repairs(const std::vector<ServiceRecord>& history, const TimeZone& tz,
                                       const std::string& except = "");
// The unit's entitlement on `on`.
Entitlement unit_entitlement(Store& s, const Policy& p, const Unit& u, Day on, const std::string& except = "",
                             const std::vector<std::string>& parts = {});

// Registers the unit a completed install ticket installed, when its serial is
// not yet known (inside the caller's transaction): model, customer, region and
// purchase date from the created event, installed = the completion's local day.
// Returns true when it registered one.
bool register_installed_unit(Store& s, const Policy& p, const std::string& ticket, const Event& created,
                             Instant completed_at);

// ---- exchange and return (installed_base_exchange.cpp, table unit_dispositions
// of schema 024): a unit exchanged (a completed `replacement` ticket) or
// returned (a completed `return` ticket) has no entitlement from that day on.
struct Disposition {
  std::string serial, kind;  // kind: exchanged | returned
  Day day = 0;               // the completion's local day
  std::string ticket;        // the replacement or return ticket
  std::string new_serial;    // exchanged: the unit given in exchange
  std::string note;          // exchanged for another model: why (--reason)
};
std::optional<Disposition> unit_disposition(Store& s, const std::string& serial);
// The disposition that gave `serial` in exchange for another unit, if any.
std::optional<Disposition> replaced_unit(Store& s, const std::string& serial);
// From the disposition's day on (not for its own ticket), the unit is entitled
// to nothing: rule `exchanged` or `returned`, "none (exchanged on … for S2, X1)".
void apply_disposition(const Disposition& d, Entitlement& e, const std::string& ticket = "");

// Completes an exchange inside the caller's transaction (svc ticket complete
// of a `replacement` ticket): registers the unit given in exchange (the same
// model, customer, address and region; purchased = the exchange's day, so its
// 三包 starts then) and records the old unit as exchanged for it. DataError
// (65): no --new-serial, the old unit not registered or already exchanged or
// returned, the new serial already registered, another model without --force
// --reason (「与原产品型号、规格一致」). Returns the line for the user.
struct ExchangeRequest {
  std::string ticket, new_serial, new_model, user;
  Instant at = 0;
  LimitOverride force{};
};
std::string exchange_unit(Store& s, const Policy& p, const Event& created, const ExchangeRequest& r);
void write_json(JsonWriter& w, const std::optional<Disposition>& d);
std::string disposition_line(const Disposition& d);

struct CustomerView {
  Customer customer;
  std::vector<Unit> units;
  std::vector<ServiceRecord> tickets;  // its own (created with its id) and its units', by creation
};
CustomerView load_customer(Store& s, const std::string& id);

// Renderings.
Table products_table(const std::vector<Product>& v);
Table customers_table(const std::vector<Customer>& v, bool mask);
Table units_table(const std::vector<Unit>& v);
Table history_table(const std::vector<ServiceRecord>& v, const TimeZone& tz);
void write_json(JsonWriter& w, const Product& p);
void write_json(JsonWriter& w, const Customer& c);
void write_json(JsonWriter& w, const Unit& u);
void write_json(JsonWriter& w, const ServiceRecord& r, const TimeZone& tz);
void write_json(JsonWriter& w, const ProductTerms& t);
void write_json(JsonWriter& w, const Entitlement& e);
// "return (or exchange, free_repair): day 5 since …" — one line for people.
std::string entitlement_line(const Entitlement& e);

}  // namespace svc
