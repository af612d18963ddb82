// Helpers for the SLA, integrity, verify and audit tests: events written
// compactly, and a temporary store filled the way the import writes it
// (seq order, chain = SHA-256(previous chain ‖ content digest)).
#pragma once
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "error.hpp"
#include "event.hpp"
#include "projection.hpp"
#include "store.hpp"
#include "timeutil.hpp"

namespace svc::test {

inline Instant at(const char* s, const TimeZone& tz) {
  auto t = parse_timestamp(s, tz);
  if (!t) throw std::runtime_error(std::string("bad test timestamp ") + s);
  return *t;
}

inline const TimeZone& shanghai() {
  static const TimeZone z = TimeZone::locate("Asia/Shanghai");
  return z;
}

// ev("2026-11-06 16:00", "T1", EventKind::Created, {{Field::Type, "repair"}, ...}); local times in Asia/Shanghai.
inline Event ev(const char* ts, const char* ticket, EventKind k, std::initializer_list<std::pair<Field, const char*>> f = {},
                const TimeZone& tz = shanghai()) {
  Event e;
  e.ts = at(ts, tz);
  e.ticket = ticket;
  e.kind = k;
  for (auto& [field, v] : f) e.at(field) = v;
  e.id = content_digest(e).substr(0, 32);
  return e;
}

inline Event created(const char* ts, const char* ticket, std::initializer_list<std::pair<Field, const char*>> more = {},
                     const TimeZone& tz = shanghai()) {
  Event e = ev(ts, ticket, EventKind::Created,
               {{Field::Type, "repair"}, {Field::Urgency, "normal"}, {Field::Channel, "phone"}, {Field::Region, "华东"},
                {Field::Outlet, "SH-01"}, {Field::DistanceKm, "12"}},
               tz);
  for (auto& [field, v] : more) e.at(field) = v;
  e.id = content_digest(e).substr(0, 32);
  return e;
}

// "EXIT MESSAGE" of the svc::Error that f throws ("" when it throws none).
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return fmt::format("{} {}", e.exit_code(), e.what());
  }
  return "";
}

// A store in a fresh temporary directory, removed at the end.
struct TempStore {
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  std::string prev = std::string(64, '0');
  std::string prev_seal = std::string(64, '0');
  TempStore() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "svc-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir = tmpl;
    StoreOptions o;
    o.path = (dir / "svc.db").string();
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ~TempStore() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  // Appends events in the given order (= seq order), chaining each.
  void add(const std::vector<Event>& evs) {
    store->write([&] {
      SQLite::Statement st(store->db(),
                           fmt::format("INSERT INTO events ({}, chain, seal) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       kEventSelectColumns));
      for (const auto& e : evs) {
        st.reset();
        st.clearBindings();
        st.bind(1, e.id);
        st.bind(2, static_cast<std::int64_t>(e.ts));
        st.bind(3, e.ticket);
        st.bind(4, std::string(to_string(e.kind)));
        for (int i = 0; i < kFieldCount; ++i) {
          if (e.f[i].empty()) st.bind(5 + i);
          else if (i == int(Field::Satisfaction) || i == int(Field::Qty)) st.bind(5 + i, static_cast<std::int64_t>(std::stoll(e.f[i])));
          else st.bind(5 + i, e.f[i]);
        }
        prev = chain_hash(prev, content_digest(e));
        std::string blob = blob_of_hex(prev);
        st.bind(5 + kFieldCount, blob.data(), int(blob.size()));
        prev_seal = event_seal(prev_seal, prev, e.id, std::nullopt);  // identity seal (no import)
        std::string seal = blob_of_hex(prev_seal);
        st.bind(6 + kFieldCount, seal.data(), int(seal.size()));
        st.exec();
      }
      rebuild_projection(*store);  // the tickets projection and its digests, as import keeps them
    });
  }
};

}  // namespace svc::test
