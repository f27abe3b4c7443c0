// What every chapter's demos share: a small command-line parser (flags and numeric or text options,
// usage on stderr and exit code 2 for anything it does not understand), a table printer whose output
// is a Markdown table (so a measured table can be pasted into the notes as it is), best-of-k timers,
// a sink that keeps a result alive so the compiler cannot delete the work that made it, and the
// machine stamp printed above a measured table.
#pragma once

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace hpc::common::demo {

class Args {
 public:
  Args(std::string program, std::string summary)
      : program_(std::move(program)), summary_(std::move(summary)) {}

  // --name (no value): sets target to true.
  Args& flag(std::string name, bool& target, std::string help) {
    options_.push_back({std::move(name), std::move(help), &target});
    return *this;
  }
  // --name VALUE or --name=VALUE. Integers must be at least `min`; reals must be positive.
  Args& option(std::string name, long& target, std::string help, long min = 1) {
    options_.push_back({std::move(name), std::move(help), &target, min});
    return *this;
  }
  Args& option(std::string name, double& target, std::string help) {
    options_.push_back({std::move(name), std::move(help), &target});
    return *this;
  }
  Args& option(std::string name, std::string& target, std::string help) {
    options_.push_back({std::move(name), std::move(help), &target});
    return *this;
  }

  // Whether the option was on the command line (so --quick can change only the defaults).
  bool given(std::string_view name) const {
    for (const auto& seen : given_) {
      if (seen == name) return true;
    }
    return false;
  }

  // Parses argv. --help prints the usage to stdout and exits 0; a bad argument prints what is wrong
  // and the usage to stderr and exits 2 (the convention of command-line tools).
  void parse(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
      std::string_view arg = argv[i];
      if (arg == "--help" || arg == "-h") {
        print_usage(std::cout);
        std::exit(0);
      }
      std::string_view value;
      bool has_value = false;
      if (const auto eq = arg.find('='); eq != std::string_view::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_value = true;
      }
      Option* option = find(arg);
      if (option == nullptr) fail("unknown argument '" + std::string(argv[i]) + "'");
      if (std::holds_alternative<bool*>(option->target)) {
        if (has_value) fail("--" + option->name + " takes no value");
        *std::get<bool*>(option->target) = true;
        given_.push_back(option->name);
        continue;
      }
      if (!has_value) {
        if (i + 1 >= argc) fail("--" + option->name + " needs a value");
        value = argv[++i];
      }
      set(*option, value);
      given_.push_back(option->name);
    }
  }

 private:
  struct Option {
    std::string name;
    std::string help;
    std::variant<bool*, long*, double*, std::string*> target;
    long min = 1;
  };

  Option* find(std::string_view arg) {
    if (!arg.starts_with("--")) return nullptr;
    for (auto& option : options_) {
      if (arg.substr(2) == option.name) return &option;
    }
    return nullptr;
  }

  void set(Option& option, std::string_view text) {
    const std::string what = "--" + option.name + " '" + std::string(text) + "'";
    if (auto* integer = std::get_if<long*>(&option.target)) {
      long value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc{} || end != text.data() + text.size()) fail(what + ": not an integer");
      if (value < option.min) fail(what + ": must be at least " + std::to_string(option.min));
      **integer = value;
    } else if (auto* real = std::get_if<double*>(&option.target)) {
      // std::from_chars for double is in libstdc++ 11+, but strtod reports errors just as well here.
      const std::string copy(text);
      char* end = nullptr;
      const double value = std::strtod(copy.c_str(), &end);
      if (copy.empty() || *end != '\0') fail(what + ": not a number");
      if (!(value > 0)) fail(what + ": must be positive");
      **real = value;
    } else {
      if (text.empty()) fail(what + ": must not be empty");
      *std::get<std::string*>(option.target) = std::string(text);
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    std::cerr << program_ << ": " << message << "\n\n";
    print_usage(std::cerr);
    std::exit(2);
  }

  void print_usage(std::ostream& out) const {
    out << "usage: " << program_ << " [options]\n" << summary_ << "\n\noptions:\n";
    for (const auto& option : options_) {
      std::string left = "  --" + option.name;
      if (!std::holds_alternative<bool*>(option.target)) left += " VALUE";
      out << std::left << std::setw(24) << left << ' ' << option.help << '\n';
    }
    out << std::left << std::setw(24) << "  --help" << ' ' << "print this text\n";
  }

  std::string program_;
  std::string summary_;
  std::vector<Option> options_;
  std::vector<std::string> given_;
};

// A table printed as Markdown: columns padded to their widest cell, numbers right-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}

  void row(std::vector<std::string> cells) {
    cells.resize(rows_.front().size());
    rows_.push_back(std::move(cells));
  }

  void print(std::ostream& out = std::cout) const {
    std::vector<std::size_t> width(rows_.front().size(), 3);
    for (const auto& cells : rows_) {
      for (std::size_t c = 0; c < cells.size(); ++c) width[c] = std::max(width[c], cells[c].size());
    }
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      out << '|';
      for (std::size_t c = 0; c < width.size(); ++c) {
        const bool numeric = r > 0 && looks_numeric(rows_[r][c]);
        out << ' ' << (numeric ? std::right : std::left) << std::setw(static_cast<int>(width[c]))
            << rows_[r][c] << " |";
      }
      out << '\n';
      if (r == 0) {
        out << '|';
        for (const auto w : width) out << std::string(w + 2, '-') << '|';
        out << '\n';
      }
    }
    out << std::left;
  }

 private:
  static bool looks_numeric(const std::string& cell) {
    return !cell.empty() && (std::isdigit(static_cast<unsigned char>(cell.front())) != 0 ||
                             cell.front() == '-' || cell.front() == '~' || cell.front() == '<');
  }

  std::vector<std::vector<std::string>> rows_;
};

// Formats a number with a fixed count of digits after the point ("0.0123").
inline std::string fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

// Formats an integer with thousands separators ("187,250"), as the book prints counts.
inline std::string grouped(unsigned long long value) {
  std::string reversed;
  for (int digit = 0; digit == 0 || value > 0; ++digit, value /= 10) {
    if (digit > 0 && digit % 3 == 0) reversed.push_back(',');
    reversed.push_back(static_cast<char>('0' + value % 10));
  }
  return {reversed.rbegin(), reversed.rend()};
}

// The common case: a demo whose only option is --quick (the small CI run).
inline bool parse_quick(int argc, char** argv, std::string summary) {
  bool quick = false;
  Args(argv[0], std::move(summary))
      .flag("quick", quick, "a small, fast run (what CI runs)")
      .parse(argc, argv);
  return quick;
}

// One line that says which machine measured the table below it and how busy it was, since a table
// measured while other programs held the cores is worth less and the reader should know:
//   machine: 2 logical cores, AMD EPYC, load average 0.52 0.41 0.3[, <also>]
// The load averages are the kernel's over 1, 5 and 15 minutes (as `uptime` prints them); `also` adds
// what else decides the numbers (chapter 09: the OpenCV version).
inline void print_machine_stamp(std::string_view also = {}, std::ostream& out = std::cout) {
  std::string cpu = "unknown CPU";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) != 0) continue;
    if (const auto colon = line.find(": "); colon != std::string::npos) cpu = line.substr(colon + 2);
    break;
  }
  double load[3] = {0, 0, 0};
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  out << "machine: " << std::thread::hardware_concurrency() << " logical cores, " << cpu << ", load average "
      << load[0] << ' ' << load[1] << ' ' << load[2];
  if (!also.empty()) out << ", " << also;
  out << '\n';
}

// Tells the compiler that `value` is read, so the work that produced it cannot be deleted.
template <class T>
inline void keep(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

// Seconds for one call of f, the best (minimum) of `repeats` calls: noise only ever adds time.
template <class F>
double best_seconds(F&& f, int repeats) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

// Seconds per call for calls far shorter than the clock's resolution: the best of `repeats` batches of
// `calls` calls, divided by `calls`.
template <class F>
double best_seconds_per_call(F&& f, int calls, int repeats) {
  return best_seconds(
             [&] {
               for (int i = 0; i < calls; ++i) f();
             },
             repeats) /
         calls;
}

}  // namespace hpc::common::demo
