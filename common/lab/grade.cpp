#include "grade.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grade_view.hpp"
#include "hints.hpp"
#include "test_program.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string implementation(const GradeOptions& options) {
  return options.sanitizer ? std::string("student") : std::string(HPC_LAB_IMPL);
}

}  // namespace

LabGrade grade_lab(const Trees& trees, const Lab& lab, const GradeOptions& options,
                   const std::string& source_hash, std::ostream& notes) {
  LabGrade grade;
  const fs::path program = trees.test_program(lab);
  if (!fs::exists(program)) {
    std::cerr << "lab: lab " << lab.number << " has no test program " << program.string()
              << (options.build ? " (the build defines no " + lab.test_target() + " target yet)"
                                : " (it is not built; run without --no-build)")
              << "\n";
    return grade;
  }
  const GradedList declared = list_graded(program);
  if (!declared.error.empty()) {
    notes << "Lab " << lab.number << ": warning: " << declared.error << "\n";
    // The table below would say "0 / 0 points": nobody learns how many points are at stake, or that the
    // program died before main() could list them (seen with target_clones in a sanitizer build, whose
    // ifunc resolvers run before the sanitizer's runtime has started).
    notes << "Lab " << lab.number << ": the test program could not list its graded tests, so none of them "
          << "can score. If it crashed, it did so before any test ran: look at code that runs when the "
          << "program starts (static objects, target_clones/ifunc in a sanitizer build) and run "
          << program.string() << " --hpc_list_graded by hand to see where.\n";
  }

  // Scaled with the sanitizer's slowdown, like the watchdog's per-test limits.
  auto timeout = options.timeout;
  if (options.sanitizer) {
    timeout = std::chrono::seconds(static_cast<long>(timeout.count() * options.sanitizer->watchdog_scale));
  }
  const TreeSnapshot before = snapshot_course(trees.source);
  const GradedRun run = run_for_results(program, trees.results_json(lab), trees.results_log(lab), timeout);
  grade.integrity = compare_snapshots(before, snapshot_course(trees.source));
  grade.log_text = read_text(trees.results_log(lab));

  std::string problem = run.problem;
  grade.result =
      complete_result(run.result, declared.tests, lab, implementation(options), run.missing_reason());
  if (problem.empty() && run.result && grade.result.tests.size() > run.result->tests.size()) {
    problem = "the results file lacks " +
              std::to_string(grade.result.tests.size() - run.result->tests.size()) +
              " of the graded tests; the test program's output is in " + trees.results_log(lab).string();
  }
  if (!problem.empty()) {
    notes << "Lab " << lab.number << ": " << problem << ".\n"
          << "Every graded test without a result counts as failed.\n";
    // Store what we graded so `lab status` shows this run, not an older one.
    std::ofstream(trees.results_json(lab)) << hpc::common::to_json(grade.result).dump(2) << "\n";
  }

  grade.graded = true;

  // The best so far, on this code only: if the sources changed while we built and ran, the program may
  // hold either version, so this run is not merged into anybody's best.
  if (lab_source_hash(lab) != source_hash) {
    notes << "Lab " << lab.number << ": its sources changed during this run; the best results kept for "
          << "`lab status` are not updated (grade again).\n";
    return grade;
  }
  const fs::path record = best_file(trees, lab);
  grade.best = merge_best(load_best(record), grade.result, source_hash);
  if (!store_best(record, grade.best->best)) {
    notes << "Lab " << lab.number << ": could not write " << record.string() << "\n";
  }
  return grade;
}

void print_lab_table(std::ostream& out, const Trees& trees, const Lab& lab, const LabGrade& grade,
                     const GradeOptions& options) {
  hpc::common::ScoreTableOptions table;
  table.rerun_program = fs::absolute(trees.test_program(lab)).string();
  if (options.sanitizer) table.label = options.sanitizer->label;
  if (grade.best) table.notes = grade.best->better_earlier;
  hpc::common::print_score_table(out, grade.result, table);
  if (grade.best && !grade.best->better_earlier.empty()) {
    const LabResult& best = grade.best->best.result;
    out << "Best on this code (" << grade.best->best.runs << " runs): " << hpc::common::score_text(best)
        << " — what `lab status` shows\n";
  }
  out << grade.integrity.line() << "\n";
  if (!grade.integrity.ok()) {
    out << "(If you edited these files yourself while the tests ran, grade again. Otherwise the code under "
           "test wrote into the course: look for the paths it writes to.)\n";
  }
}

namespace {

nlohmann::json lab_json(const Trees& trees, const Lab& lab, const LabGrade& grade,
                        const GradeOptions& options) {
  nlohmann::json json = hpc::common::to_json(grade.result);
  json["integrity"] = grade.integrity.to_json();
  if (grade.best) json["best"] = best_summary_json(*grade.best);
  if (options.sanitizer) json["sanitizer"] = options.sanitizer->name;
  json["hints"] = hints_opened_json(trees, lab);
  return json;
}

std::string summary_note(const LabGrade& grade) {
  std::string note;
  const auto add = [&](const std::string& part) { note += (note.empty() ? "" : "; ") + part; };
  if (is_not_started(grade.result)) add("not started");
  if (grade.best && !grade.best->better_earlier.empty()) {
    add("best on this code " + hpc::common::score_text(grade.best->best.result));
  }
  if (!grade.integrity.ok()) add("integrity FAILED");
  return note;
}

}  // namespace

int grade_command(const Trees& base_trees, const std::vector<Lab>& labs, const GradeOptions& options) {
  if (std::string(HPC_LAB_IMPL) != "student" && !options.sanitizer) {
    std::cerr << "lab: note: this build tree (" << base_trees.binary.string() << ") grades the "
              << HPC_LAB_IMPL
              << " code, not labs/NN/src. Students grade with the grade preset: build/grade/bin/lab grade\n";
  }
  std::vector<Lab> selected = options.only ? std::vector<Lab>{*options.only} : labs;
  if (selected.empty()) {
    std::cerr << "lab: there are no labs in " << (base_trees.source / "labs").string() << "\n";
    return 1;
  }
  Trees trees = base_trees;
  if (options.sanitizer) {
    trees = sanitizer_trees(base_trees, *options.sanitizer);
    if (!options.build && !fs::exists(trees.binary)) {
      std::cerr << "lab: there is no " << options.sanitizer->label << " tree yet (" << trees.binary.string()
                << "); run without --no-build\n";
      return 1;
    }
    if (options.build && !prepare_sanitizer_tree(base_trees, *options.sanitizer)) return 1;
    apply_watchdog_scale(*options.sanitizer);
  }

  // The sources' hashes before the build: the programs we are about to build hold this code.
  std::vector<std::string> hashes;
  for (const Lab& lab : selected) hashes.push_back(lab_source_hash(lab));
  if (options.build && !build_target(trees, options.only ? options.only->test_target() : "labs")) return 1;

  std::ostream& notes = options.json ? std::cerr : std::cout;
  std::vector<SummaryRow> summary;
  nlohmann::json lab_jsons = nlohmann::json::array();
  IntegrityReport integrity;
  bool all_present = true;
  for (std::size_t i = 0; i < selected.size(); ++i) {
    const Lab& lab = selected[i];
    const LabGrade grade = grade_lab(trees, lab, options, hashes[i], notes);
    if (!grade.graded) {
      all_present = false;
      continue;
    }
    integrity.merge(grade.integrity);
    if (options.json) {
      lab_jsons.push_back(lab_json(trees, lab, grade, options));
    } else if (!options.only && !options.verbose && is_not_started(grade.result) && grade.integrity.ok()) {
      std::cout << not_started_line(grade.result) << "\n";
    } else {
      print_lab_table(std::cout, trees, lab, grade, options);
      std::cout << "\n";
    }
    summary.push_back({grade.result, summary_note(grade)});
  }

  if (options.json) {
    if (options.only && lab_jsons.size() == 1) {
      std::cout << lab_jsons.front().dump(2) << "\n";
    } else {
      int earned = 0, total = 0, bonus_earned = 0, bonus_total = 0;
      for (const SummaryRow& row : summary) {
        earned += row.result.points_earned();
        total += row.result.points_total();
        bonus_earned += row.result.bonus_earned();
        bonus_total += row.result.bonus_total();
      }
      nlohmann::json all = {{"labs", lab_jsons},          {"points_earned", earned},
                            {"points_total", total},      {"bonus_earned", bonus_earned},
                            {"bonus_total", bonus_total}, {"integrity", integrity.to_json()}};
      if (options.sanitizer) all["sanitizer"] = options.sanitizer->name;
      std::cout << all.dump(2) << "\n";
    }
  } else {
    if (!options.only) {
      std::cout << "\n";
    }
    print_summary(std::cout, summary,
                  options.sanitizer ? "Summary (" + options.sanitizer->label + ")" : "Summary");
    if (!options.only) std::cout << integrity.line() << "\n";
    bool hidden = false;
    for (const SummaryRow& row : summary) hidden = hidden || is_not_started(row.result);
    if (hidden && !options.only && !options.verbose) {
      std::cout << "Labs not started are shown in one line; --verbose shows their tables.\n";
    }
  }
  // A single lab without a program is an error; for all labs, a lab not yet in the build is only noted.
  return options.only && !all_present ? 1 : 0;
}

}  // namespace hpc::lab
