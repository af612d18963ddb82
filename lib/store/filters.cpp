#include "filters.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "error.hpp"
#include "event.hpp"
#include "ticket_state.hpp"

namespace svc {

namespace {

template <size_t N>
std::vector<std::string> strings(const std::array<std::string_view, N>& a) {
  return std::vector<std::string>(a.begin(), a.end());
}

// Where the known values of a master-data kind are: `exists` finds the value
// (?1, bound) in any of them, `all` lists them for the did-you-mean.
struct Sql {
  const char* exists;
  const char* all;
};

Sql sql_of(FilterKind k) {
  switch (k) {
    case FilterKind::Outlet:
      return {"SELECT 1 FROM outlets WHERE id = ?1 UNION ALL SELECT 1 FROM tickets WHERE outlet = ?1 LIMIT 1",
              "SELECT id FROM outlets UNION SELECT outlet FROM tickets WHERE outlet IS NOT NULL"};
    case FilterKind::Engineer:
      return {"SELECT 1 FROM engineers WHERE id = ?1 UNION ALL SELECT 1 FROM tickets WHERE engineer = ?1 LIMIT 1",
              "SELECT id FROM engineers UNION SELECT engineer FROM tickets WHERE engineer IS NOT NULL"};
    case FilterKind::Region:
      return {"SELECT 1 FROM regions WHERE name = ?1 UNION ALL SELECT 1 FROM outlets WHERE region = ?1 "
              "UNION ALL SELECT 1 FROM engineers WHERE region = ?1 UNION ALL SELECT 1 FROM tickets WHERE region = ?1 "
              "LIMIT 1",
              "SELECT name FROM regions UNION SELECT region FROM outlets UNION SELECT region FROM engineers "
              "UNION SELECT region FROM tickets WHERE region IS NOT NULL"};
    case FilterKind::Warehouse:
      return {"SELECT 1 FROM warehouses WHERE id = ?1", "SELECT id FROM warehouses"};
    case FilterKind::Part:
      return {"SELECT 1 FROM parts WHERE part = ?1", "SELECT part FROM parts"};
    case FilterKind::Product:
      return {"SELECT 1 FROM products WHERE model = ?1 UNION ALL SELECT 1 FROM tickets WHERE product = ?1 LIMIT 1",
              "SELECT model FROM products UNION SELECT product FROM tickets WHERE product IS NOT NULL"};
    case FilterKind::Model:
      return {"SELECT 1 FROM site_updates WHERE model = ?1 UNION ALL SELECT 1 FROM products WHERE model = ?1 LIMIT 1",
              "SELECT model FROM site_updates UNION SELECT model FROM products"};
    case FilterKind::AssetKind:
      return {"SELECT 1 FROM maint_assets WHERE kind = ?1 LIMIT 1", "SELECT DISTINCT kind FROM maint_assets"};
    case FilterKind::Ticket:
      return {"SELECT 1 FROM tickets WHERE ticket = ?1 UNION ALL SELECT 1 FROM events WHERE ticket = ?1 LIMIT 1",
              "SELECT ticket FROM tickets"};
    default: return {nullptr, nullptr};
  }
}

// Values every store knows without a row for them.
std::vector<std::string> built_in(FilterKind k) {
  if (k == FilterKind::Warehouse) return {"central"};
  return {};
}

std::string choices_text(const std::vector<std::string>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

const char* filter_noun(FilterKind k) {
  switch (k) {
    case FilterKind::Outlet: return "outlet";
    case FilterKind::Engineer: return "engineer";
    case FilterKind::Region: return "region";
    case FilterKind::Warehouse: return "warehouse";
    case FilterKind::Part: return "part";
    case FilterKind::Product: return "product";
    case FilterKind::Model: return "model";
    case FilterKind::AssetKind: return "asset kind";
    case FilterKind::Ticket: return "ticket";
    case FilterKind::Type: return "service type";
    case FilterKind::Urgency: return "urgency";
    case FilterKind::Channel: return "channel";
    case FilterKind::State: return "state";
    case FilterKind::EventKind: return "event kind";
  }
  return "value";
}

bool is_closed_set(FilterKind k) {
  return k == FilterKind::Type || k == FilterKind::Urgency || k == FilterKind::Channel || k == FilterKind::State ||
         k == FilterKind::EventKind;
}

const std::vector<std::string>& closed_set(FilterKind k) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> types = strings(kServiceTypes);
  static const std::vector<std::string> urgencies = strings(kUrgencies);
  static const std::vector<std::string> channels = strings(kChannels);
  static const std::vector<std::string> states = [] {
    auto v = phase_names();
    v.push_back("paused");
    return v;
  }();
  switch (k) {
    case FilterKind::Type: return types;
    case FilterKind::Urgency: return urgencies;
    case FilterKind::Channel: return channels;
    case FilterKind::State: return states;
    case FilterKind::EventKind: return event_kind_names();
    default: return none;
  }
}

void check_choice(const std::vector<std::string>& choices, const std::string& value, const char* option,
                  const char* noun) {
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
  throw UsageError(fmt::format("{}: {}; one of: {}", option, unknown_name_message(noun, value, choices),
                               choices_text(choices)));
}

void check_choice(FilterKind k, const std::string& value, const char* option) {
  if (value.empty()) return;
  if (!is_closed_set(k)) throw InternalError(fmt::format("check_choice: {} is not a closed set", filter_noun(k)));
  check_choice(closed_set(k), value, option, filter_noun(k));
}

void check_filter(Store& s, FilterKind k, const std::string& value, const char* option) {
  if (is_closed_set(k)) return check_choice(k, value, option);
  if (value.empty()) return;
  auto fixed = built_in(k);
  if (std::find(fixed.begin(), fixed.end(), value) != fixed.end()) return;
  const Sql sql = sql_of(k);
  try {
    SQLite::Statement q(s.db(), sql.exists);
    q.bind(1, value);
    if (q.executeStep()) return;
    std::vector<std::string> candidates = fixed;
    SQLite::Statement c(s.db(), sql.all);
    while (c.executeStep()) candidates.push_back(c.getColumn(0).getString());
    std::sort(candidates.begin(), candidates.end());
    std::string msg = unknown_name_message(filter_noun(k), value, candidates);
    if (candidates.empty()) msg += fmt::format(" (the store has no {}s)", filter_noun(k));
    throw UsageError(fmt::format("{}: {}", option, msg));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, fmt::format("checking {}", option));
  }
}

}  // namespace svc
