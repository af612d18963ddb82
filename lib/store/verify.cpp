#include "verify.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "projection.hpp"

namespace svc {

const std::string& genesis_chain() {
  static const std::string g(64, '0');
  return g;
}

VerifyResult verify_chain(Store& store, const std::function<void(std::int64_t)>& progress) {
  VerifyResult r;
  try {
    SQLite::Statement st(store.db(), fmt::format("SELECT {}, chain FROM events ORDER BY seq", kEventSelectColumns));
    std::string prev = genesis_chain();
    const int chain_col = 5 + kFieldCount;  // after kEventSelectColumns
    while (st.executeStep()) {
      Event e;
      try {
        e = event_from_row(st);
      } catch (const StoreUnavailable&) {  // a kind svc does not know: altered outside svc
        r.broken = BrokenLink{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(3).getString(),
                              fmt::format("its event kind '{}' is not one svc writes", st.getColumn(4).getString())};
        return r;
      }
      auto c = st.getColumn(chain_col);
      std::string stored = c.isBlob() || c.isText() ? hex_of_blob(c.getBlob(), c.getBytes()) : std::string();
      std::string expect = chain_hash(prev, content_digest(e));
      if (stored != expect) {
        std::string why = stored.size() != 64
                              ? fmt::format("its chain value is not a 32-byte SHA-256 ({} bytes)", c.getBytes())
                              : "its chain value does not match its content and the chain before it (the event, "
                                "its chain value, or an event before it was changed, inserted or removed)";
        r.broken = BrokenLink{e.seq, e.id, e.ticket, why};
        return r;
      }
      prev = std::move(stored);
      ++r.checked;
      if (progress && (r.checked & 0xffff) == 0) progress(r.checked);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "verifying the chain");
  }
  return r;
}

namespace {

// The stored projection row at the cursor of a SELECT of kTicketColumns.
constexpr const char* kTicketColumns =
    "ticket, created_at, type, urgency, channel, region, outlet, customer, product, purchased, distance_km, engineer, "
    "state, responded_at, arrived_at, completed_at, closed_at, followed_up_at, satisfaction, last_ts, events, digest, "
    "serial";

TicketRow stored_row(SQLite::Statement& q) {
  TicketRow r;
  int i = 0;
  auto text = [&] {
    auto c = q.getColumn(i++);
    return c.isNull() ? std::string() : c.getString();
  };
  auto inst = [&]() -> std::optional<std::int64_t> {
    auto c = q.getColumn(i++);
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
  };
  r.ticket = text();
  r.created_at = inst();
  r.type = text(), r.urgency = text(), r.channel = text(), r.region = text(), r.outlet = text();
  r.customer = text(), r.product = text(), r.purchased = text();
  if (auto c = q.getColumn(i++); !c.isNull()) r.distance_km = c.getDouble();
  r.engineer = text();
  r.state = text();
  r.responded_at = inst(), r.arrived_at = inst(), r.completed_at = inst(), r.closed_at = inst();
  r.followed_up_at = inst();
  r.satisfaction = inst();
  r.last_ts = inst().value_or(0);
  r.events = inst().value_or(0);
  auto d = q.getColumn(i++);
  if (d.isBlob() || d.isText()) r.digest.assign(static_cast<const char*>(d.getBlob()), size_t(d.getBytes()));
  r.serial = text();
  return r;
}

// The first column in which two rows differ, or "" when they agree.
std::string first_difference(const TicketRow& a, const TicketRow& b) {
  const std::pair<const char*, bool> cols[] = {
      {"created_at", a.created_at == b.created_at}, {"type", a.type == b.type},
      {"urgency", a.urgency == b.urgency},          {"channel", a.channel == b.channel},
      {"region", a.region == b.region},             {"outlet", a.outlet == b.outlet},
      {"customer", a.customer == b.customer},       {"product", a.product == b.product},
      {"purchased", a.purchased == b.purchased},    {"distance_km", a.distance_km == b.distance_km},
      {"engineer", a.engineer == b.engineer},       {"state", a.state == b.state},
      {"responded_at", a.responded_at == b.responded_at}, {"arrived_at", a.arrived_at == b.arrived_at},
      {"completed_at", a.completed_at == b.completed_at}, {"closed_at", a.closed_at == b.closed_at},
      {"followed_up_at", a.followed_up_at == b.followed_up_at}, {"satisfaction", a.satisfaction == b.satisfaction},
      {"last_ts", a.last_ts == b.last_ts},          {"events", a.events == b.events},
      {"digest", a.digest == b.digest},             {"serial", a.serial == b.serial}};
  for (const auto& [name, same] : cols)
    if (!same) return name;
  return "";
}

}  // namespace

ProjectionCheck verify_projection(Store& store) {
  ProjectionCheck out;
  try {
    // A merge of the events grouped by ticket and the rows, both in ticket order.
    SQLite::Statement q(store.db(), fmt::format("SELECT {} FROM tickets ORDER BY ticket", kTicketColumns));
    bool have = q.executeStep();
    auto inserted = [&](const std::string& t) {
      out.findings.push_back({t, "inserted", "the tickets table has a row for a ticket without events"});
    };
    store.for_each_ticket([&](std::vector<Event>& evs) {
      const std::string& t = evs.front().ticket;
      while (have && q.getColumn(0).getString() < t) {
        inserted(q.getColumn(0).getString());
        have = q.executeStep();
      }
      if (!have || q.getColumn(0).getString() != t) {
        out.findings.push_back({t, "deleted", "the ticket has events but no row in the tickets table"});
        return;
      }
      std::string col = first_difference(ticket_row(t, evs), stored_row(q));
      if (col.empty()) ++out.checked;
      else
        out.findings.push_back(
            {t, "edited", fmt::format("its row's {} is not what its events give (svc admin rebuild recomputes it)", col)});
      have = q.executeStep();
    });
    for (; have; have = q.executeStep()) inserted(q.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "verifying the projection");
  }
  return out;
}

}  // namespace svc
