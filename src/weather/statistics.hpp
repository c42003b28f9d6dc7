#pragma once
// The statistics that a weather year is held against (the definitions of
// ../shared/data/weather-statistics.md): used by the tests and by bench/weather_bench.cpp.
#include <array>
#include <vector>

#include "weather/generate.hpp"

namespace silkgrid::weather {

struct WindStatistics {
  double mean = 0, lag1 = 0, lag24 = 0, lag168 = 0;
  double p10 = 0, p50 = 0, p90 = 0, below_005 = 0, below_010 = 0;
  double ramp1_p99 = 0, ramp4_p99 = 0;
  double longest_run_below_010 = 0, runs_24h = 0, runs_48h = 0;  // runs below 0.10
  double worst_week = 0;         // lowest 168-h mean / annual mean
  double daily_cv = 0;           // of daily means
  double diurnal_ratio = 0, diurnal_peak_hour = 0;  // max/min of the mean by UTC hour; its hour
  double djf_jja = 0;
};

struct SolarStatistics {
  double mean = 0, lag24 = 0, lag168 = 0, below_005 = 0, p90 = 0;
  double cloudy_share = 0;                 // daylight hours below 20 % of the month-hour envelope
  std::array<double, 12> cloudy_by_month{};
  double below30_share = 0, below50_share = 0;  // daylight hours below 30 / 50 % of the envelope
  double days_below_30 = 0, days_below_50 = 0;  // days below 30 / 50 % of the best day within ±7 days
  double clearness_lag1 = 0;                    // lag-1 autocorrelation of the daily clearness
  double december = 0, june = 0, djf_jja = 0, worst_week = 0;
};

struct LoadStatistics {
  double mean = 0, peak_over_mean = 0, p99_over_mean = 0, min_over_mean = 0;
  double lag1 = 0, lag24 = 0, lag168 = 0, djf_jja = 0, weekday_weekend = 0;
  double day_to_day = 0;  // mean |Δ daily mean| / annual mean, Tuesdays to Thursdays
};

WindStatistics wind_statistics(const std::vector<double>& v, const Calendar& calendar);
SolarStatistics solar_statistics(const std::vector<double>& v, const Calendar& calendar);
LoadStatistics load_statistics(const std::vector<double>& v, const Calendar& calendar);

// Pearson correlation of x(t) and y(t + lag).
double correlation(const std::vector<double>& x, const std::vector<double>& y, std::size_t lag = 0);
// Means of each whole day of 24 hours from the first hour.
std::vector<double> daily_means(const std::vector<double>& v);
// Daily anomalies: each day's mean minus the 31-day running mean around it (the season removed).
std::vector<double> daily_anomalies(const std::vector<double>& v);
// Month 0..11 of a day of the year 1..365.
int month_of(int day_of_year);

}  // namespace silkgrid::weather
