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

namespace {

// 2 -> "2", 1.5 -> "1.5", 4.666 -> "4.67": ratios read best without trailing zeros.
std::string short_number(double value) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(2) << value;
  std::string s = text.str();
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void print_rows(std::ostream& out, const std::vector<const TestResult*>& tests, std::size_t width,
                const ScoreTableOptions& options) {
  for (const TestResult* t : tests) {
    const char* mark = t->status == "passed" ? "PASS" : t->status == "skipped" ? "SKIP" : "FAIL";
    std::ostringstream pts;
    pts << (t->passed() ? t->points : 0) << "/" << t->points;
    std::ostringstream row;
    row << std::left << std::setw(static_cast<int>(width)) << t->name << "  " << std::right << std::setw(6)
        << pts.str() << "  " << mark;
    const std::string speed = speed_text(*t);
    if (!speed.empty()) row << "  " << speed;
    out << row.str() << "\n";
    if (!t->passed() && !t->reason.empty()) out << "    " << t->reason << "\n";
    if (const auto note = options.notes.find(t->name); note != options.notes.end()) {
      out << "    " << note->second << "\n";
    }
    if (!t->passed() && !options.rerun_program.empty())
      out << "    rerun: " << options.rerun_program << " --gtest_filter=" << t->name << "\n";
  }
}

}  // namespace

std::string speed_text(const TestResult& test) {
  if (test.speed_bar <= 0 && test.speed_ratio <= 0) return "";
  const std::string bar = test.speed_bar > 0 ? "bar " + short_number(test.speed_bar) + "x" : "no bar";
  if (test.speed_ratio <= 0) return "(" + bar + ", no ratio measured)";
  return short_number(test.speed_ratio) + "x (" + bar + ")";
}

std::string score_text(const LabResult& result) {
  std::string text =
      std::to_string(result.points_earned()) + " / " + std::to_string(result.points_total()) + " points";
  if (result.bonus_total() > 0) {
    text += ", bonus " + std::to_string(result.bonus_earned()) + " / " + std::to_string(result.bonus_total());
  }
  return text;
}

void print_score_table(std::ostream& out, const LabResult& result, const ScoreTableOptions& options) {
  std::size_t width = 4;
  std::vector<const TestResult*> base;
  std::vector<const TestResult*> bonus;
  for (const auto& t : result.tests) {
    width = std::max(width, t.name.size());
    (t.bonus ? bonus : base).push_back(&t);
  }
  const std::string rule(width + 22, '-');

  out << "\nLab " << result.lab << " (" << result.topic << ")";
  if (result.implementation != "student") out << " — against the " << result.implementation;
  if (!options.label.empty()) out << " — " << options.label;
  out << "\n" << rule << "\n";
  out << std::left << std::setw(static_cast<int>(width)) << "test"
      << "  points  result\n"
      << rule << "\n";
  print_rows(out, base, width, options);
  if (!bonus.empty()) {
    out << rule << "\nbonus (stretch tasks, counted apart from the score)\n";
    print_rows(out, bonus, width, options);
  }
  out << rule << "\n";
  out << "Lab " << result.lab << " score: " << score_text(result);
  if (result.points_skipped() > 0)
    out << " (" << result.points_skipped() << " points skipped on this machine)";
  out << "\n";
}

void print_score_table(std::ostream& out, const LabResult& result, const std::string& rerun_program) {
  ScoreTableOptions options;
  options.rerun_program = rerun_program;
  print_score_table(out, result, options);
}

}  // namespace hpc::common
