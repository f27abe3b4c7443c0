#include "hpc/common/report.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace hpc::common {

int LabResult::points_earned() const {
  int sum = 0;
  for (const auto& t : tests) sum += !t.bonus && t.passed() ? t.points : 0;
  return sum;
}

int LabResult::points_total() const {
  int sum = 0;
  for (const auto& t : tests) sum += !t.bonus ? t.points : 0;
  return sum;
}

int LabResult::points_skipped() const {
  int sum = 0;
  for (const auto& t : tests) sum += !t.bonus && t.status == "skipped" ? t.points : 0;
  return sum;
}

int LabResult::bonus_earned() const {
  int sum = 0;
  for (const auto& t : tests) sum += t.bonus && t.passed() ? t.points : 0;
  return sum;
}

int LabResult::bonus_total() const {
  int sum = 0;
  for (const auto& t : tests) sum += t.bonus ? t.points : 0;
  return sum;
}

nlohmann::json to_json(const LabResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  for (const auto& t : result.tests) {
    tests.push_back({{"name", t.name},
                     {"points", t.points},
                     {"status", t.status},
                     {"passed", t.passed()},
                     {"reason", t.reason},
                     {"stub_may_pass", t.stub_may_pass},
                     {"seconds", t.seconds},
                     {"bonus", t.bonus},
                     {"speed_ratio", t.speed_ratio},
                     {"speed_bar", t.speed_bar}});
  }
  return {{"lab", result.lab},
          {"topic", result.topic},
          {"implementation", result.implementation},
          {"tests", tests},
          {"points_earned", result.points_earned()},
          {"points_total", result.points_total()},
          {"points_skipped", result.points_skipped()},
          {"bonus_earned", result.bonus_earned()},
          {"bonus_total", result.bonus_total()}};
}

LabResult lab_result_from_json(const nlohmann::json& json) {
  LabResult result;
  result.lab = json.at("lab").get<std::string>();
  result.topic = json.at("topic").get<std::string>();
  result.implementation = json.at("implementation").get<std::string>();
  for (const auto& t : json.at("tests")) {
    TestResult test;
    test.name = t.at("name").get<std::string>();
    test.points = t.at("points").get<int>();
    test.status = t.at("status").get<std::string>();
    test.reason = t.value("reason", "");
    test.stub_may_pass = t.value("stub_may_pass", "");
    test.seconds = t.value("seconds", 0.0);
    test.bonus = t.value("bonus", false);
    test.speed_ratio = t.value("speed_ratio", 0.0);
    test.speed_bar = t.value("speed_bar", 0.0);
    result.tests.push_back(std::move(test));
  }
  return result;
}

std::string one_line(const std::string& text, std::size_t max_chars) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  if (out.size() > max_chars) out = out.substr(0, max_chars - 3) + "...";
  return out;
}

void print_score_table(std::ostream& out, const LabResult& result, const std::string& rerun_program) {
  std::size_t width = 4;
  for (const auto& t : result.tests) width = std::max(width, t.name.size());
  const std::string rule(width + 22, '-');

  out << "\nLab " << result.lab << " (" << result.topic << ")";
  if (result.implementation != "student") out << " — against the " << result.implementation;
  out << "\n" << rule << "\n";
  out << std::left << std::setw(static_cast<int>(width)) << "test" << "  points  result\n" << rule << "\n";
  for (const auto& t : result.tests) {
    std::string mark = t.status == "passed" ? "PASS" : t.status == "skipped" ? "SKIP" : "FAIL";
    std::ostringstream pts;
    pts << (t.passed() ? t.points : 0) << "/" << t.points;
    out << std::left << std::setw(static_cast<int>(width)) << t.name << "  " << std::right << std::setw(6)
        << pts.str() << "  " << mark << "\n";
    if (!t.passed() && !t.reason.empty()) out << "    " << t.reason << "\n";
    if (t.status == "failed" && !rerun_program.empty())
      out << "    rerun: " << rerun_program << " --gtest_filter=" << t.name << "\n";
  }
  out << rule << "\n";
  out << "Lab " << result.lab << " score: " << result.points_earned() << " / " << result.points_total()
      << " points";
  if (result.points_skipped() > 0) out << " (" << result.points_skipped() << " points skipped on this machine)";
  out << "\n";
}

}  // namespace hpc::common
