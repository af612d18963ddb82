#include "verify.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "projection.hpp"
#include "seals.hpp"

namespace svc {

const std::string& genesis_chain() {
  static const std::string g(64, '0');
  return g;
}

VerifyResult verify_chain(Store& store, const std::function<void(std::int64_t)>& progress) {
  VerifyResult r;
  try {
    if (!stored_tables(store.db()).count("events")) {
      r.broken = BrokenLink{0, "", "", "the events table is missing (svc never drops it)"};
      return r;
    }
    SQLite::Statement st(store.db(),
                         fmt::format("SELECT {}, chain, import_id, seal FROM events ORDER BY seq", kEventSelectColumns));
    std::string prev = genesis_chain(), prev_seal = genesis_chain();
    const int chain_col = 5 + kFieldCount;  // after kEventSelectColumns
    while (st.executeStep()) {
      Event e;
      try {
        e = event_from_row(st);
      } catch (const UnknownEventKind&) {  // a kind svc does not know: altered outside svc
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
      // the identity seal: the id and the import, which the chain does not cover
      auto sc = st.getColumn(chain_col + 2), ic = st.getColumn(chain_col + 1);
      std::optional<std::int64_t> import_id;
      if (!ic.isNull()) import_id = ic.getInt64();
      std::string seal = sc.isBlob() || sc.isText() ? hex_of_blob(sc.getBlob(), sc.getBytes()) : std::string();
      std::string expect_seal = event_seal(prev_seal, stored, e.id, import_id);
      if (seal != expect_seal) {
        std::string why =
            sc.isNull() ? "it has no identity seal (the seal of its id and import): it was not written by svc"
            : seal.size() != 64
                ? fmt::format("its identity seal is not a 32-byte SHA-256 ({} bytes)", sc.getBytes())
                : fmt::format("its id or import ({}) does not match its identity seal and the seals before it (the "
                              "event's id, its import_id, its seal, or an event before it was changed)",
                              import_id ? std::to_string(*import_id) : std::string("none"));
        r.broken = BrokenLink{e.seq, e.id, e.ticket, why};
        return r;
      }
      prev_seal = std::move(seal);
      prev = std::move(stored);
      ++r.checked;
      if (progress && (r.checked & 0xffff) == 0) progress(r.checked);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "verifying the chain");
  }
  return r;
}

void require_intact_chain(Store& store) {
  VerifyResult r = verify_chain(store);
  if (!r.broken) return;
  throw DataError(
      fmt::format("the events' chain is broken at seq {}{}: {}; rebuilding the projection from a tampered log would "
                  "make it look verified, so nothing was changed (svc audit verify lists every finding; restore "
                  "the store from a backup)",
                  r.broken->seq, r.broken->id.empty() ? "" : fmt::format(" (event {}, ticket {})", r.broken->id, r.broken->ticket),
                  r.broken->reason),
      {});
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
    const std::set<std::string> tables = stored_tables(store.db());
    if (!tables.count("tickets"))
      out.findings.push_back({"", "table dropped", "the tickets table is missing (svc admin rebuild cannot restore a "
                                                   "dropped table; restore the store from a backup)"});
    if (!tables.count("tickets") || !tables.count("events")) return out;
    SQLite::Statement q(store.db(), fmt::format("SELECT {}, rowid FROM tickets ORDER BY ticket", kTicketColumns));
    bool have = q.executeStep();
    // The rowids SQLite assigns to svc's writes: 1, 2, … (the largest so far + 1). A
    // row moved elsewhere (a negative rowid, or one near 2^63) changes the shape
    // the parallel scans rely on, whatever its content.
    constexpr std::int64_t kMaxRowid = std::int64_t(1) << 53;
    auto shape = [&] {
      const std::int64_t rowid = q.getColumn(23).getInt64();
      if (rowid < 1 || rowid > kMaxRowid)
        out.findings.push_back({q.getColumn(0).getString(), "moved",
                                fmt::format("its row's rowid {} is not one the store assigns to svc's writes (1 to "
                                            "2^53): the table's shape was altered (svc admin rebuild rewrites it)",
                                            rowid)});
    };
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
      shape();
      std::string col = first_difference(ticket_row(t, evs), stored_row(q));
      if (col.empty()) ++out.checked;
      else
        out.findings.push_back(
            {t, "edited", fmt::format("its row's {} is not what its events give (svc admin rebuild recomputes it)", col)});
      have = q.executeStep();
    });
    for (; have; have = q.executeStep()) inserted(q.getColumn(0).getString());
  } catch (const UnknownEventKind& e) {
    out.findings.push_back({"", "not checked",
                            fmt::format("the projection cannot be recomputed: event {} has the kind '{}', which svc "
                                        "never writes",
                                        e.seq, e.kind)});
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "verifying the projection");
  }
  return out;
}

}  // namespace svc
