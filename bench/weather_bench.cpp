// silkgrid_bench_weather: the weather-year generator held against the measured statistics of
// ../shared/data/weather-statistics.md (Bulgaria 2016): the study's wind, solar and load
// columns of two neighbouring countries (default: Romania and Hungary), over many seeds, as
// mean ± sd over seeds and columns; then the correlations across borders, the inter-annual
// spread, and the time one year of the whole study takes.
//
//   silkgrid_bench_weather [STUDY] [SEEDS] [COUNTRY COUNTRY]   (defaults: the corridor, 20, RO HU)
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "app/load.hpp"
#include "core/logger.hpp"
#include "io/builtin.hpp"
#include "weather/statistics.hpp"

using namespace silkgrid;

namespace {

struct Row {
  std::string name;
  double measured;
  std::vector<double> values;
};

void print(const std::vector<Row>& rows) {
  fmt::print("| statistic | measured (BG 2016) | generated, mean ± sd |\n|---|---|---|\n");
  for (const auto& r : rows) {
    double m = 0, s = 0;
    for (double v : r.values) m += v;
    m /= static_cast<double>(r.values.size());
    for (double v : r.values) s += (v - m) * (v - m);
    s = r.values.size() > 1 ? std::sqrt(s / static_cast<double>(r.values.size() - 1)) : 0.0;
    if (std::isnan(r.measured)) fmt::print("| {} | – | {:.3f} ± {:.3f} |\n", r.name, m, s);
    else fmt::print("| {} | {:.3f} | {:.3f} ± {:.3f} |\n", r.name, r.measured, m, s);
  }
}

const std::vector<double>& column(const weather::Generated& g, const std::string& name) {
  for (std::size_t i = 0; i < g.names.size(); ++i)
    if (g.names[i] == name) return g.values[i];
  throw std::runtime_error("the study has no weather column " + name);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string path = argc > 1 && argv[1][0] != 0 ? std::string(argv[1]) : std::string(io::builtin_prefix) + std::string(io::default_study);
    const int seeds = argc > 2 ? std::stoi(argv[2]) : 20;
    const std::string a = argc > 4 ? argv[3] : "RO", b = argc > 4 ? argv[4] : "HU";
    core::Logger log(core::LogLevel::error);
    const model::Study study = app::load(path, log);
    const auto calendar = weather::hourly_calendar(study.settings.start, 8760);
    const double nan = std::nan("");
    std::vector<Row> wind = {{"mean CF", 0.226, {}}, {"lag1 autocorr", 0.983, {}}, {"lag24 autocorr", 0.342, {}},
                             {"lag168 autocorr", 0.068, {}}, {"P10", 0.032, {}}, {"P50", 0.173, {}}, {"P90", 0.507, {}},
                             {"share < 0.05", 0.159, {}}, {"share < 0.10", 0.308, {}}, {"P99 |1h ramp|", 0.118, {}},
                             {"P99 |4h ramp|", 0.329, {}}, {"longest run < 0.10 (h)", 59, {}}, {"runs < 0.10 ≥ 24 h", 25, {}},
                             {"runs < 0.10 ≥ 48 h", 3, {}}, {"worst 7-day / annual", 0.297, {}}, {"daily-mean CV", 0.71, {}},
                             {"diurnal max/min", 1.11, {}}, {"diurnal peak (UTC)", 18, {}}, {"DJF/JJA", 1.89, {}}};
    std::vector<Row> solar = {{"mean CF", 0.152, {}}, {"lag24 autocorr", 0.938, {}}, {"lag168 autocorr", 0.885, {}},
                              {"share < 0.05", 0.566, {}}, {"P90", 0.514, {}}, {"cloudy share (< 20 % of envelope)", 0.032, {}},
                              {"cloudy share, January", 0.143, {}}, {"cloudy share, July", 0.0, {}},
                              {"share < 30 % / 50 % of envelope: 30 %", 0.076, {}}, {"… 50 %", 0.205, {}},
                              {"days < 30 % of best day ±7 d", 0.046, {}}, {"days < 50 %", 0.148, {}},
                              {"daily clearness lag1", 0.46, {}}, {"December mean CF", 0.101, {}}, {"June mean CF", 0.202, {}},
                              {"December / June", 0.101 / 0.202, {}}, {"DJF/JJA", 0.49, {}}, {"worst 7-day / annual", 0.42, {}}};
    std::vector<Row> load = {{"peak/mean", 1.658, {}}, {"P99/mean", 1.529, {}}, {"min/mean", 0.621, {}},
                             {"lag1 autocorr", 0.968, {}}, {"lag24 autocorr", 0.956, {}}, {"lag168 autocorr", 0.848, {}},
                             {"DJF/JJA", 1.35, {}}, {"weekday/weekend", 1.06, {}}, {"day-to-day change Tue–Thu", 0.0224, {}}};
    std::vector<Row> cross = {{"wind, hourly correlation " + a + "–" + b, nan, {}},
                              {"wind, daily correlation " + a + "–" + b, nan, {}},
                              {"solar daily clearness correlation " + a + "–" + b, nan, {}},
                              {"wind–solar daily anomaly correlation (same country)", nan, {}},
                              {"winter wind–load daily anomaly correlation", nan, {}},
                              {"wind annual CF / long-run, sd", nan, {}},
                              {"solar annual CF / long-run, sd", nan, {}}};
    std::vector<double> wind_year, solar_year;
    double seconds = 0;
    for (int s = 0; s < seeds; ++s) {
      model::WeatherSpec spec = study.weather;
      spec.seed = static_cast<std::uint64_t>(1000 + s);
      const auto start = std::chrono::steady_clock::now();
      const auto g = weather::generate(spec, calendar);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      for (const auto& c : {a, b}) {
        const auto ws = weather::wind_statistics(column(g, "wind_" + c), calendar);
        for (auto [row, v] : std::vector<std::pair<Row*, double>>{
                 {&wind[0], ws.mean}, {&wind[1], ws.lag1}, {&wind[2], ws.lag24}, {&wind[3], ws.lag168}, {&wind[4], ws.p10},
                 {&wind[5], ws.p50}, {&wind[6], ws.p90}, {&wind[7], ws.below_005}, {&wind[8], ws.below_010},
                 {&wind[9], ws.ramp1_p99}, {&wind[10], ws.ramp4_p99}, {&wind[11], ws.longest_run_below_010},
                 {&wind[12], ws.runs_24h}, {&wind[13], ws.runs_48h}, {&wind[14], ws.worst_week}, {&wind[15], ws.daily_cv},
                 {&wind[16], ws.diurnal_ratio}, {&wind[17], ws.diurnal_peak_hour}, {&wind[18], ws.djf_jja}})
          row->values.push_back(v);
        const auto ss = weather::solar_statistics(column(g, "solar_" + c), calendar);
        for (auto [row, v] : std::vector<std::pair<Row*, double>>{
                 {&solar[0], ss.mean}, {&solar[1], ss.lag24}, {&solar[2], ss.lag168}, {&solar[3], ss.below_005},
                 {&solar[4], ss.p90}, {&solar[5], ss.cloudy_share}, {&solar[6], ss.cloudy_by_month[0]},
                 {&solar[7], ss.cloudy_by_month[6]}, {&solar[8], ss.below30_share}, {&solar[9], ss.below50_share},
                 {&solar[10], ss.days_below_30}, {&solar[11], ss.days_below_50}, {&solar[12], ss.clearness_lag1},
                 {&solar[13], ss.december}, {&solar[14], ss.june}, {&solar[15], ss.june > 0 ? ss.december / ss.june : 0},
                 {&solar[16], ss.djf_jja}, {&solar[17], ss.worst_week}})
          row->values.push_back(v);
        const auto ls = weather::load_statistics(column(g, "load_" + c), calendar);
        for (auto [row, v] : std::vector<std::pair<Row*, double>>{
                 {&load[0], ls.peak_over_mean}, {&load[1], ls.p99_over_mean}, {&load[2], ls.min_over_mean},
                 {&load[3], ls.lag1}, {&load[4], ls.lag24}, {&load[5], ls.lag168}, {&load[6], ls.djf_jja},
                 {&load[7], ls.weekday_weekend}, {&load[8], ls.day_to_day}})
          row->values.push_back(v);
        for (const auto& summary : g.summary) {
          if (summary.name == "wind_" + c) cross[5].values.push_back(summary.achieved / summary.long_run);
          if (summary.name == "solar_" + c) cross[6].values.push_back(summary.achieved / summary.long_run);
        }
        const auto anomaly = [](const std::vector<double>& v) { return weather::daily_anomalies(v); };
        cross[3].values.push_back(weather::correlation(anomaly(column(g, "wind_" + c)), anomaly(column(g, "solar_" + c))));
        auto wa = anomaly(column(g, "wind_" + c)), la = anomaly(column(g, "load_" + c));
        std::vector<double> ww, lw;
        for (std::size_t d = 0; d < wa.size(); ++d)
          if (d < 59 || d >= 334) ww.push_back(wa[d]), lw.push_back(la[d]);
        cross[4].values.push_back(weather::correlation(ww, lw));
      }
      cross[0].values.push_back(weather::correlation(column(g, "wind_" + a), column(g, "wind_" + b)));
      cross[1].values.push_back(weather::correlation(weather::daily_means(column(g, "wind_" + a)),
                                                     weather::daily_means(column(g, "wind_" + b))));
      const auto clearness = [](const std::vector<double>& v) {
        const auto d = weather::daily_means(v);
        std::vector<double> c(d.size());
        for (std::size_t i = 0; i < d.size(); ++i) {
          double best = 0;
          for (std::size_t j = i >= 7 ? i - 7 : 0; j < std::min(d.size(), i + 8); ++j) best = std::max(best, d[j]);
          c[i] = best > 0 ? d[i] / best : 0;
        }
        return c;
      };
      cross[2].values.push_back(weather::correlation(clearness(column(g, "solar_" + a)), clearness(column(g, "solar_" + b))));
    }
    fmt::print("{} seeds × columns of {} and {} ({} profiles a year)\n\n### Onshore wind\n", seeds, a, b, study.weather.wind.size() + study.weather.solar.size() + study.weather.load.size());
    print(wind);
    fmt::print("\n### Solar PV\n");
    print(solar);
    fmt::print("\n### Load\n");
    print(load);
    fmt::print("\n### Across borders and years\n");
    // the inter-annual sd: print as sd of the ratio
    print(cross);
    fmt::print("\none weather year of the whole study: {:.3f} s (mean of {})\n", seconds / seeds, seeds);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "silkgrid_bench_weather: {}\n", e.what());
    return 1;
  }
}
