// The program end to end: exit codes, atomic result folders, the files a run writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/studies.hpp"

namespace fs = std::filesystem;
using silkgrid::test::run_command;
using silkgrid::test::temp_dir;

namespace {

const std::string program = SILKGRID_BINARY;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

const char* small_study = R"(study: {name: small, snapshots: 4}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-B, region: B, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 20}
links: [{name: cable, from: A, to: B, p_nom_mw: 150, efficiency: 0.8}]
)";

// Leftover staging folders next to `dir` (a failed or finished run must not leave any).
int leftovers(const fs::path& parent) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(parent))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos ||
        entry.path().filename().string().find(".old-") != std::string::npos)
      ++n;
  return n;
}

}  // namespace

TEST(Cli, RunWritesEveryResultFile) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study" / "study.yaml", small_study);
  std::string out;
  const int code = run_command(program + " run " + (dir / "study").string() + " --out " + (dir / "out").string() +
                                   " --write-lp " + (dir / "small.mps").string(),
                               &out);
  ASSERT_EQ(code, 0) << out;
  for (const char* f : {"summary.json", "dispatch.csv", "link_flows.csv", "storage.csv", "prices.csv", "capacities.csv",
                        "demand.csv", "markets.csv"})
    EXPECT_TRUE(fs::exists(dir / "out" / f)) << f;
  EXPECT_TRUE(fs::exists(dir / "small.mps"));
  const auto summary = read_json(dir / "out" / "summary.json");
  EXPECT_EQ(summary["status"], "optimal");
  // 100 MW at B needs 125 MW sent over the 0.8 cable; gas costs 20 / 0.5 = 40 EUR/MWh: 4 × 125 × 40.
  EXPECT_NEAR(summary["objective_eur"].get<double>(), 20000.0, 1e-6);
  EXPECT_NEAR(summary["co2_t"].get<double>(), 4 * 125 * 0.4, 1e-6);
  EXPECT_NEAR(summary["capacity_mw"]["cable"].get<double>(), 150.0, 1e-9);
  EXPECT_NEAR(summary["energy_mwh"]["gas-A"].get<double>(), 500.0, 1e-6);
  for (const char* key : {"fixed_cost_existing_eur", "annualised_capex_eur", "operating_cost_eur", "unserved_mwh",
                          "curtailment_mwh", "exports_mwh", "export_revenue_eur", "regions", "lp", "timings_s"})
    EXPECT_TRUE(summary.contains(key)) << key;
  EXPECT_EQ(summary["regions"][1]["country"], "AZ");
  EXPECT_GT(summary["lp"]["nonzeros"].get<int>(), 0);
  for (const char* phase : {"read", "build", "solve", "extract", "write"}) EXPECT_TRUE(summary["timings_s"].contains(phase));
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

TEST(Cli, BadInputFailsWithTheLocationAndLeavesNoSummary) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string bad = small_study;
  bad.replace(bad.find("efficiency: 0.8"), 15, "efficiency: 1.8");
  write(dir / "study.yaml", bad);
  std::string out;
  const int code = run_command(program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("study.yaml:7:"), std::string::npos) << out;
  EXPECT_NE(out.find("links[0].efficiency"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

TEST(Cli, InfeasibleStudyFailsAndLeavesNoSummary) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string study = small_study;
  // The plant must run flat out (p_min_pu 1), yet the CO2 cap allows nothing.
  study.replace(study.find("fuel_eur_per_mwh_fuel: 20}"), 26, "fuel_eur_per_mwh_fuel: 20, p_min_pu: 1}");
  study += "policies: [{kind: co2_cap, t_per_year: 0}]\n";
  write(dir / "study.yaml", study);
  std::string out;
  const int code = run_command(program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out);
  EXPECT_EQ(code, 3) << out;
  EXPECT_NE(out.find("no feasible solution"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

TEST(Cli, ResultsReplaceAnEarlierRunButNeverOtherFiles) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", small_study);
  const std::string run = program + " -q run " + (dir / "study.yaml").string() + " --out ";
  std::string out;
  ASSERT_EQ(run_command(run + (dir / "out").string(), &out), 0) << out;
  write(dir / "out" / "stale.txt", "from before");
  ASSERT_EQ(run_command(run + (dir / "out").string(), &out), 0) << out;
  EXPECT_TRUE(fs::exists(dir / "out" / "summary.json"));
  EXPECT_FALSE(fs::exists(dir / "out" / "stale.txt"));  // the folder was replaced whole
  write(dir / "mine" / "notes.txt", "precious");
  EXPECT_EQ(run_command(run + (dir / "mine").string(), &out), 6) << out;
  EXPECT_TRUE(fs::exists(dir / "mine" / "notes.txt"));
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

TEST(Cli, UsageErrorsAndHelp) {
  std::string out;
  EXPECT_EQ(run_command(program + " frobnicate", &out), 64);
  EXPECT_EQ(run_command(program + " run --method simplex", &out), 64);
  EXPECT_EQ(run_command(program + " run --help", &out), 0);
  EXPECT_NE(out.find("Examples"), std::string::npos);
  EXPECT_EQ(run_command(program + " run /no/such/study.yaml", &out), 2);
  EXPECT_NE(out.find("/no/such/study.yaml"), std::string::npos);
}

TEST(Cli, DefaultStudyRunsAndInitCopiesIt) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command("cd " + dir.string() + " && " + program + " -q run", &out), 0) << out;
  const auto summary = read_json(dir / "results" / "demo" / "summary.json");
  EXPECT_EQ(summary["status"], "optimal");
  EXPECT_GT(summary["exports_mwh"]["EU"].get<double>(), 0.0);
  EXPECT_NEAR(summary["unserved_mwh"].get<double>(), 0.0, 1e-6);
  // The copy runs to the same optimum as the built-in study.
  ASSERT_EQ(run_command(program + " -q init " + (dir / "mine").string(), &out), 0) << out;
  ASSERT_TRUE(fs::exists(dir / "mine" / "study.yaml"));
  ASSERT_EQ(run_command(program + " -q run " + (dir / "mine").string() + " --out " + (dir / "copy").string(), &out), 0) << out;
  const auto copy = read_json(dir / "copy" / "summary.json");
  EXPECT_NEAR(copy["objective_eur"].get<double>(), summary["objective_eur"].get<double>(),
              1e-9 * std::abs(summary["objective_eur"].get<double>()));
  fs::remove_all(dir);
}
