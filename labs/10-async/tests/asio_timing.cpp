#include "asio_timing.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "hpc/common/grading.hpp"

namespace hpc::async::asio_tests {

double late_tolerance_ms() { return hpc::common::thread_sanitizer_build() ? 75.0 : 25.0; }

std::vector<Planned> async_countdown_plan() {
  return {{"C = 3", 50},  {"B = 3", 80},  {"A = 3", 100}, {"C = 2", 100}, {"C = 1", 150},
          {"B = 2", 160}, {"A = 2", 200}, {"B = 1", 240}, {"A = 1", 300}};
}

std::vector<Planned> sync_countdown_plan() {
  return {{"A = 3", 100}, {"A = 2", 200}, {"A = 1", 300}, {"B = 3", 380}, {"B = 2", 460},
          {"B = 1", 540}, {"C = 3", 590}, {"C = 2", 640}, {"C = 1", 690}};
}

std::string printed(const EventLog& log) {
  std::ostringstream out;
  log.print(out);
  return out.str();
}

std::string joined(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (std::size_t k = 0; k < texts.size(); ++k) out += (k ? ", " : "") + texts[k];
  return out + "]";
}

std::string timeline_mismatch(const EventLog& log, const std::vector<Planned>& plan) {
  const std::vector<EventLog::Line> lines = log.lines();
  std::ostringstream why;
  std::vector<std::string> got, wanted;
  for (const auto& line : lines) got.push_back(line.text);
  for (const auto& line : plan) wanted.push_back(line.text);
  std::sort(got.begin(), got.end());
  std::sort(wanted.begin(), wanted.end());
  if (got != wanted) {
    why << "the lines are " << joined(got) << " (sorted), expected " << joined(wanted);
  } else {
    for (std::size_t k = 0; k < plan.size() && why.str().empty(); ++k) {
      // The planned line for position k, or its partner due at the same moment (a tie may go either way).
      std::size_t match = k;
      if (lines[k].text != plan[k].text) {
        for (std::size_t j = 0; j < plan.size(); ++j)
          if (plan[j].text == lines[k].text && plan[j].at_ms == plan[k].at_ms) match = j;
      }
      const double at_ms = lines[k].seconds * 1000;
      if (lines[k].text != plan[match].text) {
        why << "line " << k + 1 << " is '" << lines[k].text << "', expected '" << plan[k].text << "'";
      } else if (at_ms < plan[match].at_ms - 2) {
        why << "'" << lines[k].text << "' came at " << std::lround(at_ms) << " ms, before its " << plan[match].at_ms
            << " ms";
      } else if (at_ms > plan[match].at_ms + late_tolerance_ms()) {
        why << "'" << lines[k].text << "' came at " << std::lround(at_ms) << " ms, more than " << late_tolerance_ms()
            << " ms after its " << plan[match].at_ms << " ms";
      }
    }
  }
  if (why.str().empty()) return "";
  why << "\ntimeline:\n" << printed(log);
  return why.str();
}

}  // namespace hpc::async::asio_tests
