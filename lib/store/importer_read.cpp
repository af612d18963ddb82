// The importer's reading side (importer_internal.hpp): record-level
// conversion, the reader thread and the pipe to the writer, standard input's
// spool, ready-made events as a source, and the reject file.
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "error.hpp"
#include "free_text.hpp"
#include "importer_internal.hpp"
#include "mapping.hpp"
#include "output.hpp"
#include "private_file.hpp"

namespace svc::importer_detail {

// ---------------------------------------------------------------------------
// The reject file

RejectWriter::RejectWriter(std::string path) : path_(std::move(path)) {
  // raw customer rows: the store's mode (0600), whatever the umask
  if (int e = prepare_private_file(path_))
    throw NoInputError(fmt::format("cannot write the reject file '{}': {}", path_, std::strerror(e)));
  out_.open(path_, std::ios::binary | std::ios::trunc);
  if (!out_) throw NoInputError(fmt::format("cannot write the reject file '{}': {}", path_, std::strerror(errno)));
  std::string f = format_from_extension(path_);
  if (!f.empty()) format_ = f;
}

void RejectWriter::write(const RecordSource& src, const std::string& reason) {
  if (format_.empty()) format_ = src.format() == "jsonl" ? "jsonl" : "csv";
  if (format_ == "jsonl") return write_json(src, reason);
  if (!started_) {
    auto cols = src.columns();
    if (cols.empty()) cols = column_names();
    for (auto& c : cols)
      if (c != kReasonColumn) header_.push_back(c);
    auto h = header_;
    h.emplace_back(kReasonColumn);
    write_csv_data_row(out_, h);
    started_ = true;
  }
  std::vector<std::string> row(header_.size());
  std::string extra;
  for (auto& [k, v] : src.original()) {
    if (k == kReasonColumn) continue;
    auto it = std::find(header_.begin(), header_.end(), k);
    if (it != header_.end()) row[size_t(it - header_.begin())] = v;
    else if (!v.empty()) extra += fmt::format("; {} was '{}'", k, v);
  }
  row.push_back(reason + extra);
  write_csv_data_row(out_, row);
  check();
}

void RejectWriter::flush() {
  out_.flush();
  check();
}

void RejectWriter::write_json(const RecordSource& src, const std::string& reason) {
  nlohmann::ordered_json o;
  std::string raw = src.raw_line();
  bool parsed = false;
  if (!raw.empty()) {
    o = nlohmann::ordered_json::parse(raw, nullptr, false);
    parsed = !o.is_discarded() && o.is_object();
  }
  if (!parsed) {
    o = nlohmann::ordered_json::object();
    if (!raw.empty() && src.format() == "jsonl") o["record"] = raw;
    else
      for (auto& [k, v] : src.original())
        if (!v.empty() && k != kReasonColumn) o[k] = v;
  }
  o.erase(std::string(kReasonColumn));
  o[std::string(kReasonColumn)] = reason;
  out_ << o.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  check();
}

void RejectWriter::check() {
  if (!out_) throw InternalError(fmt::format("cannot write the reject file '{}'", path_));
}

// ---------------------------------------------------------------------------
// Sources: ready-made events, standard input

bool EventSource::next(RawRecord& r) {
  if (i_ >= evs_.size()) return false;
  const Event& e = evs_[i_++];
  ts_ = format_utc(e.ts);
  r.line = i_;
  r.error.clear();
  r.col.fill(std::string_view());
  r.col[kColId] = e.id;
  r.col[kColTs] = ts_;
  r.col[kColTicket] = e.ticket;
  r.col[kColEvent] = to_string(e.kind);
  for (int f = 0; f < kFieldCount; ++f) r.col[4 + f] = e.f[f];
  return true;
}

std::vector<std::pair<std::string, std::string>> EventSource::original() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (i_ == 0) return out;
  const Event& e = evs_[i_ - 1];
  out = {{"id", e.id}, {"ts", format_utc(e.ts)}, {"ticket", e.ticket}, {"event", std::string(to_string(e.kind))}};
  for (int f = 0; f < kFieldCount; ++f) out.emplace_back(std::string(to_string(Field(f))), e.f[f]);
  return out;
}

std::vector<std::string> EventSource::columns() const { return column_names(); }

Spool::Spool() {
  const char* dir = std::getenv("TMPDIR");
  path_ = fmt::format("{}/svc-import-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = ::mkstemp(path_.data());
  if (fd < 0) throw InternalError(fmt::format("cannot create a temporary file for standard input: {}", std::strerror(errno)));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw NoInputError(fmt::format("cannot read standard input: {}", std::strerror(errno)));
    if (n == 0) break;
    for (ssize_t w = 0; w < n;) {
      ssize_t k = ::write(fd, buf + w, size_t(n - w));
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) {
        ::close(fd);
        throw InternalError(fmt::format("cannot spool standard input: {}", std::strerror(errno)));
      }
      w += k;
    }
  }
  ::close(fd);
}

Spool::~Spool() { ::unlink(path_.c_str()); }

// Record-level checks: RawRecord → Event (canonical values). Returns "" when
// good, else every problem joined by "; ". Runs on the reader thread.
std::string convert_record(const RawRecord& r, Event& e, const TimeZone& tz, bool& ticket_ok, bool& kind_ok) {
  std::string err;
  auto add = [&](const std::string& m) {
    if (!err.empty()) err += "; ";
    err += m;
  };
  ticket_ok = kind_ok = false;
  bool ts_ok = false;
  std::string_view id = r.col[kColId];
  e.id.assign(id);
  if (!id.empty() && !valid_event_id(id)) add(fmt::format("bad id '{}': 1-64 characters, no control characters", id));
  std::string_view tkt = r.col[kColTicket];
  if (tkt.empty()) add("missing ticket");
  else if (!valid_ticket_id(tkt)) add(fmt::format("bad ticket '{}': must match [A-Za-z0-9._-]{{1,64}}", tkt));
  else ticket_ok = true;
  e.ticket.assign(tkt);
  std::string_view ts = r.col[kColTs];
  if (ts.empty()) add("missing ts");
  else {
    std::string why;
    if (auto t = parse_timestamp(ts, tz, &why)) e.ts = *t, ts_ok = true;
    else add(fmt::format("bad ts '{}': {}", ts, why));
  }
  std::string_view ev = r.col[kColEvent];
  if (ev.empty()) add("missing event");
  else if (auto k = parse_event_kind(ev)) e.kind = *k, kind_ok = true;
  else {
    std::string hint = nearest(std::string(ev), event_kind_names());
    add(fmt::format("unknown event '{}'{}", ev, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  std::optional<Instant> due;  // read once here, checked by due_problem below
  for (int i = 0; i < kFieldCount; ++i) {
    std::string_view v = r.col[4 + i];
    if (v.empty()) {
      e.f[i].clear();
      continue;
    }
    Field f = static_cast<Field>(i);
    if (f == Field::Due) {  // a timestamp like ts, local forms in the policy's zone
      std::string why;
      if ((due = parse_timestamp(v, tz, &why))) e.f[i] = format_utc(*due);
      else {
        e.f[i].clear();
        add(fmt::format("bad due '{}': {}", v, why));
      }
      continue;
    }
    switch (f) {  // free text: no canonical form to compute
      case Field::Region: case Field::Outlet: case Field::Customer: case Field::Product:
      case Field::Engineer: case Field::Part: case Field::Note:
        // the commands' free-text rule (free_text.hpp): a note may span lines, a name may not
        if (std::string m = text_problem(v, f == Field::Note ? TextForm::Lines : TextForm::Line); !m.empty())
          add(fmt::format("{} {}", to_string(f), m));
        e.f[i].assign(v);
        continue;
      default: break;
    }
    std::string why;
    if (auto c = canonical_value(f, v, why)) {
      e.f[i] = std::move(*c);
      // money collected is never negative (svc ticket complete --fee refuses it too): a wrong fee is voided
      if (f == Field::Amount && e.f[i][0] == '-')
        add(fmt::format("amount {} is negative: a fee is money collected (withdraw a wrong fee with a voided event)",
                        e.f[i]));
    } else {
      e.f[i].clear();
      add(why);
    }
  }
  if (kind_ok && e.kind == EventKind::Voided && !r.col[col_of(Field::Note)].empty()) {
    // a void's note is its reason, held to svc ticket void --reason's rule: one line, not blank
    std::string_view why = r.col[col_of(Field::Note)];
    if (blank_text(why)) add("note (the void's reason) must say why: it is only blanks");
    else if (std::string m = text_problem(why, TextForm::Line); !m.empty()) add(fmt::format("note (the void's reason) {}", m));
  }
  if (kind_ok && ts_ok && e.has(Field::Due))
    if (std::string m = due_problem(e, due); !m.empty()) add(m);
  if (kind_ok) {
    std::string missing;
    for (Field f : required_fields(e.kind))
      if (r.col[col_of(f)].empty()) missing += (missing.empty() ? "" : ", ") + std::string(to_string(f));
    if (!missing.empty()) add(fmt::format("missing {} (required for {})", missing, to_string(e.kind)));
  }
  return err;
}

// ---------------------------------------------------------------------------
// The reader thread and its pipe to the writer

std::unique_ptr<Batch> Pipe::take_free() {
  std::unique_lock<std::mutex> l(m_);
  cv_.wait(l, [&] { return stop_ || !free_.empty() || made_ < kBatches; });
  if (stop_) return nullptr;
  if (!free_.empty()) {
    auto b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  ++made_;
  auto b = std::make_unique<Batch>();
  b->recs.resize(kBatchSize);
  return b;
}

void Pipe::put_full(std::unique_ptr<Batch> b) {
  std::lock_guard<std::mutex> l(m_);
  full_.push_back(std::move(b));
  cv_.notify_all();
}

std::unique_ptr<Batch> Pipe::take_full() {
  std::unique_lock<std::mutex> l(m_);
  cv_.wait(l, [&] { return !full_.empty(); });
  auto b = std::move(full_.front());
  full_.pop_front();
  return b;
}

void Pipe::put_free(std::unique_ptr<Batch> b) {
  std::lock_guard<std::mutex> l(m_);
  free_.push_back(std::move(b));
  cv_.notify_all();
}

void Pipe::stop() {
  std::lock_guard<std::mutex> l(m_);
  stop_ = true;
  cv_.notify_all();
}

void read_records(RecordSource& src, const TimeZone& tz0, const KnownBad* known_bad, RejectWriter* reject,
                  Pipe& pipe) {
  TimeZone tz = tz0;  // its own offset cache
  Sha256 sha;
  RawRecord r;
  std::string canon;
  unsigned char dig[32];
  std::uint32_t ordinal = 0;
  std::uint64_t last_line_rejected = 0;
  bool more = true;
  while (more) {
    auto b = pipe.take_free();
    if (!b) return;  // the writer stopped
    b->n = 0;
    b->error = nullptr;
    try {
      while (b->n < Pipe::kBatchSize && (more = src.next(r))) {
        Parsed& p = b->recs[b->n++];
        p.line = r.line;
        p.skipped = false;
        std::uint32_t o = ordinal++;
        if (known_bad) {
          if (auto f = known_bad->find(o); f != known_bad->end()) {
            p.skipped = true;
            if (reject && r.line != last_line_rejected) reject->write(src, f->second.second);
            last_line_rejected = r.line;
            continue;
          }
        }
        p.err = r.error;
        p.ticket_ok = p.kind_ok = false;
        if (p.err.empty()) {
          p.err = convert_record(r, p.e, tz, p.ticket_ok, p.kind_ok);
          if (!p.err.empty()) p.err = src.explain(p.err);  // --map: name the source column and value
        }
        if (!p.err.empty()) continue;
        canonical_form_into(p.e, canon);
        sha(canon.data(), canon.size(), dig);
        to_hex(dig, 32, p.digest);
        if (p.e.id.empty()) p.e.id.assign(p.digest, 32);
      }
    } catch (...) {
      b->error = std::current_exception();
      more = false;
    }
    b->bytes_done = src.bytes_done();
    b->bytes_total = src.bytes_total();
    b->last = !more;
    pipe.put_full(std::move(b));
  }
}

}  // namespace svc::importer_detail
