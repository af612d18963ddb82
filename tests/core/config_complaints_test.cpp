// [complaints] (lib/core/config_complaints.cpp): defaults, values, show, every refusal.
#include <doctest/doctest.h>

#include "config.hpp"
#include "config_fixtures.hpp"

using namespace svc;
using namespace svc_test;

TEST_CASE("[complaints]: default categories and clocks, values, origins, show and read back") {
  Policy d = default_policy();
  CHECK(d.complaints.categories.size() == 5);
  CHECK(d.complaints.categories.at("attitude").name == "服务态度");
  CHECK(d.complaints.reply_of("attitude").text == "8bh");
  CHECK(d.complaints.resolution_of("").text == "5bd");
  CHECK(d.complaints.follow_up.text == "24h");
  CHECK(policy_to_toml(d, true).find("categories = { attitude = { name = \"服务态度\" }") != std::string::npos);
  Policy p = load_policy_text(
      "[complaints]\nfirst_reply = \"4bh\"\nfollow_up = \"48h\"\n"
      "categories = { attitude = { name = \"态度\", first_reply = \"2h\" }, parts = { name = \"配件\", resolution = \"10bd\" } }\n",
      "t.toml");
  CHECK(p.complaints.categories.size() == 2);
  CHECK(p.complaints.reply_of("attitude").text == "2h");
  CHECK(p.complaints.reply_of("parts").text == "4bh");
  CHECK(p.complaints.resolution_of("parts").text == "10bd");
  CHECK(p.complaints.follow_up.text == "48h");
  CHECK(p.origins.at("complaints.first_reply") == "t.toml:2");
  Policy back = load_policy_text(policy_to_toml(p, false), "shown.toml");
  CHECK(back.complaints.reply_of("attitude").text == "2h");
  CHECK(back.complaints.categories.at("parts").name == "配件");
}

TEST_CASE("[complaints]: refusals") {
  CHECK(only_problem("[complaints]\nfirst_reply = \"soon\"\n") ==
        "p.toml:2: complaints.first_reply: bad duration 'soon' (a positive number and m, h, bh or bd, e.g. 8bh)");
  CHECK(only_problem("[complaints]\nresolution = \"0h\"\n").find("complaints.resolution: bad duration '0h'") !=
        std::string::npos);
  CHECK(only_problem("[complaints]\nfirst_replies = \"8bh\"\n") ==
        "p.toml:2: unknown key 'complaints.first_replies' (did you mean 'complaints.first_reply'?)");
  CHECK(only_problem("[complaints]\ncategories = { Attitude = { name = \"x\" } }\n").find("a category key is 1-32") !=
        std::string::npos);
  CHECK(only_problem("[complaints]\ncategories = { attitude = \"x\" }\n").find("must be a table") != std::string::npos);
  CHECK(only_problem("[complaints]\ncategories = { attitude = { nme = \"x\" } }\n")
            .find("unknown key 'complaints.categories.attitude.nme' (did you mean 'complaints.categories.attitude.name'?)") !=
        std::string::npos);
}
