// PyPSA-Eur's convention for load shedding: a generator of p_nom 1e9 MW at a high marginal
// cost. Within silkgrid's limits (capacities up to 1e9 MW), it reads and solves by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "formulate/build.hpp"
#include "io/pypsa_reader.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

TEST(PypsaBigM, LoadSheddingGeneratorOfAGigawattMillionReadsAndSolves) {
  const std::string dir = test::temp_dir("silkgrid-pypsa-bigm");
  const auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir + "/" + name) << text; };
  write("buses.csv", "name,v_nom\nA,380\n");
  write("snapshots.csv", "snapshot,objective\n2030-01-01 00:00:00,1\n2030-01-01 01:00:00,1\n");
  write("loads.csv", "name,bus,p_set\nload,A,100\n");
  write("generators.csv",
        "name,bus,p_nom,marginal_cost,carrier\ngas,A,60,50,gas\nshedding,A,1000000000,100000,load\n");
  std::string log_text;
  core::Logger log = core::capturing_logger(log_text, core::LogLevel::warning);
  const model::Study study = io::read_pypsa_folder(dir, log);
  // 2 h × (60 MW × 50 + 40 MW × 100,000) = 8,006,000 EUR.
  EXPECT_NEAR(test::solve(study).objective_eur, 8006000.0, 1e-3);
}

// A line, a transformer, a storage unit and a store may share a name in PyPSA; the LP's
// column and row names (for --write-lp) stay unique.
TEST(PypsaBigM, LpNamesAreUniqueWhenComponentsShareNames) {
  const std::string dir = test::temp_dir("silkgrid-pypsa-names");
  const auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir + "/" + name) << text; };
  write("buses.csv", "name,v_nom\n1,380\n2,380\n3,380\n");
  write("snapshots.csv", "snapshot\n2030-01-01 00:00:00\n2030-01-01 01:00:00\n");
  write("loads.csv", "name,bus,p_set\nload,3,50\n");
  write("generators.csv", "name,bus,p_nom,marginal_cost\n2,1,100,10\n");
  write("lines.csv", "name,bus0,bus1,x,s_nom,s_nom_extendable,capital_cost\n2,1,2,0.1,80,True,1\n");
  write("transformers.csv", "name,bus0,bus1,x,s_nom,s_nom_extendable,capital_cost\n2,2,3,0.1,80,True,1\n");
  write("storage_units.csv", "name,bus,p_nom,max_hours,p_nom_extendable,capital_cost\n2,3,10,2,True,1\n");
  write("stores.csv", "name,bus,e_nom,e_nom_extendable,capital_cost\n2,3,10,True,1\n");
  std::string log_text;
  core::Logger log = core::capturing_logger(log_text, core::LogLevel::warning);
  const model::Study study = io::read_pypsa_folder(dir, log);
  formulate::BuildOptions options;
  options.names = true;
  const auto built = formulate::build(study, options);
  for (const auto* names : {&built.lp.col_names, &built.lp.row_names}) {
    std::set<std::string> seen;
    for (const auto& n : *names) EXPECT_TRUE(seen.insert(n).second) << "twice: " << n;
  }
  EXPECT_NE(std::find(built.lp.col_names.begin(), built.lp.col_names.end(), "Sline(trafo:2)"), built.lp.col_names.end());
  EXPECT_NE(std::find(built.lp.col_names.begin(), built.lp.col_names.end(), "S(store:2)"), built.lp.col_names.end());
}
