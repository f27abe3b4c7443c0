// Runs a child program from an argv (no shell, so paths with spaces or quotes are safe), with its output
// redirected, an optional time limit, and an exit description a student can read.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hpc::lab {

struct RunOptions {
  // Where the child's stdout/stderr go. Empty: inherited. stdout_to_stderr sends the child's stdout to
  // our stderr, so a build's chatter never mixes into `lab grade --json` output.
  std::filesystem::path stdout_file;
  std::filesystem::path stderr_file;
  bool stdout_to_stderr = false;
  std::optional<std::chrono::seconds> timeout;
};

struct RunResult {
  bool started = false;
  std::string start_error;  // why it could not start (errno text)
  int exit_code = -1;       // when it exited normally
  int signal = 0;           // when a signal ended it
  bool timed_out = false;   // we killed it at the time limit
  std::chrono::seconds timeout{0};

  bool exited_normally() const { return started && !timed_out && signal == 0; }
  bool succeeded() const { return exited_normally() && exit_code == 0; }
  // "exited with status 1", "was killed by signal 11 (SIGSEGV, Segmentation fault)",
  // "timed out after 300 s and was killed": reads on after "the test program ".
  std::string describe() const;
};

RunResult run_program(const std::vector<std::string>& argv, const RunOptions& options = {});

// Runs the program and returns what it printed on stdout (stderr is passed through to ours).
struct Captured {
  RunResult run;
  std::string out;
};
Captured run_and_capture(const std::vector<std::string>& argv, std::optional<std::chrono::seconds> timeout);

}  // namespace hpc::lab
