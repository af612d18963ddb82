// Fixtures shared by the parts tests (tests/ops/parts*_test.cpp and
// tests/reports/parts_audit_test.cpp): a temporary
// store with a small catalogue, input files, tickets and part_used events.
#pragma once
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>

#include "config.hpp"
#include "error.hpp"
#include "importer.hpp"
#include "parts.hpp"

namespace svc::parts_test {

// A fresh store in a temp file, removed afterwards.
struct TempStore {
  std::string path;
  std::unique_ptr<Store> s;
  TempStore() {
    char tmpl[] = "/tmp/svc-parts-test-XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    path = tmpl;
    std::remove(path.c_str());
    StoreOptions o;
    o.path = path;
    o.create = true;
    s = std::make_unique<Store>(o);
  }
  ~TempStore() {
    s.reset();
    for (const char* suf : {"", "-wal", "-shm"}) std::remove((path + suf).c_str());
  }
  Store& operator*() { return *s; }
};

// Input files written by the tests, removed when the test binary exits.
struct TempFiles {
  std::vector<std::string> paths;
  ~TempFiles() {
    for (auto& p : paths) std::remove(p.c_str());
  }
};
inline TempFiles temp_files;

inline std::string write_file(const std::string& name, const std::string& text) {
  std::string p = "/tmp/svc-parts-test-" + std::to_string(getpid()) + "-" + name;
  std::ofstream(p, std::ios::binary) << text;
  temp_files.paths.push_back(p);
  return p;
}

inline Instant at(const char* s) { return *parse_timestamp(s, TimeZone::locate("Asia/Shanghai")); }

inline Actor who(const char* ts) { return {at(ts), "tester"}; }

// A ticket in the store: movements name only tickets that exist (lib/store/guards.hpp).
inline void open_ticket(Store& s, const char* ticket) {
  Event e;
  e.ticket = ticket;
  e.kind = EventKind::Created;
  e.ts = at("2026-10-30 08:00");
  e.at(Field::Type) = "repair";
  e.at(Field::Urgency) = "normal";
  e.at(Field::Region) = "华东";
  e.at(Field::Outlet) = "SH-01";
  append_events(s, default_policy(), {e}, "test");
}

inline void add_event(Store& s, const std::string& id, const char* ts, const std::string& ticket, const std::string& part,
               int qty) {
  SQLite::Statement st(s.db(),
                       "INSERT INTO events(id, ts, ticket, event, part, qty, chain) VALUES (?, ?, ?, 'part_used', ?, ?, x'00')");
  st.bind(1, id);
  st.bind(2, at(ts));
  st.bind(3, ticket);
  st.bind(4, part);
  st.bind(5, qty);
  st.exec();
}

inline std::int64_t balance(Store& s, const std::string& wh, const std::string& part, const std::string& book = "new") {
  for (const auto& r : stock(s, wh, false))
    if (r.part == part) return book == "new" ? r.qty : r.old_qty;
  return 0;
}

inline std::string refusal(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return e.what();
  } catch (const NotFound& e) {  // an unknown part, warehouse, ticket or claim (66)
    return e.what();
  }
  return "(not refused)";
}

// A catalogue with a claimable capacitor and an expensive motor, and outlet SH-01.
struct Fixture : TempStore {
  Policy p = default_policy();
  PartsLedger led{**this, p};
  Fixture() {
    Part cap;
    cap.part = "CAP", cap.name = "Capacitor", cap.claimable = true, cap.min_stock = 5, cap.supplier = "Acme";
    add_part(**this, cap);
    Part mot;
    mot.part = "MOT", mot.name = "Motor", mot.list_cents = 80000;
    add_part(**this, mot);
    add_warehouse(**this, "SH-01");
  }
};

}  // namespace svc::parts_test
