// Check, then act: the races of the book's "real world" list (ch. 21). Sixteen threads, released
// together, each try to become the network's only administrator, or to be the one that creates a
// file. Checking first and acting second leaves a window in which several threads pass the check; one
// compare-and-swap, or one open() with O_CREAT | O_EXCL, closes it.
//
//   ch11_demo_check_then_act            200 rounds of 16 threads each
//   ch11_demo_check_then_act --quick    10 rounds (CI)
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/races/election.hpp"
#include "hpc/races/exclusive_file.hpp"

namespace {

using namespace hpc::common::demo;
namespace fs = std::filesystem;

constexpr int kThreads = 16;

// Runs attempt(t) on kThreads threads that start together; returns how many returned true.
int winners(const std::function<bool(int)>& attempt) {
  std::latch go(kThreads);
  std::atomic<int> won{0};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        go.arrive_and_wait();
        if (attempt(t)) won.fetch_add(1);
      });
    }
  }
  return won.load();
}

// [snippet:check-then-set]
// The book's two administrators: look, and if the seat is free, take it. The load and the store are
// each atomic, so this is well defined, and still wrong: others can look between them.
bool claim_naively(std::atomic<int>& admin, int me) {
  if (admin.load() != hpc::races::Election::nobody) return false;
  std::this_thread::yield();  // anything at all can happen here
  admin.store(me);
  return true;
}
// [/snippet:check-then-set]

// [snippet:exists-then-create]
bool create_naively(const fs::path& path, int me) {
  if (fs::exists(path)) return false;  // time of check ...
  std::this_thread::yield();
  std::ofstream(path) << me << '\n';  // ... time of use: the file may exist by now
  return true;
}
// [/snippet:exists-then-create]

struct Tally {
  int rounds_with_several = 0;
  int most = 0;
  void add(int count) {
    if (count > 1) ++rounds_with_several;
    most = std::max(most, count);
  }
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long rounds = 200;
  Args args(argv[0], "Check-then-act races (book ch. 21): the double administrator and the file TOCTOU.");
  args.flag("quick", quick, "10 rounds (what CI runs)")
      .option("rounds", rounds, "rounds (default 200)")
      .parse(argc, argv);
  if (quick && !args.given("rounds")) rounds = 10;

  const fs::path folder = fs::temp_directory_path() / ("ch11_check_then_act_" + std::to_string(::getpid()));
  fs::create_directories(folder);

  Tally naive_admin, cas_admin, naive_file, exclusive_file;
  for (long r = 0; r < rounds; ++r) {
    std::atomic<int> admin{hpc::races::Election::nobody};
    naive_admin.add(winners([&](int me) { return claim_naively(admin, me); }));
    hpc::races::Election election;
    cas_admin.add(winners([&](int me) { return election.try_claim(me); }));

    const fs::path naive_path = folder / ("naive_" + std::to_string(r));
    naive_file.add(winners([&](int me) { return create_naively(naive_path, me); }));
    const fs::path exclusive_path = folder / ("exclusive_" + std::to_string(r));
    exclusive_file.add(winners(
        [&](int me) { return hpc::races::create_exclusive(exclusive_path, std::to_string(me) + "\n"); }));
  }
  fs::remove_all(folder);

  std::cout << kThreads << " threads released together, " << rounds << " rounds; exactly one should win\n\n";
  Table table({"race", "way", "rounds with several winners", "most winners in a round"});
  const auto row = [&](const std::string& race, const std::string& way, const Tally& t) {
    table.row({race, way, std::to_string(t.rounds_with_several) + " of " + std::to_string(rounds),
               std::to_string(t.most)});
  };
  row("one administrator", "load, then store (check, then set)", naive_admin);
  row("one administrator", "lab: Election::try_claim (compare_exchange)", cas_admin);
  row("create a file once", "exists(), then create (TOCTOU)", naive_file);
  row("create a file once", "lab: create_exclusive (open with O_EXCL)", exclusive_file);
  table.print();
  std::cout
      << "\nThe naive rows can look right on a quiet run, and that is the danger: the window is small,\n"
         "not closed. The fixed rows cannot have two winners, however the threads are scheduled.\n";
  return 0;
}
