// Shared by the policy loader's tests (tests/core/config*_test.cpp).
#pragma once

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "config.hpp"

namespace svc_test {
namespace fs = std::filesystem;

// The one problem of a policy text (fails when there is not exactly one).
inline std::string only_problem(const std::string& text) {
  auto p = svc::check_policy_text(text, "p.toml");
  REQUIRE_MESSAGE(p.size() == 1, fmt::format("{} problems for:\n{}", p.size(), text));
  return p[0];
}

inline void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}
// A scratch directory that is the working directory while it lives, with the
// lookup environment cleared.
struct Sandbox {
  fs::path dir, old;
  std::string saved_env[3];
  static constexpr const char* kVars[3] = {"SVC_CONFIG", "XDG_CONFIG_HOME", "HOME"};
  Sandbox() {
    char tmpl[] = "/tmp/svc_config_test.XXXXXX";
    dir = ::mkdtemp(tmpl);
    old = fs::current_path();
    fs::current_path(dir);
    for (int i = 0; i < 3; ++i) {
      const char* v = std::getenv(kVars[i]);
      saved_env[i] = v ? v : "";
      ::unsetenv(kVars[i]);
    }
    ::setenv("HOME", (dir / "home").c_str(), 1);
  }
  ~Sandbox() {
    fs::current_path(old);
    fs::remove_all(dir);
    for (int i = 0; i < 3; ++i)
      if (saved_env[i].empty()) ::unsetenv(kVars[i]);
      else ::setenv(kVars[i], saved_env[i].c_str(), 1);
  }
};

}  // namespace svc_test
