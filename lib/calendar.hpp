// The business clock: only time inside the policy's working spans on working
// days counts, in the policy's time zone (DST-correct).
#pragma once
#include "policy.hpp"

namespace svc {

class BusinessCalendar {
 public:
  BusinessCalendar(const CalendarPolicy& cal, const TimeZone& tz);
  // A working day: a `workdays` day not in `holidays`, or any `extra_workdays` day.
  bool is_working_day(Day d) const;
  // Business time (µs) inside [a, b); 0 when b <= a.
  Instant business_between(Instant a, Instant b) const;
  // The earliest instant t >= from with business_between(from, t) == amount.
  Instant add_business(Instant from, Instant amount) const;

 private:
  const CalendarPolicy& cal_;
  const TimeZone& tz_;
};

}  // namespace svc
