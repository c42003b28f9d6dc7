// PyPSA-Eur's convention for load shedding: a generator of p_nom 1e9 MW at a high marginal
// cost. Within silkgrid's limits (capacities up to 1e9 MW), it reads and solves by hand.
#include <gtest/gtest.h>

#include <fstream>

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
