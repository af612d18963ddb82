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

// The version format (docs/sites.md): an optional 'V' or 'v', one to four
// dot-separated numbers of 1-6 digits, and an optional pre-release or build
// suffix '-' followed by 1-32 of [A-Za-z0-9.] ("3.2.1", "V2.10", "1.0-rc1").
// "" when valid, else what is wrong.
std::string version_problem(std::string_view v);
// The first plausible date of an update: 2000-01-01.
Day first_plausible_update_day();

// Records one update (one transaction) and returns its id. Fields are trimmed
// of blanks. DataError (65) for an empty field or one with control
// characters, qty out of 1..1000000, a malformed version, a date before
// 2000-01-01 or after `today`, an unknown region, or an exact duplicate of a
// standing record; NotFound (66) for an operator who is not a known engineer
// id. An empty region takes the operator's region.
std::int64_t record_site_update(Store& s, SiteUpdate u, Day today);
// The standing (not voided) updates, by date and id.
std::vector<SiteUpdate> list_site_updates(Store& s, std::optional<Day> first, std::optional<Day> last,
                                          const std::string& region = "", const std::string& model = "");
Table site_updates_table(const std::vector<SiteUpdate>& v);

// svc sites update void ID: withdraws a wrong record by a reversing entry
// (site_update_voids: who, when, why). The record stays stored and counts for
// nothing from then on. NotFound (66) for an unknown id; DataError (65) when
// it is already voided or the reason is empty.
struct SiteUpdateVoid {
  SiteUpdate update;
  std::string user, reason;
  Instant at = 0;
};
SiteUpdateVoid void_site_update(Store& s, std::int64_t id, const std::string& user, const std::string& reason,
                                Instant at);

// The machines of one model at one site on one version, as of the end of the week.
struct SiteVersionRow {
  std::string region, model, site, customer, version, newest;
  std::int64_t qty = 0;    // machines on this version
  Day updated = 0;         // date of the latest update that installed this version there
  bool this_week = false;  // that update is in the week
  bool old() const { return version != newest; }
};
// Every site, model and version still installed as of `last` (standing
// records up to `last`, in date order): an update of q machines to version v
// moves q machines to v, taken from the site's machines on other versions,
// the oldest version first; machines already on v make up the rest, and when
// q is more than the machines known there the site has that many more. The
// newest version is the model's newest recorded anywhere up to `last`.
// Ordered by region, model, site, version (newest first).
std::vector<SiteVersionRow> site_versions(Store& s, Day first, Day last);
Table site_versions_table(const std::vector<SiteVersionRow>& v);

}  // namespace svc
