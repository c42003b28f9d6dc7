#include "core/logger.hpp"

#include <cstdio>

namespace silkgrid::core {

namespace {
const char* prefix(LogLevel level) {
  switch (level) {
    case LogLevel::error: return "error: ";
    case LogLevel::warning: return "warning: ";
    case LogLevel::info: return "";
    case LogLevel::debug: return "debug: ";
  }
  return "";
}
}  // namespace

Logger::Logger(LogLevel level)
    : Logger(level, [](LogLevel l, const std::string& message) {
        std::fprintf(stderr, "%s%s\n", prefix(l), message.c_str());
      }) {}

Logger::Logger(LogLevel level, Sink sink) : level_(level), sink_(std::move(sink)) {}

void Logger::log(LogLevel level, const std::string& message) {
  if (level == LogLevel::warning) ++warnings_;
  if (level <= level_ || level == LogLevel::error) sink_(level, message);
}

Logger capturing_logger(std::string& into, LogLevel level) {
  return Logger(level, [&into](LogLevel l, const std::string& message) {
    into += prefix(l);
    into += message;
    into += '\n';
  });
}

}  // namespace silkgrid::core
