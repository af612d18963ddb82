# Generates a C++ source holding every examples/calendars/*.toml as a string,
# so that `[calendar] include = ["cn-2026"]` works from any install. Run at
# build time by lib/CMakeLists.txt; the name of a calendar is its file name
# without .toml.
file(GLOB cal_files "${CALENDAR_DIR}/*.toml")
list(SORT cal_files)
set(body "// Generated from examples/calendars/*.toml by cmake/EmbedCalendars.cmake. Do not edit.\n#include \"shipped_calendars.hpp\"\nnamespace svc {\nconst std::vector<ShippedCalendar>& shipped_calendars() {\n  static const std::vector<ShippedCalendar> all = {\n")
foreach(f IN LISTS cal_files)
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  string(APPEND body "    {\"${name}\", R\"SVCCAL(${text})SVCCAL\"},\n")
endforeach()
string(APPEND body "  };\n  return all;\n}\n}  // namespace svc\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
