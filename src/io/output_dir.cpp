#include "io/output_dir.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "core/error.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using core::Context;
using core::Error;
using core::ErrorKind;

namespace {
std::string unique_suffix() {
  return fmt::format("{}-{}", ::getpid(), std::chrono::steady_clock::now().time_since_epoch().count());
}
}  // namespace

OutputDir::OutputDir(fs::path target) : target_(std::move(target)) {
  std::error_code ec;
  if (target_.filename().empty()) target_ = target_.parent_path();  // "out/" → "out"
  if (fs::exists(target_, ec)) {
    if (!fs::is_directory(target_, ec))
      throw Error(ErrorKind::io, Context{target_.string(), 0, 0, ""}, "exists and is not a folder");
    if (!fs::is_empty(target_, ec) && !fs::exists(target_ / marker, ec))
      throw Error(ErrorKind::io, Context{target_.string(), 0, 0, ""},
                  "exists, is not empty and is not a silkgrid result folder; choose another --out");
  }
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) throw Error(ErrorKind::io, Context{parent.string(), 0, 0, ""}, "cannot create the folder: " + ec.message());
  staging_ = parent / fmt::format(".{}.tmp-{}", target_.filename().string(), unique_suffix());
  fs::create_directory(staging_, ec);
  if (ec) throw Error(ErrorKind::io, Context{staging_.string(), 0, 0, ""}, "cannot create the folder: " + ec.message());
  std::ofstream(staging_ / marker) << "written by silkgrid\n";
}

OutputDir::~OutputDir() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void OutputDir::commit() {
  std::error_code ec;
  fs::path old;
  if (fs::exists(target_, ec)) {
    old = target_.parent_path() / fmt::format(".{}.old-{}", target_.filename().string(), unique_suffix());
    if (target_.parent_path().empty()) old = fs::path(old.filename());
    fs::rename(target_, old, ec);
    if (ec) throw Error(ErrorKind::io, Context{target_.string(), 0, 0, ""}, "cannot replace the folder: " + ec.message());
  }
  fs::rename(staging_, target_, ec);
  if (ec) {
    std::error_code ignore;
    if (!old.empty()) fs::rename(old, target_, ignore);
    throw Error(ErrorKind::io, Context{target_.string(), 0, 0, ""}, "cannot move the results into place: " + ec.message());
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

void write_file_atomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp-" + unique_suffix();
  {
    std::ofstream out(tmp, std::ios::binary);
    out << content;
    out.flush();
    if (!out) throw Error(ErrorKind::io, Context{path.string(), 0, 0, ""}, "cannot write the file");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::io, Context{path.string(), 0, 0, ""}, "cannot write the file");
  }
}

}  // namespace silkgrid::io
