// Each kind of bad input gets an error naming the file, the line or key, and what was expected.
#include <gtest/gtest.h>

#include "app/load.hpp"
#include "core/error.hpp"
#include "support/expect.hpp"
#include "support/studies.hpp"

using silkgrid::core::Error;
using silkgrid::core::ErrorKind;
using silkgrid::test::study_from;

namespace {

const char* base_study = R"(study: {name: bad, snapshots: 3, timeseries: series.csv}
carriers: [{name: gas}, {name: wind, renewable: true}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-B, region: B, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5}
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 50, p_max_pu: wind_A}
links:
  - {name: cable, from: A, to: B, p_nom_mw: 80, efficiency: 0.9}
)";

const char* good_csv =
    "timestamp,wind_A\n"
    "2030-01-01T00:00,0.5\n"
    "2030-01-01T01:00,0.6\n"
    "2030-01-01T02:00,0.7\n";

// The error thrown by reading `yaml` (with `csv` as series.csv); fails the test if none.
Error read_error(const std::string& yaml, const std::string& csv = good_csv) {
  return silkgrid::test::error_reading(yaml, {{"series.csv", csv}});
}
using silkgrid::test::expect_contains;
using silkgrid::test::replace;

}  // namespace

TEST(BadInput, TheBaseStudyIsValid) {
  const auto study = study_from(base_study, {{"series.csv", good_csv}});
  EXPECT_EQ(study.snapshots(), 3u);
}

TEST(BadInput, MalformedYamlNamesTheLine) {
  const auto e = read_error(replace(base_study, "  - {name: gas-A,", "  - {name: gas-A,,]"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().file, "test/study.yaml");
  EXPECT_GT(e.context().line, 0);
  expect_contains(e.what(), "malformed YAML");
}

TEST(BadInput, UnknownKeyWarnsWithTheClosestKey) {
  std::string log;
  const auto study = study_from(replace(base_study, "p_nom_mw: 80", "p_nom_mx: 80, p_nom_mw: 80"),
                                {{"series.csv", good_csv}}, &log);
  expect_contains(log, "test/study.yaml:9:");
  expect_contains(log, "links[0].p_nom_mx");
  expect_contains(log, "did you mean 'p_nom_mw'");
}

TEST(BadInput, UnknownKeyIsAnErrorWhenStrict) {
  silkgrid::core::Logger log(silkgrid::core::LogLevel::error, [](auto, const std::string&) {});
  const silkgrid::io::FileLoader load = [](const std::string&) { return std::string(good_csv); };
  silkgrid::io::ReadOptions strict;
  strict.generate_weather = silkgrid::app::weather_generator();
  strict.strict = true;
  try {
    silkgrid::io::read_study_text(replace(base_study, "efficiency: 0.5", "efficency: 0.5"), "s.yaml", load, log, strict);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.context().key, "generators[0].efficency");
    EXPECT_EQ(e.context().line, 6);
    expect_contains(e.what(), "did you mean 'efficiency'");
  }
}

TEST(BadInput, UnknownRegion) {
  const auto e = read_error(replace(base_study, "{name: load-B, region: B,", "{name: load-B, region: Bee,"));
  EXPECT_EQ(e.context().key, "loads[0].region");
  EXPECT_EQ(e.context().line, 4);
  expect_contains(e.what(), "unknown region 'Bee'");
}

TEST(BadInput, UnknownCarrier) {
  const auto e = read_error(replace(base_study, "carrier: gas,", "carrier: gaz,"));
  EXPECT_EQ(e.context().key, "generators[0].carrier");
  expect_contains(e.what(), "unknown carrier 'gaz' (did you mean 'gas'?)");
}

TEST(BadInput, UnknownProfileColumn) {
  const auto e = read_error(replace(base_study, "p_max_pu: wind_A", "p_max_pu: wind_a"));
  EXPECT_EQ(e.context().key, "generators[1].p_max_pu");
  EXPECT_EQ(e.context().line, 7);
  expect_contains(e.what(), "no column 'wind_a' (did you mean 'wind_A'?)");
}

TEST(BadInput, ProfileWithoutTimeSeries) {
  const auto e = read_error(replace(base_study, ", timeseries: series.csv", ""));
  EXPECT_EQ(e.context().key, "generators[1].p_max_pu");
  expect_contains(e.what(), "no time series");
}

TEST(BadInput, NegativeCapacity) {
  const auto e = read_error(replace(base_study, "p_nom_mw: 200", "p_nom_mw: -200"));
  EXPECT_EQ(e.context().key, "generators[0].p_nom_mw");
  EXPECT_EQ(e.context().line, 6);
  expect_contains(e.what(), "expected a number >= 0, got -200");
}

TEST(BadInput, NegativeCost) {
  const auto e = read_error(replace(base_study, "efficiency: 0.5}", "efficiency: 0.5, fuel_eur_per_mwh_fuel: -3}"));
  EXPECT_EQ(e.context().key, "generators[0].fuel_eur_per_mwh_fuel");
  expect_contains(e.what(), "expected a number >= 0");
}

TEST(BadInput, EfficiencyOutsideZeroOne) {
  for (const char* bad : {"1.2", "0", "-0.5"}) {
    const auto e = read_error(replace(base_study, "efficiency: 0.9", std::string("efficiency: ") + bad));
    EXPECT_EQ(e.context().key, "links[0].efficiency");
    EXPECT_EQ(e.context().line, 9);
    expect_contains(e.what(), "expected an efficiency in (0, 1]");
  }
}

TEST(BadInput, NonNumericValue) {
  const auto e = read_error(replace(base_study, "p_nom_mw: 200", "p_nom_mw: lots"));
  EXPECT_EQ(e.context().key, "generators[0].p_nom_mw");
  expect_contains(e.what(), "expected a number, got 'lots'");
}

TEST(BadInput, TimeSeriesWithTooFewRows) {
  const std::string csv = "timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00,0.6\n";
  const auto e = read_error(base_study, csv);
  EXPECT_EQ(e.context().file, "test/series.csv");
  expect_contains(e.what(), "expected 3 rows (study.snapshots), one per snapshot; got 2");
}

TEST(BadInput, TimeSeriesWithNonNumericCell) {
  const std::string csv = "timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00,abc\n2030-01-01T02:00,0.7\n";
  const auto e = read_error(base_study, csv);
  EXPECT_EQ(e.context().file, "test/series.csv");
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().column, 2);
  EXPECT_EQ(e.context().key, "wind_A");
  expect_contains(e.what(), "expected a number, got 'abc'");
}

TEST(BadInput, TimeSeriesWithRaggedRow) {
  const std::string csv = "timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00,0.6,9\n2030-01-01T02:00,0.7\n";
  const auto e = read_error(base_study, csv);
  EXPECT_EQ(e.context().line, 3);
  expect_contains(e.what(), "expected 2 fields as in the header, got 3");
}

TEST(BadInput, TimeSeriesWithoutTimestampColumn) {
  const auto e = read_error(base_study, "time,wind_A\n1,0.5\n2,0.6\n3,0.7\n");
  expect_contains(e.what(), "expected a 'timestamp' column");
}

TEST(BadInput, TimeSeriesWithBadTimestamp) {
  const auto e = read_error(base_study, "timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-13-01T01:00,0.6\n2030-01-01T02:00,0.7\n");
  EXPECT_EQ(e.context().line, 3);
  expect_contains(e.what(), "expected an ISO 8601 timestamp");
}

TEST(BadInput, ProfileValueOutOfRange) {
  const auto e = read_error(base_study, "timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00,1.6\n2030-01-01T02:00,0.7\n");
  EXPECT_EQ(e.context().key, "generators[1].p_max_pu");
  expect_contains(e.what(), "got 1.6 in column 'wind_A' of test/series.csv at snapshot 1");
}

TEST(BadInput, MissingTimeSeriesFile) {
  silkgrid::core::Logger log(silkgrid::core::LogLevel::error, [](auto, const std::string&) {});
  const silkgrid::io::FileLoader none = [](const std::string& name) -> std::string {
    throw Error(ErrorKind::input, "no such file '" + name + "'");
  };
  try {
    silkgrid::io::read_study_text(base_study, "s.yaml", none, log);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.context().key, "study.timeseries");
    expect_contains(e.what(), "no such file 'series.csv'");
  }
}

TEST(BadInput, MissingRequiredKey) {
  const auto e = read_error(replace(base_study, "{name: load-B, region: B, p_mw: 100}", "{name: load-B, region: B}"));
  EXPECT_EQ(e.context().key, "loads[0].p_mw");
  expect_contains(e.what(), "is required");
}

TEST(BadInput, DuplicateNames) {
  const auto e = read_error(replace(base_study, "name: wind-A", "name: gas-A"));
  EXPECT_EQ(e.context().key, "generators[1].name");
  EXPECT_EQ(e.context().line, 7);
  expect_contains(e.what(), "duplicate name 'gas-A'");
}

TEST(BadInput, CapacityBoundsOutOfOrder) {
  const auto e = read_error(replace(base_study, "p_nom_mw: 200, efficiency: 0.5",
                                    "extendable: true, p_nom_min_mw: 300, p_nom_max_mw: 100, efficiency: 0.5"));
  EXPECT_EQ(e.context().key, "generators[0].p_nom_max_mw");
  expect_contains(e.what(), "expected at least p_nom_mw and p_nom_min_mw (300 MW), got 100 MW");
}

TEST(BadInput, ShareOutsideZeroOne) {
  const auto e = read_error(std::string(base_study) + "policies: [{kind: min_renewable_share, share: 1.5}]\n");
  EXPECT_EQ(e.context().key, "policies[0].share");
  expect_contains(e.what(), "expected a share in [0, 1]");
}

TEST(BadInput, UnknownPolicyKind) {
  const auto e = read_error(std::string(base_study) + "policies: [{kind: co2cap, t_per_year: 5}]\n");
  EXPECT_EQ(e.context().key, "policies[0].kind");
  expect_contains(e.what(), "did you mean 'co2_cap'");
}

TEST(BadInput, ImpossibleCapacityLimit) {
  const auto e = read_error(std::string(base_study) + "policies: [{kind: max_capacity, carrier: gas, mw: 100}]\n");
  EXPECT_EQ(e.context().key, "policies[0].mw");
  expect_contains(e.what(), "existing and minimum capacity already add up to 200 MW");
}

TEST(BadInput, MarketPriceRequiredWhereEnergyFlows) {
  const auto e = read_error(std::string(base_study) + "markets: [{name: EU, region: B, max_export_mw: 100}]\n");
  EXPECT_EQ(e.context().key, "markets[0].export_price_eur_per_mwh");
  expect_contains(e.what(), "is required when max_export_mw is not 0");
}

TEST(BadInput, LinkWithoutEfficiencyOrKind) {
  const auto e = read_error(replace(base_study, ", efficiency: 0.9}", "}"));
  EXPECT_EQ(e.context().key, "links[0].efficiency");
  expect_contains(e.what(), "give an efficiency, or a kind and length_km");
}

TEST(BadInput, SnapshotsMustBeAWholeNumber) {
  const auto e = read_error(replace(base_study, "snapshots: 3", "snapshots: 2.5"));
  EXPECT_EQ(e.context().key, "study.snapshots");
}

TEST(BadInput, ValuesOfTheWrongShape) {
  auto e = read_error(replace(base_study, "p_nom_mw: 200", "p_nom_mw: [1, 2]"));
  EXPECT_EQ(e.context().key, "generators[0].p_nom_mw");
  e = read_error(replace(base_study, "{name: gas-A,", "{[odd]: 1, name: gas-A,"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 6);
  e = read_error(replace(base_study, "regions: [{name: A, country: KZ}, {name: B, country: AZ}]", "regions: A"));
  EXPECT_EQ(e.context().key, "regions");
  e = read_error("- just\n- a list\n");
  expect_contains(e.what(), "expected a mapping");
}

TEST(BadInput, PolicyListsOfUnknownOrWrongNames) {
  auto e = read_error(std::string(base_study) + "policies: [{kind: co2_cap, regions: [A, Bee], t_per_year: 5}]\n");
  EXPECT_EQ(e.context().key, "policies[0].regions[1]");
  EXPECT_EQ(e.context().line, 10);
  expect_contains(e.what(), "unknown region 'Bee' (did you mean 'B'?)");
  e = read_error(std::string(base_study) + "policies: [{kind: min_renewable_share, share: 0.2, carriers: [wind, gas]}]\n");
  EXPECT_EQ(e.context().key, "policies[0].carriers[1]");
  expect_contains(e.what(), "carrier 'gas' is not renewable");
}

TEST(BadInput, LinesNeedTheImpedanceOfTheirKind) {
  auto e = read_error(std::string(base_study) + "lines: [{name: l, from: A, to: B, v_nom_kv: 380, p_nom_mw: 100}]\n");
  EXPECT_EQ(e.context().key, "lines[0].x_ohm");
  expect_contains(e.what(), "is required");
  e = read_error(std::string(base_study) + "lines: [{name: l, from: A, to: B, kind: dc, x_ohm: 1, v_nom_kv: 380}]\n");
  EXPECT_EQ(e.context().key, "lines[0].r_ohm");
  e = read_error(std::string(base_study) + "lines: [{name: l, from: A, to: A, x_ohm: 1, v_nom_kv: 380}]\n");
  EXPECT_EQ(e.context().key, "lines[0].to");
  e = read_error(std::string(base_study) + "lines: [{name: l, from: A, to: B, x_ohm: 1, v_nom_kv: 380, s_max_pu: 1.5}]\n");
  EXPECT_EQ(e.context().key, "lines[0].s_max_pu");
  EXPECT_EQ(e.context().line, 10);
}

TEST(BadInput, StorageLevelKeys) {
  auto e = read_error(std::string(base_study) +
                      "storage: [{name: s, region: A, p_nom_mw: 10, max_hours: 2, initial_mwh: 5}]\n");
  EXPECT_EQ(e.context().key, "storage[0].initial_mwh");
  EXPECT_NE(std::string(e.what()).find("cyclic: false"), std::string::npos) << e.what();
  e = read_error(std::string(base_study) +
                 "storage: [{name: s, region: A, p_nom_mw: 10, max_hours: 2, inflow_mw: -1}]\n");
  EXPECT_EQ(e.context().key, "storage[0].inflow_mw");
}

TEST(BadInput, ExportTargetKeys) {
  const std::string markets = "markets: [{name: eu, region: B, export_price_eur_per_mwh: 50, max_export_mw: 10}]\n";
  auto e = read_error(std::string(base_study) + markets + "export_targets: [{name: t, markets: [euu], twh: 1}]\n");
  EXPECT_EQ(e.context().key, "export_targets[0].markets[0]");
  expect_contains(e.what(), "did you mean 'eu'");
  e = read_error(std::string(base_study) + markets + "export_targets: [{name: t, twh: -1}]\n");
  EXPECT_EQ(e.context().key, "export_targets[0].twh");
}

namespace {
std::string with_project(const std::string& tranches) {
  return std::string(base_study) + "projects:\n  - name: p\n    assets: [gas-A]\n    lifetime_years: 30\n    finance:\n"
                                   "      tranches:\n" + tranches;
}
}  // namespace

TEST(BadInput, UnknownProviderKindListsTheKinds) {
  const auto e = read_error(with_project("        - {kind: grant, share: 0.5, provider: EU, provider_kind: goverment}\n"
                                         "        - {kind: equity, share: 0.5, rate: 0.1}\n"));
  EXPECT_EQ(e.context().key, "projects[0].finance.tranches[0].provider_kind");
  EXPECT_EQ(e.context().line, 16);
  expect_contains(e.what(), "study.yaml");
  expect_contains(e.what(), "expected one of mdb, dfi, bilateral, multilateral_fund, export_credit, government (public), "
                            "commercial_bank, institutional, corporate (private), got 'goverment' (did you mean 'government'?)");
}

TEST(BadInput, NamedProviderNeedsItsKind) {
  const auto e = read_error(with_project("        - {kind: concessional_debt, share: 0.5, rate: 0.01, tenor_years: 20, provider: EBRD}\n"
                                         "        - {kind: equity, share: 0.5, rate: 0.1}\n"));
  EXPECT_EQ(e.context().key, "projects[0].finance.tranches[0].provider_kind");
  EXPECT_EQ(e.context().line, 16);
  expect_contains(e.what(), "is required with provider 'EBRD'");
  // A provider kind that is not text.
  const auto list = read_error(with_project("        - {kind: grant, share: 0.5, provider: EU, provider_kind: [mdb]}\n"
                                            "        - {kind: equity, share: 0.5, rate: 0.1}\n"));
  EXPECT_EQ(list.context().key, "projects[0].finance.tranches[0].provider_kind");
}

TEST(BadInput, GrantElementSettingsInRange) {
  auto e = read_error(replace(base_study, "snapshots: 3,", "snapshots: 3, grant_element_discount_rate: 0,"));
  EXPECT_EQ(e.context().key, "study.grant_element_discount_rate");
  expect_contains(e.what(), "expected a rate in (0, 1), got 0");
  e = read_error(replace(base_study, "snapshots: 3,", "snapshots: 3, concessionality_threshold: 1.5,"));
  EXPECT_EQ(e.context().key, "study.concessionality_threshold");
  expect_contains(e.what(), "expected a grant element in (0, 1], got 1.5");
}

TEST(BadInput, ProviderDefaults) {
  const auto study = study_from(with_project("        - {kind: grant, share: 0.2}\n"
                                             "        - {kind: concessional_debt, share: 0.2, rate: 0.01, tenor_years: 20}\n"
                                             "        - {kind: commercial_debt, share: 0.2, rate: 0.08, tenor_years: 10}\n"
                                             "        - {kind: commercial_debt, share: 0.1, rate: 0.05, tenor_years: 10, provider: EBRD, provider_kind: mdb}\n"
                                             "        - {kind: equity, share: 0.2, rate: 0.1}\n"
                                             "        - {kind: equity, share: 0.1, rate: 0.1, provider: GSE, provider_kind: government}\n"),
                                {{"series.csv", good_csv}});
  const auto& t = study.projects.finance[0].tranches;
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].provider, "unspecified");
  EXPECT_EQ(t[0].provider_kind, silkgrid::model::ProviderKind::government);
  EXPECT_TRUE(t[0].provider_kind_assumed);
  EXPECT_EQ(t[1].provider_kind, silkgrid::model::ProviderKind::government);
  EXPECT_TRUE(t[1].provider_kind_assumed);
  EXPECT_EQ(t[2].provider_kind, silkgrid::model::ProviderKind::commercial_bank);
  EXPECT_TRUE(t[2].provider_kind_assumed);
  EXPECT_EQ(t[3].provider, "EBRD");
  EXPECT_EQ(t[3].provider_kind, silkgrid::model::ProviderKind::mdb);
  EXPECT_FALSE(t[3].provider_kind_assumed);
  EXPECT_EQ(t[4].provider, "sponsor");
  EXPECT_EQ(t[4].provider_kind, silkgrid::model::ProviderKind::corporate);
  EXPECT_FALSE(t[4].provider_kind_assumed);
  EXPECT_EQ(t[5].provider_kind, silkgrid::model::ProviderKind::government);
  EXPECT_TRUE(silkgrid::model::is_public(t[5].provider_kind));
  EXPECT_DOUBLE_EQ(study.settings.grant_element_discount_rate, 0.05);
  EXPECT_DOUBLE_EQ(study.settings.concessionality_threshold, 0.35);
}
