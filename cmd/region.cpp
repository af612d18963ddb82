// svc region list: the regions seen in the outlets, with their group leader.
#include <memory>

#include "app.hpp"
#include "masterdata.hpp"

namespace svc::cli {

void setup_region(CLI::App& sub, Globals& g) {
  auto format = std::make_shared<std::string>();
  sub.require_subcommand(1);
  sub.footer("Example:\n  svc region list");
  auto* list = sub.add_subcommand("list", "List the regions of the outlets with their group leader");
  add_format(list, *format);
  list->footer("Examples:\n  svc region list\n  svc region list --format json");
  list->callback([&g, format] {
    Store s = open_store(g);
    auto v = list_regions(s);
    Format f = format_of(*format);
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_array();
      for (const auto& r : v) write_json(w, r);
      w.end_array();
      w.newline();
    } else {
      emit_table(std::cout, f, regions_table(v));
    }
  });
}

}  // namespace svc::cli
