// The import stage shared by `svc import` and `svc batch`.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "common.hpp"
#include "importer.hpp"

namespace svc::cli {

struct ImportArgs {
  std::vector<std::string> files;
  std::vector<std::string> formats;  // --format, repeatable: csv|jsonl (input), table|json (summary)
  bool skip_bad = false;
  std::string reject;
  std::size_t max_errors = 100;
  std::string map;
  bool check = false;  // --check: with --map, report how FILE maps, store nothing
};

// Adds the import options (FILE..., --format, --skip-bad, --reject, --max-errors, --map).
void add_import_options(CLI::App& sub, ImportArgs& a);
// The summary format chosen among --format values: "table" (default) or "json".
std::string summary_format(const ImportArgs& a);
// Imports every file, each in its own transaction; prints problems and
// progress on stderr. A file that fails (bad records without --skip-bad, or
// unreadable) is a failed result; the files after it are still imported.
std::vector<ImportResult> run_import(Store& store, const Policy& policy, const Globals& g, const ImportArgs& a);
// Writes the summary (totals, and per file when there are several).
void print_import_summary(std::ostream& out, const std::vector<ImportResult>& results, const std::string& format);
// The summary as one JSON object value: totals, and every file with its status (stored | failed).
void write_import_json(JsonWriter& w, const std::vector<ImportResult>& results);
// Throws the outcome when a file failed (lib/ops/batch.hpp throw_import_outcome: 3, 65 or 66).
void throw_if_failed(const std::vector<ImportResult>& results);

}  // namespace svc::cli
