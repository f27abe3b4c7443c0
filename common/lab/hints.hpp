// Reading a lab sheet (LAB.md): its title and the numbered hints under "## Hints".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "labs.hpp"

namespace hpc::lab {

// The text of the first "# " heading, or empty when there is none.
std::string markdown_title(const std::string& markdown);

// The items of the numbered list in the "## Hints" section, in order, each with the marker ("3. ")
// removed and continuation lines joined (their indentation removed, line breaks kept).
// nullopt when the sheet has no Hints section; an empty vector when the section has no numbered items.
std::optional<std::vector<std::string>> parse_hints(const std::string& markdown);

// `lab hint NN [k]`: prints hint k (default 1) and how to ask for the next one.
// Exit status: 0; 1 when the sheet has no hints; 2 when k is out of range.
int hint_command(const Lab& lab, int k);

}  // namespace hpc::lab
