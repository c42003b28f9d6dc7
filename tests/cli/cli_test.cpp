// The program end to end: exit codes, atomic result folders, the files a run writes.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
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

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file below `folder` with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& folder) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    out[e.path().lexically_relative(folder).string()] = e.is_regular_file() ? read_text(e.path()) : "<folder>";
  return out;
}

// Starts the program with `args`, its standard output and error into `log`.
pid_t spawn(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> all{program};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return failed ? -1 : pid;
}

// Waits until `log` holds `text` (true) or `seconds` pass (false).
bool wait_for_text(const fs::path& log, const std::string& text, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (read_text(log).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The exit status of `pid`, or -1 when it did not exit normally within `seconds` (then killed).
int wait_exit(pid_t pid, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

// Interrupts `args` (writing into dir/out, which holds an earlier result) once its log shows
// `started`; it must exit 130 and leave dir/out byte for byte as it was, with no folder beside.
void expect_clean_interrupt(const fs::path& dir, std::vector<std::string> args, const std::string& started, int signal,
                            int delay_ms = 300) {
  write(dir / "study.yaml", small_study);
  std::string out;
  ASSERT_EQ(run_command(program + " -q run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out), 0)
      << out;
  const auto before = snapshot(dir / "out");
  args.insert(args.end(), {"--out", (dir / "out").string()});
  const fs::path log = dir / "log.txt";
  const pid_t pid = spawn(args, log);
  ASSERT_GT(pid, 0);
  const bool solving = wait_for_text(log, started, 120);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  kill(pid, signal);
  const auto sent = std::chrono::steady_clock::now();
  const int code = wait_exit(pid, 60);
  const double stop_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  const std::string text = read_text(log);
  ASSERT_TRUE(solving) << text;
  EXPECT_EQ(code, 130) << text;
  EXPECT_NE(text.find("interrupted"), std::string::npos) << text;
  EXPECT_LT(stop_s, 10.0) << text;
  EXPECT_EQ(snapshot(dir / "out"), before);
  EXPECT_EQ(leftovers(dir), 0);
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".new-"), std::string::npos) << e.path();
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
  EXPECT_NEAR(summary["capacity_mw"]["link"]["cable"].get<double>(), 150.0, 1e-9);
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
  ASSERT_EQ(run_command(run + (dir / "out").string(), &out), 0) << out;  // replaces it
  EXPECT_TRUE(fs::exists(dir / "out" / "summary.json"));
  // A file the user added to the result folder: never deleted, the run refuses (exit 6).
  write(dir / "out" / "notes.txt", "from before");
  EXPECT_EQ(run_command(run + (dir / "out").string(), &out), 6) << out;
  EXPECT_NE(out.find("notes.txt"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(dir / "out" / "notes.txt"));
  EXPECT_TRUE(fs::exists(dir / "out" / "summary.json"));
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

TEST(Cli, DefaultStudyIsTheCorridorAndSolves) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command("cd " + dir.string() + " && " + program + " run", &out), 0) << out;
  // The terminal summary answers the first questions.
  for (const char* part : {"capacity, GW", "black-sea-cable", "market EU", "CO2 Mt", "total cost"})
    EXPECT_NE(out.find(part), std::string::npos) << part;
  const auto summary = read_json(dir / "results" / "corridor" / "summary.json");
  EXPECT_EQ(summary["status"], "optimal");
  double exports = 0;
  for (const auto& [market, mwh] : summary["exports_mwh"].items()) exports += mwh.get<double>();
  EXPECT_GT(exports, 0.0);
  EXPECT_NEAR(summary["unserved_mwh"].get<double>(), 0.0, 1e-3);
  EXPECT_EQ(summary["regions"].size(), 8u);
  EXPECT_NEAR(summary["capacity_mw"]["link"]["black-sea-cable"].get<double>(), 1300.0, 1e-9);
  for (const auto& link : summary["links"])
    if (link["name"] == "black-sea-cable") {
      EXPECT_GT(link["forward_mwh"].get<double>(), 0.0);
    }
  fs::remove_all(dir);
}

TEST(Cli, InitCopiesABuiltInStudyThatRunsTheSame) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command(program + " -q run builtin:demo --out " + (dir / "builtin").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q init " + (dir / "mine").string() + " --study demo", &out), 0) << out;
  ASSERT_TRUE(fs::exists(dir / "mine" / "study.yaml"));
  ASSERT_TRUE(fs::exists(dir / "mine" / "series.csv"));
  ASSERT_EQ(run_command(program + " -q run " + (dir / "mine").string() + " --out " + (dir / "copy").string(), &out), 0) << out;
  const auto a = read_json(dir / "builtin" / "summary.json");
  const auto b = read_json(dir / "copy" / "summary.json");
  EXPECT_NEAR(a["objective_eur"].get<double>(), b["objective_eur"].get<double>(), 1e-9 * std::abs(a["objective_eur"].get<double>()));
  EXPECT_EQ(run_command(program + " -q init " + (dir / "mine").string() + " --study demo", &out), 6) << out;  // no overwrite
  ASSERT_EQ(run_command(program + " -q init " + (dir / "corridor").string(), &out), 0) << out;
  EXPECT_TRUE(fs::exists(dir / "corridor" / "ASSUMPTIONS.md"));
  fs::remove_all(dir);
}

TEST(Cli, ProfilesWritesTheWeatherYear) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command(program + " profiles --seed 5 --out " + (dir / "p5").string(), &out), 0) << out;
  const auto summary = read_json(dir / "p5" / "profiles_summary.json");
  EXPECT_EQ(summary["seed"], 5);
  EXPECT_EQ(summary["snapshots"], 8760);
  int generated = 0;
  for (const auto& p : summary["profiles"]) {
    if (p["source"] != "generated") continue;
    ++generated;
    // The climate meets the targets; one year scatters around them (wind by some 6 %, solar by
    // some 2 %, load by about 1 %: README, "Weather-year generator").
    if (p.contains("capacity_factor")) {
      const double target = p["target_capacity_factor"].get<double>();
      EXPECT_NEAR(p["long_run_capacity_factor"].get<double>(), target, 1e-6) << p["name"];
      EXPECT_NEAR(p["capacity_factor"].get<double>(), target, 0.3 * target) << p["name"];
    }
    if (p.contains("annual_twh")) {
      const double target = p["target_annual_twh"].get<double>();
      EXPECT_NEAR(p["long_run_annual_twh"].get<double>(), target, 1e-9 * target);
      EXPECT_NEAR(p["annual_twh"].get<double>(), target, 0.05 * target);
    }
  }
  EXPECT_GT(generated, 20);
  std::ifstream csv(dir / "p5" / "profiles.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("timestamp,weight_h,", 0), 0u);
  // Another seed is another weather year.
  ASSERT_EQ(run_command(program + " -q profiles --seed 6 --out " + (dir / "p6").string(), &out), 0) << out;
  std::ifstream a(dir / "p5" / "profiles.csv"), b(dir / "p6" / "profiles.csv");
  const std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
  EXPECT_NE(sa, sb);
  fs::remove_all(dir);
}

// The corridor's portfolio, appraised at daily resolution without the with/without runs
// (those are tested on small studies in tests/appraise/).
TEST(Cli, AppraiseWritesProjectsAndCashFlows) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command(program + " -q appraise --resolution 24h --no-system-value --out " + (dir / "a").string(), &out), 0)
      << out;
  for (const char* f : {"summary.json", "projects.json", "projects.csv", "cashflows.csv"})
    EXPECT_TRUE(fs::exists(dir / "a" / f)) << f;
  const auto projects = read_json(dir / "a" / "projects.json");
  EXPECT_EQ(projects["finance"], "as-given");
  ASSERT_EQ(projects["projects"].size(), 13u);
  const auto& cable = projects["projects"][0];
  EXPECT_EQ(cable["name"], "black-sea-cable");
  // 1,300 MW × (EUR 1,777/MW/km × 1,155 km + EUR 640,000/MW) and the EU's 65.7 % grant.
  EXPECT_NEAR(cable["capex_eur"].get<double>(), 1300.0 * (1777.0 * 1155 + 640000), 1.0);
  EXPECT_NEAR(cable["grant_eur"].get<double>(), 0.657 * 1300.0 * (1777.0 * 1155 + 640000), 1.0);
  EXPECT_NEAR(cable["wacc"].get<double>(), (0.2 * 0.03 * 0.84 + 0.143 * 0.08) / 0.343, 1e-12);
  for (const char* key : {"lcoe_eur_per_mwh", "npv_eur", "project_irr", "equity_irr", "dscr_min", "dscr_avg", "payback_year",
                          "co2_avoided_t_per_year", "carbon_revenue_eur_per_year", "abatement_cost_eur_per_t",
                          "system_value_eur_per_year", "capture_price_eur_per_mwh"})
    EXPECT_TRUE(cable.contains(key)) << key;
  EXPECT_TRUE(cable["system_value_eur_per_year"].is_null());
  // shafag-pv is all equity: no debt, no DSCR.
  EXPECT_TRUE(projects["projects"][8]["dscr_min"].is_null());
  // The climate-finance accounting: the cable's EU grant is its grant_eur, public, grant element 1.
  const auto accounting = read_json(dir / "a" / "finance_accounting.json");
  ASSERT_EQ(accounting["projects"].size(), 13u);
  const auto& eu = accounting["projects"][0]["tranches"][0];
  EXPECT_EQ(eu["provider"], "EU");
  EXPECT_EQ(eu["public"], true);
  EXPECT_EQ(eu["grant_element"].get<double>(), 1.0);
  EXPECT_NEAR(eu["amount_eur"].get<double>(), cable["grant_eur"].get<double>(), 1.0);
  EXPECT_TRUE(fs::exists(dir / "a" / "finance_accounting.csv"));
  EXPECT_EQ(run_command(program + " appraise --finance cheap --out " + (dir / "b").string(), &out), 64) << out;
  fs::remove_all(dir);
}

// finance_accounting.json on a small study: two fixed PV plants of EUR 50 m and 30 m (100 MW and
// 60 MW at EUR 500/kW), one with public finance and one without; the figures by hand.
TEST(Cli, AppraiseWritesFinanceAccountingThatAddsUp) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", silkgrid::test::two_financed_pv_projects());
  std::string out;
  ASSERT_EQ(run_command(program + " -q appraise " + (dir / "study.yaml").string() + " --no-system-value --out " +
                            (dir / "r").string(), &out), 0)
      << out;
  const auto projects = read_json(dir / "r" / "projects.json");
  const auto j = read_json(dir / "r" / "finance_accounting.json");
  EXPECT_EQ(j["reference_rate"].get<double>(), 0.05);
  EXPECT_EQ(j["concessionality_threshold"].get<double>(), 0.35);
  ASSERT_EQ(j["projects"].size(), 2u);
  // Committed = the appraisal's capex: 100 MW × EUR 500,000/MW and 60 MW × EUR 500,000/MW.
  EXPECT_NEAR(projects["projects"][0]["capex_eur"].get<double>(), 50e6, 1e-3);
  EXPECT_NEAR(j["projects"][0]["committed_eur"].get<double>(), 50e6, 1e-3);
  EXPECT_NEAR(j["projects"][1]["committed_eur"].get<double>(), 30e6, 1e-3);
  // pv-a: public EU 10 m + EBRD 20 m, private 20 m (the sponsor), all mobilised, split 10 : 20.
  const auto& a = j["projects"][0];
  EXPECT_NEAR(a["public_eur"].get<double>(), 30e6, 1e-3);
  EXPECT_NEAR(a["private_mobilised_eur"].get<double>(), 20e6, 1e-3);
  EXPECT_NEAR(a["tranches"][0]["private_mobilised_eur"].get<double>(), 20e6 / 3, 1e-3);
  EXPECT_NEAR(a["tranches"][1]["private_mobilised_eur"].get<double>(), 40e6 / 3, 1e-3);
  EXPECT_EQ(a["tranches"][2]["provider"], "sponsor");
  EXPECT_EQ(a["tranches"][2]["provider_kind"], "corporate");
  EXPECT_EQ(a["tranches"][2]["public"], false);
  // EBRD's loan: 1 %, 20 years, 5 grace at 5 % has grant element 0.3701417 (tests/finance/accounting_test.cpp).
  EXPECT_NEAR(a["tranches"][1]["grant_element"].get<double>(), 0.37014173763851843, 1e-9);
  EXPECT_EQ(a["tranches"][1]["concessional"], true);
  EXPECT_NEAR(a["concessional_eur"].get<double>(), 30e6, 1e-3);
  // pv-b: nothing public, nothing mobilised.
  EXPECT_EQ(j["projects"][1]["private_mobilised_eur"].get<double>(), 0.0);
  EXPECT_TRUE(j["projects"][1]["mobilisation_ratio"].is_null());
  // Portfolio: 80 m committed, 30 m public; mobilisation 20/30, co-financing (80 − 30)/30.
  const auto& p = j["portfolio"];
  EXPECT_NEAR(p["committed_eur"].get<double>(), 80e6, 1e-3);
  EXPECT_NEAR(p["mobilisation_ratio"].get<double>(), 2.0 / 3, 1e-9);
  EXPECT_NEAR(p["co_financing_ratio"].get<double>(), 5.0 / 3, 1e-9);
  // Every view adds up to the portfolio.
  for (const char* key : {"committed_eur", "public_eur", "private_eur", "private_mobilised_eur", "concessional_eur"}) {
    double projects_sum = 0, countries = 0, providers = 0;
    for (const auto& x : j["projects"]) projects_sum += x[key].get<double>();
    for (const auto& [name, x] : j["countries"].items()) countries += x[key].get<double>();
    for (const auto& [name, x] : j["providers"].items()) providers += x[key].get<double>();
    EXPECT_NEAR(projects_sum, p[key].get<double>(), 1e-3) << key;
    EXPECT_NEAR(countries, p[key].get<double>(), 1e-3) << key;
    EXPECT_NEAR(providers, p[key].get<double>(), 1e-3) << key;
  }
  // Public EUR per t CO2 avoided: the portfolio's public over its lifetime tonnes.
  EXPECT_NEAR(p["public_eur_per_t_co2"].get<double>(),
              30e6 / (25 * (projects["projects"][0]["co2_avoided_t_per_year"].get<double>() +
                            projects["projects"][1]["co2_avoided_t_per_year"].get<double>())),
              1e-6);
  // The CSV: a header and one row per tranche (3 + 2).
  const std::string csv = read_text(dir / "r" / "finance_accounting.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 6);
  EXPECT_EQ(csv.rfind("project,country,provider,provider_kind,provider_kind_assumed,kind,public,amount_eur,", 0), 0u);
  fs::remove_all(dir);
}

// Three all-or-nothing candidates, half concessional: with EUR 45 m the two that save most
// (wind-1 and solar, EUR 25 m + 20 m) are chosen (tests/appraise/portfolio_test.cpp by hand).
TEST(Cli, PortfolioWritesTheChosenSet) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", R"(
study: {name: portfolio, snapshots: 1, snapshot_hours: 8760}
carriers: [{name: gas}, {name: wind, renewable: true}, {name: solar, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 60}
  - {name: wind-1, region: A, carrier: wind, p_nom_mw: 50, p_max_pu: 0.4, capex_eur_per_kw: 1000, lifetime_years: 25}
  - {name: solar, region: A, carrier: solar, p_nom_mw: 80, p_max_pu: 0.25, capex_eur_per_kw: 500, lifetime_years: 25}
  - {name: wind-2, region: A, carrier: wind, p_nom_mw: 40, p_max_pu: 0.35, capex_eur_per_kw: 1200, lifetime_years: 25}
projects:
  - {name: p-wind-1, assets: [wind-1], finance: &half {tranches: [{kind: concessional_debt, share: 0.5, rate: 0.02, tenor_years: 20}, {kind: equity, share: 0.5, rate: 0.10}]}}
  - {name: p-solar, assets: [solar], finance: *half}
  - {name: p-wind-2, assets: [wind-2], finance: *half}
)");
  std::string out;
  ASSERT_EQ(run_command(program + " -q portfolio " + (dir / "study.yaml").string() +
                            " --concessional-budget-eur 45e6 --out " + (dir / "p").string(),
                        &out),
            0)
      << out;
  const auto p = read_json(dir / "p" / "portfolio.json");
  EXPECT_EQ(p["chosen"], nlohmann::json::array({"p-wind-1", "p-solar"}));
  EXPECT_NEAR(p["concessional_used_eur"].get<double>(), 45e6, 1.0);
  EXPECT_TRUE(fs::exists(dir / "p" / "summary.json"));
  // A study without projects has nothing to choose or appraise.
  write(dir / "small" / "study.yaml", small_study);
  EXPECT_EQ(run_command(program + " portfolio " + (dir / "small").string() + " --concessional-budget-eur 1 --out " +
                            (dir / "q").string(),
                        &out),
            2)
      << out;
  EXPECT_EQ(run_command(program + " appraise " + (dir / "small").string() + " --out " + (dir / "r").string(), &out), 2)
      << out;
  EXPECT_NE(out.find("no projects"), std::string::npos) << out;
  fs::remove_all(dir);
}

// Progress shows on a terminal (a pseudo-terminal from script(1)) and never when piped.
TEST(Cli, ProgressOnATerminalOnly) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", small_study);
  const std::string run = program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string();
  std::string piped, terminal;
  ASSERT_EQ(run_command(run, &piped), 0) << piped;
  EXPECT_EQ(piped.find("\033[K"), std::string::npos);
  EXPECT_EQ(piped.find("solving: Clp"), std::string::npos);
  ASSERT_EQ(run_command("script -qec '" + run + "' /dev/null", &terminal), 0) << terminal;
  EXPECT_NE(terminal.find("\033[K"), std::string::npos) << terminal;
  EXPECT_NE(terminal.find("] building the LP"), std::string::npos) << terminal;
  EXPECT_NE(terminal.find("] solving with Clp"), std::string::npos) << terminal;
  std::string quiet;
  ASSERT_EQ(run_command("script -qec '" + program + " -q run " + (dir / "study.yaml").string() + " --out " +
                            (dir / "out").string() + "' /dev/null",
                        &quiet),
            0);
  EXPECT_EQ(quiet.find("\033[K"), std::string::npos) << quiet;
  fs::remove_all(dir);
}

// --seed on a study without a weather section changes nothing, and says so.
TEST(Cli, SeedOnAStudyWithoutWeatherWarns) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", small_study);
  std::string out;
  ASSERT_EQ(run_command(program + " run " + (dir / "study.yaml").string() + " --seed 7 --out " + (dir / "a").string(), &out), 0)
      << out;
  EXPECT_NE(out.find("--seed has no effect: the study has no weather section"), std::string::npos) << out;
  ASSERT_EQ(run_command(program + " -q run " + (dir / "study.yaml").string() + " --out " + (dir / "b").string(), &out), 0) << out;
  EXPECT_EQ(read_json(dir / "a" / "summary.json")["objective_eur"], read_json(dir / "b" / "summary.json")["objective_eur"]);
  fs::remove_all(dir);
}

// Numbers the command line cannot mean are bad command lines (64), before any study is read:
// CLI11 alone wraps --seed -5 around to 2^64 − 5 and saturates 20 digits to 2^64 − 1.
TEST(Cli, OutOfRangeOptionsAreBadCommandLines) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", small_study);
  const std::string run = program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string() + " ";
  std::string out;
  for (const char* bad : {"--seed -5", "--seed 99999999999999999999", "--seed 1e3", "--seed ''", "--resolution 0h",
                          "--resolution -1", "--resolution inf", "--resolution nan", "--resolution 1e9h", "--time-limit inf",
                          "--time-limit -1"}) {
    EXPECT_EQ(run_command(run + bad, &out), 64) << bad << "\n" << out;
    EXPECT_FALSE(fs::exists(dir / "out"));
  }
  EXPECT_EQ(run_command(program + " profiles --seed -5 --out " + (dir / "p").string(), &out), 64) << out;
  EXPECT_EQ(run_command(program + " portfolio --concessional-budget-eur 1e300 --out " + (dir / "p").string(), &out), 64) << out;
  EXPECT_EQ(run_command(run + "--seed 9000000000000000 --resolution 2h", &out), 0) << out;
  fs::remove_all(dir);
}

// The decomposition by time's options: a bad value is a bad command line (64) naming the option,
// before any study is read, on every subcommand that solves.
TEST(Cli, BadDecompositionOptionsAreBadCommandLines) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", small_study);
  const std::string run = program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string() + " ";
  std::string out;
  struct Case {
    const char* args;
    const char* option;
  };
  for (const Case& c : std::vector<Case>{{"--decompose benders2", "--decompose"},
                                         {"--decompose Auto", "--decompose"},
                                         {"--decompose ''", "--decompose"},
                                         {"--subperiod-hours 0", "--subperiod-hours"},
                                         {"--subperiod-hours -24", "--subperiod-hours"},
                                         {"--subperiod-hours 8785", "--subperiod-hours"},
                                         {"--subperiod-hours inf", "--subperiod-hours"},
                                         {"--subperiod-hours nan", "--subperiod-hours"},
                                         {"--subperiod-hours week", "--subperiod-hours"},
                                         {"--gap 0", "--gap"},
                                         {"--gap 1", "--gap"},
                                         {"--gap -1e-4", "--gap"},
                                         {"--gap nan", "--gap"},
                                         {"--gap inf", "--gap"},
                                         {"--gap 1e-3x", "--gap"},
                                         {"--max-iterations 0", "--max-iterations"},
                                         {"--max-iterations -5", "--max-iterations"},
                                         {"--max-iterations 100001", "--max-iterations"},
                                         {"--max-iterations 99999999999999999999", "--max-iterations"},
                                         {"--max-iterations 2.5", "--max-iterations"},
                                         {"--max-iterations 1e3", "--max-iterations"},
                                         {"--max-iterations many", "--max-iterations"},
                                         {"--stabilisation 1", "--stabilisation"},
                                         {"--stabilisation -0.1", "--stabilisation"},
                                         {"--stabilisation nan", "--stabilisation"},
                                         {"--stabilisation inf", "--stabilisation"}}) {
    EXPECT_EQ(run_command(run + c.args, &out), 64) << c.args << "\n" << out;
    EXPECT_NE(out.find(c.option), std::string::npos) << c.args << "\n" << out;
    EXPECT_NE(out.find("expected"), std::string::npos) << c.args << "\n" << out;
    EXPECT_FALSE(fs::exists(dir / "out"));
  }
  EXPECT_EQ(run_command(program + " appraise --gap 0 --out " + (dir / "a").string(), &out), 64) << out;
  EXPECT_EQ(run_command(program + " portfolio --decompose split --out " + (dir / "p").string(), &out), 64) << out;
  EXPECT_EQ(run_command(program + " portfolio --max-iterations 0 --out " + (dir / "p").string(), &out), 64) << out;
  // Good values are accepted (benders itself is the decomposition's to test).
  EXPECT_EQ(run_command(run + "--decompose none --gap 1e-3 --subperiod-hours 24 --max-iterations 100000 --stabilisation 0",
                        &out),
            0)
      << out;
  EXPECT_EQ(run_command(program + " -q run builtin:demo --decompose none --gap 1e-3 --out " + (dir / "demo").string(), &out), 0)
      << out;
  fs::remove_all(dir);
}

// Huge finite numbers used to reach Clp, which aborts (exit 134) on costs from 1e25; an
// infinite CO2 factor used to exit 70, a lifetime of 1e9 years to run out of memory in appraise.
TEST(Cli, HugeNumbersInAStudyAreBadInput) {
  const fs::path dir = temp_dir("silkgrid-cli");
  struct Case {
    std::string from, to, key;
  };
  const std::vector<Case> cases = {
      {"snapshots: 4}", "snapshots: 4, voll_eur_per_mwh: 1e30}", "study.voll_eur_per_mwh"},
      {"fuel_eur_per_mwh_fuel: 20", "fuel_eur_per_mwh_fuel: 1e30", "generators[0].fuel_eur_per_mwh_fuel"},
      {"p_mw: 100", "p_mw: 1e30", "loads[0].p_mw"},
      {"p_nom_mw: 200", "p_nom_mw: 1e30", "generators[0].p_nom_mw"},
      {"co2_t_per_mwh_fuel: 0.2", "co2_t_per_mwh_fuel: .inf", "carriers[0].co2_t_per_mwh_fuel"},
      {"efficiency: 0.8}", "efficiency: 0.8, extendable: true, capex_eur_per_kw: 1e30, lifetime_years: 30}",
       "links[0].capex_eur_per_kw"},
  };
  std::string out;
  for (const Case& c : cases) {
    std::string study = small_study;
    study.replace(study.find(c.from), c.from.size(), c.to);
    write(dir / "study.yaml", study);
    EXPECT_EQ(run_command(program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out), 2)
        << c.key << "\n" << out;
    EXPECT_NE(out.find("study.yaml:"), std::string::npos) << out;
    EXPECT_NE(out.find(c.key + ": expected"), std::string::npos) << out;
  }
  std::string study = small_study;
  study.replace(study.find("efficiency: 0.5,"), 16, "efficiency: 0.5, capex_eur_per_kw: 500, lifetime_years: 1e9,");
  study += "projects: [{name: p, assets: [gas-A]}]\n";
  write(dir / "study.yaml", study);
  EXPECT_EQ(run_command(program + " appraise " + (dir / "study.yaml").string() + " --no-system-value --out " +
                            (dir / "out").string(), &out), 2)
      << out;
  EXPECT_NE(out.find("generators[0].lifetime_years: expected a lifetime in [1, 200] years"), std::string::npos) << out;
  study = small_study;
  study += "storage: [{name: s, region: B, p_nom_mw: 10, max_hours: 2, cyclic: false, initial_mwh: -100}]\n";
  write(dir / "study.yaml", study);
  EXPECT_EQ(run_command(program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out), 2) << out;
  EXPECT_NE(out.find("storage[0].initial_mwh"), std::string::npos) << out;
  fs::remove_all(dir);
}

// The demo study's series are 3-hourly: profiles writes them as they are unless asked.
TEST(Cli, ProfilesOfTheDemoStudyAtItsOwnStep) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command(program + " -q profiles builtin:demo --out " + (dir / "demo").string(), &out), 0) << out;
  std::ifstream csv(dir / "demo" / "profiles.csv");
  std::string header, first, second;
  std::getline(csv, header);
  std::getline(csv, first);
  std::getline(csv, second);
  EXPECT_EQ(first.rfind("2030-01-01T00:00,3,", 0), 0u) << first;
  EXPECT_EQ(second.rfind("2030-01-01T03:00,3,", 0), 0u) << second;
  ASSERT_EQ(run_command(program + " -q profiles builtin:demo --resolution 6h --out " + (dir / "six").string(), &out), 0) << out;
  EXPECT_EQ(read_json(dir / "six" / "profiles_summary.json")["snapshots"], 1460);
  EXPECT_EQ(run_command(program + " -q profiles builtin:demo --resolution 1h --out " + (dir / "one").string(), &out), 2) << out;
  EXPECT_NE(out.find("whole multiple of snapshot_hours (3 h)"), std::string::npos) << out;
  fs::remove_all(dir);
}

// Ctrl-C while Clp solves the corridor at daily resolution (a few seconds).
TEST(Cli, InterruptedRunExits130AndLeavesTheResultFolderAsItWas) {
  const fs::path dir = temp_dir("silkgrid-cli");
  expect_clean_interrupt(dir, {"run", "--resolution", "24h"}, "solving with Clp", SIGINT);
  fs::remove_all(dir);
}

// Ctrl-C (and SIGTERM) during the with/without runs of the appraisal: every run stops, nothing
// is committed with a missing system value.
TEST(Cli, InterruptedAppraisalStopsEveryRunAndExits130) {
  const fs::path dir = temp_dir("silkgrid-cli");
  expect_clean_interrupt(dir, {"appraise", "--resolution", "24h", "--threads", "2"}, "system value:", SIGINT);
  fs::remove_all(dir);
  const fs::path again = temp_dir("silkgrid-cli");
  expect_clean_interrupt(again, {"appraise", "--resolution", "24h", "--threads", "2"}, "system value:", SIGTERM);
  fs::remove_all(again);
}

// Ctrl-C while Cbc selects the corridor's portfolio (its root LP and branch and bound).
TEST(Cli, InterruptedPortfolioExits130) {
  const fs::path dir = temp_dir("silkgrid-cli");
  expect_clean_interrupt(dir, {"portfolio", "--concessional-budget-eur", "3e9", "--resolution", "24h"}, "study 'corridor'",
                         SIGINT, 2500);
  fs::remove_all(dir);
}

TEST(Cli, InterruptedEnsembleExits130) {
  const fs::path dir = temp_dir("silkgrid-cli");
  // Interrupted while its years run (after the plan): no folder left behind.
  expect_clean_interrupt(dir, {"ensemble", "--years", "200", "--resolution", "24h"}, "weather years", SIGINT, 2000);
  fs::remove_all(dir);
}

// Folders that cannot be made are I/O errors (exit 6), not internal ones.
TEST(Cli, InitIntoAFileIsAnIoError) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "taken", "a file");
  std::string out;
  EXPECT_EQ(run_command(program + " init " + (dir / "taken").string(), &out), 6) << out;
  EXPECT_NE(out.find((dir / "taken").string()), std::string::npos) << out;
  fs::remove_all(dir);
}

// --write-lp to a folder or to a path that cannot be written: exit 6, nothing left behind.
TEST(Cli, WriteLpToAFolderOrAnUnwritablePathFailsCleanly) {
  const fs::path dir = temp_dir("silkgrid-cli");
  write(dir / "study.yaml", small_study);
  fs::create_directories(dir / "lp");
  const std::string run = program + " -q run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string();
  std::string out;
  EXPECT_EQ(run_command(run + " --write-lp " + (dir / "lp").string(), &out), 6) << out;
  EXPECT_NE(out.find((dir / "lp").string()), std::string::npos) << out;
  EXPECT_NE(out.find("folder"), std::string::npos) << out;
  EXPECT_TRUE(fs::is_empty(dir / "lp"));
  EXPECT_EQ(run_command(run + " --write-lp /proc/silkgrid-cannot-write.mps", &out), 6) << out;
  EXPECT_NE(out.find("/proc/silkgrid-cannot-write.mps"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "out"));
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"lp", "study.yaml"}));
  fs::remove_all(dir);
}

// `run --decompose benders` writes every file a monolithic run writes, plus decomposition.csv
// and the summary's decomposition object, at the monolithic optimum within the gap.
TEST(Cli, DecomposedRunWritesTheMonolithicFilesAndItsConvergence) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command(program + " -q run builtin:demo --decompose none --out " + (dir / "mono").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q run builtin:demo --decompose benders --subperiod-hours 72 --gap 1e-6 --out " +
                            (dir / "dec").string(),
                        &out),
            0)
      << out;
  for (const auto& e : fs::directory_iterator(dir / "mono"))
    EXPECT_TRUE(fs::exists(dir / "dec" / e.path().filename())) << e.path().filename();
  const auto mono = read_json(dir / "mono" / "summary.json");
  const auto dec = read_json(dir / "dec" / "summary.json");
  EXPECT_TRUE(mono["decomposition"].is_null());
  const auto& d = dec["decomposition"];
  EXPECT_EQ(d["method"], "benders");
  EXPECT_EQ(d["subperiod_hours"], 72.0);
  EXPECT_TRUE(d["converged"].get<bool>());
  const double objective = mono["objective_eur"].get<double>();
  EXPECT_LE(d["lower_bound_eur"].get<double>(), objective * (1 + 1e-9));
  EXPECT_GE(d["upper_bound_eur"].get<double>(), objective * (1 - 1e-9));
  EXPECT_NEAR(dec["objective_eur"].get<double>(), objective, 1e-6 * objective);
  EXPECT_LE(d["gap"].get<double>(), 1e-6);
  const std::string csv = read_text(dir / "dec" / "decomposition.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "iteration,lower_bound_eur,upper_bound_eur,gap,seconds,master_s,subproblems_s,exchange_s,cuts,stabilised");
  EXPECT_EQ(static_cast<int>(std::count(csv.begin(), csv.end(), '\n')), d["iterations"].get<int>() + 1);
  fs::remove_all(dir);
}

// Ctrl-C during a decomposed run: 130, the previous result folder untouched.
TEST(Cli, InterruptedDecomposedRunExits130AndLeavesTheResultFolderAsItWas) {
  const fs::path dir = temp_dir("silkgrid-cli");
  expect_clean_interrupt(dir, {"run", "--resolution", "3h", "--decompose", "benders"}, "Benders decomposition:", SIGINT,
                         800);
  fs::remove_all(dir);
}

// --aggregate segments:N solves N snapshots of variable length; a bad value is a bad command line.
TEST(Cli, AggregateIntoSegments) {
  const fs::path dir = temp_dir("silkgrid-cli");
  std::string out;
  ASSERT_EQ(run_command(program + " -q run builtin:demo --aggregate segments:40 --out " + (dir / "seg").string(), &out), 0)
      << out;
  const auto summary = read_json(dir / "seg" / "summary.json");
  EXPECT_EQ(summary["snapshots"], 40);
  // The segments' weights cover the whole horizon.
  ASSERT_EQ(run_command(program + " -q run builtin:demo --out " + (dir / "all").string(), &out), 0) << out;
  EXPECT_NEAR(summary["hours"].get<double>(), read_json(dir / "all" / "summary.json")["hours"].get<double>(), 1e-9);
  for (const char* bad : {"segments:0", "segments:", "segments:-3", "weeks:4", "segments:1e3", "segments:99999999999"})
    EXPECT_EQ(run_command(program + " -q run builtin:demo --aggregate " + bad + " --out " + (dir / "bad").string(), &out), 64)
        << bad << ": " << out;
  fs::remove_all(dir);
}
