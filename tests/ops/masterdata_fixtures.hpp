// The master-data tests' store (tests/ops/masterdata*_test.cpp): a fresh store,
// a small network of three outlets in two regions and three engineers, and
// helpers that catch a refusal and return it.
#pragma once
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "error.hpp"
#include "masterdata.hpp"

namespace svc::masterdata_test {

namespace fs = std::filesystem;

struct Fixture {
  fs::path dir;
  std::unique_ptr<Store> store;
  Fixture() {
    char tmpl[] = "/tmp/svc_md_test.XXXXXX";
    dir = ::mkdtemp(tmpl);
    StoreOptions o;
    o.path = (dir / "svc.db").string();
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ~Fixture() {
    store.reset();
    fs::remove_all(dir);
  }
  Store& s() { return *store; }
  void network() {
    import_outlets_text(s(),
                        "id,name,region,city\nSH-01,上海浦东服务站,华东,上海\nSH-02,上海徐汇服务站,华东,上海\n"
                        "BJ-01,北京朝阳服务站,华北,北京\n",
                        "o.csv");
    import_engineers_text(s(),
                          "id,name,outlet,skills,level,leader\nE-001,王磊,SH-01,\"repair,空调\",5,yes\n"
                          "E-002,李娜,SH-02,install,2,no\nE-003,张伟,BJ-01,,3,yes\n",
                          "e.csv");
  }
};

template <class Fn>
inline DataError data_error(Fn fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return e;
  }
  FAIL("no DataError");
  return DataError("");
}

// A NotFound (66): an id named as the thing to read or change that does not exist.
template <class Fn>
inline NotFound not_found(Fn fn) {
  try {
    fn();
  } catch (const NotFound& e) {
    CHECK(e.exit_code() == 66);
    return e;
  }
  FAIL("no NotFound");
  return NotFound("");
}

inline std::vector<std::string> problems_of(Store& s, const std::string& csv, bool engineers) {
  auto e = data_error([&] {
    if (engineers) import_engineers_text(s, csv, "f.csv");
    else import_outlets_text(s, csv, "f.csv");
  });
  return e.problems;
}
}  // namespace svc::masterdata_test
