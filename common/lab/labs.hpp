// Where things are: the labs in the source tree (labs/NN-topic/) and, for each, its test program and
// stored results in the build tree this `lab` command was built in.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hpc::lab {

struct Lab {
  std::string number;         // "01"
  std::string topic;          // "profiling"
  std::filesystem::path dir;  // <source>/labs/01-profiling
  std::string folder() const { return number + "-" + topic; }
  std::filesystem::path lab_md() const { return dir / "LAB.md"; }
  std::string test_target() const { return "lab" + number + "_tests"; }
};

// The two trees this binary belongs to (HPC_SOURCE_DIR, HPC_BINARY_DIR at build time).
struct Trees {
  std::filesystem::path source;
  std::filesystem::path binary;

  std::filesystem::path test_program(const Lab& lab) const { return binary / "bin" / lab.test_target(); }
  std::filesystem::path results_dir() const { return binary / "results"; }
  std::filesystem::path results_json(const Lab& lab) const {
    return results_dir() / ("lab" + lab.number + ".json");
  }
  std::filesystem::path results_log(const Lab& lab) const {
    return results_dir() / ("lab" + lab.number + ".log");
  }
};

// The trees compiled into this program (HPC_LAB_SOURCE_DIR and HPC_LAB_BINARY_DIR, both set, override them
// for the lab command's self-tests).
Trees build_trees();

// The lab sheet's text; empty when the lab has no LAB.md yet.
std::string read_lab_sheet(const Lab& lab);

// Every labs/NN-topic folder (NN two digits), sorted by number.
std::vector<Lab> discover_labs(const std::filesystem::path& source_dir);

// Resolves what a user typed for a lab: "01", "1", "01-profiling" or "profiling".
std::optional<Lab> find_lab(const std::vector<Lab>& labs, const std::string& argument);

// "01-profiling, 02-data-structures" — for error messages that name the valid choices.
std::string valid_lab_choices(const std::vector<Lab>& labs);

// find_lab, or a one-line error message naming the valid choices.
struct LabLookup {
  std::optional<Lab> lab;
  std::string error;
};
LabLookup lookup_lab(const std::vector<Lab>& labs, const std::string& argument);

}  // namespace hpc::lab
