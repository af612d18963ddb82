// Ticket steps on an existing ticket: respond … close, pause/resume, schedule, complete, part used.
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

// ---------------------------------------------------------------- simple steps

StepResult respond_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Respond, at, [&](auto& evs, auto& s, auto& out, auto&) {
    auto_resume(evs, s, at, ticket, out);
    Event e = make_event(ticket, EventKind::Responded, at);
    e.at(Field::Note) = note;
    add(out, std::move(e));
  });
}

StepResult arrive_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Arrive, at, [&](auto& evs, auto& s, auto& out, auto&) {
    auto_resume(evs, s, at, ticket, out);
    Event e = make_event(ticket, EventKind::Arrived, at);
    e.at(Field::Note) = note;
    add(out, std::move(e));
  });
}

StepResult sign_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, bool force,
                       const std::string& reason) {
  return run_step(
      st, p, ticket, Step::Sign, at,
      [&](auto&, auto& s, auto& out, auto& res) {
        bool normal = step_allowed(s, Step::Sign);
        if (!normal) {
          if (!force || s.phase == Phase::Cancelled) require_step(ticket, s, Step::Sign);
          if (reason.empty()) throw DataError("sign --force needs --reason: why the customer signed before completion");
          check_reason("--reason", reason, TextForm::Lines);
          res.info = "signed before completion (forced): this is a sign-before-completion integrity finding";
        }
        Event e = make_event(ticket, EventKind::Signed, at);
        e.at(Field::Note) = normal ? reason : "forced: " + reason;
        add(out, std::move(e));
      },
      false);
}

StepResult reject_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason) {
  return run_step(st, p, ticket, Step::Reject, at, [&](auto&, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("reject needs --reason: what the customer did not accept");
    check_reason("--reason", reason, TextForm::Lines);
    Event e = make_event(ticket, EventKind::Rejected, at);
    e.at(Field::Note) = reason;
    add(out, std::move(e));
  });
}

StepResult follow_up_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at,
                            const std::string& satisfaction, const std::string& comment) {
  return run_step(st, p, ticket, Step::FollowUp, at, [&](auto&, auto&, auto& out, auto&) {
    if (satisfaction.empty()) throw DataError("follow-up needs --satisfaction 1-5");
    Event e = make_event(ticket, EventKind::FollowedUp, at);
    e.at(Field::Satisfaction) = canon(Field::Satisfaction, satisfaction, "--satisfaction");
    e.at(Field::Note) = comment;
    add(out, std::move(e));
  });
}

StepResult reopen_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason) {
  return run_step(st, p, ticket, Step::Reopen, at, [&](auto&, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("reopen needs --reason");
    check_reason("--reason", reason, TextForm::Lines);
    Event e = make_event(ticket, EventKind::Reopened, at);
    e.at(Field::Note) = reason;
    add(out, std::move(e));
  });
}

StepResult cancel_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason) {
  return run_step(st, p, ticket, Step::Cancel, at, [&](auto&, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("cancel needs --reason: why the request was withdrawn");
    check_reason("--reason", reason, TextForm::Lines);
    Event e = make_event(ticket, EventKind::Cancelled, at);
    e.at(Field::Note) = reason;
    add(out, std::move(e));
  });
}

StepResult close_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Close, at, [&](auto&, auto&, auto& out, auto&) {
    Event e = make_event(ticket, EventKind::Closed, at);
    e.at(Field::Note) = simple_note(note);
    add(out, std::move(e));
  });
}

StepResult note_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& text) {
  return run_step(st, p, ticket, Step::Note, at, [&](auto&, auto&, auto&, auto&) {
    if (text.empty()) throw DataError("note: the text is empty");
    check_reason("note: the text", text, TextForm::Lines);
    SQLite::Statement q(st.db(), "INSERT INTO ticket_notes(ticket, at, text) VALUES(?, ?, ?)");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(at));
    q.bind(3, text);
    q.exec();
  });
}

StepResult pause_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason,
                        bool consent) {
  return run_step(st, p, ticket, Step::Pause, at, [&](auto& evs, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("pause needs --reason: what the ticket waits for (the customer, parts)");
    check_reason("--reason", reason, TextForm::Lines);
    if (!consent) throw DataError("pause needs the customer's consent (--consent): the clock stops only with it");
    for (const Event& e : evs)
      if (e.ts > at && (e.kind == EventKind::Paused || e.kind == EventKind::Resumed))
        throw DataError(fmt::format("ticket '{}' has a pause set by a reschedule until {}; pause after it",
                                    ticket, format_rfc3339(e.ts, p.tz)));
    Event e = make_event(ticket, EventKind::Paused, at);
    e.at(Field::Note) = reason + " (customer consented)";
    add(out, std::move(e));
  });
}

StepResult resume_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Resume, at, [&](auto& evs, auto&, auto& out, auto&) {
    if (auto r = pending_resume(evs, at))
      throw DataError(fmt::format("ticket '{}' resumes by itself at {} (set by a reschedule)", ticket,
                                  format_rfc3339(*r, p.tz)));
    Event e = make_event(ticket, EventKind::Resumed, at);
    e.at(Field::Note) = note;
    add(out, std::move(e));
  });
}

StepResult resolve_by_phone(Store& st, const Policy& p, const std::string& ticket, Instant at,
                            const std::string& guidance, const std::string& labor_hours,
                            const LimitOverride& force) {
  return run_step(st, p, ticket, Step::ResolveByPhone, at, [&](auto& evs, auto& s, auto& out, auto& res) {
    if (guidance.empty()) throw DataError("resolve-by-phone needs --guidance: what the customer was told to do");
    check_reason("--guidance", guidance, TextForm::Lines);
    auto_resume(evs, s, at, ticket, out);
    if (!s.responded) {
      Event r = make_event(ticket, EventKind::Responded, at);
      r.at(Field::Channel) = "phone";
      add(out, std::move(r));
    }
    Event c = make_event(ticket, EventKind::Completed, at);
    c.at(Field::Channel) = "phone";
    c.at(Field::LaborHours) = canon(Field::LaborHours, labor_hours, "--hours");
    c.at(Field::Note) = "resolved by phone: " + guidance;
    apply_limits(c, p.limits, force, "--hours");
    add(out, std::move(c));
    Instant due = add_duration(p, at, p.tickets.phone_followup);
    SQLite::Statement q(st.db(), "UPDATE ticket_details SET phone_followup_due = ? WHERE ticket = ?");
    q.bind(1, static_cast<std::int64_t>(due));
    q.bind(2, ticket);
    if (q.exec() == 0) {
      SQLite::Statement i(st.db(),
                          "INSERT INTO ticket_details(ticket, created_event, phone_followup_due) VALUES(?, ?, ?)");
      i.bind(1, ticket);
      i.bind(2, created_of(evs)->id);
      i.bind(3, static_cast<std::int64_t>(due));
      i.exec();
    }
    res.info = fmt::format("follow-up call due by {}", format_rfc3339(due, p.tz));
  });
}

// ---------------------------------------------------------------- schedule

StepResult schedule_ticket(Store& st, const Policy& p, const std::string& ticket, const ScheduleRequest& r) {
  return run_step(st, p, ticket, Step::Schedule, r.at, [&](auto& evs, auto& s, auto& out, auto& res) {
    Instant at = r.at;
    if (r.window_to <= at)
      throw DataError(fmt::format("the window ends at {}, before the step's time {}", format_rfc3339(r.window_to, p.tz),
                                  format_rfc3339(at, p.tz)));
    bool reschedule = *appointment_count(st, ticket) > 0;
    if (!r.reason.empty()) check_reason("--reason", r.reason);
    if (reschedule && r.reason.empty())
      throw DataError(fmt::format("ticket '{}' already has an appointment: a reschedule needs --reason (and --consent "
                                  "when the customer asked for it)",
                                  ticket));
    if (!reschedule && r.consent)
      throw DataError("--consent is for a reschedule; this is the ticket's first appointment");
    std::string dispatched_id, paused_id, resumed_id;
    // the pause of a consented reschedule: from now until the new window starts
    auto pending = pending_resume(evs, at);
    if (r.consent && r.window_from > at) {
      if (s.paused && pending) {
        if (r.window_from > *pending) {  // extend: pause again where the old pause ends
          Event pz = make_event(ticket, EventKind::Paused, *pending);
          pz.at(Field::Note) = "rescheduled again: " + r.reason + " (customer consented)";
          paused_id = add(out, std::move(pz));
        }
      } else if (!s.paused) {
        Event pz = make_event(ticket, EventKind::Paused, at);
        pz.at(Field::Note) = "rescheduled: " + r.reason + " (customer consented)";
        paused_id = add(out, std::move(pz));
      }
      if (!paused_id.empty() || (s.paused && !pending)) {
        Event rs = make_event(ticket, EventKind::Resumed, r.window_from);
        rs.at(Field::Note) = "rescheduled appointment begins";
        resumed_id = add(out, std::move(rs));
      }
    } else {
      auto_resume(evs, s, at, ticket, out);
    }
    if (!s.responded) {
      Event e = make_event(ticket, EventKind::Responded, at);
      e.at(Field::Note) = "appointment confirmed";
      add(out, std::move(e));
    }
    if (!r.engineer.empty()) {
      Engineer eng = get_engineer(st, r.engineer);
      if (!eng.active) throw DataError(fmt::format("engineer '{}' is not active", eng.id));
      if (eng.id != s.engineer || !s.engineer_this_round) {
        Event e = make_event(ticket, EventKind::Dispatched, at);
        e.at(Field::Engineer) = eng.id;
        dispatched_id = add(out, std::move(e));
      }
    }
    // out must be in log order: the resume at the window start goes last
    std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.ts < b.ts; });
    SQLite::Statement q(st.db(),
                        "INSERT INTO appointments(ticket, recorded_at, window_from, window_to, engineer, reason, consent, "
                        "dispatched_event, paused_event, resumed_event) VALUES(?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(at));
    q.bind(3, static_cast<std::int64_t>(r.window_from));
    q.bind(4, static_cast<std::int64_t>(r.window_to));
    bind_opt(q, 5, r.engineer.empty() ? "" : get_engineer(st, r.engineer).id);
    bind_opt(q, 6, r.reason);
    q.bind(7, r.consent ? 1 : 0);
    bind_opt(q, 8, dispatched_id);
    bind_opt(q, 9, paused_id);
    bind_opt(q, 10, resumed_id);
    q.exec();
    if (!resumed_id.empty())
      res.info = fmt::format("the clock is paused until the new window starts at {}", format_rfc3339(r.window_from, p.tz));
  });
}

// ---------------------------------------------------------------- complete

StepResult complete_ticket(Store& st, const Policy& p, const std::string& ticket, const CompleteRequest& r) {
  return run_step(st, p, ticket, Step::Complete, r.at, [&](auto& evs, auto& s, auto& out, auto& res) {
    if (r.content.empty()) throw DataError("complete needs --content: the service done (the service report)");
    check_reason("--content", r.content, TextForm::Lines);
    auto_resume(evs, s, r.at, ticket, out);
    auto parts = merge_parts(r.parts);
    price_parts(st, parts);  // validates the part numbers
    for (auto& [part, qty] : parts) {
      Event e = make_event(ticket, EventKind::PartUsed, r.at);
      e.at(Field::Part) = part;
      e.at(Field::Qty) = std::to_string(qty);
      apply_limits(e, p.limits, r.force, "--part " + part);
      add(out, std::move(e));
    }
    Event c = make_event(ticket, EventKind::Completed, r.at);
    c.at(Field::LaborHours) = canon(Field::LaborHours, r.labor_hours, "--hours");
    c.at(Field::Note) = r.content;
    apply_limits(c, p.limits, r.force, "--hours");
    add(out, std::move(c));
    if (!r.fee.empty()) {
      Event f = make_event(ticket, EventKind::Fee, r.at);
      f.at(Field::Amount) = canon(Field::Amount, r.fee, "--fee");
      std::int64_t cents = *f.cents();
      if (cents < 0) throw DataError(fmt::format("--fee {}: a fee cannot be negative", r.fee));
      apply_limits(f, p.limits, r.force, "--fee");
      // the one entitlement decides (ticket_money.cpp): a fee on covered work is refused unless forced
      std::vector<Event> all = evs;
      all.insert(all.end(), out.begin(), out.end());
      res.info = decide_fee(st, p, ticket, all, r.at, f, r.force, r.user);
      add(out, std::move(f));
    }
    {  // the repair warranty this repair starts for the parts it fitted (「介绍…维修后的保修期限」)
      std::vector<Event> all = evs;
      all.insert(all.end(), out.begin(), out.end());
      std::string rw = record_repair_warranties(st, p, ticket, all, r.at);
      if (!rw.empty()) res.info = res.info.empty() ? rw : res.info + "; " + rw;
    }
    // an exchange registers the unit given in exchange and retires the old one (installed_base.hpp)
    if (const Event* cr = created_of(evs); cr && cr->get(Field::Type) == "replacement") {
      std::string x = exchange_unit(st, p, *cr, {ticket, r.new_serial, r.new_model, r.user, r.at, r.force});
      res.info = res.info.empty() ? x : res.info + "; " + x;
    } else if (!r.new_serial.empty() || !r.new_model.empty()) {
      throw DataError(fmt::format("--new-serial and --new-model are for completing an exchange (a replacement ticket); "
                                  "ticket '{}' is a {}",
                                  ticket, cr ? cr->get(Field::Type) : std::string("?")));
    }
    // an install of a serial not yet known registers the unit (installed_base.hpp)
    if (const Event* cr = created_of(evs); cr && cr->get(Field::Type) == "install" &&
                                           register_installed_unit(st, p, ticket, *cr, r.at)) {
      std::string reg = fmt::format("unit {} registered, installed {}", serial_of_ticket(st, ticket),
                                    format_date(p.tz.local_day(r.at)));
      res.info = res.info.empty() ? reg : res.info + "; " + reg;
    }
  });
}

StepResult part_used_ticket(Store& st, const Policy& p, const std::string& ticket, const PartUsedRequest& r) {
  if (r.qty < 1) throw DataError(fmt::format("qty {}: a fitted quantity is at least 1", r.qty));
  return run_step(
      st, p, ticket, Step::Complete, r.at,
      [&](auto& evs, auto& s, auto& out, auto& res) {
        if (s.phase != Phase::OnSite)
          throw DataError(fmt::format(
              "ticket '{}' is {}{}: a part can be recorded as fitted only while the engineer is on site (on_site); "
              "parts fitted at completion are recorded by 'svc ticket complete --part P:QTY' and linked with "
              "'svc parts consume --event ID' or 'svc parts reconcile'",
              ticket, to_string(s.phase), s.paused ? " and paused" : ""));
        price_parts(st, {{r.part, r.qty}});  // validates the part number
        auto_resume(evs, s, r.at, ticket, out);
        Event e = make_event(ticket, EventKind::PartUsed, r.at);
        e.at(Field::Part) = r.part;
        e.at(Field::Qty) = std::to_string(r.qty);
        e.at(Field::Note) = r.note;
        apply_limits(e, p.limits, r.force, "--qty");
        res.info = add(out, std::move(e));
      },
      false, r.source);
}

}  // namespace svc
