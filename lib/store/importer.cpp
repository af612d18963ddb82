// The import engine's public API and the run of one file (importer.hpp).
// The pieces of Importer::Impl are in importer_read.cpp (records, reader
// thread), importer_write.cpp (storing) and importer_checks.cpp (ticket-level
// rules); see importer_internal.hpp.
#include "importer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "complaint_register.hpp"
#include "error.hpp"
#include "importer_internal.hpp"
#include "mapping.hpp"
#include "output.hpp"
#include "seals.hpp"

namespace svc {

using namespace importer_detail;

Importer::Impl::Impl(Store& s, const Policy& p, ImportOptions o) : store(s), policy(p), opts(std::move(o)), tz(p.tz) {
  error_budget = opts.max_errors;
  if (opts.skip_bad && !opts.reject_path.empty()) reject = std::make_unique<RejectWriter>(opts.reject_path);
}

Importer::Impl::~Impl() {
  if (ins) sqlite3_finalize(ins);
}

void Importer::Impl::reset_file(const std::string& name) {
  items.clear();
  tickets.clear();
  ticket_ix.clear();
  frags.clear();
  bad_msg.clear();
  problems.clear();
  seq_item.clear();
  void_ref.clear();
  source_name = name;
}

// A file without a single record is refused (docs/import.md, "Empty files"):
// an export that failed half-way often leaves an empty file or a lone
// header, and cron must notice that instead of importing nothing with exit 0.
void Importer::Impl::throw_no_records(const RecordSource& src) {
  const std::string& n = src.name();
  std::string why;
  if (src.format() == "jsonl")
    why = "no records: the file is empty or holds only blank lines";
  else if (src.columns().empty())
    why = "empty file: expected a header row and at least one record";
  else
    why = "no records: the file has a header row but nothing after it";
  throw DataError(fmt::format("{}: nothing to import, nothing stored", n), {fmt::format("{}:1: {}", n, why)});
}

ImportResult Importer::Impl::run(const std::function<std::unique_ptr<RecordSource>()>& open, const std::string& name) {
  ImportResult res;
  res.source = name;
  KnownBad known_bad;
  top_level = sqlite3_get_autocommit(store.db().getHandle()) != 0;
  for (int attempt = 0;; ++attempt) {
    auto src = open();
    reset_file(name);
    res = ImportResult{};
    res.source = name;
    bool redo = false;
    try {
      store.write([&] {
        begin_file(src->bytes_total());
        read_all(*src, attempt ? &known_bad : nullptr, res);
        // the indexes of a bulk load, built once in key order (the ticket
        // checks and the projection read stored events by ticket)
        for (const auto& sql : index_sqls) store.db().exec(sql);
        index_sqls.clear();
        stored_ids = {};
        stored_seq = {};
        id_slots = {};
        res.skipped = src->skipped();
        if (res.read == 0 && res.skipped.empty() && src->format() != "events") throw_no_records(*src);
        std::vector<std::uint32_t> order, start;
        std::vector<std::uint8_t> has_stored;
        check_tickets(order, start, has_stored);
        // an in-file duplicate of a bad record is bad with it
        for (std::uint32_t o = 0; o < items.size(); ++o)
          if (items[o].st == St::DupFile && items[o].dup_of != kNone && items[items[o].dup_of].st == St::Bad)
            mark_bad(o, bad_msg[items[o].dup_of]);
        if (!bad_msg.empty()) {
          if (!opts.skip_bad || attempt >= 3) {
            res.failed = true;
            res.rejected = bad_msg.size();  // the bad records found (nothing of the file is stored)
            throw Rollback{};
          }
          for (auto& [o, m] : bad_msg) known_bad.emplace(o, std::make_pair(items[o].line, m));
          redo = true;
          throw Rollback{};
        }
        for (const Item& it : items) {
          if (it.st == St::New) ++res.added;
          else if (it.st == St::DupFile || it.st == St::DupStore) ++res.duplicate;
        }
        project(order, start, has_stored);
        if (res.added > 0) register_imported_complaints(store, import_id);  // docs/complaints.md
        if (res.added > 0) {
          SQLite::Statement q(store.db(),
                              "INSERT INTO imports(id, at, source, read, added, duplicate, rejected) "
                              "VALUES(?,?,?,?,?,?,?)");
          q.bind(1, static_cast<std::int64_t>(import_id));
          q.bind(2, static_cast<std::int64_t>(svc::now()));
          q.bind(3, name);
          q.bind(4, static_cast<std::int64_t>(res.read));
          q.bind(5, static_cast<std::int64_t>(res.added));
          q.bind(6, static_cast<std::int64_t>(res.duplicate));
          q.bind(7, static_cast<std::int64_t>(res.rejected));
          q.exec();
          seal_row(store.db(), "imports", import_id);  // what wrote the events: tamper evidence
        }
      });
    } catch (const Rollback&) {
    }
    if (ins) sqlite3_finalize(ins), ins = nullptr;
    by_seq = nullptr;
    by_seq_st.reset();
    if (redo) continue;
    break;
  }
  if (res.failed) res.added = res.duplicate = 0;
  if (!res.failed) {  // skipped records: report them from the first pass
    problems.clear();
    std::vector<std::uint32_t> os;
    for (auto& [o, lm] : known_bad) os.push_back(o);
    std::sort(os.begin(), os.end());
    for (auto o : os) problems.push_back(known_bad[o]);
  }
  std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  res.problem_count = problems.size();
  for (auto& [line, msg] : problems) {
    if (error_budget == 0) break;
    res.problems.push_back(fmt::format("{}:{}: {}", name, line, msg));
    --error_budget;
  }
  if (reject) reject->flush();
  return res;
}

Importer::Importer(Store& store, const Policy& policy, ImportOptions opts)
    : impl_(std::make_unique<Impl>(store, policy, std::move(opts))) {}
Importer::~Importer() = default;

ImportResult Importer::import_file(const std::string& path) {
  const ImportOptions& o = impl_->opts;
  std::unique_ptr<Spool> spool;
  std::string real = path;
  if (path == "-" && o.skip_bad) {  // may need a second pass
    spool = std::make_unique<Spool>();
    real = spool->path();
  }
  std::string fmt_name = o.format;
  if (!o.map && fmt_name.empty() && path == "-")
    throw UsageError("reading standard input needs --format csv or --format jsonl");
  if (!o.map && fmt_name.empty() && format_from_extension(path).empty())
    throw UsageError(fmt::format("cannot tell the format of '{}' from its name: use --format csv or --format jsonl", path));
  auto open = [&]() -> std::unique_ptr<RecordSource> {
    if (o.map) return open_mapped(real, o.map, path, impl_->tz);
    return open_log(real, fmt_name.empty() ? format_from_extension(path) : fmt_name, path);
  };
  return impl_->run(open, path);
}

ImportResult Importer::import_events(const std::vector<Event>& events, const std::string& source) {
  return impl_->run([&] { return std::make_unique<EventSource>(events, source); }, source);
}

ImportResult append_events(Store& store, const Policy& policy, std::vector<Event> events, const std::string& source,
                           ImportOptions opts) {
  Importer imp(store, policy, std::move(opts));
  ImportResult r = imp.import_events(events, source);
  if (r.failed)
    throw DataError(fmt::format("{}: {} problem{}, nothing stored", source, r.problem_count,
                                r.problem_count == 1 ? "" : "s"),
                    r.problems);
  return r;
}

}  // namespace svc
