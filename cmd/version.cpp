// svc version: what this binary is and what it works with.
#include <fmt/format.h>
#include <sqlite3.h>

#include "app.hpp"

namespace svc::cli {

std::string version_text() {
  return fmt::format("svc {}\nschema {}\nsqlite {}\n", SVC_VERSION, Store::latest_schema_version(),
                     sqlite3_libversion());
}

void setup_version(CLI::App& sub, Globals&) {
  sub.footer("Example:\n  svc version\n  svc --version");
  sub.callback([] { std::cout << version_text(); });
}

}  // namespace svc::cli
