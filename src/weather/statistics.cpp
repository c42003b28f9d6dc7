#include "weather/statistics.hpp"

#include "core/percentile.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace silkgrid::weather {

namespace {

double mean_of(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

using core::percentile;

double share_below(const std::vector<double>& v, double x) {
  return v.empty() ? 0.0
                   : static_cast<double>(std::count_if(v.begin(), v.end(), [x](double y) { return y < x; })) /
                         static_cast<double>(v.size());
}

double ramp_p99(const std::vector<double>& v, std::size_t lag) {
  std::vector<double> r;
  for (std::size_t t = 0; t + lag < v.size(); ++t) r.push_back(std::abs(v[t + lag] - v[t]));
  return percentile(r, 0.99);
}

double worst_week(const std::vector<double>& v) {
  if (v.size() < 168) return 0;
  double sum = std::accumulate(v.begin(), v.begin() + 168, 0.0), low = sum;
  for (std::size_t t = 168; t < v.size(); ++t) {
    sum += v[t] - v[t - 168];
    low = std::min(low, sum);
  }
  const double m = mean_of(v);
  return m > 0 ? low / 168.0 / m : 0.0;
}

double season_ratio(const std::vector<double>& v, const Calendar& cal) {
  double winter = 0, summer = 0;
  int nw = 0, ns = 0;
  for (std::size_t t = 0; t < v.size(); ++t) {
    const int m = month_of(cal.day_of_year[t]);
    if (m == 11 || m <= 1) winter += v[t], ++nw;
    if (m >= 5 && m <= 7) summer += v[t], ++ns;
  }
  return nw && ns && summer > 0 ? (winter / nw) / (summer / ns) : 0.0;
}

double month_mean(const std::vector<double>& v, const Calendar& cal, int month) {
  double sum = 0;
  int count = 0;
  for (std::size_t t = 0; t < v.size(); ++t)
    if (month_of(cal.day_of_year[t]) == month) sum += v[t], ++count;
  return count ? sum / count : 0.0;
}

}  // namespace

int month_of(int day) {
  static constexpr std::array<int, 12> ends{31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  for (int m = 0; m < 12; ++m)
    if (day <= ends[static_cast<std::size_t>(m)]) return m;
  return 11;
}

double correlation(const std::vector<double>& x, const std::vector<double>& y, std::size_t lag) {
  const std::size_t n = std::min(x.size(), y.size() > lag ? y.size() - lag : 0);
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (std::size_t t = 0; t < n; ++t) mx += x[t], my += y[t + lag];
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t t = 0; t < n; ++t) {
    sxy += (x[t] - mx) * (y[t + lag] - my);
    sxx += (x[t] - mx) * (x[t] - mx);
    syy += (y[t + lag] - my) * (y[t + lag] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

std::vector<double> daily_anomalies(const std::vector<double>& v) {
  const auto d = daily_means(v);
  std::vector<double> out(d.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    double s = 0;
    int n = 0;
    for (std::size_t j = i >= 15 ? i - 15 : 0; j < std::min(d.size(), i + 16); ++j) s += d[j], ++n;
    out[i] = d[i] - s / n;
  }
  return out;
}

std::vector<double> daily_means(const std::vector<double>& v) {
  std::vector<double> out;
  for (std::size_t d = 0; (d + 1) * 24 <= v.size(); ++d)
    out.push_back(std::accumulate(v.begin() + static_cast<long>(d * 24), v.begin() + static_cast<long>(d * 24 + 24), 0.0) / 24.0);
  return out;
}

WindStatistics wind_statistics(const std::vector<double>& v, const Calendar& cal) {
  WindStatistics s;
  s.mean = mean_of(v);
  s.lag1 = correlation(v, v, 1);
  s.lag24 = correlation(v, v, 24);
  s.lag168 = correlation(v, v, 168);
  s.p10 = percentile(v, 0.10);
  s.p50 = percentile(v, 0.50);
  s.p90 = percentile(v, 0.90);
  s.below_005 = share_below(v, 0.05);
  s.below_010 = share_below(v, 0.10);
  s.ramp1_p99 = ramp_p99(v, 1);
  s.ramp4_p99 = ramp_p99(v, 4);
  std::size_t run = 0;
  const auto close_run = [&] {
    s.longest_run_below_010 = std::max(s.longest_run_below_010, static_cast<double>(run));
    if (run >= 24) s.runs_24h += 1;
    if (run >= 48) s.runs_48h += 1;
    run = 0;
  };
  for (double x : v) {
    if (x < 0.10) ++run;
    else close_run();
  }
  close_run();
  s.worst_week = worst_week(v);
  const auto days = daily_means(v);
  const double dm = mean_of(days);
  double var = 0;
  for (double d : days) var += (d - dm) * (d - dm);
  s.daily_cv = days.size() > 1 && dm > 0 ? std::sqrt(var / static_cast<double>(days.size() - 1)) / dm : 0.0;
  std::array<double, 24> by_hour{};
  std::array<int, 24> count{};
  for (std::size_t t = 0; t < v.size(); ++t) {
    const auto h = static_cast<std::size_t>(std::clamp(static_cast<int>(cal.hour_utc[t]), 0, 23));
    by_hour[h] += v[t];
    ++count[h];
  }
  for (std::size_t h = 0; h < 24; ++h) by_hour[h] = count[h] ? by_hour[h] / count[h] : 0.0;
  const auto [lo, hi] = std::minmax_element(by_hour.begin(), by_hour.end());
  s.diurnal_ratio = *lo > 0 ? *hi / *lo : 0.0;
  s.diurnal_peak_hour = static_cast<double>(hi - by_hour.begin());
  s.djf_jja = season_ratio(v, cal);
  return s;
}

SolarStatistics solar_statistics(const std::vector<double>& v, const Calendar& cal) {
  SolarStatistics s;
  s.mean = mean_of(v);
  s.lag24 = correlation(v, v, 24);
  s.lag168 = correlation(v, v, 168);
  s.below_005 = share_below(v, 0.05);
  s.p90 = percentile(v, 0.90);
  // The clear-sky envelope: the largest value of each month at each UTC hour.
  std::array<std::array<double, 24>, 12> envelope{};
  const auto hour_of = [&](std::size_t t) { return static_cast<std::size_t>(std::clamp(static_cast<int>(cal.hour_utc[t]), 0, 23)); };
  for (std::size_t t = 0; t < v.size(); ++t) {
    auto& e = envelope[static_cast<std::size_t>(month_of(cal.day_of_year[t]))][hour_of(t)];
    e = std::max(e, v[t]);
  }
  std::array<int, 12> daylight{}, cloudy{};
  int all = 0, below20 = 0, below30 = 0, below50 = 0;
  for (std::size_t t = 0; t < v.size(); ++t) {
    const auto m = static_cast<std::size_t>(month_of(cal.day_of_year[t]));
    const double e = envelope[m][hour_of(t)];
    if (e < 0.1) continue;
    ++daylight[m];
    ++all;
    if (v[t] < 0.2 * e) ++cloudy[m], ++below20;
    if (v[t] < 0.3 * e) ++below30;
    if (v[t] < 0.5 * e) ++below50;
  }
  s.cloudy_share = all ? static_cast<double>(below20) / all : 0.0;
  s.below30_share = all ? static_cast<double>(below30) / all : 0.0;
  s.below50_share = all ? static_cast<double>(below50) / all : 0.0;
  for (std::size_t m = 0; m < 12; ++m) s.cloudy_by_month[m] = daylight[m] ? static_cast<double>(cloudy[m]) / daylight[m] : 0.0;
  const auto days = daily_means(v);
  std::vector<double> clearness(days.size(), 0.0);
  for (std::size_t d = 0; d < days.size(); ++d) {
    double best = 0;
    for (std::size_t e = d >= 7 ? d - 7 : 0; e <= std::min(days.size() - 1, d + 7); ++e) best = std::max(best, days[e]);
    clearness[d] = best > 0 ? days[d] / best : 0.0;
  }
  s.days_below_30 = share_below(clearness, 0.3);
  s.days_below_50 = share_below(clearness, 0.5);
  s.clearness_lag1 = correlation(clearness, clearness, 1);
  s.december = month_mean(v, cal, 11);
  s.june = month_mean(v, cal, 5);
  s.djf_jja = season_ratio(v, cal);
  s.worst_week = worst_week(v);
  return s;
}

LoadStatistics load_statistics(const std::vector<double>& v, const Calendar& cal) {
  LoadStatistics s;
  s.mean = mean_of(v);
  if (s.mean <= 0) return s;
  s.peak_over_mean = *std::max_element(v.begin(), v.end()) / s.mean;
  s.p99_over_mean = percentile(v, 0.99) / s.mean;
  s.min_over_mean = *std::min_element(v.begin(), v.end()) / s.mean;
  s.lag1 = correlation(v, v, 1);
  s.lag24 = correlation(v, v, 24);
  s.lag168 = correlation(v, v, 168);
  s.djf_jja = season_ratio(v, cal);
  double weekday = 0, weekend = 0;
  int nd = 0, ne = 0;
  for (std::size_t t = 0; t < v.size(); ++t) (cal.weekday[t] >= 5 ? (weekend += v[t], ++ne) : (weekday += v[t], ++nd));
  s.weekday_weekend = nd && ne ? (weekday / nd) / (weekend / ne) : 0.0;
  const auto days = daily_means(v);
  double change = 0;
  int count = 0;
  for (std::size_t d = 1; d < days.size(); ++d) {
    const int wd = cal.weekday[d * 24];
    if (wd >= 1 && wd <= 3) change += std::abs(days[d] - days[d - 1]), ++count;
  }
  s.day_to_day = count ? change / count / s.mean : 0.0;
  return s;
}

}  // namespace silkgrid::weather
