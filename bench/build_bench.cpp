// silkgrid_bench_build: LP build time and peak memory for synthetic chain studies
// (model::synthetic_chain), and build time as a share of Clp's solve time.
//
//   silkgrid_bench_build            the full table (2..50 regions x 8760 snapshots, plus solves)
//   silkgrid_bench_build --quick    small cases only (seconds)
//   silkgrid_bench_build --case RxT [--case RxT ...] [--solve RxT ...]   your own cases
//
// Every case runs in a fresh child process (fork), so its memory figures start clean:
//   1. the child generates the study, resets its peak-RSS mark (/proc/self/clear_refs, "5")
//      and reads VmRSS ("before");
//   2. it calls formulate::build once and reads VmHWM ("peak");
//      peak build bytes = VmHWM(after) - VmRSS(before);
//   3. it frees that LP and builds twice more; the build time is the median of the three;
//   4. for solve cases, it hands the last LP to lp::solve (dual simplex, presolve on) and
//      times that call (check + load into Clp + solve + copying the solution out);
//   5. for the reference size (30 x 8760, build-only) it also frees the LP, resets the peak
//      again and times build with names + lp::write_mps to a temporary file (deleted), the
//      closest match to PyPSA/linopy's "read, build and write the LP" figure.
// The child sends its figures back through a pipe; the parent prints Markdown tables.
// A child that fails (exception, non-optimal solve, crash) makes the program exit 1.
#include <fmt/format.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "formulate/build.hpp"
#include "lp/solver.hpp"
#include "model/synthetic.hpp"

namespace {

using namespace silkgrid;

struct Case {
  int regions = 2;
  int snapshots = 168;
  bool solve = false;
  bool pipeline = false;  // also time build with names + write_mps (like PyPSA's read/build/write figure)
};

// Plain data, sent from the child to the parent through a pipe.
struct Measurement {
  int ok = 0;
  int rows = 0, cols = 0;
  long long nonzeros = 0;
  long long lp_bytes = 0;        // LinearProgram::memory_bytes()
  long long rss_before = 0;      // VmRSS after generating the study, before building
  long long hwm_after = 0;       // VmHWM after the first build
  int hwm_reset = 0;             // whether clear_refs reset the peak before building
  double build_s[3] = {0, 0, 0};  // three builds
  double build_median_s = 0;
  double solve_s = 0;
  int iterations = 0;
  double objective = 0;
  // Pipeline (pipeline cases only): build with names, then write an MPS file.
  double named_build_s = 0, write_s = 0;
  long long pipeline_rss_before = 0, pipeline_hwm_after = 0, mps_file_bytes = 0;
  char status[64] = {0};
  char error[256] = {0};
};

// A field of /proc/self/status in bytes ("VmRSS:   1234 kB"), or -1.
long long proc_status_bytes(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
      return std::stoll(line.substr(n + 1)) * 1024;
    }
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0). Returns whether it worked.
bool reset_peak_rss() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  const bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void copy_text(char* into, std::size_t size, const std::string& text) {
  std::snprintf(into, size, "%s", text.c_str());
}

// Runs in the child.
Measurement measure(const Case& c) {
  Measurement m;
  model::SyntheticOptions options;
  options.regions = c.regions;
  options.snapshots = c.snapshots;
  const model::Study study = model::synthetic_chain(options);

  m.hwm_reset = reset_peak_rss() ? 1 : 0;
  m.rss_before = proc_status_bytes("VmRSS");
  std::optional<formulate::Built> built;
  for (int run = 0; run < 3; ++run) {
    built.reset();  // the previous LP is freed before the next build
    const auto start = std::chrono::steady_clock::now();
    built.emplace(formulate::build(study));
    m.build_s[run] = seconds_since(start);
    if (run == 0) m.hwm_after = proc_status_bytes("VmHWM");
  }
  double sorted[3] = {m.build_s[0], m.build_s[1], m.build_s[2]};
  std::sort(sorted, sorted + 3);
  m.build_median_s = sorted[1];

  const lp::LinearProgram& lp = built->lp;
  m.rows = lp.num_rows;
  m.cols = lp.num_cols;
  m.nonzeros = static_cast<long long>(lp.nonzeros());
  m.lp_bytes = static_cast<long long>(lp.memory_bytes());

  if (c.solve) {
    core::Logger quiet(core::LogLevel::error);
    lp::SolveOptions solver;
    solver.method = core::SolverMethod::dual;
    solver.presolve = true;
    const auto start = std::chrono::steady_clock::now();
    const lp::Solution solution = lp::solve(lp, solver, quiet);
    m.solve_s = seconds_since(start);
    m.iterations = solution.iterations;
    m.objective = solution.objective;
    copy_text(m.status, sizeof m.status, lp::to_string(solution.status));
    if (solution.status != lp::Status::optimal) {
      copy_text(m.error, sizeof m.error, "solve ended " + solution.status_text);
      return m;
    }
  }
  if (c.pipeline) {
    built.reset();
    namespace fs = std::filesystem;
    const fs::path path = fs::temp_directory_path() / fmt::format("silkgrid_bench_{}.mps", ::getpid());
    reset_peak_rss();
    m.pipeline_rss_before = proc_status_bytes("VmRSS");
    auto start = std::chrono::steady_clock::now();
    built.emplace(formulate::build(study, formulate::BuildOptions{true, {}, {}}));
    m.named_build_s = seconds_since(start);
    start = std::chrono::steady_clock::now();
    lp::write_mps(built->lp, path.string());
    m.write_s = seconds_since(start);
    m.pipeline_hwm_after = proc_status_bytes("VmHWM");
    std::error_code ec;
    m.mps_file_bytes = static_cast<long long>(fs::file_size(path, ec));
    fs::remove(path, ec);
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

// Runs one case in a fresh child process.
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
    ::_exit(sent && m.ok ? 0 : 1);
  }
  ::close(fds[1]);
  const bool received = read_all(fds[0], &out.m, sizeof out.m);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      out.why = fmt::format("wait4: {}", std::strerror(errno));
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

std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

double mib(long long bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

bool parse_case(const std::string& text, bool solve, Case& c) {
  int r = 0, t = 0;
  char x = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &r, &x, &t) != 3 || (x != 'x' && x != 'X') || r < 1 || t < 1) return false;
  c = Case{r, t, solve, !solve && r == 30 && t == 8760};
  return true;
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--quick] [--case RxT ...] [--solve RxT ...]\n"
               "  (no options)  full table: 2..50 regions x 8760 snapshots, plus build/solve cases\n"
               "  --quick       small cases only\n"
               "  --case RxT    build-only case (replaces the default set)\n"
               "  --solve RxT   build-and-solve case (replaces the default set)\n",
               argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::vector<Case> custom;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if ((arg == "--case" || arg == "--solve") && i + 1 < argc) {
      Case c;
      if (!parse_case(argv[++i], arg == "--solve", c)) return usage(argv[0]);
      custom.push_back(c);
    } else if (arg == "--help" || arg == "-h") {
      usage(argv[0]);
      return 0;
    } else {
      return usage(argv[0]);
    }
  }

  std::vector<Case> build_cases, solve_cases;
  if (!custom.empty()) {
    for (const Case& c : custom) (c.solve ? solve_cases : build_cases).push_back(c);
  } else if (quick) {
    build_cases = {{2, 168, false}, {2, 720, false}, {5, 720, false}};
    solve_cases = {{2, 168, true}};
  } else {
    for (int r : {2, 5, 10, 20, 30, 50}) build_cases.push_back({r, 8760, false, r == 30});
    solve_cases = {{2, 168, true}, {6, 168, true}, {2, 720, true}, {6, 720, true}, {2, 2190, true}};
  }

  bool failed = false;
  std::optional<Outcome> reference;  // 30 x 8760

  if (!build_cases.empty()) {
    fmt::print("## LP build: time and peak memory (each case in a fresh process)\n\n");
    fmt::print(
        "| regions | snapshots | columns | rows | non-zeros | build ms (median of 3) | non-zeros/s | "
        "peak build MiB | peak bytes/nz | LP bytes/nz |\n");
    fmt::print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::fflush(stdout);
    for (const Case& c : build_cases) {
      const Outcome o = run_in_child(c);
      if (!o.ok) {
        failed = true;
        fmt::print("| {} | {} | FAILED: {} | | | | | | | |\n", c.regions, c.snapshots, o.why);
        std::fflush(stdout);
        continue;
      }
      const Measurement& m = o.m;
      const long long peak = m.hwm_after - m.rss_before;
      const double nz = static_cast<double>(m.nonzeros);
      fmt::print("| {} | {} | {} | {} | {} | {:.1f} | {:.1f} M | {:.1f} | {:.1f} | {:.1f} |\n", c.regions, c.snapshots,
                 grouped(m.cols), grouped(m.rows), grouped(m.nonzeros), 1e3 * m.build_median_s,
                 nz / m.build_median_s / 1e6, mib(peak), static_cast<double>(peak) / nz,
                 static_cast<double>(m.lp_bytes) / nz);
      std::fflush(stdout);
      if (!m.hwm_reset)
        fmt::print(stderr, "note: could not reset VmHWM before building {}x{}; its peak may include the study\n",
                   c.regions, c.snapshots);
      if (c.regions == 30 && c.snapshots == 8760) reference = o;
    }
    fmt::print("\n");
  }

  if (reference) {
    const Measurement& m = reference->m;
    const long long peak = m.hwm_after - m.rss_before;
    constexpr double pypsa_s = 33.6;
    constexpr double pypsa_bytes = 1024.0 * 1024.0 * 1024.0;
    fmt::print("## Reference size: 30 regions x 8760 snapshots\n\n");
    fmt::print("- variables (columns): {} (PyPSA/linopy reference chain: 2.09 M)\n", grouped(m.cols));
    fmt::print("- constraints (rows): {}, non-zeros: {}\n", grouped(m.rows), grouped(m.nonzeros));
    fmt::print("- build: {:.3f} s (median of 3); first build {:.3f} s\n", m.build_median_s, m.build_s[0]);
    fmt::print("- peak build memory: {:.1f} MiB above the {:.1f} MiB the process held with the study loaded\n",
               mib(peak), mib(m.rss_before));
    fmt::print("- PyPSA with linopy (read + build + write LP): {:.1f} s and 1 GiB\n", pypsa_s);
    fmt::print("- ratio PyPSA/silkgrid, LP build alone: time {:.0f}x, memory {:.1f}x (build peak)\n",
               pypsa_s / m.build_median_s, pypsa_bytes / static_cast<double>(peak));
    if (m.pipeline_hwm_after > 0) {
      const long long pipeline_peak = m.pipeline_hwm_after - m.pipeline_rss_before;
      const double pipeline_s = m.named_build_s + m.write_s;
      fmt::print("- build with names + write MPS ({:.0f} MiB file): {:.2f} s ({:.2f} s build, {:.2f} s write), "
                 "peak {:.1f} MiB\n",
                 mib(m.mps_file_bytes), pipeline_s, m.named_build_s, m.write_s, mib(pipeline_peak));
      fmt::print("- ratio PyPSA/silkgrid, build with names + write MPS: time {:.1f}x, memory {:.1f}x (peak)\n",
                 pypsa_s / pipeline_s, pypsa_bytes / static_cast<double>(pipeline_peak));
    }
    fmt::print("\n");
  }

  if (!solve_cases.empty()) {
    fmt::print("## Build as a share of solve time (Clp dual simplex, presolve on)\n\n");
    fmt::print("| regions | snapshots | columns | rows | non-zeros | build ms | solve s | iterations | build/solve |\n");
    fmt::print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::fflush(stdout);
    for (const Case& c : solve_cases) {
      const Outcome o = run_in_child(c);
      if (!o.ok) {
        failed = true;
        fmt::print("| {} | {} | FAILED: {} | | | | | | |\n", c.regions, c.snapshots, o.why);
        std::fflush(stdout);
        continue;
      }
      const Measurement& m = o.m;
      fmt::print("| {} | {} | {} | {} | {} | {:.2f} | {:.2f} | {} | {:.3f}% |\n", c.regions, c.snapshots,
                 grouped(m.cols), grouped(m.rows), grouped(m.nonzeros), 1e3 * m.build_median_s, m.solve_s,
                 grouped(m.iterations), 100.0 * m.build_median_s / m.solve_s);
      std::fflush(stdout);
    }
    fmt::print("\n");
  }

  if (failed) {
    fmt::print(stderr, "silkgrid_bench_build: at least one case failed\n");
    return 1;
  }
  return 0;
}
