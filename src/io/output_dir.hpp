#pragma once
// Atomic output folders: results are written into a temporary sibling folder which replaces
// the target only when everything is written. A failed run leaves the target as it was.
#include <filesystem>
#include <string>

namespace silkgrid::io {

class OutputDir {
 public:
  // Refuses (core::Error(io)) a target that exists and is neither empty nor a silkgrid result
  // folder (one holding the marker file), so that --out never replaces unrelated files.
  explicit OutputDir(std::filesystem::path target);
  ~OutputDir();  // removes the temporary folder unless committed
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Where to write the files now.
  const std::filesystem::path& staging() const { return staging_; }
  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  // Moves the staging folder into place.
  void commit();

  static constexpr const char* marker = ".silkgrid-results";

 private:
  std::filesystem::path target_, staging_;
  bool committed_ = false;
};

// Writes `content` to `path` through a temporary file and a rename.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace silkgrid::io
