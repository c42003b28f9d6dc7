// The trade spread (README, "Trade"): a market's import price = its export price + the spread,
// which stops power being wheeled through the outside market for free. By hand.
#include <gtest/gtest.h>

#include "support/expect.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using silkgrid::test::replace;

namespace {
// R: gas at 30 (300 MW), a market at 60 both ways. H: 100 MW of load, gas at 90, a market at 60.
// A link R → H of efficiency 0.98 (200 MW). Without a spread, H's 100 MW come through the markets
// (R sells 300 at 60, H buys 100 at 60: −3,000 EUR) rather than the link (R sends 102.04, which
// loses 2.04 MWh worth 122 EUR). With a spread of 3 EUR/MWh, buying costs 300 more than the loss:
// the link carries H's load and H imports nothing.
const std::string yaml = R"(study: {name: spread, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: R, country: RO}, {name: H, country: HU}]
loads: [{name: lh, region: H, p_mw: 100}]
generators:
  - {name: gr, region: R, carrier: gas, p_nom_mw: 300, vom_eur_per_mwh: 30}
  - {name: gh, region: H, carrier: gas, p_nom_mw: 300, vom_eur_per_mwh: 90}
links:
  - {name: rh, from: R, to: H, p_nom_mw: 200, efficiency: 0.98}
markets:
  - {name: EU-R, region: R, export_price_eur_per_mwh: 60, import_price_eur_per_mwh: 60, max_export_mw: 1000, max_import_mw: 1000}
  - {name: EU-H, region: H, export_price_eur_per_mwh: 60, import_price_eur_per_mwh: 60, max_export_mw: 1000, max_import_mw: 1000}
)";
}  // namespace

TEST(Trade, WithoutASpreadPowerIsWheeledThroughTheMarket) {
  const model::Results r = test::solve(test::study_from(yaml));
  EXPECT_NEAR(r.link_forward(0, 0), 0.0, 1e-6);
  EXPECT_NEAR(r.market_import(1, 0), 100.0, 1e-6);
  EXPECT_NEAR(r.market_export(0, 0), 300.0, 1e-6);
  EXPECT_NEAR(r.objective_eur, -3000.0, 1e-6);
}

TEST(Trade, ASpreadStopsTheWheeling) {
  std::string y = replace(yaml, "export_price_eur_per_mwh: 60, import_price_eur_per_mwh: 60, max_export_mw: 1000, max_import_mw: 1000}",
                          "export_price_eur_per_mwh: 60, spread_eur_per_mwh: 3, max_export_mw: 1000, max_import_mw: 1000}");
  y = replace(y, "export_price_eur_per_mwh: 60, import_price_eur_per_mwh: 60, max_export_mw: 1000, max_import_mw: 1000}",
              "export_price_eur_per_mwh: 60, spread_eur_per_mwh: 3, max_export_mw: 1000, max_import_mw: 1000}");
  const model::Study s = test::study_from(y);
  EXPECT_DOUBLE_EQ(s.markets.import_price_eur_per_mwh[1].at(s.series, 0), 63.0);
  const model::Results r = test::solve(s);
  EXPECT_NEAR(r.link_forward(0, 0), 100.0 / 0.98, 1e-6);
  EXPECT_NEAR(r.market_import(1, 0), 0.0, 1e-6);
  EXPECT_NEAR(r.market_export(0, 0), 300.0 - 100.0 / 0.98, 1e-6);
  // 30 · 300 − 60 · (300 − 102.04)
  EXPECT_NEAR(r.objective_eur, 9000.0 - 60.0 * (300.0 - 100.0 / 0.98), 1e-6);
}

TEST(Trade, ASpreadOnAPriceColumnIsADerivedColumn) {
  // A time series of export prices: the import price follows it, 5 EUR/MWh above, hour by hour.
  const model::Study s = test::study_from(R"(study: {name: col, snapshots: 3, timeseries: series.csv}
carriers: [{name: gas}]
regions: [{name: A, country: AA}]
loads: [{name: l, region: A, p_mw: 10}]
generators: [{name: g, region: A, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 50}]
markets: [{name: M, region: A, export_price_eur_per_mwh: p, spread_eur_per_mwh: 5, max_export_mw: 50, max_import_mw: 50}]
)",
                                          {{"series.csv", "timestamp,p\n2030-01-01T00:00,40\n2030-01-01T01:00,60\n2030-01-01T02:00,45.5\n"}});
  const auto& imp = s.markets.import_price_eur_per_mwh[0];
  EXPECT_FALSE(imp.is_constant());
  EXPECT_DOUBLE_EQ(imp.at(s.series, 0), 45.0);
  EXPECT_DOUBLE_EQ(imp.at(s.series, 1), 65.0);
  EXPECT_DOUBLE_EQ(imp.at(s.series, 2), 50.5);
  // The plant costs 50. Hour 0: buying at 45 is cheaper, and selling at 40 does not pay: the
  // 10 MW of load are imported. Hour 1: selling at 60 pays: 50 MW exported (the plant makes 60).
  // Hour 2: buying at 50.5 is dearer than the plant: no trade.
  const model::Results r = test::solve(s);
  EXPECT_NEAR(r.market_import(0, 0), 10.0, 1e-6);
  EXPECT_NEAR(r.market_export(0, 1), 50.0, 1e-6);
  EXPECT_NEAR(r.market_import(0, 2), 0.0, 1e-6);
  EXPECT_NEAR(r.market_export(0, 2), 0.0, 1e-6);
}

TEST(Trade, ASpreadWithAnImportPriceIsAnError) {
  const core::Error e = test::error_reading(
      replace(yaml, "import_price_eur_per_mwh: 60, max_export_mw", "import_price_eur_per_mwh: 60, spread_eur_per_mwh: 3, max_export_mw"),
      {});
  test::expect_contains(e.what(), "not both");
  EXPECT_EQ(e.context().key, "markets[0].spread_eur_per_mwh");
}

// A reservoir (README, study format: storage's charge_max_pu and a profile {column, scale}): an
// inflow of a per-unit column times 100 MW (20 and 80 MW in two hours). A load of 150 MW, a free
// plant of 200 MW in the first hour only, gas at 60. A dam that cannot pump gives its 100 MWh of
// inflow in the second hour and gas makes the other 50; one that may pump stores the free plant's
// spare 50 MW in the first hour and gas makes nothing.
TEST(Trade, AReservoirWithScaledInflowThatCannotPump) {
  const std::string y = R"(study: {name: res, snapshots: 2, timeseries: series.csv}
carriers: [{name: gas}, {name: hydro, renewable: true}]
regions: [{name: A, country: AA}]
loads: [{name: l, region: A, p_mw: 150}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 60}
  - {name: free, region: A, carrier: hydro, p_nom_mw: 200, p_max_pu: avail}
storage:
  - {name: dam, region: A, carrier: hydro, p_nom_mw: 200, max_hours: 10, inflow_mw: {column: flow, scale: 100},
     charge_max_pu: 0}
)";
  const std::map<std::string, std::string> files{
      {"series.csv", "timestamp,flow,avail\n2030-01-01T00:00,0.2,1\n2030-01-01T01:00,0.8,0\n"}};
  const model::Study s = test::study_from(y, files);
  EXPECT_DOUBLE_EQ(s.storage.inflow_mw[0].at(s.series, 1), 80.0);
  model::Results r = test::solve(s);
  EXPECT_NEAR(r.storage_charge(0, 0) + r.storage_charge(0, 1), 0.0, 1e-9);
  EXPECT_NEAR(r.storage_discharge(0, 0) + r.storage_discharge(0, 1), 100.0, 1e-6);
  EXPECT_NEAR(r.generator_p(0, 0) + r.generator_p(0, 1), 50.0, 1e-6);
  r = test::solve(test::study_from(replace(y, "charge_max_pu: 0", "charge_max_pu: 1"), files));
  EXPECT_NEAR(r.storage_charge(0, 0), 50.0, 1e-6);
  EXPECT_NEAR(r.generator_p(0, 0) + r.generator_p(0, 1), 0.0, 1e-6);
  // Bad input names the key.
  test::expect_contains(test::error_reading(replace(y, "charge_max_pu: 0", "charge_max_pu: 2"), files).what(),
                        "storage[0].charge_max_pu");
  test::expect_contains(test::error_reading(replace(y, "{column: flow, scale: 100}", "{column: 3, scale: 100}"), files).what(),
                        "got a number");
  test::expect_contains(test::error_reading(replace(y, "{column: flow, scale: 100}", "{colum: flow}"), files).what(),
                        "column: is required");
}
