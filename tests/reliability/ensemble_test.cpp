// Ensembles against closed forms: loss of load of n identical units with forced outages and a
// constant load (binomial), a cable with outages between a cheap and an expensive region, and
// the statistics' definitions.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/ensemble.hpp"
#include "core/cancel.hpp"
#include "reliability/ensemble.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {

double binomial(int n, int k, double p) {
  double c = 1;
  for (int i = 0; i < k; ++i) c = c * (n - i) / (i + 1);
  return c * std::pow(p, k) * std::pow(1 - p, n - k);
}

nlohmann::json run_ensemble(const std::string& yaml, int years, int threads = 1) {
  const fs::path dir = test::temp_dir("silkgrid-ensemble");
  std::ofstream(dir / "study.yaml") << yaml;
  app::EnsembleOptions o;
  o.study.study = (dir / "study.yaml").string();
  o.study.out = (dir / "out").string();
  o.years = years;
  o.threads = threads;
  core::Logger log(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  core::Cancel cancel;
  app::ensemble(o, log, cancel);
  std::ifstream in(dir / "out" / "ensemble.json");
  nlohmann::json j = nlohmann::json::parse(in);
  fs::remove_all(dir);
  return j;
}

}  // namespace

TEST(Ensemble, LossOfLoadOfIdenticalUnitsIsTheBinomialOne) {
  // n units of C/n MW each, forced outage rate q, repair time r, a constant load L and nothing
  // else: LOLE = 8760 · P(k C / n < L) and EENS = 8760 · E[max(0, L − k C / n)], k ~ B(n, 1 − q).
  struct Case {
    int n;
    double q, C, L, r;
  };
  for (const Case& c : {Case{4, 0.1, 400, 350, 24}, Case{10, 0.05, 1000, 880, 48}, Case{1, 0.2, 100, 50, 100}}) {
    const std::string yaml = fmt::format(R"(study: {{name: lole, snapshots: 8760, voll_eur_per_mwh: 3000}}
solver: {{decomposition: none}}
carriers: [{{name: gas}}]
regions: [{{name: A, country: AA}}]
loads: [{{name: l, region: A, p_mw: {}}}]
generators:
  - {{name: g, region: A, carrier: gas, p_nom_mw: {}, vom_eur_per_mwh: 30, units: {}, forced_outage_rate: {},
     mean_time_to_repair_h: {}}}
)",
                                         c.L, c.C, c.n, c.q, c.r);
    double lole = 0, eens = 0;
    for (int k = 0; k <= c.n; ++k) {
      const double available = k * c.C / c.n, p = binomial(c.n, k, 1 - c.q);
      if (available < c.L) lole += 8760 * p;
      eens += 8760 * p * std::max(0.0, c.L - available);
    }
    const auto j = run_ensemble(yaml, 24, 2);
    const auto& s = j["system"];
    EXPECT_NEAR(s["lole_h_per_year"]["mean"].get<double>(), lole, 4 * s["lole_h_per_year"]["stderr"].get<double>() + 1e-9)
        << c.n << " units";
    EXPECT_NEAR(s["eens_mwh_per_year"]["mean"].get<double>(), eens, 4 * s["eens_mwh_per_year"]["stderr"].get<double>() + 1e-9)
        << c.n << " units";
    EXPECT_GT(s["lole_h_per_year"]["stderr"].get<double>(), 0.0);
    EXPECT_EQ(j["years"], 24);
    EXPECT_EQ(j["countries"]["AA"]["lole_h_per_year"]["mean"], s["lole_h_per_year"]["mean"]);
  }
}

TEST(Ensemble, ACableWithOutagesBetweenACheapAndAnExpensiveRegion) {
  // A cable of two circuits (200 MW each, q = 0.1, repair 100 h) from a cheap region (10 EUR/MWh)
  // to a load of 300 MW beside an expensive one (100 EUR/MWh): per hour 10·min(300, 200k) +
  // 100·(300 − min(300, 200k)) with k circuits in service: 3,000, 12,000, 30,000 EUR.
  const std::string yaml = R"(study: {name: cable, snapshots: 8760}
solver: {decomposition: none}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: l, region: B, p_mw: 300}]
generators:
  - {name: cheap, region: A, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 10}
  - {name: dear, region: B, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 100}
links:
  - {name: cable, from: A, to: B, p_nom_mw: 400, efficiency: 1, circuits: 2, forced_outage_rate: 0.1,
     mean_time_to_repair_h: 100}
)";
  const double p2 = 0.81, p1 = 0.18, p0 = 0.01;
  const double cost = 8760 * (p2 * 3000 + p1 * 12000 + p0 * 30000);
  const auto j = run_ensemble(yaml, 30, 2);
  const auto& c = j["system"]["dispatch_cost_eur"];
  EXPECT_NEAR(c["mean"].get<double>(), cost, 4 * c["stderr"].get<double>());
  // The cable carries min(300, 200k): 300 with both circuits, 200 with one.
  const auto& flow = j["links"]["cable"]["flow_mwh"];
  EXPECT_NEAR(flow["mean"].get<double>(), 8760 * (p2 * 300 + p1 * 200), 4 * flow["stderr"].get<double>());
  // At its limit whenever a circuit is out (200 of 200 MW), 8760 · (p1 + p0) hours ... of which
  // the hours with none in service count too (0 of 0 MW is no congestion).
  const auto& congestion = j["links"]["cable"]["congestion_h"];
  EXPECT_NEAR(congestion["mean"].get<double>(), 8760 * p1, 4 * congestion["stderr"].get<double>());
  EXPECT_NEAR(j["links"]["cable"]["available_share"]["mean"].get<double>(), 0.9, 4 * j["links"]["cable"]["available_share"]["stderr"].get<double>());
}

TEST(Ensemble, StatisticsAreTheDefinedOnes) {
  const std::vector<double> v{5, 1, 4, 2, 3};
  const auto s = reliability::statistics(v, false);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.std, std::sqrt(2.5));
  EXPECT_DOUBLE_EQ(s.stderr_mean, std::sqrt(2.5) / std::sqrt(5.0));
  EXPECT_DOUBLE_EQ(s.p10, 1.4);  // 1 + 0.4 · (2 − 1)
  EXPECT_DOUBLE_EQ(s.p50, 3.0);
  EXPECT_DOUBLE_EQ(s.p90, 4.6);
  EXPECT_DOUBLE_EQ(s.worst, 5.0);
  EXPECT_DOUBLE_EQ(reliability::statistics(v, true).worst, 1.0);
  EXPECT_TRUE(reliability::low_is_bad("revenue_eur"));
  EXPECT_FALSE(reliability::low_is_bad("eens_mwh_per_year"));
  // Year seeds: fixed by the study's seed and the index, distinct, within the seed range.
  EXPECT_EQ(reliability::year_seed(1, 0), reliability::year_seed(1, 0));
  EXPECT_NE(reliability::year_seed(1, 0), reliability::year_seed(1, 1));
  EXPECT_NE(reliability::year_seed(1, 0), reliability::year_seed(2, 0));
  EXPECT_LT(static_cast<double>(reliability::year_seed(7, 3)), 9e15);
}
