// Scenarios: named overlays of a study (README, "Scenarios"), applied as documented, and bad
// overlays as clear errors naming the file, the line and the key.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/study_reader.hpp"
#include "support/expect.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using silkgrid::test::expect_contains;

namespace {

const std::string base = R"(study: {name: sc, snapshots: 2, discount_rate: 0.07}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: la, region: A, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 28.4}
  - {name: gas-B, region: B, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 28.4}
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 50, p_max_pu: 0.5}
links:
  - {name: ab, from: A, to: B, p_nom_mw: 80, efficiency: 0.9}
markets:
  - {name: EU, region: B, export_price_eur_per_mwh: 90, import_price_eur_per_mwh: 100, max_export_mw: 50}
policies:
  - {name: share, kind: min_renewable_share, regions: [A], share: 0.2, carriers: [wind]}
)";

model::Study read(const std::string& yaml, const std::string& scenario, std::string* log_text = nullptr) {
  io::ReadOptions options;
  options.scenario = scenario;
  core::Logger log(core::LogLevel::warning, [&](core::LogLevel, const std::string& m) {
    if (log_text) *log_text += m + "\n";
  });
  return io::read_study_text(yaml, "test/study.yaml", [](const std::string&) -> std::string { throw std::runtime_error("no files"); },
                             log, options);
}

core::Error error_of(const std::string& yaml, const std::string& scenario) {
  try {
    read(yaml, scenario);
  } catch (const core::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an error";
  return core::Error(core::ErrorKind::internal, "none");
}

// Line numbers: base has 14 lines; "scenarios:" is line 15.
const std::string scenarios = R"(scenarios:
  economic:
    study: {discount_rate: 0.06}
    generators:
      - {name: gas-A, fuel_eur_per_mwh_fuel: 9.5}
    markets: [{name: EU, export_price_eur_per_mwh: 70}]
    policies: [{name: share, carriers: null}]
  cheap-wind:
    generators: [{name: wind-A, p_nom_mw: 80, p_max_pu: 0.9}]
    policies: [{name: share, regions: [A, B]}]
  smaller:
    remove: {generators: [gas-B], links: [ab]}
    add:
      generators: [{name: wind-B, region: B, carrier: wind, p_nom_mw: 10}]
)";

}  // namespace

TEST(Scenario, WithoutOneTheStudyIsAsWrittenAndItsScenariosAreListed) {
  const model::Study s = read(base + scenarios, "");
  EXPECT_EQ(s.settings.scenario, "");
  EXPECT_EQ(s.settings.scenarios, (std::vector<std::string>{"economic", "cheap-wind", "smaller"}));
  EXPECT_DOUBLE_EQ(s.settings.discount_rate, 0.07);
  EXPECT_EQ(s.generators.size(), 3u);
}

TEST(Scenario, AnOverlayMergesMappingsChangesNamedItemsAndReplacesValues) {
  const model::Study s = read(base + scenarios, "economic");
  EXPECT_EQ(s.settings.scenario, "economic");
  EXPECT_DOUBLE_EQ(s.settings.discount_rate, 0.06);  // merged into study: the rest stays
  EXPECT_EQ(s.settings.name, "sc");
  EXPECT_EQ(s.snapshots(), 2u);
  // gas-A's fuel changed, its other keys and gas-B untouched: marginal cost = fuel / efficiency.
  const auto a = test::index_of(s.generators.name, "gas-A"), b = test::index_of(s.generators.name, "gas-B");
  EXPECT_DOUBLE_EQ(s.generators.fuel_eur_per_mwh_fuel[a], 9.5);
  EXPECT_DOUBLE_EQ(s.generators.fuel_eur_per_mwh_fuel[b], 28.4);
  EXPECT_DOUBLE_EQ(s.generators.efficiency[a], 0.5);
  EXPECT_DOUBLE_EQ(s.generators.invest.p_nom_mw[a], 200);
  EXPECT_DOUBLE_EQ(s.markets.export_price_eur_per_mwh[0].at(s.series, 0), 70);
  EXPECT_DOUBLE_EQ(s.markets.import_price_eur_per_mwh[0].at(s.series, 0), 100);
  // null removes a key: the share counts every renewable carrier again.
  EXPECT_TRUE(s.policies.carriers[0].empty());
}

TEST(Scenario, AListIsReplacedWhole) {
  const model::Study s = read(base + scenarios, "cheap-wind");
  const auto w = test::index_of(s.generators.name, "wind-A");
  EXPECT_DOUBLE_EQ(s.generators.invest.p_nom_mw[w], 80);
  const auto& p = s.generators.p_max_pu[w];
  EXPECT_DOUBLE_EQ(p.at(s.series, 0), 0.9);
  EXPECT_EQ(s.policies.regions[0], (std::vector<int>{0, 1}));  // [A] replaced by [A, B]
  EXPECT_EQ(s.policies.carriers[0].size(), 1u);                // the rest of the item stays
}

TEST(Scenario, RemoveAndAddItems) {
  const model::Study s = read(base + scenarios, "smaller");
  EXPECT_EQ(s.generators.name, (std::vector<std::string>{"gas-A", "wind-A", "wind-B"}));
  EXPECT_EQ(s.links.size(), 0u);
}

TEST(Scenario, AnUnknownScenarioNamesTheStudysAndSuggests) {
  const core::Error e = error_of(base + scenarios, "economc");
  EXPECT_EQ(e.kind(), core::ErrorKind::input);
  EXPECT_EQ(e.context().key, "--scenario");
  expect_contains(e.what(), "no scenario 'economc'");
  expect_contains(e.what(), "economic, cheap-wind, smaller");
  expect_contains(e.what(), "did you mean 'economic'");
  expect_contains(error_of(base, "economic").what(), "the study has no scenarios");
}

TEST(Scenario, AnUnknownKeyInAnOverlayIsAnErrorEvenWhenNotStrict) {
  // Without a scenario an unknown key is a warning; one a scenario sets is an error, at its line.
  const std::string y = base + "scenarios:\n  typo:\n    generators: [{name: gas-A, fuel_eur_per_mwh: 9}]\n";
  const core::Error e = error_of(y, "typo");
  expect_contains(e.what(), "unknown key 'fuel_eur_per_mwh'");
  expect_contains(e.what(), "set by scenario 'typo'");
  EXPECT_EQ(e.context().line, 17);
  EXPECT_EQ(e.context().key, "generators[0].fuel_eur_per_mwh");
  const core::Error top = error_of(base + "scenarios:\n  typo:\n    generatorz: []\n", "typo");
  expect_contains(top.what(), "unknown key 'generatorz'");
  EXPECT_EQ(top.context().line, 17);
}

TEST(Scenario, BadOverlaysAreErrorsNamingTheirLineAndKey) {
  // An item the study does not have.
  core::Error e = error_of(base + "scenarios:\n  x:\n    generators: [{name: gas-C, p_nom_mw: 1}]\n", "x");
  expect_contains(e.what(), "no item named 'gas-C'");
  EXPECT_EQ(e.context().line, 17);
  // A value the reader refuses, at the overlay's line.
  e = error_of(base + "scenarios:\n  x:\n    study:\n      discount_rate: -2\n", "x");
  EXPECT_EQ(e.context().line, 18);
  EXPECT_EQ(e.context().key, "study.discount_rate");
  // remove: an unknown name, an unknown list.
  e = error_of(base + "scenarios:\n  x:\n    remove: {links: [zz]}\n", "x");
  expect_contains(e.what(), "the study's links has no item named 'zz'");
  e = error_of(base + "scenarios:\n  x:\n    add: {study: [1]}\n", "x");
  expect_contains(e.what(), "expected one of the study's lists");
  // An overlay that is not a mapping, a bad scenario name.
  e = error_of(base + "scenarios:\n  x: 3\n", "x");
  EXPECT_EQ(e.context().key, "scenarios.x");
  expect_contains(e.what(), "expected a mapping");
  e = error_of(base + "scenarios: {\"a b\": {}}\n", "");
  expect_contains(e.what(), "expected a scenario name");
  // Removing a region that others name: the reader's own error.
  e = error_of(base + "scenarios:\n  x:\n    remove: {regions: [B]}\n", "x");
  expect_contains(e.what(), "B");
}

TEST(Scenario, AliasesOfTheStudysOwnValuesChangeNothing) {
  // A hostile overlay: the study's own mappings and lists by alias, into themselves and elsewhere.
  std::string y = base;
  y = test::replace(y, "study: {name: sc,", "study: &s {name: sc,");
  y = test::replace(y, "links:\n", "links: &l\n");
  y += "scenarios:\n  x:\n    study: *s\n    links: *l\n";
  const model::Study s = read(y, "x");
  EXPECT_DOUBLE_EQ(s.settings.discount_rate, 0.07);
  EXPECT_EQ(s.links.size(), 1u);
}

TEST(Scenario, AnOverlayAddsKeysToANamedItemAndRemovesOthers) {
  // The market's import price removed and a spread added: import = export + 10 (yaml-cpp leaves an
  // empty key behind on a lookup of a missing one; the key added after it must still be read).
  const std::string y = base + "scenarios:\n  s:\n    markets: [{name: EU, import_price_eur_per_mwh: null, spread_eur_per_mwh: 10}]\n";
  const model::Study s = read(y, "s");
  EXPECT_DOUBLE_EQ(s.markets.import_price_eur_per_mwh[0].at(s.series, 0), 100.0);
  EXPECT_DOUBLE_EQ(s.markets.export_price_eur_per_mwh[0].at(s.series, 0), 90.0);
  const model::Study t = read(y + "    study: {voll_eur_per_mwh: 5000}\n", "s");
  EXPECT_DOUBLE_EQ(t.settings.voll_eur_per_mwh, 5000.0);  // a key the study's mapping did not have
}
