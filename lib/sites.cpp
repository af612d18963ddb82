#include "sites.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "error.hpp"
#include "masterdata.hpp"

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

std::int64_t record_site_update(Store& s, SiteUpdate u, Day today) {
  for (auto [name, v] : {std::pair{"--site", &u.site}, {"--customer", &u.customer}, {"--model", &u.model},
                         {"--version", &u.version}, {"--operator", &u.op}})
    if (v->find_first_not_of(" \t") == std::string::npos) throw DataError(fmt::format("{} must not be empty", name));
  if (u.qty < 1 || u.qty > 1000000) throw DataError(fmt::format("--qty {} must be from 1 to 1000000", u.qty));
  if (u.day > today)
    throw DataError(fmt::format("--date {} is in the future (today is {}): updates are recorded when done",
                                format_date(u.day), format_date(today)));
  std::int64_t id = 0;
  s.write([&] {
    if (u.region.empty())
      if (auto e = find_engineer(s, u.op)) u.region = e->region;
    SQLite::Statement q(s.db(),
                        "INSERT INTO site_updates(site, customer, day, model, qty, version, operator, region, "
                        "recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, u.site);
    q.bind(2, u.customer);
    q.bind(3, format_date(u.day));
    q.bind(4, u.model);
    q.bind(5, u.qty);
    q.bind(6, u.version);
    q.bind(7, u.op);
    q.bind(8, u.region);
    q.bind(9, std::int64_t(svc::now()));
    q.exec();
    id = s.db().getLastInsertRowid();
  });
  return id;
}

std::vector<SiteUpdate> list_site_updates(Store& s, std::optional<Day> first, std::optional<Day> last,
                                          const std::string& region, const std::string& model) {
  std::vector<SiteUpdate> v;
  SQLite::Statement q(s.db(),
                      "SELECT id, site, customer, day, model, qty, version, operator, region FROM site_updates WHERE "
                      "(?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) AND (?3 IS NULL OR region = ?3) AND "
                      "(?4 IS NULL OR model = ?4) ORDER BY day, id");
  if (first) q.bind(1, format_date(*first));
  if (last) q.bind(2, format_date(*last));
  if (!region.empty()) q.bind(3, region);
  if (!model.empty()) q.bind(4, model);
  while (q.executeStep()) {
    SiteUpdate u;
    u.id = q.getColumn(0).getInt64();
    u.site = q.getColumn(1).getString();
    u.customer = q.getColumn(2).getString();
    u.day = *parse_date(q.getColumn(3).getString());
    u.model = q.getColumn(4).getString();
    u.qty = q.getColumn(5).getInt64();
    u.version = q.getColumn(6).getString();
    u.op = q.getColumn(7).getString();
    u.region = q.getColumn(8).getString();
    v.push_back(std::move(u));
  }
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
  std::map<std::pair<std::string, std::string>, SiteVersionRow> latest;  // (site, model)
  std::map<std::string, std::string> newest;                             // model -> version
  for (const SiteUpdate& u : list_site_updates(s, std::nullopt, last)) {  // in date order: later wins
    auto& r = latest[{u.site, u.model}];
    r.region = u.region, r.model = u.model, r.site = u.site, r.customer = u.customer, r.version = u.version;
    r.qty = u.qty, r.updated = u.day;
    r.this_week = r.this_week || u.day >= first;
    auto& n = newest[u.model];
    if (n.empty() || compare_versions(u.version, n) > 0) n = u.version;
  }
  std::vector<SiteVersionRow> v;
  for (auto& [k, r] : latest) {
    r.newest = newest[r.model];
    v.push_back(r);
  }
  std::sort(v.begin(), v.end(), [](auto& a, auto& b) {
    return std::tie(a.region, a.model, a.site) < std::tie(b.region, b.model, b.site);
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
