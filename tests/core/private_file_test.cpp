// Files svc writes besides the store (lib/core/private_file.cpp): 0600 whatever the umask.
#include "private_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cerrno>
#include <fstream>

#include "test_util.hpp"

using namespace svc;

namespace {
unsigned mode_of(const std::string& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("private files: created 0600 under umask 000, an existing file tightened, a device left alone") {
  test::TempDir d;
  mode_t old = ::umask(0);
  CHECK(prepare_private_file(d.at("new.csv")) == 0);
  CHECK(mode_of(d.at("new.csv")) == 0600);
  d.file("old.html", "<p>before</p>");
  ::chmod(d.at("old.html").c_str(), 0666);
  CHECK(prepare_private_file(d.at("old.html")) == 0);
  CHECK(mode_of(d.at("old.html")) == 0600);
  CHECK(test::slurp(d.at("old.html")) == "<p>before</p>");  // not truncated: the writer does that
  struct stat before {}, after {};
  ::stat("/dev/null", &before);
  CHECK(prepare_private_file("/dev/null") == 0);
  ::stat("/dev/null", &after);
  CHECK(before.st_mode == after.st_mode);
  CHECK(prepare_private_file(d.at("no/such/dir/x.csv")) == ENOENT);
  ::umask(old);
}
