// MPS files through CoinUtils' CoinMpsIO (writer and reader); nothing hand-written.
#include <CoinMpsIO.hpp>
#include <CoinError.hpp>
#include <CoinFinite.hpp>
#include <CoinPackedMatrix.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <cfloat>
#include <chrono>
#include <filesystem>

#include "core/error.hpp"
#include "lp/solver.hpp"

namespace silkgrid::lp {

namespace fs = std::filesystem;

void write_mps(const LinearProgram& lp, const std::string& path) {
  lp.check();
  const core::Context where{path, 0, 0, "--write-lp"};
  std::error_code ec;
  if (path.empty() || fs::path(path).filename().empty() || fs::is_directory(path, ec))
    throw core::Error(core::ErrorKind::io, where, "is a folder; expected the path of an MPS file to write, e.g. study.mps");
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw core::Error(core::ErrorKind::io, where, fmt::format("the folder '{}' does not exist", parent.string()));
  std::vector<int> lengths(static_cast<std::size_t>(lp.num_cols));
  for (std::size_t j = 0; j < lengths.size(); ++j) lengths[j] = lp.start[j + 1] - lp.start[j];
  const CoinPackedMatrix matrix(true, lp.num_rows, lp.num_cols, static_cast<CoinBigIndex>(lp.value.size()),
                                lp.value.data(), lp.index.data(), lp.start.data(), lengths.data());
  CoinMpsIO io;
  io.messageHandler()->setLogLevel(0);
  const std::vector<std::string> no_names;
  const bool named = lp.col_names.size() == static_cast<std::size_t>(lp.num_cols) &&
                     lp.row_names.size() == static_cast<std::size_t>(lp.num_rows);
  io.setMpsData(matrix, COIN_DBL_MAX, lp.col_lower.data(), lp.col_upper.data(), lp.cost.data(), nullptr,
                lp.row_lower.data(), lp.row_upper.data(), named ? lp.col_names : no_names,
                named ? lp.row_names : no_names);
  io.setObjectiveOffset(-lp.objective_offset);
  // A temporary name of this process beside the target, so that concurrent writers never share it.
  const std::string tmp =
      fmt::format("{}.tmp-{}-{}", path, ::getpid(), std::chrono::steady_clock::now().time_since_epoch().count());
  const auto fail = [&](const std::string& message) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return core::Error(core::ErrorKind::io, where, message);
  };
  int written = -1;
  try {
    written = io.writeMps(tmp.c_str(), 0, 1, 2);
  } catch (const CoinError& e) {
    throw fail("cannot write the MPS file (CoinMpsIO: " + e.message() + "); check that the folder is writable");
  }
  if (written != 0) throw fail("cannot write the MPS file; check that the folder is writable and has space");
  fs::rename(tmp, path, ec);
  if (ec) throw fail("cannot write the MPS file: " + ec.message());
}

LinearProgram read_mps(const std::string& path) {
  CoinMpsIO io;
  io.messageHandler()->setLogLevel(0);
  int read = -1;
  try {
    read = io.readMps(path.c_str(), "");
  } catch (const CoinError& e) {
    throw core::Error(core::ErrorKind::input, core::Context{path, 0, 0, ""}, "not a readable MPS file: " + e.message());
  }
  if (read != 0)
    throw core::Error(core::ErrorKind::input, core::Context{path, 0, 0, ""}, "not a readable MPS file");
  LinearProgram lp;
  lp.num_cols = io.getNumCols();
  lp.num_rows = io.getNumRows();
  const CoinPackedMatrix* m = io.getMatrixByCol();
  auto to_inf = [](double v) { return v >= COIN_DBL_MAX ? infinity : (v <= -COIN_DBL_MAX ? -infinity : v); };
  for (int j = 0; j < lp.num_cols; ++j) {
    lp.col_lower.push_back(to_inf(io.getColLower()[j]));
    lp.col_upper.push_back(to_inf(io.getColUpper()[j]));
    lp.cost.push_back(io.getObjCoefficients()[j]);
    lp.col_names.emplace_back(io.columnName(j));
  }
  for (int i = 0; i < lp.num_rows; ++i) {
    lp.row_lower.push_back(to_inf(io.getRowLower()[i]));
    lp.row_upper.push_back(to_inf(io.getRowUpper()[i]));
    lp.row_names.emplace_back(io.rowName(i));
  }
  lp.start.push_back(0);
  for (int j = 0; j < lp.num_cols; ++j) {
    const CoinBigIndex first = m->getVectorStarts()[j];
    const int length = m->getVectorLengths()[j];
    for (int k = 0; k < length; ++k) {
      lp.index.push_back(m->getIndices()[first + k]);
      lp.value.push_back(m->getElements()[first + k]);
    }
    lp.start.push_back(static_cast<int>(lp.index.size()));
  }
  lp.objective_offset = -io.objectiveOffset();
  return lp;
}

}  // namespace silkgrid::lp
