// Atomic result folders: what commit replaces, what it refuses, and what killed runs left.
#include "io/output_dir.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "support/studies.hpp"

namespace fs = std::filesystem;
using silkgrid::core::Error;
using silkgrid::core::ErrorKind;
using silkgrid::io::OutputDir;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A result folder at `target` holding summary.json = `text`, written the way runs write it.
void make_results(const fs::path& target, const std::string& text) {
  OutputDir dir(target);
  write(dir.file("summary.json"), text);
  dir.commit();
}

// Sibling folders whose names hold `part` (.tmp-, .old-, .new-).
std::vector<fs::path> siblings(const fs::path& parent, const std::string& part) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(parent))
    if (e.path().filename().string().find(part) != std::string::npos) out.push_back(e.path());
  return out;
}

// The error of `f`, which must throw one.
template <typename F>
Error error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorKind::internal, "none");
}

// A PID that no process has: a child that has exited and been waited for.
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

}  // namespace

TEST(OutputDir, ReplacesAnEarlierResultFolderWithoutLeftovers) {
  const fs::path dir = silkgrid::test::temp_dir("silkgrid-outdir");
  make_results(dir / "out", "first");
  make_results(dir / "out", "second");
  EXPECT_EQ(read(dir / "out" / "summary.json"), "second");
  EXPECT_TRUE(siblings(dir, ".tmp-").empty());
  EXPECT_TRUE(siblings(dir, ".old-").empty());
  fs::remove_all(dir);
}

TEST(OutputDir, RefusesAtCommitAFolderThatAppearedDuringTheRun) {
  const fs::path dir = silkgrid::test::temp_dir("silkgrid-outdir");
  OutputDir out(dir / "out");
  write(out.file("summary.json"), "new");
  write(dir / "out" / "mine.txt", "precious");  // made by someone else while the run was solving
  const Error e = error_of([&] { out.commit(); });
  EXPECT_EQ(e.kind(), ErrorKind::io);
  EXPECT_NE(std::string(e.what()).find((dir / "out").string()), std::string::npos) << e.what();
  EXPECT_EQ(read(dir / "out" / "mine.txt"), "precious");
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));
  // The new results are kept beside it, where the message says.
  const auto kept = siblings(dir, "out.new-");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(read(kept[0] / "summary.json"), "new");
  EXPECT_NE(std::string(e.what()).find(kept[0].string()), std::string::npos) << e.what();
  EXPECT_TRUE(siblings(dir, ".tmp-").empty());
  fs::remove_all(dir);
}

TEST(OutputDir, RefusesAtCommitAFileThatAppearedDuringTheRun) {
  const fs::path dir = silkgrid::test::temp_dir("silkgrid-outdir");
  OutputDir out(dir / "out");
  write(out.file("summary.json"), "new");
  write(dir / "out", "a file, not a folder");
  const Error e = error_of([&] { out.commit(); });
  EXPECT_EQ(e.kind(), ErrorKind::io);
  EXPECT_EQ(read(dir / "out"), "a file, not a folder");
  EXPECT_EQ(siblings(dir, "out.new-").size(), 1u);
  EXPECT_TRUE(siblings(dir, ".tmp-").empty());
  fs::remove_all(dir);
}

TEST(OutputDir, NeverDeletesFilesAddedToAnEarlierResultFolder) {
  const fs::path dir = silkgrid::test::temp_dir("silkgrid-outdir");
  make_results(dir / "out", "first");
  // Added between the check of a new run and its commit: the commit refuses.
  {
    OutputDir out(dir / "out");
    write(out.file("summary.json"), "second");
    write(dir / "out" / "notes.txt", "mine");
    EXPECT_EQ(error_of([&] { out.commit(); }).kind(), ErrorKind::io);
    EXPECT_EQ(read(dir / "out" / "notes.txt"), "mine");
    EXPECT_EQ(read(dir / "out" / "summary.json"), "first");
  }
  // Already there when the next run starts: refused before it solves.
  const Error e = error_of([&] { OutputDir again(dir / "out"); });
  EXPECT_EQ(e.kind(), ErrorKind::io);
  EXPECT_NE(std::string(e.what()).find("notes.txt"), std::string::npos) << e.what();
  EXPECT_EQ(read(dir / "out" / "notes.txt"), "mine");
  EXPECT_TRUE(siblings(dir, ".tmp-").empty());
  EXPECT_TRUE(siblings(dir, ".old-").empty());
  fs::remove_all(dir);
}

TEST(OutputDir, FilesSilkgridAddsLaterAreItsOwn) {
  const fs::path dir = silkgrid::test::temp_dir("silkgrid-outdir");
  make_results(dir / "out", "first");
  silkgrid::io::write_file_atomically(dir / "out" / "report.html", "<html>");  // as `silkgrid report` does
  EXPECT_TRUE(silkgrid::io::foreign_entries(dir / "out").empty());
  make_results(dir / "out", "second");
  EXPECT_EQ(read(dir / "out" / "summary.json"), "second");
  EXPECT_FALSE(fs::exists(dir / "out" / "report.html"));
  fs::remove_all(dir);
}

TEST(OutputDir, CleansWhatKilledRunsLeftAndNothingElse) {
  const fs::path dir = silkgrid::test::temp_dir("silkgrid-outdir");
  make_results(dir / "out", "first");
  const long dead = dead_pid();
  const auto leftover = [&](const std::string& name, bool marker) {
    write(dir / name / "summary.json", "partial");
    if (marker) write(dir / name / OutputDir::marker, "written by silkgrid\n");
  };
  leftover(fmt::format(".out.tmp-{}-1", dead), true);           // a killed run's staging folder: removed
  leftover(fmt::format(".out.old-{}-2", dead), true);           // a killed run's replaced folder: removed
  leftover(fmt::format(".out.tmp-{}-3", dead), false);          // no marker: not silkgrid's, kept
  leftover(fmt::format(".out.tmp-{}-4", ::getppid()), true);    // a live process (the test runner): kept
  leftover(fmt::format(".other.tmp-{}-5", dead), true);         // another target's: kept
  leftover(fmt::format(".out.tmp-x{}-6", dead), true);          // not a PID: kept
  {
    OutputDir out(dir / "out");
    EXPECT_FALSE(fs::exists(dir / fmt::format(".out.tmp-{}-1", dead)));
    EXPECT_FALSE(fs::exists(dir / fmt::format(".out.old-{}-2", dead)));
    for (const auto& kept : {fmt::format(".out.tmp-{}-3", dead), fmt::format(".out.tmp-{}-4", ::getppid()),
                             fmt::format(".other.tmp-{}-5", dead), fmt::format(".out.tmp-x{}-6", dead)})
      EXPECT_TRUE(fs::exists(dir / kept / "summary.json")) << kept;
  }
  // A run killed between its two renames left only the old folder: it comes back.
  fs::rename(dir / "out", dir / fmt::format(".out.old-{}-7", dead));
  OutputDir again(dir / "out");
  EXPECT_EQ(read(dir / "out" / "summary.json"), "first");
  fs::remove_all(dir);
}
