// Fuzz target: the PyPSA folder reader (io::read_pypsa_folder). Each "#==> NAME.csv <==" section
// of the input becomes a file of a network folder (the text before the first section is
// buses.csv); the LP of every network that reads is checked too.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/logger.hpp"
#include "fuzz/harness.hpp"
#include "io/pypsa_reader.hpp"

namespace {
std::filesystem::path folder() {
  static const std::filesystem::path path = [] {
    auto p = std::filesystem::temp_directory_path() / ("silkgrid-fuzz-pypsa-" + std::to_string(::getpid()));
    return p;
  }();
  return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace silkgrid;
  const fuzz::Files files = fuzz::split(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto dir = folder();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "buses.csv", std::ios::binary) << files.main;
  for (const auto& [name, text] : files.named) {
    // Only plain names of CSV files inside the folder: the input chooses contents, not paths.
    if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos ||
        name == "." || name == ".." || name.size() > 64)
      continue;
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  std::string messages;
  core::Logger log = core::capturing_logger(messages, core::LogLevel::warning);
  model::Study study;
  const bool ok = fuzz::expect_clean([&] { study = io::read_pypsa_folder(dir.string(), log); });
  if (ok) fuzz::check_lp(study);
  std::filesystem::remove_all(dir, ec);
  return 0;
}
