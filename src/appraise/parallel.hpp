#pragma once
// Independent runs (the with/without solves of appraisal and portfolio selection) in parallel
// with TBB, a given number at a time.
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/ranks.hpp"

namespace silkgrid::appraise {

// True for the error of a cancelled run (Ctrl-C): a run's body may record other errors as that
// run's failure, never this one, which must stop them all.
inline bool is_interrupted(const core::Error& e) { return e.kind() == core::ErrorKind::interrupted; }

// Calls body(i) for every i in [0, n), `threads` at a time (0 = one per core). When `cancel` is
// requested, runs not yet started do not start, and the interrupted error (from the check here
// or from a run's solve, which watches the same token) stops the loop and is rethrown here:
// TBB cancels the remaining iterations and rethrows the first exception.
template <typename Body>
void parallel_runs(std::size_t n, int threads, const core::Cancel* cancel, Body&& body) {
  const int workers = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(workers));
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    core::check_cancel(cancel, "before a with/without run");
    body(i);
  });
  core::check_cancel(cancel, "after the with/without runs");
}

// The same over the ranks of a run over MPI (null or one process: parallel_runs): rank r runs
// the i with i mod size = r, `threads` at a time; then every rank learns every run's outcome,
// which put(i, writer) writes where it ran and get(i, reader) reads everywhere else, so that
// every rank goes on with the same figures. Each run is solved in one process (the runs of a
// rank run side by side in threads, and only the main thread may call MPI).
template <typename Body, typename Put, typename Get>
void distributed_runs(std::size_t n, int threads, const core::Cancel* cancel, const core::Ranks* ranks, Body&& body,
                      Put&& put, Get&& get) {
  if (!ranks || !ranks->distributed()) {
    parallel_runs(n, threads, cancel, body);
    return;
  }
  const auto size = static_cast<std::size_t>(ranks->size()), rank = static_cast<std::size_t>(ranks->rank());
  std::vector<std::size_t> mine;
  for (std::size_t i = rank; i < n; i += size) mine.push_back(i);
  parallel_runs(mine.size(), threads, cancel, [&](std::size_t j) { body(mine[j]); });
  core::Writer w;
  for (std::size_t i : mine) {
    w.put<std::uint64_t>(i);
    put(i, w);
  }
  for (const std::string& bytes : ranks->all_gather(w.bytes())) {
    core::Reader r(bytes);
    while (!r.done()) {
      const auto i = r.get<std::uint64_t>();
      if (i >= n) throw core::Error(core::ErrorKind::internal, "a with/without run's index from another rank is out of range");
      get(static_cast<std::size_t>(i), r);
    }
  }
}

}  // namespace silkgrid::appraise
