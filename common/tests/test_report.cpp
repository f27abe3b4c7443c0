// The results format and the score table.
#include "hpc/common/report.hpp"

#include <gtest/gtest.h>

#include <sstream>

using hpc::common::LabResult;

namespace {
LabResult sample() {
  LabResult lab{"07", "web", "student", {}};
  lab.tests.push_back({"Fetch.Ok", 3, "passed", "", "", 0.1});
  lab.tests.push_back({"Fetch.Timeout", 2, "failed", "Expected 1 == 2", "", 0.2});
  lab.tests.push_back({"Fetch.Cores", 4, "skipped", "needs 8 cores", "", 0.0});
  return lab;
}
}  // namespace

TEST(Report, Points) {
  const auto lab = sample();
  EXPECT_EQ(lab.points_earned(), 3);
  EXPECT_EQ(lab.points_total(), 9);
  EXPECT_EQ(lab.points_skipped(), 4);
}

TEST(Report, JsonRoundTrip) {
  const auto json = hpc::common::to_json(sample());
  EXPECT_EQ(json.at("points_earned"), 3);
  EXPECT_EQ(json.at("tests").at(1).at("passed"), false);
  const auto back = hpc::common::lab_result_from_json(json);
  ASSERT_EQ(back.tests.size(), 3u);
  EXPECT_EQ(back.tests[1].reason, "Expected 1 == 2");
  EXPECT_EQ(back.lab, "07");
}

TEST(Report, OneLine) {
  EXPECT_EQ(hpc::common::one_line("Expected equality:\n  a\n    Which is: 1"), "Expected equality: a Which is: 1");
  EXPECT_EQ(hpc::common::one_line(std::string(200, 'x'), 10), "xxxxxxx...");
}

TEST(Report, TableShowsFailuresAndRerunCommand) {
  std::ostringstream out;
  hpc::common::print_score_table(out, sample(), "/tmp/lab07_tests");
  const std::string text = out.str();
  EXPECT_NE(text.find("Fetch.Timeout"), std::string::npos);
  EXPECT_NE(text.find("FAIL"), std::string::npos);
  EXPECT_NE(text.find("rerun: /tmp/lab07_tests --gtest_filter=Fetch.Timeout"), std::string::npos) << text;
  EXPECT_NE(text.find("score: 3 / 9 points"), std::string::npos) << text;
  EXPECT_NE(text.find("4 points skipped"), std::string::npos) << text;
}
