#pragma once
// A cancellation token: the command line's signal handler (Ctrl-C, SIGTERM) requests it, and
// the library checks it between phases and inside the solvers' event handlers. Requesting is
// async-signal-safe (a lock-free atomic store), so a signal handler may call it.
#include <atomic>

namespace silkgrid::core {

class Cancel {
 public:
  void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
  bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }
  // Throws core::Error(interrupted) when requested; `phase` says where the run stopped.
  void throw_if_requested(const char* phase) const;

 private:
  static_assert(std::atomic<bool>::is_always_lock_free);
  std::atomic<bool> requested_{false};
};

// Throws when `cancel` (may be null: never cancelled) is requested.
inline void check_cancel(const Cancel* cancel, const char* phase) {
  if (cancel) cancel->throw_if_requested(phase);
}

}  // namespace silkgrid::core
