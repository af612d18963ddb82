// The importer's ticket-level rules (Importer::Impl, importer_internal.hpp):
// after every record of a file is in, each ticket with new events is checked
// with its stored events, in log order: exactly one created event, nothing
// before it, the void rules (spec "Validation", docs/corrections.md) and
// paused/resumed alternating among the events not voided.
#include <fmt/format.h>

#include <algorithm>

#include "importer_internal.hpp"

namespace svc {

using namespace importer_detail;

// Ticket-level rules over the new events of each ticket and its stored ones.
// Returns the tickets (indices) that got new events, grouped with their items.
void Importer::Impl::check_tickets(std::vector<std::uint32_t>& order, std::vector<std::uint32_t>& start,
                                   std::vector<std::uint8_t>& has_stored) {
  // group the new items by ticket (counting sort, keeps file order)
  start.assign(tickets.size() + 1, 0);
  for (const Item& it : items)
    if (it.st == St::New) ++start[it.ticket + 1];
  for (size_t t = 0; t < tickets.size(); ++t) start[t + 1] += start[t];
  order.assign(start.back(), 0);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t o = 0; o < items.size(); ++o)
      if (items[o].st == St::New) order[fill[items[o].ticket]++] = o;
  }
  has_stored.assign(tickets.size(), 0);
  std::unique_ptr<SQLite::Statement> q;
  if (!fresh)
    q = std::make_unique<SQLite::Statement>(store.db(),
                                            "SELECT seq, ts, event, id, ref FROM events WHERE ticket = ? AND seq <= ?");
  std::vector<Entry> es;
  for (std::uint32_t t = 0; t < tickets.size(); ++t) {
    if (start[t] == start[t + 1]) continue;
    es.clear();
    if (q) {
      q->bind(1, tickets[t].id);
      q->bind(2, static_cast<std::int64_t>(before_max));
      while (q->executeStep()) {
        auto k = parse_event_kind(q->getColumn(2).getString());
        if (!k) continue;
        Entry en{q->getColumn(1).getInt64(), q->getColumn(0).getInt64(), *k, kNone};
        en.idh = id_hash(q->getColumn(3).getText());
        if (*k == EventKind::Voided) en.refh = id_hash(q->getColumn(4).getText());
        es.push_back(en);
      }
      q->reset();
      has_stored[t] = !es.empty();
    }
    for (std::uint32_t i = start[t]; i < start[t + 1]; ++i) {
      const Item& it = items[order[i]];
      Entry en{it.ts, it.seq, it.kind, order[i]};
      en.idh = it.idh;
      if (it.kind == EventKind::Voided) en.refh = id_hash(void_ref.at(order[i]));
      es.push_back(en);
    }
    std::sort(es.begin(), es.end(), [](const Entry& a, const Entry& b) {
      return a.ts != b.ts ? a.ts < b.ts : a.seq < b.seq;
    });
    check_ticket(t, es);
  }
}

void Importer::Impl::check_ticket(std::uint32_t t, std::vector<Entry>& es) {
  const std::string& id = tickets[t].id;
  std::vector<const Entry*> created;
  for (const Entry& e : es)
    if (e.kind == EventKind::Created) created.push_back(&e);
  if (created.size() != 1) {
    std::string msg;
    if (created.empty()) {
      msg = tickets[t].bad_created_line
                ? fmt::format("ticket {} has no valid created event (the created at line {} is bad)", id,
                              tickets[t].bad_created_line)
                : fmt::format("ticket {} has no created event (in this input or in the store)", id);
      if (!tickets[t].bad_created_line && opts.map && !es.empty())  // an export starting mid-history
        msg += fmt::format("; its first event is '{}': [snapshot] open_on_first_row = true in the --map rules "
                           "opens a ticket on its first row (docs/mapping.md)",
                           to_string(es.front().kind));
    } else {
      std::string where;
      for (const Entry* c : created)
        where += (where.empty() ? "" : ", ") +
                 (c->item == kNone ? fmt::format("one stored at {}", when(c->ts))
                                   : fmt::format("line {}", items[c->item].line));
      msg = fmt::format("ticket {} has {} created events ({})", id, created.size(), where);
    }
    for (const Entry& e : es)
      if (e.item != kNone) mark_bad(e.item, msg);
    return;
  }
  Instant created_ts = created[0]->ts;
  std::vector<bool> out(es.size(), false);
  for (size_t i = 0; i < es.size(); ++i)
    if (es[i].item != kNone && es[i].ts < created_ts) {
      mark_bad(es[i].item, fmt::format("ts {} is before the ticket's created at {}", when(es[i].ts), when(created_ts)));
      out[i] = true;
    }
  // voids (spec "Validation"): each names an event of this ticket that is not
  // a created or voided event, not already voided, and not later than itself
  std::vector<std::uint32_t> target(es.size(), kNone);  // voided entry → the entry it withdraws
  std::vector<std::uint32_t> voided_by(es.size(), kNone);
  check_voids(id, es, out, target, voided_by);
  // paused/resumed alternate, in log order, among the events not voided
  for (bool again = true; again;) {
    again = false;
    bool paused = false;
    Instant since = 0;
    for (size_t i = 0; i < es.size() && !again; ++i) {
      if (out[i] || voided_by[i] != kNone) continue;
      const Entry& e = es[i];
      if (e.kind != EventKind::Paused && e.kind != EventKind::Resumed) continue;
      bool bad = e.kind == EventKind::Paused ? paused : !paused;
      if (!bad) {
        paused = e.kind == EventKind::Paused;
        since = e.ts;
        continue;
      }
      if (e.item != kNone) {
        mark_bad(e.item, e.kind == EventKind::Paused
                             ? fmt::format("paused while already paused (since {})", when(since))
                             : std::string("resumed while not paused"));
        out[i] = true;
        continue;
      }
      // a stored event became inconsistent: blame a new void of a pause or
      // resume, else the latest new pause/resume before it
      for (size_t j = 0; j < es.size() && !again; ++j) {
        if (out[j] || es[j].item == kNone || target[j] == kNone) continue;
        const Entry& w = es[target[j]];
        if (w.kind != EventKind::Paused && w.kind != EventKind::Resumed) continue;
        mark_bad(es[j].item, fmt::format("voiding the {} at {} leaves the {} at {} unmatched (to withdraw a "
                                         "pause, void both its paused and its resumed)",
                                         to_string(w.kind), when(w.ts), to_string(e.kind), when(e.ts)));
        out[j] = true;
        voided_by[target[j]] = kNone;
        again = true;
      }
      for (size_t j = i; !again && j-- > 0;)
        if (!out[j] && es[j].item != kNone && voided_by[j] == kNone &&
            (es[j].kind == EventKind::Paused || es[j].kind == EventKind::Resumed)) {
          mark_bad(es[j].item, fmt::format("{} conflicts with the stored {} at {}", to_string(es[j].kind),
                                           to_string(e.kind), when(e.ts)));
          out[j] = true;
          again = true;
          break;
        }
    }
  }
}

// The parts-ledger consume movement (not reversed) of a stored part_used
// event, or 0: a void of that event must reverse it too (svc ticket void).
std::int64_t Importer::Impl::consumed_by_ledger(const std::string& event_id) {
  SQLite::Statement q(store.db(),
                      "SELECT m.id FROM part_movements m WHERE m.event_id = ? AND m.kind = 'consume' AND NOT EXISTS "
                      "(SELECT 1 FROM part_movements r WHERE r.reverses = m.id) LIMIT 1");
  q.bind(1, event_id);
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

// The void rules of one ticket's events (log order). Stored voids were
// checked when they came; the new ones are checked in file order, so that
// of two voids of one event the later record is the bad one.
void Importer::Impl::check_voids(const std::string& ticket, const std::vector<Entry>& es, std::vector<bool>& out,
                                 std::vector<std::uint32_t>& target, std::vector<std::uint32_t>& voided_by) {
  std::vector<std::uint32_t> voids;
  for (std::uint32_t i = 0; i < es.size(); ++i)
    if (es[i].kind == EventKind::Voided && !out[i]) voids.push_back(i);
  if (voids.empty()) return;
  std::unordered_map<std::uint64_t, std::uint32_t> by_id;
  for (std::uint32_t i = 0; i < es.size(); ++i) by_id.emplace(es[i].idh, i);
  std::stable_sort(voids.begin(), voids.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Entry &x = es[a], &y = es[b];
    if ((x.item == kNone) != (y.item == kNone)) return x.item == kNone;
    return x.item == kNone ? x.seq < y.seq : x.item < y.item;
  });
  for (std::uint32_t v : voids) {
    const Entry& e = es[v];
    auto f = by_id.find(e.refh);
    if (e.item == kNone) {  // stored: valid when it was stored
      if (f != by_id.end()) target[v] = f->second, voided_by[f->second] = v;
      continue;
    }
    const std::string& ref = void_ref.at(e.item);
    std::string why;
    if (f == by_id.end()) {
      why = fmt::format("ref '{}' is not an event of ticket {} (in this input or in the store)", ref, ticket);
    } else {
      const Entry& t = es[f->second];
      std::string what = t.item == kNone ? fmt::format("the stored {} at {}", to_string(t.kind), when(t.ts))
                                         : fmt::format("the {} at line {}", to_string(t.kind), items[t.item].line);
      if (out[f->second])
        why = fmt::format("ref '{}' names {}, which is itself bad", ref, what);
      else if (t.kind == EventKind::Created)
        why = fmt::format("ref '{}' names the ticket's created event, which cannot be voided (cancel the ticket "
                          "instead)", ref);
      else if (t.kind == EventKind::Voided)
        why = fmt::format("ref '{}' names a voided event: a correction cannot be voided", ref);
      else if (voided_by[f->second] != kNone) {
        const Entry& by = es[voided_by[f->second]];
        why = fmt::format("ref '{}' names {}, which is already voided ({})", ref, what,
                          by.item == kNone ? fmt::format("stored, at {}", when(by.ts))
                                           : fmt::format("at line {}", items[by.item].line));
      } else if (e.ts < t.ts)
        why = fmt::format("ts {} is earlier than that of the event it voids ({} at {})", when(e.ts),
                          to_string(t.kind), when(t.ts));
      else if (t.kind == EventKind::PartUsed && t.item == kNone && !opts.caller_reverses_ledger)
        if (std::int64_t m = consumed_by_ledger(ref))
          why = fmt::format("ref '{}' names {}, which the parts ledger consumed (movement #{}): void it with 'svc "
                            "ticket void', which reverses that consumption in the same transaction, so that the "
                            "ledger and the tickets agree",
                            ref, what, m);
    }
    if (!why.empty()) {
      mark_bad(e.item, why);
      out[v] = true;
      continue;
    }
    target[v] = f->second;
    voided_by[f->second] = v;
  }
}

}  // namespace svc
