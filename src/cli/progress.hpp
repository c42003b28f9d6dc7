#pragma once
// Progress on a terminal: one status line on standard error that progress messages replace
// and that log lines clear first. Nothing is shown when standard error is not a terminal
// (piped or redirected), nor with --quiet.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "core/logger.hpp"

namespace silkgrid::cli {

class TerminalStatus {
 public:
  static bool stderr_is_terminal();
  void show(const std::string& line);
  void clear();

 private:
  std::mutex mutex_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// A logger at `level` writing to standard error; with a status line for progress when
// `progress` (a terminal, not --quiet).
core::Logger terminal_logger(core::LogLevel level, bool progress);

}  // namespace silkgrid::cli
