#include "labs.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace hpc::lab {

namespace fs = std::filesystem;

Trees build_trees() {
  // The lab command's own tests point it at a small made-up course (both variables set); nobody else
  // needs to: each build tree has its own `lab`.
  const char* source = std::getenv("HPC_LAB_SOURCE_DIR");
  const char* binary = std::getenv("HPC_LAB_BINARY_DIR");
  if (source != nullptr && binary != nullptr && *source != '\0' && *binary != '\0')
    return Trees{source, binary};
  return Trees{HPC_SOURCE_DIR, HPC_BINARY_DIR};
}

std::string read_lab_sheet(const Lab& lab) {
  std::ifstream in(lab.lab_md());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "NN-topic": two digits, a dash, then letters, digits, '-' or '_'.
bool is_lab_folder_name(const std::string& name) {
  if (name.size() < 4 || !is_digit(name[0]) || !is_digit(name[1]) || name[2] != '-') return false;
  return std::all_of(name.begin() + 3, name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

std::vector<Lab> discover_labs(const fs::path& source_dir) {
  std::vector<Lab> labs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(source_dir / "labs", error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && is_lab_folder_name(name)) {
      labs.push_back(Lab{name.substr(0, 2), name.substr(3), entry.path()});
    }
  }
  std::sort(labs.begin(), labs.end(), [](const Lab& a, const Lab& b) { return a.number < b.number; });
  return labs;
}

std::optional<Lab> find_lab(const std::vector<Lab>& labs, const std::string& argument) {
  const bool all_digits =
      !argument.empty() && argument.size() <= 3 && std::all_of(argument.begin(), argument.end(), is_digit);
  for (const Lab& lab : labs) {
    if (all_digits) {
      // "1", "01" and "001" all mean lab 01: compare as numbers.
      int wanted = -1;
      int have = -1;
      std::from_chars(argument.data(), argument.data() + argument.size(), wanted);
      std::from_chars(lab.number.data(), lab.number.data() + lab.number.size(), have);
      if (wanted == have) return lab;
    } else if (argument == lab.folder() || argument == lab.topic) {
      return lab;
    }
  }
  return std::nullopt;
}

std::string valid_lab_choices(const std::vector<Lab>& labs) {
  std::string text;
  for (const Lab& lab : labs) {
    if (!text.empty()) text += ", ";
    text += lab.folder();
  }
  return text.empty() ? "(none: the labs/ folder has no NN-topic folders)" : text;
}

LabLookup lookup_lab(const std::vector<Lab>& labs, const std::string& argument) {
  if (auto lab = find_lab(labs, argument)) return {lab, ""};
  return {std::nullopt, "unknown lab '" + argument + "'. Valid labs: " + valid_lab_choices(labs) +
                            " (give the number, e.g. 01 or 1, or the folder name)"};
}

}  // namespace hpc::lab
