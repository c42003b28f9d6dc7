// The README's examples run as written: every ```yaml block and every example command line
// that is quick to run. An example that breaks (a renamed key, an infeasible study, a command
// that fails) fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "app/load.hpp"
#include "core/error.hpp"
#include "core/logger.hpp"
#include "core/time_axis.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

namespace fs = std::filesystem;
using silkgrid::test::run_command;
using silkgrid::test::temp_dir;

namespace {

const std::string program = SILKGRID_BINARY;
const fs::path source_dir = SILKGRID_SOURCE_DIR;

struct Block {
  std::string language;  // after the opening ```
  std::string text;
  int line = 0;          // of the opening ```
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Block> code_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line;
  int number = 0;
  Block* open = nullptr;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("```", 0) == 0) {
      if (open) {
        open = nullptr;
      } else {
        blocks.push_back({line.substr(3), "", number});
        open = &blocks.back();
      }
      continue;
    }
    if (open) open->text += line + "\n";
  }
  return blocks;
}

// The README's CSV example shows the first rows and "…": continue its rows (values cycled,
// timestamps at the shown step) up to `rows`.
std::string expand_csv(const std::string& shown, std::size_t rows) {
  std::istringstream in(shown);
  std::string header, line;
  std::getline(in, header);
  std::vector<std::pair<long long, std::string>> data;  // (seconds, values after the timestamp)
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("…", 0) == 0) continue;
    const auto comma = line.find(',');
    const auto seconds = silkgrid::core::timestamp_seconds(line.substr(0, comma));
    if (!seconds) ADD_FAILURE() << "not a timestamp in the README's CSV example: " << line;
    data.emplace_back(seconds.value_or(0), line.substr(comma));
  }
  EXPECT_GE(data.size(), 2u);
  if (data.size() < 2) return header + "\n";
  const long long step = data[1].first - data[0].first;
  std::string csv = header + "\n";
  for (std::size_t i = 0; i < rows; ++i) {
    const long long at = data[0].first + step * static_cast<long long>(i);
    const long long day = at / 86400, minutes = (at % 86400) / 60;
    // Days since 1970 → civil date (H. Hinnant's algorithm).
    const long long z = day + 719468, era = z / 146097, doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = yoe + era * 400 + (m <= 2);
    char stamp[96];
    std::snprintf(stamp, sizeof stamp, "%04lld-%02lld-%02lldT%02lld:%02lld", y, m, d, minutes / 60, minutes % 60);
    csv += stamp + data[i % data.size()].second + "\n";
  }
  return csv;
}

bool has_top_level_key(const std::string& yaml, const std::string& key) {
  return std::regex_search(yaml, std::regex("(^|\n)" + key + ":"));
}

// `host` with its top-level sections named in `fragment` replaced by the fragment's.
std::string merged_into(std::string host, const std::string& fragment) {
  const std::regex top_key(R"((^|\n)([a-z_]+):)");
  for (auto it = std::sregex_iterator(fragment.begin(), fragment.end(), top_key); it != std::sregex_iterator(); ++it) {
    const std::string key = (*it)[2];
    std::smatch at;
    if (!std::regex_search(host, at, std::regex("(^|\n)" + key + ":"))) continue;
    const std::size_t begin = static_cast<std::size_t>(at.position(0)) + at[1].length();
    std::size_t end = begin;
    while ((end = host.find('\n', end)) != std::string::npos && end + 1 < host.size() &&
           (host[end + 1] == ' ' || host[end + 1] == '#' || host[end + 1] == '\n'))
      ++end;
    host.erase(begin, end == std::string::npos ? std::string::npos : end + 1 - begin);
  }
  return host + fragment;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

// A whole study (it has regions) is solved by the program; a study section without regions
// gets one region; any other fragment (e.g. projects) is read within the corridor study,
// replacing the corridor's section of the same name.
TEST(Readme, EveryYamlExampleRunsAsWritten) {
  const std::string readme = read_text(source_dir / "README.md");
  const auto blocks = code_blocks(readme);
  const fs::path dir = temp_dir("silkgrid-readme");
  int whole = 0, fragments = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (blocks[b].language != "yaml") continue;
    const std::string& yaml = blocks[b].text;
    const std::string where = "README.md:" + std::to_string(blocks[b].line);
    const fs::path folder = dir / std::to_string(blocks[b].line);
    if (has_top_level_key(yaml, "regions") || has_top_level_key(yaml, "study")) {
      std::string study = yaml;
      if (!has_top_level_key(yaml, "regions")) study += "regions: [{name: A, country: KZ}]\n";
      write(folder / "study.yaml", study);
      std::smatch series;
      if (std::regex_search(yaml, series, std::regex(R"(timeseries: ([A-Za-z0-9_.-]+))"))) {
        // The CSV example right after the study.
        ASSERT_LT(b + 1, blocks.size()) << where;
        ASSERT_EQ(blocks[b + 1].text.rfind("timestamp,", 0), 0u) << where << ": expected its CSV example next";
        std::smatch snapshots;
        ASSERT_TRUE(std::regex_search(yaml, snapshots, std::regex(R"(snapshots: (\d+))"))) << where;
        write(folder / series[1].str(), expand_csv(blocks[b + 1].text, std::stoul(snapshots[1])));
      }
      std::string out;
      EXPECT_EQ(run_command(program + " -q run " + (folder / "study.yaml").string() + " --out " + (folder / "out").string(), &out), 0)
          << where << "\n" << out;
      if (fs::exists(folder / "out" / "summary.json")) {
        std::ifstream in(folder / "out" / "summary.json");
        const auto summary = nlohmann::json::parse(in);
        EXPECT_EQ(summary["status"], "optimal") << where;
        EXPECT_TRUE(std::isfinite(summary["objective_eur"].get<double>())) << where;
      }
      ++whole;
    } else {
      const std::string host = read_text(source_dir / "data" / "studies" / "corridor" / "study.yaml");
      std::string log_text;
      silkgrid::core::Logger log = silkgrid::core::capturing_logger(log_text, silkgrid::core::LogLevel::warning);
      const silkgrid::io::FileLoader none = [](const std::string& name) -> std::string {
        throw silkgrid::core::Error(silkgrid::core::ErrorKind::input, "no such file '" + name + "'");
      };
      silkgrid::io::ReadOptions strict;
      strict.generate_weather = silkgrid::app::weather_generator();
      strict.strict = true;
      try {
        silkgrid::io::read_study_text(merged_into(host, yaml), where, none, log, strict);
      } catch (const silkgrid::core::Error& e) {
        ADD_FAILURE() << where << ": " << e.what();
      }
      ++fragments;
    }
  }
  EXPECT_GE(whole, 2);  // "Study format" and the weather generator's
  EXPECT_GE(fragments, 1);
  fs::remove_all(dir);
}

// Example command lines (```sh blocks and `silkgrid …` in the text) without placeholders
// (STUDY, DIR, …) run in a scratch folder where `my-study` is a copy of the demo study. Runs
// that solve the corridor (minutes) are left to the CLI tests; everything else runs here.
TEST(Readme, ExampleCommandsRun) {
  const std::string readme = read_text(source_dir / "README.md");
  std::vector<std::string> commands;
  for (const Block& block : code_blocks(readme)) {
    if (block.language != "sh") continue;
    std::istringstream in(block.text);
    std::string line;
    while (std::getline(in, line)) {
      line = line.substr(0, line.find('#'));
      while (!line.empty() && line.back() == ' ') line.pop_back();
      if (line.rfind("silkgrid ", 0) == 0) commands.push_back(line);
    }
  }
  const std::regex inline_command("`(silkgrid [^`]+)`");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), inline_command); it != std::sregex_iterator(); ++it)
    if (std::count((*it)[1].first, (*it)[1].second, ' ') >= 2) commands.push_back((*it)[1]);

  const std::regex placeholder(R"((\b[A-Z][A-Z_]+\b)|…|\[|\|)");
  const std::regex slow(R"(^silkgrid (-q )?(run|appraise|portfolio|ensemble)\b)");
  const fs::path dir = temp_dir("silkgrid-readme");
  std::string out;
  ASSERT_EQ(run_command("cd " + dir.string() + " && " + program + " -q init my-study --study demo", &out), 0) << out;
  int ran = 0;
  for (const std::string& command : commands) {
    if (std::regex_search(command, placeholder)) continue;
    if (std::regex_search(command, slow) && command.find("--resolution 24h") == std::string::npos) continue;
    const std::string line = program + " -q" + command.substr(std::string("silkgrid").size());
    EXPECT_EQ(run_command("cd " + dir.string() + " && " + line, &out), 0) << command << "\n" << out;
    ++ran;
  }
  EXPECT_GE(ran, 3) << "the README's example commands were not found";
  fs::remove_all(dir);
}
