#pragma once
// Errors carry their context: the file, the line (and column) and the key that is wrong,
// and what was expected. They are thrown at the edges (reading, validating) and caught by
// the command line, which prints them and exits with a non-zero status.
#include <stdexcept>
#include <string>

namespace silkgrid::core {

struct Context {
  std::string file;  // study file, CSV file or "<builtin>/..."; empty if none
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
  std::string key;   // dotted path of the key, e.g. "generators[2].p_nom_mw"

  std::string to_string() const;  // "file:line:column: key"
};

// interrupted: the run was stopped by Ctrl-C or SIGTERM (core::Cancel), exit status 130.
enum class ErrorKind { input, infeasible, unbounded, solver, io, internal, interrupted };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, Context context, const std::string& message);
  Error(ErrorKind kind, const std::string& message) : Error(kind, Context{}, message) {}
  ErrorKind kind() const { return kind_; }
  const Context& context() const { return context_; }
  const std::string& message() const { return message_; }

 private:
  ErrorKind kind_;
  Context context_;
  std::string message_;
};

// Exit status the command line uses for each kind of error (documented in the README).
int exit_code(ErrorKind kind);

}  // namespace silkgrid::core
