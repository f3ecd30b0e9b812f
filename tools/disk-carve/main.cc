// disk-carve: list, recover, carve, hash and YARA-scan files in disk images with Sleuth Kit.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::disk_carve::MakeSpec(), argc, argv);
}
