// disk-carve's dispatch: the subcommand chosen on the command line runs.
#include "options.h"

namespace seckit::disk_carve {

Status Run(const Options& options, Io& io) {
  switch (options.command) {
    case Command::kList:
      return RunList(options, io);
    case Command::kRecover:
      return RunRecover(options, io);
    case Command::kCarve:
      return RunCarve(options, io);
    case Command::kNone:
      break;
  }
  return Status::Usage("a command is required: list, recover or carve");
}

}  // namespace seckit::disk_carve
