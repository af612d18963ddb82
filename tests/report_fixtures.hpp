// Helpers for the report unit tests: events and ticket facts built by hand.
#pragma once
#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "event.hpp"
#include "kpi.hpp"
#include "timeutil.hpp"

namespace svc::testing {

inline const TimeZone& shanghai() {
  static TimeZone tz = TimeZone::locate("Asia/Shanghai");
  return tz;
}

inline Instant at(const char* local) { return *parse_timestamp(local, shanghai()); }

// An event at local time `ts` with attribute fields given as {Field, value}.
inline Event ev(const char* ts, EventKind k, std::initializer_list<std::pair<Field, std::string>> fields = {},
                const std::string& ticket = "T1") {
  static std::int64_t seq = 0;
  Event e;
  e.ts = at(ts);
  e.ticket = ticket;
  e.kind = k;
  e.seq = ++seq;
  e.id = fmt::format("e{}", e.seq);
  for (const auto& [f, v] : fields) e.at(f) = v;
  return e;
}

inline Event created(const char* ts, const std::string& outlet = "SH-01", const std::string& type = "repair",
                     const std::string& region = "华东") {
  return ev(ts, EventKind::Created,
            {{Field::Type, type}, {Field::Urgency, "normal"}, {Field::Region, region}, {Field::Outlet, outlet},
             {Field::Channel, "phone"}});
}

// A ticket in scope of November 2026 with the given status and traits.
inline ReportTicket facts(const std::string& id, TicketStatus status, const std::string& outlet = "SH-01") {
  ReportTicket t;
  t.ticket = id;
  t.outlet = outlet;
  t.region = "华东";
  t.type = "repair";
  t.urgency = "normal";
  t.channel = "phone";
  t.created = at("2026-11-10 10:00");
  t.status = status;
  return t;
}

}  // namespace svc::testing
