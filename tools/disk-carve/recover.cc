// placeholder until recover lands
#include "options.h"
namespace seckit::disk_carve {
Status RunRecover(const Options&, Io&) { return Status::Usage("recover: not yet"); }
Status RunCarve(const Options&, Io&) { return Status::Usage("carve: not yet"); }
}  // namespace seckit::disk_carve
