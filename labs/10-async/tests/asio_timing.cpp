#include "asio_timing.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "mini_support.hpp"

namespace hpc::async::asio_tests {

double late_tolerance_ms(int waits) {
  // Part (a)'s scale for this build (x3 under ThreadSanitizer, x2 under AddressSanitizer), so both parts'
  // timelines allow the same.
  return hpc::async::mini::testing::timing_scale() * (25.0 + 5.0 * waits);
}

std::vector<Planned> async_countdown_plan() {
  return {{"C = 3", 50, 1},  {"B = 3", 80, 1},  {"A = 3", 100, 1}, {"C = 2", 100, 2}, {"C = 1", 150, 3},
          {"B = 2", 160, 2}, {"A = 2", 200, 2}, {"B = 1", 240, 3}, {"A = 1", 300, 3}};
}

std::vector<Planned> sync_countdown_plan() {
  return {{"A = 3", 100, 1}, {"A = 2", 200, 2}, {"A = 1", 300, 3}, {"B = 3", 380, 4}, {"B = 2", 460, 5},
          {"B = 1", 540, 6}, {"C = 3", 590, 7}, {"C = 2", 640, 8}, {"C = 1", 690, 9}};
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

namespace {

// The mismatch, and whether lateness is all that is wrong.
std::pair<std::string, bool> compare_timeline(const EventLog& log, const std::vector<Planned>& plan) {
  const std::vector<EventLog::Line> lines = log.lines();
  bool late_only = false;
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
        why << "'" << lines[k].text << "' came at " << std::lround(at_ms) << " ms, before its "
            << plan[match].at_ms << " ms";
      } else if (const double late = late_tolerance_ms(plan[match].waits); at_ms > plan[match].at_ms + late) {
        why << "'" << lines[k].text << "' came at " << std::lround(at_ms) << " ms, more than " << late
            << " ms after its " << plan[match].at_ms << " ms";
        late_only = true;
      }
    }
  }
  if (why.str().empty()) return {"", false};
  why << "\ntimeline:\n" << printed(log);
  return {why.str(), late_only};
}

}  // namespace

std::string timeline_mismatch(const EventLog& log, const std::vector<Planned>& plan) {
  return compare_timeline(log, plan).first;
}

std::string timeline_mismatch_of(EventLog& log, const std::vector<Planned>& plan,
                                 const std::function<void(EventLog&)>& scenario) {
  std::pair<std::string, bool> result;
  for (int attempt = 0; attempt < 3; ++attempt) {
    log.restart();
    scenario(log);
    result = compare_timeline(log, plan);
    if (!result.second) break;
  }
  return result.first;
}

}  // namespace hpc::async::asio_tests
