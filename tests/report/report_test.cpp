// The report's data from a result folder, with figures worked out by hand, and its HTML.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "report/compare.hpp"
#include "report/data.hpp"
#include "report/html.hpp"
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
