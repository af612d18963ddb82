// svc init: create the store, or migrate an older one.
#include <fmt/format.h>

#include "app.hpp"

namespace svc::cli {

void setup_init(CLI::App& sub, Globals& g) {
  sub.footer("Examples:\n  svc init\n  svc --db /var/lib/svc/svc.db init\n  SVC_DB=/srv/svc.db svc init");
  sub.callback([&g] {
    Store s = open_store(g, /*create=*/true);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {} store '{}' at schema version {}\n", s.created() ? "created" : "opened",
                               s.path(), s.schema_version());
  });
}

}  // namespace svc::cli
