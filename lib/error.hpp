// The error hierarchy of svc. Library code throws these; cmd/main.cpp catches
// them once, prints "svc: error: <what>" and exits with exit_code().
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace svc {

// Process exit codes (sysexits.h where one fits).
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,     // findings for cron, only when asked with --fail-on
  kExitUsage = 2,        // bad command line
  kExitDataErr = 65,     // bad input data (log, policy, CSV)
  kExitNoInput = 66,     // an input file does not exist / cannot be read
  kExitUnavailable = 69, // the store cannot be used (missing, newer schema, corrupt)
  kExitSoftware = 70,    // internal error
  kExitTempFail = 75,    // try later: the store is busy, or a period has not settled yet (NotYet)
};

class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& msg) : std::runtime_error(msg), code_(code) {}
  int exit_code() const noexcept { return code_; }

 private:
  int code_;
};

// Command-line misuse that CLI11 cannot see (conflicting options, bad values).
struct UsageError : Error {
  explicit UsageError(const std::string& m) : Error(kExitUsage, m) {}
};

// Bad input data. Carries every problem found ("FILE:LINE: message"), so that a
// caller can report all of them, not just the first.
struct DataError : Error {
  explicit DataError(const std::string& m) : Error(kExitDataErr, m) {}
  DataError(const std::string& summary, std::vector<std::string> problems)
      : Error(kExitDataErr, summary), problems(std::move(problems)) {}
  std::vector<std::string> problems;
};

struct NoInputError : Error {
  explicit NoInputError(const std::string& m) : Error(kExitNoInput, m) {}
};

struct StoreUnavailable : Error {
  explicit StoreUnavailable(const std::string& m) : Error(kExitUnavailable, m) {}
};

struct StoreBusy : Error {
  explicit StoreBusy(const std::string& m) : Error(kExitTempFail, m) {}
};

// Not yet: the request is right but too early (a period that has not settled,
// an --as-of in the future); the same command succeeds later (exit 75).
struct NotYet : Error {
  explicit NotYet(const std::string& m) : Error(kExitTempFail, m) {}
};

struct InternalError : Error {
  explicit InternalError(const std::string& m) : Error(kExitSoftware, m) {}
};

// "did you mean" helper: the candidate nearest to `word` by edit distance, or
// empty when none is close enough to be a plausible typo.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace svc
