// silkgrid_bench_decompose: the corridor study solved as one LP and by Benders decomposition,
// at several resolutions, with the variants the README reports: warm against cold starts,
// in-out stabilised against plain Benders, 1 against 2 threads. Each case runs in this process
// one after the other; wall times from std::chrono, peak memory is reported by /usr/bin/time
// for a whole run (see bench/README.md).
//
//   silkgrid_bench_decompose                  24 h, 6 h, 3 h and 1 h (monolithic at 24 h and 6 h)
//   silkgrid_bench_decompose --quick          24 h only (seconds)
//   silkgrid_bench_decompose --resolution H   one resolution, every variant
//   silkgrid_bench_decompose --monolithic     also the monolithic LP where it is not run by default
#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "app/load.hpp"
#include "app/pipelines.hpp"
#include "decompose/benders.hpp"
#include "finance/structure.hpp"
#include "formulate/build.hpp"

using namespace silkgrid;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Variant {
  const char* name;
  bool warm;
  double stabilisation;
  int threads;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<double> resolutions{24, 6, 3, 1};
  bool monolithic_always = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) resolutions = {24};
    else if (!std::strcmp(argv[i], "--monolithic")) monolithic_always = true;
    else if (!std::strcmp(argv[i], "--resolution") && i + 1 < argc) resolutions = {std::stod(argv[++i])};
    else {
      fmt::print(stderr, "usage: silkgrid_bench_decompose [--quick] [--resolution H] [--monolithic]\n");
      return 64;
    }
  }
  core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string& m) { fmt::print(stderr, "{}\n", m); });
  const std::vector<Variant> variants{{"warm, in-out 0.5, 2 threads", true, 0.5, 2},
                                      {"cold, in-out 0.5, 2 threads", false, 0.5, 2},
                                      {"warm, plain, 2 threads", true, 0.0, 2},
                                      {"warm, in-out 0.5, 1 thread", true, 0.5, 1}};
  fmt::print("| resolution | method | wall s | iterations | gap | objective EUR |\n|---|---|---|---|---|---|\n");
  for (const double hours : resolutions) {
    app::LoadOptions load;
    load.resolution_hours = hours;
    const model::Study study = app::load(app::resolve_study_path(""), quiet, load);
    formulate::SolveStudyOptions options;
    options.solver = formulate::solve_options(study.solver);
    options.capital = finance::project_finance(study, finance::FinanceMode::as_given).assets;
    if (hours >= 6 || monolithic_always) {
      const auto start = std::chrono::steady_clock::now();
      const model::Results r = formulate::solve_study(study, options, quiet);
      fmt::print("| {:g} h | monolithic LP (Clp dual) | {:.1f} | {} (simplex) | 0 | {:.2f} |\n", hours, seconds_since(start),
                 r.iterations, r.objective_eur);
    }
    for (const Variant& v : variants) {
      decompose::Settings s = decompose::settings_of(study.solver);
      s.warm = v.warm;
      s.stabilisation = v.stabilisation;
      s.threads = v.threads;
      const auto start = std::chrono::steady_clock::now();
      const model::Results r = decompose::solve_benders(study, options, s, quiet);
      const auto& d = *r.decomposition;
      fmt::print("| {:g} h | Benders, {} | {:.1f} | {} | {:.1e} | {:.2f} |\n", hours, v.name, seconds_since(start),
                 d.iterations.size(), d.gap, r.objective_eur);
      std::fflush(stdout);
    }
  }
  return 0;
}
