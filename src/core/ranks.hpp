#pragma once
// Which process of a distributed run this is, and the two collective operations that the
// decomposition needs (README, "Decomposition by time": over MPI). A default Ranks is one
// process, and its operations do nothing; an MpiSession, created once by the command line when
// mpirun launched it, hands out the ranks of MPI_COMM_WORLD. The library never reaches MPI but
// through a Ranks that it is given (in formulate::SolveStudyOptions).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace silkgrid::core {

class Ranks {
 public:
  Ranks() = default;  // one process
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  bool distributed() const { return size_ > 1; }

  // Collective: rank 0's `bytes` replace every other rank's.
  void broadcast(std::string& bytes) const;
  // Collective: every rank's `mine`, by rank, on every rank.
  std::vector<std::string> all_gather(const std::string& mine) const;
  // Ends every process of the run with `code` (a failure that the others cannot learn of).
  [[noreturn]] void abort(int code) const;

 private:
  friend class MpiSession;
  int rank_ = 0, size_ = 1;
};

// MPI_Init on construction when this process was launched by mpirun (Open MPI sets
// OMPI_COMM_WORLD_SIZE), MPI_Finalize on destruction; otherwise one process and no MPI at all.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  const Ranks& ranks() const { return ranks_; }

 private:
  Ranks ranks_;
  bool initialised_ = false;
};

// Plain values in and out of a byte string, for the messages between ranks (same program,
// same machine kind: no byte-order conversion).
class Writer {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void put(const std::vector<double>& values) {
    put<std::uint64_t>(values.size());
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  }
  void put(const std::string& text) {
    put<std::uint64_t>(text.size());
    bytes_.append(text);
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    take(&value, sizeof(T));
    return value;
  }
  std::vector<double> get_doubles() {
    const auto n = get<std::uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(double)) fail();
    std::vector<double> values(n);
    take(values.data(), values.size() * sizeof(double));
    return values;
  }
  std::string get_string() {
    const auto n = get<std::uint64_t>();
    if (n > bytes_.size() - at_) fail();
    std::string text(n, '\0');
    take(text.data(), text.size());
    return text;
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  void take(void* to, std::size_t n);
  [[noreturn]] void fail() const;
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace silkgrid::core
