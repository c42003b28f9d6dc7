// silkgrid ensemble end to end: the same files whatever the threads and ranks, capacities
// from a run's folder, bad input; and run --weather-years against the monolithic LP.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/studies.hpp"

namespace fs = std::filesystem;
using silkgrid::test::run_command;
using silkgrid::test::temp_dir;

namespace {

const std::string program = SILKGRID_BINARY;

// Two regions with generated weather, a gas fleet and a cable with outages, wind to build.
const char* study_yaml = R"(study: {name: ens, resolution_hours: 24}
weather:
  seed: 3
  solar: [{name: sun, lat: 41, lon: 45, capacity_factor: 0.2}]
  wind: [{name: breeze, lat: 44, lon: 28, capacity_factor: 0.3}]
  load: [{name: demand, lat: 44, lon: 26, annual_twh: 8.76, peak_mw: 1500, heating: 0.2}]
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}, {name: solar, renewable: true}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: l, region: B, profile: demand}]
generators:
  - {name: gas-B, region: B, carrier: gas, p_nom_mw: 1300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 30, units: 5,
     forced_outage_rate: 0.08, mean_time_to_repair_h: 40, maintenance_weeks: 2}
  - {name: wind-A, region: A, carrier: wind, extendable: true, p_nom_max_mw: 3000, capex_eur_per_kw: 1200,
     lifetime_years: 25, p_max_pu: breeze}
  - {name: pv-B, region: B, carrier: solar, p_nom_mw: 300, p_max_pu: sun}
links:
  - {name: cable, from: A, to: B, p_nom_mw: 800, kind: hvdc_subsea, length_km: 300, circuits: 2,
     failures_per_year: 0.3, per_100km: true, mean_time_to_repair_h: 500}
projects:
  - {name: windfarm, assets: [wind-A], country: AA, sponsor: test, status: financing,
     finance: {tranches: [{kind: commercial_debt, share: 0.7, rate: 0.07, tenor_years: 15}, {kind: equity, share: 0.3, rate: 0.12}]}}
)";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The files of an ensemble folder, but the timings of the plan's run (summary.json's).
std::map<std::string, std::string> files_of(const fs::path& folder) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name[0] == '.') continue;
    std::string text = read_text(e.path());
    if (name == "summary.json") {
      auto j = nlohmann::json::parse(text);
      j.erase("timings_s");
      if (j.contains("decomposition") && j["decomposition"].is_object()) j["decomposition"].erase("ranks");
      text = j.dump();
    }
    out[name] = text;
  }
  return out;
}

nlohmann::json json_of(const fs::path& file) { return nlohmann::json::parse(read_text(file)); }

}  // namespace

TEST(EnsembleCli, TheSameFilesWhateverTheThreadsAndRanks) {
  const fs::path dir = temp_dir("silkgrid-ens");
  std::ofstream(dir / "study.yaml") << study_yaml;
  const std::string study = (dir / "study.yaml").string();
  std::string out;
  ASSERT_EQ(run_command(program + " -q ensemble " + study + " --years 6 --threads 1 --out " + (dir / "one").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q ensemble " + study + " --years 6 --threads 2 --out " + (dir / "two").string(), &out), 0) << out;
  ASSERT_EQ(run_command("timeout 300 mpirun --allow-run-as-root --oversubscribe -np 2 " + program + " -q ensemble " + study +
                            " --years 6 --threads 1 --out " + (dir / "ranks").string(),
                        &out),
            0)
      << out;
  const auto one = files_of(dir / "one");
  for (const char* f : {"ensemble.json", "ensemble_years.csv", "critical_week.csv", "capacities.csv", "summary.json"})
    EXPECT_TRUE(one.count(f)) << f;
  EXPECT_EQ(one, files_of(dir / "two"));
  EXPECT_EQ(one, files_of(dir / "ranks"));
  const auto j = json_of(dir / "one" / "ensemble.json");
  EXPECT_EQ(j["years"], 6);
  EXPECT_EQ(j["year_seeds"].size(), 6u);
  EXPECT_EQ(j["capacities"], "solved");
  for (const char* q : {"lole_h_per_year", "eens_mwh_per_year", "unserved_share", "price_eur_per_mwh", "co2_t", "curtailment_mwh",
                        "exports_mwh", "dispatch_cost_eur"}) {
    ASSERT_TRUE(j["system"].contains(q)) << q;
    for (const char* s : {"mean", "std", "stderr", "p10", "p50", "p90", "worst"}) EXPECT_TRUE(j["system"][q].contains(s)) << q << s;
    EXPECT_LE(j["system"][q]["p10"].get<double>(), j["system"][q]["p90"].get<double>()) << q;
  }
  EXPECT_TRUE(j["links"]["cable"].contains("congestion_h"));
  // The cable's circuits fail: some years have less than all of it in service.
  EXPECT_LT(j["links"]["cable"]["available_share"]["mean"].get<double>(), 1.0);
  // One row per year and figure.
  std::stringstream rows(one.at("ensemble_years.csv"));
  std::string header;
  std::getline(rows, header);
  EXPECT_EQ(header, "year,seed,scope,name,quantity,value");
  fs::remove_all(dir);
}

TEST(EnsembleCli, CapacitiesFromARunsFolderAndBadInput) {
  const fs::path dir = temp_dir("silkgrid-ens");
  std::ofstream(dir / "study.yaml") << study_yaml;
  const std::string study = (dir / "study.yaml").string();
  std::string out;
  ASSERT_EQ(run_command(program + " -q run " + study + " --out " + (dir / "run").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q ensemble " + study + " --years 3 --out " + (dir / "solved").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q ensemble " + study + " --years 3 --capacities " + (dir / "run").string() + " --out " +
                            (dir / "given").string(),
                        &out),
            0)
      << out;
  const auto a = json_of(dir / "solved" / "ensemble.json"), b = json_of(dir / "given" / "ensemble.json");
  EXPECT_EQ(b["capacities"], (dir / "run").string());
  for (const char* q : {"dispatch_cost_eur", "co2_t", "eens_mwh_per_year"})
    EXPECT_NEAR(a["system"][q]["mean"].get<double>(), b["system"][q]["mean"].get<double>(),
                1e-6 * std::max(1.0, std::abs(a["system"][q]["mean"].get<double>())))
        << q;
  // An ensemble folder's capacities.csv reads back too.
  ASSERT_EQ(run_command(program + " -q ensemble " + study + " --years 3 --capacities " + (dir / "solved").string() + " --out " +
                            (dir / "again").string(),
                        &out),
            0)
      << out;
  // Bad input: a folder that is not there, a row that is not an asset of the study, no years.
  EXPECT_EQ(run_command(program + " -q ensemble " + study + " --years 2 --capacities " + (dir / "nowhere").string() + " --out " +
                            (dir / "x").string(),
                        &out),
            2);
  EXPECT_NE(out.find("capacities.csv"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "x"));
  fs::create_directories(dir / "bad");
  std::ofstream(dir / "bad" / "capacities.csv") << "asset,kind,optimal_mw,energy_capacity_mwh\nwind-A,generator,100,\nghost,generator,5,\n";
  EXPECT_EQ(run_command(program + " -q ensemble " + study + " --years 2 --capacities " + (dir / "bad").string() + " --out " +
                            (dir / "y").string(),
                        &out),
            2);
  EXPECT_NE(out.find("capacities.csv:3"), std::string::npos) << out;
  EXPECT_NE(out.find("ghost"), std::string::npos) << out;
  EXPECT_NE(run_command(program + " -q ensemble " + study + " --years 0", &out), 0);
  fs::remove_all(dir);
}

TEST(EnsembleCli, APlanOverTwoWeatherYearsIsTheMonolithicOne) {
  const fs::path dir = temp_dir("silkgrid-ens");
  std::ofstream(dir / "study.yaml") << study_yaml;
  const std::string study = (dir / "study.yaml").string();
  std::string out;
  ASSERT_EQ(run_command(program + " -q run " + study + " --weather-years 2 --decompose none --out " + (dir / "mono").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q run " + study + " --weather-years 2 --decompose benders --subperiod-hours 720 --out " +
                            (dir / "benders").string(),
                        &out),
            0)
      << out;
  const auto mono = json_of(dir / "mono" / "summary.json"), benders = json_of(dir / "benders" / "summary.json");
  EXPECT_EQ(mono["weather_years"], 2);
  EXPECT_EQ(mono["snapshots"], 730);
  EXPECT_NEAR(mono["hours"].get<double>(), 8760.0, 1e-6);
  const double m = mono["objective_eur"].get<double>(), b = benders["objective_eur"].get<double>();
  EXPECT_NEAR(b, m, 1e-4 * m);
  // Windows never cross from one year into the next: 13 of 720 h (the last 48 h) per year.
  EXPECT_EQ(benders["decomposition"]["subperiods"], 26);
  // The plan over both years is the mean of the years' costs at one build-out: it lies between
  // (or at) the two one-year plans' optima for the same seeds.
  ASSERT_EQ(run_command(program + " -q run " + study + " --seed 3 --out " + (dir / "y3").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q run " + study + " --seed 4 --out " + (dir / "y4").string(), &out), 0) << out;
  const double y3 = json_of(dir / "y3" / "summary.json")["objective_eur"].get<double>();
  const double y4 = json_of(dir / "y4" / "summary.json")["objective_eur"].get<double>();
  EXPECT_GE(m, 0.5 * (y3 + y4) - 1e-6 * m);  // one build-out for both costs at least the mean of the two best
  EXPECT_LE(m, std::max(y3, y4) + 0.05 * m);
  fs::remove_all(dir);
}

TEST(EnsembleCli, AppraiseOverAnEnsembleGivesP90RevenueAndDscr) {
  const fs::path dir = temp_dir("silkgrid-ens");
  std::ofstream(dir / "study.yaml") << study_yaml;
  const std::string study = (dir / "study.yaml").string();
  std::string out;
  ASSERT_EQ(run_command(program + " -q ensemble " + study + " --years 10 --out " + (dir / "ens").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " appraise " + study + " --no-system-value --ensemble " + (dir / "ens").string() + " --out " +
                            (dir / "app").string(),
                        &out),
            0)
      << out;
  EXPECT_NE(out.find("DSCR P90"), std::string::npos) << out;
  // The per-year figures, by hand: P90 = the 10th percentile (linear between order statistics).
  std::vector<double> revenue, dscr;
  std::stringstream rows(read_text(dir / "ens" / "ensemble_years.csv"));
  std::string line;
  std::getline(rows, line);
  while (std::getline(rows, line)) {
    std::vector<std::string> c;
    std::stringstream l(line);
    for (std::string x; std::getline(l, x, ',');) c.push_back(x);
    if (c[2] == "projects" && c[3] == "windfarm" && c[4] == "revenue_eur") revenue.push_back(std::stod(c[5]));
    if (c[2] == "projects" && c[3] == "windfarm" && c[4] == "dscr_min") dscr.push_back(std::stod(c[5]));
  }
  ASSERT_EQ(revenue.size(), 10u);
  ASSERT_EQ(dscr.size(), 10u);
  std::sort(revenue.begin(), revenue.end());
  std::sort(dscr.begin(), dscr.end());
  const auto p10 = [](const std::vector<double>& v) { return v[0] + 0.9 * (v[1] - v[0]); };  // position 0.1 · 9 = 0.9
  const auto j = json_of(dir / "app" / "projects.json");
  const auto& e = j["projects"][0]["ensemble"];
  EXPECT_EQ(e["years"], 10);
  EXPECT_NEAR(e["p90_revenue_eur"].get<double>(), p10(revenue), 1e-6 * revenue.back());
  EXPECT_NEAR(e["dscr_at_p90"].get<double>(), p10(dscr), 1e-9);
  EXPECT_NEAR(e["p50_revenue_eur"].get<double>(), 0.5 * (revenue[4] + revenue[5]), 1e-6 * revenue.back());
  const double below = static_cast<double>(std::count_if(dscr.begin(), dscr.end(), [](double d) { return d < 1.2; })) / 10.0;
  EXPECT_DOUBLE_EQ(e["probability_dscr_below_1_2"].get<double>(), below);
  EXPECT_LE(e["p90_revenue_eur"].get<double>(), e["p50_revenue_eur"].get<double>());
  // A folder that is not an ensemble: an input error before any solve.
  EXPECT_EQ(run_command(program + " -q appraise " + study + " --ensemble " + (dir / "app").string() + " --out " + (dir / "z").string(), &out), 2);
  EXPECT_NE(out.find("ensemble.json"), std::string::npos) << out;
  fs::remove_all(dir);
}

TEST(EnsembleCli, CoalitionsOfThreeCountriesByHand) {
  // A (cheap gas, 10 EUR/MWh) cabled to B and to C, which each have a load of 100 MW and dear gas
  // (50 EUR/MWh); the cables carry 60 MW each, A's gas 200 MW. A coalition of A with B saves
  // 40 EUR/MWh on 60 MW, as A with C; B and C alone (no cable between them) save nothing; all three
  // save both. Over 24 h: v(AB) = v(AC) = 57,600, v(BC) = 0, v(ABC) = 115,200 — A is needed for
  // either, so φ_A = 57,600 and φ_B = φ_C = 28,800 (each pair's saving split half and half).
  const fs::path dir = temp_dir("silkgrid-coal");
  std::ofstream(dir / "study.yaml") << R"(study: {name: coal, snapshots: 24}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}, {name: C, country: CC}]
loads: [{name: lb, region: B, p_mw: 100}, {name: lc, region: C, p_mw: 100}]
generators:
  - {name: cheap, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 10}
  - {name: dear-B, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}
  - {name: dear-C, region: C, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}
links:
  - {name: ab, from: A, to: B, p_nom_mw: 60, efficiency: 1}
  - {name: ac, from: A, to: C, p_nom_mw: 60, efficiency: 1}
)";
  std::string out;
  ASSERT_EQ(run_command(program + " coalitions " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out), 0)
      << out;
  const auto j = json_of(dir / "out" / "coalitions.json");
  EXPECT_EQ(j["countries"], nlohmann::json::array({"AA", "BB", "CC"}));
  std::map<std::string, double> v;
  for (const auto& e : j["values"]) {
    std::string key;
    for (const auto& m : e["members"]) key += m.get<std::string>();
    v[key] = e["value_eur"].get<double>();
  }
  EXPECT_NEAR(v["AABB"], 57600, 1e-6);
  EXPECT_NEAR(v["AACC"], 57600, 1e-6);
  EXPECT_NEAR(v["BBCC"], 0, 1e-6);
  EXPECT_NEAR(v["AABBCC"], 115200, 1e-6);
  EXPECT_NEAR(j["shapley_eur"]["AA"].get<double>(), 57600, 1e-6);
  EXPECT_NEAR(j["shapley_eur"]["BB"].get<double>(), 28800, 1e-6);
  EXPECT_NEAR(j["shapley_eur"]["CC"].get<double>(), 28800, 1e-6);
  EXPECT_EQ(j["in_core"], true);
  EXPECT_GE(j["least_core"]["epsilon_eur"].get<double>(), -1e-6);
  EXPECT_NE(out.find("Shapley in the core: yes"), std::string::npos) << out;
  // Bad input: a country the study does not have.
  EXPECT_EQ(run_command(program + " -q coalitions " + (dir / "study.yaml").string() + " --countries AA,ZZ --out " +
                            (dir / "x").string(),
                        &out),
            2);
  EXPECT_NE(out.find("'ZZ' is not a country"), std::string::npos) << out;
  fs::remove_all(dir);
}

TEST(EnsembleCli, SampledShapleyOfTwelveCountriesByHand) {
  // A hub (HUB: cheap gas, 10 EUR/MWh, 10 GW) cabled to 11 spokes S01 … S11, each with a load of
  // 200 MW and dear gas (50 EUR/MWh); spoke i's cable carries 10 · i MW. A coalition saves
  // 40 EUR/MWh · 10 · i MW · 24 h = 9,600 · i on each spoke i it holds with the hub, so
  // v(S) = 9,600 · Σ_{i ∈ S} i when the hub is in S, else 0. Each spoke's saving needs the hub
  // and the spoke, so the Shapley value gives each half: φ_i = 4,800 · i, φ_hub = 4,800 · 66.
  // Twelve countries are beyond the exact method: the value is estimated from sampled orders.
  const fs::path dir = temp_dir("silkgrid-coal12");
  std::string yaml = "study: {name: star, snapshots: 24}\ncarriers: [{name: gas}]\nregions:\n  - {name: H, country: HUB}\n";
  std::string loads = "loads:\n", gens = "generators:\n  - {name: cheap, region: H, carrier: gas, p_nom_mw: 10000, vom_eur_per_mwh: 10}\n",
              links = "links:\n";
  for (int i = 1; i <= 11; ++i) {
    const std::string c = fmt::format("S{:02d}", i);
    yaml += fmt::format("  - {{name: R{}, country: {}}}\n", i, c);
    loads += fmt::format("  - {{name: l{}, region: R{}, p_mw: 200}}\n", i, i);
    gens += fmt::format("  - {{name: dear{}, region: R{}, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}}\n", i, i);
    links += fmt::format("  - {{name: c{}, from: H, to: R{}, p_nom_mw: {}, efficiency: 1}}\n", i, i, 10 * i);
  }
  std::ofstream(dir / "study.yaml") << yaml << loads << gens << links;
  std::string out;
  ASSERT_EQ(run_command(program + " coalitions " + (dir / "study.yaml").string() + " --samples 30 --threads 2 --out " +
                            (dir / "out").string(),
                        &out),
            0)
      << out;
  const auto j = json_of(dir / "out" / "coalitions.json");
  EXPECT_EQ(j["method"], "sampled");
  EXPECT_EQ(j["samples"], 30);
  ASSERT_EQ(j["countries"].size(), 12u);
  EXPECT_EQ(j["countries"][0], "HUB");
  // Every coalition solved has the value of the formula.
  ASSERT_GT(j["values"].size(), 30u);
  for (const auto& e : j["values"]) {
    bool hub = false;
    int spokes = 0;
    for (const auto& m : e["members"]) {
      const std::string c = m.get<std::string>();
      if (c == "HUB") hub = true;
      else spokes += std::stoi(c.substr(1));
    }
    EXPECT_NEAR(e["value_eur"].get<double>(), hub ? 9600.0 * spokes : 0.0, 1e-6) << e.dump();
  }
  // The estimate: within four standard errors of the exact value, efficient, and for the hub,
  // whose marginal depends on the spokes before it, with an error > 0.
  double sum = 0;
  for (const auto& c : j["countries"]) {
    const std::string name = c.get<std::string>();
    const double exact = name == "HUB" ? 4800.0 * 66 : 4800.0 * std::stoi(name.substr(1));
    const double se = j["shapley_standard_error_eur"][name].get<double>();
    EXPECT_NEAR(j["shapley_eur"][name].get<double>(), exact, 4 * se + 1e-6) << name;
    sum += j["shapley_eur"][name].get<double>();
  }
  EXPECT_NEAR(sum, 9600.0 * 66, 1e-6);
  EXPECT_GT(j["shapley_standard_error_eur"]["HUB"].get<double>(), 0.0);
  EXPECT_TRUE(j["least_core"].is_null());
  EXPECT_NE(out.find("sampled orders"), std::string::npos) << out;
  // The same answer with one thread.
  ASSERT_EQ(run_command(program + " -q coalitions " + (dir / "study.yaml").string() + " --samples 30 --threads 1 --out " +
                            (dir / "one").string(),
                        &out),
            0)
      << out;
  EXPECT_EQ(json_of(dir / "one" / "coalitions.json")["shapley_eur"], j["shapley_eur"]);
  fs::remove_all(dir);
}

TEST(EnsembleCli, ShareWritesTheTableAndSharingJsonByHand) {
  // The cable of tests/appraise/sharing_test.cpp (worked out there): one snapshot of 2 h, A exports
  // 100 MW to B at efficiency 0.9. AA: ΔCS −2,000, ΔPS +3,000, ΔCR +700, hosted 250 (the rent's
  // split); BB: ΔCS +8,000, ΔPS −6,000, ΔCR +700, hosted 250. Both gain: no compensation.
  const fs::path dir = temp_dir("silkgrid-share");
  std::ofstream(dir / "study.yaml") << silkgrid::test::cable_between_two_countries;
  std::string out;
  ASSERT_EQ(run_command(program + " share " + (dir / "study.yaml").string() + " --project cable --out " + (dir / "out").string(), &out), 0)
      << out;
  EXPECT_NE(out.find("project cable: by country"), std::string::npos) << out;
  EXPECT_NE(out.find("AA"), std::string::npos) << out;
  EXPECT_NE(out.find("total"), std::string::npos) << out;
  const auto j = json_of(dir / "out" / "sharing.json");
  EXPECT_EQ(j["project"], "cable");
  const auto& a = j["countries"]["AA"];
  const auto& b = j["countries"]["BB"];
  EXPECT_NEAR(a["delta_consumer_surplus_eur"].get<double>(), -2000, 1e-6);
  EXPECT_NEAR(a["delta_producer_surplus_eur"].get<double>(), 3000, 1e-6);
  EXPECT_NEAR(a["delta_congestion_rent_eur"].get<double>(), 700, 1e-6);
  EXPECT_NEAR(a["delta_welfare_eur"].get<double>(), 1700, 1e-6);
  EXPECT_NEAR(a["hosted_cost_eur"].get<double>(), 250, 1e-6);
  EXPECT_NEAR(a["net_impact_eur"].get<double>(), 1450, 1e-6);
  EXPECT_NEAR(b["delta_consumer_surplus_eur"].get<double>(), 8000, 1e-6);
  EXPECT_NEAR(b["net_impact_eur"].get<double>(), 2450, 1e-6);
  EXPECT_EQ(a["compensation_eur"].get<double>(), 0.0);
  EXPECT_EQ(b["compensation_eur"].get<double>(), 0.0);
  // Bad input: a project the study does not have, and a threshold out of range.
  EXPECT_EQ(run_command(program + " -q share " + (dir / "study.yaml").string() + " --project nope --out " + (dir / "x").string(), &out), 2);
  EXPECT_NE(out.find("nope"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "x" / "sharing.json"));
  EXPECT_NE(run_command(program + " -q share " + (dir / "study.yaml").string() + " --project cable --threshold 2 --out " +
                            (dir / "y").string(),
                        &out),
            0);
  EXPECT_FALSE(fs::exists(dir / "y" / "sharing.json"));
  fs::remove_all(dir);
}

TEST(EnsembleCli, ScenariosThroughTheCommandLine) {
  // One region, 100 MW for 24 h, gas at 50 EUR/MWh: 120,000 EUR. Scenario cheap-gas: 20 EUR/MWh,
  // 48,000 EUR. The scenario is in summary.json and study.json, and compare labels it.
  const fs::path dir = temp_dir("silkgrid-scen");
  std::ofstream(dir / "study.yaml") << R"(study: {name: sc, snapshots: 24}
carriers: [{name: gas}]
regions: [{name: A, country: AA}]
loads: [{name: l, region: A, p_mw: 100}]
generators: [{name: gas, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}]
scenarios:
  cheap-gas:
    generators: [{name: gas, vom_eur_per_mwh: 20}]
)";
  const std::string study = (dir / "study.yaml").string();
  std::string out;
  ASSERT_EQ(run_command(program + " -q run " + study + " --out " + (dir / "base").string(), &out), 0) << out;
  ASSERT_EQ(run_command(program + " -q run " + study + " --scenario cheap-gas --out " + (dir / "cheap").string(), &out), 0) << out;
  const auto a = json_of(dir / "base" / "summary.json"), b = json_of(dir / "cheap" / "summary.json");
  EXPECT_NEAR(a["objective_eur"].get<double>(), 120000, 1e-6);
  EXPECT_NEAR(b["objective_eur"].get<double>(), 48000, 1e-6);
  EXPECT_TRUE(a["scenario"].is_null());
  EXPECT_EQ(b["scenario"], "cheap-gas");
  EXPECT_EQ(json_of(dir / "cheap" / "study.json")["scenarios"], nlohmann::json::array({"cheap-gas"}));
  ASSERT_EQ(run_command(program + " compare " + (dir / "base").string() + " " + (dir / "cheap").string(), &out), 0) << out;
  EXPECT_NE(out.find("(scenario cheap-gas)"), std::string::npos) << out;
  // An unknown scenario: exit 2, the message names it and the study's, and no folder is written.
  EXPECT_EQ(run_command(program + " -q run " + study + " --scenario cheap --out " + (dir / "x").string(), &out), 2);
  EXPECT_NE(out.find("no scenario 'cheap'"), std::string::npos) << out;
  EXPECT_NE(out.find("cheap-gas"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "x"));
  fs::remove_all(dir);
}

TEST(EnsembleCli, TradeByOriginNetExportsAndCountryGoalsInSummaryJson) {
  // The chain of tests/model/tracing_test.cpp over 24 h: 150 MW exported at AZ's market, of which
  // Uzbekistan's 150 · 80/170 MW. Uzbekistan's goal of 0.002 TWh: 70.59 · 24 MWh = 0.00169 TWh of
  // its own, not met, although all exports (0.0036 TWh) would meet it.
  const fs::path dir = temp_dir("silkgrid-trade");
  std::ofstream(dir / "study.yaml") << silkgrid::test::chain_uz_kz_az(24)
                                    << "export_targets:\n  - {name: uz-goal, markets: [EU], twh: 0.002, country: UZ}\n";
  std::string out;
  ASSERT_EQ(run_command(program + " run " + (dir / "study.yaml").string() + " --out " + (dir / "out").string(), &out), 0) << out;
  const auto j = json_of(dir / "out" / "summary.json");
  EXPECT_NEAR(j["net_exports_mwh"].get<double>(), 150.0 * 24, 1e-6);
  EXPECT_NEAR(j["exports_by_origin_mwh"]["UZ"].get<double>(), 150.0 * 80 / 170 * 24, 1e-6);
  EXPECT_NEAR(j["exports_by_origin_mwh"]["KZ"].get<double>(), 150.0 * 40 / 170 * 24, 1e-6);
  EXPECT_NEAR(j["exports_by_origin_mwh"]["AZ"].get<double>(), 150.0 * 50 / 170 * 24, 1e-6);
  const auto& t = j["export_targets"][0];
  EXPECT_EQ(t["country"], "UZ");
  EXPECT_NEAR(t["country_exports_twh"].get<double>(), 150.0 * 80 / 170 * 24 / 1e6, 1e-12);
  EXPECT_NEAR(t["exports_twh"].get<double>(), 150.0 * 24 / 1e6, 1e-12);
  EXPECT_EQ(t["met"], false);
  EXPECT_NE(out.find("exports by origin"), std::string::npos) << out;
  EXPECT_NE(out.find("UZ's own exports"), std::string::npos) << out;
  EXPECT_NE(out.find("not met"), std::string::npos) << out;
  fs::remove_all(dir);
}
