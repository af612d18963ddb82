#include "batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "error.hpp"
#include "event.hpp"
#include "projection.hpp"

namespace svc {

ImportResult import_or_fail(Importer& imp, const std::string& path) {
  auto failed = [&](const Error& e, std::vector<std::string> problems) {
    ImportResult r;
    r.source = path;
    r.failed = true;
    r.error_code = e.exit_code();
    r.error = e.what();
    r.problem_count = std::max<std::uint64_t>(problems.size(), 1);
    r.problems = problems.empty() ? std::vector<std::string>{r.error} : std::move(problems);
    return r;
  };
  try {
    return imp.import_file(path);
  } catch (const NotFound& e) {
    return failed(e, {});
  } catch (const PartlyStored&) {
    throw;  // not thrown by one file; never swallowed
  } catch (const DataError& e) {
    return failed(e, e.problems);
  }
}

const char* file_status(const ImportResult& r) { return r.failed ? "failed" : "stored"; }

namespace {
std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}
std::string plural(std::uint64_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }
}  // namespace

void throw_import_outcome(const std::vector<ImportResult>& results) {
  std::vector<const ImportResult*> failed;
  std::vector<std::string> stored;
  for (const auto& r : results) {
    if (r.failed) failed.push_back(&r);
    else stored.push_back(r.source);
  }
  if (failed.empty()) return;
  std::vector<std::string> problems, names, why;
  std::uint64_t count = 0, shown = 0;
  bool all_unreadable = true;
  for (const ImportResult* r : failed) {
    names.push_back(r->source);
    count += r->problem_count;
    shown += r->problems.size();
    problems.insert(problems.end(), r->problems.begin(), r->problems.end());
    all_unreadable = all_unreadable && r->error_code == exit_code(ErrorKind::NotFound);
    why.push_back(fmt::format("{} ({})", r->source,
                              r->error_code == exit_code(ErrorKind::NotFound) ? "cannot read it"
                              : !r->error.empty()                             ? r->error
                                                                              : plural(r->problem_count, "bad record")));
  }
  if (shown < count)
    problems.push_back(fmt::format("... and {} more problem{} (raise --max-errors to see them)", count - shown,
                                   count - shown == 1 ? "" : "s"));
  if (!stored.empty())
    throw PartlyStored(fmt::format("{} of {} files failed, nothing of them stored: {}; stored: {} (fix the failed "
                                   "files and import them again)",
                                   failed.size(), results.size(), join(why), join(stored)),
                       std::move(problems));
  if (failed.size() == 1 && failed.front()->error_code != 0) {  // the file's own error, as it was
    const ImportResult& r = *failed.front();
    if (r.error_code == exit_code(ErrorKind::NotFound)) throw NotFound(r.error);
    throw DataError(r.error, r.problems.size() == 1 && r.problems.front() == r.error ? std::vector<std::string>{}
                                                                                      : r.problems);
  }
  if (all_unreadable) throw NotFound(fmt::format("cannot read {}; nothing was stored", join(names)));
  throw DataError(fmt::format("{} in {}; nothing of {} was stored (fix them, or use --skip-bad --reject FILE)",
                              plural(count, "bad record"), join(names), failed.size() == 1 ? "it" : "these files"),
                  std::move(problems));
}

std::vector<std::pair<std::string, std::int64_t>> tickets_by_state(Store& s, Instant as_of) {
  static const std::array<const char*, 5> order = {"open", "paused", "completed", "closed", "cancelled"};
  std::array<std::int64_t, order.size()> n{};
  std::vector<Event> seen;
  s.for_each_ticket([&](std::vector<Event>& evs) {
    seen.clear();
    bool created = false;
    for (const Event& e : evs) {
      if (e.ts > as_of) continue;
      seen.push_back(e);
      if (seen.back().voided_at != kNotVoided && seen.back().voided_at > as_of) seen.back().voided_at = kNotVoided;
      created = created || (e.kind == EventKind::Created && seen.back().voided_at == kNotVoided);
    }
    if (!created) return;
    TicketRow row = ticket_row(evs.front().ticket, seen);  // the projection's own rule for the state
    for (size_t i = 0; i < order.size(); ++i)
      if (row.state == order[i]) ++n[i];
  });
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (size_t i = 0; i < order.size(); ++i)
    if (n[i] > 0) out.emplace_back(order[i], n[i]);
  return out;
}

void refuse_future_generate(Instant as_of, const TimeZone& tz) {
  Instant now = svc::now();
  if (as_of > now)
    throw DataError(fmt::format("--as-of {} is in the future (now is {}): maintenance tickets are generated as of "
                                "--as-of, never ahead of time",
                                format_rfc3339(as_of, tz), format_rfc3339(now, tz)));
}

std::vector<std::string> generate_warnings(const GenerateResult& r, bool dry_run) {
  std::vector<std::string> out;
  for (const auto& t : r.superseded)
    out.push_back(fmt::format("{}{} superseded (its due date moved): cancelled", dry_run ? "would be: " : "", t));
  for (const auto& [outlet, assets] : r.skipped)
    out.push_back(fmt::format("warning: outlet {} is not active: skipped its asset{} {}", outlet,
                              assets.size() == 1 ? "" : "s", join(assets)));
  return out;
}

}  // namespace svc
