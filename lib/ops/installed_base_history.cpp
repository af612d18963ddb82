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

// ---------------------------------------------------------------- serial link

std::string serial_of_ticket(Store& s, const std::string& ticket) {
  // the tickets projection keeps the created event's serial (spec v2, migration 013)
  SQLite::Statement st(s.db(), "SELECT serial FROM tickets WHERE ticket = ?");
  st.bind(1, ticket);
  return st.executeStep() ? text_col(st, 0) : std::string();
}

std::vector<std::string> tickets_of_serial(Store& s, const std::string& serial) {
  std::vector<std::string> v;
  SQLite::Statement st(s.db(), "SELECT ticket FROM tickets WHERE serial = ? ORDER BY created_at, ticket");
  st.bind(1, serial);
  while (st.executeStep()) v.push_back(st.getColumn(0).getString());
  return v;
}

// ---------------------------------------------------------------- history

namespace {
std::optional<ServiceRecord> service_record(Store& s, const std::string& ticket) {
  SQLite::Statement st(s.db(), "SELECT ticket, type, product, state, engineer, created_at, completed_at, satisfaction "
                               "FROM tickets WHERE ticket = ?");
  st.bind(1, ticket);
  if (!st.executeStep()) return std::nullopt;
  ServiceRecord r;
  r.ticket = text_col(st, 0);
  r.type = text_col(st, 1);
  r.product = text_col(st, 2);
  r.state = text_col(st, 3);
  r.engineer = text_col(st, 4);
  if (!st.getColumn(5).isNull()) r.created = st.getColumn(5).getInt64();
  if (!st.getColumn(6).isNull()) r.completed = st.getColumn(6).getInt64();
  r.satisfaction = int_col(st, 7);
  SQLite::Statement q(s.db(), "SELECT part FROM events WHERE ticket = ? AND event = 'part_used' AND part IS NOT NULL "
                              "ORDER BY ts, seq");
  q.bind(1, ticket);
  while (q.executeStep()) {
    std::string part = q.getColumn(0).getString();
    if (std::find(r.parts.begin(), r.parts.end(), part) == r.parts.end()) r.parts.push_back(part);
  }
  r.serial = serial_of_ticket(s, ticket);
  return r;
}

void sort_records(std::vector<ServiceRecord>& v) {
  std::stable_sort(v.begin(), v.end(), [](const ServiceRecord& a, const ServiceRecord& b) {
    return std::tie(a.created, a.ticket) < std::tie(b.created, b.ticket);
  });
}
}  // namespace

std::vector<ServiceRecord> unit_history(Store& s, const std::string& serial) {
  return guarded("reading unit history", [&] {
    std::vector<ServiceRecord> v;
    for (const auto& t : tickets_of_serial(s, serial))
      if (auto r = service_record(s, t)) v.push_back(std::move(*r));
    sort_records(v);
    return v;
  });
}

std::vector<PriorRepair> prior_repairs(const std::vector<ServiceRecord>& history, const TimeZone& tz,
                                       const std::string& except) {
  std::vector<PriorRepair> v;
  for (const auto& r : history) {
    if (r.ticket == except || r.type != "repair" || r.state == "cancelled") continue;
    PriorRepair p;
    p.ticket = r.ticket;
    p.opened = tz.local_day(r.created);
    if (r.completed) p.completed = tz.local_day(*r.completed);
    p.parts = r.parts;
    v.push_back(std::move(p));
  }
  return v;
}

Entitlement unit_entitlement(Store& s, const Policy& p, const Unit& u, Day on, const std::string& except,
                             const std::vector<std::string>& parts) {
  ProductTerms t = model_terms(s, p.warranty, u.model);
  Entitlement e = entitlement(t, u.purchased, on, prior_repairs(unit_history(s, u.serial), p.tz, except), parts);
  if (auto d = unit_disposition(s, u.serial)) apply_disposition(*d, e, except);  // exchanged or returned
  return e;
}

bool register_installed_unit(Store& s, const Policy& p, const std::string& ticket, const Event& created,
                             Instant completed_at) {
  const std::string serial = serial_of_ticket(s, ticket);
  if (serial.empty() || find_unit(s, serial)) return false;
  Unit u;
  u.serial = serial;
  u.model = created.get(Field::Product);
  u.customer = created.get(Field::Customer);
  u.region = created.get(Field::Region);
  if (created.has(Field::Purchased)) u.purchased = parse_date(created.get(Field::Purchased));
  u.installed = p.tz.local_day(completed_at);
  u.install_ticket = ticket;
  if (auto c = u.customer.empty() ? std::nullopt : find_customer(s, u.customer)) u.address = c->address;
  write_unit(s.db(), u);
  return true;
}

CustomerView load_customer(Store& s, const std::string& id) {
  CustomerView v;
  v.customer = get_customer(s, id);
  UnitFilter f;
  f.customer = id;
  v.units = list_units(s, f);
  guarded("reading customer tickets", [&] {
    std::set<std::string> seen;
    SQLite::Statement st(s.db(), "SELECT ticket FROM tickets WHERE customer = ?");
    st.bind(1, id);
    std::vector<std::string> ids;
    while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    for (const auto& u : v.units)
      for (auto& t : tickets_of_serial(s, u.serial)) ids.push_back(t);
    for (const auto& t : ids)
      if (seen.insert(t).second)
        if (auto r = service_record(s, t)) v.tickets.push_back(std::move(*r));
    sort_records(v.tickets);
    return 0;
  });
  return v;
}

}  // namespace svc
