// silkgrid_bench_pypsa: how long silkgrid takes to read a PyPSA CSV folder and build its LP,
// against Clp's solve time, for synthetic meshed AC grids of 20 to 2,000 buses and for PyPSA's
// ac-dc-meshed example.
//
//   silkgrid_bench_pypsa                 the full table (about 8 minutes on the 2-core VM)
//   silkgrid_bench_pypsa --quick         ac-dc-meshed and a 20-bus grid x 24 h (about a second)
//   silkgrid_bench_pypsa --case NxT ...  your own cases (N buses, T hourly snapshots), solved
//   silkgrid_bench_pypsa --read NxT ...  your own cases, read and built only (no solve)
//   silkgrid_bench_pypsa --folder DIR    an existing PyPSA CSV folder, read, built and solved
//   silkgrid_bench_pypsa --time-limit S  Clp's time limit per solve (default 60 s; 0 = none)
//
// Every case runs in a fresh child process (fork). In the child:
//   1. the synthetic network is generated as a model::Study (grid_network below) and written
//      as a PyPSA CSV folder into a temporary directory with io::write_pypsa_folder; the
//      folder's size is the sum of its files. (Existing folders are read where they are.)
//   2. io::read_pypsa_folder(dir) is timed: parsing every CSV file, mapping PyPSA's attributes,
//      model::validate. The files were just written, so they are in the page cache: this
//      measures parsing, not the disk. When the first read takes under a second, two more
//      follow and the median of the three is reported;
//   3. formulate::build(study) of the study read back is timed, median of three;
//   4. for solved cases, lp::solve (dual simplex, presolve on, as silkgrid_bench_build) is timed
//      once: check, loading into Clp, presolve, simplex, postsolve, copying the solution out.
//      It must end optimal, or at the time limit: then the solve time is a lower bound (and
//      the share of read + build an upper bound), printed with >= / <=.
//   total = read + build + solve: from the CSV folder to an optimal solution (writing results
//   is not included). The temporary folder is removed at the end.
// The child sends a plain struct back through a pipe; the parent prints Markdown tables and
// exits 1 when any case fails (exception, a solve ending other than optimal or at the time
// limit, crash).
#include <fmt/format.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "core/time_axis.hpp"
#include "formulate/build.hpp"
#include "formulate/cycles.hpp"
#include "io/pypsa_reader.hpp"
#include "io/pypsa_writer.hpp"
#include "lp/solver.hpp"
#include "model/study.hpp"
#include "model/validate.hpp"

#ifndef SILKGRID_SOURCE_DIR
#define SILKGRID_SOURCE_DIR "."
#endif

namespace {

using namespace silkgrid;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// The synthetic network: a rows x cols grid of 380 kV AC buses, lines to the right and lower
// neighbours plus a few diagonals (so Kirchhoff's voltage law holds around many cycles). Every
// bus has a load with an hourly series, extendable wind and solar with hourly p_max_pu, a gas
// unit sized at 1.3x the local peak load (so every bus can serve itself: always feasible with
// no load shedding), an extendable 4-hour storage unit, and every fourth bus an extendable
// store. Capital costs are annuities scaled by T / 8760, as PyPSA users do for short horizons,
// so that the optimiser does build wind, solar and storage. Deterministic (mt19937_64).
// ---------------------------------------------------------------------------------------------

struct Grid {
  int rows = 5, cols = 10;
  int snapshots = 24;
  int buses() const { return rows * cols; }
};

// rows x cols = n with rows the largest divisor of n not above sqrt(n): 50 -> 5x10, 100 -> 10x10,
// 200 -> 10x20, 500 -> 20x25.
Grid grid_for(int buses, int snapshots) {
  Grid g;
  g.snapshots = snapshots;
  int rows = 1;
  for (int r = 1; r * r <= buses; ++r)
    if (buses % r == 0) rows = r;
  g.rows = rows;
  g.cols = buses / rows;
  return g;
}

constexpr double v_nom_kv = 380.0;

void add_line(model::Study& s, int from, int to, double length_km, double horizon) {
  auto& l = s.lines;
  l.name.push_back(fmt::format("{}--{}", s.regions.name[static_cast<std::size_t>(from)],
                               s.regions.name[static_cast<std::size_t>(to)]));
  l.from.push_back(from);
  l.to.push_back(to);
  // 1,700 MW existing (its capital cost is a constant of the objective), extendable to 6 GW at
  // EUR 30 per MW, km and year.
  l.invest.push(1700.0, true, 1700.0, 6000.0, 0.0, 40.0, model::not_given, 30.0 * length_km * horizon);
  l.kind.push_back(model::LineKind::ac);
  const double x = 0.25 * length_km, r = 0.03 * length_km;  // ohm: typical 380 kV overhead line
  l.x_ohm.push_back(x);
  l.r_ohm.push_back(r);
  l.v_nom_kv.push_back(v_nom_kv);
  l.x_pu.push_back(x / (v_nom_kv * v_nom_kv));
  l.r_pu.push_back(r / (v_nom_kv * v_nom_kv));
  l.phase_shift_deg.push_back(0.0);
  l.transformer.push_back(0);
  l.s_max_pu.push_back(0.7);
  l.length_km.push_back(length_km);
  l.capex_eur_per_mw_km.push_back(400.0);
}

model::Study grid_network(const Grid& grid, std::uint64_t seed = 7) {
  model::Study s;
  s.file = fmt::format("<synthetic PyPSA grid {}x{} x {} h>", grid.rows, grid.cols, grid.snapshots);
  s.settings.name = fmt::format("grid-{}-{}h", grid.buses(), grid.snapshots);
  s.settings.discount_rate = 0.0;  // capital costs are given as annuities
  s.settings.voll_eur_per_mwh = model::unlimited;  // PyPSA networks shed no load
  const auto T = static_cast<std::size_t>(grid.snapshots);
  s.time = core::regular_time_axis("2030-01-01T00:00", T, 1.0);
  const double horizon = static_cast<double>(T) / 8760.0;  // capital costs for T hours

  s.carriers.name = {"gas", "wind", "solar", "battery", "store"};
  s.carriers.co2_t_per_mwh_fuel = {0.2, 0.0, 0.0, 0.0, 0.0};
  s.carriers.renewable = {0, 1, 1, 0, 0};

  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // One weather state shared by all buses, plus a local one: wind is correlated across the grid.
  std::vector<double> common(T);
  {
    double state = 0.0;
    for (std::size_t t = 0; t < T; ++t) {
      state = 0.97 * state + std::sqrt(1 - 0.97 * 0.97) * normal(rng);
      common[t] = state;
    }
  }

  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.cols; ++c) {
      const int b = r * grid.cols + c;
      const std::string bus = fmt::format("B{}-{}", r, c);
      s.regions.name.push_back(bus);
      s.regions.country.push_back(fmt::format("C{}{}", r / 5, c / 5));
      s.regions.lat.push_back(45.0 + 0.5 * r);
      s.regions.lon.push_back(5.0 + 0.7 * c);

      std::vector<double> wind(T), solar(T), load(T);
      double local = normal(rng);
      const double base_load = 400.0 + 400.0 * uniform(rng);
      const double sun_shift = 0.5 * (static_cast<double>(c) / grid.cols - 0.5);  // hours, east to west
      const double wind_bias = -0.6 + 0.8 * uniform(rng);
      double peak = 0.0;
      for (std::size_t t = 0; t < T; ++t) {
        const double hour = std::fmod(static_cast<double>(t), 24.0);
        const double day = std::floor(static_cast<double>(t) / 24.0);
        local = 0.9 * local + std::sqrt(1 - 0.9 * 0.9) * normal(rng);
        wind[t] = 1.0 / (1.0 + std::exp(-(1.2 * common[t] + 0.6 * local + wind_bias)));
        const double sun = std::cos((hour - 12.0 - sun_shift) * M_PI / 12.0);
        const double clouds = 0.55 + 0.35 * std::sin(0.9 * day + 0.3 * r) * 0.5 + 0.2 * uniform(rng);
        solar[t] = sun > 0.0 ? std::min(1.0, sun * clouds) : 0.0;
        const double weekly = std::fmod(day, 7.0) >= 5.0 ? 0.9 : 1.0;
        load[t] = base_load * weekly * (1.0 + 0.2 * std::sin((hour - 8.0) * M_PI / 12.0) + 0.03 * normal(rng));
        peak = std::max(peak, load[t]);
      }
      const int col = static_cast<int>(s.series.names.size());
      s.series.names.push_back(bus + "-load");
      s.series.values.push_back(std::move(load));
      s.series.names.push_back(bus + "-wind");
      s.series.values.push_back(std::move(wind));
      s.series.names.push_back(bus + "-solar");
      s.series.values.push_back(std::move(solar));

      s.loads.name.push_back(bus + " load");
      s.loads.region.push_back(b);
      s.loads.p_mw.push_back(model::Profile{0.0, col, 1.0});

      auto& g = s.generators;
      const auto add_generator = [&](const std::string& kind, int carrier, std::optional<int> profile, bool extendable,
                                     double p_nom, double capital_cost, double efficiency, double fuel, double vom) {
        g.name.push_back(bus + " " + kind);
        g.region.push_back(b);
        g.carrier.push_back(carrier);
        g.invest.push(p_nom, extendable, 0.0, model::unlimited, 0.0, 25.0, model::not_given, capital_cost);
        g.capex_eur_per_kw.push_back(0.0);
        g.efficiency.push_back(efficiency);
        g.fuel_eur_per_mwh_fuel.push_back(fuel);
        g.vom_eur_per_mwh.push_back(vom);
        g.marginal_cost_series.push_back(model::Profile::fixed(model::not_given));
        g.p_max_pu.push_back(profile ? model::Profile{0.0, *profile, 1.0} : model::Profile::fixed(1.0));
        g.p_min_pu.push_back(model::Profile::fixed(0.0));
      };
      // Annuities per MW and year (about PyPSA technology-data 2030), scaled to the horizon.
      add_generator("wind", 1, col + 1, true, 0.0, 110000.0 * horizon, 1.0, 0.0, 1.5 + 0.1 * uniform(rng));
      add_generator("solar", 2, col + 2, true, 0.0, 45000.0 * horizon, 1.0, 0.0, 0.5 + 0.1 * uniform(rng));
      add_generator("gas", 0, std::nullopt, false, std::ceil(1.3 * peak), 0.0, 0.5, 30.0 + 5.0 * uniform(rng), 4.0);

      auto& st = s.storage;
      st.name.push_back(bus + " battery");
      st.region.push_back(b);
      st.carrier.push_back(3);
      st.invest.push(0.0, true, 0.0, model::unlimited, 0.0, 20.0, model::not_given, 90000.0 * horizon);
      st.max_hours.push_back(4.0);
      st.efficiency_store.push_back(0.95);
      st.efficiency_dispatch.push_back(0.95);
      st.standing_loss_per_hour.push_back(0.0);
      st.capex_eur_per_kw.push_back(0.0);
      st.capex_eur_per_kwh.push_back(0.0);
      st.marginal_cost_eur_per_mwh.push_back(0.1);
      st.push_defaults();

      if ((r + c) % 4 == 0) {  // a PyPSA Store: energy capacity only, one flow of either sign
        st.name.push_back(bus + " store");
        st.region.push_back(b);
        st.carrier.push_back(4);
        st.invest.push(0.0, true, 0.0, model::unlimited, 0.0, 30.0, model::not_given, 20000.0 * horizon);
        st.max_hours.push_back(1.0);
        st.efficiency_store.push_back(1.0);
        st.efficiency_dispatch.push_back(1.0);
        st.standing_loss_per_hour.push_back(0.001);
        st.capex_eur_per_kw.push_back(0.0);
        st.capex_eur_per_kwh.push_back(0.0);
        st.marginal_cost_eur_per_mwh.push_back(0.2);
        st.push_defaults();
        st.energy_only.back() = 1;
      }
    }
  }
  // Lines: right and lower neighbours, and a diagonal in every 7th cell.
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.cols; ++c) {
      const int b = r * grid.cols + c;
      if (c + 1 < grid.cols) add_line(s, b, b + 1, 60.0 + 80.0 * uniform(rng), horizon);
      if (r + 1 < grid.rows) add_line(s, b, b + grid.cols, 60.0 + 80.0 * uniform(rng), horizon);
      if (b % 7 == 3 && r + 1 < grid.rows && c + 1 < grid.cols)
        add_line(s, b, b + grid.cols + 1, 90.0 + 110.0 * uniform(rng), horizon);
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Measuring, in a child process.
// ---------------------------------------------------------------------------------------------

struct Case {
  int buses = 50;
  int snapshots = 24;
  bool solve = true;
  std::string folder;        // an existing PyPSA folder instead of a synthetic network
  std::string label;         // for existing folders
  double time_limit_s = 0;   // Clp's time limit; 0 = none (the solve must end optimal)
};

// Plain data, sent from the child to the parent through a pipe.
struct Measurement {
  int ok = 0;
  int buses = 0, lines = 0, generators = 0, storage = 0, snapshots = 0;
  int rows = 0, cols = 0;
  long long nonzeros = 0;
  int original_rows = 0, original_cols = 0;  // the LP of the study before writing (synthetic cases)
  long long original_nonzeros = 0;
  long long csv_bytes = 0;
  int csv_files = 0;
  double write_s = 0;
  int read_runs = 0;
  double read_s[3] = {0, 0, 0};
  double read_median_s = 0;
  double build_median_s = 0;
  double solve_s = 0;
  int cycles = 0;           // Kirchhoff's voltage law: cycles in the basis silkgrid uses
  long long cycle_lines = 0;  // lines summed over those cycles
  int capped = 0;  // the solve stopped at the time limit: solve_s is a lower bound
  int iterations = 0;
  double objective = 0;
  int writer_warnings = 0, reader_warnings = 0;
  char status[64] = {0};
  char error[256] = {0};
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void copy_text(char* into, std::size_t size, const std::string& text) { std::snprintf(into, size, "%s", text.c_str()); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

core::Logger quiet_logger() {
  return core::Logger(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
}

void folder_size(const fs::path& dir, Measurement& m) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    m.csv_bytes += static_cast<long long>(entry.file_size());
    ++m.csv_files;
  }
}

struct TempDir {
  fs::path path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

Measurement measure(const Case& c) {
  Measurement m;
  TempDir temp;
  fs::path dir;
  if (c.folder.empty()) {
    const Grid grid = grid_for(c.buses, c.snapshots);
    model::Study study = grid_network(grid);
    {
      core::Logger log = quiet_logger();
      model::validate(study, log);
      const formulate::Built original = formulate::build(study);
      m.original_rows = original.lp.num_rows;
      m.original_cols = original.lp.num_cols;
      m.original_nonzeros = static_cast<long long>(original.lp.nonzeros());
    }
    temp.path = fs::temp_directory_path() / fmt::format("silkgrid_pypsa_bench_{}_{}x{}", ::getpid(), c.buses, c.snapshots);
    fs::remove_all(temp.path);
    fs::create_directories(temp.path);
    dir = temp.path;
    core::Logger log = quiet_logger();
    const auto start = std::chrono::steady_clock::now();
    io::write_pypsa_folder(dir.string(), study, nullptr, log);
    m.write_s = seconds_since(start);
    m.writer_warnings = log.warnings();
  } else {
    dir = c.folder;
  }
  folder_size(dir, m);

  // (a) Reading: median of three when a read takes under a second, else one read.
  std::optional<model::Study> study;
  std::vector<double> reads;
  for (int run = 0; run < 3; ++run) {
    study.reset();
    core::Logger log = quiet_logger();
    const auto start = std::chrono::steady_clock::now();
    study.emplace(io::read_pypsa_folder(dir.string(), log));
    reads.push_back(seconds_since(start));
    m.read_s[run] = reads.back();
    m.reader_warnings = log.warnings();
    if (reads.front() >= 1.0) break;
  }
  m.read_runs = static_cast<int>(reads.size());
  m.read_median_s = median(reads);
  m.buses = static_cast<int>(study->regions.size());
  m.lines = static_cast<int>(study->lines.size());
  m.generators = static_cast<int>(study->generators.size());
  m.storage = static_cast<int>(study->storage.size());
  m.snapshots = static_cast<int>(study->snapshots());

  // (b) Building the LP: median of three.
  std::optional<formulate::Built> built;
  std::vector<double> builds;
  for (int run = 0; run < 3; ++run) {
    built.reset();
    const auto start = std::chrono::steady_clock::now();
    built.emplace(formulate::build(*study));
    builds.push_back(seconds_since(start));
  }
  m.build_median_s = median(builds);
  const lp::LinearProgram& lp = built->lp;
  m.rows = lp.num_rows;
  m.cols = lp.num_cols;
  m.nonzeros = static_cast<long long>(lp.nonzeros());
  const auto cycles = formulate::line_cycles(*study);  // the basis the build used (lines.cpp)
  m.cycles = static_cast<int>(cycles.size());
  for (const auto& cycle : cycles) m.cycle_lines += static_cast<long long>(cycle.size());

  // (c) Solving with Clp, as silkgrid_bench_build does.
  if (c.solve) {
    core::Logger log = quiet_logger();
    lp::SolveOptions solver;
    solver.method = core::SolverMethod::dual;
    solver.presolve = true;
    solver.time_limit_s = c.time_limit_s;
    const auto start = std::chrono::steady_clock::now();
    const lp::Solution solution = lp::solve(lp, solver, log);
    m.solve_s = seconds_since(start);
    m.iterations = solution.iterations;
    m.objective = solution.objective;
    copy_text(m.status, sizeof m.status, lp::to_string(solution.status));
    m.capped = solution.status == lp::Status::time_limit && c.time_limit_s > 0 ? 1 : 0;
    if (solution.status != lp::Status::optimal && !m.capped) {
      copy_text(m.error, sizeof m.error, "solve ended " + std::string(lp::to_string(solution.status)) + ": " +
                                             solution.status_text);
      return m;
    }
  }
  m.ok = 1;
  return m;
}

bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

struct Outcome {
  bool ok = false;
  Measurement m;
  std::string why;
};

Outcome run_in_child(const Case& c) {
  Outcome out;
  int fds[2];
  if (::pipe(fds) != 0) {
    out.why = fmt::format("pipe: {}", std::strerror(errno));
    return out;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    out.why = fmt::format("fork: {}", std::strerror(errno));
    ::close(fds[0]);
    ::close(fds[1]);
    return out;
  }
  if (pid == 0) {
    ::close(fds[0]);
    Measurement m;
    try {
      m = measure(c);
    } catch (const std::exception& e) {
      m.ok = 0;
      copy_text(m.error, sizeof m.error, e.what());
    } catch (...) {
      m.ok = 0;
      copy_text(m.error, sizeof m.error, "unknown exception");
    }
    const bool sent = write_all(fds[1], &m, sizeof m);
    ::close(fds[1]);
    std::fflush(stdout);
    ::_exit(sent && m.ok ? 0 : 1);
  }
  ::close(fds[1]);
  const bool received = read_all(fds[0], &out.m, sizeof out.m);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      out.why = fmt::format("waitpid: {}", std::strerror(errno));
      return out;
    }
  }
  if (WIFSIGNALED(status)) {
    out.why = fmt::format("child killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  } else if (!received) {
    out.why = "child sent no result";
  } else if (!out.m.ok || WEXITSTATUS(status) != 0) {
    out.why = out.m.error[0] ? out.m.error : fmt::format("child exited with {}", WEXITSTATUS(status));
  } else {
    out.ok = true;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Printing.
// ---------------------------------------------------------------------------------------------

std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

double mib(long long bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

std::string ms(double seconds) { return seconds < 0.1 ? fmt::format("{:.2f}", 1e3 * seconds) : fmt::format("{:.0f}", 1e3 * seconds); }

std::string network_label(const Case& c) {
  if (!c.folder.empty()) return c.label;
  const Grid g = grid_for(c.buses, c.snapshots);
  return fmt::format("grid {}x{}", g.rows, g.cols);
}

bool parse_case(const std::string& text, bool solve, Case& c) {
  int n = 0, t = 0;
  char x = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &n, &x, &t) != 3 || (x != 'x' && x != 'X') || n < 2 || t < 1) return false;
  c = Case{n, t, solve, "", "", 0};
  return true;
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--quick] [--case NxT ...] [--read NxT ...] [--folder DIR ...] [--time-limit S]\n"
               "          [--acdc DIR | --no-acdc]\n"
               "  (no options)    the full table (about 8 minutes): ac-dc-meshed; grids of 20..500 buses x 24 h\n"
               "                  and 50..500 buses x 168 h, solved (each solve stopped at --time-limit); read and build only\n"
               "                  for 720 h and for 1000 and 2000 buses\n"
               "  --quick         ac-dc-meshed and one small grid (20 buses x 24 h), solved (a few seconds)\n"
               "  --case NxT      a grid of N buses and T hourly snapshots, solved (replaces the default set)\n"
               "  --read NxT      a grid, read and built only (replaces the default set)\n"
               "  --folder DIR    an existing PyPSA CSV folder, read, built and solved\n"
               "  --time-limit S  stop each solve after S seconds (default 60; 0 = no limit). A solve stopped\n"
               "                  there is reported as a lower bound, not as a failure\n"
               "  --acdc DIR      PyPSA's ac-dc-meshed folder (default: ../shared/data/pypsa/ac-dc-meshed beside\n"
               "                  the source tree); its row is skipped when the folder is missing\n",
               argv0);
  return 2;
}

std::string secs(double seconds) {
  return seconds < 0.1 ? fmt::format("{:.3f}", seconds) : fmt::format("{:.2f}", seconds);
}

std::string share(double part, double whole) { return fmt::format("{:.3f}%", 100.0 * part / whole); }

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, acdc = true;
  double time_limit_s = 60.0;
  std::string acdc_dir = std::string(SILKGRID_SOURCE_DIR) + "/../shared/data/pypsa/ac-dc-meshed";
  std::vector<Case> custom;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if ((arg == "--case" || arg == "--read") && i + 1 < argc) {
      Case c;
      if (!parse_case(argv[++i], arg == "--case", c)) return usage(argv[0]);
      custom.push_back(c);
    } else if (arg == "--folder" && i + 1 < argc) {
      const std::string dir = argv[++i];
      custom.push_back(Case{0, 0, true, dir, fs::path(dir).filename().string(), 0});
    } else if (arg == "--time-limit" && i + 1 < argc) {
      char* end = nullptr;
      time_limit_s = std::strtod(argv[++i], &end);
      if (!end || *end || !(time_limit_s >= 0)) return usage(argv[0]);
    } else if (arg == "--acdc" && i + 1 < argc) {
      acdc_dir = argv[++i];
    } else if (arg == "--no-acdc") {
      acdc = false;
    } else if (arg == "--help" || arg == "-h") {
      usage(argv[0]);
      return 0;
    } else {
      return usage(argv[0]);
    }
  }

  std::vector<Case> cases;
  if (!custom.empty()) {
    cases = custom;
  } else if (quick) {
    cases = {{20, 24, true, "", "", 0}};
  } else {
    for (int n : {20, 50, 100, 200, 500}) cases.push_back({n, 24, true, "", "", 0});
    for (int n : {50, 100, 200, 500}) cases.push_back({n, 168, true, "", "", 0});
    for (int n : {50, 100, 500}) cases.push_back({n, 720, false, "", "", 0});
    for (int n : {1000, 2000}) cases.push_back({n, 168, false, "", "", 0});
    cases.push_back({1000, 720, false, "", "", 0});
  }
  if (acdc && (custom.empty() || quick)) {
    std::error_code ec;
    if (fs::exists(fs::path(acdc_dir) / "buses.csv", ec))
      cases.insert(cases.begin(),
                   Case{0, 0, true, fs::weakly_canonical(acdc_dir, ec).string(), "ac-dc-meshed (PyPSA example)", 0});
    else
      fmt::print(stderr, "note: no PyPSA ac-dc-meshed folder at {}; its row is skipped\n", acdc_dir);
  }
  for (Case& c : cases) c.time_limit_s = time_limit_s;

  // Run every case first (solved ones, then read-only ones), printing progress on stderr.
  bool failed = false;
  std::vector<std::pair<Case, Outcome>> done;
  for (const bool solving : {true, false}) {
    for (const Case& c : cases) {
      if (c.solve != solving) continue;
      if (c.folder.empty())
        fmt::print(stderr, "silkgrid_bench_pypsa: {} ({} buses, {} h)...\n", network_label(c), c.buses, c.snapshots);
      else
        fmt::print(stderr, "silkgrid_bench_pypsa: {}...\n", c.folder);
      done.emplace_back(c, run_in_child(c));
      if (!done.back().second.ok) failed = true;
    }
  }

  const auto failure_row = [](const Case& c, const Outcome& o, int columns) {
    const bool synthetic = c.folder.empty();
    std::string row = fmt::format("| {} | {} | | {} | FAILED: {} |", network_label(c), synthetic ? grouped(c.buses) : "–",
                                  synthetic ? grouped(c.snapshots) : "–", o.why);
    for (int k = 5; k < columns; ++k) row += " |";
    return row + "\n";
  };

  if (std::any_of(done.begin(), done.end(), [](const auto& d) { return d.first.solve; })) {
    fmt::print("## Read, build and solve (each case in a fresh process)\n\n");
    if (time_limit_s > 0)
      fmt::print("Clp stops after {:.0f} s; where it did (≥), the solve time is a lower bound and the share an "
                 "upper bound.\n\n",
                 time_limit_s);
    fmt::print(
        "| network | buses | lines | snapshots | CSV MiB | columns | rows | non-zeros | read ms | build ms | solve s | "
        "total s | (read+build)/total |\n");
    fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& [c, o] : done) {
      if (!c.solve) continue;
      if (!o.ok) {
        fmt::print("{}", failure_row(c, o, 13));
        continue;
      }
      const Measurement& m = o.m;
      const double front = m.read_median_s + m.build_median_s;
      const double total = front + m.solve_s;
      const char* bound = m.capped ? "≥ " : "";
      fmt::print("| {} | {} | {} | {} | {:.2f} | {} | {} | {} | {} | {} | {}{} | {}{} | {}{} |\n", network_label(c),
                 grouped(m.buses), grouped(m.lines), grouped(m.snapshots), mib(m.csv_bytes), grouped(m.cols),
                 grouped(m.rows), grouped(m.nonzeros), ms(m.read_median_s), ms(m.build_median_s), bound, secs(m.solve_s),
                 bound, secs(total), m.capped ? "≤ " : "", share(front, total));
    }
    fmt::print("\n");
  }

  if (std::any_of(done.begin(), done.end(), [](const auto& d) { return !d.first.solve; })) {
    fmt::print("## Read and build only (each case in a fresh process)\n\n");
    fmt::print(
        "| network | buses | lines | snapshots | CSV MiB | columns | rows | non-zeros | read ms | build ms | "
        "read MiB/s |\n");
    fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& [c, o] : done) {
      if (c.solve) continue;
      if (!o.ok) {
        fmt::print("{}", failure_row(c, o, 11));
        continue;
      }
      const Measurement& m = o.m;
      fmt::print("| {} | {} | {} | {} | {:.2f} | {} | {} | {} | {} | {} | {:.1f} |\n", network_label(c), grouped(m.buses),
                 grouped(m.lines), grouped(m.snapshots), mib(m.csv_bytes), grouped(m.cols), grouped(m.rows),
                 grouped(m.nonzeros), ms(m.read_median_s), ms(m.build_median_s), mib(m.csv_bytes) / m.read_median_s);
    }
    fmt::print("\n");
  }

  fmt::print("## Details\n\n");
  fmt::print(
      "| network | snapshots | generators | storage | KVL cycles | lines per cycle | CSV files | write ms | "
      "read ms (each run) | read µs/bus | Clp status | iterations | objective |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|\n");
  for (const auto& [c, o] : done) {
    if (!o.ok) continue;
    const Measurement& m = o.m;
    std::string each;
    for (int r = 0; r < m.read_runs; ++r) each += (r ? ", " : "") + ms(m.read_s[r]);
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0f} | {} | {} | {} |\n", network_label(c),
               grouped(m.snapshots), grouped(m.generators), grouped(m.storage), grouped(m.cycles),
               m.cycles ? fmt::format("{:.1f}", static_cast<double>(m.cycle_lines) / m.cycles) : "–", m.csv_files, c.folder.empty() ? ms(m.write_s) : "–", each,
               1e6 * m.read_median_s / m.buses, c.solve ? m.status : "–",
               // Clp reports no iteration count when it stops at the time limit under presolve.
               c.solve && !(m.capped && m.iterations == 0) ? grouped(m.iterations) : "–",
               c.solve && !m.capped ? fmt::format("{:.6e}", m.objective) : "–");
  }
  fmt::print("\n");

  // Checks: the folder gives back the LP of the study it was written from; warnings; ac-dc-meshed.
  for (const auto& [c, o] : done) {
    if (!o.ok) continue;
    const Measurement& m = o.m;
    if (c.folder.empty() &&
        (m.original_rows != m.rows || m.original_cols != m.cols || m.original_nonzeros != m.nonzeros))
      fmt::print("- note: {} x {} h: the LP read back ({} rows, {} columns, {} nz) differs from the LP of the study "
                 "written ({} rows, {} columns, {} nz)\n",
                 network_label(c), c.snapshots, m.rows, m.cols, m.nonzeros, m.original_rows, m.original_cols,
                 m.original_nonzeros);
    if (m.writer_warnings || m.reader_warnings)
      fmt::print("- note: {} x {} h: {} warnings writing the folder, {} reading it\n", network_label(c), m.snapshots,
                 m.writer_warnings, m.reader_warnings);
    if (!c.folder.empty() && c.label.rfind("ac-dc-meshed", 0) == 0)
      fmt::print("- ac-dc-meshed: objective {:.4f} EUR (PyPSA's n.objective + n.objective_constant: "
                 "18,441,021.4777)\n",
                 m.objective);
  }
  fmt::print("- every synthetic folder read back gives the LP of the study it was written from (same rows, columns "
             "and non-zeros) unless a note above says otherwise\n\n");

  if (failed) {
    fmt::print(stderr, "silkgrid_bench_pypsa: at least one case failed\n");
    return 1;
  }
  return 0;
}
