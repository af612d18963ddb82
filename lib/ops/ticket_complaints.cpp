// Complaints on a ticket and their steps.
#include "ticket.hpp"
#include "ticket_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include "audit.hpp"
#include "calendar.hpp"
#include "complaints.hpp"
#include "corrections.hpp"
#include "error.hpp"
#include "free_text.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "installed_base.hpp"
#include "masterdata.hpp"
#include "ticket_id.hpp"


namespace svc {

using namespace ticket_detail;

// ---------------------------------------------------------------- complaints

std::string ComplaintView::next_step() const {
  static const char* after[] = {"investigation", "plan", "resolution", "follow_up", "closed", ""};
  static const char* order[] = {"ack", "investigation", "plan", "resolution", "follow_up", "closed"};
  if (steps.empty()) return "ack";
  for (int i = 0; i < 6; ++i)
    if (steps.back().step == order[i]) return after[i];
  return "";
}

StepResult complain_ticket(Store& st, const Policy& p, const std::string& ticket, const ComplainRequest& r) {
  return run_step(st, p, ticket, Step::Complain, r.at, [&](auto&, auto&, auto& out, auto& res) {
    if (r.responsible.empty()) throw DataError("complain needs --responsible yes|no: is it the service's own fault?");
    std::string number = r.number;
    if (number.empty()) {
      SQLite::Statement q(st.db(), "SELECT count(*) FROM complaints WHERE ticket = ?");
      q.bind(1, ticket);
      q.executeStep();
      for (std::int64_t n = q.getColumn(0).getInt64() + 1;; ++n) {
        number = fmt::format("{}-C{}", ticket, n);
        SQLite::Statement x(st.db(), "SELECT 1 FROM complaints WHERE number = ?");
        x.bind(1, number);
        if (!x.executeStep()) break;
      }
    } else {
      if (!valid_event_id(number)) throw DataError(fmt::format("complaint number '{}': 1-64 characters, no control characters", number));
      SQLite::Statement x(st.db(), "SELECT ticket FROM complaints WHERE number = ?");
      x.bind(1, number);
      if (x.executeStep())
        throw DataError(fmt::format("complaint number '{}' is already taken (ticket '{}')", number, x.getColumn(0).getString()));
    }
    const std::string category = r.category.empty() ? "" : check_category(p, r.category, "--category");
    Event e = make_event(ticket, EventKind::Complaint, r.at);
    e.at(Field::Responsible) = canon(Field::Responsible, r.responsible, "--responsible");
    e.at(Field::Note) = r.text.empty() ? "complaint " + number : "complaint " + number + ": " + r.text;
    std::string resp = e.get(Field::Responsible);
    std::string channel = canon(Field::Channel, r.channel, "--channel");
    std::string outlet;
    {
      SQLite::Statement t(st.db(), "SELECT channel, outlet FROM tickets WHERE ticket = ?");
      t.bind(1, ticket);
      if (t.executeStep()) {
        if (channel.empty() && !t.getColumn(0).isNull()) channel = t.getColumn(0).getString();
        if (!t.getColumn(1).isNull()) outlet = t.getColumn(1).getString();
      }
    }
    const std::string id = add(out, std::move(e));
    // (the register row first: the importer registers only the complaint events no row names)
    SQLite::Statement q(st.db(),
                        "INSERT INTO complaints(number, ticket, event_id, responsible, opened_at, text, category, channel, "
                        "outlet, source) VALUES(?,?,?,?,?,?,?,?,?,'complain')");
    q.bind(1, number);
    q.bind(2, ticket);
    q.bind(3, id);
    q.bind(4, resp);
    q.bind(5, static_cast<std::int64_t>(r.at));
    bind_opt(q, 6, r.text);
    bind_opt(q, 7, category);
    bind_opt(q, 8, channel);
    bind_opt(q, 9, outlet);
    q.exec();
    res.info = fmt::format("complaint {} opened; next: ack (the first reply), see 'svc complaint'", number);
  });
}

// `svc ticket complaint N --investigation|--plan|--resolution`: a step of the
// register (complaints.cpp), reported with the state of its ticket.
StepResult complaint_step(Store& st, const Policy& p, const std::string& number, const ComplaintStepRequest& r) {
  StepResult res = record_complaint_step(st, p, number, r);
  TicketState after = derive_state(st.ticket_events(res.ticket), r.at);
  res.phase = after.phase;
  res.paused = after.paused;
  return res;
}

}  // namespace svc
