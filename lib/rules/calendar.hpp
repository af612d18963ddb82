// The business clock: only time inside the policy's working spans on working
// days, in the policy's time zone (DST-correct), counts.
//
// Internally the calendar is a cumulative function C(t): business time from a
// fixed origin to t, kept as a per-day prefix sum over a window of days that
// grows on demand (span instants computed once per day with TimeZone::from_local).
// business_between(a, b) = C(b) - C(a) is then O(1) for any range inside the
// window, and add_business is a binary search over the prefix sums.
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "output.hpp"
#include "policy.hpp"

namespace svc {

// Every computation of business time that counts a day of a year the calendar
// does not cover (CalendarPolicy::covers: before, between or after the covered
// years) is noted in the policy's CoverageLog; cmd/ warns about it once after
// the command (lib/ never prints).
class BusinessCalendar {
 public:
  // `cal` and `tz` must outlive the calendar (they normally live in a Policy).
  BusinessCalendar(const CalendarPolicy& cal, const TimeZone& tz);
  // A working day: a `workdays` day not in `holidays`, or any `extra_workdays` day.
  bool is_working_day(Day d) const;
  // Business time (µs) inside [a, b); 0 when b <= a.
  Instant business_between(Instant a, Instant b) const;
  // The earliest instant t >= from with business_between(from, t) == amount.
  // Returns kNever when the calendar has no working time left to reach it
  // (no working weekday and no extra workday after `from`).
  Instant add_business(Instant from, Instant amount) const;

  static constexpr Instant kNever = std::numeric_limits<Instant>::max();

  // The working spans of local day d as instants [start, end), in order
  // (empty on a day off). For explanations and tests.
  std::vector<std::pair<Instant, Instant>> spans_of(Day d) const;

 private:
  // Makes the cached window cover days [lo, hi].
  void ensure(Day lo, Day hi) const;
  // Fills the spans of day d at out[0..2*nh) and returns the day's business time.
  Instant build_day(Day d, Instant* out) const;
  // C(t) for a t whose day is inside the window.
  Instant cumulative(Instant t) const;
  // Could a day at or after d still hold working time?
  bool working_time_after(Day d) const;
  // Notes the uncovered days among the local days of [a, b) (b > a): the
  // days whose working time a computation over that range counted.
  void note_range(Instant a, Instant b) const {
    if (a >= covered_from_ && b <= covered_until_) return;  // inside the covered years: the usual case
    note_days(tz_.local_day(a), tz_.local_day(b - 1));
  }
  void note_days(Day lo, Day hi) const;

  const CalendarPolicy& cal_;
  const TimeZone& tz_;
  std::size_t nh_;                      // working spans per day
  // [covered_from_, covered_until_): the instants of the covered years when
  // they are consecutive (a cheap test before note_days); empty otherwise.
  Instant covered_from_, covered_until_;
  CoverageLog* log_;                    // the policy's, shared with its copies
  bool weekly_time_ = false;            // some weekday is a workday (and hours are not empty)
  mutable Day base_ = 0;                // first day of the window
  mutable std::vector<Instant> cum_;    // cum_[i] = C(start of day base_+i); size = days + 1
  mutable std::vector<Instant> spans_;  // 2*nh_ instants per day of the window
};

// One day of `svc calendar show`: whether it is worked, and why.
enum class DayKind {
  Workday,        // a `workdays` day
  Weekend,        // not a `workdays` day
  Holiday,        // in `holidays` (on a workday or not), not worked
  MakeupWorkday,  // in `extra_workdays` and not otherwise a working day (调休)
};
std::string_view to_string(DayKind k);

struct CalendarDay {
  Day day;
  bool working;
  DayKind kind;
};

struct CalendarYear {
  int year = 0;
  bool covered = false;  // the calendar declares this year (CalendarPolicy::covers)
  std::vector<CalendarDay> days;  // every day of the year, in order
  int working_days = 0, days_off = 0;
  int holidays = 0;             // days of kind Holiday
  int holidays_on_workdays = 0; // of which fall on a `workdays` day
  int makeup_workdays = 0;      // days of kind MakeupWorkday
};
// The working days of a year under a calendar. UsageError when the year is not 1..9999.
CalendarYear calendar_year(const CalendarPolicy& cal, int year);
// The days of `y` as rows date, weekday, working, kind: every day with `all`,
// else only the holidays and make-up workdays (what the State Council's notice lists).
Table calendar_year_table(const CalendarYear& y, bool all);
// One line: the counts and whether the year is covered (for the table format).
std::string calendar_year_summary(const CalendarYear& y);
// For a year the calendar does not cover: what that means and the cure
// (without "svc: warning: "); nullopt for a covered year.
std::optional<std::string> uncovered_year_warning(const CalendarYear& y, const CalendarPolicy& cal);
// The JSON object of schemas/json/calendar-show.schema.json.
void write_json(JsonWriter& w, const CalendarYear& y, bool all);

}  // namespace svc
