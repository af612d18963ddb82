// The tickets projection (lib/store/projection.cpp): one row per ticket from
// its events as corrected, written by TicketWriter, rebuilt from the events.
#include "projection.hpp"

#include <doctest/doctest.h>

#include "digest.hpp"
#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;

namespace {
const TimeZone& tz() { return svc::test::shanghai(); }
Instant t(const char* local) { return at(local, tz()); }
}  // namespace

TEST_CASE("ticket_row: created attributes, first response and arrival, last engineer, final completion, follow-up") {
  std::vector<Event> evs = {
      created("2026-11-02 08:00", "T1", {{Field::Serial, "SN-1"}, {Field::Product, "KFR-35GW"}}),
      ev("2026-11-02 09:00", "T1", EventKind::Responded),
      ev("2026-11-02 09:30", "T1", EventKind::Responded),
      ev("2026-11-02 10:00", "T1", EventKind::Dispatched, {{Field::Engineer, "E-1"}}),
      ev("2026-11-02 10:05", "T1", EventKind::Dispatched, {{Field::Engineer, "E-2"}}),
      ev("2026-11-02 11:00", "T1", EventKind::Arrived),
      ev("2026-11-02 12:00", "T1", EventKind::Completed),
      ev("2026-11-02 12:30", "T1", EventKind::Rejected),
      ev("2026-11-02 14:00", "T1", EventKind::Completed),
      ev("2026-11-03 10:00", "T1", EventKind::FollowedUp, {{Field::Satisfaction, "4"}}),
  };
  TicketRow r = ticket_row("T1", evs);
  CHECK(r.ticket == "T1");
  CHECK(r.created_at == t("2026-11-02 08:00"));
  CHECK(r.type == "repair");
  CHECK(r.outlet == "SH-01");
  CHECK(r.region == "华东");
  CHECK(r.serial == "SN-1");
  CHECK(r.product == "KFR-35GW");
  CHECK(r.distance_km == 12.0);
  CHECK(r.responded_at == t("2026-11-02 09:00"));  // the first
  CHECK(r.arrived_at == t("2026-11-02 11:00"));
  CHECK(r.engineer == "E-2");                       // the last dispatched
  CHECK(r.completed_at == t("2026-11-02 14:00"));   // the final completion, after the rejection
  CHECK(r.followed_up_at == t("2026-11-03 10:00"));
  CHECK(r.satisfaction == 4);
  CHECK(r.state == "completed");
  CHECK_FALSE(r.closed_at);
  CHECK(r.events == 10);
  CHECK(r.last_ts == t("2026-11-03 10:00"));
  CHECK(r.digest == encode_digest(evs));
}

TEST_CASE("ticket_row: the state — open, paused, completed, closed, reopened, cancelled") {
  std::vector<Event> evs = {created("2026-11-02 08:00", "T1")};
  CHECK(ticket_row("T1", evs).state == "open");
  evs.push_back(ev("2026-11-02 09:00", "T1", EventKind::Paused));
  CHECK(ticket_row("T1", evs).state == "paused");
  evs.push_back(ev("2026-11-02 10:00", "T1", EventKind::Resumed));
  CHECK(ticket_row("T1", evs).state == "open");
  evs.push_back(ev("2026-11-02 11:00", "T1", EventKind::Completed));
  CHECK(ticket_row("T1", evs).state == "completed");
  evs.push_back(ev("2026-11-02 12:00", "T1", EventKind::Closed));
  CHECK(ticket_row("T1", evs).state == "closed");
  CHECK(ticket_row("T1", evs).closed_at == t("2026-11-02 12:00"));
  evs.push_back(ev("2026-11-03 09:00", "T1", EventKind::Reopened));
  TicketRow reopened = ticket_row("T1", evs);
  CHECK(reopened.state == "open");  // the reopen ends the completion too
  CHECK_FALSE(reopened.closed_at);
  CHECK_FALSE(reopened.completed_at);
  evs.push_back(ev("2026-11-03 10:00", "T1", EventKind::Cancelled));
  CHECK(ticket_row("T1", evs).state == "cancelled");
  CHECK_FALSE(ticket_row("T2", {ev("2026-11-02 09:00", "T2", EventKind::Responded)}).created_at);
}

TEST_CASE("ticket_row: a withdrawn event is left out of the row but kept in the digest and the count") {
  std::vector<Event> evs = {created("2026-11-02 08:00", "T1"),
                            ev("2026-11-02 09:00", "T1", EventKind::Dispatched, {{Field::Engineer, "E-1"}}),
                            ev("2026-11-02 09:10", "T1", EventKind::Dispatched, {{Field::Engineer, "E-2"}}),
                            ev("2026-11-02 11:00", "T1", EventKind::Completed)};
  evs[2].voided_at = t("2026-11-02 10:00");  // the second dispatch withdrawn
  evs[3].voided_at = t("2026-11-02 12:00");  // and the completion
  TicketRow r = ticket_row("T1", evs);
  CHECK(r.engineer == "E-1");
  CHECK(r.state == "open");
  CHECK_FALSE(r.completed_at);
  CHECK(r.events == 4);
  CHECK(r.last_ts == t("2026-11-02 11:00"));
  CHECK(r.digest == encode_digest(evs));
}

TEST_CASE("rebuild_projection: every row recomputed from the events; TicketWriter replaces a row") {
  svc::test::TempStore ts;
  ts.add({created("2026-11-02 08:00", "A"), ev("2026-11-02 09:00", "A", EventKind::Responded)});
  ts.add({created("2026-11-02 08:30", "B"), ev("2026-11-02 10:00", "B", EventKind::Cancelled)});
  Store& s = *ts.store;
  auto row_of = [&](const char* ticket) {
    SQLite::Statement q(s.db(), "SELECT state, coalesce(responded_at, 0), events, outlet FROM tickets WHERE ticket = ?");
    q.bind(1, ticket);
    REQUIRE(q.executeStep());
    return fmt::format("{}|{}|{}|{}", q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                       q.getColumn(3).getString());
  };
  const std::string a = fmt::format("open|{}|2|SH-01", t("2026-11-02 09:00"));
  CHECK(row_of("A") == a);
  CHECK(row_of("B") == "cancelled|0|2|SH-01");
  // a stale or damaged projection: a wrong row and a stray one
  s.write([&] {
    s.db().exec("UPDATE tickets SET state = 'closed', events = 99 WHERE ticket = 'A'");
    TicketRow stray = ticket_row("Z", {created("2026-11-01 08:00", "Z")});
    TicketWriter(s).put(stray);
  });
  CHECK(s.db().execAndGet("SELECT count(*) FROM tickets").getInt64() == 3);
  CHECK(rebuild_projection(s) == 2);
  CHECK(row_of("A") == a);
  CHECK(s.db().execAndGet("SELECT count(*) FROM tickets").getInt64() == 2);
  // TicketWriter writes what ticket_row computed, replacing the row
  s.write([&] {
    TicketRow r = ticket_row("A", s.ticket_events("A"));
    r.outlet = "SH-09";
    TicketWriter(s).put(r);
  });
  CHECK(row_of("A") == fmt::format("open|{}|2|SH-09", t("2026-11-02 09:00")));
}
