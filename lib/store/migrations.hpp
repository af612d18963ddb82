// The schema migrations, embedded from schemas/NNN_*.sql at build time.
#pragma once
#include <vector>

namespace svc {
struct Migration {
  int version;       // NNN of the file name; PRAGMA user_version after it is applied
  const char* name;  // file name
  const char* sql;   // its text
};
const std::vector<Migration>& migrations();
}  // namespace svc
