// The maintenance module's shared internals (lib/ops/maint*.cpp): row
// readers, due dates of a plan and the work generated for them. Not part of
// the API (maint.hpp).
#pragma once
#include <SQLiteCpp/Statement.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "maint.hpp"

namespace svc::maint_detail {

std::vector<std::string> split(std::string_view s, char sep);
bool valid_id(std::string_view s, size_t max);
std::optional<double> number_of(std::string_view s);
void bind_opt(SQLite::Statement& q, int i, const std::string& v);
// A text column, "" when NULL.
std::string text_col(SQLite::Statement& q, int i);
Asset asset_of_row(SQLite::Statement& q);
std::vector<ChecklistItem> checklist_of(Store& s, const std::string& plan);
MaintPlan plan_of_row(Store& s, SQLite::Statement& q);
std::vector<std::string> plan_ids(Store& s);
// Due dates of one plan for one asset up to `to` (after-in-service: also before the plan's start).
std::vector<Day> dates_of(const MaintPlan& p, const Asset& a, Day to, const MaintPolicy& mp);
// Generated tickets of a plan and asset: due date -> (ticket, done) as of `as_of` (maint.cpp).
std::map<Day, std::pair<std::string, bool>> work_of(Store& s, const std::string& plan, const std::string& asset,
                                                    Instant as_of);
// The stale date a due date d takes the place of when a plan is re-planned, or nullopt (maint.cpp).
std::optional<Day> replaced_date(const MaintPlan& p, const Asset& a, const MaintPolicy& mp,
                                 const std::map<Day, std::pair<std::string, bool>>& work, Day d);

}  // namespace svc::maint_detail
