#include "hints.hpp"

#include <cctype>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace hpc::lab {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // sheets edited on Windows
    lines.push_back(line);
  }
  return lines;
}

bool is_fence(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first != std::string::npos &&
         (line.compare(first, 3, "```") == 0 || line.compare(first, 3, "~~~") == 0);
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// "# x" to "###### x": a Markdown heading of any level.
bool is_heading(const std::string& line) {
  const std::size_t hashes = line.find_first_not_of('#');
  return hashes >= 1 && hashes <= 6 && hashes != std::string::npos && is_space(line[hashes]);
}

// "## Hints", "## hints (read when stuck)" — but not "## Hintsheet".
bool is_hints_heading(const std::string& line) {
  if (line.rfind("##", 0) != 0 || line.size() < 3 || !is_space(line[2])) return false;
  const std::size_t start = line.find_first_not_of(" \t", 2);
  if (start == std::string::npos || line.size() < start + 5) return false;
  std::string word = line.substr(start, 5);
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool word_ends =
      line.size() == start + 5 || !std::isalnum(static_cast<unsigned char>(line[start + 5]));
  return word == "hints" && word_ends;
}

// "12. text" or "12) text": the column where the item's text starts, or npos when it is not an item.
std::size_t item_text_column(const std::string& line) {
  const std::size_t digits = line.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string::npos || (line[digits] != '.' && line[digits] != ')')) {
    return std::string::npos;
  }
  if (digits + 1 >= line.size() || !is_space(line[digits + 1])) return std::string::npos;
  return line.find_first_not_of(" \t", digits + 1);
}

std::string trim_trailing_blank_lines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string markdown_title(const std::string& markdown) {
  bool in_code = false;
  for (const std::string& line : split_lines(markdown)) {
    if (is_fence(line)) in_code = !in_code;
    if (!in_code && line.rfind("# ", 0) == 0) {
      const auto start = line.find_first_not_of(' ', 2);
      return start == std::string::npos ? "" : line.substr(start);
    }
  }
  return "";
}

std::optional<std::vector<std::string>> parse_hints(const std::string& markdown) {
  const std::vector<std::string> lines = split_lines(markdown);
  std::size_t i = 0;
  bool in_code = false;
  for (; i < lines.size(); ++i) {
    if (is_fence(lines[i])) in_code = !in_code;
    if (!in_code && is_hints_heading(lines[i])) break;
  }
  if (i == lines.size()) return std::nullopt;

  std::vector<std::string> hints;
  bool in_item = false;
  std::size_t indent = 0;      // width of "1. ": continuation lines lose this much indentation
  std::string pending_blanks;  // blank lines inside an item, kept only if the item goes on
  in_code = false;
  for (++i; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (!in_code && is_heading(line)) break;  // the next section ends the hints
    if (const std::size_t column = item_text_column(line); !in_code && column != std::string::npos) {
      hints.push_back(line.substr(column));
      in_item = true;
      indent = column;
      pending_blanks.clear();
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (in_item) pending_blanks += "\n";
      continue;
    }
    const bool indented = line[0] == ' ' || line[0] == '\t';
    if (in_item && (indented || in_code)) {
      const std::size_t strip = std::min(indent, line.find_first_not_of(" \t"));
      hints.back() += "\n" + pending_blanks + line.substr(strip);
      pending_blanks.clear();
      if (is_fence(line)) in_code = !in_code;
      continue;
    }
    // Unindented prose after the list (or before it) belongs to the section, not to any hint.
    in_item = false;
  }
  for (std::string& hint : hints) hint = trim_trailing_blank_lines(hint);
  return hints;
}

int hint_command(const Lab& lab, int k) {
  if (!std::filesystem::exists(lab.lab_md())) {
    std::cerr << "lab hint: lab " << lab.number << " has no lab sheet yet (" << lab.lab_md().string()
              << ")\n";
    return 1;
  }
  const auto hints = parse_hints(read_lab_sheet(lab));
  if (!hints || hints->empty()) {
    std::cerr << "lab hint: the lab sheet " << lab.lab_md().string()
              << (hints ? " has a '## Hints' section but no numbered hints in it\n"
                        : " has no '## Hints' section\n");
    return 1;
  }
  const int count = static_cast<int>(hints->size());
  if (k < 1 || k > count) {
    std::cerr << "lab hint: lab " << lab.number << " has " << count << (count == 1 ? " hint" : " hints")
              << "; choose a number from 1 to " << count << " (you asked for " << k << ")\n";
    return 2;
  }
  std::cout << "Lab " << lab.number << " (" << lab.topic << "), hint " << k << ":\n\n"
            << (*hints)[static_cast<std::size_t>(k - 1)] << "\n\n";
  std::cout << "hint " << k << " of " << count;
  if (k < count) {
    std::cout << "; next: lab hint " << lab.number << " " << k + 1 << "\n";
  } else {
    std::cout << " (the last one)\n";
  }
  return 0;
}

}  // namespace hpc::lab
