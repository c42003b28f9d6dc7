#include "core/error.hpp"

#include "core/cancel.hpp"

#include <fmt/format.h>

namespace silkgrid::core {

std::string Context::to_string() const {
  std::string out = file;
  if (!file.empty() && line > 0) out += column > 0 ? fmt::format(":{}:{}", line, column) : fmt::format(":{}", line);
  if (!key.empty()) out += out.empty() ? key : ": " + key;
  return out;
}

namespace {
std::string compose(const Context& context, const std::string& message) {
  const std::string where = context.to_string();
  return where.empty() ? message : where + ": " + message;
}
}  // namespace

Error::Error(ErrorKind kind, Context context, const std::string& message)
    : std::runtime_error(compose(context, message)),
      kind_(kind),
      context_(std::move(context)),
      message_(message) {}

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::input: return 2;
    case ErrorKind::infeasible: return 3;
    case ErrorKind::unbounded: return 4;
    case ErrorKind::solver: return 5;
    case ErrorKind::io: return 6;
    case ErrorKind::internal: return 70;
    case ErrorKind::interrupted: return 130;  // 128 + SIGINT, as shells report it
  }
  return 70;
}

void Cancel::throw_if_requested(const char* phase) const {
  if (requested())
    throw Error(ErrorKind::interrupted, Context{}, fmt::format("interrupted {} (Ctrl-C or SIGTERM)", phase));
}

}  // namespace silkgrid::core
