// Fuzz target: the study reader (io::read_study_text) and app::load's time step after it, with
// the files it loads taken from the input ("#==> series.csv <==" sections), and the LP of every
// study that reads.
#include "app/load.hpp"
#include "core/logger.hpp"
#include "fuzz/harness.hpp"
#include "io/study_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace silkgrid;
  const fuzz::Files files = fuzz::split(std::string_view(reinterpret_cast<const char*>(data), size));
  const io::FileLoader load = [&](const std::string& relative) {
    const auto found = files.named.find(relative);
    if (found == files.named.end())
      throw core::Error(core::ErrorKind::input, core::Context{relative, 0, 0, ""}, "no such file");
    return found->second;
  };
  std::string messages;
  core::Logger log = core::capturing_logger(messages, core::LogLevel::warning);
  model::Study study;
  io::ReadOptions options;
  options.generate_weather = app::weather_generator();
  // The reader, then app::load's time step (study.resolution_hours), as the command line runs them.
  if (!fuzz::expect_clean([&] {
        study = io::read_study_text(files.main, "study.yaml", load, log, options);
        app::time_step(study, study.file, "study.resolution_hours");
      }))
    return 0;
  fuzz::check_lp(study);
  // Each scenario the study holds (the first four), read as --scenario would: an overlay may
  // change, remove or add anything, and must still give a clean error or a study whose LP is sound.
  const std::vector<std::string> scenarios = study.settings.scenarios;
  for (std::size_t i = 0; i < scenarios.size() && i < 4; ++i) {
    options.scenario = scenarios[i];
    model::Study variant;
    if (!fuzz::expect_clean([&] {
          variant = io::read_study_text(files.main, "study.yaml", load, log, options);
          app::time_step(variant, variant.file, "study.resolution_hours");
        }))
      continue;
    if (variant.settings.scenario != scenarios[i]) fuzz::bug("a scenario read was not recorded as applied");
    fuzz::check_lp(variant);
  }
  return 0;
}
