// The corridor's scenarios (data/studies/corridor/study.yaml, ASSUMPTIONS.md §13), each applied
// as documented, read through app::load as every subcommand reads them.
#include <gtest/gtest.h>

#include "app/load.hpp"
#include "io/builtin.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {
model::Study corridor(const std::string& scenario) {
  core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  app::LoadOptions options;
  options.scenario = scenario;
  options.resolution_hours = 24.0;
  return app::load(std::string(io::builtin_prefix) + std::string(io::default_study), quiet, options);
}
double fuel(const model::Study& s, const std::string& generator) {
  return s.generators.fuel_eur_per_mwh_fuel[test::index_of(s.generators.name, generator)];
}
std::size_t market(const model::Study& s, const std::string& name) { return test::index_of(s.markets.name, name); }
}  // namespace

TEST(CorridorScenarios, EachOverlayIsAppliedAsDocumented) {
  const model::Study base = corridor("");
  EXPECT_EQ(base.settings.scenarios,
            (std::vector<std::string>{"spread", "cbam", "economic", "financial", "eu-price-high", "eu-price-low", "turkiye", "reservoirs", "revised"}));
  EXPECT_FALSE(base.cbam.present);
  EXPECT_DOUBLE_EQ(fuel(base, "gas-UZ"), 28.4);
  const std::size_t ro = market(base, "EU-RO");
  // The base: one price both ways. spread: import = export + 3 in every snapshot.
  const model::Study spread = corridor("spread");
  for (std::size_t t = 0; t < spread.snapshots(); ++t) {
    EXPECT_DOUBLE_EQ(base.markets.import_price_eur_per_mwh[ro].at(base.series, t), base.markets.export_price_eur_per_mwh[ro].at(base.series, t));
    EXPECT_NEAR(spread.markets.import_price_eur_per_mwh[ro].at(spread.series, t),
                spread.markets.export_price_eur_per_mwh[ro].at(spread.series, t) + 3.0, 1e-9);
  }
  // cbam: Romania and Hungary inside, Georgia's default 0.40 at EUR 80/t: 32 EUR per MWh the Black
  // Sea cable lands in Romania, nothing the other way.
  const model::Study cbam = corridor("cbam");
  ASSERT_TRUE(cbam.cbam.present);
  EXPECT_EQ(cbam.cbam.countries, (std::vector<std::string>{"RO", "HU"}));
  EXPECT_DOUBLE_EQ(cbam.cbam.default_t_per_mwh.at("GE"), 0.40);
  // economic: border gas prices, Kazakh coal at the mine, 6 %, no concessional terms (equity at 6 %).
  const model::Study economic = corridor("economic");
  EXPECT_DOUBLE_EQ(fuel(economic, "gas-UZ"), 15.0);
  EXPECT_DOUBLE_EQ(fuel(economic, "gas-AZ"), 20.0);
  EXPECT_DOUBLE_EQ(fuel(economic, "gas-GE"), 22.0);
  EXPECT_DOUBLE_EQ(fuel(economic, "coal-KZ-N"), 2.0);
  EXPECT_DOUBLE_EQ(fuel(economic, "gas-RO"), fuel(base, "gas-RO"));  // the EU's unchanged
  EXPECT_DOUBLE_EQ(economic.settings.discount_rate, 0.06);
  for (std::size_t p = 0; p < economic.projects.size(); ++p) {
    const auto& terms = economic.projects.finance[p];
    ASSERT_EQ(terms.tranches.size(), 1u) << economic.projects.name[p];
    EXPECT_EQ(terms.tranches[0].kind, model::TrancheKind::equity);
    EXPECT_DOUBLE_EQ(terms.tranches[0].rate, 0.06);
  }
  EXPECT_TRUE(economic.cbam.present);
  EXPECT_GT(economic.markets.import_price_eur_per_mwh[ro].at(economic.series, 0),
            economic.markets.export_price_eur_per_mwh[ro].at(economic.series, 0));
  // financial: regulated prices, the projects' own finance (as the base's).
  const model::Study financial = corridor("financial");
  EXPECT_DOUBLE_EQ(fuel(financial, "gas-AZ"), 9.6);
  EXPECT_DOUBLE_EQ(fuel(financial, "gas-UZ"), 8.4);
  EXPECT_EQ(financial.projects.finance[0].tranches.size(), base.projects.finance[0].tranches.size());
  // The EU price: the generated column's annual mean is the scenario's (weighted by hours).
  const auto mean = [](const model::Study& s) {
    const auto& p = s.markets.export_price_eur_per_mwh[market(s, "EU-RO")];
    double sum = 0, hours = 0;
    for (std::size_t t = 0; t < s.snapshots(); ++t) {
      sum += s.time.weights[t] * p.at(s.series, t);
      hours += s.time.weights[t];
    }
    return sum / hours;
  };
  EXPECT_NEAR(mean(base), 100.0, 0.5);
  EXPECT_NEAR(mean(corridor("eu-price-high")), 110.0, 0.5);
  EXPECT_NEAR(mean(corridor("eu-price-low")), 80.0, 0.5);
  // turkiye: a market at Georgia, 700 MW each way, EUR 70 out and 73 in.
  const model::Study tr = corridor("turkiye");
  ASSERT_EQ(tr.markets.size(), base.markets.size() + 1);
  const std::size_t m = market(tr, "TR");
  EXPECT_EQ(tr.regions.name[static_cast<std::size_t>(tr.markets.region[m])], "GE");
  EXPECT_DOUBLE_EQ(tr.markets.export_price_eur_per_mwh[m].at(tr.series, 0), 70.0);
  EXPECT_DOUBLE_EQ(tr.markets.import_price_eur_per_mwh[m].at(tr.series, 0), 73.0);
  EXPECT_DOUBLE_EQ(tr.markets.max_export_mw[m].at(tr.series, 0), 700.0);
  // reservoirs: Enguri leaves Georgia's hydro generator (3,235 − 1,300 MW) and becomes a store that
  // cannot pump, fed by Georgia's hydro column × 1,300 MW: the same energy a year as before.
  const model::Study res = corridor("reservoirs");
  const std::size_t e = test::index_of(res.storage.name, "enguri");
  const std::size_t g = test::index_of(res.generators.name, "hydro-GE");
  EXPECT_DOUBLE_EQ(res.generators.invest.p_nom_mw[g], 1935.0);
  EXPECT_DOUBLE_EQ(res.storage.charge_max_pu[e].at(res.series, 0), 0.0);
  double inflow = 0, before = 0;
  for (std::size_t t = 0; t < res.snapshots(); ++t) {
    inflow += res.time.weights[t] * res.storage.inflow_mw[e].at(res.series, t);
    before += res.time.weights[t] * 1300.0 * res.generators.p_max_pu[g].at(res.series, t);
  }
  EXPECT_NEAR(inflow, before, 1e-6 * before);
  // revised: lignite at 0.364 t/MWh for Romania, Hungary's coal gone, Kazakh coal at 0.83 of
  // 11,924 MW, Mirny at 300 MW × 2 h, Kazakhstan's target counting wind and solar only.
  const model::Study rev = corridor("revised");
  const std::size_t coal_ro = test::index_of(rev.generators.name, "coal-RO");
  const auto lignite = static_cast<std::size_t>(rev.generators.carrier[coal_ro]);
  EXPECT_EQ(rev.carriers.name[lignite], "lignite");
  EXPECT_DOUBLE_EQ(rev.carriers.co2_t_per_mwh_fuel[lignite], 0.364);
  EXPECT_DOUBLE_EQ(rev.generators.invest.p_nom_mw[coal_ro], 1000.0);
  EXPECT_DOUBLE_EQ(rev.generators.invest.p_nom_mw[test::index_of(rev.generators.name, "coal-HU")], 0.0);
  EXPECT_NEAR(rev.generators.invest.p_nom_mw[test::index_of(rev.generators.name, "coal-KZ-N")], 0.83 * 11924, 1.0);
  const std::size_t mirny = test::index_of(rev.storage.name, "mirny-battery");
  EXPECT_DOUBLE_EQ(rev.storage.invest.p_nom_mw[mirny] * rev.storage.max_hours[mirny], 600.0);
  const std::size_t kz = test::index_of(rev.policies.name, "kz-renewables-2030");
  EXPECT_EQ(rev.policies.carriers[kz].size(), 2u);
}
