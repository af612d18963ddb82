// Shared by the files of `svc ticket` (ticket.cpp, ticket_create.cpp,
// ticket_views.cpp): option parsers used by more than one subcommand and the
// setup functions of create, show, list and sla. Parsers defined in ticket.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app.hpp"
#include "ticket.hpp"

namespace svc::cli::ticket_detail {

std::optional<Day> date_opt(const std::string& opt, const std::string& v);
std::vector<std::pair<std::string, std::int64_t>> parts_of(const std::vector<std::string>& v);

void setup_create(CLI::App& t, Globals& g);   // ticket_create.cpp
void setup_show(CLI::App& t, Globals& g);     // ticket_views.cpp
void setup_list(CLI::App& t, Globals& g);     // ticket_views.cpp
void setup_sla_one(CLI::App& t, Globals& g);  // ticket_views.cpp

}  // namespace svc::cli::ticket_detail
