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

std::string_view to_string(ComplaintStep c) {
  switch (c) {
    case ComplaintStep::Investigation: return "investigation";
    case ComplaintStep::Plan: return "plan";
    case ComplaintStep::Resolution: return "resolution";
  }
  return "?";
}

std::string ComplaintView::next_step() const {
  static const char* order[] = {"investigation", "plan", "resolution"};
  return steps.size() < 3 ? order[steps.size()] : "";
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
    Event e = make_event(ticket, EventKind::Complaint, r.at);
    e.at(Field::Responsible) = canon(Field::Responsible, r.responsible, "--responsible");
    e.at(Field::Note) = r.text.empty() ? "complaint " + number : "complaint " + number + ": " + r.text;
    std::string resp = e.get(Field::Responsible);
    const std::string id = add(out, std::move(e));
    SQLite::Statement q(st.db(),
                        "INSERT INTO complaints(number, ticket, event_id, responsible, opened_at, text) VALUES(?,?,?,?,?,?)");
    q.bind(1, number);
    q.bind(2, ticket);
    q.bind(3, id);
    q.bind(4, resp);
    q.bind(5, static_cast<std::int64_t>(r.at));
    bind_opt(q, 6, r.text);
    q.exec();
    res.info = fmt::format("complaint {} opened; next: investigation", number);
  });
}

StepResult complaint_step(Store& st, const Policy& p, const std::string& number, const ComplaintStepRequest& r) {
  std::string ticket;
  {
    SQLite::Statement q(st.db(), "SELECT ticket FROM complaints WHERE number = ?");
    q.bind(1, number);
    if (!q.executeStep()) throw NotFound(fmt::format("no complaint '{}' (open one with 'svc ticket complain')", number));
    ticket = q.getColumn(0).getString();
  }
  return run_step(st, p, ticket, Step::Complain, r.at, [&](auto&, auto&, auto&, auto& res) {
    if (r.text.empty()) throw DataError(fmt::format("the {} needs a text", to_string(r.step)));
    check_reason(fmt::format("the {}'s text", to_string(r.step)), r.text, TextForm::Lines);
    check_text("--owner", r.owner);
    SQLite::Statement c(st.db(), "SELECT count(*), max(at) FROM complaint_steps WHERE number = ?");
    c.bind(1, number);
    c.executeStep();
    std::int64_t done = c.getColumn(0).getInt64();
    static const char* order[] = {"investigation", "plan", "resolution"};
    if (done >= 3) throw DataError(fmt::format("complaint {} is resolved: no more steps", number));
    if (std::int64_t(r.step) != done)
      throw DataError(fmt::format("complaint {}: the next step is the {}, not the {}", number, order[done],
                                  to_string(r.step)));
    if (!c.getColumn(1).isNull() && c.getColumn(1).getInt64() > r.at)
      throw DataError(fmt::format("complaint {}: --at is before its previous step", number));
    if (r.step == ComplaintStep::Plan && (r.owner.empty() || !r.deadline))
      throw DataError("a plan needs --owner (who carries it out) and --deadline YYYY-MM-DD");
    if (r.step != ComplaintStep::Plan && (!r.owner.empty() || r.deadline))
      throw DataError("--owner and --deadline belong to the plan");
    SQLite::Statement q(st.db(), "INSERT INTO complaint_steps(number, step, at, text, owner, deadline) VALUES(?,?,?,?,?,?)");
    q.bind(1, number);
    q.bind(2, std::string(to_string(r.step)));
    q.bind(3, static_cast<std::int64_t>(r.at));
    q.bind(4, r.text);
    bind_opt(q, 5, r.owner);
    if (r.deadline) q.bind(6, static_cast<std::int64_t>(*r.deadline));
    else q.bind(6);
    q.exec();
    res.info = done + 1 < 3 ? fmt::format("complaint {}: {} recorded; next: {}", number, to_string(r.step), order[done + 1])
                            : fmt::format("complaint {}: resolved", number);
  });
}

}  // namespace svc
