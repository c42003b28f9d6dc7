// A decomposed run over MPI (mpirun from Debian's Open MPI, as the README's command line): the
// same answer as one process, to the last digit, whatever the number of ranks; only rank 0
// writes; an error on one rank ends them all.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "support/studies.hpp"

namespace fs = std::filesystem;
using silkgrid::test::run_command;
using silkgrid::test::temp_dir;

namespace {

const std::string program = SILKGRID_BINARY;
// As the README documents it for one machine; `timeout` turns a hang into a failure.
std::string mpirun(int ranks) {
  return "timeout 300 mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " + program;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The files of a result folder, but the timings (decomposition.csv's seconds, summary's timings).
std::map<std::string, std::string> results_of(const fs::path& folder) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    std::string text = read_text(e.path());
    if (name == "summary.json") {
      auto j = nlohmann::json::parse(text);
      j.erase("timings_s");
      j["decomposition"].erase("ranks");
      text = j.dump();
    } else if (name == "decomposition.csv") {
      std::stringstream in(text), kept;
      std::string line;
      while (std::getline(in, line)) {  // iteration, bounds, gap; cuts, stabilised
        std::vector<std::string> cells;
        std::stringstream l(line);
        for (std::string c; std::getline(l, c, ',');) cells.push_back(c);
        EXPECT_EQ(cells.size(), 10u) << line;
        if (cells.size() != 10) continue;
        kept << cells[0] << cells[1] << cells[2] << cells[3] << cells[8] << cells[9] << '\n';
      }
      text = kept.str();
    }
    out[name] = text;
  }
  return out;
}

bool have_mpirun() { return std::system("command -v mpirun >/dev/null 2>&1") == 0; }

TEST(Mpi, TwoAndThreeRanksGiveTheOneProcessResultsToTheLastDigit) {
  ASSERT_TRUE(have_mpirun()) << "scripts/setup.sh installs Open MPI (openmpi-bin)";
  const fs::path dir = temp_dir("silkgrid-mpi");
  // The corridor: storage carried across subperiods, renewable shares across the year, every
  // asset kind extendable; 13 subperiods, so that 3 ranks get 5, 4 and 4.
  const std::string args = " -q run --resolution 24h --decompose benders --subperiod-hours 720 --gap 1e-6 --out ";
  std::string out;
  ASSERT_EQ(run_command(program + args + (dir / "one").string(), &out), 0) << out;
  const auto one = results_of(dir / "one");
  for (int ranks : {2, 3}) {
    const fs::path folder = dir / ("ranks-" + std::to_string(ranks));
    ASSERT_EQ(run_command(mpirun(ranks) + args + folder.string(), &out), 0) << out;
    const auto many = results_of(folder);
    ASSERT_EQ(many.size(), one.size());
    for (const auto& [name, text] : one) EXPECT_EQ(many.at(name), text) << name << " with " << ranks << " ranks";
    const auto summary = nlohmann::json::parse(read_text(folder / "summary.json"));
    EXPECT_EQ(summary["decomposition"]["ranks"], ranks);
    EXPECT_TRUE(summary["decomposition"]["converged"].get<bool>());
  }
  // Only rank 0 wrote: nothing beside the folders but what the runs were asked for.
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 3);
  fs::remove_all(dir);
}

// The appraisal's with/without runs happen on every rank, the main solve across them: the same
// projects.json as one process.
TEST(Mpi, AppraisalOverTwoRanksIsTheOneProcessAppraisal) {
  ASSERT_TRUE(have_mpirun());
  const fs::path dir = temp_dir("silkgrid-mpi");
  const std::string args = " -q appraise --resolution 24h --decompose benders --subperiod-hours 2200 --gap 1e-6 --out ";
  std::string out;
  ASSERT_EQ(run_command(program + args + (dir / "one").string(), &out), 0) << out;
  ASSERT_EQ(run_command(mpirun(2) + args + (dir / "two").string(), &out), 0) << out;
  EXPECT_EQ(read_text(dir / "two" / "projects.json"), read_text(dir / "one" / "projects.json"));
  EXPECT_EQ(read_text(dir / "two" / "cashflows.csv"), read_text(dir / "one" / "cashflows.csv"));
  fs::remove_all(dir);
}

// Coalitions over two ranks: the coalitions are spread over the ranks, the file is the same,
// exact (four countries: every coalition) and sampled (the orders come from the seed alone).
TEST(Mpi, CoalitionsOverTwoRanksAreTheOneProcessCoalitions) {
  ASSERT_TRUE(have_mpirun());
  const fs::path dir = temp_dir("silkgrid-mpi-coal");
  std::ofstream(dir / "study.yaml") << R"(study: {name: star, snapshots: 24}
carriers: [{name: gas}]
regions: [{name: H, country: HH}, {name: A, country: AA}, {name: B, country: BB}, {name: C, country: CC}]
loads: [{name: la, region: A, p_mw: 200}, {name: lb, region: B, p_mw: 200}, {name: lc, region: C, p_mw: 200}]
generators:
  - {name: cheap, region: H, carrier: gas, p_nom_mw: 150, vom_eur_per_mwh: 10}
  - {name: da, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 40}
  - {name: db, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}
  - {name: dc, region: C, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 60}
links:
  - {name: ha, from: H, to: A, p_nom_mw: 100, efficiency: 1}
  - {name: hb, from: H, to: B, p_nom_mw: 100, efficiency: 1}
  - {name: hc, from: H, to: C, p_nom_mw: 100, efficiency: 1}
)";
  const std::string study = (dir / "study.yaml").string();
  std::string out;
  for (const std::string mode : {"", " --samples 7"}) {
    const std::string args = " -q coalitions " + study + mode + " --out ";
    ASSERT_EQ(run_command(program + args + (dir / "one").string(), &out), 0) << out;
    ASSERT_EQ(run_command(mpirun(2) + args + (dir / "two").string(), &out), 0) << out;
    EXPECT_EQ(read_text(dir / "two" / "coalitions.json"), read_text(dir / "one" / "coalitions.json")) << mode;
    fs::remove_all(dir / "one");
    fs::remove_all(dir / "two");
  }
  fs::remove_all(dir);
}

// Rank 0 alone cannot write (--out is a file): it says so, every rank stops (no hang), the
// exit status is not 0, and the file is untouched.
TEST(Mpi, AnErrorOnRankZeroEndsEveryRank) {
  ASSERT_TRUE(have_mpirun());
  const fs::path dir = temp_dir("silkgrid-mpi");
  std::ofstream(dir / "taken") << "not a folder\n";
  std::string out;
  const int code = run_command(mpirun(2) + " run --resolution 24h --decompose benders --out " + (dir / "taken").string(), &out);
  EXPECT_NE(code, 0) << out;
  EXPECT_NE(code, 124) << "timed out: a rank waited forever\n" << out;
  EXPECT_NE(out.find("error:"), std::string::npos) << out;
  EXPECT_EQ(read_text(dir / "taken"), "not a folder\n");
  // Bad input: every rank meets it, rank 0 says it once.
  std::ofstream(dir / "bad.yaml") << "study: {name: x\n";
  EXPECT_EQ(run_command(mpirun(2) + " run " + (dir / "bad.yaml").string() + " --out " + (dir / "never").string(), &out) == 0,
            false);
  EXPECT_FALSE(fs::exists(dir / "never"));
  fs::remove_all(dir);
}

}  // namespace
