// Maintenance: assets and plans (add, list, update, retire).
#include "maint.hpp"
#include "maint_internal.hpp"
#include "seals.hpp"
#include "free_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "error.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "ticket_state.hpp"
#include "masterdata.hpp"
#include "small_csv.hpp"
#include "ticket.hpp"


namespace svc {

using namespace maint_detail;

// ---------------------------------------------------------------- assets and plans

void add_asset(Store& s, const Asset& a) {
  if (!valid_id(a.id, 32))
    throw DataError(fmt::format("asset id '{}' is not valid: 1-32 characters from A-Z a-z 0-9 . _ -", a.id));
  if (a.kind.empty()) throw DataError("an asset needs --kind");
  s.write([&] {
    get_outlet(s, a.outlet);
    if (find_asset(s, a.id)) throw DataError(fmt::format("asset '{}' already exists", a.id));
    nlohmann::json j = nlohmann::json::object();
    for (auto& [k, v] : a.attrs) j[k] = v;
    SQLite::Statement q(s.db(),
                        "INSERT INTO maint_assets(id, kind, site, customer, outlet, installed, attrs, added_at) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, a.id);
    q.bind(2, a.kind);
    bind_opt(q, 3, a.site);
    bind_opt(q, 4, a.customer);
    q.bind(5, a.outlet);
    bind_opt(q, 6, a.installed ? format_date(*a.installed) : "");
    q.bind(7, j.dump());
    q.bind(8, std::int64_t(svc::now()));
    q.exec();
  });
}

std::optional<Asset> find_asset(Store& s, const std::string& id) {
  SQLite::Statement q(s.db(),
                      "SELECT id, kind, site, customer, outlet, installed, attrs, retired_at, retired_reason FROM maint_assets "
                      "WHERE id = ?");
  q.bind(1, id);
  if (q.executeStep()) return asset_of_row(q);
  return std::nullopt;
}

std::vector<Asset> list_assets(Store& s, const std::string& outlet, const std::string& kind, bool include_retired) {
  std::vector<Asset> v;
  SQLite::Statement q(s.db(),
                      "SELECT id, kind, site, customer, outlet, installed, attrs, retired_at, retired_reason FROM "
                      "maint_assets WHERE (?1 IS NULL OR outlet = ?1) AND (?2 IS NULL OR kind = ?2) AND (?3 OR "
                      "retired_at IS NULL) ORDER BY id");
  bind_opt(q, 1, outlet);
  bind_opt(q, 2, kind);
  q.bind(3, include_retired ? 1 : 0);
  while (q.executeStep()) v.push_back(asset_of_row(q));
  return v;
}

namespace {
Asset asset_for_change(Store& s, const std::string& id) {
  auto a = find_asset(s, id);
  if (!a) {
    std::vector<std::string> ids;
    for (auto& x : list_assets(s, "", "", true)) ids.push_back(x.id);
    std::string hint = nearest(id, ids);
    throw NotFound(fmt::format("unknown asset '{}'{}", id, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  if (a->retired) throw DataError(fmt::format("asset '{}' is retired ({}): nothing changed", id, a->retired_reason));
  return *a;
}
}  // namespace

void update_asset(Store& s, const std::string& id, const AssetPatch& p) {
  if (p.kind && p.kind->empty()) throw DataError("--kind cannot be empty");
  if (p.outlet && p.outlet->empty()) throw DataError("--outlet cannot be empty");
  s.write([&] {
    Asset a = asset_for_change(s, id);
    if (p.kind) a.kind = *p.kind;
    if (p.site) a.site = *p.site;
    if (p.customer) a.customer = *p.customer;
    if (p.outlet) a.outlet = get_outlet(s, *p.outlet).id;
    if (p.installed) a.installed = *p.installed;
    for (auto& k : p.unset_attrs) {
      if (!a.attrs.count(k)) throw DataError(fmt::format("asset '{}' has no attribute '{}' to unset", id, k));
      a.attrs.erase(k);
    }
    for (auto& kv : p.set_attrs) a.attrs[kv.first] = kv.second;
    nlohmann::json j = nlohmann::json::object();
    for (auto& kv : a.attrs) j[kv.first] = kv.second;
    SQLite::Statement q(s.db(),
                        "UPDATE maint_assets SET kind = ?, site = ?, customer = ?, outlet = ?, installed = ?, attrs = ? "
                        "WHERE id = ?");
    q.bind(1, a.kind);
    bind_opt(q, 2, a.site);
    bind_opt(q, 3, a.customer);
    q.bind(4, a.outlet);
    bind_opt(q, 5, a.installed ? format_date(*a.installed) : "");
    q.bind(6, j.dump());
    q.bind(7, a.id);
    q.exec();
  });
}

std::vector<std::string> retire_asset(Store& s, const Policy& pol, const std::string& id, const std::string& reason,
                                      Instant at) {
  if (trim_blanks(reason).empty()) throw DataError("retiring an asset needs --reason: why it leaves service");
  check_text("--reason", reason);
  if (at > svc::now()) throw DataError("--at is in the future");
  std::vector<std::string> cancelled;
  s.write([&] {
    Asset a = asset_for_change(s, id);
    SQLite::Statement q(s.db(), "UPDATE maint_assets SET retired_at = ?, retired_reason = ? WHERE id = ?");
    q.bind(1, std::int64_t(at));
    q.bind(2, trim_blanks(reason));
    q.bind(3, a.id);
    q.exec();
    SQLite::Statement w(s.db(),
                        "SELECT w.ticket FROM maint_work w WHERE w.asset = ? AND NOT EXISTS (SELECT 1 FROM maint_visits "
                        "v WHERE v.ticket = w.ticket) ORDER BY w.due, w.ticket");
    w.bind(1, a.id);
    std::vector<std::string> open;
    while (w.executeStep()) open.push_back(w.getColumn(0).getString());
    for (auto& t : open) {
      Phase ph = derive_state(s.ticket_events(t), at).phase;
      if (ph != Phase::New && ph != Phase::Responded && ph != Phase::Scheduled) continue;
      cancel_ticket(s, pol, t, at, fmt::format("asset {} retired: {}", a.id, trim_blanks(reason)));
      cancelled.push_back(t);
    }
  });
  return cancelled;
}

void check_selector_fields(Store& s, const Selector& sel) {
  std::vector<std::string> known = {"kind", "site", "customer", "outlet"};
  for (auto& a : list_assets(s, "", "", true))
    for (auto& kv : a.attrs)
      if (std::find(known.begin(), known.end(), kv.first) == known.end()) known.push_back(kv.first);
  for (auto& t : sel.terms) {
    if (std::find(known.begin(), known.end(), t.field) != known.end()) continue;
    std::string hint = nearest(t.field, known);
    throw UsageError(fmt::format("--select '{}': '{}' is neither kind, site, customer, outlet nor an attribute of any "
                                 "asset{}",
                                 sel.text, t.field, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
}

void add_plan(Store& s, const MaintPlan& p) {
  if (!valid_id(p.id, 16))
    throw DataError(fmt::format("plan id '{}' is not valid: 1-16 characters from A-Z a-z 0-9 . _ -", p.id));
  if (p.name.empty()) throw DataError("a plan needs --name");
  if (p.min_crew < 1 || p.min_crew > 100) throw DataError(fmt::format("--crew {} must be from 1 to 100", p.min_crew));
  if (p.checklist.empty()) throw DataError("a plan needs at least one checklist --item");
  std::set<std::string> keys;
  for (auto& c : p.checklist)
    if (!keys.insert(c.key).second) throw DataError(fmt::format("checklist item '{}' is given twice", c.key));
  s.write([&] {
    check_selector_fields(s, p.selector);
    auto ids = plan_ids(s);
    if (std::find(ids.begin(), ids.end(), p.id) != ids.end())
      throw DataError(fmt::format("plan '{}' already exists", p.id));
    SQLite::Statement q(s.db(),
                        "INSERT INTO maint_plans(id, name, selector, interval, start, min_crew, added_at) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, p.id);
    q.bind(2, p.name);
    q.bind(3, p.selector.text);
    q.bind(4, p.interval.text);
    q.bind(5, format_date(p.start));
    q.bind(6, p.min_crew);
    q.bind(7, std::int64_t(svc::now()));
    q.exec();
    int pos = 0;
    for (auto& c : p.checklist) {
      SQLite::Statement i(s.db(),
                          "INSERT INTO maint_checklist(plan, pos, key, type, unit, min_value, max_value, required, "
                          "urgent) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
      i.bind(1, p.id);
      i.bind(2, ++pos);
      i.bind(3, c.key);
      i.bind(4, c.type);
      bind_opt(i, 5, c.unit);
      if (c.min) i.bind(6, *c.min);
      if (c.max) i.bind(7, *c.max);
      i.bind(8, c.required ? 1 : 0);
      i.bind(9, c.urgent ? 1 : 0);
      i.exec();
    }
  });
}

std::vector<MaintPlan> list_plans(Store& s) {
  std::vector<MaintPlan> v;
  SQLite::Statement q(s.db(), "SELECT id, name, selector, interval, start, min_crew FROM maint_plans WHERE retired_at "
                              "IS NULL ORDER BY id");
  while (q.executeStep()) v.push_back(plan_of_row(s, q));
  return v;
}

MaintPlan get_plan(Store& s, const std::string& id) {
  SQLite::Statement q(s.db(), "SELECT id, name, selector, interval, start, min_crew FROM maint_plans WHERE id = ?");
  q.bind(1, id);
  if (q.executeStep()) return plan_of_row(s, q);
  std::string hint = nearest(id, plan_ids(s));
  throw NotFound(fmt::format("unknown plan '{}'{}", id, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

namespace {
MaintPlan plan_for_change(Store& s, const std::string& id) {
  MaintPlan p = get_plan(s, id);  // NotFound, did you mean
  SQLite::Statement q(s.db(), "SELECT retired_reason FROM maint_plans WHERE id = ? AND retired_at IS NOT NULL");
  q.bind(1, id);
  if (q.executeStep())
    throw DataError(fmt::format("plan '{}' is retired ({}): nothing changed", id, q.getColumn(0).getString()));
  return p;
}
}  // namespace

void update_plan(Store& s, const std::string& id, const PlanPatch& patch) {
  s.write([&] {
    MaintPlan p = plan_for_change(s, id);
    if (patch.name) {
      if (patch.name->empty()) throw DataError("--name cannot be empty");
      p.name = *patch.name;
    }
    if (patch.selector) {
      check_selector_fields(s, *patch.selector);
      p.selector = *patch.selector;
    }
    if (patch.interval) p.interval = *patch.interval;
    if (patch.start) p.start = *patch.start;
    if (patch.min_crew) {
      if (*patch.min_crew < 1 || *patch.min_crew > 100)
        throw DataError(fmt::format("--crew {} must be from 1 to 100", *patch.min_crew));
      p.min_crew = *patch.min_crew;
    }
    SQLite::Statement q(s.db(),
                        "UPDATE maint_plans SET name = ?, selector = ?, interval = ?, start = ?, min_crew = ? WHERE id = ?");
    q.bind(1, p.name);
    q.bind(2, p.selector.text);
    q.bind(3, p.interval.text);
    q.bind(4, format_date(p.start));
    q.bind(5, p.min_crew);
    q.bind(6, p.id);
    q.exec();
  });
}

std::vector<std::string> retire_plan(Store& s, const Policy& pol, const std::string& id, const std::string& reason,
                                     Instant at) {
  if (trim_blanks(reason).empty()) throw DataError("retiring a plan needs --reason: why it ends");
  check_text("--reason", reason);
  if (at > svc::now()) throw DataError("--at is in the future");
  std::vector<std::string> cancelled;
  s.write([&] {
    MaintPlan p = plan_for_change(s, id);
    SQLite::Statement q(s.db(), "UPDATE maint_plans SET retired_at = ?, retired_reason = ? WHERE id = ?");
    q.bind(1, std::int64_t(at));
    q.bind(2, trim_blanks(reason));
    q.bind(3, p.id);
    q.exec();
    SQLite::Statement w(s.db(),
                        "SELECT w.ticket FROM maint_work w WHERE w.plan = ? AND NOT EXISTS (SELECT 1 FROM maint_visits "
                        "v WHERE v.ticket = w.ticket) ORDER BY w.due, w.ticket");
    w.bind(1, p.id);
    std::vector<std::string> open;
    while (w.executeStep()) open.push_back(w.getColumn(0).getString());
    for (auto& t : open) {
      Phase ph = derive_state(s.ticket_events(t), at).phase;
      if (ph != Phase::New && ph != Phase::Responded && ph != Phase::Scheduled) continue;
      cancel_ticket(s, pol, t, at, fmt::format("plan {} retired: {}", p.id, trim_blanks(reason)));
      cancelled.push_back(t);
    }
  });
  return cancelled;
}

}  // namespace svc
