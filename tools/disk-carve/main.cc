// disk-carve: list, recover, carve, hash and YARA-scan files in disk images with Sleuth Kit.
#include "options.h"
#include "seckit/sanitizer.h"

#if SECKIT_ADDRESS_SANITIZER
// libtsk's image-type detection leaks its probes of the VHD and VMDK libraries (and a few of its
// own buffers) once per image opened; not ours to fix, so sanitizer builds suppress them quietly.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libvhdi\nleak:libvmdk\nleak:libewf\nleak:libtsk\n";
}
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::disk_carve::MakeSpec(), argc, argv);
}
