// Maintenance: work due and ticket generation.
#include "maint.hpp"
#include "maint_internal.hpp"
#include "seals.hpp"

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

// ---------------------------------------------------------------- due and generate

std::vector<DueRow> due_work(Store& s, const Policy& pol, Instant as_of, int within_days, const std::string& outlet) {
  Day today = pol.tz.local_day(as_of);
  Day horizon = today + within_days;
  std::vector<DueRow> rows;
  auto assets = list_assets(s, outlet);
  for (const MaintPlan& p : list_plans(s)) {
    for (const Asset& a : assets) {
      if (!matches(p.selector, a)) continue;
      auto dates = dates_of(p, a, horizon, pol.maint);
      if (dates.empty()) continue;
      auto work = work_of(s, p.id, a.id, as_of);
      DueRow r;
      for (Day d : dates) {
        auto it = work.find(d);
        if (it != work.end() && it->second.second) continue;  // visited, closed or cancelled
        if (it == work.end()) {  // re-planned: the work of its round done under its old date
          auto old = replaced_date(p, a, pol.maint, work, d);
          if (old && work.at(*old).second) continue;
        }
        if (r.open++ == 0) {
          r.first_due = d;
          r.ticket = it != work.end() ? it->second.first : "";
        }
      }
      if (!r.open) continue;
      r.plan = p.id, r.asset = a.id, r.outlet = a.outlet, r.kind = a.kind, r.site = a.site;
      r.overdue = r.first_due < today;
      rows.push_back(std::move(r));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const DueRow& x, const DueRow& y) {
    return std::tie(x.outlet, x.first_due, x.asset, x.plan) < std::tie(y.outlet, y.first_due, y.asset, y.plan);
  });
  return rows;
}

Table due_table(const std::vector<DueRow>& rows) {
  Table t;
  t.headers = {"outlet", "due", "status", "open", "plan", "asset", "kind", "site", "ticket"};
  t.align = {Align::Left, Align::Left, Align::Left, Align::Right};
  for (auto& r : rows)
    t.add({r.outlet, format_date(r.first_due), r.overdue ? "overdue" : "due", std::to_string(r.open), r.plan, r.asset,
           r.kind, r.site, r.ticket});
  return t;
}

std::string maint_ticket_id(const std::string& plan, const std::string& asset, Day due) {
  std::string d = format_date(due);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  return fmt::format("M-{}-{}-{}", plan, asset, d);
}

namespace {
struct DryRunRollback {};  // thrown out of the write of a dry run: the transaction rolls back
}  // namespace

GenerateResult generate(Store& s, const Policy& pol, Day until, Instant at, bool dry_run) {
  GenerateResult res;
  try {
  s.write([&] {
    auto assets = list_assets(s);
    std::map<std::string, bool> active;  // outlet -> active
    for (const MaintPlan& p : list_plans(s)) {
      for (const Asset& a : assets) {
        if (!matches(p.selector, a)) continue;
        if (!active.count(a.outlet)) {
          auto o = find_outlet(s, a.outlet);
          active[a.outlet] = o && o->active;
        }
        if (!active[a.outlet]) {  // skipped with a warning; the other outlets' work goes on
          auto& v = res.skipped[a.outlet];
          if (std::find(v.begin(), v.end(), a.id) == v.end()) v.push_back(a.id);
          continue;
        }
        auto work = work_of(s, p.id, a.id, at);
        for (Day d : dates_of(p, a, until, pol.maint)) {
          if (work.count(d)) {
            ++res.existing;
            continue;
          }
          // the clocks start when the work is due: the created event is the
          // start of the due day; a due day still ahead waits for a later run
          Instant created = pol.tz.day_start(d);
          if (created > at) {
            ++res.later;
            continue;
          }
          std::string new_id = maint_ticket_id(p.id, a.id, d);
          if (auto old = replaced_date(p, a, pol.maint, work, d)) {
            auto& [old_ticket, done] = work[*old];
            if (done) {  // the work of this round was done (or retired) under its old date
              ++res.existing;
              continue;
            }
            cancel_ticket(s, pol, old_ticket, std::max(created, derive_state(s.ticket_events(old_ticket), at).last_ts.value_or(created)),
                          fmt::format("superseded by {}: plan {} now falls due {} instead of {}", new_id, p.id,
                                      format_date(d), format_date(*old)));
            res.superseded.push_back(old_ticket);
            done = true;
          }
          CreateRequest r;
          r.ticket = new_id;
          r.at = created;
          r.type = "maintenance";
          r.outlet = a.outlet;
          r.customer = a.customer;
          r.address = a.site;
          r.fault = fmt::format("planned maintenance {} ({}, {}) of {} {} due {}", p.id, p.name, p.interval.text, a.kind,
                                a.id, format_date(d));
          create_ticket(s, pol, r);
          SQLite::Statement q(s.db(),
                              "INSERT INTO maint_work(ticket, plan, asset, due, generated_at) VALUES(?, ?, ?, ?, ?)");
          q.bind(1, r.ticket);
          q.bind(2, p.id);
          q.bind(3, a.id);
          q.bind(4, format_date(d));
          q.bind(5, std::int64_t(at));
          q.exec();
          seal_row(s.db(), "maint_work", s.db().getLastInsertRowid());
          res.created.push_back(r.ticket);
        }
      }
    }
    if (dry_run) throw DryRunRollback{};
  });
  } catch (const DryRunRollback&) {
  }
  return res;
}

}  // namespace svc
