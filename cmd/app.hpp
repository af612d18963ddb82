// The command tree: every subcommand's setup function, and run(), which parses,
// dispatches, and turns exceptions into "svc: error: …" and an exit code.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "common.hpp"

namespace svc::cli {

struct Command {
  const char* name;
  const char* description;  // one line, shown by `svc --help`
  void (*setup)(CLI::App& sub, Globals& g);
};
// The table of subcommands, in the order `svc --help` lists them.
const std::vector<Command>& commands();

// Subcommands that live in their own file but hang under another command
// (e.g. `svc audit outlets` under `svc audit`).
struct Extension {
  const char* parent;       // top-level command it belongs to
  const char* name;
  const char* description;  // one line
  void (*setup)(CLI::App& sub, Globals& g);
};
const std::vector<Extension>& extensions();

int run(int argc, char** argv);

// One setup function per file in cmd/.
void setup_init(CLI::App&, Globals&);
void setup_config(CLI::App&, Globals&);
void setup_version(CLI::App&, Globals&);
void setup_outlet(CLI::App&, Globals&);
void setup_engineer(CLI::App&, Globals&);
void setup_region(CLI::App&, Globals&);
void setup_audit(CLI::App&, Globals&);
void setup_ticket(CLI::App&, Globals&);
void setup_complaint_register(CLI::App&, Globals&);  // complaint.cpp
void setup_audit_complaints(CLI::App&, Globals&);    // complaint.cpp
void setup_import(CLI::App&, Globals&);
void setup_batch(CLI::App&, Globals&);
void setup_admin(CLI::App&, Globals&);
void setup_dispatch(CLI::App&, Globals&);
void setup_parts(CLI::App&, Globals&);
void setup_audit_parts(CLI::App&, Globals&);
void setup_report(CLI::App&, Globals&);
void setup_audit_outlets(CLI::App&, Globals&);
void setup_cost(CLI::App&, Globals&);
void setup_maint(CLI::App&, Globals&);
void setup_audit_maint(CLI::App&, Globals&);
void setup_training(CLI::App&, Globals&);
void setup_report_training(CLI::App&, Globals&);
void setup_audit_training(CLI::App&, Globals&);
void setup_sites(CLI::App&, Globals&);
void setup_report_updates(CLI::App&, Globals&);
void setup_completion(CLI::App&, Globals&);
void setup_man(CLI::App&, Globals&);
void setup_product(CLI::App&, Globals&);
void setup_unit(CLI::App&, Globals&);
void setup_customer(CLI::App&, Globals&);
void setup_ticket_void(CLI::App&, Globals&);
void setup_audit_corrections(CLI::App&, Globals&);
void setup_calendar(CLI::App&, Globals&);

// "svc X.Y.Z\nschema N\nsqlite A.B.C\n": what `svc version` and `svc --version` print.
std::string version_text();

}  // namespace svc::cli
