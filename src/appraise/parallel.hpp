#pragma once
// Independent runs (the with/without solves of appraisal and portfolio selection) in parallel
// with TBB, a given number at a time.
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <thread>

#include "core/cancel.hpp"
#include "core/error.hpp"

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

}  // namespace silkgrid::appraise
