// svc admin: maintenance subcommands. Each is one entry of the table below.
#include <fmt/format.h>

#include "app.hpp"
#include "projection.hpp"

namespace svc::cli {

namespace {

void setup_rebuild(CLI::App& sub, Globals& g) {
  sub.footer("Recomputes every row of the tickets table from the event log, in one transaction.\n"
             "\nExample:\n  svc admin rebuild");
  sub.callback([&g] {
    Store s = open_store(g);
    std::int64_t n = rebuild_projection(s);
    if (!g.quiet) std::cerr << fmt::format("svc: rebuilt the projection of {} ticket{}\n", n, n == 1 ? "" : "s");
  });
}

struct AdminCommand {
  const char* name;
  const char* description;
  void (*setup)(CLI::App&, Globals&);
};

const AdminCommand kAdmin[] = {
    {"rebuild", "Recompute the tickets projection from the events", setup_rebuild},
};

}  // namespace

void setup_admin(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc admin rebuild");
  for (const auto& c : kAdmin) c.setup(*sub.add_subcommand(c.name, c.description), g);
}

}  // namespace svc::cli
