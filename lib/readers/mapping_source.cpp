// The row→events engine of a --map'ped export: reading rows (snapshot rows
// whole and in time order), times, and the events each kind of row gives.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "mapping_internal.hpp"

namespace svc {

using namespace mapping_detail;

namespace {

// Which spec columns a derived event carries, in request and snapshot rows.
bool carries(EventKind k, int col) {
  if (col < 4) return true;
  Field f = static_cast<Field>(col - 4);
  switch (f) {
    case Field::Type: case Field::Urgency: case Field::Channel: case Field::Region: case Field::Outlet:
    case Field::Customer: case Field::Product: case Field::Purchased: case Field::DistanceKm: case Field::Note:
      return k == EventKind::Created;
    case Field::Engineer: return k == EventKind::Dispatched;
    case Field::Satisfaction: return k == EventKind::FollowedUp;
    case Field::Responsible: return k == EventKind::Complaint;
    case Field::Part: case Field::Qty: return k == EventKind::PartUsed;
    case Field::Amount: case Field::Approved: return k == EventKind::Fee;
    case Field::LaborHours: return k == EventKind::Completed;
    case Field::Serial: return k == EventKind::Created;  // spec v2: the unit serviced, on `created`
    case Field::Ref: return k == EventKind::Voided;      // never derived from a request or snapshot row
    case Field::Due: return k == EventKind::Created;     // svc's extension: the ticket's own due time
  }
  return false;
}

}  // namespace

namespace mapping_detail {

MappedSource::MappedSource(const std::string& path, std::shared_ptr<const MapRules> rules, std::string display,
             const TimeZone& policy_tz)
    : in_(ByteSource::open(path, display)), reader_(*in_), rules_(std::move(rules)), name_(std::move(display)) {
  tz_ = rules_->timezone ? TimeZone::locate(*rules_->timezone) : policy_tz;
  if (!reader_.read_header(header_)) return;
  std::vector<std::string> problems;
  auto find = [&](const std::string& col, int rules_line, const std::string& what) -> int {
    for (size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == col) return int(i);
    std::string hint = nearest(col, header_);
    problems.push_back(fmt::format("{}:1: no column '{}' (named for {} in {}:{}){}", name_, col, what, rules_->path,
                                   rules_line, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    return -1;
  };
  src_col_.fill(-1);
  for (auto& [ix, col] : rules_->columns) src_col_[ix] = find(col, rules_->column_lines.at(ix), column_names()[ix]);
  if (!rules_->opened.empty()) opened_ = find(rules_->opened, rules_->opened_line, "opened");
  if (!rules_->closed.empty()) closed_ = find(rules_->closed, rules_->closed_line, "closed");
  if (!rules_->state.empty()) state_ = find(rules_->state, rules_->state_line, "state");
  if (!rules_->completed.empty()) completed_ = find(rules_->completed, rules_->completed_line, "completed");
  for (auto& sk : rules_->skips)
    for (auto& c : sk.when) cond_cols(c, find);
  for (auto& on : rules_->onlys)
    for (auto& c : on.when) cond_cols(c, find);
  for (auto& [kind, col] : rules_->times)
    time_col_[kind] = find(col, rules_->time_lines.at(kind), fmt::format("the time of '{}'", to_string(kind)));
  for (auto& [ix, list] : rules_->patterns)
    for (auto& pat : list) regex_[ix].emplace_back(compiled(pat.text), pat.value);
  if (!problems.empty())
    throw DataError(fmt::format("{}: the rules '{}' do not fit its header, nothing imported", name_, rules_->path),
                    std::move(problems));
}

std::vector<std::pair<std::string, std::string>> MappedSource::original() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!cur_.row) return out;
  for (size_t i = 0; i < cur_.row->fields.size(); ++i)
    out.emplace_back(i < header_.size() ? header_[i] : fmt::format("field{}", i + 1), cur_.row->fields[i]);
  return out;
}

bool MappedSource::next(RawRecord& r) {
  if (rules_->rows == RowKind::Snapshot && !loaded_) load_sorted();
  while (queue_.empty()) {
    if (rules_->rows == RowKind::Snapshot) {
      if (next_row_ >= rows_.size()) return false;
      row_ = &rows_[order_[next_row_++]];
    } else {
      if (header_.empty() || !read_row(one_)) return false;
      row_ = &one_;
    }
    map_row();
  }
  cur_ = std::move(queue_.front());
  queue_.pop_front();
  r.line = cur_.row->line;
  r.error = cur_.error;
  for (int i = 0; i < kColumnCount; ++i) r.col[i] = cur_.col[i];
  return true;
}

std::string MappedSource::explain(const std::string& message) const {
  if (!cur_.row) return message;
  size_t best = std::string::npos;
  int which = -1;
  for (int ix = 0; ix < kColumnCount; ++ix) {
    const std::string& n = column_names()[ix];
    for (size_t at = message.find(n); at != std::string::npos; at = message.find(n, at + 1)) {
      auto word = [&](size_t i) { return std::isalnum(static_cast<unsigned char>(message[i])) || message[i] == '_'; };
      bool starts = at == 0 || !word(at - 1), ends = at + n.size() == message.size() || !word(at + n.size());
      if (starts && ends) {
        if (at < best) best = at, which = ix;
        break;
      }
    }
  }
  if (which < 0) return message;
  if (src_col_[which] >= 0) {
    size_t c = size_t(src_col_[which]);
    std::string raw = c < cur_.row->fields.size() ? trim(cur_.row->fields[c]) : "";
    if (which == kColId || which == kColTs || which == kColTicket)  // not value-mapped in practice
      return fmt::format("{} (from column '{}' = '{}')", message, header_[c], raw);
    return fmt::format("{} (from column '{}' = '{}': map it in [values.{}], [patterns.{}] or [defaults] of {})",
                       message, header_[c], raw, column_names()[which], column_names()[which], rules_->path);
  }
  if (rules_->constants.count(which))
    return fmt::format("{} (from [constants] of {})", message, rules_->path);
  return fmt::format("{} (no column or constant gives '{}' in {})", message, column_names()[which], rules_->path);
}

bool MappedSource::read_row(Row& out) {
  CsvRecord rec;
  if (!reader_.next(rec)) return false;
  out.line = rec.line;
  out.error = rec.error;
  out.fields.assign(rec.fields.begin(), rec.fields.end());
  return true;
}

void MappedSource::load_sorted() {
  loaded_ = true;
  if (header_.empty()) return;
  Row r;
  while (read_row(r)) rows_.push_back(std::move(r)), r = Row{};
  std::unordered_map<std::string, size_t> first;
  std::vector<std::pair<size_t, Instant>> key(rows_.size());
  for (size_t i = 0; i < rows_.size(); ++i) {
    row_ = &rows_[i];
    std::string t = value(kColTicket), why;
    size_t g = first.emplace(t, first.size()).first->second;
    auto ts = parse_with_format(field(src_col_[kColTs]), rules_->ts_format, tz_, why);
    key[i] = {g, ts ? *ts : std::numeric_limits<Instant>::min()};
  }
  order_.resize(rows_.size());
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return key[a] < key[b]; });
}

bool MappedSource::time_of(const std::string& raw, const char* what, std::string& out, std::string& err) {
  std::string why;
  auto t = parse_with_format(raw, rules_->ts_format, tz_, why);
  if (!t) {
    err = fmt::format("{} '{}' {}", what, raw, why);
    return false;
  }
  out = format_utc(*t);
  return true;
}

bool MappedSource::event_time(EventKind k, const std::string& row_ts, std::string& out, std::string& err) {
  auto c = time_col_.find(k);
  if (c == time_col_.end() || field(c->second).empty()) return out = row_ts, true;
  return time_of(field(c->second), rules_->times.at(k).c_str(), out, err);
}

void MappedSource::emit(EventKind k, const std::string& row_ts, bool all_fields) {
  if (!allowed(k)) return;
  std::string ts, err;
  if (!event_time(k, row_ts, ts, err)) return error(err);
  Pending p;
  p.row = row_;
  for (int ix = 0; ix < kColumnCount; ++ix) {
    if (ix == kColTs || ix == kColEvent) continue;
    if (!all_fields && !carries(k, ix)) continue;
    if (ix == kColId && !all_fields) continue;  // one row, several events: derived ids
    p.col[ix] = value(ix);
    if (ix == kColDue && !p.col[ix].empty()) {  // a time in the export's own form, like ts
      std::string due;
      if (!time_of(p.col[ix], "due", due, err)) return error(err);
      p.col[ix] = std::move(due);
    }
  }
  p.col[kColTs] = ts;
  p.col[kColEvent] = std::string(to_string(k));
  queue_.push_back(std::move(p));
}

void MappedSource::error(std::string m) {
  Pending p;
  p.row = row_;
  p.col[kColTicket] = value(kColTicket);
  p.error = std::move(m);
  queue_.push_back(std::move(p));
}

void MappedSource::step(TicketState& st, const std::string& ev, const std::string& ts) {
  if (ev.empty() || !allowed(*parse_event_kind(ev))) return;
  if (ev == "paused") {
    if (!st.paused) emit(EventKind::Paused, ts, false);
    st.paused = true;
    return;
  }
  if (st.paused) emit(EventKind::Resumed, ts, false), st.paused = false;
  if (ev == "resumed") return;
  if (ev == "created") {
    if (st.created) return;
    st.created = true;
  }
  if (ev == "responded") {
    if (st.responded) return;
    st.responded = true;
  }
  emit(*parse_event_kind(ev), ts, false);
}

void MappedSource::map_row() {
  if (!row_->error.empty()) return error(row_->error);
  for (auto& sk : rules_->skips)
    if (all(sk.when)) {
      auto f = std::find_if(skipped_.begin(), skipped_.end(), [&](const auto& x) { return x.first == sk.reason; });
      if (f == skipped_.end()) skipped_.emplace_back(sk.reason, 1);
      else ++f->second;
      return;
    }
  std::string err;
  switch (rules_->rows) {
    case RowKind::Events: {
      std::string ts;
      std::string raw = src_col_[kColTs] >= 0 ? field(src_col_[kColTs]) : "";
      if (raw.empty()) return error("missing ts");
      if (!time_of(raw, "ts", ts, err)) return error(err);
      Pending p;
      p.row = row_;
      for (int ix = 0; ix < kColumnCount; ++ix) p.col[ix] = value(ix);
      p.col[kColTs] = ts;
      if (p.col[kColEvent].empty()) return error("missing event");
      if (auto k = parse_event_kind(p.col[kColEvent]); k && !allowed(*k)) return;
      queue_.push_back(std::move(p));
      return;
    }
    case RowKind::Request: {
      std::string opened, closed;
      std::string ro = field(opened_), rc = field(closed_);
      if (ro.empty()) return error(fmt::format("missing opened time ('{}')", rules_->opened));
      if (!time_of(ro, "opened", opened, err)) return error(err);
      if (!rc.empty() && !time_of(rc, "closed", closed, err)) return error(err);
      std::string rd = field(completed_), done;
      if (!rd.empty() && !time_of(rd, rules_->completed.c_str(), done, err)) return error(err);
      emit(EventKind::Created, opened, false);
      if (!done.empty()) emit(EventKind::Completed, done, false);
      if (!closed.empty()) emit(EventKind::Closed, closed, false);
      return;
    }
    case RowKind::Snapshot: {
      std::string ts;
      std::string raw = field(src_col_[kColTs]);
      if (raw.empty()) return error("missing ts");
      if (!time_of(raw, "ts", ts, err)) return error(err);
      std::string ticket = value(kColTicket);
      if (ticket.empty()) return error("missing ticket");
      std::string state = field(state_);
      std::string ev = state;
      if (!lookup(kColEvent, ev) && (note_unmapped(kColEvent, state, state_), true))
        return error(fmt::format("state '{}' (column '{}') has no entry in [values.event] of {}: add \"{}\" = \"EVENT\" "
                                 "there (or \"\" for no event), or a [defaults] event",
                                 state, rules_->state, rules_->path, state));
      TicketState& st = tickets_[ticket];
      bool first = !st.seen;
      // with case_insensitive, "OPEN" after "Open" is no change, and transitions ignore case
      bool same = rules_->fold_case ? same_folded(state, st.state) : state == st.state;
      if (first || !same) {
        if (!first) {
          auto t = rules_->transitions.find({st.state, state});
          if (t == rules_->transitions.end() && rules_->fold_case)
            t = std::find_if(rules_->transitions.begin(), rules_->transitions.end(), [&](const auto& x) {
              return same_folded(x.first.first, st.state) && same_folded(x.first.second, state);
            });
          if (t != rules_->transitions.end()) ev = t->second;
        }
        if (first && rules_->open_on_first_row && ev != "created") step(st, "created", ts);
        step(st, ev, ts);
        st.state = state;
        st.seen = true;
      }
      for (auto& [ix, kind] : rules_->on_change) {
        std::string v = value(ix);
        if (!v.empty() && v != st.last[ix]) emit(kind, ts, false);
        if (!v.empty()) st.last[ix] = v;
      }
      return;
    }
  }
}

}  // namespace mapping_detail

}  // namespace svc
