#pragma once
// A logger passed in by reference to every layer that reports progress; no global state.
#include <fmt/format.h>

#include <functional>
#include <string>

namespace silkgrid::core {

enum class LogLevel { error = 0, warning = 1, info = 2, debug = 3 };

class Logger {
 public:
  using Sink = std::function<void(LogLevel, const std::string&)>;

  // A logger writing to standard error at `level` and below.
  explicit Logger(LogLevel level = LogLevel::info);
  Logger(LogLevel level, Sink sink);

  LogLevel level() const { return level_; }

  // Progress of a long phase (reading, building, the solver's iterations, with/without runs):
  // shown by a progress sink when there is one (a terminal), dropped otherwise. One line at a
  // time; a later line replaces it. Not thread-safe: callers from several threads serialise.
  using ProgressSink = std::function<void(const std::string&)>;
  void set_progress_sink(ProgressSink sink) { progress_ = std::move(sink); }
  bool shows_progress() const { return static_cast<bool>(progress_); }
  template <typename... Args>
  void progress(fmt::format_string<Args...> format, Args&&... args) {
    if (progress_) progress_(fmt::format(format, std::forward<Args>(args)...));
  }
  bool enabled(LogLevel level) const { return level <= level_; }
  int warnings() const { return warnings_; }

  void log(LogLevel level, const std::string& message);

  template <typename... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) {
    log(LogLevel::error, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) {
    log(LogLevel::warning, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(LogLevel::info)) log(LogLevel::info, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void debug(fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(LogLevel::debug)) log(LogLevel::debug, fmt::format(format, std::forward<Args>(args)...));
  }

 private:
  LogLevel level_;
  Sink sink_;
  ProgressSink progress_;
  int warnings_ = 0;
};

// A logger that records every message (warnings and errors included) into a string, for tests.
Logger capturing_logger(std::string& into, LogLevel level = LogLevel::debug);

}  // namespace silkgrid::core
