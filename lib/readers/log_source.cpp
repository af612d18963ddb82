#include "log_source.hpp"

#include <fmt/format.h>

#include "csv_reader.hpp"
#include "error.hpp"
#include "jsonl_reader.hpp"

namespace svc {

std::string unknown_column_message(const std::string& name) {
  std::string hint = nearest(name, column_names());
  return fmt::format("unknown column '{}'{}", name, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint));
}

namespace {

constexpr std::size_t kMaxHeaderProblems = 20;

int column_index(std::string_view name) {
  const auto& names = column_names();
  for (int i = 0; i < kColumnCount; ++i)
    if (names[i] == name) return i;
  return -1;
}

class CsvSource : public RecordSource {
 public:
  CsvSource(std::unique_ptr<ByteSource> in, std::string display)
      : in_(std::move(in)), reader_(*in_), name_(std::move(display)) {
    if (!reader_.read_header(header_)) return;  // empty file: no records
    std::vector<std::string> problems;
    map_.assign(header_.size(), -1);
    std::array<bool, kColumnCount> seen{};
    for (size_t i = 0; i < header_.size(); ++i) {
      const std::string& h = header_[i];
      if (h == kReasonColumn) continue;
      int c = column_index(h);
      if (c < 0) {
        problems.push_back(fmt::format("{}:1: {}", name_, h.empty() ? std::string("empty column name in the header")
                                                                     : unknown_column_message(h)));
        continue;
      }
      if (seen[c]) problems.push_back(fmt::format("{}:1: column '{}' appears twice in the header", name_, h));
      seen[c] = true;
      map_[i] = c;
    }
    for (int c : {kColTs, kColTicket, kColEvent})
      if (!seen[c] && problems.empty())
        problems.push_back(fmt::format("{}:1: the header has no '{}' column (every event needs ts, ticket and event)",
                                       name_, column_names()[c]));
    if (problems.size() > kMaxHeaderProblems) {  // e.g. a data file without its header: say it once, not per field
      std::size_t more = problems.size() - kMaxHeaderProblems;
      problems.resize(kMaxHeaderProblems);
      problems.push_back(fmt::format("{}:1: ... and {} more problems in the header (is the first row a header?)",
                                     name_, more));
    }
    if (!problems.empty())
      throw DataError(fmt::format("{}: bad header, nothing imported", name_), std::move(problems));
  }
  const std::string& name() const override { return name_; }
  bool next(RawRecord& r) override {
    if (header_.empty()) return false;
    if (!reader_.next(rec_)) return false;
    r.line = rec_.line;
    r.error = rec_.error;
    r.col.fill(std::string_view());
    size_t n = std::min(rec_.fields.size(), map_.size());
    for (size_t i = 0; i < n; ++i)
      if (map_[i] >= 0) r.col[map_[i]] = rec_.fields[i];
    return true;
  }
  std::vector<std::pair<std::string, std::string>> original() const override {
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 0; i < rec_.fields.size(); ++i)
      out.emplace_back(i < header_.size() ? header_[i] : fmt::format("field{}", i + 1), std::string(rec_.fields[i]));
    return out;
  }
  std::vector<std::string> columns() const override { return header_; }
  std::string format() const override { return "csv"; }
  std::uint64_t bytes_done() const override { return in_->position(); }
  std::uint64_t bytes_total() const override { return in_->size(); }

 private:
  std::unique_ptr<ByteSource> in_;
  CsvReader reader_;
  std::string name_;
  std::vector<std::string> header_;
  std::vector<int> map_;  // header position → column, -1 = ignored
  CsvRecord rec_;
};

class JsonlSource : public RecordSource {
 public:
  JsonlSource(std::unique_ptr<ByteSource> in, std::string display)
      : in_(std::move(in)), reader_(*in_), name_(std::move(display)) {}
  const std::string& name() const override { return name_; }
  bool next(RawRecord& r) override {
    if (!reader_.next(rec_)) return false;
    r.line = rec_.line;
    r.error = rec_.error;
    r.col.fill(std::string_view());
    if (!r.error.empty()) return true;
    for (const auto& [k, v] : rec_.values) {
      if (k == kReasonColumn) continue;
      int c = column_index(k);
      if (c < 0) {
        r.error = unknown_column_message(k);
        break;
      }
      r.col[c] = v;
    }
    return true;
  }
  std::vector<std::pair<std::string, std::string>> original() const override { return rec_.values; }
  std::vector<std::string> columns() const override { return {}; }
  std::string raw_line() const override { return rec_.text; }
  std::string format() const override { return "jsonl"; }
  std::uint64_t bytes_done() const override { return in_->position(); }
  std::uint64_t bytes_total() const override { return in_->size(); }

 private:
  std::unique_ptr<ByteSource> in_;
  JsonlReader reader_;
  std::string name_;
  JsonlRecord rec_;
};

}  // namespace

std::unique_ptr<RecordSource> open_log(const std::string& path, const std::string& format, const std::string& display) {
  std::string f = format.empty() ? format_from_extension(path) : format;
  std::string name = display.empty() ? path : display;
  if (f.empty())
    throw UsageError(fmt::format("cannot tell the format of '{}' from its name: use --format csv or --format jsonl", name));
  auto in = ByteSource::open(path, name);
  if (f == "csv") return std::make_unique<CsvSource>(std::move(in), name);
  if (f == "jsonl") return std::make_unique<JsonlSource>(std::move(in), name);
  throw UsageError(fmt::format("unknown input format '{}' (expected csv or jsonl)", f));
}

}  // namespace svc
