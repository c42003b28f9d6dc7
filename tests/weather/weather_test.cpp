// The weather-year generator: calibration, determinism and physical sanity.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/error.hpp"
#include "weather/generate.hpp"
#include "weather/statistics.hpp"
#include "weather/sun.hpp"

using namespace silkgrid;

namespace {

model::WeatherSpec corridor_like(std::uint64_t seed) {
  model::WeatherSpec spec;
  spec.present = true;
  spec.seed = seed;
  spec.solar = {{"solar_AZ", 40.4, 49.9, 0.248}, {"solar_UZ", 39.8, 64.4, 0.22}, {"solar_HU", 47.5, 19.0, 0.14}};
  // Aktau and Baku are ~400 km apart; Bucharest is ~2,000 km from both.
  spec.wind = {{"wind_KZ_W", 43.65, 51.17, 0.40}, {"wind_AZ", 40.41, 49.87, 0.42}, {"wind_RO", 44.43, 26.10, 0.243},
               {"wind_KZ_S", 43.2, 74.0, 0.434}};
  model::LoadSite kz;
  kz.name = "load_KZ";
  kz.lat = 51.2;
  kz.lon = 71.4;
  kz.annual_twh = 130;
  kz.peak_mw = 18700;
  kz.heating = 0.25;
  model::LoadSite az;
  az.name = "load_AZ";
  az.lat = 40.4;
  az.lon = 49.9;
  az.annual_twh = 30;
  az.cooling = 0.15;
  spec.load = {kz, az};
  spec.hydro = {{"hydro_GE", 0.4, 5}};
  spec.price = {{"price_EU", 100.0, 25.0}};
  return spec;
}

const std::vector<double>& column(const weather::Generated& g, const std::string& name) {
  const auto it = std::find(g.names.begin(), g.names.end(), name);
  if (it == g.names.end()) throw std::runtime_error("no profile " + name);
  return g.values[static_cast<std::size_t>(it - g.names.begin())];
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

using weather::correlation;

const weather::Calendar& year() {
  static const weather::Calendar calendar = weather::hourly_calendar("2030-01-01T00:00", 8760);
  return calendar;
}

}  // namespace

class WeatherSeeds : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(WeatherSeeds, CapacityFactorsEnergyAndPeaksMeetTheirTargets) {
  const auto spec = corridor_like(GetParam());
  const auto g = weather::generate(spec, year());
  // The climate is calibrated (long-run means exact); a single year scatters around it by a
  // few per cent (climate_test.cpp measures the spread over many seeds).
  for (const auto& s : g.summary) EXPECT_NEAR(s.long_run, s.target, 1e-6 * s.target) << s.name;
  for (const auto& site : spec.solar) EXPECT_NEAR(mean(column(g, site.name)), site.capacity_factor, 0.12 * site.capacity_factor) << site.name;
  for (const auto& site : spec.wind) EXPECT_NEAR(mean(column(g, site.name)), site.capacity_factor, 0.3 * site.capacity_factor) << site.name;
  for (const auto& site : spec.load) {
    const auto& v = column(g, site.name);
    const double twh = std::accumulate(v.begin(), v.end(), 0.0) / 1e6;
    EXPECT_NEAR(twh, site.annual_twh, 0.04 * site.annual_twh) << site.name;
    if (site.peak_mw > 0) {
      EXPECT_NEAR(*std::max_element(v.begin(), v.end()), site.peak_mw, 1e-6) << site.name;
    }
    EXPECT_GT(*std::min_element(v.begin(), v.end()), 0.0);
  }
  EXPECT_NEAR(mean(column(g, "hydro_GE")), 0.4, 1e-9);
  EXPECT_NEAR(mean(column(g, "price_EU")), 100.0, 1e-9);
  for (const auto& name : g.names) {
    if (name.rfind("load", 0) == 0 || name.rfind("price", 0) == 0) continue;
    const auto& v = column(g, name);
    EXPECT_GE(*std::min_element(v.begin(), v.end()), 0.0) << name;
    EXPECT_LE(*std::max_element(v.begin(), v.end()), 1.0) << name;
  }
}

TEST_P(WeatherSeeds, PhysicalSanity) {
  const auto g = weather::generate(corridor_like(GetParam()), year());
  const auto& cal = year();
  // No solar at night: zero whenever the sun is below the horizon at mid-hour.
  for (const auto& site : corridor_like(GetParam()).solar) {
    const auto& v = column(g, site.name);
    std::vector<double> by_hour(24, 0.0);
    for (std::size_t t = 0; t < v.size(); ++t) {
      if (weather::cos_zenith(site.lat, site.lon, cal.day_of_year[t], cal.hour_utc[t]) <= 0) {
        EXPECT_EQ(v[t], 0.0) << site.name << " at " << cal.timestamps[t];
      }
      by_hour[static_cast<std::size_t>(cal.hour_utc[t])] += v[t];
    }
    // The mean daily maximum lies within an hour of solar noon (12 − lon/15 h UTC).
    const auto peak = static_cast<double>(std::max_element(by_hour.begin(), by_hour.end()) - by_hour.begin()) + 0.5;
    EXPECT_NEAR(peak, weather::solar_noon_utc(site.lon), 1.0) << site.name;
  }
  // Wind: persistent hour to hour; neighbours more alike than distant sites.
  for (const char* name : {"wind_KZ_W", "wind_AZ", "wind_RO", "wind_KZ_S"}) {
    const auto& v = column(g, name);
    EXPECT_GT(correlation(v, v, 1), 0.9) << name;
  }
  const double near = correlation(column(g, "wind_KZ_W"), column(g, "wind_AZ"));
  const double far = correlation(column(g, "wind_KZ_W"), column(g, "wind_RO"));
  EXPECT_GT(near, far);
  EXPECT_GT(near, 0.2);
  // Load: Kazakhstan peaks in winter, Azerbaijan's summer is above its spring.
  const auto& kz = column(g, "load_KZ");
  const auto& az = column(g, "load_AZ");
  const auto month_mean = [&](const std::vector<double>& v, int first_day, int last_day) {
    double sum = 0;
    int n = 0;
    for (std::size_t t = 0; t < v.size(); ++t)
      if (cal.day_of_year[t] >= first_day && cal.day_of_year[t] <= last_day) sum += v[t], ++n;
    return sum / n;
  };
  EXPECT_GT(month_mean(kz, 1, 31), 1.08 * month_mean(kz, 182, 212));   // January vs July
  EXPECT_GT(month_mean(az, 182, 212), 1.05 * month_mean(az, 91, 120));  // July vs April
}

INSTANTIATE_TEST_SUITE_P(Seeds, WeatherSeeds, ::testing::Values(1u, 2u, 3u, 42u, 2030u));

TEST(Weather, SameSeedSameSeriesOtherSeedOtherSeries) {
  const auto a = weather::generate(corridor_like(7), year());
  const auto b = weather::generate(corridor_like(7), year());
  const auto c = weather::generate(corridor_like(8), year());
  EXPECT_EQ(a.values, b.values);
  EXPECT_NE(a.values, c.values);
  // The random engine is std::mt19937_64, whose output the C++ standard fixes: its
  // 10,000th output for the default seed is 9,981,545,732,273,789,042.
  std::mt19937_64 engine;
  engine.discard(9999);
  EXPECT_EQ(engine(), 9981545732273789042ull);
}

TEST(Weather, AddingAProfileLeavesTheOthersAlone) {
  auto spec = corridor_like(3);
  const auto before = weather::generate(spec, year());
  spec.solar.push_back({"solar_extra", 45.0, 30.0, 0.18});
  const auto after = weather::generate(spec, year());
  EXPECT_EQ(column(before, "solar_AZ"), column(after, "solar_AZ"));
  EXPECT_EQ(column(before, "load_KZ"), column(after, "load_KZ"));
}

TEST(Weather, UnreachableTargetsAreInputErrors) {
  auto spec = corridor_like(1);
  spec.solar[0].capacity_factor = 0.7;  // more than the daylight allows
  spec.wind[0].capacity_factor = 0.9;   // checked after solar: the first error is solar's
  try {
    weather::generate(spec, year());
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.context().key, "weather.solar[0].capacity_factor");
  }
  spec = corridor_like(1);
  spec.wind[1].capacity_factor = 0.8;  // no fleet blows like that
  try {
    weather::generate(spec, year());
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.context().key, "weather.wind[1].capacity_factor");
  }
  spec = corridor_like(1);
  spec.load[0].peak_mw = 10000;  // below the mean load of 130 TWh / 8760 h = 14,840 MW
  EXPECT_THROW(weather::generate(spec, year()), core::Error);
}

TEST(Weather, SunPositionAtKnownPoints) {
  // Equator at the March equinox (day 80), solar noon at lon 0: the sun is near the zenith.
  EXPECT_NEAR(weather::cos_zenith(0.0, 0.0, 80, 12.0), 1.0, 0.01);
  // Latitude 51.5°N at the June solstice, noon: zenith ≈ 51.5 − 23.44 = 28.06°.
  EXPECT_NEAR(weather::cos_zenith(51.5, 0.0, 172, 12.0), std::cos(28.06 * M_PI / 180.0), 0.01);
  // Midnight there: below the horizon.
  EXPECT_LT(weather::cos_zenith(51.5, 0.0, 172, 0.0), 0.0);
  // Aktau–Baku is about 330 km apart as the crow flies.
  EXPECT_NEAR(weather::distance_km(43.65, 51.17, 40.41, 49.87), 376.0, 15.0);
}
