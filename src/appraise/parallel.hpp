#pragma once
// Independent runs (the with/without solves of appraisal and portfolio selection) in parallel
// with TBB, a given number at a time.
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <thread>

namespace silkgrid::appraise {

// Calls body(i) for every i in [0, n), `threads` at a time (0 = one per core).
template <typename Body>
void parallel_runs(std::size_t n, int threads, Body&& body) {
  const int workers = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(workers));
  tbb::parallel_for(std::size_t{0}, n, body);
}

}  // namespace silkgrid::appraise
