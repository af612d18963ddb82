#include "installed_base.hpp"
#include "installed_base_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "error.hpp"
#include "small_csv.hpp"
#include "warranty.hpp"

namespace svc {

using namespace installed_base_detail;

// ---------------------------------------------------------------- rendering

namespace {
std::string opt_text(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }
std::string opt_date(const std::optional<Day>& v) { return v ? format_date(*v) : ""; }
void text_or_null(JsonWriter& w, std::string_view key, const std::string& v) {
  w.key(key);
  if (v.empty()) w.null();
  else w.value(v);
}
void list_json(JsonWriter& w, std::string_view key, const std::vector<std::string>& v) {
  w.key(key).begin_array();
  for (const auto& x : v) w.value(x);
  w.end_array();
}
}  // namespace

Table products_table(const std::vector<Product>& v) {
  Table t;
  t.headers = {"model", "line", "name", "skills", "warranty_months", "key_parts", "key_part_months", "return_days",
               "exchange_days", "repairs_before_exchange", "repair_months"};
  for (const auto& p : v)
    t.add({p.model, p.line, p.name, join_skills(p.skills), opt_text(p.warranty_months), join_skills(p.key_parts),
           opt_text(p.key_part_months), opt_text(p.return_days), opt_text(p.exchange_days),
           opt_text(p.repairs_before_exchange), opt_text(p.repair_months)});
  return t;
}

Table customers_table(const std::vector<Customer>& v, bool mask) {
  Table t;
  t.headers = {"id", "name", "contact", "address", "region"};
  for (const auto& c : v) t.add({c.id, c.name, mask ? mask_contact(c.contact) : c.contact, c.address, c.region});
  return t;
}

Table units_table(const std::vector<Unit>& v) {
  Table t;
  t.headers = {"serial", "model", "customer", "address", "region", "purchased", "installed", "install_ticket"};
  for (const auto& u : v)
    t.add({u.serial, u.model, u.customer, u.address, u.region, opt_date(u.purchased), opt_date(u.installed),
           u.install_ticket});
  return t;
}

Table history_table(const std::vector<ServiceRecord>& v, const TimeZone& tz) {
  Table t;
  t.headers = {"ticket", "created", "type", "serial", "state", "engineer", "completed", "satisfaction", "parts"};
  for (const auto& r : v)
    t.add({r.ticket, format_local_minutes(r.created, tz), r.type, r.serial, r.state, r.engineer,
           r.completed ? format_local_minutes(*r.completed, tz) : "", opt_text(r.satisfaction), join_skills(r.parts)});
  return t;
}

void write_json(JsonWriter& w, const Product& p) {
  w.begin_object();
  w.field("model", p.model).field("line", p.line);
  text_or_null(w, "name", p.name);
  list_json(w, "skills", p.skills);
  list_json(w, "key_parts", p.key_parts);
  w.field("warranty_months", p.warranty_months).field("key_part_months", p.key_part_months);
  w.field("return_days", p.return_days).field("exchange_days", p.exchange_days);
  w.field("repairs_before_exchange", p.repairs_before_exchange).field("repair_months", p.repair_months);
  w.end_object();
}

void write_json(JsonWriter& w, const Customer& c) {
  w.begin_object();
  w.field("id", c.id).field("name", c.name);
  text_or_null(w, "contact", c.contact);
  text_or_null(w, "address", c.address);
  text_or_null(w, "region", c.region);
  w.end_object();
}

void write_json(JsonWriter& w, const Unit& u) {
  w.begin_object();
  w.field("serial", u.serial);
  text_or_null(w, "model", u.model);
  text_or_null(w, "customer", u.customer);
  text_or_null(w, "address", u.address);
  text_or_null(w, "region", u.region);
  text_or_null(w, "purchased", opt_date(u.purchased));
  text_or_null(w, "installed", opt_date(u.installed));
  text_or_null(w, "install_ticket", u.install_ticket);
  w.end_object();
}

void write_json(JsonWriter& w, const ServiceRecord& r, const TimeZone& tz) {
  w.begin_object();
  w.field("ticket", r.ticket).field("created", format_rfc3339(r.created, tz));
  text_or_null(w, "type", r.type);
  text_or_null(w, "serial", r.serial);
  w.field("state", r.state);
  text_or_null(w, "engineer", r.engineer);
  w.key("completed");
  if (r.completed) w.value(format_rfc3339(*r.completed, tz));
  else w.null();
  w.field("satisfaction", r.satisfaction);
  list_json(w, "parts", r.parts);
  w.end_object();
}

void write_json(JsonWriter& w, const ProductTerms& t) {
  w.begin_object();
  w.field("warranty_months", t.warranty_months).field("warranty_basis", t.warranty_basis);
  list_json(w, "key_parts", t.key_parts);
  w.field("key_part_months", t.key_part_months).field("return_days", t.return_days);
  w.field("exchange_days", t.exchange_days).field("repairs_before_exchange", t.repairs_before_exchange);
  w.field("repair_months", t.repair_months);
  w.end_object();
}

void write_json(JsonWriter& w, const Entitlement& e) {
  w.begin_object();
  w.field("remedy", to_string(e.remedy));
  w.key("choices").begin_array();
  for (auto c : e.choices) w.value(to_string(c));
  w.end_array();
  w.field("covered", e.covered()).field("rule", e.rule).field("why", e.why);
  text_or_null(w, "purchased", opt_date(e.purchased));
  w.field("days_since_purchase", e.days_since_purchase);
  text_or_null(w, "warranty_end", opt_date(e.warranty_end));
  text_or_null(w, "key_part_end", opt_date(e.key_part_end));
  w.field("repairs_in_warranty", e.repairs_in_warranty);
  list_json(w, "repair_tickets", e.repair_tickets);
  w.key("covered_parts").begin_array();
  for (const auto& c : e.covered_parts) {
    w.begin_object();
    w.field("part", c.part).field("ticket", c.ticket).field("repaired", format_date(c.repaired));
    w.field("until", format_date(c.until));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string entitlement_line(const Entitlement& e) {
  std::string choices;
  for (size_t i = 1; i < e.choices.size(); ++i) choices += (choices.empty() ? "" : ", ") + std::string(to_string(e.choices[i]));
  return fmt::format("{}{}: {}", to_string(e.remedy), choices.empty() ? "" : " (or " + choices + ")", e.why);
}

}  // namespace svc
