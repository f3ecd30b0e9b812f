// pcap-extract: packets, flows and application records from captures, as JSON lines.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::pcap_extract::MakeSpec(), argc, argv);
}
