#include "sites.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "error.hpp"
#include "free_text.hpp"
#include "masterdata.hpp"
#include "seals.hpp"
#include "small_csv.hpp"

namespace svc {

int compare_versions(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit((unsigned char)a[i]), db = std::isdigit((unsigned char)b[j]);
    size_t i2 = i, j2 = j;
    while (i2 < a.size() && bool(std::isdigit((unsigned char)a[i2])) == da) ++i2;
    while (j2 < b.size() && bool(std::isdigit((unsigned char)b[j2])) == db) ++j2;
    std::string_view ra = a.substr(i, i2 - i), rb = b.substr(j, j2 - j);
    if (da && db) {
      while (ra.size() > 1 && ra[0] == '0') ra.remove_prefix(1);
      while (rb.size() > 1 && rb[0] == '0') rb.remove_prefix(1);
      if (ra.size() != rb.size()) return ra.size() < rb.size() ? -1 : 1;
    }
    if (int c = ra.compare(rb); c != 0) return c < 0 ? -1 : 1;
    i = i2, j = j2;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

std::string version_problem(std::string_view v) {
  size_t i = 0;
  if (i < v.size() && (v[i] == 'V' || v[i] == 'v')) ++i;
  int parts = 0;
  while (true) {
    size_t d = i;
    while (i < v.size() && std::isdigit((unsigned char)v[i])) ++i;
    if (i == d || i - d > 6) return "each part must be a number of 1 to 6 digits";
    if (++parts > 4) return "at most four numbers";
    if (i < v.size() && v[i] == '.') {
      ++i;
      continue;
    }
    break;
  }
  if (i == v.size()) return "";
  if (v[i] != '-') return "a suffix starts with '-'";
  std::string_view suf = v.substr(i + 1);
  if (suf.empty() || suf.size() > 32 ||
      !std::all_of(suf.begin(), suf.end(), [](char c) { return std::isalnum((unsigned char)c) || c == '.'; }))
    return "the suffix after '-' must be 1 to 32 of A-Z a-z 0-9 .";
  return "";
}

Day first_plausible_update_day() { return days_from_civil(2000, 1, 1); }

std::int64_t record_site_update(Store& s, SiteUpdate u, Day today) {
  for (auto [name, v] : {std::pair{"--site", &u.site}, {"--customer", &u.customer}, {"--model", &u.model},
                         {"--version", &u.version}, {"--operator", &u.op}, {"--region", &u.region}}) {
    *v = trim_blanks(*v);
    if (v->empty() && v != &u.region) throw DataError(fmt::format("{} must not be empty", name));
    if (has_control(*v)) throw DataError(fmt::format("{} must not hold control characters", name));
  }
  if (u.qty < 1 || u.qty > 1000000) throw DataError(fmt::format("--qty {} must be from 1 to 1000000", u.qty));
  if (auto why = version_problem(u.version); !why.empty())
    throw DataError(fmt::format("--version '{}' is not a version: {} (e.g. 3.2.1, V2.10, 1.0-rc1)", u.version, why));
  if (u.day > today)
    throw DataError(fmt::format("--date {} is in the future (today is {}): updates are recorded when done",
                                format_date(u.day), format_date(today)));
  if (u.day < first_plausible_update_day())
    throw DataError(fmt::format("--date {} is not a plausible date of an update: from {} to today", format_date(u.day),
                                format_date(first_plausible_update_day())));
  std::int64_t id = 0;
  s.write([&] {
    Engineer op = get_engineer(s, u.op);
    if (u.region.empty()) {
      u.region = op.region;
    } else {
      auto regions = region_names(s);
      if (std::find(regions.begin(), regions.end(), u.region) == regions.end())
        throw DataError(unknown_name_message("region", u.region, regions));
    }
    SQLite::Statement d(s.db(),
                        "SELECT id FROM site_updates WHERE site = ? AND customer = ? AND day = ? AND model = ? AND "
                        "qty = ? AND version = ? AND operator = ? AND region = ? AND id NOT IN (SELECT update_id FROM "
                        "site_update_voids) LIMIT 1");
    auto bind_update = [&](SQLite::Statement& st) {  // the record's values, in the column order of both statements
      st.bind(1, u.site);
      st.bind(2, u.customer);
      st.bind(3, format_date(u.day));
      st.bind(4, u.model);
      st.bind(5, u.qty);
      st.bind(6, u.version);
      st.bind(7, u.op);
      st.bind(8, u.region);
    };
    bind_update(d);
    if (d.executeStep())
      throw DataError(fmt::format("this update is already recorded (record {}); a wrong record is withdrawn with "
                                  "'svc sites update void'",
                                  d.getColumn(0).getInt64()));
    SQLite::Statement q(s.db(),
                        "INSERT INTO site_updates(site, customer, day, model, qty, version, operator, region, "
                        "recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_update(q);
    q.bind(9, std::int64_t(svc::now()));
    q.exec();
    id = s.db().getLastInsertRowid();
    seal_row(s.db(), "site_updates", id);
  });
  return id;
}

namespace {
constexpr const char* kUpdateColumns = "u.id, u.site, u.customer, u.day, u.model, u.qty, u.version, u.operator, u.region";
SiteUpdate update_of(SQLite::Statement& q) {
  SiteUpdate u;
  u.id = q.getColumn(0).getInt64();
  u.site = q.getColumn(1).getString();
  u.customer = q.getColumn(2).getString();
  u.day = parse_date(q.getColumn(3).getString()).value_or(0);
  u.model = q.getColumn(4).getString();
  u.qty = q.getColumn(5).getInt64();
  u.version = q.getColumn(6).getString();
  u.op = q.getColumn(7).getString();
  u.region = q.getColumn(8).getString();
  return u;
}
}  // namespace

std::vector<SiteUpdate> list_site_updates(Store& s, std::optional<Day> first, std::optional<Day> last,
                                          const std::string& region, const std::string& model) {
  std::vector<SiteUpdate> v;
  SQLite::Statement q(s.db(),
                      fmt::format("SELECT {} FROM site_updates u WHERE "
                                  "(?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) AND (?3 IS NULL OR region = "
                                  "?3) AND (?4 IS NULL OR model = ?4) AND id NOT IN (SELECT update_id FROM "
                                  "site_update_voids) ORDER BY day, id",
                                  kUpdateColumns));
  if (first) q.bind(1, format_date(*first));
  if (last) q.bind(2, format_date(*last));
  if (!region.empty()) q.bind(3, region);
  if (!model.empty()) q.bind(4, model);
  while (q.executeStep()) v.push_back(update_of(q));
  return v;
}

SiteUpdateVoid void_site_update(Store& s, std::int64_t id, const std::string& user, const std::string& reason,
                                Instant at) {
  SiteUpdateVoid v;
  v.user = trim_blanks(user), v.reason = trim_blanks(reason), v.at = at;
  if (v.reason.empty()) throw DataError("--reason must say why the record was wrong");
  check_reason("--reason", v.reason);
  check_text("--user", v.user);
  if (v.user.empty()) throw DataError("--user must not be empty");
  s.write([&] {
    SQLite::Statement q(s.db(), fmt::format("SELECT {}, (SELECT at FROM site_update_voids WHERE update_id = u.id) "
                                            "FROM site_updates u WHERE u.id = ?",
                                            kUpdateColumns));
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound(fmt::format("no site update record {} (svc sites update list)", id));
    v.update = update_of(q);
    if (!q.getColumn(9).isNull())
      throw DataError(fmt::format("site update record {} is already voided", id));
    SQLite::Statement ins(s.db(), "INSERT INTO site_update_voids(update_id, user, reason, at) VALUES(?, ?, ?, ?)");
    ins.bind(1, id);
    ins.bind(2, v.user);
    ins.bind(3, v.reason);
    ins.bind(4, std::int64_t(at));
    ins.exec();
    seal_row(s.db(), "site_update_voids", s.db().getLastInsertRowid());
  });
  return v;
}

Table site_updates_table(const std::vector<SiteUpdate>& v) {
  Table t;
  t.headers = {"id", "date", "region", "site", "customer", "model", "qty", "version", "operator"};
  t.align = {Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
  for (auto& u : v)
    t.add({std::to_string(u.id), format_date(u.day), u.region, u.site, u.customer, u.model, std::to_string(u.qty),
           u.version, u.op});
  return t;
}

std::vector<SiteVersionRow> site_versions(Store& s, Day first, Day last) {
  struct Site {
    std::string region, customer;
    std::map<std::string, std::int64_t> on;  // version -> machines
    std::map<std::string, Day> installed;    // version -> date of the latest update to it
  };
  auto older = [](const std::string& a, const std::string& b) { return compare_versions(a, b) < 0; };
  std::map<std::pair<std::string, std::string>, Site> sites;  // (site, model)
  std::map<std::string, std::string> newest;                  // model -> version
  for (const SiteUpdate& u : list_site_updates(s, std::nullopt, last)) {  // in date order
    Site& st = sites[{u.site, u.model}];
    st.region = u.region, st.customer = u.customer;
    std::int64_t total = 0;
    for (auto& [v, n] : st.on) total += n;
    std::int64_t others = total - st.on[u.version];
    std::int64_t take = std::min(u.qty, others);
    std::vector<std::string> order;  // the other versions, oldest first
    for (auto& [v, n] : st.on)
      if (v != u.version && n > 0) order.push_back(v);
    std::sort(order.begin(), order.end(), older);
    for (const auto& v : order) {
      std::int64_t m = std::min(take, st.on[v]);
      st.on[v] -= m, st.on[u.version] += m, take -= m;
      if (take == 0) break;
    }
    if (u.qty > total) st.on[u.version] += u.qty - total;  // more machines than known there
    st.installed[u.version] = u.day;
    auto& n = newest[u.model];
    if (n.empty() || compare_versions(u.version, n) > 0) n = u.version;
  }
  std::vector<SiteVersionRow> v;
  for (auto& [k, st] : sites)
    for (auto& [ver, n] : st.on) {
      if (n <= 0) continue;
      SiteVersionRow r;
      r.region = st.region, r.model = k.second, r.site = k.first, r.customer = st.customer, r.version = ver;
      r.qty = n, r.updated = st.installed[ver], r.this_week = r.updated >= first, r.newest = newest[r.model];
      v.push_back(std::move(r));
    }
  std::sort(v.begin(), v.end(), [](auto& a, auto& b) {
    if (std::tie(a.region, a.model, a.site) != std::tie(b.region, b.model, b.site))
      return std::tie(a.region, a.model, a.site) < std::tie(b.region, b.model, b.site);
    return compare_versions(a.version, b.version) > 0;
  });
  return v;
}

Table site_versions_table(const std::vector<SiteVersionRow>& v) {
  Table t;
  t.headers = {"region", "model", "site", "customer", "version", "qty", "updated", "this_week", "newest", "status"};
  t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
  for (auto& r : v)
    t.add({r.region, r.model, r.site, r.customer, r.version, std::to_string(r.qty), format_date(r.updated),
           r.this_week ? "yes" : "no", r.newest, r.old() ? "old" : "current"});
  return t;
}

}  // namespace svc
