#include "grade_view.hpp"

#include <sstream>

#include "table.hpp"

namespace hpc::lab {

bool is_not_started(const LabResult& result) {
  int failed = 0;
  for (const auto& test : result.tests) {
    if (test.passed()) return false;
    if (test.status == "failed") {
      if (test.reason.find(not_implemented_text) == std::string::npos) return false;
      ++failed;
    }
  }
  return failed > 0;
}

std::string not_started_line(const LabResult& result) {
  std::string line = "Lab " + result.lab + " (" + result.topic + "): not started, " +
                     std::to_string(result.points_earned()) + "/" + std::to_string(result.points_total()) +
                     ", " + std::to_string(result.tests.size()) + " tests";
  if (result.bonus_total() > 0) line += ", bonus 0/" + std::to_string(result.bonus_total());
  return line;
}

void print_summary(std::ostream& out, const std::vector<SummaryRow>& rows, const std::string& title) {
  TextTable table({"Lab", "Topic", "Points", "Bonus", "Passed", "Failed", "Skipped", "Note"});
  for (std::size_t column = 2; column <= 6; ++column) table.right_align(column);
  int earned = 0, total = 0, bonus_earned = 0, bonus_total = 0, skipped_points = 0;
  int passed = 0, failed = 0, skipped = 0;
  for (const SummaryRow& row : rows) {
    const LabResult& r = row.result;
    int lab_passed = 0, lab_failed = 0, lab_skipped = 0;
    for (const auto& test : r.tests) {
      (test.passed() ? lab_passed : test.status == "skipped" ? lab_skipped : lab_failed) += 1;
    }
    table.add_row(
        {r.lab, r.topic, std::to_string(r.points_earned()) + " / " + std::to_string(r.points_total()),
         r.bonus_total() > 0 ? std::to_string(r.bonus_earned()) + " / " + std::to_string(r.bonus_total())
                             : "-",
         std::to_string(lab_passed), std::to_string(lab_failed), std::to_string(lab_skipped), row.note});
    earned += r.points_earned();
    total += r.points_total();
    bonus_earned += r.bonus_earned();
    bonus_total += r.bonus_total();
    skipped_points += r.points_skipped();
    passed += lab_passed;
    failed += lab_failed;
    skipped += lab_skipped;
  }
  table.add_row({"all", "", std::to_string(earned) + " / " + std::to_string(total),
                 bonus_total > 0 ? std::to_string(bonus_earned) + " / " + std::to_string(bonus_total) : "-",
                 std::to_string(passed), std::to_string(failed), std::to_string(skipped), ""});
  out << title << "\n";
  table.print(out);
  out << "Total: " << earned << " / " << total << " points";
  if (bonus_total > 0) out << ", bonus " << bonus_earned << " / " << bonus_total;
  if (skipped_points > 0) out << " (" << skipped_points << " points skipped on this machine)";
  out << "\n";
}

std::string test_output_from_log(const std::string& log_text, const std::string& test_name,
                                 std::size_t max_lines) {
  const std::string run_marker = "[ RUN      ] ";
  const std::string start_line = run_marker + test_name + "\n";
  std::size_t start = log_text.rfind("\n" + start_line);  // the last run of it, if it ran twice
  if (start == std::string::npos) {
    if (log_text.rfind(start_line, 0) != 0) return "";
    start = 0;
  } else {
    start += 1;
  }
  std::size_t end = log_text.find("\n" + run_marker, start + start_line.size() - 1);
  end = end == std::string::npos ? log_text.size() : end + 1;
  std::istringstream in(log_text.substr(start, end - start));
  std::string text;
  std::string line;
  std::size_t lines = 0;
  while (std::getline(in, line)) {
    if (++lines > max_lines) {
      text += "    ... (the rest is in the log)\n";
      break;
    }
    text += line + "\n";
  }
  return text;
}

}  // namespace hpc::lab
