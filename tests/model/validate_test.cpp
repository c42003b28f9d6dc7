// The validator on studies built in C++ (no reader): each rule names the key it breaks.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "finance/annuity.hpp"
#include "model/validate.hpp"
#include "support/builder.hpp"

using namespace silkgrid;
using test::StudyBuilder;

namespace {

StudyBuilder base() {
  StudyBuilder b(3);
  b.carrier("gas").region("A").region("B", "AZ");
  b.load({.name = "load-B", .region = "B", .p_mw = {100}});
  b.generator({.name = "gas-A", .region = "A", .carrier = "gas", .p_nom = 200, .efficiency = 0.5});
  b.link({.name = "cable", .from = "A", .to = "B", .p_nom = 150, .efficiency = 0.9});
  return b;
}

// The key of the error validating `study` throws; "" when it is valid.
std::string refused_key(const model::Study& study) {
  std::string sink;
  core::Logger log = core::capturing_logger(sink);
  try {
    model::validate(study, log);
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::input);
    return e.context().key;
  }
  return "";
}

}  // namespace

TEST(Validate, TheBaseStudyIsValid) { EXPECT_EQ(refused_key(base().unvalidated()), ""); }

TEST(Validate, EachRuleNamesItsKey) {
  const auto broken = [](auto change) {
    model::Study s = base().unvalidated();
    change(s);
    return refused_key(s);
  };
  EXPECT_EQ(broken([](model::Study& s) { s.generators.invest.p_nom_mw[0] = -1; }), "generators[0].p_nom_mw");
  EXPECT_EQ(broken([](model::Study& s) { s.links.efficiency[0] = 1.5; }), "links[0].efficiency");
  EXPECT_EQ(broken([](model::Study& s) { s.links.to[0] = 0; }), "links[0].to");  // A → A
  EXPECT_EQ(broken([](model::Study& s) { s.links.from[0] = 7; }), "links[0].from");
  EXPECT_EQ(broken([](model::Study& s) { s.regions.name[1] = "A"; }), "regions[1].name");
  EXPECT_EQ(broken([](model::Study& s) { s.settings.discount_rate = 1.0; }), "study.discount_rate");
  EXPECT_EQ(broken([](model::Study& s) { s.time.weights[1] = 0; }), "study.snapshot_hours");
}

TEST(Validate, NamesAreUniquePerComponentKindNotAcrossKinds) {
  auto twice = base();
  twice.generator({.name = "gas-A", .region = "B", .carrier = "gas", .p_nom = 10});
  EXPECT_EQ(refused_key(twice.unvalidated()), "generators[1].name");
  // A generator, a link and a region may share a name (PyPSA networks do this).
  model::Study s = base().unvalidated();
  s.links.name[0] = "gas-A";
  s.regions.name[0] = "gas-A";
  EXPECT_EQ(refused_key(s), "");
}

TEST(Validate, AnnuityOfAGrantFundedAsset) {
  // capex 1,000 EUR/kW, 20 years at 5 %, 2 % fixed O&M, a third paid by a grant:
  // 1e6 · (2/3 · 0.05 / (1 − 1.05^−20) + 0.02) EUR/MW-year.
  model::Study s = base().unvalidated();
  auto& g = s.generators;
  g.capex_eur_per_kw[0] = 1000;
  g.invest.lifetime_years[0] = 20;
  g.invest.discount_rate[0] = 0.05;
  g.invest.fom_pct_per_year[0] = 2;
  finance::AssetCapital capital;
  capital.generator = {finance::CapitalTerms{model::not_given, 1.0 / 3.0}};
  const double factor = 0.05 / (1 - std::pow(1.05, -20));
  EXPECT_NEAR(finance::asset_annuity(s, model::AssetKind::generator, 0, capital), 1e6 * (2.0 / 3.0 * factor + 0.02), 1e-6);
  // Without terms: the whole capex at the asset's own 5 %; terms with a rate replace it (8 %).
  EXPECT_NEAR(finance::asset_annuity(s, model::AssetKind::generator, 0), 1e6 * (factor + 0.02), 1e-6);
  capital.generator[0] = finance::CapitalTerms{0.08, 0.0};
  EXPECT_NEAR(finance::asset_annuity(s, model::AssetKind::generator, 0, capital),
              1e6 * (0.08 / (1 - std::pow(1.08, -20)) + 0.02), 1e-6);
}

// Chronological segmentation: three plateaus of a series are its three segments, found by
// Ward's merging; the segments' weights sum to the horizon's, their values are the averages.
TEST(Segments, PlateausAreTheSegments) {
  core::TimeAxis time = core::regular_time_axis("2030-01-01T00:00", 12, 1.0);
  model::TimeSeriesTable series;
  series.names = {"a", "b"};
  series.values = {{1, 1, 1, 1, 5, 5, 5, 2, 2, 2, 2, 2}, {0, 0, 0, 0, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5}};
  const auto firsts = model::segment_firsts(time, series, 3);
  EXPECT_EQ(firsts, (std::vector<std::size_t>{0, 4, 7}));
  // Two segments (each column scaled to its range, 4 and 1): merging the 5s with the 2s costs
  // 3·5/8·(0.75² + 0.5²) = 1.52, with the 1s 4·3/7·(1² + 1²) = 3.43: the 5s join the 2s.
  EXPECT_EQ(model::segment_firsts(time, series, 2), (std::vector<std::size_t>{0, 4}));
  EXPECT_EQ(model::segment_firsts(time, series, 20).size(), 12u);
  model::resample_blocks(time, series, firsts);
  ASSERT_EQ(time.size(), 3u);
  EXPECT_EQ(time.weights, (std::vector<double>{4, 3, 5}));
  EXPECT_EQ(series.values[0], (std::vector<double>{1, 5, 2}));
  EXPECT_EQ(time.timestamps[1], "2030-01-01T04:00");
}
