#include "cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace silkgrid::cli {

bool TerminalStatus::stderr_is_terminal() {
  const char* term = std::getenv("TERM");
  return isatty(fileno(stderr)) != 0 && !(term && std::strcmp(term, "dumb") == 0);
}

void TerminalStatus::show(const std::string& line) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string text = fmt::format("[{:5.0f} s] {}", s, line);
  if (text.size() > 110) text.resize(110);
  std::fprintf(stderr, "\r\033[K%s", text.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void TerminalStatus::clear() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  shown_ = false;
}

core::Logger terminal_logger(core::LogLevel level, bool progress) {
  auto status = std::make_shared<TerminalStatus>();
  core::Logger log(level, [status](core::LogLevel l, const std::string& message) {
    status->clear();
    const char* prefix = l == core::LogLevel::error     ? "error: "
                         : l == core::LogLevel::warning ? "warning: "
                         : l == core::LogLevel::debug   ? "debug: "
                                                        : "";
    std::fprintf(stderr, "%s%s\n", prefix, message.c_str());
  });
  if (progress) log.set_progress_sink([status](const std::string& line) { status->show(line); });
  return log;
}

}  // namespace silkgrid::cli
