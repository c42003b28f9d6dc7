// The report's data from a result folder, with figures worked out by hand, and its HTML.
#include <gtest/gtest.h>

#include <filesystem>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "report/compare.hpp"
#include "report/data.hpp"
#include "report/html.hpp"
#include "support/fixtures.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {
const std::string program = SILKGRID_BINARY;

// Four hours: B (AZ) needs 100 MW; gas at A (KZ) sends 125 MW over a 0.8 cable; a battery at B
// that never pays (flat price) and an export market at A that pays less than gas costs.
const char* study = R"(study: {name: reported, snapshots: 4}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}]
regions: [{name: A, country: KZ, lat: 43.6, lon: 51.2}, {name: B, country: AZ, lat: 40.4, lon: 49.9}]
loads: [{name: load-B, region: B, p_mw: 100}]
generators: [{name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 20}]
links: [{name: cable, from: A, to: B, p_nom_mw: 150, efficiency: 0.8, bidirectional: false}]
lines: [{name: ac, from: A, to: B, x_ohm: 1, v_nom_kv: 1, p_nom_mw: 0}]
storage: [{name: battery, region: B, p_nom_mw: 10, max_hours: 2}]
markets: [{name: eu, region: A, export_price_eur_per_mwh: 10, max_export_mw: 50}]
export_targets: [{name: goal, markets: [eu], twh: 0.001, note: by hand}]
)";
}  // namespace

TEST(Report, DataFromAResultFolder) {
  const fs::path dir = test::temp_dir("silkgrid-report");
  std::ofstream(dir / "study.yaml") << study;
  std::string out;
  ASSERT_EQ(test::run_command(program + " -q run " + (dir / "study.yaml").string() + " --out " + (dir / "run").string() +
                                  " --report",
                              &out),
            0)
      << out;
  const auto d = report::report_data((dir / "run").string());
  EXPECT_EQ(d["study"], "reported");
  // Balance by country (KZ, AZ): KZ makes 4·125 MWh and exports them; AZ imports 0.8 of that.
  EXPECT_EQ(d["balance"]["countries"], nlohmann::json::array({"KZ", "AZ"}));
  EXPECT_NEAR(d["balance"]["generation"][0].get<double>(), 500.0, 1e-6);
  EXPECT_NEAR(d["balance"]["exports"][0].get<double>(), 500.0, 1e-6);
  EXPECT_NEAR(d["balance"]["imports"][1].get<double>(), 400.0, 1e-6);
  EXPECT_NEAR(d["balance"]["demand"][1].get<double>(), 400.0, 1e-6);
  EXPECT_NEAR(d["balance"]["unserved"][1].get<double>(), 0.0, 1e-9);
  // Capacity: 200 MW of gas at A, none at B, nothing new.
  EXPECT_NEAR(d["capacity"]["existing"]["gas"][0].get<double>(), 200.0, 1e-9);
  EXPECT_NEAR(d["capacity"]["existing"]["gas"][1].get<double>(), 0.0, 1e-9);
  // Map: the cable carries 500 MWh net at 125/150 of its capacity.
  const auto& link = d["map"]["links"][0];
  EXPECT_NEAR(link["net_mwh"].get<double>(), 500.0, 1e-6);
  EXPECT_NEAR(link["utilisation"].get<double>(), 125.0 / 150.0, 1e-9);
  EXPECT_NEAR(d["map"]["regions"][0]["lat"].get<double>(), 43.6, 1e-12);
  // A line of no capacity is drawn too, carrying nothing.
  ASSERT_EQ(d["map"]["links"].size(), 2u);
  EXPECT_EQ(d["map"]["links"][1]["name"], "ac");
  EXPECT_NEAR(d["map"]["links"][1]["net_mwh"].get<double>(), 0.0, 1e-9);
  // Dispatch: all four hours make one (short) week; gas at A, load and prices at B (40/0.8 = 50).
  EXPECT_EQ(d["dispatch"]["timestamps"].size(), 4u);
  ASSERT_EQ(d["dispatch"]["weeks"].size(), 1u);
  EXPECT_EQ(d["dispatch"]["weeks"][0]["end"], 4);
  EXPECT_EQ(d["dispatch"]["peak_week"], 0);
  EXPECT_NEAR(d["dispatch"]["regions"]["A"]["carriers"]["gas"][0].get<double>(), 125.0, 1e-6);
  EXPECT_NEAR(d["dispatch"]["regions"]["B"]["price"][0].get<double>(), 50.0, 1e-6);
  // Duration curves are sorted, storage levels present, CO2 by country: 500 MWh · 0.4 t at KZ.
  EXPECT_NEAR(d["duration"]["prices"]["B"][0].get<double>(), 50.0, 1e-6);
  EXPECT_EQ(d["storage"]["levels"]["battery"].size(), 4u);
  EXPECT_NEAR(d["co2"]["t"][0].get<double>(), 200.0, 1e-6);
  EXPECT_NEAR(d["markets"][0]["exports_mwh"].get<double>(), 0.0, 1e-9);
  EXPECT_NEAR(d["export_targets"][0]["twh"].get<double>(), 0.001, 1e-12);
  EXPECT_NEAR(d["export_targets"][0]["achieved_twh"].get<double>(), 0.0, 1e-12);
  EXPECT_TRUE(d["projects"].is_null());
  EXPECT_TRUE(d["portfolio"].is_null());
  // Flows each way on the map: the cable only forward (4 · 125 MWh sent), the line nothing.
  EXPECT_NEAR(link["forward_mwh"].get<double>(), 500.0, 1e-6);
  EXPECT_NEAR(link["backward_mwh"].get<double>(), 0.0, 1e-9);
  // The extent: the regions' box (lon 49.9–51.2, lat 40.4–43.6) and a margin of 2 degrees (a
  // fifth of either span is less).
  const auto& e = d["map"]["extent"];
  EXPECT_NEAR(e["lon_min"].get<double>(), 47.9, 1e-9);
  EXPECT_NEAR(e["lon_max"].get<double>(), 53.2, 1e-9);
  EXPECT_NEAR(e["lat_min"].get<double>(), 38.4, 1e-9);
  EXPECT_NEAR(e["lat_max"].get<double>(), 45.6, 1e-9);
  // Welfare: AZ's consumers pay 400 MWh at 50 EUR/MWh; KZ's gas earns its marginal cost (price
  // 40 at A), the cable's rent is 50 · 400 − 40 · 500 = 0; Σ welfare = −objective (20,000).
  ASSERT_TRUE(d["welfare"].is_object());
  ASSERT_EQ(d["welfare"]["countries"].size(), 2u);
  for (const auto& c : d["welfare"]["countries"]) {
    const bool az = c["country"] == "AZ";
    EXPECT_NEAR(c["consumer_surplus_eur"].get<double>(), az ? -20000.0 : 0.0, 1e-3) << c.dump();
    EXPECT_NEAR(c["producer_surplus_eur"].get<double>(), 0.0, 1e-3) << c.dump();
    EXPECT_NEAR(c["congestion_rent_eur"].get<double>(), 0.0, 1e-3) << c.dump();
    EXPECT_NEAR(c["welfare_eur"].get<double>(), az ? -20000.0 : 0.0, 1e-3) << c.dump();
    EXPECT_NEAR(c["lat"].get<double>(), az ? 40.4 : 43.6, 1e-12);
    EXPECT_NEAR(c["lon"].get<double>(), az ? 49.9 : 51.2, 1e-12);
  }
  EXPECT_NEAR(d["welfare"]["total"]["welfare_eur"].get<double>(), -20000.0, 1e-3);
  EXPECT_TRUE(d["finance"].is_null());  // a run, not an appraisal
  // The HTML: one file, with the library, the data and a policy that forbids any request.
  std::ifstream in(dir / "run" / "report.html");
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("window.SILKGRID = {"), std::string::npos);
  EXPECT_NE(html.find("echarts"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link "), std::string::npos);
  fs::remove_all(dir);
}

TEST(Report, DataIsSafeInsideAScriptElement) {
  nlohmann::json data = {{"study", "</script><b>x"}, {"assumptions", "a </script> b"}};
  const std::string html = report::report_html(data);
  const auto data_at = html.find("window.SILKGRID = ");
  ASSERT_NE(data_at, std::string::npos);
  const auto end = html.find("</script>", data_at);
  EXPECT_EQ(html.substr(data_at, end - data_at).find("</script"), std::string::npos);
  EXPECT_NE(html.find("<title>silkgrid report: &lt;/script>&lt;b>x</title>"), std::string::npos);
}

TEST(Report, AFolderThatIsNotAResultFolderIsAnError) {
  const fs::path dir = test::temp_dir("silkgrid-report");
  std::string out;
  EXPECT_EQ(test::run_command(program + " report " + dir.string(), &out), 6) << out;
  EXPECT_NE(out.find("summary.json"), std::string::npos) << out;
  fs::remove_all(dir);
}

// Two runs of the same study, gas at 20 and at 30 EUR/MWh of fuel (efficiency 0.5): the cost
// of 500 MWh of gas power rises by 500 · 20 = 10,000 EUR, and B's price by 20 / 0.8 = 25.
TEST(Report, CompareTwoRuns) {
  const fs::path dir = test::temp_dir("silkgrid-compare");
  std::ofstream(dir / "a.yaml") << study;
  std::string dear = study;
  dear.replace(dear.find("fuel_eur_per_mwh_fuel: 20"), 25, "fuel_eur_per_mwh_fuel: 30");
  std::ofstream(dir / "b.yaml") << dear;
  std::string out;
  for (const char* run : {"a", "b"})
    ASSERT_EQ(test::run_command(program + " -q run " + (dir / (std::string(run) + ".yaml")).string() + " --out " +
                                    (dir / run).string(),
                                &out),
              0)
        << out;
  ASSERT_EQ(test::run_command(program + " compare " + (dir / "a").string() + " " + (dir / "b").string(), &out), 0) << out;
  EXPECT_NE(out.find("objective_eur"), std::string::npos) << out;
  const auto differences = report::compare_runs((dir / "a").string(), (dir / "b").string());
  const auto find = [&](const std::string& figure) {
    for (const auto& d : differences)
      if (d.figure == figure) return d;
    ADD_FAILURE() << "no " << figure;
    return report::Difference{};
  };
  EXPECT_NEAR(find("objective_eur").change(), 10000.0, 1e-6);
  EXPECT_NEAR(find("objective_eur").relative(), 10000.0 / 20000.0, 1e-9);
  EXPECT_NEAR(find("price_eur_per_mwh.B").change(), 25.0, 1e-6);
  EXPECT_NEAR(find("co2_t").change(), 0.0, 1e-9);
  EXPECT_TRUE(fs::exists(dir / "b" / "compare.csv"));
  EXPECT_EQ(test::run_command(program + " compare " + (dir / "a").string() + " " + (dir / "nope").string(), &out), 6) << out;
  fs::remove_all(dir);
}

// A decomposed run's report has its convergence: one point per iteration, the bounds around the
// objective; a monolithic run's has none.
TEST(Report, DecomposedRunHasItsConvergence) {
  const fs::path dir = test::temp_dir("silkgrid-report");
  std::ofstream(dir / "study.yaml") << study;
  std::string out;
  ASSERT_EQ(test::run_command(program + " -q run " + (dir / "study.yaml").string() +
                                  " --decompose benders --subperiod-hours 2 --gap 1e-9 --out " + (dir / "run").string(),
                              &out),
            0)
      << out;
  const auto d = report::report_data((dir / "run").string());
  const auto& c = d["decomposition"];
  ASSERT_TRUE(c.is_object());
  const auto n = c["iteration"].size();
  ASSERT_GT(n, 0u);
  EXPECT_EQ(c["lower_bound_eur"].size(), n);
  EXPECT_EQ(c["summary"]["method"], "benders");
  const double objective = d["objective_eur"].get<double>();
  EXPECT_LE(c["lower_bound_eur"][n - 1].get<double>(), objective * (1 + 1e-9) + 1e-6);
  EXPECT_NEAR(c["upper_bound_eur"][n - 1].get<double>(), objective, 1e-9 * objective + 1e-6);
  ASSERT_EQ(test::run_command(program + " -q run " + (dir / "study.yaml").string() + " --out " + (dir / "mono").string(), &out), 0);
  EXPECT_TRUE(report::report_data((dir / "mono").string())["decomposition"].is_null());
  fs::remove_all(dir);
}

// The finance section of an appraisal's report: two PV plants of EUR 50 m (KZ: EU grant 20 %,
// EBRD concessional loan 40 %, the sponsor's equity 40 %) and EUR 30 m (AZ: BankB's commercial
// loan 70 %, equity 30 %), as tests/cli/cli_test.cpp's accounting study. Region B has no
// coordinates: the map's extent is A's alone.
TEST(Report, FinanceSankeyAndCountriesFromTheAccounting) {
  const fs::path dir = test::temp_dir("silkgrid-report");
  std::ofstream(dir / "study.yaml") << test::two_financed_pv_projects(", lat: 45, lon: 60");
  std::string out;
  ASSERT_EQ(test::run_command(program + " -q appraise " + (dir / "study.yaml").string() + " --no-system-value --report --out " +
                                  (dir / "r").string(),
                              &out),
            0)
      << out;
  const auto d = report::report_data((dir / "r").string());
  ASSERT_TRUE(d["finance"].is_object());
  const auto& f = d["finance"];
  // The Sankey: each flow by hand, in EUR m (equity: the default provider, "sponsor", in both).
  std::map<std::pair<std::string, std::string>, double> expected = {
      {{"provider:EU", "instrument:grant"}, 10}, {{"provider:EBRD", "instrument:concessional_debt"}, 20},
      {{"provider:sponsor", "instrument:equity"}, 20 + 9}, {{"provider:BankB", "instrument:commercial_debt"}, 21},
      {{"instrument:grant", "project:pv-a"}, 10}, {{"instrument:concessional_debt", "project:pv-a"}, 20},
      {{"instrument:equity", "project:pv-a"}, 20}, {{"instrument:equity", "project:pv-b"}, 9},
      {{"instrument:commercial_debt", "project:pv-b"}, 21}, {{"project:pv-a", "country:KZ"}, 50},
      {{"project:pv-b", "country:AZ"}, 30}};
  const auto& links = f["sankey"]["links"];
  ASSERT_EQ(links.size(), expected.size()) << links.dump();
  std::map<std::string, double> out_of_column;  // by the source's column
  for (const auto& l : links) {
    const std::pair<std::string, std::string> key{l["source"], l["target"]};
    ASSERT_TRUE(expected.count(key)) << l.dump();
    EXPECT_NEAR(l["value"].get<double>(), expected[key] * 1e6, 1e-3) << l.dump();
    const std::string source = key.first;
    out_of_column[source.substr(0, source.find(':'))] += l["value"].get<double>();
  }
  // Each column passes on all that is committed: EUR 80 m.
  ASSERT_EQ(out_of_column.size(), 3u);
  for (const auto& [column, total] : out_of_column) EXPECT_NEAR(total, 80e6, 1e-3) << column;
  std::set<std::string> nodes;
  for (const auto& n : f["sankey"]["nodes"]) nodes.insert(n["name"].get<std::string>());
  for (const auto& [key, value] : expected) {
    EXPECT_TRUE(nodes.count(key.first)) << key.first;
    EXPECT_TRUE(nodes.count(key.second)) << key.second;
  }
  EXPECT_EQ(nodes.size(), 4u + 4u + 2u + 2u);
  // By country: KZ 50 m committed, 30 m public (EU, EBRD), the sponsor's 20 m mobilised, all 30 m
  // public concessional (the EBRD loan's grant element 0.370 ≥ 0.35); AZ 30 m, all private.
  ASSERT_EQ(f["countries"].size(), 2u);
  const auto accounting = report::read_result_json((dir / "r" / "finance_accounting.json").string());
  for (const auto& row : f["countries"]) {
    const bool kz = row["country"] == "KZ";
    EXPECT_NEAR(row["committed_eur"].get<double>(), kz ? 50e6 : 30e6, 1e-3);
    EXPECT_NEAR(row["public_eur"].get<double>(), kz ? 30e6 : 0.0, 1e-3);
    EXPECT_NEAR(row["private_eur"].get<double>(), kz ? 20e6 : 30e6, 1e-3);
    EXPECT_NEAR(row["private_mobilised_eur"].get<double>(), kz ? 20e6 : 0.0, 1e-3);
    EXPECT_NEAR(row["concessional_eur"].get<double>(), kz ? 30e6 : 0.0, 1e-3);
    EXPECT_NEAR(row["concessional_share"].get<double>(), kz ? 0.6 : 0.0, 1e-12);
    if (kz)
      EXPECT_NEAR(row["mobilisation_ratio"].get<double>(), 2.0 / 3, 1e-12);
    else
      EXPECT_TRUE(row["mobilisation_ratio"].is_null());
    // And each figure is the accounting's own.
    const auto& own = accounting["countries"][row["country"].get<std::string>()];
    for (const char* key : {"committed_eur", "public_eur", "private_eur", "private_mobilised_eur", "mobilisation_ratio",
                            "concessional_eur", "concessional_share", "grant_element"})
      EXPECT_EQ(row[key], own[key]) << key;
  }
  // The portfolio's grant element: the grant's 10 m at 1, EBRD's 20 m at 0.37014 (1 %, 20 years,
  // 5 of grace, at 5 %), BankB's 21 m loan at 8 % over 10 years (its grant element worked out
  // here: 1 − PV at 5 % of its level annuity), the equity at 0; over 80 m.
  const double annuity = 0.08 / (1 - std::pow(1.08, -10));
  const double bank = 1 - annuity * (1 - std::pow(1.05, -10)) / 0.05;
  EXPECT_LT(bank, 0);
  EXPECT_NEAR(f["portfolio"]["grant_element"].get<double>(), (10e6 + 20e6 * 0.37014173763851843 + 21e6 * bank) / 80e6, 1e-9);
  EXPECT_NEAR(f["portfolio"]["mobilisation_ratio"].get<double>(), 20.0 / 30, 1e-12);
  EXPECT_NEAR(f["portfolio"]["committed_eur"].get<double>(), 80e6, 1e-3);
  // The map: only A has coordinates, so the extent is A's, 2 degrees each way; AZ's welfare has no place.
  const auto& e = d["map"]["extent"];
  EXPECT_NEAR(e["lon_min"].get<double>(), 58.0, 1e-12);
  EXPECT_NEAR(e["lon_max"].get<double>(), 62.0, 1e-12);
  EXPECT_NEAR(e["lat_min"].get<double>(), 43.0, 1e-12);
  EXPECT_NEAR(e["lat_max"].get<double>(), 47.0, 1e-12);
  for (const auto& c : d["welfare"]["countries"])
    if (c["country"] == "AZ") EXPECT_TRUE(c["lat"].is_null());
  // The page carries the section and the world's borders.
  std::ifstream in(dir / "r" / "report.html");
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("id=\"finance-sankey\""), std::string::npos);
  EXPECT_NE(html.find("window.SILKGRID_WORLD = {\"type\":\"Topology\""), std::string::npos);
  fs::remove_all(dir);
}

// A study without any coordinates has no extent (the report draws no map, and says so).
TEST(Report, NoCoordinatesNoExtent) {
  const fs::path dir = test::temp_dir("silkgrid-report");
  std::string plain = study;
  for (const char* at : {", lat: 43.6, lon: 51.2", ", lat: 40.4, lon: 49.9"}) plain.erase(plain.find(at), std::string(at).size());
  std::ofstream(dir / "study.yaml") << plain;
  std::string out;
  ASSERT_EQ(test::run_command(program + " -q run " + (dir / "study.yaml").string() + " --out " + (dir / "run").string(), &out), 0)
      << out;
  const auto d = report::report_data((dir / "run").string());
  EXPECT_TRUE(d["map"]["extent"].is_null());
  EXPECT_EQ(d["map"]["regions"].size(), 2u);
  fs::remove_all(dir);
}
