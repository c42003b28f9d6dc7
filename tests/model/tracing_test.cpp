// Flow tracing by proportional sharing (model/tracing.hpp) on small chains, by hand.
#include <gtest/gtest.h>

#include "model/tracing.hpp"
#include "support/fixtures.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {
double of(const model::ExportTrace& t, const std::string& origin) {
  for (std::size_t o = 0; o < t.origins.size(); ++o)
    if (t.origins[o] == origin) return t.total_mwh[o];
  ADD_FAILURE() << "no origin " << origin;
  return 0;
}
}  // namespace

// A chain UZ → KZ → AZ, one snapshot of 1 h, exports at AZ's market (price 100). UZ makes 100 MW
// (cheap, its cap), KZ 50 (its cap), AZ 50; lossless links. Into KZ: 100 from UZ and 50 own: KZ's
// mix is 2/3 UZ, 1/3 KZ; KZ consumes 30 and sends 120 to AZ. AZ: 120 (80 UZ, 40 KZ) + 50 own =
// 170, consumes 20, exports 150. AZ's mix: UZ 80/170, KZ 40/170, AZ 50/170; of the 150 exported:
// UZ 70.59, KZ 35.29, AZ 44.12 MWh.
TEST(Tracing, AChainByHand) {
  const model::Study s = test::study_from(test::chain_uz_kz_az(1));

  const model::Results r = test::solve(s);
  ASSERT_NEAR(r.market_export(0, 0), 150.0, 1e-6);
  ASSERT_NEAR(r.link_forward(1, 0), 120.0, 1e-6);
  const model::ExportTrace t = model::trace_exports(s, r);
  EXPECT_EQ(t.origins, (std::vector<std::string>{"UZ", "KZ", "AZ", "EU"}));
  EXPECT_NEAR(of(t, "UZ"), 150.0 * 80 / 170, 1e-9);
  EXPECT_NEAR(of(t, "KZ"), 150.0 * 40 / 170, 1e-9);
  EXPECT_NEAR(of(t, "AZ"), 150.0 * 50 / 170, 1e-9);
  EXPECT_NEAR(of(t, "EU"), 0.0, 1e-12);
  EXPECT_NEAR(of(t, "UZ") + of(t, "KZ") + of(t, "AZ"), 150.0, 1e-9);
}

// Losses and a market's own imports: U (cheap, 100 MW) → A over a link of efficiency 0.8; A
// imports from market IN at 5 (50 MW, its limit) and exports to OUT at 100. A has no load: all it
// receives leaves: 80 from U + 50 imported = 130 exported; by origin UZ 80, IN 50 (wheeling shows).
TEST(Tracing, LossesAndImportsFromAnotherMarket) {
  const model::Study s = test::study_from(R"(
study: {name: loss, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: U, country: UZ}, {name: A, country: AZ}]
loads: [{name: lu, region: U, p_mw: 0}]
generators:
  - {name: gu, region: U, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 10}
links:
  - {name: ua, from: U, to: A, p_nom_mw: 500, efficiency: 0.8}
markets:
  - {name: IN, region: A, export_price_eur_per_mwh: 1, import_price_eur_per_mwh: 5, max_import_mw: 50}
  - {name: OUT, region: A, export_price_eur_per_mwh: 100, import_price_eur_per_mwh: 110, max_export_mw: 1000}
)");
  const model::Results r = test::solve(s);
  ASSERT_NEAR(r.market_export(1, 0), 130.0, 1e-6);
  const model::ExportTrace t = model::trace_exports(s, r);
  EXPECT_NEAR(of(t, "UZ"), 80.0, 1e-9);
  EXPECT_NEAR(of(t, "IN"), 50.0, 1e-9);
  EXPECT_NEAR(t.by_market_mwh[1][0], 80.0, 1e-9);
}

// A lossless cycle of lines A → B → C → A carrying flows of different sizes (a meshed network):
// the iteration converges to the same mixes as the linear system, worked out by hand.
// Three regions in one country each; A makes 90 (cheap), B and C none; C exports. With equal
// reactances the flows split A → C 60 directly and A → B → C 30. C receives 90, all of it A's.
TEST(Tracing, AMeshedNetworkTracesEverythingToItsSource) {
  const model::Study s = test::study_from(R"(
study: {name: mesh, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}, {name: C, country: CC}]
loads: [{name: lb, region: B, p_mw: 0}]
generators:
  - {name: ga, region: A, carrier: gas, p_nom_mw: 90, vom_eur_per_mwh: 10}
lines:
  - {name: ab, from: A, to: B, x_ohm: 10, v_nom_kv: 220, p_nom_mw: 1000}
  - {name: bc, from: B, to: C, x_ohm: 10, v_nom_kv: 220, p_nom_mw: 1000}
  - {name: ac, from: A, to: C, x_ohm: 10, v_nom_kv: 220, p_nom_mw: 1000}
markets:
  - {name: EU, region: C, export_price_eur_per_mwh: 100, import_price_eur_per_mwh: 110, max_export_mw: 1000}
)");
  const model::Results r = test::solve(s);
  ASSERT_NEAR(r.market_export(0, 0), 90.0, 1e-6);
  ASSERT_NEAR(r.line_flow(2, 0), 60.0, 1e-6);
  const model::ExportTrace t = model::trace_exports(s, r);
  EXPECT_NEAR(of(t, "AA"), 90.0, 1e-9);
  EXPECT_NEAR(of(t, "BB"), 0.0, 1e-12);
}

// A cycle of flows (A → B → C → A), which a topological order cannot resolve: A makes 10 and
// receives 5 from C, sends 15 to B; B makes 20, sends 35 to C; C sends 5 back to A and exports 30.
// With a = A's mix and b = B's (= C's): b = (15 a + 20 e_B) / 35, a = (10 e_A + 5 b) / 15, so
// a_A = 2/3 + a_A / 7, a_A = 7/9, b_A = 1/3: the 30 exported are 10 from AA and 20 from BB.
TEST(Tracing, ACycleOfFlowsConverges) {
  const model::Study s = test::study_from(R"(
study: {name: cycle, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}, {name: C, country: CC}]
generators:
  - {name: ga, region: A, carrier: gas, p_nom_mw: 100}
  - {name: gb, region: B, carrier: gas, p_nom_mw: 100}
links:
  - {name: ab, from: A, to: B, p_nom_mw: 100, efficiency: 1, bidirectional: false}
  - {name: bc, from: B, to: C, p_nom_mw: 100, efficiency: 1, bidirectional: false}
  - {name: ca, from: C, to: A, p_nom_mw: 100, efficiency: 1, bidirectional: false}
markets:
  - {name: EU, region: C, export_price_eur_per_mwh: 100, import_price_eur_per_mwh: 110, max_export_mw: 1000}
)");
  model::Results r;
  r.generator_p = model::Matrix(2, 1);
  r.generator_p(0, 0) = 10;
  r.generator_p(1, 0) = 20;
  r.link_forward = model::Matrix(3, 1);
  r.link_forward(0, 0) = 15;
  r.link_forward(1, 0) = 35;
  r.link_forward(2, 0) = 5;
  r.link_backward = model::Matrix(3, 1);
  r.market_export = model::Matrix(1, 1);
  r.market_export(0, 0) = 30;
  r.market_import = model::Matrix(1, 1);
  const model::ExportTrace t = model::trace_exports(s, r);
  EXPECT_NEAR(of(t, "AA"), 10.0, 1e-9);
  EXPECT_NEAR(of(t, "BB"), 20.0, 1e-9);
  EXPECT_NEAR(of(t, "CC"), 0.0, 1e-12);
}
