// The nightly audits over the whole store: SLA (docs/sla.md §2, §6),
// integrity findings (§4), and their renderings (table, CSV, JSON).
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "integrity.hpp"
#include "output.hpp"
#include "sla.hpp"
#include "store.hpp"

namespace svc {

// Every ticket of the store as SLA evaluation needs it, read in one pass over
// the tickets projection: its created attributes and its digest
// (lib/store/digest.hpp), strings interned — one row per ticket instead of a scan
// of the whole events table. Its memory grows with the store (16 bytes an
// event): `svc audit integrity` uses it; audit_sla streams instead.
class SlaStoreView {
 public:
  // Reads the events at or before as_of; `ticket` (optional) limits it to one ticket.
  // `unit_attributes`: also keep customer, product and serial (for rules whose
  // `when` names them; see SlaRule::uses_unit_attributes).
  SlaStoreView(Store& store, Instant as_of, const std::string& ticket = "", bool unit_attributes = false);
  Instant as_of() const { return as_of_; }
  // Tickets created at or before as_of, in no particular order.
  std::size_t size() const { return d_.tickets.size(); }
  std::string_view ticket(std::size_t i) const { return name(d_.tickets[i]); }
  Instant created(std::size_t i) const { return d_.tickets[i].created; }
  std::string_view outlet(std::size_t i) const { return str(d_.tickets[i].outlet); }
  std::string_view region(std::size_t i) const { return str(d_.tickets[i].region); }
  std::size_t events(std::size_t i) const { return d_.tickets[i].end - d_.tickets[i].begin; }
  TicketSla evaluate(std::size_t i, const Policy& policy, const BusinessCalendar& cal, bool explain = false) const;
  // The same with the caller's scratch space: safe to call from several threads at once.
  TicketSla evaluate(std::size_t i, const Policy& policy, const BusinessCalendar& cal, std::vector<SlaEvent>& scratch,
                     bool explain = false) const;
  // Could integrity_findings find something in this ticket? (A superset test:
  // a `signed` no later than the first `completed`, or a fee with approved = no.)
  bool integrity_candidate(std::size_t i) const;

 private:
  struct Row {              // 16 bytes: a million of them for a million events
    Instant ts;
    EventKind kind;
    bool unapproved;        // a fee with approved = no
    std::int32_t engineer;  // pool index on dispatched, else -1
  };
  struct Ticket {
    std::uint32_t name_off = 0, name_len = 0;  // in Data::names
    Instant created = 0;
    std::int32_t type = -1, urgency = -1, channel = -1, region = -1, outlet = -1;
    std::int32_t customer = -1, product = -1, serial = -1;  // only with unit_attributes
    double distance = 0;
    bool has_distance = false;
    bool has_due = false;
    Instant due = 0;
    std::size_t begin = 0, end = 0;  // its rows in Data::rows
  };
  // What a scan of (part of) the projection yields; parts read in parallel are merged.
  struct Data {
    std::string names;              // every ticket id, back to back
    std::deque<std::string> pool;   // interned attribute values
    std::unordered_map<std::string_view, std::int32_t> pool_index;
    std::vector<Row> rows;          // grouped by ticket, each group in log order
    std::vector<Ticket> tickets;    // only tickets created at or before as_of
    std::int32_t intern(std::string_view s);
    void append(Data&& part);       // part's tickets after ours, its strings re-interned
  };
  std::string_view name(const Ticket& t) const { return std::string_view(d_.names).substr(t.name_off, t.name_len); }
  std::string_view str(std::int32_t i) const {
    return i < 0 ? std::string_view() : std::string_view(d_.pool[std::size_t(i)]);
  }

  Instant as_of_;
  bool unit_attributes_ = false;
  Data d_;
  mutable std::vector<SlaEvent> scratch_;
};

// Which tickets an audit looks at: local created date (inclusive), outlet, region.
struct TicketFilter {
  std::optional<Day> from, to;
  std::string outlet, region;
  bool matches(Instant created, std::string_view outlet, std::string_view region, const TimeZone& tz) const;
};

enum class FailOn { Nothing, Breach, AtRisk };

struct SlaAuditOptions {
  Instant as_of = 0;
  TicketFilter filter;
  std::string ticket;  // explain (table) or show (csv, json) one ticket; the other filters are ignored
  bool all = false;    // every ticket, in ticket id order; else those with a breached or at-risk target, most overdue first
  Format format = Format::Table;
};

struct SlaCounts {
  std::int64_t tickets = 0, late = 0, on_time = 0, open = 0, cancelled = 0, none = 0;
  std::int64_t breached = 0;  // tickets with a breached target
  std::int64_t at_risk = 0;   // tickets with an at-risk target and no breached one
  std::int64_t listed = 0;
  void add(const TicketSla& t);
  void add(const SlaCounts& o);
  std::string line(Instant as_of, const TimeZone& tz) const;
  bool fails(FailOn f) const { return f == FailOn::Breach ? breached > 0 : f == FailOn::AtRisk && breached + at_risk > 0; }
};

// Runs `svc audit sla`: streams the tickets in ranges of ticket ids, evaluated
// on worker threads (one per core, at most 4; SVC_THREADS overrides), so that
// its memory does not grow with the store, and writes the listing in the chosen format to `out`
// (with the summary line after a table) and returns the counts. Throws
// NoInputError when --ticket names a ticket that is not in the store.
SlaCounts audit_sla(Store& store, const Policy& policy, const SlaAuditOptions& o, std::ostream& out);

// One ticket as in spec §6 (key order, seconds, RFC 3339 in the policy zone),
// compact, appended to `out` (the listing writes 100k+ of these).
void append_sla_json(std::string& out, const TicketSla& t, const TimeZone& tz);
void write_sla_json(JsonWriter& w, const TicketSla& t, const TimeZone& tz);  // the same through a JsonWriter
// The listing's columns and one ticket's row (table and CSV).
std::vector<std::string> sla_columns(Format f);
std::vector<std::string> sla_row(const TicketSla& t, const TimeZone& tz, Format f);
// The explanation of one ticket (--ticket, table format).
void explain_sla(std::ostream& out, const TicketSla& t, const Policy& policy, Instant as_of);

// "65h00m", "0m", "1h00m30s"
std::string format_hm(Instant micros);

// --- integrity ---

struct IntegrityOptions {
  Instant as_of = 0;
  TicketFilter filter;
  Format format = Format::Table;
};
// Runs `svc audit integrity`: every finding of the selected tickets, by time,
// then ticket. Returns the number of findings.
std::int64_t audit_integrity(Store& store, const Policy& policy, const IntegrityOptions& o, std::ostream& out);

}  // namespace svc
