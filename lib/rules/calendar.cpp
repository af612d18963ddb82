#include "calendar.hpp"

#include <algorithm>

#include "error.hpp"

namespace svc {

BusinessCalendar::BusinessCalendar(const CalendarPolicy& cal, const TimeZone& tz)
    : cal_(cal), tz_(tz), nh_(cal.hours.size()), log_(cal.beyond.get()) {
  bool any_day = std::any_of(cal.workdays.begin(), cal.workdays.end(), [](bool b) { return b; });
  weekly_time_ = any_day && cal.day_seconds() > 0;
  covered_from_ = std::numeric_limits<Instant>::max(), covered_until_ = std::numeric_limits<Instant>::min();
  const bool consecutive = !cal.covers.empty() && *cal.covers.rbegin() - *cal.covers.begin() + 1 == int(cal.covers.size());
  if (consecutive) {
    covered_from_ = tz_.from_local(std::int64_t(cal.first_covered_day()) * kMicrosPerDay);
    covered_until_ = tz_.from_local((std::int64_t(cal.last_covered_day()) + 1) * kMicrosPerDay);
  }
}

void BusinessCalendar::note_days(Day lo, Day hi) const {
  if (!log_) return;
  int ylo, yhi;
  unsigned m, d;
  civil_from_days(lo, ylo, m, d);
  civil_from_days(hi, yhi, m, d);
  // each uncovered year once: its first and last day in [lo, hi] for the
  // first and last such year, its 1 January for those between
  int first = 0, last = 0;
  bool any = false;
  for (int y = ylo; y <= yhi; ++y) {
    if (cal_.covers.count(y)) continue;
    if (any) log_->note(days_from_civil(y, 1, 1));
    if (!any) first = y, any = true;
    last = y;
  }
  if (!any) return;
  log_->note(std::max(lo, days_from_civil(first, 1, 1)));
  log_->note(std::min(hi, days_from_civil(last, 12, 31)));
}

bool BusinessCalendar::is_working_day(Day d) const {
  if (cal_.extra_workdays.count(d)) return true;
  return cal_.workdays[std::size_t(weekday(d))] && !cal_.holidays.count(d);
}

Instant BusinessCalendar::build_day(Day d, Instant* out) const {
  const std::int64_t midnight = std::int64_t(d) * kMicrosPerDay;
  if (!is_working_day(d)) {
    Instant s = tz_.from_local(midnight);
    for (std::size_t k = 0; k < 2 * nh_; ++k) out[k] = s;
    return 0;
  }
  Instant total = 0, prev_end = std::numeric_limits<Instant>::min();
  for (std::size_t k = 0; k < nh_; ++k) {
    const auto& w = cal_.hours[k];
    Instant s = tz_.from_local(midnight + std::int64_t(w.start_min) * 60 * kMicrosPerSecond);
    Instant e = tz_.from_local(midnight + std::int64_t(w.end_min) * 60 * kMicrosPerSecond);
    // A span boundary inside a DST gap is read with the offset before the
    // change; keep the spans ordered and non-overlapping whatever happens.
    s = std::max(s, prev_end);
    e = std::max(e, s);
    out[2 * k] = s, out[2 * k + 1] = e;
    total += e - s;
    prev_end = e;
  }
  return total;
}

void BusinessCalendar::ensure(Day lo, Day hi) const {
  const Day n = Day(cum_.size()) - 1;
  if (n > 0 && lo >= base_ && hi < base_ + n) return;
  Day new_lo = lo - 16, new_hi = hi + 64;
  if (n > 0) {
    // grow geometrically so that a walk over many days costs amortised O(1) per day
    const Day cur_lo = base_, cur_hi = base_ + n - 1, grow = std::max<Day>(32, n / 2);
    new_lo = lo < cur_lo ? std::min(lo, cur_lo - grow) : cur_lo;
    new_hi = hi > cur_hi ? std::max(hi, cur_hi + grow) : cur_hi;
  }
  const std::size_t days = std::size_t(new_hi - new_lo + 1);
  std::vector<Instant> cum(days + 1), spans(days * 2 * nh_);
  std::vector<Instant> totals(days, -1);
  std::size_t off = 0;  // index of the old base in the new window
  if (n > 0) {
    off = std::size_t(base_ - new_lo);
    std::copy(spans_.begin(), spans_.end(), spans.begin() + std::ptrdiff_t(off * 2 * nh_));
  }
  for (std::size_t i = 0; i < days; ++i) {
    if (n > 0 && i >= off && i < off + std::size_t(n)) continue;
    totals[i] = build_day(new_lo + Day(i), spans.data() + i * 2 * nh_);
  }
  if (n > 0) {
    // keep C absolute: the old window's values stay, new days extend them both ways
    for (std::size_t i = 0; i <= std::size_t(n); ++i) cum[off + i] = cum_[i];
    for (std::size_t i = off; i-- > 0;) cum[i] = cum[i + 1] - totals[i];
    for (std::size_t i = off + std::size_t(n); i < days; ++i) cum[i + 1] = cum[i] + totals[i];
  } else {
    cum[0] = 0;
    for (std::size_t i = 0; i < days; ++i) cum[i + 1] = cum[i] + totals[i];
  }
  base_ = new_lo;
  cum_ = std::move(cum);
  spans_ = std::move(spans);
}

Instant BusinessCalendar::cumulative(Instant t) const {
  const std::size_t i = std::size_t(tz_.local_day(t) - base_);
  Instant acc = cum_[i];
  const Instant* sp = spans_.data() + i * 2 * nh_;
  for (std::size_t k = 0; k < nh_; ++k) {
    Instant s = sp[2 * k], e = sp[2 * k + 1];
    if (t <= s) break;
    acc += std::min(t, e) - s;
  }
  return acc;
}

Instant BusinessCalendar::business_between(Instant a, Instant b) const {
  if (b <= a) return 0;
  note_range(a, b);
  if (nh_ == 0) return 0;
  ensure(tz_.local_day(a), tz_.local_day(b));
  return cumulative(b) - cumulative(a);
}

bool BusinessCalendar::working_time_after(Day d) const {
  if (weekly_time_) return true;
  if (cal_.day_seconds() <= 0) return false;
  return cal_.extra_workdays.lower_bound(d) != cal_.extra_workdays.end();
}

Instant BusinessCalendar::add_business(Instant from, Instant amount) const {
  if (amount <= 0) return from;
  if (nh_ == 0) return kNever;
  const Day d0 = tz_.local_day(from);
  ensure(d0, d0);
  const Instant target = cumulative(from) + amount;
  for (;;) {
    const std::size_t first = std::size_t(d0 - base_) + 1;
    auto it = std::lower_bound(cum_.begin() + std::ptrdiff_t(first), cum_.end(), target);
    if (it != cum_.end()) {
      const std::size_t j = std::size_t(it - cum_.begin()) - 1;  // the day on which the target is reached
      Instant r = target - cum_[j];
      const Instant* sp = spans_.data() + j * 2 * nh_;
      for (std::size_t k = 0; k < nh_; ++k) {
        Instant s = sp[2 * k], e = sp[2 * k + 1];
        if (r <= e - s) {
          note_range(from, s + r);  // the due instant ends the last working span it needs
          return s + r;
        }
        r -= e - s;
      }
      throw InternalError("business calendar: prefix sums and spans disagree");
    }
    const Day last = base_ + Day(cum_.size()) - 2;
    if (!working_time_after(last + 1)) return kNever;
    ensure(d0, last + 1);
  }
}

std::string_view to_string(DayKind k) {
  switch (k) {
    case DayKind::Workday: return "workday";
    case DayKind::Weekend: return "weekend";
    case DayKind::Holiday: return "holiday";
    case DayKind::MakeupWorkday: return "makeup_workday";
  }
  return "?";
}

CalendarYear calendar_year(const CalendarPolicy& cal, int year) {
  if (year < 1 || year > 9999) throw UsageError("year " + std::to_string(year) + " is not a year 1..9999");
  CalendarYear out;
  out.year = year;
  out.covered = cal.covers.count(year) > 0;
  const Day first = days_from_civil(year, 1, 1), last = days_from_civil(year, 12, 31);
  for (Day d = first; d <= last; ++d) {
    const bool weekly = cal.workdays[std::size_t(weekday(d))];
    const bool holiday = cal.holidays.count(d) > 0, extra = cal.extra_workdays.count(d) > 0;
    CalendarDay cd{d, extra || (weekly && !holiday), DayKind::Workday};
    if (extra) cd.kind = weekly && !holiday ? DayKind::Workday : DayKind::MakeupWorkday;
    else if (holiday) cd.kind = DayKind::Holiday;
    else if (!weekly) cd.kind = DayKind::Weekend;
    (cd.working ? out.working_days : out.days_off)++;
    if (cd.kind == DayKind::Holiday) {
      ++out.holidays;
      if (weekly) ++out.holidays_on_workdays;
    }
    if (cd.kind == DayKind::MakeupWorkday) ++out.makeup_workdays;
    out.days.push_back(cd);
  }
  return out;
}

namespace {
const char* kWeekdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
bool listed(const CalendarDay& d, bool all) {
  return all || d.kind == DayKind::Holiday || d.kind == DayKind::MakeupWorkday;
}
}  // namespace

Table calendar_year_table(const CalendarYear& y, bool all) {
  Table t;
  t.headers = {"date", "weekday", "working", "kind"};
  for (const auto& d : y.days)
    if (listed(d, all))
      t.add({format_date(d.day), kWeekdays[weekday(d.day)], d.working ? "yes" : "no", std::string(to_string(d.kind))});
  return t;
}

std::string calendar_year_summary(const CalendarYear& y) {
  std::string s = std::to_string(y.year) + ": " + std::to_string(y.working_days) + " working days, " +
                  std::to_string(y.days_off) + " days off; " + std::to_string(y.holidays) + " holidays (" +
                  std::to_string(y.holidays_on_workdays) + " on a workday), " + std::to_string(y.makeup_workdays) +
                  " make-up workdays; ";
  return s + (y.covered ? "covered by the calendar"
                        : "NOT covered: the calendar does not know its public holidays (docs/admin.md)");
}

std::optional<std::string> uncovered_year_warning(const CalendarYear& y, const CalendarPolicy& cal) {
  if (y.covered) return std::nullopt;
  const std::string year = std::to_string(y.year);
  return "the calendar does not cover " + year + " (it covers " + describe_years(cal.covers) +
         "): its public holidays and make-up workdays are not known, so every workdays day of " + year +
         " is shown as worked, and SLA business time counted in " + year +
         " warns; include the official calendar of " + year +
         " in [calendar] include, or declare the years your own lists give completely ([calendar] covers) "
         "(docs/policy.md)";
}

void write_json(JsonWriter& w, const CalendarYear& y, bool all) {
  w.begin_object();
  w.field("year", y.year).field("covered", y.covered);
  w.field("working_days", y.working_days).field("days_off", y.days_off);
  w.field("holidays", y.holidays).field("holidays_on_workdays", y.holidays_on_workdays);
  w.field("makeup_workdays", y.makeup_workdays);
  w.key("days").begin_array();
  for (const auto& d : y.days) {
    if (!listed(d, all)) continue;
    w.begin_object();
    w.field("date", format_date(d.day)).field("weekday", kWeekdays[weekday(d.day)]);
    w.field("working", d.working).field("kind", to_string(d.kind));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::vector<std::pair<Instant, Instant>> BusinessCalendar::spans_of(Day d) const {
  std::vector<Instant> buf(2 * nh_);
  std::vector<std::pair<Instant, Instant>> out;
  if (build_day(d, buf.data()) == 0) return out;
  for (std::size_t k = 0; k < nh_; ++k)
    if (buf[2 * k + 1] > buf[2 * k]) out.emplace_back(buf[2 * k], buf[2 * k + 1]);
  return out;
}

}  // namespace svc
