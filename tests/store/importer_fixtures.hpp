// The importer tests' fixture (tests/store/importer*_test.cpp): a store in a
// temporary directory, CSV bodies imported under a header, the problems
// without the temporary path, and query dumps.
#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "importer.hpp"
#include "test_util.hpp"

namespace svc::importer_test {

inline const char* kHeader = "id,ts,ticket,event,type,urgency,channel,region,outlet,engineer,satisfaction,note\n";

struct Fixture {
  test::TempDir dir;
  Policy policy = default_policy();
  std::unique_ptr<Store> store;
  int n = 0;
  Fixture() {
    StoreOptions o;
    o.path = dir.at("svc.db");
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ImportResult import(const std::string& body, ImportOptions opts = {}, const std::string& header = kHeader) {
    auto p = dir.file("in" + std::to_string(++n) + ".csv", header + body);
    Importer imp(*store, policy, opts);
    return imp.import_file(p);
  }
  std::int64_t count(const std::string& sql) { return store->db().execAndGet(sql).getInt64(); }
  std::string problems(const ImportResult& r) {
    std::string out;
    for (auto& p : r.problems) out += p.substr(p.find(':') + 1) + "\n";  // drop the temp path
    return out;
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

inline const char* kTicket =
    ",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\"空调不制冷, 外机异响\"\n"
    ",2026-11-02 09:40,T1,responded,,,,,,,,预约\n"
    ",2026-11-02 10:05,T1,dispatched,,,,,,E-017,,\n"
    ",2026-11-02T06:30:00Z,T1,arrived,,,,,,,,\n"
    ",2026-11-02 15:50,T1,completed,,,,,,,,\n"
    ",2026-11-03 10:00,T1,followed_up,,,,,,,5,\n";

}  // namespace svc::importer_test
