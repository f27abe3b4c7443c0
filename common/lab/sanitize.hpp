// `lab grade NN --sanitize thread|address|undefined`: the student's code under a sanitizer, in a build
// tree of its own beside this one (build/grade -> build/grade-thread), configured once from the same
// source with only what grading needs, and run with the watchdog's time limits scaled for the slowdown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "labs.hpp"

namespace hpc::lab {

struct Sanitizer {
  std::string name;       // "thread", "address", "undefined": HPC_SANITIZER's values
  std::string label;      // "ThreadSanitizer build"
  double watchdog_scale;  // HPC_WATCHDOG_SCALE for the run: sanitized code runs several times slower
};

// nullopt for an unknown name; the error names the valid ones.
std::optional<Sanitizer> find_sanitizer(const std::string& name, std::string& error);

// The sanitizer's build tree: a sibling of this tree named "<this tree>-<sanitizer>".
Trees sanitizer_trees(const Trees& base, const Sanitizer& sanitizer);

// The cmake command that configures that tree (pure, for the self-tests).
std::vector<std::string> sanitizer_configure_command(const Trees& base, const Sanitizer& sanitizer,
                                                     const std::string& generator, const std::string& ccache);

// Configures the tree unless it already is (its CMakeCache.txt exists): true when it is ready to build.
bool prepare_sanitizer_tree(const Trees& base, const Sanitizer& sanitizer);

// Sets HPC_WATCHDOG_SCALE for the test programs we start, unless the user already set it.
void apply_watchdog_scale(const Sanitizer& sanitizer);

}  // namespace hpc::lab
