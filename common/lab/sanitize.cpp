#include "sanitize.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "process.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

std::optional<Sanitizer> find_sanitizer(const std::string& name, std::string& error) {
  // The scales are what the sanitizers cost the labs' tests here: ThreadSanitizer 5-15x slower code
  // (the tests' own waits are a part of their run time, so the limits need less), AddressSanitizer about
  // 2-3x, UndefinedBehaviorSanitizer little.
  if (name == "thread") return Sanitizer{name, "ThreadSanitizer build", 5};
  if (name == "address") return Sanitizer{name, "AddressSanitizer build", 3};
  if (name == "undefined") return Sanitizer{name, "UndefinedBehaviorSanitizer build", 2};
  error = "unknown sanitizer '" + name + "'. Valid: thread, address, undefined";
  return std::nullopt;
}

Trees sanitizer_trees(const Trees& base, const Sanitizer& sanitizer) {
  fs::path binary = base.binary.lexically_normal();
  if (binary.filename().empty()) binary = binary.parent_path();  // "build/grade/" -> "build/grade"
  return Trees{base.source, binary.parent_path() / (binary.filename().string() + "-" + sanitizer.name)};
}

std::vector<std::string> sanitizer_configure_command(const Trees& base, const Sanitizer& sanitizer,
                                                     const std::string& generator,
                                                     const std::string& ccache) {
  std::vector<std::string> command = {HPC_CMAKE_COMMAND,
                                      "-S",
                                      base.source.string(),
                                      "-B",
                                      sanitizer_trees(base, sanitizer).binary.string(),
                                      "-DHPC_SANITIZER=" + sanitizer.name,
                                      "-DHPC_LAB_IMPL=student",
                                      "-DHPC_BUILD_DEMOS=OFF",
                                      "-DHPC_BUILD_BENCHMARKS=OFF",
                                      "-DCMAKE_BUILD_TYPE=RelWithDebInfo"};
  if (!generator.empty()) command.insert(command.begin() + 1, {"-G", generator});
  if (!ccache.empty()) command.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=" + ccache);
  return command;
}

namespace {

// The first ccache on PATH, or empty.
std::string find_ccache() {
  const char* path = std::getenv("PATH");
  std::istringstream folders(path ? path : "");
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    if (folder.empty()) continue;
    const fs::path candidate = fs::path(folder) / "ccache";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

}  // namespace

bool prepare_sanitizer_tree(const Trees& base, const Sanitizer& sanitizer) {
  const Trees tree = sanitizer_trees(base, sanitizer);
  if (fs::exists(tree.binary / "CMakeCache.txt")) return true;
  const auto command = sanitizer_configure_command(base, sanitizer, HPC_CMAKE_GENERATOR, find_ccache());
  std::cerr << "lab: configuring the " << sanitizer.label << " tree " << tree.binary.string()
            << " (once; later runs only rebuild what changed):\n ";
  for (const auto& word : command) std::cerr << " " << word;
  std::cerr << "\n";
  RunOptions options;
  options.stdout_to_stderr = true;
  const RunResult run = run_program(command, options);
  if (!run.succeeded()) {
    std::cerr << "lab: configuring " << tree.binary.string() << " FAILED (cmake " << run.describe()
              << "). Its messages are above; after fixing the cause, remove that folder and try again.\n";
    return false;
  }
  return true;
}

void apply_watchdog_scale(const Sanitizer& sanitizer) {
  if (std::getenv("HPC_WATCHDOG_SCALE") != nullptr) return;  // the user's own choice wins
  std::ostringstream scale;
  scale << sanitizer.watchdog_scale;
  setenv("HPC_WATCHDOG_SCALE", scale.str().c_str(), 1);
}

}  // namespace hpc::lab
