// svc admin: maintenance subcommands. Each is one entry of the table below.
#include <fmt/format.h>

#include "app.hpp"
#include "backup.hpp"
#include "projection.hpp"
#include "verify.hpp"

namespace svc::cli {

namespace {

void setup_rebuild(CLI::App& sub, Globals& g) {
  sub.footer("Recomputes every row of the tickets table from the event log, in one transaction.\n"
             "Refuses (65, nothing changed) when the events' chain or identity seals do not verify:\n"
             "a tampered log is never made to look verified (docs/admin.md).\n"
             "\nExample:\n  svc admin rebuild");
  sub.callback([&g] {
    Store s = open_store(g);
    std::int64_t n = 0;
    s.write([&] {
      require_intact_chain(s);
      n = rebuild_projection(s);
    });
    if (!g.quiet) std::cerr << fmt::format("svc: rebuilt the projection of {} ticket{}\n", n, n == 1 ? "" : "s");
  });
}

void setup_backup(CLI::App& sub, Globals& g) {
  struct Options {
    std::string dest;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("DEST", o->dest, "The backup file to write (its directory must exist)")->required();
  sub.add_flag("--force", o->force, "Replace DEST if it exists (default: refuse, nothing written)");
  sub.footer("A consistent copy of the store, safe while other jobs write (SQLite's online backup), with the\n"
             "store's permissions (0600): written to a temporary file created 0600 next to DEST, checked,\n"
             "then renamed to DEST in one step. An existing DEST is kept unless --force. Refused: a DEST\n"
             "that is part of the store (its -wal, -shm, -journal, or a link to them) or not a regular file.\n"
             "What a killed backup left next to DEST (.NAME.svc-backup.XXXXXX) is removed by the next.\n"
             "\nExamples:\n"
             "  svc admin backup /var/backups/svc/svc-$(date +%F).db\n"
             "  svc --db /var/lib/svc/svc.db admin backup /var/backups/svc/latest.db --force --quiet");
  sub.callback([o, &g] {
    Store s = open_store(g);
    BackupResult r = backup_store(s, o->dest, o->force);
    if (r.stale_removed && !g.quiet)
      std::cerr << fmt::format("svc: removed {} file{} an interrupted backup left beside {}\n", r.stale_removed,
                               r.stale_removed == 1 ? "" : "s", r.path);
    if (!g.quiet)
      std::cerr << fmt::format("svc: backed up {} event{} (schema {}) to {}: {} bytes, mode {:04o}\n", r.events,
                               r.events == 1 ? "" : "s", r.schema_version, r.path, r.bytes, r.mode);
  });
}

struct AdminCommand {
  const char* name;
  const char* description;
  void (*setup)(CLI::App&, Globals&);
};

const AdminCommand kAdmin[] = {
    {"rebuild", "Recompute the tickets projection from the events", setup_rebuild},
    {"backup", "Write a consistent copy of the store (mode 0600, atomic; refuses to overwrite)", setup_backup},
};

}  // namespace

void setup_admin(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc admin rebuild\n  svc admin backup /var/backups/svc/svc-$(date +%F).db");
  for (const auto& c : kAdmin) c.setup(*sub.add_subcommand(c.name, c.description), g);
}

}  // namespace svc::cli
