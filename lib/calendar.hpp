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
#include <vector>

#include "policy.hpp"

namespace svc {

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

  const CalendarPolicy& cal_;
  const TimeZone& tz_;
  std::size_t nh_;                      // working spans per day
  bool weekly_time_ = false;            // some weekday is a workday (and hours are not empty)
  mutable Day base_ = 0;                // first day of the window
  mutable std::vector<Instant> cum_;    // cum_[i] = C(start of day base_+i); size = days + 1
  mutable std::vector<Instant> spans_;  // 2*nh_ instants per day of the window
};

}  // namespace svc
