// Studies with a weather section: generated columns, measured series that replace them,
// resolution and seed options.
#include <gtest/gtest.h>

#include <tuple>

#include <numeric>
#include <optional>

#include "app/load.hpp"
#include "core/error.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {

const char* weather_study = R"(study: {name: wx, resolution_hours: 3}
weather:
  seed: 4
  solar: [{name: sun, lat: 40.4, lon: 49.9, capacity_factor: 0.25}]
  load: [{name: demand, lat: 40.4, lon: 49.9, annual_twh: 8.76, peak_mw: 1500, cooling: 0.1}]
carriers: [{name: gas}, {name: solar, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: l, region: A, profile: demand}]
generators:
  - {name: pv, region: A, carrier: solar, p_nom_mw: 100, p_max_pu: sun}
  - {name: g, region: A, carrier: gas, p_nom_mw: 2000, vom_eur_per_mwh: 10}
)";

// The reader at the study's own step (hourly), then, as app::load, the time step: to
// study.resolution_hours, or to `resolution` hours where given (as --resolution; 0: hourly).
model::Study read(const std::string& yaml, const std::map<std::string, std::string>& files = {},
                  io::ReadOptions options = {}, std::optional<double> resolution = std::nullopt) {
  core::Logger log(core::LogLevel::error, [](auto, const std::string&) {});
  const io::FileLoader loader = [&files](const std::string& name) {
    const auto it = files.find(name);
    if (it == files.end()) throw core::Error(core::ErrorKind::input, "no such file '" + name + "'");
    return it->second;
  };
  if (!options.generate_weather) options.generate_weather = app::weather_generator();
  model::Study study = io::read_study_text(yaml, "wx/study.yaml", loader, log, options);
  if (resolution) study.settings.resolution_hours = *resolution;
  app::time_step(study, study.file, resolution ? "--resolution" : "study.resolution_hours");
  return study;
}

double energy(const model::Study& s, const std::string& column) {
  const int c = s.series.find(column);
  double e = 0;
  for (std::size_t t = 0; t < s.snapshots(); ++t) e += s.time.weights[t] * s.series.values[static_cast<std::size_t>(c)][t];
  return e;
}

}  // namespace

TEST(WeatherStudy, GeneratedColumnsAveragedIntoBlocksKeepTheirEnergy) {
  const auto s = read(weather_study);
  EXPECT_EQ(s.snapshots(), 2920u);
  EXPECT_EQ(s.time.weights[0], 3.0);
  EXPECT_EQ(s.time.timestamps[1], "2030-01-01T03:00");
  // The blocks keep the hourly year's energy exactly; that year is within a few per cent of
  // the climate's 8.76 TWh (1,000 MW on average) and 0.25 capacity factor.
  const auto hourly = read(weather_study, {}, {}, 1.0);
  EXPECT_NEAR(energy(s, "demand"), energy(hourly, "demand"), 1e-6 * energy(hourly, "demand"));
  EXPECT_NEAR(energy(s, "sun"), energy(hourly, "sun"), 1e-9 * energy(hourly, "sun"));
  EXPECT_NEAR(energy(s, "demand"), 8.76e6, 0.03 * 8.76e6);
  EXPECT_NEAR(energy(s, "sun") / 8760.0, 0.25, 0.03);
  const auto r = test::solve(s);
  EXPECT_EQ(r.status, "optimal");
  EXPECT_NEAR(r.region_load_mwh[0], energy(hourly, "demand"), 1e-6 * energy(hourly, "demand"));
}

TEST(WeatherStudy, ResolutionAndSeedOptionsOverrideTheStudy) {
  const auto h = read(weather_study, {}, {}, 1.0);
  EXPECT_EQ(h.snapshots(), 8760u);
  EXPECT_EQ(read(weather_study, {}, {}, 0.0).snapshots(), 8760u);
  EXPECT_EQ(read(weather_study, {}, {}, 24.0).snapshots(), 365u);
  io::ReadOptions other_year;
  other_year.seed = 5;
  const auto a = read(weather_study);
  const auto b = read(weather_study, {}, other_year);
  EXPECT_EQ(b.weather.seed, 5u);
  EXPECT_NE(a.series.values, b.series.values);
  EXPECT_EQ(read(weather_study).series.values, a.series.values);
}

TEST(WeatherStudy, MeasuredSeriesReplaceGeneratedOnes) {
  // A measured "sun" column: 0.9 at noon, nothing otherwise.
  std::string csv = "timestamp,sun\n";
  const auto axis = core::regular_time_axis("2030-01-01T00:00", 8760, 1.0);
  for (int t = 0; t < 8760; ++t) csv += axis.timestamps[static_cast<std::size_t>(t)] + (t % 24 == 12 ? ",0.9\n" : ",0\n");
  std::string yaml = weather_study;
  yaml.replace(yaml.find("resolution_hours: 3}"), 20, "resolution_hours: 1, timeseries: measured.csv}");
  const auto s = read(yaml, {{"measured.csv", csv}});
  const int sun = s.series.find("sun");
  ASSERT_GE(sun, 0);
  EXPECT_EQ(s.series.values[static_cast<std::size_t>(sun)][12], 0.9);
  EXPECT_EQ(s.series.values[static_cast<std::size_t>(sun)][13], 0.0);
  EXPECT_NEAR(energy(s, "sun"), 365 * 0.9, 1e-9);
  // The generated load is still there, as in the year without the measured column.
  EXPECT_EQ(s.series.values[static_cast<std::size_t>(s.series.find("demand"))],
            read(weather_study, {}, {}, 1.0).series.values[static_cast<std::size_t>(read(weather_study, {}, {}, 1.0).series.find("demand"))]);
}

TEST(WeatherStudy, FirstHoursOnlyWithSnapshots) {
  std::string yaml = weather_study;
  yaml.replace(yaml.find("resolution_hours: 3}"), 20, "snapshots: 48}");
  const auto s = read(yaml);
  EXPECT_EQ(s.snapshots(), 48u);
  // Calibrated over the whole year, then cut: the load still follows the yearly scale.
  EXPECT_GT(energy(s, "demand") / 48.0, 500.0);
}

TEST(WeatherStudy, BadWeatherInputNamesTheKey) {
  const auto error_of = [](const std::string& yaml, const std::map<std::string, std::string>& files = {}) {
    try {
      read(yaml, files);
    } catch (const core::Error& e) {
      return e;
    }
    ADD_FAILURE() << "expected an error";
    return core::Error(core::ErrorKind::internal, "none");
  };
  std::string yaml = weather_study;
  auto e = error_of(yaml.replace(yaml.find("capacity_factor: 0.25"), 21, "capacity_factor: 0.9"));
  EXPECT_EQ(e.context().key, "weather.solar[0].capacity_factor");
  EXPECT_EQ(e.context().line, 4);
  yaml = weather_study;
  e = error_of(yaml.replace(yaml.find("peak_mw: 1500"), 13, "peak_mw: 900"));
  EXPECT_EQ(e.context().key, "weather.load[0].peak_mw");
  EXPECT_EQ(e.context().line, 5);
  yaml = weather_study;
  e = error_of(yaml.replace(yaml.find("lat: 40.4, lon: 49.9, capacity"), 9, "lat: 140"));
  EXPECT_EQ(e.context().key, "weather.solar[0].lat");
  yaml = weather_study;
  e = error_of(yaml.replace(yaml.find("resolution_hours: 3}"), 20, "resolution_hours: 3, timeseries: m.csv}"),
               {{"m.csv", "timestamp,x\n2030-01-01T00:00,1\n"}});
  EXPECT_NE(std::string(e.what()).find("expected 8760 hourly rows, as many as the weather year; got 1"), std::string::npos)
      << e.what();
  yaml = weather_study;
  e = error_of(yaml.replace(yaml.find("resolution_hours: 3}"), 20, "resolution_hours: 2.5}"));
  EXPECT_EQ(e.context().key, "study.resolution_hours");
  // The shape keys of the generator: each out-of-range value names its key and line.
  for (const auto& [from, to, key] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"seed: 4", "seed: 4\n  fleet_sites: 0", "weather.fleet_sites"},
           {"seed: 4", "seed: 4\n  fleet_sites: 2.5", "weather.fleet_sites"},
           {"seed: 4", "seed: 4\n  fleet_spread_km: -3", "weather.fleet_spread_km"},
           {"capacity_factor: 0.25}", "capacity_factor: 0.25, tilt_deg: 95}", "weather.solar[0].tilt_deg"},
           {"cooling: 0.1}", "cooling: 0.1, january_c: -80}", "weather.load[0].january_c"},
           {"cooling: 0.1}", "cooling: 0.1, july_c: .nan}", "weather.load[0].july_c"},
           {"solar: [", "wind: [{name: w, lat: 40, lon: 50, capacity_factor: 0.3, spread_km: 1e9}]\n  solar: [",
            "weather.wind[0].spread_km"},
           {"solar: [", "wind: [{name: w, lat: 40, lon: 50, capacity_factor: 0.3, diurnal_peak_hour: 25}]\n  solar: [",
            "weather.wind[0].diurnal_peak_hour"},
           {"solar: [", "wind: [{name: w, lat: 40, lon: 50, capacity_factor: 0.3, seasonal_amplitude: 0.9}]\n  solar: [",
            "weather.wind[0].seasonal_amplitude"}}) {
    yaml = weather_study;
    e = error_of(yaml.replace(yaml.find(from), from.size(), to));
    EXPECT_EQ(e.context().key, key) << to << ": " << e.what();
    EXPECT_GT(e.context().line, 0) << to;
  }
  // Valid shape keys are read into the spec.
  yaml = weather_study;
  const auto s = read(yaml.replace(yaml.find("solar: ["), 8,
                                   "fleet_sites: 3\n  wind: [{name: w, lat: 40, lon: 50, capacity_factor: 0.3, spread_km: 20, "
                                   "diurnal_peak_hour: 14, diurnal_amplitude: 0.05, seasonal_amplitude: 0.2}]\n  solar: ["));
  EXPECT_EQ(s.weather.fleet_sites, 3);
  EXPECT_EQ(s.weather.wind[0].spread_km, 20);
  EXPECT_EQ(s.weather.wind[0].diurnal_peak_hour, 14);
  EXPECT_EQ(s.weather.wind[0].seasonal_amplitude, 0.2);
}

// A measured series over the weather year starts at study.start and moves on by the hour.
TEST(WeatherStudy, MeasuredSeriesFollowTheWeatherYearsHours) {
  const auto error_of = [](const std::string& csv) {
    std::string yaml = weather_study;
    yaml.replace(yaml.find("resolution_hours: 3}"), 20, "resolution_hours: 1, timeseries: m.csv}");
    try {
      read(yaml, {{"m.csv", csv}});
    } catch (const core::Error& e) {
      return e;
    }
    ADD_FAILURE() << "expected an error";
    return core::Error(core::ErrorKind::internal, "none");
  };
  const auto axis = core::regular_time_axis("2030-01-01T01:00", 8760, 1.0);
  std::string late = "timestamp,sun\n";
  for (const auto& stamp : axis.timestamps) late += stamp + ",0\n";
  auto e = error_of(late);
  EXPECT_EQ(e.context().file, "wx/m.csv");
  EXPECT_EQ(e.context().line, 2);
  EXPECT_NE(std::string(e.what()).find("expected the weather year's first hour 2030-01-01T00:00"), std::string::npos) << e.what();
  const auto year = core::regular_time_axis("2030-01-01T00:00", 8760, 1.0);
  std::string shuffled = "timestamp,sun\n";
  for (std::size_t t = 0; t < 8760; ++t) shuffled += year.timestamps[t == 100 ? 101 : t == 101 ? 100 : t] + ",0\n";
  e = error_of(shuffled);
  EXPECT_EQ(e.context().line, 102);
  EXPECT_NE(std::string(e.what()).find("a step of 2 h"), std::string::npos) << e.what();
}
