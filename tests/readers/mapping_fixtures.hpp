// The mapping tests' helpers (tests/readers/mapping*_test.cpp): a store to
// import mapped files into, and the rules of a snapshot export of state
// changes used by several tests.
#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "error.hpp"
#include "importer.hpp"
#include "mapping.hpp"
#include "test_util.hpp"

namespace svc::mapping_test {

// A snapshot export of state changes: Number,Updated,State[,extra columns].
inline const char* kSnapRules =
    "[source]\nrows = \"snapshot\"\ntimezone = \"UTC\"\nts_format = \"%Y-%m-%d %H:%M\"\n"
    "[columns]\nticket = \"Number\"\nts = \"Updated\"\n"
    "[constants]\ntype = \"repair\"\nurgency = \"normal\"\nregion = \"R\"\noutlet = \"O\"\n"
    "[snapshot]\nstate = \"State\"\n"
    "[values.event]\n\"New\" = \"created\"\n\"Active\" = \"responded\"\n\"On Hold\" = \"paused\"\n"
    "\"Awaiting\" = \"paused\"\n\"Triage\" = \"\"\n\"Resolved\" = \"completed\"\n\"Closed\" = \"closed\"\n";
inline std::string kSnapRulesText() { return kSnapRules; }

struct Env {
  test::TempDir dir;
  Policy policy = default_policy();
  std::unique_ptr<Store> store;
  Env() {
    StoreOptions o;
    o.path = dir.at("svc.db");
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ImportResult import(const std::string& rules, const std::string& csv) {
    ImportOptions o;
    o.map = std::make_shared<MapRules>(load_map_rules(rules));
    Importer imp(*store, policy, o);
    return imp.import_file(csv);
  }
  std::string dump(const std::string& sql) {
    SQLite::Statement q(store->db(), sql);
    std::string out;
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + "|";
      out += "\n";
    }
    return out;
  }
};
inline std::string events_of(Env& e, const std::string& ticket) {
  return e.dump("SELECT group_concat(event, ' ') FROM (SELECT event FROM events WHERE ticket = '" + ticket +
                "' ORDER BY ts, seq)");
}

}  // namespace svc::mapping_test
