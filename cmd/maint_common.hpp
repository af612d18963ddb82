// Shared by the files of `svc maint` (maint.cpp, maint_assets.cpp,
// maint_visits.cpp): the setup functions of the asset, plan and visit groups,
// called by setup_maint in that order.
#pragma once
#include "app.hpp"

namespace svc::cli {

namespace maint_detail {
void setup_asset(CLI::App& sub, Globals& g);  // maint_assets.cpp
void setup_plan(CLI::App& sub, Globals& g);   // maint_assets.cpp
}  // namespace maint_detail

void setup_visit(CLI::App& sub, Globals& g);  // maint_visits.cpp

}  // namespace svc::cli
