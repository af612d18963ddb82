// Software updates at customer sites (svc sites, docs/sites.md): every update
// recorded with site, customer, date, model, quantity, version, operator and
// region; the weekly report of which versions run where, and the sites still
// on an old version (older than the newest version recorded for the model).
// Table: schemas/011_sites.sql.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "output.hpp"
#include "store.hpp"

namespace svc {

struct SiteUpdate {
  std::int64_t id = 0;
  std::string site, customer, model, version, op, region;
  Day day = 0;
  std::int64_t qty = 1;
};

// Version order: digit runs compare as numbers, other runs as text, so
// V2.10 > V2.9 > V2.9-rc (a longer version with the same start is newer).
int compare_versions(std::string_view a, std::string_view b);

// Records one update (one transaction) and returns its id. DataError (65) for
// an empty field, qty < 1, or a date after `today`. An empty region takes the
// operator's region when the operator is a known engineer.
std::int64_t record_site_update(Store& s, SiteUpdate u, Day today);
std::vector<SiteUpdate> list_site_updates(Store& s, std::optional<Day> first, std::optional<Day> last,
                                          const std::string& region = "", const std::string& model = "");
Table site_updates_table(const std::vector<SiteUpdate>& v);

// One site and model as of the end of the week.
struct SiteVersionRow {
  std::string region, model, site, customer, version, newest;
  std::int64_t qty = 0;
  Day updated = 0;         // date of its latest update
  bool this_week = false;  // updated in the week
  bool old() const { return version != newest; }
};
// Every site and model recorded up to `last`: its latest version, and the
// newest version of the model recorded anywhere up to `last`. Ordered by
// region, model, site.
std::vector<SiteVersionRow> site_versions(Store& s, Day first, Day last);
Table site_versions_table(const std::vector<SiteVersionRow>& v);

}  // namespace svc
