#pragma once

// Helpers shared by the dispatch files (dispatch.cpp, dispatch_suggest.cpp,
// dispatch_auto.cpp, dispatch_board.cpp, dispatch_queue.cpp); defined in
// dispatch.cpp. Not part of the public interface.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dispatch.hpp"

namespace svc::dispatch_detail {

struct Appt {
  std::int64_t id = 0;
  Instant recorded_at = 0;
  Window window;
};

// The latest appointment of each ticket recorded at or before as_of.
std::unordered_map<std::string, Appt> latest_appointments(Store& s, Instant as_of);

// A registered model's line and the skills a job on it needs (docs/installed-base.md).
struct ModelSkills {
  std::string line;
  std::vector<std::string> needs;
};
std::unordered_map<std::string, ModelSkills> product_lines(Store& s);

// The start of the current round of work: the last rejected/reopened at or
// before as_of, else the creation.
Instant round_start(const std::vector<Event>& evs, Instant as_of);

bool open_phase(Phase ph);

// Builds the work item of one ticket (events in log order), or nullopt when
// it has no created event at or before as_of.
std::optional<WorkItem> work_item(const std::vector<Event>& evs, Instant as_of,
                                  const std::unordered_map<std::string, ModelSkills>& lines,
                                  const std::unordered_map<std::string, Appt>& appts);

void set_due_key(WorkItem& w, Instant as_of);
const Event* last_created(const std::vector<Event>& evs);
std::string window_text(const Window& w, const TimeZone& tz);
void write_reasons(JsonWriter& w, const std::vector<Reason>& rs);
void write_window(JsonWriter& w, const std::optional<Window>& win, const TimeZone& tz);
std::string opt_time(const std::optional<Instant>& t, const TimeZone& tz);
Event dispatched_event(const std::string& ticket, Instant at, const std::string& engineer, const std::string& note);
void insert_log(Store& s, const std::string& ticket, Instant at, const std::string& engineer,
                const std::string& previous, const char* mode, const std::string& reason, bool forced,
                const Candidate& c, const std::string& event_id, std::optional<std::int64_t> appointment);
void append_checked(Store& s, const Policy& p, const std::vector<Event>& out, const std::string& source);

// The tickets listed in items: none (only the load), the open ones in scope,
// or also the completed/signed ones in scope (their follow-up can be at risk).
enum class List { None, Open, NotClosed };

Workload load(Store& s, const Policy& p, Instant as_of, const DispatchScope& scope, List list);

}  // namespace svc::dispatch_detail
