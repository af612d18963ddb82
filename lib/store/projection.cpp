#include "projection.hpp"

#include "digest.hpp"

namespace svc {

TicketRow ticket_row(const std::string& ticket, const std::vector<Event>& evs) {
  TicketRow r;
  r.ticket = ticket;
  r.events = std::int64_t(evs.size());
  bool cancelled = false, closed = false, paused = false;
  std::optional<Instant> last_closed;
  std::optional<size_t> final_completion;  // index of the last completed with no later rejected/reopened
  for (size_t i = 0; i < evs.size(); ++i) {
    const Event& e = evs[i];
    if (i == 0 || e.ts > r.last_ts) r.last_ts = e.ts;
    if (e.voided_at != kNotVoided) continue;  // withdrawn: the row shows the history as corrected
    switch (e.kind) {
      case EventKind::Created:
        if (!r.created_at) {
          r.created_at = e.ts;
          r.type = e.get(Field::Type);
          r.urgency = e.get(Field::Urgency);
          r.channel = e.get(Field::Channel);
          r.region = e.get(Field::Region);
          r.outlet = e.get(Field::Outlet);
          r.customer = e.get(Field::Customer);
          r.product = e.get(Field::Product);
          r.purchased = e.get(Field::Purchased);
          r.serial = e.get(Field::Serial);
          r.distance_km = e.number(Field::DistanceKm);
        }
        break;
      case EventKind::Responded:
        if (!r.responded_at) r.responded_at = e.ts;
        break;
      case EventKind::Arrived:
        if (!r.arrived_at) r.arrived_at = e.ts;
        break;
      case EventKind::Dispatched: r.engineer = e.get(Field::Engineer); break;
      case EventKind::Completed: final_completion = i; break;
      case EventKind::Rejected:
      case EventKind::Reopened:
        final_completion.reset();
        if (e.kind == EventKind::Reopened) closed = false;
        break;
      case EventKind::Closed:
        closed = true;
        last_closed = e.ts;
        break;
      case EventKind::Cancelled: cancelled = true; break;
      case EventKind::Paused: paused = true; break;
      case EventKind::Resumed: paused = false; break;
      case EventKind::FollowedUp:
        if (auto s = e.integer(Field::Satisfaction)) r.satisfaction = *s;
        break;
      default: break;
    }
  }
  if (final_completion) {
    r.completed_at = evs[*final_completion].ts;
    for (size_t i = *final_completion + 1; i < evs.size(); ++i)
      if (evs[i].kind == EventKind::FollowedUp && evs[i].voided_at == kNotVoided) {
        r.followed_up_at = evs[i].ts;
        break;
      }
  }
  if (closed) r.closed_at = last_closed;
  r.digest = encode_digest(evs);
  r.state = cancelled ? "cancelled" : closed ? "closed" : paused ? "paused" : final_completion ? "completed" : "open";
  return r;
}

TicketWriter::TicketWriter(Store& s)
    : st_(s.db(),
          "INSERT OR REPLACE INTO tickets(ticket, created_at, type, urgency, channel, region, outlet, customer, product, "
          "purchased, distance_km, engineer, state, responded_at, arrived_at, completed_at, closed_at, followed_up_at, "
          "satisfaction, last_ts, events, digest, serial) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") {}

void TicketWriter::put(const TicketRow& r) {
  int i = 1;
  auto text = [&](const std::string& v) {
    if (v.empty()) st_.bind(i++);
    else st_.bind(i++, v);
  };
  auto inst = [&](const std::optional<std::int64_t>& v) {
    if (v) st_.bind(i++, static_cast<std::int64_t>(*v));
    else st_.bind(i++);
  };
  st_.bind(i++, r.ticket);
  inst(r.created_at);
  text(r.type);
  text(r.urgency);
  text(r.channel);
  text(r.region);
  text(r.outlet);
  text(r.customer);
  text(r.product);
  text(r.purchased);
  if (r.distance_km) st_.bind(i++, *r.distance_km);
  else st_.bind(i++);
  text(r.engineer);
  st_.bind(i++, r.state);
  inst(r.responded_at);
  inst(r.arrived_at);
  inst(r.completed_at);
  inst(r.closed_at);
  inst(r.followed_up_at);
  inst(r.satisfaction);
  st_.bind(i++, static_cast<std::int64_t>(r.last_ts));
  st_.bind(i++, static_cast<std::int64_t>(r.events));
  st_.bind(i++, r.digest.data(), int(r.digest.size()));
  text(r.serial);
  st_.exec();
  st_.reset();
}

std::int64_t rebuild_projection(Store& s) {
  std::int64_t n = 0;
  s.write([&] {
    s.db().exec("DELETE FROM tickets");
    TicketWriter w(s);
    s.for_each_ticket([&](std::vector<Event>& evs) {
      w.put(ticket_row(evs.front().ticket, evs));
      ++n;
    });
  });
  return n;
}

}  // namespace svc
