// The outage keys of generators, links and lines: read into the study's outage table, and
// every bad value an error naming its key and line.
#include <gtest/gtest.h>

#include <tuple>

#include "core/error.hpp"
#include "io/study_reader.hpp"

using namespace silkgrid;

namespace {

const std::string base = R"(study: {name: o, snapshots: 4}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: l, region: B, p_mw: 10}]
generators:
  - {name: g, region: B, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 5, GEN}
links:
  - {name: k, from: A, to: B, p_nom_mw: 50, efficiency: 1, length_km: 250, LINK}
lines:
  - {name: ln, from: A, to: B, p_nom_mw: 50, x_ohm: 10, v_nom_kv: 220, LINE}
)";

model::Study read(const std::string& gen, const std::string& link = "marginal_cost_eur_per_mwh: 0",
                  const std::string& line = "s_max_pu: 1") {
  std::string yaml = base;
  yaml.replace(yaml.find("GEN"), 3, gen);
  yaml.replace(yaml.find("LINK"), 4, link);
  yaml.replace(yaml.find("LINE"), 4, line);
  core::Logger log(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  return io::read_study_text(yaml, "o.yaml", [](const std::string&) -> std::string { return ""; }, log);
}

}  // namespace

TEST(OutagesReader, KeysGoIntoTheOutageTable) {
  const auto s = read("units: 4, forced_outage_rate: 0.07, mean_time_to_repair_h: 40, maintenance_weeks: 3",
                      "circuits: 2, failures_per_year: 0.1, per_100km: true, mean_time_to_repair_h: 1440",
                      "circuits: 3, forced_outage_rate: 0.01, mean_time_to_repair_h: 10");
  ASSERT_EQ(s.outages.size(), 3u);
  EXPECT_EQ(s.outages.kind[0], model::OutageAssetKind::generator);
  EXPECT_EQ(s.outages.spec[0].units, 4);
  EXPECT_EQ(s.outages.spec[0].forced_outage_rate, 0.07);
  EXPECT_EQ(s.outages.spec[0].maintenance_weeks, 3);
  EXPECT_EQ(s.outages.kind[1], model::OutageAssetKind::link);
  EXPECT_EQ(s.outages.spec[1].units, 2);
  EXPECT_EQ(s.outages.spec[1].failures_per_year, 0.1);
  EXPECT_TRUE(s.outages.spec[1].per_100km);
  EXPECT_EQ(s.outages.kind[2], model::OutageAssetKind::line);
  EXPECT_EQ(s.outages.spec[2].units, 3);
  // No outage keys: no entry.
  EXPECT_EQ(read("p_min_pu: 0").outages.size(), 0u);
}

TEST(OutagesReader, BadValuesNameTheirKey) {
  for (const auto& [gen, link, key] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"units: 0", "", "generators[0].units"},
           {"units: 2.5", "", "generators[0].units"},
           {"units: 1e9", "", "generators[0].units"},
           {"forced_outage_rate: 1", "", "generators[0].forced_outage_rate"},
           {"forced_outage_rate: -0.1", "", "generators[0].forced_outage_rate"},
           {"forced_outage_rate: .nan", "", "generators[0].forced_outage_rate"},
           {"forced_outage_rate: 0.1", "", "generators[0].mean_time_to_repair_h"},
           {"forced_outage_rate: 0.1, mean_time_to_repair_h: 0.5", "", "generators[0].mean_time_to_repair_h"},
           {"forced_outage_rate: 0.9, mean_time_to_repair_h: 2", "", "generators[0].mean_time_to_repair_h"},
           {"maintenance_weeks: 30", "", "generators[0].maintenance_weeks"},
           {"p_min_pu: 0", "failures_per_year: 0.1, forced_outage_rate: 0.1, mean_time_to_repair_h: 5", "links[0].failures_per_year"},
           {"p_min_pu: 0", "failures_per_year: -1, mean_time_to_repair_h: 5", "links[0].failures_per_year"},
           {"p_min_pu: 0", "per_100km: true, forced_outage_rate: 0.1, mean_time_to_repair_h: 5", "links[0].per_100km"},
           {"p_min_pu: 0", "circuits: -2", "links[0].circuits"},
           {"p_min_pu: 0", "converter_forced_outage_rate: 0.01", "links[0].converter_mean_time_to_repair_h"},
           {"p_min_pu: 0", "converter_forced_outage_rate: 1.5, converter_mean_time_to_repair_h: 24", "links[0].converter_forced_outage_rate"},
           {"p_min_pu: 0", "converter_forced_outage_rate: 0.5, converter_mean_time_to_repair_h: 0.5", "links[0].converter_mean_time_to_repair_h"}}) {
    try {
      read(gen.empty() ? "p_min_pu: 0" : gen, link.empty() ? "marginal_cost_eur_per_mwh: 0" : link);
      ADD_FAILURE() << "expected an error for " << gen << " / " << link;
    } catch (const core::Error& e) {
      EXPECT_EQ(e.context().key, key) << gen << " / " << link << ": " << e.what();
      EXPECT_GT(e.context().line, 0) << e.what();
    }
  }
}
