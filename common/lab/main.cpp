// The `lab` command: students list, grade and get hints for the labs; maintainers prove the stubs fail.
// Everything it needs to know about the trees was fixed when it was built (HPC_SOURCE_DIR,
// HPC_BINARY_DIR), so build/grade/bin/lab grades the grade tree, build/check/bin/lab the check tree.
#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>

#include "grade.hpp"
#include "hints.hpp"
#include "labs.hpp"
#include "list.hpp"
#include "proof.hpp"
#include "status.hpp"
#include "watch.hpp"

namespace {

constexpr int usage_error = 2;

std::optional<hpc::lab::Lab> resolve(const std::vector<hpc::lab::Lab>& labs, const std::string& argument,
                                     const std::string& command) {
  const auto lookup = hpc::lab::lookup_lab(labs, argument);
  if (!lookup.lab) std::cerr << "lab " << command << ": " << lookup.error << "\n";
  return lookup.lab;
}

// A time limit in whole seconds, 1 s to a week: CLI11's own range check would print the range of an
// int in full, and 0 s is a limit no test program can meet.
CLI::Validator whole_seconds() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > 7 * 24 * 3600) {
          return "a time limit is a whole number of seconds from 1 to 604800 (a week), not '" + text + "'";
        }
        return "";
      },
      "SECONDS");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "lab: list, grade, watch and get hints for the labs of Fast and Concurrent C++.\n"
      "Build tree: " HPC_BINARY_DIR};
  app.require_subcommand(1);
  app.footer("Chapter/lab arguments: the number (01 or 1) or the folder name (01-profiling).");

  bool list_no_build = false;
  auto* list = app.add_subcommand("list", "Every lab: title, graded tests, points, your last grade");
  list->add_flag("--no-build", list_no_build, "Do not build missing test programs (their tests show as ?)");

  std::string grade_lab;
  bool json = false;
  bool no_build = false;
  bool verbose = false;
  std::string sanitize;
  int grade_timeout = 900;
  auto* grade =
      app.add_subcommand("grade", "Build and run the graded tests of one lab (or all); print the score");
  auto* grade_lab_option = grade->add_option("lab", grade_lab, "The lab to grade (default: all labs)");
  grade->add_flag("--json", json, "Print only the results as JSON on stdout");
  grade->add_flag("--no-build", no_build, "Do not build first; grade the test programs as they are");
  grade->add_flag("--verbose,-v", verbose, "Full tables for every lab, also those not started");
  grade->add_option("--sanitize", sanitize,
                    "Grade a build of your code under a sanitizer (thread, address or undefined), in a build "
                    "tree of its own beside this one");
  grade->add_option("--timeout", grade_timeout, "Seconds one lab's test program may run before it is killed")
      ->check(whole_seconds())
      ->capture_default_str();

  std::string watch_lab;
  int watch_rounds = 0;
  int watch_quiet_ms = 300;
  bool watch_no_build = false;
  bool watch_skip_first = false;
  int watch_timeout = 900;
  auto* watch =
      app.add_subcommand("watch", "Rebuild and regrade one lab every time you save a file of its src/");
  watch->add_option("lab", watch_lab, "The lab to watch")->required();
  watch->add_option("--quiet-ms", watch_quiet_ms, "Regrade once no file changed for this many milliseconds")
      ->check(CLI::Range(50, 60000))
      ->capture_default_str();
  watch->add_option("--max-rounds", watch_rounds, "Stop after this many regrades (default: until Ctrl-C)")
      ->check(CLI::Range(0, 1000000));
  watch->add_flag("--no-build", watch_no_build, "Do not rebuild; rerun the test program as it is");
  watch->add_flag("--skip-first", watch_skip_first, "Do not grade at the start; wait for the first change");
  watch->add_option("--timeout", watch_timeout, "Seconds the test program may run before it is killed")
      ->check(whole_seconds())
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
      ->check(whole_seconds())
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
      std::cerr << "Commands: list, grade, watch, hint, status, prove (lab <command> --help for each)\n";
    }
    return usage_error;
  }

  const hpc::lab::Trees trees = hpc::lab::build_trees();
  const auto labs = hpc::lab::discover_labs(trees.source);

  if (*list) return hpc::lab::list_command(trees, labs, !list_no_build);
  if (*status) return hpc::lab::status_command(trees, labs);
  if (*grade) {
    hpc::lab::GradeOptions options;
    if (grade_lab_option->count() > 0 && grade_lab.empty()) {
      // `lab grade ''` (an unset shell variable) must not quietly grade every lab.
      std::cerr << "lab grade: empty lab name. Valid labs: " << hpc::lab::valid_lab_choices(labs)
                << " (or no argument at all to grade every lab)\n";
      return usage_error;
    }
    if (!grade_lab.empty()) {
      options.only = resolve(labs, grade_lab, "grade");
      if (!options.only) return usage_error;
    }
    if (!sanitize.empty()) {
      std::string error;
      options.sanitizer = hpc::lab::find_sanitizer(sanitize, error);
      if (!options.sanitizer) {
        std::cerr << "lab grade: " << error << "\n";
        return usage_error;
      }
    }
    options.json = json;
    options.build = !no_build;
    options.verbose = verbose;
    options.timeout = std::chrono::seconds(grade_timeout);
    return hpc::lab::grade_command(trees, labs, options);
  }
  if (*watch) {
    const auto lab = resolve(labs, watch_lab, "watch");
    if (!lab) return usage_error;
    hpc::lab::WatchOptions options;
    options.grade.only = lab;
    options.grade.build = !watch_no_build;
    options.grade.timeout = std::chrono::seconds(watch_timeout);
    options.quiet = std::chrono::milliseconds(watch_quiet_ms);
    options.max_rounds = watch_rounds;
    options.first_round = !watch_skip_first;
    return hpc::lab::watch_command(trees, *lab, options);
  }
  if (*hint) return hpc::lab::hint_command(trees, labs, hint_request, std::cout, std::cerr);
  if (*prove) {
    const auto lab = resolve(labs, prove_lab, "prove");
    return lab ? hpc::lab::prove_command(trees, *lab, prove_binary, std::chrono::seconds(prove_timeout))
               : usage_error;
  }
  return usage_error;
}
