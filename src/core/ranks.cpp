#include "core/ranks.hpp"

#include <mpi.h>

#include <climits>
#include <cstdlib>
#include <stdexcept>

namespace silkgrid::core {

namespace {
int as_int(std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX)) throw std::length_error("a message between ranks of more than 2 GB");
  return static_cast<int>(n);
}
}  // namespace

void Ranks::broadcast(std::string& bytes) const {
  if (size_ == 1) return;
  std::uint64_t n = bytes.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  bytes.resize(n);
  MPI_Bcast(bytes.data(), as_int(n), MPI_CHAR, 0, MPI_COMM_WORLD);
}

std::vector<std::string> Ranks::all_gather(const std::string& mine) const {
  if (size_ == 1) return {mine};
  const int n = as_int(mine.size());
  std::vector<int> sizes(static_cast<std::size_t>(size_));
  MPI_Allgather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, MPI_COMM_WORLD);
  std::vector<int> offsets(sizes.size());
  std::size_t total = 0;
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    offsets[r] = as_int(total);
    total += static_cast<std::size_t>(sizes[r]);
  }
  as_int(total);
  std::string all(total, '\0');
  MPI_Allgatherv(mine.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, MPI_COMM_WORLD);
  std::vector<std::string> out;
  for (std::size_t r = 0; r < sizes.size(); ++r)
    out.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(sizes[r])));
  return out;
}

void Ranks::abort(int code) const {
  if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

MpiSession::MpiSession(int& argc, char**& argv) {
  if (!std::getenv("OMPI_COMM_WORLD_SIZE")) return;
  int provided = 0;
  // Only the main thread calls MPI (the subperiods' TBB threads never do).
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &ranks_.rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks_.size_);
}

MpiSession::~MpiSession() {
  if (initialised_) MPI_Finalize();
}

void Reader::fail() const { throw std::length_error("a message between ranks ends early"); }

void Reader::take(void* to, std::size_t n) {
  if (n > bytes_.size() - at_) fail();
  if (n > 0) std::memcpy(to, bytes_.data() + at_, n);
  at_ += n;
}

}  // namespace silkgrid::core
