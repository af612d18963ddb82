// The error hierarchy of svc. Library code throws these; cmd/main.cpp catches
// them once, prints "svc: error: <what>" and exits with exit_code().
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace svc {

// Process exit codes (sysexits.h where one fits). docs/admin.md "Exit codes"
// is the table users read; exit_code_table() below is the same table as data
// and tests/core/error_test.cpp checks that the two agree.
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,     // findings for cron, only when asked with --fail-on
  kExitUsage = 2,        // bad command line: unknown option or filter value, bad option value
  kExitPartial = 3,      // several input files: some were stored, some failed (nothing of those)
  kExitDataErr = 65,     // bad input data (log, policy, CSV file)
  kExitNoInput = 66,     // a named thing does not exist: input file, ticket, outlet, … named as an argument
  kExitNotFound = 66,    // (the same code, by its meaning)
  kExitUnavailable = 69, // the store cannot be used (missing, newer schema, corrupt)
  kExitSoftware = 70,    // internal error
  kExitTempFail = 75,    // try later: the store is busy, or a period has not settled yet (NotYet)
};

// The kinds of failure, each with one exit code (exit_code(kind)): the single
// mapping from what went wrong to how svc ends.
// (Partial last: a new kind is appended, so that the values of the others never move.)
enum class ErrorKind { Findings, Usage, Data, NotFound, Unavailable, Internal, Busy, Partial };
int exit_code(ErrorKind k) noexcept;

struct ExitCodeRow {
  int code;
  const char* meaning;  // as docs/admin.md words it (its first words)
};
// Every exit code svc can end with, ascending (0 first).
const std::vector<ExitCodeRow>& exit_code_table();

class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& msg) : std::runtime_error(msg), code_(code) {}
  Error(ErrorKind kind, const std::string& msg) : std::runtime_error(msg), code_(svc::exit_code(kind)) {}
  int exit_code() const noexcept { return code_; }

 private:
  int code_;
};

// Command-line misuse that CLI11 cannot see (conflicting options, bad values).
struct UsageError : Error {
  explicit UsageError(const std::string& m) : Error(ErrorKind::Usage, m) {}
};

// Bad input data. Carries every problem found ("FILE:LINE: message"), so that a
// caller can report all of them, not just the first.
struct DataError : Error {
  explicit DataError(const std::string& m) : Error(ErrorKind::Data, m) {}
  DataError(const std::string& summary, std::vector<std::string> problems)
      : Error(ErrorKind::Data, summary), problems(std::move(problems)) {}
  std::vector<std::string> problems;

 protected:
  DataError(ErrorKind k, const std::string& summary, std::vector<std::string> problems)
      : Error(k, summary), problems(std::move(problems)) {}
};

// Several input files, each its own transaction (svc import, svc batch): some
// were stored and some failed (exit 3). The failed ones' problems are listed
// like a DataError's; the message names the files of each kind. When every
// file failed, nothing was stored and the error is a DataError (65) or
// NotFound (66) instead: 65 and 66 keep meaning "nothing changed".
struct PartlyStored : DataError {
  PartlyStored(const std::string& summary, std::vector<std::string> problems)
      : DataError(ErrorKind::Partial, summary, std::move(problems)) {}
};

// A named thing does not exist (66): an input file, or a ticket, outlet,
// engineer, plan, movement, … that the command line names as the thing to act
// on ("svc ticket show T999"). A filter value that matches nothing known
// ("--outlet SH-1") is a UsageError instead (lib/store/filters.hpp).
struct NotFound : Error {
  explicit NotFound(const std::string& m) : Error(ErrorKind::NotFound, m) {}
};
// The old name (input files), kept so that existing code compiles.
using NoInputError = NotFound;

struct StoreUnavailable : Error {
  explicit StoreUnavailable(const std::string& m) : Error(ErrorKind::Unavailable, m) {}
};

struct StoreBusy : Error {
  explicit StoreBusy(const std::string& m) : Error(ErrorKind::Busy, m) {}
};

// Not yet: the request is right but too early (a period that has not settled,
// an --as-of in the future); the same command succeeds later (exit 75).
struct NotYet : Error {
  explicit NotYet(const std::string& m) : Error(kExitTempFail, m) {}
};

struct InternalError : Error {
  explicit InternalError(const std::string& m) : Error(ErrorKind::Internal, m) {}
};

// "unknown outlet 'SH-1' (did you mean 'SH-01'?)": the message for a name that
// is not among `candidates`, with the nearest one when it is a plausible typo.
std::string unknown_name_message(const std::string& what, const std::string& name,
                                 const std::vector<std::string>& candidates);

// "did you mean" helper: the candidate nearest to `word` by edit distance, or
// empty when none is close enough to be a plausible typo.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace svc
