#include "core/time_axis.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <numeric>
#include <regex>

#include "core/error.hpp"

namespace silkgrid::core {

double TimeAxis::total_hours() const { return std::accumulate(weights.begin(), weights.end(), 0.0); }

namespace {
struct DateTime {
  int year, month, day, hour, minute, second;
};

bool parse(const std::string& text, DateTime& out) {
  static const std::regex pattern(R"((\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return false;
  out.year = std::stoi(m[1]);
  out.month = std::stoi(m[2]);
  out.day = std::stoi(m[3]);
  out.hour = m[4].matched ? std::stoi(m[4]) : 0;
  out.minute = m[5].matched ? std::stoi(m[5]) : 0;
  out.second = m[6].matched ? std::stoi(m[6]) : 0;
  const auto ymd = std::chrono::year_month_day(std::chrono::year(out.year), std::chrono::month(out.month),
                                               std::chrono::day(out.day));
  return ymd.ok() && out.hour < 24 && out.minute < 60 && out.second < 60;
}
}  // namespace

std::optional<double> iso_timestamp_hours(const std::string& text) {
  DateTime dt{};
  if (!parse(text, dt)) return std::nullopt;
  using namespace std::chrono;
  const sys_days day = year_month_day(year(dt.year), month(dt.month), std::chrono::day(dt.day));
  const auto seconds_since_epoch = duration_cast<seconds>(day.time_since_epoch()).count() + 3600LL * dt.hour +
                                   60LL * dt.minute + dt.second;
  return static_cast<double>(seconds_since_epoch) / 3600.0;
}

bool is_iso_timestamp(const std::string& text) {
  DateTime dt{};
  return parse(text, dt);
}

std::optional<long long> timestamp_seconds(const std::string& text) {
  DateTime dt{};
  if (!parse(text, dt)) return std::nullopt;
  using namespace std::chrono;
  const sys_days day = year_month_day(year(dt.year), month(dt.month), std::chrono::day(dt.day));
  return (sys_seconds(day) + hours(dt.hour) + minutes(dt.minute) + seconds(dt.second)).time_since_epoch().count();
}

TimeAxis regular_time_axis(const std::string& start, std::size_t count, double hours, const std::string& key) {
  DateTime dt{};
  if (!parse(start, dt))
    throw Error(ErrorKind::input, Context{"", 0, 0, key},
                fmt::format("expected an ISO 8601 timestamp like 2030-01-01T00:00, got '{}'", start));
  using namespace std::chrono;
  const sys_days day = year_month_day(year(dt.year), month(dt.month), std::chrono::day(dt.day));
  const sys_seconds origin = sys_seconds(day) + std::chrono::hours(dt.hour) + minutes(dt.minute);
  TimeAxis axis;
  axis.timestamps.reserve(count);
  axis.weights.assign(count, hours);
  for (std::size_t t = 0; t < count; ++t) {
    const auto at = origin + seconds(static_cast<long long>(std::llround(hours * 3600.0 * static_cast<double>(t))));
    const auto dp = floor<days>(at);
    const year_month_day ymd(dp);
    const hh_mm_ss hms(at - dp);
    axis.timestamps.push_back(fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}", int(ymd.year()),
                                          unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                                          hms.minutes().count()));
  }
  return axis;
}

}  // namespace silkgrid::core
