// The value maps and conditions of --map rules, row by row: [values],
// [patterns], [defaults], [constants], the when = [...] of [[skip]] and
// [[only]], and the unmapped values --check reports.
#include <fmt/format.h>

#include "mapping_internal.hpp"

namespace svc {

using namespace mapping_detail;

namespace mapping_detail {

Pattern MappedSource::compiled(const std::string& text) const {
  std::string why;
  Pattern re = compile_pattern(text, rules_->fold_case, why);
  if (!re) throw DataError(fmt::format("{}: the pattern '{}' of the rules '{}' is refused: {}", name_, text.substr(0, 60),
                                       rules_->path, why));
  return re;
}

bool MappedSource::holds(const MapRules::Condition& c) const {
  auto cell = [&](const std::string& col) {
    auto f = cond_col_.find(col);
    return f == cond_col_.end() ? std::string() : field(f->second);
  };
  std::string v = cell(c.column);
  switch (c.op) {
    case MapRules::Condition::Equals: return rules_->fold_case ? same_folded(v, c.arg) : v == c.arg;
    case MapRules::Condition::NotEquals: return !(rules_->fold_case ? same_folded(v, c.arg) : v == c.arg);
    case MapRules::Condition::Matches: return search(v, cond_re_.at(c.arg));
    case MapRules::Condition::Empty: return v.empty();
    case MapRules::Condition::NotEmpty: return !v.empty();
    case MapRules::Condition::Before:
    case MapRules::Condition::NotBefore: {
      // both cells must be readable times; otherwise the condition does not hold
      std::string why;
      auto a = parse_with_format(v, rules_->ts_format, tz_, why);
      auto b = parse_with_format(cell(c.arg), rules_->ts_format, tz_, why);
      if (!a || !b) return false;
      return c.op == MapRules::Condition::Before ? *a < *b : !(*a < *b);
    }
  }
  return false;
}

bool MappedSource::all(const std::vector<MapRules::Condition>& when) const {
  for (auto& c : when)
    if (!holds(c)) return false;
  return true;
}

bool MappedSource::allowed(EventKind k) const {
  for (auto& on : rules_->onlys)
    if (on.event == k && !all(on.when)) return false;
  return true;
}

void MappedSource::note_unmapped(int ix, const std::string& v, int src) const {
  if (src < 0) src = src_col_[ix];
  Seen& s = unmapped_[ix];
  if (s.source_column.empty() && src >= 0) s.source_column = header_[size_t(src)];
  auto f = s.index.find(v);
  if (f == s.index.end()) {
    s.index[v] = {s.values.size(), row_->line};
    s.values.emplace_back(v, 1);
  } else if (f->second.second != row_->line) {
    f->second.second = row_->line;
    ++s.values[f->second.first].second;
  }
}

bool MappedSource::lookup(int ix, std::string& v) const {
  auto m = rules_->values.find(ix);
  if (m != rules_->values.end()) {
    auto f = m->second.find(v);
    if (f != m->second.end()) return v = f->second, true;
    if (rules_->fold_case)
      for (auto& [from, to] : m->second)
        if (same_folded(from, v)) return v = to, true;
  }
  auto p = regex_.find(ix);
  if (p != regex_.end())
    for (auto& [re, to] : p->second)
      if (search(v, re)) return v = to, true;
  auto d = rules_->defaults.find(ix);
  if (d != rules_->defaults.end()) return v = d->second, true;
  return false;
}

std::string MappedSource::value(int ix) const {
  std::string v;
  if (src_col_[ix] >= 0) {
    v = field(src_col_[ix]);
    if ((!v.empty() || has_map(ix)) && !lookup(ix, v) && has_map(ix) && !v.empty()) note_unmapped(ix, v);
  }
  if (v.empty()) {
    auto c = rules_->constants.find(ix);
    if (c != rules_->constants.end()) v = c->second;
  }
  return v;
}

}  // namespace mapping_detail

}  // namespace svc
