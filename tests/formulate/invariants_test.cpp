// Invariants on larger random studies, checked from the written CSV files alone: the energy
// balance closes per region and snapshot, storage levels follow their equation, flows and
// dispatch stay within capacities, and the cost breakdown adds up to the objective.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/csv.hpp"
#include "io/results_writer.hpp"
#include "model/synthetic.hpp"
#include "support/studies.hpp"

namespace {

using namespace silkgrid;

struct Table {
  io::CsvTable csv;
  std::map<std::string, std::size_t> column;
  double at(std::size_t row, const std::string& name) const {
    const auto it = column.find(name);
    if (it == column.end()) throw std::runtime_error("no column " + name + " in " + csv.file);
    return io::parse_number_cell(csv, row, it->second);
  }
};

Table read_table(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  Table t{io::parse_csv(text.str(), path.string()), {}};
  for (std::size_t j = 0; j < t.csv.header.size(); ++j) t.column[t.csv.header[j]] = j;
  return t;
}

class Invariants : public ::testing::TestWithParam<int> {};

TEST_P(Invariants, BalanceClosesFromTheWrittenCsvs) {
  model::SyntheticOptions options;
  options.seed = static_cast<std::uint64_t>(GetParam());
  options.regions = 3 + GetParam() % 4;
  options.snapshots = 48 + 24 * (GetParam() % 3);
  options.snapshot_hours = GetParam() % 2 == 0 ? 1.0 : 2.0;
  const model::Study study = model::synthetic_chain(options);
  model::Results results = test::solve(study);
  ASSERT_EQ(results.status, "optimal");

  const std::string dir = test::temp_dir("silkgrid-invariants");
  core::Logger quiet(core::LogLevel::error, [](auto, const std::string&) {});
  io::write_results(dir, study, results, quiet);
  const Table dispatch = read_table(std::filesystem::path(dir) / "dispatch.csv");
  const Table flows = read_table(std::filesystem::path(dir) / "link_flows.csv");
  const Table storage = read_table(std::filesystem::path(dir) / "storage.csv");
  const Table markets = read_table(std::filesystem::path(dir) / "markets.csv");
  const Table demand = read_table(std::filesystem::path(dir) / "demand.csv");
  const Table capacities = read_table(std::filesystem::path(dir) / "capacities.csv");
  std::map<std::pair<std::string, std::string>, double> capacity;  // by (kind, name): names are unique per kind
  for (std::size_t i = 0; i < capacities.csv.rows.size(); ++i)
    capacity[{capacities.csv.rows[i][1], capacities.csv.rows[i][0]}] = capacities.at(i, "optimal_mw");
  const auto capacity_of = [&](const char* kind, const std::string& name) { return capacity[{kind, name}]; };

  const std::size_t T = study.snapshots();
  ASSERT_EQ(dispatch.csv.rows.size(), T);
  double worst = 0;
  for (std::size_t r = 0; r < study.regions.size(); ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      double net = 0;
      for (std::size_t g = 0; g < study.generators.size(); ++g)
        if (study.generators.region[g] == static_cast<int>(r)) {
          const double p = dispatch.at(t, study.generators.name[g]);
          net += p;
          EXPECT_LE(p, capacity_of("generator", study.generators.name[g]) * study.generators.p_max_pu[g].at(study.series, t) + 1e-6);
          EXPECT_GE(p, -1e-6);
        }
      for (std::size_t k = 0; k < study.links.size(); ++k) {
        const std::string& n = study.links.name[k];
        const double fwd = flows.at(t, n + ":forward_mw"), bwd = flows.at(t, n + ":backward_mw");
        EXPECT_LE(fwd, capacity_of("link", n) + 1e-6);
        EXPECT_LE(bwd, capacity_of("link", n) + 1e-6);
        const double eta = study.links.efficiency[k];
        if (study.links.from[k] == static_cast<int>(r)) net += -fwd + eta * bwd;
        if (study.links.to[k] == static_cast<int>(r)) net += eta * fwd - bwd;
        EXPECT_NEAR(flows.at(t, n + ":losses_mw"), (1 - eta) * (fwd + bwd), 1e-6);
      }
      for (std::size_t s = 0; s < study.storage.size(); ++s)
        if (study.storage.region[s] == static_cast<int>(r)) {
          const std::string& n = study.storage.name[s];
          net += storage.at(t, n + ":discharge_mw") - storage.at(t, n + ":charge_mw");
        }
      for (std::size_t m = 0; m < study.markets.size(); ++m)
        if (study.markets.region[m] == static_cast<int>(r)) {
          const std::string& n = study.markets.name[m];
          net += markets.at(t, n + ":import_mw") - markets.at(t, n + ":export_mw");
          // Never both at once at one market (netted at one price both ways; a spread forbids it).
          EXPECT_EQ(std::min(markets.at(t, n + ":import_mw"), markets.at(t, n + ":export_mw")), 0.0) << n << " at " << t;
        }
      const std::string& region = study.regions.name[r];
      net += demand.at(t, region + ":unserved_mw");
      const double load = demand.at(t, region + ":load_mw");
      worst = std::max(worst, std::abs(net - load) / std::max(1.0, load));
    }
  }
  EXPECT_LT(worst, 1e-6) << "worst relative balance error";

  // Storage levels: e[t] = (1 − σ)^w e[t−1] + η_c w c[t] − w d[t] / η_d, cyclic.
  for (std::size_t s = 0; s < study.storage.size(); ++s) {
    const std::string& n = study.storage.name[s];
    for (std::size_t t = 0; t < T; ++t) {
      const std::size_t prev = t == 0 ? T - 1 : t - 1;
      const double w = study.time.weights[t];
      const double expected = std::pow(1 - study.storage.standing_loss_per_hour[s], w) * storage.at(prev, n + ":soc_mwh") +
                              study.storage.efficiency_store[s] * w * storage.at(t, n + ":charge_mw") -
                              w * storage.at(t, n + ":discharge_mw") / study.storage.efficiency_dispatch[s];
      EXPECT_NEAR(storage.at(t, n + ":soc_mwh"), expected, 1e-5 * std::max(1.0, expected));
      EXPECT_LE(storage.at(t, n + ":soc_mwh"), capacity_of("storage", n) * study.storage.max_hours[s] + 1e-5);
    }
  }

  // The cost breakdown adds up to the LP's objective.
  const double parts = results.annualised_capex_eur + results.operating_cost_eur + results.import_cost_eur -
                       results.export_revenue_eur + results.unserved_cost_eur + results.cbam_cost_eur;
  EXPECT_NEAR(parts, results.objective_eur, 1e-7 * std::abs(results.objective_eur));
  // Policies hold.
  EXPECT_LE(results.co2_t(), study.policies.value[0] * (1 + 1e-7));
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(RandomStudies, Invariants, ::testing::Values(1, 2, 3, 4, 5, 6));

}  // namespace
