// Timing tolerances of lab 10's Asio tests (tasks 3-4) and the timeline check they share.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "hpc/async/event_log.hpp"

namespace hpc::async::asio_tests {

// How much later than planned a line may come after `waits` waits in a row (each wait can wake late, and
// the lateness adds up): a timer never fires early, but a busy machine or a sanitizer build wakes it late.
// 25 ms + 5 ms per wait, times part (a)'s timing_scale() (x2 under ASan, x3 under TSan).
double late_tolerance_ms(int waits);

// One planned line: its text, when it should appear (milliseconds after the log's start), and how many
// waits come before it, one after the other (its own included).
struct Planned {
  std::string text;
  double at_ms;
  int waits;
};

// The book's async countdown timeline at time scale 0.1 (A 100 ms, B 80 ms, C 50 ms): C3 50, B3 80, A3 100,
// C2 100, C1 150, B2 160, A2 200, B1 240, A1 300. A3 and C2 are due at the same moment: either order is
// right.
std::vector<Planned> async_countdown_plan();
// The synchronous one: A3 100, A2 200, A1 300, B3 380, ... C1 690.
std::vector<Planned> sync_countdown_plan();

// "" when `log` holds exactly the planned lines, in the planned order (texts tied in time may swap), each
// no earlier than planned (2 ms slack) and no later than late_tolerance_ms(); otherwise what is wrong,
// in words, followed by the whole timeline as printed.
std::string timeline_mismatch(const EventLog& log, const std::vector<Planned>& plan);

// Runs `scenario` into `log` (restarted first) and returns timeline_mismatch. When the only fault is
// lateness, the scenario runs again, up to three times in all: a loaded machine wakes sleepers late now
// and then, while a wrong order or an early line is a fault of the code and is never run again.
std::string timeline_mismatch_of(EventLog& log, const std::vector<Planned>& plan,
                                 const std::function<void(EventLog&)>& scenario);

// The log as the book prints it, for failure messages.
std::string printed(const EventLog& log);

// "[A = 3, A = 2, ...]"
std::string joined(const std::vector<std::string>& texts);

}  // namespace hpc::async::asio_tests
