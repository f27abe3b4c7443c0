// A plain text table with aligned columns, for `lab list`, `lab status` and `lab prove`.
// (The per-lab score table is print_score_table in hpc/common/report.hpp; this is only for our own.)
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace hpc::lab {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void right_align(std::size_t column) { right_aligned_.push_back(column); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> right_aligned_;
};

// Columns on screen, counting a UTF-8 character ("—", "✓") as one.
std::size_t display_width(const std::string& text);

}  // namespace hpc::lab
