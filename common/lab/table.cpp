#include "table.hpp"

#include <algorithm>

namespace hpc::lab {

std::size_t display_width(const std::string& text) {
  // Count every byte that does not continue a UTF-8 sequence (continuation bytes are 10xxxxxx).
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto widen = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(cells[c]));
    }
  };
  widen(headers_);
  for (const auto& row : rows_) widen(row);

  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const std::string padding(widths[c] - display_width(cell), ' ');
      const bool right = std::find(right_aligned_.begin(), right_aligned_.end(), c) != right_aligned_.end();
      line += right ? padding + cell : cell + padding;
      if (c + 1 < widths.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(headers_);
  std::size_t total = 0;
  for (std::size_t width : widths) total += width + 2;
  out << std::string(total > 2 ? total - 2 : 0, '-') << '\n';
  for (const auto& row : rows_) print_row(row);
}

}  // namespace hpc::lab
