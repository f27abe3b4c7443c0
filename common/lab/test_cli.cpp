// Self-tests of the real `lab` program (HPC_LAB_PROGRAM) on a made-up course in a temporary folder: two
// labs whose "test programs" are small shell scripts. They drive `lab watch` through a file change and
// Ctrl-C, `lab grade`'s quiet table, best results and integrity line, and the command's usage errors.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Lab 06 ("fake"): Fake.Passes passes; Fake.Answer passes when src/answer.txt says 42 — unless the file
// build/busy exists (a busy machine: then it fails), and when the answer is "write" the code under test
// writes into the course. Lab 01 ("other"): untouched stubs, every test fails "not implemented yet".
const char* const lab06_script = R"sh(#!/bin/sh
answer=$(cat "$HPC_LAB_SOURCE_DIR/labs/06-fake/src/answer.txt" 2>/dev/null)
case "$1" in
  --hpc_list_graded)
    echo '[{"name":"Fake.Passes","points":1,"stub_may_pass":"","bonus":false},
           {"name":"Fake.Answer","points":2,"stub_may_pass":"","bonus":false}]' ;;
  --hpc_results=*)
    out="${1#--hpc_results=}"
    echo "[ RUN      ] Fake.Passes"; echo "[       OK ] Fake.Passes"
    echo "[ RUN      ] Fake.Answer"
    [ "$answer" = "write" ] && echo planted > "$HPC_LAB_SOURCE_DIR/labs/planted.txt"
    if [ "$answer" = "42" ] && [ ! -e "$HPC_LAB_BINARY_DIR/busy" ]; then
      status=passed; reason=""; echo "[       OK ] Fake.Answer"
    else
      status=failed; reason="answer is $answer"
      echo "fake_test.cpp:7: Failure"; echo "Expected the answer 42"; echo "  got: $answer"
      echo "[  FAILED  ] Fake.Answer"
    fi
    printf '{"lab":"06","topic":"fake","implementation":"student","tests":[
      {"name":"Fake.Passes","points":1,"status":"passed","reason":""},
      {"name":"Fake.Answer","points":2,"status":"%s","reason":"%s"}]}\n' "$status" "$reason" > "$out" ;;
esac
)sh";

const char* const lab01_script = R"sh(#!/bin/sh
case "$1" in
  --hpc_list_graded)
    echo '[{"name":"Stub.One","points":3,"stub_may_pass":"","bonus":false},
           {"name":"Stub.Two","points":4,"stub_may_pass":"","bonus":false}]' ;;
  --hpc_results=*)
    printf '{"lab":"01","topic":"other","implementation":"student","tests":[
      {"name":"Stub.One","points":3,"status":"failed","reason":"uncaught exception: not implemented yet: f()"},
      {"name":"Stub.Two","points":4,"status":"failed","reason":"uncaught exception: not implemented yet: g()"}]}\n' \
      > "${1#--hpc_results=}" ;;
esac
)sh";

// The made-up course, and the environment that points `lab` at it.
struct FakeCourse {
  fs::path root;
  fs::path source;
  fs::path binary;
  FakeCourse() {
    root = fs::temp_directory_path() / ("hpc-lab-cli-" + std::to_string(::getpid()));
    fs::remove_all(root);
    source = root / "course";
    binary = root / "course/build/fake";
    write(source / "CMakeLists.txt", "# the course\n");
    write(source / "labs/06-fake/LAB.md", "# Lab 06: fake\n");
    write(source / "labs/06-fake/src/answer.txt", "41\n");
    write(source / "labs/01-other/LAB.md", "# Lab 01: other\n");
    write(source / "labs/01-other/src/stub.cpp", "// untouched\n");
    for (const auto& [name, script] :
         {std::pair{"lab06_tests", lab06_script}, {"lab01_tests", lab01_script}}) {
      write(binary / "bin" / name, script);
      fs::permissions(binary / "bin" / name, fs::perms::owner_all, fs::perm_options::add);
    }
    setenv("HPC_LAB_SOURCE_DIR", source.c_str(), 1);
    setenv("HPC_LAB_BINARY_DIR", binary.c_str(), 1);
  }
  ~FakeCourse() {
    unsetenv("HPC_LAB_SOURCE_DIR");
    unsetenv("HPC_LAB_BINARY_DIR");
    fs::remove_all(root);
  }
  void answer(const std::string& text) const { write(source / "labs/06-fake/src/answer.txt", text + "\n"); }
};

// `lab` with its output (stdout and stderr together) in a file, in the background.
struct Lab {
  pid_t pid = -1;
  fs::path output;
  explicit Lab(const std::vector<std::string>& args, const fs::path& output_file) : output(output_file) {
    std::vector<std::string> argv = {HPC_LAB_PROGRAM};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c_argv;
    for (auto& arg : argv) c_argv.push_back(arg.data());
    c_argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    if (posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  // Waits for the output to contain `text` `times` times; false after the time limit.
  bool wait_for(const std::string& text, std::size_t times = 1, std::chrono::seconds limit = 60s) const {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (count(read(output), text) >= times) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  // The exit status (128 + signal when a signal ended it); -1 after the time limit (then killed).
  int wait(std::chrono::seconds limit = 60s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        return -1;
      }
      std::this_thread::sleep_for(20ms);
    }
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  ~Lab() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
};

struct Ran {
  int status;
  std::string output;
};

// The JSON that `lab grade --json` printed on stdout; the captured output also holds stderr, where a
// reference build's tree adds a note first.
nlohmann::json json_of(const std::string& output) {
  return nlohmann::json::parse(output.starts_with("{") ? output : output.substr(output.find("\n{") + 1));
}

Ran run_lab(const FakeCourse& course, const std::vector<std::string>& args) {
  Lab lab(args, course.root / "output.txt");
  const int status = lab.wait();
  return {status, read(course.root / "output.txt")};
}

// ---- lab watch ---------------------------------------------------------------------------------------

TEST(LabWatch, RegradesOnceAfterABurstOfSavesAndShowsTheFirstFailure) {
  FakeCourse course;
  // A quiet time ten times the gap between the saves below, so a loaded machine cannot split the burst.
  Lab watch({"watch", "06", "--no-build", "--max-rounds", "1", "--quiet-ms", "1000"},
            course.root / "watch.txt");
  ASSERT_TRUE(watch.wait_for("lab watch: watching")) << read(watch.output);
  // The first grade, at the start: the answer is wrong, and its full output is shown.
  std::string text = read(watch.output);
  EXPECT_NE(text.find("Fake.Answer     0/2  FAIL"), std::string::npos) << text;
  EXPECT_NE(
      text.find("First failure, Fake.Answer, in full:\n[ RUN      ] Fake.Answer\nfake_test.cpp:7: Failure\n"
                "Expected the answer 42\n  got: 41\n"),
      std::string::npos)
      << text;

  // A burst of saves, 100 ms apart (less than the quiet time): one regrade, of the last version. The
  // second save writes a temporary file and renames it over the old one, as `sed -i` and many editors do:
  // the temporary file is not reported as a change.
  course.answer("4");
  std::this_thread::sleep_for(100ms);
  const fs::path src = course.source / "labs/06-fake/src";
  write(src / "sedAbc123", "42\n");
  fs::rename(src / "sedAbc123", src / "answer.txt");
  ASSERT_EQ(watch.wait(), 0) << read(watch.output);
  text = read(watch.output);
  EXPECT_NE(text.find("round 1: answer.txt changed; rebuilding and regrading"), std::string::npos) << text;
  EXPECT_EQ(count(text, "Lab 06 score:"), 2u) << text;
  EXPECT_NE(text.find("Fake.Answer     2/2  PASS"), std::string::npos) << text;
  EXPECT_EQ(text.find("got: 4\n"), std::string::npos) << "graded in the middle of the burst:\n" << text;
  EXPECT_NE(text.find("done after 1 round(s)"), std::string::npos) << text;
}

TEST(LabWatch, CtrlCWhileWaitingEndsCleanly) {
  FakeCourse course;
  Lab watch({"watch", "06", "--no-build", "--skip-first"}, course.root / "watch.txt");
  ASSERT_TRUE(watch.wait_for("lab watch: watching")) << read(watch.output);
  kill(watch.pid, SIGINT);
  EXPECT_EQ(watch.wait(10s), 0) << read(watch.output);
  EXPECT_NE(read(watch.output).find("lab watch: stopped."), std::string::npos) << read(watch.output);
}

TEST(LabWatch, IgnoresEditorTemporaryFiles) {
  FakeCourse course;
  Lab watch({"watch", "06", "--no-build", "--skip-first", "--max-rounds", "1", "--quiet-ms", "100"},
            course.root / "watch.txt");
  ASSERT_TRUE(watch.wait_for("lab watch: watching")) << read(watch.output);
  write(course.source / "labs/06-fake/src/.answer.txt.swp", "vim");
  write(course.source / "labs/06-fake/src/answer.txt~", "backup");
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(read(watch.output).find("round 1"), std::string::npos) << read(watch.output);
  course.answer("42");
  EXPECT_EQ(watch.wait(), 0) << read(watch.output);
  EXPECT_NE(read(watch.output).find("round 1: answer.txt changed"), std::string::npos) << read(watch.output);
}

// ---- lab grade ---------------------------------------------------------------------------------------

TEST(LabGrade, QuietTableForLabsNotStartedAndASummary) {
  FakeCourse course;
  const Ran all = run_lab(course, {"grade", "--no-build"});
  EXPECT_EQ(all.status, 0) << all.output;
  EXPECT_NE(all.output.find("Lab 01 (other): not started, 0/7, 2 tests\n"), std::string::npos) << all.output;
  EXPECT_EQ(all.output.find("Stub.One"), std::string::npos) << "a lab not started is one line:\n"
                                                            << all.output;
  EXPECT_NE(all.output.find("Fake.Answer"), std::string::npos) << "a lab in progress is in full:\n"
                                                               << all.output;
  EXPECT_NE(all.output.find("Summary\nLab  Topic  Points  Bonus  Passed  Failed  Skipped  Note"),
            std::string::npos)
      << all.output;
  EXPECT_NE(all.output.find("01   other   0 / 7      -       0       2        0  not started"),
            std::string::npos)
      << all.output;
  EXPECT_NE(all.output.find("Total: 1 / 10 points"), std::string::npos) << all.output;
  EXPECT_NE(all.output.find("Integrity: ok"), std::string::npos) << all.output;

  const Ran verbose = run_lab(course, {"grade", "--no-build", "--verbose"});
  EXPECT_NE(verbose.output.find("Stub.One"), std::string::npos) << verbose.output;
  const Ran one = run_lab(course, {"grade", "01", "--no-build"});
  EXPECT_NE(one.output.find("Stub.Two"), std::string::npos) << "one lab: always its full table\n"
                                                            << one.output;
}

TEST(LabGrade, BestResultSurvivesABusyRerunOfTheSameCode) {
  FakeCourse course;
  course.answer("42");
  EXPECT_NE(run_lab(course, {"grade", "06", "--no-build"}).output.find("score: 3 / 3"), std::string::npos);
  write(course.binary / "busy", "");  // the same code, a busy machine: Fake.Answer fails this time
  const Ran busy = run_lab(course, {"grade", "06", "--no-build"});
  EXPECT_NE(busy.output.find("score: 1 / 3"), std::string::npos) << "grade shows this run\n" << busy.output;
  EXPECT_NE(busy.output.find("    passed earlier on this code\n"), std::string::npos) << busy.output;
  EXPECT_NE(busy.output.find("Best on this code (2 runs): 3 / 3 points"), std::string::npos) << busy.output;
  const Ran status = run_lab(course, {"status"});
  EXPECT_NE(status.output.find("06   fake         3 / 3      -     1 / 3"), std::string::npos)
      << status.output;

  course.answer("43");  // new code: the best starts over
  fs::remove(course.binary / "busy");
  const Ran changed = run_lab(course, {"grade", "06", "--no-build", "--json"});
  const auto json = json_of(changed.output);
  EXPECT_EQ(json.at("points_earned"), 1);
  EXPECT_EQ(json.at("best").at("points_earned"), 1);
  EXPECT_EQ(json.at("best").at("runs_of_this_code"), 1);
  EXPECT_NE(run_lab(course, {"status"}).output.find("06   fake         1 / 3"), std::string::npos);
}

TEST(LabGrade, APlantedWriteIntoTheCourseFailsTheIntegrityLine) {
  FakeCourse course;
  course.answer("write");
  const Ran text = run_lab(course, {"grade", "06", "--no-build"});
  EXPECT_EQ(text.status, 0) << text.output;
  EXPECT_NE(text.output.find("Integrity: FAILED — the run created labs/planted.txt"), std::string::npos)
      << text.output;
  fs::remove(course.source / "labs/planted.txt");
  const Ran json = run_lab(course, {"grade", "06", "--no-build", "--json"});
  const auto parsed = json_of(json.output);
  EXPECT_EQ(parsed.at("integrity").at("ok"), false);
  EXPECT_EQ(parsed.at("integrity").at("created").at(0), "labs/planted.txt");
  fs::remove(course.source / "labs/planted.txt");
  const auto all = json_of(run_lab(course, {"grade", "--no-build", "--json"}).output);
  EXPECT_EQ(all.at("integrity").at("ok"), false) << "the run over every lab carries it at the top too";
  EXPECT_EQ(all.at("labs").size(), 2u);
}

// ---- usage errors (exit status 2, a message that helps) ----------------------------------------------

TEST(LabUsage, EmptyLabNameBadTimeoutsAndMissingArguments) {
  FakeCourse course;
  const Ran empty = run_lab(course, {"grade", ""});
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.output.find("empty lab name. Valid labs: 01-other, 06-fake"), std::string::npos)
      << empty.output;
  for (const char* bad : {"0", "-5", "1e9", "ten", "99999999999999999999"}) {
    const Ran timeout = run_lab(course, {"grade", "06", "--no-build", "--timeout", bad});
    EXPECT_EQ(timeout.status, 2) << bad;
    EXPECT_NE(timeout.output.find("a time limit is a whole number of seconds from 1 to 604800"),
              std::string::npos)
        << timeout.output;
    EXPECT_LT(timeout.output.size(), 400u) << timeout.output;
  }
  const Ran sanitizer = run_lab(course, {"grade", "06", "--sanitize", "memory"});
  EXPECT_EQ(sanitizer.status, 2);
  EXPECT_NE(sanitizer.output.find("Valid: thread, address, undefined"), std::string::npos)
      << sanitizer.output;
  EXPECT_EQ(run_lab(course, {"watch"}).status, 2);
  const Ran unknown = run_lab(course, {"watch", "7"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.output.find("Valid labs: 01-other, 06-fake"), std::string::npos) << unknown.output;
  const Ran hint = run_lab(course, {"hint"});
  EXPECT_NE(hint.output.find("01-other"), std::string::npos) << "lab hint without a lab names them\n"
                                                             << hint.output;
}

TEST(LabUsage, ListSaysWhatItDoesNotBuild) {
  FakeCourse course;
  fs::remove(course.binary / "bin/lab01_tests");
  const Ran list = run_lab(course, {"list", "--no-build"});
  EXPECT_EQ(list.status, 0) << list.output;
  EXPECT_NE(list.output.find("1 test program(s) not built yet"), std::string::npos) << list.output;
}

}  // namespace
