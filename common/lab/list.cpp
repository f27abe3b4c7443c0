#include "list.hpp"

#include <filesystem>
#include <iostream>

#include "hints.hpp"
#include "status.hpp"
#include "table.hpp"
#include "test_program.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

int list_command(const Trees& trees, const std::vector<Lab>& labs, bool build) {
  TextTable table({"Lab", "Topic", "Title", "Tests", "Points", "Status"});
  int not_built = 0;  // with --no-build
  table.right_align(3);
  table.right_align(4);
  for (const Lab& lab : labs) {
    std::string title = markdown_title(read_lab_sheet(lab));
    if (!fs::exists(lab.lab_md())) title = "(no LAB.md yet)";
    std::string tests = "?";
    std::string points = "?";
    const fs::path program = trees.test_program(lab);
    bool present = fs::exists(program);
    if (!present && build) {
      std::cerr << "lab list: lab " << lab.number << "'s test program is not built yet; building it to count "
                << "its tests (lab list --no-build skips this)\n";
      present = build_target(trees, lab.test_target());
    } else if (!present) {
      ++not_built;
    }
    if (present) {
      const GradedList graded = list_graded(program);
      if (graded.error.empty()) {
        int sum = 0;
        int bonus = 0;
        for (const auto& test : graded.tests) (test.bonus ? bonus : sum) += test.points;
        tests = std::to_string(graded.tests.size());
        points = std::to_string(sum) + (bonus > 0 ? " +" + std::to_string(bonus) + " bonus" : "");
      } else {
        std::cerr << "lab: lab " << lab.number << ": " << graded.error << "\n";
      }
    }
    table.add_row(
        {lab.number, lab.topic, title, tests, points, progress_text(load_stored_result(trees, lab), lab)});
  }
  table.print(std::cout);
  if (not_built > 0) {
    std::cout << "? : " << not_built
              << " test program(s) not built yet (lab list without --no-build builds them)\n";
  }
  if (labs.empty()) std::cout << "(no labs yet in " << (trees.source / "labs").string() << ")\n";
  return 0;
}

}  // namespace hpc::lab
