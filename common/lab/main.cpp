// The `lab` command: students list, grade and get hints for the labs; maintainers prove the stubs fail.
// Everything it needs to know about the trees was fixed when it was built (HPC_SOURCE_DIR,
// HPC_BINARY_DIR), so build/grade/bin/lab grades the grade tree, build/check/bin/lab the check tree.
#include <CLI/CLI.hpp>
#include <iostream>

#include "grade.hpp"
#include "hints.hpp"
#include "labs.hpp"
#include "list.hpp"
#include "proof.hpp"
#include "status.hpp"

namespace {

constexpr int usage_error = 2;

std::optional<hpc::lab::Lab> resolve(const std::vector<hpc::lab::Lab>& labs, const std::string& argument,
                                     const std::string& command) {
  const auto lookup = hpc::lab::lookup_lab(labs, argument);
  if (!lookup.lab) std::cerr << "lab " << command << ": " << lookup.error << "\n";
  return lookup.lab;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "lab: list, grade and get hints for the labs of Fast and Concurrent C++.\n"
      "Build tree: " HPC_BINARY_DIR};
  app.require_subcommand(1);
  app.footer("Chapter/lab arguments: the number (01 or 1) or the folder name (01-profiling).");

  auto* list = app.add_subcommand("list", "Every lab: title, graded tests, points, your last grade");

  std::string grade_lab;
  bool json = false;
  bool no_build = false;
  int grade_timeout = 900;
  auto* grade =
      app.add_subcommand("grade", "Build and run the graded tests of one lab (or all); print the score");
  grade->add_option("lab", grade_lab, "The lab to grade (default: all labs)");
  grade->add_flag("--json", json, "Print only the results as JSON on stdout");
  grade->add_flag("--no-build", no_build, "Do not build first; grade the test programs as they are");
  grade->add_option("--timeout", grade_timeout, "Seconds one lab's test program may run before it is killed")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  // Strings, not numbers, so that a wrong task or rung gets our message, not CLI11's "Could not convert".
  hpc::lab::HintRequest hint_request;
  auto* hint = app.add_subcommand(
      "hint", "Hint ladders, one rung at a time per task: a nudge, then the idea, then near code");
  hint->add_option("lab", hint_request.lab, "The lab (without it: the valid labs)");
  hint->add_option("task", hint_request.task,
                   "The task: its number or a word of its title (without it: the tasks and rungs opened)");
  hint->add_option("rung", hint_request.rung, "Which rung (default: the next one not opened yet)");
  hint->add_flag("--all", hint_request.all, "Show every rung of the task opened so far, open nothing new");

  auto* status = app.add_subcommand("status", "Your progress: points per lab from the last grade runs");

  std::string prove_lab;
  std::string prove_binary;
  int prove_timeout = 300;
  auto* prove = app.add_subcommand("prove", "Maintainers: prove every graded test fails on the stubs");
  prove->add_option("lab", prove_lab, "The lab")->required();
  prove->add_option("--binary", prove_binary, "The lab's tests built against the stubs (labNN_stub_tests)")
      ->required();
  prove->add_option("--timeout", prove_timeout, "Seconds the program may run before it is killed")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // A mistyped command ("lab grde") reaches us as "a subcommand is required" with the word left over;
    // name it and the valid commands instead.
    const auto leftover = app.remaining();
    if (app.get_subcommands().empty() && !leftover.empty()) {
      std::cerr << "lab: unknown command '" << leftover.front() << "'.\n";
    } else {
      const int code = app.exit(error);  // prints help, or the error with a pointer to --help
      if (code == 0) return 0;
    }
    if (app.get_subcommands().empty()) {
      std::cerr << "Commands: list, grade, hint, status, prove (lab <command> --help for each)\n";
    }
    return usage_error;
  }

  const hpc::lab::Trees trees = hpc::lab::build_trees();
  const auto labs = hpc::lab::discover_labs(trees.source);

  if (*list) return hpc::lab::list_command(trees, labs);
  if (*status) return hpc::lab::status_command(trees, labs);
  if (*grade) {
    hpc::lab::GradeOptions options;
    if (!grade_lab.empty()) {
      options.only = resolve(labs, grade_lab, "grade");
      if (!options.only) return usage_error;
    }
    options.json = json;
    options.build = !no_build;
    options.timeout = std::chrono::seconds(grade_timeout);
    return hpc::lab::grade_command(trees, labs, options);
  }
  if (*hint) return hpc::lab::hint_command(trees, labs, hint_request, std::cout, std::cerr);
  if (*prove) {
    const auto lab = resolve(labs, prove_lab, "prove");
    return lab ? hpc::lab::prove_command(trees, *lab, prove_binary, std::chrono::seconds(prove_timeout))
               : usage_error;
  }
  return usage_error;
}
