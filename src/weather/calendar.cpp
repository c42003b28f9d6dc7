#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "core/time_axis.hpp"
#include "weather/generate.hpp"

namespace silkgrid::weather {

Calendar hourly_calendar(const std::string& start, std::size_t hours) {
  const core::TimeAxis axis = core::regular_time_axis(start, hours, 1.0);
  Calendar c;
  c.timestamps = axis.timestamps;
  for (const auto& stamp : axis.timestamps) {
    using namespace std::chrono;
    const int y = std::stoi(stamp.substr(0, 4)), m = std::stoi(stamp.substr(5, 2)), d = std::stoi(stamp.substr(8, 2));
    const int hour = std::stoi(stamp.substr(11, 2)), minute = std::stoi(stamp.substr(14, 2));
    const sys_days day = year_month_day(year(y), month(static_cast<unsigned>(m)), std::chrono::day(static_cast<unsigned>(d)));
    const sys_days jan1 = year_month_day(year(y), January, std::chrono::day(1));
    c.day_of_year.push_back(std::min(365, static_cast<int>((day - jan1).count()) + 1));
    c.hour_utc.push_back(hour + minute / 60.0 + 0.5);
    c.weekday.push_back(static_cast<int>((weekday(day).c_encoding() + 6) % 7));
  }
  return c;
}

}  // namespace silkgrid::weather
